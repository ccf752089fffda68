import { expect } from "chai";

import {
  CN,
  DE,
  DRONE,
  LAPTOP,
  LAPTOP_HS,
  PK,
  ROLE_BUYER,
  ROLE_SELLER,
  TEA,
  TEA_HS,
  deployRegistryFixture,
  docHash,
  ethers,
  networkHelpers,
  onboardedRegistryFixture,
  signConsent,
  wiredEscrowFixture,
} from "../helpers/registry.js";

const { loadFixture, time } = networkHelpers;

describe("TradeRegistry.setCustomsAuthority", function () {
  it("grants authority, counts it and makes customs required", async function () {
    const { registry, admin, customsPK } = await loadFixture(deployRegistryFixture);
    expect(await registry.customsRequired(PK)).to.equal(false);
    await expect(registry.connect(admin).setCustomsAuthority(PK, customsPK.address, true))
      .to.emit(registry, "CustomsAuthoritySet")
      .withArgs(PK, customsPK.address, true, 1, admin.address);
    expect(await registry.isCustomsAuthority(PK, customsPK.address)).to.equal(true);
    expect(await registry.customsAuthorityCount(PK)).to.equal(1n);
    expect(await registry.customsRequired(PK)).to.equal(true);
    expect(await registry.customsRequired(CN)).to.equal(false);
    expect(await registry.isCustomsAuthority(CN, customsPK.address)).to.equal(false);
  });

  it("counts several authorities and keeps customs required until the last is revoked", async function () {
    const { registry, admin, customsPK, stranger } = await loadFixture(deployRegistryFixture);
    const a = registry.connect(admin);
    await a.setCustomsAuthority(PK, customsPK.address, true);
    await expect(a.setCustomsAuthority(PK, stranger.address, true))
      .to.emit(registry, "CustomsAuthoritySet")
      .withArgs(PK, stranger.address, true, 2, admin.address);
    await expect(a.setCustomsAuthority(PK, customsPK.address, false))
      .to.emit(registry, "CustomsAuthoritySet")
      .withArgs(PK, customsPK.address, false, 1, admin.address);
    expect(await registry.isCustomsAuthority(PK, customsPK.address)).to.equal(false);
    expect(await registry.customsRequired(PK)).to.equal(true);
    await a.setCustomsAuthority(PK, stranger.address, false);
    expect(await registry.customsAuthorityCount(PK)).to.equal(0n);
    expect(await registry.customsRequired(PK)).to.equal(false);
  });

  it("lets one account be the authority of several jurisdictions independently", async function () {
    const { registry, admin, customsPK } = await loadFixture(deployRegistryFixture);
    await registry.connect(admin).setCustomsAuthority(PK, customsPK.address, true);
    await registry.connect(admin).setCustomsAuthority(DE, customsPK.address, true);
    await registry.connect(admin).setCustomsAuthority(PK, customsPK.address, false);
    expect(await registry.isCustomsAuthority(DE, customsPK.address)).to.equal(true);
    expect(await registry.customsRequired(DE)).to.equal(true);
    expect(await registry.customsRequired(PK)).to.equal(false);
  });

  it("reverts for a caller that is not the admin, a registrar included", async function () {
    const { registry, registrar, stranger, customsPK } = await loadFixture(deployRegistryFixture);
    for (const caller of [registrar, stranger, customsPK]) {
      await expect(registry.connect(caller).setCustomsAuthority(PK, customsPK.address, true))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, ethers.ZeroHash);
    }
  });

  it("reverts for an invalid jurisdiction", async function () {
    const { registry, admin, customsPK } = await loadFixture(deployRegistryFixture);
    for (const jurisdiction of [0, 1000]) {
      await expect(
        registry.connect(admin).setCustomsAuthority(jurisdiction, customsPK.address, true),
      )
        .to.be.revertedWithCustomError(registry, "InvalidJurisdiction")
        .withArgs(jurisdiction);
    }
  });

  it("reverts for the zero address", async function () {
    const { registry, admin } = await loadFixture(deployRegistryFixture);
    await expect(
      registry.connect(admin).setCustomsAuthority(PK, ethers.ZeroAddress, true),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
  });

  it("reverts when granting twice or revoking a non-authority", async function () {
    const { registry, admin, customsPK, stranger } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(admin).setCustomsAuthority(PK, customsPK.address, true))
      .to.be.revertedWithCustomError(registry, "CustomsAuthorityUnchanged")
      .withArgs(PK, customsPK.address, true);
    await expect(registry.connect(admin).setCustomsAuthority(PK, stranger.address, false))
      .to.be.revertedWithCustomError(registry, "CustomsAuthorityUnchanged")
      .withArgs(PK, stranger.address, false);
    expect(await registry.customsAuthorityCount(PK)).to.equal(1n);
  });
});

describe("TradeRegistry.registerProduct", function () {
  it("records the active seller as owner with metadata version 1", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(seller).registerProduct(TEA, TEA_HS, docHash("tea-coa")))
      .to.emit(registry, "ProductRegistered")
      .withArgs(TEA, seller.address, TEA_HS, docHash("tea-coa"));
    const product = await registry.productOf(TEA);
    expect(product.owner).to.equal(seller.address);
    expect(product.registeredAt).to.equal(await time.latest());
    expect(product.metadataVersion).to.equal(1n);
    expect(product.metadataHash).to.equal(docHash("tea-coa"));
    expect(product.hsCode).to.equal(TEA_HS);
    expect(product.hsCodeVersion).to.equal(1n);
    expect(product.complaintCount).to.equal(0n);
  });

  it("accepts the lowest and highest 8-digit codes (chapters 01 and 99)", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(seller).registerProduct(TEA, 1_000_000, docHash("m"));
    await registry.connect(seller).registerProduct(DRONE, 99_999_999, docHash("m"));
    expect((await registry.productOf(TEA)).hsCode).to.equal(1_000_000n);
    expect((await registry.productOf(DRONE)).hsCode).to.equal(99_999_999n);
  });

  it("reverts for a code that is zero, of chapter 00 or longer than 8 digits, naming it", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    for (const code of [0, 8806, 999_999, 100_000_000, 4_294_967_295]) {
      await expect(registry.connect(seller).registerProduct(TEA, code, docHash("m")))
        .to.be.revertedWithCustomError(registry, "InvalidHsCode")
        .withArgs(code);
    }
  });

  it("reverts for a zero product id", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(seller).registerProduct(ethers.ZeroHash, TEA_HS, docHash("m")),
    ).to.be.revertedWithCustomError(registry, "ZeroProductId");
  });

  it("reverts for a zero metadata hash", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(seller).registerProduct(TEA, TEA_HS, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "ZeroMetadataHash")
      .withArgs(TEA);
  });

  it("reverts for unregistered accounts and participants without the seller role", async function () {
    const { registry, stranger, buyer, customsPK } = await loadFixture(onboardedRegistryFixture);
    for (const caller of [stranger, buyer, customsPK]) {
      await expect(registry.connect(caller).registerProduct(TEA, TEA_HS, docHash("m")))
        .to.be.revertedWithCustomError(registry, "SellerNotActive")
        .withArgs(caller.address);
    }
  });

  it("reverts for a suspended seller", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("audit"));
    await expect(registry.connect(seller).registerProduct(TEA, TEA_HS, docHash("m")))
      .to.be.revertedWithCustomError(registry, "SellerNotActive")
      .withArgs(seller.address);
  });

  it("reverts when the product is already registered, naming its owner", async function () {
    const { registry, registrar, seller, stranger } = await loadFixture(onboardedRegistryFixture);
    await registry
      .connect(registrar)
      .registerParticipant(stranger.address, ROLE_SELLER, PK, docHash("k"));
    for (const caller of [seller, stranger]) {
      await expect(registry.connect(caller).registerProduct(LAPTOP, LAPTOP_HS, docHash("copy")))
        .to.be.revertedWithCustomError(registry, "ProductAlreadyRegistered")
        .withArgs(LAPTOP, seller.address);
    }
  });
});

describe("TradeRegistry.updateProductMetadata", function () {
  it("lets the owner commit new documents and bumps the metadata version", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    const registeredAt = (await registry.productOf(LAPTOP)).registeredAt;
    await expect(registry.connect(seller).updateProductMetadata(LAPTOP, docHash("laptop-v2")))
      .to.emit(registry, "ProductMetadataUpdated")
      .withArgs(LAPTOP, seller.address, docHash("laptop-v2"), 2);
    await expect(registry.connect(seller).updateProductMetadata(LAPTOP, docHash("laptop-v3")))
      .to.emit(registry, "ProductMetadataUpdated")
      .withArgs(LAPTOP, seller.address, docHash("laptop-v3"), 3);
    const product = await registry.productOf(LAPTOP);
    expect(product.metadataHash).to.equal(docHash("laptop-v3"));
    expect(product.metadataVersion).to.equal(3n);
    expect(product.registeredAt).to.equal(registeredAt);
    expect(product.owner).to.equal(seller.address);
  });

  it("reverts for an unregistered product", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(seller).updateProductMetadata(TEA, docHash("m")))
      .to.be.revertedWithCustomError(registry, "ProductNotRegistered")
      .withArgs(TEA);
  });

  it("reverts for anyone but the owner, another seller included", async function () {
    const { registry, registrar, seller, stranger, admin } =
      await loadFixture(onboardedRegistryFixture);
    await registry
      .connect(registrar)
      .registerParticipant(stranger.address, ROLE_SELLER, PK, docHash("k"));
    for (const caller of [stranger, admin]) {
      await expect(registry.connect(caller).updateProductMetadata(LAPTOP, docHash("m")))
        .to.be.revertedWithCustomError(registry, "CallerNotProductOwner")
        .withArgs(LAPTOP, caller.address, seller.address);
    }
  });

  it("reverts for a zero metadata hash", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(seller).updateProductMetadata(LAPTOP, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "ZeroMetadataHash")
      .withArgs(LAPTOP);
  });

  it("reverts while the owner is suspended or no longer holds the seller role", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("audit"));
    await expect(registry.connect(seller).updateProductMetadata(LAPTOP, docHash("m")))
      .to.be.revertedWithCustomError(registry, "SellerNotActive")
      .withArgs(seller.address);
    await registry.connect(registrar).reinstateParticipant(seller.address);
    await registry
      .connect(registrar)
      .updateParticipant(seller.address, ROLE_BUYER, CN, docHash("k"));
    await expect(registry.connect(seller).updateProductMetadata(LAPTOP, docHash("m")))
      .to.be.revertedWithCustomError(registry, "SellerNotActive")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.reclassifyProduct", function () {
  it("lets the owner re-classify the product and bumps the HS code version", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    const before = await registry.productOf(LAPTOP);
    await expect(registry.connect(seller).reclassifyProduct(LAPTOP, 84714100))
      .to.emit(registry, "ProductHsCodeUpdated")
      .withArgs(LAPTOP, seller.address, LAPTOP_HS, 84714100, 2);
    await expect(registry.connect(seller).reclassifyProduct(LAPTOP, 84715000))
      .to.emit(registry, "ProductHsCodeUpdated")
      .withArgs(LAPTOP, seller.address, 84714100, 84715000, 3);
    const product = await registry.productOf(LAPTOP);
    expect(product.hsCode).to.equal(84715000n);
    expect(product.hsCodeVersion).to.equal(3n);
    expect(product.metadataHash).to.equal(before.metadataHash);
    expect(product.metadataVersion).to.equal(before.metadataVersion);
    expect(product.registeredAt).to.equal(before.registeredAt);
  });

  it("keeps the complaint count packed beside the code", async function () {
    const { registry, seller, escrow, buyer } = await loadFixture(onboardedRegistryFixture);
    await registry
      .connect(escrow)
      .recordComplaint(LAPTOP, ethers.id("o"), seller.address, buyer.address, docHash("e"), 5, 0);
    await registry.connect(seller).reclassifyProduct(LAPTOP, 84714100);
    const product = await registry.productOf(LAPTOP);
    expect(product.complaintCount).to.equal(1n);
    expect(product.hsCode).to.equal(84714100n);
  });

  it("reverts for an unregistered product", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(seller).reclassifyProduct(TEA, TEA_HS))
      .to.be.revertedWithCustomError(registry, "ProductNotRegistered")
      .withArgs(TEA);
  });

  it("reverts for anyone but the owner, another seller included", async function () {
    const { registry, registrar, seller, stranger, admin } =
      await loadFixture(onboardedRegistryFixture);
    await registry
      .connect(registrar)
      .registerParticipant(stranger.address, ROLE_SELLER, PK, docHash("k"));
    for (const caller of [stranger, admin]) {
      await expect(registry.connect(caller).reclassifyProduct(LAPTOP, 84714100))
        .to.be.revertedWithCustomError(registry, "CallerNotProductOwner")
        .withArgs(LAPTOP, caller.address, seller.address);
    }
  });

  it("reverts for an invalid code, naming it", async function () {
    const { registry, seller } = await loadFixture(onboardedRegistryFixture);
    for (const code of [0, 847130, 100_000_000]) {
      await expect(registry.connect(seller).reclassifyProduct(LAPTOP, code))
        .to.be.revertedWithCustomError(registry, "InvalidHsCode")
        .withArgs(code);
    }
  });

  it("reverts while the owner is suspended", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("audit"));
    await expect(registry.connect(seller).reclassifyProduct(LAPTOP, 84714100))
      .to.be.revertedWithCustomError(registry, "SellerNotActive")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.productOf", function () {
  it("returns a zero owner for an unregistered product", async function () {
    const { registry } = await loadFixture(onboardedRegistryFixture);
    const product = await registry.productOf(DRONE);
    expect(product.owner).to.equal(ethers.ZeroAddress);
    expect(product.metadataVersion).to.equal(0n);
    expect(product.metadataHash).to.equal(ethers.ZeroHash);
    expect(product.hsCode).to.equal(0n);
    expect(product.hsCodeVersion).to.equal(0n);
  });
});

describe("TradeRegistry.recordComplaint", function () {
  const ORDER_1 = ethers.id("order-1");
  const ORDER_2 = ethers.id("order-2");
  const AMOUNT = 1_000_000_000n;
  const FEE = 10_000_000n;

  it("counts the owner's sales on the product and emits order, seller, complainant, evidence, amount, fee and count", async function () {
    const { registry, escrow, buyer, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry
        .connect(escrow)
        .recordComplaint(
          LAPTOP,
          ORDER_1,
          seller.address,
          buyer.address,
          docHash("photos"),
          AMOUNT,
          FEE,
        ),
    )
      .to.emit(registry, "ComplaintRecorded")
      .withArgs(LAPTOP, ORDER_1, seller.address, buyer.address, docHash("photos"), AMOUNT, FEE, 1);
    await expect(
      registry
        .connect(escrow)
        .recordComplaint(LAPTOP, ORDER_2, seller.address, buyer.address, docHash("video"), 7, 0),
    )
      .to.emit(registry, "ComplaintRecorded")
      .withArgs(LAPTOP, ORDER_2, seller.address, buyer.address, docHash("video"), 7, 0, 2);
    expect((await registry.productOf(LAPTOP)).complaintCount).to.equal(2n);
    expect(await registry.complaintsOf(LAPTOP, seller.address)).to.equal(2n);
    expect((await registry.productOf(TEA)).complaintCount).to.equal(0n);
  });

  it("keeps another seller's complaints apart, per seller, off the owner's count", async function () {
    const { registry, escrow, buyer, seller, otherSeller, stranger } =
      await loadFixture(onboardedRegistryFixture);
    for (const [i, other] of [otherSeller, otherSeller, stranger].entries()) {
      const count = i < 2 ? i + 1 : 1;
      await expect(
        registry
          .connect(escrow)
          .recordComplaint(
            LAPTOP,
            ethers.id(`o-${i}`),
            other.address,
            buyer.address,
            docHash("e"),
            1,
            0,
          ),
      )
        .to.emit(registry, "ComplaintRecorded")
        .withArgs(
          LAPTOP,
          ethers.id(`o-${i}`),
          other.address,
          buyer.address,
          docHash("e"),
          1,
          0,
          count,
        );
    }
    expect((await registry.productOf(LAPTOP)).complaintCount).to.equal(0n);
    expect(await registry.complaintsOf(LAPTOP, seller.address)).to.equal(0n);
    expect(await registry.complaintsOf(LAPTOP, otherSeller.address)).to.equal(2n);
    expect(await registry.complaintsOf(LAPTOP, stranger.address)).to.equal(1n);
  });

  it("keeps complaints about an unregistered id per seller (the escrow refuses them; the registry does not)", async function () {
    const { registry, escrow, buyer, seller } = await loadFixture(onboardedRegistryFixture);
    await registry
      .connect(escrow)
      .recordComplaint(TEA, ORDER_1, seller.address, buyer.address, docHash("e"), 1, 0);
    expect((await registry.productOf(TEA)).complaintCount).to.equal(0n);
    expect((await registry.productOf(TEA)).owner).to.equal(ethers.ZeroAddress);
    expect(await registry.complaintsOf(TEA, seller.address)).to.equal(1n);
  });

  it("reverts for any caller but the current escrow, including before one is set", async function () {
    const fresh = await loadFixture(deployRegistryFixture);
    const args = (buyer: string, seller: string) =>
      [LAPTOP, ORDER_1, seller, buyer, docHash("e"), 1, 0] as const;
    await expect(
      fresh.registry
        .connect(fresh.escrow)
        .recordComplaint(...args(fresh.buyer.address, fresh.seller.address)),
    )
      .to.be.revertedWithCustomError(fresh.registry, "CallerNotEscrow")
      .withArgs(fresh.escrow.address);

    const { registry, admin, escrow, buyer, seller, stranger } =
      await loadFixture(onboardedRegistryFixture);
    for (const caller of [stranger, admin, buyer, seller]) {
      await expect(registry.connect(caller).recordComplaint(...args(buyer.address, seller.address)))
        .to.be.revertedWithCustomError(registry, "CallerNotEscrow")
        .withArgs(caller.address);
    }
    await registry.connect(admin).setEscrow(stranger.address);
    await expect(registry.connect(escrow).recordComplaint(...args(buyer.address, seller.address)))
      .to.be.revertedWithCustomError(registry, "CallerNotEscrow")
      .withArgs(escrow.address);
  });

  it("accepts the cross-currency escrow as well as the escrow, once the admin sets it", async function () {
    const { registry, admin, escrow, fxEscrow, buyer, seller } =
      await loadFixture(onboardedRegistryFixture);
    const complain = (by: typeof escrow, orderId: string) =>
      registry
        .connect(by)
        .recordComplaint(LAPTOP, orderId, seller.address, buyer.address, docHash("e"), 5, 1);
    await expect(complain(fxEscrow, ORDER_1))
      .to.be.revertedWithCustomError(registry, "CallerNotEscrow")
      .withArgs(fxEscrow.address);
    await registry.connect(admin).setFxEscrow(fxEscrow.address);
    await expect(complain(fxEscrow, ORDER_1))
      .to.emit(registry, "ComplaintRecorded")
      .withArgs(LAPTOP, ORDER_1, seller.address, buyer.address, docHash("e"), 5, 1, 1);
    await expect(complain(escrow, ORDER_2))
      .to.emit(registry, "ComplaintRecorded")
      .withArgs(LAPTOP, ORDER_2, seller.address, buyer.address, docHash("e"), 5, 1, 2);
    expect((await registry.productOf(LAPTOP)).complaintCount).to.equal(2n);
    expect(await registry.complaintsOf(LAPTOP, seller.address)).to.equal(2n);
  });

  it("reverts for a zero product id, a zero seller or a zero complainant", async function () {
    const { registry, escrow, buyer, seller } = await loadFixture(onboardedRegistryFixture);
    const by = registry.connect(escrow);
    await expect(
      by.recordComplaint(
        ethers.ZeroHash,
        ORDER_1,
        seller.address,
        buyer.address,
        docHash("e"),
        1,
        0,
      ),
    ).to.be.revertedWithCustomError(registry, "ZeroProductId");
    await expect(
      by.recordComplaint(LAPTOP, ORDER_1, ethers.ZeroAddress, buyer.address, docHash("e"), 1, 0),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
    await expect(
      by.recordComplaint(LAPTOP, ORDER_1, seller.address, ethers.ZeroAddress, docHash("e"), 1, 0),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
  });
});

describe("TradeRegistry complaints through the escrow: the issue's planted-complaints attack", function () {
  it("keeps seller 2's complaints on seller 1's product off seller 1's count", async function () {
    const fx = await loadFixture(wiredEscrowFixture);
    const { registry, realEscrow, escrowAddress, token, seller, otherSeller, otherBuyer, arbiter } =
      fx;
    const now = BigInt(await time.latest());
    for (let i = 0; i < 3; i++) {
      // seller 2 sells seller 1's laptop, one base unit, to its own buyer, where no customs apply
      const terms = {
        buyer: otherBuyer.address,
        seller: otherSeller.address,
        token: await token.getAddress(),
        amount: 1n,
        productId: LAPTOP,
        destination: DE,
        shipBy: now + 86_400n * 30n,
        confirmWindow: 86_400n * 14n,
        feeBps: 100n,
        arbiter: arbiter.address,
        ref: ethers.id(`planted-${i}`),
      };
      const orderId = await realEscrow.orderIdOf(terms);
      const signature = await signConsent(registry, otherSeller, escrowAddress, orderId);
      await realEscrow.connect(otherBuyer).createOrder(terms, signature);
      await realEscrow.connect(otherSeller).ship(terms, docHash("tracking"));
      await realEscrow.connect(otherBuyer).confirmReceipt(terms);
      await expect(realEscrow.connect(otherBuyer).fileComplaint(terms, docHash(`bad-${i}`)))
        .to.emit(registry, "ComplaintRecorded")
        .withArgs(
          LAPTOP,
          orderId,
          otherSeller.address,
          otherBuyer.address,
          docHash(`bad-${i}`),
          1n,
          0n,
          BigInt(i + 1),
        );
    }
    expect((await registry.productOf(LAPTOP)).complaintCount).to.equal(0n);
    expect(await registry.complaintsOf(LAPTOP, seller.address)).to.equal(0n);
    expect(await registry.complaintsOf(LAPTOP, otherSeller.address)).to.equal(3n);
  });
});
