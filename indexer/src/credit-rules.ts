/**
 * The escrow's credit rules, computed from its events instead of read with `creditOf` (one RPC per
 * party per event made indexing RPC-bound). Pure functions, no database: each closing event of an
 * order gives the change of its buyer's and seller's records in the order's token, exactly as
 * `TradeEscrow` makes it (`_complete`, `_refundAll`, `refund`, `_resolve`, `_creditResolved`,
 * `_scoreDispute`, `_mostlyRefunded`, `_bump`, `_addVolume`):
 *
 * - A buyer's cancellation counts `cancelledAsBuyer` on the buyer; every other full refund counts
 *   its cause on the seller (`rejectedAsSeller`, `missedShipBy`, `rejectedAtCustoms`,
 *   `refundedAsSeller`).
 * - Every amount the seller hands back with `refund` (partial, or the final full one) adds to its
 *   `refundedVolume`.
 * - A completion (confirmed or released) counts under the fee rule: only when the order paid a
 *   fee of at least one base unit or its rate was zero. Counted, it adds the seller's volume (what
 *   it was paid, after the fee) and the buyer's (the seller's gross), and a sale and a purchase,
 *   unless the seller had refunded more than half of the amount: then a `refundedAsSeller`
 *   instead (whatever the fee rule says).
 * - A dispute closed (ruling, settlement, stale, or the seller's full refund) counts
 *   `disputesOpened` on its opener and scores it on the buyer's total for the whole order
 *   (refunds included): more than half is the buyer's win and the seller's loss, less the
 *   reverse, exactly half and every stale close a draw for both. A resolved dispute adds volumes
 *   under the fee rule and the mostly-refunded `refundedAsSeller`, like a completion (but no sale).
 * - A cross-currency order (`payoutAmount` set) credits its seller in the payout currency: what it
 *   was paid, and what its refunds gave back of the payout leg (the provider's share at the buyer's
 *   total, floor(R * P / A), before and after: `_sellerRefunded`); its buyer in the pay currency
 *   (the seller's gross part of the pay leg). The counts and their rules are the same.
 * - Counters saturate (2^24 - 1 for sales and purchases, 2^16 - 1 for draws, 2^14 - 1 for the
 *   others), volumes at 2^96 - 1: closing an order never reverts, and the copy never differs.
 */
import { CREDIT_COUNTERS, type CreditCounter } from "@tradechain/sdk";

export type Counter = CreditCounter;

/** A credit record as the escrow's `creditOf` returns it. */
export type CreditValues = Record<Counter, number> & {
  volume: bigint;
  refundedVolume: bigint;
};

/** The saturation limit of each counter (the contract's packing). */
export const COUNTER_MAX: Readonly<Record<Counter, number>> = Object.fromEntries(
  CREDIT_COUNTERS.map((c) => [
    c,
    c === "salesCompleted" || c === "purchasesCompleted"
      ? 2 ** 24 - 1
      : c === "disputesDrawn"
        ? 2 ** 16 - 1
        : 2 ** 14 - 1,
  ]),
) as Record<Counter, number>;

/** The saturation limit of both volumes (`uint96`). */
export const VOLUME_MAX = 2n ** 96n - 1n;

/** A change of one record: counters to add one to, amounts to add. */
export interface CreditChange {
  readonly bump: readonly Counter[];
  readonly volume: bigint;
  readonly refundedVolume: bigint;
}

/** The changes of an order's two parties. */
export interface CreditChanges {
  readonly buyer: CreditChange;
  readonly seller: CreditChange;
}

const NONE: CreditChange = { bump: [], volume: 0n, refundedVolume: 0n };

/** An empty record. */
export function zeroCredit(): CreditValues {
  return {
    ...(Object.fromEntries(CREDIT_COUNTERS.map((c) => [c, 0])) as Record<Counter, number>),
    volume: 0n,
    refundedVolume: 0n,
  };
}

const addVolume = (volume: bigint, amount: bigint) =>
  volume + amount > VOLUME_MAX ? VOLUME_MAX : volume + amount;

/** A record after a change, saturating as the contract does. */
export function applyCredit<R extends CreditValues>(record: R, change: CreditChange): CreditValues {
  const next: CreditValues = { ...record };
  for (const counter of change.bump) {
    if (next[counter] < COUNTER_MAX[counter]) next[counter] += 1;
  }
  next.volume = addVolume(record.volume, change.volume);
  next.refundedVolume = addVolume(record.refundedVolume, change.refundedVolume);
  return next;
}

/** What the rules need to know of an order before the event. */
export interface OrderFacts {
  readonly amount: bigint;
  /** A cross-currency order's payout leg (null: a single-currency order). */
  readonly payoutAmount?: bigint | null;
  readonly feeBps: number;
  /** Returned to the buyer before this event (the seller's partial refunds). */
  readonly refunded: bigint;
  /** The order was in dispute. */
  readonly disputed: boolean;
  /** The seller (not the buyer) opened the dispute. */
  readonly disputedBySeller: boolean;
}

/** The seller refunded more than half of the amount before the close (`_mostlyRefunded`). */
const mostlyRefunded = (order: OrderFacts) => order.refunded * 2n > order.amount;

/** A sale, and its volume, count only when it paid a fee or its rate was zero. */
const counted = (order: OrderFacts, fee: bigint) => fee !== 0n || order.feeBps === 0;

/** The refund reasons, by the escrow's enum value, and the seller's counter of each. */
export const REFUND_COUNTER: Readonly<Record<string, Counter | undefined>> = {
  RejectedBySeller: "rejectedAsSeller",
  Unshipped: "missedShipBy",
  RejectedAtCustoms: "rejectedAtCustoms",
  SellerRefund: "refundedAsSeller",
};

/**
 * Scores a closed dispute on the buyer's total (`_scoreDispute`): the opener's count, then win and
 * loss, or a draw for both.
 */
function scoreDispute(
  order: OrderFacts,
  buyerTotal: bigint,
  stale: boolean,
): { buyer: Counter[]; seller: Counter[] } {
  const buyer: Counter[] = [];
  const seller: Counter[] = [];
  (order.disputedBySeller ? seller : buyer).push("disputesOpened");
  if (stale || buyerTotal * 2n === order.amount) {
    buyer.push("disputesDrawn");
    seller.push("disputesDrawn");
  } else if (buyerTotal * 2n > order.amount) {
    buyer.push("disputesWon");
    seller.push("disputesLost");
  } else {
    seller.push("disputesWon");
    buyer.push("disputesLost");
  }
  return { buyer, seller };
}

/**
 * What the seller gave back, in its currency, while the buyer's total went from `before` to
 * `after` (`_sellerRefunded`): the same amount, or for a cross-currency order the provider's share
 * of the payout leg at `after` less that at `before`.
 */
export function sellerRefunded(order: OrderFacts, before: bigint, after: bigint): bigint {
  const payout = order.payoutAmount;
  if (payout === undefined || payout === null) return after - before;
  return (after * payout) / order.amount - (before * payout) / order.amount;
}

/**
 * `OrderRefunded`: money back to the buyer, `amount` by this call. `closes`: it returned all that
 * remained (the order is Refunded); a partial seller refund only adds to the refunded volume.
 */
export function refundCredit(
  order: OrderFacts,
  reason: string,
  amount: bigint,
  closes: boolean,
): CreditChanges {
  const refundedVolume =
    reason === "SellerRefund" ? sellerRefunded(order, order.refunded, order.refunded + amount) : 0n;
  if (!closes) return { buyer: NONE, seller: { ...NONE, refundedVolume } };
  if (reason === "Cancelled")
    return { buyer: { ...NONE, bump: ["cancelledAsBuyer"] }, seller: NONE };
  const cause = REFUND_COUNTER[reason];
  const seller: Counter[] = cause === undefined ? [] : [cause];
  const buyer: Counter[] = [];
  if (order.disputed) {
    // Only the seller's refund closes a dispute as Refunded: the buyer's total is the amount.
    const score = scoreDispute(order, order.amount, false);
    buyer.push(...score.buyer);
    seller.push(...score.seller);
  }
  return {
    buyer: { ...NONE, bump: buyer },
    seller: { bump: seller, volume: 0n, refundedVolume },
  };
}

/**
 * `ReceiptConfirmed` / `ReleasedAfterTimeout`: the seller paid `sellerAmount`, the fee `fee` (in
 * the seller's currency); the buyer's volume is what remained of its payment (its currency).
 */
export function completionCredit(
  order: OrderFacts,
  sellerAmount: bigint,
  fee: bigint,
): CreditChanges {
  const mostly = mostlyRefunded(order);
  const seller: Counter[] = mostly ? ["refundedAsSeller"] : [];
  if (!counted(order, fee)) return { buyer: NONE, seller: { ...NONE, bump: seller } };
  const buyer: Counter[] = mostly ? [] : ["purchasesCompleted"];
  if (!mostly) seller.push("salesCompleted");
  return {
    buyer: { ...NONE, bump: buyer, volume: order.amount - order.refunded },
    seller: { ...NONE, bump: seller, volume: sellerAmount },
  };
}

/**
 * `DisputeResolved`: a ruling, settlement or stale close paid the buyer `buyerAmount` more (its
 * currency) and the seller `sellerAmount` after the fee `fee` (the seller's currency). The buyer's
 * volume is the seller's gross part of the payment, in the buyer's currency.
 */
export function resolutionCredit(
  order: OrderFacts,
  resolution: string,
  buyerAmount: bigint,
  sellerAmount: bigint,
  fee: bigint,
): CreditChanges {
  const buyerTotal = order.refunded + buyerAmount;
  const sellerGross = order.amount - buyerTotal;
  const volumes = counted(order, fee);
  const score = scoreDispute(order, buyerTotal, resolution === "Stale");
  const seller = mostlyRefunded(order)
    ? ["refundedAsSeller" as const, ...score.seller]
    : score.seller;
  return {
    buyer: { ...NONE, bump: score.buyer, volume: volumes ? sellerGross : 0n },
    seller: { ...NONE, bump: seller, volume: volumes ? sellerAmount : 0n },
  };
}
