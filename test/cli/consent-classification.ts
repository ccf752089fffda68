import { expect } from "chai";
import type { EventLog } from "ethers";
import hre from "hardhat";

import { productIdFromHsCode, TradeChainError } from "@tradechain/sdk";
import { bindClassification } from "../../tasks/classification-bind.js";
import { setCustoms } from "../../tasks/customs.js";
import { CliError } from "../../tasks/context.js";
import { changeDelegate } from "../../tasks/delegate.js";
import { registerParticipant } from "../../tasks/participant-register.js";
import {
  deployedContextFixture,
  expectRejection,
  networkHelpers,
  TX_LINE,
} from "../helpers/cli.js";

const PK = 586;
const DRONE = productIdFromHsCode("8806.22", "CLI-DRONE");
const TASKS = [
  "tradechain:delegate:set",
  "tradechain:delegate:revoke",
  "tradechain:classification:bind",
];

/** A seller (account 4) with a registered drone, and Pakistan's customs (account 8). */
async function sellerAndCustomsFixture() {
  const fixture = await deployedContextFixture();
  const { ctx, signers, deployed } = fixture;
  await registerParticipant(ctx, {
    account: signers[4].address,
    roles: "Seller",
    country: "CN",
    identity: "business licence 91440300",
  });
  await setCustoms(ctx, { country: "PK", account: signers[8].address }, true);
  const registry = deployed.registry.connect(signers[4]) as typeof deployed.registry;
  await (await registry.registerProduct(DRONE, 88062200, DRONE)).wait();
  return fixture;
}

describe("CLI seller delegates and customs classification", () => {
  it("are registered with a description for the task and every option", () => {
    for (const name of TASKS) {
      const task = hre.tasks.getTask(name);
      expect(task.description, name).to.not.equal("");
      for (const [option, definition] of task.options) {
        expect(definition.description, `${name} --${option}`).to.not.equal("");
      }
    }
  });

  it("tradechain:delegate:set and :revoke change the seller's delegate, emitting the events", async () => {
    const { ctx, lines, deployed, signers } =
      await networkHelpers.loadFixture(sellerAndCustomsFixture);
    const [seller, platform] = [signers[4].address, signers[11].address];
    const set = await changeDelegate(ctx, { delegate: platform }, "set");
    expect(set).to.deep.equal({ seller, delegate: platform, isDelegate: true });
    expect(lines.at(-2)).to.equal(
      `${platform} now consents to orders on behalf of the seller ${seller}`,
    );
    expect(lines.at(-1)).to.match(TX_LINE);
    const [event] = (await deployed.registry.queryFilter(
      deployed.registry.filters.DelegateSet(seller),
    )) as EventLog[];
    expect([event.args.seller, event.args.delegate]).to.deep.equal([seller, platform]);
    await expectRejection(
      changeDelegate(ctx, { delegate: platform }, "set"),
      TradeChainError,
      "already consents to orders on behalf of the seller",
    );

    const revoked = await changeDelegate(ctx, { delegate: platform }, "revoke");
    expect(revoked.isDelegate).to.equal(false);
    expect(lines.at(-2)).to.equal(
      `${platform} no longer consents for the seller ${seller}; orders it signed are refused`,
    );
    expect(
      await deployed.registry.queryFilter(
        deployed.registry.filters.DelegateRevoked(seller, platform),
      ),
    ).to.have.length(1);
    // Nobody has it any more: no account qualifies, and a named seller gets DelegateNotSet.
    await expectRejection(
      changeDelegate(ctx, { delegate: platform }, "revoke"),
      CliError,
      `is a seller with the delegate ${platform}; pass --from`,
    );
    await expectRejection(
      changeDelegate(ctx, { delegate: platform, from: "4" }, "revoke"),
      TradeChainError,
      "is not a delegate of the seller",
    );
  });

  it("tradechain:delegate:set refuses a missing or bad delegate and a --from that is no seller", async () => {
    const { ctx, signers } = await networkHelpers.loadFixture(sellerAndCustomsFixture);
    await expectRejection(changeDelegate(ctx, {}, "set"), CliError, "--delegate is required");
    await expectRejection(changeDelegate(ctx, { delegate: "0x12" }, "set"), CliError, "--delegate");
    await expectRejection(
      changeDelegate(ctx, { delegate: signers[11].address, from: "9" }, "set"),
      TradeChainError,
      `${signers[9].address} is not an active registered seller`,
    );
  });

  it("tradechain:classification:bind binds, refuses the same code again, and lifts with 0", async () => {
    const { ctx, lines, deployed, signers } =
      await networkHelpers.loadFixture(sellerAndCustomsFixture);
    const bound = await bindClassification(ctx, {
      country: "PK",
      product: DRONE,
      hs: "8471.30.00",
    });
    expect(bound).to.deep.equal({ hsCode: 84713000, hsCodeText: "8471.30.00", bound: true });
    expect(lines.at(-2)).to.equal(
      `${DRONE} is classified HS 8471.30.00 in PK (bound by its customs)`,
    );
    const [event] = (await deployed.registry.queryFilter(
      deployed.registry.filters.ClassificationBound(PK, DRONE),
    )) as EventLog[];
    expect([event.args.authority, event.args.previousHsCode, event.args.hsCode]).to.deep.equal([
      signers[8].address,
      88062200n,
      84713000n,
    ]);
    await expectRejection(
      bindClassification(ctx, { country: "PK", product: DRONE, hs: "84713000" }),
      TradeChainError,
      `Product ${DRONE} is already classified 8471.30.00 in country PK`,
    );
    const lifted = await bindClassification(ctx, { country: "PK", product: DRONE, hs: "0" });
    expect(lifted).to.deep.equal({ hsCode: 88062200, hsCodeText: "8806.22.00", bound: false });
    expect(lines.at(-2)).to.equal(
      `${DRONE} is classified HS 8806.22.00 in PK (the owner's declared code)`,
    );
  });

  it("tradechain:classification:bind refuses bad input, and an account that is not that customs", async () => {
    const { ctx, signers } = await networkHelpers.loadFixture(sellerAndCustomsFixture);
    await expectRejection(
      bindClassification(ctx, { country: "PK", product: DRONE }),
      CliError,
      "--hs is required",
    );
    await expectRejection(
      bindClassification(ctx, { country: "PK", product: DRONE, hs: "12" }),
      CliError,
      "--hs:",
    );
    await expectRejection(
      bindClassification(ctx, { country: "XX", product: DRONE, hs: "8471.30.00" }),
      CliError,
      'unknown country "XX"',
    );
    await expectRejection(
      bindClassification(ctx, { country: "KZ", product: DRONE, hs: "8471.30.00" }),
      CliError,
      "is a customs authority of KZ; pass --from",
    );
    await expectRejection(
      bindClassification(ctx, { country: "PK", product: DRONE, hs: "8471.30.00", from: "4" }),
      TradeChainError,
      `${signers[4].address} is not a customs authority of country PK`,
    );
  });
});
