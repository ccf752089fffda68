/** `tradechain:token:mint` — a minter issues settlement tokens. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  parseTokenAmount,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";

/** Arguments of `tradechain:token:mint`. */
export interface MintArgs extends DeploymentArgs {
  readonly currency: string;
  readonly to?: string;
  readonly amount?: string;
  readonly from?: string;
}

/**
 * Mints `amount` of `currency` to `to`. The sender is `--from` or the first account that is a
 * minter with enough allowance, else the first master minter, which then makes itself a minter
 * for exactly this amount (printed) — an operator with the master-minter role mints in one step.
 */
export async function mint(ctx: TaskContext, args: MintArgs): Promise<bigint> {
  const to = parseAddress(args.to, "--to");
  const reader = await deploymentClient(ctx);
  const currency = args.currency.trim().toUpperCase();
  if (reader.addresses.tokens[currency] === undefined) {
    throw new CliError(
      `--currency: no ${currency} token in this deployment (have ${Object.keys(reader.addresses.tokens).join(", ")})`,
    );
  }
  const info = await reader.tokenInfo(currency);
  const amount = parseTokenAmount(args.amount, info.decimals);
  const token = reader.token(currency);
  const masterRole = await token.MASTER_MINTER_ROLE();
  const canMint = async (a: string) =>
    (await token.isMinter(a)) && (await token.minterAllowance(a)) >= amount;
  const signer = await pickSigner(
    ctx,
    args.from,
    `a ${info.symbol} minter or master minter`,
    async (a) => (await canMint(a)) || token.hasRole(masterRole, a),
  );
  const client = reader.connect(signer);
  const sender = await signer.getAddress();
  if (!(await canMint(sender)) && (await token.hasRole(masterRole, sender))) {
    await client.configureMinter(currency, sender, amount);
    ctx.print(
      `${sender} (master minter) configured itself as ${info.symbol} minter for ${await client.formatAmount(currency, amount)}`,
    );
  }
  const receipt = await client.mint(currency, to, amount);
  ctx.print(
    `Minted ${await client.formatAmount(currency, amount)} ${info.symbol} to ${to}; balance ` +
      `${await client.formatAmount(currency, await client.balanceOf(currency, to))}`,
  );
  ctx.print(txLine(receipt));
  return amount;
}

export default async function action(args: MintArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:token:mint", async () => {
    await mint(await openContext(hre, args), args);
  });
}
