/**
 * Runs the platform example (docs/examples/sdk-platform.ts, compiled in a project that installed
 * the packed SDK) against the explorer, for `npm run test:sdk-pack`:
 *  1. starts the explorer (`ponder start`, PGlite in a temporary folder) on the given node and
 *     deployment, with an admin token and short webhook retries, and waits until it caught up;
 *  2. registers the example's receiver (a free loopback port) for the seller's orders through the
 *     admin API, and hands the example the endpoint's secret;
 *  3. mines a block every second while the example runs (a chain that makes blocks: both the
 *     example's watcher and the explorer's webhooks wait for confirmations);
 *  4. runs the example under the given Node in the project, prints what it printed, then checks
 *     in the admin API that every delivery of the endpoint was delivered.
 * The explorer is stopped and the folder removed whatever happens; exits non-zero on any failure.
 *
 *   tsx indexer/scripts/platform-run.ts --rpc <url> --deployment <ignition folder> \
 *     --seller <address> --project <dir> --example out/sdk-platform.js [--node <node binary>]
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

import { type Child, freePort, rpcCall, runCommand, stopAll } from "@tradechain/devkit/nodes";

import { startIndexer, waitCaughtUp } from "../harness.js";

/** Blocks an event's block needs below the indexed head before its webhook goes out. */
const CONFIRMATIONS = 2;
/** How often the chain makes a block while the example runs. */
const BLOCK_EVERY_MS = 1000;
/** Webhook settings that make a retry come within seconds (the example forces one). */
const WEBHOOK_ENV = {
  TRADECHAIN_WEBHOOK_CONFIRMATIONS: String(CONFIRMATIONS),
  TRADECHAIN_WEBHOOK_RETRY_BASE_MS: "500",
  TRADECHAIN_WEBHOOK_RETRY_MAX_MS: "2000",
  TRADECHAIN_WEBHOOK_MAX_ATTEMPTS: "8",
  TRADECHAIN_WEBHOOK_TIMEOUT_MS: "5000",
  TRADECHAIN_WEBHOOK_POLL_MS: "200",
};

const { values } = parseArgs({
  options: {
    rpc: { type: "string" },
    deployment: { type: "string" },
    seller: { type: "string" },
    project: { type: "string" },
    example: { type: "string" },
    node: { type: "string", default: process.execPath },
  },
});
function option(name: keyof typeof values): string {
  const value = values[name];
  if (value === undefined || value === "") throw new Error(`platform-run: --${name} is required`);
  return value;
}
const rpc = option("rpc");
const token = randomBytes(24).toString("hex");
const work = await mkdtemp(join(tmpdir(), "tradechain-platform-"));
let indexer: Child | undefined;
let miner: NodeJS.Timeout | undefined;

/** Stops the miner, the explorer and the example (every child of this process); removes the folder. */
async function cleanUp(): Promise<void> {
  clearInterval(miner);
  await stopAll();
  await rm(work, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
}

/** A request to the admin API: status and parsed body. */
async function admin(api: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${api}/api/admin/webhooks${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

try {
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  indexer = await startIndexer({
    rpcUrl: rpc,
    chainId: Number(await rpcCall(rpc, "eth_chainId")),
    deploymentFolder: resolve(option("deployment")), // ponder runs in indexer/
    port,
    pgliteDir: join(work, "pglite"),
    schema: `platform_${process.pid}`,
    log: join(work, "indexer.log"),
    env: { TRADECHAIN_ADMIN_TOKEN: token, ...WEBHOOK_ENV },
  });
  await waitCaughtUp(api, rpc, { child: indexer });
  console.log(`explorer on ${api}, caught up`);

  const receiverPort = await freePort();
  const made = await admin(api, "POST", "", {
    url: `http://127.0.0.1:${receiverPort}/tradechain`,
    accounts: [option("seller")],
  });
  if (made.status !== 201) throw new Error(`registering: ${made.status} ${JSON.stringify(made)}`);
  const { id, secret } = made.body as { id: string; secret: string };
  console.log(`receiver on port ${receiverPort} registered as ${id}`);

  miner = setInterval(() => void rpcCall(rpc, "evm_mine").catch(() => undefined), BLOCK_EVERY_MS);
  const env = {
    ...process.env,
    TRADECHAIN_RPC_URL: rpc,
    WEBHOOK_PORT: String(receiverPort),
    TRADECHAIN_WEBHOOK_SECRET: secret,
  };
  const result = await runCommand(option("node"), [option("example")], env, option("project"));
  clearInterval(miner);
  process.stdout.write(result.stdout);
  if (result.code !== 0) {
    throw new Error(`the example exited with ${result.code}:\n${result.stderr}\n${indexer.tail()}`);
  }

  // The last answer may reach the explorer's database a moment after the example exits.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const listed = await admin(api, "GET", `/${id}/deliveries`);
    const deliveries = listed.body.deliveries as { state: string; attempts: number }[];
    const delivered = deliveries.filter((d) => d.state === "delivered");
    if (deliveries.length > 0 && delivered.length === deliveries.length) {
      const retried = delivered.filter((d) => d.attempts > 1).length;
      console.log(`admin API: ${delivered.length} deliveries, all delivered, ${retried} retried`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`deliveries: ${JSON.stringify(deliveries)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await cleanUp();
}
