/** What a load run measured, and how it is printed and judged. */
import { renderTable } from "../table.js";
import type { LeanReport } from "./lean.js";
import { LOAD_STEPS, type LoadOptions, type LoadStep } from "./options.js";

/** Target: the SDK's tx/s at least this share of the lean loop's on the same node. */
export const TARGET_RATIO = 0.8;
/** Target: orders per second through the full lifecycle. */
export const TARGET_ORDERS_PER_SECOND = 80;

/** What a load run measured. */
export interface LoadReport {
  readonly options: LoadOptions;
  readonly completed: number;
  readonly transactions: number;
  readonly elapsedMs: number;
  readonly latencyMs: Readonly<Record<LoadStep, readonly number[]>>;
  readonly failures: readonly string[];
  readonly checks: readonly { readonly what: string; readonly ok: boolean }[];
  /** JSON-RPC calls of the measured run by method (when the provider counts them). */
  readonly rpcCalls?: readonly (readonly [string, number])[];
  /** The lean loop on the same node and concurrency. */
  readonly lean?: LeanReport;
}

/** The `p`-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Throughput of a run: orders/s, the SDK's and the lean loop's tx/s and their ratio. */
export function loadThroughput(report: LoadReport): {
  ordersPerSecond: number;
  sdkTxPerSecond: number;
  leanTxPerSecond: number | undefined;
  ratio: number | undefined;
  rpcPerOrder: number | undefined;
} {
  const seconds = report.elapsedMs / 1000;
  const sdkTxPerSecond = report.transactions / seconds;
  const leanTxPerSecond =
    report.lean === undefined
      ? undefined
      : report.lean.transactions / (report.lean.elapsedMs / 1000);
  const calls = report.rpcCalls?.reduce((s, [, n]) => s + n, 0);
  return {
    ordersPerSecond: report.completed / seconds,
    sdkTxPerSecond,
    leanTxPerSecond,
    ratio: leanTxPerSecond === undefined ? undefined : sdkTxPerSecond / leanTxPerSecond,
    rpcPerOrder: calls === undefined ? undefined : calls / report.options.orders,
  };
}

/** The targets a run missed (ratio ≥ {@link TARGET_RATIO}, ≥ {@link TARGET_ORDERS_PER_SECOND}). */
export function missedTargets(report: LoadReport): string[] {
  const t = loadThroughput(report);
  const missed: string[] = [];
  if (t.ordersPerSecond < TARGET_ORDERS_PER_SECOND) {
    missed.push(`${t.ordersPerSecond.toFixed(1)} orders/s < ${TARGET_ORDERS_PER_SECOND}`);
  }
  if (t.ratio !== undefined && t.ratio < TARGET_RATIO) {
    missed.push(`SDK/lean ratio ${t.ratio.toFixed(2)} < ${TARGET_RATIO}`);
  }
  return missed;
}

/** The report for people: throughput, latency percentiles per step, conservation checks. */
export function formatLoadReport(report: LoadReport, label: string): string {
  const seconds = report.elapsedMs / 1000;
  const ms = (x: number) => (Number.isNaN(x) ? "-" : x.toFixed(0));
  const t = loadThroughput(report);
  const lines = [
    `Load on ${label}: ${report.completed}/${report.options.orders} orders, ` +
      `${report.transactions} transactions in ${seconds.toFixed(1)} s ` +
      `(concurrency ${report.options.concurrency})`,
    `  Throughput: ${t.ordersPerSecond.toFixed(1)} orders/s, ` +
      `SDK ${t.sdkTxPerSecond.toFixed(1)} tx/s` +
      (t.leanTxPerSecond === undefined || t.ratio === undefined
        ? ""
        : `, lean ERC-20 loop ${t.leanTxPerSecond.toFixed(1)} tx/s, ratio ${t.ratio.toFixed(2)}`),
    ...(report.rpcCalls === undefined || t.rpcPerOrder === undefined
      ? []
      : [
          `  JSON-RPC calls per order: ${t.rpcPerOrder.toFixed(1)} (` +
            report.rpcCalls
              // the two most frequent keep the line within 120 columns
              .slice(0, 2)
              .map(([method, n]) => `${method} ${n}`)
              .join(", ") +
            (report.rpcCalls.length > 2 ? ", …" : "") +
            ")",
        ]),
    renderTable(
      [
        "Step",
        { title: "Count", align: "right" },
        { title: "p50 ms", align: "right" },
        { title: "p90 ms", align: "right" },
        { title: "p99 ms", align: "right" },
        { title: "max ms", align: "right" },
      ],
      LOAD_STEPS.map((step) => {
        const values = report.latencyMs[step];
        return [
          step,
          String(values.length),
          ms(percentile(values, 50)),
          ms(percentile(values, 90)),
          ms(percentile(values, 99)),
          ms(percentile(values, 100)),
        ];
      }),
    ),
    "  Conservation:",
    ...report.checks.map((c) => `  ${c.ok ? "✓" : "✗"} ${c.what}`),
    ...report.failures.slice(0, 20).map((f) => `  ✗ ${f}`),
  ];
  if (report.failures.length > 20)
    lines.push(`  … and ${report.failures.length - 20} more failures`);
  return lines.join("\n");
}

/** True when every order went through and every conservation check held. */
export function loadSucceeded(report: LoadReport): boolean {
  return report.failures.length === 0 && report.checks.every((c) => c.ok);
}
