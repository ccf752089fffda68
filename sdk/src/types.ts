/**
 * Plain data types of the SDK: what callers pass and get back, and the names of the contracts'
 * enum values (the one place they are written). Contract shapes come from the TypeChain
 * bindings; these are their normalised, fully typed forms (bigints for amounts and times that can
 * exceed 2^53, numbers for small codes, checksummed addresses).
 */
import type { ContractTransactionReceipt, Signer } from "ethers";

import type { ITradeEscrow } from "./contracts/escrow/TradeEscrow.js";

/** A 0x-prefixed hex string (addresses, hashes, signatures). */
export type Hex = `0x${string}`;

/** The fields of the escrow's `OrderTerms` as ethers returns them (TypeChain's struct). */
type OrderTermsFields = Pick<
  ITradeEscrow.OrderTermsStructOutput,
  keyof ITradeEscrow.OrderTermsStruct
>;

/** The terms' small codes, kept as numbers (16 and 32 bits). */
type SmallTermFields = "destination" | "confirmWindow" | "feeBps";

/**
 * An order's immutable terms, as committed to by its id: the fields of the escrow's
 * `ITradeEscrow.OrderTerms` (taken from TypeChain's struct, so they follow the contract) with
 * checksummed addresses, `amount` in the token's smallest units, `shipBy` in unix seconds (by
 * then the seller must ship), and `ref` the merchant's own reference hash (it also makes
 * otherwise equal orders distinct).
 */
export interface OrderTerms extends Readonly<Omit<OrderTermsFields, SmallTermFields>> {
  /** ISO-3166-1 numeric code of the destination. */
  readonly destination: number;
  /** Seconds after clearance before anyone may release the payment to the seller. */
  readonly confirmWindow: number;
  /** The platform fee in basis points the order committed to. */
  readonly feeBps: number;
}

/** What a caller must say to create an order; the client fills in the rest. */
export interface NewOrder {
  readonly seller: string;
  /** Token address, or the ISO-4217 currency code of a token of the deployment (e.g. "USD"). */
  readonly token: string;
  readonly amount: bigint;
  readonly productId: string;
  readonly destination: number;
  /** Default: the client's signer. */
  readonly buyer?: string;
  /** Absolute ship-by time; default: chain time + `shipWithin`. */
  readonly shipBy?: bigint;
  /** Seconds from now to ship when `shipBy` is not given; default 7 days. */
  readonly shipWithin?: number;
  /** Default 7 days. */
  readonly confirmWindow?: number;
  /** Default: the escrow's current fee. */
  readonly feeBps?: number;
  /** Default: the escrow's default arbiter. */
  readonly arbiter?: string;
  /** Default: a random 32-byte value (so equal deals get distinct ids). */
  readonly ref?: string;
}

/** Order lifecycle statuses, in the escrow's enum order (`ITradeEscrow.Status`). */
export const ORDER_STATUSES = [
  "None",
  "Funded",
  "Shipped",
  "Cleared",
  "Disputed",
  "Completed",
  "Refunded",
  "Resolved",
] as const;

/** An order status name. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The mutable state of an order. */
export interface OrderStateView {
  readonly status: OrderStatus;
  /**
   * The HS code whose tariff listings decide the order's clearance, fixed at creation: the code
   * in force at the destination then, when the destination had tariff listings and the product no
   * live entry of its own; else 0 (tariff lists do not apply). A later re-classification never
   * changes it.
   */
  readonly hsCode: number;
  /** `hsCode` as tariffs print it ("8806.22.00"), "" when 0. */
  readonly hsCodeText: string;
  readonly disputedBySeller: boolean;
  readonly complaintFiled: boolean;
  /** True once the seller shipped (only the buyer of a shipped order may file a complaint). */
  readonly shipped: boolean;
  /** True when the order named the escrow's default arbiter at creation (it keeps that arbiter). */
  readonly namedDefaultArbiter: boolean;
  /** Unix time of the last status change. */
  readonly since: bigint;
  /** Amount returned to the buyer so far. */
  readonly refunded: bigint;
}

/**
 * The counters of the escrow's credit record (`ITradeEscrow.Credit`, every field but the volume),
 * in the struct's order: sales and purchases completed; refunds by cause, on the record of the
 * party that caused them (cancelled as buyer before shipment; rejected as seller before
 * shipment; ship-by missed, rejected at customs and closed by the seller's refund, as seller);
 * disputes opened, won and lost.
 */
export const CREDIT_COUNTERS = [
  "salesCompleted",
  "purchasesCompleted",
  "cancelledAsBuyer",
  "rejectedAsSeller",
  "missedShipBy",
  "rejectedAtCustoms",
  "refundedAsSeller",
  "disputesOpened",
  "disputesWon",
  "disputesLost",
  "disputesDrawn",
] as const satisfies readonly Exclude<
  keyof ITradeEscrow.CreditStruct,
  "volume" | "refundedVolume"
>[];

/** A counter of the credit record. */
export type CreditCounter = (typeof CREDIT_COUNTERS)[number];

/**
 * A participant's credit record in one settlement token (`ITradeEscrow.Credit`): the
 * {@link CREDIT_COUNTERS} and the counted volume in this token's base units (never added across
 * tokens). Weigh `volume` (and the fees it paid) more than the counts: a sale or purchase counts
 * only when its order paid a fee of at least one base unit (or the fee rate was zero), yet counts
 * alone cannot prove the goods were as described or that buyer and seller are different people.
 */
export interface CreditRecord extends Readonly<Record<CreditCounter, number>> {
  /**
   * Counted volume in this token's base units; never added across tokens. As seller, what it was
   * actually paid (after refunds and the fee); as buyer, what it paid the seller.
   */
  readonly volume: bigint;
  /** What the account, as seller, handed back with `refund`, in this token's base units. */
  readonly refundedVolume: bigint;
}

/** A credit record with no count and no volume. */
export function emptyCredit(): CreditRecord {
  return {
    ...Object.fromEntries(CREDIT_COUNTERS.map((c) => [c, 0])),
    volume: 0n,
    refundedVolume: 0n,
  } as CreditRecord;
}

/** One currency's line of a participant's credit: the record in that settlement token. */
export interface CreditLine extends CreditRecord {
  /** Currency code of the token in the deployment (e.g. "USD"). */
  readonly currency: string;
  /** The token's address. */
  readonly token: string;
}

/** Listing statuses of the registry, in enum order (`ITradeRegistry.ListingStatus`). */
export const LISTING_STATUSES = ["Unlisted", "Positive", "Negative"] as const;

/** A listing status name. */
export type ListingStatusName = (typeof LISTING_STATUSES)[number];

/** Which entry decided a clearance, in enum order (`ITradeRegistry.ClearanceSource`). */
export const CLEARANCE_SOURCES = ["None", "Product", "Tariff"] as const;

/** Why an order's money went back to its buyer, in enum order (`ITradeEscrow.RefundReason`). */
export const REFUND_REASONS = [
  "Cancelled",
  "RejectedBySeller",
  "Unshipped",
  "RejectedAtCustoms",
  "SellerRefund",
] as const;

/** A refund reason name. */
export type RefundReasonName = (typeof REFUND_REASONS)[number];

/** How a dispute was closed, in enum order (`ITradeEscrow.Resolution`). */
export const RESOLUTIONS = ["Ruling", "Settlement", "Stale"] as const;

/** A resolution name. */
export type ResolutionName = (typeof RESOLUTIONS)[number];

/** Participant role bits of the registry (combine with `|`). */
export const ParticipantRole = {
  Seller: 1,
  Buyer: 2,
  Logistics: 4,
  Arbiter: 8,
  /** Quotes cross-currency orders and funds their payout leg (docs/fx.md). */
  FxProvider: 16,
} as const;

/** A registered participant. */
export interface ParticipantView {
  readonly account: string;
  readonly roles: number;
  readonly roleNames: readonly (keyof typeof ParticipantRole)[];
  readonly jurisdiction: number;
  readonly active: boolean;
  readonly registeredAt: bigint;
  readonly version: number;
  readonly identityHash: string;
}

/** One jurisdiction's stored entry for one product. */
export interface ListingView {
  readonly status: ListingStatusName;
  /** 0 when the entry never expires. */
  readonly expiresAt: bigint;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: bigint;
}

/** A registered product (`registered` false and fields zero for an unknown id). */
export interface ProductView {
  readonly productId: string;
  readonly registered: boolean;
  readonly owner: string;
  readonly registeredAt: bigint;
  readonly metadataHash: string;
  readonly metadataVersion: number;
  /** The 8-digit HS code as the registry stores it, a number: "0902.30.00" is 9023000. */
  readonly hsCode: number;
  /** The HS code as tariffs print it, e.g. "0902.30.00" ("" when unregistered). */
  readonly hsCodeText: string;
  readonly hsCodeVersion: number;
  /** Complaints from orders whose seller owns the product (others: `complaintsOf`). */
  readonly complaintCount: bigint;
}

/** The HS code in force for a product in one jurisdiction (`classificationOf`). */
export interface Classification {
  /** The 8-digit code as a number (0 for an unregistered product). */
  readonly hsCode: number;
  /** The code as tariffs print it ("8806.22.00"). */
  readonly hsCodeText: string;
  /** True when customs bound it there (or the registry held it at a re-classification). */
  readonly bound: boolean;
}

/** Which entry decided a clearance: the product's own, an HS prefix, or none (Unlisted). */
export type ClearanceSourceName = (typeof CLEARANCE_SOURCES)[number];

/** A clearance with the entry that decided it (`clearanceDecisionOf`). */
export interface ClearanceDecision {
  readonly status: ListingStatusName;
  readonly source: ClearanceSourceName;
  /** The deciding prefix's level (2, 4, 6 or 8) when `source` is "Tariff", else 0. */
  readonly digits: number;
  /** The deciding prefix as a number when `source` is "Tariff", else 0. */
  readonly code: number;
  /** The deciding prefix as tariffs print it ("8806", "0902.30") when `source` is "Tariff". */
  readonly tariffCode: string | undefined;
}

/** One jurisdiction's stored entry for one HS prefix. */
export interface TariffListingView extends ListingView {
  readonly digits: number;
  readonly code: number;
  /** The prefix as tariffs print it, e.g. "8806". */
  readonly tariffCode: string;
}

/** A page of one level of a jurisdiction's positive or negative tariff list. */
export interface TariffListingPage {
  readonly jurisdiction: number;
  readonly digits: number;
  readonly status: "Positive" | "Negative";
  /** The prefixes as tariffs print them ("8806", "0902.30"). */
  readonly tariffCodes: readonly string[];
  readonly offset: number;
  readonly total: number;
  readonly nextOffset: number | undefined;
}

/** One entry of a tariff batch. */
export interface TariffListingInput {
  /** The HS prefix: "88", "8806", "8806.22" or "8806.22.00" (dots optional). */
  readonly tariffCode: string;
  readonly status: ListingStatusName;
  /** 0 (default) for no expiry. */
  readonly expiresAt?: bigint;
  /** A bytes32 or text that is hashed: the customs decision document. */
  readonly reason?: string;
}

/** A page of a jurisdiction's positive or negative list. */
export interface ListingPage {
  readonly jurisdiction: number;
  readonly status: "Positive" | "Negative";
  readonly productIds: readonly string[];
  readonly offset: number;
  /** Entries on the list in total. */
  readonly total: number;
  /** Offset of the next page, or undefined on the last page. */
  readonly nextOffset: number | undefined;
}

/** A settlement token of the deployment. */
export interface TokenInfo {
  readonly address: string;
  /** ISO-4217 code, e.g. "USD". */
  readonly currency: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** How the buyer's payment reaches the escrow. */
export type FundingMethod = "allowance" | "permit" | "authorization";

/**
 * Where a seller's consent to an order comes from: a wallet that signs it (the seller's, or a
 * delegate the seller registered), or a function that returns the signature (a call to the
 * platform's backend that holds the seller's or its delegate's key).
 */
export type SellerConsentSource = Signer | SellerConsentProvider;

/**
 * Returns a seller's consent signature to the order `orderId` with `terms`. For a cross-currency
 * order `fx` is set: sign `SellerConsent(fx.escrow, fx.consentId)`, which covers the payout leg.
 */
export type SellerConsentProvider = (request: {
  readonly orderId: string;
  readonly terms: OrderTerms;
  readonly fx?: FxConsent;
}) => Promise<string>;

/**
 * What a seller consents to for a cross-currency order: `SellerConsent(escrow, consentId)` with
 * `escrow` the cross-currency escrow and `consentId` = `fxConsentId(orderId, payoutToken,
 * payoutAmount)`, so its consent cannot be paired with a worse quote.
 */
export interface FxConsent {
  readonly escrow: string;
  readonly consentId: string;
  readonly payoutToken: string;
  readonly payoutAmount: bigint;
}

/**
 * The seller's consent to one order: a signature already made (`sellerSignature`, e.g. by a
 * platform's backend) or a wallet the SDK signs with (`sellerSigner`). At most one of the two;
 * without either, the client's `sellerConsent` option is asked.
 */
export interface SellerConsentOptions {
  /** The seller's (or its delegate's) EIP-712 `SellerConsent` signature to this order. */
  readonly sellerSignature?: string;
  /** The seller's wallet, or a delegate's: the SDK signs the consent with it. */
  readonly sellerSigner?: Signer;
}

/** Options of `createOrder`. */
export interface CreateOrderOptions extends SellerConsentOptions {
  /** `auto` (default): allowance when it covers the amount, otherwise a permit. */
  readonly method?: "auto" | FundingMethod;
  /** Seconds a permit or authorization stays valid; default 1 hour. */
  readonly validFor?: number;
  /**
   * With `method: "allowance"`: `false` skips reading the allowance (and approving) for a caller
   * that approved enough up front, saving one call per order; default true.
   */
  readonly checkAllowance?: boolean;
}

/** The outcome of a created order. */
export interface CreatedOrder {
  readonly orderId: string;
  readonly terms: OrderTerms;
  readonly method: FundingMethod;
  readonly receipt: ContractTransactionReceipt;
}

/**
 * A buyer's signed EIP-3009 `ReceiveWithAuthorization` funding exactly one order: its nonce is
 * the order id, so whoever submits it can only fund these terms.
 */
export interface FundingAuthorization {
  readonly orderId: string;
  readonly terms: OrderTerms;
  readonly validAfter: bigint;
  readonly validBefore: bigint;
  readonly signature: string;
  /** The seller's consent, when it was obtained with the authorization (else the relayer's). */
  readonly sellerSignature?: string;
}

/** A value of a timeline entry's arguments. */
export type EventValue = string | bigint | boolean;

/** One event of an order's history. */
export interface TimelineEntry {
  readonly orderId: string;
  /** Event name, e.g. `OrderShipped`. */
  readonly event: string;
  /** Step for people, e.g. `Shipped`, `Cleared by customs`. */
  readonly step: string;
  /** Readable detail with amounts in the order's currency, e.g. `paid US$ 99.00, fee US$ 1.00`. */
  readonly detail: string;
  /** Who acted: the event's `by`/authority/logistics argument, else the sender. */
  readonly actor: string;
  /** The transaction's sender (differs from `actor` when a relayer submitted it). */
  readonly sender: string;
  readonly blockNumber: number;
  readonly logIndex: number;
  /** Block timestamp, unix seconds. */
  readonly timestamp: bigint;
  readonly txHash: string;
  readonly gasUsed: bigint;
  /** The event's arguments by name (the terms struct of `OrderCreated` is left out). */
  readonly args: Readonly<Record<string, EventValue>>;
}

/** Addresses of a deployment. */
export interface TradeChainAddresses {
  readonly escrow: string;
  readonly registry: string;
  /** Settlement tokens by ISO-4217 currency code. */
  readonly tokens: Readonly<Record<string, string>>;
  /** The cross-currency escrow (docs/fx.md), when the deployment has one. */
  readonly fxEscrow?: string;
}
