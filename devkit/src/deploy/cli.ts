/**
 * Deploying to a running node the way an operator does: the CLI's `tradechain:deploy` (Ignition
 * over JSON-RPC), its record read back from `ignition/deployments/<id>`.
 */
import { join } from "node:path";

import type { TradeChainAddresses } from "@tradechain/sdk";
import { readIgnitionDeployment } from "@tradechain/sdk/node";

import { HARDHAT_CLI, runChecked } from "../nodes.js";
import { IGNITION_DEPLOYMENTS } from "../paths.js";

/** A deployment recorded by Ignition. */
export interface SuiteDeployment {
  readonly id: string;
  readonly folder: string;
  readonly addresses: TradeChainAddresses;
  /** First block to scan for the suite's events (the escrow's deployment block). */
  readonly startBlock: number;
}

/** Deploys the suite on the node at `nodeUrl` with the CLI (`tradechain:deploy`, i.e. Ignition). */
export async function deploySuite(nodeUrl: string, deploymentId: string): Promise<SuiteDeployment> {
  await runChecked(
    process.execPath,
    [HARDHAT_CLI, "tradechain:deploy", "--network", "localhost", "--deployment-id", deploymentId],
    { ...process.env, LOCALHOST_RPC_URL: nodeUrl },
    "tradechain:deploy",
  );
  return readDeployment(deploymentId);
}

/** Reads an Ignition deployment of this repository by id. */
export async function readDeployment(deploymentId: string): Promise<SuiteDeployment> {
  const folder = join(IGNITION_DEPLOYMENTS, deploymentId);
  const { addresses, deploymentBlock } = await readIgnitionDeployment(folder);
  return { id: deploymentId, folder, addresses, startBlock: deploymentBlock ?? 0 };
}
