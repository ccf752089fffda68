/**
 * Deploying the suite with the Ignition modules (`ignition/modules/Fx.ts` over `TradeChain.ts`, the
 * contracts' own deployment) and the local parameter file, on whatever network the script, task or test was
 * started with.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";

// The plugins that give a network connection its `ethers` and `ignition` (types only).
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@nomicfoundation/hardhat-ignition-ethers";
import type { TradeChainAddresses } from "@tradechain/sdk";
import type { NetworkConnection } from "hardhat/types/network";

import FxModule from "../../../ignition/modules/Fx.js";
import { DEFAULT_CURRENCIES } from "../../../ignition/modules/TradeChain.js";
import { IGNITION_DEPLOYMENTS, LOCAL_PARAMETERS } from "../paths.js";
import { renderTable } from "../table.js";
import { assertNoPublicAccounts, readParameterFile } from "./safety.js";

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

/** A deployed suite. */
export interface Deployed {
  readonly addresses: TradeChainAddresses;
  /** First block to scan for the suite's events. */
  readonly fromBlock: number;
  /** The Ignition deployment id, when Ignition recorded the deployment in a folder. */
  readonly deploymentId: string | undefined;
}

/**
 * Deploys a fresh suite with `ignition/modules/Fx.ts` (the suite of `TradeChain.ts` and the
 * cross-currency escrow over it). On the in-process network Ignition
 * keeps no record; on a node the deployment is recorded under `deploymentId`, whose folder is
 * removed first so every run deploys new contracts instead of resuming an old deployment. Refuses
 * (`DeploymentRefused`) a chain that is not local, since the parameters name public accounts.
 */
export async function deployFreshSuite(
  connection: NetworkConnection,
  deploymentId: string,
): Promise<Deployed> {
  const simulated = connection.networkConfig.type === "edr-simulated";
  // local.json hands every role to a public development account: only ever on a local chain
  const [deployer] = await connection.ethers.getSigners();
  assertNoPublicAccounts({
    chainId: (await connection.ethers.provider.getNetwork()).chainId,
    simulated,
    deployer: deployer?.address ?? "",
    parameters: await readParameterFile(LOCAL_PARAMETERS),
    parametersFile: LOCAL_PARAMETERS,
  });
  if (!simulated)
    await rm(join(IGNITION_DEPLOYMENTS, deploymentId), { recursive: true, force: true });
  const fromBlock = await connection.ethers.provider.getBlockNumber();
  const deployed = await connection.ignition.deploy(FxModule, {
    parameters: LOCAL_PARAMETERS,
    deploymentId: simulated ? undefined : deploymentId,
    displayUi: false,
  });
  return {
    addresses: await addressesOfDeployment(deployed),
    fromBlock,
    deploymentId: simulated ? undefined : deploymentId,
  };
}
