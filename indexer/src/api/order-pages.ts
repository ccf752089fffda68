/**
 * Lists of orders, newest first, paged by cursor: the recent orders (`GET /api/orders`) and a
 * participant's (`GET /api/participants/:address/orders`), each narrowed by status, a party's by
 * role. A page ends at its last order's place in the chain (block, log index), and the next page
 * lists the orders strictly before it: orders that arrive meanwhile are later in the chain, so they
 * never shift or repeat a page that follows.
 */
import { db } from "ponder:api";
import { tradeOrder } from "ponder:schema";
import type { Context } from "hono";
import { and, count, desc, eq, inArray, lt, or } from "ponder";

import { ORDER_STATUSES, type OrderStatus } from "@tradechain/sdk";

import { type ChainPlace, cursorOf, cursorPage, type Hex, oneOrMore } from "./params";

/** The statuses an order can be listed by (`None` is no order). */
export const LISTED_STATUSES = ORDER_STATUSES.filter(
  (s): s is Exclude<OrderStatus, "None"> => s !== "None",
);

/** A condition of a query (what `and` and `or` make). */
type Condition = ReturnType<typeof and>;

/** The roles a party has in an order. */
export const ORDER_ROLES = ["buyer", "seller", "arbiter"] as const;
export type OrderRole = (typeof ORDER_ROLES)[number];

/** The order's columns but its timeline: lists never show it, and it is the largest. */
type Columns = Omit<
  { [K in keyof typeof tradeOrder.$inferSelect]: (typeof tradeOrder)[K] },
  "timeline"
>;

/** Every column of an order's row but the timeline (a list's select). */
export const ORDER_COLUMNS = Object.fromEntries(
  Object.keys(tradeOrder)
    .filter((name) => name !== "timeline" && name !== "enableRLS")
    .map((name) => [name, tradeOrder[name as keyof Columns]]),
) as Columns;

export type OrderSummaryRow = Omit<typeof tradeOrder.$inferSelect, "timeline">;

/** `status`: one or more order statuses, comma-separated. */
export function statusFilter(c: Context): OrderStatus[] | undefined {
  return oneOrMore(c, "status", LISTED_STATUSES, "invalid_order_status");
}

/** `role`: one or more of buyer, seller, arbiter, comma-separated. */
export function roleFilter(c: Context): OrderRole[] | undefined {
  return oneOrMore(c, "role", ORDER_ROLES, "invalid_role");
}

/** Orders in which `account` has one of `roles` (every role when none is given). */
export function partyIn(account: Hex, roles: readonly OrderRole[] = ORDER_ROLES): Condition {
  return or(...roles.map((role) => eq(tradeOrder[role], account)));
}

/** Orders strictly before `place` in the chain. */
function before(place: ChainPlace): Condition {
  return or(
    lt(tradeOrder.createdBlock, place.block),
    and(eq(tradeOrder.createdBlock, place.block), lt(tradeOrder.createdLogIndex, place.logIndex)),
  );
}

/** One page of the orders `where` selects (and `status` narrows), newest first. */
export async function orderPage(c: Context, where: Condition, status?: OrderStatus[]) {
  const { limit, cursor } = cursorPage(c);
  const matching = and(
    where,
    status === undefined ? undefined : inArray(tradeOrder.status, status),
  );
  const [rows, total] = await Promise.all([
    db
      .select(ORDER_COLUMNS)
      .from(tradeOrder)
      .where(cursor === undefined ? matching : and(matching, before(cursor)))
      .orderBy(desc(tradeOrder.createdBlock), desc(tradeOrder.createdLogIndex))
      // One more than the page tells whether another page follows.
      .limit(limit + 1),
    db.select({ n: count() }).from(tradeOrder).where(matching),
  ]);
  const orders: OrderSummaryRow[] = rows.slice(0, limit);
  const last = orders.at(-1);
  return {
    /** Orders matching the filters, on every page. */
    total: total[0]?.n ?? 0,
    limit,
    cursor: cursor === undefined ? null : cursorOf(cursor),
    /** Give it as `cursor` for the next page; null on the last page. */
    nextCursor:
      rows.length > limit && last !== undefined
        ? cursorOf({ block: last.createdBlock, logIndex: last.createdLogIndex })
        : null,
    orders,
  };
}
