import { expect } from "chai";

import {
  DE,
  DRONE,
  DRONE_HS,
  LAPTOP,
  LAPTOP_HS,
  ListingStatus,
  PK,
  ROLE_SELLER,
  TEA,
  docHash,
  ethers,
  networkHelpers,
  onboardedRegistryFixture,
  signConsent,
} from "../helpers/registry.js";

const { loadFixture } = networkHelpers;
const { Positive, Negative } = ListingStatus;

const ORDER = ethers.id("order-1");
const OTHER_ORDER = ethers.id("order-2");

/** The EIP-712 type a seller signs, written out here as the issue states it. */
const SELLER_CONSENT = {
  SellerConsent: [
    { name: "escrow", type: "address" },
    { name: "orderId", type: "bytes32" },
  ],
};

/** The onboarded registry with the platform as a delegate of the seller. */
async function delegatedFixture() {
  const fx = await onboardedRegistryFixture();
  await fx.registry.connect(fx.seller).setDelegate(fx.platform.address);
  return fx;
}

type Fixture = Awaited<ReturnType<typeof onboardedRegistryFixture>>;

/** `checkNewOrder` for LAPTOP to `destination`, called by the fixture's EOA escrow. */
function check(
  fx: Fixture,
  signature: string,
  overrides: {
    seller?: string;
    arbiter?: string;
    namedDefault?: boolean;
    destination?: number;
    productId?: string;
    orderId?: string;
  } = {},
) {
  return fx.registry
    .connect(fx.escrow)
    .checkNewOrder(
      overrides.seller ?? fx.seller.address,
      overrides.arbiter ?? fx.arbiter.address,
      overrides.namedDefault ?? false,
      overrides.destination ?? PK,
      overrides.productId ?? LAPTOP,
      overrides.orderId ?? ORDER,
      signature,
    );
}

describe("TradeRegistry.setDelegate", function () {
  it("lets an active seller name a delegate, one of many, and emits DelegateSet", async function () {
    const { registry, seller, platform, stranger, otherSeller } =
      await loadFixture(onboardedRegistryFixture);
    expect(await registry.isDelegate(seller.address, platform.address)).to.equal(false);
    await expect(registry.connect(seller).setDelegate(platform.address))
      .to.emit(registry, "DelegateSet")
      .withArgs(seller.address, platform.address);
    await expect(registry.connect(seller).setDelegate(stranger.address))
      .to.emit(registry, "DelegateSet")
      .withArgs(seller.address, stranger.address);
    expect(await registry.isDelegate(seller.address, platform.address)).to.equal(true);
    expect(await registry.isDelegate(seller.address, stranger.address)).to.equal(true);
    // per seller, and one way: the delegate gains nothing over another seller or the reverse
    expect(await registry.isDelegate(otherSeller.address, platform.address)).to.equal(false);
    expect(await registry.isDelegate(platform.address, seller.address)).to.equal(false);
  });

  it("reverts for the zero address", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(seller).setDelegate(ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
  });

  it("reverts for a caller that is not an active seller, naming it", async function () {
    const { registry, buyer, arbiter, stranger, admin, platform } =
      await loadFixture(onboardedRegistryFixture);
    for (const caller of [buyer, arbiter, stranger, admin]) {
      await expect(registry.connect(caller).setDelegate(platform.address))
        .to.be.revertedWithCustomError(registry, "SellerNotActive")
        .withArgs(caller.address);
    }
  });

  it("reverts for a suspended seller, and works again once it is reinstated", async function () {
    const { registry, registrar, seller, platform } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("audit"));
    await expect(registry.connect(seller).setDelegate(platform.address))
      .to.be.revertedWithCustomError(registry, "SellerNotActive")
      .withArgs(seller.address);
    await registry.connect(registrar).reinstateParticipant(seller.address);
    await expect(registry.connect(seller).setDelegate(platform.address))
      .to.emit(registry, "DelegateSet")
      .withArgs(seller.address, platform.address);
  });

  it("reverts for a delegate already set, naming seller and delegate", async function () {
    const { registry, seller, platform } = await loadFixture(delegatedFixture);
    await expect(registry.connect(seller).setDelegate(platform.address))
      .to.be.revertedWithCustomError(registry, "DelegateAlreadySet")
      .withArgs(seller.address, platform.address);
  });

  it("sets a revoked delegate again, and its consents count again", async function () {
    const fx = await loadFixture(delegatedFixture);
    const { registry, seller, platform, escrow } = fx;
    const signature = await signConsent(registry, platform, escrow.address, ORDER);
    await registry.connect(seller).revokeDelegate(platform.address);
    await expect(registry.connect(seller).setDelegate(platform.address))
      .to.emit(registry, "DelegateSet")
      .withArgs(seller.address, platform.address);
    expect(await registry.isDelegate(seller.address, platform.address)).to.equal(true);
    expect(await check(fx, signature)).to.equal(0n);
  });
});

describe("TradeRegistry.revokeDelegate", function () {
  it("withdraws a delegate's right, emits DelegateRevoked and refuses its consents by name", async function () {
    const fx = await loadFixture(delegatedFixture);
    const { registry, seller, platform, escrow } = fx;
    const signature = await signConsent(registry, platform, escrow.address, ORDER);
    expect(await check(fx, signature)).to.equal(0n);
    await expect(registry.connect(seller).revokeDelegate(platform.address))
      .to.emit(registry, "DelegateRevoked")
      .withArgs(seller.address, platform.address);
    expect(await registry.isDelegate(seller.address, platform.address)).to.equal(false);
    await expect(check(fx, signature))
      .to.be.revertedWithCustomError(fx.errors, "SellerDelegateRevoked")
      .withArgs(ORDER, seller.address, platform.address);
  });

  it("lets a suspended seller revoke (consent is its own to withdraw)", async function () {
    const { registry, registrar, seller, platform } = await loadFixture(delegatedFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("audit"));
    await expect(registry.connect(seller).revokeDelegate(platform.address))
      .to.emit(registry, "DelegateRevoked")
      .withArgs(seller.address, platform.address);
    expect(await registry.isDelegate(seller.address, platform.address)).to.equal(false);
  });

  it("reverts for a signer that was never a delegate, or is already revoked", async function () {
    const { registry, seller, platform, stranger } = await loadFixture(delegatedFixture);
    await expect(registry.connect(seller).revokeDelegate(stranger.address))
      .to.be.revertedWithCustomError(registry, "DelegateNotSet")
      .withArgs(seller.address, stranger.address);
    await registry.connect(seller).revokeDelegate(platform.address);
    await expect(registry.connect(seller).revokeDelegate(platform.address))
      .to.be.revertedWithCustomError(registry, "DelegateNotSet")
      .withArgs(seller.address, platform.address);
  });

  it("touches only the caller's own delegates: nobody else can revoke the seller's", async function () {
    const { registry, seller, platform, stranger, admin, registrar } =
      await loadFixture(delegatedFixture);
    for (const caller of [stranger, admin, registrar, platform]) {
      await expect(registry.connect(caller).revokeDelegate(platform.address))
        .to.be.revertedWithCustomError(registry, "DelegateNotSet")
        .withArgs(caller.address, platform.address);
    }
    expect(await registry.isDelegate(seller.address, platform.address)).to.equal(true);
  });
});

describe("TradeRegistry.sellerConsentDigest", function () {
  it("is the EIP-712 hash of SellerConsent(escrow, orderId) under the registry's ERC-5267 domain", async function () {
    const { registry, escrow } = await loadFixture(onboardedRegistryFixture);
    const domain = await registry.eip712Domain();
    const { chainId } = await ethers.provider.getNetwork();
    expect(domain.name).to.equal("TradeRegistry");
    expect(domain.version).to.equal("1");
    expect(domain.chainId).to.equal(chainId);
    expect(domain.verifyingContract).to.equal(await registry.getAddress());
    const expected = ethers.TypedDataEncoder.hash(
      {
        name: domain.name,
        version: domain.version,
        chainId: domain.chainId,
        verifyingContract: domain.verifyingContract,
      },
      SELLER_CONSENT,
      { escrow: escrow.address, orderId: ORDER },
    );
    expect(await registry.sellerConsentDigest(escrow.address, ORDER)).to.equal(expected);
    expect(await registry.SELLER_CONSENT_TYPEHASH()).to.equal(
      ethers.id("SellerConsent(address escrow,bytes32 orderId)"),
    );
  });

  it("differs per escrow, per order and per registry", async function () {
    const { registry, admin, escrow, stranger } = await loadFixture(onboardedRegistryFixture);
    const digest = await registry.sellerConsentDigest(escrow.address, ORDER);
    expect(await registry.sellerConsentDigest(stranger.address, ORDER)).to.not.equal(digest);
    expect(await registry.sellerConsentDigest(escrow.address, OTHER_ORDER)).to.not.equal(digest);
    const another = await ethers.deployContract("TradeRegistry", [admin.address]);
    expect(await another.sellerConsentDigest(escrow.address, ORDER)).to.not.equal(digest);
  });

  it("is what a seller's signature recovers from", async function () {
    const { registry, seller, escrow } = await loadFixture(onboardedRegistryFixture);
    const signature = await signConsent(registry, seller, escrow.address, ORDER);
    const digest = await registry.sellerConsentDigest(escrow.address, ORDER);
    expect(ethers.recoverAddress(digest, signature)).to.equal(seller.address);
  });
});

describe("TradeRegistry.checkNewOrder", function () {
  it("passes the seller's own consent and returns no HS code where no tariff lists apply", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const signature = await signConsent(fx.registry, fx.seller, fx.escrow.address, ORDER);
    expect(await check(fx, signature)).to.equal(0n);
    expect(await check(fx, signature, { destination: DE })).to.equal(0n);
  });

  it("passes a current delegate's consent", async function () {
    const fx = await loadFixture(delegatedFixture);
    const signature = await signConsent(fx.registry, fx.platform, fx.escrow.address, ORDER);
    expect(await check(fx, signature)).to.equal(0n);
  });

  it("passes an ERC-1271 contract seller's consent signed by its owner", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, registrar, stranger, escrow } = fx;
    const wallet = await ethers.deployContract("MockERC1271Wallet", [stranger.address]);
    const walletAddress = await wallet.getAddress();
    await registry
      .connect(registrar)
      .registerParticipant(walletAddress, ROLE_SELLER, DE, docHash("wallet-kyc"));
    const signature = await signConsent(registry, stranger, escrow.address, ORDER);
    expect(await check(fx, signature, { seller: walletAddress })).to.equal(0n);
    // the owner's signature is the wallet's, not an EOA seller's
    await expect(check(fx, signature))
      .to.be.revertedWithCustomError(fx.errors, "SellerSignatureInvalid")
      .withArgs(ORDER, fx.seller.address, stranger.address);
  });

  it("reverts SellerSignatureInvalid with the recovered signer for a contract seller that refuses", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, registrar, stranger, platform, escrow } = fx;
    const wallet = await ethers.deployContract("MockERC1271Wallet", [stranger.address]);
    const walletAddress = await wallet.getAddress();
    await registry
      .connect(registrar)
      .registerParticipant(walletAddress, ROLE_SELLER, DE, docHash("wallet-kyc"));
    const signature = await signConsent(registry, platform, escrow.address, ORDER);
    await expect(check(fx, signature, { seller: walletAddress }))
      .to.be.revertedWithCustomError(fx.errors, "SellerSignatureInvalid")
      .withArgs(ORDER, walletAddress, platform.address);
  });

  it("returns the HS code in force where the destination lists tariff codes, zero under an own live entry", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, customsPK, seller, escrow } = fx;
    await registry.connect(seller).registerProduct(DRONE, DRONE_HS, docHash("drone"));
    await registry.connect(customsPK).setTariffCodeListing(PK, 4, 8471, Positive, 0, docHash("r"));
    const laptop = await signConsent(registry, seller, escrow.address, ORDER);
    expect(await check(fx, laptop)).to.equal(BigInt(LAPTOP_HS));
    // a customs binding is the code in force there
    await registry.connect(customsPK).bindClassification(PK, DRONE, 84714100);
    expect(await check(fx, laptop, { productId: DRONE })).to.equal(84714100n);
    // an own live entry decides alone: the order keeps no code
    await registry.connect(customsPK).setListing(PK, LAPTOP, Positive, 0, docHash("ok"));
    expect(await check(fx, laptop)).to.equal(0n);
    // an unregistered id has no code, and nothing but its own entry decides
    expect(await check(fx, laptop, { productId: TEA })).to.equal(0n);
  });

  it("lets the escrow's default arbiter pass without the arbiter role", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const signature = await signConsent(fx.registry, fx.seller, fx.escrow.address, ORDER);
    for (const arbiter of [fx.stranger.address, fx.buyer.address]) {
      expect(await check(fx, signature, { arbiter, namedDefault: true })).to.equal(0n);
    }
  });

  it("reverts ArbiterNotRegistered for an arbiter that is not an active registered arbiter", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, registrar, arbiter, buyer, stranger } = fx;
    const { errors } = fx;
    const signature = await signConsent(registry, fx.seller, fx.escrow.address, ORDER);
    for (const named of [stranger.address, buyer.address]) {
      await expect(check(fx, signature, { arbiter: named }))
        .to.be.revertedWithCustomError(errors, "ArbiterNotRegistered")
        .withArgs(named);
    }
    await registry.connect(registrar).suspendParticipant(arbiter.address, docHash("r"));
    await expect(check(fx, signature))
      .to.be.revertedWithCustomError(errors, "ArbiterNotRegistered")
      .withArgs(arbiter.address);
  });

  it("reverts SellerNotActive for a seller that is unknown, not a seller, or suspended", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, registrar, seller, buyer, stranger } = fx;
    const { errors } = fx;
    for (const named of [stranger, buyer]) {
      const signature = await signConsent(registry, named, fx.escrow.address, ORDER);
      await expect(check(fx, signature, { seller: named.address }))
        .to.be.revertedWithCustomError(errors, "SellerNotActive")
        .withArgs(named.address);
    }
    const signature = await signConsent(registry, seller, fx.escrow.address, ORDER);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("r"));
    await expect(check(fx, signature))
      .to.be.revertedWithCustomError(errors, "SellerNotActive")
      .withArgs(seller.address);
  });

  it("reverts ProductNegativeListed for an own Negative entry or a Negative tariff prefix", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, customsPK, seller } = fx;
    const { errors } = fx;
    await registry.connect(seller).registerProduct(DRONE, DRONE_HS, docHash("drone"));
    await registry.connect(customsPK).setTariffCodeListing(PK, 4, 8806, Negative, 0, docHash("r"));
    await registry.connect(customsPK).setListing(PK, LAPTOP, Negative, 0, docHash("ban"));
    const signature = await signConsent(registry, seller, fx.escrow.address, ORDER);
    for (const productId of [LAPTOP, DRONE]) {
      await expect(check(fx, signature, { productId }))
        .to.be.revertedWithCustomError(errors, "ProductNegativeListed")
        .withArgs(PK, productId);
      // the ban is PK's alone
      expect(await check(fx, signature, { productId, destination: DE })).to.equal(0n);
    }
    // an own Positive entry overrides the heading
    await registry.connect(customsPK).setListing(PK, DRONE, Positive, 0, docHash("ok"));
    expect(await check(fx, signature, { productId: DRONE })).to.equal(0n);
  });

  it("reverts SellerSignatureMissing for empty bytes", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    await expect(check(fx, "0x"))
      .to.be.revertedWithCustomError(fx.errors, "SellerSignatureMissing")
      .withArgs(ORDER, fx.seller.address);
  });

  it("reverts SellerSignatureInvalid naming a stranger who signed", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const signature = await signConsent(fx.registry, fx.stranger, fx.escrow.address, ORDER);
    await expect(check(fx, signature))
      .to.be.revertedWithCustomError(fx.errors, "SellerSignatureInvalid")
      .withArgs(ORDER, fx.seller.address, fx.stranger.address);
  });

  it("reverts for the seller's consent to another order, or to the same order of another escrow", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, seller, escrow, stranger } = fx;
    const { errors } = fx;
    const cases: [string, string][] = [
      [escrow.address, OTHER_ORDER],
      [stranger.address, ORDER],
    ];
    for (const [signedEscrow, signedOrder] of cases) {
      const signature = await signConsent(registry, seller, signedEscrow, signedOrder);
      // what the registry recovers is some other address: the digest it checks is escrow's ORDER
      const recovered = ethers.recoverAddress(
        await registry.sellerConsentDigest(escrow.address, ORDER),
        signature,
      );
      expect(recovered).to.not.equal(seller.address);
      await expect(check(fx, signature))
        .to.be.revertedWithCustomError(errors, "SellerSignatureInvalid")
        .withArgs(ORDER, seller.address, recovered);
    }
    // the same signature is good when the escrow it names calls
    const signature = await signConsent(registry, seller, stranger.address, ORDER);
    expect(
      await registry
        .connect(stranger)
        .checkNewOrder(seller.address, fx.arbiter.address, false, PK, LAPTOP, ORDER, signature),
    ).to.equal(0n);
  });

  it("reverts SellerSignatureInvalid with a zero signer when nothing can be recovered", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, seller, escrow } = fx;
    const { errors } = fx;
    const good = ethers.Signature.from(await signConsent(registry, seller, escrow.address, ORDER));
    // the same signature with s flipped to the high half: malleable, refused by ECDSA
    const n = BigInt("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    const highS = ethers.concat([
      good.r,
      ethers.toBeHex(n - BigInt(good.s), 32),
      ethers.toBeHex(good.v === 27 ? 28 : 27, 1),
    ]);
    for (const signature of ["0x1234", ethers.hexlify(new Uint8Array(65)), highS]) {
      await expect(check(fx, signature))
        .to.be.revertedWithCustomError(errors, "SellerSignatureInvalid")
        .withArgs(ORDER, seller.address, ethers.ZeroAddress);
    }
  });

  it("checks in order: arbiter, seller, destination list, then consent", async function () {
    const fx = await loadFixture(onboardedRegistryFixture);
    const { registry, customsPK, stranger } = fx;
    const { errors } = fx;
    await registry.connect(customsPK).setListing(PK, LAPTOP, Negative, 0, docHash("ban"));
    const bad = { arbiter: stranger.address, seller: stranger.address };
    await expect(check(fx, "0x", bad))
      .to.be.revertedWithCustomError(errors, "ArbiterNotRegistered")
      .withArgs(stranger.address);
    await expect(check(fx, "0x", { seller: stranger.address }))
      .to.be.revertedWithCustomError(errors, "SellerNotActive")
      .withArgs(stranger.address);
    await expect(check(fx, "0x"))
      .to.be.revertedWithCustomError(errors, "ProductNegativeListed")
      .withArgs(PK, LAPTOP);
    await expect(check(fx, "0x", { destination: DE }))
      .to.be.revertedWithCustomError(errors, "SellerSignatureMissing")
      .withArgs(ORDER, fx.seller.address);
  });
});
