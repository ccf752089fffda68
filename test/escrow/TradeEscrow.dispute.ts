import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  CUSTOMS_PERIOD,
  NO_CREDIT,
  Resolution,
  Status,
  TEA,
  createOrder,
  creditOf,
  disputedOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  pinNextTimestamp,
  shippedOrder,
  split,
  stateOf,
  usd,
  Needs,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

describe("TradeEscrow.openDispute", function () {
  it("lets the buyer dispute a cleared order, stopping the auto-release clock", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("damaged")))
      .to.emit(fx.escrow, "DisputeOpened")
      .withArgs(orderId, fx.buyer.address, docHash("damaged"));
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Disputed);
    expect(state.disputedBySeller).to.equal(false);
    expect(state.since).to.equal(BigInt(await time.latest()));
    await time.increase(terms.confirmWindow * 2n);
    await expect(fx.escrow.releaseAfterTimeout(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Disputed, Needs.cleared);
  });

  it("lets the seller dispute an order held at customs once CUSTOMS_PERIOD has passed", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await time.increase(CUSTOMS_PERIOD);
    await expect(fx.escrow.connect(fx.seller).openDispute(terms, docHash("held")))
      .to.emit(fx.escrow, "DisputeOpened")
      .withArgs(orderId, fx.seller.address, docHash("held"));
    expect((await stateOf(fx.escrow, orderId)).disputedBySeller).to.equal(true);
  });

  it("refuses anyone but the buyer or the seller", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    for (const caller of [fx.arbiter, fx.admin, fx.stranger]) {
      await expect(fx.escrow.connect(caller).openDispute(terms, docHash("e")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotParty")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses before shipment, a second dispute, and closed orders", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Funded, Needs.disputable);
    await fx.escrow.connect(fx.seller).ship(terms, docHash("t"));
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
    await expect(fx.escrow.connect(fx.seller).openDispute(terms, docHash("e")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Disputed, Needs.disputable);
    const done = fx.terms();
    const doneId = await shippedOrder(fx, done);
    await fx.escrow.connect(fx.buyer).confirmReceipt(done);
    await expect(fx.escrow.connect(fx.buyer).openDispute(done, docHash("e")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(doneId, Status.Completed, Needs.disputable);
  });
});

describe("TradeEscrow.submitEvidence", function () {
  it("lets both parties and the arbiter add evidence", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    for (const caller of [fx.buyer, fx.seller, fx.arbiter]) {
      await expect(fx.escrow.connect(caller).submitEvidence(terms, docHash(caller.address)))
        .to.emit(fx.escrow, "EvidenceSubmitted")
        .withArgs(orderId, caller.address, docHash(caller.address));
    }
  });

  it("refuses anyone else", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    for (const caller of [fx.defaultArbiter, fx.admin, fx.stranger]) {
      await expect(fx.escrow.connect(caller).submitEvidence(terms, docHash("e")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotPartyOrArbiter")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses an order that is not disputed", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).submitEvidence(terms, docHash("e")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.disputed);
  });
});

describe("TradeEscrow.proposeSettlement / acceptSettlement", function () {
  it("settles on the proposal the other party accepts", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.seller).proposeSettlement(terms, usd(300)))
      .to.emit(fx.escrow, "SettlementProposed")
      .withArgs(orderId, fx.seller.address, usd(300));
    expect(await fx.escrow.settlementOf(orderId)).to.deep.equal([fx.seller.address, usd(300)]);
    const { fee, seller } = split(usd(700));
    const tx = fx.escrow.connect(fx.buyer).acceptSettlement(terms, usd(300));
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.buyer.address,
        Resolution.Settlement,
        usd(300),
        seller,
        fee,
        ethers.ZeroHash,
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller, fx.escrow],
      [usd(300), seller, -(usd(300) + seller)],
    );
    expect(await fx.escrow.accruedFees(terms.token)).to.equal(fee);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Resolved);
    expect(state.refunded).to.equal(usd(300));
    expect(await fx.escrow.settlementOf(orderId)).to.deep.equal([ethers.ZeroAddress, 0n]);
    // the buyer opened the dispute and got less than half: the seller won
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesLost: 1n,
      volume: usd(700),
    });
    // the seller's volume is what it was paid (after the fee), the buyer's what it paid the seller
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesWon: 1n,
      volume: seller,
    });
  });

  it("lets a new proposal replace the standing one", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).proposeSettlement(terms, usd(100));
    await fx.escrow.connect(fx.buyer).proposeSettlement(terms, usd(900));
    expect(await fx.escrow.settlementOf(orderId)).to.deep.equal([fx.buyer.address, usd(900)]);
    await expect(fx.escrow.connect(fx.buyer).acceptSettlement(terms, usd(900)))
      .to.be.revertedWithCustomError(fx.escrow, "SettlementNotProposed")
      .withArgs(orderId, fx.buyer.address, usd(900));
    await expect(fx.escrow.connect(fx.seller).acceptSettlement(terms, usd(900)))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.seller.address,
        Resolution.Settlement,
        usd(900),
        usd(99),
        usd(1),
        ethers.ZeroHash,
      );
  });

  it("refuses acceptance without a matching proposal from the other party", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.buyer).acceptSettlement(terms, 0n))
      .to.be.revertedWithCustomError(fx.escrow, "SettlementNotProposed")
      .withArgs(orderId, fx.buyer.address, 0n);
    await fx.escrow.connect(fx.seller).proposeSettlement(terms, usd(300));
    await expect(fx.escrow.connect(fx.buyer).acceptSettlement(terms, usd(301)))
      .to.be.revertedWithCustomError(fx.escrow, "SettlementNotProposed")
      .withArgs(orderId, fx.buyer.address, usd(301));
    await expect(fx.escrow.connect(fx.seller).acceptSettlement(terms, usd(300)))
      .to.be.revertedWithCustomError(fx.escrow, "SettlementNotProposed")
      .withArgs(orderId, fx.seller.address, usd(300));
  });

  it("refuses a buyer total above the order's amount, and accepts the whole amount after a refund", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(10));
    await expect(fx.escrow.connect(fx.buyer).proposeSettlement(terms, terms.amount + 1n))
      .to.be.revertedWithCustomError(fx.escrow, "BuyerTotalExceedsAmount")
      .withArgs(orderId, terms.amount + 1n, terms.amount);
    // the total counts the refund already paid: the whole amount is a valid total
    await expect(fx.escrow.connect(fx.buyer).proposeSettlement(terms, terms.amount))
      .to.emit(fx.escrow, "SettlementProposed")
      .withArgs(orderId, fx.buyer.address, terms.amount);
  });

  it("lets a refund paid after the proposal count toward it: the accepted total stands", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).proposeSettlement(terms, terms.amount);
    await fx.escrow.connect(fx.seller).refund(terms, usd(1));
    const tx = fx.escrow.connect(fx.seller).acceptSettlement(terms, terms.amount);
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.seller.address,
        Resolution.Settlement,
        terms.amount - usd(1),
        0n,
        0n,
        ethers.ZeroHash,
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller],
      [terms.amount - usd(1), 0n],
    );
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Resolved);
    expect(state.refunded).to.equal(terms.amount);
  });

  it("refuses anyone but the parties, and orders that are not disputed", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    for (const caller of [fx.arbiter, fx.stranger]) {
      await expect(fx.escrow.connect(caller).proposeSettlement(terms, 1n))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotParty")
        .withArgs(orderId, caller.address);
      await expect(fx.escrow.connect(caller).acceptSettlement(terms, 1n))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotParty")
        .withArgs(orderId, caller.address);
    }
    const open = fx.terms();
    const openId = await shippedOrder(fx, open);
    await expect(fx.escrow.connect(fx.buyer).proposeSettlement(open, 1n))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(openId, Status.Cleared, Needs.disputed);
    await expect(fx.escrow.connect(fx.buyer).acceptSettlement(open, 1n))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(openId, Status.Cleared, Needs.disputed);
  });
});

describe("TradeEscrow.resolveDispute", function () {
  it("splits by the arbiter's ruling: buyer part, seller part minus fee, fee", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) + 1n });
    const orderId = await disputedOrder(fx, terms);
    const buyerAmount = usd(600);
    const { fee, seller } = split(terms.amount - buyerAmount);
    expect(buyerAmount + seller + fee).to.equal(terms.amount);
    await fx.escrow.connect(fx.seller).proposeSettlement(terms, usd(100));
    const tx = fx.escrow.connect(fx.arbiter).resolveDispute(terms, buyerAmount, docHash("ruling"));
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.arbiter.address,
        Resolution.Ruling,
        buyerAmount,
        seller,
        fee,
        docHash("ruling"),
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller, fx.escrow],
      [buyerAmount, seller, -(buyerAmount + seller)],
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Resolved);
    expect(await fx.escrow.settlementOf(orderId)).to.deep.equal([ethers.ZeroAddress, 0n]);
    // the buyer opened it and got more than half: the buyer won
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesWon: 1n,
      volume: terms.amount - buyerAmount,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesLost: 1n,
      volume: seller,
    });
  });

  it("can give everything to either side", async function () {
    const fx = await loadFixture(escrowFixture);
    const toBuyer = fx.terms();
    await disputedOrder(fx, toBuyer);
    await expect(
      fx.escrow.connect(fx.arbiter).resolveDispute(toBuyer, toBuyer.amount, docHash("r")),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer, fx.seller], [toBuyer.amount, 0n]);
    const toSeller = fx.terms();
    await disputedOrder(fx, toSeller);
    const { seller } = split(toSeller.amount);
    await expect(
      fx.escrow.connect(fx.arbiter).resolveDispute(toSeller, 0n, docHash("r")),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer, fx.seller], [0n, seller]);
  });

  it("counts an exact half as a draw for both, and credits a seller-opened dispute", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).openDispute(terms, docHash("e"));
    await fx.escrow.connect(fx.arbiter).resolveDispute(terms, usd(500), docHash("r"));
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesDrawn: 1n,
      volume: split(usd(500)).seller,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 1n,
      volume: usd(500),
    });
  });

  it("rules until one second before the arbitration deadline, not at it", async function () {
    const fx = await loadFixture(escrowFixture);
    const a = fx.terms();
    const b = fx.terms();
    const aId = await disputedOrder(fx, a);
    const aDisputedAt = (await stateOf(fx.escrow, aId)).since;
    await pinNextTimestamp(aDisputedAt + ARBITRATION_PERIOD - 1n);
    await fx.escrow.connect(fx.arbiter).resolveDispute(a, 0n, docHash("r"));
    const bId = await disputedOrder(fx, b);
    const staleAt = (await stateOf(fx.escrow, bId)).since + ARBITRATION_PERIOD;
    await pinNextTimestamp(staleAt);
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(b, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbitrationPeriodElapsed")
      .withArgs(bId, staleAt, staleAt);
  });

  it("refuses a buyer total above the order's amount", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    await expect(
      fx.escrow.connect(fx.arbiter).resolveDispute(terms, terms.amount + 1n, docHash("r")),
    )
      .to.be.revertedWithCustomError(fx.escrow, "BuyerTotalExceedsAmount")
      .withArgs(orderId, terms.amount + 1n, terms.amount);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Disputed);
  });

  it("refuses anyone but the order's arbiter (not even the default arbiter or the admin)", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    for (const caller of [fx.defaultArbiter, fx.admin, fx.buyer, fx.seller, fx.stranger]) {
      await expect(fx.escrow.connect(caller).resolveDispute(terms, 0n, docHash("r")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotArbiter")
        .withArgs(orderId, caller.address);
    }
  });

  it("lets the default arbiter rule orders that named it", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ arbiter: fx.defaultArbiter.address });
    const orderId = await disputedOrder(fx, terms);
    const { fee, seller } = split(terms.amount - 1n);
    await expect(fx.escrow.connect(fx.defaultArbiter).resolveDispute(terms, 1n, docHash("r")))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.defaultArbiter.address,
        Resolution.Ruling,
        1n,
        seller,
        fee,
        docHash("r"),
      );
  });

  it("refuses a ruling while the registrar has the arbiter suspended, and accepts it once reinstated", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await disputedOrder(fx, terms);
    await fx.registry.connect(fx.admin).suspendParticipant(fx.arbiter.address, docHash("bribed"));
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotActive")
      .withArgs(orderId, fx.arbiter.address);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Disputed);
    await fx.registry.connect(fx.admin).reinstateParticipant(fx.arbiter.address);
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, 0n, docHash("r"))).to.emit(
      fx.escrow,
      "DisputeResolved",
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Resolved);
  });

  it("still closes a dispute whose arbiter is suspended: by settlement, or as the stale even split", async function () {
    const fx = await loadFixture(escrowFixture);
    const settled = fx.terms();
    const stale = fx.terms();
    const settledId = await disputedOrder(fx, settled);
    const staleId = await disputedOrder(fx, stale);
    await fx.registry.connect(fx.admin).suspendParticipant(fx.arbiter.address, docHash("bribed"));
    await fx.escrow.connect(fx.seller).proposeSettlement(settled, usd(300));
    await fx.escrow.connect(fx.buyer).acceptSettlement(settled, usd(300));
    expect((await stateOf(fx.escrow, settledId)).status).to.equal(Status.Resolved);
    const staleAt = (await stateOf(fx.escrow, staleId)).since + ARBITRATION_PERIOD;
    await pinNextTimestamp(staleAt);
    const { fee, seller } = split(stale.amount / 2n);
    await expect(fx.escrow.connect(fx.stranger).closeStaleDispute(stale))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        staleId,
        fx.stranger.address,
        Resolution.Stale,
        stale.amount / 2n,
        seller,
        fee,
        ethers.ZeroHash,
      );
  });

  it("refuses an order that is not disputed", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.disputed);
  });
});

describe("TradeEscrow.closeStaleDispute", function () {
  it("refuses one second before the deadline; at it anyone closes with an even split", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) + 1n });
    const orderId = await disputedOrder(fx, terms);
    const staleAt = (await stateOf(fx.escrow, orderId)).since + ARBITRATION_PERIOD;
    await pinNextTimestamp(staleAt - 1n);
    await expect(fx.escrow.connect(fx.stranger).closeStaleDispute(terms))
      .to.be.revertedWithCustomError(fx.escrow, "ArbitrationPeriodNotElapsed")
      .withArgs(orderId, staleAt, staleAt - 1n);
    await pinNextTimestamp(staleAt);
    // the odd base unit stays in the seller's part, before the fee
    const buyerAmount = usd(500);
    const { fee, seller } = split(usd(500) + 1n);
    const tx = fx.escrow.connect(fx.stranger).closeStaleDispute(terms);
    await expect(tx)
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.stranger.address,
        Resolution.Stale,
        buyerAmount,
        seller,
        fee,
        ethers.ZeroHash,
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.seller],
      [buyerAmount, seller],
    );
    // the odd base unit decides nothing: a stale close is a draw for both, never a win
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesDrawn: 1n,
      volume: seller,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesDrawn: 1n,
      volume: usd(500) + 1n,
    });
  });

  it("splits the whole order evenly, refunds already paid counting toward the buyer's half", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    const orderId = await disputedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, usd(200));
    await time.increase(ARBITRATION_PERIOD);
    const { fee, seller } = split(usd(500));
    await expect(fx.escrow.closeStaleDispute(terms))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(
        orderId,
        fx.admin.address,
        Resolution.Stale,
        usd(300),
        seller,
        fee,
        ethers.ZeroHash,
      );
    expect((await stateOf(fx.escrow, orderId)).refunded).to.equal(usd(500));
    // an even split of the whole order: a draw, whatever came before
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
      refundedVolume: usd(200),
    });
  });

  it("refuses an order that is not disputed", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.closeStaleDispute(terms))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.disputed);
  });
});

describe("TradeEscrow dispute closed by a full seller refund", function () {
  it("closes as Refunded and scores the dispute for the buyer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).openDispute(terms, docHash("e"));
    await fx.escrow.connect(fx.buyer).proposeSettlement(terms, terms.amount);
    await fx.escrow.connect(fx.seller).refund(terms, terms.amount);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Refunded);
    expect(await fx.escrow.settlementOf(orderId)).to.deep.equal([ethers.ZeroAddress, 0n]);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 1n,
      disputesOpened: 1n,
      disputesLost: 1n,
      refundedVolume: terms.amount,
    });
    // the refund is the seller's: it goes on the seller's record only
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesWon: 1n,
    });
  });
});
