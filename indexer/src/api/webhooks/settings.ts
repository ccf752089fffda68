/**
 * The webhook dispatcher's settings, read once from the environment when the server starts; a bad
 * value stops it with a message naming the variable (docs/explorer.md, "Webhooks"):
 *
 * - `TRADECHAIN_WEBHOOKS`: `off` runs no dispatcher in this process (default on);
 * - `TRADECHAIN_WEBHOOK_CONFIRMATIONS`: blocks an event's block must have on top of it, counted to
 *   the indexed head, before it is sent (default 2);
 * - `TRADECHAIN_WEBHOOK_RETRY_BASE_MS`, `TRADECHAIN_WEBHOOK_RETRY_MAX_MS`: the wait after the first
 *   failed attempt (default 10 s), doubled after each further one up to the maximum (default 1 h);
 * - `TRADECHAIN_WEBHOOK_MAX_ATTEMPTS`: attempts before a delivery is marked failed (default 10);
 * - `TRADECHAIN_WEBHOOK_TIMEOUT_MS`: how long a receiver may take to answer (default 10 s);
 * - `TRADECHAIN_WEBHOOK_POLL_MS`: how often the outbox is read for final events (default 1 s).
 */

export interface WebhookSettings {
  readonly enabled: boolean;
  readonly confirmations: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly pollMs: number;
}

export const DEFAULT_CONFIRMATIONS = 2;
export const DEFAULT_RETRY_BASE_MS = 10_000;
export const DEFAULT_RETRY_MAX_MS = 3_600_000;
export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_POLL_MS = 1_000;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return fallback;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) {
    throw new Error(
      `explorer: ${name} must be a whole number of at least ${min}, got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

/** Reads and checks the settings. */
export function webhookSettings(env: NodeJS.ProcessEnv): WebhookSettings {
  const switchText = env.TRADECHAIN_WEBHOOKS?.trim().toLowerCase() ?? "";
  if (!["", "on", "off"].includes(switchText)) {
    throw new Error(
      `explorer: TRADECHAIN_WEBHOOKS must be on or off, got ${JSON.stringify(switchText)}`,
    );
  }
  const retryBaseMs = whole(env, "TRADECHAIN_WEBHOOK_RETRY_BASE_MS", DEFAULT_RETRY_BASE_MS, 1);
  const retryMaxMs = whole(env, "TRADECHAIN_WEBHOOK_RETRY_MAX_MS", DEFAULT_RETRY_MAX_MS, 1);
  if (retryMaxMs < retryBaseMs) {
    throw new Error(
      `explorer: TRADECHAIN_WEBHOOK_RETRY_MAX_MS (${retryMaxMs}) is below ` +
        `TRADECHAIN_WEBHOOK_RETRY_BASE_MS (${retryBaseMs})`,
    );
  }
  return {
    enabled: switchText !== "off",
    confirmations: whole(env, "TRADECHAIN_WEBHOOK_CONFIRMATIONS", DEFAULT_CONFIRMATIONS, 0),
    retryBaseMs,
    retryMaxMs,
    maxAttempts: whole(env, "TRADECHAIN_WEBHOOK_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS, 1),
    timeoutMs: whole(env, "TRADECHAIN_WEBHOOK_TIMEOUT_MS", DEFAULT_TIMEOUT_MS, 1),
    pollMs: whole(env, "TRADECHAIN_WEBHOOK_POLL_MS", DEFAULT_POLL_MS, 1),
  };
}

/** The wait before attempt `attempts + 1`, after `attempts` failed ones: base × 2^(n-1), capped. */
export function retryDelayMs(settings: WebhookSettings, attempts: number): number {
  const doublings = Math.min(Math.max(attempts - 1, 0), 40);
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** doublings);
}
