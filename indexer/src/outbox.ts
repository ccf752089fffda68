/**
 * The webhooks' outbox row of an order event. Handlers only write it (they re-run on reorgs and
 * must stay free of side effects); the dispatcher (`src/api/webhooks/`) sends it once its block is
 * final. Registers no handler itself.
 */
import { ORDER_EVENT_KINDS as ESCROW_ORDER_EVENTS } from "@tradechain/sdk";
import { tradeOrder, webhookOutbox } from "ponder:schema";

import { type AnyContext, type EventPlace, type Hex, jsonArgs } from "./common";

/**
 * The order events an endpoint may ask for, as the escrow names them (the outbox's `kind`): the
 * SDK's order events, the deferred payouts of an order's parties, and a cross-currency order's
 * payout leg and split steps.
 */
export const ORDER_EVENT_KINDS = [
  ...ESCROW_ORDER_EVENTS,
  "PayoutDeferred",
  "FxOrderCreated",
  "FxLegsSplit",
] as const;

/**
 * An event's id for receivers to dedupe by: `<chainId>:<txHash>:<logIndex>` (lower-case hash). It
 * names the log itself, so every run of the handlers (a restart, a re-index from scratch) writes
 * the same id, and a receiver can find the transaction from it.
 */
export function webhookEventId(chainId: number, event: EventPlace): string {
  return outboxId(chainId, event.transaction.hash, event.log.logIndex);
}

function outboxId(chainId: number, txHash: Hex, logIndex: number): string {
  return `${chainId}:${txHash.toLowerCase()}:${logIndex}`;
}

/**
 * Gives the outbox row of a cross-currency order's `OrderCreated` the payout leg, which the FX
 * escrow emits next in the same transaction (`FxOrderCreated`): the creation's webhook then names
 * the leg too. Both rows leave only once their block is final, so none is sent before this.
 */
export async function addLegToCreation(
  context: AnyContext,
  order: typeof tradeOrder.$inferSelect,
): Promise<void> {
  await context.db
    .update(webhookOutbox, {
      id: outboxId(context.chain.id, order.createdTx, order.createdLogIndex),
    })
    .set({
      fxProvider: order.fxProvider,
      payoutToken: order.payoutToken,
      payoutAmount: order.payoutAmount,
    });
}

/** Writes the outbox row of an order event, with the order as it stands after the event. */
export async function outboxRow(
  context: AnyContext,
  event: EventPlace,
  order: typeof tradeOrder.$inferSelect,
  kind: string,
  args: Record<string, unknown>,
  actor: Hex | undefined,
): Promise<void> {
  await context.db
    .insert(webhookOutbox)
    .values({
      id: webhookEventId(context.chain.id, event),
      kind,
      orderId: order.id,
      status: order.status,
      buyer: order.buyer,
      seller: order.seller,
      arbiter: order.arbiter,
      token: order.token,
      actor,
      args: jsonArgs(args),
      amount: order.amount,
      escrowed: order.escrowed,
      released: order.released,
      refunded: order.refunded,
      fees: order.fees,
      escrow: order.escrow,
      fxProvider: order.fxProvider,
      payoutToken: order.payoutToken,
      payoutAmount: order.payoutAmount,
      chainId: context.chain.id,
      blockNumber: event.block.number,
      blockHash: event.block.hash,
      logIndex: event.log.logIndex,
      txHash: event.transaction.hash,
      timestamp: event.block.timestamp,
    })
    // A handler may run again for the same event (crash recovery): the row stays as it was.
    .onConflictDoNothing();
}
