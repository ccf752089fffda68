/**
 * Issue 15, rule 3: rulings and settlements name the buyer's TOTAL for the whole order, refunds
 * already paid counting toward it. No partial refund by one party can make the arbiter's or the
 * other party's pending call revert, nor change what the buyer ends up with.
 */
import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  NO_CREDIT,
  Resolution,
  Status,
  creditOf,
  disputedOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  pinNextTimestamp,
  split,
  stateOf,
  usd,
} from "../helpers/escrow.js";

const { loadFixture } = networkHelpers;

describe("TradeEscrow rulings: the measured attack (issue 15 §3)", function () {
  it("a 1-unit refund before a full-refund ruling no longer voids it: the buyer ends with the full amount", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    const buyerBefore = await fx.usd.balanceOf(fx.buyer.address);
    await fx.escrow.connect(fx.seller).refund(terms, 1n);
    const tx = fx.escrow.connect(fx.arbiter).resolveDispute(terms, terms.amount, docHash("r"));
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.arbiter.address,
        Resolution.Ruling,
        terms.amount - 1n,
        0n,
        0n,
        docHash("r"),
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller, fx.escrow],
      [terms.amount - 1n, 0n, -(terms.amount - 1n)],
    );
    expect((await fx.usd.balanceOf(fx.buyer.address)) - buyerBefore).to.equal(terms.amount);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Resolved);
    expect(state.refunded).to.equal(terms.amount);
    expect(await fx.escrow.accruedFees(terms.token)).to.equal(0n);
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesWon: 1n,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesLost: 1n,
      refundedVolume: 1n,
    });
  });

  it("refunds repeated until the deadline still end in the even split of the whole order, a draw", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    const buyerBefore = await fx.usd.balanceOf(fx.buyer.address);
    const sellerBefore = await fx.usd.balanceOf(fx.seller.address);
    for (let i = 0; i < 3; i++) await fx.escrow.connect(fx.seller).refund(terms, 1n);
    const staleAt = (await stateOf(fx.escrow, orderId)).since + ARBITRATION_PERIOD;
    await pinNextTimestamp(staleAt);
    const { fee, seller } = split(usd(500));
    await expect(fx.escrow.connect(fx.stranger).closeStaleDispute(terms))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.stranger.address,
        Resolution.Stale,
        usd(500) - 3n,
        seller,
        fee,
        ethers.ZeroHash,
      );
    expect((await fx.usd.balanceOf(fx.buyer.address)) - buyerBefore).to.equal(usd(500));
    expect((await fx.usd.balanceOf(fx.seller.address)) - sellerBefore).to.equal(seller);
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesDrawn: 1n,
      volume: usd(500),
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 1n,
      volume: seller,
      refundedVolume: 3n,
    });
  });
});

describe("TradeEscrow rulings: the buyer's total, refunds included", function () {
  it("gives the buyer nothing more when refunds already exceed the ruled total (it keeps them)", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(600));
    const { fee, seller } = split(usd(400));
    const tx = fx.escrow.connect(fx.arbiter).resolveDispute(terms, usd(400), docHash("r"));
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(orderId, fx.arbiter.address, Resolution.Ruling, 0n, seller, fee, docHash("r"));
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller, fx.escrow],
      [0n, seller, -seller],
    );
    expect(await fx.escrow.accruedFees(terms.token)).to.equal(fee);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Resolved);
    expect(state.refunded).to.equal(usd(600));
    // the buyer received 600 of 1,000: it won; the seller refunded more than half
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 1n,
      disputesLost: 1n,
      volume: seller,
      refundedVolume: usd(600),
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesWon: 1n,
      volume: usd(400),
    });
  });

  it("pays the buyer what is missing to the ruled total after a partial refund", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(100));
    const { fee, seller } = split(usd(300));
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, usd(700), docHash("r")))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.arbiter.address,
        Resolution.Ruling,
        usd(600),
        seller,
        fee,
        docHash("r"),
      );
    expect((await stateOf(fx.escrow, orderId)).refunded).to.equal(usd(700));
  });

  it("accepts a settlement proposed after a partial refund, for the whole-order total", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(100));
    await fx.escrow.connect(fx.seller).proposeSettlement(terms, usd(300));
    const { fee, seller } = split(usd(700));
    const tx = fx.escrow.connect(fx.buyer).acceptSettlement(terms, usd(300));
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.buyer.address,
        Resolution.Settlement,
        usd(200),
        seller,
        fee,
        ethers.ZeroHash,
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller],
      [usd(200), seller],
    );
    expect((await stateOf(fx.escrow, orderId)).refunded).to.equal(usd(300));
    expect(await fx.escrow.settlementOf(orderId)).to.deep.equal([ethers.ZeroAddress, 0n]);
  });

  it("refuses a total above the amount (not above what remains) on propose and on resolve", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(10));
    await expect(fx.escrow.connect(fx.seller).proposeSettlement(terms, terms.amount + 1n))
      .to.be.revertedWithCustomError(fx.escrow, "BuyerTotalExceedsAmount")
      .withArgs(orderId, terms.amount + 1n, terms.amount);
    await expect(
      fx.escrow.connect(fx.arbiter).resolveDispute(terms, terms.amount + 1n, docHash("r")),
    )
      .to.be.revertedWithCustomError(fx.escrow, "BuyerTotalExceedsAmount")
      .withArgs(orderId, terms.amount + 1n, terms.amount);
    // exactly the amount is a valid total although 10 were already refunded
    await expect(
      fx.escrow.connect(fx.arbiter).resolveDispute(terms, terms.amount, docHash("r")),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer], [terms.amount - usd(10)]);
  });
});

describe("TradeEscrow rulings: the arbitration period after partial refunds", function () {
  it("rules one second before staleAt, not at it; the stale close opens at staleAt, not before", async function () {
    const fx = await loadFixture(escrowFixture);
    const before = fx.terms();
    const beforeId = await disputedOrder(fx, before);
    await fx.escrow.connect(fx.seller).refund(before, usd(1));
    const beforeStaleAt = (await stateOf(fx.escrow, beforeId)).since + ARBITRATION_PERIOD;
    // a partial refund does not move the arbitration clock
    await pinNextTimestamp(beforeStaleAt - 1n);
    await expect(fx.escrow.closeStaleDispute(before))
      .to.be.revertedWithCustomError(fx.escrow, "ArbitrationPeriodNotElapsed")
      .withArgs(beforeId, beforeStaleAt, beforeStaleAt - 1n);
    await pinNextTimestamp(beforeStaleAt - 1n);
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(before, before.amount, docHash("r")))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        beforeId,
        fx.arbiter.address,
        Resolution.Ruling,
        before.amount - usd(1),
        0n,
        0n,
        docHash("r"),
      );

    const at = fx.terms();
    const atId = await disputedOrder(fx, at);
    await fx.escrow.connect(fx.seller).refund(at, usd(1));
    const staleAt = (await stateOf(fx.escrow, atId)).since + ARBITRATION_PERIOD;
    await pinNextTimestamp(staleAt);
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(at, at.amount, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbitrationPeriodElapsed")
      .withArgs(atId, staleAt, staleAt);
    await pinNextTimestamp(staleAt);
    await expect(fx.escrow.closeStaleDispute(at))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        atId,
        fx.admin.address,
        Resolution.Stale,
        at.amount / 2n - usd(1),
        split(at.amount - at.amount / 2n).seller,
        split(at.amount - at.amount / 2n).fee,
        ethers.ZeroHash,
      );
  });
});
