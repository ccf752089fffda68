/**
 * The explorer's HTTP surface, served by Ponder's own server (one process, one port):
 *
 * - JSON routes under `/api/` (bigints as decimal strings; 400 for malformed input, 404 with a
 *   message for unknown things), see `docs/explorer.md`;
 * - Ponder's GraphQL at `/graphql` and SQL over HTTP at `/sql/*`, for platforms;
 * - the page (bundled into `indexer/.web/` by `indexer/scripts/build.mjs`) at every other path.
 */
import { readFile } from "node:fs/promises";
import { ServerResponse } from "node:http";
import { join } from "node:path";

import { db, publicClients } from "ponder:api";
import schema, {
  balance,
  chainInfo,
  complaint,
  contractEvent,
  credit,
  customsAuthority,
  lastBlock,
  listing,
  listingChange,
  orderEvent,
  participant,
  participantChange,
  product,
  productHsCode,
  tariffListing,
  productVersion,
  token,
  tradeOrder,
} from "ponder:schema";
import { Hono, type Context } from "hono";
import { and, asc, client, count, desc, eq, graphql, inArray, or, sql } from "ponder";

import {
  countryAlpha2,
  countryCode,
  formatTariffCode,
  hsCodeNumber,
  isJurisdiction,
  productIdFromGtin,
  productIdFromHsCode,
} from "@tradechain/sdk";
import { type EscrowPeriods, nextDeadline } from "../deadlines";

type Hex = `0x${string}`;

const app = new Hono();

// ------------------------------------------------------------------------------ plumbing

/** Most rows one page of a list returns, and the default. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;
/** How long a chain head read is reused, so that a page polling /api/status costs one RPC call. */
const HEAD_CACHE_MS = 500;

class HttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** A response body already serialised (bigints as strings), sent as it is. */
class RawJson {
  constructor(readonly text: string) {}
}

const badRequest = (message: string) => new HttpError(400, message);
const notFound = (message: string) => new HttpError(404, message);

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * What a handler returns once it has written the response itself: the header tells Ponder's
 * server (`@hono/node-server`) that the response was already sent.
 */
const ALREADY_SENT = new Response(null, { headers: { "x-hono-already-sent": "true" } });

/**
 * Sends a JSON text. Under Ponder's server it is written straight to Node's response, with the
 * header Ponder's CORS middleware gives every route: Hono would otherwise copy the response
 * through three `Response` objects and read the body back as a stream, which costs more CPU than
 * the database read of an order (measured: docs/explorer.md "Tests and benchmark").
 */
function reply(c: Context, text: string, status: 200 | 400 | 404): Response {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  if (!(outgoing instanceof ServerResponse))
    return c.body(text, status, { "content-type": JSON_TYPE });
  outgoing.writeHead(status, {
    "content-type": JSON_TYPE,
    "content-length": Buffer.byteLength(text),
    "access-control-allow-origin": "*",
  });
  outgoing.end(text);
  return ALREADY_SENT;
}

function send(c: Context, body: unknown, status: 200 | 400 | 404 = 200): Response {
  return reply(c, toJson(body), status);
}

type Handler = (c: Context) => Promise<unknown>;

/** A JSON route: the handler's value as JSON, an HttpError as `{error}` with its status. */
function route(path: string, handler: Handler): void {
  app.get(path, async (c) => {
    try {
      const value = await handler(c);
      if (value instanceof RawJson) return reply(c, value.text, 200);
      return send(c, value);
    } catch (err) {
      if (err instanceof HttpError) return send(c, { error: err.message }, err.status);
      throw err;
    }
  });
}

/** A path parameter (present whenever its route matched). */
function param(c: Context, name: string): string {
  return c.req.param(name) ?? "";
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function bytes32(value: string, what: string): Hex {
  if (!BYTES32.test(value)) {
    throw badRequest(`${what} must be 0x followed by 64 hex digits, got "${value}"`);
  }
  return value.toLowerCase() as Hex;
}

function address(value: string): Hex {
  if (!ADDRESS.test(value)) {
    throw badRequest(`address must be 0x followed by 40 hex digits, got "${value}"`);
  }
  return value.toLowerCase() as Hex;
}

/** A country by ISO-3166 alpha-2 (`PK`) or numeric code (`586`). */
function jurisdiction(value: string): number {
  if (/^\d{1,3}$/.test(value)) {
    const code = Number(value);
    if (!isJurisdiction(code))
      throw badRequest(`${value} is not an ISO-3166-1 numeric code (1-999)`);
    return code;
  }
  try {
    return countryCode(value.toUpperCase());
  } catch (err) {
    throw badRequest(`unknown country "${value}": use ISO-3166 alpha-2 (PK) or numeric (586)`);
  }
}

function alpha2(code: number): string | null {
  try {
    return countryAlpha2(code);
  } catch {
    return null;
  }
}

function page(c: Context): { limit: number; offset: number } {
  const limitText = c.req.query("limit") ?? String(DEFAULT_PAGE_SIZE);
  const offsetText = c.req.query("offset") ?? "0";
  if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_PAGE_SIZE) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got "${limitText}"`);
  }
  if (!/^\d+$/.test(offsetText) || !Number.isSafeInteger(Number(offsetText))) {
    throw badRequest(`offset must be a whole number, got "${offsetText}"`);
  }
  return { limit: Number(limitText), offset: Number(offsetText) };
}

const LIST_STATUSES = ["Positive", "Negative", "Unlisted"] as const;

async function tokensByAddress(addresses: readonly Hex[]) {
  if (addresses.length === 0) return new Map<string, typeof token.$inferSelect>();
  const rows = await db
    .select()
    .from(token)
    .where(inArray(token.id, [...new Set(addresses)]));
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}

function currencyOf(row: typeof token.$inferSelect | undefined) {
  return row === undefined
    ? null
    : { address: row.id, currency: row.currency, symbol: row.symbol, decimals: row.decimals };
}

// ------------------------------------------------------------------------------ status

interface Head {
  readonly at: number;
  readonly number: bigint;
  readonly genesisHash: Hex;
}

let head: Head | undefined;
let headError: string | undefined;
let headRead: Promise<void> | undefined;

async function readHead(): Promise<void> {
  const chain = publicClients.tradechain;
  try {
    const [number, genesis] = await Promise.all([
      chain.getBlockNumber({ cacheTime: 0 }),
      head?.genesisHash === undefined || Date.now() - head.at > 5 * HEAD_CACHE_MS
        ? chain.getBlock({ blockNumber: 0n }).then((b) => b.hash as Hex)
        : Promise.resolve(head.genesisHash),
    ]);
    head = { at: Date.now(), number, genesisHash: genesis };
    headError = undefined;
  } catch (err) {
    headError = err instanceof Error ? err.message.split("\n")[0] : String(err);
    head = undefined;
  }
}

async function chainHead(): Promise<Head | undefined> {
  if (head === undefined || Date.now() - head.at > HEAD_CACHE_MS) {
    headRead ??= readHead().finally(() => (headRead = undefined));
    await headRead;
  }
  return head;
}

async function indexedBlock(): Promise<bigint | null> {
  // Ponder's own checkpoint: the last block it processed, events or not (digits 26-41).
  const result = await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint LIMIT 1`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    latest_checkpoint: string;
  }[];
  const checkpoint = rows[0]?.latest_checkpoint;
  return checkpoint === undefined ? null : BigInt(checkpoint.slice(26, 42));
}

/** Where indexing stands against the chain, and whether the chain is still the one indexed. */
async function status() {
  const [info, last, indexed, current] = await Promise.all([
    db.select().from(chainInfo).limit(1),
    db.select().from(lastBlock).limit(1),
    indexedBlock(),
    chainHead(),
  ]);
  const chain = info[0];
  const lastEvent = last[0];
  const problems: string[] = [];
  if (current === undefined) problems.push(`the chain does not answer: ${headError ?? "no reply"}`);
  if (chain !== undefined && current !== undefined && chain.genesisHash !== current.genesisHash) {
    problems.push(
      `the chain was reset: genesis block ${current.genesisHash} is not the indexed ${chain.genesisHash}`,
    );
  }
  if (lastEvent !== undefined && current !== undefined && problems.length === 0) {
    if (current.number < lastEvent.number) {
      problems.push(
        `the chain went back: head ${current.number} is below indexed block ${lastEvent.number}`,
      );
    } else {
      const block = await publicClients.tradechain.getBlock({ blockNumber: lastEvent.number });
      if (block.hash !== lastEvent.hash) {
        problems.push(
          `the chain was rewritten: block ${lastEvent.number} is now ${block.hash}, indexed ${lastEvent.hash}`,
        );
      }
    }
  }
  if (problems.length > 0) clearResponses();
  const headNumber = current?.number ?? null;
  const behind = headNumber !== null && indexed !== null ? headNumber - indexed : null;
  return {
    chainId: chain?.chainId ?? null,
    genesisHash: chain?.genesisHash ?? null,
    contracts: chain === undefined ? null : { escrow: chain.escrow, registry: chain.registry },
    startBlock: chain?.startBlock ?? null,
    indexedBlock: indexed,
    headBlock: headNumber,
    blocksBehind: behind !== null && behind > 0n ? behind : 0n,
    lastEventBlock: lastEvent?.number ?? null,
    eventsIndexed: lastEvent?.events ?? 0n,
    /** Link for a transaction hash (`{hash}` replaced), from `TRADECHAIN_TX_URL`. */
    txUrl: process.env.TRADECHAIN_TX_URL?.includes("{hash}") ? process.env.TRADECHAIN_TX_URL : null,
    caughtUp: behind !== null && behind <= 0n && problems.length === 0,
    stale: problems.length > 0,
    problems,
    rebuild:
      problems.length > 0
        ? "stop the explorer and start it with a fresh database (see docs/explorer.md)"
        : null,
  };
}

route("/api/status", status);

// ------------------------------------------------------------------------------ response cache

/**
 * What the indexed data is at, as one SQL expression: Ponder's checkpoint (the last block
 * processed) and the hash of the last block with an event. Any new block, revert or reorg changes
 * it. Read in the same statement as a response's data, it names that data's snapshot exactly.
 */
const INDEX_KEY = sql<string>`(SELECT c.latest_checkpoint || ':' || coalesce(
  (SELECT ${lastBlock.hash} FROM ${lastBlock} LIMIT 1), '') FROM _ponder_checkpoint c LIMIT 1)`;

async function readIndexKey(): Promise<string> {
  const result = await db.execute(sql`SELECT ${INDEX_KEY} AS key`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    key: string | null;
  }[];
  return rows[0]?.key ?? "";
}

let keyRead: Promise<string> | undefined;
let nextKeyRead: Promise<string> | undefined;

/**
 * The index key as of a read that started after this call: concurrent callers share one read
 * (those arriving while a read is under way share the next one), so a burst costs two reads.
 */
function indexKey(): Promise<string> {
  if (keyRead === undefined) {
    keyRead = readIndexKey().finally(() => (keyRead = undefined));
    return keyRead;
  }
  nextKeyRead ??= keyRead
    .catch(() => undefined)
    .then(() => {
      nextKeyRead = undefined;
      return indexKey();
    });
  return nextKeyRead;
}

/** Most responses kept; the oldest goes first. */
const CACHE_ENTRIES = 10_000;
const responses = new Map<string, RawJson>();
let responsesKey = "";

/** Forgets every kept response (the status check does when the chain is not the one indexed). */
function clearResponses(): void {
  responses.clear();
  responsesKey = "";
}

/** A response and the index key of the snapshot it was read from. */
interface Keyed {
  readonly key: string;
  readonly body: RawJson;
}

/**
 * A response kept per (route, id) while the index key stays the same. A hit is served only after a
 * fresh key read (shared by concurrent callers) equals the key it was stored under; a miss costs
 * the one statement that reads the data with its own key, so it waits for nothing else. A new
 * block, a revert or a reorg changes the key and empties the cache.
 */
async function cached(
  name: string,
  id: string,
  compute: (id: Hex) => Promise<Keyed>,
): Promise<RawJson> {
  const slot = `${name}:${id}`;
  if (responses.has(slot)) {
    const key = await indexKey();
    const hit = responses.get(slot);
    if (key === responsesKey && hit !== undefined) return hit;
  }
  const { key, body } = await compute(id as Hex);
  if (key === "") return body;
  if (key !== responsesKey) {
    responses.clear();
    responsesKey = key;
  }
  if (responses.size >= CACHE_ENTRIES) responses.delete(responses.keys().next().value as string);
  responses.set(slot, body);
  return body;
}

// ------------------------------------------------------------------------------ orders

let periods: EscrowPeriods | undefined;

/** The escrow's fixed periods, stored once by the setup handler. */
async function escrowPeriods(): Promise<EscrowPeriods> {
  if (periods !== undefined) return periods;
  const rows = await db
    .select({ arbitrationPeriod: chainInfo.arbitrationPeriod })
    .from(chainInfo)
    .limit(1);
  const row = rows[0];
  if (row === undefined) throw notFound("the indexer has not started on this chain yet");
  periods = { arbitrationPeriod: row.arbitrationPeriod };
  return periods;
}

async function participantsOf(addresses: readonly Hex[]) {
  const unique = [...new Set(addresses.map((a) => a.toLowerCase() as Hex))];
  const rows = await db.select().from(participant).where(inArray(participant.id, unique));
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}

/** The fields of a participant's record an order shows for each party. */
type PartyRow = Pick<
  typeof participant.$inferSelect,
  "id" | "roles" | "jurisdiction" | "identityHash" | "suspended"
>;

function party(address: Hex, role: string, rows: ReadonlyMap<string, PartyRow>) {
  const row = rows.get(address.toLowerCase());
  return {
    role,
    address,
    registered: row !== undefined,
    roles: row?.roles ?? 0,
    jurisdiction: row?.jurisdiction ?? null,
    country: row === undefined ? null : alpha2(row.jurisdiction),
    identityHash: row?.identityHash ?? null,
    suspended: row?.suspended ?? false,
  };
}

/** A token's currency never changes: kept once read. */
const currencies = new Map<string, ReturnType<typeof currencyOf>>();

async function currencyOfToken(address: Hex) {
  const key = address.toLowerCase();
  let found = currencies.get(key);
  if (found === undefined) {
    found = currencyOf((await tokensByAddress([address])).get(key));
    if (found !== null) currencies.set(key, found);
  }
  return found;
}

/** An order row for a list: its columns without the stored timeline. */
function summary(row: typeof tradeOrder.$inferSelect) {
  const { timeline: _timeline, ...rest } = row;
  return rest;
}

/** Most orders one batched read asks for. */
const MAX_ORDER_BATCH = 100;

/**
 * Orders' own columns, their parties' registrations and the index key, by primary key: one
 * statement built once and prepared (a named statement on Postgres: parsed and planned once per
 * connection). The index key is read once per statement, so every row of a batch has the same.
 */
const ordersStatement = db
  .select({
    row: tradeOrder,
    key: INDEX_KEY,
    people: sql<PartyRow[] | null>`(SELECT json_agg(json_build_object(
      'id', ${participant.id}, 'roles', ${participant.roles},
      'jurisdiction', ${participant.jurisdiction}, 'identityHash', ${participant.identityHash},
      'suspended', ${participant.suspended}))
      FROM ${participant}
      WHERE ${participant.id} IN (${tradeOrder.buyer}, ${tradeOrder.seller}, ${tradeOrder.arbiter}))`,
  })
  .from(tradeOrder)
  .where(sql`${tradeOrder.id} = ANY(${sql.placeholder("ids")})`)
  .prepare("tradechain_orders_by_id");

type OrderRead = Awaited<ReturnType<typeof ordersStatement.execute>>[number];

/** A request waiting for its order's read. */
interface Waiter {
  resolve(row: OrderRead | undefined): void;
  reject(err: unknown): void;
}

/** Orders asked for in this turn of the event loop, with who waits for each. */
let waiting: Map<Hex, Waiter[]> | undefined;

/** Reads the orders asked for during one turn of the event loop with one statement per batch. */
function readWaiting(): void {
  const batch = waiting;
  waiting = undefined;
  if (batch === undefined) return;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += MAX_ORDER_BATCH) {
    const part = ids.slice(i, i + MAX_ORDER_BATCH);
    ordersStatement.execute({ ids: part }).then(
      (rows) => {
        const byId = new Map(rows.map((r) => [r.row.id.toLowerCase(), r]));
        for (const id of part) for (const w of batch.get(id) ?? []) w.resolve(byId.get(id));
      },
      (err: unknown) => {
        for (const id of part) for (const w of batch.get(id) ?? []) w.reject(err);
      },
    );
  }
}

/**
 * One order's read. Concurrent requests (50 clients' in one turn of the event loop) share one
 * statement instead of one round trip each: the database and the server's driver cost per
 * statement, not per row. Every request still reads its order from the database.
 */
function orderRead(id: Hex): Promise<OrderRead | undefined> {
  if (waiting === undefined) {
    waiting = new Map();
    setImmediate(readWaiting);
  }
  const batch = waiting;
  return new Promise((resolve, reject) => {
    const list = batch.get(id);
    if (list === undefined) batch.set(id, [{ resolve, reject }]);
    else list.push({ resolve, reject });
  });
}

async function orderById(id: Hex): Promise<Keyed> {
  const [found, periods] = await Promise.all([orderRead(id), escrowPeriods()]);
  if (found === undefined) throw notFound(`no order ${id} is indexed`);
  const { timeline, ...row } = found.row;
  const people = new Map((found.people ?? []).map((p) => [p.id.toLowerCase(), p]));
  const body = toJson({
    ...row,
    destinationCountry: alpha2(row.destination),
    currency: await currencyOfToken(row.token),
    parties: [
      party(row.buyer, "buyer", people),
      party(row.seller, "seller", people),
      party(row.arbiter, "arbiter", people),
    ],
    nextDeadline: nextDeadline(row, periods),
  });
  // The timeline is stored as the route serves it: spliced in, never rebuilt per request.
  return {
    key: found.key ?? "",
    body: new RawJson(`${body.slice(0, -1)},"timeline":${timeline}}`),
  };
}

route("/api/orders/:id", (c) =>
  cached("orders", bytes32(param(c, "id"), "order id").toLowerCase(), orderById),
);

// ------------------------------------------------------------------------------ participants

async function participantByAddress(account: Hex) {
  const { limit, offset } = pageless();
  const [rows, changes, credits, orders, orderCount, balances] = await Promise.all([
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
      .where(
        or(
          eq(tradeOrder.buyer, account),
          eq(tradeOrder.seller, account),
          eq(tradeOrder.arbiter, account),
        ),
      )
      .orderBy(desc(tradeOrder.createdBlock))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(tradeOrder)
      .where(
        or(
          eq(tradeOrder.buyer, account),
          eq(tradeOrder.seller, account),
          eq(tradeOrder.arbiter, account),
        ),
      ),
    db.select().from(balance).where(eq(balance.holder, account)),
  ]);
  const row = rows[0];
  if (row === undefined && orders.length === 0 && balances.length === 0) {
    throw notFound(`no participant, order or balance is indexed for ${account}`);
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

/** The participant page lists the most recent orders; the full list is a paged route. */
function pageless() {
  return { limit: MAX_PAGE_SIZE, offset: 0 };
}

route("/api/participants/:address", (c) => participantByAddress(address(param(c, "address"))));

route("/api/participants/:address/orders", async (c) => {
  const account = address(param(c, "address"));
  const { limit, offset } = page(c);
  const where = or(
    eq(tradeOrder.buyer, account),
    eq(tradeOrder.seller, account),
    eq(tradeOrder.arbiter, account),
  );
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
  return { address: account, total: total[0]?.n ?? 0, limit, offset, orders: rows.map(summary) };
});

// ------------------------------------------------------------------------------ products

async function productById(id: Hex) {
  const [rows, versions, listings, changes, complaints, orders, hsCodes] = await Promise.all([
    db.select().from(product).where(eq(product.id, id)).limit(1),
    db
      .select()
      .from(productVersion)
      .where(eq(productVersion.productId, id))
      .orderBy(asc(productVersion.version)),
    db.select().from(listing).where(eq(listing.productId, id)).orderBy(asc(listing.jurisdiction)),
    db
      .select()
      .from(listingChange)
      .where(eq(listingChange.productId, id))
      .orderBy(asc(listingChange.blockNumber), asc(listingChange.logIndex)),
    db
      .select()
      .from(complaint)
      .where(eq(complaint.productId, id))
      .orderBy(asc(complaint.blockNumber)),
    db.select({ n: count() }).from(tradeOrder).where(eq(tradeOrder.productId, id)),
    db
      .select()
      .from(productHsCode)
      .where(eq(productHsCode.productId, id))
      .orderBy(asc(productHsCode.version)),
  ]);
  const row = rows[0];
  if (row === undefined) throw notFound(`no product ${id} is registered`);
  // The HS prefixes the product falls under: chapter, heading, subheading, national line.
  const prefixes = [2, 4, 6, 8].map((digits) => ({
    digits,
    code: Math.floor(row.hsCode / 10 ** (8 - digits)),
  }));
  const tariffs = await db
    .select()
    .from(tariffListing)
    .where(
      or(
        ...prefixes.map((p) =>
          and(eq(tariffListing.digits, p.digits), eq(tariffListing.code, p.code)),
        ),
      ),
    )
    .orderBy(asc(tariffListing.jurisdiction), asc(tariffListing.digits));
  return {
    ...row,
    hsCodeText: formatTariffCode(row.hsCode),
    tariffListings: tariffs.map((t) => ({
      ...t,
      country: alpha2(t.jurisdiction),
      codeText: formatTariffCode(t.code, t.digits),
    })),
    hsCodes: hsCodes.map((h) => ({ ...h, hsCodeText: formatTariffCode(h.hsCode) })),
    versions,
    listings: listings.map((l) => ({ ...l, country: alpha2(l.jurisdiction) })),
    listingHistory: changes.map((l) => ({ ...l, country: alpha2(l.jurisdiction) })),
    complaints,
    orderCount: orders[0]?.n ?? 0,
  };
}

function fromHelper<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    throw badRequest(err instanceof Error ? err.message : String(err));
  }
}

route("/api/products", async (c) => {
  const text = c.req.query("hsCode");
  if (text === undefined)
    throw badRequest("give ?hsCode= (8 digits, e.g. 8471.30.00) to list products");
  const hsCode = fromHelper(() => hsCodeNumber(text));
  const { limit, offset } = page(c);
  const where = eq(product.hsCode, hsCode);
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(product)
      .where(where)
      .orderBy(asc(product.registeredAt), asc(product.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(product).where(where),
  ]);
  return {
    hsCode,
    hsCodeText: formatTariffCode(hsCode),
    total: total[0]?.n ?? 0,
    limit,
    offset,
    products: rows,
  };
});

route("/api/products/:id", (c) => productById(bytes32(param(c, "id"), "product id")));
route("/api/products/gtin/:gtin", (c) =>
  productById(fromHelper(() => productIdFromGtin(param(c, "gtin"))).toLowerCase() as Hex),
);
route("/api/products/hs/:hs/:sku", (c) =>
  productById(
    fromHelper(() => productIdFromHsCode(param(c, "hs"), param(c, "sku"))).toLowerCase() as Hex,
  ),
);

// ------------------------------------------------------------------------------ countries

route("/api/countries", async () => {
  const rows = await db
    .select({ jurisdiction: listing.jurisdiction, status: listing.status, n: count() })
    .from(listing)
    .groupBy(listing.jurisdiction, listing.status)
    .orderBy(asc(listing.jurisdiction));
  const byCountry = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const counts = byCountry.get(r.jurisdiction) ?? {};
    counts[r.status] = r.n;
    byCountry.set(r.jurisdiction, counts);
  }
  const authorities = await db
    .select()
    .from(customsAuthority)
    .where(eq(customsAuthority.enabled, true));
  for (const a of authorities)
    if (!byCountry.has(a.jurisdiction)) byCountry.set(a.jurisdiction, {});
  return {
    countries: [...byCountry.entries()]
      .sort(([a], [b]) => a - b)
      .map(([code, counts]) => ({
        jurisdiction: code,
        country: alpha2(code),
        positive: counts.Positive ?? 0,
        negative: counts.Negative ?? 0,
        customsAuthorities: authorities
          .filter((a) => a.jurisdiction === code)
          .map((a) => a.authority),
      })),
  };
});

route("/api/countries/:country", async (c) => {
  const code = jurisdiction(param(c, "country"));
  const statusText = c.req.query("status") ?? "Positive";
  const status = LIST_STATUSES.find((s) => s.toLowerCase() === statusText.toLowerCase());
  if (status === undefined) {
    throw badRequest(`status must be one of ${LIST_STATUSES.join(", ")}, got "${statusText}"`);
  }
  const { limit, offset } = page(c);
  const where = and(eq(listing.jurisdiction, code), eq(listing.status, status));
  const [rows, total, counts, authorities, recent, tariffs] = await Promise.all([
    db
      .select()
      .from(listing)
      .where(where)
      .orderBy(desc(listing.updatedBlock), asc(listing.productId))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(listing).where(where),
    db
      .select({ status: listing.status, n: count() })
      .from(listing)
      .where(eq(listing.jurisdiction, code))
      .groupBy(listing.status),
    db.select().from(customsAuthority).where(eq(customsAuthority.jurisdiction, code)),
    db
      .select()
      .from(listingChange)
      .where(eq(listingChange.jurisdiction, code))
      .orderBy(desc(listingChange.blockNumber), desc(listingChange.logIndex))
      .limit(10),
    db
      .select()
      .from(tariffListing)
      .where(and(eq(tariffListing.jurisdiction, code), eq(tariffListing.status, status)))
      .orderBy(asc(tariffListing.digits), asc(tariffListing.code))
      .limit(MAX_PAGE_SIZE),
  ]);
  return {
    jurisdiction: code,
    country: alpha2(code),
    status,
    total: total[0]?.n ?? 0,
    counts: Object.fromEntries(counts.map((r) => [r.status, r.n])),
    limit,
    offset,
    listings: rows,
    customsAuthorities: authorities,
    recentChanges: recent,
    /** HS prefixes with this status (first 100): they apply to every product under them. */
    tariffListings: tariffs.map((t) => ({ ...t, codeText: formatTariffCode(t.code, t.digits) })),
  };
});

// ------------------------------------------------------------------------------ tokens

route("/api/tokens", async () => {
  const rows = await db.select().from(token).orderBy(asc(token.currency));
  return { tokens: rows };
});

route("/api/tokens/:token", async (c) => {
  const key = param(c, "token");
  const where = ADDRESS.test(key)
    ? eq(token.id, key.toLowerCase() as Hex)
    : /^[A-Za-z]{3}$/.test(key)
      ? eq(token.currency, key.toUpperCase())
      : undefined;
  if (where === undefined)
    throw badRequest(`token must be an address or a currency code (USD), got "${key}"`);
  const { limit, offset } = page(c);
  const rows = await db.select().from(token).where(where).limit(1);
  const row = rows[0];
  if (row === undefined) throw notFound(`no settlement token ${key} is indexed`);
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
});

// ------------------------------------------------------------------------------ search

/** What a search found: the kind of thing and the page that shows it. */
interface Found {
  readonly kind: "order" | "product" | "participant" | "country" | "transaction" | "token";
  readonly id: string;
  readonly path: string;
}

async function search(q: string): Promise<Found> {
  const text = q.trim();
  if (text === "")
    throw badRequest(
      "search needs a query: an order id, product id, address, GTIN, HS code + SKU, country or tx hash",
    );
  if (BYTES32.test(text)) {
    const id = text.toLowerCase() as Hex;
    const [o, p, t] = await Promise.all([
      db.select({ id: tradeOrder.id }).from(tradeOrder).where(eq(tradeOrder.id, id)).limit(1),
      db.select({ id: product.id }).from(product).where(eq(product.id, id)).limit(1),
      db
        .select({ orderId: orderEvent.orderId })
        .from(orderEvent)
        .where(eq(orderEvent.txHash, id))
        .limit(1),
    ]);
    if (o[0] !== undefined) return { kind: "order", id, path: `/order/${id}` };
    if (p[0] !== undefined) return { kind: "product", id, path: `/product/${id}` };
    if (t[0] !== undefined)
      return { kind: "transaction", id: t[0].orderId, path: `/order/${t[0].orderId}` };
    throw notFound(`nothing indexed has id ${id} (no order, product or order transaction)`);
  }
  if (ADDRESS.test(text)) {
    const account = text.toLowerCase() as Hex;
    const t = await db.select({ id: token.id }).from(token).where(eq(token.id, account)).limit(1);
    if (t[0] !== undefined) return { kind: "token", id: account, path: `/token/${account}` };
    await participantByAddress(account); // 404 when nothing is known about it
    return { kind: "participant", id: account, path: `/participant/${account}` };
  }
  if (/^\d{8,14}$/.test(text)) {
    const id = fromHelper(() => productIdFromGtin(text)).toLowerCase() as Hex;
    await productById(id);
    return { kind: "product", id, path: `/product/${id}` };
  }
  const hs = /^(?:HS:?\s*)?(\d{4}(?:\.?\d{2}){1,3})\s*(?:\|?SKU:|[\s|/,]+)\s*(\S.*)$/i.exec(text);
  if (hs !== null) {
    const id = fromHelper(() => productIdFromHsCode(hs[1], hs[2])).toLowerCase() as Hex;
    await productById(id);
    return { kind: "product", id, path: `/product/${id}` };
  }
  if (/^[A-Za-z]{2}$/.test(text) || /^\d{1,3}$/.test(text)) {
    const code = jurisdiction(text);
    return {
      kind: "country",
      id: alpha2(code) ?? String(code),
      path: `/country/${alpha2(code) ?? code}`,
    };
  }
  if (/^[A-Za-z]{3}$/.test(text)) {
    const t = await db
      .select({ id: token.id })
      .from(token)
      .where(eq(token.currency, text.toUpperCase()))
      .limit(1);
    if (t[0] !== undefined)
      return { kind: "token", id: t[0].id, path: `/token/${text.toUpperCase()}` };
  }
  throw badRequest(
    `cannot tell what "${text}" is: paste an order id, product id or tx hash (0x + 64 hex), an address, ` +
      `a GTIN, an HS code and SKU ("8471.30 BRT-LAPTOP-15"), a country (PK) or a currency (USD)`,
  );
}

route("/api/search", (c) => search(c.req.query("q") ?? ""));

route("/api/*", async (c) => {
  throw notFound(`no route ${c.req.path}: see docs/explorer.md for the API`);
});

// ------------------------------------------------------------------------------ platforms

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

// ------------------------------------------------------------------------------ the page

const WEB = join(process.cwd(), ".web");
const ASSETS: Readonly<Record<string, string>> = {
  "/app.js": "text/javascript; charset=utf-8",
  "/style.css": "text/css; charset=utf-8",
};
const files = new Map<string, Promise<string>>();

function asset(name: string): Promise<string> {
  let text = files.get(name);
  if (text === undefined) {
    text = readFile(join(WEB, name), "utf8");
    text.catch(() => files.delete(name));
    files.set(name, text);
  }
  return text;
}

for (const [path, type] of Object.entries(ASSETS)) {
  app.get(path, async (c) => c.body(await asset(path.slice(1)), 200, { "content-type": type }));
}

const PAGES = [
  "/",
  "/order/*",
  "/product/*",
  "/participant/*",
  "/country/*",
  "/token/*",
  "/search",
];
for (const path of PAGES) {
  app.get(path, async (c) => c.html(await asset("index.html")));
}

export default app;
