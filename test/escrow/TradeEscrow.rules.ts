/**
 * The second-pass rules of the escrow (issue 8): disputes that cannot hold the other side
 * hostage, arbiters that must still be arbiters, destinations that are real places, a credit
 * record per currency that counts refunds on the party that caused them and sales that paid a
 * fee, and complaints only from trades that happened. Each rule: happy path, exact error with its
 * values, both sides of every time boundary, and the promise it protects.
 */
import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  CONFIRM_WINDOW,
  CUSTOMS_PERIOD,
  DAY,
  DE,
  NO_CREDIT,
  PK,
  ROLE_ARBITER,
  ROLE_BUYER,
  Status,
  TEA,
  createOrder,
  creditOf,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  pinNextTimestamp,
  shippedOrder,
  split,
  stateOf,
  usd,
  sendCreateOrder,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

/** keccak256("tradechain.escrow.credit"), the seed of the credit records' storage slots. */
const CREDIT_SEED = ethers.id("tradechain.escrow.credit");
const COUNT14_MAX = (1n << 14n) - 1n;
const COUNT24_MAX = (1n << 24n) - 1n;

describe("TradeEscrow rules: the buyer's dispute window is the confirmation window", function () {
  it("lets the buyer dispute until one second before clearedAt + confirmWindow", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    const clearedAt = (await stateOf(fx.escrow, orderId)).since;
    await pinNextTimestamp(clearedAt + CONFIRM_WINDOW - 1n);
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("late but in time")))
      .to.emit(fx.escrow, "DisputeOpened")
      .withArgs(orderId, fx.buyer.address, docHash("late but in time"));
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Disputed);
  });

  it("refuses the buyer from clearedAt + confirmWindow on, the second release opens", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    const closedAt = (await stateOf(fx.escrow, orderId)).since + CONFIRM_WINDOW;
    await pinNextTimestamp(closedAt);
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("too late")))
      .to.be.revertedWithCustomError(fx.escrow, "DisputeWindowClosed")
      .withArgs(orderId, closedAt, closedAt);
    // the payout already due cannot be frozen: anyone releases it in the same second
    await pinNextTimestamp(closedAt);
    const { seller } = split(terms.amount);
    await expect(fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms))
      .to.emit(fx.escrow, "ReleasedAfterTimeout")
      .withArgs(orderId, fx.stranger.address, seller, terms.amount - seller);
    // long after the window the buyer still cannot dispute a payout that was due
    const later = fx.terms();
    const laterId = await shippedOrder(fx, later);
    await time.increase(CONFIRM_WINDOW + 400n * DAY);
    const laterClosedAt = (await stateOf(fx.escrow, laterId)).since + CONFIRM_WINDOW;
    const now = BigInt(await time.latest()) + 1n;
    await pinNextTimestamp(now);
    await expect(fx.escrow.connect(fx.buyer).openDispute(later, docHash("x")))
      .to.be.revertedWithCustomError(fx.escrow, "DisputeWindowClosed")
      .withArgs(laterId, laterClosedAt, now);
  });

  it("at every second exactly one of 'buyer may dispute' and 'anyone may release' holds", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const offset of [-1n, 0n]) {
      const terms = fx.terms();
      const orderId = await shippedOrder(fx, terms);
      const boundary = (await stateOf(fx.escrow, orderId)).since + CONFIRM_WINDOW;
      const at = boundary + offset;
      const attempt = async (send: () => Promise<{ wait(): Promise<unknown> }>) => {
        const snapshot = await networkHelpers.takeSnapshot();
        await pinNextTimestamp(at);
        const ok = await send()
          .then((tx) => tx.wait())
          .then(
            () => true,
            () => false,
          );
        await snapshot.restore();
        return ok;
      };
      const dispute = await attempt(() =>
        fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e")),
      );
      const release = await attempt(() =>
        fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms),
      );
      expect(dispute).to.not.equal(release);
      expect(dispute).to.equal(offset < 0n);
    }
  });

  it("counts the window from customs clearance, not from shipment", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await time.increase(5n * DAY);
    await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("cleared"));
    const clearedAt = BigInt(await time.latest());
    await pinNextTimestamp(clearedAt + CONFIRM_WINDOW);
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e")))
      .to.be.revertedWithCustomError(fx.escrow, "DisputeWindowClosed")
      .withArgs(orderId, clearedAt + CONFIRM_WINDOW, clearedAt + CONFIRM_WINDOW);
    await pinNextTimestamp(clearedAt + CONFIRM_WINDOW - 1n);
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"))).to.emit(
      fx.escrow,
      "DisputeOpened",
    );
  });

  it("lets the seller dispute a cleared order after the window (it only delays its own money)", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await time.increase(CONFIRM_WINDOW + DAY);
    await expect(fx.escrow.connect(fx.seller).openDispute(terms, docHash("buyer refuses")))
      .to.emit(fx.escrow, "DisputeOpened")
      .withArgs(orderId, fx.seller.address, docHash("buyer refuses"));
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Disputed);
    expect(state.disputedBySeller).to.equal(true);
  });
});

describe("TradeEscrow rules: nobody takes a shipment away from customs", function () {
  it("is 30 days", async function () {
    const fx = await loadFixture(escrowFixture);
    expect(await fx.escrow.CUSTOMS_PERIOD()).to.equal(CUSTOMS_PERIOD);
    expect(CUSTOMS_PERIOD).to.equal(30n * DAY);
  });

  it("refuses both parties until one second before shippedAt + CUSTOMS_PERIOD", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const party of [fx.buyer, fx.seller]) {
      const terms = fx.terms({ productId: TEA });
      const orderId = await shippedOrder(fx, terms);
      const state = await stateOf(fx.escrow, orderId);
      expect(state.status).to.equal(Status.Shipped);
      const disputableAt = state.since + CUSTOMS_PERIOD;
      await pinNextTimestamp(disputableAt - 1n);
      await expect(fx.escrow.connect(party).openDispute(terms, docHash("held")))
        .to.be.revertedWithCustomError(fx.escrow, "CustomsPeriodNotElapsed")
        .withArgs(orderId, disputableAt, disputableAt - 1n);
    }
  });

  it("lets either party dispute from shippedAt + CUSTOMS_PERIOD on, without a customs decision", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const party of [fx.buyer, fx.seller]) {
      const terms = fx.terms({ productId: TEA });
      const orderId = await shippedOrder(fx, terms);
      const disputableAt = (await stateOf(fx.escrow, orderId)).since + CUSTOMS_PERIOD;
      await pinNextTimestamp(disputableAt);
      await expect(fx.escrow.connect(party).openDispute(terms, docHash("no decision")))
        .to.emit(fx.escrow, "DisputeOpened")
        .withArgs(orderId, party.address, docHash("no decision"));
      const state = await stateOf(fx.escrow, orderId);
      expect(state.status).to.equal(Status.Disputed);
      expect(state.disputedBySeller).to.equal(party === fx.seller);
      // the order still closes without any admin: nobody rules, anyone splits it evenly
      await time.increase(ARBITRATION_PERIOD);
      await fx.escrow.connect(fx.stranger).closeStaleDispute(terms);
      expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Resolved);
    }
  });

  it("keeps the customs rejection (full refund) out of the seller's reach during the period", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    const disputableAt = (await stateOf(fx.escrow, orderId)).since + CUSTOMS_PERIOD;
    await time.increase(CUSTOMS_PERIOD - 10n);
    await expect(fx.escrow.connect(fx.seller).openDispute(terms, docHash("pre-empt")))
      .to.be.revertedWithCustomError(fx.escrow, "CustomsPeriodNotElapsed")
      .withArgs(orderId, disputableAt, BigInt(await time.latest()) + 1n);
    await expect(
      fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("no certificate")),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer], [terms.amount]);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Refunded);
  });

  it("lets customs still decide after the period while nobody has disputed", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await time.increase(CUSTOMS_PERIOD + DAY);
    await expect(fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("late ok")))
      .to.emit(fx.escrow, "CustomsCleared")
      .withArgs(orderId, fx.customsPK.address, docHash("late ok"));
    // clearance opens a fresh confirmation window for the buyer
    await expect(fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"))).to.emit(
      fx.escrow,
      "DisputeOpened",
    );
  });
});

describe("TradeEscrow rules: an arbiter must still be an arbiter to rule", function () {
  it("refuses a registered arbiter stripped of the arbiter role, and accepts it with the role back", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
    expect((await stateOf(fx.escrow, orderId)).namedDefaultArbiter).to.equal(false);
    await fx.registry
      .connect(fx.admin)
      .updateParticipant(fx.arbiter.address, ROLE_BUYER, DE, docHash("arbiter"));
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotActive")
      .withArgs(orderId, fx.arbiter.address);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Disputed);
    await fx.registry
      .connect(fx.admin)
      .updateParticipant(fx.arbiter.address, ROLE_ARBITER, DE, docHash("arbiter"));
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, 0n, docHash("r"))).to.emit(
      fx.escrow,
      "DisputeResolved",
    );
  });

  it("keeps the default arbiter named at creation after the default changes", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ arbiter: fx.defaultArbiter.address });
    const orderId = await shippedOrder(fx, terms);
    expect((await stateOf(fx.escrow, orderId)).namedDefaultArbiter).to.equal(true);
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
    await fx.escrow.connect(fx.admin).setDefaultArbiter(fx.stranger.address);
    // the new default has no say over the order, the old one still rules without any role
    await expect(fx.escrow.connect(fx.stranger).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotArbiter")
      .withArgs(orderId, fx.stranger.address);
    const { seller, fee } = split(terms.amount - usd(10));
    await expect(fx.escrow.connect(fx.defaultArbiter).resolveDispute(terms, usd(10), docHash("r")))
      .to.emit(fx.escrow, "DisputeResolved")
      .withArgs(orderId, fx.defaultArbiter.address, 0n, usd(10), seller, fee, docHash("r"));
  });

  it("does not treat an order as default-arbitrated because its arbiter became the default later", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms(); // a registered arbiter
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.admin).setDefaultArbiter(fx.arbiter.address);
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
    expect((await stateOf(fx.escrow, orderId)).namedDefaultArbiter).to.equal(false);
    await fx.registry.connect(fx.admin).suspendParticipant(fx.arbiter.address, docHash("s"));
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotActive")
      .withArgs(orderId, fx.arbiter.address);
    // an order created now naming the new default, suspended, is refused (issue 15); once
    // reinstated, the order remembers that it named the default
    const later = fx.terms({ arbiter: fx.arbiter.address });
    await expect(sendCreateOrder(fx, later))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterSuspended")
      .withArgs(await orderIdOf(fx.escrow, later), fx.arbiter.address);
    await fx.registry.connect(fx.admin).reinstateParticipant(fx.arbiter.address);
    const laterId = await createOrder(fx, later);
    expect((await stateOf(fx.escrow, laterId)).namedDefaultArbiter).to.equal(true);
  });

  it("refuses the default arbiter named at creation while the registry suspends it", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ arbiter: fx.defaultArbiter.address });
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
    await fx.registry
      .connect(fx.admin)
      .registerParticipant(fx.defaultArbiter.address, ROLE_ARBITER, DE, docHash("default"));
    await fx.registry
      .connect(fx.admin)
      .suspendParticipant(fx.defaultArbiter.address, docHash("bribed"));
    await expect(fx.escrow.connect(fx.defaultArbiter).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterSuspended")
      .withArgs(orderId, fx.defaultArbiter.address);
    await fx.registry.connect(fx.admin).reinstateParticipant(fx.defaultArbiter.address);
    await expect(
      fx.escrow.connect(fx.defaultArbiter).resolveDispute(terms, 0n, docHash("r")),
    ).to.emit(fx.escrow, "DisputeResolved");
  });
});

describe("TradeEscrow rules: orders name real places", function () {
  it("refuses destination 0, 1000 and 65535 with InvalidJurisdiction", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const destination of [0, 1000, 65_535]) {
      await expect(sendCreateOrder(fx, fx.terms({ destination })))
        .to.be.revertedWithCustomError(fx.escrow, "InvalidJurisdiction")
        .withArgs(destination);
    }
  });

  it("accepts 1 and 999, the ends of the ISO-3166-1 numeric range", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const destination of [1, 999]) {
      const terms = fx.terms({ destination, productId: TEA });
      const orderId = await createOrder(fx, terms);
      expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
    }
  });
});

describe("TradeEscrow rules: a credit record per currency", function () {
  it("keeps USD and STC sales in separate records, never added together", async function () {
    const fx = await loadFixture(escrowFixture);
    const stc = await fx.stc.getAddress();
    const inUsd = fx.terms({ amount: usd(300) });
    const inStc = fx.anyTerms({ token: stc, amount: usd(700) });
    for (const terms of [inUsd, inStc]) {
      await shippedOrder(fx, terms);
      await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    }
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: split(usd(300)).seller,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, stc)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: split(usd(700)).seller,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, stc)).to.deep.equal({
      ...NO_CREDIT,
      purchasesCompleted: 1n,
      volume: usd(700),
    });
  });

  it("stores each record at keccak256(account, token ^ seed), refunds and draws in the next slot", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(500) });
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const slot = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(
        ["address", "uint256"],
        [fx.seller.address, BigInt(terms.token) ^ BigInt(CREDIT_SEED)],
      ),
    );
    const escrowAddress = await fx.escrow.getAddress();
    const word = BigInt(await ethers.provider.getStorage(escrowAddress, slot));
    expect(word).to.equal(1n | (split(usd(500)).seller << 160n));
    // the second word: disputes drawn (16 bits), then the refunded volume (96 bits)
    const next = ethers.toBeHex(BigInt(slot) + 1n, 32);
    expect(BigInt(await ethers.provider.getStorage(escrowAddress, next))).to.equal(0n);
    const refunded = fx.terms({ amount: usd(500) });
    await shippedOrder(fx, refunded);
    await fx.escrow.connect(fx.seller).refund(refunded, usd(7));
    await fx.escrow.connect(fx.seller).openDispute(refunded, docHash("e"));
    await fx.escrow.connect(fx.arbiter).resolveDispute(refunded, usd(250), docHash("r"));
    expect(BigInt(await ethers.provider.getStorage(escrowAddress, next))).to.equal(
      1n | (usd(7) << 16n),
    );
  });

  it("saturates every counter instead of reverting the close", async function () {
    const fx = await loadFixture(escrowFixture);
    const slotOf = (account: string, token: string) =>
      ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(
          ["address", "uint256"],
          [account, BigInt(token) ^ BigInt(CREDIT_SEED)],
        ),
      );
    const escrowAddress = await fx.escrow.getAddress();
    const token = await fx.usd.getAddress();
    // every field of both records at its maximum
    let full = COUNT24_MAX | (COUNT24_MAX << 24n);
    for (let shift = 48n; shift < 160n; shift += 14n) full |= COUNT14_MAX << shift;
    full |= ((1n << 96n) - 1n) << 160n;
    // and the second word: disputes drawn and the refunded volume
    const fullSecond = 0xffffn | (((1n << 96n) - 1n) << 16n);
    for (const account of [fx.buyer.address, fx.seller.address]) {
      const slot = slotOf(account, token);
      await networkHelpers.setStorageAt(escrowAddress, slot, full);
      await networkHelpers.setStorageAt(escrowAddress, BigInt(slot) + 1n, fullSecond);
    }
    const sold = fx.terms();
    await shippedOrder(fx, sold);
    await fx.escrow.connect(fx.buyer).confirmReceipt(sold);
    const cancelled = fx.terms();
    await createOrder(fx, cancelled);
    await fx.escrow.connect(fx.buyer).cancel(cancelled);
    const rejected = fx.terms();
    await createOrder(fx, rejected);
    await fx.escrow.connect(fx.seller).reject(rejected, docHash("r"));
    const disputed = fx.terms();
    await shippedOrder(fx, disputed);
    await fx.escrow.connect(fx.buyer).openDispute(disputed, docHash("e"));
    await fx.escrow.connect(fx.arbiter).resolveDispute(disputed, usd(900), docHash("r"));
    const drawn = fx.terms();
    await shippedOrder(fx, drawn);
    await fx.escrow.connect(fx.seller).refund(drawn, usd(1));
    await fx.escrow.connect(fx.buyer).openDispute(drawn, docHash("e"));
    await time.increase(ARBITRATION_PERIOD);
    await fx.escrow.connect(fx.stranger).closeStaleDispute(drawn);
    const max = {
      salesCompleted: COUNT24_MAX,
      purchasesCompleted: COUNT24_MAX,
      cancelledAsBuyer: COUNT14_MAX,
      rejectedAsSeller: COUNT14_MAX,
      missedShipBy: COUNT14_MAX,
      rejectedAtCustoms: COUNT14_MAX,
      refundedAsSeller: COUNT14_MAX,
      disputesOpened: COUNT14_MAX,
      disputesWon: COUNT14_MAX,
      disputesLost: COUNT14_MAX,
      disputesDrawn: 0xffffn,
      volume: (1n << 96n) - 1n,
      refundedVolume: (1n << 96n) - 1n,
    };
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal(max);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal(max);
    for (const terms of [sold, cancelled, rejected, disputed, drawn]) {
      expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms))).status).to.be.oneOf([
        Status.Completed,
        Status.Refunded,
        Status.Resolved,
      ]);
    }
  });
});

describe("TradeEscrow rules: refunds counted by cause on the party that caused them", function () {
  it("puts each cause in its own counter, on the buyer's record only for its own cancellation", async function () {
    const fx = await loadFixture(escrowFixture);
    const shipBy = BigInt(await time.latest()) + DAY;
    const cancelled = fx.terms({ shipBy });
    const rejected = fx.terms({ shipBy });
    const unshipped = fx.terms({ shipBy });
    const atCustoms = fx.terms({ shipBy, productId: TEA });
    const refunded = fx.terms({ shipBy });
    for (const terms of [cancelled, rejected, unshipped]) await createOrder(fx, terms);
    await shippedOrder(fx, atCustoms);
    await shippedOrder(fx, refunded);
    await fx.escrow.connect(fx.buyer).cancel(cancelled);
    await fx.escrow.connect(fx.seller).reject(rejected, docHash("out of stock"));
    await fx.escrow.connect(fx.customsPK).rejectAtCustoms(atCustoms, docHash("no licence"));
    await fx.escrow.connect(fx.seller).refund(refunded, usd(1));
    await fx.escrow.connect(fx.seller).refund(refunded, refunded.amount - usd(1));
    await time.increase(DAY + 1n);
    await fx.escrow.connect(fx.stranger).refundUnshipped(unshipped);
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      cancelledAsBuyer: 1n,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      rejectedAsSeller: 1n,
      missedShipBy: 1n,
      rejectedAtCustoms: 1n,
      refundedAsSeller: 1n,
      // only what the seller handed back with `refund` counts as its refunded volume
      refundedVolume: refunded.amount,
    });
    // nothing lands on the caller that triggered a refund it did not cause
    expect(await creditOf(fx.escrow, fx.stranger.address, fx.usd)).to.deep.equal(NO_CREDIT);
    expect(await creditOf(fx.escrow, fx.customsPK.address, fx.usd)).to.deep.equal(NO_CREDIT);
  });

  it("lets no stranger stain a seller's record with cancelled 1-unit orders", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.usd.mint(fx.stranger.address, 10n);
    await fx.usd.connect(fx.stranger).approve(await fx.escrow.getAddress(), 10n);
    for (let i = 0; i < 3; i++) {
      const terms = fx.terms({ buyer: fx.stranger.address, amount: 1n });
      await sendCreateOrder(fx, terms, fx.stranger);
      await fx.escrow.connect(fx.stranger).cancel(terms);
    }
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal(NO_CREDIT);
    expect(await creditOf(fx.escrow, fx.stranger.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      cancelledAsBuyer: 3n,
    });
  });
});

describe("TradeEscrow rules: a sale counts only if it paid a fee", function () {
  it("does not count a 99-unit order at 1% (no fee), counts a 100-unit one (fee of 1)", async function () {
    const fx = await loadFixture(escrowFixture);
    const free = fx.terms({ amount: 99n });
    await shippedOrder(fx, free);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(free)).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.seller],
      [99n],
    );
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal(NO_CREDIT);
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal(NO_CREDIT);

    const paid = fx.terms({ amount: 100n });
    await shippedOrder(fx, paid);
    await fx.escrow.connect(fx.buyer).confirmReceipt(paid);
    expect(await fx.escrow.accruedFees(paid.token)).to.equal(1n);
    // the seller's volume is what it was paid: 100 minus the fee of 1
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: 99n,
    });
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      purchasesCompleted: 1n,
      volume: 100n,
    });
  });

  it("counts every sale when the fee rate is zero", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.escrow.connect(fx.admin).setFee(0);
    const terms = fx.terms({ amount: 1n, feeBps: 0n });
    await shippedOrder(fx, terms);
    await time.increase(CONFIRM_WINDOW);
    await fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms);
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: 1n,
    });
  });

  it("scores a dispute whatever the fee but adds volume only when the seller's part paid one", async function () {
    const fx = await loadFixture(escrowFixture);
    const small = fx.terms({ amount: 150n });
    await shippedOrder(fx, small);
    await fx.escrow.connect(fx.buyer).openDispute(small, docHash("e"));
    // seller's gross part 50 at 1%: no fee, no volume; the buyer got more than half
    await fx.escrow.connect(fx.arbiter).resolveDispute(small, 100n, docHash("r"));
    expect(await creditOf(fx.escrow, fx.buyer.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesWon: 1n,
    });
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesLost: 1n,
    });
    const big = fx.terms({ amount: usd(10) });
    await shippedOrder(fx, big);
    await fx.escrow.connect(fx.buyer).openDispute(big, docHash("e"));
    await fx.escrow.connect(fx.arbiter).resolveDispute(big, usd(4), docHash("r"));
    expect((await creditOf(fx.escrow, fx.seller.address, fx.usd)).volume).to.equal(
      split(usd(6)).seller,
    );
    expect((await creditOf(fx.escrow, fx.buyer.address, fx.usd)).volume).to.equal(usd(6));
  });
});

describe("TradeEscrow rules: complaints only from trades that happened", function () {
  it("records that the order shipped, and keeps the fact after it closes", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    expect((await stateOf(fx.escrow, orderId)).shipped).to.equal(false);
    await fx.escrow.connect(fx.seller).ship(terms, docHash("t"));
    expect((await stateOf(fx.escrow, orderId)).shipped).to.equal(true);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    expect((await stateOf(fx.escrow, orderId)).shipped).to.equal(true);
  });

  it("refuses a complaint about an order that closed before shipment", async function () {
    const fx = await loadFixture(escrowFixture);
    const cancelled = fx.terms({ amount: 1n });
    const cancelledId = await createOrder(fx, cancelled);
    await fx.escrow.connect(fx.buyer).cancel(cancelled);
    const rejected = fx.terms();
    const rejectedId = await createOrder(fx, rejected);
    await fx.escrow.connect(fx.seller).reject(rejected, docHash("r"));
    for (const [terms, orderId] of [
      [cancelled, cancelledId],
      [rejected, rejectedId],
    ] as const) {
      await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("c")))
        .to.be.revertedWithCustomError(fx.escrow, "OrderNotShipped")
        .withArgs(orderId);
    }
    expect((await fx.registry.productOf(cancelled.productId)).complaintCount).to.equal(0n);
  });

  it("accepts a complaint about a shipment customs rejected", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ productId: TEA });
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("r"));
    // fully refunded: the order paid no fee, and the event says so
    await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("c")))
      .to.emit(fx.escrow, "ComplaintFiled")
      .withArgs(orderId, fx.buyer.address, docHash("c"), terms.amount, 0n);
    expect((await fx.registry.productOf(TEA)).complaintCount).to.equal(1n);
  });

  it("refuses a complaint against a product id nobody registered", async function () {
    const fx = await loadFixture(escrowFixture);
    const unknown = ethers.id("unregistered product");
    const terms = fx.terms({ productId: unknown, destination: DE });
    const orderId = await shippedOrder(fx, terms);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Cleared);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(fx.escrow.connect(fx.buyer).fileComplaint(terms, docHash("c")))
      .to.be.revertedWithCustomError(fx.escrow, "ProductNotRegistered")
      .withArgs(unknown);
    expect((await fx.registry.productOf(unknown)).complaintCount).to.equal(0n);
    expect((await stateOf(fx.escrow, orderId)).complaintFiled).to.equal(false);
  });

  it("still refuses anyone but the buyer of the order", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ destination: PK });
    const orderId = await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(fx.escrow.connect(fx.otherSeller).fileComplaint(terms, docHash("c")))
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
      .withArgs(orderId, fx.otherSeller.address);
  });
});
