/**
 * The charts' tables (`ponder.schema.ts`, "charts"), kept as events arrive: orders and volume per
 * day and token, orders per status, trade into each country by HS chapter with customs
 * rejections, each seller's record per day. Registers no handler: the escrow's handlers call it.
 */
import { chapterTrade, dailyTrade, sellerDay, statusCount } from "ponder:schema";

import type { AnyContext, Hex } from "./common";

/** Unix days (UTC) of a block time. */
export const dayOf = (timestamp: bigint): number => Number(timestamp / 86_400n);

/** The order that was made, as the charts count it. */
interface Made {
  readonly token: Hex;
  readonly amount: bigint;
  readonly destination: number;
  readonly hsChapter: number;
  readonly createdAt: bigint;
}

const chapterKey = (o: Pick<Made, "destination" | "hsChapter" | "token">) =>
  `${o.destination}:${o.hsChapter}:${o.token}`;

/** A new order: its day's trade in its token, the Funded count, its country's chapter. */
export async function countMade(context: AnyContext, order: Made): Promise<void> {
  const day = dayOf(order.createdAt);
  await context.db
    .insert(dailyTrade)
    .values({
      id: `${day}:${order.token}`,
      day,
      token: order.token,
      orders: 1,
      volume: order.amount,
    })
    .onConflictDoUpdate((old) => ({ orders: old.orders + 1, volume: old.volume + order.amount }));
  await moveStatus(context, undefined, "Funded");
  await context.db
    .insert(chapterTrade)
    .values({
      id: chapterKey(order),
      jurisdiction: order.destination,
      chapter: order.hsChapter,
      token: order.token,
      orders: 1,
      volume: order.amount,
      rejectedAtCustoms: 0,
    })
    .onConflictDoUpdate((old) => ({ orders: old.orders + 1, volume: old.volume + order.amount }));
}

/** An order moved from one status to another (`from` undefined: it was just made). */
export async function moveStatus(
  context: AnyContext,
  from: string | undefined,
  to: string,
): Promise<void> {
  if (from === to) return;
  if (from !== undefined) {
    await context.db.update(statusCount, { id: from }).set((old) => ({ orders: old.orders - 1 }));
  }
  await context.db
    .insert(statusCount)
    .values({ id: to, orders: 1 })
    .onConflictDoUpdate((old) => ({ orders: old.orders + 1 }));
}

/** Customs rejected an order: counted against its country's chapter. */
export async function countCustomsRejection(context: AnyContext, order: Made): Promise<void> {
  await context.db
    .update(chapterTrade, { id: chapterKey(order) })
    .set((old) => ({ rejectedAtCustoms: old.rejectedAtCustoms + 1 }));
}

/** What a seller's record counts per day. */
export type SellerCount =
  | "sales"
  | "cancelled"
  | "rejectedBySeller"
  | "unshipped"
  | "rejectedAtCustoms"
  | "sellerRefunds"
  | "disputes";

/** The refund reasons (`ITradeEscrow.RefundReason` names) as a seller's record counts them. */
export const REFUND_COUNTS: Readonly<Record<string, SellerCount>> = {
  Cancelled: "cancelled",
  RejectedBySeller: "rejectedBySeller",
  Unshipped: "unshipped",
  RejectedAtCustoms: "rejectedAtCustoms",
  SellerRefund: "sellerRefunds",
};

/** One more of `what` in the seller's record on the day of `timestamp`. */
export async function countForSeller(
  context: AnyContext,
  seller: Hex,
  timestamp: bigint,
  what: SellerCount,
): Promise<void> {
  const day = dayOf(timestamp);
  const zero = {
    sales: 0,
    cancelled: 0,
    rejectedBySeller: 0,
    unshipped: 0,
    rejectedAtCustoms: 0,
    sellerRefunds: 0,
    disputes: 0,
  };
  await context.db
    .insert(sellerDay)
    .values({ id: `${seller}:${day}`, seller, day, ...zero, [what]: 1 })
    .onConflictDoUpdate((old) => ({ [what]: old[what] + 1 }));
}
