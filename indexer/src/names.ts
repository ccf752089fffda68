/**
 * Names of the contracts' enum values, taken from the SDK so that the explorer, the CLI and the
 * SDK's timelines always say the same thing.
 */
import { ENUM_NAMES, LISTING_STATUSES, ORDER_STATUSES, type OrderStatus } from "@tradechain/sdk";

/** Order status names by name (`ORDER_STATUS.Funded === "Funded"`), checked against the SDK. */
export const ORDER_STATUS = Object.fromEntries(ORDER_STATUSES.map((s) => [s, s])) as {
  readonly [K in OrderStatus]: K;
};

/** Listing status by enum value. */
export const LISTING_STATUS_NAMES: readonly string[] = LISTING_STATUSES;

/** Refund reasons by enum value. */
export const REFUND_REASONS: readonly string[] = ENUM_NAMES.RefundReason;

/** Dispute resolutions by enum value. */
export const RESOLUTIONS: readonly string[] = ENUM_NAMES.Resolution;
