import { expect } from "chai";

import { type OrderEvent } from "@tradechain/sdk";
import { KZ, units } from "../helpers/sdk.js";
import { fxClientFixture, type FxSuite, fxOrder, loadFixture } from "../helpers/sdk-fx.js";
import { collect, recordingClient, teaOrder, until } from "../helpers/sdk-watch.js";

/** Kind, order, status and escrow of each event, with the step of a cross-currency one. */
function summary(s: FxSuite, events: readonly OrderEvent[]) {
  return events.map((e) => [
    e.kind,
    e.orderId,
    e.status ?? "-",
    e.escrow === s.fxAddress ? "fx" : "escrow",
    e.step === undefined ? "" : `${e.step.step} — ${e.step.detail}`,
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

describe("TradeChainClient.watchOrders with a cross-currency escrow", function () {
  it("delivers both escrows' events in chain order, the FX ones as readable steps", async function () {
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
        ["OrderCreated", single, "Funded", "escrow", ""],
        ["OrderCreated", fx, "Funded", "fx", ""],
        [
          "FxOrderCreated",
          fx,
          "-",
          "fx",
          `Payout leg funded — CN¥ 7,100.00 for the seller from FX provider ${provider}, ` +
            "against US$ 1,000.00 paid in",
        ],
        ["OrderShipped", fx, "Cleared", "fx", ""],
        ["OrderShipped", single, "Cleared", "escrow", ""],
        ["ReceiptConfirmed", fx, "Completed", "fx", ""],
        [
          "FxLegsSplit",
          fx,
          "-",
          "fx",
          "Both legs split — provider credited US$ 1,000.00; seller paid CN¥ 7,029.00, fee CN¥ 71.00",
        ],
        ["OrderCreated", cancelled, "Funded", "escrow", ""],
        ["OrderRefunded", cancelled, "Refunded", "escrow", ""],
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
    const { client } = recordingClient(s.addresses);
    const watch = await collect(client, { account: s.consumer.address, role: "buyer" });
    try {
      await fxOrder(s, { ref: "the buyer's" }); // another buyer's: not delivered
      const single = (await consumer.createOrder(teaOrder(s, 40, { destination: KZ }))).orderId;
      await consumer.confirmReceipt(earlier);
      await buyer.createOrder(teaOrder(s, 41));
      await consumer.cancel(single);
      await until(() => watch.events.length === 4, "the consumer's four events");
      expect(summary(s, watch.events)).to.deep.equal([
        ["OrderCreated", single, "Funded", "escrow", ""],
        ["ReceiptConfirmed", earlier, "Completed", "fx", ""],
        [
          "FxLegsSplit",
          earlier,
          "-",
          "fx",
          // The watcher never saw the leg's creation: the payout currency comes from legOf.
          "Both legs split — provider credited US$ 300.00; seller paid CN¥ 2,108.70, fee CN¥ 21.30",
        ],
        ["OrderRefunded", single, "Refunded", "escrow", ""],
      ]);
      expect(watch.errors).to.deep.equal([]);
    } finally {
      watch.stop();
    }
  });

  it("follows one FX order: a seller's last refund closes it, read on the FX escrow", async function () {
    const s = await loadFixture(fxClientFixture);
    const { seller } = s.clients;
    const orderId = await consumerFxOrder(s);
    await fxOrder(s, { ref: "another" });
    const { client } = recordingClient(s.addresses);
    const watch = await collect(client, { orderId });
    try {
      await seller.ship(orderId);
      await seller.refund(orderId, units(100));
      await seller.refund(orderId, units(200));
      await until(() => watch.events.length === 5, "five events");
      expect(summary(s, watch.events)).to.deep.equal([
        ["OrderShipped", orderId, "Cleared", "fx", ""],
        ["OrderRefunded", orderId, "-", "fx", ""],
        [
          "FxLegsSplit",
          orderId,
          "-",
          "fx",
          "Both legs split — buyer refunded US$ 100.00; provider credited CN¥ 710.00",
        ],
        ["OrderRefunded", orderId, "Refunded", "fx", ""],
        [
          "FxLegsSplit",
          orderId,
          "-",
          "fx",
          "Both legs split — buyer refunded US$ 200.00; provider credited CN¥ 1,420.00",
        ],
      ]);
      // The client learnt the order and its escrow from the events.
      expect((await client.orderState(orderId)).status).to.equal("Refunded");
    } finally {
      watch.stop();
    }
  });
});
