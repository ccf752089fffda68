/**
 * The gas bench's report: one row per measured operation, printed as an aligned table beside its
 * budget and a reference figure, and written as JSON for tools (`bench/gas.json`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import type { ContractTransactionResponse } from "ethers";

import { formatGas } from "../../src/format.js";
import { renderTable } from "../../lib/table.js";

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
  const table = renderTable(
    [
      "Section",
      "Operation",
      { title: "Gas", align: "right" },
      { title: "Budget", align: "right" },
      "Reference",
      "Status",
    ],
    rows.map((row) => [
      row.section,
      row.name,
      formatGas(row.gas),
      row.budget === undefined ? "-" : formatGas(row.budget),
      row.reference ?? "",
      status(row),
    ]),
    "",
  ).split("\n");
  // header and rule first, then one line per row; a blank line between sections
  console.log(table.slice(0, 2).join("\n"));
  for (const [index, line] of table.slice(2).entries()) {
    if (index > 0 && rows[index].section !== rows[index - 1].section) console.log("");
    console.log(line);
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
