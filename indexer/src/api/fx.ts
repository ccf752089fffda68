/**
 * Cross-currency orders (docs/fx.md): an order's two legs as `GET /api/orders/:id` shows them
 * (`fxLegsOf`), and `GET /api/providers/:address`: an FX provider's exposure per currency pair
 * (open payout legs, cap, the pair's reference feed) and its most recent orders.
 */
import { db } from "ponder:api";
import { fxFeed, fxLine, participant, tradeOrder } from "ponder:schema";
import { Hono } from "hono";
import { asc, count, desc, eq, inArray } from "ponder";

import { json, notFound } from "./http";
import type { TimelineElement } from "./dispute";
import { address, alpha2, type Hex, MAX_PAGE_SIZE, param } from "./params";
import { currencyOf, currencyOfToken, tokensByAddress } from "./tokens";

type OrderRow = Omit<typeof tradeOrder.$inferSelect, "timeline">;

/** The parts of one money step (`FxLegsSplit`), after the lifecycle event that made the step. */
function splitsOf(timeline: readonly TimelineElement[]) {
  return timeline.flatMap((e, i) => {
    if (e.name !== "FxLegsSplit") return [];
    const { toBuyer, toProviderInPay, toSeller, toProviderInPayout, fee } = e.args;
    return [
      {
        /** The event whose money this step split (the one before it in the same transaction). */
        step: timeline[i - 1]?.name ?? null,
        toBuyer,
        toProviderInPay,
        toSeller,
        toProviderInPayout,
        fee,
        blockNumber: e.blockNumber,
        txHash: e.txHash,
        timestamp: e.timestamp,
      },
    ];
  });
}

/**
 * A cross-currency order's two legs (null for another order): the pay leg in the buyer's currency
 * (what it paid, what is still held, what went back to it and to the provider) and the payout leg
 * in the seller's (what the provider funded, paid to the seller, the fee, back to the provider,
 * still held), and every money step's parts in both currencies.
 */
export async function fxLegsOf(row: OrderRow, timeline: () => TimelineElement[]) {
  if (row.fxProvider === null || row.payoutToken === null || row.payoutAmount === null) return null;
  const providerPayout = row.providerPayout ?? 0n;
  const closed = row.escrowed === 0n;
  return {
    provider: row.fxProvider,
    payLeg: {
      token: row.token,
      currency: await currencyOfToken(row.token),
      amount: row.amount,
      held: row.escrowed,
      toBuyer: row.refunded,
      toProvider: row.providerPay ?? 0n,
    },
    payoutLeg: {
      token: row.payoutToken,
      currency: await currencyOfToken(row.payoutToken),
      amount: row.payoutAmount,
      held: closed ? 0n : row.payoutAmount - row.released - row.fees - providerPayout,
      toSeller: row.released,
      fee: row.fees,
      toProvider: providerPayout,
    },
    splits: splitsOf(timeline()),
  };
}

/** A pair's id in the feeds' table. */
const pairId = (l: { payToken: Hex; payoutToken: Hex }) =>
  `${l.payToken}:${l.payoutToken}`.toLowerCase();

/** How many of a provider's orders its page lists. */
const RECENT_ORDERS = MAX_PAGE_SIZE;

/** An FX provider's lines per pair with their feeds, and its recent orders; 404 when none. */
async function providerByAddress(account: Hex) {
  const [rows, lines, orders, orderCount] = await Promise.all([
    db.select().from(participant).where(eq(participant.id, account)).limit(1),
    db
      .select()
      .from(fxLine)
      .where(eq(fxLine.provider, account))
      .orderBy(asc(fxLine.payToken), asc(fxLine.payoutToken)),
    db
      .select({
        id: tradeOrder.id,
        status: tradeOrder.status,
        buyer: tradeOrder.buyer,
        seller: tradeOrder.seller,
        token: tradeOrder.token,
        amount: tradeOrder.amount,
        payoutToken: tradeOrder.payoutToken,
        payoutAmount: tradeOrder.payoutAmount,
        createdAt: tradeOrder.createdAt,
      })
      .from(tradeOrder)
      .where(eq(tradeOrder.fxProvider, account))
      .orderBy(desc(tradeOrder.createdBlock), desc(tradeOrder.createdLogIndex))
      .limit(RECENT_ORDERS),
    db.select({ n: count() }).from(tradeOrder).where(eq(tradeOrder.fxProvider, account)),
  ]);
  if (lines.length === 0 && orders.length === 0) {
    throw notFound("provider_not_found", `no FX provider line or order is indexed for ${account}`);
  }
  const feeds =
    lines.length === 0
      ? []
      : await db
          .select()
          .from(fxFeed)
          .where(inArray(fxFeed.id, [...new Set(lines.map(pairId))]));
  const feedOf = new Map(feeds.map((f) => [f.id, f]));
  const tokens = await tokensByAddress([
    ...lines.flatMap((l) => [l.payToken, l.payoutToken]),
    ...orders.flatMap((o) => (o.payoutToken === null ? [o.token] : [o.token, o.payoutToken])),
  ]);
  const currency = (t: Hex | null) => (t === null ? null : currencyOf(tokens.get(t.toLowerCase())));
  const row = rows[0];
  return {
    address: account,
    registered: row !== undefined,
    roles: row?.roles ?? 0,
    country: row === undefined ? null : alpha2(row.jurisdiction),
    suspended: row?.suspended ?? false,
    /** Per pair: the cap, the payout currency in open orders and what is left under the cap. */
    lines: lines.map((l) => {
      const feed = feedOf.get(pairId(l));
      return {
        line: l.line,
        payToken: l.payToken,
        payCurrency: currency(l.payToken),
        payoutToken: l.payoutToken,
        payoutCurrency: currency(l.payoutToken),
        cap: l.cap,
        open: l.open,
        headroom: l.cap > l.open ? l.cap - l.open : 0n,
        openOrders: l.openOrders,
        orders: l.orders,
        payoutVolume: l.payoutVolume,
        feed:
          feed === undefined || feed.feed === null
            ? null
            : { feed: feed.feed, maxAge: feed.maxAge, maxDeviationBps: feed.maxDeviationBps },
      };
    }),
    orderCount: orderCount[0]?.n ?? 0,
    orders: orders.map((o) => ({
      ...o,
      currency: currency(o.token),
      payoutCurrency: currency(o.payoutToken),
    })),
  };
}

export const providerRoutes = new Hono().get(
  "/:address",
  json((c) => providerByAddress(address(param(c, "address")))),
);
