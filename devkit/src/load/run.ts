/**
 * Load against a node: many orders through the full lifecycle (create → ship → confirm) from
 * concurrent workers, each with its own funded buyer and seller wallet, then throughput, latency
 * percentiles per step, JSON-RPC calls per order and a conservation check; and, in the same run
 * on the same node and concurrency, a lean loop of raw ERC-20 transfers (sign locally, send,
 * poll the receipt: the least a client can do per transaction) to compare the SDK with.
 * Used by `npm run load` (tasks/load.ts), the end-to-end test (scripts/e2e.ts) and the explorer's
 * benchmark.
 */
import {
  DEFAULT_SHIP_WITHIN,
  describeError,
  feeOf,
  formatAmount,
  productIdFromHsCode,
  countryCode,
  type TradeChainAddresses,
  TradeChainClient,
} from "@tradechain/sdk";
import { type Signer, Wallet } from "ethers";

import { CountingProvider } from "../nodes.js";
import { type LeanReport, type RpcProvider, runLeanTransfers } from "./lean.js";
import {
  LOAD_STEPS,
  loadAmount,
  type LoadOptions,
  type LoadStep,
  validateLoadOptions,
  WALLET_GAS_FUNDS,
} from "./options.js";
import type { LoadReport } from "./report.js";

/**
 * Unmeasured lean transfers per worker before anything is measured: a node's own code (hardhat
 * node's JSON-RPC server is JavaScript) is still being compiled by its JIT after the setup, which
 * would make whichever phase runs first look slower.
 */
export const WARM_UP_TRANSFERS = 25;
/** The accounts a load run needs on the node. */
export interface LoadAccounts {
  /** Pays the generated wallets' gas money. */
  readonly funder: Signer;
  /** A registrar and the token's master minter (`local.json`'s operator). */
  readonly operator: Signer;
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
  provider: RpcProvider,
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
              // Each buyer approved its whole run above: no allowance read per order. The load
              // holds the sellers' keys: the SDK signs each seller's consent locally.
              { method: "allowance", checkAllowance: false, sellerSigner: sellers[w] },
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
