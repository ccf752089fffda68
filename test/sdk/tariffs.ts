import { expect } from "chai";

import { formatTariffCode, hsCodeNumber, parseTariffCode, TradeChainError } from "@tradechain/sdk";
import {
  DRONE,
  ethers,
  LAPTOP,
  LAPTOP_HS,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  units,
} from "../helpers/sdk.js";

const { loadFixture, time } = networkHelpers;

describe("HS codes in src/ids.ts", function () {
  it("parses prefixes at every level, dots and leading zeros included", function () {
    expect(parseTariffCode("88")).to.deep.equal({ digits: 2, code: 88 });
    expect(parseTariffCode(" 0902 ")).to.deep.equal({ digits: 4, code: 902 });
    expect(parseTariffCode("8806.22")).to.deep.equal({ digits: 6, code: 880622 });
    expect(parseTariffCode("0902.30.00")).to.deep.equal({ digits: 8, code: 9023000 });
  });

  it("refuses what is not a 2-, 4-, 6- or 8-digit prefix of chapter 01-99, naming it", function () {
    expect(() => parseTariffCode("88a")).to.throw('digits optionally grouped by dots, got "88a"');
    expect(() => parseTariffCode("880")).to.throw('must have 2, 4, 6, 8 digits, got 3 ("880")');
    expect(() => parseTariffCode("8806.22.00.10")).to.throw("got 10");
    expect(() => parseTariffCode("0012")).to.throw('HS chapter 00 does not exist ("0012")');
  });

  it("turns a product's 8-digit code into the registry's number and back", function () {
    expect(hsCodeNumber("0902.30.00")).to.equal(9023000);
    expect(hsCodeNumber(84713000)).to.equal(84713000);
    expect(() => hsCodeNumber("8806")).to.throw('must have 8 digits, got 4 ("8806")');
    expect(() => hsCodeNumber(8806)).to.throw("8-digit code of chapter 01-99, got 8806");
    expect(() => hsCodeNumber(1.5)).to.throw("got 1.5");
    expect(formatTariffCode(9023000)).to.equal("0902.30.00");
    expect(formatTariffCode(880622, 6)).to.equal("8806.22");
    expect(formatTariffCode(902, 4)).to.equal("0902");
    expect(formatTariffCode(9, 2)).to.equal("09");
  });
});

describe("TradeChainClient tariff listings", function () {
  it("registers products with their HS code and reads it back, re-classification included", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { seller, stranger } = fx.clients;
    expect(await stranger.productOf(LAPTOP)).to.deep.include({
      registered: true,
      owner: fx.seller.address,
      hsCode: LAPTOP_HS,
      hsCodeText: "8471.30.00",
      hsCodeVersion: 1,
      metadataVersion: 1,
      complaintCount: 0n,
    });
    await seller.reclassifyProduct(LAPTOP, "8471.41.00");
    expect(await stranger.productOf(LAPTOP)).to.deep.include({
      hsCode: 84714100,
      hsCodeVersion: 2,
    });
    expect(await stranger.productOf(DRONE)).to.deep.include({
      registered: false,
      hsCode: 0,
      hsCodeText: "",
    });
  });

  it("lists a heading, reads the entry, pages the list and explains each decision", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { seller, customsPK, stranger } = fx.clients;
    await seller.registerProduct(DRONE, "8806.22.00", "drone dossier");
    await customsPK.setTariffListing(PK, "8806", "Negative", { reason: "drones banned" });
    expect(await stranger.clearanceOf(PK, DRONE)).to.equal("Negative");
    // the drone's own entry (Negative from the fixture) decides before the heading does
    expect(await stranger.clearanceDecisionOf(PK, DRONE)).to.deep.equal({
      status: "Negative",
      source: "Product",
      digits: 0,
      code: 0,
      tariffCode: undefined,
    });
    await customsPK.setListing(PK, DRONE, "Unlisted");
    expect(await stranger.clearanceDecisionOf(PK, DRONE)).to.deep.equal({
      status: "Negative",
      source: "Tariff",
      digits: 4,
      code: 8806,
      tariffCode: "8806",
    });
    expect(await stranger.tariffListingOf(PK, "8806")).to.deep.include({
      digits: 4,
      code: 8806,
      tariffCode: "8806",
      status: "Negative",
      version: 1,
      updatedBy: fx.customsPK.address,
    });
    expect(await stranger.clearanceDecisionOf(PK, LAPTOP)).to.deep.include({
      status: "Unlisted",
      source: "None",
    });

    await customsPK.setTariffListings(PK, [
      { tariffCode: "8471.30", status: "Positive", reason: "laptops cleared" },
      { tariffCode: "0902", status: "Positive", expiresAt: BigInt(await time.latest()) + 3600n },
      { tariffCode: "8807", status: "Negative" },
    ]);
    expect(await stranger.clearanceDecisionOf(PK, LAPTOP)).to.deep.include({
      status: "Positive",
      source: "Tariff",
      tariffCode: "8471.30",
    });
    const headings = await stranger.listedTariffCodes(PK, 4, "Negative", { limit: 1 });
    expect(headings).to.deep.include({ digits: 4, total: 2, offset: 0, nextOffset: 1 });
    expect(headings.tariffCodes).to.deep.equal(["8806"]);
    const rest = await stranger.listedTariffCodes(PK, 4, "Negative", { offset: 1 });
    expect(rest.tariffCodes).to.deep.equal(["8807"]);
    expect(rest.nextOffset).to.equal(undefined);
    expect((await stranger.listedTariffCodes(PK, 4, "Positive")).tariffCodes).to.deep.equal([
      "0902",
    ]);
    const badLevel = await stranger
      .listedTariffCodes(PK, 3, "Positive")
      .catch((error: unknown) => error);
    expect(String(badLevel)).to.include("A tariff level is 2, 4, 6, 8 digits, not 3");
  });

  it("refuses an order of a product whose heading the destination bans", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { seller, customsPK, buyer } = fx.clients;
    const drone = ethers.id("another drone, never listed by id");
    await seller.registerProduct(drone, "8806.21.00", "drone dossier");
    await customsPK.setTariffListing(PK, "8806", "Negative");
    const order = {
      seller: fx.seller.address,
      token: "USD",
      amount: units(100),
      productId: drone,
      destination: PK,
    } as const;
    const refusal = await buyer.createOrder(order).catch((error: unknown) => error);
    expect(refusal).to.be.instanceOf(TradeChainError);
    expect((refusal as TradeChainError).decoded.name).to.equal("ProductNegativeListed");
  });

  it("turns a customs revert into a one-line message naming the prefix", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const past = BigInt(await time.latest()) - 1n;
    const failure = await fx.clients.customsPK
      .setTariffListing(PK, "0902.30", "Positive", { expiresAt: past })
      .catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(TradeChainError);
    expect((failure as TradeChainError).message).to.match(/listing of HS 0902\.30 expires at/);
  });
});
