/**
 * What the demo's orders should have done, written down as each path runs and compared with the
 * chain at the end: balance changes, fees and every party's credit record per currency.
 */
import {
  type CreditCounter,
  type CreditRecord,
  emptyCredit,
  feeOf,
  type OrderTerms,
} from "@tradechain/sdk";

/** One verified outcome. */
export interface Check {
  readonly what: string;
  readonly ok: boolean;
  /** Expected and actual values when they differ. */
  readonly detail: string;
}

type MutableCredit = { -readonly [K in keyof CreditRecord]: CreditRecord[K] };

/** A refund counter of the credit record: which party caused the refund and how. */
export type RefundCause = Extract<
  CreditCounter,
  | "cancelledAsBuyer"
  | "rejectedAsSeller"
  | "missedShipBy"
  | "rejectedAtCustoms"
  | "refundedAsSeller"
>;

/** True when the escrow counts a close with this fee: at least one base unit, or a zero rate. */
function counts(fee: bigint, feeBps: number): boolean {
  return fee > 0n || feeBps === 0;
}

/**
 * What the orders should have done, written down as each path runs (the escrow's split rule:
 * fee = seller's gross part × feeBps / 10,000 rounded down), compared with the chain at the end.
 */
export class Expectations {
  /** currency → address → expected change in balance. */
  readonly deltas = new Map<string, Map<string, bigint>>();
  /** currency → address → expected credit record in that currency. */
  readonly credits = new Map<string, Map<string, MutableCredit>>();
  /** currency → fees the fee recipient should collect. */
  readonly fees = new Map<string, bigint>();

  move(currency: string, account: string, delta: bigint): void {
    const byAccount = this.deltas.get(currency) ?? new Map<string, bigint>();
    byAccount.set(account, (byAccount.get(account) ?? 0n) + delta);
    this.deltas.set(currency, byAccount);
  }

  credit(currency: string, account: string): MutableCredit {
    const byAccount = this.credits.get(currency) ?? new Map<string, MutableCredit>();
    this.credits.set(currency, byAccount);
    let credit = byAccount.get(account);
    if (credit === undefined) {
      credit = { ...emptyCredit() };
      byAccount.set(account, credit);
    }
    return credit;
  }

  /** The expected record of `account` in `currency` (empty when nothing happened). */
  creditIn(currency: string, account: string): CreditRecord {
    return this.credits.get(currency)?.get(account) ?? emptyCredit();
  }

  /**
   * The seller is paid (confirmed or released after the window), no refund before: the seller's
   * volume is what it was paid (after the fee), the buyer's what it paid the seller.
   */
  completed(currency: string, terms: OrderTerms): void {
    const fee = feeOf(terms.amount, terms.feeBps);
    this.move(currency, terms.buyer, -terms.amount);
    this.move(currency, terms.seller, terms.amount - fee);
    this.fees.set(currency, (this.fees.get(currency) ?? 0n) + fee);
    if (!counts(fee, terms.feeBps)) return;
    this.credit(currency, terms.seller).salesCompleted += 1;
    this.credit(currency, terms.buyer).purchasesCompleted += 1;
    this.credit(currency, terms.seller).volume += terms.amount - fee;
    this.credit(currency, terms.buyer).volume += terms.amount;
  }

  /** The whole amount went back to the buyer: counted on the record of the party that caused it. */
  refunded(currency: string, terms: OrderTerms, cause: RefundCause): void {
    const party = cause === "cancelledAsBuyer" ? terms.buyer : terms.seller;
    this.credit(currency, party)[cause] += 1;
  }

  /**
   * A dispute opened by `opener` closed with the buyer's total `buyerTotal` (no refund before):
   * more than half is the buyer's win, less the seller's, exactly half a draw for both.
   */
  resolved(currency: string, terms: OrderTerms, buyerTotal: bigint, opener: string): void {
    const sellerGross = terms.amount - buyerTotal;
    const fee = feeOf(sellerGross, terms.feeBps);
    this.move(currency, terms.buyer, -sellerGross);
    this.move(currency, terms.seller, sellerGross - fee);
    this.fees.set(currency, (this.fees.get(currency) ?? 0n) + fee);
    this.credit(currency, opener).disputesOpened += 1;
    const buyer = this.credit(currency, terms.buyer);
    const seller = this.credit(currency, terms.seller);
    if (counts(fee, terms.feeBps)) {
      buyer.volume += sellerGross;
      seller.volume += sellerGross - fee;
    }
    if (buyerTotal * 2n > terms.amount) {
      buyer.disputesWon += 1;
      seller.disputesLost += 1;
    } else if (buyerTotal * 2n < terms.amount) {
      seller.disputesWon += 1;
      buyer.disputesLost += 1;
    } else {
      buyer.disputesDrawn += 1;
      seller.disputesDrawn += 1;
    }
  }
}
