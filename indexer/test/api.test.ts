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
  TradeEscrow__factory,
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
  "disputesDrawn",
  "volume",
  "refundedVolume",
] as const;

const refunds = (l: CreditRecord) =>
  l.cancelledAsBuyer +
  l.rejectedAsSeller +
  l.missedShipBy +
  l.rejectedAtCustoms +
  l.refundedAsSeller;
const lower = (s: string) => s.toLowerCase();

let x: ExplorerFixture;
/** The escrow itself, for views the SDK does not wrap. */
const escrow = () => TradeEscrow__factory.connect(x.deployment.addresses.escrow, x.provider);

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
      // The classification snapshot, worked out from the index as the registry decides it.
      const snapshot = await escrow().orderState(orderId);
      assert.equal(body.hsCode, Number(snapshot.hsCode), `${key}: hsCode`);
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
    assert.equal((body.nextAction as Json).final, true);
    assert.equal((body.nextAction as Json).waitingFor, null);
  });

  it("refuses a malformed id with 400 and an unknown one with 404", async () => {
    const bad = await x.get("/api/orders/0x1234");
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.error), /order id must be 0x followed by 64 hex digits/);
    assert.equal(bad.body.code, "invalid_order_id");
    const unknown = `0x${"ab".repeat(32)}`;
    const missing = await x.get(`/api/orders/${unknown}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, `no order ${unknown} is indexed`);
    assert.equal(missing.body.code, "order_not_found");
  });

  it("answers concurrent cold reads (one batched statement) each with its own order", async () => {
    const orders = ordersOf();
    // Everything but the chain time, which every new block moves, and the next action at it.
    const withoutTime = (body: Json) =>
      JSON.stringify({ ...body, chainTime: undefined, nextAction: undefined });
    const one = async (id: string) => {
      const { status, body } = await x.get(`/api/orders/${id}`);
      return { status, text: withoutTime(body) };
    };
    const sequential = new Map<string, string>();
    for (const { orderId } of orders) sequential.set(orderId, (await one(orderId)).text);
    // A new block changes the index key: the kept responses go and every read below is cold.
    await rpcCall(x.node.url, "evm_mine");
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const unknown = `0x${"cd".repeat(32)}`;
    const ids = [...orders.map((o) => o.orderId), unknown, orders[0].orderId];
    const concurrent = await Promise.all(ids.map((id) => fetch(`${x.api}/api/orders/${id}`)));
    const mined = await x.provider.getBlock("latest");
    for (const [i, response] of concurrent.entries()) {
      assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
      assert.equal(response.headers.get("access-control-allow-origin"), "*");
      const body = (await response.json()) as Json;
      const text = response.status === 200 ? withoutTime(body) : JSON.stringify(body);
      if (response.status === 200) {
        assert.equal(body.chainTime, String(mined?.timestamp));
        assert.equal((body.nextAction as Json).now, body.chainTime);
      }
      if (ids[i] === unknown) {
        assert.equal(response.status, 404);
        assert.equal(
          text,
          JSON.stringify({ error: `no order ${unknown} is indexed`, code: "order_not_found" }),
        );
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

  it("pages a participant's orders by cursor, newest first, without overlap", async () => {
    const seller = x.stage.accounts.exporter;
    const all = await x.get(`/api/participants/${seller}/orders?limit=100`);
    const total = all.body.total as number;
    assert.equal(total, ordersOf().length, "the exporter sold every order");
    assert.equal(all.body.nextCursor, null, "one page holds them all");
    const places = (all.body.orders as Json[]).map((r) => [
      BigInt(String(r.createdBlock)),
      Number(r.createdLogIndex),
    ]);
    for (let i = 1; i < places.length; i++) {
      const [[block, log], [prevBlock, prevLog]] = [places[i], places[i - 1]];
      assert.ok(block < prevBlock || (block === prevBlock && log < prevLog), `row ${i} is older`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string =
        `/api/participants/${seller}/orders?limit=3` + (cursor === null ? "" : `&cursor=${cursor}`);
      const { status, body } = await x.get(path);
      assert.equal(status, 200);
      assert.equal(body.total, total);
      assert.equal(body.cursor, cursor);
      const rows = body.orders as Json[];
      assert.equal(rows.length, Math.min(3, total - seen.length));
      seen.push(...rows.map((r) => r.id as string));
      cursor = body.nextCursor as string | null;
      pages++;
    } while (cursor !== null);
    assert.equal(pages, Math.ceil(total / 3));
    assert.deepEqual(
      seen,
      (all.body.orders as Json[]).map((r) => r.id),
    );
  });

  it("narrows a participant's orders by role and status, as the chain has them", async () => {
    const chain = await Promise.all(
      ordersOf().map(async ({ orderId }) => ({
        id: lower(orderId),
        terms: await x.client.termsOf(orderId),
        status: (await x.client.orderState(orderId)).status,
      })),
    );
    const { exporter, importer } = x.stage.accounts;
    const arbiter = (await x.get(`/api/orders/${ordersOf()[0].orderId}`)).body.arbiter as string;
    const cases: [string, string, string | undefined, string | undefined][] = [
      ["the exporter as seller", exporter, "seller", undefined],
      ["the exporter as buyer", exporter, "buyer", undefined],
      ["the importer as buyer, Funded", importer, "buyer", "Funded"],
      ["the importer, Completed or Refunded", importer, undefined, "Completed,Refunded"],
      ["the importer as buyer or seller, Resolved", importer, "buyer,seller", "Resolved"],
      ["the arbiter as arbiter", arbiter, "arbiter", undefined],
      ["the exporter as seller, Funded (not Resolved)", exporter, "seller", "Funded"],
    ];
    let narrowed = 0;
    for (const [what, account, role, status] of cases) {
      const roles = (role ?? "buyer,seller,arbiter").split(",") as ("buyer" | "seller")[];
      const statuses = status?.split(",");
      const expected = chain
        .filter((o) => roles.some((r) => lower(o.terms[r]) === lower(account)))
        .filter((o) => statuses === undefined || statuses.includes(o.status))
        .map((o) => o.id)
        .sort();
      const query = new URLSearchParams({ limit: "100" });
      if (role !== undefined) query.set("role", role);
      if (status !== undefined) query.set("status", status);
      const { status: code, body } = await x.get(`/api/participants/${account}/orders?${query}`);
      assert.equal(code, 200, what);
      const rows = body.orders as Json[];
      assert.deepEqual(rows.map((r) => r.id).sort(), expected, what);
      assert.equal(body.total, expected.length, what);
      assert.deepEqual(body.role, role?.split(",") ?? null, what);
      for (const r of rows) {
        if (status !== undefined) assert.ok(statuses?.includes(String(r.status)), what);
        if (role !== undefined) assert.ok(role.split(",").includes(String(r.role)), what);
      }
      if (expected.length > 0 && expected.length < chain.length) narrowed++;
    }
    assert.ok(narrowed >= 3, `${narrowed} cases narrow the list to some of the orders`);
    // Case is not significant; the answer spells the status as the API does.
    const mixed = await x.get(`/api/participants/${importer}/orders?role=BUYER&status=completed`);
    assert.deepEqual([mixed.body.role, mixed.body.status], [["buyer"], ["Completed"]]);
  });

  it("refuses an unknown filter value or query parameter with 400 naming it", async () => {
    const base = `/api/participants/${x.stage.accounts.exporter}/orders`;
    const refusals: [string, string, string, RegExp][] = [
      [
        `${base}?role=shipper`,
        "invalid_role",
        "role",
        /role must be one of buyer, seller, arbiter/,
      ],
      [`${base}?role=seller,`, "invalid_role", "role", /got "seller,"/],
      [`${base}?status=Paid`, "invalid_order_status", "status", /status must be one of Funded, /],
      [`${base}?status=None`, "invalid_order_status", "status", /got "None"/],
      [
        `${base}?statuses=Funded`,
        "unknown_parameter",
        "statuses",
        /takes limit, cursor, role, status/,
      ],
      [`${base}?offset=3`, "unknown_parameter", "offset", /page on with cursor/],
      [`${base}?cursor=abc`, "invalid_cursor", "cursor", /cursor must be the nextCursor/],
      [`${base}?limit=0`, "invalid_limit", "limit", /limit must be a whole number from 1 to 100/],
      [`${base}?role=buyer&role=seller`, "repeated_parameter", "role", /given more than once/],
      ["/api/orders?status=Shipping", "invalid_order_status", "status", /status must be one of/],
      ["/api/orders?seller=0x00", "unknown_parameter", "seller", /takes limit, cursor, status/],
      ["/api/activity?offset=25", "unknown_parameter", "offset", /page on with cursor/],
      ["/api/status?verbose=1", "unknown_parameter", "verbose", /takes no query parameters/],
      ["/api/countries/PK?status=Maybe", "invalid_status", "status", /status must be one of/],
      [
        "/api/countries/PK?sort=asc",
        "unknown_parameter",
        "sort",
        /takes status, hs, limit, offset/,
      ],
      ["/api/countries/PK?hs=1", "invalid_hs_code", "hs", /./],
      ["/api/products?hsCode=12", "invalid_hs_code", "hsCode", /./],
      ["/api/products", "missing_parameter", "hsCode", /give \?hsCode=/],
      ["/api/countries/PK/clearance?product=nope", "invalid_product_key", "product", /./],
      ["/api/hs/8806?page=2", "unknown_parameter", "page", /takes limit, offset/],
      ["/api/tokens/USD?offset=x", "invalid_offset", "offset", /offset must be a whole number/],
      ["/api/search?q=", "empty_query", "q", /search needs a query/],
      [`/api/orders/${ordersOf()[0].orderId}?lang=en`, "unknown_parameter", "lang", /no query/],
    ];
    for (const [path, code, parameter, message] of refusals) {
      const { status, body } = await x.get(path);
      assert.equal(status, 400, path);
      assert.deepEqual([body.code, body.parameter], [code, parameter], path);
      assert.match(String(body.error), message, path);
    }
    // A refusal that concerns no parameter has none.
    const bad = await x.get("/api/orders/0x12");
    assert.deepEqual(Object.keys(bad.body).sort(), ["code", "error"]);
  });

  it("refuses a malformed address with 400, an unknown one with 404", async () => {
    const bad = await x.get("/api/participants/0xnothex");
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.error), /address must be 0x followed by 40 hex digits/);
    const nobody = `0x${"12".repeat(20)}`;
    const missing = await x.get(`/api/participants/${nobody}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, `no participant, order or balance is indexed for ${nobody}`);
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
    assert.equal(badGtin.body.code, "invalid_gtin");
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
  it("lists the countries with lists and their counts, tariff-code entries included", async () => {
    const { status, body } = await x.get("/api/countries");
    assert.equal(status, 200);
    const byCountry = new Map((body.countries as Json[]).map((c) => [c.country, c]));
    // On chain: product entries per list, and HS prefixes per list at every level.
    const chainCount = async (code: number, list: "Positive" | "Negative") => {
      const products = (await x.client.listedProducts(code, list)).total;
      let tariffs = 0;
      for (const digits of [2, 4, 6, 8]) {
        tariffs += (await x.client.listedTariffCodes(code, digits, list)).total;
      }
      return { products, tariffs };
    };
    for (const [alpha2, code] of [
      ["PK", 586],
      ["KZ", 398],
    ] as const) {
      const c = byCountry.get(alpha2);
      assert.ok(c, alpha2);
      for (const list of ["Positive", "Negative"] as const) {
        const onChain = await chainCount(code, list);
        const key = list.toLowerCase();
        assert.equal(c[key], onChain.products + onChain.tariffs, `${alpha2} ${list}`);
        assert.equal((c.products as Json)[key], onChain.products, `${alpha2} ${list} products`);
        assert.equal((c.tariffCodes as Json)[key], onChain.tariffs, `${alpha2} ${list} prefixes`);
      }
    }
    // The laptop by id in Pakistan, heading 8806 banned there, 6214.10 positive in Kazakhstan.
    const pk = byCountry.get("PK") as Json;
    assert.deepEqual([pk.positive, pk.negative], [1, 1]);
    const kz = byCountry.get("KZ") as Json;
    assert.deepEqual([kz.positive, kz.negative], [1, 0]);
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
      'status must be one of Positive, Negative, Unlisted or all, got "Grey"',
    );
    const hs = await x.get("/api/countries/PK?hs=8x06");
    assert.equal(hs.status, 400);
    assert.match(String(hs.body.error), /HS code must be digits/);
    const offset = await x.get("/api/countries/PK?offset=-1");
    assert.equal(offset.status, 400);
  });
});

describe("customs at a glance", () => {
  const CLEARANCE_KEYS = ["status", "source", "digits", "code"] as const;

  it("gives each product's effective clearance in every country, as the registry decides it", async () => {
    for (const [key, item] of Object.entries(PRODUCTS)) {
      const { status, body } = await x.get(`/api/products/${item.id}`);
      assert.equal(status, 200, key);
      const clearance = body.clearance as Json[];
      assert.deepEqual(
        clearance.map((c) => c.country),
        ["KZ", "PK"],
        `${key}: every country that lists anything or has customs authorities`,
      );
      for (const c of clearance) {
        const onChain = await x.client.clearanceDecisionOf(c.jurisdiction as number, item.id);
        assert.deepEqual(
          CLEARANCE_KEYS.map((k) => c[k]),
          CLEARANCE_KEYS.map((k) => onChain[k]),
          `${key} in ${String(c.country)}`,
        );
        assert.equal(c.codeText, onChain.tariffCode ?? null);
        assert.equal(c.canEnter, c.status !== "Negative");
      }
    }
    const drone = await x.get(`/api/products/${PRODUCTS.drone.id}`);
    const pk = (drone.body.clearance as Json[]).find((c) => c.country === "PK") as Json;
    // "Negative in PK by HS 8806": the deciding entry is the heading's.
    assert.deepEqual(
      [pk.status, pk.source, pk.codeText, pk.outcome],
      ["Negative", "Tariff", "8806", "refused"],
    );
    assert.equal((pk.entry as Json).authority, lower(x.stage.accounts.customsPK));
    const scarf = await x.get(`/api/products/${PRODUCTS.scarf.id}`);
    const kz = (scarf.body.clearance as Json[]).find((c) => c.country === "KZ") as Json;
    assert.deepEqual(
      [kz.status, kz.codeText, kz.outcome],
      ["Positive", "6214.10", "cleared-on-shipment"],
    );
    const laptop = await x.get(`/api/products/${PRODUCTS.laptop.id}`);
    const inKz = (laptop.body.clearance as Json[]).find((c) => c.country === "KZ") as Json;
    // Not on Kazakhstan's lists, and Kazakhstan has customs: each shipment waits for them.
    assert.deepEqual(
      [inKz.status, inKz.source, inKz.outcome, inKz.customsRequired],
      ["Unlisted", "None", "customs-clearance", true],
    );
  });

  it("answers whether a product can enter a country, by product key or bare HS code", async () => {
    const cases: [string, string, string, boolean, string | null][] = [
      [`product=${PRODUCTS.drone.id}`, "Negative", "Tariff", false, "8806"],
      [`product=${encodeURIComponent("8471.30 BRT-LAPTOP-15")}`, "Positive", "Product", true, null],
      ["product=6901234567892", "Unlisted", "None", true, null],
      ["hs=8806.10.00", "Negative", "Tariff", false, "8806"],
    ];
    for (const [query, status, source, canEnter, codeText] of cases) {
      const { status: code, body } = await x.get(`/api/countries/PK/clearance?${query}`);
      assert.equal(code, 200, query);
      assert.deepEqual(
        [body.status, body.source, body.canEnter, body.codeText],
        [status, source, canEnter, codeText],
        query,
      );
    }
    const tea = await x.get(`/api/countries/586/clearance?product=6901234567892`);
    const onChain = await x.client.clearanceDecisionOf(586, PRODUCTS.tea.id);
    assert.equal(tea.body.status, onChain.status);
    assert.equal(tea.body.product, lower(PRODUCTS.tea.id));
    const neither = await x.get("/api/countries/PK/clearance");
    assert.equal(neither.status, 400);
    assert.match(String(neither.body.error), /give \?product= .* or \?hs=/);
    const unknown = await x.get("/api/countries/PK/clearance?product=4006381333931");
    assert.equal(unknown.status, 404);
    const prefix = await x.get("/api/countries/PK/clearance?hs=8806");
    assert.equal(prefix.status, 400);
    assert.match(String(prefix.body.error), /must have 8 digits/);
  });

  it("lists every entry with status=all, and narrows a country's lists by HS prefix", async () => {
    const all = await x.get("/api/countries/PK?status=all");
    assert.equal(all.status, 200);
    assert.equal(all.body.status, "all");
    assert.deepEqual(
      (all.body.listings as Json[]).map((l) => [l.productId, l.status, l.hsCodeText]),
      [[lower(PRODUCTS.laptop.id), "Positive", "8471.30.00"]],
    );
    assert.deepEqual(
      (all.body.tariffListings as Json[]).map((t) => [t.codeText, t.status]),
      [["8806", "Negative"]],
    );
    assert.deepEqual(all.body.counts, { Positive: 1, Negative: 1, Unlisted: 0 });
    const drones = await x.get("/api/countries/PK?status=all&hs=88");
    assert.deepEqual(drones.body.listings, []);
    assert.deepEqual(
      (drones.body.tariffListings as Json[]).map((t) => t.codeText),
      ["8806"],
    );
    const narrower = await x.get("/api/countries/PK?status=Negative&hs=8806.22");
    assert.deepEqual(
      (narrower.body.tariffListings as Json[]).map((t) => t.codeText),
      ["8806"],
      "the heading's entry concerns every product under 8806.22",
    );
    const laptops = await x.get("/api/countries/PK?status=Positive&hs=8471");
    assert.deepEqual(
      (laptops.body.listings as Json[]).map((l) => l.productId),
      [lower(PRODUCTS.laptop.id)],
    );
    assert.equal(laptops.body.total, 1);
    const tea = await x.get("/api/countries/PK?status=all&hs=0902");
    assert.deepEqual([tea.body.listings, tea.body.tariffListings, tea.body.total], [[], [], 0]);
  });

  it("shows an HS prefix: the products under it and every country's entries that concern them", async () => {
    const heading = await x.get("/api/hs/8806");
    assert.equal(heading.status, 200);
    assert.equal(heading.body.codeText, "8806");
    assert.deepEqual(
      (heading.body.products as Json[]).map((p) => p.id),
      [lower(PRODUCTS.drone.id)],
    );
    assert.deepEqual(
      (heading.body.entries as Json[]).map((e) => [e.country, e.codeText, e.status]),
      [["PK", "8806", "Negative"]],
    );
    const line = await x.get("/api/hs/8806.22.00");
    assert.deepEqual(
      (line.body.entries as Json[]).map((e) => e.codeText),
      ["8806"],
      "the heading contains the national line",
    );
    const chapter = await x.get("/api/hs/62");
    assert.deepEqual(
      (chapter.body.entries as Json[]).map((e) => [e.country, e.codeText]),
      [["KZ", "6214.10"]],
      "a subheading within the chapter",
    );
    assert.equal(chapter.body.total, 1);
    assert.equal((await x.get("/api/hs/880")).status, 400);
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
      ["8806", "hs", "/hs/8806"],
      ["8471.30", "hs", "/hs/8471.30"],
      ["HS 62", "hs", "/hs/62"],
      ["84713000", "hs", "/hs/8471.30.00"],
      ["Pakistan", "country", "/country/PK"],
      ["巴基斯坦", "country", "/country/PK"],
      ["Казахстан", "country", "/country/KZ"],
      ["哈萨克斯坦", "country", "/country/KZ"],
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
    assert.equal(route.body.code, "no_route");
    assert.deepEqual(
      [none.body.code, empty.body.code, junk.body.code],
      ["not_found", "empty_query", "unrecognised_query"],
    );
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

  it("gives an order's timeline in GraphQL as structured JSON, as the JSON route does", async () => {
    const { orderId } = ordersOf()[0];
    const response = await fetch(`${x.api}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ tradeOrder(id: "${lower(orderId)}") { id status timeline } }`,
      }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: { tradeOrder: { timeline: unknown } } };
    const timeline = body.data.tradeOrder.timeline;
    assert.ok(Array.isArray(timeline), `timeline is ${typeof timeline}, not an array`);
    const route = await x.get(`/api/orders/${orderId}`);
    assert.deepEqual(timeline, route.body.timeline);
    assert.equal((timeline[0] as Json).name, "OrderCreated");
  });

  it("serves a GraphQL playground that loads nothing from another origin", async () => {
    const response = await fetch(`${x.api}/graphql`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<script type="module" src="\/playground\.js"><\/script>/);
    assert.deepEqual(html.match(/(?:src|href)="(?:https?:)?\/\/[^"]*"/g), null);
    const script = await fetch(`${x.api}/playground.js`);
    assert.equal(script.status, 200);
    assert.doesNotMatch(await script.text(), /cdn\.|unpkg|jsdelivr/);
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

describe("orders that speak trade", () => {
  const escrowView = () =>
    new Contract(
      x.deployment.addresses.escrow,
      [
        "function defaultArbiter() view returns (address)",
        "function CUSTOMS_PERIOD() view returns (uint256)",
      ],
      x.provider,
    );

  it("labels the default arbiter, shows the product's HS code and the chain time", async () => {
    const defaultArbiter = lower((await escrowView().defaultArbiter()) as string);
    const labels = new Set<boolean>();
    for (const { key, orderId } of ordersOf()) {
      const { body } = await x.get(`/api/orders/${orderId}`);
      const arbiter = (body.parties as Json[])[2];
      assert.equal(arbiter.defaultArbiter, lower(String(arbiter.address)) === defaultArbiter, key);
      labels.add(arbiter.defaultArbiter as boolean);
      const product = await x.get(`/api/products/${String(body.productId)}`);
      assert.equal(body.productHsCodeText, product.body.hsCodeText, key);
    }
    assert.deepEqual([...labels].sort(), [false, true], "the demo names both kinds of arbiter");
    const { body } = await x.get(`/api/orders/${ordersOf()[0].orderId}`);
    const latest = await x.provider.getBlock("latest");
    assert.equal(body.chainTime, String(latest?.timestamp));
  });

  it("gives a dispute's opener, evidence, offers, arbitration period and ruling", async () => {
    for (const key of ["dispute-ruling", "settlement"]) {
      const order = ordersOf().find((o) => o.key === key);
      assert.ok(order, key);
      const { body } = await x.get(`/api/orders/${order.orderId}`);
      const dispute = body.dispute as Json;
      const sdk = await x.client.orderTimeline(order.orderId);
      const opened = sdk.find((e) => e.event === "DisputeOpened");
      assert.ok(opened);
      assert.equal(dispute.openedBy, lower(String(opened.args.by)), key);
      assert.equal(dispute.openedAt, opened.timestamp.toString());
      assert.deepEqual(
        (dispute.evidence as Json[]).map((e) => [e.by, e.hash]),
        sdk
          .filter((e) => e.event === "DisputeOpened" || e.event === "EvidenceSubmitted")
          .map((e) => [lower(String(e.args.by)), lower(String(e.args.evidenceHash))]),
      );
      // Offers name the buyer's total for the whole order.
      assert.deepEqual(
        (dispute.offers as Json[]).map((e) => e.buyerTotal),
        sdk.filter((e) => e.event === "SettlementProposed").map((e) => String(e.args.buyerTotal)),
      );
      const resolved = sdk.find((e) => e.event === "DisputeResolved");
      assert.ok(resolved);
      const ruling = dispute.ruling as Json;
      assert.deepEqual(
        [ruling.buyerAmount, ruling.sellerAmount, ruling.fee, ruling.by],
        [
          String(resolved.args.buyerAmount),
          String(resolved.args.sellerAmount),
          String(resolved.args.fee),
          lower(String(resolved.args.by)),
        ],
      );
      assert.equal(ruling.resolution, key === "settlement" ? "Settlement" : "Ruling");
      // What that call paid the buyer, and the buyer's total after it (refunds included).
      assert.equal(ruling.buyerTotal, body.refunded, key);
      assert.equal(dispute.pendingOffer, null, "a resolved dispute has no pending offer");
    }
    const happy = ordersOf().find((o) => o.key === "happy-permit");
    assert.equal((await x.get(`/api/orders/${happy?.orderId}`)).body.dispute, null);
  });

  it("says who acts next on an open order, and until when", async () => {
    const { importer } = x.stage.clients;
    const amount = 50_000_000n;
    const { orderId, terms } = await importer.createOrder({
      seller: x.stage.accounts.exporter,
      buyer: x.stage.accounts.importer,
      token: "USD",
      amount,
      productId: PRODUCTS.tea.id,
      destination: 586,
      confirmWindow: 7 * 86_400,
    });
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    // The explorer's next action is the SDK's at the same block.
    const sameAsSdk = async () => {
      const { body } = await x.get(`/api/orders/${orderId}`);
      const sdk = await x.client.nextAction(orderId);
      const next = body.nextAction as Json;
      assert.equal(body.chainTime, sdk.now.toString());
      assert.deepEqual(
        [next.status, next.waitingFor, next.calls, next.deadline, next.summary],
        [sdk.status, sdk.waitingFor, sdk.calls, sdk.deadline?.toString(), sdk.summary],
      );
      assert.deepEqual(next.then, {
        by: sdk.then?.by,
        calls: sdk.then?.calls,
        from: sdk.then?.from.toString(),
      });
      return { body, next };
    };
    const funded = await sameAsSdk();
    assert.equal(funded.next.waitingFor, "seller");
    assert.equal(funded.next.deadline, terms.shipBy.toString());
    assert.deepEqual(funded.next.then, {
      by: "anyone",
      calls: ["refundUnshipped"],
      from: (terms.shipBy + 1n).toString(),
    });
    // The tea is on neither of Pakistan's lists and Pakistan has customs: held at shipment.
    await x.stage.clients.exporter.ship(orderId, "TCS 778 201 554");
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const shipped = await sameAsSdk();
    assert.equal(shipped.body.status, "Shipped");
    const customsPeriod = (await escrowView().CUSTOMS_PERIOD()) as bigint;
    assert.deepEqual(
      [shipped.next.waitingFor, shipped.next.calls],
      ["customs", ["clearCustoms", "rejectAtCustoms"]],
    );
    const disputableAt = BigInt(String(shipped.body.since)) + customsPeriod;
    assert.equal(shipped.next.deadline, (disputableAt - 1n).toString());
    assert.deepEqual(shipped.next.then, {
      by: "parties",
      calls: ["openDispute"],
      from: disputableAt.toString(),
    });
    assert.deepEqual(shipped.body.escrowPeriods, {
      customsPeriod: customsPeriod.toString(),
      arbitrationPeriod: String((shipped.body.escrowPeriods as Json).arbitrationPeriod),
    });
    // The recent orders and the activity start with it.
    const recent = await x.get("/api/orders?limit=2");
    assert.equal((recent.body.orders as Json[])[0].id, lower(orderId));
    assert.equal(recent.body.total, ordersOf().length + 1);
    const activity = await x.get("/api/activity?limit=2");
    assert.deepEqual(
      (activity.body.events as Json[]).map((e) => [e.orderId, e.name]),
      [
        [lower(orderId), "OrderShipped"],
        [lower(orderId), "OrderCreated"],
      ],
    );
    assert.equal(((activity.body.events as Json[])[1].terms as Json).amount, amount.toString());
  });
});

describe("charts from the index", () => {
  /** Every indexed order (with its currency) and its timeline, as the API gives them. */
  async function allOrders(): Promise<Json[]> {
    const list = await x.get("/api/orders?limit=100");
    const orders: Json[] = [];
    for (const o of list.body.orders as Json[])
      orders.push((await x.get(`/api/orders/${String(o.id)}`)).body);
    return orders;
  }

  it("counts orders and volume per day and currency, and orders per status", async () => {
    const orders = await allOrders();
    const { body } = await x.get("/api/charts/trade");
    const days = body.days as Json[];
    const perCurrency = (list: Json[], value: (o: Json) => bigint) => {
      const sums = new Map<string, bigint>();
      for (const o of list) {
        const code = String((o.currency as Json).currency);
        sums.set(code, (sums.get(code) ?? 0n) + value(o));
      }
      return Object.fromEntries([...sums].sort());
    };
    assert.deepEqual(
      perCurrency(days, (d) => BigInt(String(d.volume))),
      perCurrency(orders, (o) => BigInt(String(o.amount))),
    );
    assert.deepEqual(
      perCurrency(days, (d) => BigInt(String(d.orders))),
      perCurrency(orders, () => 1n),
    );
    for (const d of days) {
      const onDay = orders.filter(
        (o) =>
          Math.floor(Number(o.createdAt) / 86_400) === d.day &&
          (o.currency as Json).currency === (d.currency as Json).currency,
      );
      assert.equal(d.orders, onDay.length, String(d.date));
    }
    const byStatus = new Map<string, number>();
    for (const o of orders)
      byStatus.set(String(o.status), (byStatus.get(String(o.status)) ?? 0) + 1);
    assert.deepEqual(
      Object.fromEntries((body.statuses as Json[]).map((st) => [st.status, st.orders])),
      Object.fromEntries([...byStatus].sort()),
    );
  });

  it("counts a country's trade by HS chapter with its customs rejections", async () => {
    const orders = await allOrders();
    for (const country of ["PK", "KZ"]) {
      const { body } = await x.get(`/api/charts/countries/${country}`);
      const expected = new Map<string, { orders: number; rejected: number }>();
      for (const o of orders.filter((o) => o.destinationCountry === country)) {
        const chapter = String(Math.floor(Number(o.productHsCode) / 1_000_000));
        const key = `${chapter}:${String((o.currency as Json).currency)}`;
        const rejected = (o.timeline as Json[]).some(
          (e) => e.name === "OrderRefunded" && (e.args as Json).reasonName === "RejectedAtCustoms",
        );
        const sum = expected.get(key) ?? { orders: 0, rejected: 0 };
        expected.set(key, { orders: sum.orders + 1, rejected: sum.rejected + (rejected ? 1 : 0) });
      }
      assert.deepEqual(
        Object.fromEntries(
          (body.chapters as Json[]).map((c) => [
            `${String(c.chapter)}:${String((c.currency as Json).currency)}`,
            { orders: c.orders, rejected: c.rejectedAtCustoms },
          ]),
        ),
        Object.fromEntries([...expected].sort()),
        country,
      );
    }
    const rejections: number[] = [];
    for (const country of ["PK", "KZ"]) {
      const { body } = await x.get(`/api/charts/countries/${country}`);
      rejections.push(...(body.chapters as Json[]).map((c) => Number(c.rejectedAtCustoms)));
    }
    assert.ok(
      rejections.some((n) => n > 0),
      "the demo's customs rejection is counted",
    );
  });

  it("keeps a seller's record per day as the credit record counts it", async () => {
    const seller = x.stage.accounts.exporter;
    const { body } = await x.get(`/api/charts/sellers/${seller}`);
    const days = body.days as Json[];
    const total = (field: string) => days.reduce((a, d) => a + Number(d[field]), 0);
    const credit = await x.client.creditOf(seller);
    const sum = (field: keyof (typeof credit)[number]) =>
      credit.reduce((a, c) => a + Number(c[field]), 0);
    assert.equal(total("sales"), sum("salesCompleted"));
    assert.equal(total("rejectedAtCustoms"), sum("rejectedAtCustoms"));
    assert.equal(total("unshipped"), sum("missedShipBy"));
    const orders = await allOrders();
    const disputed = orders.filter((o) => o.seller === lower(seller) && o.dispute !== null).length;
    assert.equal(total("disputes"), disputed);
    assert.ok(days.every((d) => /^\d{4}-\d\d-\d\d$/.test(String(d.date))));
    assert.equal((await x.get("/api/charts/sellers/0x12")).status, 400);
  });
});

describe("chain time", () => {
  it("judges an entry's expiry by the indexed block's time: live one second before, gone at it", async () => {
    const latest = await x.provider.getBlock("latest");
    assert.ok(latest);
    const expiresAt = latest.timestamp + 3600;
    await x.stage.clients.customsKZ.setTariffListing(398, "8471", "Positive", {
      expiresAt: BigInt(expiresAt),
      reason: "temporary quota for laptops",
    });
    const laptopInKz = async () => {
      await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
      const { body } = await x.get(`/api/products/${PRODUCTS.laptop.id}`);
      return (body.clearance as Json[]).find((c) => c.country === "KZ") as Json;
    };
    const mineAt = async (timestamp: number) => {
      await rpcCall(x.node.url, "evm_setNextBlockTimestamp", [timestamp]);
      await rpcCall(x.node.url, "evm_mine");
    };
    await mineAt(expiresAt - 1);
    const before = await laptopInKz();
    assert.deepEqual(
      [before.status, before.source, before.codeText],
      ["Positive", "Tariff", "8471"],
    );
    const status = await x.get("/api/status");
    assert.equal(status.body.chainTime, String(expiresAt - 1));
    await mineAt(expiresAt);
    const at = await laptopInKz();
    assert.deepEqual([at.status, at.source, at.outcome], ["Unlisted", "None", "customs-clearance"]);
    // The expired entry is still on Kazakhstan's positive list (as on chain), only not live.
    const list = await x.get("/api/countries/KZ?status=Positive&hs=8471");
    assert.deepEqual(
      (list.body.tariffListings as Json[]).map((t) => [t.codeText, t.expiresAt]),
      [["8471", String(expiresAt)]],
    );
  });
});
