/**
 * The settlement tokens: `GET /api/tokens` (every token's supply, holders and fees) and
 * `GET /api/tokens/:currency-or-address` (one token with its largest holders and recent events);
 * and the currency of a token, which the other resources show beside every amount.
 */
import { db } from "ponder:api";
import { balance, contractEvent, token } from "ponder:schema";
import { type Context, Hono } from "hono";
import { and, asc, desc, eq, inArray, sql } from "ponder";

import { badRequest, json, notFound } from "./http";
import { ADDRESS, type Hex, OFFSET_PAGE, page, param } from "./params";

type TokenRow = typeof token.$inferSelect;

/** Token rows by address (lower case). */
export async function tokensByAddress(addresses: readonly Hex[]): Promise<Map<string, TokenRow>> {
  if (addresses.length === 0) return new Map();
  const rows = await db
    .select()
    .from(token)
    .where(inArray(token.id, [...new Set(addresses)]));
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}

/** What the page needs to format an amount of a token. */
export function currencyOf(row: TokenRow | undefined) {
  return row === undefined
    ? null
    : { address: row.id, currency: row.currency, symbol: row.symbol, decimals: row.decimals };
}

/** A token's currency never changes: kept once read. */
const currencies = new Map<string, ReturnType<typeof currencyOf>>();

/** The currency of one token, read once per process. */
export async function currencyOfToken(address: Hex) {
  const key = address.toLowerCase();
  let found = currencies.get(key);
  if (found === undefined) {
    found = currencyOf((await tokensByAddress([address])).get(key));
    if (found !== null) currencies.set(key, found);
  }
  return found;
}

/** The condition that finds a token by address or currency code (`USD`). */
function tokenWhere(key: string) {
  if (ADDRESS.test(key)) return eq(token.id, key.toLowerCase() as Hex);
  if (/^[A-Za-z]{3}$/.test(key)) return eq(token.currency, key.toUpperCase());
  throw badRequest(
    "invalid_token",
    `token must be an address or a currency code (USD), got "${key}"`,
  );
}

/** One token with its largest holders (paged) and its last 20 events that belong to no order. */
async function tokenByKey(c: Context) {
  const key = param(c, "token");
  const where = tokenWhere(key);
  const { limit, offset } = page(c);
  const rows = await db.select().from(token).where(where).limit(1);
  const row = rows[0];
  if (row === undefined) throw notFound("token_not_found", `no settlement token ${key} is indexed`);
  const [holders, events] = await Promise.all([
    db
      .select()
      .from(balance)
      .where(and(eq(balance.token, row.id), sql`${balance.amount} > 0`))
      .orderBy(desc(balance.amount), asc(balance.holder))
      .limit(limit)
      .offset(offset),
    db
      .select()
      .from(contractEvent)
      .where(eq(contractEvent.token, row.id))
      .orderBy(desc(contractEvent.blockNumber))
      .limit(20),
  ]);
  return {
    ...row,
    limit,
    offset,
    topHolders: holders.map((h) => ({ holder: h.holder, amount: h.amount })),
    recentEvents: events,
  };
}

export const tokenRoutes = new Hono()
  .get(
    "/",
    json(async () => ({ tokens: await db.select().from(token).orderBy(asc(token.currency)) })),
  )
  .get("/:token", json(tokenByKey, OFFSET_PAGE));
