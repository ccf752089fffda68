import { expect } from "chai";

import {
  DE,
  DRONE,
  ListingStatus,
  NO_CREDIT,
  PK,
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
  stateOf,
  Needs,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

describe("TradeEscrow.ship", function () {
  it("clears automatically when the product is positive-listed at the destination", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.seller).ship(terms, docHash("tracking")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(orderId, docHash("tracking"), true);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Cleared);
    expect(state.since).to.equal(BigInt(await time.latest()));
  });

  it("clears automatically when the destination has no customs authority", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ destination: DE, productId: TEA });
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.seller).ship(terms, docHash("tracking")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(orderId, docHash("tracking"), true);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Cleared);
  });

  it("waits for customs when the product is unlisted at a destination with customs", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.seller).ship(terms, docHash("tracking")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(orderId, docHash("tracking"), false);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Shipped);
  });

  it("waits for customs when the product became negative-listed after the order", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await createOrder(fx, terms);
    await fx.registry
      .connect(fx.customsPK)
      .setListing(PK, TEA, ListingStatus.Negative, 0, docHash("banned"));
    await fx.escrow.connect(fx.seller).ship(terms, docHash("tracking"));
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Shipped);
  });

  it("waits for customs when the positive listing expired", async function () {
    const fx = await loadFixture(escrowFixture);
    const expiresAt = BigInt(await time.latest()) + 100n;
    await fx.registry
      .connect(fx.customsPK)
      .setListing(PK, TEA, ListingStatus.Positive, expiresAt, docHash("ok"));
    const terms = fx.terms({ productId: TEA });
    const orderId = await createOrder(fx, terms);
    await time.increaseTo(expiresAt + 1n);
    await fx.escrow.connect(fx.seller).ship(terms, docHash("tracking"));
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Shipped);
  });

  it("accepts shipment at the ship-by second and refuses it one second later", async function () {
    const fx = await loadFixture(escrowFixture);
    const shipBy = BigInt(await time.latest()) + 1000n;
    const onTime = fx.terms({ shipBy });
    const late = fx.terms({ shipBy });
    await createOrder(fx, onTime);
    const lateId = await createOrder(fx, late);
    await pinNextTimestamp(shipBy);
    await fx.escrow.connect(fx.seller).ship(onTime, docHash("tracking"));
    await pinNextTimestamp(shipBy + 1n);
    await expect(fx.escrow.connect(fx.seller).ship(late, docHash("tracking")))
      .to.be.revertedWithCustomError(fx.escrow, "ShipByPassed")
      .withArgs(lateId, shipBy, shipBy + 1n);
  });

  it("refuses a caller other than the seller", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    for (const caller of [fx.buyer, fx.stranger, fx.admin, fx.logistics]) {
      await expect(fx.escrow.connect(caller).ship(terms, docHash("tracking")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotSeller")
        .withArgs(orderId, caller.address);
    }
  });

  it("refuses an unknown order and an order already shipped", async function () {
    const fx = await loadFixture(escrowFixture);
    const unknown = fx.terms();
    await expect(fx.escrow.connect(fx.seller).ship(unknown, docHash("tracking")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(await fx.escrow.orderIdOf(unknown), Status.None, Needs.funded);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.seller).ship(terms, docHash("tracking")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.funded);
  });
});

describe("TradeEscrow.recordMilestone", function () {
  it("lets a registered logistics provider record milestones of a shipped order", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.logistics).recordMilestone(terms, docHash("port-of-karachi")))
      .to.emit(fx.escrow, "MilestoneRecorded")
      .withArgs(orderId, fx.logistics.address, docHash("port-of-karachi"));
    await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("cleared"));
    await expect(fx.escrow.connect(fx.logistics).recordMilestone(terms, docHash("delivered")))
      .to.emit(fx.escrow, "MilestoneRecorded")
      .withArgs(orderId, fx.logistics.address, docHash("delivered"));
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("damaged"));
    await expect(fx.escrow.connect(fx.logistics).recordMilestone(terms, docHash("returned")))
      .to.emit(fx.escrow, "MilestoneRecorded")
      .withArgs(orderId, fx.logistics.address, docHash("returned"));
  });

  it("refuses a caller that is not an active logistics provider", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    await shippedOrder(fx, terms);
    for (const caller of [fx.seller, fx.buyer, fx.stranger]) {
      await expect(fx.escrow.connect(caller).recordMilestone(terms, docHash("m")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotLogistics")
        .withArgs(caller.address);
    }
  });

  it("refuses orders not shipped yet and closed orders", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.logistics).recordMilestone(terms, docHash("m")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Funded, Needs.inTransit);
    await fx.escrow.connect(fx.seller).ship(terms, docHash("t"));
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(fx.escrow.connect(fx.logistics).recordMilestone(terms, docHash("m")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Completed, Needs.inTransit);
  });
});

describe("TradeEscrow.clearCustoms", function () {
  it("lets the destination's customs clear a shipped order", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await expect(fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("record")))
      .to.emit(fx.escrow, "CustomsCleared")
      .withArgs(orderId, fx.customsPK.address, docHash("record"));
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Cleared);
    expect(state.since).to.equal(BigInt(await time.latest()));
  });

  it("refuses anyone but a customs authority of the destination", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    await shippedOrder(fx, terms);
    // customsPK is an authority of PK, not of DE; the others are no authority at all
    const deTerms = fx.terms({ destination: DE, productId: TEA });
    await createOrder(fx, deTerms);
    await expect(fx.escrow.connect(fx.customsPK).clearCustoms(deTerms, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotCustomsAuthority")
      .withArgs(DE, fx.customsPK.address);
    for (const caller of [fx.seller, fx.buyer, fx.admin, fx.stranger]) {
      await expect(fx.escrow.connect(caller).clearCustoms(terms, docHash("r")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
  });

  it("refuses orders that are not waiting for customs", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await createOrder(fx, terms);
    await expect(fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Funded, Needs.shipped);
    const cleared = fx.terms();
    const clearedId = await shippedOrder(fx, cleared);
    await expect(fx.escrow.connect(fx.customsPK).clearCustoms(cleared, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(clearedId, Status.Cleared, Needs.shipped);
  });
});

describe("TradeEscrow.rejectAtCustoms", function () {
  it("refunds the buyer in full and closes the order as Refunded", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    const tx = fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("no-licence"));
    await expect(tx)
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(
        orderId,
        fx.customsPK.address,
        RefundReason.RejectedAtCustoms,
        terms.amount,
        docHash("no-licence"),
      );
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [terms.amount, -terms.amount],
    );
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Refunded);
    expect(state.refunded).to.equal(terms.amount);
    // a customs rejection goes on the seller's record, in its own counter
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal(NO_CREDIT);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      rejectedAtCustoms: 1n,
    });
  });

  it("refunds only what remains after a partial seller refund", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.seller).refund(terms, 100n);
    await expect(fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("r")))
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(
        orderId,
        fx.customsPK.address,
        RefundReason.RejectedAtCustoms,
        terms.amount - 100n,
        docHash("r"),
      );
    expect((await stateOf(fx.escrow, orderId)).refunded).to.equal(terms.amount);
  });

  it("refuses anyone but a customs authority of the destination", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    await shippedOrder(fx, terms);
    for (const caller of [fx.seller, fx.buyer, fx.admin, fx.stranger]) {
      await expect(fx.escrow.connect(caller).rejectAtCustoms(terms, docHash("r")))
        .to.be.revertedWithCustomError(fx.escrow, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
  });

  it("refuses orders that are not waiting for customs", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("r"));
    await expect(fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(orderId, Status.Cleared, Needs.shipped);
    const negative = fx.terms({ destination: DE, productId: DRONE });
    const negativeId = await createOrder(fx, negative);
    await fx.registry.setCustomsAuthority(DE, fx.customsPK.address, true);
    await expect(fx.escrow.connect(fx.customsPK).rejectAtCustoms(negative, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(negativeId, Status.Funded, Needs.shipped);
  });
});
