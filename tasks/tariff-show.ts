/**
 * `tradechain:tariff:show --country PK [--status all|positive|negative] [--code 8806]` — a
 * jurisdiction's tariff-code listings: every HS chapter, heading, subheading and national line on
 * its positive or negative list, with expiry and version; or one prefix's entry with who changed
 * it and when. Read only.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseCountry,
  runTask,
  type TaskContext,
} from "./context.js";
import { LEVEL_NAMES, parseTariffCodeArg } from "./tariff-set.js";
import { renderTable } from "@tradechain/devkit/table";
import {
  formatJurisdiction,
  formatTimestamp,
  TARIFF_LEVELS,
  type TariffListingView,
  type TradeChainClient,
} from "@tradechain/sdk";

/** Arguments of `tradechain:tariff:show`. */
export interface TariffShowArgs extends DeploymentArgs {
  readonly country?: string;
  readonly status: string;
  readonly code?: string;
}

/** An expiry for people: `never`, or the UTC time. */
function expiry(expiresAt: bigint): string {
  return expiresAt === 0n ? "never" : formatTimestamp(expiresAt);
}

/** Every listed prefix of a jurisdiction's `status` list, level by level, page by page. */
async function listed(
  client: TradeChainClient,
  jurisdiction: number,
  status: "Positive" | "Negative",
): Promise<TariffListingView[]> {
  const entries: TariffListingView[] = [];
  for (const digits of TARIFF_LEVELS) {
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const page = await client.listedTariffCodes(jurisdiction, digits, status, { offset });
      for (const code of page.tariffCodes) {
        entries.push(await client.tariffListingOf(jurisdiction, code));
      }
      offset = page.nextOffset;
    }
  }
  return entries;
}

/** Prints a jurisdiction's tariff listings (or one `--code`); returns the entries shown. */
export async function showTariffs(
  ctx: TaskContext,
  args: TariffShowArgs,
): Promise<TariffListingView[]> {
  const jurisdiction = parseCountry(args.country);
  const which = args.status.trim().toLowerCase();
  if (!["all", "positive", "negative"].includes(which)) {
    throw new CliError(`--status: "${args.status}" is not one of all, positive, negative`);
  }
  const single = args.code !== undefined && args.code.trim() !== "";
  if (single) parseTariffCodeArg(args.code);
  const client = await deploymentClient(ctx);
  const entries: TariffListingView[] = [];
  if (single) entries.push(await client.tariffListingOf(jurisdiction, (args.code ?? "").trim()));
  else {
    for (const status of ["Positive", "Negative"] as const) {
      if (which === "all" || which === status.toLowerCase()) {
        entries.push(...(await listed(client, jurisdiction, status)));
      }
    }
  }
  const country = formatJurisdiction(jurisdiction);
  const customs = (await client.customsRequired(jurisdiction)) ? "customs regime" : "no customs";
  const count = `${entries.length} tariff entr${entries.length === 1 ? "y" : "ies"}`;
  ctx.print(`Jurisdiction ${country} (${customs})${single ? "" : `: ${count}`}`);
  if (single) {
    const e = entries[0];
    ctx.print(
      renderTable(
        ["Field", "Value"],
        [
          ["HS code", `${e.tariffCode} (${LEVEL_NAMES[e.digits]})`],
          ["listed", e.status],
          ["expires", e.status === "Unlisted" ? "-" : expiry(e.expiresAt)],
          ["version", String(e.version)],
          ["updated by", e.updatedAt === 0n ? "-" : e.updatedBy],
          ["updated at", e.updatedAt === 0n ? "-" : formatTimestamp(e.updatedAt)],
        ],
      ),
    );
  } else if (entries.length > 0) {
    ctx.print(
      renderTable(
        ["HS code", "Level", "Listed", "Expires", { title: "Version", align: "right" }],
        entries.map((e) => [
          e.tariffCode,
          LEVEL_NAMES[e.digits],
          e.status,
          expiry(e.expiresAt),
          String(e.version),
        ]),
      ),
    );
    ctx.print("  Who changed an entry and when: --code <HS code>");
  }
  return entries;
}

export default async function action(args: TariffShowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:tariff:show", async () => {
    await showTariffs(await openContext(hre, args), args);
  });
}
