/**
 * Participants: `GET /api/participants/:address` (registration and its changes, credit per
 * currency, balances, the most recent orders) and `/api/participants/:address/orders` (paged by
 * cursor, narrowed by role and status).
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
import {
  ORDER_COLUMNS,
  orderPage,
  type OrderRole,
  type OrderSummaryRow,
  partyIn,
  roleFilter,
  statusFilter,
} from "./order-pages";
import { address, alpha2, CURSOR_PAGE, type Hex, MAX_PAGE_SIZE, param } from "./params";
import { currencyOf, tokensByAddress } from "./tokens";

/** The account's role in an order (an arbiter is never a party to its own order). */
const roleIn = (account: Hex, o: OrderSummaryRow): OrderRole =>
  o.buyer === account ? "buyer" : o.seller === account ? "seller" : "arbiter";

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
      .select(ORDER_COLUMNS)
      .from(tradeOrder)
      .where(partyIn(account))
      .orderBy(desc(tradeOrder.createdBlock), desc(tradeOrder.createdLogIndex))
      .limit(RECENT_ORDERS),
    db.select({ n: count() }).from(tradeOrder).where(partyIn(account)),
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
      role: roleIn(account, o),
      status: o.status,
      amount: o.amount,
      currency: currencyOf(tokens.get(o.token.toLowerCase())),
      createdAt: o.createdAt,
    })),
  };
}

/**
 * The account's orders, newest first, paged by cursor: in the roles asked for (`role`, every role
 * by default) and the statuses asked for (`status`, every status by default).
 */
async function participantOrders(c: Context) {
  const account = address(param(c, "address"));
  const roles = roleFilter(c);
  const statuses = statusFilter(c);
  const found = await orderPage(c, partyIn(account, roles), statuses);
  const tokens = await tokensByAddress(found.orders.map((o) => o.token));
  return {
    address: account,
    role: roles ?? null,
    status: statuses ?? null,
    ...found,
    orders: found.orders.map((o) => ({
      ...o,
      role: roleIn(account, o),
      destinationCountry: alpha2(o.destination),
      currency: currencyOf(tokens.get(o.token.toLowerCase())),
    })),
  };
}

export const participantRoutes = new Hono()
  .get(
    "/:address",
    json((c) => participantByAddress(address(param(c, "address")))),
  )
  .get("/:address/orders", json(participantOrders, [...CURSOR_PAGE, "role", "status"]));
