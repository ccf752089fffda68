/**
 * What the explorer's JSON API answers, as {@link ExplorerClient} returns it: the API's JSON with
 * every amount, time (unix seconds, chain time) and block number as a `bigint` (the API sends them
 * as decimal strings), addresses and hashes in lower case as the API gives them. The routes are
 * documented in docs/explorer.md.
 */
import type { NextAction } from "./next-action.js";
import type { OrderStatus } from "./types.js";

/** An order's status in the explorer (an explorer never lists `None`). */
export type ExplorerOrderStatus = Exclude<OrderStatus, "None">;

/** A party's role in an order. */
export type ExplorerOrderRole = "buyer" | "seller" | "arbiter";

/** What the page needs to format an amount of a settlement token. */
export interface ExplorerCurrency {
  readonly address: string;
  /** ISO 4217 code, e.g. `USD`. */
  readonly currency: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** `GET /api/status`: the chain, what is indexed, and whether the data can be trusted. */
export interface ExplorerStatus {
  readonly chainId: number | null;
  readonly genesisHash: string | null;
  readonly contracts: { readonly escrow: string; readonly registry: string } | null;
  readonly startBlock: bigint | null;
  readonly indexedBlock: bigint | null;
  /** The indexed block's time: chain time, by which deadlines and expiries are judged. */
  readonly chainTime: bigint | null;
  readonly headBlock: bigint | null;
  readonly blocksBehind: bigint;
  readonly lastEventBlock: bigint | null;
  readonly eventsIndexed: bigint;
  readonly txUrl: string | null;
  readonly caughtUp: boolean;
  /** The chain is not the one indexed (reset, went back, rewritten): `problems` says how. */
  readonly stale: boolean;
  readonly problems: readonly string[];
  readonly rebuild: string | null;
}

/** An order as the lists give it: terms, where it stands, the money, and its place in the chain. */
export interface ExplorerOrderSummary {
  readonly id: string;
  readonly buyer: string;
  readonly seller: string;
  readonly token: string;
  readonly amount: bigint;
  readonly productId: string;
  /** ISO-3166-1 numeric code, and its alpha-2 code (null for a code without one). */
  readonly destination: number;
  readonly destinationCountry: string | null;
  readonly shipBy: bigint;
  readonly confirmWindow: number;
  readonly feeBps: number;
  readonly arbiter: string;
  /** The arbiter named is the escrow's default arbiter (as it was when the order was made). */
  readonly defaultArbiter: boolean;
  /** The product's HS chapter when the order was made (0: the product was not registered). */
  readonly hsChapter: number;
  readonly ref: string;
  readonly status: ExplorerOrderStatus;
  /** When the order entered its status. */
  readonly since: bigint;
  /** Still held by the escrow for this order. */
  readonly escrowed: bigint;
  /** Paid to the seller, net of fees. */
  readonly released: bigint;
  /** Returned to the buyer. */
  readonly refunded: bigint;
  readonly fees: bigint;
  readonly trackingHash: string | null;
  readonly customsCleared: boolean;
  readonly disputedBy: string | null;
  readonly complaintFiled: boolean;
  /** The pending settlement offer: the buyer's total, and who offered it. */
  readonly settlementBuyerAmount: bigint | null;
  readonly settlementProposer: string | null;
  readonly createdAt: bigint;
  readonly createdBlock: bigint;
  readonly createdLogIndex: number;
  readonly createdTx: string;
  readonly updatedAt: bigint;
  /** Order events so far. */
  readonly events: number;
  readonly currency: ExplorerCurrency | null;
}

/** A participant's order, with the participant's role in it. */
export interface ExplorerPartyOrder extends ExplorerOrderSummary {
  readonly role: ExplorerOrderRole;
}

/** One page of a list of orders, newest first (by place in the chain). */
export interface ExplorerOrderPage<T extends ExplorerOrderSummary = ExplorerOrderSummary> {
  /** Orders matching the filters, on every page. */
  readonly total: number;
  readonly limit: number;
  /** The cursor this page was asked with (null: the first page). */
  readonly cursor: string | null;
  /** Give it as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly orders: readonly T[];
}

/** A participant's orders, with the filters that were applied (null: none). */
export interface ExplorerPartyOrderPage extends ExplorerOrderPage<ExplorerPartyOrder> {
  readonly address: string;
  readonly role: readonly ExplorerOrderRole[] | null;
  readonly status: readonly ExplorerOrderStatus[] | null;
}

/** One event of an order's timeline, in chain order; `args` as the API sends them (strings). */
export interface ExplorerTimelineEvent {
  /** The escrow event's name, e.g. `OrderShipped`. */
  readonly name: string;
  /** Who sent the transaction (or the account the event names). */
  readonly actor: string | null;
  /** The event's arguments: bigints as decimal strings, addresses and hashes as hex. */
  readonly args: Readonly<Record<string, string | boolean>>;
  readonly blockNumber: bigint;
  readonly logIndex: number;
  readonly txHash: string;
  readonly timestamp: bigint;
}

/** A party of an order with its registration as the explorer has indexed it. */
export interface ExplorerParty {
  readonly role: ExplorerOrderRole;
  readonly address: string;
  readonly registered: boolean;
  /** Role bitmask (`ParticipantRole`). */
  readonly roles: number;
  readonly jurisdiction: number | null;
  readonly country: string | null;
  readonly identityHash: string | null;
  readonly suspended: boolean;
  /** The arbiter only: it is the escrow's default arbiter. */
  readonly defaultArbiter?: boolean;
}

/** Evidence or an offer filed in a dispute. */
export interface ExplorerFiled {
  readonly by: string;
  readonly at: bigint;
  readonly txHash: string;
}

/** An order's dispute: who opened it, evidence (hashes), offers, the period and the ruling. */
export interface ExplorerDispute {
  readonly openedBy: string;
  readonly openedAt: bigint;
  readonly evidence: readonly (ExplorerFiled & { readonly hash: string })[];
  /** Offers name the buyer's total for the whole order, refunds already paid included. */
  readonly offers: readonly (ExplorerFiled & { readonly buyerTotal: bigint })[];
  readonly pendingOffer: { readonly by: string; readonly buyerTotal: bigint } | null;
  /** From then on anyone may close the dispute as stale. */
  readonly arbitrationEndsAt: bigint;
  readonly ruling:
    | (ExplorerFiled & {
        /** `Ruling`, `Settlement` or `Stale`. */
        readonly resolution: string;
        /** What this close paid the buyer. */
        readonly buyerAmount: bigint;
        /** The buyer's total for the whole order after it, refunds before it included. */
        readonly buyerTotal: bigint;
        readonly sellerAmount: bigint;
        readonly fee: bigint;
        readonly rulingHash: string;
      })
    | null;
}

/** `GET /api/orders/:id`: the order, its parties, who acts next, its dispute and its timeline. */
export interface ExplorerOrder extends ExplorerOrderSummary {
  /** The product's HS code as a number (`9023000`) and as written (`0902.30.00`). */
  readonly productHsCode: number | null;
  readonly productHsCodeText: string | null;
  /** Buyer, seller and arbiter, in that order. */
  readonly parties: readonly ExplorerParty[];
  /** The time of the indexed block this answer is true at. */
  readonly chainTime: bigint | null;
  readonly escrowPeriods: { readonly customsPeriod: bigint; readonly arbitrationPeriod: bigint };
  /** Whether the arbiter may still rule (not suspended, still an arbiter). */
  readonly arbiterCanRule: boolean;
  /** Who may act next and until when at `chainTime`: the SDK's `nextActionOf`. */
  readonly nextAction: NextAction | null;
  readonly dispute: ExplorerDispute | null;
  /** Every escrow event of the order, in chain order. */
  readonly timeline: readonly ExplorerTimelineEvent[];
}

/** `GET /api/activity`: one order event with its order's terms. */
export interface ExplorerActivityEvent extends ExplorerTimelineEvent {
  /** `<block>-<logIndex>-…`: Ponder's event id. */
  readonly id: string;
  readonly orderId: string;
  /** The order's status now. */
  readonly status: ExplorerOrderStatus;
  readonly terms: {
    readonly buyer: string;
    readonly seller: string;
    readonly amount: bigint;
    readonly productId: string;
    readonly destination: number;
    readonly feeBps: number;
    readonly shipBy: bigint;
  };
  readonly destinationCountry: string | null;
  readonly currency: ExplorerCurrency | null;
}

/** A page of the activity, newest first. */
export interface ExplorerActivityPage {
  readonly limit: number;
  readonly cursor: string | null;
  readonly nextCursor: string | null;
  readonly events: readonly ExplorerActivityEvent[];
}

/** A participant's credit record in one currency (the escrow's counters and volume). */
export interface ExplorerCreditLine {
  readonly token: string;
  readonly currency: ExplorerCurrency | null;
  readonly salesCompleted: number;
  readonly purchasesCompleted: number;
  readonly cancelledAsBuyer: number;
  readonly rejectedAsSeller: number;
  readonly missedShipBy: number;
  readonly rejectedAtCustoms: number;
  readonly refundedAsSeller: number;
  readonly disputesOpened: number;
  readonly disputesWon: number;
  readonly disputesLost: number;
  readonly disputesDrawn: number;
  /** In the token's smallest unit. */
  readonly volume: bigint;
  /** What the account, as seller, handed back with `refund`, in the token's smallest unit. */
  readonly refundedVolume: bigint;
  readonly updatedAt: bigint;
}

/** One change of a participant's record. */
export interface ExplorerParticipantChange {
  /** `Registered`, `Updated`, `Suspended`, `Reinstated`. */
  readonly kind: string;
  readonly roles: number | null;
  readonly jurisdiction: number | null;
  readonly identityHash: string | null;
  readonly reasonHash: string | null;
  readonly version: number;
  readonly registrar: string;
  readonly blockNumber: bigint;
  readonly txHash: string;
  readonly timestamp: bigint;
}

/** `GET /api/participants/:address`: registration, credit per currency, balances, recent orders. */
export interface ExplorerParticipant {
  readonly address: string;
  readonly registered: boolean;
  readonly roles: number;
  readonly jurisdiction: number | null;
  readonly country: string | null;
  readonly identityHash: string | null;
  readonly version: number | null;
  readonly suspended: boolean;
  readonly suspensionReasonHash: string | null;
  readonly registeredAt: bigint | null;
  readonly changes: readonly ExplorerParticipantChange[];
  readonly credit: readonly ExplorerCreditLine[];
  readonly balances: readonly {
    readonly amount: bigint;
    readonly currency: ExplorerCurrency | null;
  }[];
  /** Orders in any role. */
  readonly orderCount: number;
  /** The most recent 100 orders; all of them through `ordersOf`. */
  readonly orders: readonly {
    readonly id: string;
    readonly role: ExplorerOrderRole;
    readonly status: ExplorerOrderStatus;
    readonly amount: bigint;
    readonly currency: ExplorerCurrency | null;
    readonly createdAt: bigint;
  }[];
}

/** A list entry that decides a product's clearance in a country. */
export interface ExplorerListEntry {
  readonly jurisdiction: number;
  readonly status: "Positive" | "Negative" | "Unlisted";
  readonly expiresAt: bigint;
  readonly version: number;
  readonly reasonHash: string;
  readonly authority: string;
  readonly updatedAt: bigint;
  readonly updatedBlock: bigint;
}

/** A product's effective clearance in one country and the entry that decided it. */
export interface ExplorerClearance {
  readonly jurisdiction: number;
  readonly country: string | null;
  /** The HS code the country applies to the product. */
  readonly hsCode: number;
  readonly hsCodeText: string;
  /** The country has customs authorities, who then clear each shipment of an unlisted product. */
  readonly customsRequired: boolean;
  readonly canEnter: boolean;
  /** What the registry's `clearanceOf` decides. */
  readonly status: "Positive" | "Negative" | "Unlisted";
  /** The product's own entry, an HS prefix's entry, or none. */
  readonly source: "Product" | "Tariff" | "None";
  /** The deciding prefix's level (2, 4, 6 or 8) and code, 0 unless `source` is `Tariff`. */
  readonly digits: number;
  readonly code: number;
  readonly codeText: string | null;
  readonly entry: ExplorerListEntry | null;
  /** What an order to the country can expect. */
  readonly outcome: "refused" | "cleared-on-shipment" | "customs-clearance";
}

/** `GET /api/countries/:country/clearance`: can the product enter the country? */
export interface ExplorerClearanceAnswer extends ExplorerClearance {
  /** The product asked about (null when asked by a bare HS code). */
  readonly product: string | null;
}

/** `GET /api/products/:id`: owner, HS code and its history, clearance per country, complaints. */
export interface ExplorerProduct {
  readonly id: string;
  readonly owner: string;
  readonly hsCode: number;
  readonly hsCodeText: string;
  readonly hsCodeVersion: number;
  readonly metadataHash: string;
  readonly metadataVersion: number;
  readonly complaintCount: number;
  readonly registeredAt: bigint;
  readonly registeredTx: string;
  readonly updatedAt: bigint;
  /** Effective clearance in every country that lists anything or has customs authorities. */
  readonly clearance: readonly ExplorerClearance[];
  readonly listings: readonly (ExplorerListEntry & { readonly country: string | null })[];
  readonly orderCount: number;
  /** The rest of the route's answer (HS history, versions, listing history, complaints). */
  readonly [more: string]: unknown;
}

/** `GET /api/search?q=`: what the text names and the page that shows it. */
export interface ExplorerSearchResult {
  readonly kind: "order" | "product" | "participant" | "country" | "transaction" | "token" | "hs";
  readonly id: string;
  readonly path: string;
}
