import { expect } from "chai";

import {
  CN,
  DRONE,
  LAPTOP,
  ListingStatus,
  PK,
  RICE,
  TEA,
  docHash,
  ethers,
  networkHelpers,
  onboardedRegistryFixture,
} from "../helpers/registry.js";

const { loadFixture, time } = networkHelpers;
const { Unlisted, Positive, Negative } = ListingStatus;
const HOUR = 60 * 60;

describe("TradeRegistry.setListing", function () {
  it("puts a product on the positive list and records who, when, expiry and version 1", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const expiresAt = (await time.latest()) + 30 * 24 * HOUR;
    await expect(
      registry.connect(customsPK).setListing(PK, LAPTOP, Positive, expiresAt, docHash("ruling-1")),
    )
      .to.emit(registry, "ListingSet")
      .withArgs(
        PK,
        LAPTOP,
        Unlisted,
        Positive,
        expiresAt,
        1,
        docHash("ruling-1"),
        customsPK.address,
      );
    const listing = await registry.listingOf(PK, LAPTOP);
    expect(listing.status).to.equal(BigInt(Positive));
    expect(listing.expiresAt).to.equal(expiresAt);
    expect(listing.version).to.equal(1n);
    expect(listing.updatedBy).to.equal(customsPK.address);
    expect(listing.updatedAt).to.equal(await time.latest());
    expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Positive));
    expect(await registry.clearanceOf(CN, LAPTOP)).to.equal(BigInt(Unlisted));
  });

  it("negative-lists products nobody registered, with no expiry", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    await expect(registry.connect(customsPK).setListing(PK, DRONE, Negative, 0, docHash("ban")))
      .to.emit(registry, "ListingSet")
      .withArgs(PK, DRONE, Unlisted, Negative, 0, 1, docHash("ban"), customsPK.address);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
  });

  it("increments the version on every change, a renewal with the same status included", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const c = registry.connect(customsPK);
    await c.setListing(PK, LAPTOP, Positive, 0, docHash("r1"));
    await expect(c.setListing(PK, LAPTOP, Positive, 0, docHash("r2")))
      .to.emit(registry, "ListingSet")
      .withArgs(PK, LAPTOP, Positive, Positive, 0, 2, docHash("r2"), customsPK.address);
    await expect(c.setListing(PK, LAPTOP, Negative, 0, docHash("r3")))
      .to.emit(registry, "ListingSet")
      .withArgs(PK, LAPTOP, Positive, Negative, 0, 3, docHash("r3"), customsPK.address);
    await expect(c.setListing(PK, LAPTOP, Unlisted, 0, ethers.ZeroHash))
      .to.emit(registry, "ListingSet")
      .withArgs(PK, LAPTOP, Negative, Unlisted, 0, 4, ethers.ZeroHash, customsPK.address);
    const listing = await registry.listingOf(PK, LAPTOP);
    expect(listing.version).to.equal(4n);
    expect(listing.status).to.equal(BigInt(Unlisted));
    expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Unlisted));
  });

  it("keeps each jurisdiction's entry separate", async function () {
    const { registry, customsPK, customsCN } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(customsPK).setListing(PK, LAPTOP, Negative, 0, docHash("pk"));
    await registry.connect(customsCN).setListing(CN, LAPTOP, Positive, 0, docHash("cn"));
    expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Negative));
    expect(await registry.clearanceOf(CN, LAPTOP)).to.equal(BigInt(Positive));
    expect((await registry.listingOf(CN, LAPTOP)).updatedBy).to.equal(customsCN.address);
  });

  it("reverts for anyone but that jurisdiction's customs, another country's customs included", async function () {
    const { registry, admin, customsCN, stranger, seller } =
      await loadFixture(onboardedRegistryFixture);
    for (const caller of [customsCN, admin, stranger, seller]) {
      await expect(registry.connect(caller).setListing(PK, LAPTOP, Positive, 0, docHash("r")))
        .to.be.revertedWithCustomError(registry, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
  });

  it("reverts for a revoked authority", async function () {
    const { registry, admin, customsPK } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(admin).setCustomsAuthority(PK, customsPK.address, false);
    await expect(registry.connect(customsPK).setListing(PK, LAPTOP, Positive, 0, docHash("r")))
      .to.be.revertedWithCustomError(registry, "CallerNotCustomsAuthority")
      .withArgs(PK, customsPK.address);
  });

  it("reverts for a zero product id", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(customsPK).setListing(PK, ethers.ZeroHash, Positive, 0, docHash("r")),
    ).to.be.revertedWithCustomError(registry, "ZeroProductId");
  });

  it("reverts for a listed entry whose expiry is now or past, and accepts one second later", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const c = registry.connect(customsPK);
    const now = (await time.latest()) + 10;
    for (const status of [Positive, Negative]) {
      for (const expiresAt of [now, now - 1, 1]) {
        await time.setNextBlockTimestamp(now);
        await expect(c.setListing(PK, LAPTOP, status, expiresAt, docHash("r")))
          .to.be.revertedWithCustomError(registry, "ExpiryNotInFuture")
          .withArgs(LAPTOP, expiresAt, now);
      }
    }
    await time.setNextBlockTimestamp(now + 1);
    await c.setListing(PK, LAPTOP, Positive, now + 2, docHash("r"));
    expect((await registry.listingOf(PK, LAPTOP)).expiresAt).to.equal(BigInt(now + 2));
  });

  it("reverts for Unlisted with an expiry", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    await expect(
      registry.connect(customsPK).setListing(PK, LAPTOP, Unlisted, expiresAt, docHash("r")),
    )
      .to.be.revertedWithCustomError(registry, "ExpiryOnUnlisted")
      .withArgs(LAPTOP, expiresAt);
  });

  it("reverts for a status outside the enum", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const data = registry.interface.encodeFunctionData("setListing", [
      PK,
      LAPTOP,
      3,
      0,
      docHash("r"),
    ]);
    await expect(customsPK.sendTransaction({ to: await registry.getAddress(), data })).to.revert(
      ethers,
    );
  });
});

describe("TradeRegistry.clearanceOf (expiry)", function () {
  for (const [name, status] of [
    ["positive", Positive],
    ["negative", Negative],
  ] as const) {
    it(`counts a ${name} entry until one second before expiry and Unlisted from expiry on`, async function () {
      const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
      const expiresAt = (await time.latest()) + HOUR;
      await registry.connect(customsPK).setListing(PK, LAPTOP, status, expiresAt, docHash("r"));

      await time.increaseTo(expiresAt - 1);
      expect(await time.latest()).to.equal(expiresAt - 1);
      expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(status));

      await time.increaseTo(expiresAt);
      expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Unlisted));

      // The stored entry and its list membership are untouched: expiry is a read-time rule.
      const listing = await registry.listingOf(PK, LAPTOP);
      expect(listing.status).to.equal(BigInt(status));
      expect(listing.expiresAt).to.equal(BigInt(expiresAt));
      expect(await registry.listedCount(PK, status)).to.equal(1n);
      expect(await registry.listedProducts(PK, status, 0, 10)).to.deep.equal([LAPTOP]);
    });
  }

  it("never expires an entry set with expiresAt 0", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(customsPK).setListing(PK, LAPTOP, Positive, 0, docHash("r"));
    await time.increase(10 * 365 * 24 * HOUR);
    expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Positive));
  });

  it("lets customs renew an expired entry with a new expiry", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    await registry.connect(customsPK).setListing(PK, LAPTOP, Positive, expiresAt, docHash("r1"));
    await time.increaseTo(expiresAt + HOUR);
    const renewed = expiresAt + 3 * HOUR;
    await registry.connect(customsPK).setListing(PK, LAPTOP, Positive, renewed, docHash("r2"));
    expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Positive));
    expect(await registry.listedCount(PK, Positive)).to.equal(1n);
    expect((await registry.listingOf(PK, LAPTOP)).version).to.equal(2n);
  });
});

describe("TradeRegistry.setListings", function () {
  it("applies every entry of the batch and emits one event each", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    const tx = registry
      .connect(customsPK)
      .setListings(
        PK,
        [LAPTOP, TEA, DRONE],
        [Positive, Positive, Negative],
        [expiresAt, 0, 0],
        [docHash("a"), docHash("b"), docHash("c")],
      );
    await expect(tx)
      .to.emit(registry, "ListingSet")
      .withArgs(PK, LAPTOP, Unlisted, Positive, expiresAt, 1, docHash("a"), customsPK.address);
    await expect(tx)
      .to.emit(registry, "ListingSet")
      .withArgs(PK, TEA, Unlisted, Positive, 0, 1, docHash("b"), customsPK.address);
    await expect(tx)
      .to.emit(registry, "ListingSet")
      .withArgs(PK, DRONE, Unlisted, Negative, 0, 1, docHash("c"), customsPK.address);
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([LAPTOP, TEA]);
    expect(await registry.listedProducts(PK, Negative, 0, 10)).to.deep.equal([DRONE]);
  });

  it("applies repeated ids in order, each as its own version", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    await registry
      .connect(customsPK)
      .setListings(
        PK,
        [LAPTOP, LAPTOP],
        [Positive, Negative],
        [0, 0],
        [docHash("a"), docHash("b")],
      );
    const listing = await registry.listingOf(PK, LAPTOP);
    expect(listing.version).to.equal(2n);
    expect(listing.status).to.equal(BigInt(Negative));
    expect(await registry.listedCount(PK, Positive)).to.equal(0n);
    expect(await registry.listedCount(PK, Negative)).to.equal(1n);
  });

  it("reverts for anyone but that jurisdiction's customs", async function () {
    const { registry, customsCN, stranger } = await loadFixture(onboardedRegistryFixture);
    for (const caller of [customsCN, stranger]) {
      await expect(
        registry.connect(caller).setListings(PK, [LAPTOP], [Positive], [0], [docHash("a")]),
      )
        .to.be.revertedWithCustomError(registry, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
  });

  it("reverts for an empty batch", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry.connect(customsPK).setListings(PK, [], [], [], []),
    ).to.be.revertedWithCustomError(registry, "EmptyBatch");
  });

  it("reverts when any array's length differs from the product ids'", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    const c = registry.connect(customsPK);
    const ids = [LAPTOP, TEA];
    await expect(c.setListings(PK, ids, [Positive], [0, 0], [docHash("a"), docHash("b")]))
      .to.be.revertedWithCustomError(registry, "LengthMismatch")
      .withArgs(2, 1);
    await expect(
      c.setListings(PK, ids, [Positive, Negative], [0, 0, 0], [docHash("a"), docHash("b")]),
    )
      .to.be.revertedWithCustomError(registry, "LengthMismatch")
      .withArgs(2, 3);
    await expect(c.setListings(PK, ids, [Positive, Negative], [0, 0], [docHash("a")]))
      .to.be.revertedWithCustomError(registry, "LengthMismatch")
      .withArgs(2, 1);
  });

  it("is all or nothing: one bad entry reverts the whole batch", async function () {
    const { registry, customsPK } = await loadFixture(onboardedRegistryFixture);
    await expect(
      registry
        .connect(customsPK)
        .setListings(
          PK,
          [LAPTOP, ethers.ZeroHash],
          [Positive, Positive],
          [0, 0],
          [docHash("a"), docHash("b")],
        ),
    ).to.be.revertedWithCustomError(registry, "ZeroProductId");
    expect((await registry.listingOf(PK, LAPTOP)).version).to.equal(0n);
    expect(await registry.listedCount(PK, Positive)).to.equal(0n);
  });
});

describe("TradeRegistry.listedProducts / listedCount", function () {
  async function listedFixture() {
    const fx = await onboardedRegistryFixture();
    await fx.registry
      .connect(fx.customsPK)
      .setListings(
        PK,
        [LAPTOP, TEA, RICE, DRONE],
        [Positive, Positive, Positive, Negative],
        [0, 0, 0, 0],
        [docHash("1"), docHash("2"), docHash("3"), docHash("4")],
      );
    return fx;
  }

  it("is empty for a jurisdiction with no entries", async function () {
    const { registry } = await loadFixture(onboardedRegistryFixture);
    expect(await registry.listedCount(CN, Positive)).to.equal(0n);
    expect(await registry.listedProducts(CN, Negative, 0, 10)).to.deep.equal([]);
  });

  it("lists entries in insertion order, per status and per jurisdiction", async function () {
    const { registry } = await loadFixture(listedFixture);
    expect(await registry.listedCount(PK, Positive)).to.equal(3n);
    expect(await registry.listedCount(PK, Negative)).to.equal(1n);
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([LAPTOP, TEA, RICE]);
    expect(await registry.listedProducts(PK, Negative, 0, 10)).to.deep.equal([DRONE]);
    expect(await registry.listedCount(CN, Positive)).to.equal(0n);
  });

  it("pages with offset and limit, and returns an empty page past the end", async function () {
    const { registry } = await loadFixture(listedFixture);
    expect(await registry.listedProducts(PK, Positive, 0, 2)).to.deep.equal([LAPTOP, TEA]);
    expect(await registry.listedProducts(PK, Positive, 2, 2)).to.deep.equal([RICE]);
    expect(await registry.listedProducts(PK, Positive, 1, 1)).to.deep.equal([TEA]);
    expect(await registry.listedProducts(PK, Positive, 3, 2)).to.deep.equal([]);
    expect(await registry.listedProducts(PK, Positive, 100, 2)).to.deep.equal([]);
    expect(await registry.listedProducts(PK, Positive, 0, 0)).to.deep.equal([]);
    expect(await registry.listedProducts(PK, Positive, 1, ethers.MaxUint256)).to.deep.equal([
      TEA,
      RICE,
    ]);
    expect(
      await registry.listedProducts(PK, Positive, ethers.MaxUint256, ethers.MaxUint256),
    ).to.deep.equal([]);
  });

  it("removes an entry set to Unlisted by moving the last entry into its place", async function () {
    const { registry, customsPK } = await loadFixture(listedFixture);
    await registry.connect(customsPK).setListing(PK, LAPTOP, Unlisted, 0, docHash("lifted"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([RICE, TEA]);
    await registry.connect(customsPK).setListing(PK, TEA, Unlisted, 0, docHash("lifted"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([RICE]);
    await registry.connect(customsPK).setListing(PK, RICE, Unlisted, 0, docHash("lifted"));
    expect(await registry.listedCount(PK, Positive)).to.equal(0n);
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([]);
  });

  it("removes the last entry without moving others", async function () {
    const { registry, customsPK } = await loadFixture(listedFixture);
    await registry.connect(customsPK).setListing(PK, RICE, Unlisted, 0, docHash("lifted"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([LAPTOP, TEA]);
  });

  it("moves an entry between lists when its status changes", async function () {
    const { registry, customsPK } = await loadFixture(listedFixture);
    await registry.connect(customsPK).setListing(PK, TEA, Negative, 0, docHash("contaminated"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([LAPTOP, RICE]);
    expect(await registry.listedProducts(PK, Negative, 0, 10)).to.deep.equal([DRONE, TEA]);
    await registry.connect(customsPK).setListing(PK, DRONE, Positive, 0, docHash("licensed"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([LAPTOP, RICE, DRONE]);
    expect(await registry.listedProducts(PK, Negative, 0, 10)).to.deep.equal([TEA]);
    // Moved entries still remove cleanly from their new lists (their positions were updated).
    await registry.connect(customsPK).setListing(PK, LAPTOP, Unlisted, 0, docHash("x"));
    await registry.connect(customsPK).setListing(PK, DRONE, Unlisted, 0, docHash("x"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([RICE]);
  });

  it("keeps an entry once when it is renewed with the same status", async function () {
    const { registry, customsPK } = await loadFixture(listedFixture);
    await registry.connect(customsPK).setListing(PK, TEA, Positive, 0, docHash("renewed"));
    expect(await registry.listedProducts(PK, Positive, 0, 10)).to.deep.equal([LAPTOP, TEA, RICE]);
  });

  it("does not enumerate entries that were only ever set to Unlisted", async function () {
    const { registry, customsCN } = await loadFixture(onboardedRegistryFixture);
    await registry.connect(customsCN).setListing(CN, TEA, Unlisted, 0, docHash("noop"));
    expect(await registry.listedCount(CN, Positive)).to.equal(0n);
    expect(await registry.listedCount(CN, Negative)).to.equal(0n);
    expect((await registry.listingOf(CN, TEA)).version).to.equal(1n);
  });

  it("reverts when asked to enumerate or count Unlisted", async function () {
    const { registry } = await loadFixture(listedFixture);
    await expect(registry.listedCount(PK, Unlisted))
      .to.be.revertedWithCustomError(registry, "UnlistedNotEnumerable")
      .withArgs(PK);
    await expect(registry.listedProducts(PK, Unlisted, 0, 10))
      .to.be.revertedWithCustomError(registry, "UnlistedNotEnumerable")
      .withArgs(PK);
  });
});

describe("TradeRegistry.listingOf", function () {
  it("returns an all-zero entry for a product never listed", async function () {
    const { registry } = await loadFixture(onboardedRegistryFixture);
    const listing = await registry.listingOf(PK, TEA);
    expect(listing.status).to.equal(BigInt(Unlisted));
    expect(listing.expiresAt).to.equal(0n);
    expect(listing.version).to.equal(0n);
    expect(listing.updatedBy).to.equal(ethers.ZeroAddress);
    expect(listing.updatedAt).to.equal(0n);
  });
});
