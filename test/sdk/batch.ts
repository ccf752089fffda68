import { expect } from "chai";

import { feeOf, TradeChainError } from "@tradechain/sdk";
import {
  KZ,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  TEA,
  units,
} from "../helpers/sdk.js";

const { loadFixture, time } = networkHelpers;
const DAY = 24 * 3600;

type Fixture = Awaited<ReturnType<typeof onboardedSuiteFixture>>;

function teaOrders(
  fx: Fixture,
  amounts: readonly number[],
  extra: { confirmWindow?: number } = {},
) {
  return amounts.map((amount) => ({
    seller: fx.seller.address,
    token: "USD",
    amount: units(amount),
    productId: TEA, // positive-listed in Pakistan: cleared at shipment
    destination: PK,
    ...extra,
  }));
}

describe("TradeChainClient batches (escrow multicall)", function () {
  it("creates, ships and confirms several orders in one transaction per step", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller } = fx.clients;
    const before = await buyer.balanceOf("USD");
    const created = await buyer.createMany(teaOrders(fx, [10, 20, 30]));
    expect(created.orderIds).to.have.length(3);
    const createdEvents = created.receipt.logs.filter(
      (log) => "fragment" in log && log.fragment.name === "OrderCreated",
    );
    expect(createdEvents).to.have.length(3);
    expect(await buyer.balanceOf("USD")).to.equal(before - units(60));
    for (const id of created.orderIds) {
      expect((await buyer.orderState(id)).status).to.equal("Funded");
    }

    const shipped = await seller.shipMany([
      { orderId: created.orderIds[0], tracking: "DHL 1" },
      created.orderIds[1],
      { orderId: created.orderIds[2], tracking: "DHL 3" },
    ]);
    expect(shipped.receipt.hash).to.not.equal(created.receipt.hash);
    for (const id of created.orderIds) {
      expect((await buyer.orderState(id)).status).to.equal("Cleared");
    }
    const sellerBefore = await buyer.balanceOf("USD", fx.seller.address);
    await buyer.confirmMany(created.orderIds);
    const fees = [10, 20, 30].reduce((s, a) => s + feeOf(units(a), 100), 0n);
    expect(await buyer.balanceOf("USD", fx.seller.address)).to.equal(
      sellerBefore + units(60) - fees,
    );
    for (const id of created.orderIds) {
      expect((await buyer.orderState(id)).status).to.equal("Completed");
    }
    expect(await buyer.creditIn(fx.seller.address, "USD")).to.deep.include({ salesCompleted: 3 });
  });

  it("approves the escrow once for the whole batch when the allowance is short", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer } = fx.clients;
    await buyer.createMany(teaOrders(fx, [5, 6]));
    expect(await buyer.token("USD").allowance(fx.buyer.address, fx.addresses.escrow)).to.equal(0n);
    await buyer.approveEscrow("USD", units(100));
    await buyer.createMany(teaOrders(fx, [7]));
    expect(await buyer.token("USD").allowance(fx.buyer.address, fx.addresses.escrow)).to.equal(
      units(93),
    );
  });

  it("clears several shipments at customs in one transaction", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller, customsPK } = fx.clients;
    const laptops = teaOrders(fx, [100, 200]).map((o) => ({ ...o, productId: LAPTOP }));
    const { orderIds } = await buyer.createMany(laptops);
    await seller.shipMany(orderIds);
    for (const id of orderIds) expect((await buyer.orderState(id)).status).to.equal("Shipped");
    await customsPK.clearCustomsMany([
      { orderId: orderIds[0], record: "GD-1" },
      { orderId: orderIds[1], record: "GD-2" },
    ]);
    for (const id of orderIds) expect((await buyer.orderState(id)).status).to.equal("Cleared");
  });

  it("releases several orders after their confirmation window, by anyone", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { consumer, seller, stranger } = fx.clients;
    const orders = teaOrders(fx, [10, 20], { confirmWindow: 2 * DAY }).map((o) => ({
      ...o,
      destination: KZ, // no customs: cleared at shipment
    }));
    const { orderIds } = await consumer.createMany(orders);
    await seller.shipMany(orderIds);
    await time.increase(2 * DAY + 1);
    await stranger.releaseMany(orderIds);
    for (const id of orderIds) expect((await stranger.orderState(id)).status).to.equal("Completed");
  });

  it("reverts the whole batch when one order cannot take the step, saying what the step needs", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller } = fx.clients;
    const { orderIds } = await buyer.createMany(teaOrders(fx, [10, 20]));
    await seller.ship(orderIds[0]);
    try {
      await buyer.confirmMany(orderIds);
      expect.fail("confirmMany should revert");
    } catch (err) {
      expect(err).to.be.instanceOf(TradeChainError);
      const e = err as TradeChainError;
      expect(e.code).to.equal("REVERT");
      expect(e.decoded.name).to.equal("UnexpectedStatus");
      expect(e.message).to.contain(`${orderIds[1].slice(0, 6)}`);
      expect(e.message).to.contain("is Funded, which does not allow this call");
      expect(e.message).to.contain("confirmReceipt needs Cleared");
    }
    expect((await buyer.orderState(orderIds[0])).status).to.equal("Cleared");
    expect((await buyer.orderState(orderIds[1])).status).to.equal("Funded");
  });

  it("refuses an empty batch, orders in two tokens, and a signer who is not every order's buyer", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller } = fx.clients;
    const refusals: [string, () => Promise<unknown>][] = [
      ["needs at least one order", () => seller.shipMany([])],
      ["needs at least one order", () => buyer.createMany([])],
      [
        "of one token",
        () => buyer.createMany([...teaOrders(fx, [1]), { ...teaOrders(fx, [1])[0], token: "CNY" }]),
      ],
      [
        "is not the buyer",
        () => buyer.createMany([{ ...teaOrders(fx, [1])[0], buyer: fx.consumer.address }]),
      ],
    ];
    for (const [message, call] of refusals) {
      try {
        await call();
        expect.fail(`should refuse: ${message}`);
      } catch (err) {
        expect((err as Error).message).to.contain(message);
      }
    }
  });
});
