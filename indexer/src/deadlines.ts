/**
 * Who acts next on an open order, and until when, from its status and the escrow's rules:
 *
 * - Funded: the seller ships by `shipBy`; after it, the buyer may take a refund (`refundUnshipped`);
 * - Shipped, held for customs: the destination's customs clear or reject; `CUSTOMS_PERIOD` after
 *   shipment, either party may open a dispute;
 * - Cleared: the buyer confirms receipt (or disputes) within the confirmation window; after it,
 *   anyone may release the payment (`releaseAfterTimeout`);
 * - Disputed: the arbiter rules (or the parties settle) within `ARBITRATION_PERIOD`; after it,
 *   anyone may close the dispute as stale, splitting what remains (`closeStaleDispute`).
 *
 * Closed orders have no next action. Whether the deadline has passed is for the reader to judge
 * in chain time (the page does, with its chain clock).
 */
import type { OrderStatus } from "@tradechain/sdk";

/** The escrow's fixed periods, in seconds. */
export interface EscrowPeriods {
  readonly arbitrationPeriod: bigint;
  readonly customsPeriod: bigint;
}

/** Who acts: a party of the order, the destination's customs, or anyone at all. */
export type Actor = "seller" | "buyer" | "customs" | "arbiter" | "party" | "anyone";

/** An order's next deadline: who acts until then and what, and who may act once it passed. */
export interface Deadline {
  readonly kind: "ship-by" | "customs" | "confirmation window" | "arbitration";
  /** Unix seconds (chain time). */
  readonly at: bigint;
  /** What becomes possible when it passes, in English. */
  readonly then: string;
  readonly actor: Actor;
  readonly action: "ship" | "clear" | "confirm" | "rule";
  readonly after: { readonly actor: Actor; readonly action: string };
}

/** The fields of an order row a deadline depends on. */
export interface DeadlineInputs {
  readonly status: string;
  readonly since: bigint;
  readonly shipBy: bigint;
  readonly confirmWindow: number;
}

/** The next deadline of an order, or null when it is closed. */
export function nextDeadline(order: DeadlineInputs, periods: EscrowPeriods): Deadline | null {
  switch (order.status as OrderStatus) {
    case "Funded":
      return {
        kind: "ship-by",
        at: order.shipBy,
        then: "the buyer may take a refund if unshipped",
        actor: "seller",
        action: "ship",
        after: { actor: "buyer", action: "refund-unshipped" },
      };
    case "Shipped":
      return {
        kind: "customs",
        at: order.since + periods.customsPeriod,
        then: "the buyer or the seller may open a dispute",
        actor: "customs",
        action: "clear",
        after: { actor: "party", action: "dispute" },
      };
    case "Cleared":
      return {
        kind: "confirmation window",
        at: order.since + BigInt(order.confirmWindow),
        then: "anyone may release the payment to the seller",
        actor: "buyer",
        action: "confirm",
        after: { actor: "anyone", action: "release" },
      };
    case "Disputed":
      return {
        kind: "arbitration",
        at: order.since + periods.arbitrationPeriod,
        then: "the dispute may be closed as stale",
        actor: "arbiter",
        action: "rule",
        after: { actor: "anyone", action: "close-stale" },
      };
    default:
      return null;
  }
}
