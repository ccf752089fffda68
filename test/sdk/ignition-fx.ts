import { readFile } from "node:fs/promises";

import { expect } from "chai";

import FxModule from "../../ignition/modules/Fx.js";
import FxLocalFeedModule from "../../ignition/modules/FxLocalFeed.js";
import { ethers, ignition, LOCAL_PARAMETERS, networkHelpers } from "../helpers/sdk.js";

/** `local.json`'s group of the local feed module. */
interface LocalFeedParameters {
  decimals: number;
  answer: number;
  maxAge: number;
  maxDeviationBps: number;
}
const LOCAL_FEED = (
  JSON.parse(await readFile(LOCAL_PARAMETERS, "utf8")) as { FxLocalFeed: LocalFeedParameters }
).FxLocalFeed;
const TEMPLATE = "ignition/parameters/testnet.example.json";

const { loadFixture } = networkHelpers;

async function fxDeploymentFixture() {
  return await ignition.deploy(FxModule, { parameters: LOCAL_PARAMETERS, displayUi: false });
}

async function localFeedFixture() {
  const fromBlock = await ethers.provider.getBlockNumber();
  const deployed = await ignition.deploy(FxLocalFeedModule, {
    parameters: LOCAL_PARAMETERS,
    displayUi: false,
  });
  return { ...deployed, fromBlock };
}

describe("Ignition Fx module", function () {
  it("deploys the cross-currency escrow over the suite's escrow and names it in the registry", async function () {
    const { fxEscrow, escrow, registry } = await loadFixture(fxDeploymentFixture);
    const fx = await ethers.getContractAt("TradeFxEscrow", await fxEscrow.getAddress());
    expect(await fx.settingsEscrow()).to.equal(await escrow.getAddress());
    expect(await fx.registry()).to.equal(await registry.getAddress());
    expect(await registry.fxEscrow()).to.equal(await fxEscrow.getAddress());
    const desk = await ethers.getContractAt("TradeFxDesk", await fx.fxDesk());
    expect(await desk.escrow()).to.equal(await fxEscrow.getAddress());
  });

  it("deploys no feed: the desk has none until the admin sets one", async function () {
    const { fxEscrow, usd, cny } = await loadFixture(fxDeploymentFixture);
    const fx = await ethers.getContractAt("TradeFxEscrow", await fxEscrow.getAddress());
    const desk = await ethers.getContractAt("TradeFxDesk", await fx.fxDesk());
    const [feed] = await desk.fxFeedOf(await usd.getAddress(), await cny.getAddress());
    expect(feed).to.equal(ethers.ZeroAddress);
    const contractNames = new Set<string>();
    for (const future of FxModule.futures) {
      const name = (future as { contractName?: string }).contractName;
      if (name !== undefined) contractNames.add(name);
    }
    expect([...contractNames]).to.deep.equal(["TradeFxEscrow"]);
  });
});

describe("Ignition FxLocalFeed module (local chains only)", function () {
  it("deploys the mock USD → CNY feed with local.json's answer and sets it on the desk", async function () {
    const { fxEscrow, fxDesk, usdCnyFeed, usd, cny, fromBlock } =
      await loadFixture(localFeedFixture);
    const fx = await ethers.getContractAt("TradeFxEscrow", await fxEscrow.getAddress());
    const desk = await ethers.getContractAt("TradeFxDesk", await fx.fxDesk());
    expect(await fxDesk.getAddress()).to.equal(await desk.getAddress());
    const feed = await ethers.getContractAt("MockAggregatorV3", await usdCnyFeed.getAddress());
    expect(await feed.decimals()).to.equal(BigInt(LOCAL_FEED.decimals));
    const [, answer] = await feed.latestRoundData();
    expect(answer).to.equal(BigInt(LOCAL_FEED.answer));
    const [usdAddress, cnyAddress] = [await usd.getAddress(), await cny.getAddress()];
    expect(await desk.fxFeedOf(usdAddress, cnyAddress)).to.deep.equal([
      await feed.getAddress(),
      BigInt(LOCAL_FEED.maxAge),
      BigInt(LOCAL_FEED.maxDeviationBps),
    ]);
    // 7.1 CNY per USD (8 decimals), both tokens 6 decimals: 1,000 USD → 7,100 CNY
    expect(await desk.referencePayout(usdAddress, cnyAddress, 1_000_000_000n)).to.equal(
      7_100_000_000n,
    );
    // the other direction has no feed
    const [reverse] = await desk.fxFeedOf(cnyAddress, usdAddress);
    expect(reverse).to.equal(ethers.ZeroAddress);
    const events = await desk.queryFilter(desk.filters.FxFeedSet(), fromBlock);
    expect(events.map((e) => [...e.args])).to.deep.equal([
      [
        usdAddress,
        cnyAddress,
        await feed.getAddress(),
        BigInt(LOCAL_FEED.maxAge),
        BigInt(LOCAL_FEED.maxDeviationBps),
      ],
    ]);
  });

  it("has no defaults: without local.json's group Ignition refuses to deploy it", async function () {
    const error = await ignition
      .deploy(FxLocalFeedModule, { parameters: {}, displayUi: false })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect((error as Error).message).to.match(/Module parameter 'decimals' requires a value/);
  });

  it("is only in the local parameter file, never in the testnet template", async function () {
    const template = JSON.parse(await readFile(TEMPLATE, "utf8")) as Record<string, unknown>;
    expect(Object.keys(template)).to.not.include("FxLocalFeed");
    expect(LOCAL_FEED).to.deep.equal({
      decimals: 8,
      answer: 710_000_000,
      maxAge: 86_400,
      maxDeviationBps: 100,
    });
  });
});
