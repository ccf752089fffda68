/**
 * The explorer's settings, read from the environment with a clear error for every bad value.
 * Shared by `ponder.config.ts` and the tools that start the indexer (they write the same names).
 */
import { readIgnitionDeployment } from "@tradechain/sdk/node";

/** A `0x`-prefixed hex string. */
export type HexString = `0x${string}`;

/** What the indexer follows and where it stores. */
export interface ExplorerSettings {
  readonly rpcUrl: string;
  /**
   * The RPC URL once per lane: Ponder limits each endpoint to 20 requests/s at first (raising it
   * slowly), which protects paid providers but starves it on a local node. A loopback node gets
   * {@link LOOPBACK_RPC_LANES} lanes, any other URL one; `TRADECHAIN_RPC_LANES` overrides.
   */
  readonly rpcUrls: string[];
  readonly chainId: number;
  readonly addresses: {
    readonly escrow: HexString;
    readonly registry: HexString;
    /** Settlement token addresses, one per currency. */
    readonly tokens: HexString[];
  };
  readonly startBlock: number;
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly pollingIntervalMs: number;
  readonly disableCache: boolean;
}

/** Default polling interval for new blocks: a local node mines on every transaction. */
export const DEFAULT_POLLING_INTERVAL_MS = 250;

/** Lanes to a node on this machine (Ponder's per-endpoint limit starts at 20 requests/s). */
export const LOOPBACK_RPC_LANES = 25;
/** Most lanes `TRADECHAIN_RPC_LANES` may ask for. */
const MAX_RPC_LANES = 100;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    throw new Error(`explorer: TRADECHAIN_RPC_URL is not a URL: ${url}`);
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new Error(`explorer: ${name} is not set (see indexer/ponder.config.ts)`);
  }
  return value.trim();
}

function address(value: unknown, what: string): HexString {
  if (typeof value !== "string" || !ADDRESS.test(value)) {
    throw new Error(`explorer: ${what} is not an address: ${JSON.stringify(value)}`);
  }
  return value as HexString;
}

function wholeNumber(value: string, what: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new Error(`explorer: ${what} must be a whole number, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** Reads and checks the settings (see `ponder.config.ts` for the variables). */
export async function explorerSettings(env: NodeJS.ProcessEnv): Promise<ExplorerSettings> {
  const rpcUrl = required(env, "TRADECHAIN_RPC_URL");
  const chainId = wholeNumber(required(env, "TRADECHAIN_CHAIN_ID"), "TRADECHAIN_CHAIN_ID");
  let escrow: unknown;
  let registry: unknown;
  let tokens: unknown;
  let startBlock: number;
  const folder = env.TRADECHAIN_DEPLOYMENT?.trim();
  if (folder !== undefined && folder !== "") {
    const deployment = await readIgnitionDeployment(folder);
    ({ escrow, registry, tokens } = deployment.addresses);
    startBlock =
      env.TRADECHAIN_START_BLOCK !== undefined
        ? wholeNumber(env.TRADECHAIN_START_BLOCK, "TRADECHAIN_START_BLOCK")
        : (deployment.deploymentBlock ?? 0);
  } else {
    const text = required(env, "TRADECHAIN_ADDRESSES");
    let parsed: { escrow?: unknown; registry?: unknown; tokens?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (err) {
      throw new Error(`explorer: TRADECHAIN_ADDRESSES is not JSON: ${text}`, { cause: err });
    }
    ({ escrow, registry, tokens } = parsed);
    startBlock = wholeNumber(required(env, "TRADECHAIN_START_BLOCK"), "TRADECHAIN_START_BLOCK");
  }
  if (typeof tokens !== "object" || tokens === null || Object.keys(tokens).length === 0) {
    throw new Error(`explorer: the deployment names no settlement token`);
  }
  const tokenAddresses = Object.entries(tokens as Record<string, unknown>).map(([code, a]) =>
    address(a, `token ${code}`),
  );
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const lanes =
    env.TRADECHAIN_RPC_LANES !== undefined
      ? wholeNumber(env.TRADECHAIN_RPC_LANES, "TRADECHAIN_RPC_LANES")
      : isLoopback(rpcUrl)
        ? LOOPBACK_RPC_LANES
        : 1;
  if (lanes < 1 || lanes > MAX_RPC_LANES) {
    throw new Error(`explorer: TRADECHAIN_RPC_LANES must be 1-${MAX_RPC_LANES}, got ${lanes}`);
  }
  return {
    rpcUrl,
    rpcUrls: Array.from({ length: lanes }, () => rpcUrl),
    chainId,
    addresses: {
      escrow: address(escrow, "escrow"),
      registry: address(registry, "registry"),
      tokens: tokenAddresses,
    },
    startBlock,
    databaseUrl,
    pgliteDir: env.TRADECHAIN_PGLITE_DIR?.trim() || ".ponder/pglite",
    pollingIntervalMs:
      env.TRADECHAIN_POLLING_MS !== undefined
        ? wholeNumber(env.TRADECHAIN_POLLING_MS, "TRADECHAIN_POLLING_MS")
        : DEFAULT_POLLING_INTERVAL_MS,
    disableCache: env.TRADECHAIN_RPC_CACHE !== "on",
  };
}
