/**
 * The escrow admin's settings for new orders: `tradechain:escrow:allow-token`,
 * `tradechain:escrow:disallow-token`, `tradechain:escrow:set-fee`,
 * `tradechain:escrow:set-arbiter`, and `tradechain:escrow:show` to read them. Orders already
 * funded keep the fee and arbiter they committed to.
 */
import { getAddress, isAddress, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { renderTable } from "@tradechain/devkit/table";
import { formatBps, type TradeChainClient } from "@tradechain/sdk";

/** Arguments every escrow setting accepts. */
export interface EscrowSettingArgs extends DeploymentArgs {
  readonly from?: string;
}

/** Arguments of `tradechain:escrow:allow-token` / `disallow-token`. */
export interface TokenAllowArgs extends EscrowSettingArgs {
  /** A currency of the deployment (`USD`) or a token address. */
  readonly token?: string;
}

/** Arguments of `tradechain:escrow:set-fee`. */
export interface SetFeeArgs extends EscrowSettingArgs {
  /** The fee in basis points (100 = 1%). */
  readonly bps?: string;
}

/** Arguments of `tradechain:escrow:set-arbiter`. */
export interface SetArbiterArgs extends EscrowSettingArgs {
  readonly account?: string;
}

/** The escrow's settings for new orders. */
export interface EscrowSettings {
  readonly feeBps: number;
  readonly maxFeeBps: number;
  readonly feeRecipient: string;
  readonly defaultArbiter: string;
  readonly paused: boolean;
  /** The deployment's tokens by currency, and whether the escrow accepts each. */
  readonly tokens: readonly { currency: string; address: string; allowed: boolean }[];
}

/** A client acting as the escrow's admin (`--from` or the first account holding the role). */
export async function adminClient(
  ctx: TaskContext,
  from: string | undefined,
): Promise<TradeChainClient> {
  const reader = await deploymentClient(ctx);
  const adminRole = await reader.escrow.DEFAULT_ADMIN_ROLE();
  const signer: Signer = await pickSigner(ctx, from, "the escrow's admin", (a) =>
    reader.escrow.hasRole(adminRole, a),
  );
  return reader.connect(signer);
}

/** A token given as a currency of the deployment or as the address of a contract. */
async function parseToken(
  ctx: TaskContext,
  client: TradeChainClient,
  text: string | undefined,
): Promise<string> {
  const given = (text ?? "").trim();
  const currency = given.toUpperCase();
  const currencies = Object.keys(client.addresses.tokens);
  if (given === "") {
    throw new CliError(`--token is required: a currency (${currencies.join(", ")}) or an address`);
  }
  if (isAddress(given)) {
    const address = getAddress(given);
    if ((await ctx.connection.ethers.provider.getCode(address)) === "0x") {
      throw new CliError(`--token: no contract at ${address} on this chain`);
    }
    return address;
  }
  const address = client.addresses.tokens[currency];
  if (address === undefined) {
    throw new CliError(
      `--token: "${given}" is neither an address nor a currency of this deployment ` +
        `(${currencies.join(", ")})`,
    );
  }
  return address;
}

/** Allowlists (`allowed`) a token for new orders, or stops accepting it. */
export async function setTokenAllowed(
  ctx: TaskContext,
  args: TokenAllowArgs,
  allowed: boolean,
): Promise<boolean> {
  const client = await adminClient(ctx, args.from);
  const token = await parseToken(ctx, client, args.token);
  const receipt = await client.execute(() => client.escrow.setTokenAllowed(token, allowed));
  const now = await client.escrow.isTokenAllowed(token);
  ctx.print(`${token} is ${now ? "allowed" : "no longer allowed"} for new orders`);
  ctx.print(txLine(receipt));
  return now;
}

/** Sets the fee new orders commit to, within the escrow's `MAX_FEE_BPS`. */
export async function setFee(ctx: TaskContext, args: SetFeeArgs): Promise<number> {
  const text = (args.bps ?? "").trim();
  if (!/^\d+$/.test(text)) {
    throw new CliError(`--bps: give the fee in basis points (100 = 1%), got "${args.bps ?? ""}"`);
  }
  const bps = Number(text);
  const client = await adminClient(ctx, args.from);
  const max = Number(await client.escrow.MAX_FEE_BPS());
  if (bps > max) {
    throw new CliError(
      `--bps: ${bps} (${formatBps(bps)}) is over the escrow's maximum of ${max} (${formatBps(max)})`,
    );
  }
  const before = Number(await client.escrow.feeBps());
  const receipt = await client.execute(() => client.escrow.setFee(bps));
  const after = Number(await client.escrow.feeBps());
  ctx.print(
    `Fee for new orders: ${formatBps(before)} → ${formatBps(after)} (${after} basis points)`,
  );
  ctx.print(txLine(receipt));
  return after;
}

/** Sets the arbiter of orders that name no arbiter of their own. */
export async function setDefaultArbiter(ctx: TaskContext, args: SetArbiterArgs): Promise<string> {
  const arbiter = parseAddress(args.account, "--account");
  const client = await adminClient(ctx, args.from);
  const receipt = await client.execute(() => client.escrow.setDefaultArbiter(arbiter));
  const now = await client.escrow.defaultArbiter();
  ctx.print(`Default arbiter for new orders: ${now}`);
  ctx.print(txLine(receipt));
  if (await client.registry.isSuspended(now)) {
    ctx.print(`  Note: the registry has ${now} suspended, so it cannot rule until reinstated.`);
  }
  return now;
}

/** Reads and prints the escrow's settings for new orders. */
export async function showEscrow(ctx: TaskContext, _args: DeploymentArgs): Promise<EscrowSettings> {
  const client = await deploymentClient(ctx);
  const { escrow } = client;
  const [feeBps, maxFeeBps, feeRecipient, defaultArbiter, paused] = await Promise.all([
    escrow.feeBps(),
    escrow.MAX_FEE_BPS(),
    escrow.feeRecipient(),
    escrow.defaultArbiter(),
    escrow.paused(),
  ]);
  const tokens = await Promise.all(
    Object.entries(client.addresses.tokens).map(async ([currency, address]) => ({
      currency,
      address,
      allowed: await escrow.isTokenAllowed(address),
    })),
  );
  const settings: EscrowSettings = {
    feeBps: Number(feeBps),
    maxFeeBps: Number(maxFeeBps),
    feeRecipient,
    defaultArbiter,
    paused,
    tokens,
  };
  ctx.print(`TradeEscrow ${client.addresses.escrow} (chain ${ctx.chainId})`);
  ctx.print(
    renderTable(
      ["Setting", "Value"],
      [
        ["fee", `${formatBps(settings.feeBps)} (maximum ${formatBps(settings.maxFeeBps)})`],
        ["fee recipient", feeRecipient],
        ["default arbiter", defaultArbiter],
        ["new orders", paused ? "paused" : "accepted"],
        ...tokens.map((t) => [
          `token ${t.currency}`,
          `${t.address} ${t.allowed ? "allowed" : "not allowed"}`,
        ]),
      ],
    ),
  );
  return settings;
}

export async function allowTokenAction(args: TokenAllowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:allow-token", async () => {
    await setTokenAllowed(await openContext(hre, args), args, true);
  });
}

export async function disallowTokenAction(args: TokenAllowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:disallow-token", async () => {
    await setTokenAllowed(await openContext(hre, args), args, false);
  });
}

export async function setFeeAction(args: SetFeeArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:set-fee", async () => {
    await setFee(await openContext(hre, args), args);
  });
}

export async function setArbiterAction(args: SetArbiterArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:set-arbiter", async () => {
    await setDefaultArbiter(await openContext(hre, args), args);
  });
}

export async function showAction(args: DeploymentArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:escrow:show", async () => {
    await showEscrow(await openContext(hre, args), args);
  });
}
