/**
 * `tradechain:deploy` — deploys and wires the suite with the Ignition module, cross-currency
 * escrow included (`ignition/modules/Fx.ts`), and the mock USD → CNY reference feed
 * (`FxLocalFeed.ts`) when a local parameter file fills in its group (refused on other chains).
 */
import { rm } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { CliError, openContext, runTask, type TaskContext } from "./context.js";
import {
  addressesOfDeployment,
  addressTable,
  assertCodeAt,
  assertFilledIn,
  assertLocalOnlyModules,
  assertNoPublicAccounts,
  DeploymentRefused,
  deploySuiteModule,
  readParameterFile,
  recordedAddresses,
} from "@tradechain/devkit/deploy";
import { IGNITION_FUTURES, type TradeChainAddresses } from "@tradechain/sdk";

/** Arguments of `tradechain:deploy`. */
export interface DeployArgs {
  readonly parameters: string;
  readonly deploymentId?: string;
  readonly reset: boolean;
}

/**
 * Deploys the suite (or resumes the recorded deployment) and prints its addresses. Refuses, with
 * one line and before sending anything, public development accounts on a chain that is not
 * local, an unfilled template, and a record whose contracts are not on the chain; after
 * deploying, checks that every recorded contract has code before reporting success.
 */
export async function deploy(ctx: TaskContext, args: DeployArgs): Promise<TradeChainAddresses> {
  const simulated = ctx.connection.networkConfig.type === "edr-simulated";
  const [deployer] = await ctx.connection.ethers.getSigners();
  if (deployer === undefined) {
    throw new CliError(`network ${ctx.connection.networkName} has no account to deploy from`);
  }
  const where = { chainId: ctx.chainId, folder: ctx.deploymentFolder };
  let parameters: unknown;
  await refusalsAsCliErrors(async () => {
    parameters = await readParameterFile(args.parameters);
    assertFilledIn(parameters, args.parameters);
    const target = {
      chainId: ctx.chainId,
      simulated,
      parameters,
      parametersFile: args.parameters,
    };
    assertNoPublicAccounts({ ...target, deployer: deployer.address });
    assertLocalOnlyModules(target);
    if (args.reset && !simulated) await rm(ctx.deploymentFolder, { recursive: true, force: true });
    const recorded = simulated ? undefined : await recordedAddresses(ctx.deploymentFolder);
    if (recorded !== undefined) await assertCodeAt(ctx.connection.ethers.provider, recorded, where);
  });

  let deployed;
  try {
    deployed = await deploySuiteModule(
      ctx.connection,
      args.parameters,
      parameters,
      args.deploymentId === "" ? undefined : args.deploymentId,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(
      `Ignition could not deploy to ${ctx.connection.networkName}: ${message.split("\n")[0]}` +
        (args.reset ? "" : " (after restarting a node, pass --reset)"),
    );
  }
  const addresses = await addressesOfDeployment(deployed);
  const recorded = simulated ? undefined : await recordedAddresses(ctx.deploymentFolder);
  await refusalsAsCliErrors(() =>
    assertCodeAt(ctx.connection.ethers.provider, recorded ?? futureAddresses(addresses), where),
  );
  ctx.print(`TradeChain on ${ctx.connection.networkName} (chain ${ctx.chainId})`);
  ctx.print(addressTable(addresses));
  ctx.print(
    simulated
      ? "  In-process network: the chain ends with this command; use --network localhost to keep it."
      : `  Recorded in ${ctx.deploymentFolder}`,
  );
  return addresses;
}

/** The suite's addresses keyed by Ignition future id, as `deployed_addresses.json` has them. */
function futureAddresses(addresses: TradeChainAddresses): Record<string, string> {
  return {
    [IGNITION_FUTURES.escrow]: addresses.escrow,
    [IGNITION_FUTURES.registry]: addresses.registry,
    ...(addresses.fxEscrow === undefined
      ? {}
      : { [IGNITION_FUTURES.fxEscrow]: addresses.fxEscrow }),
    ...Object.fromEntries(
      Object.entries(addresses.tokens).map(([currency, a]) => [
        `Token${currency}#SettlementToken`,
        a,
      ]),
    ),
  };
}

/** Runs `work`, turning a refused deployment into the task's one-line error. */
async function refusalsAsCliErrors(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof DeploymentRefused) throw new CliError(err.message);
    throw err;
  }
}

export default async function action(args: DeployArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:deploy", async () => {
    // in process without --network: a dry run, the chain ends with the command (it says so)
    await deploy(await openContext(hre, args, { needsNode: false }), args);
  });
}
