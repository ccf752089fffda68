/**
 * Issue 15, rule 1: the escrow accepts an order only with the seller's consent to its exact
 * terms — an EIP-712 `SellerConsent(escrow, orderId)` signature under the registry's domain, by
 * the seller (EOA), by an ERC-1271 contract seller, or by a current delegate of the seller. Every
 * create function checks it; every refusal names the order, the seller and who signed.
 */
import { expect } from "chai";

import { SELLER_CONSENT_TYPES, signSellerConsent } from "@tradechain/sdk";
import type { MockERC1271Wallet, TradeEscrow } from "../../typechain-types/index.js";
import {
  CN,
  DAY,
  FEE_BPS,
  NO_CREDIT,
  Needs,
  ROLE_SELLER,
  Status,
  consent,
  creditOf,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  pinNextTimestamp,
  signPermit,
  signReceiveAuthorization,
  stateOf,
  type EscrowFixture,
  type OrderTerms,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

/** The fixture plus a contract wallet (owned by `stranger`) registered as a seller. */
async function walletFixture() {
  const fx = await escrowFixture();
  const wallet = (await ethers.deployContract("MockERC1271Wallet", [
    fx.stranger.address,
  ])) as unknown as MockERC1271Wallet;
  const walletAddress = await wallet.getAddress();
  await fx.registry.registerParticipant(walletAddress, ROLE_SELLER, CN, docHash("wallet"));
  return { ...fx, wallet, walletAddress };
}

/** A second escrow wired to the same registry (the registry's `escrow()` stays the first). */
async function deploySecondEscrow(fx: EscrowFixture): Promise<TradeEscrow> {
  const second = (await ethers.deployContract("TradeEscrow", [
    fx.admin.address,
    await fx.registry.getAddress(),
    fx.feeRecipient.address,
    FEE_BPS,
    fx.defaultArbiter.address,
  ])) as unknown as TradeEscrow;
  await second.setTokenAllowed(await fx.usd.getAddress(), true);
  await fx.usd.connect(fx.buyer).approve(await second.getAddress(), ethers.MaxUint256);
  return second;
}

/** The address that `signature` recovers to over the consent digest of `terms` on fx.escrow. */
async function recoveredSigner(fx: EscrowFixture, terms: OrderTerms, signature: string) {
  const digest = await fx.escrow.sellerConsentDigest(await orderIdOf(fx.escrow, terms));
  return ethers.recoverAddress(digest, signature);
}

describe("TradeEscrow consent: who may consent", function () {
  it("accepts the seller's own signature and records the order", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await orderIdOf(fx.escrow, terms);
    await expect(fx.escrow.connect(fx.buyer).createOrder(terms, await consent(fx, terms)))
      .to.emit(fx.escrow, "OrderCreated")
      .withArgs(orderId, fx.buyer.address, fx.seller.address, (t: unknown) => t !== undefined);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
  });

  it("accepts a current delegate's signature (a platform selling for the seller)", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(fx.registry.connect(fx.seller).setDelegate(fx.relayer.address))
      .to.emit(fx.registry, "DelegateSet")
      .withArgs(fx.seller.address, fx.relayer.address);
    expect(await fx.registry.isDelegate(fx.seller.address, fx.relayer.address)).to.equal(true);
    const terms = fx.terms();
    const signature = await consent(fx, terms, fx.relayer);
    await fx.escrow.connect(fx.buyer).createOrder(terms, signature);
    expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms))).status).to.equal(
      Status.Funded,
    );
    // a delegate of one seller cannot consent for another
    const other = fx.terms({ seller: fx.otherSeller.address });
    const otherSignature = await consent(fx, other, fx.relayer);
    await expect(fx.escrow.connect(fx.buyer).createOrder(other, otherSignature))
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
      .withArgs(await orderIdOf(fx.escrow, other), fx.otherSeller.address, fx.relayer.address);
  });

  it("accepts an ERC-1271 contract seller's signature (its owner signs, the wallet approves)", async function () {
    const fx = await loadFixture(walletFixture);
    const terms = fx.terms({ seller: fx.walletAddress });
    const signature = await consent(fx, terms, fx.stranger);
    // the wallet itself says yes to this digest
    const digest = await fx.escrow.sellerConsentDigest(await orderIdOf(fx.escrow, terms));
    expect(await fx.wallet.isValidSignature(digest, signature)).to.equal("0x1626ba7e");
    await fx.escrow.connect(fx.buyer).createOrder(terms, signature);
    const orderId = await orderIdOf(fx.escrow, terms);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
    // and the wallet seller is paid like any seller
    await fx.wallet
      .connect(fx.stranger)
      .execute(
        await fx.escrow.getAddress(),
        fx.escrow.interface.encodeFunctionData("ship", [terms, docHash("t")]),
      );
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms)).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.walletAddress],
      [terms.amount - (terms.amount * FEE_BPS) / 10_000n],
    );
  });

  it("refuses a contract seller's consent its wallet does not approve, naming the signer", async function () {
    const fx = await loadFixture(walletFixture);
    const terms = fx.terms({ seller: fx.walletAddress });
    const signature = await consent(fx, terms, fx.relayer);
    await expect(fx.escrow.connect(fx.buyer).createOrder(terms, signature))
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.walletAddress, fx.relayer.address);
  });
});

describe("TradeEscrow consent: refusals with their values", function () {
  it("refuses a missing signature (empty bytes) with SellerSignatureMissing", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    await expect(fx.escrow.connect(fx.buyer).createOrder(terms, "0x"))
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureMissing")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.seller.address);
  });

  it("refuses a stranger's signature, naming the stranger as signer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    await expect(
      fx.escrow.connect(fx.buyer).createOrder(terms, await consent(fx, terms, fx.stranger)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.seller.address, fx.stranger.address);
  });

  it("refuses the seller's signature for other terms (a laptop for US$ 1)", async function () {
    const fx = await loadFixture(escrowFixture);
    const offered = fx.terms();
    const signature = await consent(fx, offered);
    for (const changed of [
      { ...offered, amount: 1_000_000n },
      { ...offered, ref: ethers.id("other ref") },
      { ...offered, shipBy: offered.shipBy + 1n },
    ]) {
      const signer = await recoveredSigner(fx, changed, signature);
      expect(signer).to.not.equal(fx.seller.address);
      await expect(fx.escrow.connect(fx.buyer).createOrder(changed, signature))
        .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
        .withArgs(await orderIdOf(fx.escrow, changed), fx.seller.address, signer);
    }
    // the terms it was given for still go through
    await fx.escrow.connect(fx.buyer).createOrder(offered, signature);
  });

  it("refuses a signature that recovers no signer, naming the zero address", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await orderIdOf(fx.escrow, terms);
    for (const garbage of [ethers.ZeroHash + "00", "0x1234", ethers.hexlify(new Uint8Array(64))]) {
      await expect(fx.escrow.connect(fx.buyer).createOrder(terms, garbage))
        .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
        .withArgs(orderId, fx.seller.address, ethers.ZeroAddress);
    }
  });

  it("refuses a consent given to another escrow on the same registry", async function () {
    const fx = await loadFixture(escrowFixture);
    const second = await deploySecondEscrow(fx);
    const terms = fx.terms();
    const orderId = await orderIdOf(fx.escrow, terms);
    // the same terms on the second escrow: its own order id and its own escrow field
    const forSecond = await consent(fx, terms, fx.seller, second);
    // this escrow's order id, but signed for the second escrow
    const { signature: sameIdOtherEscrow } = await signSellerConsent(fx.registry, fx.seller, {
      escrow: await second.getAddress(),
      orderId,
    });
    for (const signature of [forSecond, sameIdOtherEscrow]) {
      const signer = await recoveredSigner(fx, terms, signature);
      expect(signer).to.not.equal(fx.seller.address);
      await expect(fx.escrow.connect(fx.buyer).createOrder(terms, signature))
        .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
        .withArgs(orderId, fx.seller.address, signer);
    }
    // the consent works where it was given
    await second.connect(fx.buyer).createOrder(terms, forSecond);
    expect((await second.orderState(await orderIdOf(second, terms))).status).to.equal(
      Status.Funded,
    );
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.None);
  });

  it("refuses a revoked delegate's signature with SellerDelegateRevoked", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.registry.connect(fx.seller).setDelegate(fx.relayer.address);
    const terms = fx.terms();
    const signature = await consent(fx, terms, fx.relayer);
    await expect(fx.registry.connect(fx.seller).revokeDelegate(fx.relayer.address))
      .to.emit(fx.registry, "DelegateRevoked")
      .withArgs(fx.seller.address, fx.relayer.address);
    expect(await fx.registry.isDelegate(fx.seller.address, fx.relayer.address)).to.equal(false);
    await expect(fx.escrow.connect(fx.buyer).createOrder(terms, signature))
      .to.be.revertedWithCustomError(fx.escrow, "SellerDelegateRevoked")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.seller.address, fx.relayer.address);
  });

  it("checks the seller's standing before its consent: a suspended seller's signature is no use", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const signature = await consent(fx, terms);
    await fx.registry.suspendParticipant(fx.seller.address, docHash("fraud"));
    await expect(fx.escrow.connect(fx.buyer).createOrder(terms, signature))
      .to.be.revertedWithCustomError(fx.escrow, "SellerNotActive")
      .withArgs(fx.seller.address);
  });
});

describe("TradeEscrow consent: the measured attack (issue 15 §1)", function () {
  it("refuses a stranger's 1-unit orders naming an active seller; the seller's record stays clean", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.usd.mint(fx.stranger.address, 10n);
    await fx.usd.connect(fx.stranger).approve(await fx.escrow.getAddress(), 10n);
    const shipBy = BigInt(await time.latest()) + 10n;
    const attempts: OrderTerms[] = [];
    for (const signature of ["0x", "self-signed"] as const) {
      const terms = fx.terms({ buyer: fx.stranger.address, amount: 1n, shipBy });
      attempts.push(terms);
      const orderId = await orderIdOf(fx.escrow, terms);
      if (signature === "0x") {
        await expect(fx.escrow.connect(fx.stranger).createOrder(terms, "0x"))
          .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureMissing")
          .withArgs(orderId, fx.seller.address);
      } else {
        await expect(
          fx.escrow.connect(fx.stranger).createOrder(terms, await consent(fx, terms, fx.stranger)),
        )
          .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
          .withArgs(orderId, fx.seller.address, fx.stranger.address);
      }
    }
    await time.increaseTo(shipBy + 1n);
    for (const terms of attempts) {
      await expect(fx.escrow.connect(fx.stranger).refundUnshipped(terms))
        .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
        .withArgs(await orderIdOf(fx.escrow, terms), Status.None, Needs.funded);
    }
    expect(await creditOf(fx.escrow, fx.seller.address, fx.usd)).to.deep.equal(NO_CREDIT);
    expect((await creditOf(fx.escrow, fx.seller.address, fx.usd)).missedShipBy).to.equal(0n);
    expect(await fx.usd.balanceOf(fx.stranger.address)).to.equal(10n);
  });
});

describe("TradeEscrow consent: every create function", function () {
  async function permitFixture() {
    const fx = await escrowFixture();
    await fx.usd.connect(fx.buyer).approve(await fx.escrow.getAddress(), 0);
    return fx;
  }

  it("createOrderWithPermit: funds with the seller's consent, refuses without it (permit unused)", async function () {
    const fx = await loadFixture(permitFixture);
    const escrowAddress = await fx.escrow.getAddress();
    const deadline = BigInt(await time.latest()) + DAY;
    const terms = fx.terms();
    const orderId = await orderIdOf(fx.escrow, terms);
    const sig = await signPermit(fx.usd, fx.buyer, escrowAddress, terms.amount, deadline);
    await expect(
      fx.escrow.connect(fx.buyer).createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, "0x"),
    )
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureMissing")
      .withArgs(orderId, fx.seller.address);
    const wrong = await consent(fx, terms, fx.stranger);
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, wrong),
    )
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
      .withArgs(orderId, fx.seller.address, fx.stranger.address);
    expect(await fx.usd.nonces(fx.buyer.address)).to.equal(0n);
    await fx.registry.connect(fx.seller).setDelegate(fx.relayer.address);
    const byDelegate = await consent(fx, terms, fx.relayer);
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, byDelegate),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer, fx.escrow], [-terms.amount, terms.amount]);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
  });

  it("createOrderWithAuthorization: a relayer cannot fund an order the seller did not sign", async function () {
    const fx = await loadFixture(walletFixture);
    const stc = await fx.stc.getAddress();
    const validBefore = BigInt(await time.latest()) + DAY;
    const terms = fx.anyTerms({ token: stc, seller: fx.walletAddress });
    const orderId = await orderIdOf(fx.escrow, terms);
    const authorization = await signReceiveAuthorization(
      fx.stc,
      fx.buyer,
      await fx.escrow.getAddress(),
      terms.amount,
      0n,
      validBefore,
      orderId,
    );
    const send = (sellerSignature: string) =>
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(terms, 0n, validBefore, authorization, sellerSignature);
    await expect(send("0x"))
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureMissing")
      .withArgs(orderId, fx.walletAddress);
    await expect(send(await consent(fx, terms, fx.relayer)))
      .to.be.revertedWithCustomError(fx.escrow, "SellerSignatureInvalid")
      .withArgs(orderId, fx.walletAddress, fx.relayer.address);
    expect(await fx.stc.authorizationState(fx.buyer.address, orderId)).to.equal(false);
    // the wallet seller's consent (signed by its owner) lets the same authorization through
    await expect(send(await consent(fx, terms, fx.stranger))).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.buyer, fx.escrow],
      [-terms.amount, terms.amount],
    );
    expect(await fx.stc.authorizationState(fx.buyer.address, orderId)).to.equal(true);
  });

  it("checks everything before consent: a bad term fails with its own error, not the signature's", async function () {
    const fx = await loadFixture(escrowFixture);
    const next = BigInt(await time.latest()) + 10n;
    await pinNextTimestamp(next);
    await expect(fx.escrow.connect(fx.buyer).createOrder(fx.terms({ shipBy: next }), "0x"))
      .to.be.revertedWithCustomError(fx.escrow, "ShipByNotInFuture")
      .withArgs(next, next);
  });
});

describe("TradeEscrow.sellerConsentDigest", function () {
  it("equals the registry's digest and the SDK's EIP-712 hash under the registry's domain", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await orderIdOf(fx.escrow, terms);
    const escrowAddress = await fx.escrow.getAddress();
    const registryAddress = await fx.registry.getAddress();
    const { chainId } = await ethers.provider.getNetwork();
    const domain = {
      name: "TradeRegistry",
      version: "1",
      chainId,
      verifyingContract: registryAddress,
    };
    const expected = ethers.TypedDataEncoder.hash(domain, SELLER_CONSENT_TYPES, {
      escrow: escrowAddress,
      orderId,
    });
    expect(await fx.escrow.sellerConsentDigest(orderId)).to.equal(expected);
    expect(await fx.registry.sellerConsentDigest(escrowAddress, orderId)).to.equal(expected);
    // the registry publishes that domain (ERC-5267), which is how the SDK signs
    const published = await fx.registry.eip712Domain();
    expect([
      published.name,
      published.version,
      published.chainId,
      published.verifyingContract,
    ]).to.deep.equal(["TradeRegistry", "1", chainId, registryAddress]);
    // and what the seller signs recovers over it
    const signature = await consent(fx, terms);
    expect(ethers.recoverAddress(expected, signature)).to.equal(fx.seller.address);
  });

  it("differs per order and per escrow", async function () {
    const fx = await loadFixture(escrowFixture);
    const a = await orderIdOf(fx.escrow, fx.terms());
    const b = await orderIdOf(fx.escrow, fx.terms());
    const second = await deploySecondEscrow(fx);
    const digestA = await fx.escrow.sellerConsentDigest(a);
    expect(digestA).to.not.equal(await fx.escrow.sellerConsentDigest(b));
    expect(digestA).to.not.equal(await second.sellerConsentDigest(a));
  });
});
