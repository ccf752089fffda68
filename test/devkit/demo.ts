import { expect } from "chai";
import { network } from "hardhat";

import {
  castFromSigners,
  runScenarios,
  SCENARIOS,
  setUpStage,
  verifyFinalState,
} from "@tradechain/devkit/demo";
import { deployFreshSuite } from "@tradechain/devkit/deploy";
import { feeOf } from "@tradechain/sdk";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function deployedFixture() {
  return deployFreshSuite(connection, "unused-in-process");
}

describe("Demo scenarios (@tradechain/devkit/demo)", () => {
  it("drives every order path and every expected outcome happens", async () => {
    const deployed = await networkHelpers.loadFixture(deployedFixture);
    const { stage } = await setUpStage(
      castFromSigners(await ethers.getSigners()),
      deployed.addresses,
      ethers.provider,
      { fromBlock: deployed.fromBlock },
    );
    const outcomes = await runScenarios(stage);
    await verifyFinalState(stage);

    expect(outcomes.map((o) => o.status)).to.deep.equal([
      "Completed",
      "Completed",
      "Completed",
      "Completed",
      "None",
      "None",
      "None",
      "Completed",
      "Refunded",
      "Resolved",
      "Resolved",
      "Refunded",
    ]);
    expect(outcomes.map((o) => o.key)).to.deep.equal(SCENARIOS.map((s) => s.key));
    expect(outcomes[4].refusal).to.match(
      /^ProductNegativeListed: .* is on the negative list of the destination country PK/,
    );
    expect(outcomes[5].refusal).to.match(
      /^SellerSignatureInvalid: The consent to order 0x[0-9a-f]{64} was signed by Karachi Traders Ltd \(PK\) \(0x[0-9a-fA-F]{40}\), neither the seller Shenzhen Bright Electronics \(CN\)/,
    );
    expect(outcomes[6].refusal).to.match(/^ProductNegativeListed: /);
    expect(stage.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(stage.checks.length).to.be.greaterThan(40);
  });

  it("verification catches an outcome that did not happen", async () => {
    const deployed = await networkHelpers.loadFixture(deployedFixture);
    const { stage } = await setUpStage(
      castFromSigners(await ethers.getSigners()),
      deployed.addresses,
      ethers.provider,
    );
    // Expect a payment that never happened: the importer's balance check must fail.
    stage.expect.move("USD", stage.accounts.importer, -1n);
    await verifyFinalState(stage);
    const failed = stage.checks.filter((c) => !c.ok);
    expect(failed).to.have.length(1);
    expect(failed[0].what).to.contain("Karachi Traders");
    expect(failed[0].detail).to.equal("expected US$ 19,999.999999, got US$ 20,000.00");
  });

  it("refuses a network with too few accounts for the cast", () => {
    expect(() => castFromSigners([])).to.throw("needs 12 accounts");
  });

  it("computes the escrow's fee rounded down", () => {
    expect(feeOf(10_000_099n, 100)).to.equal(100_000n);
    expect(feeOf(99n, 100)).to.equal(0n);
  });
});
