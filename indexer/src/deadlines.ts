/**
 * The next deadline of an order, from its status and the escrow's rules: ship by `shipBy` while
 * funded; the buyer's confirmation window once cleared (then anyone may release); the arbitration
 * period once disputed (then the dispute may be closed as stale). Shipped orders wait for customs,
 * which has no deadline.
 */
import type { OrderStatus } from "@tradechain/sdk";

/** The escrow's fixed periods, in seconds. */
export interface EscrowPeriods {
  readonly arbitrationPeriod: bigint;
}

/** An order's next deadline: what happens then, and when (unix seconds). */
export interface Deadline {
  readonly kind: "ship-by" | "confirmation window" | "arbitration";
  readonly at: bigint;
  /** What becomes possible when it passes. */
  readonly then: string;
}

/** The fields of an order row a deadline depends on. */
export interface DeadlineInputs {
  readonly status: string;
  readonly since: bigint;
  readonly shipBy: bigint;
  readonly confirmWindow: number;
}

/** The next deadline of an order, or null when none applies (shipped, or closed). */
export function nextDeadline(order: DeadlineInputs, periods: EscrowPeriods): Deadline | null {
  switch (order.status as OrderStatus) {
    case "Funded":
      return {
        kind: "ship-by",
        at: order.shipBy,
        then: "the buyer may take a refund if unshipped",
      };
    case "Cleared":
      return {
        kind: "confirmation window",
        at: order.since + BigInt(order.confirmWindow),
        then: "anyone may release the payment to the seller",
      };
    case "Disputed":
      return {
        kind: "arbitration",
        at: order.since + periods.arbitrationPeriod,
        then: "the dispute may be closed as stale",
      };
    default:
      return null;
  }
}
