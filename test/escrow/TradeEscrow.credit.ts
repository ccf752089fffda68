/**
 * Issue 15, rules 4 and 5: a credit record that cannot be laundered (partial refunds count in
 * amount, and as a refund instead of a sale past half of the order; a sale's volume is what the
 * seller was paid; a stale even split is a draw) and complaints that carry their order's amount
 * and fee, counted on the product only when its owner sold it.
 */
import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  NO_CREDIT,
  LAPTOP,
  TEA,
  consent,
  creditOf,
  disputedOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  shippedOrder,
  split,
  usd,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

describe("TradeEscrow credit: partial refunds count on the seller's record", function () {
  it("refunding 999.9999 of 1,000.00 then shipping is a refund, not a sale (the measured laundering)", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const refunded = usd(1_000) - 100n; // 999.9999
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, refunded);
    const { fee, seller } = split(100n);
    expect([fee, seller]).to.deep.equal([1n, 99n]);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms)).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.seller],
      [seller],
    );
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 1n,
      refundedVolume: refunded,
      volume: seller,
    });
    // no purchase either: the buyer got its money back
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      volume: 100n,
    });
  });

  it("counts exactly half refunded as a sale still", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(500));
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: split(usd(500)).seller,
      refundedVolume: usd(500),
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      purchasesCompleted: 1n,
      volume: usd(500),
    });
  });

  it("counts half plus one unit refunded as a refund, even when the rest paid no fee", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: 101n });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, 51n);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    // 50 remained: fee 0 at 1%, so no volume, but the refund still counts
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 1n,
      refundedVolume: 51n,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal(NO_CREDIT);
  });

  it("counts a dispute resolved after more than half was refunded as a refund too", async function () {
    const fx = await loadFixture(escrowFixture);
    const mostly = fx.terms({ amount: usd(1_000) });
    await disputedOrder(fx, mostly);
    await fx.escrow.connect(fx.seller).refund(mostly, usd(500) + 1n);
    await fx.escrow.connect(fx.arbiter).resolveDispute(mostly, usd(600), docHash("r"));
    const { seller } = split(usd(400));
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 1n,
      disputesLost: 1n,
      volume: seller,
      refundedVolume: usd(500) + 1n,
    });
    // exactly half refunded before a ruling: no refund count
    const half = fx.terms({ amount: usd(1_000) });
    await disputedOrder(fx, half);
    await fx.escrow.connect(fx.seller).refund(half, usd(500));
    await fx.escrow.connect(fx.arbiter).resolveDispute(half, usd(500), docHash("r"));
    const after = await creditOf(fx.escrow, fx.seller.address, fx.usd);
    expect(after.refundedAsSeller).to.equal(1n);
    expect(after.refundedVolume).to.equal(usd(1_000) + 1n);
    expect(after.disputesDrawn).to.equal(1n);
  });
});

describe("TradeEscrow credit: draws", function () {
  it("scores a ruling of exactly half the whole order as a draw, refunds included", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(200));
    await fx.escrow.connect(fx.arbiter).resolveDispute(terms, usd(500), docHash("r"));
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesDrawn: 1n,
      volume: usd(500),
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 1n,
      volume: split(usd(500)).seller,
      refundedVolume: usd(200),
    });
  });

  it("scores a stale close as a draw even when the odd unit leaves the seller more", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: 1_001n });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).openDispute(terms, docHash("e"));
    await time.increase(ARBITRATION_PERIOD);
    await fx.escrow.connect(fx.stranger).closeStaleDispute(terms);
    const { seller } = split(501n);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesDrawn: 1n,
      volume: seller,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 1n,
      volume: 501n,
    });
  });
  it("counts every draw: a second draw makes two for each party, whatever the record held", async function () {
    const fx = await loadFixture(escrowFixture);
    const stale = fx.terms({ amount: usd(1_000) });
    await disputedOrder(fx, stale);
    await time.increase(ARBITRATION_PERIOD);
    await fx.escrow.connect(fx.stranger).closeStaleDispute(stale);
    const ruled = fx.terms({ amount: usd(2_000) });
    await disputedOrder(fx, ruled);
    await fx.escrow.connect(fx.arbiter).resolveDispute(ruled, usd(1_000), docHash("r"));
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 2n,
      disputesDrawn: 2n,
      volume: usd(500) + usd(1_000),
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 2n,
      volume: split(usd(500)).seller + split(usd(1_000)).seller,
    });
  });
});

describe("TradeEscrow credit: a resolved dispute's volume under the fee rule", function () {
  it("adds the volume when the seller's part paid a fee of a single base unit", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: 200n });
    await disputedOrder(fx, terms);
    const { fee, seller } = split(100n);
    expect([fee, seller]).to.deep.equal([1n, 99n]);
    await fx.escrow.connect(fx.arbiter).resolveDispute(terms, 100n, docHash("r"));
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesDrawn: 1n,
      volume: 100n,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 1n,
      volume: 99n,
    });
    expect(await fx.escrow.accruedFees(terms.token)).to.equal(1n);
  });

  it("adds the volume of every resolved dispute at a zero fee rate, though no fee was paid", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.escrow.connect(fx.admin).setFee(0);
    const terms = fx.terms({ amount: 3n, feeBps: 0n });
    await disputedOrder(fx, terms);
    // buyer total 1 of 3: the seller's part 2 pays no fee and still counts; the seller won
    await fx.escrow.connect(fx.arbiter).resolveDispute(terms, 1n, docHash("r"));
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesLost: 1n,
      volume: 2n,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesWon: 1n,
      volume: 2n,
    });
  });
});

describe("TradeEscrow complaints: each carries its order's amount and fee", function () {
  it("reports the fee the order paid: Completed (after a partial refund), Resolved, Refunded", async function () {
    const fx = await loadFixture(escrowFixture);
    const completed = fx.terms({ amount: usd(1_000) });
    await shippedOrder(fx, completed);
    await fx.escrow.connect(fx.seller).refund(completed, usd(300));
    await fx.escrow.connect(fx.buyer).confirmReceipt(completed);
    const resolved = fx.terms({ amount: usd(2_000) });
    await disputedOrder(fx, resolved);
    await fx.escrow.connect(fx.seller).refund(resolved, usd(100));
    await fx.escrow.connect(fx.arbiter).resolveDispute(resolved, usd(500), docHash("r"));
    const refunded = fx.terms({ amount: usd(3_000) });
    await shippedOrder(fx, refunded);
    await fx.escrow.connect(fx.seller).refund(refunded, usd(3_000));
    for (const [terms, fee] of [
      [completed, split(usd(700)).fee],
      [resolved, split(usd(1_500)).fee],
      [refunded, 0n],
    ] as const) {
      const orderId = await orderIdOf(fx.escrow, terms);
      const tx = fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash(orderId));
      await expect(tx)
        .to.emit(fx.escrow, "ComplaintFiled")
        .withArgs(orderId, fx.buyer.address, docHash(orderId), terms.amount, fee);
    }
    expect(await fx.escrow.accruedFees(completed.token)).to.equal(
      split(usd(700)).fee + split(usd(1_500)).fee,
    );
    expect((await fx.registry.productOf(LAPTOP)).complaintCount).to.equal(3n);
  });

  it("keeps another seller's complaints apart from the product owner's count", async function () {
    const fx = await loadFixture(escrowFixture);
    // TEA is the fixture seller's product; otherSeller sells it too
    const terms = fx.terms({ seller: fx.otherSeller.address, productId: TEA, amount: 1n });
    await fx.escrow.connect(fx.buyer).createOrder(terms, await consent(fx, terms, fx.otherSeller));
    await fx.escrow.connect(fx.otherSeller).ship(terms, docHash("t"));
    await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("c"));
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const orderId = await orderIdOf(fx.escrow, terms);
    await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("planted")))
      .to.emit(fx.registry, "ComplaintRecorded")
      .withArgs(
        TEA,
        orderId,
        fx.otherSeller.address,
        fx.buyer.address,
        docHash("planted"),
        1n,
        0n,
        1n,
      );
    expect((await fx.registry.productOf(TEA)).complaintCount).to.equal(0n);
    expect(await fx.registry.complaintsOf(TEA, fx.otherSeller.address)).to.equal(1n);
    expect(await fx.registry.complaintsOf(TEA, fx.seller.address)).to.equal(0n);
  });
});
