/**
 * An order's dispute, from its timeline: who opened it and when, every piece of evidence (hashes
 * only), every settlement offer and the one still pending, the end of the arbitration period, and
 * the ruling. Pure: the order route builds it from the timeline it already holds.
 */

/** One element of an order's stored timeline (as `orders.ts` serves it). */
export interface TimelineElement {
  readonly name: string;
  readonly actor: string | null;
  readonly args: Readonly<Record<string, string | boolean>>;
  readonly blockNumber: string;
  readonly txHash: string;
  readonly timestamp: string;
}

/** A piece of evidence or an offer: who, what, when, in which transaction. */
interface Filed {
  readonly by: string;
  readonly at: string;
  readonly txHash: string;
}

export interface Dispute {
  readonly openedBy: string;
  readonly openedAt: string;
  readonly evidence: readonly (Filed & { readonly hash: string })[];
  /** Offers name the buyer's total for the whole order, refunds already paid included. */
  readonly offers: readonly (Filed & { readonly buyerTotal: string })[];
  /** The offer still open (cleared by a ruling or a refund), as the order row keeps it. */
  readonly pendingOffer: { readonly by: string; readonly buyerTotal: string } | null;
  /** When the arbitration period ends (unix seconds): then anyone may close it as stale. */
  readonly arbitrationEndsAt: string;
  readonly ruling:
    | (Filed & {
        readonly resolution: string;
        /** What this close paid the buyer. */
        readonly buyerAmount: string;
        /** The buyer's total for the whole order after it, refunds before it included. */
        readonly buyerTotal: string;
        readonly sellerAmount: string;
        readonly fee: string;
        readonly rulingHash: string;
      })
    | null;
}

/** The order row's fields a dispute needs. */
export interface DisputeRow {
  readonly settlementBuyerAmount: bigint | null;
  readonly settlementProposer: string | null;
}

/** The order's dispute, or null when none was opened. */
export function disputeOf(
  row: DisputeRow,
  timeline: readonly TimelineElement[],
  arbitrationPeriod: bigint,
): Dispute | null {
  const opened = timeline.find((e) => e.name === "DisputeOpened");
  if (opened === undefined) return null;
  const filed = (e: TimelineElement): Filed => ({
    by: String(e.args.by),
    at: e.timestamp,
    txHash: e.txHash,
  });
  const resolved = timeline.find((e) => e.name === "DisputeResolved");
  return {
    openedBy: String(opened.args.by),
    openedAt: opened.timestamp,
    evidence: timeline
      .filter((e) => e.name === "DisputeOpened" || e.name === "EvidenceSubmitted")
      .map((e) => ({ ...filed(e), hash: String(e.args.evidenceHash) })),
    offers: timeline
      .filter((e) => e.name === "SettlementProposed")
      .map((e) => ({ ...filed(e), buyerTotal: String(e.args.buyerTotal) })),
    pendingOffer:
      row.settlementBuyerAmount === null || row.settlementProposer === null
        ? null
        : { by: row.settlementProposer, buyerTotal: row.settlementBuyerAmount.toString() },
    arbitrationEndsAt: (BigInt(opened.timestamp) + arbitrationPeriod).toString(),
    ruling:
      resolved === undefined
        ? null
        : {
            ...filed(resolved),
            resolution: String(resolved.args.resolutionName ?? resolved.args.resolution),
            buyerAmount: String(resolved.args.buyerAmount),
            buyerTotal: String(resolved.args.buyerTotal),
            sellerAmount: String(resolved.args.sellerAmount),
            fee: String(resolved.args.fee),
            rulingHash: String(resolved.args.rulingHash),
          },
  };
}
