import { expect } from "chai";

import { describeError, TradeChainClient, TradeChainError } from "@tradechain/sdk";
import {
  ethers,
  expectCode,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  rejection,
  TEA,
  units,
} from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

describe("TradeChainClient errors a program can branch on", function () {
  it("an unknown order is UNKNOWN_ORDER from termsOf, orderState and every order call", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const reader = new TradeChainClient(ethers.provider, fx.addresses);
    const unknown = ethers.id("no such order");
    const fromTerms = await expectCode(
      () => reader.termsOf(unknown),
      "UNKNOWN_ORDER",
      "UnknownOrder",
    );
    expect(fromTerms.message).to.equal(
      `No order ${unknown} on escrow ${fx.addresses.escrow} (check the id, network and deployment)`,
    );
    expect(fromTerms.decoded.args.map((a) => [a.name, a.value])).to.deep.equal([
      ["orderId", unknown],
      ["escrow", fx.addresses.escrow],
    ]);
    const fromState = await expectCode(
      () => reader.orderState(unknown),
      "UNKNOWN_ORDER",
      "UnknownOrder",
    );
    expect(fromState.message).to.contain("No order");
    await expectCode(() => fx.clients.seller.ship(unknown), "UNKNOWN_ORDER", "UnknownOrder");
    await expectCode(
      () => fx.clients.buyer.confirmMany([unknown]),
      "UNKNOWN_ORDER",
      "UnknownOrder",
    );
  });

  it("a malformed order id is INVALID_ARGUMENT, refused before the node is asked", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    for (const id of ["0x1234", "order-1", ""]) {
      const err = await expectCode(
        () => fx.clients.buyer.orderState(id),
        "INVALID_ARGUMENT",
        "InvalidOrderId",
      );
      expect(err.message).to.equal(`"${id}" is not an order id (0x and 64 hex digits)`);
    }
    await expectCode(() => fx.clients.buyer.termsOf("0x12"), "INVALID_ARGUMENT", "InvalidOrderId");
  });

  it("a status error says what the call needs", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "USD",
      amount: units(10),
      productId: TEA,
      destination: PK,
    });
    const confirm = await expectCode(
      () => fx.clients.buyer.confirmReceipt(orderId),
      "REVERT",
      "UnexpectedStatus",
    );
    expect(confirm.message).to.match(
      /^Order 0x[0-9a-f…]+ is Funded, which does not allow this call: confirmReceipt needs Cleared$/,
    );
    const dispute = await expectCode(
      () => fx.clients.buyer.openDispute(orderId),
      "REVERT",
      "UnexpectedStatus",
    );
    expect(dispute.message).to.contain(": openDispute needs Shipped or Cleared");
  });

  it("describeError keeps the formatted amounts and labels of a TradeChainError", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "USD",
      amount: units(10),
      productId: LAPTOP,
      destination: PK,
    });
    const err = await rejection(() => fx.clients.seller.refund(orderId, units(11)));
    expect(err.decoded.name).to.equal("InvalidRefundAmount");
    expect(err.message).to.contain("US$ 11.00");
    expect(err.message).to.contain("US$ 10.00");
    expect(describeError(err)).to.equal(`InvalidRefundAmount: ${err.message}`);
  });

  it("negative amounts are INVALID_ARGUMENT with a TradeChain message, nothing sent", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, operator } = fx.clients;
    const nonce = await ethers.provider.getTransactionCount(fx.buyer.address);
    const order = {
      seller: fx.seller.address,
      token: "USD",
      amount: -1n,
      productId: TEA,
      destination: PK,
    };
    const created = await expectCode(
      () => buyer.createOrder(order),
      "INVALID_ARGUMENT",
      "NegativeAmount",
    );
    expect(created.message).to.equal(
      "amount must be zero or more (smallest units of the token), got -1",
    );
    await expectCode(() => buyer.approveEscrow("USD", -5n), "INVALID_ARGUMENT", "NegativeAmount");
    await expectCode(
      () => operator.mint("USD", fx.buyer.address, -5n),
      "INVALID_ARGUMENT",
      "NegativeAmount",
    );
    const { orderId } = await buyer.createOrder({ ...order, amount: units(10) });
    const refund = await expectCode(
      () => fx.clients.seller.refund(orderId, -2n),
      "INVALID_ARGUMENT",
      "NegativeAmount",
    );
    expect(refund.message).to.contain("got -2");
    await expectCode(
      () => buyer.proposeSettlement(orderId, -3n),
      "INVALID_ARGUMENT",
      "NegativeAmount",
    );
    expect(await ethers.provider.getTransactionCount(fx.buyer.address)).to.equal(nonce + 1);
  });

  it("a client without a signer is NO_SIGNER for sends, signatures and the bindings", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "USD",
      amount: units(10),
      productId: TEA,
      destination: PK,
    });
    const reader = new TradeChainClient(ethers.provider, fx.addresses);
    const message = "This TradeChainClient is read-only: connect it to a Signer to send or sign";
    const calls: (() => Promise<unknown>)[] = [
      () => reader.ship(orderId),
      () =>
        reader.createOrder({
          seller: fx.seller.address,
          token: "USD",
          amount: 1n,
          productId: TEA,
          destination: PK,
        }),
      () => reader.signPermit("USD", 1n, 1n),
      () => reader.mint("USD", fx.buyer.address, 1n),
      () => reader.shipMany([orderId]),
      () => reader.execute(() => reader.escrow.pause()),
      () => reader.sendTransaction({ to: fx.buyer.address, value: 1n }),
    ];
    for (const call of calls) {
      const err = await expectCode(call, "NO_SIGNER", "NoSigner");
      expect(err.message).to.equal(message);
    }
    expect(() => reader.signer).to.throw(TradeChainError, message);
    // Reads still work.
    expect((await reader.orderState(orderId)).status).to.equal("Funded");
  });
});
