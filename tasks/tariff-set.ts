/**
 * `tradechain:tariff:set` — a jurisdiction's customs lists an HS prefix (chapter, heading,
 * subheading or national line) for every registered product whose code starts with it, and
 * `tradechain:clearance:show` — how one product clears at a destination, and which entry decided.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseCountry,
  parseExpiry,
  parseListingStatus,
  parseProduct,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import {
  type ClearanceDecision,
  formatJurisdiction,
  formatTimestamp,
  parseTariffCode,
  type TariffCode,
  type TariffListingView,
} from "@tradechain/sdk";

/** Names of the tariff levels, by digits. */
export const LEVEL_NAMES: Readonly<Record<number, string>> = {
  2: "chapter",
  4: "heading",
  6: "subheading",
  8: "national line",
};

/** Arguments of `tradechain:tariff:set`. */
export interface TariffSetArgs extends DeploymentArgs {
  readonly country?: string;
  readonly code?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly expires?: string;
  readonly from?: string;
}

/** Arguments of `tradechain:clearance:show`. */
export interface ClearanceShowArgs extends DeploymentArgs {
  readonly country?: string;
  readonly product?: string;
}

/** An HS prefix for `--code`: "88", "8806", "8806.22" or "8806.22.00". */
export function parseTariffCodeArg(text: string | undefined, what = "--code"): TariffCode {
  if (text === undefined || text.trim() === "") {
    throw new CliError(`${what} is required: an HS prefix of 2, 4, 6 or 8 digits, e.g. 8806`);
  }
  try {
    return parseTariffCode(text);
  } catch (err) {
    throw new CliError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Sets an HS prefix's entry in a jurisdiction, sent by that jurisdiction's customs authority. */
export async function setTariff(ctx: TaskContext, args: TariffSetArgs): Promise<TariffListingView> {
  const jurisdiction = parseCountry(args.country);
  const code = parseTariffCodeArg(args.code);
  const status = parseListingStatus(args.status);
  const expiresAt = parseExpiry(args.expires);
  const reader = await deploymentClient(ctx);
  const country = formatJurisdiction(jurisdiction);
  const signer = await pickSigner(ctx, args.from, `a customs authority of ${country}`, (a) =>
    reader.isCustomsAuthority(jurisdiction, a),
  );
  const client = reader.connect(signer);
  const text = args.code?.trim() ?? "";
  const receipt = await client.setTariffListing(jurisdiction, text, status, {
    expiresAt,
    reason: args.reason,
  });
  const listing = await client.tariffListingOf(jurisdiction, text);
  ctx.print(
    `HS ${listing.tariffCode} (${LEVEL_NAMES[code.digits]}) is ${listing.status} in ` +
      `${country} (version ${listing.version}` +
      `${expiresAt === 0n ? "" : `, expires ${formatTimestamp(expiresAt)}`})`,
  );
  ctx.print(txLine(receipt));
  return listing;
}

/** Prints a product's clearance at a destination and the entry that decided it. */
export async function showClearance(
  ctx: TaskContext,
  args: ClearanceShowArgs,
): Promise<ClearanceDecision> {
  const jurisdiction = parseCountry(args.country);
  const productId = parseProduct(args.product);
  const client = await deploymentClient(ctx);
  const [decision, product] = await Promise.all([
    client.clearanceDecisionOf(jurisdiction, productId),
    client.productOf(productId),
  ]);
  const hs = product.registered ? `HS ${product.hsCodeText}` : "not registered: no HS code";
  const by =
    decision.source === "Product"
      ? "decided by the product's own entry"
      : decision.source === "Tariff"
        ? `decided by HS ${decision.tariffCode} (${LEVEL_NAMES[decision.digits]})`
        : "no live entry applies";
  // two lines: the 32-byte id and the decision together would pass 120 columns
  ctx.print(`${productId} (${hs})`);
  ctx.print(`  is ${decision.status} in ${formatJurisdiction(jurisdiction)}: ${by}`);
  return decision;
}

export default async function action(args: TariffSetArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:tariff:set", async () => {
    await setTariff(await openContext(hre, args), args);
  });
}

/** Action of `tradechain:clearance:show`. */
export async function clearanceAction(args: ClearanceShowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:clearance:show", async () => {
    await showClearance(await openContext(hre, args), args);
  });
}
