/**
 * A fresh explorer for one test suite: its own hardhat node, deployment (Ignition through the
 * CLI), the demo's scenarios, and an indexer on its own PGlite directory (or, with
 * `DATABASE_URL`, its own Postgres database), caught up with the chain. `close()` stops everything
 * and removes what it wrote.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { JsonRpcProvider } from "ethers";

import { devWallets } from "@tradechain/devkit/accounts";
import { playDemo, type ScenarioOutcome, type Stage } from "@tradechain/devkit/demo";
import { deploySuite, IGNITION_DEPLOYMENTS, type SuiteDeployment } from "@tradechain/devkit/deploy";
import {
  type Child,
  freePort,
  runChecked,
  type LocalNode,
  nodeProvider,
  startNode,
  stop,
} from "@tradechain/devkit/nodes";
import { TradeChainClient } from "@tradechain/sdk";

import { type IndexerOptions, startIndexer, waitCaughtUp } from "../harness.js";
import { type FxFixture, playFxOrders } from "./fx-orders.js";

/** A running explorer on demo data. */
export interface ExplorerFixture {
  /** The node (replaced by `restartNode`). */
  readonly node: LocalNode;
  readonly deployment: SuiteDeployment;
  readonly api: string;
  readonly provider: JsonRpcProvider;
  /** An SDK client on the same deployment (for comparisons with the chain). */
  readonly client: TradeChainClient;
  readonly stage: Stage;
  readonly outcomes: readonly ScenarioOutcome[];
  /** The cross-currency orders (`fx: true`), made after the demo's. */
  readonly fx: FxFixture | undefined;
  readonly indexer: Child;
  /** How the indexer was started (a replica reads the same database with the same settings). */
  readonly indexerOptions: IndexerOptions;
  readonly workDir: string;
  /** GET a JSON route: status and parsed body. */
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Starts the indexer again (after `stopIndexer`), on the same database. */
  restartIndexer(): Promise<void>;
  stopIndexer(): Promise<void>;
  /** Stops the node and starts a fresh one on the same port: a chain reset. */
  restartNode(): Promise<void>;
  close(): Promise<void>;
}

/**
 * On Postgres, a database of the suite's own (from `DATABASE_URL`'s server, made with `createdb`):
 * Ponder keeps what it fetched from the chain in one `ponder_sync` schema per database, by chain
 * id, and every suite's node is chain 31337, so suites sharing a database would read each other's
 * blocks.
 */
async function suiteDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(process.env.DATABASE_URL ?? "");
  const connection = [
    ["-h", url.hostname],
    ["-p", url.port || "5432"],
    ["-U", decodeURIComponent(url.username)],
  ].flat();
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  await runChecked("createdb", [...connection, name], env, "createdb (Postgres' tools on PATH)");
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await runChecked("dropdb", [...connection, "--if-exists", "--force", name], env, "dropdb");
    },
  };
}

/**
 * Starts a fresh explorer on demo data; `indexerEnv` adds to the indexer's environment, `fx` adds
 * the cross-currency orders of `fx-orders.ts` after the demo's.
 */
export async function startExplorerFixture(
  name: string,
  indexerEnv: Readonly<Record<string, string>> = {},
  options: { readonly fx?: boolean } = {},
): Promise<ExplorerFixture> {
  const workDir = await mkdtemp(join(tmpdir(), `tradechain-explorer-${name}-`));
  let node: LocalNode | undefined;
  let indexer: Child | undefined;
  const deploymentId = `explorer-test-${name}-${process.pid}`;
  const provider = { current: undefined as JsonRpcProvider | undefined };
  const schema = `t_${name.replace(/\W/g, "_")}_${process.pid}`;
  let database: Awaited<ReturnType<typeof suiteDatabase>> | undefined;
  const close = async () => {
    await stop(indexer);
    await stop(node?.child);
    await database?.drop();
    provider.current?.destroy();
    await rm(join(IGNITION_DEPLOYMENTS, deploymentId), { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    if ((process.env.DATABASE_URL ?? "") !== "") database = await suiteDatabase(schema);
    node = await startNode("hardhat", { logDir: workDir });
    const deployment = await deploySuite(node.url, deploymentId);
    provider.current = nodeProvider(node.url);
    const { stage, outcomes } = await playDemo(provider.current, deployment);
    const fx =
      options.fx === true ? await playFxOrders(provider.current, deployment, stage) : undefined;
    const [admin] = devWallets(provider.current, 1);
    const client = new TradeChainClient(admin, deployment.addresses, {
      fromBlock: deployment.startBlock,
    });
    const port = await freePort();
    const api = `http://127.0.0.1:${port}`;
    const indexerOptions: IndexerOptions = {
      rpcUrl: node.url,
      chainId: node.chainId,
      deploymentFolder: deployment.folder,
      port,
      pgliteDir: join(workDir, "pglite"),
      databaseUrl: database?.url,
      schema,
      log: join(workDir, "indexer.log"),
      env: indexerEnv,
    };
    indexer = await startIndexer(indexerOptions);
    await waitCaughtUp(api, node.url, { child: indexer });
    const fixture: ExplorerFixture = {
      get node() {
        if (node === undefined) throw new Error("no node");
        return node;
      },
      deployment,
      api,
      provider: provider.current,
      client,
      stage,
      outcomes,
      fx,
      get indexer() {
        if (indexer === undefined) throw new Error("the indexer is stopped");
        return indexer;
      },
      indexerOptions,
      workDir,
      async get(path) {
        const response = await fetch(`${api}${path}`, { signal: AbortSignal.timeout(10_000) });
        return {
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
        };
      },
      async stopIndexer() {
        await stop(indexer);
        indexer = undefined;
      },
      async restartIndexer() {
        indexer = await startIndexer(indexerOptions);
      },
      async restartNode() {
        const port = Number(new URL(node?.url ?? "").port);
        await stop(node?.child);
        node = await startNode("hardhat", { logDir: workDir, port });
      },
      close,
    };
    return fixture;
  } catch (err) {
    await close();
    throw err;
  }
}
