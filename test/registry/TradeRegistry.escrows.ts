/**
 * The escrows the registry trusts: the single-currency escrow (`setEscrow`: it records complaints,
 * checks new orders and is told of the default arbiter's standing) and the cross-currency escrow
 * (`setFxEscrow`: it records complaints too). Both are set by the admin alone.
 */
import { expect } from "chai";

import { deployRegistryFixture, ethers, networkHelpers } from "../helpers/registry.js";

const { loadFixture } = networkHelpers;

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

describe("TradeRegistry.setFxEscrow", function () {
  it("sets the cross-currency escrow and emits the previous and new addresses", async function () {
    const { registry, admin, fxEscrow, stranger } = await loadFixture(deployRegistryFixture);
    expect(await registry.fxEscrow()).to.equal(ethers.ZeroAddress);
    await expect(registry.connect(admin).setFxEscrow(fxEscrow.address))
      .to.emit(registry, "FxEscrowSet")
      .withArgs(ethers.ZeroAddress, fxEscrow.address);
    expect(await registry.fxEscrow()).to.equal(fxEscrow.address);
    await expect(registry.connect(admin).setFxEscrow(stranger.address))
      .to.emit(registry, "FxEscrowSet")
      .withArgs(fxEscrow.address, stranger.address);
    expect(await registry.fxEscrow()).to.equal(stranger.address);
  });

  it("leaves the escrow as it is, and the escrow leaves it as it is", async function () {
    const { registry, admin, escrow, fxEscrow } = await loadFixture(deployRegistryFixture);
    await registry.connect(admin).setEscrow(escrow.address);
    await registry.connect(admin).setFxEscrow(fxEscrow.address);
    expect(await registry.escrow()).to.equal(escrow.address);
    await expect(registry.connect(admin).setEscrow(fxEscrow.address)).to.not.emit(
      registry,
      "FxEscrowSet",
    );
    expect(await registry.fxEscrow()).to.equal(fxEscrow.address);
  });

  it("reverts for a caller that is not the admin, the registrar and the escrow included", async function () {
    const { registry, admin, registrar, escrow, fxEscrow, stranger } =
      await loadFixture(deployRegistryFixture);
    await registry.connect(admin).setEscrow(escrow.address);
    for (const caller of [registrar, escrow, fxEscrow, stranger]) {
      await expect(registry.connect(caller).setFxEscrow(fxEscrow.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, ethers.ZeroHash);
    }
    expect(await registry.fxEscrow()).to.equal(ethers.ZeroAddress);
  });

  it("reverts for the zero address", async function () {
    const { registry, admin, fxEscrow } = await loadFixture(deployRegistryFixture);
    await expect(
      registry.connect(admin).setFxEscrow(ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
    await registry.connect(admin).setFxEscrow(fxEscrow.address);
    await expect(
      registry.connect(admin).setFxEscrow(ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(registry, "ZeroAddress");
    expect(await registry.fxEscrow()).to.equal(fxEscrow.address);
  });
});
