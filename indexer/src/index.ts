/**
 * One small handler per event of the three contracts. Each keeps the current-state rows (order,
 * participant, product, listing, token, credit) and appends the history rows the pages show.
 * Credit records are read from the escrow at the event's block, so they are exactly what the
 * contract computed, whatever its scoring rules.
 */
import { ponder } from "ponder:registry";
import {
  balance,
  chainInfo,
  complaint,
  contractEvent,
  credit,
  customsAuthority,
  escrowConfig,
  lastBlock,
  listing,
  listingChange,
  orderEvent,
  participant,
  participantChange,
  product,
  productHsCode,
  productVersion,
  tariffListing,
  tariffListingChange,
  token,
  tradeOrder,
} from "ponder:schema";
import type { Abi } from "viem";

import { SettlementTokenAbi } from "../abis/SettlementToken";
import { TradeEscrowAbi } from "../abis/TradeEscrow";
import { LISTING_STATUS_NAMES, ORDER_STATUS, REFUND_REASONS, RESOLUTIONS } from "./names";

type Hex = `0x${string}`;
const ZERO: Hex = "0x0000000000000000000000000000000000000000";
const SINGLETON = 1;

/** The block and transaction an event came in. */
interface EventPlace {
  readonly id: string;
  readonly block: { readonly number: bigint; readonly hash: Hex; readonly timestamp: bigint };
  readonly log: { readonly logIndex: number; readonly address: Hex };
  readonly transaction: { readonly hash: Hex; readonly from: Hex };
}

/** Any handler context (the registry's types are per event; the db and client are the same). */
type AnyContext = Parameters<
  Parameters<typeof ponder.on<"TradeEscrow:OrderCreated">>[1]
>[0]["context"];

/** Event arguments as JSON: bigints as decimal strings, addresses and hashes as they are. */
function jsonArgs(args: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === "bigint" || typeof value === "number") out[key] = value.toString();
    else if (typeof value === "boolean" || typeof value === "string") out[key] = value;
    else if (value !== null && typeof value === "object")
      out[key] = JSON.stringify(jsonArgs(value as Record<string, unknown>));
  }
  return out;
}

async function markBlock(context: AnyContext, event: EventPlace): Promise<void> {
  const row = {
    number: event.block.number,
    hash: event.block.hash,
    timestamp: event.block.timestamp,
  };
  await context.db
    .insert(lastBlock)
    .values({ id: SINGLETON, ...row, events: 1n })
    .onConflictDoUpdate((old) => ({ ...row, events: old.events + 1n }));
}

// ------------------------------------------------------------------------------ orders

/** Orders by the transaction that last touched them (a payout deferral names no order). */
const orderOfTx = new Map<Hex, Hex>();

async function orderEventRow(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  name: string,
  args: Record<string, unknown>,
  actor: Hex | undefined = event.transaction.from,
): Promise<void> {
  orderOfTx.set(event.transaction.hash, orderId);
  await context.db.insert(orderEvent).values({
    id: event.id,
    orderId,
    name,
    actor,
    args: jsonArgs(args),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
}

type OrderRow = typeof tradeOrder.$inferSelect;

async function updateOrder(
  context: AnyContext,
  event: EventPlace,
  orderId: Hex,
  change: (row: OrderRow) => Partial<OrderRow>,
): Promise<OrderRow> {
  return context.db.update(tradeOrder, { id: orderId }).set((row) => ({
    ...change(row),
    updatedAt: event.block.timestamp,
    events: row.events + 1,
  }));
}

const creditOfItem = (TradeEscrowAbi as Abi).find(
  (item) => item.type === "function" && item.name === "creditOf",
);
/** True once the escrow keeps one credit record per account and token. */
const CREDIT_PER_TOKEN = creditOfItem?.type === "function" && creditOfItem.inputs.length === 2;

/** The counters of the escrow's `Credit` struct (every field but the volume). */
const CREDIT_COUNTERS = [
  "salesCompleted",
  "purchasesCompleted",
  "cancelledAsBuyer",
  "rejectedAsSeller",
  "missedShipBy",
  "rejectedAtCustoms",
  "refundedAsSeller",
  "disputesOpened",
  "disputesWon",
  "disputesLost",
] as const;

type CreditView = Record<(typeof CREDIT_COUNTERS)[number], number> & { volume: bigint };

/** Copies the escrow's credit record of each account (in the order's token) at this block. */
async function refreshCredit(
  context: AnyContext,
  event: EventPlace,
  tokenAddress: Hex,
  accounts: readonly Hex[],
): Promise<void> {
  const key = CREDIT_PER_TOKEN ? tokenAddress : ZERO;
  const unique = [...new Set(accounts)];
  const views = await Promise.all(
    unique.map(
      (account) =>
        context.client.readContract({
          abi: TradeEscrowAbi as Abi,
          address: event.log.address,
          functionName: "creditOf",
          args: CREDIT_PER_TOKEN ? [account, tokenAddress] : [account],
        }) as Promise<CreditView>,
    ),
  );
  for (const [i, account] of unique.entries()) {
    const view = views[i];
    const counters = Object.fromEntries(CREDIT_COUNTERS.map((k) => [k, Number(view[k])])) as Record<
      (typeof CREDIT_COUNTERS)[number],
      number
    >;
    const row = {
      account,
      token: key,
      ...counters,
      volume: BigInt(view.volume),
      updatedAt: event.block.timestamp,
    };
    await context.db
      .insert(credit)
      .values({ id: `${account}:${key}`, ...row })
      .onConflictDoUpdate(row);
  }
}

/** The token's row, created with its currency and decimals the first time it is seen. */
async function ensureToken(context: AnyContext, address: Hex) {
  const found = await context.db.find(token, { id: address });
  if (found !== null) return found;
  const read = <T>(functionName: "currency" | "symbol" | "name" | "decimals") =>
    context.client.readContract({
      abi: SettlementTokenAbi as Abi,
      address,
      functionName,
    }) as Promise<T>;
  const [currency, symbol, name, decimals] = await Promise.all([
    read<string>("currency"),
    read<string>("symbol"),
    read<string>("name"),
    read<number>("decimals"),
  ]);
  return context.db.insert(token).values({
    id: address,
    currency,
    symbol,
    name,
    decimals: Number(decimals),
    totalSupply: 0n,
    minted: 0n,
    burned: 0n,
    holders: 0,
    transfers: 0,
    feesAccrued: 0n,
    feesCollected: 0n,
    deferred: 0n,
    withdrawn: 0n,
    allowed: false,
  });
}

async function addFees(context: AnyContext, tokenAddress: Hex, fee: bigint): Promise<void> {
  if (fee === 0n) return;
  await ensureToken(context, tokenAddress);
  await context.db
    .update(token, { id: tokenAddress })
    .set((row) => ({ feesAccrued: row.feesAccrued + fee }));
}

ponder.on("TradeEscrow:setup", async ({ context }) => {
  const genesis = await context.client.getBlock({ blockNumber: 0n });
  const arbitrationPeriod = (await context.client.readContract({
    abi: TradeEscrowAbi as Abi,
    address: context.contracts.TradeEscrow.address as Hex,
    functionName: "ARBITRATION_PERIOD",
  })) as bigint;
  await context.db.insert(chainInfo).values({
    id: SINGLETON,
    chainId: context.chain.id,
    genesisHash: genesis.hash,
    escrow: context.contracts.TradeEscrow.address as Hex,
    registry: context.contracts.TradeRegistry.address as Hex,
    startBlock: BigInt(context.contracts.TradeEscrow.startBlock ?? 0),
    arbitrationPeriod,
  });
  await context.db
    .insert(escrowConfig)
    .values({ id: SINGLETON, feeBps: 0, paused: false })
    .onConflictDoNothing();
});

ponder.on("TradeEscrow:OrderCreated", async ({ event, context }) => {
  const { orderId, terms } = event.args;
  await context.db.insert(tradeOrder).values({
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
    createdTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
    events: 0,
  });
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
  await orderEventRow(
    context,
    event,
    orderId,
    "OrderRefunded",
    { ...event.args, reasonName: REFUND_REASONS[reason] ?? String(reason) },
    by,
  );
  await refreshCredit(context, event, row.token, [row.buyer, row.seller]);
});

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

ponder.on("TradeEscrow:DisputeOpened", async ({ event, context }) => {
  const { orderId, by } = event.args;
  const row = await updateOrder(context, event, orderId, () => ({
    status: ORDER_STATUS.Disputed,
    since: event.block.timestamp,
    disputedBy: by,
  }));
  await orderEventRow(context, event, orderId, "DisputeOpened", event.args, by);
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

async function contractEventRow(
  context: AnyContext,
  event: EventPlace,
  name: string,
  args: Record<string, unknown>,
  tokenAddress: Hex | undefined,
  account: Hex | undefined,
): Promise<void> {
  await context.db.insert(contractEvent).values({
    id: event.id,
    contract: event.log.address,
    name,
    token: tokenAddress,
    account,
    args: jsonArgs(args),
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
}

ponder.on("TradeEscrow:PayoutDeferred", async ({ event, context }) => {
  const { token: tokenAddress, account, amount } = event.args;
  await ensureToken(context, tokenAddress);
  await context.db
    .update(token, { id: tokenAddress })
    .set((row) => ({ deferred: row.deferred + amount }));
  await contractEventRow(context, event, "PayoutDeferred", event.args, tokenAddress, account);
  const orderId = orderOfTx.get(event.transaction.hash);
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

async function configure(
  context: AnyContext,
  event: EventPlace,
  name: string,
  args: Record<string, unknown>,
  change: Partial<typeof escrowConfig.$inferInsert>,
  account?: Hex,
): Promise<void> {
  await context.db
    .insert(escrowConfig)
    .values({ id: SINGLETON, feeBps: 0, paused: false, ...change })
    .onConflictDoUpdate(change);
  await contractEventRow(context, event, name, args, undefined, account);
}

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
    {
      feeRecipient: newRecipient,
    },
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
    {
      defaultArbiter: newArbiter,
    },
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

// ------------------------------------------------------------------------------ registry

async function participantChangeRow(
  context: AnyContext,
  event: EventPlace,
  kind: string,
  values: Omit<
    typeof participantChange.$inferInsert,
    "id" | "kind" | "blockNumber" | "txHash" | "timestamp"
  >,
): Promise<void> {
  await context.db.insert(participantChange).values({
    id: event.id,
    kind,
    ...values,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
}

ponder.on("TradeRegistry:ParticipantRegistered", async ({ event, context }) => {
  const { account, roles, jurisdiction, identityHash, version, registrar } = event.args;
  const row = {
    roles,
    jurisdiction,
    identityHash,
    version,
    registrar,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(participant)
    .values({ id: account, ...row, suspended: false, registeredAt: event.block.timestamp })
    .onConflictDoUpdate({ ...row, suspended: false, suspensionReasonHash: null });
  await participantChangeRow(context, event, "Registered", {
    account,
    roles,
    jurisdiction,
    identityHash,
    version,
    registrar,
  });
});

ponder.on("TradeRegistry:ParticipantUpdated", async ({ event, context }) => {
  const { account, roles, jurisdiction, identityHash, version, registrar } = event.args;
  await context.db.update(participant, { id: account }).set({
    roles,
    jurisdiction,
    identityHash,
    version,
    registrar,
    updatedAt: event.block.timestamp,
  });
  await participantChangeRow(context, event, "Updated", {
    account,
    roles,
    jurisdiction,
    identityHash,
    version,
    registrar,
  });
});

ponder.on("TradeRegistry:ParticipantSuspended", async ({ event, context }) => {
  const { account, reasonHash, version, registrar } = event.args;
  await context.db.update(participant, { id: account }).set({
    suspended: true,
    suspensionReasonHash: reasonHash,
    version,
    updatedAt: event.block.timestamp,
  });
  await participantChangeRow(context, event, "Suspended", {
    account,
    reasonHash,
    version,
    registrar,
  });
});

ponder.on("TradeRegistry:ParticipantReinstated", async ({ event, context }) => {
  const { account, version, registrar } = event.args;
  await context.db.update(participant, { id: account }).set({
    suspended: false,
    suspensionReasonHash: null,
    version,
    updatedAt: event.block.timestamp,
  });
  await participantChangeRow(context, event, "Reinstated", { account, version, registrar });
});

ponder.on("TradeRegistry:CustomsAuthoritySet", async ({ event, context }) => {
  const { jurisdiction, authority, enabled, admin } = event.args;
  const row = { enabled, updatedAt: event.block.timestamp, txHash: event.transaction.hash };
  await context.db
    .insert(customsAuthority)
    .values({ id: `${jurisdiction}:${authority}`, jurisdiction, authority, ...row })
    .onConflictDoUpdate(row);
  await contractEventRow(context, event, "CustomsAuthoritySet", event.args, undefined, admin);
});

ponder.on("TradeRegistry:ProductRegistered", async ({ event, context }) => {
  const { productId, owner, hsCode, metadataHash } = event.args;
  await context.db.insert(product).values({
    id: productId,
    owner,
    hsCode,
    hsCodeVersion: 1,
    metadataHash,
    metadataVersion: 1,
    complaintCount: 0,
    registeredAt: event.block.timestamp,
    registeredTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
  await context.db.insert(productVersion).values({
    id: `${productId}:1`,
    productId,
    version: 1,
    metadataHash,
    owner,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await context.db.insert(productHsCode).values({
    id: `${productId}:1`,
    productId,
    version: 1,
    hsCode,
    owner,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
});

ponder.on("TradeRegistry:ProductHsCodeUpdated", async ({ event, context }) => {
  const { productId, owner, previousHsCode, hsCode, hsCodeVersion } = event.args;
  await context.db
    .update(product, { id: productId })
    .set({ hsCode, hsCodeVersion, updatedAt: event.block.timestamp });
  await context.db.insert(productHsCode).values({
    id: `${productId}:${hsCodeVersion}`,
    productId,
    version: hsCodeVersion,
    hsCode,
    previousHsCode,
    owner,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
});

ponder.on("TradeRegistry:ProductMetadataUpdated", async ({ event, context }) => {
  const { productId, owner, metadataHash, metadataVersion } = event.args;
  await context.db.update(product, { id: productId }).set({
    owner,
    metadataHash,
    metadataVersion,
    updatedAt: event.block.timestamp,
  });
  await context.db.insert(productVersion).values({
    id: `${productId}:${metadataVersion}`,
    productId,
    version: metadataVersion,
    metadataHash,
    owner,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
});

ponder.on("TradeRegistry:ListingSet", async ({ event, context }) => {
  const {
    jurisdiction,
    productId,
    previousStatus,
    status,
    expiresAt,
    version,
    reasonHash,
    authority,
  } = event.args;
  const statusName = LISTING_STATUS_NAMES[status] ?? String(status);
  const row = {
    status: statusName,
    expiresAt: BigInt(expiresAt),
    version,
    reasonHash,
    authority,
    updatedAt: event.block.timestamp,
    updatedBlock: event.block.number,
  };
  await context.db
    .insert(listing)
    .values({ id: `${jurisdiction}:${productId}`, jurisdiction, productId, ...row })
    .onConflictDoUpdate(row);
  await context.db.insert(listingChange).values({
    id: event.id,
    jurisdiction,
    productId,
    previousStatus: LISTING_STATUS_NAMES[previousStatus] ?? String(previousStatus),
    ...row,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
});

ponder.on("TradeRegistry:TariffListingSet", async ({ event, context }) => {
  const {
    jurisdiction,
    digits,
    code,
    previousStatus,
    status,
    expiresAt,
    version,
    reasonHash,
    authority,
  } = event.args;
  const row = {
    status: LISTING_STATUS_NAMES[status] ?? String(status),
    expiresAt: BigInt(expiresAt),
    version,
    reasonHash,
    authority,
    updatedAt: event.block.timestamp,
    updatedBlock: event.block.number,
  };
  await context.db
    .insert(tariffListing)
    .values({ id: `${jurisdiction}:${digits}:${code}`, jurisdiction, digits, code, ...row })
    .onConflictDoUpdate(row);
  await context.db.insert(tariffListingChange).values({
    id: event.id,
    jurisdiction,
    digits,
    code,
    previousStatus: LISTING_STATUS_NAMES[previousStatus] ?? String(previousStatus),
    ...row,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
});

ponder.on("TradeRegistry:EscrowSet", async ({ event, context }) => {
  await configure(context, event, "EscrowSet", event.args, { registryEscrow: event.args.escrow });
});

ponder.on("TradeRegistry:ComplaintRecorded", async ({ event, context }) => {
  const { productId, orderId, complainant, evidenceHash, complaintCount } = event.args;
  await context.db.insert(complaint).values({
    id: event.id,
    productId,
    orderId,
    complainant,
    evidenceHash,
    complaintCount: Number(complaintCount),
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await context.db
    .update(product, { id: productId })
    .set({ complaintCount: Number(complaintCount), updatedAt: event.block.timestamp });
  await markBlock(context, event);
});

// ------------------------------------------------------------------------------ tokens

async function moveBalance(
  context: AnyContext,
  tokenAddress: Hex,
  holder: Hex,
  delta: bigint,
): Promise<number> {
  const id = `${tokenAddress}:${holder}`;
  const before = (await context.db.find(balance, { id }))?.amount ?? 0n;
  const after = before + delta;
  await context.db
    .insert(balance)
    .values({ id, token: tokenAddress, holder, amount: after })
    .onConflictDoUpdate({ amount: after });
  return (before === 0n ? 0 : -1) + (after === 0n ? 0 : 1);
}

ponder.on("SettlementToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  const address = event.log.address;
  await ensureToken(context, address);
  let holders = 0;
  if (from !== ZERO) holders += await moveBalance(context, address, from, -value);
  if (to !== ZERO) holders += await moveBalance(context, address, to, value);
  await context.db.update(token, { id: address }).set((row) => ({
    totalSupply: row.totalSupply + (from === ZERO ? value : 0n) - (to === ZERO ? value : 0n),
    minted: row.minted + (from === ZERO ? value : 0n),
    burned: row.burned + (to === ZERO ? value : 0n),
    holders: row.holders + holders,
    transfers: row.transfers + 1,
  }));
  await markBlock(context, event);
});

const TOKEN_ADMIN_EVENTS = [
  ["Mint", "to"],
  ["Burn", "burner"],
  ["MinterConfigured", "minter"],
  ["MinterRemoved", "oldMinter"],
  ["Blacklisted", "account"],
  ["UnBlacklisted", "account"],
  ["Paused", "account"],
  ["Unpaused", "account"],
  ["TokensRescued", "to"],
  ["AuthorizationUsed", "authorizer"],
  ["AuthorizationCanceled", "authorizer"],
] as const;

for (const [name, accountArg] of TOKEN_ADMIN_EVENTS) {
  ponder.on(`SettlementToken:${name}`, async ({ event, context }) => {
    const args = event.args as Record<string, unknown>;
    await ensureToken(context, event.log.address);
    await contractEventRow(context, event, name, args, event.log.address, args[accountArg] as Hex);
  });
}
