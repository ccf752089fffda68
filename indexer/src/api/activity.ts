/**
 * `GET /api/activity`: the most recent order events across all orders, newest first, each with
 * its order's terms and currency so that a reader can word it as a step (the home page does, in
 * the reader's language, with the SDK's step catalogue). Paged by cursor: a page ends at its last
 * event's place in the chain, and the next lists the events strictly before it.
 */
import { db } from "ponder:api";
import { orderEvent, tradeOrder } from "ponder:schema";
import { type Context, Hono } from "hono";
import { and, desc, eq, lt, or } from "ponder";

import { json } from "./http";
import { ORDER_COLUMNS } from "./order-pages";
import { alpha2, CURSOR_PAGE, cursorOf, cursorPage } from "./params";
import { currencyOf, tokensByAddress } from "./tokens";

async function activity(c: Context) {
  const { limit, cursor } = cursorPage(c);
  const found = await db
    .select({ event: orderEvent, order: ORDER_COLUMNS })
    .from(orderEvent)
    .innerJoin(tradeOrder, eq(tradeOrder.id, orderEvent.orderId))
    .where(
      cursor === undefined
        ? undefined
        : or(
            lt(orderEvent.blockNumber, cursor.block),
            and(eq(orderEvent.blockNumber, cursor.block), lt(orderEvent.logIndex, cursor.logIndex)),
          ),
    )
    .orderBy(desc(orderEvent.blockNumber), desc(orderEvent.logIndex))
    // One more than the page tells whether another page follows.
    .limit(limit + 1);
  const rows = found.slice(0, limit);
  const last = rows.at(-1)?.event;
  const tokens = await tokensByAddress(rows.map((r) => r.order.token));
  return {
    limit,
    cursor: cursor === undefined ? null : cursorOf(cursor),
    nextCursor:
      found.length > limit && last !== undefined
        ? cursorOf({ block: last.blockNumber, logIndex: last.logIndex })
        : null,
    events: rows.map(({ event, order }) => ({
      ...event,
      status: order.status,
      terms: {
        buyer: order.buyer,
        seller: order.seller,
        amount: order.amount,
        productId: order.productId,
        destination: order.destination,
        feeBps: order.feeBps,
        shipBy: order.shipBy,
      },
      destinationCountry: alpha2(order.destination),
      currency: currencyOf(tokens.get(order.token.toLowerCase())),
    })),
  };
}

export const activityRoutes = new Hono().get("/", json(activity, CURSOR_PAGE));
