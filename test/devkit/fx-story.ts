import { expect } from "chai";
import { network } from "hardhat";

import { ACCOUNTS_NEEDED, castFromSigners, runFxStory, setUpStage } from "@tradechain/devkit/demo";
import { deployFreshSuite } from "@tradechain/devkit/deploy";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function stagedFixture() {
  const deployed = await deployFreshSuite(connection, "unused-in-process");
  const signers = await ethers.getSigners();
  const { stage } = await setUpStage(
    castFromSigners(signers),
    deployed.addresses,
    ethers.provider,
    {
      fromBlock: deployed.fromBlock,
    },
  );
  return { stage, provider: signers[ACCOUNTS_NEEDED], deployed };
}

describe("Demo: cross-currency orders (@tradechain/devkit/demo runFxStory)", () => {
  it("pays the exporter in CNY for USD, refunds USD exactly, and every check holds", async () => {
    const { stage, provider, deployed } = await networkHelpers.loadFixture(stagedFixture);
    const story = await runFxStory(stage, provider);
    // the deployment's own cross-currency escrow, named in the registry by the deployment
    expect(deployed.addresses.fxEscrow).to.be.a("string");
    expect(story.fxEscrow).to.equal(deployed.addresses.fxEscrow);
    expect(stage.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(stage.checks.map((c) => c.what)).to.include.members([
      "fx-sale: exporter paid the payout leg minus the fee",
      "fx-refund: the buyer's USD back exactly",
      "fx: the escrow holds nothing of either leg",
      "fx: the registry names the deployment's FX escrow",
      "fx: the reference feed gives 7,100 CNY for 1,000 USD",
    ]);
    // 7,100 CNY at 1%: 7,029 to the exporter, 71 to the platform; the provider keeps the rest
    const [providerUsd, providerCny] = story.balances.get("FX provider") ?? [0n, 0n];
    expect(providerUsd).to.equal(1_000_000_000n);
    expect(providerCny).to.equal(50_000_000_000n - 7_100_000_000n);
    expect(story.balances.get("Cross-currency escrow")).to.deep.equal([0n, 0n]);
    expect(story.steps.map((s) => s.order)).to.deep.equal([
      "setup",
      "setup",
      "fx-sale",
      "fx-sale",
      "fx-refund",
    ]);
    expect(story.steps[1].text).to.match(
      /^The desk checks USD → CNY quotes against the local reference feed 0x[0-9a-fA-F]{40}: CN¥ 7,100\.00 for 1,000 USD, quotes within 1\.00%, answers up to 1d old$/,
    );
  });

  it("refuses a deployment without a cross-currency escrow", async () => {
    const { stage, provider } = await networkHelpers.loadFixture(stagedFixture);
    const { fxEscrow: _none, ...single } = stage.addresses;
    const error = await runFxStory({ ...stage, addresses: single }, provider).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((error as Error).message).to.equal(
      "the deployment has no cross-currency escrow: deploy ignition/modules/Fx.ts",
    );
  });
});
