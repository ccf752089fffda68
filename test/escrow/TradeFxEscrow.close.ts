import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  FEE_BPS,
  CONFIRM_WINDOW,
  DAY,
  LAPTOP,
  NO_CREDIT,
  Needs,
  PK,
  RefundReason,
  Resolution,
  Status,
  TEA,
  docHash,
  ethers,
  networkHelpers,
  pinNextTimestamp,
} from "../helpers/escrow.js";
import {
  createFx,
  disputedFx,
  expectDeltas,
  expectFxBalanceEquation,
  fxCreditOf,
  fxFixture,
  fxSplit,
  fxStateOf,
  shippedFx,
  snapshot,
} from "../helpers/fx.js";
import type { FxFixture, FxOrder, FxOrderOptions } from "../helpers/fx.js";

const { loadFixture, time } = networkHelpers;

/** Awkward legs: nothing divides evenly. */
const A = 1_000_003n;
const P = 7_000_001n;
const AWKWARD: FxOrderOptions = { terms: { amount: A }, payoutAmount: P };

async function expectClosed(fx: FxFixture, order: FxOrder, status: bigint) {
  expect((await fxStateOf(fx, order.orderId)).status).to.equal(status);
  expect((await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).open).to.equal(
    0n,
  );
  const accounts = [fx.provider.address, fx.buyer.address, fx.seller.address];
  await expectFxBalanceEquation(fx, fx.addr.usd, [order], accounts);
  await expectFxBalanceEquation(fx, fx.addr.cny, [order], accounts);
}

/** How a dispute closed: who closed it, how, the buyer's total and the ruling's hash. */
interface DisputeClose {
  readonly by: string;
  readonly resolution: bigint;
  readonly buyerTotal: bigint;
  /** What the buyer already had back before the close. */
  readonly refunded?: bigint;
  readonly evidence?: string;
}

/**
 * Asserts a dispute's final close of `order` by `tx`: DisputeResolved and FxLegsSplit with the
 * parts of the two-leg rule at the buyer's total (never below what was already refunded), every
 * balance moved by exactly those parts since `before`, the order Resolved. Returns the split.
 */
async function expectResolvedSplit(
  fx: FxFixture,
  order: FxOrder,
  before: Awaited<ReturnType<typeof snapshot>>,
  tx: Promise<unknown>,
  close: DisputeClose,
) {
  const [a, p] = [order.terms.amount, order.quote.payoutAmount];
  const refunded = close.refunded ?? 0n;
  const total = close.buyerTotal > refunded ? close.buyerTotal : refunded;
  const s = fxSplit(a, p, total);
  const toBuyer = total - refunded;
  const providerPayout = s.providerPayout - (refunded * p) / a;
  await expect(tx)
    .to.emit(fx.fxEscrow, "DisputeResolved")
    .withArgs(
      order.orderId,
      close.by,
      close.resolution,
      toBuyer,
      s.seller,
      s.fee,
      close.evidence ?? ethers.ZeroHash,
    );
  await expect(tx)
    .to.emit(fx.fxEscrow, "FxLegsSplit")
    .withArgs(order.orderId, toBuyer, a - total, s.seller, providerPayout, s.fee);
  await expectDeltas(fx, order, before, {
    buyerPay: toBuyer,
    fxPay: -toBuyer,
    sellerPayout: s.seller,
    fxPayout: -s.seller,
    feesPayout: s.fee,
    claimProviderPay: a - total,
    claimProviderPayout: providerPayout,
  });
  await expectClosed(fx, order, Status.Resolved);
  return { ...s, providerPayout };
}

describe("TradeFxEscrow release (payout leg to the seller, pay leg to the provider)", function () {
  it("confirmReceipt pays the seller P minus the fee in the payout token; the provider gets A", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await shippedFx(fx, AWKWARD);
    const s = fxSplit(A, P, 0n);
    expect(s.seller + s.fee).to.equal(P);
    const before = await snapshot(fx, order);
    const tx = fx.fxEscrow.connect(fx.buyer).confirmReceipt(order.terms);
    await expect(tx)
      .to.emit(fx.fxEscrow, "ReceiptConfirmed")
      .withArgs(order.orderId, s.seller, s.fee);
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxLegsSplit")
      .withArgs(order.orderId, 0n, A, s.seller, 0n, s.fee);
    await expectDeltas(fx, order, before, {
      sellerPayout: s.seller,
      fxPayout: -s.seller,
      feesPayout: s.fee,
      claimProviderPay: A,
    });
    await expectClosed(fx, order, Status.Completed);
    // credit: the buyer's purchase in the pay token, the seller's sale in the payout token
    expect(await fxCreditOf(fx, fx.buyer.address, fx.addr.usd)).to.deep.equal({
      ...NO_CREDIT,
      purchasesCompleted: 1n,
      volume: A,
    });
    expect(await fxCreditOf(fx, fx.seller.address, fx.addr.cny)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: s.seller,
    });
    expect(await fxCreditOf(fx, fx.seller.address, fx.addr.usd)).to.deep.equal(NO_CREDIT);
    expect(await fxCreditOf(fx, fx.buyer.address, fx.addr.cny)).to.deep.equal(NO_CREDIT);
    // the provider withdraws its pay-currency part; fees go to the settings escrow's recipient
    const afterClose = await snapshot(fx, order);
    await expect(fx.fxEscrow.connect(fx.provider).withdraw(fx.addr.usd))
      .to.emit(fx.fxEscrow, "Withdrawn")
      .withArgs(fx.addr.usd, fx.provider.address, A);
    await expect(fx.fxEscrow.connect(fx.stranger).collectFees(fx.addr.cny))
      .to.emit(fx.fxEscrow, "FeesCollected")
      .withArgs(fx.addr.cny, fx.feeRecipient.address, s.fee);
    await expectDeltas(fx, order, afterClose, {
      providerPay: A,
      fxPay: -A,
      claimProviderPay: -A,
      recipientPayout: s.fee,
      fxPayout: -s.fee,
      feesPayout: -s.fee,
    });
    expect(await fx.usd.balanceOf(fx.addr.fx)).to.equal(0n);
    expect(await fx.cny.balanceOf(fx.addr.fx)).to.equal(0n);
  });

  it("releaseAfterTimeout pays the same split, not before the window has elapsed", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await shippedFx(fx, AWKWARD);
    const since = (await fxStateOf(fx, order.orderId)).since;
    const releasableAt = since + CONFIRM_WINDOW;
    await pinNextTimestamp(releasableAt - 1n);
    await expect(fx.fxEscrow.connect(fx.stranger).releaseAfterTimeout(order.terms))
      .to.be.revertedWithCustomError(fx.fxEscrow, "ConfirmWindowNotElapsed")
      .withArgs(order.orderId, releasableAt, releasableAt - 1n);
    const s = fxSplit(A, P, 0n);
    const before = await snapshot(fx, order);
    await pinNextTimestamp(releasableAt);
    const tx = fx.fxEscrow.connect(fx.stranger).releaseAfterTimeout(order.terms);
    await expect(tx)
      .to.emit(fx.fxEscrow, "ReleasedAfterTimeout")
      .withArgs(order.orderId, fx.stranger.address, s.seller, s.fee);
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxLegsSplit")
      .withArgs(order.orderId, 0n, A, s.seller, 0n, s.fee);
    await expectDeltas(fx, order, before, {
      sellerPayout: s.seller,
      fxPayout: -s.seller,
      feesPayout: s.fee,
      claimProviderPay: A,
    });
    await expectClosed(fx, order, Status.Completed);
  });

  it("files a complaint on a closed FX order in the registry (amount and fee in the pay token)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await shippedFx(fx, AWKWARD);
    await fx.fxEscrow.connect(fx.buyer).confirmReceipt(order.terms);
    const fee = (A * FEE_BPS) / 10_000n;
    const evidence = docHash("broken");
    const tx = fx.fxEscrow.connect(fx.buyer).fileComplaint(order.terms, evidence);
    await expect(tx)
      .to.emit(fx.fxEscrow, "ComplaintFiled")
      .withArgs(order.orderId, fx.buyer.address, evidence, A, fee);
    await expect(tx)
      .to.emit(fx.registry, "ComplaintRecorded")
      .withArgs(LAPTOP, order.orderId, fx.seller.address, fx.buyer.address, evidence, A, fee, 1n);
    expect((await fxStateOf(fx, order.orderId)).complaintFiled).to.equal(true);
    await expect(fx.fxEscrow.connect(fx.buyer).fileComplaint(order.terms, evidence))
      .to.be.revertedWithCustomError(fx.fxEscrow, "ComplaintAlreadyFiled")
      .withArgs(order.orderId);
  });
});

describe("TradeFxEscrow full refunds (exactly A back to the buyer, P back to the provider)", function () {
  type Case = {
    name: string;
    reason: bigint;
    caller: (fx: FxFixture) => { address: string };
    setup: (fx: FxFixture) => Promise<FxOrder>;
    act: (fx: FxFixture, o: FxOrder) => Promise<unknown>;
    hash: string;
    /** Whose credit record counts it, and which field (in the token of that party). */
    credit: "buyer" | "seller";
    field: string;
  };
  const cases: Case[] = [
    {
      name: "cancel (buyer)",
      reason: RefundReason.Cancelled,
      caller: (fx) => fx.buyer,
      setup: (fx) => createFx(fx, AWKWARD),
      act: (fx, o) => fx.fxEscrow.connect(fx.buyer).cancel(o.terms),
      hash: ethers.ZeroHash,
      credit: "buyer",
      field: "cancelledAsBuyer",
    },
    {
      name: "reject (seller)",
      reason: RefundReason.RejectedBySeller,
      caller: (fx) => fx.seller,
      setup: (fx) => createFx(fx, AWKWARD),
      act: (fx, o) => fx.fxEscrow.connect(fx.seller).reject(o.terms, docHash("no stock")),
      hash: docHash("no stock"),
      credit: "seller",
      field: "rejectedAsSeller",
    },
    {
      name: "refundUnshipped (anyone, after ship-by)",
      reason: RefundReason.Unshipped,
      caller: (fx) => fx.stranger,
      setup: async (fx) => {
        const shipBy = BigInt(await time.latest()) + 2n * DAY;
        const o = await createFx(fx, { ...AWKWARD, terms: { amount: A, shipBy } });
        await pinNextTimestamp(shipBy);
        await expect(fx.fxEscrow.connect(fx.stranger).refundUnshipped(o.terms))
          .to.be.revertedWithCustomError(fx.fxEscrow, "ShipByNotPassed")
          .withArgs(o.orderId, shipBy, shipBy);
        await pinNextTimestamp(shipBy + 1n);
        return o;
      },
      act: (fx, o) => fx.fxEscrow.connect(fx.stranger).refundUnshipped(o.terms),
      hash: ethers.ZeroHash,
      credit: "seller",
      field: "missedShipBy",
    },
    {
      name: "rejectAtCustoms (destination customs)",
      reason: RefundReason.RejectedAtCustoms,
      caller: (fx) => fx.customsPK,
      // TEA is unlisted at PK: the shipment waits for customs
      setup: (fx) => shippedFx(fx, { ...AWKWARD, terms: { amount: A, productId: TEA } }),
      act: (fx, o) => fx.fxEscrow.connect(fx.customsPK).rejectAtCustoms(o.terms, docHash("kept")),
      hash: docHash("kept"),
      credit: "seller",
      field: "rejectedAtCustoms",
    },
    {
      name: "refund of the whole amount (seller)",
      reason: RefundReason.SellerRefund,
      caller: (fx) => fx.seller,
      setup: (fx) => shippedFx(fx, AWKWARD),
      act: (fx, o) => fx.fxEscrow.connect(fx.seller).refund(o.terms, A),
      hash: ethers.ZeroHash,
      credit: "seller",
      field: "refundedAsSeller",
    },
  ];

  for (const c of cases) {
    it(`${c.name} returns both legs whole`, async function () {
      const fx = await loadFixture(fxFixture);
      const order = await c.setup(fx);
      expect(
        (await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).open,
      ).to.equal(P);
      const before = await snapshot(fx, order);
      const tx = c.act(fx, order);
      await expect(tx)
        .to.emit(fx.fxEscrow, "OrderRefunded")
        .withArgs(order.orderId, c.caller(fx).address, c.reason, A, c.hash);
      await expect(tx)
        .to.emit(fx.fxEscrow, "FxLegsSplit")
        .withArgs(order.orderId, A, 0n, 0n, P, 0n);
      await expectDeltas(fx, order, before, {
        buyerPay: A,
        fxPay: -A,
        claimProviderPayout: P,
      });
      await expectClosed(fx, order, Status.Refunded);
      const party = c.credit === "buyer" ? fx.buyer.address : fx.seller.address;
      const token = c.credit === "buyer" ? fx.addr.usd : fx.addr.cny;
      const expected: Record<string, bigint> = { ...NO_CREDIT, [c.field]: 1n };
      // a seller's own refund counts what it gave back, in its currency
      if (c.reason === RefundReason.SellerRefund) expected.refundedVolume = P;
      expect(await fxCreditOf(fx, party, token)).to.deep.equal(expected);
    });
  }
});

describe("TradeFxEscrow partial refunds (rounding A=1000003, P=7000001)", function () {
  it("refunds 333333 then 2, then confirm: buyer+provider parts = A, seller+fee+provider parts = P", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await shippedFx(fx, AWKWARD);
    const R1 = 333_333n;
    const p1 = (R1 * P) / A;
    expect(p1).to.equal(2_333_324n); // 2,333,324.0... rounded down
    let before = await snapshot(fx, order);
    let tx = fx.fxEscrow.connect(fx.seller).refund(order.terms, R1);
    await expect(tx)
      .to.emit(fx.fxEscrow, "OrderRefunded")
      .withArgs(order.orderId, fx.seller.address, RefundReason.SellerRefund, R1, ethers.ZeroHash);
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxLegsSplit")
      .withArgs(order.orderId, R1, 0n, 0n, p1, 0n);
    await expectDeltas(fx, order, before, { buyerPay: R1, fxPay: -R1, claimProviderPayout: p1 });
    const accounts = [fx.provider.address];
    await expectFxBalanceEquation(fx, fx.addr.cny, [order], accounts);
    await expectFxBalanceEquation(fx, fx.addr.usd, [order], accounts);
    // exposure stays until the final close
    expect((await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).open).to.equal(
      P,
    );

    const R = R1 + 2n;
    const p2 = (R * P) / A - p1;
    expect(p2).to.equal(14n);
    before = await snapshot(fx, order);
    tx = fx.fxEscrow.connect(fx.seller).refund(order.terms, 2n);
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxLegsSplit")
      .withArgs(order.orderId, 2n, 0n, 0n, p2, 0n);
    await expectDeltas(fx, order, before, { buyerPay: 2n, fxPay: -2n, claimProviderPayout: p2 });
    expect((await fxStateOf(fx, order.orderId)).refunded).to.equal(R);

    const s = fxSplit(A, P, R);
    before = await snapshot(fx, order);
    tx = fx.fxEscrow.connect(fx.buyer).confirmReceipt(order.terms);
    await expect(tx)
      .to.emit(fx.fxEscrow, "ReceiptConfirmed")
      .withArgs(order.orderId, s.seller, s.fee);
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxLegsSplit")
      .withArgs(order.orderId, 0n, A - R, s.seller, 0n, s.fee);
    await expectDeltas(fx, order, before, {
      sellerPayout: s.seller,
      fxPayout: -s.seller,
      feesPayout: s.fee,
      claimProviderPay: A - R,
    });
    // the parts of both legs add up exactly
    expect(R1 + 2n + (A - R)).to.equal(A);
    expect(p1 + p2 + s.seller + s.fee).to.equal(P);
    await expectClosed(fx, order, Status.Completed);
    expect(await fxCreditOf(fx, fx.seller.address, fx.addr.cny)).to.deep.equal({
      ...NO_CREDIT,
      salesCompleted: 1n,
      volume: s.seller,
      refundedVolume: p1 + p2,
    });
    expect(await fxCreditOf(fx, fx.buyer.address, fx.addr.usd)).to.deep.equal({
      ...NO_CREDIT,
      purchasesCompleted: 1n,
      volume: A - R,
    });
    // the complaint's fee is the fee this order paid, in the pay token like its amount
    await expect(fx.fxEscrow.connect(fx.buyer).fileComplaint(order.terms, docHash("c")))
      .to.emit(fx.fxEscrow, "ComplaintFiled")
      .withArgs(order.orderId, fx.buyer.address, docHash("c"), A, ((A - R) * FEE_BPS) / 10_000n);
  });

  it("refunds the rest after a partial refund: exactly A to the buyer and P to the provider in total", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await createFx(fx, AWKWARD);
    const R1 = 333_333n;
    const p1 = (R1 * P) / A;
    await fx.fxEscrow.connect(fx.seller).refund(order.terms, R1);
    const before = await snapshot(fx, order);
    const tx = fx.fxEscrow.connect(fx.seller).refund(order.terms, A - R1);
    await expect(tx)
      .to.emit(fx.fxEscrow, "OrderRefunded")
      .withArgs(
        order.orderId,
        fx.seller.address,
        RefundReason.SellerRefund,
        A - R1,
        ethers.ZeroHash,
      );
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxLegsSplit")
      .withArgs(order.orderId, A - R1, 0n, 0n, P - p1, 0n);
    await expectDeltas(fx, order, before, {
      buyerPay: A - R1,
      fxPay: -(A - R1),
      claimProviderPayout: P - p1,
    });
    expect(await fx.fxEscrow.claimable(fx.addr.cny, fx.provider.address)).to.equal(P);
    await expectClosed(fx, order, Status.Refunded);
    expect(await fxCreditOf(fx, fx.seller.address, fx.addr.cny)).to.deep.equal({
      ...NO_CREDIT,
      refundedAsSeller: 1n,
      refundedVolume: P,
    });
    await expect(fx.fxEscrow.connect(fx.seller).refund(order.terms, 1n))
      .to.be.revertedWithCustomError(fx.fxEscrow, "UnexpectedStatus")
      .withArgs(order.orderId, Status.Refunded, Needs.open);
  });
});

describe("TradeFxEscrow disputes (the ruling names the buyer's total)", function () {
  it("resolveDispute after a partial refund splits both legs at the buyer's total", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await shippedFx(fx, AWKWARD);
    const R0 = 100_000n;
    await fx.fxEscrow.connect(fx.seller).refund(order.terms, R0);
    await fx.fxEscrow.connect(fx.buyer).openDispute(order.terms, docHash("evidence"));
    const T = 600_000n;
    const ruling = docHash("ruling");
    const before = await snapshot(fx, order);
    const tx = fx.fxEscrow.connect(fx.arbiter).resolveDispute(order.terms, T, ruling);
    const s = await expectResolvedSplit(fx, order, before, tx, {
      by: fx.arbiter.address,
      resolution: Resolution.Ruling,
      buyerTotal: T,
      refunded: R0,
      evidence: ruling,
    });
    const step = s.providerPayout;
    expect(step).to.equal((T * P) / A - (R0 * P) / A);
    expect(R0 + (T - R0) + (A - T)).to.equal(A);
    expect((R0 * P) / A + step + s.seller + s.fee).to.equal(P);
    expect(await fxCreditOf(fx, fx.buyer.address, fx.addr.usd)).to.deep.equal({
      ...NO_CREDIT,
      disputesOpened: 1n,
      disputesWon: 1n,
      volume: A - T,
    });
    expect(await fxCreditOf(fx, fx.seller.address, fx.addr.cny)).to.deep.equal({
      ...NO_CREDIT,
      disputesLost: 1n,
      volume: s.seller,
      refundedVolume: (R0 * P) / A,
    });
  });

  it("a ruling below what was already refunded pays the buyer nothing more", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await shippedFx(fx, AWKWARD);
    const R0 = 300_000n;
    await fx.fxEscrow.connect(fx.seller).refund(order.terms, R0);
    await fx.fxEscrow.connect(fx.buyer).openDispute(order.terms, docHash("evidence"));
    const before = await snapshot(fx, order);
    const tx = fx.fxEscrow
      .connect(fx.arbiter)
      .resolveDispute(order.terms, 200_000n, ethers.ZeroHash);
    const s = await expectResolvedSplit(fx, order, before, tx, {
      by: fx.arbiter.address,
      resolution: Resolution.Ruling,
      buyerTotal: 200_000n,
      refunded: R0,
    });
    expect([s.buyer, s.providerPayout]).to.deep.equal([R0, 0n], "nothing more to the buyer");
  });

  it("a ruling of the whole amount for the buyer returns both legs whole", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await disputedFx(fx, AWKWARD);
    const before = await snapshot(fx, order);
    const tx = fx.fxEscrow.connect(fx.arbiter).resolveDispute(order.terms, A, ethers.ZeroHash);
    const s = await expectResolvedSplit(fx, order, before, tx, {
      by: fx.arbiter.address,
      resolution: Resolution.Ruling,
      buyerTotal: A,
    });
    expect([s.providerPayout, s.seller, s.fee]).to.deep.equal([P, 0n, 0n]);
    await expect(
      fx.fxEscrow.connect(fx.arbiter).resolveDispute(order.terms, A + 1n, ethers.ZeroHash),
    )
      .to.be.revertedWithCustomError(fx.fxEscrow, "UnexpectedStatus")
      .withArgs(order.orderId, Status.Resolved, Needs.disputed);
  });

  it("acceptSettlement closes with the agreed buyer total", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await disputedFx(fx, AWKWARD);
    const T = 500_001n;
    await fx.fxEscrow.connect(fx.seller).proposeSettlement(order.terms, T);
    const before = await snapshot(fx, order);
    const tx = fx.fxEscrow.connect(fx.buyer).acceptSettlement(order.terms, T);
    const s = await expectResolvedSplit(fx, order, before, tx, {
      by: fx.buyer.address,
      resolution: Resolution.Settlement,
      buyerTotal: T,
    });
    expect(s.providerPayout + s.seller + s.fee).to.equal(P);
  });

  it("closeStaleDispute splits evenly (buyer total floor(A/2)) after the arbitration period, a draw", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await disputedFx(fx, AWKWARD);
    const staleAt = (await fxStateOf(fx, order.orderId)).since + ARBITRATION_PERIOD;
    await pinNextTimestamp(staleAt - 1n);
    await expect(fx.fxEscrow.connect(fx.stranger).closeStaleDispute(order.terms))
      .to.be.revertedWithCustomError(fx.fxEscrow, "ArbitrationPeriodNotElapsed")
      .withArgs(order.orderId, staleAt, staleAt - 1n);
    const before = await snapshot(fx, order);
    await pinNextTimestamp(staleAt);
    const tx = fx.fxEscrow.connect(fx.stranger).closeStaleDispute(order.terms);
    await expectResolvedSplit(fx, order, before, tx, {
      by: fx.stranger.address,
      resolution: Resolution.Stale,
      buyerTotal: A / 2n,
    });
    expect((await fxCreditOf(fx, fx.buyer.address, fx.addr.usd)).disputesDrawn).to.equal(1n);
    expect((await fxCreditOf(fx, fx.seller.address, fx.addr.cny)).disputesDrawn).to.equal(1n);
  });
});

describe("TradeFxEscrow exposure across orders", function () {
  it("opens P per order at creation and frees it at each final close only", async function () {
    const fx = await loadFixture(fxFixture);
    const a = await shippedFx(fx, AWKWARD);
    const b = await createFx(fx, { terms: { amount: 5_000n, destination: PK }, payoutAmount: 9n });
    const limit = () => fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny);
    expect((await limit()).open).to.equal(P + 9n);
    await fx.fxEscrow.connect(fx.seller).refund(a.terms, 1n);
    expect((await limit()).open).to.equal(P + 9n);
    await fx.fxEscrow.connect(fx.buyer).cancel(b.terms);
    expect((await limit()).open).to.equal(P);
    await fx.fxEscrow.connect(fx.buyer).confirmReceipt(a.terms);
    expect((await limit()).open).to.equal(0n);
    const accounts = [fx.provider.address];
    await expectFxBalanceEquation(fx, fx.addr.usd, [a, b], accounts);
    await expectFxBalanceEquation(fx, fx.addr.cny, [a, b], accounts);
  });
});
