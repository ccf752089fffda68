import { expect } from "chai";
import { recoverAddress, TypedDataEncoder } from "ethers";

import {
  type NewOrder,
  SELLER_CONSENT_TYPES,
  TradeChainClient,
  TradeChainError,
} from "@tradechain/sdk";
import {
  ethers,
  KZ,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  TEA,
  units,
} from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

type Fixture = Awaited<ReturnType<typeof onboardedSuiteFixture>>;

function teaOrder(fx: Fixture, amount = 25): NewOrder {
  return {
    seller: fx.seller.address,
    token: "USD",
    amount: units(amount),
    productId: TEA, // positive-listed in Pakistan
    destination: PK,
  };
}

/** A buyer's client with no source of sellers' consents of its own. */
function bareBuyer(fx: Fixture): TradeChainClient {
  return new TradeChainClient(fx.buyer, fx.addresses);
}

async function failure(action: () => Promise<unknown>): Promise<TradeChainError> {
  try {
    await action();
  } catch (err) {
    expect(err).to.be.instanceOf(TradeChainError);
    return err as TradeChainError;
  }
  return expect.fail("expected a failure");
}

function argsOf(err: TradeChainError): Record<string, unknown> {
  return Object.fromEntries(err.decoded.args.map((a) => [a.name, a.value]));
}

describe("TradeChainClient seller consent", function () {
  it("signs the consent with a seller wallet it holds, for each funding method", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const buyer = bareBuyer(fx);
    for (const method of ["allowance", "permit", "authorization"] as const) {
      const created = await buyer.createOrder(teaOrder(fx), { method, sellerSigner: fx.seller });
      expect(created.method).to.equal(method);
      expect((await buyer.orderState(created.orderId)).status).to.equal("Funded");
    }
  });

  it("accepts a signature made elsewhere (a platform's backend) over the escrow's digest", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const buyer = bareBuyer(fx);
    const terms = await buyer.prepareOrder(teaOrder(fx));
    const orderId = await buyer.orderIdOf(terms);
    // The backend holds the seller's key: the seller's own client signs, nothing is sent.
    const backend = new TradeChainClient(fx.seller, fx.addresses);
    const sellerSignature = await backend.signSellerConsent(terms);
    expect(await backend.signSellerConsent(orderId)).to.equal(sellerSignature);

    const digest = await buyer.sellerConsentDigest(orderId);
    expect(await buyer.sellerConsentDigest(terms)).to.equal(digest);
    expect(await buyer.registry.sellerConsentDigest(fx.addresses.escrow, orderId)).to.equal(digest);
    const domain = await buyer.registry.eip712Domain();
    expect(
      TypedDataEncoder.hash(
        {
          name: domain.name,
          version: domain.version,
          chainId: domain.chainId,
          verifyingContract: domain.verifyingContract,
        },
        SELLER_CONSENT_TYPES,
        { escrow: fx.addresses.escrow, orderId },
      ),
    ).to.equal(digest);
    expect(recoverAddress(digest, sellerSignature)).to.equal(fx.seller.address);

    const created = await buyer.createOrder(terms, { sellerSignature });
    expect(created.orderId).to.equal(orderId);
    expect((await buyer.orderState(orderId)).status).to.equal("Funded");
  });

  it("asks the client's sellerConsent function (a backend call) with the order id and terms", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const backend = new TradeChainClient(fx.seller, fx.addresses);
    const asked: string[] = [];
    const buyer = new TradeChainClient(fx.buyer, fx.addresses, {
      sellerConsent: async ({ orderId, terms }) => {
        asked.push(`${orderId}:${terms.amount}`);
        return backend.signSellerConsent(terms);
      },
    });
    const { orderId } = await buyer.createOrder(teaOrder(fx, 12));
    expect(asked).to.deep.equal([`${orderId}:${units(12)}`]);
    // A client connected from it asks the same backend.
    const consumer = buyer.connect(fx.consumer);
    await consumer.createOrder({ ...teaOrder(fx, 7), destination: KZ, token: "CNY" });
    expect(asked).to.have.length(2);
  });

  it("refuses an order without consent before sending anything (SELLER_CONSENT_MISSING)", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const nonce = await ethers.provider.getTransactionCount(fx.buyer.address);
    const err = await failure(() => bareBuyer(fx).createOrder(teaOrder(fx), { method: "permit" }));
    expect(err.code).to.equal("SELLER_CONSENT_MISSING");
    expect(err.decoded.name).to.equal("SellerConsentMissing");
    expect(argsOf(err).seller).to.equal(fx.seller.address);
    const relayed = await failure(async () =>
      new TradeChainClient(fx.relayer, fx.addresses).submitFundingAuthorization(
        await bareBuyer(fx).signFundingAuthorization(teaOrder(fx)),
      ),
    );
    expect(relayed.code).to.equal("SELLER_CONSENT_MISSING");
    expect(await ethers.provider.getTransactionCount(fx.buyer.address)).to.equal(nonce);
    const both = await failure(() =>
      bareBuyer(fx).createOrder(teaOrder(fx), { sellerSigner: fx.seller, sellerSignature: "0x12" }),
    );
    expect([both.code, both.decoded.name]).to.deep.equal(["INVALID_ARGUMENT", "TwoSellerConsents"]);
    const notHex = await failure(() =>
      bareBuyer(fx).createOrder(teaOrder(fx), { sellerSignature: "signed" }),
    );
    expect([notHex.code, notHex.decoded.name]).to.deep.equal([
      "INVALID_ARGUMENT",
      "InvalidSellerSignature",
    ]);
  });

  it("decodes the escrow's refusal of a consent signed by another account or for other terms", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const buyer = bareBuyer(fx);
    const terms = await buyer.prepareOrder(teaOrder(fx));
    const orderId = await buyer.orderIdOf(terms);
    const forged = await failure(() => buyer.createOrder(terms, { sellerSigner: fx.buyer }));
    expect([forged.code, forged.decoded.name]).to.deep.equal(["REVERT", "SellerSignatureInvalid"]);
    expect(argsOf(forged)).to.deep.equal({
      orderId,
      seller: fx.seller.address,
      signer: fx.buyer.address,
    });
    expect(forged.message).to.contain("neither the seller");

    // The seller's consent to 25.00 does not fund the same order at 2,500.00.
    const sellerSignature = await new TradeChainClient(fx.seller, fx.addresses).signSellerConsent(
      terms,
    );
    const other = { ...terms, amount: units(2_500) };
    const reused = await failure(() => buyer.createOrder(other, { sellerSignature }));
    expect(reused.decoded.name).to.equal("SellerSignatureInvalid");
    expect(argsOf(reused).seller).to.equal(fx.seller.address);
    expect(argsOf(reused).signer).to.not.equal(fx.seller.address);
  });

  it("carries a consent with a funding authorization to the relayer", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const authorization = await bareBuyer(fx).signFundingAuthorization(teaOrder(fx, 40), {
      sellerSigner: fx.seller,
    });
    expect(authorization.sellerSignature).to.match(/^0x[0-9a-f]{130}$/);
    const relayer = new TradeChainClient(fx.relayer, fx.addresses);
    const created = await relayer.submitFundingAuthorization(authorization);
    expect((await relayer.orderState(created.orderId)).status).to.equal("Funded");
  });

  it("creates a batch with one consent per order, and refuses a count that does not match", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const buyer = bareBuyer(fx);
    const seller = new TradeChainClient(fx.seller, fx.addresses);
    const terms = await Promise.all(
      [teaOrder(fx, 3), teaOrder(fx, 4)].map((o) => buyer.prepareOrder(o)),
    );
    const sellerSignatures = await Promise.all(terms.map((t) => seller.signSellerConsent(t)));
    const mismatch = await failure(() =>
      buyer.createMany(terms, { sellerSignatures: sellerSignatures.slice(1) }),
    );
    expect([mismatch.code, mismatch.decoded.name]).to.deep.equal([
      "INVALID_ARGUMENT",
      "LengthMismatch",
    ]);
    const { orderIds } = await buyer.createMany(terms, { sellerSignatures });
    expect(orderIds).to.deep.equal(await Promise.all(terms.map((t) => buyer.orderIdOf(t))));
    const signed = await buyer.createMany([teaOrder(fx, 5)], { sellerSigner: fx.seller });
    expect((await buyer.orderState(signed.orderIds[0])).status).to.equal("Funded");
  });
});

describe("TradeChainClient seller delegates", function () {
  it("lets a delegate consent until the seller revokes it", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { seller } = fx.clients;
    const buyer = bareBuyer(fx);
    const platform = new TradeChainClient(fx.relayer, fx.addresses);
    const receipt = await seller.setDelegate(fx.relayer.address);
    const set = receipt.logs.find(
      (log) => "fragment" in log && log.fragment.name === "DelegateSet",
    );
    expect(set && "args" in set ? [...set.args] : []).to.deep.equal([
      fx.seller.address,
      fx.relayer.address,
    ]);
    expect(await buyer.isDelegate(fx.seller.address, fx.relayer.address)).to.equal(true);

    const terms = await buyer.prepareOrder(teaOrder(fx));
    const created = await buyer.createOrder(terms, {
      sellerSignature: await platform.signSellerConsent(terms),
    });
    expect((await buyer.orderState(created.orderId)).status).to.equal("Funded");

    const later = await buyer.prepareOrder(teaOrder(fx, 30));
    const signedBeforeRevocation = await platform.signSellerConsent(later);
    await seller.revokeDelegate(fx.relayer.address);
    expect(await buyer.isDelegate(fx.seller.address, fx.relayer.address)).to.equal(false);
    const revoked = await failure(() =>
      buyer.createOrder(later, { sellerSignature: signedBeforeRevocation }),
    );
    expect(revoked.decoded.name).to.equal("SellerDelegateRevoked");
    expect(argsOf(revoked)).to.deep.equal({
      orderId: await buyer.orderIdOf(later),
      seller: fx.seller.address,
      delegate: fx.relayer.address,
    });
  });

  it("refuses a delegate set twice, a revocation of no delegate, a non-seller and a bad address", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { seller, stranger } = fx.clients;
    await seller.setDelegate(fx.relayer.address);
    const twice = await failure(() => seller.setDelegate(fx.relayer.address));
    expect(twice.decoded.name).to.equal("DelegateAlreadySet");
    expect(twice.message).to.equal(
      `${fx.relayer.address} already consents to orders on behalf of the seller ${fx.seller.address}`,
    );
    const none = await failure(() => seller.revokeDelegate(fx.stranger.address));
    expect(none.decoded.name).to.equal("DelegateNotSet");
    expect(argsOf(none)).to.deep.equal({
      seller: fx.seller.address,
      delegate: fx.stranger.address,
    });
    const notSeller = await failure(() => stranger.setDelegate(fx.relayer.address));
    expect(notSeller.decoded.name).to.equal("SellerNotActive");
    expect(notSeller.message).to.equal(`${fx.stranger.address} is not an active registered seller`);
    const bad = await failure(() => seller.setDelegate("0x1234"));
    expect(bad.code).to.equal("INVALID_ADDRESS");
    expect(await stranger.isDelegate(fx.seller.address, fx.relayer.address)).to.equal(true);
  });
});
