import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { expect } from "chai";

import {
  addressesFromIgnition,
  deploymentFromIgnition,
  ignitionDeploymentId,
  TradeChainClient,
  TradeChainError,
  type TradeChainErrorCode,
} from "@tradechain/sdk";
import {
  fromIgnition,
  IGNITION_DEPLOYMENTS,
  ignitionDeploymentFolder,
  readIgnitionDeployment,
} from "@tradechain/sdk/node";
import {
  ethers,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  units,
} from "../helpers/sdk.js";
import { fxClientFixture, fxOrder } from "../helpers/sdk-fx.js";

const { loadFixture } = networkHelpers;
const CHAIN_ID = 31337;

/** The TradeChainError `work` rejects with (fails the test otherwise), checked for its code. */
async function refusal(
  work: () => Promise<unknown>,
  code: TradeChainErrorCode,
  name: string,
): Promise<TradeChainError> {
  const err = await work().then(
    () => expect.fail(`expected ${code} ${name}`),
    (e: unknown) => e,
  );
  expect(err, String(err)).to.be.instanceOf(TradeChainError);
  expect((err as TradeChainError).code, String(err)).to.equal(code);
  expect((err as TradeChainError).decoded.name).to.equal(name);
  return err as TradeChainError;
}

/** Writes an Ignition record of `addresses` (future id → address) with a journal for `chainId`. */
async function writeRecord(
  folder: string,
  addresses: Record<string, string>,
  journal: readonly object[] = [{ chainId: CHAIN_ID, type: "DEPLOYMENT_INITIALIZE" }],
): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "deployed_addresses.json"), JSON.stringify(addresses));
  await writeFile(join(folder, "journal.jsonl"), journal.map((j) => JSON.stringify(j)).join("\n"));
}

describe("deployment: connecting to an Ignition deployment", function () {
  let root: string;

  beforeEach(async function () {
    root = await mkdtemp(join(tmpdir(), "tradechain-ignition-"));
  });

  afterEach(async function () {
    await rm(root, { recursive: true, force: true });
  });

  /** The fixture's suite recorded as Ignition does, under `root/chain-31337`. */
  async function recordedSuite() {
    const fx = await loadFixture(onboardedSuiteFixture);
    const folder = join(root, ignitionDeploymentId(CHAIN_ID));
    await writeRecord(
      folder,
      {
        "Registry#TradeRegistry": fx.addresses.registry,
        "TokenUSD#SettlementToken": fx.addresses.tokens.USD,
        "TokenCNY#SettlementToken": fx.addresses.tokens.CNY,
        "Escrow#TradeEscrow": fx.addresses.escrow.toLowerCase(),
      },
      [
        { chainId: CHAIN_ID, type: "DEPLOYMENT_INITIALIZE" },
        { futureId: "Escrow#TradeEscrow", receipt: { blockNumber: 1 } },
      ],
    );
    return { fx, folder };
  }

  it("fromIgnition finds the runner's chain's folder: no future ids, terms rebuilt from events", async function () {
    const { fx } = await recordedSuite();
    const { orderId, terms } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "CNY",
      amount: units(5),
      productId: LAPTOP,
      destination: PK,
    });
    const client = await fromIgnition(ethers.provider, { root });
    expect(client.addresses).to.deep.equal(fx.addresses);
    expect(await client.termsOf(orderId)).to.deep.equal(terms);
    const byChain = await fromIgnition(fx.buyer, { chainId: 31337n, root });
    expect(await byChain.signer.getAddress()).to.equal(fx.buyer.address);
  });

  it("reads the cross-currency escrow from Fx#TradeFxEscrow: its client finds FX orders", async function () {
    const s = await loadFixture(fxClientFixture);
    const { orderId, terms } = await fxOrder(s);
    const folder = join(root, ignitionDeploymentId(CHAIN_ID));
    await writeRecord(folder, {
      "Registry#TradeRegistry": s.addresses.registry,
      "TokenUSD#SettlementToken": s.addresses.tokens.USD,
      "TokenCNY#SettlementToken": s.addresses.tokens.CNY,
      "Escrow#TradeEscrow": s.addresses.escrow,
      "Fx#TradeFxEscrow": s.fxAddress.toLowerCase(),
    });
    const client = await fromIgnition(ethers.provider, { root });
    expect(client.addresses.fxEscrow).to.equal(s.fxAddress);
    expect(client.addresses).to.deep.equal(s.addresses);
    expect(await client.termsOf(orderId)).to.deep.equal(terms);
    expect((await client.fxLegOf(orderId)).payoutAmount).to.equal(units(7_100));
    expect(
      addressesFromIgnition({
        "Registry#TradeRegistry": s.addresses.registry,
        "Escrow#TradeEscrow": s.addresses.escrow,
      }).fxEscrow,
    ).to.equal(undefined);
    expect(() =>
      addressesFromIgnition({
        "Registry#TradeRegistry": s.addresses.registry,
        "Escrow#TradeEscrow": s.addresses.escrow,
        "Fx#TradeFxEscrow": "0x12",
      }),
    ).to.throw(TradeChainError, 'Fx#TradeFxEscrow: "0x12" is not an address');
  });

  it("fromIgnition takes a folder, or another deployment id under the root", async function () {
    const { fx, folder } = await recordedSuite();
    expect((await fromIgnition(ethers.provider, { folder })).addresses).to.deep.equal(fx.addresses);
    const demo = join(root, "demo-chain-31337");
    await writeRecord(demo, {
      "Registry#TradeRegistry": fx.addresses.registry,
      "Escrow#TradeEscrow": fx.addresses.escrow,
    });
    const client = await fromIgnition(ethers.provider, { deploymentId: "demo-chain-31337", root });
    expect(client.addresses.tokens).to.deep.equal({});
  });

  it("refuses a folder recorded on another chain, or a chain id that is not the runner's", async function () {
    const { fx } = await recordedSuite();
    const sepolia = join(root, "sepolia");
    await writeRecord(
      sepolia,
      {
        "Registry#TradeRegistry": fx.addresses.registry,
        "Escrow#TradeEscrow": fx.addresses.escrow,
      },
      [{ chainId: 11155111, type: "DEPLOYMENT_INITIALIZE" }],
    );
    const wrong = await refusal(
      () => fromIgnition(ethers.provider, { folder: sepolia }),
      "DEPLOYMENT",
      "WrongChain",
    );
    expect(wrong.message).to.equal(
      `${sepolia} was deployed on chain 11155111, but the runner is on chain 31337`,
    );
    const asked = await refusal(
      () => fromIgnition(ethers.provider, { chainId: 11155111, root }),
      "DEPLOYMENT",
      "WrongChain",
    );
    expect(asked.message).to.contain(
      "chain 11155111 was asked for, but the runner is on chain 31337",
    );
  });

  it("refuses a record whose contracts have no code on the chain (a restarted node)", async function () {
    await loadFixture(onboardedSuiteFixture);
    const stale = join(root, "stale");
    const nowhere = ethers.Wallet.createRandom().address;
    await writeRecord(stale, {
      "Registry#TradeRegistry": nowhere,
      "Escrow#TradeEscrow": nowhere,
    });
    const err = await refusal(
      () => fromIgnition(ethers.provider, { folder: stale }),
      "DEPLOYMENT",
      "NoContract",
    );
    expect(err.message).to.contain(`No contract at ${nowhere} (Escrow#TradeEscrow) and ${nowhere}`);
    expect(err.message).to.contain("the node restarted since");
  });

  it("refuses a missing folder and one that is not TradeChain's, naming them", async function () {
    await loadFixture(onboardedSuiteFixture);
    const missing = await refusal(
      () => fromIgnition(ethers.provider, { root }),
      "DEPLOYMENT",
      "NoDeployment",
    );
    expect(missing.message).to.equal(
      `No Ignition deployment at ${join(root, "chain-31337")} (cannot read ` +
        `${join(root, "chain-31337")}/deployed_addresses.json)`,
    );
    const lock = join(root, "lock");
    await writeRecord(lock, { "Lock#Lock": ethers.ZeroAddress });
    const other = await refusal(
      () => fromIgnition(ethers.provider, { folder: lock }),
      "DEPLOYMENT",
      "NotATradeChainDeployment",
    );
    expect(other.message).to.equal(
      "Not a TradeChain deployment: Escrow#TradeEscrow or Registry#TradeRegistry missing",
    );
    const wallet = ethers.Wallet.createRandom();
    await refusal(() => fromIgnition(wallet, { root }), "INVALID_ARGUMENT", "NoProvider");
  });

  it("reads the escrow's deployment block and chain from the journal, in Node and from text", async function () {
    const journal = [
      { chainId: 8453, type: "DEPLOYMENT_INITIALIZE" },
      { futureId: "Registry#TradeRegistry", receipt: { blockNumber: 3 } },
      { futureId: "Escrow#TradeEscrow", type: "TRANSACTION_PREPARE_SEND" },
      { futureId: "Escrow#TradeEscrow", receipt: { blockNumber: 7 } },
    ];
    const deployed = {
      "Registry#TradeRegistry": ethers.ZeroAddress,
      "Escrow#TradeEscrow": ethers.ZeroAddress,
    };
    await writeRecord(root, deployed, journal);
    for (const deployment of [
      await readIgnitionDeployment(root),
      deploymentFromIgnition(
        JSON.stringify(deployed),
        `${journal.map((j) => JSON.stringify(j)).join("\n")}\n{"cut short`,
      ),
    ]) {
      expect(deployment.deploymentBlock).to.equal(7);
      expect(deployment.chainId).to.equal(8453);
      expect(deployment.addresses.tokens).to.deep.equal({});
    }
    const bare = deploymentFromIgnition(JSON.stringify(deployed));
    expect([bare.chainId, bare.deploymentBlock]).to.deep.equal([undefined, undefined]);
    const client = TradeChainClient.fromDeployment(ethers.provider, bare);
    expect(client.addresses.escrow).to.equal(ethers.ZeroAddress);
  });

  it("refuses text that is not an Ignition record, and addresses that are not addresses", function () {
    for (const text of ["not json", "[1, 2]", "null"]) {
      try {
        deploymentFromIgnition(text);
        expect.fail(`accepted ${text}`);
      } catch (err) {
        expect((err as TradeChainError).code).to.equal("DEPLOYMENT");
        expect((err as TradeChainError).decoded.name).to.equal("NotATradeChainDeployment");
      }
    }
    expect(() => addressesFromIgnition({ "Lock#Lock": ethers.ZeroAddress })).to.throw(
      TradeChainError,
      "Not a TradeChain deployment",
    );
    expect(() =>
      addressesFromIgnition({
        "Registry#TradeRegistry": ethers.ZeroAddress,
        "Escrow#TradeEscrow": "0x1234",
      }),
    ).to.throw(TradeChainError, 'Escrow#TradeEscrow: "0x1234" is not an address');
    expect(ignitionDeploymentId(31337n)).to.equal("chain-31337");
    expect(ignitionDeploymentFolder(31337n)).to.equal(
      join("ignition", "deployments", "chain-31337"),
    );
    expect(resolve(IGNITION_DEPLOYMENTS)).to.equal(resolve("ignition/deployments"));
  });
});
