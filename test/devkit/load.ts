import { expect } from "chai";
import { network } from "hardhat";

import { deployFreshSuite } from "@tradechain/devkit/deploy";
import {
  DEFAULT_LOAD_OPTIONS,
  loadAmount,
  loadSucceeded,
  percentile,
  runLoad,
  validateLoadOptions,
} from "@tradechain/devkit/load";
import { isLoopbackUrl } from "@tradechain/devkit/nodes";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function deployedFixture() {
  return deployFreshSuite(connection, "unused-in-process");
}

describe("Load (@tradechain/devkit/load)", () => {
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
