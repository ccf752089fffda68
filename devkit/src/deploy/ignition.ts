/**
 * Deploying the suite with the Ignition modules (`ignition/modules/Fx.ts` over `TradeChain.ts`, the
 * contracts' own deployment; `FxLocalFeed.ts` on top when a local parameter file asks for the mock
 * feed) and the local parameter file, on whatever network the script, task or test was started
 * with.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";

// The plugins that give a network connection its `ethers` and `ignition` (types only).
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@nomicfoundation/hardhat-ignition-ethers";
import type { TradeChainAddresses } from "@tradechain/sdk";
import type { NetworkConnection } from "hardhat/types/network";

import FxModule from "../../../ignition/modules/Fx.js";
import FxLocalFeedModule, {
  FX_LOCAL_FEED_MODULE_ID,
} from "../../../ignition/modules/FxLocalFeed.js";
import { DEFAULT_CURRENCIES } from "../../../ignition/modules/TradeChain.js";
import { IGNITION_DEPLOYMENTS, LOCAL_PARAMETERS } from "../paths.js";
import { renderTable } from "../table.js";
import {
  assertLocalOnlyModules,
  assertNoPublicAccounts,
  localOnlyModulesIn,
  readParameterFile,
} from "./safety.js";

/** A deployed contract, as Ignition returns it. */
interface HasAddress {
  getAddress(): Promise<string>;
}

/**
 * The contracts Ignition returns for the default TradeChain module (tokens by lower-case code),
 * and the cross-currency escrow when the deployment used `ignition/modules/Fx.ts`.
 */
export type DeployedContracts = Readonly<
  Record<"escrow" | "registry" | Lowercase<(typeof DEFAULT_CURRENCIES)[number]>, HasAddress> & {
    fxEscrow?: HasAddress;
  }
>;

/** The addresses of a deployment of the default TradeChain module (tokens of every currency). */
export async function addressesOfDeployment(
  deployed: DeployedContracts,
): Promise<TradeChainAddresses> {
  const tokens: Record<string, string> = {};
  for (const currency of DEFAULT_CURRENCIES) {
    tokens[currency] =
      await deployed[currency.toLowerCase() as Lowercase<typeof currency>].getAddress();
  }
  return {
    escrow: await deployed.escrow.getAddress(),
    registry: await deployed.registry.getAddress(),
    tokens,
    ...(deployed.fxEscrow === undefined ? {} : { fxEscrow: await deployed.fxEscrow.getAddress() }),
  };
}

/** The deployment's contracts and their addresses as a table for people. */
export function addressTable(addresses: TradeChainAddresses): string {
  return renderTable(
    ["Contract", "Address"],
    [
      ["TradeEscrow", addresses.escrow],
      ["TradeRegistry", addresses.registry],
      ...(addresses.fxEscrow === undefined ? [] : [["TradeFxEscrow", addresses.fxEscrow]]),
      ...Object.entries(addresses.tokens).map(([c, a]) => [`SettlementToken ${c}`, a]),
    ],
  );
}

/**
 * Deploys the suite's module for a parameter file: `ignition/modules/FxLocalFeed.ts` (`Fx.ts` and
 * the mock USD → CNY reference feed set on the desk) when the file fills in the `FxLocalFeed`
 * group, `Fx.ts` otherwise. The caller has refused the group on a chain that is not local
 * (`assertLocalOnlyModules`).
 */
export async function deploySuiteModule(
  connection: NetworkConnection,
  parametersFile: string,
  parameters: unknown,
  deploymentId: string | undefined,
): Promise<DeployedContracts> {
  const options = { parameters: parametersFile, deploymentId, displayUi: false };
  return localOnlyModulesIn(parameters).includes(FX_LOCAL_FEED_MODULE_ID)
    ? connection.ignition.deploy(FxLocalFeedModule, options)
    : connection.ignition.deploy(FxModule, options);
}

/** A deployed suite. */
export interface Deployed {
  readonly addresses: TradeChainAddresses;
  /** First block to scan for the suite's events. */
  readonly fromBlock: number;
  /** The Ignition deployment id, when Ignition recorded the deployment in a folder. */
  readonly deploymentId: string | undefined;
}

/**
 * Deploys a fresh suite with `ignition/modules/FxLocalFeed.ts` and `local.json`: the suite of
 * `TradeChain.ts`, the cross-currency escrow over it (`Fx.ts`) and the mock USD → CNY reference
 * feed on its desk. On the in-process network Ignition
 * keeps no record; on a node the deployment is recorded under `deploymentId`, whose folder is
 * removed first so every run deploys new contracts instead of resuming an old deployment. Refuses
 * (`DeploymentRefused`) a chain that is not local, since the parameters name public accounts and
 * deploy a mock feed.
 */
export async function deployFreshSuite(
  connection: NetworkConnection,
  deploymentId: string,
): Promise<Deployed> {
  const simulated = connection.networkConfig.type === "edr-simulated";
  // local.json hands every role to a public development account: only ever on a local chain
  const [deployer] = await connection.ethers.getSigners();
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  const parameters = await readParameterFile(LOCAL_PARAMETERS);
  const target = { chainId, simulated, parameters, parametersFile: LOCAL_PARAMETERS };
  assertNoPublicAccounts({ ...target, deployer: deployer?.address ?? "" });
  assertLocalOnlyModules(target);
  if (!simulated)
    await rm(join(IGNITION_DEPLOYMENTS, deploymentId), { recursive: true, force: true });
  const fromBlock = await connection.ethers.provider.getBlockNumber();
  const id = simulated ? undefined : deploymentId;
  const deployed = await deploySuiteModule(connection, LOCAL_PARAMETERS, parameters, id);
  return {
    addresses: await addressesOfDeployment(deployed),
    fromBlock,
    deploymentId: id,
  };
}
