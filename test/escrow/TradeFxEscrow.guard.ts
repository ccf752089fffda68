import { expect } from "chai";

import { Status, docHash, ethers, networkHelpers } from "../helpers/escrow.js";
import type {
  MockFalseReturnERC20,
  MockFeeOnTransferERC20,
  MockReentrantERC20,
  TradeFxEscrow,
} from "../../typechain-types/index.js";
import {
  CAP,
  cny,
  expectDeltas,
  expectFxBalanceEquation,
  fxFixture,
  fxOrder,
  fxStateOf,
  sendFx,
  fxConsentId,
  signConsentTo,
  snapshot,
} from "../helpers/fx.js";
import type { FxFixture, FxOrder } from "../helpers/fx.js";

const { loadFixture } = networkHelpers;

/** Asserts that a refused creation left nothing behind: no order, no exposure, no money moved. */
async function expectNothingMoved(
  fx: FxFixture,
  order: FxOrder,
  before: Awaited<ReturnType<typeof snapshot>>,
) {
  await expectDeltas(fx, order, before, {});
  expect((await fxStateOf(fx, order.orderId)).status).to.equal(Status.None);
  const [, open] = await fx.desk.fxLimitOf(
    order.quote.provider,
    order.terms.token,
    order.quote.payoutToken,
  );
  expect(open).to.equal(0n);
  expect(await fx.fxEscrow.legOf(order.orderId)).to.deep.equal([
    ethers.ZeroAddress,
    ethers.ZeroAddress,
    0n,
  ]);
}

describe("TradeFxEscrow quote replay", function () {
  it("a quote signed for one order cannot fund another, even with its order id rewritten", async function () {
    const fx = await loadFixture(fxFixture);
    const a = await fxOrder(fx);
    const b = await fxOrder(fx);
    await expect(sendFx(fx, { ...b, quote: a.quote, quoteSig: a.quoteSig }))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteForOtherOrder")
      .withArgs(b.orderId, a.orderId);
    // A's signature over B's quote (same rate, same amounts, other order id)
    await expect(sendFx(fx, { ...b, quoteSig: a.quoteSig }))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteSignatureInvalid")
      .withArgs(b.orderId, fx.provider.address);
    // and A's own quote still works, once
    await sendFx(fx, a);
    await expect(sendFx(fx, a))
      .to.be.revertedWithCustomError(fx.fxEscrow, "OrderAlreadyExists")
      .withArgs(a.orderId);
  });

  it("a quote naming another FX escrow (a second deployment) is refused (FxQuoteSignatureInvalid)", async function () {
    const fx = await loadFixture(fxFixture);
    const second = (await ethers.deployContract("TradeFxEscrow", [
      fx.addr.escrow,
    ])) as unknown as TradeFxEscrow;
    const secondAddress = await second.getAddress();
    expect(secondAddress).to.not.equal(fx.addr.fx);
    const order = await fxOrder(fx, { quoteEscrow: secondAddress });
    // the same terms are another order on the second escrow
    expect(await second.orderIdOf(order.terms)).to.not.equal(order.orderId);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteSignatureInvalid")
      .withArgs(order.orderId, fx.provider.address);
  });

  it("a quote signed under another chain id is refused (FxQuoteSignatureInvalid)", async function () {
    const fx = await loadFixture(fxFixture);
    const { chainId } = await ethers.provider.getNetwork();
    for (const other of [1n, chainId + 1n]) {
      const order = await fxOrder(fx, { chainId: other });
      await expect(sendFx(fx, order))
        .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteSignatureInvalid")
        .withArgs(order.orderId, fx.provider.address);
    }
    // the same quote under the right chain id works
    const order = await fxOrder(fx, { chainId });
    await sendFx(fx, order);
  });

  it("a quote whose amounts were changed after signing is refused (FxQuoteSignatureInvalid)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    const quote = { ...order.quote, payoutAmount: order.quote.payoutAmount - 1n };
    // the seller consents to the lowered payout, but the provider never quoted it
    const consentSig = await signConsentTo(
      fx.registry,
      fx.seller,
      fx.addr.fx,
      fxConsentId(order.orderId, quote.payoutToken, quote.payoutAmount),
    );
    await expect(sendFx(fx, { ...order, quote, consentSig }))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteSignatureInvalid")
      .withArgs(order.orderId, fx.provider.address);
  });
});

describe("TradeFxEscrow funding failures (the whole creation reverts)", function () {
  it("reverts with the token's error when the provider's allowance is short, and moves nothing", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.cny.connect(fx.provider).approve(fx.addr.fx, 0n);
    const order = await fxOrder(fx);
    const before = await snapshot(fx, order);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.cny, "ERC20InsufficientAllowance")
      .withArgs(fx.addr.fx, 0n, order.quote.payoutAmount);
    await expectNothingMoved(fx, order, before);
  });

  it("reverts with the token's error when the provider's balance is short, and moves nothing", async function () {
    const fx = await loadFixture(fxFixture);
    const all = await fx.cny.balanceOf(fx.provider.address);
    await fx.cny.connect(fx.provider).transfer(fx.stranger.address, all);
    const order = await fxOrder(fx);
    const before = await snapshot(fx, order);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.cny, "ERC20InsufficientBalance")
      .withArgs(fx.provider.address, 0n, order.quote.payoutAmount);
    await expectNothingMoved(fx, order, before);
  });

  it("reverts when the buyer's allowance is short after the payout leg was taken, and moves nothing", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.usd.connect(fx.buyer).approve(fx.addr.fx, 1n);
    const order = await fxOrder(fx);
    const before = await snapshot(fx, order);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.usd, "ERC20InsufficientAllowance")
      .withArgs(fx.addr.fx, 1n, order.terms.amount);
    await expectNothingMoved(fx, order, before);
  });
});

/** Hostile tokens allowlisted in the settings escrow, with lines for `provider` both ways. */
async function hostileFxFixture() {
  const fx = await fxFixture();
  const feeToken = (await ethers.deployContract("MockFeeOnTransferERC20", [
    "Fee CNY",
    "feeCNY",
  ])) as unknown as MockFeeOnTransferERC20;
  const falseToken = (await ethers.deployContract("MockFalseReturnERC20", [
    "False CNY",
    "fCNY",
  ])) as unknown as MockFalseReturnERC20;
  const reentrant = (await ethers.deployContract("MockReentrantERC20", [
    "Re-entrant CNY",
    "reCNY",
  ])) as unknown as MockReentrantERC20;
  const hostile = {
    fee: await feeToken.getAddress(),
    false: await falseToken.getAddress(),
    reentrant: await reentrant.getAddress(),
  };
  for (const [token, address] of [
    [feeToken, hostile.fee],
    [falseToken, hostile.false],
    [reentrant, hostile.reentrant],
  ] as const) {
    await fx.escrow.connect(fx.admin).setTokenAllowed(address, true);
    for (const who of [fx.provider, fx.buyer]) {
      await token.mint(who.address, cny(10_000_000));
      await token.connect(who).approve(fx.addr.fx, ethers.MaxUint256);
    }
    await fx.desk.connect(fx.admin).setFxLimit(fx.provider.address, fx.addr.usd, address, CAP);
    await fx.desk.connect(fx.admin).setFxLimit(fx.provider.address, address, fx.addr.cny, CAP);
  }
  return { ...fx, feeToken, falseToken, reentrant, hostile };
}

describe("TradeFxEscrow under hostile tokens", function () {
  it("refuses a fee-on-transfer payout leg (TransferAmountMismatch) and moves nothing", async function () {
    const fx = await loadFixture(hostileFxFixture);
    const order = await fxOrder(fx, { quote: { payoutToken: fx.hostile.fee } });
    const P = order.quote.payoutAmount;
    const before = await snapshot(fx, order);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "TransferAmountMismatch")
      .withArgs(fx.hostile.fee, P, P - P / 100n);
    await expectNothingMoved(fx, order, before);
  });

  it("refuses a fee-on-transfer pay leg (TransferAmountMismatch)", async function () {
    const fx = await loadFixture(hostileFxFixture);
    const A = cny(1_000);
    const order = await fxOrder(fx, {
      terms: { token: fx.hostile.fee, amount: A },
      payoutAmount: cny(7),
    });
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "TransferAmountMismatch")
      .withArgs(fx.hostile.fee, A, A - A / 100n);
  });

  it("refuses a payout leg the token refuses with false (SafeERC20FailedOperation)", async function () {
    const fx = await loadFixture(hostileFxFixture);
    await fx.falseToken.setRefused(fx.provider.address, true);
    const order = await fxOrder(fx, { quote: { payoutToken: fx.hostile.false } });
    const before = await snapshot(fx, order);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "SafeERC20FailedOperation")
      .withArgs(fx.hostile.false);
    await expectNothingMoved(fx, order, before);
  });

  it("defers the seller's payout the token refuses (PayoutDeferred); the seller withdraws it later", async function () {
    const fx = await loadFixture(hostileFxFixture);
    const order = await fxOrder(fx, { quote: { payoutToken: fx.hostile.false } });
    await sendFx(fx, order);
    await fx.fxEscrow.connect(fx.seller).ship(order.terms, docHash("tracking"));
    await fx.falseToken.setRefused(fx.seller.address, true);
    const P = order.quote.payoutAmount;
    const fee = (P * 100n) / 10_000n;
    const before = await snapshot(fx, order);
    await expect(fx.fxEscrow.connect(fx.buyer).confirmReceipt(order.terms))
      .to.emit(fx.fxEscrow, "PayoutDeferred")
      .withArgs(fx.hostile.false, fx.seller.address, P - fee);
    await expectDeltas(fx, order, before, {
      claimSellerPayout: P - fee,
      feesPayout: fee,
      claimProviderPay: order.terms.amount,
    });
    const accounts = [fx.seller.address, fx.provider.address];
    await expectFxBalanceEquation(fx, fx.hostile.false, [order], accounts);
    await fx.falseToken.setRefused(fx.seller.address, false);
    await fx.fxEscrow.connect(fx.seller).withdraw(fx.hostile.false);
    expect(await fx.falseToken.balanceOf(fx.seller.address)).to.equal(P - fee);
  });

  it("blocks a payout token re-entering createFxOrder while the leg is taken (ReentrancyGuardReentrantCall)", async function () {
    const fx = await loadFixture(hostileFxFixture);
    const order = await fxOrder(fx, { quote: { payoutToken: fx.hostile.reentrant } });
    const inner = await fxOrder(fx, { quote: { payoutToken: fx.hostile.reentrant } });
    await fx.reentrant.arm(
      fx.addr.fx,
      fx.fxEscrow.interface.encodeFunctionData("createFxOrder", [
        inner.terms,
        inner.quote,
        inner.quoteSig,
        inner.consentSig,
      ]),
      true,
    );
    const before = await snapshot(fx, order);
    await expect(sendFx(fx, order)).to.be.revertedWithCustomError(
      fx.fxEscrow,
      "ReentrancyGuardReentrantCall",
    );
    await expectNothingMoved(fx, order, before);
    expect((await fxStateOf(fx, inner.orderId)).status).to.equal(Status.None);
  });
});
