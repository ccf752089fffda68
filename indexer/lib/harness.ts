/**
 * Starting and stopping the explorer's parts as child processes, shared by `npm run explorer`,
 * the explorer tests and the benchmark: a `hardhat node` on a free loopback port, a deployment
 * through the CLI (Ignition), the demo's scenarios on it, and the indexer (`ponder start`) with
 * its page. Every wait is bounded; every child is remembered and stopped by `stopAll`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { HDNodeWallet, JsonRpcProvider, Mnemonic, type Wallet } from "ethers";

import { readIgnitionDeployment, type TradeChainAddresses } from "@tradechain/sdk";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The indexer's folder (Ponder's root). */
export const INDEXER = join(ROOT, "indexer");
/** Where Ignition keeps deployments. */
export const IGNITION_DEPLOYMENTS = join(ROOT, "ignition", "deployments");
const HARDHAT_CLI = join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const PONDER_CLI = join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
/**
 * The indexer's young-generation semi-space (MB): V8 starts it small and grows it, and under 50
 * clients the small one's frequent scavenges stall requests (measured in bench:explorer: first
 * round p99 about 44 ms with the default, 36 ms with 64; docs/explorer.md).
 */
const INDEXER_SEMI_SPACE_MB = 64;
/** The development mnemonic hardhat node funds. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** Most seconds a node or the indexer may take to answer after starting. */
export const START_TIMEOUT_S = 120;
/** Most seconds one CLI command may take. */
export const COMMAND_TIMEOUT_S = 300;
const STOP_GRACE_S = 5;

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

/** A child process with its log file. */
export interface Child {
  readonly process: ChildProcess;
  readonly log: string;
  /** The last lines it printed (for error messages). */
  tail(): string;
}

function start(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
  cwd = ROOT,
): Child {
  const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const out: WriteStream = createWriteStream(log);
  let recent = "";
  const keep = (d: Buffer) => {
    recent = (recent + d.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  child.once("exit", () => children.delete(child));
  return { process: child, log, tail: () => recent.trim().split("\n").slice(-15).join("\n") };
}

/** Stops a child: SIGTERM, then SIGKILL after a grace period. */
export async function stop(child: Child | undefined): Promise<void> {
  if (child === undefined) return;
  const p = child.process;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
  p.kill("SIGTERM");
  const timer = setTimeout(() => p.kill("SIGKILL"), STOP_GRACE_S * 1000);
  await exited;
  clearTimeout(timer);
}

/** Stops every child this process started. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((p) => stop({ process: p, log: "", tail: () => "" })));
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** A JSON-RPC call to a node (`evm_snapshot`, `eth_blockNumber`, …). */
export const rpcCall = rpc;

/** A running local node. */
export interface LocalNode {
  readonly url: string;
  readonly chainId: number;
  readonly child: Child;
}

/** Starts `hardhat node` on a free loopback port and waits until it answers. */
export async function startHardhatNode(workDir: string, atPort?: number): Promise<LocalNode> {
  await mkdir(workDir, { recursive: true });
  const port = atPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = start(
    process.execPath,
    [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)],
    process.env,
    join(workDir, `node-${port}-${Date.now()}.log`),
  );
  const deadline = Date.now() + START_TIMEOUT_S * 1000;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(`hardhat node exited with code ${child.process.exitCode}:\n${child.tail()}`);
    }
    try {
      const id = (await rpc(url, "eth_chainId")) as string;
      return { url, chainId: Number(id), child };
    } catch {
      if (Date.now() > deadline) throw new Error(`hardhat node did not answer at ${url}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Runs a command to completion (bounded); throws with its output when it fails. */
export async function runCommand(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  what: string,
): Promise<string> {
  const child = spawn(file, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_S * 1000);
  const code = await new Promise<number>((resolve) => child.once("close", (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  children.delete(child);
  if (code !== 0) throw new Error(`${what} failed (exit ${code}):\n${output.trim()}`);
  return output;
}

/** A deployment recorded by Ignition. */
export interface SuiteDeployment {
  readonly id: string;
  readonly folder: string;
  readonly addresses: TradeChainAddresses;
  readonly startBlock: number;
}

/** Deploys the suite on the node with the CLI (`tradechain:deploy`, i.e. Ignition). */
export async function deploySuite(nodeUrl: string, deploymentId: string): Promise<SuiteDeployment> {
  await runCommand(
    process.execPath,
    [HARDHAT_CLI, "tradechain:deploy", "--network", "localhost", "--deployment-id", deploymentId],
    { ...process.env, LOCALHOST_RPC_URL: nodeUrl },
    "tradechain:deploy",
  );
  return readDeployment(deploymentId);
}

/** Reads an Ignition deployment by id. */
export async function readDeployment(deploymentId: string): Promise<SuiteDeployment> {
  const folder = join(IGNITION_DEPLOYMENTS, deploymentId);
  const { addresses, deploymentBlock } = await readIgnitionDeployment(folder);
  return { id: deploymentId, folder, addresses, startBlock: deploymentBlock ?? 0 };
}

/** A provider for a node that neither caches calls nor polls slowly. */
export function nodeProvider(url: string): JsonRpcProvider {
  const provider = new JsonRpcProvider(url, undefined, { cacheTimeout: -1, staticNetwork: true });
  provider.pollingInterval = 20;
  return provider;
}

/** The node's first `count` development accounts as wallets on `provider`. */
export function devWallets(provider: JsonRpcProvider, count: number): Wallet[] {
  const mnemonic = Mnemonic.fromPhrase(DEV_MNEMONIC);
  return Array.from(
    { length: count },
    (_, i) =>
      HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`).connect(
        provider,
      ) as unknown as Wallet,
  );
}

/** How to start the indexer. */
export interface IndexerOptions {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly deploymentFolder: string;
  readonly port: number;
  /** PGlite directory (ignored with `databaseUrl`). */
  readonly pgliteDir: string;
  /** Postgres, instead of PGlite. */
  readonly databaseUrl?: string;
  /** Database schema (Postgres); each run its own. */
  readonly schema: string;
  readonly log: string;
}

/** Environment every Ponder process gets. */
export const PONDER_ENV = { PONDER_TELEMETRY_DISABLED: "true" } as const;

/** Starts `ponder start` in `indexer/` and returns once its server answers. */
export async function startIndexer(options: IndexerOptions): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...PONDER_ENV,
    TRADECHAIN_RPC_URL: options.rpcUrl,
    TRADECHAIN_CHAIN_ID: String(options.chainId),
    TRADECHAIN_DEPLOYMENT: options.deploymentFolder,
    TRADECHAIN_PGLITE_DIR: options.pgliteDir,
    DATABASE_URL: options.databaseUrl ?? "",
    DATABASE_SCHEMA: options.schema,
  };
  const child = start(
    process.execPath,
    [
      `--max-semi-space-size=${INDEXER_SEMI_SPACE_MB}`,
      PONDER_CLI,
      "--log-format",
      "json",
      "start",
      "--port",
      String(options.port),
      "--hostname",
      "127.0.0.1",
      "--schema",
      options.schema,
    ],
    env,
    options.log,
    INDEXER,
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + START_TIMEOUT_S * 1000;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(`the indexer exited with code ${child.process.exitCode}:\n${child.tail()}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the indexer did not answer at ${url}:\n${child.tail()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What `/api/status` says. */
export interface IndexerStatus {
  readonly indexedBlock: string | null;
  readonly headBlock: string | null;
  readonly blocksBehind: string;
  readonly eventsIndexed: string;
  readonly caughtUp: boolean;
  readonly stale: boolean;
  readonly problems: string[];
}

/** Reads the indexer's status (undefined while its tables are not ready). */
export async function indexerStatus(url: string): Promise<IndexerStatus | undefined> {
  try {
    const response = await fetch(`${url}/api/status`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    return (await response.json()) as IndexerStatus;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the indexer has caught up with the chain's head at the time of the call (or with
 * `block`), reporting progress; throws after `timeoutS`.
 */
export async function waitCaughtUp(
  url: string,
  nodeUrl: string,
  options: { timeoutS?: number; onProgress?: (s: IndexerStatus) => void; child?: Child } = {},
): Promise<IndexerStatus> {
  const target = BigInt((await rpc(nodeUrl, "eth_blockNumber")) as string);
  const deadline = Date.now() + (options.timeoutS ?? START_TIMEOUT_S) * 1000;
  for (;;) {
    const s = await indexerStatus(url);
    if (s !== undefined) {
      options.onProgress?.(s);
      if (s.indexedBlock !== null && BigInt(s.indexedBlock) >= target) return s;
    }
    if (options.child !== undefined && options.child.process.exitCode !== null) {
      throw new Error(`the indexer exited:\n${options.child.tail()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`the indexer did not reach block ${target} (status ${JSON.stringify(s)})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
