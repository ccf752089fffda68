/**
 * Local nodes and the processes around them, shared by the scripts, the explorer's tooling and
 * the tests: a free loopback port, a `hardhat node` or Anvil started on it and waited for, a
 * command run to completion, a JSON-RPC call, and a provider tuned for a local node. Every wait
 * is bounded; every child is remembered and stopped by {@link stopAll} (and killed, at the
 * latest, when this process exits).
 */
import { ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";

import {
  FetchRequest,
  type JsonRpcApiProviderOptions,
  JsonRpcProvider,
  type Networkish,
  toUtf8String,
} from "ethers";

import { ANVIL_BIN, HARDHAT_CLI, REPOSITORY_ROOT } from "./paths.js";

export { HARDHAT_CLI, REPOSITORY_ROOT };

/** Most seconds a node may take to answer JSON-RPC after starting. */
export const NODE_START_TIMEOUT_S = 120;
/** Most seconds one command (a deployment, the demo) may take. */
export const COMMAND_TIMEOUT_S = 300;
/** Seconds a child has to exit after SIGTERM before SIGKILL. */
const STOP_GRACE_S = 5;
/** Accounts a node is started with (the demo's cast needs 12). */
export const NODE_ACCOUNTS = 20;
/** Milliseconds between a local node provider's polls (ethers' default of 4 s would dominate). */
export const LOCAL_POLLING_INTERVAL_MS = 20;

const children = new Set<ChildProcess>();
// Last resort: no child outlives this process, whatever happens.
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

/** True for a URL of this machine. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host === "::1" || /^127\./.test(host);
}

/** One JSON-RPC call over HTTP (`eth_chainId`, `evm_mine`, …); a JSON-RPC error is thrown. */
export async function rpcCall(
  url: string,
  method: string,
  params: unknown[] = [],
): Promise<unknown> {
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

/** A child process with its log file. */
export interface Child {
  readonly process: ChildProcess;
  readonly log: string;
  /** The last lines it printed (for error messages). */
  tail(): string;
  /** Why it could not be started (e.g. its binary is missing), once that is known. */
  startError(): Error | undefined;
}

/** Starts a long-running child whose output goes to `log`; it is stopped by {@link stopAll}. */
export function startProcess(
  file: string,
  args: readonly string[],
  options: { readonly log: string; readonly env?: NodeJS.ProcessEnv; readonly cwd?: string },
): Child {
  const child = spawn(file, args, {
    cwd: options.cwd ?? REPOSITORY_ROOT,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let error: Error | undefined;
  child.once("error", (err) => (error = err));
  const out = createWriteStream(options.log);
  let recent = "";
  const keep = (d: Buffer) => {
    recent = (recent + d.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  child.once("exit", () => children.delete(child));
  return {
    process: child,
    log: options.log,
    tail: () => recent.trim().split("\n").slice(-15).join("\n"),
    startError: () => error,
  };
}

/** Stops a child: SIGTERM, then SIGKILL after a grace period. */
export async function stop(child: Child | ChildProcess | undefined): Promise<void> {
  const p = child === undefined || child instanceof ChildProcess ? child : child.process;
  if (p === undefined) return;
  if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) {
    children.delete(p);
    return;
  }
  const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
  p.kill("SIGTERM");
  const timer = setTimeout(() => p.kill("SIGKILL"), STOP_GRACE_S * 1000);
  await exited;
  clearTimeout(timer);
  children.delete(p);
}

/** Stops every child this process started. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stop(child)));
}

/**
 * Waits until `url` answers `eth_chainId` and returns the chain id; throws when `child` (the node
 * behind the URL, when this process started it) exits or cannot start, or after `timeoutS`.
 */
export async function waitForRpc(
  url: string,
  options: { readonly child?: Child; readonly timeoutS?: number } = {},
): Promise<number> {
  const timeoutS = options.timeoutS ?? NODE_START_TIMEOUT_S;
  const deadline = Date.now() + timeoutS * 1000;
  const { child } = options;
  for (;;) {
    const error = child?.startError();
    if (error !== undefined) throw new Error(`the node did not start: ${error.message}`);
    if (child !== undefined && child.process.exitCode !== null) {
      throw new Error(`the node exited with code ${child.process.exitCode}:\n${child.tail()}`);
    }
    try {
      return Number(await rpcCall(url, "eth_chainId"));
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no JSON-RPC answer at ${url} within ${timeoutS}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The local nodes the dev kit starts. */
export type NodeKind = "hardhat" | "anvil";

/** A running local node. */
export interface LocalNode {
  readonly kind: NodeKind;
  readonly url: string;
  readonly chainId: number;
  readonly child: Child;
}

/** The command that starts a node of `kind` on `port` with {@link NODE_ACCOUNTS} accounts. */
function nodeCommand(kind: NodeKind, port: number): { file: string; args: string[] } {
  const host = "127.0.0.1";
  return kind === "hardhat"
    ? {
        file: process.execPath,
        args: [HARDHAT_CLI, "node", "--hostname", host, "--port", String(port)],
      }
    : {
        file: ANVIL_BIN,
        args: ["--host", host, "--port", String(port), "--accounts", String(NODE_ACCOUNTS)],
      };
}

/**
 * Starts a `hardhat node` or Anvil on a free loopback port (or `port`), its output in a log file
 * in `logDir`, and waits until it answers.
 */
export async function startNode(
  kind: NodeKind,
  options: { readonly logDir: string; readonly port?: number },
): Promise<LocalNode> {
  await mkdir(options.logDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const { file, args } = nodeCommand(kind, port);
  const log = join(options.logDir, `${kind}-node-${port}-${Date.now()}.log`);
  const child = startProcess(file, args, { log });
  try {
    const chainId = await waitForRpc(url, { child });
    return { kind, url, chainId, child };
  } catch (err) {
    await stop(child);
    throw err;
  }
}

/** What a finished command did. */
export interface CommandResult {
  /** The exit code (-1 when it was killed). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to completion within {@link COMMAND_TIMEOUT_S} (then it is killed), in `cwd`
 * (default the repository's root).
 */
export async function runCommand(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = REPOSITORY_ROOT,
): Promise<CommandResult> {
  const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_S * 1000);
  const code = await new Promise<number>((resolve) => {
    child.once("error", () => resolve(-1));
    child.once("close", (c) => resolve(c ?? -1));
  });
  clearTimeout(timer);
  children.delete(child);
  return { code, stdout, stderr };
}

/** {@link runCommand}, throwing with the command's output when it fails; returns its stdout. */
export async function runChecked(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  what: string,
): Promise<string> {
  const { code, stdout, stderr } = await runCommand(file, args, env);
  if (code !== 0) throw new Error(`${what} failed (exit ${code}):\n${(stdout + stderr).trim()}`);
  return stdout;
}

/**
 * A JSON-RPC provider that counts the calls it makes, by method: each request's body is read by
 * its `FetchRequest`'s public `preflightFunc` just before it goes out.
 */
export class CountingProvider extends JsonRpcProvider {
  /** Calls made so far, by JSON-RPC method. */
  readonly calls: Map<string, number>;

  constructor(url: string, network?: Networkish, options?: JsonRpcApiProviderOptions) {
    const calls = new Map<string, number>();
    const request = new FetchRequest(url);
    request.preflightFunc = async (req) => {
      const body: unknown = req.body === null ? [] : JSON.parse(toUtf8String(req.body));
      for (const one of Array.isArray(body) ? body : [body]) {
        const method = (one as { method?: unknown }).method;
        if (typeof method === "string") calls.set(method, (calls.get(method) ?? 0) + 1);
      }
      return req;
    };
    super(request, network, options);
    this.calls = calls;
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
 * A provider for driving a local node fast: polls every {@link LOCAL_POLLING_INTERVAL_MS}, the
 * chain id asked once, each call sent at once (batching would hold every send for the batch
 * stall time), no cache (ethers caches identical calls for 250 ms, and a check that reads state
 * right after a write must see it), and calls counted.
 */
export function nodeProvider(url: string): CountingProvider {
  return new CountingProvider(url, undefined, {
    pollingInterval: LOCAL_POLLING_INTERVAL_MS,
    staticNetwork: true,
    cacheTimeout: -1,
    batchMaxCount: 1,
  });
}
