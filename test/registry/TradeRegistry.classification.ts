import { expect } from "chai";

import {
  CN,
  DE,
  DRONE,
  DRONE_HS,
  KZ,
  LAPTOP,
  LAPTOP_HS,
  ListingStatus,
  PK,
  ROLE_SELLER,
  docHash,
  ethers,
  networkHelpers,
  signConsent,
  tariffRegistryFixture,
} from "../helpers/registry.js";

const { loadFixture, time } = networkHelpers;
const { Unlisted, Positive, Negative } = ListingStatus;
const HOUR = 60 * 60;
const ORDER = ethers.id("order-1");

/** ITradeRegistry.ClearanceSource, in declaration order. */
const Source = { None: 0n, Product: 1n, Tariff: 2n } as const;

/** The drone's prefixes at every level of the HS tree (8806.22.00). */
const DRONE_PATH: [number, number][] = [
  [2, 88],
  [4, 8806],
  [6, 880622],
  [8, DRONE_HS],
];
const LEVEL_NAMES: Record<number, string> = {
  2: "chapter",
  4: "heading",
  6: "subheading",
  8: "national line",
};
/** Another code under the laptop's heading, for re-classifications that move within it. */
const LAPTOP_OTHER_HS = 84714100;

type Fixture = Awaited<ReturnType<typeof tariffRegistryFixture>>;

/** The tariff fixture with a second registered seller who also sells the laptop. */
async function classificationFixture() {
  const fx = await tariffRegistryFixture();
  await fx.registry
    .connect(fx.registrar)
    .registerParticipant(fx.otherSeller.address, ROLE_SELLER, KZ, docHash("other-seller-kyc"));
  return fx;
}

/** Lists an HS prefix at `jurisdiction` (PK by default) as its customs. */
async function list(
  fx: Fixture,
  digits: number,
  code: number,
  status: number,
  expiresAt = 0,
  jurisdiction = PK,
) {
  const customs = jurisdiction === PK ? fx.customsPK : fx.customsCN;
  await fx.registry
    .connect(customs)
    .setTariffCodeListing(jurisdiction, digits, code, status, expiresAt, docHash("ruling"));
}

/** classificationOf as a plain pair. */
async function classification(fx: Fixture, productId: string, jurisdiction = PK) {
  const [hsCode, bound] = await fx.registry.classificationOf(jurisdiction, productId);
  return [hsCode, bound];
}

/** `checkNewOrder` of `productId` to `destination` as the fixture's EOA escrow, signed by `seller`. */
async function checkOrder(
  fx: Fixture,
  productId: string,
  destination = PK,
  seller = fx.seller,
): Promise<bigint> {
  const signature = await signConsent(fx.registry, seller, fx.escrow.address, ORDER);
  return fx.registry
    .connect(fx.escrow)
    .checkNewOrder(
      seller.address,
      fx.arbiter.address,
      false,
      destination,
      productId,
      ORDER,
      signature,
    );
}

/** The jurisdictions a transaction's ClassificationHeld events name, in order. */
async function heldIn(fx: Fixture, sent: Promise<{ hash: string }>): Promise<bigint[]> {
  const receipt = await ethers.provider.getTransactionReceipt((await sent).hash);
  const held: bigint[] = [];
  for (const log of receipt?.logs ?? []) {
    const parsed = fx.registry.interface.parseLog(log);
    if (parsed?.name === "ClassificationHeld") held.push(parsed.args.jurisdiction);
  }
  return held;
}

describe("TradeRegistry.bindClassification", function () {
  it("binds a code in its own jurisdiction only; clearance there follows it", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, customsPK } = fx;
    await list(fx, 4, 8806, Negative);
    await list(fx, 4, 8471, Positive);
    await expect(registry.connect(customsPK).bindClassification(PK, DRONE, LAPTOP_HS))
      .to.emit(registry, "ClassificationBound")
      .withArgs(PK, DRONE, customsPK.address, DRONE_HS, LAPTOP_HS);
    expect(await classification(fx, DRONE)).to.deep.equal([BigInt(LAPTOP_HS), true]);
    expect(await classification(fx, DRONE, CN)).to.deep.equal([BigInt(DRONE_HS), false]);
    expect((await registry.productOf(DRONE)).hsCode).to.equal(BigInt(DRONE_HS));
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));
    const [status, source, digits, code] = await registry.clearanceDecisionOf(PK, DRONE);
    expect([status, source, digits, code]).to.deep.equal([
      BigInt(Positive),
      Source.Tariff,
      4n,
      8471n,
    ]);
    expect(await checkOrder(fx, DRONE)).to.equal(BigInt(LAPTOP_HS));
  });

  it("re-binds naming the previous binding, binds the declared code, and lifts with zero", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, customsPK } = fx;
    const by = registry.connect(customsPK);
    await list(fx, 4, 8806, Negative);
    await by.bindClassification(PK, DRONE, LAPTOP_HS);
    await expect(by.bindClassification(PK, DRONE, DRONE_HS))
      .to.emit(registry, "ClassificationBound")
      .withArgs(PK, DRONE, customsPK.address, LAPTOP_HS, DRONE_HS);
    expect(await classification(fx, DRONE)).to.deep.equal([BigInt(DRONE_HS), true]);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    await expect(by.bindClassification(PK, DRONE, 0))
      .to.emit(registry, "ClassificationBound")
      .withArgs(PK, DRONE, customsPK.address, DRONE_HS, 0);
    expect(await classification(fx, DRONE)).to.deep.equal([BigInt(DRONE_HS), false]);
    // lifted: the declared code applies again, following a later re-classification
    await registry.connect(fx.seller).reclassifyProduct(LAPTOP, LAPTOP_OTHER_HS);
    await by.bindClassification(PK, LAPTOP, LAPTOP_HS);
    await by.bindClassification(PK, LAPTOP, 0);
    expect(await classification(fx, LAPTOP)).to.deep.equal([BigInt(LAPTOP_OTHER_HS), false]);
  });

  it("reverts ClassificationUnchanged for the bound code again, or a lift with nothing bound", async function () {
    const fx = await loadFixture(classificationFixture);
    const by = fx.registry.connect(fx.customsPK);
    await expect(by.bindClassification(PK, DRONE, 0))
      .to.be.revertedWithCustomError(fx.registry, "ClassificationUnchanged")
      .withArgs(PK, DRONE, 0);
    await by.bindClassification(PK, DRONE, LAPTOP_HS);
    await expect(by.bindClassification(PK, DRONE, LAPTOP_HS))
      .to.be.revertedWithCustomError(fx.registry, "ClassificationUnchanged")
      .withArgs(PK, DRONE, LAPTOP_HS);
  });

  it("reverts for anyone but that jurisdiction's customs, another country's customs included", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, customsCN, admin, seller, stranger, registrar } = fx;
    for (const caller of [customsCN, admin, seller, stranger, registrar]) {
      await expect(registry.connect(caller).bindClassification(PK, DRONE, LAPTOP_HS))
        .to.be.revertedWithCustomError(registry, "CallerNotCustomsAuthority")
        .withArgs(PK, caller.address);
    }
    await registry.connect(admin).setCustomsAuthority(PK, fx.customsPK.address, false);
    await expect(registry.connect(fx.customsPK).bindClassification(PK, DRONE, LAPTOP_HS))
      .to.be.revertedWithCustomError(registry, "CallerNotCustomsAuthority")
      .withArgs(PK, fx.customsPK.address);
  });

  it("reverts for an unregistered product", async function () {
    const fx = await loadFixture(classificationFixture);
    const unknown = ethers.id("unregistered");
    await expect(fx.registry.connect(fx.customsPK).bindClassification(PK, unknown, LAPTOP_HS))
      .to.be.revertedWithCustomError(fx.registry, "ProductNotRegistered")
      .withArgs(unknown);
  });

  it("reverts for a code that is not an 8-digit HS code, naming it", async function () {
    const fx = await loadFixture(classificationFixture);
    for (const code of [1, 999_999, 847130, 100_000_000]) {
      await expect(fx.registry.connect(fx.customsPK).bindClassification(PK, DRONE, code))
        .to.be.revertedWithCustomError(fx.registry, "InvalidHsCode")
        .withArgs(code);
    }
  });
});

describe("TradeRegistry.classificationOf", function () {
  it("is the declared code unbound, and zero for an unregistered id", async function () {
    const fx = await loadFixture(classificationFixture);
    expect(await classification(fx, DRONE)).to.deep.equal([BigInt(DRONE_HS), false]);
    expect(await classification(fx, ethers.id("unregistered"))).to.deep.equal([0n, false]);
  });
});

describe("TradeRegistry.clearanceAtShipment", function () {
  it("lets a live own entry decide whatever the order's code", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, customsPK } = fx;
    await list(fx, 4, 8806, Negative);
    await registry.connect(customsPK).setListing(PK, DRONE, Positive, 0, docHash("ok"));
    for (const code of [0, DRONE_HS, LAPTOP_HS]) {
      expect(await registry.clearanceAtShipment(PK, DRONE, code)).to.equal(true);
    }
    await list(fx, 4, 8471, Positive);
    await registry.connect(customsPK).setListing(PK, LAPTOP, Negative, 0, docHash("ban"));
    for (const code of [0, LAPTOP_HS]) {
      expect(await registry.clearanceAtShipment(PK, LAPTOP, code)).to.equal(false);
    }
  });

  it("hands the decision to the order's code from the own entry's expiry second on", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, customsPK } = fx;
    await list(fx, 4, 8471, Positive);
    const expiresAt = (await time.latest()) + HOUR;
    await registry.connect(customsPK).setListing(PK, LAPTOP, Negative, expiresAt, docHash("r"));
    await time.increaseTo(expiresAt - 1);
    expect(await registry.clearanceAtShipment(PK, LAPTOP, LAPTOP_HS)).to.equal(false);
    await time.increaseTo(expiresAt);
    expect(await registry.clearanceAtShipment(PK, LAPTOP, LAPTOP_HS)).to.equal(true);
    // with no code kept, nothing but customs can clear it
    expect(await registry.clearanceAtShipment(PK, LAPTOP, 0)).to.equal(false);
  });

  it("resolves the order's code through the tariff tree, never the product's current code", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry } = fx;
    await list(fx, 2, 84, Positive);
    await list(fx, 4, 8806, Negative);
    expect(await registry.clearanceAtShipment(PK, DRONE, LAPTOP_HS)).to.equal(true);
    expect(await registry.clearanceAtShipment(PK, LAPTOP, DRONE_HS)).to.equal(false);
    expect(await registry.clearanceAtShipment(PK, LAPTOP, 9023000)).to.equal(false);
  });

  it("treats code zero as 'tariff lists did not apply': Unlisted, cleared only without customs", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry } = fx;
    await list(fx, 2, 84, Positive);
    expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Positive));
    expect(await registry.clearanceAtShipment(PK, LAPTOP, 0)).to.equal(false);
    // a destination without customs clears everything, whatever the code
    for (const code of [0, DRONE_HS, LAPTOP_HS]) {
      expect(await registry.clearanceAtShipment(DE, LAPTOP, code)).to.equal(true);
    }
  });
});

describe("TradeRegistry.reclassifyProduct: the hold rule at every level of the HS tree", function () {
  for (const [digits, code] of DRONE_PATH) {
    const level = LEVEL_NAMES[digits];

    it(`holds a move away from a banned ${level} until customs binds the new code`, async function () {
      const fx = await loadFixture(classificationFixture);
      const { registry, seller, customsPK } = fx;
      await list(fx, digits, code, Negative);
      await expect(registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_HS))
        .to.emit(registry, "ProductHsCodeUpdated")
        .withArgs(DRONE, seller.address, DRONE_HS, LAPTOP_HS, 2)
        .and.to.emit(registry, "ClassificationHeld")
        .withArgs(PK, DRONE, DRONE_HS, LAPTOP_HS);
      expect((await registry.productOf(DRONE)).hsCode).to.equal(BigInt(LAPTOP_HS));
      expect(await classification(fx, DRONE)).to.deep.equal([BigInt(DRONE_HS), true]);
      expect(await classification(fx, DRONE, CN)).to.deep.equal([BigInt(LAPTOP_HS), false]);
      const [status, source, atDigits, atCode] = await registry.clearanceDecisionOf(PK, DRONE);
      expect([status, source, atDigits, atCode]).to.deep.equal([
        BigInt(Negative),
        Source.Tariff,
        BigInt(digits),
        BigInt(code),
      ]);
      await expect(checkOrder(fx, DRONE))
        .to.be.revertedWithCustomError(fx.errors, "ProductNegativeListed")
        .withArgs(PK, DRONE);

      await expect(registry.connect(customsPK).bindClassification(PK, DRONE, LAPTOP_HS))
        .to.emit(registry, "ClassificationBound")
        .withArgs(PK, DRONE, customsPK.address, DRONE_HS, LAPTOP_HS);
      expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Unlisted));
      expect(await checkOrder(fx, DRONE)).to.equal(BigInt(LAPTOP_HS));
    });

    it(`holds a move into a banned ${level}: other sellers' orders still pass until customs binds it`, async function () {
      const fx = await loadFixture(classificationFixture);
      const { registry, seller, otherSeller, customsPK } = fx;
      await list(fx, digits, code, Negative);
      await expect(registry.connect(seller).reclassifyProduct(LAPTOP, DRONE_HS))
        .to.emit(registry, "ClassificationHeld")
        .withArgs(PK, LAPTOP, LAPTOP_HS, DRONE_HS);
      expect(await classification(fx, LAPTOP)).to.deep.equal([BigInt(LAPTOP_HS), true]);
      expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Unlisted));
      expect(await checkOrder(fx, LAPTOP, PK, otherSeller)).to.equal(BigInt(LAPTOP_HS));
      expect(await checkOrder(fx, LAPTOP, PK, seller)).to.equal(BigInt(LAPTOP_HS));

      // customs accepts the owner's code by lifting the held one: the ban applies
      await expect(registry.connect(customsPK).bindClassification(PK, LAPTOP, 0))
        .to.emit(registry, "ClassificationBound")
        .withArgs(PK, LAPTOP, customsPK.address, LAPTOP_HS, 0);
      expect(await registry.clearanceOf(PK, LAPTOP)).to.equal(BigInt(Negative));
      await expect(checkOrder(fx, LAPTOP, PK, otherSeller))
        .to.be.revertedWithCustomError(fx.errors, "ProductNegativeListed")
        .withArgs(PK, LAPTOP);
    });
  }

  it("the issue's drone: 8806 banned in PK, re-classified as 8471.30.00, stays refused in PK only", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, seller, customsPK, customsCN } = fx;
    await list(fx, 4, 8806, Negative);
    await list(fx, 4, 8471, Positive);
    await registry.connect(customsCN).setListing(CN, DRONE, Positive, 0, docHash("cn-ok"));
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_HS)),
    ).to.deep.equal([BigInt(PK)]);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    await expect(checkOrder(fx, DRONE))
      .to.be.revertedWithCustomError(fx.errors, "ProductNegativeListed")
      .withArgs(PK, DRONE);
    // elsewhere the declared code is in force and orders go through
    expect(await checkOrder(fx, DRONE, CN)).to.equal(0n);
    expect(await checkOrder(fx, DRONE, DE)).to.equal(0n);
    // PK's customs accept the new code: the laptop heading's Positive entry clears it
    await registry.connect(customsPK).bindClassification(PK, DRONE, LAPTOP_HS);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));
    expect(await checkOrder(fx, DRONE)).to.equal(BigInt(LAPTOP_HS));
  });

  it("holds nothing when neither code or both codes are refused", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, seller } = fx;
    await list(fx, 4, 8806, Positive);
    await list(fx, 2, 85, Negative);
    await list(fx, 4, 8802, Negative);
    // Positive to Unlisted: no ban involved
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_HS)),
    ).to.deep.equal([]);
    expect(await classification(fx, DRONE)).to.deep.equal([BigInt(LAPTOP_HS), false]);
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_OTHER_HS)),
    ).to.deep.equal([]);
    // refused to refused: a chapter-85 code to an 8802 code
    await registry.connect(seller).registerProduct(ethers.id("radio"), 85271300, docHash("radio"));
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(ethers.id("radio"), 88021100)),
    ).to.deep.equal([]);
    expect(await classification(fx, ethers.id("radio"))).to.deep.equal([88021100n, false]);
  });

  it("follows the longest listed prefix: a Positive subheading under a banned chapter", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, seller } = fx;
    await list(fx, 2, 88, Negative);
    await list(fx, 6, 880622, Positive);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));
    // within chapter 88 but outside the exception: into the ban, so held
    await expect(registry.connect(seller).reclassifyProduct(DRONE, 88062100))
      .to.emit(registry, "ClassificationHeld")
      .withArgs(PK, DRONE, DRONE_HS, 88062100);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Positive));
  });

  it("holds in every jurisdiction whose lists change their verdict, each once", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, seller } = fx;
    await list(fx, 4, 8806, Negative);
    // CN bans the laptop heading: the drone's move is into CN's ban
    await list(fx, 4, 8471, Negative, 0, CN);
    const sent = registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_HS);
    expect(await heldIn(fx, sent)).to.deep.equal([BigInt(PK), BigInt(CN)]);
    expect(await classification(fx, DRONE, PK)).to.deep.equal([BigInt(DRONE_HS), true]);
    expect(await classification(fx, DRONE, CN)).to.deep.equal([BigInt(DRONE_HS), true]);
    expect(await registry.clearanceOf(PK, DRONE)).to.equal(BigInt(Negative));
    expect(await registry.clearanceOf(CN, DRONE)).to.equal(BigInt(Unlisted));
  });

  it("leaves jurisdictions without tariff listings untouched, product entries and customs notwithstanding", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, seller, customsPK, customsCN } = fx;
    await registry.connect(customsPK).setListing(PK, DRONE, Negative, 0, docHash("ban"));
    await registry.connect(customsCN).setListing(CN, DRONE, Positive, 0, docHash("ok"));
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_HS)),
    ).to.deep.equal([]);
    for (const j of [PK, CN, DE]) {
      expect(await classification(fx, DRONE, j)).to.deep.equal([BigInt(LAPTOP_HS), false]);
    }
    // a jurisdiction whose tariff entries were all removed holds nothing either
    await list(fx, 4, 8471, Negative);
    await list(fx, 4, 8471, Unlisted);
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(DRONE, DRONE_HS)),
    ).to.deep.equal([]);
  });

  it("skips a jurisdiction where the product already has a binding", async function () {
    const fx = await loadFixture(classificationFixture);
    const { registry, seller, customsPK } = fx;
    await list(fx, 4, 8806, Negative);
    await registry.connect(customsPK).bindClassification(PK, DRONE, DRONE_HS);
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(DRONE, LAPTOP_HS)),
    ).to.deep.equal([]);
    expect(await classification(fx, DRONE)).to.deep.equal([BigInt(DRONE_HS), true]);
    // a held code is a binding too: a second re-classification keeps it
    await registry.connect(seller).reclassifyProduct(LAPTOP, DRONE_HS);
    expect(
      await heldIn(fx, registry.connect(seller).reclassifyProduct(LAPTOP, LAPTOP_OTHER_HS)),
    ).to.deep.equal([]);
    expect(await classification(fx, LAPTOP)).to.deep.equal([BigInt(LAPTOP_HS), true]);
  });

  it("counts a tariff ban until one second before its expiry, and not from its expiry on", async function () {
    for (const [at, held] of [
      [-1, [BigInt(PK)]],
      [0, []],
    ] as const) {
      const fx = await loadFixture(classificationFixture);
      const expiresAt = (await time.latest()) + HOUR;
      await list(fx, 4, 8806, Negative, expiresAt);
      await time.setNextBlockTimestamp(expiresAt + at);
      const sent = fx.registry.connect(fx.seller).reclassifyProduct(DRONE, LAPTOP_HS);
      expect(await heldIn(fx, sent)).to.deep.equal(held);
    }
  });
});
