/**
 * The registry's events: participants and their changes, sellers' delegates, customs
 * authorities, products with their HS codes and provenance versions, countries' binding and held
 * classifications, both kinds of list entry (by product and by tariff prefix) with their history,
 * and complaints per seller. Only hashes and codes: never personal data.
 */
import { ponder } from "ponder:registry";
import {
  classification,
  classificationChange,
  complaint,
  countryTariffs,
  customsAuthority,
  listing,
  listingChange,
  participant,
  participantChange,
  product,
  productHsCode,
  productVersion,
  sellerDelegate,
  tariffListing,
  tariffListingChange,
  tradeOrder,
} from "ponder:schema";

import { classificationId } from "./classification";
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
  // How many prefixes the country lists: with none, new orders keep no classification snapshot.
  const listed =
    Number(current.status !== "Unlisted") - Number(history.previousStatus !== "Unlisted");
  if (listed !== 0) {
    await context.db
      .insert(countryTariffs)
      .values({ id: jurisdiction, listed })
      .onConflictDoUpdate((old) => ({ listed: old.listed + listed }));
  }
  await markBlock(context, event);
});

// The registry's escrow pointer (the only contract allowed to record complaints).
ponder.on("TradeRegistry:EscrowSet", async ({ event, context }) => {
  await configure(context, event, "EscrowSet", event.args, { registryEscrow: event.args.escrow });
});

// A complaint about the product as the order's seller sold it: it counts on the product only when
// that seller owns the product; another seller's complaints are kept apart (per seller).
ponder.on("TradeRegistry:ComplaintRecorded", async ({ event, context }) => {
  const { productId, orderId, seller, complainant, evidenceHash, amount, fee, complaintCount } =
    event.args;
  const [owned, order] = await Promise.all([
    context.db.find(product, { id: productId }),
    context.db.find(tradeOrder, { id: orderId }),
  ]);
  const ownSale = owned !== null && owned.owner.toLowerCase() === seller.toLowerCase();
  await context.db.insert(complaint).values({
    id: event.id,
    productId,
    orderId,
    seller,
    ownSale,
    complainant,
    evidenceHash,
    token: order?.token ?? null,
    amount,
    fee,
    complaintCount: Number(complaintCount),
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  if (ownSale) {
    await context.db
      .update(product, { id: productId })
      .set({ complaintCount: Number(complaintCount), updatedAt: event.block.timestamp });
  }
  await markBlock(context, event);
});

// A seller lets a signer (a platform selling for it) consent to orders on its behalf.
ponder.on("TradeRegistry:DelegateSet", async ({ event, context }) => {
  const { seller, delegate } = event.args;
  const row = {
    active: true,
    setAt: event.block.timestamp,
    revokedAt: null,
    txHash: event.transaction.hash,
  };
  await context.db
    .insert(sellerDelegate)
    .values({ id: `${seller}:${delegate}`, seller, delegate, ...row })
    .onConflictDoUpdate(row);
  await contractEventRow(context, event, "DelegateSet", event.args, undefined, seller);
});

ponder.on("TradeRegistry:DelegateRevoked", async ({ event, context }) => {
  const { seller, delegate } = event.args;
  await context.db
    .update(sellerDelegate, { id: `${seller}:${delegate}` })
    .set({ active: false, revokedAt: event.block.timestamp, txHash: event.transaction.hash });
  await contractEventRow(context, event, "DelegateRevoked", event.args, undefined, seller);
});

/** Appends one change of a country's classification of a product. */
async function classificationChangeRow(
  context: AnyContext,
  event: EventPlace,
  values: Omit<
    typeof classificationChange.$inferInsert,
    "id" | "blockNumber" | "logIndex" | "txHash" | "timestamp"
  >,
): Promise<void> {
  await context.db.insert(classificationChange).values({
    id: event.id,
    ...values,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await markBlock(context, event);
}

// A country's customs bind the product's classification there (0 lifts the binding): the bound
// code overrides the declared one in that country.
ponder.on("TradeRegistry:ClassificationBound", async ({ event, context }) => {
  const { jurisdiction, productId, authority, previousHsCode, hsCode } = event.args;
  const row = {
    hsCode,
    held: false,
    authority,
    declaredHsCode: null,
    updatedAt: event.block.timestamp,
    updatedBlock: event.block.number,
  };
  await context.db
    .insert(classification)
    .values({ id: classificationId(jurisdiction, productId), jurisdiction, productId, ...row })
    .onConflictDoUpdate(row);
  await classificationChangeRow(context, event, {
    jurisdiction,
    productId,
    kind: "Bound",
    previousHsCode,
    hsCode,
    authority,
  });
});

// The owner re-classified the product in a way that would change whether the country refuses it:
// the previous code stays in force there until its customs bind one.
ponder.on("TradeRegistry:ClassificationHeld", async ({ event, context }) => {
  const { jurisdiction, productId, heldHsCode, declaredHsCode } = event.args;
  const row = {
    hsCode: heldHsCode,
    held: true,
    authority: null,
    declaredHsCode,
    updatedAt: event.block.timestamp,
    updatedBlock: event.block.number,
  };
  await context.db
    .insert(classification)
    .values({ id: classificationId(jurisdiction, productId), jurisdiction, productId, ...row })
    .onConflictDoUpdate(row);
  await classificationChangeRow(context, event, {
    jurisdiction,
    productId,
    kind: "Held",
    previousHsCode: heldHsCode,
    hsCode: heldHsCode,
    declaredHsCode,
    authority: null,
  });
});
