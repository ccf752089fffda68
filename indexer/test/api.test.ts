/**
 * The explorer's JSON API against a real hardhat node carrying the demo's data, compared with
 * what the chain says through the SDK: every route, pagination, search by each kind of key,
 * 404 with a message for unknown things and 400 for malformed input. Runs on PGlite, or on
 * Postgres when `DATABASE_URL` is set (`indexer/scripts/with-postgres.sh`).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { Contract } from "ethers";

import {
  type CreditRecord,
  hsCodeNumber,
  productIdFromGtin,
  productIdFromHsCode,
} from "@tradechain/sdk";
import { devWallets } from "@tradechain/devkit/accounts";
import { PARTY_KEYS, PRODUCTS } from "@tradechain/devkit/demo";
import { rpcCall } from "@tradechain/devkit/nodes";

import { waitCaughtUp } from "../harness.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

type Json = Record<string, unknown>;

/** The fields of a credit record, as the SDK and the explorer name them. */
const CREDIT_FIELDS = [
  "salesCompleted",
  "purchasesCompleted",
  "cancelledAsBuyer",
  "rejectedAsSeller",
  "missedShipBy",
  "rejectedAtCustoms",
  "refundedAsSeller",
  "disputesOpened",
  "disputesWon",
  "disputesLost",
  "volume",
] as const;

const refunds = (l: CreditRecord) =>
  l.cancelledAsBuyer +
  l.rejectedAsSeller +
  l.missedShipBy +
  l.rejectedAtCustoms +
  l.refundedAsSeller;
const lower = (s: string) => s.toLowerCase();

let x: ExplorerFixture;

before(async () => {
  x = await startExplorerFixture(process.env.DATABASE_URL ? "api-pg" : "api");
});
after(async () => {
  await x?.close();
});

function ordersOf(): { key: string; orderId: string; status: string }[] {
  return x.outcomes.flatMap((o) =>
    o.orderId === undefined ? [] : [{ key: o.key, orderId: o.orderId, status: o.status }],
  );
}

describe("GET /api/status", () => {
  it("reports the chain, the indexed block equal to the head, and no problem", async () => {
    const { status, body } = await x.get("/api/status");
    assert.equal(status, 200);
    assert.equal(body.chainId, x.node.chainId);
    const head = await x.provider.getBlockNumber();
    assert.equal(body.headBlock, String(head));
    assert.equal(body.indexedBlock, String(head));
    assert.equal(body.caughtUp, true);
    assert.equal(body.stale, false);
    assert.deepEqual(body.problems, []);
    const genesis = await x.provider.getBlock(0);
    assert.equal(body.genesisHash, genesis?.hash);
    assert.deepEqual(body.contracts, {
      escrow: lower(x.deployment.addresses.escrow),
      registry: lower(x.deployment.addresses.registry),
    });
  });
});

describe("GET /api/orders/:id", () => {
  it("has every demo order with the chain's status, money and full timeline", async () => {
    const orders = ordersOf();
    assert.ok(orders.length >= 8, `the demo made ${orders.length} orders`);
    for (const { key, orderId, status } of orders) {
      const { status: code, body } = await x.get(`/api/orders/${orderId}`);
      assert.equal(code, 200, key);
      assert.equal(body.status, status, key);
      const state = await x.client.orderState(orderId);
      assert.equal(body.status, state.status, key);
      assert.equal(body.refunded, state.refunded.toString(), `${key}: refunded`);
      const amount = BigInt(body.amount as string);
      const parts = ["escrowed", "released", "refunded", "fees"].map((k) =>
        BigInt(body[k] as string),
      );
      assert.equal(
        parts.reduce((a, b) => a + b),
        amount,
        `${key}: money adds up`,
      );
      const sdk = await x.client.orderTimeline(orderId);
      const timeline = body.timeline as Json[];
      assert.deepEqual(
        timeline.map((e) => [e.name, e.txHash, Number(e.blockNumber), e.logIndex]),
        sdk.map((e) => [e.event, e.txHash, e.blockNumber, e.logIndex]),
        `${key}: timeline`,
      );
      assert.deepEqual(
        timeline.map((e) => e.timestamp),
        sdk.map((e) => e.timestamp.toString()),
      );
      const currency = body.currency as Json;
      assert.ok(currency.currency === "USD" || currency.currency === "CNY", key);
      const parties = body.parties as Json[];
      assert.deepEqual(
        parties.map((p) => p.role),
        ["buyer", "seller", "arbiter"],
      );
      assert.equal(parties[1].country, "CN", `${key}: the exporter is in China`);
    }
  });

  it("shows the released amount and fee of a completed order", async () => {
    const happy = ordersOf().find((o) => o.key === "happy-permit");
    assert.ok(happy);
    const { body } = await x.get(`/api/orders/${happy.orderId}`);
    const timeline = body.timeline as Json[];
    const confirmed = timeline.find((e) => e.name === "ReceiptConfirmed");
    assert.ok(confirmed);
    const args = confirmed.args as Json;
    assert.equal(body.released, args.sellerAmount);
    assert.equal(body.fees, args.fee);
    assert.equal(body.escrowed, "0");
    assert.equal(body.nextDeadline, null);
  });

  it("refuses a malformed id with 400 and an unknown one with 404", async () => {
    const bad = await x.get("/api/orders/0x1234");
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.error), /order id must be 0x followed by 64 hex digits/);
    const unknown = `0x${"ab".repeat(32)}`;
    const missing = await x.get(`/api/orders/${unknown}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, `no order ${unknown} is indexed`);
  });

  it("answers concurrent cold reads (one batched statement) each with its own order", async () => {
    const orders = ordersOf();
    const one = async (id: string) => {
      const { status, body } = await x.get(`/api/orders/${id}`);
      return { status, text: JSON.stringify(body) };
    };
    const sequential = new Map<string, string>();
    for (const { orderId } of orders) sequential.set(orderId, (await one(orderId)).text);
    // A new block changes the index key: the kept responses go and every read below is cold.
    await rpcCall(x.node.url, "evm_mine");
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const unknown = `0x${"cd".repeat(32)}`;
    const ids = [...orders.map((o) => o.orderId), unknown, orders[0].orderId];
    const concurrent = await Promise.all(ids.map((id) => fetch(`${x.api}/api/orders/${id}`)));
    for (const [i, response] of concurrent.entries()) {
      assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(response.headers.get("access-control-allow-origin"), "*");
      const text = JSON.stringify(await response.json());
      if (ids[i] === unknown) {
        assert.equal(response.status, 404);
        assert.equal(text, JSON.stringify({ error: `no order ${unknown} is indexed` }));
      } else {
        assert.equal(response.status, 200, ids[i]);
        assert.equal(text, sequential.get(ids[i]), ids[i]);
      }
    }
  });
});

describe("GET /api/participants/:address", () => {
  it("has each party's registration, credit record and balances as on chain", async () => {
    for (const key of PARTY_KEYS) {
      const account = x.stage.accounts[key];
      const { status, body } = await x.get(`/api/participants/${account}`);
      const lines = (await x.client.creditOf(account)).filter(
        (l) => l.salesCompleted + l.purchasesCompleted + l.disputesOpened + refunds(l) > 0,
      );
      if (status === 404) {
        assert.deepEqual(lines, [], `${key} has a credit record but the explorer has nothing`);
        continue;
      }
      assert.equal(status, 200, key);
      const onChain = await x.client.participantOf(account);
      assert.equal(body.registered, onChain.roles !== 0, key);
      if (onChain.roles !== 0) {
        assert.equal(body.roles, onChain.roles, key);
        assert.equal(body.jurisdiction, onChain.jurisdiction, key);
        assert.equal(body.identityHash, onChain.identityHash, key);
      }
      const records = body.credit as Json[];
      assert.deepEqual(
        records
          .map((r) => [(r.currency as Json).currency, ...CREDIT_FIELDS.map((f) => String(r[f]))])
          .sort(),
        lines.map((l) => [l.currency, ...CREDIT_FIELDS.map((f) => String(l[f]))]).sort(),
        `${key}: credit per currency`,
      );
      for (const b of body.balances as Json[]) {
        const currency = (b.currency as Json).currency as string;
        assert.equal(
          b.amount,
          (await x.client.balanceOf(currency, account)).toString(),
          `${key} ${currency}`,
        );
      }
    }
  });

  it("pages a participant's orders without overlap", async () => {
    const seller = x.stage.accounts.exporter;
    const all = await x.get(`/api/participants/${seller}/orders?limit=100`);
    const total = all.body.total as number;
    assert.equal(total, ordersOf().length, "the exporter sold every order");
    const seen: string[] = [];
    for (let offset = 0; offset < total; offset += 3) {
      const { status, body } = await x.get(
        `/api/participants/${seller}/orders?limit=3&offset=${offset}`,
      );
      assert.equal(status, 200);
      const rows = body.orders as Json[];
      assert.equal(rows.length, Math.min(3, total - offset));
      seen.push(...rows.map((r) => r.id as string));
    }
    assert.equal(new Set(seen).size, total);
    assert.deepEqual(
      seen,
      (all.body.orders as Json[]).map((r) => r.id),
    );
  });

  it("refuses a malformed address with 400, an unknown one with 404", async () => {
    const bad = await x.get("/api/participants/0xnothex");
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.error), /address must be 0x followed by 40 hex digits/);
    const nobody = `0x${"12".repeat(20)}`;
    const missing = await x.get(`/api/participants/${nobody}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, `no participant, order or balance is indexed for ${nobody}`);
    const badPage = await x.get(`/api/participants/${x.stage.accounts.exporter}/orders?limit=0`);
    assert.equal(badPage.status, 400);
    assert.match(String(badPage.body.error), /limit must be a whole number from 1 to 100/);
  });
});

describe("GET /api/products", () => {
  it("shows a product's owner, provenance versions, listings and their history", async () => {
    const { status, body } = await x.get(`/api/products/${PRODUCTS.laptop.id}`);
    assert.equal(status, 200);
    assert.equal(body.owner, lower(x.stage.accounts.exporter));
    assert.equal(body.hsCode, hsCodeNumber(PRODUCTS.laptop.hsCode));
    assert.equal(body.hsCodeText, "8471.30.00");
    assert.equal((body.hsCodes as Json[]).length, 1);
    const byHs = await x.get("/api/products?hsCode=8471.30.00");
    assert.equal(byHs.status, 200);
    assert.deepEqual(
      (byHs.body.products as Json[]).map((p) => p.id),
      [lower(PRODUCTS.laptop.id)],
    );
    assert.equal((await x.get("/api/products?hsCode=8471")).status, 400);
    const versions = body.versions as Json[];
    assert.equal(versions.length, 1);
    assert.equal(versions[0].metadataHash, body.metadataHash);
    const listings = body.listings as Json[];
    const pk = listings.find((l) => l.country === "PK");
    assert.ok(pk);
    assert.equal(pk.status, "Positive");
    assert.equal(pk.authority, lower(x.stage.accounts.customsPK));
    const onChain = await x.client.listingOf(586, PRODUCTS.laptop.id);
    assert.equal(pk.version, onChain.version);
    const history = body.listingHistory as Json[];
    assert.ok(history.some((h) => h.previousStatus === "Unlisted" && h.status === "Positive"));
    assert.ok((body.orderCount as number) > 0);
  });

  it("finds products by GTIN and by HS code + SKU (the SDK's ids)", async () => {
    const tea = await x.get("/api/products/gtin/6901234567892");
    assert.equal(tea.status, 200);
    assert.equal(tea.body.id, lower(productIdFromGtin("6901234567892")));
    const laptop = await x.get("/api/products/hs/8471.30/BRT-LAPTOP-15");
    assert.equal(laptop.status, 200);
    assert.equal(laptop.body.id, lower(productIdFromHsCode("8471.30", "BRT-LAPTOP-15")));
    // The demo bans the drone in Pakistan by its HS heading 8806, never by its id.
    const drone = await x.get(`/api/products/${PRODUCTS.drone.id}`);
    assert.equal(
      (drone.body.listings as Json[]).find((l) => l.country === "PK"),
      undefined,
    );
    assert.deepEqual(
      (drone.body.tariffListings as Json[]).map((t) => [t.country, t.codeText, t.status]),
      [["PK", "8806", "Negative"]],
    );
  });

  it("refuses bad ids with 400 and unregistered products with 404", async () => {
    const badGtin = await x.get("/api/products/gtin/6901234567891");
    assert.equal(badGtin.status, 400);
    assert.match(String(badGtin.body.error), /check digit/);
    const badHs = await x.get("/api/products/hs/84x/SKU");
    assert.equal(badHs.status, 400);
    const unknown = await x.get("/api/products/gtin/4006381333931");
    assert.equal(unknown.status, 404);
    assert.match(String(unknown.body.error), /^no product 0x[0-9a-f]{64} is registered$/);
    const malformed = await x.get("/api/products/0x00");
    assert.equal(malformed.status, 400);
  });
});

describe("tariff-code listings", () => {
  it("shows an HS heading on a country's list and on every product under it", async () => {
    const customs = devWallets(x.provider, 9)[8];
    assert.equal(customs.address, x.stage.accounts.customsPK);
    const registry = new Contract(
      x.deployment.addresses.registry,
      ["function setTariffCodeListing(uint16,uint8,uint32,uint8,uint40,bytes32)"],
      customs,
    );
    const NEGATIVE = 2;
    const reason = `0x${"77".repeat(32)}`;
    await (await registry.setTariffCodeListing(586, 4, 8806, NEGATIVE, 0, reason)).wait();
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const pk = await x.get("/api/countries/PK?status=Negative");
    assert.deepEqual(
      (pk.body.tariffListings as Json[]).map((t) => [t.digits, t.code, t.codeText, t.reasonHash]),
      [[4, 8806, "8806", reason]],
    );
    const drone = await x.get(`/api/products/${PRODUCTS.drone.id}`);
    assert.deepEqual(
      (drone.body.tariffListings as Json[]).map((t) => [t.country, t.codeText, t.status]),
      [["PK", "8806", "Negative"]],
    );
    const laptop = await x.get(`/api/products/${PRODUCTS.laptop.id}`);
    assert.deepEqual(laptop.body.tariffListings, []);
  });
});

describe("GET /api/countries", () => {
  it("lists the countries with lists and their counts", async () => {
    const { status, body } = await x.get("/api/countries");
    assert.equal(status, 200);
    const pk = (body.countries as Json[]).find((c) => c.country === "PK");
    assert.ok(pk);
    // Product listings by id: the laptop; the drone is banned by HS heading, not by id.
    assert.equal(pk.positive, 1);
    assert.equal(pk.negative, 0);
    assert.deepEqual(pk.customsAuthorities, [lower(x.stage.accounts.customsPK)]);
  });

  it("shows a country's positive and negative lists, by alpha-2 or numeric code, paged", async () => {
    const positive = await x.get("/api/countries/PK?status=Positive");
    assert.equal(positive.status, 200);
    assert.deepEqual(
      (positive.body.listings as Json[]).map((l) => l.productId),
      [lower(PRODUCTS.laptop.id)],
    );
    const negative = await x.get("/api/countries/586?status=negative");
    assert.equal(negative.body.country, "PK");
    assert.deepEqual(negative.body.listings, []);
    assert.deepEqual(
      (negative.body.tariffListings as Json[]).map((t) => [t.codeText, t.status]),
      [["8806", "Negative"]],
    );
    const onChain = await x.client.listedProducts(586, "Positive");
    assert.equal(positive.body.total, onChain.total);
    assert.deepEqual(
      (positive.body.listings as Json[]).map((l) => l.productId),
      onChain.productIds.map(lower),
    );
    const second = await x.get("/api/countries/PK?status=Positive&limit=1&offset=1");
    assert.deepEqual(second.body.listings, []);
  });

  it("refuses an unknown country or status with 400", async () => {
    const country = await x.get("/api/countries/XX");
    assert.equal(country.status, 400);
    assert.match(String(country.body.error), /unknown country "XX"/);
    const status = await x.get("/api/countries/PK?status=Grey");
    assert.equal(status.status, 400);
    assert.equal(
      status.body.error,
      'status must be one of Positive, Negative, Unlisted, got "Grey"',
    );
    const offset = await x.get("/api/countries/PK?offset=-1");
    assert.equal(offset.status, 400);
  });
});

describe("GET /api/tokens", () => {
  it("summarises each token's supply and holders as on chain", async () => {
    const { body } = await x.get("/api/tokens");
    const tokens = body.tokens as Json[];
    assert.deepEqual(
      tokens.map((t) => t.currency).sort(),
      Object.keys(x.deployment.addresses.tokens).sort(),
    );
    for (const [currency, address] of Object.entries(x.deployment.addresses.tokens)) {
      const erc20 = new Contract(
        address,
        ["function totalSupply() view returns (uint256)"],
        x.provider,
      );
      const { status, body: one } = await x.get(`/api/tokens/${currency}`);
      assert.equal(status, 200);
      assert.equal(one.totalSupply, ((await erc20.totalSupply()) as bigint).toString(), currency);
      const holders = one.topHolders as Json[];
      assert.equal(holders.length, one.holders);
      for (const h of holders) {
        assert.equal(h.amount, (await x.client.balanceOf(currency, h.holder as string)).toString());
      }
      assert.equal(one.feesAccrued, (await x.client.accruedFees(currency)).toString());
    }
  });

  it("refuses a bad token key with 400, an unknown currency with 404", async () => {
    assert.equal((await x.get("/api/tokens/dollars")).status, 400);
    const eur = await x.get("/api/tokens/EUR");
    assert.equal(eur.status, 404);
    assert.equal(eur.body.error, "no settlement token EUR is indexed");
  });
});

describe("GET /api/search", () => {
  it("finds each kind of key", async () => {
    const order = ordersOf()[0];
    const { body: orderBody } = await x.get(`/api/orders/${order.orderId}`);
    const tx = (orderBody.timeline as Json[]).at(-1)?.txHash as string;
    const cases: [string, string, string][] = [
      [order.orderId, "order", `/order/${lower(order.orderId)}`],
      [tx, "transaction", `/order/${lower(order.orderId)}`],
      [PRODUCTS.tea.id, "product", `/product/${lower(PRODUCTS.tea.id)}`],
      [
        x.stage.accounts.exporter,
        "participant",
        `/participant/${lower(x.stage.accounts.exporter)}`,
      ],
      ["6901234567892", "product", `/product/${lower(PRODUCTS.tea.id)}`],
      ["8471.30 BRT-LAPTOP-15", "product", `/product/${lower(PRODUCTS.laptop.id)}`],
      ["HS:8471.30|SKU:BRT-LAPTOP-15", "product", `/product/${lower(PRODUCTS.laptop.id)}`],
      ["pk", "country", "/country/PK"],
      ["586", "country", "/country/PK"],
      ["USD", "token", "/token/USD"],
      [
        x.deployment.addresses.tokens.CNY,
        "token",
        `/token/${lower(x.deployment.addresses.tokens.CNY)}`,
      ],
    ];
    for (const [q, kind, path] of cases) {
      const { status, body } = await x.get(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(status, 200, q);
      assert.equal(body.kind, kind, q);
      assert.equal(body.path, path, q);
    }
  });

  it("says 404 for a well-formed key nothing has, 400 for what is no key", async () => {
    const none = await x.get(`/api/search?q=0x${"cd".repeat(32)}`);
    assert.equal(none.status, 404);
    assert.match(String(none.body.error), /nothing indexed has id/);
    const empty = await x.get("/api/search?q=");
    assert.equal(empty.status, 400);
    assert.match(String(empty.body.error), /search needs a query/);
    const junk = await x.get("/api/search?q=hello%20world");
    assert.equal(junk.status, 400);
    assert.match(String(junk.body.error), /cannot tell what "hello world" is/);
    const route = await x.get("/api/nothing");
    assert.equal(route.status, 404);
    assert.equal(route.body.error, "no route /api/nothing: see docs/explorer.md for the API");
  });
});

describe("GraphQL and the page", () => {
  it("serves Ponder's GraphQL on the same port", async () => {
    const response = await fetch(`${x.api}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ tradeOrders(limit: 100) { items { id status } } }" }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: { tradeOrders: { items: Json[] } } };
    assert.equal(body.data.tradeOrders.items.length, ordersOf().length);
  });

  it("serves the page at / and at a thing's path", async () => {
    for (const path of ["/", `/order/${ordersOf()[0].orderId}`, "/country/PK"]) {
      const response = await fetch(`${x.api}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<title>TradeChain Explorer<\/title>/);
    }
    const script = await fetch(`${x.api}/app.js`);
    assert.equal(script.headers.get("content-type"), "text/javascript; charset=utf-8");
  });
});
