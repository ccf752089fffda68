/**
 * The escrow's order events as platforms read them: the logs asked of the node itself (not
 * through ethers' short-lived request cache, so a reorganised chain is seen at once), the
 * canonical hash of a block, and one decoded {@link OrderEvent} per log — kind, order id, the
 * status the event moved the order to, its amounts, block and transaction.
 */
import { getAddress, type Interface, type Provider, toBeHex, zeroPadValue } from "ethers";

import { normaliseTerms } from "./encoding.js";
import { clientError } from "./failure.js";
import { rawRpc } from "./rpc.js";
import type { EventValue, OrderStatus, OrderTerms } from "./types.js";

/** The escrow events that carry an order id as their first topic, in lifecycle order. */
export const ORDER_EVENT_KINDS = [
  "OrderCreated",
  "OrderShipped",
  "MilestoneRecorded",
  "CustomsCleared",
  "OrderRefunded",
  "ReceiptConfirmed",
  "ReleasedAfterTimeout",
  "DisputeOpened",
  "EvidenceSubmitted",
  "SettlementProposed",
  "DisputeResolved",
  "ComplaintFiled",
] as const;

/** The name of an order event. */
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

/**
 * The cross-currency escrow's own events of an order (docs/fx.md): its payout leg funded at
 * creation, and both legs split at every step that moves its money.
 */
export const FX_ORDER_EVENT_KINDS = ["FxOrderCreated", "FxLegsSplit"] as const;

/** The name of a cross-currency escrow's own order event. */
export type FxOrderEventKind = (typeof FX_ORDER_EVENT_KINDS)[number];

/** One event of an order, decoded. */
export interface OrderEvent {
  /** Which event, e.g. `OrderShipped` (or, on the cross-currency escrow, `FxLegsSplit`). */
  readonly kind: OrderEventKind | FxOrderEventKind;
  readonly orderId: string;
  /** The escrow that emitted it: the deployment's or its cross-currency one. */
  readonly escrow: string;
  /**
   * The status the event moved the order to; undefined for events that leave it as it was
   * (milestones, evidence, proposals, complaints, a partial refund).
   */
  readonly status: OrderStatus | undefined;
  /** The event's amounts in the order's token base units, by argument name (`amount`, `fee`…). */
  readonly amounts: Readonly<Record<string, bigint>>;
  /** Every argument but the terms, by name. */
  readonly args: Readonly<Record<string, EventValue>>;
  /** The order's terms, for `OrderCreated`. */
  readonly terms: OrderTerms | undefined;
  /**
   * The event as the order's `orderTimeline` writes it (English), e.g. `Shipped` / `cleared
   * automatically (no customs hold)`, or for a cross-currency order `Both legs split` / `provider credited US$ 100.00;
   * seller paid CN¥ 702.90, fee CN¥ 7.10` (the seller's amounts and the fee of its closes in the
   * payout currency, as in its timeline).
   */
  readonly step: { readonly step: string; readonly detail: string };
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly logIndex: number;
  readonly txHash: string;
}

/** An order event as decoded from its log, before the watcher describes its step. */
export type DecodedOrderEvent = Omit<OrderEvent, "step">;

/** A log as the node returned it, with numbers parsed. */
export interface RawLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly logIndex: number;
  readonly txHash: string;
}

/**
 * A log filter: an address (or any of several), topics (null: any; an array: any of), an
 * inclusive block range.
 */
export interface LogQuery {
  readonly address: string | readonly string[];
  readonly topics: readonly (string | readonly string[] | null)[];
  readonly fromBlock: number;
  readonly toBlock: number;
}

interface NodeLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string | number;
  blockHash: string;
  logIndex?: string | number;
  index?: number;
  transactionHash: string;
  removed?: boolean;
}

/** The logs of a filter, asked of the node itself (`eth_getLogs`) when the provider can. */
export async function queryLogs(provider: Provider, query: LogQuery): Promise<RawLog[]> {
  const raw = rawRpc(provider);
  const filter = {
    address: typeof query.address === "string" ? query.address : [...query.address],
    topics: query.topics.map((t) => (t === null ? null : typeof t === "string" ? t : [...t])),
    fromBlock: toBeHex(query.fromBlock),
    toBlock: toBeHex(query.toBlock),
  };
  const logs = (
    raw === undefined
      ? await provider.getLogs({ ...filter, fromBlock: query.fromBlock, toBlock: query.toBlock })
      : ((await raw.send("eth_getLogs", [filter])) as NodeLog[])
  ) as NodeLog[];
  return logs
    .filter((log) => log.removed !== true)
    .map((log) => ({
      address: getAddress(log.address),
      topics: [...log.topics],
      data: log.data,
      blockNumber: Number(log.blockNumber),
      blockHash: log.blockHash,
      logIndex: Number(log.logIndex ?? log.index),
      txHash: log.transactionHash,
    }));
}

/** The hash of the canonical block `number`, asked of the node itself; undefined if none. */
export async function blockHashAt(provider: Provider, number: number): Promise<string | undefined> {
  const raw = rawRpc(provider);
  const block =
    raw === undefined
      ? await provider.getBlock(number)
      : ((await raw.send("eth_getBlockByNumber", [toBeHex(number), false])) as {
          hash: string;
        } | null);
  return block?.hash ?? undefined;
}

/** An address as a 32-byte topic. */
export function addressTopic(address: string): string {
  return zeroPadValue(getAddress(address), 32).toLowerCase();
}

/** The topic hashes of the order events (with the cross-currency ones when `fx` is true). */
export function orderEventTopics(iface: Interface, fx = false): string[] {
  const kinds: readonly string[] = fx
    ? [...ORDER_EVENT_KINDS, ...FX_ORDER_EVENT_KINDS]
    : ORDER_EVENT_KINDS;
  return kinds.map((kind) => iface.getEvent(kind)!.topicHash);
}

/** True for an event name the watcher delivers (lifecycle or cross-currency). */
function isOrderEventKind(name: string): name is OrderEventKind | FxOrderEventKind {
  return ([...ORDER_EVENT_KINDS, ...FX_ORDER_EVENT_KINDS] as readonly string[]).includes(name);
}

/** The status each kind moves an order to (OrderShipped and OrderRefunded: see below). */
const STATUS_AFTER: Partial<Record<OrderEventKind | FxOrderEventKind, OrderStatus>> = {
  OrderCreated: "Funded",
  CustomsCleared: "Cleared",
  ReceiptConfirmed: "Completed",
  ReleasedAfterTimeout: "Completed",
  DisputeOpened: "Disputed",
  DisputeResolved: "Resolved",
};

/**
 * Decodes an order event; `refundCloses` says whether a seller's refund closed the order (only
 * the chain knows: a partial refund leaves the status, the last one makes it Refunded).
 */
export function decodeOrderEvent(
  iface: Interface,
  log: RawLog,
  refundCloses: (log: RawLog) => Promise<boolean>,
): Promise<DecodedOrderEvent> {
  const parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
  if (parsed === null || !isOrderEventKind(parsed.name)) {
    throw clientError("INVALID_ARGUMENT", "NotAnOrderEvent", `Log ${log.txHash} is no order event`);
  }
  const kind = parsed.name;
  const args: Record<string, EventValue> = {};
  const amounts: Record<string, bigint> = {};
  let terms: OrderTerms | undefined;
  parsed.fragment.inputs.forEach((input, index) => {
    const value: unknown = parsed.args[index];
    if (input.baseType === "tuple") {
      terms = normaliseTerms(value as Parameters<typeof normaliseTerms>[0]);
      return;
    }
    if (typeof value === "bigint" || typeof value === "boolean" || typeof value === "string") {
      args[input.name] = value;
    }
    if (input.type === "uint256" && typeof value === "bigint") amounts[input.name] = value;
  });
  if (terms !== undefined) amounts.amount = terms.amount;
  const base = {
    kind,
    orderId: String(parsed.args[0]),
    escrow: log.address,
    amounts,
    args,
    terms,
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    logIndex: log.logIndex,
    txHash: log.txHash,
  };
  if (kind === "OrderShipped") {
    return Promise.resolve({ ...base, status: args.cleared === true ? "Cleared" : "Shipped" });
  }
  if (kind === "OrderRefunded") {
    // Every refund path but the seller's `refund` (reason 4) returns everything.
    if (Number(args.reason) !== 4) return Promise.resolve({ ...base, status: "Refunded" });
    return refundCloses(log).then((closes) => ({
      ...base,
      status: closes ? ("Refunded" as const) : undefined,
    }));
  }
  return Promise.resolve({ ...base, status: STATUS_AFTER[kind] });
}
