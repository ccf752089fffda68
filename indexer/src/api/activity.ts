/**
 * `GET /api/activity`: the most recent order events across all orders, newest first, each with
 * its order's terms and currency so that a reader can word it as a step (the home page does, in
 * the reader's language, with the SDK's step catalogue).
 */
import { db } from "ponder:api";
import { orderEvent, tradeOrder } from "ponder:schema";
import { type Context, Hono } from "hono";
import { desc, eq } from "ponder";

import { json } from "./http";
import { alpha2, page } from "./params";
import { currencyOf, tokensByAddress } from "./tokens";

async function activity(c: Context) {
  const { limit, offset } = page(c);
  const rows = await db
    .select({ event: orderEvent, order: tradeOrder })
    .from(orderEvent)
    .innerJoin(tradeOrder, eq(tradeOrder.id, orderEvent.orderId))
    .orderBy(desc(orderEvent.blockNumber), desc(orderEvent.logIndex))
    .limit(limit)
    .offset(offset);
  const tokens = await tokensByAddress(rows.map((r) => r.order.token));
  return {
    limit,
    offset,
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

export const activityRoutes = new Hono().get("/", json(activity));
