/**
 * A deployment's addresses from what Hardhat Ignition writes to
 * `ignitionDeploymentFolder/<id>/`: `deployed_addresses.json` (future id → address) and
 * `journal.jsonl` (the chain it was deployed on, and the escrow's deployment block, so event scans
 * need not start at block 0). Everything here reads text the caller passes, so it runs in a
 * browser too; reading the folder from disk is `@tradechain/sdk/node` (`fromIgnition`).
 */
import { parseAddress } from "./address.js";
import { clientError } from "./failure.js";
import type { TradeChainAddresses } from "./types.js";

/** Ignition future ids of the suite's contracts (see `ignition/modules/`). */
export const IGNITION_FUTURES = {
  escrow: "Escrow#TradeEscrow",
  registry: "Registry#TradeRegistry",
  /** The cross-currency escrow of `ignition/modules/Fx.ts` (optional). */
  fxEscrow: "Fx#TradeFxEscrow",
  /** `Token<CUR>#SettlementToken`, one per currency. */
  token: /^Token([A-Z]{3})#SettlementToken$/,
} as const;

/** A deployment read from an Ignition folder. */
export interface IgnitionDeployment {
  readonly addresses: TradeChainAddresses;
  /** Block of the escrow's deployment when the journal records it. */
  readonly deploymentBlock: number | undefined;
  /** The chain the journal says it was deployed on (undefined without a journal). */
  readonly chainId: number | undefined;
}

/** Ignition's default deployment id of a chain: `chain-<id>` (a folder under `deployments/`). */
export function ignitionDeploymentId(chainId: bigint | number): string {
  return `chain-${chainId.toString()}`;
}

/** Picks the suite's addresses out of Ignition's `deployed_addresses.json` content. */
export function addressesFromIgnition(
  deployed: Readonly<Record<string, string>>,
): TradeChainAddresses {
  const escrow = deployed[IGNITION_FUTURES.escrow];
  const registry = deployed[IGNITION_FUTURES.registry];
  if (escrow === undefined || registry === undefined) {
    throw clientError(
      "DEPLOYMENT",
      "NotATradeChainDeployment",
      `Not a TradeChain deployment: ${IGNITION_FUTURES.escrow} or ${IGNITION_FUTURES.registry} missing`,
    );
  }
  const tokens: Record<string, string> = {};
  for (const [futureId, address] of Object.entries(deployed)) {
    const currency = IGNITION_FUTURES.token.exec(futureId)?.[1];
    if (currency !== undefined) tokens[currency] = parseAddress(address, futureId);
  }
  const fxEscrow = deployed[IGNITION_FUTURES.fxEscrow];
  return {
    escrow: parseAddress(escrow, IGNITION_FUTURES.escrow),
    registry: parseAddress(registry, IGNITION_FUTURES.registry),
    tokens,
    ...(fxEscrow === undefined
      ? {}
      : { fxEscrow: parseAddress(fxEscrow, IGNITION_FUTURES.fxEscrow) }),
  };
}

/**
 * A deployment from the text of its `deployed_addresses.json` and, when at hand, its
 * `journal.jsonl` (for the deployment block and chain id); e.g. files a web page fetched.
 */
export function deploymentFromIgnition(
  deployedAddresses: string,
  journal?: string,
): IgnitionDeployment {
  let deployed: unknown;
  try {
    deployed = JSON.parse(deployedAddresses);
  } catch (err) {
    throw clientError(
      "DEPLOYMENT",
      "NotATradeChainDeployment",
      "deployed_addresses.json is not JSON",
      {},
      err,
    );
  }
  if (typeof deployed !== "object" || deployed === null || Array.isArray(deployed)) {
    throw clientError(
      "DEPLOYMENT",
      "NotATradeChainDeployment",
      "deployed_addresses.json is not an object of future ids and addresses",
    );
  }
  const addresses = addressesFromIgnition(deployed as Record<string, string>);
  return { addresses, ...journalFacts(journal ?? "") };
}

/** The chain id and the escrow's deployment block, as far as the journal records them. */
function journalFacts(journal: string): Pick<IgnitionDeployment, "chainId" | "deploymentBlock"> {
  let chainId: number | undefined;
  let deploymentBlock: number | undefined;
  for (const line of journal.split("\n")) {
    const initialises = line.includes('"DEPLOYMENT_INITIALIZE"');
    const escrowReceipt =
      line.includes(`"${IGNITION_FUTURES.escrow}"`) && line.includes('"receipt"');
    if (!initialises && !escrowReceipt) continue;
    let entry: { type?: string; chainId?: unknown; futureId?: string; receipt?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue; // a line cut short by an interrupted deployment
    }
    if (entry.type === "DEPLOYMENT_INITIALIZE" && typeof entry.chainId === "number") {
      chainId = entry.chainId;
    }
    const block = (entry.receipt as { blockNumber?: unknown } | undefined)?.blockNumber;
    if (
      entry.futureId === IGNITION_FUTURES.escrow &&
      typeof block === "number" &&
      deploymentBlock === undefined
    ) {
      deploymentBlock = block;
    }
  }
  return { chainId, deploymentBlock };
}

/**
 * Reads `deployed_addresses.json` and `journal.jsonl` of `folder` with `read` (Node's `readFile`
 * in `@tradechain/sdk/node`); a folder without the first is a `DEPLOYMENT` error.
 */
export async function loadIgnitionDeployment(
  folder: string,
  read: (file: string) => Promise<string>,
): Promise<IgnitionDeployment> {
  const base = folder.replace(/[/\\]+$/, "");
  const file = `${base}/deployed_addresses.json`;
  let text: string;
  try {
    text = await read(file);
  } catch (err) {
    throw clientError(
      "DEPLOYMENT",
      "NoDeployment",
      `No Ignition deployment at ${folder} (cannot read ${file})`,
      { folder },
      err,
    );
  }
  const journal = await read(`${base}/journal.jsonl`).catch(() => "");
  return deploymentFromIgnition(text, journal);
}
