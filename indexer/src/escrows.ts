/**
 * Both escrows' order lifecycle: `TradeFxEscrow` shares `TradeEscrow`'s (`EscrowCore`) and every
 * lifecycle event of `ITradeEscrow`, so each handler of those events is registered once per
 * escrow, the same function for both. The cross-currency escrow is followed only when the
 * deployment has one (`ponder.config.ts` says so in the environment, before this code runs).
 * Registers no handler itself.
 */
import { ponder } from "ponder:registry";

import { FX_INDEXED } from "../settings";

/** Whether `ponder.config.ts` named the cross-currency escrow and its desk. */
export const FX_FOLLOWED = process.env[FX_INDEXED] === "yes";

/** The lifecycle and escrow-wide events both escrows emit. */
export type SharedEvent =
  | "OrderCreated"
  | "OrderShipped"
  | "MilestoneRecorded"
  | "CustomsCleared"
  | "OrderRefunded"
  | "ReceiptConfirmed"
  | "ReleasedAfterTimeout"
  | "DisputeOpened"
  | "EvidenceSubmitted"
  | "SettlementProposed"
  | "DisputeResolved"
  | "ComplaintFiled"
  | "PayoutDeferred"
  | "Withdrawn"
  | "FeesCollected";

type Handler<E extends SharedEvent> = Parameters<typeof ponder.on<`TradeEscrow:${E}`>>[1];

/** Registers `handler` for `TradeEscrow:<name>` and, when followed, `TradeFxEscrow:<name>`. */
export function onEscrows<E extends SharedEvent>(name: E, handler: Handler<E>): void {
  // The two ABIs declare these events identically: the arguments have the same types.
  const on = ponder.on.bind(ponder) as unknown as (name: string, handler: Handler<E>) => void;
  on(`TradeEscrow:${name}`, handler);
  if (FX_FOLLOWED) on(`TradeFxEscrow:${name}`, handler);
}
