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
      .recordComplaint(LAPTOP, ethers.id("o"), buyer.address, docHash("e"));
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

describe("TradeRegistry.setEscrow", function () {
  it("sets the escrow and emits the previous and new addresses", async function () {
    const { registry, admin, escrow, stranger } = await loadFixture(deployRegistryFixture);
    expect(await registry.escrow()).to.equal(ethers.ZeroAddress);
    await expect(registry.connect(admin).setEscrow(escrow.address))
      .to.emit(registry, "EscrowSet")
      .withArgs(ethers.ZeroAddress, escrow.address);
    await expect(registry.connect(admin).setEscrow(stranger.address))
      .to.emit(registry, "EscrowSet")
      .withArgs(escrow.address, stranger.address);
    expect(await registry.escrow()).to.equal(stranger.address);
  });

  it("reverts for a caller that is not the admin", async function () {
    const { registry, registrar, escrow } = await loadFixture(deployRegistryFixture);
    for (const caller of [registrar, escrow]) {
      await expect(registry.connect(caller).setEscrow(escrow.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, ethers.ZeroHash);
    }
  });

  it("reverts for the zero address", async function () {
    const { registry, admin } = await loadFixture(deployRegistryFixture);
    await expect(
      registry.connect(admin).setEscrow(ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
  });
});

describe("TradeRegistry.recordComplaint", function () {
  const ORDER_1 = ethers.id("order-1");
  const ORDER_2 = ethers.id("order-2");

  it("counts complaints per product and emits order, complainant, evidence and count", async function () {
    const { registry, escrow, buyer } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(escrow).recordComplaint(LAPTOP, ORDER_1, buyer.address, docHash("photos")),
    )
      .to.emit(registry, "ComplaintRecorded")
      .withArgs(LAPTOP, ORDER_1, buyer.address, docHash("photos"), 1);
    await expect(
      registry.connect(escrow).recordComplaint(LAPTOP, ORDER_2, buyer.address, docHash("video")),
    )
      .to.emit(registry, "ComplaintRecorded")
      .withArgs(LAPTOP, ORDER_2, buyer.address, docHash("video"), 2);
    expect((await registry.productOf(LAPTOP)).complaintCount).to.equal(2n);
    expect((await registry.productOf(TEA)).complaintCount).to.equal(0n);
  });

  it("counts complaints against unregistered ids, and registration keeps the count", async function () {
    const { registry, escrow, buyer, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(escrow).recordComplaint(TEA, ORDER_1, buyer.address, docHash("e"));
    expect((await registry.productOf(TEA)).complaintCount).to.equal(1n);
    expect((await registry.productOf(TEA)).owner).to.equal(ethers.ZeroAddress);
    await registry.connect(seller).registerProduct(TEA, TEA_HS, docHash("tea"));
    const product = await registry.productOf(TEA);
    expect(product.owner).to.equal(seller.address);
    expect(product.complaintCount).to.equal(1n);
  });

  it("reverts for any caller but the current escrow, including before one is set", async function () {
    const fresh = await loadFixture(deployRegistryFixture);
    await expect(
      fresh.registry
        .connect(fresh.escrow)
        .recordComplaint(LAPTOP, ORDER_1, fresh.buyer.address, docHash("e")),
    )
      .to.be.revertedWithCustomError(fresh.registry, "CallerNotEscrow")
      .withArgs(fresh.escrow.address);

    const { registry, admin, escrow, buyer, stranger } =
      await loadFixture(onboardedRegistryFixture);
    for (const caller of [stranger, admin, buyer]) {
      await expect(
        registry.connect(caller).recordComplaint(LAPTOP, ORDER_1, buyer.address, docHash("e")),
      )
        .to.be.revertedWithCustomError(registry, "CallerNotEscrow")
        .withArgs(caller.address);
    }
    await registry.connect(admin).setEscrow(stranger.address);
    await expect(
      registry.connect(escrow).recordComplaint(LAPTOP, ORDER_1, buyer.address, docHash("e")),
    )
      .to.be.revertedWithCustomError(registry, "CallerNotEscrow")
      .withArgs(escrow.address);
  });

  it("reverts for a zero product id or a zero complainant", async function () {
    const { registry, escrow, buyer } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry
        .connect(escrow)
        .recordComplaint(ethers.ZeroHash, ORDER_1, buyer.address, docHash("e")),
    ).to.be.revertedWithCustomError(registry, "ZeroProductId");
    await expect(
      registry.connect(escrow).recordComplaint(LAPTOP, ORDER_1, ethers.ZeroAddress, docHash("e")),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
  });
});
