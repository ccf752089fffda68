/**
 * The explorer's tables: one row per thing a page shows (order, participant, product, listing,
 * token, credit record) kept current by the handlers, plus append-only history tables (order
 * events, listing changes, product versions, participant changes, complaints, transfers of
 * fees) so that every page is answered by an index lookup, never by a scan of the chain.
 * Amounts are `bigint` (numeric), hashes and addresses `hex`, times unix seconds as `bigint`.
 */
import { index, onchainTable } from "ponder";

// Ponder takes every table this module exports, those of these files too.
export * from "./schema/charts";
export * from "./schema/fx";
export * from "./schema/webhooks";

/**
 * One event of an order's timeline as the order route and GraphQL serve it: bigints as decimal
 * strings, addresses and hashes as the chain gave them.
 */
export interface TimelineElement {
  readonly name: string;
  readonly actor: `0x${string}` | null;
  readonly args: Record<string, string | boolean>;
  readonly blockNumber: string;
  readonly logIndex: number;
  readonly txHash: `0x${string}`;
  readonly timestamp: string;
}

/** Facts about the indexed chain, written once by the escrow's setup: used to detect a reset. */
export const chainInfo = onchainTable("chain_info", (t) => ({
  id: t.integer().primaryKey(),
  chainId: t.integer().notNull(),
  genesisHash: t.hex().notNull(),
  escrow: t.hex().notNull(),
  registry: t.hex().notNull(),
  startBlock: t.bigint().notNull(),
  /** The escrow's `ARBITRATION_PERIOD` (seconds a dispute may stay open). */
  arbitrationPeriod: t.bigint().notNull(),
  /** The escrow's `CUSTOMS_PERIOD` (seconds customs have before a shipment may be disputed). */
  customsPeriod: t.bigint().notNull(),
}));

/** The most recent block whose events were indexed (hash kept to notice a chain going back). */
export const lastBlock = onchainTable("last_block", (t) => ({
  id: t.integer().primaryKey(),
  number: t.bigint().notNull(),
  hash: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
  events: t.bigint().notNull(),
}));

/** One order: its terms, where it stands and what the escrow did with the money. */
export const tradeOrder = onchainTable(
  "trade_order",
  (t) => ({
    id: t.hex().primaryKey(),
    buyer: t.hex().notNull(),
    seller: t.hex().notNull(),
    token: t.hex().notNull(),
    amount: t.bigint().notNull(),
    productId: t.hex().notNull(),
    destination: t.integer().notNull(),
    shipBy: t.bigint().notNull(),
    confirmWindow: t.integer().notNull(),
    feeBps: t.integer().notNull(),
    arbiter: t.hex().notNull(),
    /** The arbiter named is the escrow's default arbiter (as it was when the order was made). */
    defaultArbiter: t.boolean().notNull(),
    /**
     * The order's classification snapshot (`OrderState.hsCode`): the HS code in force at the
     * destination when the order was made (a binding there, else the declared code), kept when the
     * destination had tariff listings and the product no live entry of its own; else 0. Customs
     * decide the shipment on it, whatever re-classification came later.
     */
    hsCode: t.integer().notNull(),
    /** The chapter of the product's HS code in force at the destination when the order was made (0: not registered). */
    hsChapter: t.integer().notNull(),
    ref: t.hex().notNull(),
    status: t.text().notNull(),
    /** When the order entered its current status. */
    since: t.bigint().notNull(),
    /** Still held by the escrow for this order. */
    escrowed: t.bigint().notNull(),
    /** Paid to the seller (net of fees). */
    released: t.bigint().notNull(),
    /** Returned to the buyer. */
    refunded: t.bigint().notNull(),
    fees: t.bigint().notNull(),
    trackingHash: t.hex(),
    customsCleared: t.boolean().notNull(),
    disputedBy: t.hex(),
    complaintFiled: t.boolean().notNull(),
    /**
     * The pending settlement offer: the buyer's total for the whole order it names (refunds
     * already paid included) and who offered it.
     */
    settlementBuyerAmount: t.bigint(),
    settlementProposer: t.hex(),
    createdAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    /** With `createdBlock`, the order's place in the chain: what the order lists page by. */
    createdLogIndex: t.integer().notNull(),
    createdTx: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
    events: t.integer().notNull(),
    /**
     * The order's timeline as the order route serves it: a JSON array (GraphQL's `JSON`), one
     * element per order event in chain order, appended by each handler, so the route reads it with
     * the row (no join) and splices its text into the response.
     */
    timeline: t.json().$type<TimelineElement[]>().notNull(),
    /** The escrow holding the order (`TradeEscrow`, or `TradeFxEscrow` for a cross-currency one). */
    escrow: t.hex().notNull(),
    /**
     * A cross-currency order's payout leg (null for another order): the FX provider that funded
     * it, the seller's currency and the leg. `token`/`amount`/`escrowed`/`refunded` are the pay
     * leg (the buyer's currency); `released` and `fees` are then in the payout currency.
     */
    fxProvider: t.hex(),
    payoutToken: t.hex(),
    payoutAmount: t.bigint(),
    /** Of a cross-currency order: the provider's parts so far (`FxLegsSplit`), in each currency. */
    providerPay: t.bigint(),
    providerPayout: t.bigint(),
  }),
  (table) => ({
    /** A party's orders, newest first (the cursor is the order's place in the chain). */
    buyerIdx: index().on(table.buyer, table.createdBlock, table.createdLogIndex),
    sellerIdx: index().on(table.seller, table.createdBlock, table.createdLogIndex),
    arbiterIdx: index().on(table.arbiter, table.createdBlock, table.createdLogIndex),
    /** The recent orders, newest first, and those in a status. */
    createdIdx: index().on(table.createdBlock, table.createdLogIndex),
    statusIdx: index().on(table.status, table.createdBlock, table.createdLogIndex),
    productIdx: index().on(table.productId),
    refIdx: index().on(table.ref),
    /** An FX provider's orders, newest first. */
    providerIdx: index().on(table.fxProvider, table.createdBlock, table.createdLogIndex),
  }),
);

/** Every escrow event of an order, in chain order, with its arguments (bigints as strings). */
export const orderEvent = onchainTable(
  "order_event",
  (t) => ({
    id: t.text().primaryKey(),
    orderId: t.hex().notNull(),
    name: t.text().notNull(),
    actor: t.hex(),
    args: t.json().$type<Record<string, string | boolean>>().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({
    orderIdx: index().on(table.orderId, table.blockNumber, table.logIndex),
    /** The home page's recent activity, newest first. */
    chainOrderIdx: index().on(table.blockNumber, table.logIndex),
  }),
);

/** A registered participant: only hashes and codes, never personal data. */
export const participant = onchainTable(
  "participant",
  (t) => ({
    id: t.hex().primaryKey(),
    roles: t.integer().notNull(),
    jurisdiction: t.integer().notNull(),
    identityHash: t.hex().notNull(),
    version: t.integer().notNull(),
    suspended: t.boolean().notNull(),
    suspensionReasonHash: t.hex(),
    registrar: t.hex().notNull(),
    registeredAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ jurisdictionIdx: index().on(table.jurisdiction) }),
);

/** Each change of a participant's record (registration, update, suspension, reinstatement). */
export const participantChange = onchainTable(
  "participant_change",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    kind: t.text().notNull(),
    roles: t.integer(),
    jurisdiction: t.integer(),
    identityHash: t.hex(),
    reasonHash: t.hex(),
    version: t.integer().notNull(),
    registrar: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);

/** Customs authorities appointed per jurisdiction. */
export const customsAuthority = onchainTable(
  "customs_authority",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    authority: t.hex().notNull(),
    enabled: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ jurisdictionIdx: index().on(table.jurisdiction) }),
);

/** A registered product and its current provenance hash. */
export const product = onchainTable(
  "product",
  (t) => ({
    id: t.hex().primaryKey(),
    owner: t.hex().notNull(),
    /** The 8-digit national tariff code as a number ("0902.30.00" is 9023000). */
    hsCode: t.integer().notNull(),
    hsCodeVersion: t.integer().notNull(),
    metadataHash: t.hex().notNull(),
    metadataVersion: t.integer().notNull(),
    complaintCount: t.integer().notNull(),
    registeredAt: t.bigint().notNull(),
    registeredTx: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ ownerIdx: index().on(table.owner), hsIdx: index().on(table.hsCode) }),
);

/** Every HS code a product has been classified under, version 1 first. */
export const productHsCode = onchainTable(
  "product_hs_code",
  (t) => ({
    id: t.text().primaryKey(),
    productId: t.hex().notNull(),
    version: t.integer().notNull(),
    hsCode: t.integer().notNull(),
    previousHsCode: t.integer(),
    owner: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ productIdx: index().on(table.productId, table.version) }),
);

/** Every provenance hash a product has had, version 1 first. */
export const productVersion = onchainTable(
  "product_version",
  (t) => ({
    id: t.text().primaryKey(),
    productId: t.hex().notNull(),
    version: t.integer().notNull(),
    metadataHash: t.hex().notNull(),
    owner: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ productIdx: index().on(table.productId, table.version) }),
);

/** A product's current status on one country's list. */
export const listing = onchainTable(
  "listing",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    productId: t.hex().notNull(),
    status: t.text().notNull(),
    expiresAt: t.bigint().notNull(),
    version: t.integer().notNull(),
    reasonHash: t.hex().notNull(),
    authority: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({
    countryIdx: index().on(table.jurisdiction, table.status, table.updatedBlock),
    productIdx: index().on(table.productId),
  }),
);

/** Every listing change, with its reason hash and the authority that made it. */
export const listingChange = onchainTable(
  "listing_change",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    productId: t.hex().notNull(),
    previousStatus: t.text().notNull(),
    status: t.text().notNull(),
    expiresAt: t.bigint().notNull(),
    version: t.integer().notNull(),
    reasonHash: t.hex().notNull(),
    authority: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({
    productIdx: index().on(table.productId, table.blockNumber),
    countryIdx: index().on(table.jurisdiction, table.blockNumber),
  }),
);

/** A country's current status for an HS prefix (chapter, heading, subheading or national line). */
export const tariffListing = onchainTable(
  "tariff_listing",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    /** 2, 4, 6 or 8. */
    digits: t.integer().notNull(),
    /** The prefix as a number ("0902" is 902). */
    code: t.integer().notNull(),
    status: t.text().notNull(),
    expiresAt: t.bigint().notNull(),
    version: t.integer().notNull(),
    reasonHash: t.hex().notNull(),
    authority: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({
    countryIdx: index().on(table.jurisdiction, table.status, table.updatedBlock),
    codeIdx: index().on(table.digits, table.code),
  }),
);

/** Every tariff listing change. */
export const tariffListingChange = onchainTable(
  "tariff_listing_change",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    digits: t.integer().notNull(),
    code: t.integer().notNull(),
    previousStatus: t.text().notNull(),
    status: t.text().notNull(),
    expiresAt: t.bigint().notNull(),
    version: t.integer().notNull(),
    reasonHash: t.hex().notNull(),
    authority: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ countryIdx: index().on(table.jurisdiction, table.blockNumber) }),
);

/**
 * A complaint a buyer filed against a product through an order, attributed to the product as sold
 * by that order's seller: only complaints from the owner's own sales count on the product
 * (`ownSale`); another seller's are kept apart, per seller. Each carries the order's amount and
 * the fee it paid (in the order's token), so that readers weigh it by value.
 */
export const complaint = onchainTable(
  "complaint",
  (t) => ({
    id: t.text().primaryKey(),
    productId: t.hex().notNull(),
    orderId: t.hex().notNull(),
    /** The order's seller. */
    seller: t.hex().notNull(),
    /** The seller owned the product: the complaint counts on the product's own record. */
    ownSale: t.boolean().notNull(),
    complainant: t.hex().notNull(),
    evidenceHash: t.hex().notNull(),
    /** The order's token, amount and the platform fee it paid (0 when refunded in full). */
    token: t.hex(),
    amount: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    /** Complaints against the product as sold by `seller`, this one included. */
    complaintCount: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({
    productIdx: index().on(table.productId, table.seller),
    orderIdx: index().on(table.orderId),
  }),
);

/**
 * A country's binding classification of a product (`ClassificationBound` by its customs, or a code
 * held there by a re-classification, `ClassificationHeld`): it overrides the declared HS code in
 * that country. `hsCode` 0: the binding was lifted and the declared code applies again.
 */
export const classification = onchainTable(
  "classification",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    productId: t.hex().notNull(),
    hsCode: t.integer().notNull(),
    /** Held by a re-classification (the owner's new code awaits customs there), not bound. */
    held: t.boolean().notNull(),
    /** The customs authority that bound it (null for a held code). */
    authority: t.hex(),
    /** For a held code: the owner's declared code that does not apply there yet. */
    declaredHsCode: t.integer(),
    updatedAt: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({
    productIdx: index().on(table.productId),
    countryIdx: index().on(table.jurisdiction),
  }),
);

/** Every binding, lifting and held code, in chain order. */
export const classificationChange = onchainTable(
  "classification_change",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    productId: t.hex().notNull(),
    /** "Bound" (customs' decision, 0 lifts it) or "Held" (kept by a re-classification). */
    kind: t.text().notNull(),
    /** The code in force before (for a held code: the code that stays). */
    previousHsCode: t.integer().notNull(),
    /** The code in force after (0: the binding was lifted). */
    hsCode: t.integer().notNull(),
    /** For a held code: the owner's new declared code that does not apply there yet. */
    declaredHsCode: t.integer(),
    authority: t.hex(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ productIdx: index().on(table.productId, table.blockNumber) }),
);

/**
 * How many HS prefixes a country has on a list (Positive or Negative, expired or not): orders to
 * a country with none keep no classification snapshot (the registry's chapter masks).
 */
export const countryTariffs = onchainTable("country_tariffs", (t) => ({
  id: t.integer().primaryKey(),
  listed: t.integer().notNull(),
}));

/** A signer a seller lets consent to orders on its behalf (a platform selling for it). */
export const sellerDelegate = onchainTable(
  "seller_delegate",
  (t) => ({
    id: t.text().primaryKey(),
    seller: t.hex().notNull(),
    delegate: t.hex().notNull(),
    active: t.boolean().notNull(),
    setAt: t.bigint().notNull(),
    revokedAt: t.bigint(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ sellerIdx: index().on(table.seller), delegateIdx: index().on(table.delegate) }),
);

/**
 * A participant's credit record as the escrow keeps it, computed from the escrow's events by the
 * escrow's own rules (`src/credit-rules.ts`), one per participant and settlement token (volumes
 * are never added across currencies). A record adds both escrows' (a cross-currency order credits
 * its buyer in the pay currency, its seller in the payout currency).
 */
export const credit = onchainTable(
  "credit",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    token: t.hex().notNull(),
    salesCompleted: t.integer().notNull(),
    purchasesCompleted: t.integer().notNull(),
    cancelledAsBuyer: t.integer().notNull(),
    rejectedAsSeller: t.integer().notNull(),
    missedShipBy: t.integer().notNull(),
    rejectedAtCustoms: t.integer().notNull(),
    refundedAsSeller: t.integer().notNull(),
    disputesOpened: t.integer().notNull(),
    disputesWon: t.integer().notNull(),
    disputesLost: t.integer().notNull(),
    disputesDrawn: t.integer().notNull(),
    volume: t.bigint().notNull(),
    refundedVolume: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);

/** A settlement token: supply, holders and the escrow's fee account in it. */
export const token = onchainTable("token", (t) => ({
  id: t.hex().primaryKey(),
  currency: t.text().notNull(),
  symbol: t.text().notNull(),
  name: t.text().notNull(),
  decimals: t.integer().notNull(),
  totalSupply: t.bigint().notNull(),
  minted: t.bigint().notNull(),
  burned: t.bigint().notNull(),
  holders: t.integer().notNull(),
  transfers: t.integer().notNull(),
  /** Fees the escrow accrued in this token and not yet swept. */
  feesAccrued: t.bigint().notNull(),
  /** Fees swept to the fee recipient. */
  feesCollected: t.bigint().notNull(),
  /** Payouts the token refused, credited as claimable, and what was withdrawn of them. */
  deferred: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
  allowed: t.boolean().notNull(),
}));

/** One holder's balance of one token. */
export const balance = onchainTable(
  "balance",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    holder: t.hex().notNull(),
    amount: t.bigint().notNull(),
  }),
  (table) => ({
    tokenIdx: index().on(table.token, table.amount),
    holderIdx: index().on(table.holder),
  }),
);

/**
 * Events that belong to no order, in chain order: the escrow's fees, payouts and configuration,
 * the token's minting, blacklisting and pausing, the registry's escrow changes.
 */
export const contractEvent = onchainTable(
  "contract_event",
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.hex().notNull(),
    name: t.text().notNull(),
    /** The token concerned (the emitting token, or the token argument of an escrow event). */
    token: t.hex(),
    /** The account concerned, when there is one. */
    account: t.hex(),
    args: t.json().$type<Record<string, string | boolean>>().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.token), accountIdx: index().on(table.account) }),
);

/** The escrow's current configuration. */
export const escrowConfig = onchainTable("escrow_config", (t) => ({
  id: t.integer().primaryKey(),
  feeBps: t.integer().notNull(),
  feeRecipient: t.hex(),
  defaultArbiter: t.hex(),
  /** The registry suspended the default arbiter: new orders naming it are refused. */
  defaultArbiterSuspended: t.boolean().notNull().default(false),
  paused: t.boolean().notNull(),
  registryEscrow: t.hex(),
}));
