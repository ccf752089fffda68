import { expect } from "chai";

import {
  DAY,
  NO_CREDIT,
  Status,
  docHash,
  ethers,
  networkHelpers,
  pinNextTimestamp,
  signPermit,
  signReceiveAuthorization,
  termsTuple,
  usd,
} from "../helpers/escrow.js";
import {
  CAP,
  ROLE_FX_PROVIDER,
  SELLER_CONSENT_TYPES,
  createFx,
  deployFeed,
  expectDeltas,
  expectFxBalanceEquation,
  fxConsentId,
  fxCreditOf,
  fxFixture,
  fxStateOf,
  fxOrder,
  registryDomain,
  sendFx,
  signConsentTo,
  snapshot,
} from "../helpers/fx.js";
import type { FxFixture, FxOrder } from "../helpers/fx.js";

const { loadFixture, time } = networkHelpers;

describe("TradeFxEscrow.createFxOrder", function () {
  it("takes the pay leg from the buyer and the payout leg from the provider's allowance", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx, { terms: { amount: usd(1_000) + 3n } });
    const A = order.terms.amount;
    const P = order.quote.payoutAmount;
    const before = await snapshot(fx, order);
    const tx = sendFx(fx, order);
    await expect(tx)
      .to.emit(fx.fxEscrow, "OrderCreated")
      .withArgs(order.orderId, fx.buyer.address, fx.seller.address, termsTuple(order.terms));
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxOrderCreated")
      .withArgs(order.orderId, fx.provider.address, fx.addr.cny, P);
    await expectDeltas(fx, order, before, {
      buyerPay: -A,
      fxPay: A,
      providerPayout: -P,
      fxPayout: P,
    });
    const state = await fxStateOf(fx, order.orderId);
    expect(state.status).to.equal(Status.Funded);
    expect(state.since).to.equal(BigInt(await time.latest()));
    expect(state.refunded).to.equal(0n);
    expect(await fx.fxEscrow.legOf(order.orderId)).to.deep.equal([
      fx.provider.address,
      fx.addr.cny,
      P,
    ]);
    expect(await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).to.deep.equal([
      CAP,
      P,
    ]);
    // nothing is recorded on anyone's credit until the order closes
    expect(await fxCreditOf(fx, fx.buyer.address, fx.addr.usd)).to.deep.equal(NO_CREDIT);
    await expectFxBalanceEquation(fx, fx.addr.usd, [order], [fx.provider.address]);
    await expectFxBalanceEquation(fx, fx.addr.cny, [order], [fx.provider.address]);
  });

  it("returns the order id (static call) and keeps a second order on the same line", async function () {
    const fx = await loadFixture(fxFixture);
    const first = await fxOrder(fx);
    expect(
      await fx.fxEscrow
        .connect(fx.buyer)
        .createFxOrder.staticCall(first.terms, first.quote, first.quoteSig, first.consentSig),
    ).to.equal(first.orderId);
    await sendFx(fx, first);
    const second = await createFx(fx, { payoutAmount: 12_345n });
    expect(await fx.fxEscrow.legOf(second.orderId)).to.deep.equal([
      fx.provider.address,
      fx.addr.cny,
      12_345n,
    ]);
    expect((await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).open).to.equal(
      first.quote.payoutAmount + 12_345n,
    );
  });

  it("takes the payout leg from the provider's deposited balance when it covers the leg", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    const A = order.terms.amount;
    const P = order.quote.payoutAmount;
    await expect(fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, P + 5n))
      .to.emit(fx.fxEscrow, "FxDeposited")
      .withArgs(fx.addr.cny, fx.provider.address, P + 5n);
    const before = await snapshot(fx, order);
    await sendFx(fx, order);
    // the provider's tokens do not move: its balance here pays the leg
    await expectDeltas(fx, order, before, {
      buyerPay: -A,
      fxPay: A,
      claimProviderPayout: -P,
    });
    expect(await fx.fxEscrow.claimable(fx.addr.cny, fx.provider.address)).to.equal(5n);
    await expectFxBalanceEquation(fx, fx.addr.cny, [order], [fx.provider.address]);
  });

  it("takes the payout leg from the allowance (whole) when the balance falls one unit short", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    const A = order.terms.amount;
    const P = order.quote.payoutAmount;
    await fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, P - 1n);
    const before = await snapshot(fx, order);
    await sendFx(fx, order);
    await expectDeltas(fx, order, before, {
      buyerPay: -A,
      fxPay: A,
      providerPayout: -P,
      fxPayout: P,
    });
    expect(await fx.fxEscrow.claimable(fx.addr.cny, fx.provider.address)).to.equal(P - 1n);
    await expectFxBalanceEquation(fx, fx.addr.cny, [order], [fx.provider.address]);
  });

  it("takes the payout leg exactly equal to the deposited balance from it", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    const P = order.quote.payoutAmount;
    await fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, P);
    const before = await snapshot(fx, order);
    await sendFx(fx, order);
    await expectDeltas(fx, order, before, {
      buyerPay: -order.terms.amount,
      fxPay: order.terms.amount,
      claimProviderPayout: -P,
    });
  });

  it("accepts an ERC-1271 provider whose owner signs the quote", async function () {
    const fx = await loadFixture(fxFixture);
    const wallet = await ethers.deployContract("MockERC1271Wallet", [fx.provider2.address]);
    const walletAddress = await wallet.getAddress();
    await fx.registry.registerParticipant(walletAddress, ROLE_FX_PROVIDER, 156, docHash("wallet"));
    await fx.desk.connect(fx.admin).setFxLimit(walletAddress, fx.addr.usd, fx.addr.cny, CAP);
    await fx.cny.mint(walletAddress, CAP);
    await wallet
      .connect(fx.provider2)
      .execute(
        fx.addr.cny,
        fx.cny.interface.encodeFunctionData("approve", [fx.addr.fx, ethers.MaxUint256]),
      );
    const order = await fxOrder(fx, {
      quote: { provider: walletAddress },
      quoteSigner: fx.provider2,
    });
    const P = order.quote.payoutAmount;
    await expect(sendFx(fx, order))
      .to.emit(fx.fxEscrow, "FxOrderCreated")
      .withArgs(order.orderId, walletAddress, fx.addr.cny, P);
    expect(await fx.cny.balanceOf(walletAddress)).to.equal(CAP - P);
  });

  it("refuses a caller other than the buyer (CallerNotBuyer) after every check passed", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    await expect(sendFx(fx, order, fx.stranger))
      .to.be.revertedWithCustomError(fx.fxEscrow, "CallerNotBuyer")
      .withArgs(order.orderId, fx.stranger.address);
  });
});

describe("TradeFxEscrow.createFxOrderWithPermit / WithAuthorization", function () {
  it("applies the buyer's EIP-2612 permit for the pay leg", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.usd.connect(fx.buyer).approve(fx.addr.fx, 0n);
    const order = await fxOrder(fx);
    const A = order.terms.amount;
    const P = order.quote.payoutAmount;
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(fx.usd, fx.buyer, fx.addr.fx, A, deadline);
    const before = await snapshot(fx, order);
    const { terms, quote, quoteSig, consentSig } = order;
    await expect(
      fx.fxEscrow
        .connect(fx.buyer)
        .createFxOrderWithPermit(terms, quote, quoteSig, deadline, sig.v, sig.r, sig.s, consentSig),
    )
      .to.emit(fx.fxEscrow, "FxOrderCreated")
      .withArgs(order.orderId, fx.provider.address, fx.addr.cny, P);
    await expectDeltas(fx, order, before, {
      buyerPay: -A,
      fxPay: A,
      providerPayout: -P,
      fxPayout: P,
    });
    expect(await fx.usd.allowance(fx.buyer.address, fx.addr.fx)).to.equal(0n);
  });

  it("refuses a permit path whose permit fails without an allowance (InsufficientAllowance)", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.usd.connect(fx.buyer).approve(fx.addr.fx, 0n);
    const order = await fxOrder(fx);
    const A = order.terms.amount;
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(fx.usd, fx.buyer, fx.addr.fx, A - 1n, deadline);
    const { terms, quote, quoteSig, consentSig } = order;
    await expect(
      fx.fxEscrow
        .connect(fx.buyer)
        .createFxOrderWithPermit(terms, quote, quoteSig, deadline, sig.v, sig.r, sig.s, consentSig),
    )
      .to.be.revertedWithCustomError(fx.fxEscrow, "InsufficientAllowance")
      .withArgs(fx.addr.usd, fx.buyer.address, 0n, A);
  });

  it("takes the pay leg with the buyer's EIP-3009 authorization (nonce = order id), sent by a relayer", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.stc.connect(fx.buyer).approve(fx.addr.fx, 0n);
    const order = await fxOrder(fx, { terms: { token: fx.addr.stc } });
    const A = order.terms.amount;
    const P = order.quote.payoutAmount;
    const validBefore = BigInt(await time.latest()) + DAY;
    const signature = await signReceiveAuthorization(
      fx.stc,
      fx.buyer,
      fx.addr.fx,
      A,
      0n,
      validBefore,
      order.orderId,
    );
    const before = await snapshot(fx, order);
    const { terms, quote, quoteSig, consentSig } = order;
    const tx = fx.fxEscrow
      .connect(fx.relayer)
      .createFxOrderWithAuthorization(
        terms,
        quote,
        quoteSig,
        0n,
        validBefore,
        signature,
        consentSig,
      );
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxOrderCreated")
      .withArgs(order.orderId, fx.provider.address, fx.addr.cny, P);
    await expect(tx).to.emit(fx.stc, "AuthorizationUsed").withArgs(fx.buyer.address, order.orderId);
    await expectDeltas(fx, order, before, {
      buyerPay: -A,
      fxPay: A,
      providerPayout: -P,
      fxPayout: P,
    });
    expect(await fx.stc.authorizationState(fx.buyer.address, order.orderId)).to.equal(true);
    expect((await fx.desk.fxLimitOf(fx.provider.address, fx.addr.stc, fx.addr.cny)).open).to.equal(
      P,
    );
  });
});

describe("TradeFxEscrow creation: quote checks", function () {
  it("refuses a quote for another order (FxQuoteForOtherOrder)", async function () {
    const fx = await loadFixture(fxFixture);
    const other = await fxOrder(fx);
    const order = await fxOrder(fx, { quote: { orderId: other.orderId } });
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteForOtherOrder")
      .withArgs(order.orderId, other.orderId);
  });

  it("refuses a quote whose pay amount or pay token differs from the terms (FxQuoteTermsMismatch)", async function () {
    const fx = await loadFixture(fxFixture);
    const amountOff = await fxOrder(fx, { quote: { payAmount: usd(1_000) + 1n } });
    await expect(sendFx(fx, amountOff))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteTermsMismatch")
      .withArgs(amountOff.orderId, fx.addr.usd, usd(1_000) + 1n);
    const tokenOff = await fxOrder(fx, { quote: { payToken: fx.addr.stc } });
    await expect(sendFx(fx, tokenOff))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteTermsMismatch")
      .withArgs(tokenOff.orderId, fx.addr.stc, usd(1_000));
  });

  it("refuses a payout leg in the pay token (FxSameCurrency)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx, { quote: { payoutToken: fx.addr.usd, payoutAmount: 1n } });
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxSameCurrency")
      .withArgs(fx.addr.usd);
  });

  it("refuses a payout token the settings escrow does not allowlist (TokenNotAllowed)", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.escrow.connect(fx.admin).setTokenAllowed(fx.addr.cny, false);
    const order = await fxOrder(fx);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "TokenNotAllowed")
      .withArgs(fx.addr.cny);
  });

  it("refuses a zero payout leg (InvalidAmount)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx, { payoutAmount: 0n });
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "InvalidAmount")
      .withArgs(0n);
  });

  it("accepts a quote at its expiry second and refuses it one second later (FxQuoteExpired)", async function () {
    const fx = await loadFixture(fxFixture);
    const expiry = BigInt(await time.latest()) + 100n;
    const atExpiry = await fxOrder(fx, { quote: { expiry } });
    await pinNextTimestamp(expiry);
    await sendFx(fx, atExpiry);
    expect((await fx.fxEscrow.orderState(atExpiry.orderId)).status).to.equal(Status.Funded);
    const late = await fxOrder(fx, { quote: { expiry } });
    await pinNextTimestamp(expiry + 1n);
    await expect(sendFx(fx, late))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteExpired")
      .withArgs(late.orderId, expiry, expiry + 1n);
  });

  it("refuses a provider that is the buyer or the seller (FxProviderIsParty)", async function () {
    const fx = await loadFixture(fxFixture);
    for (const party of [fx.buyer, fx.seller]) {
      const order = await fxOrder(fx, { quote: { provider: party.address }, quoteSigner: party });
      await expect(sendFx(fx, order))
        .to.be.revertedWithCustomError(fx.fxEscrow, "FxProviderIsParty")
        .withArgs(party.address);
    }
  });

  it("refuses an unregistered, role-less or suspended provider (FxProviderNotActive)", async function () {
    const fx = await loadFixture(fxFixture);
    // not registered; registered without the FX role (logistics)
    for (const who of [fx.outsider, fx.logistics]) {
      const order = await fxOrder(fx, { quote: { provider: who.address }, quoteSigner: who });
      await expect(sendFx(fx, order))
        .to.be.revertedWithCustomError(fx.fxEscrow, "FxProviderNotActive")
        .withArgs(who.address);
    }
    await fx.registry.suspendParticipant(fx.provider.address, docHash("suspended"));
    const order = await fxOrder(fx);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxProviderNotActive")
      .withArgs(fx.provider.address);
    await fx.registry.reinstateParticipant(fx.provider.address);
    await sendFx(fx, order);
  });

  it("refuses a quote signed by someone else than its provider (FxQuoteSignatureInvalid)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx, { quoteSigner: fx.provider2 });
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxQuoteSignatureInvalid")
      .withArgs(order.orderId, fx.provider.address);
  });

  it("refuses a quote over the provider's cap, or without a line (FxExposureOverCap)", async function () {
    const fx = await loadFixture(fxFixture);
    // provider2 has no line in the pair: cap zero
    const noLine = await fxOrder(fx, { quote: { provider: fx.provider2.address } });
    await expect(sendFx(fx, noLine))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxExposureOverCap")
      .withArgs(fx.provider2.address, noLine.quote.payoutAmount, 0n);
    const first = await createFx(fx);
    const P = first.quote.payoutAmount;
    await fx.desk
      .connect(fx.admin)
      .setFxLimit(fx.provider.address, fx.addr.usd, fx.addr.cny, 2n * P - 1n);
    const second = await fxOrder(fx);
    await expect(sendFx(fx, second))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxExposureOverCap")
      .withArgs(fx.provider.address, 2n * P, 2n * P - 1n);
    // exactly at the cap is fine
    await fx.desk
      .connect(fx.admin)
      .setFxLimit(fx.provider.address, fx.addr.usd, fx.addr.cny, 2n * P);
    await sendFx(fx, second);
    expect(await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).to.deep.equal([
      2n * P,
      2n * P,
    ]);
  });
});

describe("TradeFxEscrow creation: reference feed", function () {
  /** usd (6) -> cny (18) at 7.1 with an 8-decimal feed: reference = A * 7.1e8 * 10^4. */
  async function withFeed(fx: FxFixture, maxAge = 3_600, maxDeviationBps = 100) {
    const feed = await deployFeed(8, 710_000_000n);
    await fx.desk
      .connect(fx.admin)
      .setFxFeed(fx.addr.usd, fx.addr.cny, await feed.getAddress(), maxAge, maxDeviationBps);
    return feed;
  }

  it("accepts a quote at exactly the maximum deviation and refuses one unit beyond (FxRateDeviates)", async function () {
    const fx = await loadFixture(fxFixture);
    await withFeed(fx);
    const A = usd(1_000);
    const reference = A * 710_000_000n * 10n ** 4n;
    expect(await fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, A)).to.equal(reference);
    const high = reference + reference / 100n; // +1.00%
    await sendFx(fx, await fxOrder(fx, { payoutAmount: high }));
    await sendFx(fx, await fxOrder(fx, { payoutAmount: reference - reference / 100n }));
    for (const quoted of [high + 1n, reference - reference / 100n - 1n]) {
      const order = await fxOrder(fx, { payoutAmount: quoted });
      await expect(sendFx(fx, order))
        .to.be.revertedWithCustomError(fx.fxEscrow, "FxRateDeviates")
        .withArgs(order.orderId, quoted, reference, 100n);
    }
  });

  it("accepts an answer exactly maxAge old and refuses it one second later (FxFeedStale)", async function () {
    const fx = await loadFixture(fxFixture);
    const feed = await withFeed(fx, 3_600);
    const updatedAt = BigInt(await time.latest()) + 10n;
    await feed.setAnswer(710_000_000n, updatedAt);
    const quote = { expiry: updatedAt + DAY };
    const atLimit = await fxOrder(fx, { quote });
    await pinNextTimestamp(updatedAt + 3_600n);
    await sendFx(fx, atLimit);
    const stale = await fxOrder(fx, { quote });
    await pinNextTimestamp(updatedAt + 3_601n);
    await expect(sendFx(fx, stale))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxFeedStale")
      .withArgs(await feed.getAddress(), updatedAt, 3_600n);
  });

  it("refuses a zero or negative answer (FxFeedInvalid)", async function () {
    const fx = await loadFixture(fxFixture);
    const feed = await withFeed(fx);
    for (const answer of [0n, -1n]) {
      await feed.setAnswer(answer, BigInt(await time.latest()));
      const order = await fxOrder(fx);
      await expect(sendFx(fx, order))
        .to.be.revertedWithCustomError(fx.fxEscrow, "FxFeedInvalid")
        .withArgs(await feed.getAddress(), answer);
    }
  });

  it("checks no rate once the pair's feed is removed", async function () {
    const fx = await loadFixture(fxFixture);
    await withFeed(fx);
    await fx.desk.connect(fx.admin).setFxFeed(fx.addr.usd, fx.addr.cny, ethers.ZeroAddress, 0, 0);
    await sendFx(fx, await fxOrder(fx, { payoutAmount: 1n }));
  });
});

describe("TradeFxEscrow creation: the order's own checks", function () {
  it("refuses a consent to the plain order id: it must cover the payout leg (SellerSignatureInvalid)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    const consented = fxConsentId(order.orderId, fx.addr.cny, order.quote.payoutAmount);
    for (const signedId of [
      order.orderId,
      fxConsentId(order.orderId, fx.addr.cny, order.quote.payoutAmount + 1n),
    ]) {
      const consentSig = await signConsentTo(fx.registry, fx.seller, fx.addr.fx, signedId);
      // the registry recovers some other signer from the digest of what the escrow checks
      const recovered = ethers.verifyTypedData(
        await registryDomain(fx.registry),
        SELLER_CONSENT_TYPES,
        { escrow: fx.addr.fx, orderId: consented },
        consentSig,
      );
      await expect(sendFx(fx, { ...order, consentSig }))
        .to.be.revertedWithCustomError(fx.fxEscrow, "SellerSignatureInvalid")
        .withArgs(consented, fx.seller.address, recovered);
    }
    // a consent naming the single-currency escrow does not work either
    const consentSig = await signConsentTo(fx.registry, fx.seller, fx.addr.escrow, consented);
    await expect(sendFx(fx, { ...order, consentSig })).to.be.revertedWithCustomError(
      fx.fxEscrow,
      "SellerSignatureInvalid",
    );
    await expect(sendFx(fx, { ...order, consentSig: "0x" }))
      .to.be.revertedWithCustomError(fx.fxEscrow, "SellerSignatureMissing")
      .withArgs(consented, fx.seller.address);
  });

  it("is paused by the settings escrow's pause (NewOrdersArePaused)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await fxOrder(fx);
    await fx.escrow.connect(fx.admin).pause();
    await expect(sendFx(fx, order)).to.be.revertedWithCustomError(
      fx.fxEscrow,
      "NewOrdersArePaused",
    );
    await fx.escrow.connect(fx.admin).unpause();
    await sendFx(fx, order);
  });

  it("refuses a pay token the settings escrow does not allowlist (TokenNotAllowed)", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.escrow.connect(fx.admin).setTokenAllowed(fx.addr.usd, false);
    const order = await fxOrder(fx);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "TokenNotAllowed")
      .withArgs(fx.addr.usd);
  });

  it("refuses a fee that is not the settings escrow's current fee (FeeNotCurrent)", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.escrow.connect(fx.admin).setFee(250);
    const order = await fxOrder(fx);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FeeNotCurrent")
      .withArgs(100n, 250n);
    await sendFx(fx, await fxOrder(fx, { terms: { feeBps: 250n } }));
  });

  it("refuses the same terms twice (OrderAlreadyExists) and a zero pay leg (InvalidAmount)", async function () {
    const fx = await loadFixture(fxFixture);
    const order = await createFx(fx);
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "OrderAlreadyExists")
      .withArgs(order.orderId);
    const zero = await fxOrder(fx, { terms: { amount: 0n } });
    await expect(sendFx(fx, zero))
      .to.be.revertedWithCustomError(fx.fxEscrow, "InvalidAmount")
      .withArgs(0n);
  });

  it("refuses an order naming the suspended default arbiter (ArbiterSuspended)", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.registry.registerParticipant(
      fx.defaultArbiter.address,
      8,
      276,
      docHash("default-arb"),
    );
    await fx.registry.suspendParticipant(fx.defaultArbiter.address, docHash("suspended"));
    const order = await fxOrder(fx, { terms: { arbiter: fx.defaultArbiter.address } });
    await expect(sendFx(fx, order))
      .to.be.revertedWithCustomError(fx.fxEscrow, "ArbiterSuspended")
      .withArgs(order.orderId, fx.defaultArbiter.address);
  });
});
