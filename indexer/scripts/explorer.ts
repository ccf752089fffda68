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
import { rm } from "node:fs/promises";
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

try {
  const workDir = join(INDEXER, ".ponder", `run-${process.pid}`);
  written.push(workDir);
  let rpcUrl: string;
  let chainId: number;
  let deployment: SuiteDeployment;
  if (options.rpc !== undefined && options.deployment !== undefined) {
    rpcUrl = options.rpc;
    chainId = Number(await rpcCall(rpcUrl, "eth_chainId"));
    deployment = await readDeployment(options.deployment);
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
        console.log(`  open ${url}/ — search an order id, an address, a GTIN, or a country (PK)`);
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
} catch (err) {
  console.error(`\nexplorer: ${err instanceof Error ? err.message : String(err)}`);
  await shutDown(1);
}
