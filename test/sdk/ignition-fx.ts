import { expect } from "chai";

import FxModule from "../../ignition/modules/Fx.js";
import { ethers, ignition, LOCAL_PARAMETERS, networkHelpers } from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

async function fxDeploymentFixture() {
  return await ignition.deploy(FxModule, { parameters: LOCAL_PARAMETERS, displayUi: false });
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
