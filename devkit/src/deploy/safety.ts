/**
 * Checks that keep a deployment from going wrong silently, shared by `tradechain:deploy` and the
 * dev kit's own deployments:
 *
 * - on a chain that is not local, no role may go to one of the public development accounts
 *   (the accounts of the mnemonic every hardhat node and Anvil start with: anyone holds their
 *   keys), neither through the parameter file nor as the deploying account;
 * - on a chain that is not local, no parameter file may fill in a module that deploys a mock
 *   (`FxLocalFeed`);
 * - a parameter file still holding a template's `<placeholder>` is refused;
 * - a recorded deployment whose contracts have no code on the chain (a restarted node, Anvil
 *   started after a hardhat node with the same chain id) is refused instead of being reused.
 *
 * Each check throws a {@link DeploymentRefused} whose message is one line.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { getAddress, type Provider } from "ethers";

import { developmentAccountIndex } from "../accounts.js";

/** Chain ids that only development nodes use (hardhat node and Anvil: 31337; Ganache: 1337). */
export const LOCAL_CHAIN_IDS: readonly bigint[] = [31337n, 1337n];

/** A deployment the checks refuse; the message is one line that says what to do. */
export class DeploymentRefused extends Error {
  override readonly name = "DeploymentRefused";
}

/**
 * True for chains that only exist on a developer's machine: Hardhat's in-process network
 * (`simulated`) and the development chain ids {@link LOCAL_CHAIN_IDS}.
 */
export function isLocalChain(chainId: bigint, simulated: boolean): boolean {
  return simulated || LOCAL_CHAIN_IDS.includes(chainId);
}

/** Every string leaf of a parameter file, with its dotted path (`Registry.registrar`). */
function leaves(value: unknown, path: string[] = []): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path: path.join("."), value }];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    leaves(v, [...path, key]),
  );
}

/** Reads an Ignition parameter file (JSON) for the checks; a broken file gets one line. */
export async function readParameterFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new DeploymentRefused(`cannot read the parameter file ${file}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DeploymentRefused(`${file} is not valid JSON: ${reason}`);
  }
}

/** Refuses parameters that still hold a template's `<…>` placeholder. */
export function assertFilledIn(parameters: unknown, file: string): void {
  const open = leaves(parameters).find((leaf) => /^<.*>$/.test(leaf.value.trim()));
  if (open !== undefined) {
    throw new DeploymentRefused(`${file}: fill in ${open.path} (still "${open.value}")`);
  }
}

/** What {@link assertNoPublicAccounts} looks at. */
export interface DeploymentTarget {
  readonly chainId: bigint;
  /** Hardhat's in-process network. */
  readonly simulated: boolean;
  /** The account that sends the deployment and becomes every contract's admin. */
  readonly deployer: string;
  /** The parsed parameter file, and its name for messages. */
  readonly parameters: unknown;
  readonly parametersFile: string;
}

/**
 * On a chain that is not local, refuses a deployer or a parameter that is one of the public
 * development accounts: whoever reads the well-known mnemonic could act as that role.
 */
export function assertNoPublicAccounts(target: DeploymentTarget): void {
  if (isLocalChain(target.chainId, target.simulated)) return;
  const chain = `chain ${target.chainId} is not a local chain`;
  const deployerIndex = developmentAccountIndex(target.deployer);
  if (deployerIndex !== undefined) {
    throw new DeploymentRefused(
      `${chain}, but the deploying account ${getAddress(target.deployer)} is public development ` +
        `account #${deployerIndex}: set the network's key in the keystore ` +
        `(npx hardhat keystore set <NETWORK>_PRIVATE_KEY)`,
    );
  }
  for (const leaf of leaves(target.parameters)) {
    const index = developmentAccountIndex(leaf.value);
    if (index === undefined) continue;
    throw new DeploymentRefused(
      `${chain}, but ${target.parametersFile} gives ${leaf.path} to public development ` +
        `account #${index} (${getAddress(leaf.value)}): pass --parameters with your own ` +
        `addresses (template: ignition/parameters/testnet.example.json)`,
    );
  }
}

/**
 * Parameter groups of Ignition modules that deploy mocks (`ignition/modules/FxLocalFeed.ts`: a
 * reference feed whose answer anyone may set). Only local parameter files have them.
 */
export const LOCAL_ONLY_MODULES: readonly string[] = ["FxLocalFeed"];

/** The local-only module groups `parameters` fills in (`FxLocalFeed`), in file order. */
export function localOnlyModulesIn(parameters: unknown): string[] {
  if (parameters === null || typeof parameters !== "object") return [];
  return Object.keys(parameters).filter((group) => LOCAL_ONLY_MODULES.includes(group));
}

/**
 * On a chain that is not local, refuses a parameter file that fills in a local-only module's
 * group: its mock would become the reference of real orders, and anyone could move it.
 */
export function assertLocalOnlyModules(
  target: Pick<DeploymentTarget, "chainId" | "simulated" | "parameters" | "parametersFile">,
): void {
  if (isLocalChain(target.chainId, target.simulated)) return;
  const [group] = localOnlyModulesIn(target.parameters);
  if (group === undefined) return;
  throw new DeploymentRefused(
    `chain ${target.chainId} is not a local chain, but ${target.parametersFile} fills in ` +
      `${group}, a mock reference feed for local chains only: remove the group and set a real ` +
      `feed with tradechain:fx:set-feed`,
  );
}

/** Ignition's record of a deployment: future id → address, or undefined when there is none. */
export async function recordedAddresses(
  folder: string,
): Promise<Readonly<Record<string, string>> | undefined> {
  let text: string;
  try {
    text = await readFile(join(folder, "deployed_addresses.json"), "utf8");
  } catch {
    return undefined;
  }
  return JSON.parse(text) as Record<string, string>;
}

/**
 * Refuses when a contract of `addresses` (future id → address) has no code on the chain:
 * the record belongs to another chain with the same id, or to a node since restarted.
 */
export async function assertCodeAt(
  provider: Provider,
  addresses: Readonly<Record<string, string>>,
  where: {
    readonly chainId: bigint;
    readonly folder: string;
    /** What the reader should do; by default what `tradechain:deploy` offers. */
    readonly remedy?: string;
  },
): Promise<void> {
  const entries = Object.entries(addresses);
  const codes = await Promise.all(entries.map(([, address]) => provider.getCode(address)));
  const missing = entries.findIndex((_, i) => codes[i] === "0x");
  if (missing === -1) return;
  const [futureId, address] = entries[missing];
  throw new DeploymentRefused(
    `${where.folder} records ${futureId} at ${address}, but chain ${where.chainId} has no code ` +
      `there (a restarted node, or another node with the same chain id): ` +
      (where.remedy ?? "pass --reset to deploy afresh, or another --deployment-id"),
  );
}
