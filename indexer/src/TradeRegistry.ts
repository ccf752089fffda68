/**
 * The registry's events: participants and their changes, customs authorities, products with
 * their HS codes and provenance versions, both kinds of list entry (by product and by tariff
 * prefix) with their history, and complaints. Only hashes and codes: never personal data.
 */
import { ponder } from "ponder:registry";
import {
  complaint,
  customsAuthority,
  listing,
  listingChange,
  participant,
  participantChange,
  product,
  productHsCode,
  productVersion,
  tariffListing,
  tariffListingChange,
} from "ponder:schema";

import { type AnyContext, configure, contractEventRow, type EventPlace, markBlock } from "./common";
import { LISTING_STATUS_NAMES } from "./names";

/** Appends one change of a participant's record (the participant page lists them all). */
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
    // Registering again (after a removal) starts a clean record: not suspended.
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

/** What a list entry event carries, whether it lists a product or a tariff prefix. */
interface EntryArgs {
  readonly previousStatus: number;
  readonly status: number;
  readonly expiresAt: number | bigint;
  readonly version: number;
  readonly reasonHash: `0x${string}`;
  readonly authority: `0x${string}`;
}

/** The current-entry row of a list entry event, and the extra columns of its history row. */
function entryRows(event: EventPlace, args: EntryArgs) {
  const current = {
    status: LISTING_STATUS_NAMES[args.status] ?? String(args.status),
    expiresAt: BigInt(args.expiresAt),
    version: args.version,
    reasonHash: args.reasonHash,
    authority: args.authority,
    updatedAt: event.block.timestamp,
    updatedBlock: event.block.number,
  };
  const history = {
    id: event.id,
    previousStatus: LISTING_STATUS_NAMES[args.previousStatus] ?? String(args.previousStatus),
    ...current,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  };
  return { current, history };
}

// A product's entry on one country's list, by product id; the current row and its history.
ponder.on("TradeRegistry:ListingSet", async ({ event, context }) => {
  const { jurisdiction, productId } = event.args;
  const { current, history } = entryRows(event, event.args);
  await context.db
    .insert(listing)
    .values({ id: `${jurisdiction}:${productId}`, jurisdiction, productId, ...current })
    .onConflictDoUpdate(current);
  await context.db.insert(listingChange).values({ jurisdiction, productId, ...history });
  await markBlock(context, event);
});

// A country's entry for an HS prefix (2, 4, 6 or 8 digits): it applies to every product under it.
ponder.on("TradeRegistry:TariffListingSet", async ({ event, context }) => {
  const { jurisdiction, digits, code } = event.args;
  const { current, history } = entryRows(event, event.args);
  await context.db
    .insert(tariffListing)
    .values({ id: `${jurisdiction}:${digits}:${code}`, jurisdiction, digits, code, ...current })
    .onConflictDoUpdate(current);
  await context.db.insert(tariffListingChange).values({ jurisdiction, digits, code, ...history });
  await markBlock(context, event);
});

// The registry's escrow pointer (the only contract allowed to record complaints).
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
