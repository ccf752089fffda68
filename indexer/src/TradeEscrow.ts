/**
 * The escrow's events. Order events keep the order's row (status, money, settlement offer) and
 * append to its timeline; the events that close or dispute an order copy both parties' credit
 * records; fee, payout and configuration events keep the token and configuration rows.
 */
import { ponder } from "ponder:registry";
import { chainInfo, escrowConfig, token, tradeOrder } from "ponder:schema";
import type { Abi } from "viem";

import { TradeEscrowAbi } from "../abis/TradeEscrow";
import {
  type AnyContext,
  configure,
  contractEventRow,
  ensureToken,
  type EventPlace,
  type Hex,
  SINGLETON,
} from "./common";
import {
  chapterOf,
  countCustomsRejection,
  countForSeller,
  countMade,
  REFUND_COUNTS,
} from "./charts";
import { refreshCredit } from "./credit";
import { ORDER_STATUS, REFUND_REASONS, RESOLUTIONS } from "./names";
import { orderEventRow, orderOfTransaction, type OrderRow, updateOrder } from "./orders";

/** Fees the escrow accrued in the token: owed to the fee recipient until `FeesCollected`. */
async function addFees(context: AnyContext, tokenAddress: Hex, fee: bigint): Promise<void> {
  if (fee === 0n) return;
  await ensureToken(context, tokenAddress);
  await context.db
    .update(token, { id: tokenAddress })
    .set((row) => ({ feesAccrued: row.feesAccrued + fee }));
}

/**
 * Once per indexing run: the chain's genesis hash (`/api/status` compares it with the chain's to
 * notice a reset), the escrow's periods (the deadlines the pages show) and its default arbiter.
 */
ponder.on("TradeEscrow:setup", async ({ context }) => {
  const escrow = context.contracts.TradeEscrow.address as Hex;
  const read = <T>(functionName: "ARBITRATION_PERIOD" | "CUSTOMS_PERIOD" | "defaultArbiter") =>
    context.client.readContract({
      abi: TradeEscrowAbi as Abi,
      address: escrow,
      functionName,
    }) as Promise<T>;
  const [genesis, arbitrationPeriod, customsPeriod, defaultArbiter] = await Promise.all([
    context.client.getBlock({ blockNumber: 0n }),
    read<bigint>("ARBITRATION_PERIOD"),
    read<bigint>("CUSTOMS_PERIOD"),
    // Set by the constructor, which emits no event: read once, then `DefaultArbiterUpdated`.
    read<Hex>("defaultArbiter"),
  ]);
  await context.db.insert(chainInfo).values({
    id: SINGLETON,
    chainId: context.chain.id,
    genesisHash: genesis.hash,
    escrow,
    registry: context.contracts.TradeRegistry.address as Hex,
    startBlock: BigInt(context.contracts.TradeEscrow.startBlock ?? 0),
    arbitrationPeriod,
    customsPeriod,
  });
  await context.db
    .insert(escrowConfig)
    .values({ id: SINGLETON, feeBps: 0, paused: false, defaultArbiter })
    .onConflictDoUpdate({ defaultArbiter });
});

ponder.on("TradeEscrow:OrderCreated", async ({ event, context }) => {
  const { orderId, terms } = event.args;
  const [config, hsChapter] = await Promise.all([
    context.db.find(escrowConfig, { id: SINGLETON }),
    chapterOf(context, terms.productId),
  ]);
  const made = await context.db.insert(tradeOrder).values({
    id: orderId,
    buyer: terms.buyer,
    seller: terms.seller,
    token: terms.token,
    amount: terms.amount,
    productId: terms.productId,
    destination: terms.destination,
    shipBy: terms.shipBy,
    confirmWindow: terms.confirmWindow,
    feeBps: terms.feeBps,
    arbiter: terms.arbiter,
    defaultArbiter: config?.defaultArbiter?.toLowerCase() === terms.arbiter.toLowerCase(),
    hsChapter,
    ref: terms.ref,
    status: ORDER_STATUS.Funded,
    since: event.block.timestamp,
    escrowed: terms.amount,
    released: 0n,
    refunded: 0n,
    fees: 0n,
    customsCleared: false,
    complaintFiled: false,
    createdAt: event.block.timestamp,
    createdBlock: event.block.number,
    createdLogIndex: event.log.logIndex,
    createdTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
    events: 0,
    timeline: [],
  });
  await countMade(context, made);
  // Counts the creation as the order's first event.
  await updateOrder(context, event, orderId, () => ({}));
  await orderEventRow(context, event, orderId, "OrderCreated", {
    buyer: terms.buyer,
    seller: terms.seller,
    token: terms.token,
    amount: terms.amount,
    productId: terms.productId,
    destination: terms.destination,
    shipBy: terms.shipBy,
    confirmWindow: terms.confirmWindow,
    feeBps: terms.feeBps,
    arbiter: terms.arbiter,
    ref: terms.ref,
  });
});

ponder.on("TradeEscrow:OrderShipped", async ({ event, context }) => {
  const { orderId, trackingHash, cleared } = event.args;
  await updateOrder(context, event, orderId, () => ({
    status: cleared ? ORDER_STATUS.Cleared : ORDER_STATUS.Shipped,
    since: event.block.timestamp,
    trackingHash,
    customsCleared: cleared,
  }));
  await orderEventRow(context, event, orderId, "OrderShipped", event.args);
});

ponder.on("TradeEscrow:MilestoneRecorded", async ({ event, context }) => {
  const { orderId, logistics } = event.args;
  await updateOrder(context, event, orderId, () => ({}));
  await orderEventRow(context, event, orderId, "MilestoneRecorded", event.args, logistics);
});

ponder.on("TradeEscrow:CustomsCleared", async ({ event, context }) => {
  const { orderId, authority } = event.args;
  await updateOrder(context, event, orderId, () => ({
    status: ORDER_STATUS.Cleared,
    since: event.block.timestamp,
    customsCleared: true,
  }));
  await orderEventRow(context, event, orderId, "CustomsCleared", event.args, authority);
});

ponder.on("TradeEscrow:OrderRefunded", async ({ event, context }) => {
  const { orderId, by, reason, amount } = event.args;
  const row = await updateOrder(context, event, orderId, (old) => ({
    status: ORDER_STATUS.Refunded,
    since: event.block.timestamp,
    refunded: old.refunded + amount,
    escrowed: 0n,
    settlementBuyerAmount: null,
    settlementProposer: null,
  }));
  const reasonName = REFUND_REASONS[reason] ?? String(reason);
  await orderEventRow(context, event, orderId, "OrderRefunded", { ...event.args, reasonName }, by);
  const counted = REFUND_COUNTS[reasonName];
  if (counted !== undefined) {
    await countForSeller(context, row.seller, event.block.timestamp, counted);
  }
  if (reasonName === "RejectedAtCustoms") await countCustomsRejection(context, row);
  await refreshCredit(context, event, row.token, [row.buyer, row.seller]);
});

/** The seller is paid: by the buyer's confirmation, or by anyone after the confirmation window. */
async function complete(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  sellerAmount: bigint,
  fee: bigint,
): Promise<OrderRow> {
  const row = await updateOrder(context, event, orderId, (old) => ({
    status: ORDER_STATUS.Completed,
    since: event.block.timestamp,
    released: old.released + sellerAmount,
    fees: old.fees + fee,
    escrowed: 0n,
  }));
  await addFees(context, row.token, fee);
  await countForSeller(context, row.seller, event.block.timestamp, "sales");
  return row;
}

ponder.on("TradeEscrow:ReceiptConfirmed", async ({ event, context }) => {
  const { orderId, sellerAmount, fee } = event.args;
  const row = await complete(context, event, orderId, sellerAmount, fee);
  await orderEventRow(context, event, orderId, "ReceiptConfirmed", event.args, row.buyer);
  await refreshCredit(context, event, row.token, [row.buyer, row.seller]);
});

ponder.on("TradeEscrow:ReleasedAfterTimeout", async ({ event, context }) => {
  const { orderId, by, sellerAmount, fee } = event.args;
  const row = await complete(context, event, orderId, sellerAmount, fee);
  await orderEventRow(context, event, orderId, "ReleasedAfterTimeout", event.args, by);
  await refreshCredit(context, event, row.token, [row.buyer, row.seller]);
});

// Opening a dispute counts in the opener's credit record (`disputesOpened`).
ponder.on("TradeEscrow:DisputeOpened", async ({ event, context }) => {
  const { orderId, by } = event.args;
  const row = await updateOrder(context, event, orderId, () => ({
    status: ORDER_STATUS.Disputed,
    since: event.block.timestamp,
    disputedBy: by,
  }));
  await orderEventRow(context, event, orderId, "DisputeOpened", event.args, by);
  await countForSeller(context, row.seller, event.block.timestamp, "disputes");
  await refreshCredit(context, event, row.token, [row.buyer, row.seller]);
});

ponder.on("TradeEscrow:EvidenceSubmitted", async ({ event, context }) => {
  const { orderId, by } = event.args;
  await updateOrder(context, event, orderId, () => ({}));
  await orderEventRow(context, event, orderId, "EvidenceSubmitted", event.args, by);
});

ponder.on("TradeEscrow:SettlementProposed", async ({ event, context }) => {
  const { orderId, by, buyerAmount } = event.args;
  await updateOrder(context, event, orderId, () => ({
    settlementBuyerAmount: buyerAmount,
    settlementProposer: by,
  }));
  await orderEventRow(context, event, orderId, "SettlementProposed", event.args, by);
});

ponder.on("TradeEscrow:DisputeResolved", async ({ event, context }) => {
  const { orderId, by, resolution, buyerAmount, sellerAmount, fee } = event.args;
  const row = await updateOrder(context, event, orderId, (old) => ({
    status: ORDER_STATUS.Resolved,
    since: event.block.timestamp,
    refunded: old.refunded + buyerAmount,
    released: old.released + sellerAmount,
    fees: old.fees + fee,
    escrowed: 0n,
    settlementBuyerAmount: null,
    settlementProposer: null,
  }));
  await addFees(context, row.token, fee);
  await orderEventRow(
    context,
    event,
    orderId,
    "DisputeResolved",
    { ...event.args, resolutionName: RESOLUTIONS[resolution] ?? String(resolution) },
    by,
  );
  await refreshCredit(context, event, row.token, [row.buyer, row.seller]);
});

ponder.on("TradeEscrow:ComplaintFiled", async ({ event, context }) => {
  const { orderId, buyer } = event.args;
  await updateOrder(context, event, orderId, () => ({ complaintFiled: true }));
  await orderEventRow(context, event, orderId, "ComplaintFiled", event.args, buyer);
});

// ------------------------------------------------------------------------------ escrow-wide

ponder.on("TradeEscrow:PayoutDeferred", async ({ event, context }) => {
  const { token: tokenAddress, account, amount } = event.args;
  await ensureToken(context, tokenAddress);
  await context.db
    .update(token, { id: tokenAddress })
    .set((row) => ({ deferred: row.deferred + amount }));
  await contractEventRow(context, event, "PayoutDeferred", event.args, tokenAddress, account);
  // A payout the token refused is claimable by the account: it also belongs on the timeline of
  // the order whose payout it was (the same transaction).
  const orderId = orderOfTransaction(event.transaction.hash);
  if (orderId !== undefined) {
    await updateOrder(context, event, orderId, () => ({}));
    await orderEventRow(context, event, orderId, "PayoutDeferred", event.args, account);
  }
});

ponder.on("TradeEscrow:Withdrawn", async ({ event, context }) => {
  const { token: tokenAddress, account, amount } = event.args;
  await ensureToken(context, tokenAddress);
  await context.db
    .update(token, { id: tokenAddress })
    .set((row) => ({ withdrawn: row.withdrawn + amount }));
  await contractEventRow(context, event, "Withdrawn", event.args, tokenAddress, account);
});

ponder.on("TradeEscrow:FeesCollected", async ({ event, context }) => {
  const { token: tokenAddress, recipient, amount } = event.args;
  await ensureToken(context, tokenAddress);
  await context.db.update(token, { id: tokenAddress }).set((row) => ({
    feesAccrued: row.feesAccrued - amount,
    feesCollected: row.feesCollected + amount,
  }));
  await contractEventRow(context, event, "FeesCollected", event.args, tokenAddress, recipient);
});

ponder.on("TradeEscrow:FeeUpdated", async ({ event, context }) => {
  await configure(context, event, "FeeUpdated", event.args, { feeBps: event.args.newFeeBps });
});

ponder.on("TradeEscrow:FeeRecipientUpdated", async ({ event, context }) => {
  const { newRecipient } = event.args;
  await configure(
    context,
    event,
    "FeeRecipientUpdated",
    event.args,
    { feeRecipient: newRecipient },
    newRecipient,
  );
});

ponder.on("TradeEscrow:DefaultArbiterUpdated", async ({ event, context }) => {
  const { newArbiter } = event.args;
  await configure(
    context,
    event,
    "DefaultArbiterUpdated",
    event.args,
    { defaultArbiter: newArbiter },
    newArbiter,
  );
});

ponder.on("TradeEscrow:NewOrdersPaused", async ({ event, context }) => {
  await configure(context, event, "NewOrdersPaused", event.args, { paused: true }, event.args.by);
});

ponder.on("TradeEscrow:NewOrdersUnpaused", async ({ event, context }) => {
  await configure(
    context,
    event,
    "NewOrdersUnpaused",
    event.args,
    { paused: false },
    event.args.by,
  );
});

ponder.on("TradeEscrow:TokenAllowed", async ({ event, context }) => {
  const { token: tokenAddress, allowed } = event.args;
  await ensureToken(context, tokenAddress);
  await context.db.update(token, { id: tokenAddress }).set({ allowed });
  await contractEventRow(context, event, "TokenAllowed", event.args, tokenAddress, undefined);
});
