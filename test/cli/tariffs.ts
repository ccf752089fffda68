import { expect } from "chai";
import hre from "hardhat";

import { productIdFromHsCode } from "@tradechain/sdk";
import type { TradeRegistry } from "../../typechain-types/index.js";
import { CliError } from "../../tasks/context.js";
import { parseTariffCodeArg, setTariff, showClearance } from "../../tasks/tariff-set.js";
import {
  deployedContextFixture,
  expectRejection,
  networkHelpers,
  TX_LINE,
} from "../helpers/cli.js";

const DRONE = productIdFromHsCode("8806.22", "CLI-DRONE");

describe("CLI tariff tasks", () => {
  it("are registered with Hardhat under their tradechain: names", () => {
    for (const name of ["tradechain:tariff:set", "tradechain:clearance:show"]) {
      expect(hre.tasks.getTask(name).description, name).to.not.equal("");
    }
  });

  it("parses --code at every level and refuses anything else in one line", () => {
    expect(parseTariffCodeArg("8806")).to.deep.equal({ digits: 4, code: 8806 });
    expect(parseTariffCodeArg("0902.30.00")).to.deep.equal({ digits: 8, code: 9023000 });
    expect(() => parseTariffCodeArg(undefined)).to.throw(CliError, "--code is required");
    expect(() => parseTariffCodeArg("880")).to.throw(CliError, "--code: HS code must have");
  });

  it("refuses when no account of the network is that country's customs", async () => {
    const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
    await expectRejection(
      setTariff(ctx, { country: "PK", code: "8806", status: "Negative" }),
      CliError,
      "is a customs authority of PK; pass --from",
    );
  });

  it("refuses a bad status or expiry before sending anything", async () => {
    const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
    await expectRejection(
      setTariff(ctx, { country: "PK", code: "8806", status: "banned" }),
      CliError,
      '--status: "banned" is not one of Unlisted, Positive, Negative',
    );
    await expectRejection(
      setTariff(ctx, { country: "PK", code: "8806", status: "Negative", expires: "soon" }),
      CliError,
      '--expires: "soon" is not a date',
    );
  });

  it("lets customs ban a heading, and shows which entry decides a product's clearance", async () => {
    const { ctx, lines, deployed, signers } =
      await networkHelpers.loadFixture(deployedContextFixture);
    const [seller, customs] = [signers[4], signers[8]];
    await deployed.registry.setCustomsAuthority(586, customs.address, true);
    const registry = deployed.registry as unknown as TradeRegistry;
    await registry
      .connect(signers[1])
      .registerParticipant(seller.address, 1, 156, `0x${"11".repeat(32)}`);
    await registry.connect(seller).registerProduct(DRONE, 88062200, `0x${"22".repeat(32)}`);

    const listing = await setTariff(ctx, {
      country: "PK",
      code: "8806",
      status: "negative",
      reason: "SRO 1234: unmanned aircraft",
      expires: "2099-01-01",
    });
    expect(listing).to.deep.include({
      tariffCode: "8806",
      status: "Negative",
      version: 1,
      updatedBy: customs.address,
      expiresAt: 4_070_908_800n,
    });
    expect(lines.at(-2)).to.match(/^HS 8806 \(heading\) is Negative in PK \(version 1, expires /);
    expect(lines.at(-1)).to.match(TX_LINE);

    const decision = await showClearance(ctx, { country: "586", product: DRONE });
    expect(decision).to.deep.include({ status: "Negative", source: "Tariff", tariffCode: "8806" });
    expect(lines.slice(-2)).to.deep.equal([
      `${DRONE} (HS 8806.22.00)`,
      "  is Negative in PK: decided by HS 8806 (heading)",
    ]);
    await showClearance(ctx, { country: "CN", product: "gtin:4006381333931" });
    expect(lines.at(-2)).to.contain("(not registered: no HS code)");
    expect(lines.at(-1)).to.equal("  is Unlisted in CN: no live entry applies");
  });

  it("reports a revert (an expiry in the past) as the decoded one-line message", async () => {
    const { ctx, deployed, signers } = await networkHelpers.loadFixture(deployedContextFixture);
    await deployed.registry.setCustomsAuthority(586, signers[8].address, true);
    await expectRejection(
      setTariff(ctx, { country: "PK", code: "0902.30", status: "Positive", expires: "2001-01-01" }),
      Error,
      "The listing of HS 0902.30 expires at",
    );
  });
});
