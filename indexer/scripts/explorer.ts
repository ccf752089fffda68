/**
 * `npm run explorer` — the TradeChain Explorer in one command. After the contracts, the ABIs and
 * the page are built (the npm script does that first), starts a `hardhat node` on a free loopback
 * port, deploys the suite with Ignition (the CLI's `tradechain:deploy`), plays the demo's
 * scenarios on it, starts the indexer with its page and API (one process, one port), prints the
 * URL and shows progress (blocks indexed / head) until it has caught up. Ctrl-C stops everything.
 *
 * `npm run explorer -- --rpc URL --deployment ID` follows an existing network instead: the Ignition
 * deployment `ignition/deployments/ID` gives the addresses and start block.
 * Other options: `--port N` (default: a free port), `--data DIR` (PGlite directory, default
 * `indexer/.ponder/explorer-<chain>`; `DATABASE_URL` selects Postgres instead).
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { playDemo } from "@tradechain/devkit/demo";
import {
  deploySuite,
  IGNITION_DEPLOYMENTS,
  readDeployment,
  type SuiteDeployment,
} from "@tradechain/devkit/deploy";
import { freePort, nodeProvider, rpcCall, startNode, stopAll } from "@tradechain/devkit/nodes";

import { INDEXER, indexerStatus, startIndexer } from "../harness.js";

const USAGE = "usage: npm run explorer [-- --rpc URL --deployment ID] [--port N] [--data DIR]";

let options: { rpc?: string; deployment?: string; port?: string; data?: string };
try {
  options = parseArgs({
    options: {
      rpc: { type: "string" },
      deployment: { type: "string" },
      port: { type: "string" },
      data: { type: "string" },
    },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}
if ((options.rpc === undefined) !== (options.deployment === undefined)) {
  console.error(`--rpc and --deployment go together\n${USAGE}`);
  process.exit(2);
}
if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) {
  console.error(`--port must be a port number, got "${options.port}"\n${USAGE}`);
  process.exit(2);
}

const written: string[] = [];
let stopping: Promise<never> | undefined;
/** Stops every child and removes the run's folders, once, whoever asks first; then exits. */
function shutDown(code: number): Promise<never> {
  stopping ??= (async () => {
    console.log("\nStopping the explorer…");
    await stopAll();
    for (const dir of written) await rm(dir, { recursive: true, force: true });
    process.exit(code);
  })();
  return stopping;
}
process.on("SIGINT", () => void shutDown(0));
process.on("SIGTERM", () => void shutDown(0));

const step = (text: string) => console.log(`▶ ${text}`);

/** Reads a JSON route of the explorer (undefined when it does not answer 200). */
async function read(url: string): Promise<Record<string, unknown> | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A few links to start from, taken from what was indexed: an order (one with a dispute when there
 * is one), its product and HS heading, its seller, a country with lists, and the order in Chinese.
 */
async function exampleLinks(url: string): Promise<string[]> {
  const [recent, countries] = await Promise.all([
    read(`${url}/api/orders?limit=100`),
    read(`${url}/api/countries`),
  ]);
  type Order = { id: string; status: string; productId: string; seller: string };
  const orders = (recent?.orders ?? []) as Order[];
  const order = orders.find((o) => o.status === "Resolved") ?? orders[0];
  const country = ((countries?.countries ?? []) as { country: string | null }[]).find(
    (c) => c.country !== null,
  );
  const links: [string, string][] = [];
  if (order !== undefined) {
    links.push(["an order", `/order/${order.id}`]);
    const product = await read(`${url}/api/products/${order.productId}`);
    links.push(["its product", `/product/${order.productId}`]);
    if (typeof product?.hsCodeText === "string") {
      links.push(["its HS heading", `/hs/${product.hsCodeText.slice(0, 4)}`]);
    }
    links.push(["its seller", `/participant/${order.seller}`]);
  }
  if (country?.country) links.push([`${country.country}'s lists`, `/country/${country.country}`]);
  if (order !== undefined) links.push(["the order in Chinese", `/order/${order.id}?lang=zh-CN`]);
  if (links.length === 0) return [];
  return ["  try:", ...links.map(([what, path]) => `    ${what.padEnd(22)} ${url}${path}`)];
}

/** The chain at `--rpc` and the deployment on it, checked before anything is built or started. */
async function followedChain(rpcUrl: string, deploymentId: string) {
  let chainId: number;
  try {
    chainId = Number(await rpcCall(rpcUrl, "eth_chainId"));
  } catch (err) {
    throw new Error(
      `cannot reach --rpc ${rpcUrl}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const deployment = await readDeployment(deploymentId);
  const code = await rpcCall(rpcUrl, "eth_getCode", [deployment.addresses.escrow, "latest"]);
  if (code === "0x") {
    throw new Error(
      `chain ${chainId} at ${rpcUrl} has no escrow at ${deployment.addresses.escrow}: ` +
        `is --deployment ${deploymentId} a deployment on this chain?`,
    );
  }
  return { chainId, deployment };
}

try {
  const workDir = join(INDEXER, ".ponder", `run-${process.pid}`);
  written.push(workDir);
  // The run's folder holds the indexer's log and PGlite directory whichever chain it follows.
  await mkdir(workDir, { recursive: true });
  let rpcUrl = options.rpc ?? "";
  let chainId = 0;
  let deployment: SuiteDeployment | undefined;
  if (options.rpc !== undefined && options.deployment !== undefined) {
    ({ chainId, deployment } = await followedChain(options.rpc, options.deployment));
    step(`following chain ${chainId} at ${rpcUrl}, deployment ${options.deployment}`);
  } else {
    step("starting hardhat node");
    const node = await startNode("hardhat", { logDir: workDir });
    rpcUrl = node.url;
    chainId = node.chainId;
    console.log(`  node at ${rpcUrl} (chain ${chainId})`);
    const id = `explorer-${process.pid}`;
    written.push(join(IGNITION_DEPLOYMENTS, id));
    step("deploying the suite with Ignition");
    deployment = await deploySuite(rpcUrl, id);
    console.log(
      `  escrow ${deployment.addresses.escrow}, registry ${deployment.addresses.registry}`,
    );
    step("playing the demo's scenarios");
    const provider = nodeProvider(rpcUrl);
    const { outcomes } = await playDemo(provider, deployment).finally(() => provider.destroy());
    for (const o of outcomes) console.log(`  ${o.status.padEnd(9)} ${o.title}`);
  }

  const port = options.port !== undefined ? Number(options.port) : await freePort();
  const pgliteDir = options.data ?? join(workDir, "pglite");
  step(
    `starting the indexer (${process.env.DATABASE_URL ? "Postgres" : `PGlite in ${pgliteDir}`})`,
  );
  const indexer = await startIndexer({
    rpcUrl,
    chainId,
    deploymentFolder: deployment.folder,
    port,
    pgliteDir,
    databaseUrl: process.env.DATABASE_URL,
    schema: `explorer_${chainId}_${process.pid}`,
    log: join(workDir, "indexer.log"),
  });
  const url = `http://127.0.0.1:${port}`;
  console.log(`\n  TradeChain Explorer: ${url}/   (API ${url}/api/status, GraphQL ${url}/graphql)`);
  console.log(`  indexer log: ${indexer.log}\n  Ctrl-C stops everything.\n`);

  let lastLine = "";
  let caughtUp = false;
  for (;;) {
    if (stopping !== undefined) await stopping;
    if (indexer.process.exitCode !== null) {
      console.error(`\nthe indexer stopped (exit ${indexer.process.exitCode}):\n${indexer.tail()}`);
      await shutDown(1);
    }
    const s = await indexerStatus(url);
    if (s !== undefined) {
      const line = s.stale
        ? `STALE: ${s.problems.join("; ")}`
        : `indexed block ${s.indexedBlock ?? "-"} / head ${s.headBlock ?? "-"}, ${s.eventsIndexed} events` +
          (s.caughtUp ? " — caught up" : "");
      if (line !== lastLine) {
        if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K  ${line}`);
        else console.log(`  ${line}`);
        lastLine = line;
      }
      if (s.caughtUp && !caughtUp) {
        caughtUp = true;
        if (process.stdout.isTTY) process.stdout.write("\n");
        console.log(
          `  open ${url}/ — search an order id, an address, a GTIN, an HS code or a country`,
        );
        for (const line of await exampleLinks(url)) console.log(line);
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
} catch (err) {
  console.error(`\nexplorer: ${err instanceof Error ? err.message : String(err)}`);
  await shutDown(1);
}
