import { expect } from "chai";
import { network } from "hardhat";

import { deployFreshSuite } from "../lib/deploy.js";
import {
  DEFAULT_LOAD_OPTIONS,
  loadAmount,
  loadSucceeded,
  percentile,
  runLoad,
  validateLoadOptions,
} from "../lib/load.js";
import {
  castFromSigners,
  feeOf,
  runScenarios,
  SCENARIOS,
  setUpStage,
  verifyFinalState,
} from "../scripts/lib/scenarios.js";
import { isLoopbackUrl } from "../tasks/load.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function deployedFixture() {
  return deployFreshSuite(connection, "unused-in-process");
}

describe("Demo scenarios (scripts/lib/scenarios.ts)", () => {
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
      "Completed",
      "Refunded",
      "Resolved",
      "Resolved",
      "Refunded",
    ]);
    expect(outcomes.map((o) => o.key)).to.deep.equal(SCENARIOS.map((s) => s.key));
    expect(outcomes[4].refusal).to.match(
      /^ProductNegativeListed: .* is on the negative list of the destination country 586/,
    );
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

describe("Load (lib/load.ts)", () => {
  it("runs orders through the lifecycle concurrently and conserves every unit", async () => {
    const deployed = await networkHelpers.loadFixture(deployedFixture);
    const [funder, operator] = await ethers.getSigners();
    const report = await runLoad(
      ethers.provider,
      deployed.addresses,
      { funder, operator },
      { ...DEFAULT_LOAD_OPTIONS, orders: 12, concurrency: 4 },
    );
    expect(report.completed).to.equal(12);
    expect(report.transactions).to.equal(36);
    expect(report.latencyMs.confirm).to.have.length(12);
    expect(report.failures).to.deep.equal([]);
    expect(report.checks.every((c) => c.ok)).to.equal(true);
    expect(loadSucceeded(report)).to.equal(true);
  });

  it("refuses a destination with customs (shipments would wait for clearance)", async () => {
    const deployed = await networkHelpers.loadFixture(deployedFixture);
    const [funder, operator] = await ethers.getSigners();
    const registry = await ethers.getContractAt("TradeRegistry", deployed.addresses.registry);
    await registry.setCustomsAuthority(860, funder.address, true);
    const error = await runLoad(
      ethers.provider,
      deployed.addresses,
      { funder, operator },
      {
        ...DEFAULT_LOAD_OPTIONS,
        orders: 1,
      },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(String(error)).to.contain("Destination 860 has a customs authority");
  });

  it("validates counts, and percentiles use the nearest rank", () => {
    expect(() => validateLoadOptions({ ...DEFAULT_LOAD_OPTIONS, orders: 0 })).to.throw("--orders");
    expect(() => validateLoadOptions({ ...DEFAULT_LOAD_OPTIONS, concurrency: 1.5 })).to.throw(
      "--concurrency",
    );
    expect(percentile([5, 1, 4, 2, 3], 50)).to.equal(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).to.equal(5);
    expect(percentile([], 50)).to.be.NaN;
    expect(loadAmount(0)).to.equal(10_000_000n);
    expect(loadAmount(1)).to.equal(10_007_919n);
  });

  it("runs only against loopback nodes", () => {
    expect(isLoopbackUrl("http://127.0.0.1:8545")).to.equal(true);
    expect(isLoopbackUrl("http://localhost:8545")).to.equal(true);
    expect(isLoopbackUrl("https://sepolia.infura.io/v3/x")).to.equal(false);
  });
});
