import { expect } from "chai";

import {
  CN,
  DRONE,
  DRONE_HS,
  LAPTOP,
  ListingStatus,
  PK,
  RICE,
  TEA,
  docHash,
  ethers,
  networkHelpers,
  tariffRegistryFixture,
} from "../helpers/registry.js";

const { loadFixture, time } = networkHelpers;
const { Unlisted, Positive, Negative } = ListingStatus;
const HOUR = 60 * 60;

/** ITradeRegistry.ClearanceSource, in declaration order. */
const Source = { None: 0n, Product: 1n, Tariff: 2n } as const;

// The drone (HS 8806.22.00) and its prefixes; 8807 and 880621 are siblings on other paths.
const CHAPTER = 88;
const HEADING = 8806;
const SUBHEADING = 880622;
const LINE = DRONE_HS;
const DRONE_PATH: [number, number][] = [
  [2, CHAPTER],
  [4, HEADING],
  [6, SUBHEADING],
  [8, LINE],
];

type Fixture = Awaited<ReturnType<typeof tariffRegistryFixture>>;

/** Lists `code` at PK as PK's customs. */
async function list(
  fx: Fixture,
  digits: number,
  code: number,
  status: number,
  expiresAt = 0,
  reason = "ruling",
) {
  return fx.registry
    .connect(fx.customsPK)
    .setTariffCodeListing(PK, digits, code, status, expiresAt, docHash(reason));
}

/** clearanceDecisionOf as plain values. */
async function decision(fx: Fixture, productId: string, jurisdiction = PK) {
  const [status, source, digits, code] = await fx.registry.clearanceDecisionOf(
    jurisdiction,
    productId,
  );
  return { status, source, digits, code };
}

describe("TradeRegistry.setTariffCodeListing", function () {
  it("lists a heading with who, when, expiry and version 1, and registered products under it follow", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const expiresAt = (await time.latest()) + 30 * 24 * HOUR;
    await expect(list(fx, 4, HEADING, Negative, expiresAt, "drone-ban"))
      .to.emit(fx.registry, "TariffListingSet")
      .withArgs(
        PK,
        4,
        HEADING,
        Unlisted,
        Negative,
        expiresAt,
        1,
        docHash("drone-ban"),
        fx.customsPK.address,
      );
    const entry = await fx.registry.tariffCodeListingOf(PK, 4, HEADING);
    expect(entry.status).to.equal(BigInt(Negative));
    expect(entry.expiresAt).to.equal(BigInt(expiresAt));
    expect(entry.version).to.equal(1n);
    expect(entry.updatedBy).to.equal(fx.customsPK.address);
    expect(entry.updatedAt).to.equal(BigInt(await time.latest()));
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Negative),
      source: Source.Tariff,
      digits: 4n,
      code: BigInt(HEADING),
    });
    // other headings, other countries and unregistered ids are untouched
    expect(await fx.registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Unlisted));
    expect(await fx.registry.clearanceOf(CN, DRONE)).to.equal(BigInt(Unlisted));
    expect(await fx.registry.clearanceOf(PK, ethers.id("unregistered drone"))).to.equal(
      BigInt(Unlisted),
    );
  });

  it("accepts each level's lowest and highest prefix, leading zeros included", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const bounds: [number, number][] = [
      [2, 1],
      [2, 99],
      [4, 100],
      [4, 9_999],
      [6, 10_000],
      [6, 999_999],
      [8, 1_000_000],
      [8, 99_999_999],
    ];
    for (const [digits, code] of bounds) {
      await expect(list(fx, digits, code, Positive)).to.emit(fx.registry, "TariffListingSet");
      expect((await fx.registry.tariffCodeListingOf(PK, digits, code)).status).to.equal(
        BigInt(Positive),
      );
    }
  });

  it("bumps the version on every change and reports the previous status", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const by = fx.customsPK.address;
    await list(fx, 6, SUBHEADING, Positive, 0, "r1");
    await expect(list(fx, 6, SUBHEADING, Positive, 0, "r2"))
      .to.emit(fx.registry, "TariffListingSet")
      .withArgs(PK, 6, SUBHEADING, Positive, Positive, 0, 2, docHash("r2"), by);
    await expect(list(fx, 6, SUBHEADING, Negative, 0, "r3"))
      .to.emit(fx.registry, "TariffListingSet")
      .withArgs(PK, 6, SUBHEADING, Positive, Negative, 0, 3, docHash("r3"), by);
    await expect(list(fx, 6, SUBHEADING, Unlisted, 0, "r4"))
      .to.emit(fx.registry, "TariffListingSet")
      .withArgs(PK, 6, SUBHEADING, Negative, Unlisted, 0, 4, docHash("r4"), by);
    expect((await fx.registry.tariffCodeListingOf(PK, 6, SUBHEADING)).version).to.equal(4n);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Unlisted));
  });

  it("keeps each jurisdiction's tariff entries separate", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await list(fx, 2, CHAPTER, Negative);
    await fx.registry
      .connect(fx.customsCN)
      .setTariffCodeListing(CN, 2, CHAPTER, Positive, 0, docHash("cn"));
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    expect(await fx.registry.clearanceOf(CN, DRONE)).to.equal(BigInt(Positive));
    expect((await fx.registry.tariffCodeListingOf(CN, 2, CHAPTER)).version).to.equal(1n);
  });

  it("reverts for anyone but that jurisdiction's customs, another country's customs included", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    for (const caller of [fx.stranger, fx.admin, fx.seller, fx.customsCN]) {
      await expect(
        fx.registry.connect(caller).setTariffCodeListing(PK, 4, HEADING, Negative, 0, docHash("x")),
      )
        .to.be.revertedWithCustomError(fx.registry, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
  });

  it("reverts for a revoked authority", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await fx.registry.connect(fx.admin).setCustomsAuthority(PK, fx.customsPK.address, false);
    await expect(list(fx, 4, HEADING, Negative))
      .to.be.revertedWithCustomError(fx.registry, "CallerNotCustomsAuthority")
      .withArgs(PK, fx.customsPK.address);
  });

  it("reverts for a level other than 2, 4, 6 or 8 digits, naming it", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    for (const digits of [0, 1, 3, 5, 7, 9, 10, 255]) {
      await expect(list(fx, digits, HEADING, Negative))
        .to.be.revertedWithCustomError(fx.registry, "InvalidTariffLevel")
        .withArgs(digits);
    }
  });

  it("reverts for a prefix outside its level's range (chapter 00 included), naming it", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const outside: [number, number][] = [
      [2, 0],
      [2, 100],
      [4, 99],
      [4, 10_000],
      [6, 9_999],
      [6, 1_000_000],
      [8, 999_999],
      [8, 100_000_000],
    ];
    for (const [digits, code] of outside) {
      await expect(list(fx, digits, code, Negative))
        .to.be.revertedWithCustomError(fx.registry, "InvalidTariffCode")
        .withArgs(digits, code);
    }
  });

  it("reverts for a listed entry whose expiry is now or past, and accepts one second later", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const now = await time.latest();
    await time.setNextBlockTimestamp(now + 10);
    await expect(list(fx, 4, HEADING, Positive, now + 10))
      .to.be.revertedWithCustomError(fx.registry, "TariffExpiryNotInFuture")
      .withArgs(4, HEADING, now + 10, now + 10);
    await time.setNextBlockTimestamp(now + 20);
    await expect(list(fx, 4, HEADING, Negative, now + 5))
      .to.be.revertedWithCustomError(fx.registry, "TariffExpiryNotInFuture")
      .withArgs(4, HEADING, now + 5, now + 20);
    await time.setNextBlockTimestamp(now + 30);
    await expect(list(fx, 4, HEADING, Positive, now + 31)).to.emit(fx.registry, "TariffListingSet");
  });

  it("reverts for Unlisted with an expiry", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    await expect(list(fx, 8, LINE, Unlisted, expiresAt))
      .to.be.revertedWithCustomError(fx.registry, "TariffExpiryOnUnlisted")
      .withArgs(8, LINE, expiresAt);
  });

  it("reverts for a status outside the enum", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const data = fx.registry.interface.encodeFunctionData("setTariffCodeListing", [
      PK,
      4,
      HEADING,
      0,
      0,
      docHash("x"),
    ]);
    // the status word is the fourth argument: 4 + 3 * 32 bytes into the calldata
    const badStatus =
      data.slice(0, 2 + 2 * (4 + 3 * 32)) +
      "03".padStart(64, "0") +
      data.slice(2 + 2 * (4 + 4 * 32));
    await expect(
      fx.customsPK.sendTransaction({ to: await fx.registry.getAddress(), data: badStatus }),
    ).to.revert(ethers);
  });
});

describe("TradeRegistry.setTariffCodeListingBatch", function () {
  it("applies every entry in order and emits one event each", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const by = fx.customsPK.address;
    const expiresAt = (await time.latest()) + HOUR;
    await expect(
      fx.registry
        .connect(fx.customsPK)
        .setTariffCodeListingBatch(
          PK,
          [2, 4, 4],
          [CHAPTER, HEADING, HEADING],
          [Positive, Positive, Negative],
          [0, expiresAt, 0],
          [docHash("a"), docHash("b"), docHash("c")],
        ),
    )
      .to.emit(fx.registry, "TariffListingSet")
      .withArgs(PK, 2, CHAPTER, Unlisted, Positive, 0, 1, docHash("a"), by)
      .and.to.emit(fx.registry, "TariffListingSet")
      .withArgs(PK, 4, HEADING, Unlisted, Positive, expiresAt, 1, docHash("b"), by)
      .and.to.emit(fx.registry, "TariffListingSet")
      .withArgs(PK, 4, HEADING, Positive, Negative, 0, 2, docHash("c"), by);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    expect(await fx.registry.listedTariffCodeCount(PK, 4, Negative)).to.equal(1n);
    expect(await fx.registry.listedTariffCodeCount(PK, 4, Positive)).to.equal(0n);
  });

  it("reverts for anyone but that jurisdiction's customs", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    for (const caller of [fx.stranger, fx.customsCN]) {
      await expect(
        fx.registry
          .connect(caller)
          .setTariffCodeListingBatch(PK, [4], [HEADING], [Negative], [0], [docHash("x")]),
      )
        .to.be.revertedWithCustomError(fx.registry, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
  });

  it("reverts for an empty batch", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await expect(
      fx.registry.connect(fx.customsPK).setTariffCodeListingBatch(PK, [], [], [], [], []),
    ).to.be.revertedWithCustomError(fx.registry, "EmptyBatch");
  });

  it("reverts when any array's length differs from the levels'", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const c = fx.registry.connect(fx.customsPK);
    const r = [docHash("x"), docHash("y")];
    const cases: [number[], number[], number[], number[], string[], number][] = [
      [[4, 4], [HEADING], [Negative, Negative], [0, 0], r, 1],
      [[4, 4], [HEADING, 8807], [Negative], [0, 0], r, 1],
      [[4, 4], [HEADING, 8807], [Negative, Negative], [0], r, 1],
      [[4, 4], [HEADING, 8807], [Negative, Negative], [0, 0], [r[0]], 1],
    ];
    for (const [digits, codes, statuses, expiries, reasons, actual] of cases) {
      await expect(c.setTariffCodeListingBatch(PK, digits, codes, statuses, expiries, reasons))
        .to.be.revertedWithCustomError(fx.registry, "LengthMismatch")
        .withArgs(2, actual);
    }
  });

  it("is all or nothing: one bad entry reverts the whole batch", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await expect(
      fx.registry
        .connect(fx.customsPK)
        .setTariffCodeListingBatch(
          PK,
          [4, 4],
          [HEADING, 99],
          [Negative, Negative],
          [0, 0],
          [docHash("x"), docHash("y")],
        ),
    )
      .to.be.revertedWithCustomError(fx.registry, "InvalidTariffCode")
      .withArgs(4, 99);
    expect((await fx.registry.tariffCodeListingOf(PK, 4, HEADING)).version).to.equal(0n);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Unlisted));
  });
});

describe("TradeRegistry.clearanceOf (tariff resolution)", function () {
  it("takes the longest listed prefix, falling back one level at a time as entries go", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const statuses = [Positive, Negative, Positive, Negative]; // chapter, heading, sub, line
    for (const [i, [digits, code]] of DRONE_PATH.entries()) {
      await list(fx, digits, code, statuses[i]);
      expect(await decision(fx, DRONE)).to.deep.equal({
        status: BigInt(statuses[i]),
        source: Source.Tariff,
        digits: BigInt(digits),
        code: BigInt(code),
      });
    }
    for (let i = DRONE_PATH.length - 1; i >= 0; i--) {
      await list(fx, DRONE_PATH[i][0], DRONE_PATH[i][1], Unlisted);
      const expected =
        i === 0
          ? { status: BigInt(Unlisted), source: Source.None, digits: 0n, code: 0n }
          : {
              status: BigInt(statuses[i - 1]),
              source: Source.Tariff,
              digits: BigInt(DRONE_PATH[i - 1][0]),
              code: BigInt(DRONE_PATH[i - 1][1]),
            };
      expect(await decision(fx, DRONE)).to.deep.equal(expected);
      expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(expected.status);
    }
  });

  it("resolves a line listed under a heading and chapter that have no entry of their own", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await list(fx, 8, LINE, Positive);
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Positive),
      source: Source.Tariff,
      digits: 8n,
      code: BigInt(LINE),
    });
    await list(fx, 6, SUBHEADING, Negative);
    await list(fx, 8, LINE, Unlisted);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
  });

  it("ignores siblings: other lines, subheadings, headings and chapters decide nothing", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await list(fx, 2, 85, Negative);
    await list(fx, 4, 8807, Negative);
    await list(fx, 6, 880621, Negative);
    await list(fx, 8, 88062290, Negative);
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Unlisted),
      source: Source.None,
      digits: 0n,
      code: 0n,
    });
    await list(fx, 2, CHAPTER, Positive);
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Positive),
      source: Source.Tariff,
      digits: 2n,
      code: BigInt(CHAPTER),
    });
  });

  for (const [level, [digits, code]] of DRONE_PATH.entries()) {
    it(`counts an expiring ${digits}-digit entry until one second before expiry, then the next level applies`, async function () {
      const fx = await loadFixture(tariffRegistryFixture);
      const statuses = [Positive, Negative, Positive, Negative];
      const expiresAt = (await time.latest()) + HOUR;
      // the levels above the expiring one stay listed; it is the deepest entry
      for (let i = 0; i < level; i++) {
        await list(fx, DRONE_PATH[i][0], DRONE_PATH[i][1], statuses[i]);
      }
      await list(fx, digits, code, statuses[level], expiresAt);

      await time.increaseTo(expiresAt - 1);
      expect(await decision(fx, DRONE)).to.deep.equal({
        status: BigInt(statuses[level]),
        source: Source.Tariff,
        digits: BigInt(digits),
        code: BigInt(code),
      });

      await time.increaseTo(expiresAt);
      const fallback =
        level === 0
          ? { status: BigInt(Unlisted), source: Source.None, digits: 0n, code: 0n }
          : {
              status: BigInt(statuses[level - 1]),
              source: Source.Tariff,
              digits: BigInt(DRONE_PATH[level - 1][0]),
              code: BigInt(DRONE_PATH[level - 1][1]),
            };
      expect(await decision(fx, DRONE)).to.deep.equal(fallback);
      expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(fallback.status);
      // the stored entry and its list membership stay: expiry is a read-time rule
      expect((await fx.registry.tariffCodeListingOf(PK, digits, code)).status).to.equal(
        BigInt(statuses[level]),
      );
      expect(await fx.registry.listedTariffCodeCount(PK, digits, statuses[level])).to.equal(1n);
    });
  }

  it("falls through an expired line and subheading to a live heading", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    await list(fx, 4, HEADING, Negative);
    await list(fx, 6, SUBHEADING, Positive, expiresAt);
    await list(fx, 8, LINE, Positive, expiresAt);
    expect((await decision(fx, DRONE)).digits).to.equal(8n);
    await time.increaseTo(expiresAt);
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Negative),
      source: Source.Tariff,
      digits: 4n,
      code: BigInt(HEADING),
    });
  });

  it("lets a product's own entry override its heading, both ways", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const c = fx.registry.connect(fx.customsPK);
    // a banned heading with one product cleared by id
    await list(fx, 4, HEADING, Negative);
    await c.setListing(PK, DRONE, Positive, 0, docHash("exempt"));
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Positive),
      source: Source.Product,
      digits: 0n,
      code: 0n,
    });
    // a positive-listed heading with one product banned by id
    await list(fx, 4, HEADING, Positive);
    await c.setListing(PK, DRONE, Negative, 0, docHash("recall"));
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    expect((await decision(fx, DRONE)).source).to.equal(Source.Product);
    // removing the product's entry hands the decision back to the heading
    await c.setListing(PK, DRONE, Unlisted, 0, docHash("lifted"));
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Positive),
      source: Source.Tariff,
      digits: 4n,
      code: BigInt(HEADING),
    });
  });

  it("hands the decision to the heading from the product entry's expiry on", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    await list(fx, 4, HEADING, Negative);
    await fx.registry
      .connect(fx.customsPK)
      .setListing(PK, DRONE, Positive, expiresAt, docHash("temporary exemption"));
    await time.increaseTo(expiresAt - 1);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));
    await time.increaseTo(expiresAt);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    expect((await decision(fx, DRONE)).source).to.equal(Source.Tariff);
  });

  it("resolves unregistered ids from product entries only", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const unknown = ethers.id("a drone nobody registered");
    await list(fx, 2, CHAPTER, Negative);
    await list(fx, 8, LINE, Negative);
    expect(await decision(fx, unknown)).to.deep.equal({
      status: BigInt(Unlisted),
      source: Source.None,
      digits: 0n,
      code: 0n,
    });
    await fx.registry.connect(fx.customsPK).setListing(PK, unknown, Negative, 0, docHash("ban"));
    expect((await decision(fx, unknown)).source).to.equal(Source.Product);
  });

  it("follows a product's re-classification that changes no ban (others are held: see classification)", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await list(fx, 4, HEADING, Positive, 0, "drones-ok");
    await list(fx, 4, 8471, Positive);
    expect((await decision(fx, DRONE)).code).to.equal(BigInt(HEADING));
    await fx.registry.connect(fx.seller).reclassifyProduct(DRONE, 84714100);
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Positive),
      source: Source.Tariff,
      digits: 4n,
      code: 8471n,
    });
  });

  it("returns a jurisdiction to no tariff listings once every entry is removed", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    // the gas of a lookup shows which slots it reads: back to the jurisdiction's word alone
    const lookupGas = async () =>
      ethers.provider.estimateGas({
        to: await fx.registry.getAddress(),
        data: fx.registry.interface.encodeFunctionData("clearanceOf", [PK, DRONE]),
      });
    const untouched = await lookupGas();
    for (const [digits, code] of DRONE_PATH) await list(fx, digits, code, Negative);
    expect(await lookupGas()).to.be.greaterThan(untouched);
    for (const [digits, code] of DRONE_PATH) await list(fx, digits, code, Unlisted);
    for (const product of [DRONE, LAPTOP, TEA, RICE]) {
      expect((await decision(fx, product)).source).to.equal(Source.None);
    }
    expect(await lookupGas()).to.equal(untouched);
  });
});

describe("TradeRegistry.listedTariffCodePage / listedTariffCodeCount", function () {
  async function listedFixture() {
    const fx = await tariffRegistryFixture();
    const codes = [8806, 8807, 8471, 902, 1006];
    await fx.registry.connect(fx.customsPK).setTariffCodeListingBatch(
      PK,
      codes.map(() => 4),
      codes,
      codes.map(() => Negative),
      codes.map(() => 0),
      codes.map(() => ethers.ZeroHash),
    );
    return { ...fx, codes };
  }

  const page = (
    fx: Fixture,
    digits: number,
    status: number,
    offset: number | bigint = 0,
    limit: number | bigint = 100,
  ) => fx.registry.listedTariffCodePage(PK, digits, status, offset, limit);

  it("is empty for levels and statuses with no entries", async function () {
    const fx = await loadFixture(listedFixture);
    expect(await fx.registry.listedTariffCodeCount(PK, 4, Positive)).to.equal(0n);
    expect(await fx.registry.listedTariffCodeCount(PK, 2, Negative)).to.equal(0n);
    expect(await fx.registry.listedTariffCodeCount(CN, 4, Negative)).to.equal(0n);
    expect(await page(fx, 8, Negative)).to.deep.equal([]);
  });

  it("lists entries in insertion order per level and status, and pages with offset and limit", async function () {
    const fx = await loadFixture(listedFixture);
    expect(await fx.registry.listedTariffCodeCount(PK, 4, Negative)).to.equal(5n);
    expect(await page(fx, 4, Negative)).to.deep.equal(fx.codes.map(BigInt));
    expect(await page(fx, 4, Negative, 1, 2)).to.deep.equal([8807n, 8471n]);
    expect(await page(fx, 4, Negative, 4, 10)).to.deep.equal([1006n]);
    expect(await page(fx, 4, Negative, 5, 10)).to.deep.equal([]);
    expect(await page(fx, 4, Negative, 2, 0)).to.deep.equal([]);
    expect(await page(fx, 4, Negative, 0, ethers.MaxUint256)).to.have.length(5);
    expect(await page(fx, 4, Negative, ethers.MaxUint256, ethers.MaxUint256)).to.deep.equal([]);
  });

  it("removes an entry set to Unlisted by moving the last entry into its place", async function () {
    const fx = await loadFixture(listedFixture);
    await list(fx, 4, 8807, Unlisted);
    expect(await page(fx, 4, Negative)).to.deep.equal([8806n, 1006n, 8471n, 902n]);
    // the moved entry knows its new place: removing it next leaves the others intact
    await list(fx, 4, 1006, Unlisted);
    expect(await page(fx, 4, Negative)).to.deep.equal([8806n, 902n, 8471n]);
    await list(fx, 4, 8471, Unlisted);
    expect(await page(fx, 4, Negative)).to.deep.equal([8806n, 902n]);
  });

  it("removes the last entry without moving others", async function () {
    const fx = await loadFixture(listedFixture);
    await list(fx, 4, 1006, Unlisted);
    expect(await page(fx, 4, Negative)).to.deep.equal([8806n, 8807n, 8471n, 902n]);
  });

  it("moves an entry between lists when its status changes, and keeps a renewal once", async function () {
    const fx = await loadFixture(listedFixture);
    await list(fx, 4, 8806, Positive);
    expect(await page(fx, 4, Positive)).to.deep.equal([8806n]);
    expect(await page(fx, 4, Negative)).to.deep.equal([1006n, 8807n, 8471n, 902n]);
    await list(fx, 4, 8806, Positive, 0, "renewal");
    expect(await fx.registry.listedTariffCodeCount(PK, 4, Positive)).to.equal(1n);
  });

  it("keeps the levels' lists apart", async function () {
    const fx = await loadFixture(listedFixture);
    await list(fx, 2, CHAPTER, Negative);
    await list(fx, 6, SUBHEADING, Negative);
    await list(fx, 8, LINE, Negative);
    expect(await page(fx, 2, Negative)).to.deep.equal([BigInt(CHAPTER)]);
    expect(await page(fx, 6, Negative)).to.deep.equal([BigInt(SUBHEADING)]);
    expect(await page(fx, 8, Negative)).to.deep.equal([BigInt(LINE)]);
    expect(await fx.registry.listedTariffCodeCount(PK, 4, Negative)).to.equal(5n);
  });

  it("does not enumerate entries that were only ever set to Unlisted", async function () {
    const fx = await loadFixture(listedFixture);
    await list(fx, 8, LINE, Unlisted);
    expect((await fx.registry.tariffCodeListingOf(PK, 8, LINE)).version).to.equal(1n);
    expect(await fx.registry.listedTariffCodeCount(PK, 8, Positive)).to.equal(0n);
    expect(await fx.registry.listedTariffCodeCount(PK, 8, Negative)).to.equal(0n);
  });

  it("reverts when asked to enumerate or count Unlisted, or a level that does not exist", async function () {
    const fx = await loadFixture(listedFixture);
    await expect(fx.registry.listedTariffCodeCount(PK, 4, Unlisted))
      .to.be.revertedWithCustomError(fx.registry, "UnlistedNotEnumerable")
      .withArgs(PK);
    await expect(page(fx, 4, Unlisted))
      .to.be.revertedWithCustomError(fx.registry, "UnlistedNotEnumerable")
      .withArgs(PK);
    for (const digits of [0, 3, 10]) {
      await expect(fx.registry.listedTariffCodeCount(PK, digits, Negative))
        .to.be.revertedWithCustomError(fx.registry, "InvalidTariffLevel")
        .withArgs(digits);
      await expect(page(fx, digits, Negative))
        .to.be.revertedWithCustomError(fx.registry, "InvalidTariffLevel")
        .withArgs(digits);
    }
  });
});

describe("TradeRegistry.tariffCodeListingOf", function () {
  it("returns an all-zero entry for a prefix never listed", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const entry = await fx.registry.tariffCodeListingOf(PK, 4, HEADING);
    expect(entry.status).to.equal(BigInt(Unlisted));
    expect(entry.expiresAt).to.equal(0n);
    expect(entry.version).to.equal(0n);
    expect(entry.updatedBy).to.equal(ethers.ZeroAddress);
    expect(entry.updatedAt).to.equal(0n);
  });

  it("reverts for a malformed prefix", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    await expect(fx.registry.tariffCodeListingOf(PK, 5, HEADING))
      .to.be.revertedWithCustomError(fx.registry, "InvalidTariffLevel")
      .withArgs(5);
    await expect(fx.registry.tariffCodeListingOf(PK, 4, 88))
      .to.be.revertedWithCustomError(fx.registry, "InvalidTariffCode")
      .withArgs(4, 88);
  });
});

describe("TradeRegistry resolution: the worked example of docs/registry.md", function () {
  it("resolves the drone by subheading, then heading after expiry, then by its own entry", async function () {
    const fx = await loadFixture(tariffRegistryFixture);
    const expiresAt = (await time.latest()) + HOUR;
    await list(fx, 2, CHAPTER, Positive);
    await list(fx, 4, HEADING, Negative);
    await list(fx, 6, SUBHEADING, Positive, expiresAt);
    const parts = ethers.id("drone parts");
    await fx.registry.connect(fx.seller).registerProduct(parts, 88073000, docHash("parts"));

    await time.increaseTo(expiresAt - 1);
    expect((await decision(fx, DRONE)).code).to.equal(BigInt(SUBHEADING));
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));

    await time.increaseTo(expiresAt);
    expect(await decision(fx, DRONE)).to.deep.equal({
      status: BigInt(Negative),
      source: Source.Tariff,
      digits: 4n,
      code: BigInt(HEADING),
    });
    expect(await decision(fx, parts)).to.deep.equal({
      status: BigInt(Positive),
      source: Source.Tariff,
      digits: 2n,
      code: BigInt(CHAPTER),
    });

    await fx.registry.connect(fx.customsPK).setListing(PK, DRONE, Positive, 0, docHash("exempt"));
    expect((await decision(fx, DRONE)).source).to.equal(Source.Product);
    expect(await fx.registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));
  });
});
