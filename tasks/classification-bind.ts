/**
 * `tradechain:classification:bind --country PK --product p --hs 8806.22.00` — a country's customs
 * binds a product's classification there: the bound HS code decides its clearance in that country
 * whatever code the owner declares (`--hs 0` lifts the binding). Accepting a re-classification
 * the registry held for the country is binding the declared code.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseCountry,
  parseProduct,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { type Classification, formatJurisdiction, hsCodeNumber } from "@tradechain/sdk";

/** Arguments of `tradechain:classification:bind`. */
export interface ClassificationBindArgs extends DeploymentArgs {
  readonly country?: string;
  readonly product?: string;
  readonly hs?: string;
  readonly from?: string;
}

/** An 8-digit HS code ("8806.22.00", dots optional) or 0; `what` names the option. */
export function parseHsCode(text: string | undefined, what = "--hs"): number {
  if (text === undefined || text.trim() === "") {
    throw new CliError(`${what} is required: an 8-digit HS code (8806.22.00), or 0 to lift`);
  }
  if (text.trim() === "0") return 0;
  try {
    return hsCodeNumber(text.trim());
  } catch (err) {
    throw new CliError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Binds (or lifts) a product's classification, sent by a customs authority of the country. */
export async function bindClassification(
  ctx: TaskContext,
  args: ClassificationBindArgs,
): Promise<Classification> {
  const jurisdiction = parseCountry(args.country);
  const productId = parseProduct(args.product);
  const hsCode = parseHsCode(args.hs);
  const reader = await deploymentClient(ctx);
  const country = formatJurisdiction(jurisdiction);
  const signer = await pickSigner(ctx, args.from, `a customs authority of ${country}`, (a) =>
    reader.isCustomsAuthority(jurisdiction, a),
  );
  const client = reader.connect(signer);
  const receipt = await client.bindClassification(jurisdiction, productId, hsCode);
  const classification = await client.classificationOf(jurisdiction, productId);
  ctx.print(
    `${productId} is classified HS ${classification.hsCodeText} in ${country} ` +
      (classification.bound ? "(bound by its customs)" : "(the owner's declared code)"),
  );
  ctx.print(txLine(receipt));
  return classification;
}

export default async function action(args: ClassificationBindArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:classification:bind", async () => {
    await bindClassification(await openContext(hre, args), args);
  });
}
