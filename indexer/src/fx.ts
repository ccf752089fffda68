/**
 * The cross-currency escrow's own events and its desk's (docs/fx.md); its lifecycle events are
 * `TradeEscrow.ts`'s handlers (`onEscrows`). `FxOrderCreated` (right after `OrderCreated`) records
 * the payout leg on the order's row and adds it to the provider's open exposure in the pair;
 * `FxLegsSplit` (right after each money step's event) adds the provider's parts and appends the
 * step's parts in both currencies to the timeline, and the final close frees the leg; the desk's
 * `FxLimitSet` and `FxFeedSet` keep caps and feeds. Registered only when the deployment has the
 * cross-currency escrow.
 */
import { ponder } from "ponder:registry";
import { fxFeed, fxLine } from "ponder:schema";

import { type AnyContext, contractEventRow, ensureToken, type Hex } from "./common";
import { FX_FOLLOWED } from "./escrows";
import { ORDER_STATUS } from "./names";
import { orderEventRow, updateOrder } from "./orders";
import { addLegToCreation } from "./outbox";

/** The statuses of a closed order: its final `FxLegsSplit` frees the payout leg. */
const CLOSED: ReadonlySet<string> = new Set([
  ORDER_STATUS.Completed,
  ORDER_STATUS.Refunded,
  ORDER_STATUS.Resolved,
]);

/** The id of a provider's line in a pair. */
const lineId = (provider: Hex, payToken: Hex, payoutToken: Hex) =>
  `${provider}:${payToken}:${payoutToken}`.toLowerCase();

/** Changes a provider's line in a pair, made empty (no cap) on first sight. */
async function changeLine(
  context: AnyContext,
  key: { provider: Hex; payToken: Hex; payoutToken: Hex },
  updatedAt: bigint,
  change: (row: typeof fxLine.$inferSelect) => Partial<typeof fxLine.$inferInsert>,
): Promise<void> {
  const empty = {
    id: lineId(key.provider, key.payToken, key.payoutToken),
    ...key,
    cap: 0n,
    open: 0n,
    openOrders: 0,
    orders: 0,
    payoutVolume: 0n,
    updatedAt,
  };
  await context.db
    .insert(fxLine)
    .values({ ...empty, ...change({ ...empty, line: null }) })
    .onConflictDoUpdate((row) => ({ ...change(row), updatedAt }));
}

if (FX_FOLLOWED) {
  ponder.on("TradeFxEscrow:FxOrderCreated", async ({ event, context }) => {
    const { orderId, provider, payoutToken, payoutAmount } = event.args;
    await ensureToken(context, payoutToken);
    const row = await updateOrder(context, event, orderId, () => ({
      fxProvider: provider,
      payoutToken,
      payoutAmount,
      providerPay: 0n,
      providerPayout: 0n,
    }));
    await addLegToCreation(context, row);
    await changeLine(
      context,
      { provider, payToken: row.token, payoutToken },
      event.block.timestamp,
      (line) => ({
        open: line.open + payoutAmount,
        openOrders: line.openOrders + 1,
        orders: line.orders + 1,
        payoutVolume: line.payoutVolume + payoutAmount,
      }),
    );
    await orderEventRow(context, event, orderId, "FxOrderCreated", event.args, provider);
  });

  ponder.on("TradeFxEscrow:FxLegsSplit", async ({ event, context }) => {
    const { orderId, toProviderInPay, toProviderInPayout } = event.args;
    const row = await updateOrder(context, event, orderId, (old) => ({
      providerPay: (old.providerPay ?? 0n) + toProviderInPay,
      providerPayout: (old.providerPayout ?? 0n) + toProviderInPayout,
    }));
    await orderEventRow(context, event, orderId, "FxLegsSplit", event.args);
    const { fxProvider, payoutToken, payoutAmount } = row;
    if (!CLOSED.has(row.status) || fxProvider === null || payoutToken === null) return;
    await changeLine(
      context,
      { provider: fxProvider, payToken: row.token, payoutToken },
      event.block.timestamp,
      (line) => ({ open: line.open - (payoutAmount ?? 0n), openOrders: line.openOrders - 1 }),
    );
  });

  ponder.on("TradeFxEscrow:FxDeposited", async ({ event, context }) => {
    const { token: tokenAddress, provider } = event.args;
    await ensureToken(context, tokenAddress);
    await contractEventRow(context, event, "FxDeposited", event.args, tokenAddress, provider);
  });

  ponder.on("TradeFxDesk:FxLimitSet", async ({ event, context }) => {
    const { provider, payToken, payoutToken, line, cap } = event.args;
    await changeLine(context, { provider, payToken, payoutToken }, event.block.timestamp, () => ({
      line,
      cap,
    }));
    await contractEventRow(context, event, "FxLimitSet", event.args, payoutToken, provider);
  });

  ponder.on("TradeFxDesk:FxFeedSet", async ({ event, context }) => {
    const { payToken, payoutToken, feed, maxAge, maxDeviationBps } = event.args;
    const none = /^0x0{40}$/.test(feed);
    const setting = {
      feed: none ? null : feed,
      maxAge: none ? 0 : maxAge,
      maxDeviationBps: none ? 0 : maxDeviationBps,
      updatedAt: event.block.timestamp,
    };
    await context.db
      .insert(fxFeed)
      .values({ id: `${payToken}:${payoutToken}`.toLowerCase(), payToken, payoutToken, ...setting })
      .onConflictDoUpdate(setting);
    await contractEventRow(context, event, "FxFeedSet", event.args, payoutToken, undefined);
  });
}
