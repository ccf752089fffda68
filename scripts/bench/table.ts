/**
 * The gas bench's report: one row per measured operation, printed as an aligned table beside its
 * budget and a reference figure, and written as JSON for tools (`bench/gas.json`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import type { ContractTransactionResponse } from "ethers";

import { formatGas } from "@tradechain/sdk";
import { renderTable } from "@tradechain/devkit/table";

/** One measured operation. */
export interface BenchRow {
  /** The contract or area, e.g. "SettlementToken". */
  section: string;
  /** The operation, e.g. "transfer (both hold a balance)". */
  name: string;
  /** `gasUsed` from the transaction receipt. */
  gas: bigint;
  /** Upper bound the figure must not exceed, if the operation has one. */
  budget?: bigint;
  /** A comparable figure from elsewhere, e.g. "USDC v2.2: 45,023". */
  reference?: string;
}

/** Where the JSON copy of the figures goes (gitignored). */
export const BENCH_JSON_PATH = "bench/gas.json";

/** The `gasUsed` of a sent transaction's receipt; throws when it failed. */
export async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await sent).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("benchmark transaction failed");
  return receipt.gasUsed;
}

/** True when the row has no budget or stays within it. */
export function withinBudget(row: BenchRow): boolean {
  return row.budget === undefined || row.gas <= row.budget;
}

function status(row: BenchRow): string {
  if (row.budget === undefined) return "";
  return withinBudget(row) ? "OK" : "OVER";
}

/**
 * Prints `rows` as a table, writes them to `jsonPath` and returns whether every row is within
 * its budget.
 */
export function reportBench(rows: BenchRow[], jsonPath: string = BENCH_JSON_PATH): boolean {
  // One table per section under its name, long operations and references wrapped: every line
  // stays within 120 columns.
  const sections = [...new Set(rows.map((row) => row.section))];
  for (const [index, section] of sections.entries()) {
    if (index > 0) console.log("");
    console.log(section);
    console.log(
      renderTable(
        [
          { title: "Operation", wrap: true },
          { title: "Gas", align: "right" },
          { title: "Budget", align: "right" },
          "Status",
          { title: "Reference", wrap: true },
        ],
        rows
          .filter((row) => row.section === section)
          .map((row) => [
            row.name,
            formatGas(row.gas),
            row.budget === undefined ? "-" : formatGas(row.budget),
            status(row),
            row.reference ?? "",
          ]),
      ),
    );
  }

  const allWithin = rows.every(withinBudget);
  const over = rows.filter((row) => !withinBudget(row));
  console.log("");
  console.log(
    allWithin
      ? `All ${rows.length} operations within budget.`
      : `${over.length} operation(s) OVER budget: ${over.map((row) => `${row.section} ${row.name}`).join(", ")}`,
  );

  mkdirSync(dirname(jsonPath), { recursive: true });
  const json = rows.map((row) => ({
    section: row.section,
    name: row.name,
    gas: Number(row.gas),
    budget: row.budget === undefined ? null : Number(row.budget),
    reference: row.reference ?? null,
    withinBudget: withinBudget(row),
  }));
  writeFileSync(jsonPath, `${JSON.stringify({ rows: json }, null, 2)}\n`);
  console.log(`Figures written to ${jsonPath}`);
  return allWithin;
}
