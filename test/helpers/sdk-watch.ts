/**
 * Helpers of the SDK tests that list and watch orders: a tea order of the seller, a read-only
 * client whose JSON-RPC calls are recorded, a wait for a condition, a watcher that collects
 * what it delivers, and the check that each delivered step is its order's timeline entry.
 */
import { expect } from "chai";
import { BrowserProvider } from "ethers";

import {
  type NewOrder,
  type OrderEvent,
  type TradeChainAddresses,
  TradeChainClient,
  type Unsubscribe,
  type WatchOrdersOptions,
} from "@tradechain/sdk";
import { eip1193, ethers, PK, TEA, units } from "./sdk.js";

/** Milliseconds between a watcher's polls (and between checks of `until`). */
export const POLL_MS = 10;
/** A safety net for a watcher that never gets there (the test then fails, it does not hang). */
const GIVE_UP_MS = 20_000;

/** A tea order of `amount` USD of the seller to Pakistan (positive-listed: cleared at shipment). */
export function teaOrder(
  fx: { readonly seller: { readonly address: string } },
  amount: number,
  extra: Partial<NewOrder> = {},
): NewOrder {
  return {
    seller: fx.seller.address,
    token: "USD",
    amount: units(amount),
    productId: TEA,
    destination: PK,
    ...extra,
  };
}

/** A read-only client over a provider that records each JSON-RPC call with its parameters. */
export function recordingClient(addresses: TradeChainAddresses) {
  const calls: { method: string; params: unknown }[] = [];
  const provider = new BrowserProvider({
    request: (args: { method: string; params?: unknown[] | Record<string, unknown> }) => {
      calls.push({ method: args.method, params: args.params });
      return eip1193.request(args);
    },
  });
  return { client: new TradeChainClient(provider, addresses), calls };
}

/** Resolves once `condition` holds, checked every few milliseconds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > GIVE_UP_MS) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Starts a watcher collecting its events, progress, reorgs and errors, from the next block unless
 * the options say otherwise (so nothing the test does next can slip in before its first poll).
 */
export async function collect(
  client: TradeChainClient,
  filter: Parameters<TradeChainClient["watchOrders"]>[0],
  options: WatchOrdersOptions = {},
  handler?: (event: OrderEvent) => void,
) {
  const fromBlock = (await ethers.provider.getBlockNumber()) + 1;
  const events: OrderEvent[] = [];
  const progress: number[] = [];
  const reorgs: number[] = [];
  const errors: unknown[] = [];
  const stop: Unsubscribe = client.watchOrders(
    filter,
    (event) => {
      handler?.(event);
      events.push(event);
    },
    {
      pollingIntervalMs: POLL_MS,
      onProgress: (next) => void progress.push(next),
      onReorg: ({ fromBlock }) => void reorgs.push(fromBlock),
      onError: (err) => void errors.push(err),
      fromBlock,
      ...options,
    },
  );
  return { events, progress, reorgs, errors, stop };
}

/** An event's readable step in one line; the ship-by time (the block's) left out of `OrderCreated`. */
export function stepLine(event: OrderEvent): string {
  return `${event.step.step} — ${event.step.detail.replace(/, ship by .* UTC$/, ", ship by …")}`;
}

/**
 * Expects each event's step to be, word for word, its order's timeline entry of the same log
 * (read by `reader`, another client, so a recording client's counts are left alone).
 */
export async function expectTimelineSteps(
  reader: TradeChainClient,
  events: readonly OrderEvent[],
): Promise<void> {
  for (const orderId of new Set(events.map((e) => e.orderId))) {
    const timeline = await reader.orderTimeline(orderId);
    const steps = new Map(timeline.map((t) => [`${t.txHash}/${t.logIndex}`, [t.step, t.detail]]));
    for (const event of events.filter((e) => e.orderId === orderId)) {
      expect([event.step.step, event.step.detail]).to.deep.equal(
        steps.get(`${event.txHash}/${event.logIndex}`),
      );
    }
  }
}

/**
 * What a watcher asked beyond its polls: its `eth_call`s (token infos, `legOf`, a seller's refund's
 * state) and its `eth_getLogs` of one order's `OrderCreated` (terms it did not know).
 */
export function watchCost(calls: readonly { method: string; params: unknown }[]) {
  const termsLookups = calls.filter((c) => {
    if (c.method !== "eth_getLogs") return false;
    const [topic0, topic1] = (c.params as [{ topics: unknown[] }])[0].topics;
    return typeof topic0 === "string" && typeof topic1 === "string";
  });
  return {
    ethCalls: calls.filter((c) => c.method === "eth_call").length,
    termsLookups: termsLookups.length,
  };
}
