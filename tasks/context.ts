/**
 * What every `tradechain:*` task shares: the network connection, the Ignition deployment of the
 * selected network, choosing the sending account, parsing operator input (countries, addresses,
 * amounts, products) into one-line errors, and printing.
 */
import { join } from "node:path";

import { isHexString, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";

import { assertCodeAt, DeploymentRefused, recordedAddresses } from "@tradechain/devkit/deploy";
import {
  describeError,
  formatGas,
  IGNITION_FUTURES,
  LISTING_STATUSES,
  type ListingStatusName,
  parseAddress as parseAddressOf,
  parseAmount,
  parseJurisdiction,
  ParticipantRole,
  productIdFromGtin,
  productIdFromHsCode,
  TradeChainClient,
} from "@tradechain/sdk";
import { ignitionDeploymentFolder, readIgnitionDeployment } from "@tradechain/sdk/node";

/** The second line of a sending task's output: `  tx 0x…, 72,810 gas`. */
export function txLine(receipt: { readonly hash: string; readonly gasUsed: bigint }): string {
  return `  tx ${receipt.hash}, ${formatGas(receipt.gasUsed)} gas`;
}

/** A mistake in the operator's input or environment, printed as one line without a stack. */
export class CliError extends Error {
  override readonly name = "CliError";
}

/** What a task action works with. */
export interface TaskContext {
  readonly connection: NetworkConnection;
  readonly chainId: bigint;
  /** The Ignition deployment folder the task reads addresses from. */
  readonly deploymentFolder: string;
  /** Prints one line of output. */
  readonly print: (line: string) => void;
}

/** Options every task that reads a deployment accepts. */
export interface DeploymentArgs {
  /** Ignition deployment id; default `chain-<chainId>`. */
  readonly deploymentId?: string;
}

/**
 * Connects to the network selected with `--network` and locates its Ignition deployment. A task
 * that works on a deployment (`needsNode`, all but `tradechain:deploy`) refuses to run on
 * Hardhat's in-process network when no `--network` was given: that chain starts empty, so the
 * operator forgot the flag.
 */
export async function openContext(
  hre: HardhatRuntimeEnvironment,
  args: DeploymentArgs,
  options: { readonly needsNode?: boolean } = {},
): Promise<TaskContext> {
  if (
    (options.needsNode ?? true) &&
    hre.globalOptions.network === undefined &&
    hre.config.networks.default?.type === "edr-simulated"
  ) {
    throw new CliError(
      "no --network: this task needs a running node; pass --network localhost or your network",
    );
  }
  const connection = await hre.network.create();
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  const root = join(hre.config.paths.ignition, "deployments");
  const deploymentFolder =
    args.deploymentId === undefined || args.deploymentId === ""
      ? ignitionDeploymentFolder(chainId, root)
      : join(root, args.deploymentId);
  return { connection, chainId, deploymentFolder, print: (line) => console.log(line) };
}

/**
 * Runs a task's work and turns failures into one line on stderr and exit code 1: operator
 * mistakes (`CliError`), reverts (decoded by the SDK) and node errors alike.
 */
export async function runTask(taskName: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const message = err instanceof CliError ? err.message : describeError(err);
    console.error(`${taskName}: ${message.split("\n")[0]}`);
    process.exitCode = 1;
  }
}

/**
 * A client of the deployment in `ctx.deploymentFolder`, acting as `runner`. A missing record and
 * a stale one (its contracts have no code on this chain: a restarted node) are one-line errors.
 */
export async function deploymentClient(
  ctx: TaskContext,
  runner?: Signer,
): Promise<TradeChainClient> {
  const recorded = await recordedAddresses(ctx.deploymentFolder).catch((err: unknown) => {
    throw new CliError(
      `cannot read the deployment record in ${ctx.deploymentFolder}: ${String(err)}`,
    );
  });
  if (recorded === undefined) {
    throw new CliError(
      `no TradeChain deployment for network ${ctx.connection.networkName} (chain ${ctx.chainId}) ` +
        `in ${ctx.deploymentFolder}: run tradechain:deploy first or pass --deployment-id`,
    );
  }
  let client: TradeChainClient;
  try {
    client = TradeChainClient.fromDeployment(
      runner ?? ctx.connection.ethers.provider,
      await readIgnitionDeployment(ctx.deploymentFolder),
    );
  } catch (err) {
    throw new CliError(
      `${ctx.deploymentFolder} is not a TradeChain deployment: ` +
        `${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`,
    );
  }
  const { escrow, registry } = client.addresses;
  try {
    await assertCodeAt(
      ctx.connection.ethers.provider,
      { [IGNITION_FUTURES.escrow]: escrow, [IGNITION_FUTURES.registry]: registry },
      {
        chainId: ctx.chainId,
        folder: ctx.deploymentFolder,
        remedy: "redeploy with tradechain:deploy --reset, or pass another --deployment-id",
      },
    );
  } catch (err) {
    throw err instanceof DeploymentRefused ? new CliError(err.message) : err;
  }
  return client;
}

/**
 * The account that sends: `from` (an address or an index of the network's accounts) or, when
 * empty, the first account for which `qualifies` holds; `what` names the needed permission.
 */
export async function pickSigner(
  ctx: TaskContext,
  from: string | undefined,
  what: string,
  qualifies: (address: string) => Promise<boolean>,
): Promise<Signer> {
  const signers = await ctx.connection.ethers.getSigners();
  if (from !== undefined && from !== "") {
    if (/^\d+$/.test(from)) {
      const signer = signers[Number(from)];
      if (signer === undefined) {
        throw new CliError(`--from ${from}: the network has ${signers.length} accounts`);
      }
      return signer;
    }
    const address = parseAddress(from, "--from");
    const signer = signers.find((s) => s.address === address);
    if (signer === undefined) {
      throw new CliError(
        `--from ${address} is not an account of network ${ctx.connection.networkName}`,
      );
    }
    return signer;
  }
  for (const signer of signers) {
    if (await qualifies(signer.address)) return signer;
  }
  throw new CliError(
    `none of the ${signers.length} accounts of network ${ctx.connection.networkName} is ${what}; ` +
      `pass --from`,
  );
}

// ------------------------------------------------------------------------------ input parsing

/**
 * An address, checksummed; `what` names the argument in the error. Letters in mixed case must be
 * the address's checksum (EIP-55): a mistyped copy says "bad checksum".
 */
export function parseAddress(text: string | undefined, what: string): string {
  if (text === undefined || text === "") throw new CliError(`${what} is required: an address`);
  try {
    return parseAddressOf(text, what);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}

/** An order id (0x and 64 hex digits); `what` names the option in the error. */
export function parseOrderId(text: string | undefined, what = "--order"): string {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") throw new CliError(`${what} is required: an order id (0x and 64 hex digits)`);
  if (!isHexString(trimmed, 32)) {
    throw new CliError(`${what}: "${trimmed}" is not an order id (0x and 64 hex digits)`);
  }
  return trimmed.toLowerCase();
}

/** A jurisdiction from an alpha-2 code (`PK`) or an ISO-3166-1 numeric code (`586`). */
export function parseCountry(text: string | undefined, what = "--country"): number {
  if (text === undefined || text.trim() === "") {
    throw new CliError(
      `${what} is required: an alpha-2 code (PK) or ISO-3166-1 numeric code (586)`,
    );
  }
  try {
    return parseJurisdiction(text);
  } catch (err) {
    throw new CliError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A positive token amount in whole units with up to `decimals` decimals (`1,250.50`). */
export function parseTokenAmount(
  text: string | undefined,
  decimals: number,
  what = "--amount",
): bigint {
  if (text === undefined || text === "") throw new CliError(`${what} is required, e.g. 1,250.50`);
  let units: bigint;
  try {
    units = parseAmount(text, decimals);
  } catch (err) {
    throw new CliError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (units <= 0n) throw new CliError(`${what}: must be more than zero, got "${text}"`);
  return units;
}

/**
 * A product id: a 32-byte hex id, `gtin:<GTIN>` or `hs:<HS code>:<SKU>`, computed with the SDK's
 * helpers as every platform does.
 */
export function parseProduct(text: string | undefined, what = "--product"): string {
  if (text === undefined || text.trim() === "") {
    throw new CliError(`${what} is required: a 0x… 32-byte id, gtin:<GTIN> or hs:<HS code>:<SKU>`);
  }
  const trimmed = text.trim();
  try {
    if (isHexString(trimmed, 32)) return trimmed.toLowerCase();
    const gtin = /^gtin:(.+)$/i.exec(trimmed);
    if (gtin !== null) return productIdFromGtin(gtin[1]);
    const hs = /^hs:([^:]+):(.+)$/i.exec(trimmed);
    if (hs !== null) return productIdFromHsCode(hs[1], hs[2]);
  } catch (err) {
    throw new CliError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
  throw new CliError(
    `${what}: "${text}" is not a product; use a 0x… 32-byte id, gtin:<GTIN> or hs:<HS code>:<SKU>`,
  );
}

/** Role names separated by commas (`Seller,Buyer`), case-insensitive. */
export function parseRoles(
  text: string | undefined,
  what = "--roles",
): (keyof typeof ParticipantRole)[] {
  const known = Object.keys(ParticipantRole) as (keyof typeof ParticipantRole)[];
  const roles = (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const role = known.find((name) => name.toLowerCase() === part.toLowerCase());
      if (role === undefined) {
        throw new CliError(`${what}: unknown role "${part}"; roles are ${known.join(", ")}`);
      }
      return role;
    });
  if (roles.length === 0) throw new CliError(`${what}: give at least one of ${known.join(", ")}`);
  return roles;
}

/** A listing status name, case-insensitive. */
export function parseListingStatus(text: string | undefined, what = "--status"): ListingStatusName {
  const wanted = (text ?? "").trim().toLowerCase();
  const status = LISTING_STATUSES.find((s) => s.toLowerCase() === wanted);
  if (status === undefined) {
    throw new CliError(`${what}: "${text ?? ""}" is not one of ${LISTING_STATUSES.join(", ")}`);
  }
  return status;
}

/** An expiry: empty for never, a date (`2027-06-30`, UTC midnight) or unix seconds. */
export function parseExpiry(text: string | undefined, what = "--expires"): bigint {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return 0n;
  if (/^\d+$/.test(trimmed)) return BigInt(trimmed);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (Number.isNaN(ms)) {
    throw new CliError(`${what}: "${trimmed}" is not a date (YYYY-MM-DD) or unix seconds`);
  }
  return BigInt(Math.floor(ms / 1000));
}
