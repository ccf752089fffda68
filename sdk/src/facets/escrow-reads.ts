/**
 * The escrow reads of a client: an order's id, terms, state, settlement and timeline, credit
 * records, claimable balances and accrued fees.
 */
import { isHexString, ZeroAddress } from "ethers";

import type { ITradeEscrow } from "../contracts/escrow/TradeEscrow.js";
import { computeOrderId, normaliseTerms } from "../encoding.js";
import { type EscrowPeriods, type NextAction, nextActionOf } from "../next-action.js";
import { parseAddress } from "../address.js";
import { formatTariffCode } from "../ids.js";
import { clientError } from "../failure.js";
import { latestBlock } from "../rpc.js";
import type { OrderEscrow, Sender } from "../sender.js";
import { orderTimeline } from "../timeline.js";
import {
  CREDIT_COUNTERS,
  type CreditLine,
  type CreditRecord,
  ORDER_STATUSES,
  type OrderStateView,
  ParticipantRole,
  type OrderTerms,
  type TimelineEntry,
} from "../types.js";

/** Which escrow an account read covers. */
export interface EscrowOption {
  /**
   * One of the deployment's escrows (`addresses.escrow` or `addresses.fxEscrow`); default every
   * escrow of the deployment, added up. Another address is `UnknownEscrow`.
   */
  readonly escrow?: string;
}

/**
 * True for the deployment's cross-currency escrow, false for its escrow; any other address is
 * refused: `UnknownEscrow`, or on a deployment without a cross-currency escrow `requireFx`'s error.
 */
export function isFxEscrowAddress(sender: Sender, escrow: string): boolean {
  const address = parseAddress(escrow, "escrow");
  if (address === sender.addresses.escrow) return false;
  if (address === sender.requireFx().target) return true;
  throw clientError(
    "INVALID_ARGUMENT",
    "UnknownEscrow",
    `${address} is neither the deployment's escrow nor its cross-currency escrow`,
    { escrow: address },
  );
}

/** Refuses an order id that is not 32 bytes of hex before anything is asked of the node. */
function checkOrderId(orderId: string): void {
  if (!isHexString(orderId, 32)) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidOrderId",
      `"${orderId}" is not an order id (0x and 64 hex digits)`,
      { orderId },
    );
  }
}

/** `TradeEscrow` reads of a client. */
export class EscrowReadsFacet {
  readonly #sender: Sender;
  /** The escrow's periods, read once. */
  #periods: Promise<EscrowPeriods> | undefined;

  constructor(sender: Sender) {
    this.#sender = sender;
  }

  /** The order id of `terms` on this deployment (computed locally, as the escrow does). */
  async orderIdOf(terms: OrderTerms): Promise<string> {
    return computeOrderId(await this.#sender.chainId(), this.#sender.addresses.escrow, terms);
  }

  /**
   * Remembers terms obtained elsewhere (e.g. from a platform database); returns the id. `escrow`:
   * the escrow the order lives on, the deployment's (default) or its cross-currency one
   * (`addresses.fxEscrow`), whose order ids differ.
   */
  async rememberTerms(terms: OrderTerms, escrow?: string): Promise<string> {
    const normalised = normaliseTerms(terms);
    const onFx = escrow !== undefined && this.#isFxEscrow(escrow);
    const orderId = onFx
      ? computeOrderId(
          await this.#sender.chainId(),
          this.#sender.requireFx().target as string,
          normalised,
        )
      : await this.orderIdOf(normalised);
    this.#remember(orderId, normalised, onFx ? this.#sender.requireFx() : this.#sender.escrow);
    return orderId;
  }

  /** True for the cross-currency escrow's address; the deployment's is false, others refused. */
  #isFxEscrow(escrow: string): boolean {
    return isFxEscrowAddress(this.#sender, escrow);
  }

  /** Records an order's terms and, for a cross-currency order, its escrow. */
  #remember(orderId: string, terms: OrderTerms, escrow: OrderEscrow): void {
    this.#sender.shared.terms.set(orderId, terms);
    if (escrow !== this.#sender.escrow) {
      this.#sender.shared.escrows.set(orderId, escrow.target as string);
    }
  }

  /** The terms of an order: from memory, else rebuilt from its `OrderCreated` event. */
  async termsOf(orderId: string): Promise<OrderTerms> {
    return (await this.orderOf(orderId)).terms;
  }

  /**
   * An order's terms and the escrow it lives on: from memory, else rebuilt from the
   * `OrderCreated` event of the escrow that holds it (the deployment's or the cross-currency one).
   */
  async orderOf(orderId: string): Promise<{ terms: OrderTerms; escrow: OrderEscrow }> {
    checkOrderId(orderId);
    const known = this.#sender.shared.terms.get(orderId);
    if (known !== undefined) return { terms: known, escrow: await this.escrowOf(orderId) };
    const escrow = await this.escrowOf(orderId);
    const { escrow: main, fxEscrow: fx, shared } = this.#sender;
    const events =
      fx !== undefined && escrow === fx
        ? await fx.queryFilter(fx.filters.OrderCreated(orderId), shared.fromBlock)
        : await main.queryFilter(main.filters.OrderCreated(orderId), shared.fromBlock);
    const event = events[0];
    if (event === undefined) throw this.#unknownOrder(orderId);
    const terms = normaliseTerms(event.args.terms);
    this.#remember(orderId, terms, escrow);
    return { terms, escrow };
  }

  /**
   * The escrow an order lives on: known for the orders the client created or remembered; any
   * other order is looked for on the cross-currency escrow when the deployment has one and the
   * deployment's escrow does not know it (no call at all without a cross-currency escrow).
   */
  async escrowOf(orderId: string): Promise<OrderEscrow> {
    return (await this.#locate(orderId)).escrow;
  }

  /**
   * {@link escrowOf}, with the order's state when finding the escrow had to read it (then
   * `orderState` needs no second read).
   */
  async #locate(
    orderId: string,
  ): Promise<{ escrow: OrderEscrow; state?: ITradeEscrow.OrderStateStructOutput }> {
    const { shared, escrow, fxEscrow } = this.#sender;
    const known = shared.escrows.get(orderId);
    if (known !== undefined) return { escrow: this.#sender.escrowAt(known) };
    if (fxEscrow === undefined || shared.terms.has(orderId)) return { escrow };
    const [onEscrow, onFx] = await Promise.all([
      escrow.orderState(orderId),
      fxEscrow.orderState(orderId),
    ]);
    if (Number(onEscrow.status) === 0 && Number(onFx.status) !== 0) {
      shared.escrows.set(orderId, fxEscrow.target as string);
      return { escrow: fxEscrow, state: onFx };
    }
    // Found on the deployment's escrow: remembered too, so the next read asks it alone.
    if (Number(onEscrow.status) !== 0) shared.escrows.set(orderId, escrow.target as string);
    return { escrow, state: onEscrow };
  }

  /**
   * The mutable state of an order; an id the escrow has never seen is a {@link TradeChainError}
   * with code `UNKNOWN_ORDER`.
   */
  async orderState(orderId: string): Promise<OrderStateView> {
    checkOrderId(orderId);
    const located = await this.#locate(orderId);
    const state = located.state ?? (await located.escrow.orderState(orderId));
    if (Number(state.status) === 0) throw this.#unknownOrder(orderId);
    return orderStateView(state);
  }

  /**
   * Who may act on the order next and until when, in chain time: the escrow's rules
   * ({@link nextActionOf}) applied to the order's terms, its state and the timestamp of the
   * latest block, both read at that block. For a disputed order it also asks the registry
   * whether the arbiter may still rule.
   */
  async nextAction(orderId: string): Promise<NextAction> {
    checkOrderId(orderId);
    const sender = this.#sender;
    const block = await latestBlock(sender.provider);
    const at = { blockTag: block.number };
    const escrow = await this.escrowOf(orderId);
    const [terms, state, periods] = await Promise.all([
      this.termsOf(orderId),
      escrow.orderState(orderId, at),
      this.#escrowPeriods(),
    ]);
    const status = ORDER_STATUSES[Number(state.status)] ?? "None";
    if (status === "None") throw this.#unknownOrder(orderId);
    let arbiterCanRule = true;
    if (status === "Disputed") {
      // As the escrow decides: an order that named the default arbiter loses it only to a
      // suspension, any other arbiter must still be an active registered arbiter.
      arbiterCanRule = state.namedDefaultArbiter
        ? !(await sender.registry.isSuspended(terms.arbiter, at))
        : await sender.registry.isActive(terms.arbiter, ParticipantRole.Arbiter, at);
    }
    return nextActionOf(terms, { status, since: state.since }, periods, block.timestamp, {
      arbiterCanRule,
    });
  }

  #escrowPeriods(): Promise<EscrowPeriods> {
    const escrow = this.#sender.escrow;
    this.#periods ??= Promise.all([escrow.CUSTOMS_PERIOD(), escrow.ARBITRATION_PERIOD()]).then(
      ([customsPeriod, arbitrationPeriod]) => ({ customsPeriod, arbitrationPeriod }),
    );
    this.#periods.catch(() => (this.#periods = undefined));
    return this.#periods;
  }

  #unknownOrder(orderId: string) {
    const { escrow, fxEscrow } = this.#sender.addresses;
    const where = fxEscrow === undefined ? `escrow ${escrow}` : `escrow ${escrow} or ${fxEscrow}`;
    return clientError(
      "UNKNOWN_ORDER",
      "UnknownOrder",
      `No order ${orderId} on ${where} (check the id, network and deployment)`,
      { orderId, escrow },
    );
  }

  /**
   * The standing settlement proposal of a disputed order, if any: `buyerTotal` is the buyer's
   * total for the whole order it proposes, refunds already paid included.
   */
  async settlementOf(
    orderId: string,
  ): Promise<{ proposer: string; buyerTotal: bigint } | undefined> {
    checkOrderId(orderId);
    const [proposer, buyerTotal] = await (await this.escrowOf(orderId)).settlementOf(orderId);
    return proposer === ZeroAddress ? undefined : { proposer, buyerTotal };
  }

  /**
   * A participant's credit, one line per currency: every token of the deployment the escrow
   * allowlists, plus any delisted one whose record is not empty (history stays visible).
   * Amounts of different currencies are never added together. On a deployment with a
   * cross-currency escrow each line adds up the records both escrows keep in that token (its FX
   * orders count as buyer in the pay currency, as seller in the payout one); `escrow` (one of the
   * deployment's escrow addresses) reads that escrow's records alone.
   */
  async creditOf(account: string, options: EscrowOption = {}): Promise<CreditLine[]> {
    parseAddress(account, "account");
    const escrows = this.#escrowsOf(options.escrow);
    const lines = await Promise.all(
      Object.entries(this.#sender.addresses.tokens).map(async ([currency, token]) => {
        const [allowed, record] = await Promise.all([
          // The cross-currency escrow takes the deployment escrow's allowlist.
          this.#sender.escrow.isTokenAllowed(token),
          this.#creditIn(account, token, escrows),
        ]);
        return { allowed, record, line: { currency, token, ...record } };
      }),
    );
    return lines
      .filter(({ allowed, record }) => allowed || !isEmptyCredit(record))
      .map(({ line }) => line);
  }

  /**
   * A participant's credit record in one settlement token (currency code or address): both
   * escrows' records added up when the deployment has a cross-currency escrow, else (or with
   * `escrow`) one escrow's.
   */
  creditIn(
    account: string,
    currencyOrAddress: string,
    options: EscrowOption = {},
  ): Promise<CreditRecord> {
    return this.#creditIn(account, currencyOrAddress, this.#escrowsOf(options.escrow));
  }

  async #creditIn(
    account: string,
    currencyOrAddress: string,
    escrows: readonly OrderEscrow[],
  ): Promise<CreditRecord> {
    const address = parseAddress(account, "account");
    const token = this.#sender.tokenAddress(currencyOrAddress);
    const credits = await Promise.all(escrows.map((escrow) => escrow.creditOf(address, token)));
    const sum = (field: (typeof CREDIT_COUNTERS)[number] | "volume" | "refundedVolume") =>
      credits.reduce((total, credit) => total + BigInt(credit[field]), 0n);
    const counts = CREDIT_COUNTERS.map((counter) => [counter, Number(sum(counter))]);
    return {
      ...Object.fromEntries(counts),
      volume: sum("volume"),
      refundedVolume: sum("refundedVolume"),
    } as CreditRecord;
  }

  /**
   * What `account` can withdraw in a token: on a deployment with a cross-currency escrow, what
   * both escrows hold for it added up (`withdraw` takes the deployment escrow's part, `withdrawFx`
   * the cross-currency escrow's: an FX provider's float, payouts a token refused); `escrow` reads
   * one escrow's.
   */
  async claimable(
    currencyOrAddress: string,
    account: string,
    options: EscrowOption = {},
  ): Promise<bigint> {
    const token = this.#sender.tokenAddress(currencyOrAddress);
    const holder = parseAddress(account, "account");
    const escrows = this.#escrowsOf(options.escrow);
    const amounts = await Promise.all(escrows.map((escrow) => escrow.claimable(token, holder)));
    return amounts.reduce((total, amount) => total + amount, 0n);
  }

  /** The escrows a read covers: the one named, else every escrow of the deployment. */
  #escrowsOf(escrow: string | undefined): OrderEscrow[] {
    const { escrow: main, fxEscrow } = this.#sender;
    if (escrow !== undefined) return [this.#isFxEscrow(escrow) ? fxEscrow! : main];
    return fxEscrow === undefined ? [main] : [main, fxEscrow];
  }

  /**
   * Every event of an order in block order — creation, shipment, milestones, customs, refunds,
   * disputes, release, complaints and deferred payouts — with block time, actor, sender,
   * transaction hash and the gas the transaction used. A cross-currency order's steps show both
   * currencies (its quote's payout leg and how each close split both legs).
   */
  async orderTimeline(orderId: string): Promise<TimelineEntry[]> {
    const { terms, escrow } = await this.orderOf(orderId);
    return orderTimeline(this.#sender, orderId, terms, escrow);
  }

  /** Fees accrued in a token and not yet collected. */
  accruedFees(currencyOrAddress: string): Promise<bigint> {
    return this.#sender.escrow.accruedFees(this.#sender.tokenAddress(currencyOrAddress));
  }
}

/** The escrow's `OrderState` struct as the SDK shows it. */
export function orderStateView(state: ITradeEscrow.OrderStateStructOutput): OrderStateView {
  const hsCode = Number(state.hsCode);
  return {
    status: ORDER_STATUSES[Number(state.status)] ?? "None",
    disputedBySeller: state.disputedBySeller,
    complaintFiled: state.complaintFiled,
    shipped: state.shipped,
    namedDefaultArbiter: state.namedDefaultArbiter,
    since: state.since,
    hsCode,
    hsCodeText: hsCode === 0 ? "" : formatTariffCode(hsCode),
    refunded: state.refunded,
  };
}

/** True when a credit record has no count and no volume. */
function isEmptyCredit(record: CreditRecord): boolean {
  return (
    record.volume === 0n &&
    record.refundedVolume === 0n &&
    CREDIT_COUNTERS.every((counter) => record[counter] === 0)
  );
}
