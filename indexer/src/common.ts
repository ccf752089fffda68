/**
 * What the handlers of all three contracts share: the types of an event's place and of a handler's
 * context, the last-block marker every handler moves, the rows of events that belong to no order,
 * the escrow's configuration row and the token rows. Ponder runs every file under `src/` (but
 * `src/api/`) as indexing code; this one registers no handler.
 */
import type { ponder } from "ponder:registry";
import { contractEvent, escrowConfig, lastBlock, token } from "ponder:schema";
import type { Abi } from "viem";

import { SettlementTokenAbi } from "../abis/SettlementToken";

export type Hex = `0x${string}`;
export const ZERO: Hex = "0x0000000000000000000000000000000000000000";
/** The id of the tables that hold one row (chain info, last block, escrow configuration). */
export const SINGLETON = 1;

/** The block and transaction an event came in. */
export interface EventPlace {
  readonly id: string;
  readonly block: { readonly number: bigint; readonly hash: Hex; readonly timestamp: bigint };
  readonly log: { readonly logIndex: number; readonly address: Hex };
  readonly transaction: { readonly hash: Hex; readonly from: Hex };
}

/** Any handler context (the registry's types are per event; the db and client are the same). */
export type AnyContext = Parameters<
  Parameters<typeof ponder.on<"TradeEscrow:OrderCreated">>[1]
>[0]["context"];

/** Event arguments as JSON: bigints as decimal strings, addresses and hashes as they are. */
export function jsonArgs(args: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === "bigint" || typeof value === "number") out[key] = value.toString();
    else if (typeof value === "boolean" || typeof value === "string") out[key] = value;
    else if (value !== null && typeof value === "object")
      out[key] = JSON.stringify(jsonArgs(value as Record<string, unknown>));
  }
  return out;
}

/**
 * Records the block of the event just indexed. Its hash is what `/api/status` compares with the
 * chain to notice a reset or a rewrite, and part of the key the API's response cache is kept under.
 */
export async function markBlock(context: AnyContext, event: EventPlace): Promise<void> {
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

/** Appends an event that belongs to no order (fees, configuration, token administration). */
export async function contractEventRow(
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

/**
 * Changes the escrow's configuration row (the registry's escrow pointer lives there too) and
 * records the event. The row may not exist yet: the registry's events can come first.
 */
export async function configure(
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

/**
 * The token's row, created the first time the token is seen (by the escrow or by its own events)
 * with its currency and decimals read from the token: they are constants, read once.
 */
export async function ensureToken(context: AnyContext, address: Hex) {
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
