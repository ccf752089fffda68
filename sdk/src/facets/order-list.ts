/**
 * Finding a party's orders without an indexer: `ordersOf(account)` reads the `OrderCreated` logs
 * that name the account as buyer (topic 2) or seller (topic 3) — never other parties' orders — of
 * the deployment's escrow and, when it has one, its cross-currency escrow (one `eth_getLogs` per
 * role names both addresses; the `escrow` option lists one of them), and the current state of each: the escrow's through its `multicall`
 * (one call per page), the cross-currency escrow's (it has no `multicall`) one `orderState` call
 * per order, sent together, with the page's payout legs from one `eth_getLogs` of their
 * `FxOrderCreated` events. Newest first, page by page with an opaque cursor that stays valid
 * while new orders arrive.
 */
import { decodeBase64, encodeBase64, type Interface, toUtf8Bytes, toUtf8String } from "ethers";

import type { ITradeEscrow } from "../contracts/escrow/TradeEscrow.js";
import { parseAddress } from "../address.js";
import { normaliseTerms } from "../encoding.js";
import { clientError } from "../failure.js";
import { addressTopic, queryLogs, type RawLog } from "../order-events.js";
import { latestBlock } from "../rpc.js";
import type { Sender } from "../sender.js";
import {
  ORDER_STATUSES,
  type OrderStateView,
  type OrderStatus,
  type OrderTerms,
} from "../types.js";
import { isFxEscrowAddress, orderStateView } from "./escrow-reads.js";
import type { FxLeg } from "./fx.js";

/** Orders a page holds unless `limit` says otherwise. */
export const DEFAULT_ORDERS_PAGE = 50;
/** The most orders one page may hold. */
export const MAX_ORDERS_PAGE = 1_000;
/** Order states read per `multicall`. */
const STATES_PER_CALL = 200;

/** Which side of its orders an account is listed on. */
export type OrderRole = "buyer" | "seller";

/** What `ordersOf` lists. */
export interface OrdersOfOptions {
  /** Only the orders where the account is this party; default both. */
  readonly role?: OrderRole;
  /** Only orders now in this status (or one of these). */
  readonly status?: OrderStatus | readonly OrderStatus[];
  /** First block searched; default the client's `fromBlock` (the escrow's deployment block). */
  readonly fromBlock?: number;
  /** Orders per page, 1 to 1,000; default 50. */
  readonly limit?: number;
  /**
   * Only the orders of one escrow: `addresses.escrow` or `addresses.fxEscrow`; default both (the
   * deployment's escrow alone without a cross-currency one). Another address is `UnknownEscrow`.
   * Listing the deployment's escrow alone asks nothing of the cross-currency escrow.
   */
  readonly escrow?: string;
  /**
   * The `cursor` of the previous page, for the next one (same account and options); undefined
   * for the first page (so a loop may pass the last page's cursor as it is).
   */
  readonly cursor?: string | undefined;
}

/** One of an account's orders: its terms, its current state, and where it was created. */
export interface AccountOrder {
  readonly orderId: string;
  /** The account's side of the order. */
  readonly role: OrderRole;
  readonly terms: OrderTerms;
  readonly state: OrderStateView;
  /** The escrow the order lives on: `addresses.escrow`, or `addresses.fxEscrow` for an FX order. */
  readonly escrow: string;
  /**
   * A cross-currency order's payout leg (provider, payout token, its currency and amount before
   * the fee, as its `FxOrderCreated` event has it); undefined for a single-currency order.
   */
  readonly leg: FxLeg | undefined;
  /** Block, log and transaction of its `OrderCreated` event. */
  readonly blockNumber: number;
  readonly logIndex: number;
  readonly txHash: string;
}

/** A page of an account's orders, newest first. */
export interface OrdersPage {
  readonly orders: readonly AccountOrder[];
  /** Pass as `cursor` for the next (older) page; undefined on the last page. */
  readonly cursor: string | undefined;
}

/** What a cursor holds: the query it belongs to and the last order the page returned. */
interface CursorData {
  readonly v: 1;
  readonly query: string;
  readonly block: number;
  readonly index: number;
}

/** `ordersOf` for a client. */
export class OrderListFacet {
  readonly #sender: Sender;

  constructor(sender: Sender) {
    this.#sender = sender;
  }

  /**
   * The orders where `account` is buyer or seller (or the given `role`), with their terms and
   * current state, newest first, `limit` per page; `status` keeps those now in that status.
   * Reads only the account's own `OrderCreated` logs (its address is an indexed topic) and the
   * page's states in one `multicall`. Hand `cursor` back for the next page.
   */
  async ordersOf(account: string, options: OrdersOfOptions = {}): Promise<OrdersPage> {
    const party = parseAddress(account, "account");
    const roles = checkedRoles(options.role);
    const statuses = checkedStatuses(options.status);
    const limit = checkedLimit(options.limit);
    const fromBlock = checkedBlock(options.fromBlock ?? this.#sender.shared.fromBlock);
    const escrows = this.#escrows(options.escrow);
    const query = [party, roles.join("+"), statuses?.join("+") ?? "*", fromBlock]
      .concat(options.escrow === undefined ? [] : [escrows[0]])
      .join("/");
    const after = options.cursor === undefined ? undefined : readCursor(options.cursor, query);
    const toBlock = after?.block ?? (await latestBlock(this.#sender.provider)).number;
    if (fromBlock > toBlock) return { orders: [], cursor: undefined };

    const iface: Interface = this.#sender.escrow.interface;
    const created = iface.getEvent("OrderCreated")!.topicHash;
    const topic = addressTopic(party);
    const found = await Promise.all(
      roles.map((role) =>
        queryLogs(this.#sender.provider, {
          address: escrows.length === 1 ? escrows[0] : escrows,
          topics: role === "buyer" ? [created, null, topic] : [created, null, null, topic],
          fromBlock,
          toBlock,
        }).then((logs) => logs.map((log) => ({ log, role }))),
      ),
    );
    const candidates = found
      .flat()
      .filter(({ log }) => after === undefined || isBefore(log, after))
      .sort((a, b) => b.log.blockNumber - a.log.blockNumber || b.log.logIndex - a.log.logIndex);

    const orders: AccountOrder[] = [];
    let last: RawLog | undefined;
    for (let start = 0; start < candidates.length && orders.length < limit;) {
      const chunk = candidates.slice(start, start + Math.min(STATES_PER_CALL, limit * 2));
      const logs = chunk.map(({ log }) => log);
      const [states, legs] = await Promise.all([this.#states(logs), this.#legs(logs)]);
      for (let i = 0; i < chunk.length && orders.length < limit; i++) {
        const { log, role } = chunk[i];
        last = log;
        const state = states[i];
        if (statuses !== undefined && !statuses.includes(state.status)) continue;
        orders.push(this.#order(iface, log, role, state, legs.get(log.topics[1].toLowerCase())));
      }
      start += chunk.length;
    }
    const more = last !== undefined && candidates[candidates.length - 1].log !== last;
    return {
      orders,
      cursor: more
        ? writeCursor({ v: 1, query, block: last!.blockNumber, index: last!.logIndex })
        : undefined,
    };
  }

  /** The addresses of the escrows listed: the one `escrow` names (checked), else every one. */
  #escrows(escrow: string | undefined): string[] {
    const { escrow: main, fxEscrow } = this.#sender.addresses;
    if (escrow !== undefined) return [isFxEscrowAddress(this.#sender, escrow) ? fxEscrow! : main];
    return fxEscrow === undefined ? [main] : [main, fxEscrow];
  }

  /**
   * The states of the orders `created` logged, in their order: the escrow's in one `multicall` of
   * `orderState` calls (none when the page has none of its orders), the cross-currency escrow's
   * one `orderState` call each, all sent at once.
   */
  async #states(created: readonly RawLog[]): Promise<OrderStateView[]> {
    const { escrow, addresses } = this.#sender;
    const onMain = created.filter((log) => log.address === addresses.escrow);
    const iface: Interface = escrow.interface;
    const [main, fx] = await Promise.all([
      onMain.length === 0
        ? Promise.resolve([])
        : escrow.multicall.staticCall(
            onMain.map((log) => iface.encodeFunctionData("orderState", [log.topics[1]])),
          ),
      Promise.all(
        created
          .filter((log) => log.address !== addresses.escrow)
          .map((log) => this.#sender.requireFx().orderState(log.topics[1])),
      ),
    ]);
    let [m, f] = [0, 0];
    return created.map((log) => {
      if (log.address !== addresses.escrow) return orderStateView(fx[f++]);
      const [state] = iface.decodeFunctionResult("orderState", main[m++]) as unknown as [
        ITradeEscrow.OrderStateStructOutput,
      ];
      return orderStateView(state);
    });
  }

  /**
   * The payout legs of the cross-currency orders `created` logged, by lower-case order id: their
   * `FxOrderCreated` events in one `eth_getLogs` (nothing asked when the page has none).
   */
  async #legs(created: readonly RawLog[]): Promise<Map<string, FxLeg>> {
    const legs = new Map<string, FxLeg>();
    const fx = this.#sender.fxEscrow;
    const onFx = created.filter((log) => log.address !== this.#sender.addresses.escrow);
    if (fx === undefined || onFx.length === 0) return legs;
    const blocks = onFx.map((log) => log.blockNumber);
    const logs = await queryLogs(this.#sender.provider, {
      address: fx.target as string,
      topics: [fx.interface.getEvent("FxOrderCreated")!.topicHash, onFx.map((l) => l.topics[1])],
      fromBlock: Math.min(...blocks),
      toBlock: Math.max(...blocks),
    });
    for (const log of logs) {
      const parsed = fx.interface.parseLog({ topics: [...log.topics], data: log.data })!;
      const payoutToken = String(parsed.args.payoutToken);
      legs.set(log.topics[1].toLowerCase(), {
        provider: String(parsed.args.provider),
        payoutToken,
        currency: await this.#currencyOf(payoutToken),
        payoutAmount: BigInt(parsed.args.payoutAmount as bigint),
      });
    }
    return legs;
  }

  /** A token's currency code: the deployment's name for it, else the token's own (cached). */
  async #currencyOf(token: string): Promise<string> {
    const known = Object.entries(this.#sender.addresses.tokens).find(([, a]) => a === token);
    return known?.[0] ?? (await this.#sender.tokenInfo(token)).currency;
  }

  #order(
    iface: Interface,
    log: RawLog,
    role: OrderRole,
    state: OrderStateView,
    leg: FxLeg | undefined,
  ): AccountOrder {
    const parsed = iface.parseLog({ topics: [...log.topics], data: log.data })!;
    const terms = normaliseTerms(parsed.args.terms as Parameters<typeof normaliseTerms>[0]);
    const orderId = String(parsed.args.orderId);
    const { shared, addresses } = this.#sender;
    shared.terms.set(orderId, terms);
    if (log.address !== addresses.escrow) shared.escrows.set(orderId, log.address);
    return {
      orderId,
      role,
      terms,
      state,
      escrow: log.address,
      leg,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      txHash: log.txHash,
    };
  }
}

/** True when `log` comes before the cursor's position (an older order). */
function isBefore(log: RawLog, at: CursorData): boolean {
  return log.blockNumber < at.block || (log.blockNumber === at.block && log.logIndex < at.index);
}

function writeCursor(data: CursorData): string {
  return encodeBase64(toUtf8Bytes(JSON.stringify(data)));
}

function readCursor(cursor: string, query: string): CursorData {
  let data: Partial<CursorData> | undefined;
  try {
    data = JSON.parse(toUtf8String(decodeBase64(cursor))) as Partial<CursorData>;
  } catch {
    data = undefined;
  }
  if (data?.v !== 1 || typeof data.block !== "number" || typeof data.index !== "number") {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidCursor",
      `"${cursor}" is not an ordersOf cursor`,
      {
        cursor,
      },
    );
  }
  if (data.query !== query) {
    throw clientError(
      "INVALID_ARGUMENT",
      "CursorMismatch",
      "The cursor belongs to another ordersOf query: pass the same account, role, status, fromBlock and escrow",
      { cursor },
    );
  }
  return data as CursorData;
}

function checkedRoles(role: OrderRole | undefined): OrderRole[] {
  if (role === undefined) return ["buyer", "seller"];
  if (role !== "buyer" && role !== "seller") {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidRole",
      `role is "buyer" or "seller", not "${String(role)}"`,
      {
        role: String(role),
      },
    );
  }
  return [role];
}

function checkedStatuses(
  status: OrderStatus | readonly OrderStatus[] | undefined,
): OrderStatus[] | undefined {
  if (status === undefined) return undefined;
  const list: readonly OrderStatus[] = typeof status === "string" ? [status] : status;
  for (const name of list) {
    if (!ORDER_STATUSES.includes(name) || name === "None") {
      throw clientError(
        "INVALID_ARGUMENT",
        "InvalidStatus",
        `"${String(name)}" is not an order status (${ORDER_STATUSES.slice(1).join(", ")})`,
        { status: String(name) },
      );
    }
  }
  return [...list];
}

function checkedBlock(block: number): number {
  if (!Number.isInteger(block) || block < 0) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidBlock",
      `fromBlock is a block number, not ${block}`,
      {
        fromBlock: block,
      },
    );
  }
  return block;
}

function checkedLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_ORDERS_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ORDERS_PAGE) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidLimit",
      `limit is a whole number from 1 to ${MAX_ORDERS_PAGE}, not ${limit}`,
      { limit },
    );
  }
  return limit;
}
