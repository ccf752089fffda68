import { expect } from "chai";

import { type OrderEvent, TradeChainError } from "@tradechain/sdk";
import { ethers, KZ, networkHelpers, onboardedSuiteFixture, units } from "../helpers/sdk.js";
import {
  collect,
  expectTimelineSteps,
  recordingClient,
  stepLine,
  teaOrder,
  until,
  watchCost,
} from "../helpers/sdk-watch.js";

const { loadFixture } = networkHelpers;

type Fixture = Awaited<ReturnType<typeof onboardedSuiteFixture>>;

/**
 * A read-only client that counts the watcher's polls (each asks the node for the latest block
 * once), so a test can wait until the watcher has looked at the chain again.
 */
function watchingClient(fx: Fixture) {
  const { client, calls } = recordingClient(fx.addresses);
  const polls = () =>
    calls.filter(
      (c) => c.method === "eth_getBlockByNumber" && (c.params as unknown[])[0] === "latest",
    ).length;
  return { client, polls, calls };
}

const summary = (events: readonly OrderEvent[]) =>
  events.map((e) => [e.kind, e.orderId, e.status ?? "-"]);

describe("TradeChainClient.watchOrders", function () {
  it("delivers each order event once, decoded, in chain order, with its timeline's step", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller } = fx.clients;
    const { client, calls } = watchingClient(fx);
    const watch = await collect(client, {});
    try {
      const { orderId, receipt } = await buyer.createOrder(teaOrder(fx, 20));
      await seller.ship(orderId, "DHL 1");
      await seller.refund(orderId, units(5));
      await buyer.confirmReceipt(orderId);
      await until(() => watch.events.length === 4, "four events");
      expect(summary(watch.events)).to.deep.equal([
        ["OrderCreated", orderId, "Funded"],
        ["OrderShipped", orderId, "Cleared"],
        ["OrderRefunded", orderId, "-"], // a partial refund leaves the order Cleared
        ["ReceiptConfirmed", orderId, "Completed"],
      ]);
      const [created, , refunded, confirmed] = watch.events;
      expect(created.amounts).to.deep.equal({ amount: units(20) });
      expect(created.terms?.buyer).to.equal(fx.buyer.address);
      expect([created.blockNumber, created.txHash, created.blockHash]).to.deep.equal([
        receipt.blockNumber,
        receipt.hash,
        receipt.blockHash,
      ]);
      expect(refunded.amounts).to.deep.equal({ amount: units(5) });
      expect(confirmed.amounts).to.deep.equal({ sellerAmount: units(14.85), fee: units(0.15) });
      expect(watch.events.map(stepLine)).to.deep.equal([
        "Order created — US$ 20.00 escrowed for product 0x51f5…2f85 to country PK, fee 1.00%, " +
          "ship by …",
        "Shipped — cleared automatically (no customs hold)",
        "Refunded by seller — US$ 5.00 back to the buyer",
        "Receipt confirmed — seller paid US$ 14.85, fee US$ 0.15",
      ]);
      expect(watch.errors).to.deep.equal([]);
      await expectTimelineSteps(fx.clients.stranger, watch.events);
      // Beyond its polls: the partial refund's state, and USD's currency, symbol and decimals read
      // once for every step (the terms came with OrderCreated).
      expect(watchCost(calls)).to.deep.equal({ ethCalls: 4, termsLookups: 0 });
    } finally {
      watch.stop();
    }
  });

  it("waits for the confirmations and never delivers an event of a reorganised block", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer } = fx.clients;
    const { client, polls } = watchingClient(fx);
    const watch = await collect(client, {}, { confirmations: 3 });
    try {
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      const orphan = (await buyer.createOrder(teaOrder(fx, 30))).orderId;
      await ethers.provider.send("evm_mine", []);
      // Two blocks on top of it: one short of three confirmations.
      const seen = polls();
      await until(() => polls() >= seen + 3, "the watcher to look again");
      expect(watch.events).to.deep.equal([]);
      await ethers.provider.send("evm_revert", [snapshot]);
      const kept = (await buyer.createOrder(teaOrder(fx, 31))).orderId;
      await ethers.provider.send("evm_mine", []);
      await ethers.provider.send("evm_mine", []);
      await until(() => watch.events.length === 1, "the order of the canonical chain");
      expect(summary(watch.events)).to.deep.equal([["OrderCreated", kept, "Funded"]]);
      expect(watch.events.some((e) => e.orderId === orphan)).to.equal(false);
      expect(watch.reorgs).to.deep.equal([]);
    } finally {
      watch.stop();
    }
  });

  it("rewinds to the fork when a block it finished is reorganised away, and says so", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer } = fx.clients;
    const { client } = watchingClient(fx);
    const watch = await collect(client, {}, { confirmations: 1 });
    try {
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      const first = await buyer.createOrder(teaOrder(fx, 40));
      await until(() => watch.events.length === 1, "the first order");
      await ethers.provider.send("evm_revert", [snapshot]);
      const second = await buyer.createOrder(teaOrder(fx, 41));
      expect(second.receipt.blockNumber).to.equal(first.receipt.blockNumber);
      await until(() => watch.events.length === 2, "the order that replaced it");
      expect(watch.reorgs).to.have.length(1);
      expect(watch.reorgs[0]).to.be.at.most(first.receipt.blockNumber);
      expect(summary(watch.events)).to.deep.equal([
        ["OrderCreated", first.orderId, "Funded"],
        ["OrderCreated", second.orderId, "Funded"],
      ]);
      expect(watch.events[1].blockHash).to.equal(second.receipt.blockHash);
    } finally {
      watch.stop();
    }
  });

  it("resumes from the block it reported, missing nothing and delivering nothing twice", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller } = fx.clients;
    const start = (await ethers.provider.getBlockNumber()) + 1;
    const { client } = watchingClient(fx);
    const before = await collect(client, {}, { fromBlock: start });
    const a = (await buyer.createOrder(teaOrder(fx, 50))).orderId;
    const b = (await buyer.createOrder(teaOrder(fx, 51))).orderId;
    await until(() => before.events.length === 2, "two orders");
    const head = await ethers.provider.getBlockNumber();
    await until(() => before.progress.at(-1) === head + 1, "progress past the head");
    before.stop();
    const saved = before.progress.at(-1)!;

    // While nothing watches: a shipment and a new order.
    await seller.ship(a, "DHL 2");
    const c = (await buyer.createOrder(teaOrder(fx, 52))).orderId;
    const after = await collect(client, {}, { fromBlock: saved });
    try {
      await until(() => after.events.length === 2, "the events made while stopped");
      expect(summary([...before.events, ...after.events])).to.deep.equal([
        ["OrderCreated", a, "Funded"],
        ["OrderCreated", b, "Funded"],
        ["OrderShipped", a, "Cleared"],
        ["OrderCreated", c, "Funded"],
      ]);
    } finally {
      after.stop();
    }
  });

  it("filters by account and role (orders created before it started too) and by order", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, consumer, seller, stranger } = fx.clients;
    const mine = (await consumer.createOrder(teaOrder(fx, 60, { token: "CNY", destination: KZ })))
      .orderId;
    const { client } = watchingClient(fx);
    const asBuyer = await collect(client, { account: fx.consumer.address, role: "buyer" });
    const asSeller = await collect(client, { account: fx.consumer.address, role: "seller" });
    const one = await collect(client, { orderId: mine });
    const { client: fresh, calls } = watchingClient(fx);
    const first = await collect(fresh, { orderId: mine });
    try {
      const theirs = (await buyer.createOrder(teaOrder(fx, 61))).orderId;
      await seller.ship(theirs);
      await seller.ship(mine);
      const next = (await consumer.createOrder(teaOrder(fx, 62, { token: "CNY", destination: KZ })))
        .orderId;
      await until(
        () => asBuyer.events.length === 2 && one.events.length === 1 && first.events.length === 1,
        "the consumer's",
      );
      expect(summary(asBuyer.events)).to.deep.equal([
        ["OrderShipped", mine, "Cleared"],
        ["OrderCreated", next, "Funded"],
      ]);
      expect(summary(one.events)).to.deep.equal([["OrderShipped", mine, "Cleared"]]);
      expect(asSeller.events).to.deep.equal([]);
      await expectTimelineSteps(stranger, [...asBuyer.events, ...one.events]);
      // An order created before the watcher: its terms from one eth_getLogs of its OrderCreated.
      expect(first.events.map(stepLine)).to.deep.equal([
        "Shipped — cleared automatically (no customs hold)",
      ]);
      expect(watchCost(calls)).to.deep.equal({ ethCalls: 3, termsLookups: 1 });
    } finally {
      asBuyer.stop();
      asSeller.stop();
      one.stop();
      first.stop();
    }
  });

  it("delivers again an event whose handler threw, and only that one", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller } = fx.clients;
    const { client } = watchingClient(fx);
    let failOnce = true;
    const watch = await collect(client, {}, {}, (event) => {
      if (event.kind === "OrderShipped" && failOnce) {
        failOnce = false;
        throw new Error("database down");
      }
    });
    try {
      const { orderId } = await buyer.createOrder(teaOrder(fx, 70));
      await seller.ship(orderId);
      await until(() => watch.events.length === 2, "both events");
      expect(summary(watch.events)).to.deep.equal([
        ["OrderCreated", orderId, "Funded"],
        ["OrderShipped", orderId, "Cleared"],
      ]);
      expect(watch.errors.map((e) => (e as Error).message)).to.deep.equal(["database down"]);
    } finally {
      watch.stop();
    }
  });

  it("refuses a bad filter or option at once", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { stranger } = fx.clients;
    const handler = () => {};
    for (const [start, name] of [
      [() => stranger.watchOrders({ orderId: "0x12" }, handler), "InvalidOrderId"],
      [() => stranger.watchOrders({ role: "buyer" }, handler), "RoleWithoutAccount"],
      [() => stranger.watchOrders({ account: "0x12" }, handler), "InvalidAddress"],
      [() => stranger.watchOrders({}, handler, { confirmations: 0 }), "InvalidWatchOption"],
      [() => stranger.watchOrders({}, handler, { fromBlock: -1 }), "InvalidWatchOption"],
    ] as const) {
      try {
        start()();
        expect.fail(`${name} accepted`);
      } catch (err) {
        expect(err).to.be.instanceOf(TradeChainError);
        expect((err as TradeChainError).decoded.name).to.equal(name);
      }
    }
  });
});
