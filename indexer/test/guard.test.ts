/**
 * One request cannot take the explorer down (issue 18 §7), on PGlite and on Postgres: SQL over
 * HTTP is refused without the admin token (and on PGlite, which cannot cut a statement off, even
 * with it); on Postgres a heavy admin query is cut off at the statement timeout; GraphQL queries
 * over the depth, alias or cost limit are refused with 400; a client over its rate gets 429 while
 * other clients are served; and the order route keeps answering throughout.
 *
 * The indexer runs with small limits (5 requests a second, 10 at once, a 1 s statement timeout)
 * and trusts `X-Forwarded-For`, so that the test can speak as several clients.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

const POSTGRES = (process.env.DATABASE_URL ?? "") !== "";
const ADMIN_TOKEN = randomBytes(24).toString("hex");
const STATEMENT_TIMEOUT_MS = 1000;
const RATE = 5;
const BURST = 10;
/** How long a refused or cut-off request may take, generously (a bound, not a measurement). */
const ANSWER_WITHIN_MS = 15_000;

let x: ExplorerFixture;
let orderId: string;

before(async () => {
  x = await startExplorerFixture(POSTGRES ? "guard-pg" : "guard", {
    TRADECHAIN_ADMIN_TOKEN: ADMIN_TOKEN,
    TRADECHAIN_RATE_LIMIT: String(RATE),
    TRADECHAIN_RATE_BURST: String(BURST),
    TRADECHAIN_TRUST_PROXY: "1",
    TRADECHAIN_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });
  const first = x.outcomes.find((o) => o.orderId !== undefined)?.orderId;
  assert.ok(first);
  orderId = first;
});
after(async () => {
  await x?.close();
});

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  readonly ms: number;
}

/** A request as one client (its `X-Forwarded-For`), optionally with the admin token. */
async function as(
  client: string,
  path: string,
  init: { admin?: boolean; token?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { "x-forwarded-for": client };
  const token = init.token ?? (init.admin === true ? ADMIN_TOKEN : undefined);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const started = performance.now();
  const response = await fetch(`${x.api}${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    headers: response.headers,
    ms: performance.now() - started,
  };
}

/** `@ponder/client`'s request: the statement as superjson in `?sql=`. */
const sqlPath = (statement: string) =>
  `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: statement, params: [] } }))}`;

/** Every row of order_event six times over: far more than any timeout allows. */
const SIX_WAY =
  "SELECT count(*) FROM order_event a, order_event b, order_event c, order_event d, " +
  "order_event e, order_event f";

/** Reads the order every 100 ms as another client until `done` settles; returns the statuses. */
async function readOrderUntil(done: Promise<unknown>, client: string): Promise<number[]> {
  const statuses: number[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    statuses.push((await as(client, `/api/orders/${orderId}`)).status);
    await new Promise((r) => setTimeout(r, 250));
  }
  return statuses;
}

describe("SQL over HTTP", () => {
  it("is refused without the admin token, with 401 or 403 and a code", async () => {
    const anonymous = await as("198.51.100.1", sqlPath(SIX_WAY));
    assert.ok(anonymous.ms < ANSWER_WITHIN_MS);
    const body = JSON.parse(anonymous.text) as { error: string; code: string };
    if (POSTGRES) {
      assert.equal(anonymous.status, 401, anonymous.text);
      assert.equal(body.code, "admin_only");
      assert.match(anonymous.headers.get("www-authenticate") ?? "", /^Bearer/);
      const wrong = await as("198.51.100.1", sqlPath(SIX_WAY), { token: "x".repeat(48) });
      assert.equal(wrong.status, 401);
    } else {
      assert.equal(anonymous.status, 403, anonymous.text);
      assert.equal(body.code, "needs_postgres");
    }
    assert.equal((await as("198.51.100.2", `/api/orders/${orderId}`)).status, 200);
  });

  it("with the admin token: answers on Postgres, cut off at the timeout; refused on PGlite", async () => {
    const small = await as("198.51.100.3", sqlPath("SELECT count(*) AS n FROM trade_order"), {
      admin: true,
    });
    if (!POSTGRES) {
      assert.equal(small.status, 403, small.text);
      assert.match(small.text, /needs Postgres/);
      return;
    }
    assert.equal(small.status, 200, small.text);
    const orders = x.outcomes.filter((o) => o.orderId !== undefined).length;
    assert.match(small.text, new RegExp(`"n":"?${orders}"?`));

    const heavy = as("198.51.100.3", sqlPath(SIX_WAY), { admin: true });
    const reads = readOrderUntil(heavy, "198.51.100.4");
    const cut = await heavy;
    assert.equal(cut.status, 503, cut.text);
    assert.equal((JSON.parse(cut.text) as { code: string }).code, "statement_timeout");
    assert.ok(cut.ms < STATEMENT_TIMEOUT_MS + ANSWER_WITHIN_MS, `cut off after ${cut.ms} ms`);
    const statuses = await reads;
    assert.ok(statuses.length > 0);
    assert.deepEqual(
      statuses.filter((s) => s !== 200),
      [],
      "the order route answered while the heavy query ran",
    );
    // Ponder retries the cancelled read in the background (each try cut off again); the
    // explorer admits a few such reads at once and refuses more with 503 "busy".
    const more = await Promise.all(
      Array.from({ length: 4 }, () => as("198.51.100.3", sqlPath(SIX_WAY), { admin: true })),
    );
    const codes = more.map((a) => (JSON.parse(a.text) as { code: string }).code);
    assert.ok(codes.includes("busy"), JSON.stringify(codes));
    assert.deepEqual(
      codes.filter((code) => code !== "busy" && code !== "statement_timeout"),
      [],
    );
    assert.equal((await as("198.51.100.4", `/api/orders/${orderId}`)).status, 200);
  });
});

describe("GraphQL limits", () => {
  const query = (q: string) => as("203.0.113.1", "/graphql", { admin: true, body: { query: q } });
  const refusedWith = async (q: string, code: string) => {
    const answer = await query(q);
    assert.equal(answer.status, 400, answer.text);
    const body = JSON.parse(answer.text) as { errors: { extensions: { code: string } }[] };
    assert.equal(body.errors[0].extensions.code, code, answer.text);
  };

  it("answers a query within the limits", async () => {
    const answer = await query("{ tradeOrders(limit: 100) { totalCount items { id status } } }");
    assert.equal(answer.status, 200, answer.text);
    const body = JSON.parse(answer.text) as { data: { tradeOrders: { totalCount: number } } };
    assert.equal(body.data.tradeOrders.totalCount, x.outcomes.filter((o) => o.orderId).length);
  });

  it("refuses depth, aliases and cost over the limits with 400", async () => {
    await refusedWith("{ a { b { c { d { e { f } } } } } }", "QUERY_TOO_DEEP");
    const aliases = Array.from({ length: 11 }, (_, i) => `o${i}: tradeOrder(id: "0x00") { id }`);
    await refusedWith(`{ ${aliases.join(" ")} }`, "TOO_MANY_ALIASES");
    const big = (n: string) => `${n}: orderEvents(limit: 1000) { items { id } }`;
    await refusedWith(`{ ${big("a")} ${big("b")} ${big("c")} }`, "QUERY_TOO_COSTLY");
    // Counts read every matching row: five of them cost more than the budget.
    const counted = (n: string) => `${n}: orderEvents(limit: 1) { totalCount }`;
    await refusedWith(
      `{ ${["a", "b", "c", "d", "e"].map(counted).join(" ")} }`,
      "QUERY_TOO_COSTLY",
    );
    // The limit passed as a variable counts the same.
    const answer = await as("203.0.113.1", "/graphql", {
      admin: true,
      body: {
        query:
          "query ($n: Int) { a: orderEvents(limit: $n) { items { id } } " +
          "b: orderEvents(limit: $n) { items { id } } c: orderEvents(limit: $n) { items { id } } }",
        variables: { n: 1000 },
      },
    });
    assert.equal(answer.status, 400, answer.text);
    assert.equal((await as("203.0.113.2", `/api/orders/${orderId}`)).status, 200);
  });
});

describe("rate limit", () => {
  it("refuses one client over its rate with 429 while others are served", async () => {
    const flood = await Promise.all(
      Array.from({ length: 30 }, () => as("192.0.2.1", `/api/orders/${orderId}`)),
    );
    const ok = flood.filter((a) => a.status === 200).length;
    const limited = flood.filter((a) => a.status === 429);
    // The bucket holds BURST; a few more may have refilled while the requests arrived.
    assert.ok(ok >= 1 && ok <= BURST + RATE, `${ok} of 30 served`);
    assert.ok(limited.length >= 30 - BURST - RATE, `${limited.length} of 30 refused`);
    const body = JSON.parse(limited[0].text) as { error: string; code: string };
    assert.equal(body.code, "rate_limited");
    assert.match(body.error, new RegExp(`at most ${RATE} a second \\(${BURST} at once\\)`));
    assert.ok(Number(limited[0].headers.get("retry-after")) >= 1);
    // Another client, and a platform with the admin token, are served meanwhile.
    for (let i = 0; i < 3; i++) {
      assert.equal((await as("192.0.2.2", `/api/orders/${orderId}`)).status, 200);
      assert.equal((await as("192.0.2.1", "/api/status", { admin: true })).status, 200);
    }
    // The client's budget refills: after the wait it names, it is served again.
    await new Promise((r) => setTimeout(r, 1000 * Number(limited[0].headers.get("retry-after"))));
    assert.equal((await as("192.0.2.1", `/api/orders/${orderId}`)).status, 200);
  });
});
