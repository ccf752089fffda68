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
  return { stage, provider: signers[ACCOUNTS_NEEDED] };
}

describe("Demo: cross-currency orders (@tradechain/devkit/demo runFxStory)", () => {
  it("pays the exporter in CNY for USD, refunds USD exactly, and every check holds", async () => {
    const { stage, provider } = await networkHelpers.loadFixture(stagedFixture);
    const story = await runFxStory(stage, provider);
    expect(stage.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(stage.checks.map((c) => c.what)).to.include.members([
      "fx-sale: exporter paid the payout leg minus the fee",
      "fx-refund: the buyer's USD back exactly",
      "fx: the escrow holds nothing of either leg",
    ]);
    // 7,100 CNY at 1%: 7,029 to the exporter, 71 to the platform; the provider keeps the rest
    const [providerUsd, providerCny] = story.balances.get("FX provider") ?? [0n, 0n];
    expect(providerUsd).to.equal(1_000_000_000n);
    expect(providerCny).to.equal(50_000_000_000n - 7_100_000_000n);
    expect(story.balances.get("Cross-currency escrow")).to.deep.equal([0n, 0n]);
    expect(story.steps.map((s) => s.order)).to.deep.equal([
      "setup",
      "fx-sale",
      "fx-sale",
      "fx-refund",
    ]);
  });
});
