/** `tradechain:listing:show` — a jurisdiction's positive and negative lists, or one product. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseCountry,
  parseProduct,
  runTask,
  type TaskContext,
} from "./context.js";
import { renderTable } from "@tradechain/devkit/table";
import { formatJurisdiction, formatTimestamp, type TradeChainClient } from "@tradechain/sdk";

/** Arguments of `tradechain:listing:show`. */
export interface ListingShowArgs extends DeploymentArgs {
  readonly country?: string;
  readonly status: string;
  readonly product?: string;
}

/** One row of the output. */
export interface ListingRow {
  readonly productId: string;
  readonly status: string;
  readonly clearance: string;
  readonly expiresAt: bigint;
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: bigint;
}

async function row(
  client: TradeChainClient,
  jurisdiction: number,
  productId: string,
): Promise<ListingRow> {
  const [listing, clearance] = await Promise.all([
    client.listingOf(jurisdiction, productId),
    client.clearanceOf(jurisdiction, productId),
  ]);
  return { productId, clearance, ...listing };
}

/** An expiry for people: `never`, or the UTC time without seconds when they are zero. */
function expiry(expiresAt: bigint): string {
  if (expiresAt === 0n) return "never";
  const text = formatTimestamp(expiresAt);
  return expiresAt % 60n === 0n ? text.replace(/:00 UTC$/, " UTC") : text;
}

/** Prints the lists of a jurisdiction (`--status positive|negative|all`) or one `--product`. */
export async function showListings(ctx: TaskContext, args: ListingShowArgs): Promise<ListingRow[]> {
  const jurisdiction = parseCountry(args.country);
  const which = args.status.trim().toLowerCase();
  if (!["all", "positive", "negative"].includes(which)) {
    throw new CliError(`--status: "${args.status}" is not one of all, positive, negative`);
  }
  const client = await deploymentClient(ctx);
  const rows: ListingRow[] = [];
  if (args.product !== undefined && args.product !== "") {
    rows.push(await row(client, jurisdiction, parseProduct(args.product)));
  } else {
    for (const status of ["Positive", "Negative"] as const) {
      if (which !== "all" && which !== status.toLowerCase()) continue;
      for (const id of await client.allListedProducts(jurisdiction, status)) {
        rows.push(await row(client, jurisdiction, id));
      }
    }
  }
  const customs = (await client.customsRequired(jurisdiction)) ? "customs regime" : "no customs";
  ctx.print(
    `Jurisdiction ${formatJurisdiction(jurisdiction)} (${customs}): ` +
      `${rows.length} entr${rows.length === 1 ? "y" : "ies"}`,
  );
  const single = args.product !== undefined && args.product !== "";
  if (single && rows.length === 1) {
    const r = rows[0];
    // one entry: every field, the author and time of the last change included
    ctx.print(
      renderTable(
        ["Field", "Value"],
        [
          ["product id", r.productId],
          ["listed", r.status],
          ["clears as", r.clearance],
          ["expires", expiry(r.expiresAt)],
          ["version", String(r.version)],
          ["updated by", r.updatedAt === 0n ? "-" : r.updatedBy],
          ["updated at", r.updatedAt === 0n ? "-" : formatTimestamp(r.updatedAt)],
        ],
      ),
    );
  } else if (rows.length > 0) {
    // the full 32-byte ids keep the list within 120 columns only without the author and time:
    // `--product <id>` shows those for one entry
    ctx.print(
      renderTable(
        ["Product id", "Listed", "Clears as", "Expires", { title: "Version", align: "right" }],
        rows.map((r) => [
          r.productId,
          r.status,
          r.clearance,
          expiry(r.expiresAt),
          String(r.version),
        ]),
      ),
    );
    ctx.print("  Who changed an entry and when: --product <id>");
  }
  return rows;
}

export default async function action(args: ListingShowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:listing:show", async () => {
    await showListings(await openContext(hre, args), args);
  });
}
