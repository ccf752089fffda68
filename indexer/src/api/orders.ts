/**
 * `GET /api/orders/:id`: an order's terms, status, money, parties, who acts next and until when
 * (the SDK's `nextActionOf`, at the indexed block's time), its dispute, a cross-currency order's
 * two legs (`fx.ts`) and its timeline;
 * `GET /api/orders`: the most recent orders, paged by cursor, narrowed by status.
 * The route the explorer is read through most, built for it: one primary-key read of the order's
 * row (its timeline stored on it as JSON, its parties' registrations in a subquery), requests of
 * one event-loop turn sharing one prepared statement, responses kept per index key (`cache.ts`).
 */
import { db } from "ponder:api";
import { chainInfo, participant, product, tradeOrder } from "ponder:schema";
import { type Context, Hono } from "hono";
import { sql } from "ponder";

import {
  type EscrowPeriods,
  formatTariffCode,
  type NextAction,
  nextActionOf,
  type OrderStatus,
  ParticipantRole,
} from "@tradechain/sdk";

import { cached, INDEX_KEY, type Keyed } from "./cache";
import { json, notFound, RawJson, toJson } from "./http";
import { disputeOf, type TimelineElement } from "./dispute";
import { fxLegsOf } from "./fx";
import { ORDER_COLUMNS, orderPage, statusFilter } from "./order-pages";
import { alpha2, bytes32, CURSOR_PAGE, type Hex, param } from "./params";
import { currencyOf, currencyOfToken, tokensByAddress } from "./tokens";

let periods: EscrowPeriods | undefined;

/** The escrow's fixed periods, stored once by the setup handler. */
async function escrowPeriods(): Promise<EscrowPeriods> {
  if (periods !== undefined) return periods;
  const rows = await db
    .select({
      arbitrationPeriod: chainInfo.arbitrationPeriod,
      customsPeriod: chainInfo.customsPeriod,
    })
    .from(chainInfo)
    .limit(1);
  const row = rows[0];
  if (row === undefined)
    throw notFound("not_indexed_yet", "the indexer has not started on this chain yet");
  periods = row;
  return periods;
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

/**
 * Whether the order's arbiter may still rule, as the escrow decides: an order that named the
 * default arbiter loses it only to a suspension; any other arbiter must be an active arbiter.
 */
function arbiterCanRule(defaultArbiter: boolean, arbiter: PartyRow | undefined): boolean {
  if (defaultArbiter) return !(arbiter?.suspended ?? false);
  return (
    arbiter !== undefined &&
    !arbiter.suspended &&
    (arbiter.roles & ParticipantRole.Arbiter) === ParticipantRole.Arbiter
  );
}

/** A next action as JSON: bigints as decimal strings (by `toJson`), an absent value as null. */
function nextActionJson(next: NextAction) {
  return {
    ...next,
    deadline: next.deadline ?? null,
    secondsLeft: next.secondsLeft ?? null,
    waitingFor: next.waitingFor ?? null,
    then: next.then ?? null,
    actions: next.actions.map((a) => ({ ...a, from: a.from ?? null, until: a.until ?? null })),
  };
}

/** Most orders one batched read asks for. */
const MAX_ORDER_BATCH = 100;

/**
 * Orders' own columns, their parties' registrations, their product's HS code and the index key,
 * by primary key: one statement built once and prepared (a named statement on Postgres: parsed and
 * planned once per connection). The index key is read once per statement, so every row of a batch
 * has the same.
 */
const ordersStatement = db
  .select({
    row: ORDER_COLUMNS,
    // The stored JSON's text, spliced into the response as it is (never parsed per request).
    timeline: sql<string>`${tradeOrder.timeline}::text`,
    key: INDEX_KEY,
    hsCode: sql<number | null>`(SELECT ${product.hsCode} FROM ${product}
      WHERE ${product.id} = ${tradeOrder.productId})`,
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
  if (found === undefined) throw notFound("order_not_found", `no order ${id} is indexed`);
  const { row, timeline } = found;
  const people = new Map((found.people ?? []).map((p) => [p.id.toLowerCase(), p]));
  const key = found.key ?? "";
  /** Chain time of the data (the indexed block's), for countdowns: the index key's first digits. */
  const chainTime = key === "" ? null : key.slice(0, 10).replace(/^0+/, "");
  const canRule = arbiterCanRule(row.defaultArbiter, people.get(row.arbiter.toLowerCase()));
  const state = { status: row.status as OrderStatus, since: row.since };
  // Only an order with a dispute pays for reading its timeline back.
  const dispute =
    row.disputedBy === null
      ? null
      : disputeOf(row, JSON.parse(timeline) as TimelineElement[], periods.arbitrationPeriod);
  const body = toJson({
    ...row,
    destinationCountry: alpha2(row.destination),
    /** The order's classification snapshot as tariffs print it (null: none was kept). */
    hsCodeText: row.hsCode === 0 ? null : formatTariffCode(row.hsCode),
    productHsCode: found.hsCode,
    productHsCodeText: found.hsCode === null ? null : formatTariffCode(found.hsCode),
    currency: await currencyOfToken(row.token),
    parties: [
      party(row.buyer, "buyer", people),
      party(row.seller, "seller", people),
      { ...party(row.arbiter, "arbiter", people), defaultArbiter: row.defaultArbiter },
    ],
    chainTime,
    /** The escrow's periods and the arbiter's standing: what the page's countdown recomputes from. */
    escrowPeriods: periods,
    arbiterCanRule: canRule,
    nextAction:
      chainTime === null
        ? null
        : nextActionJson(
            nextActionOf(row, state, periods, BigInt(chainTime), { arbiterCanRule: canRule }),
          ),
    dispute,
    /** A cross-currency order's two legs and its split steps (null for another order). */
    fx: await fxLegsOf(row, () => JSON.parse(timeline) as TimelineElement[]),
  });
  // The timeline is stored as the route serves it: spliced in, never rebuilt per request.
  return { key, body: new RawJson(`${body.slice(0, -1)},"timeline":${timeline}}`) };
}

/** The most recent orders, newest first, paged by cursor, in the statuses asked for. */
async function recentOrders(c: Context) {
  const found = await orderPage(c, undefined, statusFilter(c));
  const tokens = await tokensByAddress(found.orders.map((r) => r.token));
  return {
    ...found,
    orders: found.orders.map((r) => ({
      ...r,
      destinationCountry: alpha2(r.destination),
      currency: currencyOf(tokens.get(r.token.toLowerCase())),
    })),
  };
}

export const orderRoutes = new Hono().get("/", json(recentOrders, [...CURSOR_PAGE, "status"])).get(
  "/:id",
  json((c) => cached("orders", bytes32(param(c, "id"), "order id"), orderById)),
);
