import { expect } from "chai";
import { recoverAddress, TypedDataEncoder } from "ethers";

import {
  DEFAULT_QUOTE_VALIDITY,
  FX_QUOTE_TYPES,
  fxConsentId,
  TradeChainClient,
} from "@tradechain/sdk";
import {
  errorArgs,
  ethers,
  expectCode,
  networkHelpers,
  onboardedSuiteFixture,
  TEA,
  PK,
  units,
} from "../helpers/sdk.js";
import {
  FX_CAP,
  fxClientFixture,
  fxOrder,
  loadFixture,
  quoted,
  teaTerms,
} from "../helpers/sdk-fx.js";

describe("TradeChainClient: FX provider's quotes and float", function () {
  it("quoteFx signs a quote for the order's id on the FX escrow, valid five minutes of chain time", async function () {
    const s = await loadFixture(fxClientFixture);
    const terms = await teaTerms(s);
    const signed = await s.providerClient.quoteFx(terms, { token: "CNY", amount: units(7_100) });
    const now = BigInt(await networkHelpers.time.latest());
    const orderId = await s.fxEscrow.orderIdOf(terms);
    expect(orderId).to.not.equal(await s.clients.buyer.orderIdOf(terms));
    expect(await s.clients.buyer.fxOrderIdOf(terms)).to.equal(orderId);
    expect(signed.quote).to.deep.equal({
      provider: s.provider.address,
      payToken: s.addresses.tokens.USD,
      payAmount: units(1_000),
      payoutToken: s.addresses.tokens.CNY,
      payoutAmount: units(7_100),
      orderId,
      expiry: now + BigInt(DEFAULT_QUOTE_VALIDITY),
    });
    expect(DEFAULT_QUOTE_VALIDITY).to.equal(300);
    const registry = await ethers.getContractAt("TradeRegistry", s.addresses.registry);
    const structHash = TypedDataEncoder.hashStruct("FxQuote", FX_QUOTE_TYPES, {
      ...signed.quote,
      escrow: s.fxAddress,
    });
    const digest = await registry.fxQuoteDigest(structHash);
    expect(recoverAddress(digest, signed.signature)).to.equal(s.provider.address);
    const later = await s.providerClient.quoteFx(
      terms,
      { token: s.addresses.tokens.CNY, amount: units(7_000) },
      { validFor: 60 },
    );
    expect(later.quote.expiry).to.equal(BigInt(await networkHelpers.time.latest()) + 60n);
    const fixed = await s.providerClient.quoteFx(
      terms,
      { token: "CNY", amount: 1n },
      { expiry: 1234n },
    );
    expect(fixed.quote.expiry).to.equal(1234n);
  });

  it("quoteFx refuses incomplete terms, the same currency, no payout and its own orders", async function () {
    const s = await loadFixture(fxClientFixture);
    const terms = await teaTerms(s);
    const p = s.providerClient;
    await expectCode(
      () => p.quoteFx({ ...terms, ref: undefined } as never, { token: "CNY", amount: 1n }),
      "INVALID_ARGUMENT",
      "IncompleteTerms",
    );
    const same = await expectCode(
      () => p.quoteFx(terms, { token: "USD", amount: 1n }),
      "INVALID_ARGUMENT",
      "SameCurrency",
    );
    expect(errorArgs(same)).to.deep.equal({ token: s.addresses.tokens.USD });
    const zero = await expectCode(
      () => p.quoteFx(terms, { token: "CNY", amount: 0n }),
      "INVALID_ARGUMENT",
      "InvalidPayoutAmount",
    );
    expect(errorArgs(zero)).to.deep.equal({ payoutAmount: 0n });
    const own = await expectCode(
      () => s.clients.seller.quoteFx(terms, { token: "CNY", amount: 1n }),
      "INVALID_ARGUMENT",
      "ProviderIsParty",
    );
    expect(errorArgs(own)).to.deep.equal({ provider: s.seller.address });
    await expectCode(
      () => p.quoteFx(terms, { token: "EUR", amount: 1n }),
      "UNKNOWN_CURRENCY",
      "UnknownCurrency",
    );
  });

  it("depositFx approves when short and adds to the float; withdrawFx takes it out", async function () {
    const s = await loadFixture(fxClientFixture);
    const p = s.providerClient;
    // the fixture approved 100,000 CNY: no approval is needed for 30,000
    const before = await s.cny.balanceOf(s.provider.address);
    const receipt = await p.depositFx("CNY", units(30_000));
    await expect(receipt)
      .to.emit(s.fxEscrow, "FxDeposited")
      .withArgs(s.addresses.tokens.CNY, s.provider.address, units(30_000));
    expect(await s.cny.allowance(s.provider.address, s.fxAddress)).to.equal(units(70_000));
    expect(await s.cny.balanceOf(s.provider.address)).to.equal(before - units(30_000));
    expect(await p.fxBalanceOf("CNY", s.provider.address)).to.equal(units(30_000));
    expect(await s.cny.balanceOf(s.fxAddress)).to.equal(units(30_000));
    await p.depositFx("CNY", units(70_000));
    expect(await s.cny.allowance(s.provider.address, s.fxAddress)).to.equal(0n);
    // the allowance is spent: the next deposit approves exactly its amount first
    await s.clients.operator.mint("CNY", s.provider.address, units(10));
    await p.depositFx("CNY", units(10));
    expect(await s.cny.allowance(s.provider.address, s.fxAddress)).to.equal(0n);
    expect(await p.fxBalanceOf("CNY", s.provider.address)).to.equal(units(100_010));
    expect(await s.cny.balanceOf(s.provider.address)).to.equal(0n);

    const withdrawn = await p.withdrawFx("CNY");
    await expect(withdrawn)
      .to.emit(s.fxEscrow, "Withdrawn")
      .withArgs(s.addresses.tokens.CNY, s.provider.address, units(100_010));
    expect(await p.fxBalanceOf("CNY", s.provider.address)).to.equal(0n);
    expect(await s.cny.balanceOf(s.provider.address)).to.equal(before + units(10));
  });

  it("depositFx by an account that is no FX provider is the escrow's FxProviderNotActive", async function () {
    const s = await loadFixture(fxClientFixture);
    const err = await expectCode(
      () => s.clients.buyer.depositFx("USD", units(10)),
      "REVERT",
      "FxProviderNotActive",
    );
    expect(errorArgs(err)).to.deep.equal({ provider: s.buyer.address });
    expect(await s.usd.balanceOf(s.fxAddress)).to.equal(0n);
    await expectCode(
      () => s.providerClient.depositFx("CNY", -1n),
      "INVALID_ARGUMENT",
      "NegativeAmount",
    );
  });
});

describe("TradeChainClient.createFxOrder", function () {
  it("funds from the allowance: the buyer's USD and the provider's CNY are held, the order is remembered", async function () {
    const s = await loadFixture(fxClientFixture);
    const [buyerUsd, providerCny] = [
      await s.usd.balanceOf(s.buyer.address),
      await s.cny.balanceOf(s.provider.address),
    ];
    const { quote, signature, terms } = await quoted(s);
    const created = await s.clients.buyer.createFxOrder(terms, quote, signature, {
      method: "allowance",
    });
    expect(created.orderId).to.equal(quote.orderId);
    expect(created.method).to.equal("allowance");
    expect(created.quote).to.deep.equal(quote);
    await expect(created.receipt)
      .to.emit(s.fxEscrow, "FxOrderCreated")
      .withArgs(quote.orderId, s.provider.address, s.addresses.tokens.CNY, units(7_100));
    expect(await s.usd.balanceOf(s.buyer.address)).to.equal(buyerUsd - units(1_000));
    expect(await s.cny.balanceOf(s.provider.address)).to.equal(providerCny - units(7_100));
    expect(await s.usd.balanceOf(s.fxAddress)).to.equal(units(1_000));
    expect(await s.cny.balanceOf(s.fxAddress)).to.equal(units(7_100));
    expect(await s.clients.buyer.fxLegOf(created.orderId)).to.deep.equal({
      provider: s.provider.address,
      payoutToken: s.addresses.tokens.CNY,
      currency: "CNY",
      payoutAmount: units(7_100),
    });
    expect((await s.clients.buyer.orderState(created.orderId)).status).to.equal("Funded");
    expect(await s.clients.buyer.termsOf(created.orderId)).to.deep.equal(terms);
    expect(await s.clients.admin.fxLimitOf(s.provider.address, "USD", "CNY")).to.deep.equal({
      cap: FX_CAP,
      open: units(7_100),
    });
  });

  it("funds with a permit or an EIP-3009 authorization (no allowance), and the payout leg from the float", async function () {
    const s = await loadFixture(fxClientFixture);
    await s.providerClient.depositFx("CNY", units(20_000));
    const providerCny = await s.cny.balanceOf(s.provider.address);
    const buyerUsd = await s.usd.balanceOf(s.buyer.address);
    expect(await s.usd.allowance(s.buyer.address, s.fxAddress)).to.equal(0n);
    const permit = await quoted(s, { ref: "permit" });
    const byPermit = await s.clients.buyer.createFxOrder(
      permit.terms,
      permit.quote,
      permit.signature,
    );
    expect(byPermit.method).to.equal("permit");
    const auth = await quoted(s, { ref: "authorization", amount: units(500) });
    const byAuth = await s.clients.buyer.createFxOrder(auth.terms, auth.quote, auth.signature, {
      method: "authorization",
    });
    expect(byAuth.method).to.equal("authorization");
    await expect(byAuth.receipt)
      .to.emit(s.fxEscrow, "FxOrderCreated")
      .withArgs(auth.quote.orderId, s.provider.address, s.addresses.tokens.CNY, units(3_550));
    expect(await s.usd.allowance(s.buyer.address, s.fxAddress)).to.equal(0n);
    expect(await s.usd.balanceOf(s.buyer.address)).to.equal(buyerUsd - units(1_500));
    // both payout legs came from the provider's float, not its wallet
    expect(await s.cny.balanceOf(s.provider.address)).to.equal(providerCny);
    expect(await s.providerClient.fxBalanceOf("CNY", s.provider.address)).to.equal(
      units(20_000 - 7_100 - 3_550),
    );
    for (const id of [byPermit.orderId, byAuth.orderId]) {
      expect((await s.clients.buyer.orderState(id)).status).to.equal("Funded");
    }
  });

  it("a gas limit cached on a cheaper state of the call is estimated again when the node runs the send out of gas", async function () {
    const s = await loadFixture(fxClientFixture);
    const { quote, signature, terms } = await quoted(s);
    // A client whose first estimate of the creation is far too low, as one made when the payout
    // leg came from a warm float is for a leg taken from the allowance into fresh storage.
    const buyer = new TradeChainClient(s.buyer, s.addresses, { sellerConsent: s.seller });
    const provider = ethers.provider;
    const estimate = provider.estimateGas.bind(provider);
    const estimates: bigint[] = [];
    provider.estimateGas = async (tx) => {
      const real = await estimate(tx);
      if (tx.to !== s.fxAddress) return real;
      estimates.push(real);
      return estimates.length === 1 ? real / 4n : real;
    };
    await (await s.usd.connect(s.buyer).approve(s.fxAddress, terms.amount)).wait();
    const nonce = await provider.getTransactionCount(s.buyer.address);
    try {
      const created = await buyer.createFxOrder(terms, quote, signature, { method: "allowance" });
      expect(created.orderId).to.equal(quote.orderId);
      expect(created.receipt.gasUsed).to.be.greaterThan(estimates[0]! / 4n + 100_000n);
    } finally {
      provider.estimateGas = estimate;
    }
    // The creation's estimate that was cut, one more after the out-of-gas send; one order.
    expect(estimates).to.have.length(2);
    expect((await buyer.orderState(quote.orderId)).status).to.equal("Funded");
    expect(await s.cny.balanceOf(s.fxAddress)).to.equal(quote.payoutAmount);
    // The failed send was mined (Hardhat mines a failing transaction) or refused; either way the
    // retry took the next free nonce.
    expect(await provider.getTransactionCount(s.buyer.address)).to.be.oneOf([nonce + 1, nonce + 2]);
  });

  it("gasless: the buyer signs the funding authorization, a relayer submits it with the quote and pays the gas", async function () {
    const s = await loadFixture(fxClientFixture);
    const { quote, signature, terms } = await quoted(s);
    const buyerUsd = await s.usd.balanceOf(s.buyer.address);
    const authorization = await s.clients.buyer.signFxFundingAuthorization(terms, { validFor: 60 });
    expect(authorization.orderId).to.equal(quote.orderId);
    expect(authorization.validBefore).to.equal(BigInt(await networkHelpers.time.latest()) + 60n);
    await expectCode(
      () => s.clients.relayer.signFxFundingAuthorization(terms),
      "INVALID_ARGUMENT",
      "SignerNotBuyer",
    );
    const created = await s.clients.relayer.submitFxFundingAuthorization(
      authorization,
      quote,
      signature,
    );
    expect(created.method).to.equal("authorization");
    expect(created.receipt.from).to.equal(s.relayer.address);
    await expect(created.receipt)
      .to.emit(s.fxEscrow, "FxOrderCreated")
      .withArgs(quote.orderId, s.provider.address, s.addresses.tokens.CNY, units(7_100));
    expect(await s.usd.balanceOf(s.buyer.address)).to.equal(buyerUsd - units(1_000));
    expect((await s.clients.relayer.orderState(created.orderId)).status).to.equal("Funded");
    // the authorization funds these terms only: submitted again it is refused
    const again = await s.providerClient.quoteFx(terms, { token: "CNY", amount: units(7_100) });
    const err = await expectCode(
      () =>
        s.clients.relayer.submitFxFundingAuthorization(authorization, again.quote, again.signature),
      "REVERT",
      "OrderAlreadyExists",
    );
    expect(errorArgs(err)).to.deep.equal({ orderId: quote.orderId });
  });

  it("takes the seller's consent to the payout leg: signFxSellerConsent, or the client's source with `fx`", async function () {
    const s = await loadFixture(fxClientFixture);
    const { quote, signature, terms } = await quoted(s);
    const consent = await s.clients.seller.signFxSellerConsent(quote);
    const registry = await ethers.getContractAt("TradeRegistry", s.addresses.registry);
    const consentId = fxConsentId(quote.orderId, quote.payoutToken, quote.payoutAmount);
    expect(
      recoverAddress(await registry.sellerConsentDigest(s.fxAddress, consentId), consent),
    ).to.equal(s.seller.address);
    const bare = new TradeChainClient(s.buyer, s.addresses);
    await expectCode(
      () => bare.createFxOrder(terms, quote, signature),
      "SELLER_CONSENT_MISSING",
      "SellerConsentMissing",
    );
    const requests: unknown[] = [];
    const backend = new TradeChainClient(s.buyer, s.addresses, {
      sellerConsent: async (request) => {
        requests.push(request);
        return consent;
      },
    });
    const created = await backend.createFxOrder(terms, quote, signature);
    expect(requests).to.deep.equal([
      {
        orderId: quote.orderId,
        terms,
        fx: {
          escrow: s.fxAddress,
          consentId,
          payoutToken: s.addresses.tokens.CNY,
          payoutAmount: units(7_100),
        },
      },
    ]);
    expect((await backend.orderState(created.orderId)).status).to.equal("Funded");
  });

  it("a consent to the bare order id is the escrow's SellerSignatureInvalid", async function () {
    const s = await loadFixture(fxClientFixture);
    const { quote, signature, terms } = await quoted(s);
    const bareConsent = await s.clients.seller.signSellerConsent(quote.orderId);
    const err = await expectCode(
      () =>
        s.clients.buyer.createFxOrder(terms, quote, signature, { sellerSignature: bareConsent }),
      "REVERT",
      "SellerSignatureInvalid",
    );
    expect(errorArgs(err).orderId).to.equal(
      fxConsentId(quote.orderId, quote.payoutToken, quote.payoutAmount),
    );
  });

  it("refuses before sending: a quote of other terms, another pay leg, an expired quote", async function () {
    const s = await loadFixture(fxClientFixture);
    const buyer = s.clients.buyer;
    const { quote, signature, terms } = await quoted(s);
    const other = await teaTerms(s, units(1_000), "another order");
    const otherId = await buyer.fxOrderIdOf(other);
    const forOther = await expectCode(
      () => buyer.createFxOrder(other, quote, signature),
      "INVALID_ARGUMENT",
      "QuoteForOtherOrder",
    );
    expect(errorArgs(forOther)).to.deep.equal({ orderId: otherId, quoted: quote.orderId });
    const mismatch = await expectCode(
      () => buyer.createFxOrder(terms, { ...quote, payAmount: units(999) }, signature),
      "INVALID_ARGUMENT",
      "QuoteTermsMismatch",
    );
    expect(errorArgs(mismatch)).to.deep.equal({
      orderId: quote.orderId,
      payToken: s.addresses.tokens.USD,
      payAmount: units(999),
    });
    await networkHelpers.time.increaseTo(quote.expiry);
    const expired = await expectCode(
      () => buyer.createFxOrder(terms, quote, signature),
      "INVALID_ARGUMENT",
      "QuoteExpired",
    );
    expect(errorArgs(expired)).to.deep.equal({
      orderId: quote.orderId,
      expiry: quote.expiry,
      now: quote.expiry,
    });
    await expectCode(
      () => buyer.createFxOrder(terms, quote, "not hex"),
      "INVALID_ARGUMENT",
      "InvalidQuoteSignature",
    );
    // nothing was sent: no approval, no order
    expect(await s.usd.allowance(s.buyer.address, s.fxAddress)).to.equal(0n);
    expect(await s.usd.balanceOf(s.fxAddress)).to.equal(0n);
  });

  it("refuses before sending: a buyer short of the pay leg, a provider short of the payout leg, another signer", async function () {
    const s = await loadFixture(fxClientFixture);
    const big = await quoted(s, { amount: units(20_000), payout: units(40_000), ref: "big" });
    const short = await expectCode(
      () => s.clients.buyer.createFxOrder(big.terms, big.quote, big.signature),
      "INVALID_ARGUMENT",
      "BuyerBalanceShort",
    );
    expect(errorArgs(short)).to.deep.equal({
      buyer: s.buyer.address,
      balance: units(10_000),
      amount: units(20_000),
    });
    await s.providerClient.approveFxEscrow("CNY", units(7_000));
    const { quote, signature, terms } = await quoted(s);
    const provider = await expectCode(
      () => s.clients.buyer.createFxOrder(terms, quote, signature),
      "INVALID_ARGUMENT",
      "ProviderFundsShort",
    );
    expect(errorArgs(provider)).to.deep.equal({
      provider: s.provider.address,
      balance: 0n,
      allowance: units(7_000),
      payoutAmount: units(7_100),
    });
    const notBuyer = await expectCode(
      () => s.clients.consumer.createFxOrder(terms, quote, signature),
      "INVALID_ARGUMENT",
      "SignerNotBuyer",
    );
    expect(errorArgs(notBuyer)).to.deep.equal({
      signer: s.consumer.address,
      buyer: s.buyer.address,
    });
    expect(await s.usd.balanceOf(s.fxAddress)).to.equal(0n);
  });

  it("the escrow refuses a quote of an account that is no FX provider, or one whose amounts were changed", async function () {
    const s = await loadFixture(fxClientFixture);
    const terms = await teaTerms(s);
    // the consumer holds CNY and approves the FX escrow, but the registry has no FX role for it
    const consumer = s.clients.consumer;
    await consumer.approveFxEscrow("CNY", units(10_000));
    const rogue = await consumer.quoteFx(terms, { token: "CNY", amount: units(7_100) });
    const inactive = await expectCode(
      () => s.clients.buyer.createFxOrder(terms, rogue.quote, rogue.signature),
      "REVERT",
      "FxProviderNotActive",
    );
    expect(errorArgs(inactive)).to.deep.equal({ provider: s.consumer.address });
    const { quote, signature } = await s.providerClient.quoteFx(terms, {
      token: "CNY",
      amount: units(7_100),
    });
    const changed = await expectCode(
      () =>
        s.clients.buyer.createFxOrder(terms, { ...quote, payoutAmount: units(7_000) }, signature),
      "REVERT",
      "FxQuoteSignatureInvalid",
    );
    expect(errorArgs(changed)).to.deep.equal({
      orderId: quote.orderId,
      provider: s.provider.address,
    });
    expect(await s.usd.balanceOf(s.fxAddress)).to.equal(0n);
  });

  it("the escrow's refusals come back decoded: a payout over the provider's cap", async function () {
    const s = await loadFixture(fxClientFixture);
    await s.clients.admin.setFxLimit(s.provider.address, "USD", "CNY", units(7_000));
    const err = await expectCode(() => fxOrder(s), "REVERT", "FxExposureOverCap");
    expect(errorArgs(err)).to.deep.equal({
      provider: s.provider.address,
      exposure: units(7_100),
      cap: units(7_000),
    });
  });
});

/** The client's FX operations, each lent under its own name. */
const FX_OPERATIONS = (
  "fxOrderIdOf quoteFx approveFxEscrow depositFx fxBalanceOf withdrawFx fxAccruedFees " +
  "collectFxFees createFxOrder fxLegOf signFxSellerConsent fxLimitOf fxFeedOf fxReferencePayout " +
  "setFxLimit setFxFeed signFxFundingAuthorization submitFxFundingAuthorization"
).split(" ");

describe("TradeChainClient: FX operations without a cross-currency escrow", function () {
  it("every FX operation is a method of its own name", async function () {
    const s = await loadFixture(onboardedSuiteFixture);
    const methods = s.clients.buyer as unknown as Record<string, { name: string }>;
    expect(FX_OPERATIONS.filter((name) => methods[name]?.name !== name)).to.deep.equal([]);
  });

  it("every FX operation is DEPLOYMENT FxEscrowMissing; the other orders work as before", async function () {
    const s = await loadFixture(onboardedSuiteFixture);
    const buyer = s.clients.buyer;
    expect(s.addresses.fxEscrow).to.equal(undefined);
    expect(buyer.fxEscrow).to.equal(undefined);
    const terms = await buyer.prepareOrder({
      seller: s.seller.address,
      token: "USD",
      amount: units(10),
      productId: TEA,
      destination: PK,
    });
    const quote = {
      provider: s.stranger.address,
      payToken: terms.token,
      payAmount: terms.amount,
      payoutToken: s.addresses.tokens.CNY,
      payoutAmount: units(71),
      orderId: ethers.ZeroHash,
      expiry: 0n,
    };
    const message =
      "This deployment has no cross-currency escrow (addresses.fxEscrow): deploy the Fx module " +
      "(ignition/modules/Fx.ts) or give its address to the client";
    for (const call of [
      () => buyer.fxOrderIdOf(terms),
      () => s.clients.stranger.quoteFx(terms, { token: "CNY", amount: 1n }),
      () => buyer.createFxOrder(terms, quote, "0x12"),
      () => s.clients.stranger.depositFx("CNY", 1n),
      () => s.clients.stranger.approveFxEscrow("CNY", 1n),
      () => buyer.fxBalanceOf("CNY", s.stranger.address),
      () => buyer.withdrawFx("CNY"),
      () => buyer.fxAccruedFees("CNY"),
      () => buyer.signFxFundingAuthorization(terms),
      () => buyer.collectFxFees("CNY"),
      () => buyer.fxLegOf(ethers.ZeroHash),
      () => s.clients.seller.signFxSellerConsent(quote),
      () => s.clients.admin.setFxLimit(s.stranger.address, "USD", "CNY", 1n),
      () => s.clients.admin.setFxFeed("USD", "CNY", undefined),
      () => buyer.fxLimitOf(s.stranger.address, "USD", "CNY"),
      () => buyer.fxFeedOf("USD", "CNY"),
      () => buyer.rememberTerms(terms, s.stranger.address),
    ]) {
      const err = await expectCode(call, "DEPLOYMENT", "FxEscrowMissing");
      expect(err.message).to.equal(message);
    }
    const created = await buyer.createOrder(terms);
    expect((await buyer.orderState(created.orderId)).status).to.equal("Funded");
  });
});
