import { expect } from "chai";

import {
  NO_CREDIT,
  RefundReason,
  Status,
  TEA,
  createOrder,
  creditOf,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  pinNextTimestamp,
  shippedOrder,
  orderIdOf,
  split,
  stateOf,
  usd,
  Needs,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

describe("TradeEscrow.confirmReceipt", function () {
  it("pays the seller minus the fee, accrues the fee and records the sale", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_234) + 567n });
    const orderId = await shippedOrder(fx, terms);
    const { fee, seller } = split(terms.amount);
    expect(fee + seller).to.equal(terms.amount);
    const tx = fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(tx).to.emit(fx.escrow, "ReceiptConfirmed").withArgs(orderId, seller, fee);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.seller, fx.escrow],
      [seller, -seller],
    );
    expect(await fx.escrow.accruedFees(terms.token)).to.equal(fee);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Completed);
    expect(state.since).to.equal(BigInt(await time.latest()));
    // the seller's volume is what it was paid, the buyer's what it paid the seller
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: seller,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      purchasesCompleted: 1n,
      volume: terms.amount,
    });
  });

  it("saturates the settled volume instead of overflowing it", async function () {
    const fx = await loadFixture(escrowFixture);
    const huge = 1n << 100n; // above the 96-bit volume field
    await fx.usd.mint(fx.buyer.address, huge);
    const terms = fx.terms({ amount: huge });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const volumeMax = (1n << 96n) - 1n;
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: volumeMax,
    });
  });

  it("rounds the fee down, in the seller's favour", async function () {
    const fx = await loadFixture(escrowFixture);
    // 199 * 100 / 10_000 = 1.99 -> fee 1, seller 198
    const terms = fx.terms({ amount: 199n });
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms))
      .to.emit(fx.escrow, "ReceiptConfirmed")
      .withArgs(orderId, 198n, 1n);
    // 99 * 100 / 10_000 = 0.99 -> no fee at all
    const tiny = fx.terms({ amount: 99n });
    const tinyId = await shippedOrder(fx, tiny);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(tiny))
      .to.emit(fx.escrow, "ReceiptConfirmed")
      .withArgs(tinyId, 99n, 0n);
  });

  it("pays only what remains after partial refunds, the fee on that part", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(200));
    const { fee, seller } = split(usd(800));
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms))
      .to.emit(fx.escrow, "ReceiptConfirmed")
      .withArgs(orderId, seller, fee);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: seller,
      refundedVolume: usd(200),
    });
    expect((await creditOf(fx.escrow, fx.buyer.address, fx.usd)).volume).to.equal(usd(800));
  });

  it("refuses a caller other than the buyer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    for (const caller of [fx.seller, fx.stranger, fx.admin, fx.arbiter]) {
      await expect(fx.escrow.connect(caller).confirmReceipt(terms))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses an order not cleared yet, and a second confirmation", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Funded, Needs.cleared);
    await fx.escrow.connect(fx.seller).ship(terms, docHash("t"));
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Shipped, Needs.cleared);
    await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("c"));
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Completed, Needs.cleared);
  });
});

describe("TradeEscrow.releaseAfterTimeout", function () {
  it("refuses one second before the window has passed and releases at the boundary", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    const clearedAt = (await stateOf(fx.escrow, orderId)).since;
    const releasableAt = clearedAt + terms.confirmWindow;
    await pinNextTimestamp(releasableAt - 1n);
    await expect(fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms))
      .to.be.revertedWithCustomError(fx.escrow, "ConfirmWindowNotElapsed")
      .withArgs(orderId, releasableAt, releasableAt - 1n);
    await pinNextTimestamp(releasableAt);
    const { fee, seller } = split(terms.amount);
    const tx = fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms);
    await expect(tx)
      .to.emit(fx.escrow, "ReleasedAfterTimeout")
      .withArgs(orderId, fx.stranger.address, seller, fee);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.seller, fx.escrow],
      [seller, -seller],
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Completed);
    expect((await creditOf(fx.escrow, fx.seller.address, fx.usd)).salesCompleted).to.equal(1n);
    expect((await creditOf(fx.escrow, fx.buyer.address, fx.usd)).purchasesCompleted).to.equal(1n);
  });

  it("counts the window from customs clearance, not from shipment", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await time.increase(terms.confirmWindow * 2n);
    await expect(fx.escrow.releaseAfterTimeout(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Shipped, Needs.cleared);
    await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("c"));
    const clearedAt = BigInt(await time.latest());
    await pinNextTimestamp(clearedAt + terms.confirmWindow - 1n);
    await expect(fx.escrow.releaseAfterTimeout(terms))
      .to.be.revertedWithCustomError(fx.escrow, "ConfirmWindowNotElapsed")
      .withArgs(orderId, clearedAt + terms.confirmWindow, clearedAt + terms.confirmWindow - 1n);
  });

  it("refuses an order that is not cleared", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.releaseAfterTimeout(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Funded, Needs.cleared);
  });
});

describe("TradeEscrow.cancel", function () {
  it("refunds the buyer in full before shipment", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    const tx = fx.escrow.connect(fx.buyer).cancel(terms);
    await expect(tx)
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(orderId, fx.buyer.address, RefundReason.Cancelled, terms.amount, ethers.ZeroHash);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [terms.amount, -terms.amount],
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Refunded);
    // the buyer's own cancellation goes on the buyer's record only
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      cancelledAsBuyer: 1n,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal(NO_CREDIT);
  });

  it("refuses a caller other than the buyer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    for (const caller of [fx.seller, fx.stranger, fx.admin]) {
      await expect(fx.escrow.connect(caller).cancel(terms))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses once shipped", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).cancel(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.funded);
  });
});

describe("TradeEscrow.reject", function () {
  it("lets the seller refuse the order before shipment: full refund with the reason", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    const tx = fx.escrow.connect(fx.seller).reject(terms, docHash("out-of-stock"));
    await expect(tx)
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(
        orderId,
        fx.seller.address,
        RefundReason.RejectedBySeller,
        terms.amount,
        docHash("out-of-stock"),
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [terms.amount, -terms.amount],
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Refunded);
  });

  it("refuses a caller other than the seller", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    for (const caller of [fx.buyer, fx.stranger, fx.admin]) {
      await expect(fx.escrow.connect(caller).reject(terms, docHash("r")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotSeller")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses once shipped", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.seller).reject(terms, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.funded);
  });
});

describe("TradeEscrow.refundUnshipped", function () {
  it("refuses at the ship-by second and refunds anyone's call one second later", async function () {
    const fx = await loadFixture(escrowFixture);
    const shipBy = BigInt(await time.latest()) + 1000n;
    const terms = fx.terms({ shipBy });
    const orderId = await createOrder(fx, terms);
    await pinNextTimestamp(shipBy);
    await expect(fx.escrow.connect(fx.stranger).refundUnshipped(terms))
      .to.be.revertedWithCustomError(fx.escrow, "ShipByNotPassed")
      .withArgs(orderId, shipBy, shipBy);
    await pinNextTimestamp(shipBy + 1n);
    const tx = fx.escrow.connect(fx.stranger).refundUnshipped(terms);
    await expect(tx)
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(
        orderId,
        fx.stranger.address,
        RefundReason.Unshipped,
        terms.amount,
        ethers.ZeroHash,
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [terms.amount, -terms.amount],
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Refunded);
  });

  it("refuses a shipped order", async function () {
    const fx = await loadFixture(escrowFixture);
    const shipBy = BigInt(await time.latest()) + 1000n;
    const terms = fx.terms({ shipBy });
    const orderId = await shippedOrder(fx, terms);
    await time.increaseTo(shipBy + 1n);
    await expect(fx.escrow.refundUnshipped(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.funded);
  });
});

describe("TradeEscrow.refund", function () {
  it("returns part of the amount to the buyer and keeps the order open", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    const before = await stateOf(fx.escrow, orderId);
    const tx = fx.escrow.connect(fx.seller).refund(terms, usd(300));
    await expect(tx)
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(orderId, fx.seller.address, RefundReason.SellerRefund, usd(300), ethers.ZeroHash);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [usd(300), -usd(300)],
    );
    const after = await stateOf(fx.escrow, orderId);
    expect(after.status).to.equal(Status.Cleared);
    expect(after.refunded).to.equal(usd(300));
    // a partial refund does not restart the confirmation window
    expect(after.since).to.equal(before.since);
    // it counts in amount on the seller's record at once
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedVolume: usd(300),
    });
  });

  it("closes the order as Refunded when the rest is refunded, in any open status", async function () {
    const fx = await loadFixture(escrowFixture);
    const funded = fx.terms();
    const fundedId = await createOrder(fx, funded);
    await expect(fx.escrow.connect(fx.seller).refund(funded, funded.amount))
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(
        fundedId,
        fx.seller.address,
        RefundReason.SellerRefund,
        funded.amount,
        ethers.ZeroHash,
      );
    expect((await stateOf(fx.escrow, fundedId)).status).to.equal(Status.Refunded);

    const shipped = fx.terms({ productId: TEA });
    const shippedId = await shippedOrder(fx, shipped);
    await fx.escrow.connect(fx.seller).refund(shipped, usd(1));
    await expect(
      fx.escrow.connect(fx.seller).refund(shipped, shipped.amount - usd(1)),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer], [shipped.amount - usd(1)]);
    const state = await stateOf(fx.escrow, shippedId);
    expect(state.status).to.equal(Status.Refunded);
    expect(state.refunded).to.equal(shipped.amount);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 2n,
      refundedVolume: funded.amount + shipped.amount,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal(NO_CREDIT);
  });

  it("refuses zero and more than what remains", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(100));
    const remaining = terms.amount - usd(100);
    for (const amount of [0n, remaining + 1n]) {
      await expect(fx.escrow.connect(fx.seller).refund(terms, amount))
        .to.be.revertedWithCustomError(fx.escrow, "InvalidRefundAmount")
        .withArgs(orderId, amount, remaining);
    }
  });

  it("refuses a caller other than the seller", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    for (const caller of [fx.buyer, fx.arbiter, fx.admin, fx.stranger]) {
      await expect(fx.escrow.connect(caller).refund(terms, 1n))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotSeller")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses an unknown or closed order", async function () {
    const fx = await loadFixture(escrowFixture);
    const unknown = fx.terms();
    await expect(fx.escrow.connect(fx.seller).refund(unknown, 1n))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(await fx.escrow.orderIdOf(unknown), Status.None, Needs.open);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(fx.escrow.connect(fx.seller).refund(terms, 1n))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Completed, Needs.open);
  });
});

describe("TradeEscrow payouts the token refuses (claimable balances)", function () {
  async function stcFixture() {
    const fx = await escrowFixture();
    const token = await fx.stc.getAddress();
    return { ...fx, stcTerms: () => fx.anyTerms({ token }), token };
  }

  it("credits a blacklisted seller's payout as claimable instead of blocking the close", async function () {
    const fx = await loadFixture(stcFixture);
    const terms = fx.stcTerms();
    const orderId = await shippedOrder(fx, terms);
    await fx.stc.blacklist(fx.seller.address);
    const { fee, seller } = split(terms.amount);
    const tx = fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(tx)
      .to.emit(fx.escrow, "PayoutDeferred")
      .withArgs(fx.token, fx.seller.address, seller);
    await expect(tx).to.emit(fx.escrow, "ReceiptConfirmed").withArgs(orderId, seller, fee);
    await expect(tx).to.changeTokenBalances(ethers, fx.stc, [fx.seller, fx.escrow], [0n, 0n]);
    expect(await fx.escrow.claimable(fx.token, fx.seller.address)).to.equal(seller);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Completed);
  });

  it("keeps the balance claimable while the token still refuses, and pays it once it accepts", async function () {
    const fx = await loadFixture(stcFixture);
    const terms = fx.stcTerms();
    await shippedOrder(fx, terms);
    await fx.stc.blacklist(fx.seller.address);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const { seller } = split(terms.amount);
    await expect(fx.escrow.connect(fx.seller).withdraw(fx.token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(fx.token, fx.seller.address, seller);
    expect(await fx.escrow.claimable(fx.token, fx.seller.address)).to.equal(seller);
    await fx.stc.unBlacklist(fx.seller.address);
    const tx = fx.escrow.connect(fx.seller).withdraw(fx.token);
    await expect(tx).to.emit(fx.escrow, "Withdrawn").withArgs(fx.token, fx.seller.address, seller);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.seller, fx.escrow],
      [seller, -seller],
    );
    expect(await fx.escrow.claimable(fx.token, fx.seller.address)).to.equal(0n);
  });

  it("credits a blacklisted buyer's refund as claimable", async function () {
    const fx = await loadFixture(stcFixture);
    const terms = fx.stcTerms();
    const orderId = await createOrder(fx, terms);
    await fx.stc.blacklist(fx.buyer.address);
    await expect(fx.escrow.connect(fx.seller).reject(terms, docHash("r")))
      .to.emit(fx.escrow, "PayoutDeferred")
      .withArgs(fx.token, fx.buyer.address, terms.amount);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Refunded);
    expect(await fx.escrow.claimable(fx.token, fx.buyer.address)).to.equal(terms.amount);
  });

  it("credits payouts as claimable while the token is paused", async function () {
    const fx = await loadFixture(stcFixture);
    const terms = fx.stcTerms();
    await shippedOrder(fx, terms);
    await fx.stc.pause();
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    expect(await fx.escrow.claimable(fx.token, fx.seller.address)).to.equal(
      split(terms.amount).seller,
    );
  });

  it("refuses to withdraw nothing", async function () {
    const fx = await loadFixture(stcFixture);
    await expect(fx.escrow.connect(fx.seller).withdraw(fx.token))
      .to.be.revertedWithCustomError(fx.escrow, "NothingToWithdraw")
      .withArgs(fx.token, fx.seller.address);
  });
});

describe("TradeEscrow.collectFees", function () {
  it("pays the accrued fees of a token to the fee recipient, whoever calls", async function () {
    const fx = await loadFixture(escrowFixture);
    const a = fx.terms({ amount: usd(1_000) });
    const b = fx.terms({ amount: usd(500) });
    for (const terms of [a, b]) {
      await shippedOrder(fx, terms);
      await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    }
    const fees = split(usd(1_000)).fee + split(usd(500)).fee;
    expect(await fx.escrow.accruedFees(a.token)).to.equal(fees);
    const tx = fx.escrow.connect(fx.stranger).collectFees(a.token);
    await expect(tx)
      .to.emit(fx.escrow, "FeesCollected")
      .withArgs(a.token, fx.feeRecipient.address, fees);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.feeRecipient, fx.escrow],
      [fees, -fees],
    );
    expect(await fx.escrow.accruedFees(a.token)).to.equal(0n);
  });

  it("refuses when nothing has accrued", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await fx.usd.getAddress();
    await expect(fx.escrow.collectFees(token))
      .to.be.revertedWithCustomError(fx.escrow, "NoFeesAccrued")
      .withArgs(token);
  });

  it("keeps the fees accrued while the token refuses the recipient", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await fx.stc.getAddress();
    const terms = fx.anyTerms({ token });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const { fee } = split(terms.amount);
    await fx.stc.blacklist(fx.feeRecipient.address);
    await expect(fx.escrow.collectFees(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.feeRecipient.address, fee);
    expect(await fx.escrow.accruedFees(token)).to.equal(fee);
  });
});

describe("TradeEscrow.fileComplaint", function () {
  it("records the buyer's complaint against the product in the registry, once", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const tx = fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("broken-screen"));
    await expect(tx)
      .to.emit(fx.escrow, "ComplaintFiled")
      .withArgs(
        orderId,
        fx.buyer.address,
        docHash("broken-screen"),
        terms.amount,
        split(terms.amount).fee,
      );
    await expect(tx).to.emit(fx.registry, "ComplaintRecorded");
    expect((await fx.registry.productOf(terms.productId)).complaintCount).to.equal(1n);
    expect((await stateOf(fx.escrow, orderId)).complaintFiled).to.equal(true);
    await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("again")))
      .to.be.revertedWithCustomError(fx.escrow, "ComplaintAlreadyFiled")
      .withArgs(orderId);
  });

  it("accepts complaints on refunded orders that shipped", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, terms.amount);
    // a refunded order paid no fee
    await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("c")))
      .to.emit(fx.escrow, "ComplaintFiled")
      .withArgs(
        await orderIdOf(fx.escrow, terms),
        fx.buyer.address,
        docHash("c"),
        terms.amount,
        0n,
      );
  });

  it("refuses an open order", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("c")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.closed);
  });

  it("refuses a caller other than the buyer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    for (const caller of [fx.seller, fx.stranger, fx.admin]) {
      await expect(fx.escrow.connect(caller).fileComplaint(terms, docHash("c")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
        .withArgs(orderId, caller.address);
    }
  });
});
