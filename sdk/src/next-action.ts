/**
 * Who may move an order next, and until when: the escrow's time rules written once, as a pure
 * function of the order's terms, its state, the escrow's periods and the chain's time, so the
 * client (`nextAction(orderId)`) and the explorer give the same answer for the same block.
 *
 * Every window is in chain seconds and inclusive at both ends: an action is allowed in a block
 * whose timestamp `t` has `from ≤ t ≤ until`. A transaction sent now lands in a later block, so
 * an action whose `secondsLeft` is 0 is, for it, already closed.
 *
 * The rules (TradeEscrow; each tested one second before and at its boundary):
 * - Funded: the seller ships until `shipBy`; the buyer may cancel and the seller reject while it
 *   is unshipped; from `shipBy + 1` anyone may refund the buyer (`refundUnshipped`).
 * - Shipped, waiting for the destination's customs: customs clears or rejects; from
 *   `shippedAt + CUSTOMS_PERIOD` either party may open a dispute (customs may still decide).
 * - Cleared: the buyer confirms, or disputes until `clearedAt + confirmWindow - 1`; from
 *   `clearedAt + confirmWindow` anyone releases the payment; the seller may dispute any time.
 * - Disputed: the arbiter rules until `disputedAt + ARBITRATION_PERIOD - 1` (unless suspended or
 *   no longer an arbiter); the parties may settle; from `disputedAt + ARBITRATION_PERIOD` anyone
 *   closes the dispute as an even split.
 * - In every open status the seller may refund part or all of what remains.
 * - Completed, Refunded, Resolved: closed, nothing to do.
 */
import { clientError } from "./failure.js";
import { formatDuration, formatTimestamp } from "./format.js";
import { formatJurisdiction } from "./ids.js";
import type { OrderStatus, OrderTerms } from "./types.js";

/** Who may make a move: one party, either party, the destination's customs, or anyone. */
export type OrderActor = "buyer" | "seller" | "parties" | "customs" | "arbiter" | "anyone";

/** An escrow call (and the client method of the same name) that moves an order. */
export type OrderMove =
  | "ship"
  | "cancel"
  | "reject"
  | "refundUnshipped"
  | "refund"
  | "clearCustoms"
  | "rejectAtCustoms"
  | "openDispute"
  | "confirmReceipt"
  | "releaseAfterTimeout"
  | "proposeSettlement"
  | "acceptSettlement"
  | "resolveDispute"
  | "closeStaleDispute";

/** The escrow's fixed periods in seconds (`CUSTOMS_PERIOD`, `ARBITRATION_PERIOD`). */
export interface EscrowPeriods {
  readonly customsPeriod: bigint;
  readonly arbitrationPeriod: bigint;
}

/** The terms the rules read (an explorer's order row has them too). */
export type NextActionTerms = Pick<
  OrderTerms,
  "buyer" | "seller" | "arbiter" | "destination" | "shipBy"
> & { readonly confirmWindow: number | bigint };

/** The state the rules read: the status and when it began (chain seconds). */
export interface NextActionState {
  readonly status: OrderStatus;
  readonly since: bigint;
}

/** What the rules know besides the order: whether its arbiter may rule (default true). */
export interface NextActionContext {
  /** False while the registry has the arbiter suspended, or stripped of the arbiter role. */
  readonly arbiterCanRule?: boolean;
}

/** One move the order's status allows, now or in a window of chain time. */
export interface ActionWindow {
  readonly call: OrderMove;
  readonly by: OrderActor;
  /** The addresses that may make it; empty for customs (of `destination`) and anyone. */
  readonly accounts: readonly string[];
  /** First chain second it is allowed; undefined when it already was when the status began. */
  readonly from: bigint | undefined;
  /** Last chain second it is allowed; undefined while the status lasts. */
  readonly until: bigint | undefined;
  /** Allowed at `now`. */
  readonly open: boolean;
}

/** Who may act on an order next and until when, at chain time `now`. */
export interface NextAction {
  readonly status: OrderStatus;
  /** The chain time this is true at (the latest block's timestamp). */
  readonly now: bigint;
  /** Completed, Refunded or Resolved: nothing more happens. */
  readonly final: boolean;
  /** Who the order waits for now (undefined when final). */
  readonly waitingFor: OrderActor | undefined;
  /** The calls they make. */
  readonly calls: readonly OrderMove[];
  /** Last chain second of this phase; undefined when it has no end. */
  readonly deadline: bigint | undefined;
  /** `deadline - now`. */
  readonly secondsLeft: bigint | undefined;
  /** Who may act after the deadline, with which calls, from which chain second. */
  readonly then:
    | { readonly by: OrderActor; readonly calls: readonly OrderMove[]; readonly from: bigint }
    | undefined;
  /** Every move of the status, open now or later. */
  readonly actions: readonly ActionWindow[];
  /** The destination, whose customs authority decides a shipment. */
  readonly destination: number;
  /** One paragraph for people, with UTC times and what is left. */
  readonly summary: string;
}

/** The statuses in which nothing more happens. */
const FINAL: readonly OrderStatus[] = ["Completed", "Refunded", "Resolved"];

/**
 * Who may act on an order next and until when: the escrow's rules (see this module) applied to
 * `terms`, `state`, the escrow's `periods` and the chain time `now` (the latest block's
 * timestamp, not the clock).
 * @throws TradeChainError `INVALID_ARGUMENT` for status `None` (no such order).
 */
export function nextActionOf(
  terms: NextActionTerms,
  state: NextActionState,
  periods: EscrowPeriods,
  now: bigint,
  context: NextActionContext = {},
): NextAction {
  const base = { status: state.status, now, destination: Number(terms.destination) };
  if (FINAL.includes(state.status)) {
    return {
      ...base,
      final: true,
      waitingFor: undefined,
      calls: [],
      deadline: undefined,
      secondsLeft: undefined,
      then: undefined,
      actions: [],
      summary: `${state.status}: the order is closed; nothing more to do.`,
    };
  }
  const plan = planOf(terms, state, periods, context.arbiterCanRule ?? true);
  const before = plan.deadline !== undefined && now <= plan.deadline;
  const phase = before || plan.deadline === undefined ? plan.first : plan.after;
  const actions = plan.windows.map((w) => ({
    ...w,
    accounts: accountsOf(w.by, terms),
    open: (w.from === undefined || now >= w.from) && (w.until === undefined || now <= w.until),
  }));
  const deadline = before ? plan.deadline : undefined;
  const then =
    before && plan.deadline !== undefined ? { ...plan.after, from: plan.deadline + 1n } : undefined;
  const next: Omit<NextAction, "summary"> = {
    ...base,
    final: false,
    waitingFor: phase.by,
    calls: phase.calls,
    deadline,
    secondsLeft: deadline === undefined ? undefined : deadline - now,
    then,
    actions,
  };
  return { ...next, summary: summaryOf(next, state, plan.arbiterCanRule) };
}

/** A status's moves and its two phases: before the deadline, and after. */
interface Plan {
  readonly windows: readonly Omit<ActionWindow, "open" | "accounts">[];
  readonly first: { readonly by: OrderActor; readonly calls: readonly OrderMove[] };
  readonly deadline: bigint | undefined;
  readonly after: { readonly by: OrderActor; readonly calls: readonly OrderMove[] };
  readonly arbiterCanRule: boolean;
}

function planOf(
  terms: NextActionTerms,
  state: NextActionState,
  periods: EscrowPeriods,
  arbiterCanRule: boolean,
): Plan {
  const any = { from: undefined, until: undefined };
  const refund = { call: "refund", by: "seller", ...any } as const;
  switch (state.status) {
    case "Funded": {
      const shipBy = BigInt(terms.shipBy);
      return {
        windows: [
          { call: "ship", by: "seller", from: undefined, until: shipBy },
          { call: "cancel", by: "buyer", ...any },
          { call: "reject", by: "seller", ...any },
          { call: "refundUnshipped", by: "anyone", from: shipBy + 1n, until: undefined },
          refund,
        ],
        first: { by: "seller", calls: ["ship"] },
        deadline: shipBy,
        after: { by: "anyone", calls: ["refundUnshipped"] },
        arbiterCanRule,
      };
    }
    case "Shipped": {
      const disputableAt = state.since + periods.customsPeriod;
      return {
        windows: [
          { call: "clearCustoms", by: "customs", ...any },
          { call: "rejectAtCustoms", by: "customs", ...any },
          { call: "openDispute", by: "parties", from: disputableAt, until: undefined },
          refund,
        ],
        first: { by: "customs", calls: ["clearCustoms", "rejectAtCustoms"] },
        deadline: disputableAt - 1n,
        after: { by: "parties", calls: ["openDispute"] },
        arbiterCanRule,
      };
    }
    case "Cleared": {
      const releasableAt = state.since + BigInt(terms.confirmWindow);
      return {
        windows: [
          { call: "confirmReceipt", by: "buyer", ...any },
          { call: "openDispute", by: "buyer", from: undefined, until: releasableAt - 1n },
          { call: "openDispute", by: "seller", ...any },
          { call: "releaseAfterTimeout", by: "anyone", from: releasableAt, until: undefined },
          refund,
        ],
        first: { by: "buyer", calls: ["confirmReceipt", "openDispute"] },
        deadline: releasableAt - 1n,
        after: { by: "anyone", calls: ["releaseAfterTimeout"] },
        arbiterCanRule,
      };
    }
    case "Disputed": {
      const staleAt = state.since + periods.arbitrationPeriod;
      const settle = ["proposeSettlement", "acceptSettlement"] as const;
      return {
        windows: [
          ...(arbiterCanRule
            ? [
                {
                  call: "resolveDispute",
                  by: "arbiter",
                  from: undefined,
                  until: staleAt - 1n,
                } as const,
              ]
            : []),
          ...settle.map((call) => ({ call, by: "parties", ...any }) as const),
          { call: "closeStaleDispute", by: "anyone", from: staleAt, until: undefined },
          refund,
        ],
        first: arbiterCanRule
          ? { by: "arbiter", calls: ["resolveDispute"] }
          : { by: "parties", calls: [...settle] },
        deadline: staleAt - 1n,
        after: { by: "anyone", calls: ["closeStaleDispute"] },
        arbiterCanRule,
      };
    }
    default:
      throw clientError(
        "INVALID_ARGUMENT",
        "UnknownStatus",
        `An order in status ${state.status} has no next action (no such order?)`,
        { status: state.status },
      );
  }
}

function accountsOf(by: OrderActor, terms: NextActionTerms): readonly string[] {
  switch (by) {
    case "buyer":
      return [terms.buyer];
    case "seller":
      return [terms.seller];
    case "parties":
      return [terms.buyer, terms.seller];
    case "arbiter":
      return [terms.arbiter];
    default:
      return [];
  }
}

/** The paragraph of {@link NextAction.summary}. */
function summaryOf(
  next: Omit<NextAction, "summary">,
  state: NextActionState,
  arbiterCanRule: boolean,
): string {
  const at = (t: bigint) => formatTimestamp(t);
  const customs = `the customs of ${formatJurisdiction(next.destination)}`;
  if (next.deadline === undefined || next.then === undefined) {
    switch (state.status) {
      case "Funded":
        return (
          "The ship-by time passed unshipped: anyone may refund the buyer (refundUnshipped); " +
          "the buyer may still cancel and the seller reject."
        );
      case "Shipped":
        return (
          `${customs[0].toUpperCase()}${customs.slice(1)} has not decided since ` +
          `${at(state.since)}: either party may open a dispute; customs may still decide.`
        );
      case "Cleared":
        return (
          "The confirmation window ended: anyone may release the payment to the seller " +
          "(releaseAfterTimeout); the buyer may still confirm."
        );
      default:
        return (
          "The arbitration period ended: anyone may close the dispute as an even split " +
          "(closeStaleDispute); the parties may still settle."
        );
    }
  }
  const by = `${at(next.deadline)} (${formatDuration(next.deadline - next.now)} left)`;
  const from = at(next.then.from);
  switch (state.status) {
    case "Funded":
      return (
        `Waiting for the seller to ship by ${by}; until shipment the buyer may cancel and the ` +
        `seller reject; from ${from} anyone may refund the buyer.`
      );
    case "Shipped":
      return (
        `Waiting for ${customs} to clear or reject the shipment; from ${from} ` +
        `(${formatDuration(next.then.from - next.now)} from now) either party may open a dispute.`
      );
    case "Cleared":
      return (
        `Waiting for the buyer to confirm receipt, or to dispute by ${by}; from ${from} anyone ` +
        "may release the payment to the seller."
      );
    default:
      return arbiterCanRule
        ? `Waiting for the arbiter to rule by ${by}; the parties may settle meanwhile; from ` +
            `${from} anyone may close the dispute as an even split.`
        : "The arbiter cannot rule (suspended, or no longer an arbiter): the parties may settle " +
            `until ${by}; from ${from} anyone may close the dispute as an even split.`;
  }
}
