/** `tradechain:customs:appoint` and `tradechain:customs:revoke` — the registry admin's customs. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  parseCountry,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { formatJurisdiction } from "@tradechain/sdk";

/** Arguments of `tradechain:customs:appoint` and `tradechain:customs:revoke`. */
export interface CustomsArgs extends DeploymentArgs {
  readonly country?: string;
  readonly account?: string;
  readonly from?: string;
}

/** What the registry records after a change: is the account customs, and how many there are. */
export interface CustomsView {
  readonly jurisdiction: number;
  readonly account: string;
  readonly enabled: boolean;
  readonly authorityCount: bigint;
}

/**
 * Appoints (`enabled`) or revokes `--account` as a customs authority of `--country`, sent by the
 * registry's admin. A jurisdiction with at least one authority holds shipments of products that
 * are not on its positive list until its customs clears them.
 */
export async function setCustoms(
  ctx: TaskContext,
  args: CustomsArgs,
  enabled: boolean,
): Promise<CustomsView> {
  const jurisdiction = parseCountry(args.country);
  const account = parseAddress(args.account, "--account");
  const reader = await deploymentClient(ctx);
  const adminRole = await reader.registry.DEFAULT_ADMIN_ROLE();
  const signer = await pickSigner(ctx, args.from, "the registry's admin", (a) =>
    reader.registry.hasRole(adminRole, a),
  );
  const client = reader.connect(signer);
  const receipt = await client.setCustomsAuthority(jurisdiction, account, enabled);
  const authorityCount = await client.registry.customsAuthorityCount(jurisdiction);
  const country = formatJurisdiction(jurisdiction);
  ctx.print(
    `${enabled ? "Appointed" : "Revoked"} ${account} as customs authority of ${country}; ` +
      `${country} now has ${authorityCount}`,
  );
  ctx.print(txLine(receipt));
  return { jurisdiction, account, enabled, authorityCount };
}

export async function appointAction(args: CustomsArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:customs:appoint", async () => {
    await setCustoms(await openContext(hre, args), args, true);
  });
}

export async function revokeAction(args: CustomsArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:customs:revoke", async () => {
    await setCustoms(await openContext(hre, args), args, false);
  });
}
