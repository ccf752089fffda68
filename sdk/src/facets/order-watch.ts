/**
 * Watching orders: `watchOrders(filter, handler, options)` polls the node for the order events of
 * the escrow and, when the deployment has one, its cross-currency escrow (one `eth_getLogs` names
 * both; every event comes with the readable step its order's timeline writes), waits the given confirmations, and hands each event to the handler once, in chain
 * order. Before delivering a range it checks that every block it read is still the node's
 * canonical one (a reorganised block is read again, never delivered), and each poll checks that
 * the last block it finished is still canonical (a reorganisation deeper than the confirmations
 * rewinds to the fork, reported to `onReorg`). `onProgress(nextBlock)` says from which block a
 * restarted watcher resumes (`fromBlock`) with nothing missed and nothing delivered twice.
 */
import { isHexString } from "ethers";

import { parseAddress } from "../address.js";
import { clientError, TradeChainError } from "../failure.js";
import { toTradeChainError } from "../errors.js";
import {
  addressTopic,
  blockHashAt,
  decodeOrderEvent,
  type DecodedOrderEvent,
  type OrderEvent,
  orderEventTopics,
  queryLogs,
  type RawLog,
} from "../order-events.js";
import { normaliseTerms } from "../encoding.js";
import { formatAmount } from "../format.js";
import { latestBlock } from "../rpc.js";
import type { Sender } from "../sender.js";
import { describeEvent } from "../timeline.js";
import { ORDER_STATUSES, type OrderTerms } from "../types.js";
import type { OrderRole } from "./order-list.js";

/** Which orders to watch: all (no field), one order, or an account's (as buyer, seller or both). */
export interface OrderWatchFilter {
  readonly account?: string;
  readonly role?: OrderRole;
  readonly orderId?: string;
}

/** How to watch. */
export interface WatchOrdersOptions {
  /**
   * Blocks an event's block must have (itself included) before it is delivered: 1 (default)
   * delivers once mined; use more on chains that reorganise (e.g. 3, 12).
   */
  readonly confirmations?: number;
  /** First block to deliver events of (a saved `onProgress` value); default the next block. */
  readonly fromBlock?: number;
  /** Milliseconds between polls; default the client's receipt polling interval. */
  readonly pollingIntervalMs?: number;
  /** Most blocks read per poll; default 2,000. */
  readonly maxBlockRange?: number;
  /** Every event before `nextBlock` was delivered: save it, and resume with `fromBlock`. */
  readonly onProgress?: (nextBlock: number) => void | Promise<void>;
  /** A finished block was reorganised away (deeper than the confirmations): reading resumes at `fromBlock`. */
  readonly onReorg?: (info: { readonly fromBlock: number }) => void;
  /** A poll or the handler failed; the watcher keeps going and retries the undelivered events. */
  readonly onError?: (error: unknown) => void;
}

/** Stops a watcher. */
export type Unsubscribe = () => void;

/** The kinds whose step writes amounts in a cross-currency order's payout currency. */
const PAYOUT_KINDS: ReadonlySet<string> = new Set([
  "FxOrderCreated",
  "FxLegsSplit",
  "ReceiptConfirmed",
  "ReleasedAfterTimeout",
  "DisputeResolved",
]);

/** Blocks read per poll unless the options say otherwise. */
export const DEFAULT_WATCH_RANGE = 2_000;
/** Finished ranges whose last block's hash a watcher keeps to find a fork. */
const KEPT_HASHES = 128;

/** `watchOrders` for a client. */
export class OrderWatchFacet {
  readonly #sender: Sender;

  constructor(sender: Sender) {
    this.#sender = sender;
  }

  /**
   * Calls `handler` with each decoded order event matching `filter` (kind, order id, new status,
   * amounts, block, transaction), in chain order, once its block has `confirmations`; returns the
   * function that stops watching. The handler may be async: the next event waits for it, and an
   * event whose handler threw is delivered again on the next poll (`onError` hears of it).
   */
  watchOrders(
    filter: OrderWatchFilter,
    handler: (event: OrderEvent) => void | Promise<void>,
    options: WatchOrdersOptions = {},
  ): Unsubscribe {
    const watcher = new Watcher(this.#sender, checkedFilter(filter), handler, options);
    watcher.start();
    return () => watcher.stop();
  }
}

interface CheckedFilter {
  readonly account: string | undefined;
  readonly roles: readonly OrderRole[];
  readonly orderId: string | undefined;
}

function checkedFilter(filter: OrderWatchFilter): CheckedFilter {
  if (filter.orderId !== undefined && !isHexString(filter.orderId, 32)) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidOrderId",
      `"${filter.orderId}" is not an order id`,
      {
        orderId: filter.orderId,
      },
    );
  }
  if (filter.role !== undefined && filter.role !== "buyer" && filter.role !== "seller") {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidRole",
      `role is "buyer" or "seller", not "${String(filter.role)}"`,
    );
  }
  if (filter.role !== undefined && filter.account === undefined) {
    throw clientError("INVALID_ARGUMENT", "RoleWithoutAccount", "A role filter needs an account");
  }
  return {
    account: filter.account === undefined ? undefined : parseAddress(filter.account, "account"),
    roles: filter.role === undefined ? ["buyer", "seller"] : [filter.role],
    orderId: filter.orderId?.toLowerCase(),
  };
}

function checkedCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidWatchOption",
      `${name} is a whole number ≥ ${min}, not ${value}`,
      {
        [name]: value,
      },
    );
  }
  return value;
}

/** One running watch. */
class Watcher {
  readonly #sender: Sender;
  readonly #filter: CheckedFilter;
  readonly #handler: (event: OrderEvent) => void | Promise<void>;
  readonly #options: WatchOrdersOptions;
  readonly #confirmations: number;
  readonly #range: number;
  /** The first block not yet finished. */
  #next: number | undefined;
  /** The last event delivered of the range being read (skipped when the range is read again). */
  #delivered: { block: number; index: number } | undefined;
  /** Finished ranges, oldest first, with the hash of each one's last block. */
  readonly #finished: { from: number; number: number; hash: string }[] = [];
  /** The account's orders (only with an account filter). */
  readonly #known = new Set<string>();
  #knownUpTo: number | undefined;
  /** The payout token of each cross-currency order seen (its `FxOrderCreated`, else `legOf`). */
  readonly #payoutTokens = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(
    sender: Sender,
    filter: CheckedFilter,
    handler: (event: OrderEvent) => void | Promise<void>,
    options: WatchOrdersOptions,
  ) {
    this.#sender = sender;
    this.#filter = filter;
    this.#handler = handler;
    this.#options = options;
    this.#confirmations = checkedCount("confirmations", options.confirmations ?? 1, 1);
    this.#range = checkedCount("maxBlockRange", options.maxBlockRange ?? DEFAULT_WATCH_RANGE, 1);
    if (options.fromBlock !== undefined)
      this.#next = checkedCount("fromBlock", options.fromBlock, 0);
  }

  start(): void {
    void this.#loop();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.#poll();
      } catch (err) {
        if (!this.#stopped) this.#options.onError?.(asError(err));
      }
      if (this.#stopped) return;
      await new Promise<void>((resolve) => {
        this.#timer = setTimeout(resolve, this.#interval());
      });
    }
  }

  #interval(): number {
    const provider = this.#sender.provider as { pollingInterval?: unknown };
    return (
      this.#options.pollingIntervalMs ??
      this.#sender.shared.pollingIntervalMs ??
      (typeof provider.pollingInterval === "number" ? provider.pollingInterval : 1_000)
    );
  }

  /** One poll: check the finished blocks, then read and deliver the next confirmed range. */
  async #poll(): Promise<void> {
    const provider = this.#sender.provider;
    const head = (await latestBlock(provider)).number;
    this.#next ??= head + 1;
    await this.#checkFinished();
    const safe = head - (this.#confirmations - 1);
    const from = this.#next;
    if (safe < from) return;
    const to = Math.min(safe, from + this.#range - 1);
    const logs = await this.#logs(from, to);
    // Every block read must still be canonical, or the range is read again on the next poll.
    const blocks = [...new Set([...logs.map((log) => log.blockNumber), to])];
    const hashes = new Map(
      await Promise.all(blocks.map(async (n) => [n, await blockHashAt(provider, n)] as const)),
    );
    if (logs.some((log) => hashes.get(log.blockNumber) !== log.blockHash)) return;
    for (const log of logs) {
      if (this.#stopped) return;
      const done = this.#delivered;
      if (
        done !== undefined &&
        (log.blockNumber < done.block ||
          (log.blockNumber === done.block && log.logIndex <= done.index))
      ) {
        continue;
      }
      const { interface: iface } = this.#sender.escrowAt(log.address);
      const event = await decodeOrderEvent(iface, log, (l) => this.#closedAt(l));
      await this.#handler(await this.#described(event));
      this.#delivered = { block: log.blockNumber, index: log.logIndex };
    }
    this.#finished.push({ from, number: to, hash: hashes.get(to)! });
    if (this.#finished.length > KEPT_HASHES) this.#finished.shift();
    this.#next = to + 1;
    this.#delivered = undefined;
    await this.#options.onProgress?.(this.#next);
  }

  /** Rewinds to the fork when a finished block is no longer canonical. */
  async #checkFinished(): Promise<void> {
    const provider = this.#sender.provider;
    const last = this.#finished[this.#finished.length - 1];
    if (last === undefined || (await blockHashAt(provider, last.number)) === last.hash) return;
    // Back to the newest range whose last block survived; if none did, to the oldest kept.
    let resume = last.from;
    while (this.#finished.length > 0) {
      const kept = this.#finished[this.#finished.length - 1];
      if ((await blockHashAt(provider, kept.number)) === kept.hash) {
        resume = kept.number + 1;
        break;
      }
      resume = kept.from;
      this.#finished.pop();
    }
    this.#next = resume;
    this.#knownUpTo = undefined;
    this.#known.clear();
    this.#payoutTokens.clear();
    this.#options.onReorg?.({ fromBlock: this.#next });
  }

  /** The escrow's address, or both escrows' when the deployment has a cross-currency one. */
  #addresses(): string | string[] {
    const { escrow, fxEscrow } = this.#sender.addresses;
    return fxEscrow === undefined ? escrow : [escrow, fxEscrow];
  }

  /**
   * The event with its readable step, in the words and currencies of the order's timeline. The
   * terms (and escrow) of each order created are remembered for the client's later calls; an
   * order whose terms the client does not know yet costs one `eth_getLogs` of its `OrderCreated`
   * (once per order), a cross-currency order's payout token one `legOf` when the watcher did not
   * see its `FxOrderCreated` (once per order, only for the steps that show it), and each token's
   * currency and decimals are read once per client.
   */
  async #described(event: DecodedOrderEvent): Promise<OrderEvent> {
    const { shared, addresses } = this.#sender;
    if (event.escrow !== addresses.escrow) shared.escrows.set(event.orderId, event.escrow);
    if (event.terms !== undefined) shared.terms.set(event.orderId, event.terms);
    const terms = event.terms ?? (await this.#termsOf(event));
    if (event.kind === "FxOrderCreated") {
      this.#payoutTokens.set(event.orderId, String(event.args.payoutToken));
    }
    const payoutToken =
      event.escrow !== addresses.escrow && PAYOUT_KINDS.has(event.kind)
        ? await this.#payoutTokenOf(event.orderId)
        : undefined;
    const moneyIn = async (token: string) => {
      const info = await this.#sender.tokenInfo(token);
      return (units: bigint) => formatAmount(units, info.decimals, info.currency);
    };
    const [money, payout] = await Promise.all([
      moneyIn(terms.token),
      payoutToken === undefined ? undefined : moneyIn(payoutToken),
    ]);
    const { step, detail } = describeEvent(event.kind, event.args, terms, { money, payout });
    return { ...event, step: { step, detail } };
  }

  /** An order's terms: remembered, else from its `OrderCreated` on the escrow of the event. */
  async #termsOf(event: DecodedOrderEvent): Promise<OrderTerms> {
    const known = this.#sender.shared.terms.get(event.orderId);
    if (known !== undefined) return known;
    const [created] = await queryLogs(this.#sender.provider, {
      address: event.escrow,
      topics: [this.#createdTopic(), event.orderId],
      fromBlock: this.#sender.shared.fromBlock,
      toBlock: event.blockNumber,
    });
    const terms = created === undefined ? undefined : this.#rememberCreated(created);
    if (terms === undefined) {
      throw clientError(
        "UNKNOWN_ORDER",
        "UnknownOrder",
        `No OrderCreated of ${event.orderId} on ${event.escrow}`,
        { orderId: event.orderId, escrow: event.escrow },
      );
    }
    return terms;
  }

  /** Remembers the terms (and escrow) an `OrderCreated` log holds; returns them. */
  #rememberCreated(log: RawLog): OrderTerms {
    const { shared, addresses } = this.#sender;
    const { interface: iface } = this.#sender.escrowAt(log.address);
    const parsed = iface.parseLog({ topics: [...log.topics], data: log.data })!;
    const terms = normaliseTerms(parsed.args.terms as Parameters<typeof normaliseTerms>[0]);
    const orderId = String(parsed.args.orderId);
    shared.terms.set(orderId, terms);
    if (log.address !== addresses.escrow) shared.escrows.set(orderId, log.address);
    return terms;
  }

  /** A cross-currency order's payout token: from its `FxOrderCreated` if seen, else `legOf`. */
  async #payoutTokenOf(orderId: string): Promise<string> {
    let payoutToken = this.#payoutTokens.get(orderId);
    payoutToken ??= (await this.#sender.requireFx().legOf(orderId)).payoutToken;
    this.#payoutTokens.set(orderId, payoutToken);
    return payoutToken;
  }

  #createdTopic(): string {
    return this.#sender.escrow.interface.getEvent("OrderCreated")!.topicHash;
  }

  /** The matching order events of blocks `from`..`to`, in chain order. */
  async #logs(from: number, to: number): Promise<RawLog[]> {
    const { provider, fxEscrow } = this.#sender;
    const topics = orderEventTopics(
      (fxEscrow ?? this.#sender.escrow).interface,
      fxEscrow !== undefined,
    );
    const { orderId, account } = this.#filter;
    if (account === undefined) {
      return sorted(
        await queryLogs(provider, {
          address: this.#addresses(),
          topics: orderId === undefined ? [topics] : [topics, orderId],
          fromBlock: from,
          toBlock: to,
        }),
      );
    }
    await this.#learnOrders(to);
    const logs = await queryLogs(provider, {
      address: this.#addresses(),
      topics: [topics],
      fromBlock: from,
      toBlock: to,
    });
    return sorted(
      logs.filter(
        (log) =>
          this.#known.has(log.topics[1].toLowerCase()) &&
          (orderId === undefined || log.topics[1].toLowerCase() === orderId),
      ),
    );
  }

  /**
   * Adds the account's orders created up to block `to` (from its `OrderCreated` topics), and
   * remembers their terms (so their steps cost no further call).
   */
  async #learnOrders(to: number): Promise<void> {
    const from =
      this.#knownUpTo === undefined ? this.#sender.shared.fromBlock : this.#knownUpTo + 1;
    if (from > to) return;
    const created = this.#createdTopic();
    const topic = addressTopic(this.#filter.account!);
    for (const role of this.#filter.roles) {
      const logs = await queryLogs(this.#sender.provider, {
        address: this.#addresses(),
        topics: role === "buyer" ? [created, null, topic] : [created, null, null, topic],
        fromBlock: from,
        toBlock: to,
      });
      for (const log of logs) {
        this.#known.add(log.topics[1].toLowerCase());
        if (!this.#sender.shared.terms.has(String(log.topics[1]))) this.#rememberCreated(log);
      }
    }
    this.#knownUpTo = to;
  }

  /** Whether the order of a seller's refund was closed (Refunded) at the end of its block. */
  async #closedAt(log: RawLog): Promise<boolean> {
    const state = await this.#sender.escrowAt(log.address).orderState(log.topics[1], {
      blockTag: log.blockNumber,
    });
    return ORDER_STATUSES[Number(state.status)] === "Refunded";
  }
}

function sorted(logs: RawLog[]): RawLog[] {
  return logs.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}

function asError(err: unknown): unknown {
  return err instanceof TradeChainError ? err : toTradeChainError(err);
}
