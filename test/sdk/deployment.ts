import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";

import {
  addressesFromIgnition,
  ignitionDeploymentFolder,
  readIgnitionDeployment,
  TradeChainClient,
} from "@tradechain/sdk";
import {
  ethers,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  units,
} from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

describe("deployment: reading an Ignition deployment folder", function () {
  let folder: string;

  beforeEach(async function () {
    folder = await mkdtemp(join(tmpdir(), "tradechain-ignition-"));
  });

  afterEach(async function () {
    await rm(folder, { recursive: true, force: true });
  });

  it("builds a client from deployed_addresses.json that rebuilds terms from events", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    await writeFile(
      join(folder, "deployed_addresses.json"),
      JSON.stringify({
        "Registry#TradeRegistry": fx.addresses.registry,
        "TokenUSD#SettlementToken": fx.addresses.tokens.USD,
        "TokenCNY#SettlementToken": fx.addresses.tokens.CNY,
        "Escrow#TradeEscrow": fx.addresses.escrow.toLowerCase(),
      }),
    );
    const { orderId, terms } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "CNY",
      amount: units(5),
      productId: LAPTOP,
      destination: PK,
    });
    const client = await TradeChainClient.fromIgnitionDeployment(folder, ethers.provider);
    expect(client.addresses).to.deep.equal(fx.addresses);
    expect(await client.termsOf(orderId)).to.deep.equal(terms);
  });

  it("takes the escrow's deployment block from the journal", async function () {
    const journal = [
      { futureId: "Registry#TradeRegistry", receipt: { blockNumber: 3 } },
      { futureId: "Escrow#TradeEscrow", type: "TRANSACTION_PREPARE_SEND" },
      { futureId: "Escrow#TradeEscrow", receipt: { blockNumber: 7 } },
    ];
    await writeFile(
      join(folder, "journal.jsonl"),
      journal.map((j) => JSON.stringify(j)).join("\n"),
    );
    await writeFile(
      join(folder, "deployed_addresses.json"),
      JSON.stringify({
        "Registry#TradeRegistry": ethers.ZeroAddress,
        "Escrow#TradeEscrow": ethers.ZeroAddress,
      }),
    );
    const deployment = await readIgnitionDeployment(folder);
    expect(deployment.deploymentBlock).to.equal(7);
    expect(deployment.addresses.tokens).to.deep.equal({});
  });

  it("explains a missing folder or a deployment that is not TradeChain's", async function () {
    try {
      await readIgnitionDeployment(join(folder, "absent"));
      expect.fail("reading a missing folder must fail");
    } catch (err) {
      expect((err as Error).message).to.contain("No Ignition deployment at");
    }
    expect(() => addressesFromIgnition({ "Lock#Lock": ethers.ZeroAddress })).to.throw(
      "Not a TradeChain deployment",
    );
    expect(ignitionDeploymentFolder(31337n)).to.equal(join("ignition/deployments", "chain-31337"));
  });
});
