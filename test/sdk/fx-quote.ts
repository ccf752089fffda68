import { expect } from "chai";
import { recoverAddress, TypedDataEncoder } from "ethers";

import {
  FX_QUOTE_TYPES,
  type FxQuote,
  fxConsentId,
  signFxQuote,
  signSellerConsent,
  TradeFxEscrow__factory,
} from "@tradechain/sdk";
import { ethers, networkHelpers, onboardedSuiteFixture, PK, TEA, units } from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

/** The onboarded suite plus a cross-currency escrow, an FX provider with CNY and a USD→CNY cap. */
async function fxSuiteFixture() {
  const fx = await onboardedSuiteFixture();
  const provider = fx.stranger;
  const escrow = await ethers.getContractAt("TradeEscrow", fx.addresses.escrow);
  const registry = await ethers.getContractAt("TradeRegistry", fx.addresses.registry);
  const deployed = await ethers.deployContract("TradeFxEscrow", [fx.addresses.escrow]);
  const fxEscrow = TradeFxEscrow__factory.connect(await deployed.getAddress(), fx.buyer);
  await (await registry.connect(fx.admin).setFxEscrow(await fxEscrow.getAddress())).wait();
  await fx.clients.operator.registerParticipant(provider.address, ["FxProvider"], 156, "kyc:fx");
  await fx.clients.operator.mint("CNY", provider.address, units(100_000));
  const [usd, cny] = [fx.addresses.tokens.USD, fx.addresses.tokens.CNY];
  const desk = await ethers.getContractAt("TradeFxDesk", await fxEscrow.fxDesk());
  await (await desk.connect(fx.admin).setFxLimit(provider.address, usd, cny, units(50_000))).wait();
  const cnyToken = await ethers.getContractAt("SettlementToken", cny);
  const usdToken = await ethers.getContractAt("SettlementToken", usd);
  await (
    await cnyToken.connect(provider).approve(await fxEscrow.getAddress(), units(100_000))
  ).wait();
  await (
    await usdToken.connect(fx.buyer).approve(await fxEscrow.getAddress(), units(10_000))
  ).wait();
  return { ...fx, provider, escrow, registry, fxEscrow, usd, cny, usdToken, cnyToken };
}

type Suite = Awaited<ReturnType<typeof fxSuiteFixture>>;

async function termsAndQuote(s: Suite, payout = units(7_100)) {
  const now = BigInt(await networkHelpers.time.latest());
  const terms = {
    buyer: s.buyer.address,
    seller: s.seller.address,
    token: s.usd,
    amount: units(1_000),
    productId: TEA,
    destination: PK,
    shipBy: now + 7n * 86_400n,
    confirmWindow: 14 * 86_400,
    feeBps: await s.escrow.feeBps(),
    arbiter: await s.escrow.defaultArbiter(),
    ref: ethers.id("sdk-fx-quote"),
  };
  const quote: FxQuote = {
    provider: s.provider.address,
    payToken: s.usd,
    payAmount: terms.amount,
    payoutToken: s.cny,
    payoutAmount: payout,
    orderId: await s.fxEscrow.orderIdOf(terms),
    expiry: now + 600n,
  };
  return { terms, quote };
}

describe("SDK: cross-currency quotes and consents (signFxQuote, fxConsentId)", () => {
  it("signs the digest the registry computes for the quote, naming the FX escrow", async () => {
    const s = await loadFixture(fxSuiteFixture);
    const { quote } = await termsAndQuote(s);
    const escrowAddress = await s.fxEscrow.getAddress();
    const signed = await signFxQuote(s.registry, s.provider, escrowAddress, quote);
    const structHash = TypedDataEncoder.hashStruct("FxQuote", FX_QUOTE_TYPES, {
      ...quote,
      escrow: escrowAddress,
    });
    expect(signed.digest).to.equal(await s.registry.fxQuoteDigest(structHash));
    expect(recoverAddress(signed.digest, signed.signature)).to.equal(s.provider.address);
    const elsewhere = await signFxQuote(s.registry, s.provider, s.addresses.escrow, quote);
    expect(elsewhere.digest).to.not.equal(signed.digest);
  });

  it("binds the seller's consent to the payout leg", async () => {
    const s = await loadFixture(fxSuiteFixture);
    const { quote } = await termsAndQuote(s);
    const id = fxConsentId(quote.orderId, quote.payoutToken, quote.payoutAmount);
    expect(id).to.equal(
      ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(
          ["bytes32", "address", "uint256"],
          [quote.orderId, quote.payoutToken, quote.payoutAmount],
        ),
      ),
    );
    expect(fxConsentId(quote.orderId, quote.payoutToken, quote.payoutAmount + 1n)).to.not.equal(id);
  });

  it("creates an order the escrow accepts: the buyer pays USD, the provider's CNY is held", async () => {
    const s = await loadFixture(fxSuiteFixture);
    const { terms, quote } = await termsAndQuote(s);
    const escrowAddress = await s.fxEscrow.getAddress();
    const quoteSig = await signFxQuote(s.registry, s.provider, escrowAddress, quote);
    const consent = await signSellerConsent(s.registry, s.seller, {
      escrow: escrowAddress,
      orderId: fxConsentId(quote.orderId, quote.payoutToken, quote.payoutAmount),
    });
    await expect(s.fxEscrow.createFxOrder(terms, quote, quoteSig.signature, consent.signature))
      .to.emit(s.fxEscrow, "FxOrderCreated")
      .withArgs(quote.orderId, s.provider.address, s.cny, quote.payoutAmount);
    expect(await s.fxEscrow.legOf(quote.orderId)).to.deep.equal([
      s.provider.address,
      s.cny,
      quote.payoutAmount,
    ]);
    expect(await s.usdToken.balanceOf(escrowAddress)).to.equal(terms.amount);
    expect(await s.cnyToken.balanceOf(escrowAddress)).to.equal(quote.payoutAmount);
  });

  it("refuses a consent to the bare order id (it would not cover the payout)", async () => {
    const s = await loadFixture(fxSuiteFixture);
    const { terms, quote } = await termsAndQuote(s);
    const escrowAddress = await s.fxEscrow.getAddress();
    const quoteSig = await signFxQuote(s.registry, s.provider, escrowAddress, quote);
    const bare = await signSellerConsent(s.registry, s.seller, {
      escrow: escrowAddress,
      orderId: quote.orderId,
    });
    const consentId = fxConsentId(quote.orderId, quote.payoutToken, quote.payoutAmount);
    // the escrow checks the signature against the digest of the consent id: another signer
    const wrongSigner = recoverAddress(
      await s.registry.sellerConsentDigest(escrowAddress, consentId),
      bare.signature,
    );
    await expect(s.fxEscrow.createFxOrder(terms, quote, quoteSig.signature, bare.signature))
      .to.be.revertedWithCustomError(s.fxEscrow, "SellerSignatureInvalid")
      .withArgs(consentId, s.seller.address, wrongSigner);
  });
});
