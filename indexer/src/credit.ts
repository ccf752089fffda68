/**
 * Participants' credit records, one per account and settlement token (volumes are never added
 * across currencies). Each record is copied from the escrow's `creditOf` at the block of the event
 * that changed it, so the explorer shows exactly what the contract computed whatever its scoring
 * rules; the one place to change if credit is ever computed from the events instead.
 */
import { credit } from "ponder:schema";
import { CREDIT_COUNTERS, type CreditCounter } from "@tradechain/sdk";
import type { Abi } from "viem";

import { TradeEscrowAbi } from "../abis/TradeEscrow";
import type { AnyContext, EventPlace, Hex } from "./common";

type Counter = CreditCounter;
type CreditView = Record<Counter, number> & { volume: bigint };

/** Copies the escrow's credit record of each account in the order's token at this block. */
export async function refreshCredit(
  context: AnyContext,
  event: EventPlace,
  tokenAddress: Hex,
  accounts: readonly Hex[],
): Promise<void> {
  const unique = [...new Set(accounts)];
  // Read at the event's block (Ponder's client pins every read to it).
  const views = await Promise.all(
    unique.map(
      (account) =>
        context.client.readContract({
          abi: TradeEscrowAbi as Abi,
          address: event.log.address,
          functionName: "creditOf",
          args: [account, tokenAddress],
        }) as Promise<CreditView>,
    ),
  );
  for (const [i, account] of unique.entries()) {
    const view = views[i];
    const counters = Object.fromEntries(CREDIT_COUNTERS.map((k) => [k, Number(view[k])])) as Record<
      Counter,
      number
    >;
    const row = {
      account,
      token: tokenAddress,
      ...counters,
      volume: BigInt(view.volume),
      updatedAt: event.block.timestamp,
    };
    await context.db
      .insert(credit)
      .values({ id: `${account}:${tokenAddress}`, ...row })
      .onConflictDoUpdate(row);
  }
}
