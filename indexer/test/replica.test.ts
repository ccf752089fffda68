/**
 * Read scale on Postgres: an API-only replica (`ponder serve`) on the indexer's schema serves the
 * same order, the same page of a list and the same web page as the indexer itself, and follows
 * what the indexer indexes next. Runs in `npm run test:explorer:postgres` (a replica reads
 * Postgres: with PGlite there is nothing to share).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { Contract } from "ethers";

import { devWallets } from "@tradechain/devkit/accounts";
import { type Child, freePort, stop } from "@tradechain/devkit/nodes";

import { startReplica, waitCaughtUp } from "../harness.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

let x: ExplorerFixture;
let replica: Child | undefined;
let replicaUrl: string;

before(async () => {
  if ((process.env.DATABASE_URL ?? "") === "") {
    throw new Error("replica.test.ts needs Postgres: run it with npm run test:explorer:postgres");
  }
  x = await startExplorerFixture("replica");
  const port = await freePort();
  replicaUrl = `http://127.0.0.1:${port}`;
  replica = await startReplica({
    ...x.indexerOptions,
    port,
    log: join(x.workDir, "replica.log"),
  });
});
after(async () => {
  await stop(replica);
  await x?.close();
});

async function both(path: string): Promise<[string, string]> {
  const read = async (base: string) => {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200, `${base}${path}`);
    return response.text();
  };
  return [await read(x.api), await read(replicaUrl)];
}

describe("a ponder serve replica on the same Postgres schema", () => {
  it("serves the same order, list page and web page as the indexer", async () => {
    const order = x.outcomes.find((o) => o.key === "happy-permit")?.orderId;
    assert.ok(order);
    const [indexed, replicated] = await both(`/api/orders/${order}`);
    assert.deepEqual(JSON.parse(replicated), JSON.parse(indexed));
    assert.equal((JSON.parse(replicated) as { id: string }).id, order.toLowerCase());
    const seller = x.stage.accounts.exporter;
    const first = JSON.parse((await both(`/api/participants/${seller}/orders?limit=3`))[0]) as {
      nextCursor: string;
    };
    const [list, replicaList] = await both(
      `/api/participants/${seller}/orders?limit=3&cursor=${first.nextCursor}`,
    );
    assert.deepEqual(JSON.parse(replicaList), JSON.parse(list));
    assert.equal((JSON.parse(replicaList) as { orders: unknown[] }).orders.length, 3);
    const [page, replicaPage] = await both(`/order/${order}`);
    assert.equal(replicaPage, page);
    assert.match(replicaPage, /<title>TradeChain Explorer<\/title>/);
    const status = JSON.parse((await both("/api/status"))[1]) as { caughtUp: boolean };
    assert.equal(status.caughtUp, true);
  });

  it("follows what the indexer indexes next", async () => {
    // Pakistan's customs bans a new HS heading: the indexer writes it, the replica reads it.
    const customs = devWallets(x.provider, 9)[8];
    assert.equal(customs.address, x.stage.accounts.customsPK);
    const registry = new Contract(
      x.deployment.addresses.registry,
      ["function setTariffCodeListing(uint16,uint8,uint32,uint8,uint40,bytes32)"],
      customs,
    );
    const NEGATIVE = 2;
    await (
      await registry.setTariffCodeListing(586, 4, 9503, NEGATIVE, 0, `0x${"95".repeat(32)}`)
    ).wait();
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const [indexed, replicated] = await both("/api/countries/PK?status=Negative");
    assert.deepEqual(JSON.parse(replicated), JSON.parse(indexed));
    const codes = (
      JSON.parse(replicated) as { tariffListings: { codeText: string }[] }
    ).tariffListings.map((t) => t.codeText);
    assert.ok(codes.includes("9503"), JSON.stringify(codes));
  });
});
