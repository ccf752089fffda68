/**
 * The settlement tokens' events: balances, holders and supply from `Transfer`; the token's
 * administration (minting, blacklists, pausing, authorisations) as contract events.
 */
import { ponder } from "ponder:registry";
import { balance, token } from "ponder:schema";

import {
  type AnyContext,
  contractEventRow,
  ensureToken,
  type Hex,
  markBlock,
  ZERO,
} from "./common";

/**
 * Moves a holder's balance by `delta`; returns the change in the token's holder count (+1 when a
 * balance becomes non-zero, -1 when it becomes zero), so that `holders` needs no count query.
 */
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

/** The token's administrative events, each with the argument naming the account concerned. */
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
