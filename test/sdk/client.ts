import { expect } from "chai";

import { TradeChainClient, TradeChainError } from "@tradechain/sdk";
import {
  CN,
  DRONE,
  ethers,
  KZ,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  TEA,
  units,
} from "../helpers/sdk.js";

const { loadFixture, time } = networkHelpers;
const DAY = 24 * 3600;

async function laptopOrder(fx: Awaited<ReturnType<typeof onboardedSuiteFixture>>, amount = 100) {
  return {
    seller: fx.seller.address,
    token: "USD",
    amount: units(amount),
    productId: LAPTOP,
    destination: PK,
  } as const;
}

/** The operations platforms call on a client (every method it had before it lent its facets'). */
const OPERATIONS = (
  "acceptSettlement accruedFees allListedProducts approveEscrow balanceOf cancel chainId claimable " +
  "clearCustoms clearCustomsMany clearanceDecisionOf clearanceOf closeStaleDispute collectFees " +
  "configureMinter confirmMany confirmReceipt connect createMany createOrder creditIn creditOf " +
  "customsRequired errorContext execute fileComplaint formatAmount isActive isCustomsAuthority " +
  "label listedProducts listedTariffCodes listingOf mint now openDispute orderIdOf orderState " +
  "orderTimeline participantOf prepareOrder productOf proposeSettlement reclassifyProduct " +
  "recordMilestone refund refundUnshipped registerParticipant registerProduct reject " +
  "rejectAtCustoms releaseAfterTimeout releaseMany rememberTerms resolveDispute sendTransaction " +
  "setCustomsAuthority setListing setTariffListing setTariffListings settlementOf ship shipMany " +
  "signFundingAuthorization signPermit submitEvidence submitFundingAuthorization tariffListingOf " +
  "termsOf token tokenAddress tokenInfo withdraw"
).split(" ");

describe("TradeChainClient", function () {
  it("offers every operation as a method of its own name, each answered by its facet", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const client = fx.clients.buyer;
    const methods = client as unknown as Record<string, unknown>;
    expect(OPERATIONS.filter((name) => typeof methods[name] !== "function")).to.deep.equal([]);
    expect(
      OPERATIONS.filter((name) => (methods[name] as { name: string }).name !== name),
    ).to.deep.equal([]);
    // Lent operations keep their facet as `this`, and clients of other signers their own state.
    expect(await client.tokenAddress("usd")).to.equal(fx.addresses.tokens.USD);
    expect(await client.connect(fx.seller).isActive(fx.seller.address, ["Seller"])).to.equal(true);
    expect(typeof TradeChainClient.fromDeployment).to.equal("function");
  });
});

describe("TradeChainClient.createOrder", function () {
  it("uses a permit when the allowance does not cover the amount (auto), in one transaction", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const usd = fx.clients.buyer.token("USD");
    const before = await usd.balanceOf(fx.buyer.address);
    const created = await fx.clients.buyer.createOrder(await laptopOrder(fx));
    expect(created.method).to.equal("permit");
    expect(created.receipt.to).to.equal(fx.addresses.escrow);
    expect(await usd.balanceOf(fx.buyer.address)).to.equal(before - units(100));
    expect(await usd.balanceOf(fx.addresses.escrow)).to.equal(units(100));
    expect((await fx.clients.buyer.orderState(created.orderId)).status).to.equal("Funded");
    expect(created.orderId).to.equal(await fx.clients.buyer.escrow.orderIdOf(created.terms));
  });

  it("fills terms from the escrow: signer as buyer, current fee, default arbiter, ship-by from chain time", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const now = BigInt(await time.latest());
    const { terms } = await fx.clients.buyer.createOrder({
      ...(await laptopOrder(fx)),
      shipWithin: 3 * DAY,
    });
    expect(terms.buyer).to.equal(fx.buyer.address);
    expect(terms.token).to.equal(fx.addresses.tokens.USD);
    expect(terms.feeBps).to.equal(100);
    expect(terms.arbiter).to.equal(fx.arbiter.address);
    expect(terms.confirmWindow).to.equal(7 * DAY);
    expect(
      terms.shipBy >= now + BigInt(3 * DAY) && terms.shipBy <= now + BigInt(3 * DAY + 5),
    ).to.equal(true);
    expect(terms.ref).to.match(/^0x[0-9a-f]{64}$/);
  });

  it("uses the allowance when it covers the amount (auto), without approving again", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    await fx.clients.buyer.approveEscrow("USD", units(500));
    const created = await fx.clients.buyer.createOrder(await laptopOrder(fx, 200));
    expect(created.method).to.equal("allowance");
    const usd = fx.clients.buyer.token("USD");
    expect(await usd.allowance(fx.buyer.address, fx.addresses.escrow)).to.equal(units(300));
    expect(await usd.nonces(fx.buyer.address)).to.equal(0n);
  });

  it("approves the escrow first when asked for the allowance method without one", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const created = await fx.clients.buyer.createOrder(await laptopOrder(fx, 50), {
      method: "allowance",
    });
    expect(created.method).to.equal("allowance");
    expect((await fx.clients.buyer.orderState(created.orderId)).status).to.equal("Funded");
    expect(
      await fx.clients.buyer.token("USD").allowance(fx.buyer.address, fx.addresses.escrow),
    ).to.equal(0n);
  });

  it("funds with an EIP-3009 authorization when asked, the order id being the nonce", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const created = await fx.clients.buyer.createOrder(await laptopOrder(fx), {
      method: "authorization",
    });
    expect(created.method).to.equal("authorization");
    const usd = fx.clients.buyer.token("USD");
    expect(await usd.authorizationState(fx.buyer.address, created.orderId)).to.equal(true);
    expect(await usd.balanceOf(fx.addresses.escrow)).to.equal(units(100));
  });

  it("refuses to create an order whose buyer is not the signer", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const order = { ...(await laptopOrder(fx)), buyer: fx.consumer.address };
    try {
      await fx.clients.buyer.createOrder(order);
      expect.fail("createOrder should have thrown");
    } catch (err) {
      expect((err as Error).message).to.contain("is not the buyer");
    }
  });
});

describe("TradeChainClient funding authorizations (gasless checkout)", function () {
  it("lets the buyer sign and a relayer submit and pay the gas", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const authorization = await fx.clients.consumer.signFundingAuthorization({
      seller: fx.seller.address,
      token: "CNY",
      amount: units(88),
      productId: TEA,
      destination: KZ,
    });
    const consumerEth = await ethers.provider.getBalance(fx.consumer.address);
    const relayerEth = await ethers.provider.getBalance(fx.relayer.address);
    const created = await fx.clients.relayer.submitFundingAuthorization(authorization);

    expect(created.orderId).to.equal(authorization.orderId);
    expect(created.receipt.from).to.equal(fx.relayer.address);
    expect(await ethers.provider.getBalance(fx.consumer.address)).to.equal(consumerEth);
    expect(await ethers.provider.getBalance(fx.relayer.address)).to.be.lessThan(relayerEth);
    expect(await fx.clients.relayer.balanceOf("CNY", fx.consumer.address)).to.equal(
      units(10_000 - 88),
    );
    expect((await fx.clients.relayer.orderState(created.orderId)).status).to.equal("Funded");
  });

  it("binds the signature to the terms: a relayer cannot fund other terms with it", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const authorization = await fx.clients.consumer.signFundingAuthorization({
      seller: fx.seller.address,
      token: "CNY",
      amount: units(88),
      productId: TEA,
      destination: KZ,
    });
    const tampered = { ...authorization, terms: { ...authorization.terms, amount: units(8_800) } };
    try {
      // Even with the seller's consent to the other terms, the buyer's signature does not fund them.
      await fx.clients.relayer.submitFundingAuthorization(tampered, {
        sellerSignature: await fx.clients.seller.signSellerConsent(tampered.terms),
      });
      expect.fail("a tampered authorization must not fund an order");
    } catch (err) {
      expect(err).to.be.instanceOf(TradeChainError);
      expect((err as TradeChainError).decoded.name).to.equal("InvalidSignature");
    }
  });

  it("only lets the buyer sign the authorization", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const order = { ...(await laptopOrder(fx)), buyer: fx.buyer.address };
    try {
      await fx.clients.relayer.signFundingAuthorization(order);
      expect.fail("a non-buyer must not sign");
    } catch (err) {
      expect(err).to.be.instanceOf(TradeChainError);
      expect((err as TradeChainError).code).to.equal("INVALID_ARGUMENT");
      expect((err as TradeChainError).decoded.name).to.equal("SignerNotBuyer");
      expect((err as Error).message).to.equal(
        `The signer ${fx.relayer.address} is not the buyer ${fx.buyer.address}: ` +
          "only the buyer can sign the funding authorization",
      );
    }
  });
});

describe("TradeChainClient order lifecycle", function () {
  it("drives an order through shipment, customs and confirmation, paying the seller and accruing the fee", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder(await laptopOrder(fx, 1_000));
    await fx.clients.seller.ship(orderId, "DHL 1234567890");
    expect((await fx.clients.seller.orderState(orderId)).status).to.equal("Shipped");
    await fx.clients.logistics.recordMilestone(orderId, "arrived Karachi port");
    await fx.clients.customsPK.clearCustoms(orderId, "GD-2026-000123");
    expect((await fx.clients.seller.orderState(orderId)).status).to.equal("Cleared");
    await fx.clients.buyer.confirmReceipt(orderId);

    expect((await fx.clients.buyer.orderState(orderId)).status).to.equal("Completed");
    expect(await fx.clients.buyer.balanceOf("USD", fx.seller.address)).to.equal(units(990));
    expect(await fx.clients.buyer.accruedFees("USD")).to.equal(units(10));
    await fx.clients.stranger.collectFees("USD");
    expect(await fx.clients.buyer.balanceOf("USD", fx.feeRecipient.address)).to.equal(units(10));
    expect(await fx.clients.buyer.accruedFees("USD")).to.equal(0n);
    expect(await fx.clients.buyer.creditIn(fx.seller.address, "USD")).to.deep.include({
      salesCompleted: 1,
    });
    const lines = await fx.clients.buyer.creditOf(fx.buyer.address);
    // one line per allowlisted currency, never summed across currencies
    expect(lines.map((line) => line.currency)).to.deep.equal(Object.keys(fx.addresses.tokens));
    expect(lines.find((line) => line.currency === "USD")).to.deep.include({
      token: fx.addresses.tokens.USD,
      purchasesCompleted: 1,
      volume: units(1_000),
    });
    expect(lines.find((line) => line.currency === "CNY")).to.deep.include({
      purchasesCompleted: 0,
      volume: 0n,
    });
  });

  it("keeps a delisted currency's line while it holds a record, drops it when empty", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder({
      ...(await laptopOrder(fx, 500)),
      productId: TEA,
    });
    await fx.clients.seller.ship(orderId);
    await fx.clients.buyer.confirmReceipt(orderId);
    const { admin } = fx.clients;
    await admin.execute(() => admin.escrow.setTokenAllowed(fx.addresses.tokens.USD, false));
    await admin.execute(() => admin.escrow.setTokenAllowed(fx.addresses.tokens.CNY, false));
    const lines = await fx.clients.stranger.creditOf(fx.seller.address);
    expect(lines.map((line) => line.currency)).to.deep.equal(["USD"]);
    // The seller's volume is what it was paid: 500.00 less the 1% fee.
    expect(lines[0]).to.deep.include({ salesCompleted: 1, volume: units(495) });
    expect(await fx.clients.stranger.creditOf(fx.consumer.address)).to.deep.equal([]);
  });

  it("clears a positive-listed product automatically and releases after the confirmation window", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "CNY",
      amount: units(300),
      productId: TEA,
      destination: PK,
      confirmWindow: 2 * DAY,
    });
    await fx.clients.seller.ship(orderId);
    expect((await fx.clients.seller.orderState(orderId)).status).to.equal("Cleared");
    await time.increase(2 * DAY + 1);
    await fx.clients.stranger.releaseAfterTimeout(orderId);
    expect((await fx.clients.stranger.orderState(orderId)).status).to.equal("Completed");
    const steps = await fx.clients.stranger.orderTimeline(orderId);
    expect(steps.map((e) => [e.step, e.actor])).to.deep.equal([
      ["Order created", fx.buyer.address],
      ["Shipped", fx.seller.address],
      ["Released after the confirmation window", fx.stranger.address],
    ]);
    expect(await fx.clients.stranger.balanceOf("CNY", fx.seller.address)).to.equal(units(297));
  });

  it("refunds on customs rejection, cancellation, seller rejection and late shipment", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller, customsPK, stranger } = fx.clients;
    const rejectedAtCustoms = (await buyer.createOrder(await laptopOrder(fx, 10))).orderId;
    await seller.ship(rejectedAtCustoms);
    await customsPK.rejectAtCustoms(rejectedAtCustoms, "missing certificate");
    const cancelled = (await buyer.createOrder(await laptopOrder(fx, 20))).orderId;
    await buyer.cancel(cancelled);
    const rejected = (await buyer.createOrder(await laptopOrder(fx, 30))).orderId;
    await seller.reject(rejected, "out of stock");
    const late = (await buyer.createOrder({ ...(await laptopOrder(fx, 40)), shipWithin: DAY }))
      .orderId;
    await time.increase(DAY + 1);
    await stranger.refundUnshipped(late);

    for (const orderId of [rejectedAtCustoms, cancelled, rejected, late]) {
      expect((await buyer.orderState(orderId)).status).to.equal("Refunded");
    }
    expect(await buyer.balanceOf("USD")).to.equal(units(10_000));
    expect(await buyer.balanceOf("USD", fx.addresses.escrow)).to.equal(0n);
  });

  it("settles a dispute by agreement and by an arbiter's ruling, and records a complaint", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller, arbiter } = fx.clients;
    // TEA is positive-listed at PK: cleared at shipment, so the buyer may dispute at once
    const settled = (await buyer.createOrder({ ...(await laptopOrder(fx, 100)), productId: TEA }))
      .orderId;
    await seller.ship(settled);
    await buyer.openDispute(settled, "screen cracked");
    await buyer.submitEvidence(settled, "photo of the screen");
    await seller.proposeSettlement(settled, units(40));
    expect(await buyer.settlementOf(settled)).to.deep.equal({
      proposer: fx.seller.address,
      buyerTotal: units(40),
    });
    await buyer.acceptSettlement(settled, units(40));
    expect((await buyer.orderState(settled)).status).to.equal("Resolved");

    const ruled = (await buyer.createOrder(await laptopOrder(fx, 100))).orderId;
    await seller.ship(ruled);
    await fx.clients.customsPK.clearCustoms(ruled, "GD-2026-000124");
    await seller.openDispute(ruled, "buyer refuses delivery");
    await arbiter.resolveDispute(ruled, units(100), "ruling #7");
    expect((await buyer.orderState(ruled)).status).to.equal("Resolved");
    await buyer.fileComplaint(ruled, "never delivered");
    expect((await buyer.orderState(ruled)).complaintFiled).to.equal(true);
    expect((await fx.clients.admin.registry.productOf(LAPTOP)).complaintCount).to.equal(1n);
    expect(await buyer.balanceOf("USD")).to.equal(units(10_000 - 100 + 40 - 100 + 100));
  });

  it("closes a stale dispute with an even split and refunds part of an order on the seller's request", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller, stranger } = fx.clients;
    // a shipment customs never decides: either party may dispute after CUSTOMS_PERIOD
    const stale = (await buyer.createOrder(await laptopOrder(fx, 100))).orderId;
    await seller.ship(stale);
    await time.increase(30 * DAY);
    await buyer.openDispute(stale);
    await time.increase(30 * DAY + 1);
    await stranger.closeStaleDispute(stale);
    expect((await buyer.orderState(stale)).status).to.equal("Resolved");

    const partial = (await buyer.createOrder(await laptopOrder(fx, 100))).orderId;
    await seller.refund(partial, units(25));
    expect(await buyer.orderState(partial)).to.deep.include({
      status: "Funded",
      refunded: units(25),
    });
  });

  it("shows a payout refused by the token as deferred, and withdraws it once possible", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller, operator } = fx.clients;
    const { orderId } = await buyer.createOrder({
      ...(await laptopOrder(fx, 100)),
      productId: TEA,
    });
    await seller.ship(orderId);
    await operator.execute(() => operator.token("USD").blacklist(fx.seller.address));
    await buyer.confirmReceipt(orderId);
    expect(await seller.claimable("USD", fx.seller.address)).to.equal(units(99));
    const steps = await buyer.orderTimeline(orderId);
    expect(steps.map((e) => e.step)).to.deep.equal([
      "Order created",
      "Shipped",
      "Receipt confirmed",
      "Payout deferred",
    ]);
    expect(steps[3].detail).to.equal(
      `US$ 99.00 to ${fx.seller.address} refused by the token; claimable`,
    );
    await operator.execute(() => operator.token("USD").unBlacklist(fx.seller.address));
    await seller.withdraw("USD");
    expect(await seller.balanceOf("USD")).to.equal(units(99));
    expect(await seller.claimable("USD", fx.seller.address)).to.equal(0n);
  });

  it("has nothing to withdraw without deferred payouts, and says so", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    expect(await fx.clients.buyer.claimable("USD", fx.buyer.address)).to.equal(0n);
    try {
      await fx.clients.buyer.withdraw("USD");
      expect.fail("withdraw should revert");
    } catch (err) {
      expect((err as TradeChainError).decoded.name).to.equal("NothingToWithdraw");
    }
  });
});

describe("TradeChainClient.termsOf", function () {
  it("rebuilds the terms of an order it did not create from the OrderCreated event", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId, terms } = await fx.clients.buyer.createOrder(await laptopOrder(fx));
    const fresh = new TradeChainClient(fx.seller, fx.addresses);
    expect(await fresh.termsOf(orderId)).to.deep.equal(terms);
    await fresh.ship(orderId, "tracking");
    expect((await fresh.orderState(orderId)).status).to.equal("Shipped");
  });

  it("fails clearly for an unknown order id", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const fresh = new TradeChainClient(ethers.provider, fx.addresses);
    try {
      await fresh.termsOf(ethers.id("nothing"));
      expect.fail("termsOf should throw");
    } catch (err) {
      expect((err as Error).message).to.contain("No order");
    }
  });

  it("shares terms between clients derived with connect", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId, terms } = await fx.clients.buyer.createOrder(await laptopOrder(fx));
    const remembered = new TradeChainClient(ethers.provider, fx.addresses);
    expect(await remembered.rememberTerms(terms)).to.equal(orderId);
    expect(await fx.clients.seller.termsOf(orderId)).to.equal(terms);
  });
});

describe("TradeChainClient.orderTimeline", function () {
  it("lists every event of the order in block order with time, actor, step, tx hash and gas", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const authorization = await fx.clients.buyer.signFundingAuthorization(
      await laptopOrder(fx, 1_234.5),
    );
    const { orderId, receipt } = await fx.clients.relayer.submitFundingAuthorization(authorization);
    await fx.clients.seller.ship(orderId, "DHL 1");
    await fx.clients.logistics.recordMilestone(orderId, "departed Shanghai");
    await fx.clients.customsPK.clearCustoms(orderId, "GD-1");
    await fx.clients.buyer.confirmReceipt(orderId);

    const timeline = await new TradeChainClient(ethers.provider, fx.addresses).orderTimeline(
      orderId,
    );
    expect(timeline.map((entry) => entry.event)).to.deep.equal([
      "OrderCreated",
      "OrderShipped",
      "MilestoneRecorded",
      "CustomsCleared",
      "ReceiptConfirmed",
    ]);
    expect(timeline.map((entry) => entry.step)).to.deep.equal([
      "Order created",
      "Shipped",
      "Milestone recorded",
      "Cleared by customs",
      "Receipt confirmed",
    ]);
    expect(timeline.map((entry) => entry.actor)).to.deep.equal([
      fx.buyer.address,
      fx.seller.address,
      fx.logistics.address,
      fx.customsPK.address,
      fx.buyer.address,
    ]);
    const [created, , , , completed] = timeline;
    expect(created.sender).to.equal(fx.relayer.address);
    expect(created.txHash).to.equal(receipt.hash);
    expect(created.gasUsed).to.equal(receipt.gasUsed);
    expect(created.detail).to.contain("US$ 1,234.50 escrowed");
    expect(completed.detail).to.equal("seller paid US$ 1,222.155, fee US$ 12.345");
    expect(completed.args).to.deep.include({ sellerAmount: units(1_222.155), fee: units(12.345) });
    for (let i = 1; i < timeline.length; i++) {
      expect(timeline[i].blockNumber).to.be.greaterThan(timeline[i - 1].blockNumber);
      expect(timeline[i].timestamp >= timeline[i - 1].timestamp).to.equal(true);
    }
    const block = await ethers.provider.getBlock(completed.blockNumber);
    expect(completed.timestamp).to.equal(BigInt(block?.timestamp ?? -1));
  });

  it("names refunds and dispute outcomes by their reason", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { buyer, seller, arbiter } = fx.clients;
    const cancelled = (await buyer.createOrder(await laptopOrder(fx, 10))).orderId;
    await buyer.cancel(cancelled);
    const ruled = (await buyer.createOrder({ ...(await laptopOrder(fx, 10)), productId: TEA }))
      .orderId;
    await seller.ship(ruled);
    await buyer.openDispute(ruled, "broken");
    await arbiter.resolveDispute(ruled, units(6), "ruling");

    expect((await buyer.orderTimeline(cancelled)).map((e) => e.step)).to.deep.equal([
      "Order created",
      "Cancelled by buyer",
    ]);
    const steps = await buyer.orderTimeline(ruled);
    expect(steps.map((e) => e.step)).to.deep.equal([
      "Order created",
      "Shipped",
      "Dispute opened",
      "Ruled by arbiter",
    ]);
    expect(steps[3].actor).to.equal(fx.arbiter.address);
    expect(steps[3].detail).to.equal("buyer US$ 6.00, seller US$ 3.96, fee US$ 0.04");
  });
});

describe("TradeChainClient registry reads", function () {
  it("reads clearance, listings, participants and pages of a jurisdiction's lists", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { customsPK, stranger } = fx.clients;
    expect(await stranger.clearanceOf(PK, TEA)).to.equal("Positive");
    expect(await stranger.clearanceOf(PK, DRONE)).to.equal("Negative");
    expect(await stranger.clearanceOf(PK, LAPTOP)).to.equal("Unlisted");
    expect(await stranger.customsRequired(PK)).to.equal(true);
    expect(await stranger.customsRequired(CN)).to.equal(false);
    expect(await stranger.isCustomsAuthority(PK, fx.customsPK.address)).to.equal(true);
    expect(await stranger.listingOf(PK, DRONE)).to.deep.include({
      status: "Negative",
      version: 1,
      updatedBy: fx.customsPK.address,
    });
    expect(await stranger.participantOf(fx.seller.address)).to.deep.include({
      roles: 1,
      roleNames: ["Seller"],
      jurisdiction: CN,
      active: true,
    });
    expect(await stranger.isActive(fx.seller.address, ["Seller"])).to.equal(true);
    expect(await stranger.isActive(fx.seller.address, ["Buyer"])).to.equal(false);

    const extra = [1, 2, 3, 4].map((n) => ethers.id(`product ${n}`));
    for (const productId of extra) await customsPK.setListing(PK, productId, "Positive");
    const first = await stranger.listedProducts(PK, "Positive", { limit: 2 });
    expect(first).to.deep.include({ offset: 0, total: 5, nextOffset: 2 });
    expect(first.productIds).to.have.length(2);
    const last = await stranger.listedProducts(PK, "Positive", { offset: 4, limit: 2 });
    expect(last).to.deep.include({ total: 5, nextOffset: undefined });
    expect(new Set(await stranger.allListedProducts(PK, "Positive"))).to.deep.equal(
      new Set([TEA, ...extra]),
    );
  });
});
