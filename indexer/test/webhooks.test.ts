/**
 * Webhooks from the explorer, against real HTTP receivers on the loopback: the admin API refuses
 * a wrong or missing token and names each bad field; each final order event is POSTed once to
 * every endpoint whose filter it passes, signed so that the SDK's `verifyWebhook` accepts it;
 * a receiver that was down gets it once it is up; one that never answers 2xx is given up on after
 * the cap and shown as failed; an event of a block reorganised away (`evm_revert`) is never sent;
 * an indexer restarted mid-retry loses nothing and sends nothing twice. Timings are made short by
 * the settings; no test asserts on a duration.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { PRODUCTS } from "@tradechain/devkit/demo";
import { type Child, freePort, rpcCall, stop } from "@tradechain/devkit/nodes";
import { TradeChainError, verifyWebhook } from "@tradechain/sdk";

import { startIndexer, waitCaughtUp } from "../harness.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";
import { Receiver } from "./webhook-receiver.js";

const TOKEN = "webhooks-test-admin-token-0123456789";
const CONFIRMATIONS = 2;
const MAX_ATTEMPTS = 6;
const WAIT_MS = 60_000;

let x: ExplorerFixture;
let receiver: Receiver;
/** A receiver that starts down (nothing listening on its port). */
let downReceiver: Receiver;
let restarted: Child | undefined;

before(async () => {
  x = await startExplorerFixture("webhooks", {
    TRADECHAIN_ADMIN_TOKEN: TOKEN,
    TRADECHAIN_WEBHOOK_CONFIRMATIONS: String(CONFIRMATIONS),
    TRADECHAIN_WEBHOOK_RETRY_BASE_MS: "300",
    TRADECHAIN_WEBHOOK_RETRY_MAX_MS: "2000",
    TRADECHAIN_WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    TRADECHAIN_WEBHOOK_TIMEOUT_MS: "5000",
    TRADECHAIN_WEBHOOK_POLL_MS: "100",
  });
  receiver = new Receiver(await freePort());
  await receiver.start();
  downReceiver = new Receiver(await freePort());
});
after(async () => {
  await stop(restarted);
  await receiver?.close();
  await downReceiver?.close();
  await x?.close();
});

/** A request to the admin API: status and parsed body. */
async function admin(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${x.api}/api/admin/webhooks${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Registered {
  readonly id: string;
  readonly secret: string;
}

/** Registers an endpoint at the receiver's `path` and tells the receiver its secret. */
async function register(r: Receiver, path: string, filter: object = {}): Promise<Registered> {
  const { status, body } = await admin("POST", "", { url: r.url(path), ...filter });
  assert.equal(status, 201, JSON.stringify(body));
  const registered = body as unknown as Registered;
  r.secrets.set(path, registered.secret);
  return registered;
}

interface Delivery {
  eventId: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
}

async function deliveries(id: string, state?: string): Promise<Delivery[]> {
  const { status, body } = await admin("GET", `/${id}/deliveries${state ? `?state=${state}` : ""}`);
  assert.equal(status, 200, JSON.stringify(body));
  return body.deliveries as Delivery[];
}

async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  child: Child | undefined = x.indexer,
) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      assert.fail(`${what}: not seen within ${WAIT_MS} ms; the indexer:\n${child?.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Mines blocks so that everything up to now is final by the confirmations. */
async function confirm(): Promise<void> {
  for (let i = 0; i < CONFIRMATIONS; i++) await rpcCall(x.node.url, "evm_mine");
}

/** A new order of the demo's importer with the exporter; the receipt of its creation. */
async function newOrder() {
  return x.stage.clients.importer.createOrder({
    seller: x.stage.accounts.exporter,
    buyer: x.stage.accounts.importer,
    token: "USD",
    amount: 10_000_000n,
    productId: PRODUCTS.laptop.id,
    destination: 586,
    confirmWindow: 7 * 86_400,
  });
}

/** The event ids of the escrow's logs in a receipt, in log order. */
function escrowEventIds(receipt: {
  hash: string;
  logs: readonly { address: string; index: number }[];
}): string[] {
  return receipt.logs
    .filter((l) => l.address.toLowerCase() === x.deployment.addresses.escrow.toLowerCase())
    .map((l) => `${x.node.chainId}:${receipt.hash.toLowerCase()}:${l.index}`);
}

describe("the webhooks' admin API", () => {
  it("refuses a request without the admin token or with another (401)", async () => {
    for (const token of [null, "not-the-token-0123456789"]) {
      const { status, body } = await admin("GET", "", undefined, token);
      assert.equal(status, 401);
      assert.equal(body.code, "unauthorized");
      assert.match(String(body.error), /admin token/);
      const post = await admin("POST", "", { url: receiver.url("/x") }, token);
      assert.equal(post.status, 401);
    }
  });

  it("names the field of every bad registration (400) and knows no unknown endpoint (404)", async () => {
    const cases: [unknown, string, RegExp][] = [
      ["{not json", "invalid_body", /JSON/],
      [[1, 2], "invalid_body", /JSON object/],
      [{}, "missing_url", /url/],
      [{ url: "ftp://127.0.0.1/x" }, "invalid_url", /url must be an http or https URL/],
      [{ url: "not a url" }, "invalid_url", /url/],
      [{ url: receiver.url("/x"), events: ["OrderTeleported"] }, "invalid_events", /events/],
      [{ url: receiver.url("/x"), events: "OrderShipped" }, "invalid_events", /events/],
      [{ url: receiver.url("/x"), accounts: ["0x1234"] }, "invalid_accounts", /accounts/],
      [{ url: receiver.url("/x"), orderIds: ["0x12"] }, "invalid_orderIds", /orderIds/],
      [{ url: receiver.url("/x"), fromBlock: -1 }, "invalid_fromBlock", /fromBlock/],
      [{ url: receiver.url("/x"), colour: "red" }, "unknown_field", /colour/],
    ];
    for (const [body, code, message] of cases) {
      const answer = await admin("POST", "", body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, code, JSON.stringify(body));
      assert.match(String(answer.body.error), message);
    }
    const unknown = await admin("DELETE", "/we_000000000000000000000000");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, "webhook_not_found");
    const { status, body } = await admin("GET", "/we_000000000000000000000000/deliveries");
    assert.equal(status, 404);
    assert.equal(body.code, "webhook_not_found");
    assert.deepEqual((await admin("GET", "")).body, { endpoints: [] }, "nothing was registered");
  });

  it("registers an endpoint with a secret shown once, lists it and removes it", async () => {
    const made = await admin("POST", "", {
      url: receiver.url("/listed"),
      events: ["OrderShipped", "OrderShipped"],
      accounts: [x.stage.accounts.exporter],
    });
    assert.equal(made.status, 201);
    const id = String(made.body.id);
    assert.match(id, /^we_[0-9a-f]{24}$/);
    assert.match(String(made.body.secret), /^whsec_[\w-]{43}$/);
    assert.deepEqual(made.body.events, ["OrderShipped"]);
    assert.deepEqual(made.body.accounts, [x.stage.accounts.exporter.toLowerCase()]);
    const indexed = BigInt(String((await x.get("/api/status")).body.indexedBlock));
    assert.equal(BigInt(String(made.body.fromBlock)), indexed + 1n, "from the next block on");
    const listed = (await admin("GET", "")).body.endpoints as Record<string, unknown>[];
    assert.equal(listed.length, 1);
    assert.equal(listed[0].id, id);
    assert.equal(listed[0].url, receiver.url("/listed"));
    assert.equal(listed[0].secret, undefined, "the list never shows a secret");
    assert.deepEqual(listed[0].deliveries, { pending: 0, delivered: 0, failed: 0, dropped: 0 });
    const state = await admin("GET", `/${id}/deliveries?state=sent`);
    assert.equal(state.status, 400);
    assert.equal(state.body.code, "invalid_state");
    assert.deepEqual((await admin("DELETE", `/${id}`)).body, { id, removed: true });
    assert.deepEqual((await admin("GET", "")).body, { endpoints: [] });
  });
});

describe("webhook deliveries", () => {
  let all: Registered;

  it("POSTs each final event once to each endpoint whose filter it passes, signed", async () => {
    all = await register(receiver, "/all");
    const refunds = await register(receiver, "/refunds", {
      events: ["OrderRefunded"],
      accounts: [x.stage.accounts.importer],
    });
    const stranger = await register(receiver, "/stranger", {
      accounts: ["0x000000000000000000000000000000000000dEaD"],
    });
    const { orderId, receipt: created } = await newOrder();
    const cancelled = await x.stage.clients.importer.cancel(orderId);
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    // Indexed, but the blocks are not final yet: nothing may have gone out.
    assert.equal(receiver.received.length, 0, "sent before final");
    await confirm();
    const [createdId] = escrowEventIds(created);
    const [refundedId] = escrowEventIds(cancelled);
    await until("both events at /all and the refund at /refunds", () =>
      receiver.delivered("/all").length >= 2 && receiver.delivered("/refunds").length >= 1
        ? true
        : undefined,
    );
    assert.deepEqual(receiver.delivered("/all"), [createdId, refundedId]);
    assert.deepEqual(receiver.delivered("/refunds"), [refundedId]);
    assert.deepEqual(receiver.on("/stranger"), [], "an order of other accounts is not sent");
    for (const r of receiver.received) {
      assert.ok(r.verified, `the signature of ${r.body} verifies`);
      assert.equal(r.headers["content-type"], "application/json");
      assert.equal(r.headers["tradechain-delivery-attempt"], "1");
    }
    // The body as a platform reads it, and its signature checked as a platform does.
    const refund = receiver.on("/refunds")[0];
    const header = String(refund.headers["tradechain-signature"]);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    const verified = await verifyWebhook(refund.body, header, refunds.secret, 300);
    const event = JSON.parse(verified.body) as Record<string, unknown>;
    assert.equal(event.id, refundedId);
    assert.equal(event.kind, "OrderRefunded");
    assert.equal(event.orderId, orderId.toLowerCase());
    assert.equal(event.status, "Refunded");
    assert.equal(event.chainId, x.node.chainId);
    assert.equal(event.txHash, cancelled.hash.toLowerCase());
    assert.equal(event.blockNumber, String(cancelled.blockNumber));
    assert.equal(event.blockHash, cancelled.blockHash.toLowerCase());
    assert.deepEqual(event.order, {
      buyer: x.stage.accounts.importer.toLowerCase(),
      seller: x.stage.accounts.exporter.toLowerCase(),
      arbiter: (event.order as { arbiter: string }).arbiter,
      token: x.deployment.addresses.tokens.USD.toLowerCase(),
      amount: "10000000",
      escrowed: "0",
      released: "0",
      refunded: "10000000",
      fees: "0",
      escrow: x.deployment.addresses.escrow.toLowerCase(),
    });
    assert.equal((event.args as { amount: string }).amount, "10000000");
    // Another endpoint's secret does not verify it.
    await assert.rejects(
      verifyWebhook(refund.body, header, all.secret, 300),
      (err) => err instanceof TradeChainError && err.code === "WEBHOOK_SIGNATURE",
    );
    const listed = (await admin("GET", "")).body.endpoints as {
      id: string;
      deliveries: Record<string, number>;
    }[];
    const counts = Object.fromEntries(listed.map((e) => [e.id, e.deliveries]));
    assert.deepEqual(counts[all.id], { pending: 0, delivered: 2, failed: 0, dropped: 0 });
    assert.deepEqual(counts[refunds.id], { pending: 0, delivered: 1, failed: 0, dropped: 0 });
    assert.deepEqual(counts[stranger.id], { pending: 0, delivered: 0, failed: 0, dropped: 0 });
    const [last] = await deliveries(refunds.id);
    assert.equal(last.eventId, refundedId);
    assert.equal(last.state, "delivered");
    assert.equal(last.lastStatus, 200);
    await admin("DELETE", `/${refunds.id}`);
    await admin("DELETE", `/${stranger.id}`);
  });

  it("retries a receiver that was down (connection refused) until it is up", async () => {
    const down = await register(downReceiver, "/down");
    const { receipt } = await newOrder();
    await confirm();
    const [eventId] = escrowEventIds(receipt);
    const refused = await until("a refused attempt", async () => {
      const [d] = await deliveries(down.id);
      return d !== undefined && d.attempts >= 1 ? d : undefined;
    });
    assert.equal(refused.eventId, eventId);
    assert.equal(refused.state, "pending");
    assert.equal(refused.lastStatus, null);
    assert.match(String(refused.lastError), /ECONNREFUSED|fetch failed/);
    await downReceiver.start();
    await until("the delivery once the receiver is up", () =>
      downReceiver.delivered("/down").length > 0 ? true : undefined,
    );
    assert.deepEqual(downReceiver.delivered("/down"), [eventId]);
    const [sent] = await deliveries(down.id);
    assert.equal(sent.state, "delivered");
    assert.ok(sent.attempts >= 2, `attempts ${sent.attempts}`);
    assert.equal(
      downReceiver.on("/down")[0].headers["tradechain-delivery-attempt"],
      String(sent.attempts),
    );
    await admin("DELETE", `/${down.id}`);
  });

  it("gives up after the cap of attempts and lists the delivery as failed", async () => {
    receiver.answers.set("/broken", 500);
    const broken = await register(receiver, "/broken");
    const { receipt } = await newOrder();
    await confirm();
    const [eventId] = escrowEventIds(receipt);
    const [failed] = await until("the failed delivery", async () => {
      const list = await deliveries(broken.id, "failed");
      return list.length > 0 ? list : undefined;
    });
    assert.equal(failed.eventId, eventId);
    assert.equal(failed.attempts, MAX_ATTEMPTS);
    assert.equal(failed.lastStatus, 500);
    assert.match(String(failed.lastError), /^HTTP 500: not now$/);
    assert.deepEqual(
      receiver.on("/broken").map((r) => r.headers["tradechain-delivery-attempt"]),
      Array.from({ length: MAX_ATTEMPTS }, (_, i) => String(i + 1)),
    );
    const listed = (await admin("GET", "")).body.endpoints as {
      id: string;
      deliveries: Record<string, number>;
    }[];
    assert.equal(listed.find((e) => e.id === broken.id)?.deliveries.failed, 1);
    await admin("DELETE", `/${broken.id}`);
  });

  it("never sends an event of a block reorganised away (evm_revert below the final block)", async () => {
    const reorg = await register(receiver, "/reorg");
    const snapshot = (await rpcCall(x.node.url, "evm_snapshot")) as string;
    const { orderId: reverted, receipt } = await newOrder();
    const [revertedId] = escrowEventIds(receipt);
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    assert.deepEqual(await deliveries(reorg.id), [], "not final: not matched");
    assert.equal(await rpcCall(x.node.url, "evm_revert", [snapshot]), true);
    // The other branch grows past the reverted block and its confirmations.
    for (let i = 0; i < CONFIRMATIONS + 2; i++) await rpcCall(x.node.url, "evm_mine");
    await waitCaughtUp(x.api, x.node.url, { child: x.indexer });
    const { orderId: kept, receipt: keptReceipt } = await newOrder();
    await confirm();
    const [keptId] = escrowEventIds(keptReceipt);
    await until("the event of the kept branch", () =>
      receiver.delivered("/reorg").includes(keptId) ? true : undefined,
    );
    assert.deepEqual(receiver.delivered("/reorg"), [keptId]);
    const sent = receiver
      .on("/reorg")
      .map((r) => (JSON.parse(r.body) as { orderId: string }).orderId);
    assert.ok(!sent.includes(reverted.toLowerCase()), "the reverted order was sent");
    assert.deepEqual(sent, [kept.toLowerCase()]);
    assert.ok(!(await deliveries(reorg.id)).some((d) => d.eventId === revertedId));
    await admin("DELETE", `/${reorg.id}`);
  });

  it("loses nothing and sends nothing twice when the indexer restarts mid-retry", async () => {
    receiver.answers.set("/flaky", 503);
    await register(receiver, "/flaky");
    const { receipt } = await newOrder();
    await confirm();
    const [eventId] = escrowEventIds(receipt);
    await until("a refused attempt at /flaky, the event at /all", () =>
      receiver.on("/flaky").length > 0 && receiver.delivered("/all").includes(eventId)
        ? true
        : undefined,
    );
    await x.stopIndexer();
    const before = receiver.delivered("/all");
    // An event while the indexer is down: indexed and sent once it is back.
    const { receipt: whileDown } = await newOrder();
    await confirm();
    const [whileDownId] = escrowEventIds(whileDown);
    receiver.answers.set("/flaky", 200);
    // Started again on the same database, this time without the admin token: the dispatcher
    // carries on with the endpoints it has, and the admin API says it is off.
    restarted = await startIndexer({
      ...x.indexerOptions,
      env: { ...x.indexerOptions.env, TRADECHAIN_ADMIN_TOKEN: "" },
      log: join(x.workDir, "restarted.log"),
    });
    const off = await admin("GET", "");
    assert.equal(off.status, 403);
    assert.equal(off.body.code, "admin_disabled");
    assert.match(String(off.body.error), /TRADECHAIN_ADMIN_TOKEN/);
    const sorted = (ids: string[]) => [...ids].sort();
    await until(
      "both events at /flaky after the restart",
      () => (receiver.delivered("/flaky").length >= 2 ? true : undefined),
      restarted,
    );
    assert.deepEqual(sorted(receiver.delivered("/flaky")), sorted([eventId, whileDownId]));
    // One more event after the restart: once it is at /all, every round since the restart has
    // passed over the events /all had before it, and none came again.
    const { receipt: later } = await newOrder();
    await confirm();
    const [laterId] = escrowEventIds(later);
    await until(
      "the event after the restart at /all",
      () => (receiver.delivered("/all").includes(laterId) ? true : undefined),
      restarted,
    );
    const atAll = receiver.delivered("/all");
    assert.deepEqual(atAll.slice(0, before.length), before);
    assert.deepEqual(atAll.slice(before.length), [whileDownId, laterId]);
    assert.equal(new Set(atAll).size, atAll.length, "an event sent twice");
    assert.deepEqual(sorted(receiver.delivered("/flaky")), sorted([eventId, whileDownId, laterId]));
  });
});
