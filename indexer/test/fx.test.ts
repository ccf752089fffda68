/**
 * Cross-currency orders in the explorer (issue 19, docs/fx.md): the fixture's three FX orders
 * (refunded in part then confirmed, cancelled, open) indexed into the order tables with both legs,
 * every money step's parts in both currencies as the FX escrow emitted them, both parties' credit
 * per currency as the two escrows record it, and the provider's exposure per pair (open payout
 * legs, cap, feed, orders) as its desk says. Runs on PGlite, or on Postgres with `DATABASE_URL`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import {
  CREDIT_COUNTERS,
  TradeEscrow__factory,
  TradeFxDesk__factory,
  TradeFxEscrow__factory,
} from "@tradechain/sdk";

import { freePort, stop } from "@tradechain/devkit/nodes";
import { verifyWebhook } from "@tradechain/sdk";

import { startIndexer, waitCaughtUp } from "../harness.js";
import { explorerSettings } from "../settings.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";
import type { FxFixture, FxOrder } from "./fx-orders.js";
import { Receiver } from "./webhook-receiver.js";

type Json = Record<string, unknown>;

const ADMIN_TOKEN = "fx-test-admin-token-0123456789abcdef";

/** The fields of a credit record: the SDK's counters and both volumes. */
const CREDIT_FIELDS = [...CREDIT_COUNTERS, "volume", "refundedVolume"] as const;

let x: ExplorerFixture;
let fx: FxFixture;
const lower = (s: string) => s.toLowerCase();

before(async () => {
  x = await startExplorerFixture(
    process.env.DATABASE_URL ? "fx-pg" : "fx",
    {
      TRADECHAIN_ADMIN_TOKEN: ADMIN_TOKEN,
      TRADECHAIN_WEBHOOK_CONFIRMATIONS: "0",
      TRADECHAIN_WEBHOOK_POLL_MS: "100",
    },
    { fx: true },
  );
  if (x.fx === undefined) throw new Error("the fixture made no cross-currency order");
  fx = x.fx;
});
after(async () => {
  await x?.close();
});

/** The FX escrow's `FxLegsSplit` events of an order, in chain order, as the API names them. */
async function splitsOnChain(order: FxOrder) {
  const escrow = TradeFxEscrow__factory.connect(fx.fxEscrow, x.provider);
  const logs = await escrow.queryFilter(escrow.filters.FxLegsSplit(order.orderId));
  return logs.map((l) => ({
    toBuyer: l.args.toBuyer.toString(),
    toProviderInPay: l.args.toProviderInPay.toString(),
    toSeller: l.args.toSeller.toString(),
    toProviderInPayout: l.args.toProviderInPayout.toString(),
    fee: l.args.fee.toString(),
    txHash: l.transactionHash,
  }));
}

describe("GET /api/orders/:id of a cross-currency order", () => {
  it("shows both legs: the pay leg in the buyer's currency, the payout leg in the seller's", async () => {
    const { status, body } = await x.get(`/api/orders/${fx.sale.orderId}`);
    assert.equal(status, 200);
    assert.equal(body.status, "Completed");
    assert.equal(lower(String(body.escrow)), lower(fx.fxEscrow));
    assert.equal(lower(String(body.fxProvider)), lower(fx.provider));
    const legs = body.fx as Json;
    const pay = legs.payLeg as Json;
    const payout = legs.payoutLeg as Json;
    assert.equal(lower(String(legs.provider)), lower(fx.provider));
    assert.equal((pay.currency as Json).currency, "USD");
    assert.equal((payout.currency as Json).currency, "CNY");
    assert.equal(pay.amount, fx.sale.terms.amount.toString());
    assert.equal(payout.amount, fx.sale.quote.payoutAmount.toString());
    // The seller refunded 100 of 1,000 USD: the provider has 10 % of the payout leg back, the
    // rest (less the fee, in CNY) went to the seller; the provider keeps the other 900 USD.
    const amount = fx.sale.terms.amount;
    const payoutAmount = fx.sale.quote.payoutAmount;
    const backToProvider = (fx.partialRefund * payoutAmount) / amount;
    const gross = payoutAmount - backToProvider;
    const fee = (gross * BigInt(fx.sale.terms.feeBps)) / 10_000n;
    assert.deepEqual(
      [pay.held, pay.toBuyer, pay.toProvider],
      ["0", fx.partialRefund.toString(), (amount - fx.partialRefund).toString()],
    );
    assert.deepEqual(
      [payout.held, payout.toSeller, payout.fee, payout.toProvider],
      ["0", (gross - fee).toString(), fee.toString(), backToProvider.toString()],
    );
    // The escrow's own accounting of the fee is in the payout currency.
    const escrow = TradeFxEscrow__factory.connect(fx.fxEscrow, x.provider);
    assert.equal(body.fees, fee.toString());
    assert.ok((await escrow.accruedFees(fx.sale.quote.payoutToken)) >= fee);
  });

  it("lists every money step's parts in both currencies as FxLegsSplit gave them", async () => {
    for (const order of [fx.sale, fx.cancelled, fx.disputed, fx.open]) {
      const { body } = await x.get(`/api/orders/${order.orderId}`);
      const splits = ((body.fx as Json).splits as Json[]).map((s) => ({
        toBuyer: s.toBuyer,
        toProviderInPay: s.toProviderInPay,
        toSeller: s.toSeller,
        toProviderInPayout: s.toProviderInPayout,
        fee: s.fee,
        txHash: s.txHash,
      }));
      assert.deepEqual(splits, await splitsOnChain(order), order.orderId);
    }
    const sale = (await x.get(`/api/orders/${fx.sale.orderId}`)).body;
    assert.deepEqual(
      ((sale.fx as Json).splits as Json[]).map((s) => s.step),
      ["OrderRefunded", "ReceiptConfirmed"],
    );
    const cancelled = (await x.get(`/api/orders/${fx.cancelled.orderId}`)).body;
    const [refund] = (cancelled.fx as Json).splits as Json[];
    assert.deepEqual(
      [refund?.step, refund?.toBuyer, refund?.toProviderInPayout, refund?.toSeller],
      [
        "OrderRefunded",
        fx.cancelled.terms.amount.toString(),
        fx.cancelled.quote.payoutAmount.toString(),
        "0",
      ],
    );
    // A ruling for the buyer in part: its total back in USD, the provider the same share of the
    // payout leg in CNY, the seller the rest less the fee; the provider keeps the rest of the USD.
    const ruled = (await x.get(`/api/orders/${fx.disputed.orderId}`)).body;
    const { amount, feeBps } = fx.disputed.terms;
    const { payoutAmount } = fx.disputed.quote;
    const back = (fx.disputed.buyerTotal * payoutAmount) / amount;
    const rulingFee = ((payoutAmount - back) * BigInt(feeBps)) / 10_000n;
    assert.deepEqual(
      ((ruled.fx as Json).splits as Json[]).map((s) => [
        s.step,
        s.toBuyer,
        s.toProviderInPay,
        s.toSeller,
        s.toProviderInPayout,
        s.fee,
      ]),
      [
        [
          "DisputeResolved",
          fx.disputed.buyerTotal.toString(),
          (amount - fx.disputed.buyerTotal).toString(),
          (payoutAmount - back - rulingFee).toString(),
          back.toString(),
          rulingFee.toString(),
        ],
      ],
    );
    const timeline = (sale.timeline as Json[]).map((e) => e.name);
    assert.deepEqual(timeline.slice(0, 2), ["OrderCreated", "FxOrderCreated"]);
    assert.equal(timeline.filter((n) => n === "FxLegsSplit").length, 2);
  });

  it("keeps an open order's payout leg held and a single-currency order without legs", async () => {
    const { body } = await x.get(`/api/orders/${fx.open.orderId}`);
    assert.equal(body.status, "Funded");
    const payout = (body.fx as Json).payoutLeg as Json;
    assert.equal(payout.held, fx.open.quote.payoutAmount.toString());
    assert.deepEqual((body.fx as Json).splits, []);
    const recent = await x.get("/api/orders?limit=100");
    const single = (recent.body.orders as Json[]).find(
      (o) => lower(String(o.escrow)) === lower(x.deployment.addresses.escrow),
    );
    assert.ok(single, "a single-currency order is listed");
    const one = await x.get(`/api/orders/${String(single.id)}`);
    assert.equal(one.body.fx, null);
    assert.equal(one.body.fxProvider, null);
  });
});

describe("webhooks of a cross-currency order", () => {
  it("name the FX escrow and carry the payout leg, the currency of released and fees", async () => {
    const receiver = new Receiver(await freePort());
    await receiver.start();
    try {
      const made = await fetch(`${x.api}/api/admin/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({
          url: receiver.url("/fx"),
          orderIds: [fx.sale.orderId],
          fromBlock: 0,
        }),
      });
      assert.equal(made.status, 201);
      const { secret } = (await made.json()) as { secret: string };
      receiver.secrets.set("/fx", secret);
      // The sale's events: created with its leg, shipped, refunded in part, confirmed.
      const kinds = () => receiver.on("/fx").map((r) => (JSON.parse(r.body) as Json).kind);
      const deadline = Date.now() + 60_000;
      while (!kinds().includes("ReceiptConfirmed")) {
        if (Date.now() > deadline) assert.fail(`no ReceiptConfirmed; got ${kinds().join(", ")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const bodies = await Promise.all(
        receiver.on("/fx").map(async (r) => {
          const header = String(r.headers["tradechain-signature"]);
          return JSON.parse((await verifyWebhook(r.body, header, secret, 300)).body) as Json;
        }),
      );
      const leg = {
        provider: lower(fx.provider),
        payoutToken: lower(fx.sale.quote.payoutToken),
        payoutAmount: fx.sale.quote.payoutAmount.toString(),
      };
      for (const body of bodies) {
        const order = body.order as Json;
        assert.equal(order.escrow, lower(fx.fxEscrow), String(body.kind));
        assert.equal(order.token, lower(fx.sale.terms.token), "token is the pay leg's");
        // OrderCreated too, although the FxOrderCreated naming the leg comes after it.
        assert.deepEqual(order.fx, leg, String(body.kind));
      }
      assert.deepEqual(kinds().slice(0, 2), ["OrderCreated", "FxOrderCreated"]);
      assert.equal(kinds().filter((k) => k === "FxLegsSplit").length, 2);
      // Confirmed: the seller was paid the payout leg less the provider's share back for the
      // refund, less the fee; both in CNY, as `fx.payoutToken` says.
      const amount = fx.sale.terms.amount;
      const payoutAmount = fx.sale.quote.payoutAmount;
      const gross = payoutAmount - (fx.partialRefund * payoutAmount) / amount;
      const fee = (gross * BigInt(fx.sale.terms.feeBps)) / 10_000n;
      const confirmed = bodies.find((b) => b.kind === "ReceiptConfirmed") as Json;
      assert.deepEqual(
        [
          (confirmed.order as Json).released,
          (confirmed.order as Json).fees,
          (confirmed.order as Json).refunded,
        ],
        [(gross - fee).toString(), fee.toString(), fx.partialRefund.toString()],
      );
    } finally {
      await receiver.close();
    }
  });
});

describe("credit of cross-currency orders", () => {
  it("credits the buyer in the pay currency and the seller in the payout currency", async () => {
    const escrows = [
      TradeEscrow__factory.connect(x.deployment.addresses.escrow, x.provider),
      TradeFxEscrow__factory.connect(fx.fxEscrow, x.provider),
    ];
    for (const account of [x.stage.accounts.importer, x.stage.accounts.exporter]) {
      const { body } = await x.get(`/api/participants/${account}`);
      for (const record of body.credit as Json[]) {
        const token = String(record.token);
        // The explorer's record in a currency adds both escrows' records.
        const onChain = await Promise.all(escrows.map((e) => e.creditOf(account, token)));
        for (const field of CREDIT_FIELDS) {
          const sum = onChain.reduce((a, c) => a + BigInt(c[field]), 0n);
          assert.equal(String(record[field]), sum.toString(), `${account} ${token} ${field}`);
        }
      }
    }
    // The FX escrow recorded the exporter's sale in CNY only, the importer's purchase in USD only.
    const fxEscrow = escrows[1] as (typeof escrows)[1];
    const sellerCny = await fxEscrow.creditOf(x.stage.accounts.exporter, fx.sale.quote.payoutToken);
    assert.equal(sellerCny.salesCompleted, 1n);
    assert.ok(sellerCny.refundedVolume > 0n);
    const buyerUsd = await fxEscrow.creditOf(x.stage.accounts.importer, fx.sale.terms.token);
    assert.equal(buyerUsd.purchasesCompleted, 1n);
    // What the seller kept of each payment: the confirmed sale's and the ruled order's.
    assert.equal(
      buyerUsd.volume,
      fx.sale.terms.amount - fx.partialRefund + fx.disputed.terms.amount - fx.disputed.buyerTotal,
    );
    assert.deepEqual([buyerUsd.disputesWon, sellerCny.disputesLost], [1n, 1n]);
  });
});

describe("GET /api/providers/:address", () => {
  it("shows the provider's exposure per pair as its desk has it", async () => {
    const { status, body } = await x.get(`/api/providers/${fx.provider}`);
    assert.equal(status, 200);
    assert.equal(body.registered, true);
    assert.equal(body.orderCount, 4);
    const [line, ...others] = body.lines as Json[];
    assert.deepEqual(others, []);
    assert.ok(line);
    assert.equal((line.payCurrency as Json).currency, "USD");
    assert.equal((line.payoutCurrency as Json).currency, "CNY");
    const desk = TradeFxDesk__factory.connect(fx.desk, x.provider);
    const [cap, open] = await desk.fxLimitOf(
      fx.provider,
      line.payToken as string,
      line.payoutToken as string,
    );
    assert.deepEqual(
      [line.cap, line.open, line.headroom],
      [cap.toString(), open.toString(), (cap - open).toString()],
    );
    assert.equal(line.cap, fx.cap.toString());
    assert.equal(line.open, fx.open.quote.payoutAmount.toString());
    assert.deepEqual([line.openOrders, line.orders], [1, 4]);
    const volume = [fx.sale, fx.cancelled, fx.disputed, fx.open].reduce(
      (sum, o) => sum + o.quote.payoutAmount,
      0n,
    );
    assert.equal(line.payoutVolume, volume.toString());
    const [feed, maxAge, maxDeviationBps] = await desk.fxFeedOf(
      fx.sale.terms.token,
      fx.sale.quote.payoutToken,
    );
    assert.deepEqual(line.feed, {
      feed: lower(feed),
      maxAge: Number(maxAge),
      maxDeviationBps: Number(maxDeviationBps),
    });
    assert.deepEqual(
      (body.orders as Json[]).map((o) => [o.id, o.status, (o.payoutCurrency as Json).currency]),
      [
        [fx.open.orderId, "Funded", "CNY"],
        [fx.disputed.orderId, "Resolved", "CNY"],
        [fx.cancelled.orderId, "Refunded", "CNY"],
        [fx.sale.orderId, "Completed", "CNY"],
      ],
    );
  });

  it("answers 404 for an account that provides no FX and 400 for a malformed address", async () => {
    const none = await x.get(`/api/providers/${x.stage.accounts.importer}`);
    assert.equal(none.status, 404);
    assert.equal(none.body.code, "provider_not_found");
    const bad = await x.get("/api/providers/0x1234");
    assert.equal(bad.status, 400);
  });
});

describe("a deployment without the cross-currency escrow", () => {
  /** The fixture's addresses as `TRADECHAIN_ADDRESSES` names them, `fxEscrow` as asked. */
  const addressesJson = (fxEscrow?: string) =>
    JSON.stringify({
      escrow: x.deployment.addresses.escrow,
      registry: x.deployment.addresses.registry,
      tokens: x.deployment.addresses.tokens,
      ...(fxEscrow === undefined ? {} : { fxEscrow }),
    });
  const settingsOf = (fxEscrow?: string) =>
    explorerSettings({
      TRADECHAIN_RPC_URL: x.node.url,
      TRADECHAIN_CHAIN_ID: String(x.node.chainId),
      TRADECHAIN_ADDRESSES: addressesJson(fxEscrow),
      TRADECHAIN_START_BLOCK: String(x.deployment.startBlock),
      TRADECHAIN_RPC_WS: "off",
    });

  it("follows the FX escrow and the desk it reads from it, or neither", async () => {
    assert.deepEqual((await settingsOf(fx.fxEscrow)).addresses.fx, {
      escrow: fx.fxEscrow,
      desk: fx.desk,
    });
    assert.equal((await settingsOf()).addresses.fx, undefined);
    await assert.rejects(settingsOf("0x12"), /fxEscrow is not an address: "0x12"/);
    // An address without the escrow's code answers no desk.
    await assert.rejects(
      settingsOf(x.stage.accounts.importer),
      /cannot read fxDesk\(\) of the cross-currency escrow/,
    );
  });

  it("indexes the single-currency escrow alone", async () => {
    const port = await freePort();
    const api = `http://127.0.0.1:${port}`;
    const child = await startIndexer({
      ...x.indexerOptions,
      port,
      pgliteDir: join(x.workDir, "pglite-no-fx"),
      schema: `${x.indexerOptions.schema}_nofx`,
      log: join(x.workDir, "indexer-no-fx.log"),
      env: {
        TRADECHAIN_DEPLOYMENT: "",
        TRADECHAIN_ADDRESSES: addressesJson(),
        TRADECHAIN_START_BLOCK: String(x.deployment.startBlock),
      },
    });
    try {
      await waitCaughtUp(api, x.node.url, { child });
      const get = async (path: string) => {
        const response = await fetch(`${api}${path}`);
        return { status: response.status, body: (await response.json()) as Json };
      };
      assert.equal((await get(`/api/orders/${fx.sale.orderId}`)).status, 404);
      assert.equal((await get(`/api/providers/${fx.provider}`)).status, 404);
      const recent = (await get("/api/orders?limit=100")).body;
      const all = (await x.get("/api/orders?limit=100")).body;
      assert.equal(recent.total, (all.total as number) - 4);
      const escrows = new Set((recent.orders as Json[]).map((o) => lower(String(o.escrow))));
      assert.deepEqual([...escrows], [lower(x.deployment.addresses.escrow)]);
    } finally {
      await stop(child);
    }
  });
});
