/**
 * Load against a node: many orders through the full lifecycle (create → ship → confirm) from
 * concurrent workers, each with its own funded buyer and seller wallet, then throughput, latency
 * percentiles per step, JSON-RPC calls per order and a conservation check; and, in the same run
 * on the same node and concurrency, a lean loop of raw ERC-20 transfers (sign locally, send,
 * poll the receipt: the least a client can do per transaction) to compare the SDK with.
 * Used by `npm run load` (tasks/load.ts) and the end-to-end test (scripts/e2e.ts).
 */
import {
  type BaseWallet,
  type JsonRpcPayload,
  JsonRpcProvider,
  type JsonRpcResult,
  parseEther,
  type Provider,
  type Signer,
  Wallet,
} from "ethers";

import {
  countryCode,
  DEFAULT_SHIP_WITHIN,
  describeError,
  feeOf,
  formatAmount,
  productIdFromHsCode,
  SettlementToken__factory,
  type TradeChainAddresses,
  TradeChainClient,
} from "@tradechain/sdk";
import { signEip1559 } from "../sdk/src/raw-tx.js";
import { isUnsupportedMethodError, receiptPollDelay } from "../sdk/src/sender.js";
import { renderTable } from "./table.js";

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
 * Unmeasured lean transfers per worker before anything is measured: a node's own code (hardhat
 * node's JSON-RPC server is JavaScript) is still being compiled by its JIT after the setup, which
 * would make whichever phase runs first look slower.
 */
export const WARM_UP_TRANSFERS = 25;
/** Gas limit of one lean ERC-20 transfer (a transfer to a funded account costs about 35k). */
const LEAN_TRANSFER_GAS = 100_000n;
/** Target: the SDK's tx/s at least this share of the lean loop's on the same node. */
export const TARGET_RATIO = 0.8;
/** Target: orders per second through the full lifecycle. */
export const TARGET_ORDERS_PER_SECOND = 80;

/** A JSON-RPC provider that counts the calls it makes, by method. */
export class CountingProvider extends JsonRpcProvider {
  /** Calls made so far, by JSON-RPC method. */
  readonly calls = new Map<string, number>();

  override _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    for (const one of Array.isArray(payload) ? payload : [payload]) {
      this.calls.set(one.method, (this.calls.get(one.method) ?? 0) + 1);
    }
    return super._send(payload);
  }

  /** A copy of the counts, to subtract from later ones. */
  snapshot(): Map<string, number> {
    return new Map(this.calls);
  }

  /** Calls by method since `before`, most frequent first. */
  since(before: ReadonlyMap<string, number>): [string, number][] {
    return [...this.calls]
      .map(([method, n]): [string, number] => [method, n - (before.get(method) ?? 0)])
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
  }
}

/**
 * A provider for driving a local node fast: receipts polled every {@link POLLING_INTERVAL_MS},
 * the chain id asked once, and calls counted. The SDK keeps each wallet's nonces itself; the
 * cache is off only so that checks reading state right after a write see it (ethers caches
 * identical calls for 250 ms).
 */
export function nodeProvider(url: string): CountingProvider {
  return new CountingProvider(url, undefined, {
    pollingInterval: POLLING_INTERVAL_MS,
    staticNetwork: true,
    cacheTimeout: -1,
    // Each call goes out at once: batching would hold every send for the batch stall time.
    batchMaxCount: 1,
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

/** What the lean raw-transfer loop measured. */
export interface LeanReport {
  readonly transactions: number;
  readonly elapsedMs: number;
  readonly failures: number;
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
  const platform = new TradeChainClient(accounts.funder, addresses);
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
  const leaners = Array.from({ length: workers }, () => Wallet.createRandom().connect(provider));
  // One burst from one wallet: the client's nonce queue keeps these in order on any node.
  await Promise.all(
    [...buyers, ...sellers, ...leaners].map((w) =>
      platform.sendTransaction({ to: w.address, value: WALLET_GAS_FUNDS }),
    ),
  );
  const orderIndexes = Array.from({ length: workers }, (_, w) =>
    Array.from({ length: orders }, (_, i) => i).filter((i) => i % workers === w),
  );
  const owed = orderIndexes.map((indexes) => indexes.reduce((s, i) => s + loadAmount(i), 0n));
  const total = owed.reduce((s, x) => s + x, 0n);
  const leanTransfers = orderIndexes.map((indexes) => indexes.length * LOAD_STEPS.length);
  const leanTotal = BigInt(leanTransfers.reduce((s, n) => s + n, 0));
  const warmUpTotal = BigInt(workers * WARM_UP_TRANSFERS);
  const operatorAddress = await accounts.operator.getAddress();
  await operator.configureMinter(currency, operatorAddress, total + leanTotal + warmUpTotal);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => [
      operator.registerParticipant(sellers[w].address, ["Seller"], countryCode("CN"), `load:${w}`),
      operator.mint(currency, buyers[w].address, owed[w]),
      operator.mint(currency, leaners[w].address, BigInt(leanTransfers[w] + WARM_UP_TRANSFERS)),
    ]).flat(),
  );
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

  // The lean loop runs half before and half after the SDK's run, so drift of a busy machine
  // or a growing chain weighs on both alike.
  const leanToken = addresses.tokens[currency] ?? platform.tokenAddress(currency);
  const leanHalves = [
    leanTransfers.map((n) => Math.floor(n / 2)),
    leanTransfers.map((n) => n - Math.floor(n / 2)),
  ];
  log(`Warming up the node with ${warmUpTotal} lean transfers (not measured)…`);
  const warmUp = await runLeanTransfers(
    provider,
    leanToken,
    leaners,
    leaners.map(() => WARM_UP_TRANSFERS),
  );
  log(`Running ${leanTotal / 2n} lean ERC-20 transfers with ${workers} concurrent workers…`);
  const leanBefore = await runLeanTransfers(provider, leanToken, leaners, leanHalves[0]);

  // ---------------------------------------------------------------- the measured run
  log(`Running ${orders} orders with ${workers} concurrent workers…`);
  const counting = provider instanceof CountingProvider ? provider : undefined;
  const callsBefore = counting?.snapshot();
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
              // Each buyer approved its whole run above: no allowance read per order.
              { method: "allowance", checkAllowance: false },
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
  const rpcCalls = callsBefore === undefined ? undefined : counting?.since(callsBefore);

  // ---------------------------------------------------------------- the lean loop, second half
  log(`Running the other lean ERC-20 transfers…`);
  const leanAfter = await runLeanTransfers(provider, leanToken, leaners, leanHalves[1]);
  const lean: LeanReport = {
    transactions: leanBefore.transactions + leanAfter.transactions,
    elapsedMs: leanBefore.elapsedMs + leanAfter.elapsedMs,
    failures: leanBefore.failures + leanAfter.failures,
  };

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

  expect(
    `lean transfers that failed (of ${lean.transactions}, and ${warmUp.transactions} to warm up)`,
    lean.failures + warmUp.failures,
    0,
  );

  return {
    options,
    completed,
    transactions,
    elapsedMs,
    latencyMs,
    failures,
    checks,
    rpcCalls,
    lean,
  };
}

/**
 * The lean client: each wallet sends `counts[w]` ERC-20 transfers of one unit back to back, each
 * signed locally with a counted nonce, fixed gas limit and the fee data read once, submitted with
 * `eth_sendRawTransaction` and followed by `eth_getTransactionReceipt` polls — two calls per
 * transaction, the floor for a client that waits for each receipt — or, where the node has it
 * (Anvil), with EIP-7966's `eth_sendRawTransactionSync`, one call. It signs, sends and polls with
 * the SDK's own primitives and strategy (`signEip1559`, `receiptPollDelay`, sync send), so the
 * ratio measures what the SDK does besides them.
 */
export async function runLeanTransfers(
  provider: Provider,
  token: string,
  wallets: readonly BaseWallet[],
  counts: readonly number[],
): Promise<LeanReport> {
  const rpc = provider as unknown as {
    send(method: string, params: unknown[]): Promise<unknown>;
  };
  const iface = SettlementToken__factory.createInterface();
  const sink = Wallet.createRandom().address;
  const data = iface.encodeFunctionData("transfer", [sink, 1n]);
  const [network, fees] = await Promise.all([provider.getNetwork(), provider.getFeeData()]);
  if (fees.maxFeePerGas === null || fees.maxPriorityFeePerGas === null) {
    throw new Error("The lean loop needs an EIP-1559 node (no maxFeePerGas in its fee data)");
  }
  const { maxFeePerGas, maxPriorityFeePerGas } = fees;
  const nonces = await Promise.all(wallets.map((w) => provider.getTransactionCount(w.address)));
  type Receipt = { status?: unknown };
  // As the SDK: EIP-7966's eth_sendRawTransactionSync (one call) where the node has it.
  let sync: boolean | undefined;
  let transactions = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    wallets.map(async (wallet, w) => {
      for (let i = 0; i < counts[w]; i++) {
        const signed = signEip1559(wallet.signingKey, {
          to: token,
          data,
          nonce: nonces[w] + i,
          gasLimit: LEAN_TRANSFER_GAS,
          chainId: network.chainId,
          value: 0n,
          maxFeePerGas,
          maxPriorityFeePerGas,
        });
        let status: unknown;
        let hash: unknown;
        if (sync !== false) {
          try {
            const receipt = await rpc.send("eth_sendRawTransactionSync", [signed.raw]);
            status = (receipt as Receipt | null)?.status;
            hash = signed.hash;
            sync = true;
          } catch (err) {
            if (!isUnsupportedMethodError(err)) throw err;
            sync = false;
          }
        }
        hash ??= await rpc.send("eth_sendRawTransaction", [signed.raw]);
        for (let attempt = 0; status === undefined; attempt++) {
          const receipt = (await rpc.send("eth_getTransactionReceipt", [hash])) as Receipt | null;
          if (receipt !== null) {
            status = receipt.status;
            break;
          }
          await new Promise((r) => setTimeout(r, receiptPollDelay(attempt, POLLING_INTERVAL_MS)));
        }
        transactions += 1;
        if (status !== "0x1") failures += 1;
      }
    }),
  );
  return { transactions, elapsedMs: performance.now() - started, failures };
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
