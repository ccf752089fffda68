/**
 * The SDK's `ExplorerClient` against a real explorer on the demo's data (its own hardhat node,
 * deployment and indexer), compared with the chain through the SDK's `TradeChainClient`: an order
 * with its timeline and next action, a participant's orders by role and status, paging that stays
 * put while new orders arrive, credit, products and clearance, the refusals as `TradeChainError`
 * codes, and the docs' example (docs/examples/sdk-explorer.ts) run as a platform would.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";

import {
  CREDIT_COUNTERS,
  ExplorerClient,
  type ExplorerPartyOrder,
  TradeChainError,
  type TradeChainErrorCode,
} from "@tradechain/sdk";
import { PRODUCTS } from "@tradechain/devkit/demo";
import { REPOSITORY_ROOT } from "@tradechain/devkit/nodes";

import { waitCaughtUp } from "../harness.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

const lower = (s: string) => s.toLowerCase();

let x: ExplorerFixture;
let explorer: ExplorerClient;

before(async () => {
  x = await startExplorerFixture("sdk-client");
  explorer = new ExplorerClient(x.api);
});
after(async () => {
  await x?.close();
});

const demoOrders = () => x.outcomes.flatMap((o) => (o.orderId === undefined ? [] : [o.orderId]));

/** The TradeChainError `work` rejects with (fails otherwise), checked for its code and name. */
async function refusal(
  work: () => Promise<unknown>,
  code: TradeChainErrorCode,
  name: string,
): Promise<TradeChainError> {
  const err = await work().then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof TradeChainError, String(err));
  assert.deepEqual([err.code, err.decoded.name], [code, name], err.message);
  return err;
}

/** Every page of `account`'s orders through the cursor, `limit` a page. */
async function everyPage(account: string, limit: number): Promise<ExplorerPartyOrder[]> {
  const orders: ExplorerPartyOrder[] = [];
  let cursor: string | undefined;
  do {
    const page = await explorer.ordersOf(account, { limit, cursor });
    assert.ok(page.orders.length <= limit);
    orders.push(...page.orders);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return orders;
}

describe("ExplorerClient: orders", () => {
  it("reads an order with bigints, its structured timeline and the SDK's next action", async () => {
    for (const orderId of demoOrders()) {
      const [order, state, timeline, next] = await Promise.all([
        explorer.order(orderId),
        x.client.orderState(orderId),
        x.client.orderTimeline(orderId),
        x.client.nextAction(orderId),
      ]);
      assert.equal(order.id, lower(orderId));
      assert.equal(order.status, state.status);
      assert.equal(typeof order.amount, "bigint");
      assert.equal(order.escrowed + order.released + order.refunded + order.fees, order.amount);
      assert.equal(order.refunded, state.refunded);
      assert.deepEqual(
        order.timeline.map((e) => [e.name, e.txHash, e.blockNumber, e.logIndex, e.timestamp]),
        timeline.map((e) => [e.event, e.txHash, BigInt(e.blockNumber), e.logIndex, e.timestamp]),
      );
      // Event arguments stay as the chain's strings.
      const created = order.timeline[0];
      assert.equal(created.args.amount, order.amount.toString());
      // The same rules at the same block: the explorer's next action is the SDK's.
      assert.equal(order.chainTime, next.now);
      assert.ok(order.nextAction !== null);
      const withLowerAccounts = (n: typeof next) => ({
        ...n,
        actions: n.actions.map((a) => ({ ...a, accounts: a.accounts.map(lower) })),
      });
      assert.deepEqual(withLowerAccounts(order.nextAction), withLowerAccounts(next));
      assert.equal(order.parties.length, 3);
    }
  });

  it("lists a participant's orders by role and status, as the chain has them", async () => {
    const chain = await Promise.all(
      demoOrders().map(async (id) => ({
        id: lower(id),
        terms: await x.client.termsOf(id),
        status: (await x.client.orderState(id)).status,
      })),
    );
    const { importer, exporter } = x.stage.accounts;
    for (const [account, role, status] of [
      [importer, "buyer", ["Completed", "Refunded"]],
      [exporter, "seller", ["Resolved"]],
      [exporter, "buyer", undefined],
      [importer, undefined, ["Disputed", "Resolved"]],
    ] as const) {
      const expected = chain
        .filter((o) =>
          (role === undefined ? (["buyer", "seller"] as const) : [role]).some(
            (r) => lower(o.terms[r]) === lower(account),
          ),
        )
        .filter((o) => status === undefined || (status as readonly string[]).includes(o.status))
        .map((o) => o.id);
      const page = await explorer.ordersOf(account, { role, status, limit: 100 });
      assert.deepEqual(page.orders.map((o) => o.id).sort(), [...expected].sort());
      assert.equal(page.total, expected.length);
      const all: string[] = [];
      for await (const o of explorer.allOrdersOf(account, { role, status, limit: 2 })) {
        all.push(o.id);
      }
      assert.deepEqual(
        all,
        page.orders.map((o) => o.id),
        "the iterator walks the same list page by page",
      );
    }
  });

  it("keeps its pages put while new orders arrive", async () => {
    const seller = x.stage.accounts.exporter;
    const before = await everyPage(seller, 100);
    const first = await explorer.ordersOf(seller, { limit: 3 });
    assert.ok(first.nextCursor !== null);
    // Two orders arrive between the first page and the rest.
    const made: string[] = [];
    for (const amount of [11_000_000n, 12_000_000n]) {
      const { orderId } = await x.stage.clients.importer.createOrder({
        seller,
        buyer: x.stage.accounts.importer,
        token: "USD",
        amount,
        productId: PRODUCTS.tea.id,
        destination: 586,
      });
      made.push(lower(orderId));
    }
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const rest: ExplorerPartyOrder[] = [];
    let cursor: string | undefined = first.nextCursor;
    while (cursor !== undefined) {
      const page = await explorer.ordersOf(seller, { limit: 3, cursor });
      assert.equal(page.total, before.length + 2, "the total counts the new orders");
      rest.push(...page.orders);
      cursor = page.nextCursor ?? undefined;
    }
    assert.deepEqual(
      [...first.orders, ...rest].map((o) => o.id),
      before.map((o) => o.id),
      "the pages after the first are the ones there were: nothing repeated, nothing skipped",
    );
    const now = await explorer.ordersOf(seller, { limit: 2 });
    assert.deepEqual(
      now.orders.map((o) => o.id),
      [...made].reverse(),
      "the newest first",
    );
    const funded = await explorer.ordersOf(seller, { role: "seller", status: "Funded" });
    assert.ok(made.every((id) => funded.orders.some((o) => o.id === id)));
    assert.ok(funded.orders.every((o) => o.status === "Funded" && o.role === "seller"));
  });

  it("reads the recent orders and the activity by cursor", async () => {
    const first = await explorer.orders({ limit: 2 });
    const second = await explorer.orders({ limit: 2, cursor: first.nextCursor ?? undefined });
    const both = await explorer.orders({ limit: 4 });
    assert.deepEqual(
      [...first.orders, ...second.orders].map((o) => o.id),
      both.orders.map((o) => o.id),
    );
    const activity = await explorer.activity({ limit: 3 });
    const next = await explorer.activity({ limit: 3, cursor: activity.nextCursor ?? undefined });
    const events = [...activity.events, ...next.events];
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [events[i - 1], events[i]];
      assert.ok(
        b.blockNumber < a.blockNumber ||
          (b.blockNumber === a.blockNumber && b.logIndex < a.logIndex),
        `event ${i} is older`,
      );
    }
    assert.equal(typeof events[0].terms.amount, "bigint");
  });
});

describe("ExplorerClient: participants, products, search", () => {
  it("reads a participant's credit per currency as the escrow records it", async () => {
    const seller = x.stage.accounts.exporter;
    const participant = await explorer.participant(seller);
    assert.equal(participant.registered, true);
    assert.ok(participant.credit.length > 0);
    for (const line of participant.credit) {
      const onChain = await x.client.creditIn(seller, line.token);
      for (const counter of CREDIT_COUNTERS) {
        assert.equal(line[counter], onChain[counter], counter);
      }
      assert.equal(line.volume, onChain.volume);
      assert.equal(line.refundedVolume, onChain.refundedVolume);
    }
  });

  it("reads a product, its clearance in a country, and what a search names", async () => {
    const drone = PRODUCTS.drone.id;
    const product = await explorer.product(drone);
    assert.equal(product.id, lower(drone));
    const pk = product.clearance.find((c) => c.country === "PK");
    assert.equal(pk?.status, "Negative");
    const answer = await explorer.clearance("PK", { product: drone });
    assert.deepEqual(
      [answer.product, answer.status, answer.outcome, answer.canEnter],
      [lower(drone), "Negative", "refused", false],
    );
    const found = await explorer.search(demoOrders()[0]);
    assert.deepEqual(found, {
      kind: "order",
      id: lower(demoOrders()[0]),
      path: `/order/${lower(demoOrders()[0])}`,
    });
    const status = await explorer.status();
    assert.equal(status.caughtUp, true);
    assert.equal(typeof status.indexedBlock, "bigint");
    const country = (await explorer.get("/api/countries/PK")) as { jurisdiction: number };
    assert.equal(country.jurisdiction, 586);
  });
});

describe("ExplorerClient: refusals are TradeChainErrors", () => {
  it("names the refused parameter, the missing thing and the bad input", async () => {
    const seller = x.stage.accounts.exporter;
    const bad = await refusal(
      () => explorer.ordersOf(seller, { role: "carrier" as "buyer" }),
      "EXPLORER_BAD_REQUEST",
      "invalid_role",
    );
    assert.equal(bad.decoded.args.find((a) => a.name === "parameter")?.display, "role");
    assert.equal(bad.decoded.args.find((a) => a.name === "status")?.value, 400n);
    await refusal(
      () => explorer.ordersOf(seller, { cursor: "yesterday" }),
      "EXPLORER_BAD_REQUEST",
      "invalid_cursor",
    );
    await refusal(
      () => explorer.get("/api/orders", { offset: 10 }),
      "EXPLORER_BAD_REQUEST",
      "unknown_parameter",
    );
    const unknown = `0x${"ab".repeat(32)}`;
    const missing = await refusal(
      () => explorer.order(unknown),
      "EXPLORER_NOT_FOUND",
      "order_not_found",
    );
    assert.match(missing.message, /no order 0x(ab){32} is indexed/);
    await refusal(
      () => explorer.participant(`0x${"12".repeat(20)}`),
      "EXPLORER_NOT_FOUND",
      "participant_not_found",
    );
    await refusal(() => explorer.get("/api/nothing-here"), "EXPLORER_NOT_FOUND", "no_route");
    // Refused before anything is asked of the explorer.
    await refusal(() => explorer.order("0x12"), "INVALID_ARGUMENT", "InvalidOrderId");
    await refusal(() => explorer.ordersOf("0x12"), "INVALID_ADDRESS", "InvalidAddress");
    assert.throws(() => new ExplorerClient("ftp://example.com"), TradeChainError);
    await refusal(async () => explorer.get("/graphql"), "INVALID_ARGUMENT", "NotAnApiPath");
  });
});

describe("docs/examples/sdk-explorer.ts", () => {
  it("runs against the explorer as a platform would and prints what it read", async () => {
    const tsx = join(REPOSITORY_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const example = join(REPOSITORY_ROOT, "docs", "examples", "sdk-explorer.ts");
    const seller = x.stage.accounts.exporter;
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, example], {
      env: { ...process.env, EXPLORER_URL: x.api, SELLER: seller },
      timeout: 60_000,
    });
    const open = await explorer.ordersOf(seller, {
      role: "seller",
      status: ["Funded", "Shipped", "Cleared", "Disputed"],
    });
    assert.match(
      stdout,
      new RegExp(`^chain ${x.node.chainId}, indexed block \\d+, 0 behind$`, "m"),
    );
    assert.match(stdout, new RegExp(`^${open.total} open order\\(s\\) as seller$`, "m"));
    assert.match(stdout, /^ {2}next: /m);
    assert.match(stdout, /^USD: \d+ sales, \d+ purchases, US\$ [\d,.]+$/m);
    assert.match(stdout, /^refused \(invalid_role, parameter role\): The explorer refused /m);
  });
});
