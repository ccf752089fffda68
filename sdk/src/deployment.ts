/**
 * Reading a deployment's addresses from what Hardhat Ignition writes:
 * `ignition/deployments/<id>/deployed_addresses.json` (future id → address) and `journal.jsonl`
 * (from which the escrow's deployment block is taken, so event scans need not start at block 0).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { getAddress } from "ethers";

import type { TradeChainAddresses } from "./types.js";

/** Ignition future ids of the suite's contracts (see `ignition/modules/`). */
export const IGNITION_FUTURES = {
  escrow: "Escrow#TradeEscrow",
  registry: "Registry#TradeRegistry",
  /** `Token<CUR>#SettlementToken`, one per currency. */
  token: /^Token([A-Z]{3})#SettlementToken$/,
} as const;

/** A deployment read from an Ignition folder. */
export interface IgnitionDeployment {
  readonly addresses: TradeChainAddresses;
  /** Block of the escrow's deployment when the journal records it. */
  readonly deploymentBlock: number | undefined;
}

/** The default Ignition deployment folder of a chain: `ignition/deployments/chain-<id>`. */
export function ignitionDeploymentFolder(chainId: bigint | number, root = "ignition/deployments") {
  return join(root, `chain-${chainId.toString()}`);
}

/** Picks the suite's addresses out of Ignition's `deployed_addresses.json` content. */
export function addressesFromIgnition(
  deployed: Readonly<Record<string, string>>,
): TradeChainAddresses {
  const escrow = deployed[IGNITION_FUTURES.escrow];
  const registry = deployed[IGNITION_FUTURES.registry];
  if (escrow === undefined || registry === undefined) {
    throw new Error(
      `Not a TradeChain deployment: ${IGNITION_FUTURES.escrow} or ${IGNITION_FUTURES.registry} missing`,
    );
  }
  const tokens: Record<string, string> = {};
  for (const [futureId, address] of Object.entries(deployed)) {
    const currency = IGNITION_FUTURES.token.exec(futureId)?.[1];
    if (currency !== undefined) tokens[currency] = getAddress(address);
  }
  return { escrow: getAddress(escrow), registry: getAddress(registry), tokens };
}

/** Reads a deployment folder written by `hardhat ignition deploy`. */
export async function readIgnitionDeployment(folder: string): Promise<IgnitionDeployment> {
  const file = join(folder, "deployed_addresses.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new Error(`No Ignition deployment at ${folder} (cannot read ${file})`, { cause: err });
  }
  const addresses = addressesFromIgnition(JSON.parse(text) as Record<string, string>);
  return { addresses, deploymentBlock: await escrowDeploymentBlock(folder) };
}

async function escrowDeploymentBlock(folder: string): Promise<number | undefined> {
  let journal: string;
  try {
    journal = await readFile(join(folder, "journal.jsonl"), "utf8");
  } catch {
    return undefined;
  }
  for (const line of journal.split("\n")) {
    if (!line.includes(`"${IGNITION_FUTURES.escrow}"`) || !line.includes('"receipt"')) continue;
    const entry = JSON.parse(line) as { futureId?: string; receipt?: { blockNumber?: number } };
    if (
      entry.futureId === IGNITION_FUTURES.escrow &&
      typeof entry.receipt?.blockNumber === "number"
    ) {
      return entry.receipt.blockNumber;
    }
  }
  return undefined;
}
