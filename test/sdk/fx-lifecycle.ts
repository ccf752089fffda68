import { expect } from "chai";

import { describeStep, TradeChainClient, type TimelineEntry } from "@tradechain/sdk";
import { errorArgs, ethers, expectCode, units } from "../helpers/sdk.js";
import { FX_CAP, fxClientFixture, fxOrder, loadFixture, quoted } from "../helpers/sdk-fx.js";

/** A timeline as `event: step — detail` lines. */
function lines(timeline: readonly TimelineEntry[]): string[] {
  return timeline.map((e) => `${e.event}: ${e.step} — ${e.detail}`);
}

describe("TradeChainClient: an FX order's lifecycle through the client", function () {
  it("ship and confirm: the seller is paid in CNY, the provider credited in USD; the timeline shows both", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId } = await fxOrder(s);
    const sellerCny = await s.cny.balanceOf(s.seller.address);
    await s.clients.seller.ship(orderId, "DHL 1234567890");
    expect((await s.clients.buyer.orderState(orderId)).status).to.equal("Cleared");
    const confirmed = await s.clients.buyer.confirmReceipt(orderId);
    await expect(confirmed)
      .to.emit(s.fxEscrow, "FxLegsSplit")
      .withArgs(orderId, 0n, units(1_000), units(7_029), 0n, units(71));
    expect(await s.cny.balanceOf(s.seller.address)).to.equal(sellerCny + units(7_029));
    expect(await s.providerClient.fxBalanceOf("USD", s.provider.address)).to.equal(units(1_000));
    expect(await s.fxEscrow.accruedFees(s.addresses.tokens.CNY)).to.equal(units(71));
    expect((await s.clients.buyer.orderState(orderId)).status).to.equal("Completed");
    expect((await s.clients.buyer.nextAction(orderId)).final).to.equal(true);
    expect(await s.clients.admin.fxLimitOf(s.provider.address, "USD", "CNY")).to.deep.equal({
      cap: FX_CAP,
      open: 0n,
    });

    const timeline = await s.clients.buyer.orderTimeline(orderId);
    expect(lines(timeline).slice(1)).to.deep.equal([
      "FxOrderCreated: Payout leg funded — CN¥ 7,100.00 for the seller from FX provider " +
        `${s.provider.address}, against US$ 1,000.00 paid in`,
      "OrderShipped: Shipped — cleared automatically (no customs hold)",
      "ReceiptConfirmed: Receipt confirmed — seller paid CN¥ 7,029.00, fee CN¥ 71.00",
      "FxLegsSplit: Both legs split — provider credited US$ 1,000.00; seller paid CN¥ 7,029.00, " +
        "fee CN¥ 71.00",
    ]);
    expect(timeline[0].event).to.equal("OrderCreated");
    expect(timeline[0].detail).to.match(/^US\$ 1,000\.00 escrowed for product /);
    expect(timeline[1].actor).to.equal(s.provider.address);
    expect(timeline[4].actor).to.equal(s.buyer.address);

    // the provider takes its USD out; the platform collects its CNY fee
    await s.providerClient.withdrawFx("USD");
    expect(await s.usd.balanceOf(s.provider.address)).to.equal(units(1_000));
    const nothing = await expectCode(
      () => s.providerClient.withdrawFx("USD"),
      "REVERT",
      "NothingToWithdraw",
    );
    expect(errorArgs(nothing)).to.deep.equal({
      token: s.addresses.tokens.USD,
      account: s.provider.address,
    });
    expect(await s.clients.buyer.fxAccruedFees("CNY")).to.equal(units(71));
    const treasury = await s.cny.balanceOf(s.feeRecipient.address);
    await expect(await s.clients.stranger.collectFxFees("CNY"))
      .to.emit(s.fxEscrow, "FeesCollected")
      .withArgs(s.addresses.tokens.CNY, s.feeRecipient.address, units(71));
    expect(await s.cny.balanceOf(s.feeRecipient.address)).to.equal(treasury + units(71));
    expect(await s.clients.buyer.fxAccruedFees("CNY")).to.equal(0n);
    await expectCode(() => s.clients.buyer.collectFxFees("CNY"), "REVERT", "NoFeesAccrued");
    expect(await s.cny.balanceOf(s.fxAddress)).to.equal(0n);
    expect(await s.usd.balanceOf(s.fxAddress)).to.equal(0n);
  });

  it("cancel: the buyer's USD back exactly, the provider's CNY back to its float", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId } = await fxOrder(s);
    const buyerUsd = await s.usd.balanceOf(s.buyer.address);
    await s.clients.buyer.cancel(orderId);
    expect(await s.usd.balanceOf(s.buyer.address)).to.equal(buyerUsd + units(1_000));
    expect(await s.providerClient.fxBalanceOf("CNY", s.provider.address)).to.equal(units(7_100));
    expect((await s.clients.buyer.orderState(orderId)).status).to.equal("Refunded");
    expect(lines(await s.clients.buyer.orderTimeline(orderId)).slice(2)).to.deep.equal([
      "OrderRefunded: Cancelled by buyer — US$ 1,000.00 back to the buyer",
      "FxLegsSplit: Both legs split — buyer refunded US$ 1,000.00; provider credited CN¥ 7,100.00",
    ]);
  });

  it("a partial refund and a confirmation split both legs in proportion", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId } = await fxOrder(s);
    await s.clients.seller.ship(orderId);
    await s.clients.seller.refund(orderId, units(400));
    await s.clients.buyer.confirmReceipt(orderId);
    expect(await s.providerClient.fxBalanceOf("USD", s.provider.address)).to.equal(units(600));
    expect(await s.providerClient.fxBalanceOf("CNY", s.provider.address)).to.equal(units(2_840));
    expect((await s.clients.buyer.orderState(orderId)).refunded).to.equal(units(400));
    expect(lines(await s.clients.buyer.orderTimeline(orderId)).slice(3)).to.deep.equal([
      "OrderRefunded: Refunded by seller — US$ 400.00 back to the buyer",
      "FxLegsSplit: Both legs split — buyer refunded US$ 400.00; provider credited CN¥ 2,840.00",
      "ReceiptConfirmed: Receipt confirmed — seller paid CN¥ 4,217.40, fee CN¥ 42.60",
      "FxLegsSplit: Both legs split — provider credited US$ 600.00; seller paid CN¥ 4,217.40, " +
        "fee CN¥ 42.60",
    ]);
  });

  it("a dispute ruled by the arbiter: the buyer's part in USD, the seller's and the fee in CNY", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId } = await fxOrder(s);
    await s.clients.seller.ship(orderId);
    await s.clients.buyer.openDispute(orderId, "box arrived wet");
    await s.clients.seller.proposeSettlement(orderId, units(300));
    expect(await s.clients.buyer.settlementOf(orderId)).to.deep.equal({
      proposer: s.seller.address,
      buyerTotal: units(300),
    });
    await s.clients.arbiter.resolveDispute(orderId, units(500), "half");
    expect(lines(await s.clients.buyer.orderTimeline(orderId)).slice(-2)).to.deep.equal([
      "DisputeResolved: Ruled by arbiter — buyer US$ 500.00, seller CN¥ 3,514.50, fee CN¥ 35.50",
      "FxLegsSplit: Both legs split — buyer refunded US$ 500.00; provider credited US$ 500.00 and " +
        "CN¥ 3,550.00; seller paid CN¥ 3,514.50, fee CN¥ 35.50",
    ]);
  });

  it("a client that never saw the order finds it on the FX escrow, reads it and acts on it", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId, terms } = await fxOrder(s);
    const reader = new TradeChainClient(ethers.provider, s.addresses);
    expect(await reader.termsOf(orderId)).to.deep.equal(terms);
    expect((await reader.orderState(orderId)).status).to.equal("Funded");
    const next = await reader.nextAction(orderId);
    expect(next.waitingFor).to.equal("seller");
    expect(next.deadline).to.equal(terms.shipBy);
    expect(await reader.settlementOf(orderId)).to.equal(undefined);
    expect((await reader.orderTimeline(orderId)).map((e) => e.event)).to.deep.equal([
      "OrderCreated",
      "FxOrderCreated",
    ]);
    expect(await reader.fxLegOf(orderId)).to.deep.include({ currency: "CNY" });

    const seller = new TradeChainClient(s.seller, s.addresses);
    await seller.ship(orderId);
    const buyer = new TradeChainClient(s.buyer, s.addresses);
    expect(await buyer.rememberTerms(terms, s.fxAddress)).to.equal(orderId);
    await buyer.confirmReceipt(orderId);
    expect((await reader.orderState(orderId)).status).to.equal("Completed");
  });

  it("refuses FX orders in batches (the FX escrow has no multicall) and escrows it does not know", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId, terms } = await fxOrder(s);
    const batch = await expectCode(
      () => s.clients.seller.shipMany([orderId]),
      "INVALID_ARGUMENT",
      "BatchOnFxEscrow",
    );
    expect(errorArgs(batch)).to.deep.equal({ orderId, escrow: s.fxAddress });
    const unknown = await expectCode(
      () => s.clients.buyer.rememberTerms(terms, s.stranger.address),
      "INVALID_ARGUMENT",
      "UnknownEscrow",
    );
    expect(errorArgs(unknown)).to.deep.equal({ escrow: s.stranger.address });
    const none = ethers.id("no such order");
    const err = await expectCode(
      () => s.clients.buyer.fxLegOf(none),
      "UNKNOWN_ORDER",
      "UnknownFxOrder",
    );
    expect(errorArgs(err)).to.deep.equal({ orderId: none, escrow: s.fxAddress });
    const missing = await expectCode(
      () => new TradeChainClient(ethers.provider, s.addresses).termsOf(none),
      "UNKNOWN_ORDER",
      "UnknownOrder",
    );
    expect(missing.message).to.equal(
      `No order ${none} on escrow ${s.addresses.escrow} or ${s.fxAddress} ` +
        "(check the id, network and deployment)",
    );
  });

  it("a read-only client reads legs, caps and feeds and refuses to quote or create", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId } = await fxOrder(s);
    const reader = new TradeChainClient(ethers.provider, s.addresses);
    expect(reader.fxEscrow?.target).to.equal(s.fxAddress);
    expect((await reader.fxLegOf(orderId)).payoutAmount).to.equal(units(7_100));
    expect(await reader.fxLimitOf(s.provider.address, "USD", "CNY")).to.deep.equal({
      cap: FX_CAP,
      open: units(7_100),
    });
    expect(await reader.fxFeedOf("USD", "CNY")).to.deep.equal({
      feed: undefined,
      maxAge: 0,
      maxDeviationBps: 0,
    });
    const { quote, signature, terms } = await quoted(s, { ref: "read-only" });
    await expectCode(
      () => reader.quoteFx(terms, { token: "CNY", amount: 1n }),
      "NO_SIGNER",
      "NoSigner",
    );
    await expectCode(() => reader.createFxOrder(terms, quote, signature), "NO_SIGNER", "NoSigner");
    await expectCode(() => reader.depositFx("CNY", 1n), "NO_SIGNER", "NoSigner");
    await expectCode(() => reader.signFxSellerConsent(quote), "NO_SIGNER", "NoSigner");
  });
});

describe("describeStep: the FX escrow's steps in every language", function () {
  const terms = {
    buyer: "0x1",
    seller: "0x2",
    amount: 1000n,
    productId: "0x3",
    destination: 586,
    feeBps: 100,
    shipBy: 0n,
  };
  const format = {
    money: (units: bigint) => `${units} USD`,
    payout: (units: bigint) => `${units} CNY`,
    time: String,
    bps: String,
    hash: String,
    account: (address: string) => `acct ${address}`,
    country: String,
  };
  const split = {
    orderId: "0x4",
    toBuyer: 400n,
    toProviderInPay: 600n,
    toSeller: 4217n,
    toProviderInPayout: 2840n,
    fee: 43n,
  };

  it("writes both legs of a split and the payout leg in each language", function () {
    expect(describeStep("FxLegsSplit", split, terms, format).detail).to.equal(
      "buyer refunded 400 USD; provider credited 600 USD and 2840 CNY; seller paid 4217 CNY, fee 43 CNY",
    );
    expect(describeStep("FxLegsSplit", split, terms, format, "zh-CN").detail).to.equal(
      "退还买家 400 USD; 服务商入账 600 USD 和 2840 CNY; 卖家收到 4217 CNY，手续费 43 CNY",
    );
    expect(describeStep("FxLegsSplit", split, terms, format, "ru").step).to.equal(
      "Расчёт в обеих валютах",
    );
    const created = describeStep(
      "FxOrderCreated",
      { orderId: "0x4", provider: "0x5", payoutToken: "0x6", payoutAmount: 7100n },
      terms,
      format,
    );
    expect(created).to.deep.equal({
      step: "Payout leg funded",
      detail: "7100 CNY for the seller from FX provider acct 0x5, against 1000 USD paid in",
      actor: "0x5",
    });
  });

  it("writes the seller's amounts with `money` when the caller gives no `payout` format", function () {
    const { payout: _payout, ...single } = format;
    void _payout;
    const paid = describeStep("ReceiptConfirmed", { sellerAmount: 99n, fee: 1n }, terms, single);
    expect(paid.detail).to.equal("seller paid 99 USD, fee 1 USD");
    expect(
      describeStep(
        "FxLegsSplit",
        { ...split, toBuyer: 0n, toSeller: 0n, fee: 0n, toProviderInPay: 0n },
        terms,
        single,
      ).detail,
    ).to.equal("provider credited 2840 USD");
  });
});

describe("TradeChainClient: the FX desk's caps and feeds", function () {
  it("setFxLimit: the admin sets a cap, anyone reads it; another caller is FxCallerNotAdmin", async function () {
    const s = await loadFixture(fxClientFixture);
    const desk = await ethers.getContractAt("TradeFxDesk", await s.fxEscrow.fxDesk());
    const receipt = await s.clients.admin.setFxLimit(s.consumer.address, "USD", "CNY", units(5));
    await expect(receipt)
      .to.emit(desk, "FxLimitSet")
      .withArgs(s.consumer.address, s.addresses.tokens.USD, s.addresses.tokens.CNY, 2n, units(5));
    expect(await s.clients.buyer.fxLimitOf(s.consumer.address, "usd", "cny")).to.deep.equal({
      cap: units(5),
      open: 0n,
    });
    const err = await expectCode(
      () => s.clients.stranger.setFxLimit(s.stranger.address, "USD", "CNY", units(1)),
      "REVERT",
      "FxCallerNotAdmin",
    );
    expect(errorArgs(err)).to.deep.equal({ caller: s.stranger.address });
    await expectCode(
      () => s.clients.admin.setFxLimit(s.stranger.address, "USD", "CNY", -1n),
      "INVALID_ARGUMENT",
      "NegativeAmount",
    );
    await expectCode(
      () => s.clients.admin.setFxLimit(s.stranger.address, "USD", "CNY", 1n << 128n),
      "INVALID_ARGUMENT",
      "CapTooLarge",
    );
  });

  it("setFxFeed: a reference feed refuses quotes too far from it; removing it lifts the check", async function () {
    const s = await loadFixture(fxClientFixture);
    const feed = await ethers.deployContract("MockAggregatorV3", [8, 710_000_000n]);
    const feedAddress = await feed.getAddress();
    const admin = s.clients.admin;
    const desk = await ethers.getContractAt("TradeFxDesk", await s.fxEscrow.fxDesk());
    const setting = { maxAge: 3_600, maxDeviationBps: 100 };
    await expect(await admin.setFxFeed("USD", "CNY", feedAddress, setting))
      .to.emit(desk, "FxFeedSet")
      .withArgs(s.addresses.tokens.USD, s.addresses.tokens.CNY, feedAddress, 3_600, 100);
    expect(await s.clients.buyer.fxFeedOf("USD", "CNY")).to.deep.equal({
      feed: feedAddress,
      ...setting,
    });
    expect(await s.clients.buyer.fxReferencePayout("USD", "CNY", units(1_000))).to.equal(
      units(7_100),
    );
    const far = await quoted(s, { payout: units(7_300), ref: "far" });
    const err = await expectCode(
      () => s.clients.buyer.createFxOrder(far.terms, far.quote, far.signature),
      "REVERT",
      "FxRateDeviates",
    );
    expect(errorArgs(err)).to.deep.equal({
      orderId: far.quote.orderId,
      quoted: units(7_300),
      referenceAmount: units(7_100),
      maxDeviationBps: 100n,
    });
    expect((await fxOrder(s, { payout: units(7_150), ref: "near" })).orderId).to.be.a("string");

    await admin.setFxFeed("USD", "CNY", undefined);
    expect((await admin.fxFeedOf("USD", "CNY")).feed).to.equal(undefined);
    await expectCode(
      () => admin.fxReferencePayout("USD", "CNY", units(1)),
      "REVERT",
      "FxFeedNotSet",
    );
    const invalid = await expectCode(
      () => admin.setFxFeed("USD", "CNY", feedAddress, { maxAge: 0, maxDeviationBps: 100 }),
      "REVERT",
      "FxFeedSettingInvalid",
    );
    expect(errorArgs(invalid)).to.deep.equal({ maxAge: 0n, maxDeviationBps: 100n });
    await expectCode(
      () => s.clients.stranger.setFxFeed("USD", "CNY", undefined),
      "REVERT",
      "FxCallerNotAdmin",
    );
  });
});
