/** `tradechain:deploy` — deploys and wires the suite with the Ignition module. */
import { rm } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import TradeChainModule from "../ignition/modules/TradeChain.js";
import { CliError, openContext, runTask, type TaskContext } from "./lib/context.js";
import { addressesOfDeployment, addressTable } from "../lib/deploy.js";
import type { TradeChainAddresses } from "../src/types.js";

/** Arguments of `tradechain:deploy`. */
export interface DeployArgs {
  readonly parameters: string;
  readonly deploymentId?: string;
  readonly reset: boolean;
}

/** Deploys the suite (or resumes the recorded deployment) and prints its addresses. */
export async function deploy(ctx: TaskContext, args: DeployArgs): Promise<TradeChainAddresses> {
  const simulated = ctx.connection.networkConfig.type === "edr-simulated";
  if (args.reset && !simulated) await rm(ctx.deploymentFolder, { recursive: true, force: true });
  let deployed;
  try {
    deployed = await ctx.connection.ignition.deploy(TradeChainModule, {
      parameters: args.parameters,
      deploymentId: args.deploymentId === "" ? undefined : args.deploymentId,
      displayUi: false,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(
      `Ignition could not deploy to ${ctx.connection.networkName}: ${message.split("\n")[0]}` +
        (args.reset ? "" : " (after restarting a node, pass --reset)"),
    );
  }
  const addresses = await addressesOfDeployment(deployed);
  ctx.print(`TradeChain on ${ctx.connection.networkName} (chain ${ctx.chainId})`);
  ctx.print(addressTable(addresses));
  ctx.print(
    simulated
      ? "  In-process network: the chain ends with this command; use --network localhost to keep it."
      : `  Recorded in ${ctx.deploymentFolder}`,
  );
  return addresses;
}

export default async function action(args: DeployArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:deploy", async () => {
    await deploy(await openContext(hre, args), args);
  });
}
