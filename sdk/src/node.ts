/**
 * `@tradechain/sdk/node`: what only Node can do, kept out of the main entry point so that the SDK
 * bundles for a browser. Connecting to a deployment Hardhat Ignition recorded on disk, found by
 * its chain id or by its folder, without copying future ids such as `Escrow#TradeEscrow`.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";

import type { Provider, Signer } from "ethers";

import { TradeChainClient } from "./client.js";
import {
  type IgnitionDeployment,
  IGNITION_FUTURES,
  ignitionDeploymentId,
  loadIgnitionDeployment,
} from "./deployment.js";
import { clientError } from "./failure.js";
import type { TradeChainClientOptions } from "./shared.js";

/** Where Ignition keeps deployments, relative to the working directory. */
export const IGNITION_DEPLOYMENTS = join("ignition", "deployments");

/**
 * Which Ignition deployment to connect to: a `folder`, or a chain's (`root/chain-<chainId>`,
 * where `chainId` defaults to the runner's chain and `root` to `ignition/deployments`), or
 * another deployment id under `root` (`deploymentId`, e.g. `demo-chain-31337`).
 */
export type IgnitionSource =
  | { readonly folder: string }
  | {
      readonly chainId?: bigint | number;
      readonly deploymentId?: string;
      readonly root?: string;
    };

/** The folder Ignition writes a chain's deployment to: `root/chain-<chainId>`. */
export function ignitionDeploymentFolder(
  chainId: bigint | number,
  root: string = IGNITION_DEPLOYMENTS,
): string {
  return join(root, ignitionDeploymentId(chainId));
}

/** Reads a deployment folder written by `hardhat ignition deploy` (or `tradechain:deploy`). */
export function readIgnitionDeployment(folder: string): Promise<IgnitionDeployment> {
  return loadIgnitionDeployment(folder, (file) => readFile(file, "utf8"));
}

/**
 * A client of the Ignition deployment `source` names, acting as `runner`; event scans start at
 * the escrow's deployment block. Before returning it checks what a wrong folder or network would
 * break later: the journal's chain is the runner's, and the escrow and registry have code there.
 * @throws TradeChainError `DEPLOYMENT`: `NoDeployment` (no folder), `NotATradeChainDeployment`,
 * `WrongChain` (recorded on another chain) or `NoContract` (a restarted node, another chain).
 */
export async function fromIgnition(
  runner: Signer | Provider,
  source: IgnitionSource = {},
  options: TradeChainClientOptions = {},
): Promise<TradeChainClient> {
  const provider = (runner as Signer).provider ?? (runner as Provider);
  if (provider === null || typeof provider.getNetwork !== "function") {
    throw clientError(
      "INVALID_ARGUMENT",
      "NoProvider",
      "fromIgnition needs a provider, or a signer connected to one (wallet.connect(provider))",
    );
  }
  const chainId = (await provider.getNetwork()).chainId;
  const folder = folderOf(source, chainId);
  const deployment = await readIgnitionDeployment(folder);
  if (deployment.chainId !== undefined && BigInt(deployment.chainId) !== chainId) {
    throw clientError(
      "DEPLOYMENT",
      "WrongChain",
      `${folder} was deployed on chain ${deployment.chainId}, but the runner is on chain ${chainId}`,
      { folder, recorded: deployment.chainId, chainId },
    );
  }
  const { escrow, registry } = deployment.addresses;
  const codes = await Promise.all([provider.getCode(escrow), provider.getCode(registry)]);
  const missing = [
    [IGNITION_FUTURES.escrow, escrow],
    [IGNITION_FUTURES.registry, registry],
  ].filter((_, i) => codes[i] === "0x");
  if (missing.length > 0) {
    throw clientError(
      "DEPLOYMENT",
      "NoContract",
      `No contract at ${missing.map(([id, a]) => `${a} (${id})`).join(" and ")} on chain ` +
        `${chainId}: the node restarted since ${folder} was recorded, or it is another chain's`,
      { folder, chainId },
    );
  }
  return TradeChainClient.fromDeployment(runner, deployment, options);
}

/** The folder `source` names, on the runner's chain `chainId`. */
function folderOf(source: IgnitionSource, chainId: bigint): string {
  if ("folder" in source) return resolve(source.folder);
  if (source.chainId !== undefined && BigInt(source.chainId) !== chainId) {
    throw clientError(
      "DEPLOYMENT",
      "WrongChain",
      `The deployment of chain ${source.chainId} was asked for, but the runner is on chain ${chainId}`,
      { recorded: BigInt(source.chainId), chainId },
    );
  }
  const root = resolve(source.root ?? IGNITION_DEPLOYMENTS);
  return join(root, source.deploymentId ?? ignitionDeploymentId(chainId));
}
