import { expect } from "chai";

import {
  ADMIN_TRANSFER_DELAY,
  ALL_ROLES,
  CN,
  DE,
  KZ,
  PK,
  ROLE_ARBITER,
  ROLE_BUYER,
  ROLE_FX_PROVIDER,
  ROLE_LOGISTICS,
  ROLE_SELLER,
  deployRegistryFixture,
  docHash,
  ethers,
  networkHelpers,
  onboardedRegistryFixture,
  wiredEscrowFixture,
} from "../helpers/registry.js";

const { loadFixture, time } = networkHelpers;

describe("TradeRegistry.constructor", function () {
  it("makes the given account the default admin behind a two-day transfer delay", async function () {
    const { registry, admin } = await loadFixture(deployRegistryFixture);
    expect(await registry.defaultAdmin()).to.equal(admin.address);
    expect(await registry.defaultAdminDelay()).to.equal(ADMIN_TRANSFER_DELAY);
    expect(await registry.ADMIN_TRANSFER_DELAY()).to.equal(ADMIN_TRANSFER_DELAY);
    expect(await registry.REGISTRAR_ROLE()).to.equal(ethers.id("REGISTRAR_ROLE"));
    expect(await registry.MAX_JURISDICTION()).to.equal(999n);
  });

  it("reverts for a zero admin", async function () {
    const { registry } = await loadFixture(deployRegistryFixture);
    await expect(ethers.deployContract("TradeRegistry", [ethers.ZeroAddress]))
      .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin")
      .withArgs(ethers.ZeroAddress);
  });

  it("hands the admin over only after the delay and the new admin's acceptance", async function () {
    const { registry, admin, stranger } = await loadFixture(deployRegistryFixture);
    await registry.connect(admin).beginDefaultAdminTransfer(stranger.address);
    await expect(
      registry.connect(stranger).acceptDefaultAdminTransfer(),
    ).to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay");
    await time.increase(ADMIN_TRANSFER_DELAY + 1n);
    await registry.connect(stranger).acceptDefaultAdminTransfer();
    expect(await registry.defaultAdmin()).to.equal(stranger.address);
  });
});

describe("TradeRegistry.registerParticipant", function () {
  it("stores an active participant with its roles, jurisdiction, identity hash and time", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    const roles = ROLE_SELLER | ROLE_BUYER;
    await registry
      .connect(registrar)
      .registerParticipant(seller.address, roles, CN, docHash("kyc"));
    const participant = await registry.participantOf(seller.address);
    expect(participant.roles).to.equal(roles);
    expect(participant.jurisdiction).to.equal(CN);
    expect(participant.active).to.equal(true);
    expect(participant.registeredAt).to.equal(await time.latest());
    expect(participant.version).to.equal(1n);
    expect(participant.identityHash).to.equal(docHash("kyc"));
  });

  it("emits ParticipantRegistered with the registrar and version 1", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipant(seller.address, ROLE_SELLER, CN, docHash("kyc")),
    )
      .to.emit(registry, "ParticipantRegistered")
      .withArgs(seller.address, ROLE_SELLER, CN, docHash("kyc"), 1, registrar.address);
  });

  it("accepts the jurisdiction bounds 1 and 999 and every role at once", async function () {
    const { registry, registrar, seller, buyer } = await loadFixture(deployRegistryFixture);
    await registry
      .connect(registrar)
      .registerParticipant(seller.address, ALL_ROLES, 1, docHash("a"));
    await registry
      .connect(registrar)
      .registerParticipant(buyer.address, ROLE_BUYER, 999, docHash("b"));
    expect((await registry.participantOf(seller.address)).jurisdiction).to.equal(1n);
    expect((await registry.participantOf(buyer.address)).jurisdiction).to.equal(999n);
    expect(await registry.isActive(seller.address, ALL_ROLES)).to.equal(true);
  });

  it("reverts for a caller without the registrar role, the admin included", async function () {
    const { registry, admin, stranger, seller } = await loadFixture(deployRegistryFixture);
    const role = await registry.REGISTRAR_ROLE();
    for (const caller of [stranger, admin, seller]) {
      await expect(
        registry
          .connect(caller)
          .registerParticipant(seller.address, ROLE_SELLER, CN, docHash("kyc")),
      )
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, role);
    }
  });

  it("reverts for the zero address", async function () {
    const { registry, registrar } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipant(ethers.ZeroAddress, ROLE_SELLER, CN, docHash("kyc")),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
  });

  it("registers an FX provider (role bit 16) like any other role, active only in that role", async function () {
    const { registry, registrar, platform } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipant(platform.address, ROLE_FX_PROVIDER, PK, docHash("fx-kyc")),
    )
      .to.emit(registry, "ParticipantRegistered")
      .withArgs(platform.address, ROLE_FX_PROVIDER, PK, docHash("fx-kyc"), 1, registrar.address);
    expect((await registry.participantOf(platform.address)).roles).to.equal(16n);
    expect(await registry.isActive(platform.address, ROLE_FX_PROVIDER)).to.equal(true);
    expect(await registry.isActive(platform.address, ROLE_SELLER)).to.equal(false);
    expect(await registry.isActive(platform.address, ROLE_FX_PROVIDER | ROLE_BUYER)).to.equal(
      false,
    );
  });

  it("reverts for an empty roles mask and for undefined role bits (32 is the first)", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    for (const roles of [0, 32, 0x20 | ROLE_SELLER, 0x40, 0x80, 0xff]) {
      await expect(
        registry.connect(registrar).registerParticipant(seller.address, roles, CN, docHash("k")),
      )
        .to.be.revertedWithCustomError(registry, "InvalidRoles")
        .withArgs(roles);
    }
  });

  it("reverts for jurisdiction 0 and for codes above 999", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    for (const jurisdiction of [0, 1000, 65535]) {
      await expect(
        registry
          .connect(registrar)
          .registerParticipant(seller.address, ROLE_SELLER, jurisdiction, docHash("k")),
      )
        .to.be.revertedWithCustomError(registry, "InvalidJurisdiction")
        .withArgs(jurisdiction);
    }
  });

  it("reverts for a zero identity hash", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipant(seller.address, ROLE_SELLER, CN, ethers.ZeroHash),
    )
      .to.be.revertedWithCustomError(registry, "ZeroIdentityHash")
      .withArgs(seller.address);
  });

  it("reverts when the account is already registered, even if suspended", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipant(seller.address, ROLE_BUYER, PK, docHash("again")),
    )
      .to.be.revertedWithCustomError(registry, "ParticipantAlreadyRegistered")
      .withArgs(seller.address);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("fraud"));
    await expect(
      registry
        .connect(registrar)
        .registerParticipant(seller.address, ROLE_BUYER, PK, docHash("again")),
    )
      .to.be.revertedWithCustomError(registry, "ParticipantAlreadyRegistered")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.registerParticipants", function () {
  it("onboards every account of the batch and emits one event each", async function () {
    const { registry, registrar, seller, buyer, logistics } =
      await loadFixture(deployRegistryFixture);
    const tx = registry
      .connect(registrar)
      .registerParticipants(
        [seller.address, buyer.address, logistics.address],
        [ROLE_SELLER, ROLE_BUYER, ROLE_LOGISTICS],
        [CN, PK, KZ],
        [docHash("s"), docHash("b"), docHash("l")],
      );
    await expect(tx)
      .to.emit(registry, "ParticipantRegistered")
      .withArgs(seller.address, ROLE_SELLER, CN, docHash("s"), 1, registrar.address);
    await expect(tx)
      .to.emit(registry, "ParticipantRegistered")
      .withArgs(buyer.address, ROLE_BUYER, PK, docHash("b"), 1, registrar.address);
    await expect(tx)
      .to.emit(registry, "ParticipantRegistered")
      .withArgs(logistics.address, ROLE_LOGISTICS, KZ, docHash("l"), 1, registrar.address);
    expect(await registry.isActive(seller.address, ROLE_SELLER)).to.equal(true);
    expect(await registry.isActive(buyer.address, ROLE_BUYER)).to.equal(true);
    expect(await registry.isActive(logistics.address, ROLE_LOGISTICS)).to.equal(true);
    expect((await registry.participantOf(logistics.address)).jurisdiction).to.equal(KZ);
  });

  it("reverts for a caller without the registrar role", async function () {
    const { registry, stranger, seller } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(stranger)
        .registerParticipants([seller.address], [ROLE_SELLER], [CN], [docHash("s")]),
    )
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
      .withArgs(stranger.address, await registry.REGISTRAR_ROLE());
  });

  it("reverts for an empty batch", async function () {
    const { registry, registrar } = await loadFixture(deployRegistryFixture);
    await expect(
      registry.connect(registrar).registerParticipants([], [], [], []),
    ).to.be.revertedWithCustomError(registry, "EmptyBatch");
  });

  it("reverts when any array's length differs from the accounts'", async function () {
    const { registry, registrar, seller, buyer } = await loadFixture(deployRegistryFixture);
    const accounts = [seller.address, buyer.address];
    const roles = [ROLE_SELLER, ROLE_BUYER];
    const jurisdictions = [CN, PK];
    const hashes = [docHash("s"), docHash("b")];
    const r = registry.connect(registrar);
    await expect(r.registerParticipants(accounts, [ROLE_SELLER], jurisdictions, hashes))
      .to.be.revertedWithCustomError(registry, "LengthMismatch")
      .withArgs(2, 1);
    await expect(r.registerParticipants(accounts, roles, [CN, PK, DE], hashes))
      .to.be.revertedWithCustomError(registry, "LengthMismatch")
      .withArgs(2, 3);
    await expect(r.registerParticipants(accounts, roles, jurisdictions, []))
      .to.be.revertedWithCustomError(registry, "LengthMismatch")
      .withArgs(2, 0);
  });

  it("is all or nothing: one bad entry reverts the whole batch", async function () {
    const { registry, registrar, seller, buyer } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipants(
          [buyer.address, seller.address],
          [ROLE_BUYER, 0],
          [PK, CN],
          [docHash("b"), docHash("s")],
        ),
    )
      .to.be.revertedWithCustomError(registry, "InvalidRoles")
      .withArgs(0);
    expect((await registry.participantOf(buyer.address)).registeredAt).to.equal(0n);
  });

  it("reverts when the batch names the same account twice", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    await expect(
      registry
        .connect(registrar)
        .registerParticipants(
          [seller.address, seller.address],
          [ROLE_SELLER, ROLE_BUYER],
          [CN, CN],
          [docHash("1"), docHash("2")],
        ),
    )
      .to.be.revertedWithCustomError(registry, "ParticipantAlreadyRegistered")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.updateParticipant", function () {
  it("replaces roles, jurisdiction and identity hash, bumps the version, keeps registeredAt", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    const before = await registry.participantOf(seller.address);
    const roles = ROLE_SELLER | ROLE_LOGISTICS;
    await expect(
      registry.connect(registrar).updateParticipant(seller.address, roles, DE, docHash("new-kyc")),
    )
      .to.emit(registry, "ParticipantUpdated")
      .withArgs(seller.address, roles, DE, docHash("new-kyc"), 2, registrar.address);
    const after = await registry.participantOf(seller.address);
    expect(after.roles).to.equal(roles);
    expect(after.jurisdiction).to.equal(DE);
    expect(after.identityHash).to.equal(docHash("new-kyc"));
    expect(after.version).to.equal(2n);
    expect(after.registeredAt).to.equal(before.registeredAt);
    expect(after.active).to.equal(true);
  });

  it("leaves a suspended participant suspended", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("audit"));
    await registry
      .connect(registrar)
      .updateParticipant(seller.address, ROLE_SELLER, CN, docHash("kyc-2"));
    expect((await registry.participantOf(seller.address)).active).to.equal(false);
    expect(await registry.isActive(seller.address, ROLE_SELLER)).to.equal(false);
  });

  it("reverts for a caller without the registrar role", async function () {
    const { registry, admin, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(admin).updateParticipant(seller.address, ROLE_SELLER, CN, docHash("k")),
    )
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
      .withArgs(admin.address, await registry.REGISTRAR_ROLE());
  });

  it("reverts for an unknown account, the zero address included", async function () {
    const { registry, registrar, stranger } = await loadFixture(onboardedRegistryFixture);
    for (const account of [stranger.address, ethers.ZeroAddress]) {
      await expect(
        registry.connect(registrar).updateParticipant(account, ROLE_SELLER, CN, docHash("k")),
      )
        .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
        .withArgs(account);
    }
  });

  it("reverts for invalid roles, jurisdiction or identity hash", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    const r = registry.connect(registrar);
    for (const roles of [0, 32]) {
      await expect(r.updateParticipant(seller.address, roles, CN, docHash("k")))
        .to.be.revertedWithCustomError(registry, "InvalidRoles")
        .withArgs(roles);
    }
    await expect(r.updateParticipant(seller.address, ROLE_SELLER, 1000, docHash("k")))
      .to.be.revertedWithCustomError(registry, "InvalidJurisdiction")
      .withArgs(1000);
    await expect(r.updateParticipant(seller.address, ROLE_SELLER, CN, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "ZeroIdentityHash")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.suspendParticipant", function () {
  it("deactivates the participant and emits the reason hash and version", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(registrar).suspendParticipant(seller.address, docHash("fraud-report")),
    )
      .to.emit(registry, "ParticipantSuspended")
      .withArgs(seller.address, docHash("fraud-report"), 2, registrar.address);
    const participant = await registry.participantOf(seller.address);
    expect(participant.active).to.equal(false);
    expect(participant.version).to.equal(2n);
    expect(participant.roles).to.equal(ROLE_SELLER);
    expect(await registry.isActive(seller.address, ROLE_SELLER)).to.equal(false);
  });

  it("reverts for a caller without the registrar role", async function () {
    const { registry, stranger, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(stranger).suspendParticipant(seller.address, docHash("r")))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
      .withArgs(stranger.address, await registry.REGISTRAR_ROLE());
  });

  it("reverts for an unknown account", async function () {
    const { registry, registrar, stranger } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(registrar).suspendParticipant(stranger.address, docHash("r")))
      .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
      .withArgs(stranger.address);
  });

  it("reverts when the participant is already suspended", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("r"));
    await expect(registry.connect(registrar).suspendParticipant(seller.address, docHash("r2")))
      .to.be.revertedWithCustomError(registry, "ParticipantAlreadySuspended")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.reinstateParticipant", function () {
  it("reactivates a suspended participant and emits the version", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("r"));
    await expect(registry.connect(registrar).reinstateParticipant(seller.address))
      .to.emit(registry, "ParticipantReinstated")
      .withArgs(seller.address, 3, registrar.address);
    expect(await registry.isActive(seller.address, ROLE_SELLER)).to.equal(true);
    expect((await registry.participantOf(seller.address)).version).to.equal(3n);
  });

  it("reverts for a caller without the registrar role", async function () {
    const { registry, registrar, seller, stranger } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("r"));
    await expect(registry.connect(stranger).reinstateParticipant(seller.address))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
      .withArgs(stranger.address, await registry.REGISTRAR_ROLE());
  });

  it("reverts for an unknown account", async function () {
    const { registry, registrar, stranger } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(registrar).reinstateParticipant(stranger.address))
      .to.be.revertedWithCustomError(registry, "ParticipantNotRegistered")
      .withArgs(stranger.address);
  });

  it("reverts when the participant is not suspended", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(registrar).reinstateParticipant(seller.address))
      .to.be.revertedWithCustomError(registry, "ParticipantNotSuspended")
      .withArgs(seller.address);
  });
});

describe("TradeRegistry.isActive", function () {
  it("is true only when active and holding every bit of the mask", async function () {
    const { registry, registrar, seller } = await loadFixture(deployRegistryFixture);
    await registry
      .connect(registrar)
      .registerParticipant(seller.address, ROLE_SELLER | ROLE_BUYER, CN, docHash("k"));
    expect(await registry.isActive(seller.address, ROLE_SELLER)).to.equal(true);
    expect(await registry.isActive(seller.address, ROLE_BUYER)).to.equal(true);
    expect(await registry.isActive(seller.address, ROLE_SELLER | ROLE_BUYER)).to.equal(true);
    expect(await registry.isActive(seller.address, ROLE_SELLER | ROLE_ARBITER)).to.equal(false);
    expect(await registry.isActive(seller.address, ROLE_LOGISTICS)).to.equal(false);
  });

  it("with an empty mask answers only whether the account is active", async function () {
    const { registry, registrar, seller, stranger } = await loadFixture(onboardedRegistryFixture);
    expect(await registry.isActive(seller.address, 0)).to.equal(true);
    expect(await registry.isActive(stranger.address, 0)).to.equal(false);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("r"));
    expect(await registry.isActive(seller.address, 0)).to.equal(false);
  });

  it("is false for unknown accounts", async function () {
    const { registry, stranger } = await loadFixture(onboardedRegistryFixture);
    expect(await registry.isActive(stranger.address, ROLE_BUYER)).to.equal(false);
    expect(await registry.isActive(ethers.ZeroAddress, ROLE_BUYER)).to.equal(false);
  });
});

describe("TradeRegistry.isSuspended", function () {
  it("is true only while a registered participant is suspended", async function () {
    const { registry, registrar, seller } = await loadFixture(onboardedRegistryFixture);
    expect(await registry.isSuspended(seller.address)).to.equal(false);
    await registry.connect(registrar).suspendParticipant(seller.address, docHash("r"));
    expect(await registry.isSuspended(seller.address)).to.equal(true);
    await registry.connect(registrar).reinstateParticipant(seller.address);
    expect(await registry.isSuspended(seller.address)).to.equal(false);
  });

  it("is false for unknown accounts, which are unregistered rather than suspended", async function () {
    const { registry, stranger } = await loadFixture(onboardedRegistryFixture);
    expect(await registry.isSuspended(stranger.address)).to.equal(false);
    expect(await registry.isSuspended(ethers.ZeroAddress)).to.equal(false);
  });
});

describe("TradeRegistry.participantOf", function () {
  it("returns an all-zero record for an unknown account", async function () {
    const { registry, stranger } = await loadFixture(deployRegistryFixture);
    const participant = await registry.participantOf(stranger.address);
    expect(participant.roles).to.equal(0n);
    expect(participant.jurisdiction).to.equal(0n);
    expect(participant.active).to.equal(false);
    expect(participant.registeredAt).to.equal(0n);
    expect(participant.version).to.equal(0n);
    expect(participant.identityHash).to.equal(ethers.ZeroHash);
  });
});

describe("TradeRegistry suspensions reach the wired escrow (syncDefaultArbiter)", function () {
  it("tells the escrow its default arbiter is suspended, then reinstated", async function () {
    const { registry, registrar, arbiter, realEscrow } = await loadFixture(wiredEscrowFixture);
    await expect(registry.connect(registrar).suspendParticipant(arbiter.address, docHash("r")))
      .to.emit(realEscrow, "DefaultArbiterStanding")
      .withArgs(arbiter.address, true);
    await expect(registry.connect(registrar).reinstateParticipant(arbiter.address))
      .to.emit(realEscrow, "DefaultArbiterStanding")
      .withArgs(arbiter.address, false);
  });

  it("changes nothing in the escrow when someone else is suspended or reinstated", async function () {
    const { registry, registrar, seller, realEscrow } = await loadFixture(wiredEscrowFixture);
    await expect(
      registry.connect(registrar).suspendParticipant(seller.address, docHash("r")),
    ).to.not.emit(realEscrow, "DefaultArbiterStanding");
    await expect(registry.connect(registrar).reinstateParticipant(seller.address)).to.not.emit(
      realEscrow,
      "DefaultArbiterStanding",
    );
  });

  it("skips an escrow address without code, and a registry with no escrow set", async function () {
    const wired = await loadFixture(onboardedRegistryFixture);
    expect(await ethers.provider.getCode(wired.escrow.address)).to.equal("0x");
    await expect(
      wired.registry
        .connect(wired.registrar)
        .suspendParticipant(wired.arbiter.address, docHash("r")),
    ).to.emit(wired.registry, "ParticipantSuspended");
    await expect(
      wired.registry.connect(wired.registrar).reinstateParticipant(wired.arbiter.address),
    ).to.emit(wired.registry, "ParticipantReinstated");

    const bare = await loadFixture(deployRegistryFixture);
    await bare.registry
      .connect(bare.registrar)
      .registerParticipant(bare.arbiter.address, ROLE_ARBITER, DE, docHash("k"));
    await expect(
      bare.registry.connect(bare.registrar).suspendParticipant(bare.arbiter.address, docHash("r")),
    ).to.emit(bare.registry, "ParticipantSuspended");
  });
});
