/**
 * `tradechain:escrow:pause` / `unpause` — the escrow's pauser stops and resumes new orders (open
 * orders continue: no role can hold escrowed money); `tradechain:token:pause` / `unpause` — a
 * settlement token's pauser stops and resumes every transfer, mint and burn of that currency
 * (the escrow then defers its payouts in it: they stay claimable).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";

/** Arguments of the escrow's pause tasks. */
export interface EscrowPauseArgs extends DeploymentArgs {
  readonly from?: string;
}

/** Arguments of the token pause tasks. */
export interface TokenPauseArgs extends EscrowPauseArgs {
  /** A currency of the deployment (`USD`); required, so no token is paused by default. */
  readonly currency?: string;
}

/** Pauses (`paused`) or resumes new orders, sent by an account with the escrow's PAUSER_ROLE. */
export async function setEscrowPaused(
  ctx: TaskContext,
  args: EscrowPauseArgs,
  paused: boolean,
): Promise<boolean> {
  const reader = await deploymentClient(ctx);
  const role = await reader.escrow.PAUSER_ROLE();
  const signer = await pickSigner(ctx, args.from, "the escrow's pauser", (a) =>
    reader.escrow.hasRole(role, a),
  );
  const client = reader.connect(signer);
  const before = await client.escrow.paused();
  const receipt = await client.execute(() =>
    paused ? client.escrow.pause() : client.escrow.unpause(),
  );
  const now = await client.escrow.paused();
  const was = before === now ? ` (it already was ${now ? "paused" : "accepting them"})` : "";
  ctx.print(
    now
      ? `TradeEscrow ${client.addresses.escrow}: new orders paused${was}; open orders continue`
      : `TradeEscrow ${client.addresses.escrow}: new orders accepted${was}`,
  );
  ctx.print(txLine(receipt));
  return now;
}

/** Pauses (`paused`) or resumes a settlement token, sent by an account with its PAUSER_ROLE. */
export async function setTokenPaused(
  ctx: TaskContext,
  args: TokenPauseArgs,
  paused: boolean,
): Promise<boolean> {
  const reader = await deploymentClient(ctx);
  const currencies = Object.keys(reader.addresses.tokens);
  const currency = (args.currency ?? "").trim().toUpperCase();
  if (currency === "") {
    throw new CliError(`--currency is required: one of ${currencies.join(", ")}`);
  }
  if (reader.addresses.tokens[currency] === undefined) {
    throw new CliError(
      `--currency: no ${currency} token in this deployment (have ${currencies.join(", ")})`,
    );
  }
  const token = reader.token(currency);
  const role = await token.PAUSER_ROLE();
  const signer = await pickSigner(ctx, args.from, `the ${currency} token's pauser`, (a) =>
    token.hasRole(role, a),
  );
  const client = reader.connect(signer);
  const connected = client.token(currency);
  const before = await connected.paused();
  const receipt = await client.execute(() => (paused ? connected.pause() : connected.unpause()));
  const now = await connected.paused();
  const was = before === now ? ` (it already was ${now ? "paused" : "running"})` : "";
  const address = await connected.getAddress();
  ctx.print(
    now
      ? `${currency} token ${address} paused${was}: no transfers, mints or burns until unpaused`
      : `${currency} token ${address} running again${was}`,
  );
  ctx.print(txLine(receipt));
  if (now)
    ctx.print(`  Note: the escrow keeps what it pays out in ${currency} claimable meanwhile.`);
  return now;
}

export async function pauseEscrowAction(args: EscrowPauseArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:pause", async () => {
    await setEscrowPaused(await openContext(hre, args), args, true);
  });
}

export async function unpauseEscrowAction(args: EscrowPauseArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:unpause", async () => {
    await setEscrowPaused(await openContext(hre, args), args, false);
  });
}

export async function pauseTokenAction(args: TokenPauseArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:token:pause", async () => {
    await setTokenPaused(await openContext(hre, args), args, true);
  });
}

export async function unpauseTokenAction(args: TokenPauseArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:token:unpause", async () => {
    await setTokenPaused(await openContext(hre, args), args, false);
  });
}
