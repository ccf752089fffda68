/**
 * The explorer never serves a chain that went backwards as if nothing happened: after an
 * `evm_revert` below the indexed block, and after the node restarted from genesis, `/api/status`
 * says the data is stale (or the reorg is undone and the reverted data is gone) and the page
 * shows the banner.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { Contract } from "ethers";

import { productIdFromGtin, TradeChainClient } from "@tradechain/sdk";
import { devWallets } from "@tradechain/devkit/accounts";
import { rpcCall } from "@tradechain/devkit/nodes";

import { waitCaughtUp } from "../harness.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

const POLL_MS = 200;
const NOTICE_WITHIN_MS = 30_000;

let x: ExplorerFixture;

before(async () => {
  x = await startExplorerFixture("reset");
});
after(async () => {
  await x?.close();
});

interface Status {
  stale: boolean;
  problems: string[];
  indexedBlock: string | null;
}

async function status(): Promise<Status | undefined> {
  try {
    const r = await fetch(`${x.api}/api/status`, { signal: AbortSignal.timeout(5000) });
    return r.ok ? ((await r.json()) as Status) : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until `ok` holds for the status. */
async function until(what: string, ok: (s: Status) => boolean | Promise<boolean>) {
  const deadline = Date.now() + NOTICE_WITHIN_MS;
  let last: Status | undefined;
  while (Date.now() < deadline) {
    last = await status();
    if (last !== undefined && (await ok(last))) return last;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  assert.fail(
    `${what} not seen within ${NOTICE_WITHIN_MS} ms; last status ${JSON.stringify(last)}`,
  );
}

describe("a chain that went backwards", () => {
  it("never serves blocks undone by evm_revert as current", async () => {
    const snapshot = (await rpcCall(x.node.url, "evm_snapshot")) as string;
    // A product registered after the snapshot: indexed, then reverted away.
    const exporter = devWallets(x.provider, 5)[4];
    const client = new TradeChainClient(exporter, x.deployment.addresses, {
      fromBlock: x.deployment.startBlock,
    });
    const gtin = "4006381333931";
    const productId = productIdFromGtin(gtin);
    await client.registerProduct(productId, "0902.30.00", "reverted provenance dossier");
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const before = await x.get(`/api/products/${productId}`);
    assert.equal(before.status, 200, "the product is indexed before the revert");

    assert.equal(await rpcCall(x.node.url, "evm_revert", [snapshot]), true);
    // From now on the product is not on chain: the explorer either says its data is stale or
    // has undone the reverted blocks (Ponder's reorg handling); it never shows it as current.
    const samples: string[] = [];
    await until("the revert noticed", async (s) => {
      const product = await x.get(`/api/products/${productId}`);
      if (!s.stale && product.status === 200) samples.push(JSON.stringify(s));
      return s.stale
        ? s.problems.some((p) => /went back|rewritten/.test(p))
        : product.status === 404;
    });
    assert.deepEqual(samples, [], "the reverted product was served as current");
    // New blocks on the other branch: indexing goes on, without the reverted product.
    for (let i = 0; i < 3; i++) await rpcCall(x.node.url, "evm_mine");
    const settled = await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    assert.equal(settled.stale, false, JSON.stringify(settled.problems));
    assert.equal((await x.get(`/api/products/${productId}`)).status, 404);
    const page = await fetch(`${x.api}/`);
    assert.equal(page.status, 200);
  });

  it("never serves a cached order from before a revert", async () => {
    // The seller's suspension changes the order's response (its parties) without an order event.
    const wallets = devWallets(x.provider, 5);
    const [operator, exporter] = [wallets[1], wallets[4]];
    const registry = new Contract(
      x.deployment.addresses.registry,
      ["function suspendParticipant(address account, bytes32 reasonHash)"],
      operator,
    );
    const seller = await x.get(`/api/participants/${exporter.address}`);
    const sold = (seller.body.orders as { id: string; role: string }[]).find(
      (o) => o.role === "seller",
    );
    assert.ok(sold, "the demo has an order the exporter sold");
    const path = `/api/orders/${sold.id}`;
    const suspended = async () =>
      ((await x.get(path)).body.parties as { role: string; suspended: boolean }[]).find(
        (p) => p.role === "seller",
      )?.suspended;
    const first = await x.get(path);
    const again = await x.get(path);
    assert.deepEqual(again.body, first.body, "a repeated read answers the same");
    assert.equal(await suspended(), false);

    const snapshot = (await rpcCall(x.node.url, "evm_snapshot")) as string;
    await (await registry.suspendParticipant(exporter.address, `0x${"66".repeat(32)}`)).wait();
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    assert.equal(await suspended(), true, "a new block replaces the cached order");

    assert.equal(await rpcCall(x.node.url, "evm_revert", [snapshot]), true);
    const samples: string[] = [];
    await until("the revert noticed", async (s) => {
      const now = await suspended();
      if (!s.stale && now !== false) samples.push(String(now));
      return s.stale || now === false;
    });
    assert.deepEqual(samples, [], "the suspension undone by the revert was served as current");
    for (let i = 0; i < 3; i++) await rpcCall(x.node.url, "evm_mine");
    const settled = await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    assert.equal(settled.stale, false, JSON.stringify(settled.problems));
    // The order reads as before the suspension; only the chain time (and the next action at it)
    // moved on.
    const settledBody = (await x.get(path)).body;
    const timeless = (body: Record<string, unknown>) => ({
      ...body,
      chainTime: null,
      nextAction: { ...(body.nextAction as object), now: null, secondsLeft: null, summary: null },
    });
    assert.deepEqual(timeless(settledBody), timeless(first.body));
    assert.ok(Number(settledBody.chainTime) > Number(first.body.chainTime));
    assert.equal((settledBody.nextAction as { now: string }).now, settledBody.chainTime);
  });

  it("is reported when the node restarted from genesis", async () => {
    await x.restartNode();
    const seen = await until("the reset", (s) => s.stale);
    assert.ok(
      seen.problems.some((p) => /reset|went back|rewritten/.test(p)),
      JSON.stringify(seen.problems),
    );
    const body = (await (await fetch(`${x.api}/api/status`)).json()) as { rebuild: string };
    assert.match(body.rebuild, /fresh database/);
  });
});
