/** `tradechain:listing:set` — a jurisdiction's customs puts a product on a list (or takes it off). */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
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
import { formatJurisdiction, formatTimestamp, type ListingView } from "@tradechain/sdk";

/** Arguments of `tradechain:listing:set`. */
export interface ListingSetArgs extends DeploymentArgs {
  readonly country?: string;
  readonly product?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly expires?: string;
  readonly from?: string;
}

/** Sets a product's listing in a jurisdiction, sent by that jurisdiction's customs authority. */
export async function setListing(ctx: TaskContext, args: ListingSetArgs): Promise<ListingView> {
  const jurisdiction = parseCountry(args.country);
  const productId = parseProduct(args.product);
  const status = parseListingStatus(args.status);
  const expiresAt = parseExpiry(args.expires);
  const reader = await deploymentClient(ctx);
  const signer = await pickSigner(
    ctx,
    args.from,
    `a customs authority of ${formatJurisdiction(jurisdiction)}`,
    (a) => reader.isCustomsAuthority(jurisdiction, a),
  );
  const client = reader.connect(signer);
  const receipt = await client.setListing(jurisdiction, productId, status, {
    expiresAt,
    reason: args.reason,
  });
  const listing = await client.listingOf(jurisdiction, productId);
  ctx.print(
    `${productId} is ${listing.status} in ${formatJurisdiction(jurisdiction)} ` +
      `(version ${listing.version})`,
  );
  ctx.print(`  expires ${expiresAt === 0n ? "never" : formatTimestamp(expiresAt)}`);
  ctx.print(txLine(receipt));
  return listing;
}

export default async function action(args: ListingSetArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:listing:set", async () => {
    await setListing(await openContext(hre, args), args);
  });
}
