/**
 * The charts' tables (re-exported by `ponder.schema.ts`): kept by the handlers as events arrive,
 * so that every chart is read by key, never by a scan.
 */
import { index, onchainTable } from "ponder";

/** Orders made and their volume, per day (unix days, UTC) and settlement token. */
export const dailyTrade = onchainTable(
  "daily_trade",
  (t) => ({
    id: t.text().primaryKey(),
    day: t.integer().notNull(),
    token: t.hex().notNull(),
    orders: t.integer().notNull(),
    volume: t.bigint().notNull(),
  }),
  (table) => ({ dayIdx: index().on(table.day) }),
);

/** Orders in each status right now. */
export const statusCount = onchainTable("status_count", (t) => ({
  id: t.text().primaryKey(),
  orders: t.integer().notNull(),
}));

/**
 * Trade into a country by HS chapter and token: orders made, their volume, and how many customs
 * rejected (refunded as `RejectedAtCustoms`).
 */
export const chapterTrade = onchainTable(
  "chapter_trade",
  (t) => ({
    id: t.text().primaryKey(),
    jurisdiction: t.integer().notNull(),
    chapter: t.integer().notNull(),
    token: t.hex().notNull(),
    orders: t.integer().notNull(),
    volume: t.bigint().notNull(),
    rejectedAtCustoms: t.integer().notNull(),
  }),
  (table) => ({ countryIdx: index().on(table.jurisdiction) }),
);

/** A seller's record per day: sales completed, refunds by cause, disputes opened on their orders. */
export const sellerDay = onchainTable(
  "seller_day",
  (t) => ({
    id: t.text().primaryKey(),
    seller: t.hex().notNull(),
    day: t.integer().notNull(),
    sales: t.integer().notNull(),
    cancelled: t.integer().notNull(),
    rejectedBySeller: t.integer().notNull(),
    unshipped: t.integer().notNull(),
    rejectedAtCustoms: t.integer().notNull(),
    sellerRefunds: t.integer().notNull(),
    disputes: t.integer().notNull(),
  }),
  (table) => ({ sellerIdx: index().on(table.seller, table.day) }),
);
