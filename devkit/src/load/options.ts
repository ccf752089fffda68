/** What a load run does: its options, their limits and defaults, and the amount of each order. */
import { countryCode } from "@tradechain/sdk";
import { parseEther } from "ethers";

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
