/**
 * Load against a node: many orders through the full lifecycle (create → ship → confirm) from
 * concurrent workers, each with its own funded buyer and seller wallet (so every sender's nonces
 * stay sequential), then throughput, latency percentiles per step and a conservation check.
 * Used by `npm run load` (scripts/load.ts) and the end-to-end test (scripts/e2e.ts).
 */
import {
  JsonRpcProvider,
  NonceManager,
  parseEther,
  type Provider,
  type Signer,
  Wallet,
} from "ethers";

import { DEFAULT_SHIP_WITHIN, TradeChainClient } from "../../src/client.js";
import { describeError } from "../../src/errors.js";
import { formatAmount } from "../../src/format.js";
import { countryCode, productIdFromHsCode } from "../../src/ids.js";
import type { TradeChainAddresses } from "../../src/types.js";
import { feeOf } from "./scenarios.js";
import { renderTable } from "../../lib/table.js";

/** The lifecycle steps a load order goes through, in order. */
export const LOAD_STEPS = ["create", "ship", "confirm"] as const;
/** A step of a load order. */
export type LoadStep = (typeof LOAD_STEPS)[number];

/** Most orders one run may drive (keeps a mistyped count from running for hours). */
export const MAX_ORDERS = 100_000;
/** Most concurrent workers. */
export const MAX_CONCURRENCY = 200;
/** Gas money each generated wallet receives. */
export const WALLET_GAS_FUNDS = parseEther("1");
/** Base amount of a load order in the token's units (10.00 with 6 decimals). */
const BASE_AMOUNT = 10_000_000n;
/** Amounts vary below this so fees round differently (6 decimals: up to 5.00 more). */
const AMOUNT_SPREAD = 5_000_000n;
/** A prime stride that spreads the amounts. */
const AMOUNT_STRIDE = 7_919n;

/** Milliseconds between receipt polls (the default 4 s would dominate every latency). */
export const POLLING_INTERVAL_MS = 20;

/**
 * A provider for driving a local node fast: receipts polled every {@link POLLING_INTERVAL_MS}
 * and no request cache, since each wallet sends back to back and must never reuse a cached nonce.
 */
export function nodeProvider(url: string): JsonRpcProvider {
  return new JsonRpcProvider(url, undefined, {
    pollingInterval: POLLING_INTERVAL_MS,
    cacheTimeout: -1,
  });
}

/** What to run. */
export interface LoadOptions {
  readonly orders: number;
  readonly concurrency: number;
  /** Settlement currency of the orders. */
  readonly currency: string;
  /** Destination jurisdiction; must have no customs regime so shipments clear automatically. */
  readonly destination: number;
  /** Wall-clock budget of the whole run, in seconds. */
  readonly timeoutSeconds: number;
  /** Budget of one transaction (send + receipt), in seconds. */
  readonly txTimeoutSeconds: number;
}

/** Defaults of {@link LoadOptions}. */
export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  orders: 100,
  concurrency: 10,
  currency: "USD",
  destination: countryCode("UZ"),
  timeoutSeconds: 600,
  txTimeoutSeconds: 60,
};

/** The accounts a load run needs on the node. */
export interface LoadAccounts {
  /** Pays the generated wallets' gas money. */
  readonly funder: Signer;
  /** A registrar and the token's master minter (`local.json`'s operator). */
  readonly operator: Signer;
}

/** What a load run measured. */
export interface LoadReport {
  readonly options: LoadOptions;
  readonly completed: number;
  readonly transactions: number;
  readonly elapsedMs: number;
  readonly latencyMs: Readonly<Record<LoadStep, readonly number[]>>;
  readonly failures: readonly string[];
  readonly checks: readonly { readonly what: string; readonly ok: boolean }[];
}

/** The `p`-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Checks options and explains the first problem in one line. */
export function validateLoadOptions(options: LoadOptions): void {
  const { orders, concurrency } = options;
  if (!Number.isInteger(orders) || orders < 1 || orders > MAX_ORDERS) {
    throw new RangeError(`--orders must be an integer from 1 to ${MAX_ORDERS}, got ${orders}`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new RangeError(
      `--concurrency must be an integer from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`,
    );
  }
  if (options.timeoutSeconds <= 0) throw new RangeError("--timeout must be positive");
}

/** The amount of load order `index` (varied so the fee's rounding differs between orders). */
export function loadAmount(index: number): bigint {
  return BASE_AMOUNT + ((BigInt(index) * AMOUNT_STRIDE) % AMOUNT_SPREAD);
}

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${seconds}s`)),
      seconds * 1000,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Drives `options.orders` orders through create → ship → confirm on `addresses` with
 * `options.concurrency` workers, then verifies conservation: every order Completed, every seller
 * paid exactly Σ(amount − fee), buyers charged exactly Σ amount, the escrow left holding only the
 * accrued fees of these orders, and collecting the fees paying the fee recipient exactly.
 */
export async function runLoad(
  provider: Provider,
  addresses: TradeChainAddresses,
  accounts: LoadAccounts,
  options: LoadOptions,
  log: (line: string) => void = () => {},
): Promise<LoadReport> {
  validateLoadOptions(options);
  const { orders, concurrency, currency, destination } = options;
  const funder = new NonceManager(accounts.funder);
  const platform = new TradeChainClient(funder, addresses);
  const operator = platform.connect(accounts.operator);
  const info = await platform.tokenInfo(currency);
  const money = (units: bigint) => formatAmount(units, info.decimals, info.currency);
  if (await platform.customsRequired(destination)) {
    throw new Error(
      `Destination ${destination} has a customs authority; load orders need one without customs`,
    );
  }
  const workers = Math.min(concurrency, orders);
  const product = productIdFromHsCode("9999.99", "LOAD-TEST-ITEM");

  // ---------------------------------------------------------------- setup (not measured)
  log(`Setting up ${workers} buyer and ${workers} seller wallets…`);
  const buyers = Array.from({ length: workers }, () => Wallet.createRandom().connect(provider));
  const sellers = Array.from({ length: workers }, () => Wallet.createRandom().connect(provider));
  const funding = await Promise.all(
    [...buyers, ...sellers].map((w) =>
      funder.sendTransaction({ to: w.address, value: WALLET_GAS_FUNDS }),
    ),
  );
  await Promise.all(funding.map((tx) => tx.wait()));
  const orderIndexes = Array.from({ length: workers }, (_, w) =>
    Array.from({ length: orders }, (_, i) => i).filter((i) => i % workers === w),
  );
  const owed = orderIndexes.map((indexes) => indexes.reduce((s, i) => s + loadAmount(i), 0n));
  const total = owed.reduce((s, x) => s + x, 0n);
  const operatorAddress = await accounts.operator.getAddress();
  await operator.configureMinter(currency, operatorAddress, total);
  for (let w = 0; w < workers; w++) {
    await operator.registerParticipant(
      sellers[w].address,
      ["Seller"],
      countryCode("CN"),
      `load:${w}`,
    );
    await operator.mint(currency, buyers[w].address, owed[w]);
  }
  await Promise.all(buyers.map((b, w) => platform.connect(b).approveEscrow(currency, owed[w])));

  const feeRecipient = await platform.escrow.feeRecipient();
  // Read once here so each timed "create" sends its transaction without extra reads.
  const [feeBps, arbiter, now] = await Promise.all([
    platform.escrow.feeBps().then(Number),
    platform.escrow.defaultArbiter(),
    platform.now(),
  ]);
  const shipBy = now + BigInt(DEFAULT_SHIP_WITHIN);
  const [escrowBefore, accruedBefore, recipientBefore] = await Promise.all([
    platform.balanceOf(currency, addresses.escrow),
    platform.accruedFees(currency),
    platform.balanceOf(currency, feeRecipient),
  ]);

  // ---------------------------------------------------------------- the measured run
  log(`Running ${orders} orders with ${workers} concurrent workers…`);
  const latencyMs: Record<LoadStep, number[]> = { create: [], ship: [], confirm: [] };
  const failures: string[] = [];
  const orderIds: string[] = [];
  let transactions = 0;
  let completed = 0;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const started = performance.now();

  const timed = async <T>(step: LoadStep, send: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await withTimeout(send(), options.txTimeoutSeconds, step);
    latencyMs[step].push(performance.now() - t0);
    transactions += 1;
    return result;
  };

  await Promise.all(
    orderIndexes.map(async (indexes, w) => {
      const buyer = platform.connect(buyers[w]);
      const seller = platform.connect(sellers[w]);
      for (const i of indexes) {
        if (Date.now() > deadline) {
          failures.push(`order ${i}: not started, the ${options.timeoutSeconds}s budget ran out`);
          continue;
        }
        try {
          const { orderId } = await timed("create", () =>
            buyer.createOrder(
              {
                seller: sellers[w].address,
                token: currency,
                amount: loadAmount(i),
                productId: product,
                destination,
                feeBps,
                arbiter,
                shipBy,
              },
              { method: "allowance" },
            ),
          );
          orderIds.push(orderId);
          await timed("ship", () => seller.ship(orderId, `load ${i}`));
          await timed("confirm", () => buyer.confirmReceipt(orderId));
          completed += 1;
        } catch (err) {
          failures.push(`order ${i}: ${describeError(err)}`);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;

  // ---------------------------------------------------------------- conservation
  log("Checking conservation…");
  const checks: { what: string; ok: boolean }[] = [];
  const expect = (what: string, actual: bigint | number | string, expected: typeof actual) =>
    checks.push({
      what: actual === expected ? what : `${what}: expected ${expected}, got ${actual}`,
      ok: actual === expected,
    });
  expect("orders completed", completed, orders);
  const states = await Promise.all(orderIds.map((id) => platform.orderState(id)));
  expect(
    "orders in state Completed",
    states.filter((s) => s.status === "Completed").length,
    orders,
  );
  let feesOfRun = 0n;
  const sellerMismatches: string[] = [];
  const buyerMismatches: string[] = [];
  for (let w = 0; w < workers; w++) {
    const gross = owed[w];
    const fees = orderIndexes[w].reduce((s, i) => s + feeOf(loadAmount(i), feeBps), 0n);
    feesOfRun += fees;
    const [sellerBalance, buyerBalance] = await Promise.all([
      platform.balanceOf(currency, sellers[w].address),
      platform.balanceOf(currency, buyers[w].address),
    ]);
    if (sellerBalance !== gross - fees) {
      sellerMismatches.push(`seller ${w}: ${money(sellerBalance)} ≠ ${money(gross - fees)}`);
    }
    if (buyerBalance !== 0n) buyerMismatches.push(`buyer ${w}: ${money(buyerBalance)} left`);
  }
  expect(
    `every seller received exactly Σ(amount − fee) of its orders (${workers} sellers)`,
    sellerMismatches.join("; "),
    "",
  );
  expect(
    `every buyer paid exactly Σ amount of its orders (${workers} buyers)`,
    buyerMismatches.join("; "),
    "",
  );
  const [escrowAfter, accruedAfter] = await Promise.all([
    platform.balanceOf(currency, addresses.escrow),
    platform.accruedFees(currency),
  ]);
  expect(
    `accrued fees grew by Σ fees = ${money(feesOfRun)}`,
    money(accruedAfter - accruedBefore),
    money(feesOfRun),
  );
  expect(
    "escrow holds none of these orders' money (only their fees)",
    money(escrowAfter - escrowBefore),
    money(feesOfRun),
  );
  if (accruedAfter > 0n) await platform.collectFees(currency);
  const [recipientAfter, escrowFinal] = await Promise.all([
    platform.balanceOf(currency, feeRecipient),
    platform.balanceOf(currency, addresses.escrow),
  ]);
  expect(
    `fee recipient received the accrued fees (${money(accruedAfter)}, of which ${money(feesOfRun)} from this run)`,
    money(recipientAfter - recipientBefore),
    money(accruedAfter),
  );
  expect(
    "escrow balance after collecting fees",
    money(escrowFinal),
    money(escrowBefore - accruedBefore),
  );

  return { options, completed, transactions, elapsedMs, latencyMs, failures, checks };
}

/** The report for people: throughput, latency percentiles per step, conservation checks. */
export function formatLoadReport(report: LoadReport, label: string): string {
  const seconds = report.elapsedMs / 1000;
  const ms = (x: number) => (Number.isNaN(x) ? "-" : x.toFixed(0));
  const lines = [
    `Load on ${label}: ${report.completed}/${report.options.orders} orders, ` +
      `${report.transactions} transactions in ${seconds.toFixed(1)} s ` +
      `(concurrency ${report.options.concurrency})`,
    `  Throughput: ${(report.completed / seconds).toFixed(1)} orders/s, ` +
      `${(report.transactions / seconds).toFixed(1)} tx/s`,
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
