/**
 * Running the explorer as a child process, for its own scripts (`npm run explorer`, the benchmark)
 * and tests: `ponder start` in this folder with the settings `settings.ts` reads, waited for until
 * it answers, and its `/api/status` asked until it has caught up with the chain. The node, the
 * deployment and the demo's data it follows come from the dev kit.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import {
  type Child,
  NODE_START_TIMEOUT_S,
  REPOSITORY_ROOT,
  rpcCall,
  startProcess,
} from "@tradechain/devkit/nodes";

/** The explorer's folder (Ponder's root). */
export const INDEXER = fileURLToPath(new URL(".", import.meta.url));
const PONDER_CLI = join(
  REPOSITORY_ROOT,
  "node_modules",
  "ponder",
  "dist",
  "esm",
  "bin",
  "ponder.js",
);
/**
 * The indexer's young-generation semi-space (MB): V8 starts it small and grows it, and under 50
 * clients the small one's frequent scavenges stall requests (measured in bench:explorer: first
 * round p99 about 44 ms with the default, 36 ms with 64; docs/explorer.md).
 */
const INDEXER_SEMI_SPACE_MB = 64;

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
  /** More environment for the server (its limits: `indexer/src/api/settings.ts`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Environment every Ponder process gets. */
export const PONDER_ENV = { PONDER_TELEMETRY_DISABLED: "true" } as const;

/** Starts `ponder start` in `indexer/` and returns once its server answers. */
export function startIndexer(options: IndexerOptions): Promise<Child> {
  return startPonder("start", options);
}

/**
 * Starts `ponder serve` in `indexer/`: an API-only replica reading the same Postgres schema as the
 * indexer (`options.schema`), for read scale. Returns once its server answers.
 */
export async function startReplica(options: IndexerOptions): Promise<Child> {
  if (options.databaseUrl === undefined || options.databaseUrl === "") {
    throw new Error("a replica (ponder serve) reads Postgres: set DATABASE_URL");
  }
  return startPonder("serve", options);
}

async function startPonder(command: "start" | "serve", options: IndexerOptions): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...PONDER_ENV,
    TRADECHAIN_RPC_URL: options.rpcUrl,
    TRADECHAIN_CHAIN_ID: String(options.chainId),
    TRADECHAIN_DEPLOYMENT: options.deploymentFolder,
    TRADECHAIN_PGLITE_DIR: options.pgliteDir,
    DATABASE_URL: options.databaseUrl ?? "",
    DATABASE_SCHEMA: options.schema,
    ...options.env,
  };
  const child = startProcess(
    process.execPath,
    [
      `--max-semi-space-size=${INDEXER_SEMI_SPACE_MB}`,
      PONDER_CLI,
      "--log-format",
      "json",
      command,
      "--port",
      String(options.port),
      "--hostname",
      "127.0.0.1",
      "--schema",
      options.schema,
    ],
    { env, log: options.log, cwd: INDEXER },
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + NODE_START_TIMEOUT_S * 1000;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `ponder ${command} exited with code ${child.process.exitCode}:\n${child.tail()}`,
      );
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`ponder ${command} did not answer at ${url}:\n${child.tail()}`);
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
 * Waits until the indexer has caught up with the chain's head at the time of the call, reporting
 * progress; throws after `timeoutS`.
 */
export async function waitCaughtUp(
  url: string,
  nodeUrl: string,
  options: { timeoutS?: number; onProgress?: (s: IndexerStatus) => void; child?: Child } = {},
): Promise<IndexerStatus> {
  const target = BigInt((await rpcCall(nodeUrl, "eth_blockNumber")) as string);
  const deadline = Date.now() + (options.timeoutS ?? NODE_START_TIMEOUT_S) * 1000;
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

/** When Ponder's phases happened, from its JSON log (`--log-format json`): epoch milliseconds. */
export interface PonderPhases {
  /** "Started backfill indexing": the process has built, connected and made its tables. */
  readonly backfillStartedAt: number | undefined;
  /** "Started live indexing": the backfill (up to the finalised block) is indexed. */
  readonly liveStartedAt: number | undefined;
  /** "Finished fetching backfill JSON-RPC data": the time Ponder says it spent fetching. */
  readonly fetchMs: number;
  /** The sum of "Indexed block range" durations: the handlers and their database writes. */
  readonly handlersMs: number;
  /** "Connected to JSON-RPC": the lanes (one host name per URL listed) Ponder sends requests on. */
  readonly rpcLanes: number | undefined;
}

/** Reads {@link PonderPhases} from the indexer's log file. */
export async function ponderPhases(log: string): Promise<PonderPhases> {
  let backfillStartedAt: number | undefined;
  let liveStartedAt: number | undefined;
  let fetchMs = 0;
  let handlersMs = 0;
  let rpcLanes: number | undefined;
  for (const line of (await readFile(log, "utf8")).split("\n")) {
    if (!line.startsWith("{")) continue;
    let entry: { msg?: unknown; time?: unknown; duration?: unknown; hostnames?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    const time = typeof entry.time === "number" ? entry.time : undefined;
    const duration = typeof entry.duration === "number" ? entry.duration : 0;
    if (entry.msg === "Started backfill indexing") backfillStartedAt ??= time;
    else if (entry.msg === "Started live indexing") liveStartedAt ??= time;
    else if (entry.msg === "Finished fetching backfill JSON-RPC data") fetchMs += duration;
    else if (entry.msg === "Indexed block range") handlersMs += duration;
    else if (entry.msg === "Connected to JSON-RPC" && typeof entry.hostnames === "string") {
      try {
        rpcLanes = (JSON.parse(entry.hostnames) as unknown[]).length;
      } catch {
        // not the list it used to be
      }
    }
  }
  return { backfillStartedAt, liveStartedAt, fetchMs, handlersMs, rpcLanes };
}

/**
 * CPU seconds (user + system) a process has used since it started, from `/proc` (Linux; undefined
 * elsewhere). On a machine shared with other work it says what the indexer cost better than the
 * wall clock does.
 */
export async function processCpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on every Linux that Node supports.
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}
