/**
 * The limits that keep one client from taking the explorer down, read once from the environment
 * when the server starts; a bad value stops it with a message naming the variable.
 *
 * - `TRADECHAIN_ADMIN_TOKEN`: the token (16 characters or more) platforms send as
 *   `Authorization: Bearer …` for SQL over HTTP; without it SQL over HTTP is off;
 * - `TRADECHAIN_RATE_LIMIT` (requests a second per client, default 50, `off` for none) and
 *   `TRADECHAIN_RATE_BURST` (default four times the rate);
 * - `TRADECHAIN_TRUST_PROXY=1`: the client is the last address of `X-Forwarded-For` (set it only
 *   behind a proxy that writes that header), else the connection's address;
 * - `TRADECHAIN_STATEMENT_TIMEOUT_MS`: the longest a read may run on Postgres (default 5,000).
 */

/** Per-client request budget: a bucket of `burst` requests refilled at `perSecond`. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export interface GuardSettings {
  readonly adminToken: string | undefined;
  readonly rateLimit: RateLimit | undefined;
  readonly trustProxy: boolean;
  readonly statementTimeoutMs: number;
  readonly postgres: boolean;
}

export const DEFAULT_RATE_LIMIT = 50;
const DEFAULT_BURST_FACTOR = 4;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
const MIN_ADMIN_TOKEN_LENGTH = 16;

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new Error(
      `explorer: ${name} must be a whole number above 0, got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

/** Reads and checks the settings. */
export function guardSettings(env: NodeJS.ProcessEnv): GuardSettings {
  const token = env.TRADECHAIN_ADMIN_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `explorer: TRADECHAIN_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`,
    );
  }
  const rateText = env.TRADECHAIN_RATE_LIMIT?.trim().toLowerCase();
  let rateLimit: RateLimit | undefined;
  if (rateText !== "off") {
    const perSecond = positive(env, "TRADECHAIN_RATE_LIMIT", DEFAULT_RATE_LIMIT);
    const burst = positive(env, "TRADECHAIN_RATE_BURST", perSecond * DEFAULT_BURST_FACTOR);
    rateLimit = { perSecond, burst };
  }
  const proxy = env.TRADECHAIN_TRUST_PROXY?.trim() ?? "";
  if (!["", "0", "1"].includes(proxy)) {
    throw new Error(
      `explorer: TRADECHAIN_TRUST_PROXY must be 1 or 0, got ${JSON.stringify(proxy)}`,
    );
  }
  return {
    adminToken: token,
    rateLimit,
    trustProxy: proxy === "1",
    statementTimeoutMs: positive(
      env,
      "TRADECHAIN_STATEMENT_TIMEOUT_MS",
      DEFAULT_STATEMENT_TIMEOUT_MS,
    ),
    postgres: (env.DATABASE_URL?.trim() ?? "") !== "",
  };
}

/** The settings of this server. */
export const settings = guardSettings(process.env);
