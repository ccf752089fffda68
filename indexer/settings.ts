/**
 * The explorer's settings, read from the environment with a clear error for every bad value.
 * Shared by `ponder.config.ts` and the tools that start the indexer (they write the same names).
 */
import { readIgnitionDeployment } from "@tradechain/sdk/node";
import { createPublicClient, http, webSocket } from "viem";

/** A `0x`-prefixed hex string. */
export type HexString = `0x${string}`;

/** What the indexer follows and where it stores. */
export interface ExplorerSettings {
  readonly rpcUrl: string;
  /**
   * The URL Ponder sends its requests to, once per lane: Ponder limits each endpoint to 20
   * requests/s at first (raising it slowly), which protects paid providers but starves it on a
   * local node. A loopback node gets {@link LOOPBACK_RPC_LANES} lanes over HTTP, or
   * {@link LOOPBACK_WS_LANES} over its WebSocket (see {@link rpcTransport}), any other URL one;
   * `TRADECHAIN_RPC_LANES` overrides.
   */
  readonly rpcUrls: string[];
  /**
   * How Ponder talks to the node. A loopback HTTP node that also answers JSON-RPC over a
   * WebSocket on the same port (hardhat node, Anvil) is asked over the WebSocket: one socket for
   * every lane, no HTTP request per call, which costs the indexer about 30 % less CPU while it
   * catches up (docs/explorer.md, "Indexing speed"). `TRADECHAIN_RPC_WS` overrides: `off`, or
   * the `ws://`/`wss://` URL to use.
   */
  readonly rpcTransport: "http" | "websocket";
  readonly chainId: number;
  readonly addresses: {
    readonly escrow: HexString;
    readonly registry: HexString;
    /** Settlement token addresses, one per currency. */
    readonly tokens: HexString[];
    /**
     * The cross-currency escrow and its desk (`fxEscrow.fxDesk()`, read from the node once here),
     * when the deployment has one (`Fx#TradeFxEscrow`, or `fxEscrow` in `TRADECHAIN_ADDRESSES`).
     */
    readonly fx: { readonly escrow: HexString; readonly desk: HexString } | undefined;
  };
  readonly startBlock: number;
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly pollingIntervalMs: number;
  readonly disableCache: boolean;
}

/**
 * The environment variable `ponder.config.ts` sets to `yes` when it names the cross-currency escrow
 * and its desk (the deployment has them), `no` otherwise: what the handlers register by.
 */
export const FX_INDEXED = "TRADECHAIN_FX_INDEXED";

/** Default polling interval for new blocks: a local node mines on every transaction. */
export const DEFAULT_POLLING_INTERVAL_MS = 250;

/** Lanes to a node on this machine (Ponder's per-endpoint limit starts at 20 requests/s). */
export const LOOPBACK_RPC_LANES = 25;
/**
 * Lanes to a node on this machine over its WebSocket: the lanes share one socket, so they cost
 * nothing, and 25 (500 requests/s) held the catch-up back once HTTP's cost was gone.
 */
export const LOOPBACK_WS_LANES = 100;
/** Most lanes `TRADECHAIN_RPC_LANES` may ask for. */
const MAX_RPC_LANES = 100;
/** How long the WebSocket probe of a loopback node waits for its answer. */
const WS_PROBE_TIMEOUT_MS = 1500;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function isLoopback(url: string, what = "TRADECHAIN_RPC_URL"): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    throw new Error(`explorer: ${what} is not a URL: ${url}`);
  }
}

/**
 * Whether `wsUrl` answers `eth_chainId` over a WebSocket with `chainId` within
 * {@link WS_PROBE_TIMEOUT_MS}. A node without a WebSocket on that port (geth serves it on
 * another) refuses the upgrade at once.
 */
export async function answersOverWebSocket(wsUrl: string, chainId: number): Promise<boolean> {
  if (typeof WebSocket !== "function") return false;
  return await new Promise<boolean>((resolve) => {
    let socket: WebSocket;
    const done = (answer: boolean) => {
      clearTimeout(timer);
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), WS_PROBE_TIMEOUT_MS);
    try {
      socket = new WebSocket(wsUrl);
    } catch {
      done(false);
      return;
    }
    socket.onerror = () => done(false);
    socket.onclose = () => done(false);
    socket.onopen = () =>
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }));
    socket.onmessage = (message) => {
      try {
        const { result } = JSON.parse(String(message.data)) as { result?: unknown };
        done(typeof result === "string" && Number(result) === chainId);
      } catch {
        done(false);
      }
    };
  });
}

/** The WebSocket URL on the same host and port as an HTTP URL. */
function sameHostWebSocket(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}

/** The URL Ponder's lanes use and over which transport (see {@link ExplorerSettings}). */
async function laneTransport(
  env: NodeJS.ProcessEnv,
  rpcUrl: string,
  chainId: number,
): Promise<{ url: string; transport: "http" | "websocket" }> {
  const choice = env.TRADECHAIN_RPC_WS?.trim();
  if (choice === "off") return { url: rpcUrl, transport: "http" };
  if (choice !== undefined && choice !== "") {
    if (!/^wss?:\/\//.test(choice)) {
      throw new Error(
        `explorer: TRADECHAIN_RPC_WS must be off or a ws:// or wss:// URL, got ${choice}`,
      );
    }
    isLoopback(choice, "TRADECHAIN_RPC_WS");
    return { url: choice, transport: "websocket" };
  }
  if (/^wss?:\/\//.test(rpcUrl)) return { url: rpcUrl, transport: "websocket" };
  if (isLoopback(rpcUrl)) {
    const wsUrl = sameHostWebSocket(rpcUrl);
    if (await answersOverWebSocket(wsUrl, chainId)) return { url: wsUrl, transport: "websocket" };
  }
  return { url: rpcUrl, transport: "http" };
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

const FX_DESK_ABI = [
  {
    type: "function",
    name: "fxDesk",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "address" }],
  },
] as const;

/**
 * The cross-currency escrow's desk: it deploys the desk in its constructor, which emits no event
 * naming it (so no factory can find it), and the address never changes: read once.
 */
async function fxDeskOf(rpcUrl: string, fxEscrow: HexString): Promise<HexString> {
  const overSocket = /^wss?:\/\//.test(rpcUrl);
  const client = createPublicClient({ transport: overSocket ? webSocket(rpcUrl) : http(rpcUrl) });
  try {
    return address(
      await client.readContract({ abi: FX_DESK_ABI, address: fxEscrow, functionName: "fxDesk" }),
      "the cross-currency escrow's desk",
    );
  } catch (err) {
    throw new Error(`explorer: cannot read fxDesk() of the cross-currency escrow ${fxEscrow}`, {
      cause: err,
    });
  } finally {
    // A socket left open would keep the tools that read the settings alive.
    if (overSocket) {
      const transport = client.transport as { getRpcClient?: () => Promise<{ close(): void }> };
      (await transport.getRpcClient?.())?.close();
    }
  }
}

/** Reads and checks the settings (see `ponder.config.ts` for the variables). */
export async function explorerSettings(env: NodeJS.ProcessEnv): Promise<ExplorerSettings> {
  const rpcUrl = required(env, "TRADECHAIN_RPC_URL");
  const chainId = wholeNumber(required(env, "TRADECHAIN_CHAIN_ID"), "TRADECHAIN_CHAIN_ID");
  let escrow: unknown;
  let registry: unknown;
  let tokens: unknown;
  let fxEscrow: unknown;
  let startBlock: number;
  const folder = env.TRADECHAIN_DEPLOYMENT?.trim();
  if (folder !== undefined && folder !== "") {
    const deployment = await readIgnitionDeployment(folder);
    ({ escrow, registry, tokens, fxEscrow } = deployment.addresses);
    startBlock =
      env.TRADECHAIN_START_BLOCK !== undefined
        ? wholeNumber(env.TRADECHAIN_START_BLOCK, "TRADECHAIN_START_BLOCK")
        : (deployment.deploymentBlock ?? 0);
  } else {
    const text = required(env, "TRADECHAIN_ADDRESSES");
    let parsed: { escrow?: unknown; registry?: unknown; tokens?: unknown; fxEscrow?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (err) {
      throw new Error(`explorer: TRADECHAIN_ADDRESSES is not JSON: ${text}`, { cause: err });
    }
    ({ escrow, registry, tokens, fxEscrow } = parsed);
    startBlock = wholeNumber(required(env, "TRADECHAIN_START_BLOCK"), "TRADECHAIN_START_BLOCK");
  }
  if (typeof tokens !== "object" || tokens === null || Object.keys(tokens).length === 0) {
    throw new Error(`explorer: the deployment names no settlement token`);
  }
  const tokenAddresses = Object.entries(tokens as Record<string, unknown>).map(([code, a]) =>
    address(a, `token ${code}`),
  );
  let fx: ExplorerSettings["addresses"]["fx"];
  if (fxEscrow !== undefined && fxEscrow !== null) {
    const fxAddress = address(fxEscrow, "fxEscrow");
    fx = { escrow: fxAddress, desk: await fxDeskOf(rpcUrl, fxAddress) };
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const lane = await laneTransport(env, rpcUrl, chainId);
  const lanes =
    env.TRADECHAIN_RPC_LANES !== undefined
      ? wholeNumber(env.TRADECHAIN_RPC_LANES, "TRADECHAIN_RPC_LANES")
      : !isLoopback(lane.url)
        ? 1
        : lane.transport === "websocket"
          ? LOOPBACK_WS_LANES
          : LOOPBACK_RPC_LANES;
  if (lanes < 1 || lanes > MAX_RPC_LANES) {
    throw new Error(`explorer: TRADECHAIN_RPC_LANES must be 1-${MAX_RPC_LANES}, got ${lanes}`);
  }
  return {
    rpcUrl,
    rpcUrls: Array.from({ length: lanes }, () => lane.url),
    rpcTransport: lane.transport,
    chainId,
    addresses: {
      escrow: address(escrow, "escrow"),
      registry: address(registry, "registry"),
      tokens: tokenAddresses,
      fx,
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
