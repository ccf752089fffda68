/**
 * Participants: `GET /api/participants/:address` (registration and its changes, credit per
 * currency, balances, the most recent orders) and `/api/participants/:address/orders` (paged).
 */
import { db } from "ponder:api";
import {
  balance,
  credit,
  participant,
  participantChange,
  sellerDelegate,
  tradeOrder,
} from "ponder:schema";
import { type Context, Hono } from "hono";
import { asc, count, desc, eq, or } from "ponder";

import { json, notFound } from "./http";
import { summary } from "./orders";
import { address, alpha2, type Hex, MAX_PAGE_SIZE, page, param } from "./params";
import { currencyOf, tokensByAddress } from "./tokens";

/** A party to an order in any role: buyer, seller or arbiter. */
const partyTo = (account: Hex) =>
  or(
    eq(tradeOrder.buyer, account),
    eq(tradeOrder.seller, account),
    eq(tradeOrder.arbiter, account),
  );

/** The participant page lists the most recent orders; the full list is a paged route. */
const RECENT_ORDERS = MAX_PAGE_SIZE;

/** Everything indexed about an account; 404 when nothing is. */
export async function participantByAddress(account: Hex) {
  const [rows, changes, credits, orders, orderCount, balances, delegates] = await Promise.all([
    db.select().from(participant).where(eq(participant.id, account)).limit(1),
    db
      .select()
      .from(participantChange)
      .where(eq(participantChange.account, account))
      .orderBy(asc(participantChange.blockNumber)),
    db.select().from(credit).where(eq(credit.account, account)),
    db
      .select()
      .from(tradeOrder)
      .where(partyTo(account))
      .orderBy(desc(tradeOrder.createdBlock))
      .limit(RECENT_ORDERS),
    db.select({ n: count() }).from(tradeOrder).where(partyTo(account)),
    db.select().from(balance).where(eq(balance.holder, account)),
    db
      .select()
      .from(sellerDelegate)
      .where(or(eq(sellerDelegate.seller, account), eq(sellerDelegate.delegate, account)))
      .orderBy(asc(sellerDelegate.setAt)),
  ]);
  const row = rows[0];
  if (row === undefined && orders.length === 0 && balances.length === 0) {
    throw notFound(
      "participant_not_found",
      `no participant, order or balance is indexed for ${account}`,
    );
  }
  const tokens = await tokensByAddress([
    ...credits.map((r) => r.token),
    ...orders.map((o) => o.token),
    ...balances.map((b) => b.token),
  ]);
  return {
    address: account,
    registered: row !== undefined,
    roles: row?.roles ?? 0,
    jurisdiction: row?.jurisdiction ?? null,
    country: row === undefined ? null : alpha2(row.jurisdiction),
    identityHash: row?.identityHash ?? null,
    version: row?.version ?? null,
    suspended: row?.suspended ?? false,
    suspensionReasonHash: row?.suspensionReasonHash ?? null,
    registeredAt: row?.registeredAt ?? null,
    changes,
    credit: credits.map((r) => ({ ...r, currency: currencyOf(tokens.get(r.token.toLowerCase())) })),
    balances: balances.map((b) => ({
      amount: b.amount,
      currency: currencyOf(tokens.get(b.token.toLowerCase())),
    })),
    /** Signers that consent to orders for this seller (`active`: not revoked). */
    delegates: delegates.filter((d) => d.seller === account),
    /** Sellers this account consents to orders for. */
    delegateFor: delegates.filter((d) => d.delegate === account),
    orderCount: orderCount[0]?.n ?? 0,
    orders: orders.map((o) => ({
      id: o.id,
      role: o.buyer === account ? "buyer" : o.seller === account ? "seller" : "arbiter",
      status: o.status,
      amount: o.amount,
      currency: currencyOf(tokens.get(o.token.toLowerCase())),
      createdAt: o.createdAt,
    })),
  };
}

/** The account's orders in any role, newest first, paged. */
async function participantOrders(c: Context) {
  const account = address(param(c, "address"));
  const { limit, offset } = page(c);
  const where = partyTo(account);
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(tradeOrder)
      .where(where)
      .orderBy(desc(tradeOrder.createdBlock), asc(tradeOrder.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(tradeOrder).where(where),
  ]);
  return {
    address: account,
    total: total[0]?.n ?? 0,
    limit,
    offset,
    orders: rows.map(summary),
  };
}

export const participantRoutes = new Hono()
  .get(
    "/:address",
    json((c) => participantByAddress(address(param(c, "address")))),
  )
  .get("/:address/orders", json(participantOrders));
