/**
 * What keeps one client from taking the explorer down (issue 18 §7):
 *
 * - a per-client rate limit on every route of the explorer (a bucket per client address; a
 *   platform sending the admin token is not limited);
 * - SQL over HTTP (it runs any allow-listed SELECT) only on Postgres, where a statement can be
 *   timed out, and only for platforms holding the admin token;
 * - on Postgres, a statement timeout on every connection the API reads through (JSON routes,
 *   GraphQL, SQL over HTTP), so a slow read is cut off instead of holding a connection.
 *
 * PGlite runs every statement on the server's own thread and cannot time one out (one slow
 * statement stops every request): there nothing may run that was not bounded beforehand
 * (GraphQL's limits are in `graphql-limits.ts`), so SQL over HTTP is off on PGlite.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

import type { Context, MiddlewareHandler } from "hono";

import { HttpError, refuse } from "./http";
import { type GuardSettings, type RateLimit } from "./settings";

/** The client a request counts against: its address, or the proxy's word for it. */
export function clientOf(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    const last = forwarded?.split(",").at(-1)?.trim();
    if (last !== undefined && last !== "") return last;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? "unknown";
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries the admin token (compared in constant time). */
export function isAdmin(c: Context, adminToken: string | undefined): boolean {
  if (adminToken === undefined) return false;
  const header = c.req.header("authorization") ?? "";
  const sent = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return sent !== undefined && timingSafeEqual(digest(sent), digest(adminToken));
}

/** Most clients remembered; beyond it, clients whose bucket is full again are forgotten. */
const MAX_CLIENTS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per client: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  /** Takes one request from the client's bucket: 0 when allowed, else seconds until one is. */
  take(client: string, now = Date.now()): number {
    const { perSecond, burst } = this.limit;
    let bucket = this.buckets.get(client);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_CLIENTS) this.forgetFull(now);
      bucket = { tokens: burst, at: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * perSecond) / 1000);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perSecond);
  }

  private forgetFull(now: number): void {
    const { perSecond, burst } = this.limit;
    for (const [client, b] of this.buckets) {
      if (b.tokens + ((now - b.at) * perSecond) / 1000 >= burst) this.buckets.delete(client);
    }
  }
}

/** Refuses a client over its budget with 429 and `Retry-After`. */
export function rateLimit(settings: GuardSettings): MiddlewareHandler {
  const limit = settings.rateLimit;
  if (limit === undefined) return async (_c, next) => next();
  const limiter = new RateLimiter(limit);
  return async (c, next) => {
    if (isAdmin(c, settings.adminToken)) return next();
    const wait = limiter.take(clientOf(c, settings.trustProxy));
    if (wait === 0) return next();
    return refuse(
      c,
      new HttpError(
        429,
        `too many requests from this client: at most ${limit.perSecond} a second ` +
          `(${limit.burst} at once); try again in ${wait} s`,
        "rate_limited",
      ),
      { "retry-after": String(wait) },
    );
  };
}

/**
 * Lets a request through only on Postgres (403 on PGlite, which cannot time a statement out) and
 * only with the admin token (403 when the explorer has none, 401 when the request lacks it).
 */
export function adminOnPostgres(settings: GuardSettings, what: string): MiddlewareHandler {
  return async (c, next) => {
    if (!settings.postgres) {
      return refuse(
        c,
        new HttpError(
          403,
          `${what} needs Postgres (DATABASE_URL): the embedded database cannot cut a slow ` +
            "statement off, and one would stop every other request",
          "needs_postgres",
        ),
      );
    }
    if (settings.adminToken === undefined) {
      return refuse(
        c,
        new HttpError(
          403,
          `${what} is off: it is for platforms, with the explorer's admin token ` +
            "(TRADECHAIN_ADMIN_TOKEN, see docs/explorer.md)",
          "admin_only",
        ),
      );
    }
    if (isAdmin(c, settings.adminToken)) return next();
    return refuse(
      c,
      new HttpError(
        401,
        `${what} needs the admin token: Authorization: Bearer <token>`,
        "admin_only",
      ),
      { "www-authenticate": 'Bearer realm="tradechain-explorer"' },
    );
  };
}

/** What the API's database handle is on Postgres: a `pg` pool (drizzle's `$client`). */
interface PgPool {
  readonly options: { statement_timeout?: number };
  on(event: "acquire", listener: (client: PgClient) => void): unknown;
}
interface PgClient {
  readonly connectionParameters?: { readonly statement_timeout?: unknown };
  query(text: string): Promise<unknown>;
}

/**
 * Puts every connection of the pool the API reads through under the statement timeout: Ponder's
 * own read pool allows 30 s, long enough for a few clients to hold every connection. Connections
 * opened from now on get it as a startup parameter (the pool's options are what it opens them
 * with); one opened before gets a `SET` queued ahead of the query it is handed out for (`acquire`).
 * On PGlite there is no pool, and no timeout to set.
 */
export function boundStatements(db: unknown, settings: GuardSettings): void {
  if (!settings.postgres) return;
  const pool = (db as { $client?: PgPool }).$client;
  if (pool === undefined || typeof pool.on !== "function" || typeof pool.options !== "object") {
    throw new Error("explorer: the API's database handle has no pg pool to set a timeout on");
  }
  const ms = Math.floor(settings.statementTimeoutMs);
  pool.options.statement_timeout = ms;
  const bounded = new WeakSet<PgClient>();
  pool.on("acquire", (client) => {
    if (client.connectionParameters?.statement_timeout === ms || bounded.has(client)) return;
    bounded.add(client);
    client.query(`SET statement_timeout = ${ms}`).catch(() => bounded.delete(client));
  });
}

/**
 * Bounds a route whose work can outlast the statement timeout: Ponder retries a read Postgres
 * cancelled (up to nine times, backing off for about a minute), so the client would wait that
 * long. Past `ms` the client gets a 503 instead (the retries go on, each under the timeout); at
 * most `max` requests whose work is still running are admitted, more get a 503 at once.
 */
export function bounded(what: string, ms: number, max: number): MiddlewareHandler {
  let running = 0;
  return async (c, next) => {
    if (running >= max) {
      return refuse(
        c,
        new HttpError(503, `${what} is busy (${max} requests running): try again shortly`, "busy"),
        { "retry-after": "1" },
      );
    }
    running += 1;
    const work = next().then(
      () => ({ failed: false, error: undefined as unknown }),
      (error: unknown) => ({ failed: true, error }),
    );
    void work.finally(() => (running -= 1));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ms)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first === "late") {
      return refuse(
        c,
        new HttpError(
          503,
          `${what} took longer than ${ms / 1000} s: the database cut it off; ask for less`,
          "statement_timeout",
        ),
      );
    }
    if (first.failed) throw first.error;
  };
}
