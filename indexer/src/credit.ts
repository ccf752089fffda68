/**
 * Participants' credit records, one per account and settlement token (volumes are never added
 * across currencies; a cross-currency order's seller is credited in the payout currency, its buyer
 * in the pay currency), computed from the escrow's events by its own rules (`credit-rules.ts`):
 * no RPC read per event. The explorer tests compare every record with the escrow's `creditOf`
 * after random orders through every path (`indexer/test/credit.test.ts`).
 */
import { credit } from "ponder:schema";

import type { AnyContext, EventPlace, Hex } from "./common";
import {
  applyCredit,
  type CreditChange,
  type CreditChanges,
  type OrderFacts,
  zeroCredit,
} from "./credit-rules";
import type { OrderRow } from "./orders";

/**
 * The currency of the seller's record for an order: the payout currency of a cross-currency order
 * (its buyer's is the pay currency, the order's token), else the order's token.
 */
export function sellerToken(row: Pick<OrderRow, "token" | "payoutToken">): Hex {
  return row.payoutToken ?? row.token;
}

/** What the credit rules need of an order's row as it was before the event. */
export function orderFacts(row: OrderRow): OrderFacts {
  return {
    amount: row.amount,
    payoutAmount: row.payoutAmount,
    feeBps: row.feeBps,
    refunded: row.refunded,
    disputed: row.status === "Disputed",
    disputedBySeller:
      row.disputedBy !== null && row.disputedBy.toLowerCase() === row.seller.toLowerCase(),
  };
}

/** Applies one change to an account's record in the token (made on first sight, even if empty). */
async function applyTo(
  context: AnyContext,
  event: EventPlace,
  account: Hex,
  tokenAddress: Hex,
  change: CreditChange,
): Promise<void> {
  const updatedAt = event.block.timestamp;
  await context.db
    .insert(credit)
    .values({
      id: `${account}:${tokenAddress}`,
      account,
      token: tokenAddress,
      ...applyCredit(zeroCredit(), change),
      updatedAt,
    })
    .onConflictDoUpdate((old) => ({ ...applyCredit(old, change), updatedAt }));
}

/**
 * Applies the changes of an order event to both parties' records: the buyer's in the order's token,
 * the seller's in its own currency (`sellerToken`).
 */
export async function applyCreditChanges(
  context: AnyContext,
  event: EventPlace,
  order: Pick<OrderRow, "buyer" | "seller" | "token" | "payoutToken">,
  changes: CreditChanges,
): Promise<void> {
  await applyTo(context, event, order.buyer, order.token, changes.buyer);
  await applyTo(context, event, order.seller, sellerToken(order), changes.seller);
}
