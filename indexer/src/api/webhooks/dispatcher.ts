/**
 * The webhook dispatcher: runs beside the API in the explorer's process, never in a handler. Each
 * round it matches the outbox rows that became final (their block at least `confirmations` below
 * the indexed head) to the endpoints' filters, then sends the deliveries that are due, each a JSON
 * POST signed with the SDK's `signWebhook`. A delivery's state is in the database before and after
 * every attempt: a restart resumes where the last process stopped, and a delivered event is never
 * sent again by the explorer (a process that dies between the receiver's 2xx and writing it down
 * sends it once more: delivery is at least once, receivers dedupe by event id).
 */
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from "@tradechain/sdk";

import type { WebhookDatabase } from "./database";
import { retryDelayMs, type WebhookSettings } from "./settings";
import {
  claimDue,
  type ClaimedDelivery,
  matchFinalEvents,
  type Outcome,
  recordOutcome,
} from "./store";

/** The header that carries the event id (the same as the body's `id`). */
export const EVENT_ID_HEADER = "TradeChain-Event-Id";
/** The header that counts attempts, 1 first. */
export const ATTEMPT_HEADER = "TradeChain-Delivery-Attempt";
const USER_AGENT = "TradeChain-Explorer-Webhooks/1";
/** Deliveries sent at once in one round. */
const BATCH = 20;
/** Beyond the request timeout, how long a claimed delivery is left to the process that took it. */
const LEASE_MARGIN_MS = 5_000;
/** Characters of a receiver's answer or error kept with a failed attempt. */
const ERROR_CHARS = 300;

/**
 * The JSON body of an event, its keys in a fixed order: the same bytes on every attempt. `order`
 * names the escrow holding the order; a cross-currency order's ends with `fx` (provider, payout
 * token and leg) in every event, its `OrderCreated` included, which says the currency of
 * `released` and `fees`; another order's has no `fx`.
 */
export function webhookBody(event: NonNullable<ClaimedDelivery["event"]>): string {
  return JSON.stringify({
    id: event.id,
    kind: event.kind,
    orderId: event.orderId,
    status: event.status,
    chainId: event.chainId,
    blockNumber: event.blockNumber,
    blockHash: event.blockHash,
    logIndex: event.logIndex,
    txHash: event.txHash,
    timestamp: event.timestamp,
    actor: event.actor,
    order: {
      buyer: event.buyer,
      seller: event.seller,
      arbiter: event.arbiter,
      token: event.token,
      amount: event.amount,
      escrowed: event.escrowed,
      released: event.released,
      refunded: event.refunded,
      fees: event.fees,
      escrow: event.escrow,
      ...(event.payoutToken === null
        ? {}
        : {
            fx: {
              provider: event.fxProvider,
              payoutToken: event.payoutToken,
              payoutAmount: event.payoutAmount,
            },
          }),
    },
    args: event.args,
  });
}

/** Why a request failed, in a line: the network error's code when it has one. */
function reason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return "timed out";
  const cause = e?.cause?.code ?? e?.cause?.message;
  return [e?.message ?? String(err), cause].filter(Boolean).join(": ").slice(0, ERROR_CHARS);
}

/** One attempt: POSTs the signed body; the outcome to record. */
async function attempt(
  settings: WebhookSettings,
  d: ClaimedDelivery,
  now: () => number,
): Promise<Outcome> {
  const event = d.event;
  if (event === null) {
    // Matched while final, gone since: its block was reorganised away deeper than the
    // confirmations. Only once Ponder holds the block final (it reverts nothing at or below it)
    // is that certain; until then it may come back, and it waits.
    if (d.blockNumber > d.ponderFinalizedBlock)
      return { kind: "later", at: now() + settings.pollMs };
    return { kind: "dropped", error: "the event's block was reorganised away" };
  }
  if (BigInt(event.blockNumber) > d.finalBlock) {
    return { kind: "later", at: now() + settings.pollMs };
  }
  const body = webhookBody(event);
  const attemptNo = d.attempts + 1;
  let status: number | null = null;
  let error: string;
  try {
    const response = await fetch(d.url, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        [WEBHOOK_SIGNATURE_HEADER]: await signWebhook(body, d.secret),
        [EVENT_ID_HEADER]: event.id,
        [ATTEMPT_HEADER]: String(attemptNo),
      },
    });
    status = response.status;
    const text = await response.text().catch(() => "");
    if (status >= 200 && status < 300) return { kind: "delivered", status };
    error = `HTTP ${status}${text === "" ? "" : `: ${text.slice(0, ERROR_CHARS)}`}`;
  } catch (err) {
    error = reason(err);
  }
  if (attemptNo >= settings.maxAttempts) return { kind: "failed", status, error };
  return { kind: "retry", status, error, at: now() + retryDelayMs(settings, attemptNo) };
}

/** A running dispatcher: `stop()` ends it after the round under way. */
export interface Dispatcher {
  stop(): Promise<void>;
  /** Runs one round now (tests and the admin API's wake-up after a registration). */
  round(): Promise<void>;
}

/**
 * Starts the rounds, one every `pollMs` (the next begins once the last has finished). A round that
 * fails (the database restarting, a table not there yet) is logged and the next one tries again.
 */
export function startDispatcher(
  open: () => Promise<WebhookDatabase>,
  settings: WebhookSettings,
  log: (message: string) => void,
  now: () => number = Date.now,
): Dispatcher {
  let database: WebhookDatabase | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastError = "";

  async function work(): Promise<void> {
    database ??= await open();
    const db = database;
    await matchFinalEvents(db, settings.confirmations, now());
    for (;;) {
      const at = now();
      const due = await claimDue(
        db,
        settings.confirmations,
        at,
        at + settings.timeoutMs + LEASE_MARGIN_MS,
        BATCH,
      );
      if (due.length === 0) return;
      // Endpoints in parallel; each endpoint's deliveries one after another, in chain order.
      const byEndpoint = new Map<string, ClaimedDelivery[]>();
      for (const d of due)
        byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
      await Promise.all(
        [...byEndpoint.values()].map(async (deliveries) => {
          for (const d of deliveries) {
            await recordOutcome(db, d, await attempt(settings, d, now), now());
          }
        }),
      );
      if (stopped || due.length < BATCH) return;
    }
  }

  function round(): Promise<void> {
    running = running.then(() =>
      work().then(
        () => {
          lastError = "";
        },
        (err: unknown) => {
          const message = reason(err);
          if (message !== lastError) log(`webhooks: a dispatch round failed: ${message}`);
          lastError = message;
        },
      ),
    );
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void round().then(schedule), settings.pollMs);
    timer.unref();
  }
  schedule();

  return {
    round,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
