/**
 * The cross-currency desk's tables (re-exported by `ponder.schema.ts`): each FX provider's line per
 * currency pair (its cap, from `FxLimitSet`, and its open exposure, kept from the FX escrow's
 * orders) and each pair's reference feed (`FxFeedSet`).
 */
import { index, onchainTable } from "ponder";

/**
 * A provider's line in one pair (pay currency → payout currency): made by its first cap or order.
 * `open` is the payout currency locked in its open orders of the pair, as the desk counts it (a
 * leg is added at creation and freed at the order's final close).
 */
export const fxLine = onchainTable(
  "fx_line",
  (t) => ({
    /** `<provider>:<payToken>:<payoutToken>`, lower case. */
    id: t.text().primaryKey(),
    provider: t.hex().notNull(),
    payToken: t.hex().notNull(),
    payoutToken: t.hex().notNull(),
    /** The desk's id of the line (null until its first cap names it). */
    line: t.integer(),
    /** Most payout currency the provider may have in open orders of the pair (0: none). */
    cap: t.bigint().notNull(),
    open: t.bigint().notNull(),
    openOrders: t.integer().notNull(),
    /** Orders ever funded on the line, and their payout legs. */
    orders: t.integer().notNull(),
    payoutVolume: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ providerIdx: index().on(table.provider) }),
);

/** A pair's reference feed (payout currency per unit of pay currency); feed null: none. */
export const fxFeed = onchainTable("fx_feed", (t) => ({
  /** `<payToken>:<payoutToken>`, lower case. */
  id: t.text().primaryKey(),
  payToken: t.hex().notNull(),
  payoutToken: t.hex().notNull(),
  feed: t.hex(),
  maxAge: t.integer().notNull(),
  maxDeviationBps: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));
