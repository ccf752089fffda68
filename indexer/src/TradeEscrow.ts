/**
 * The escrows' events (`TradeEscrow`'s, and the lifecycle events of the cross-currency escrow,
 * registered for both by `onEscrows`; its own events are `fx.ts`'s). Order events keep the order's
 * row (status, money, settlement offer) and append to its timeline; the events that close an order
 * or refund part of it change both parties' credit records by the escrow's rules
 * (`credit-rules.ts`, no RPC read); fee, payout and configuration events keep the token and
 * configuration rows.
 */
import { ponder } from "ponder:registry";
import { chainInfo, escrowConfig, participant, token, tradeOrder } from "ponder:schema";
import type { Abi } from "viem";

import { TradeEscrowAbi } from "../abis/TradeEscrow";
import { TradeRegistryAbi } from "../abis/TradeRegistry";
import {
  type AnyContext,
  configure,
  contractEventRow,
  ensureToken,
  type EventPlace,
  type Hex,
  SINGLETON,
} from "./common";
import { countCustomsRejection, countForSeller, countMade, REFUND_COUNTS } from "./charts";
import { orderHsCode } from "./classification";
import { applyCreditChanges, orderFacts, sellerToken } from "./credit";
import { completionCredit, refundCredit, resolutionCredit } from "./credit-rules";
import { onEscrows } from "./escrows";
import { ORDER_STATUS, REFUND_REASONS, RESOLUTIONS } from "./names";
import {
  changeOrder,
  orderEventRow,
  orderOfTransaction,
  type OrderRow,
  updateOrder,
} from "./orders";

/**
 * Fees the escrow accrued in the token (the seller's currency: a cross-currency order's fee is in
 * its payout currency): owed to the fee recipient until `FeesCollected`.
 */
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
  // The escrow's constructor copied the registry's suspension of its default arbiter, silently.
  const defaultArbiterSuspended = (await context.client.readContract({
    abi: TradeRegistryAbi as Abi,
    address: context.contracts.TradeRegistry.address as Hex,
    functionName: "isSuspended",
    args: [defaultArbiter],
  })) as boolean;
  await context.db
    .insert(escrowConfig)
    .values({ id: SINGLETON, feeBps: 0, paused: false, defaultArbiter, defaultArbiterSuspended })
    .onConflictDoUpdate({ defaultArbiter, defaultArbiterSuspended });
});

onEscrows("OrderCreated", async ({ event, context }) => {
  const { orderId, terms } = event.args;
  // The classification snapshot is worked out from the index (the registry's rule), not read.
  const [config, classified] = await Promise.all([
    context.db.find(escrowConfig, { id: SINGLETON }),
    orderHsCode(context, terms.destination, terms.productId, event.block.timestamp),
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
    hsCode: classified.hsCode,
    hsChapter: Math.floor(classified.inForce / 1_000_000),
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
    escrow: event.log.address,
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

onEscrows("OrderShipped", async ({ event, context }) => {
  const { orderId, trackingHash, cleared } = event.args;
  await updateOrder(context, event, orderId, () => ({
    status: cleared ? ORDER_STATUS.Cleared : ORDER_STATUS.Shipped,
    since: event.block.timestamp,
    trackingHash,
    customsCleared: cleared,
  }));
  await orderEventRow(context, event, orderId, "OrderShipped", event.args);
});

onEscrows("MilestoneRecorded", async ({ event, context }) => {
  const { orderId, logistics } = event.args;
  await updateOrder(context, event, orderId, () => ({}));
  await orderEventRow(context, event, orderId, "MilestoneRecorded", event.args, logistics);
});

onEscrows("CustomsCleared", async ({ event, context }) => {
  const { orderId, authority } = event.args;
  await updateOrder(context, event, orderId, () => ({
    status: ORDER_STATUS.Cleared,
    since: event.block.timestamp,
    customsCleared: true,
  }));
  await orderEventRow(context, event, orderId, "CustomsCleared", event.args, authority);
});

// Money back to the buyer: the order closes as Refunded once all of it went back; a seller's
// partial refund leaves it open (and counts in the seller's refunded volume).
onEscrows("OrderRefunded", async ({ event, context }) => {
  const { orderId, by, reason, amount } = event.args;
  const { before, after: row } = await changeOrder(context, event, orderId, (old) =>
    old.refunded + amount >= old.amount
      ? {
          status: ORDER_STATUS.Refunded,
          since: event.block.timestamp,
          refunded: old.refunded + amount,
          escrowed: 0n,
          settlementBuyerAmount: null,
          settlementProposer: null,
        }
      : { refunded: old.refunded + amount, escrowed: old.escrowed - amount },
  );
  const closes = row.status === ORDER_STATUS.Refunded;
  const reasonName = REFUND_REASONS[reason] ?? String(reason);
  await orderEventRow(context, event, orderId, "OrderRefunded", { ...event.args, reasonName }, by);
  const counted = REFUND_COUNTS[reasonName];
  if (counted !== undefined && closes) {
    await countForSeller(context, row.seller, event.block.timestamp, counted);
  }
  if (reasonName === "RejectedAtCustoms") await countCustomsRejection(context, row);
  await applyCreditChanges(
    context,
    event,
    row,
    refundCredit(orderFacts(before), reasonName, amount, closes),
  );
});

/**
 * The seller is paid: by the buyer's confirmation, or by anyone after the confirmation window.
 * The seller's record per day counts what the credit record counts: a sale, or a refund when the
 * seller had refunded more than half.
 */
async function complete(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  sellerAmount: bigint,
  fee: bigint,
): Promise<OrderRow> {
  const { before, after: row } = await changeOrder(context, event, orderId, (old) => ({
    status: ORDER_STATUS.Completed,
    since: event.block.timestamp,
    released: old.released + sellerAmount,
    fees: old.fees + fee,
    escrowed: 0n,
  }));
  await addFees(context, sellerToken(row), fee);
  const changes = completionCredit(orderFacts(before), sellerAmount, fee);
  if (changes.seller.bump.includes("refundedAsSeller")) {
    await countForSeller(context, row.seller, event.block.timestamp, "sellerRefunds");
  } else if (changes.seller.bump.includes("salesCompleted")) {
    await countForSeller(context, row.seller, event.block.timestamp, "sales");
  }
  await applyCreditChanges(context, event, row, changes);
  return row;
}

onEscrows("ReceiptConfirmed", async ({ event, context }) => {
  const { orderId, sellerAmount, fee } = event.args;
  const row = await complete(context, event, orderId, sellerAmount, fee);
  await orderEventRow(context, event, orderId, "ReceiptConfirmed", event.args, row.buyer);
});

onEscrows("ReleasedAfterTimeout", async ({ event, context }) => {
  const { orderId, by, sellerAmount, fee } = event.args;
  await complete(context, event, orderId, sellerAmount, fee);
  await orderEventRow(context, event, orderId, "ReleasedAfterTimeout", event.args, by);
});

// The escrow counts the opener's `disputesOpened` when the dispute closes (then scored).
onEscrows("DisputeOpened", async ({ event, context }) => {
  const { orderId, by } = event.args;
  const row = await updateOrder(context, event, orderId, () => ({
    status: ORDER_STATUS.Disputed,
    since: event.block.timestamp,
    disputedBy: by,
  }));
  await orderEventRow(context, event, orderId, "DisputeOpened", event.args, by);
  await countForSeller(context, row.seller, event.block.timestamp, "disputes");
});

onEscrows("EvidenceSubmitted", async ({ event, context }) => {
  const { orderId, by } = event.args;
  await updateOrder(context, event, orderId, () => ({}));
  await orderEventRow(context, event, orderId, "EvidenceSubmitted", event.args, by);
});

onEscrows("SettlementProposed", async ({ event, context }) => {
  const { orderId, by, buyerTotal } = event.args;
  // The offer names the buyer's total for the whole order, refunds already paid included.
  await updateOrder(context, event, orderId, () => ({
    settlementBuyerAmount: buyerTotal,
    settlementProposer: by,
  }));
  await orderEventRow(context, event, orderId, "SettlementProposed", event.args, by);
});

// A ruling or settlement names the buyer's total for the whole order (refunds included);
// `buyerAmount` is what this close paid the buyer. A stale close is the even split, a draw.
onEscrows("DisputeResolved", async ({ event, context }) => {
  const { orderId, by, resolution, buyerAmount, sellerAmount, fee } = event.args;
  const resolutionName = RESOLUTIONS[resolution] ?? String(resolution);
  const { before, after: row } = await changeOrder(context, event, orderId, (old) => ({
    status: ORDER_STATUS.Resolved,
    since: event.block.timestamp,
    refunded: old.refunded + buyerAmount,
    released: old.released + sellerAmount,
    fees: old.fees + fee,
    escrowed: 0n,
    settlementBuyerAmount: null,
    settlementProposer: null,
  }));
  await addFees(context, sellerToken(row), fee);
  await orderEventRow(
    context,
    event,
    orderId,
    "DisputeResolved",
    { ...event.args, resolutionName, buyerTotal: row.refunded },
    by,
  );
  await applyCreditChanges(
    context,
    event,
    row,
    resolutionCredit(orderFacts(before), resolutionName, buyerAmount, sellerAmount, fee),
  );
});

onEscrows("ComplaintFiled", async ({ event, context }) => {
  const { orderId, buyer } = event.args;
  await updateOrder(context, event, orderId, () => ({ complaintFiled: true }));
  await orderEventRow(context, event, orderId, "ComplaintFiled", event.args, buyer);
});

// ------------------------------------------------------------------------------ escrow-wide

onEscrows("PayoutDeferred", async ({ event, context }) => {
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

onEscrows("Withdrawn", async ({ event, context }) => {
  const { token: tokenAddress, account, amount } = event.args;
  await ensureToken(context, tokenAddress);
  await context.db
    .update(token, { id: tokenAddress })
    .set((row) => ({ withdrawn: row.withdrawn + amount }));
  await contractEventRow(context, event, "Withdrawn", event.args, tokenAddress, account);
});

onEscrows("FeesCollected", async ({ event, context }) => {
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

// The escrow's copy of the registry's suspension of its default arbiter: new orders naming it are
// refused while it is suspended.
ponder.on("TradeEscrow:DefaultArbiterStanding", async ({ event, context }) => {
  const { arbiter, suspended } = event.args;
  await configure(
    context,
    event,
    "DefaultArbiterStanding",
    event.args,
    { defaultArbiterSuspended: suspended },
    arbiter,
  );
});

// `setDefaultArbiter` copies the registry's suspension of the new arbiter without an event.
ponder.on("TradeEscrow:DefaultArbiterUpdated", async ({ event, context }) => {
  const { newArbiter } = event.args;
  const registered = await context.db.find(participant, { id: newArbiter });
  await configure(
    context,
    event,
    "DefaultArbiterUpdated",
    event.args,
    { defaultArbiter: newArbiter, defaultArbiterSuspended: registered?.suspended ?? false },
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
