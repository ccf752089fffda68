import { expect } from "chai";

import { type OrderEvent } from "@tradechain/sdk";
import { KZ, units } from "../helpers/sdk.js";
import { fxClientFixture, type FxSuite, fxOrder, loadFixture } from "../helpers/sdk-fx.js";
import {
  collect,
  expectTimelineSteps,
  recordingClient,
  stepLine,
  teaOrder,
  until,
  watchCost,
} from "../helpers/sdk-watch.js";

/** Kind, order, status, escrow and readable step of each event. */
function summary(s: FxSuite, events: readonly OrderEvent[]) {
  return events.map((e) => [
    e.kind,
    e.orderId,
    e.status ?? "-",
    e.escrow === s.fxAddress ? "fx" : "escrow",
    stepLine(e),
  ]);
}

/** The consumer's FX order of 300 USD paid out as 2,130 CNY (the consumer's own terms). */
async function consumerFxOrder(s: FxSuite): Promise<string> {
  const terms = await s.clients.consumer.prepareOrder(teaOrder(s, 300, { destination: KZ }));
  const { quote, signature } = await s.providerClient.quoteFx(terms, {
    token: "CNY",
    amount: units(2_130),
  });
  return (await s.clients.consumer.createFxOrder(terms, quote, signature)).orderId;
}

/** The step of an order of `amount` of tea to `country` (the ship-by time left out). */
const created = (amount: string, country = "PK") =>
  `Order created — ${amount} escrowed for product 0x51f5…2f85 to country ${country}, fee 1.00%, ` +
  "ship by …";
const SHIPPED = "Shipped — cleared automatically (no customs hold)";

describe("TradeChainClient.watchOrders with a cross-currency escrow", function () {
  it("delivers both escrows' events in chain order, each with its timeline's step", async function () {
    const s = await loadFixture(fxClientFixture);
    const { buyer, seller } = s.clients;
    const { client, calls } = recordingClient(s.addresses);
    const watch = await collect(client, {});
    try {
      const single = (await buyer.createOrder(teaOrder(s, 20))).orderId;
      const fx = (await fxOrder(s)).orderId;
      await seller.ship(fx);
      await seller.ship(single);
      await buyer.confirmReceipt(fx);
      const cancelled = (await buyer.createOrder(teaOrder(s, 21))).orderId;
      await buyer.cancel(cancelled);
      await until(() => watch.events.length === 9, "nine events");
      const provider = s.provider.address;
      expect(summary(s, watch.events)).to.deep.equal([
        ["OrderCreated", single, "Funded", "escrow", created("US$ 20.00")],
        ["OrderCreated", fx, "Funded", "fx", created("US$ 1,000.00")],
        [
          "FxOrderCreated",
          fx,
          "-",
          "fx",
          `Payout leg funded — CN¥ 7,100.00 for the seller from FX provider ${provider}, ` +
            "against US$ 1,000.00 paid in",
        ],
        ["OrderShipped", fx, "Cleared", "fx", SHIPPED],
        ["OrderShipped", single, "Cleared", "escrow", SHIPPED],
        // The seller's amount and the fee in the payout currency, as in the order's timeline.
        [
          "ReceiptConfirmed",
          fx,
          "Completed",
          "fx",
          "Receipt confirmed — seller paid CN¥ 7,029.00, fee CN¥ 71.00",
        ],
        [
          "FxLegsSplit",
          fx,
          "-",
          "fx",
          "Both legs split — provider credited US$ 1,000.00; seller paid CN¥ 7,029.00, fee CN¥ 71.00",
        ],
        ["OrderCreated", cancelled, "Funded", "escrow", created("US$ 21.00")],
        [
          "OrderRefunded",
          cancelled,
          "Refunded",
          "escrow",
          "Cancelled by buyer — US$ 21.00 back to the buyer",
        ],
      ]);
      expect(watch.events[2].amounts).to.deep.equal({ payoutAmount: units(7_100) });
      expect(watch.events[6].amounts).to.deep.equal({
        toBuyer: 0n,
        toProviderInPay: units(1_000),
        toSeller: units(7_029),
        toProviderInPayout: 0n,
        fee: units(71),
      });
      expect(watch.errors).to.deep.equal([]);
      await expectTimelineSteps(s.clients.stranger, watch.events);
      // Beyond its polls: USD's and CNY's currency, symbol and decimals, read once; the terms of
      // every order came with its OrderCreated, the payout token with its FxOrderCreated.
      expect(watchCost(calls)).to.deep.equal({ ethCalls: 6, termsLookups: 0 });
      // Each poll asks for the logs of both escrows in one eth_getLogs.
      const logs = calls.filter((c) => c.method === "eth_getLogs");
      expect(logs.length).to.be.greaterThan(0);
      for (const call of logs) {
        expect((call.params as [{ address: unknown }])[0].address).to.deep.equal([
          s.addresses.escrow,
          s.fxAddress,
        ]);
      }
    } finally {
      watch.stop();
    }
  });

  it("follows an account's orders on both escrows, those created before it started included", async function () {
    const s = await loadFixture(fxClientFixture);
    const { buyer, consumer, seller } = s.clients;
    const earlier = await consumerFxOrder(s); // before the watcher: learnt from its OrderCreated
    await seller.ship(earlier);
    const { client, calls } = recordingClient(s.addresses);
    const watch = await collect(client, { account: s.consumer.address, role: "buyer" });
    try {
      await fxOrder(s, { ref: "the buyer's" }); // another buyer's: not delivered
      const single = (await consumer.createOrder(teaOrder(s, 40, { destination: KZ }))).orderId;
      await consumer.confirmReceipt(earlier);
      await buyer.createOrder(teaOrder(s, 41));
      await consumer.cancel(single);
      await until(() => watch.events.length === 4, "the consumer's four events");
      expect(summary(s, watch.events)).to.deep.equal([
        ["OrderCreated", single, "Funded", "escrow", created("US$ 40.00", "KZ")],
        [
          "ReceiptConfirmed",
          earlier,
          "Completed",
          "fx",
          "Receipt confirmed — seller paid CN¥ 2,108.70, fee CN¥ 21.30",
        ],
        [
          "FxLegsSplit",
          earlier,
          "-",
          "fx",
          // The watcher never saw the leg's creation: the payout currency comes from legOf (once).
          "Both legs split — provider credited US$ 300.00; seller paid CN¥ 2,108.70, fee CN¥ 21.30",
        ],
        [
          "OrderRefunded",
          single,
          "Refunded",
          "escrow",
          "Cancelled by buyer — US$ 40.00 back to the buyer",
        ],
      ]);
      expect(watch.errors).to.deep.equal([]);
      await expectTimelineSteps(s.clients.stranger, watch.events);
      // The earlier order's terms came with the OrderCreated the watcher learnt it from; its payout
      // token from one legOf; then the two tokens' infos.
      expect(watchCost(calls)).to.deep.equal({ ethCalls: 7, termsLookups: 0 });
    } finally {
      watch.stop();
    }
  });

  it("follows one FX order: a seller's last refund closes it, read on the FX escrow", async function () {
    const s = await loadFixture(fxClientFixture);
    const { seller } = s.clients;
    const orderId = await consumerFxOrder(s);
    await fxOrder(s, { ref: "another" });
    const { client, calls } = recordingClient(s.addresses);
    const watch = await collect(client, { orderId });
    try {
      await seller.ship(orderId);
      await seller.refund(orderId, units(100));
      await seller.refund(orderId, units(200));
      await until(() => watch.events.length === 5, "five events");
      expect(summary(s, watch.events)).to.deep.equal([
        ["OrderShipped", orderId, "Cleared", "fx", SHIPPED],
        ["OrderRefunded", orderId, "-", "fx", "Refunded by seller — US$ 100.00 back to the buyer"],
        [
          "FxLegsSplit",
          orderId,
          "-",
          "fx",
          "Both legs split — buyer refunded US$ 100.00; provider credited CN¥ 710.00",
        ],
        [
          "OrderRefunded",
          orderId,
          "Refunded",
          "fx",
          "Refunded by seller — US$ 200.00 back to the buyer",
        ],
        [
          "FxLegsSplit",
          orderId,
          "-",
          "fx",
          "Both legs split — buyer refunded US$ 200.00; provider credited CN¥ 1,420.00",
        ],
      ]);
      await expectTimelineSteps(s.clients.stranger, watch.events);
      // Its terms: one eth_getLogs of its OrderCreated (before the watcher: once, not per event);
      // legOf once, two tokens' infos, and the state after each seller's refund.
      expect(watchCost(calls)).to.deep.equal({ ethCalls: 9, termsLookups: 1 });
      // The client learnt the order and its escrow from the events.
      expect((await client.orderState(orderId)).status).to.equal("Refunded");
    } finally {
      watch.stop();
    }
  });

  it("writes a dispute of an FX order as its timeline does: the seller's part and the fee in CNY", async function () {
    const s = await loadFixture(fxClientFixture);
    const { buyer, seller, arbiter } = s.clients;
    const { client, calls } = recordingClient(s.addresses);
    const orderId = (await fxOrder(s)).orderId; // before the watcher: it never sees FxOrderCreated
    const watch = await collect(client, { orderId });
    try {
      await seller.ship(orderId);
      await buyer.openDispute(orderId, "box arrived wet");
      await seller.proposeSettlement(orderId, units(300));
      await arbiter.resolveDispute(orderId, units(500), "half");
      await until(() => watch.events.length === 5, "five events");
      expect(watch.events.map((e) => [e.kind, e.status ?? "-", e.step.step])).to.deep.equal([
        ["OrderShipped", "Cleared", "Shipped"],
        ["DisputeOpened", "Disputed", "Dispute opened"],
        ["SettlementProposed", "-", "Settlement proposed"],
        ["DisputeResolved", "Resolved", "Ruled by arbiter"],
        ["FxLegsSplit", "-", "Both legs split"],
      ]);
      expect(watch.events.slice(2).map((e) => e.step.detail)).to.deep.equal([
        "buyer's total would be US$ 300.00, refunds included",
        "buyer US$ 500.00, seller CN¥ 3,514.50, fee CN¥ 35.50",
        "buyer refunded US$ 500.00; provider credited US$ 500.00 and CN¥ 3,550.00; " +
          "seller paid CN¥ 3,514.50, fee CN¥ 35.50",
      ]);
      await expectTimelineSteps(s.clients.stranger, watch.events);
      // One OrderCreated lookup and one legOf for the order (not per event), two tokens' infos.
      expect(watchCost(calls)).to.deep.equal({ ethCalls: 7, termsLookups: 1 });
    } finally {
      watch.stop();
    }
  });
});
