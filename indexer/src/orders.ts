/**
 * The rows an order event writes: the order's own row (status, money, the timeline the order route
 * serves) and its history row. Used by the escrow's handlers; registers no handler itself.
 */
import { orderEvent, type TimelineElement, tradeOrder } from "ponder:schema";

import { moveStatus } from "./charts";
import { type AnyContext, type EventPlace, type Hex, jsonArgs, markBlock } from "./common";
import { outboxRow } from "./outbox";

export type OrderRow = typeof tradeOrder.$inferSelect;

/**
 * The last order event's transaction and order. `PayoutDeferred` names an account, not an order:
 * the escrow emits it right after the payout event of the order it belongs to, in the same
 * transaction, so the last order event tells which order (only the last is kept: memory stays flat).
 */
let lastOrderEvent: { readonly txHash: Hex; readonly orderId: Hex } | undefined;

/** The order whose event came last in this transaction, if one did. */
export function orderOfTransaction(txHash: Hex): Hex | undefined {
  return lastOrderEvent?.txHash === txHash ? lastOrderEvent.orderId : undefined;
}

/**
 * Appends an event to the order's history, to the timeline kept as JSON on the order's row (the
 * order route then reads one row and splices the stored text into its response) and to the
 * webhooks' outbox.
 */
export async function orderEventRow(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  name: string,
  args: Record<string, unknown>,
  actor: Hex | undefined = event.transaction.from,
): Promise<void> {
  lastOrderEvent = { txHash: event.transaction.hash, orderId };
  const row = {
    name,
    actor,
    args: jsonArgs(args),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  };
  await context.db.insert(orderEvent).values({ id: event.id, orderId, ...row });
  const element: TimelineElement = {
    ...row,
    actor: actor ?? null,
    blockNumber: row.blockNumber.toString(),
    timestamp: row.timestamp.toString(),
  };
  const order = await context.db.update(tradeOrder, { id: orderId }).set((order) => ({
    timeline: [...order.timeline, element],
  }));
  await outboxRow(context, event, order, name, args, actor);
  await markBlock(context, event);
}

/**
 * Changes an order's row and counts the event; a change of status also moves the order between
 * the status counts. Returns the row after the change.
 */
export async function updateOrder(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  change: (row: OrderRow) => Partial<OrderRow>,
): Promise<OrderRow> {
  return (await changeOrder(context, event, orderId, change)).after;
}

/** As `updateOrder`, also returning the row as it was before (what the credit rules read). */
export async function changeOrder(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  change: (row: OrderRow) => Partial<OrderRow>,
): Promise<{ before: OrderRow; after: OrderRow }> {
  let before: OrderRow | undefined;
  const after = await context.db.update(tradeOrder, { id: orderId }).set((row) => {
    before = { ...row };
    return { ...change(row), updatedAt: event.block.timestamp, events: row.events + 1 };
  });
  if (before === undefined) throw new Error(`order ${orderId} is not indexed`);
  await moveStatus(context, before.status, after.status);
  return { before, after };
}
