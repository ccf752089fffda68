/**
 * `npm run explorer -- --rpc URL --deployment ID` against a node started separately (the
 * fixture's, with the demo's data on it): the explorer follows that chain, serves the same order as
 * the fixture's own indexer, and on Ctrl-C stops what it started and removes its run folder while
 * the node it follows keeps running. Bad `--rpc` arguments are refused before anything starts.
 * And how the settings pick Ponder's transport and lanes: a loopback node that answers over a
 * WebSocket on its HTTP port (hardhat node) is asked over the WebSocket with 100 lanes; one that
 * only speaks HTTP gets 25 HTTP lanes; `TRADECHAIN_RPC_WS` turns it off or names the socket; any
 * other host gets one lane and is not probed.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { IGNITION_FUTURES } from "@tradechain/sdk";
import { IGNITION_DEPLOYMENTS } from "@tradechain/devkit/deploy";
import { freePort, REPOSITORY_ROOT, rpcCall } from "@tradechain/devkit/nodes";

import { INDEXER } from "../harness.js";
import { explorerSettings, LOOPBACK_RPC_LANES, LOOPBACK_WS_LANES } from "../settings.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

/** Generous: the explorer builds the contracts and the page before it starts the indexer. */
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 30_000;

let x: ExplorerFixture;

before(async () => {
  x = await startExplorerFixture("rpc");
});
after(async () => {
  await x?.close();
});

/** `npm run explorer -- …` as a child process, its output kept. */
function explorer(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "indexer/scripts/explorer.ts", ...args],
    {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  return { child, output: () => text };
}

function exited(child: ChildProcess, withinMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the explorer did not exit within ${withinMs} ms`));
    }, withinMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function caughtUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) assert.fail(`the explorer exited:\n${output()}`);
    try {
      const r = await fetch(`${url}/api/status`, { signal: AbortSignal.timeout(2000) });
      if (r.ok && ((await r.json()) as { caughtUp: boolean }).caughtUp) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`the explorer did not catch up within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

describe("npm run explorer -- --rpc URL --deployment ID", () => {
  it("follows a node started separately and leaves it running on Ctrl-C", async () => {
    const port = await freePort();
    const { child, output } = explorer([
      "--rpc",
      x.node.url,
      "--deployment",
      x.deployment.id,
      "--port",
      String(port),
    ]);
    const url = `http://127.0.0.1:${port}`;
    try {
      await caughtUp(url, child, output);
      assert.match(output(), new RegExp(`following chain ${x.node.chainId} at ${x.node.url}`));
      assert.match(output(), new RegExp(`TradeChain Explorer: ${url}/`));
      const status = (await (await fetch(`${url}/api/status`)).json()) as Record<string, unknown>;
      assert.equal(status.chainId, x.node.chainId);
      assert.equal(status.stale, false);
      const order = x.outcomes.find((o) => o.orderId !== undefined)?.orderId;
      assert.ok(order);
      // Both indexers are at the chain's head: the same order reads the same.
      const mine = await (await fetch(`${url}/api/orders/${order}`)).json();
      const theirs = (await x.get(`/api/orders/${order}`)).body;
      assert.deepEqual(mine, theirs);
      const page = await fetch(`${url}/order/${order}`);
      assert.equal(page.status, 200);
      // Once caught up, it prints links to start from, taken from what it indexed.
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (!/the order in Chinese/.test(output()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
      const tried = output().split("  try:\n")[1] ?? "";
      const links = [...tried.matchAll(/^ {4}.+? (http:\/\/\S+)$/gm)].map((m) =>
        m[1].slice(url.length),
      );
      assert.ok(
        links.some((l) => l.startsWith("/order/0x")),
        output(),
      );
      assert.ok(
        links.some((l) => l.startsWith("/hs/")),
        output(),
      );
      for (const path of links) {
        assert.equal((await fetch(`${url}${path}`)).status, 200, path);
      }
    } finally {
      child.kill("SIGINT");
    }
    assert.equal(await exited(child, STOP_TIMEOUT_MS), 0, output());
    assert.equal(existsSync(join(INDEXER, ".ponder", `run-${child.pid}`)), false, "run folder");
    assert.ok(Number(await rpcCall(x.node.url, "eth_blockNumber")) > 0, "the node still runs");
    assert.equal((await x.get("/api/status")).status, 200, "the fixture's indexer still runs");
  });

  it("refuses a node that does not answer, before starting anything", async () => {
    const closed = await freePort();
    const { child, output } = explorer([
      "--rpc",
      `http://127.0.0.1:${closed}`,
      "--deployment",
      x.deployment.id,
    ]);
    assert.equal(await exited(child, STOP_TIMEOUT_MS), 1);
    assert.match(output(), new RegExp(`cannot reach --rpc http://127.0.0.1:${closed}`));
    assert.doesNotMatch(output(), /starting/);
  });

  it("refuses a deployment that is not on the chain, and --rpc without --deployment", async () => {
    const missing = explorer(["--rpc", x.node.url, "--deployment", "no-such-deployment"]);
    assert.equal(await exited(missing.child, STOP_TIMEOUT_MS), 1);
    assert.match(missing.output(), /No Ignition deployment at .*no-such-deployment/);
    // A deployment record whose escrow address has no code on this chain (another chain's).
    const id = `explorer-test-elsewhere-${process.pid}`;
    const folder = join(IGNITION_DEPLOYMENTS, id);
    const record = JSON.parse(
      await readFile(join(x.deployment.folder, "deployed_addresses.json"), "utf8"),
    ) as Record<string, string>;
    const nowhere = `0x${"5e".repeat(20)}`;
    await mkdir(folder, { recursive: true });
    try {
      await writeFile(
        join(folder, "deployed_addresses.json"),
        JSON.stringify({ ...record, [IGNITION_FUTURES.escrow]: nowhere }),
      );
      const elsewhere = explorer(["--rpc", x.node.url, "--deployment", id]);
      assert.equal(await exited(elsewhere.child, STOP_TIMEOUT_MS), 1);
      assert.match(
        elsewhere.output(),
        /has no escrow at 0x5[eE]5[eE].*is --deployment .* on this chain/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const alone = explorer(["--rpc", x.node.url]);
    assert.equal(await exited(alone.child, STOP_TIMEOUT_MS), 2);
    assert.match(alone.output(), /--rpc and --deployment go together/);
  });
});

const CONTRACTS = {
  TRADECHAIN_ADDRESSES: JSON.stringify({
    escrow: `0x${"11".repeat(20)}`,
    registry: `0x${"22".repeat(20)}`,
    tokens: { USD: `0x${"33".repeat(20)}` },
  }),
  TRADECHAIN_START_BLOCK: "0",
};

/** A JSON-RPC server over HTTP only: it answers `eth_chainId`, refuses a WebSocket upgrade. */
let httpOnly: Server;
let httpOnlyUrl: string;

before(async () => {
  httpOnly = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x7a69" }));
    });
  });
  httpOnly.on("upgrade", (_req, socket) => {
    socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
  });
  await new Promise<void>((resolve) => httpOnly.listen(0, "127.0.0.1", resolve));
  const address = httpOnly.address();
  assert.ok(address !== null && typeof address === "object");
  httpOnlyUrl = `http://127.0.0.1:${address.port}`;
});
after(async () => {
  await new Promise((resolve) => httpOnly?.close(resolve));
});

const settingsFor = (env: Record<string, string>) =>
  explorerSettings({ ...CONTRACTS, TRADECHAIN_CHAIN_ID: "31337", ...env });

describe("RPC transport and lanes", () => {
  it("asks a loopback hardhat node over its WebSocket, 100 lanes on the same host and port", async () => {
    const s = await settingsFor({ TRADECHAIN_RPC_URL: x.node.url });
    const ws = x.node.url.replace(/^http:/, "ws:");
    assert.equal(s.rpcTransport, "websocket");
    assert.equal(s.rpcUrls.length, LOOPBACK_WS_LANES);
    assert.ok(
      s.rpcUrls.every((u) => u.replace(/\/$/, "") === ws),
      s.rpcUrls[0],
    );
    assert.equal(s.rpcUrl, x.node.url);
  });

  it("keeps HTTP with 25 lanes for a node that refuses the upgrade, or a chain id that differs", async () => {
    const s = await settingsFor({ TRADECHAIN_RPC_URL: httpOnlyUrl });
    assert.equal(s.rpcTransport, "http");
    assert.deepEqual(
      s.rpcUrls,
      Array.from({ length: LOOPBACK_RPC_LANES }, () => httpOnlyUrl),
    );
    const other = await settingsFor({ TRADECHAIN_RPC_URL: x.node.url, TRADECHAIN_CHAIN_ID: "1" });
    assert.equal(other.rpcTransport, "http");
  });

  it("TRADECHAIN_RPC_WS: off keeps HTTP, a URL is used as it is, anything else is refused", async () => {
    const off = await settingsFor({ TRADECHAIN_RPC_URL: x.node.url, TRADECHAIN_RPC_WS: "off" });
    assert.equal(off.rpcTransport, "http");
    assert.deepEqual(
      off.rpcUrls,
      Array.from({ length: LOOPBACK_RPC_LANES }, () => x.node.url),
    );
    const named = `ws://127.0.0.1:1/`;
    const forced = await settingsFor({ TRADECHAIN_RPC_URL: x.node.url, TRADECHAIN_RPC_WS: named });
    assert.equal(forced.rpcTransport, "websocket");
    assert.equal(forced.rpcUrls[0], named);
    await assert.rejects(
      settingsFor({ TRADECHAIN_RPC_URL: x.node.url, TRADECHAIN_RPC_WS: "http://127.0.0.1:1" }),
      /TRADECHAIN_RPC_WS must be off or a ws:\/\/ or wss:\/\/ URL/,
    );
  });

  it("gives another host one lane over what its URL says, without probing it", async () => {
    const s = await settingsFor({ TRADECHAIN_RPC_URL: "https://rpc.invalid/key" });
    assert.equal(s.rpcTransport, "http");
    assert.deepEqual(s.rpcUrls, ["https://rpc.invalid/key"]);
    const ws = await settingsFor({ TRADECHAIN_RPC_URL: "wss://rpc.invalid/key" });
    assert.equal(ws.rpcTransport, "websocket");
    assert.deepEqual(ws.rpcUrls, ["wss://rpc.invalid/key"]);
  });
});
