import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";
import { Wallet } from "ethers";
import hre, { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { developmentAccountIndex } from "@tradechain/devkit/accounts";
import {
  assertCodeAt,
  assertFilledIn,
  assertLocalOnlyModules,
  assertNoPublicAccounts,
  deployFreshSuite,
  DeploymentRefused,
  isLocalChain,
  LOCAL_ONLY_MODULES,
  LOCAL_PARAMETERS,
  localOnlyModulesIn,
  readParameterFile,
} from "@tradechain/devkit/deploy";
import { deploy } from "../../tasks/deploy.js";
import { CliError, deploymentClient, type TaskContext } from "../../tasks/context.js";
import { showListings } from "../../tasks/listing-show.js";
import { expectRejection } from "../helpers/cli.js";
import { type RpcProxy, startRpcProxy } from "../helpers/rpc-proxy.js";

const SEPOLIA = 11155111;
const TEMPLATE = "ignition/parameters/testnet.example.json";
/** Hardhat's and Anvil's account #0 and #1 (of the well-known development mnemonic). */
const DEV_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const DEV_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ETHER = 10n ** 18n;

/** Parameters naming fresh accounts for every role, as an operator writes from the template. */
async function ownParameters(extra: Record<string, unknown> = {}): Promise<string> {
  const role = () => Wallet.createRandom().address;
  const token = (name: string, symbol: string) => ({
    name,
    symbol,
    decimals: 6,
    masterMinter: role(),
    pauser: role(),
    blacklister: role(),
    rescuer: role(),
  });
  const parameters = {
    Registry: { registrar: role() },
    Escrow: { feeRecipient: role(), feeBps: 100, defaultArbiter: role(), pauser: role() },
    TokenUSD: token("TradeChain US Dollar", "tcUSD"),
    TokenCNY: token("TradeChain Chinese Yuan", "tcCNY"),
    ...extra,
  };
  const file = join(await mkdtemp(join(tmpdir(), "tradechain-params-")), "testnet.json");
  await writeFile(file, JSON.stringify(parameters, null, 2));
  return file;
}

/** An in-process chain with chain id `chainId` whose only account is `deployer`. */
function chainWith(chainId: number, deployer: { readonly privateKey: string }) {
  return network.create({
    override: {
      chainId,
      accounts: [{ privateKey: deployer.privateKey, balance: (1000n * ETHER).toString() }],
    },
  });
}

describe("Deployment safety (lib/deploy-safety.ts, tradechain:deploy)", () => {
  describe("the checks", () => {
    it("treats the in-process network and chain ids 31337 and 1337 as local, nothing else", () => {
      expect(isLocalChain(31337n, false)).to.equal(true);
      expect(isLocalChain(1337n, false)).to.equal(true);
      expect(isLocalChain(BigInt(SEPOLIA), true)).to.equal(true);
      expect(isLocalChain(BigInt(SEPOLIA), false)).to.equal(false);
      expect(isLocalChain(1n, false)).to.equal(false);
    });

    it("knows the development mnemonic's accounts, in any case, and no others", () => {
      expect(developmentAccountIndex(DEV_0)).to.equal(0);
      expect(developmentAccountIndex(DEV_1.toLowerCase())).to.equal(1);
      // account #19, the last of hardhat node's default twenty, and #99
      expect(developmentAccountIndex("0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199")).to.equal(19);
      expect(developmentAccountIndex(Wallet.createRandom().address)).to.equal(undefined);
      expect(developmentAccountIndex("not an address")).to.equal(undefined);
    });

    it("refuses local.json on a chain that is not local, naming the parameter and account", async () => {
      const parameters = await readParameterFile(LOCAL_PARAMETERS);
      const target = {
        chainId: BigInt(SEPOLIA),
        simulated: false,
        deployer: Wallet.createRandom().address,
        parameters,
        parametersFile: "local.json",
      };
      expect(() => assertNoPublicAccounts(target)).to.throw(
        DeploymentRefused,
        `chain ${SEPOLIA} is not a local chain, but local.json gives Registry.registrar to public ` +
          `development account #1 (${DEV_1}): pass --parameters with your own addresses`,
      );
      expect(() => assertNoPublicAccounts({ ...target, chainId: 31337n })).to.not.throw();
      expect(() => assertNoPublicAccounts({ ...target, simulated: true })).to.not.throw();
    });

    it("refuses the mock reference feed (FxLocalFeed) on a chain that is not local", async () => {
      const local = await readParameterFile(LOCAL_PARAMETERS);
      expect(LOCAL_ONLY_MODULES).to.deep.equal(["FxLocalFeed"]);
      expect(localOnlyModulesIn(local)).to.deep.equal(["FxLocalFeed"]);
      const target = { chainId: BigInt(SEPOLIA), simulated: false, parameters: local };
      expect(() => assertLocalOnlyModules({ ...target, parametersFile: "local.json" })).to.throw(
        DeploymentRefused,
        `chain ${SEPOLIA} is not a local chain, but local.json fills in FxLocalFeed, a mock ` +
          "reference feed for local chains only: remove the group and set a real feed with " +
          "tradechain:fx:set-feed",
      );
      const local31337 = { ...target, chainId: 31337n, parametersFile: "local.json" };
      expect(() => assertLocalOnlyModules(local31337)).to.not.throw();
      const simulated = { ...target, simulated: true, parametersFile: "local.json" };
      expect(() => assertLocalOnlyModules(simulated)).to.not.throw();
      // the testnet template never has it, so an operator's file copied from it passes
      const template = await readParameterFile(TEMPLATE);
      expect(localOnlyModulesIn(template)).to.deep.equal([]);
      expect(Object.keys(template as object)).to.not.include("FxLocalFeed");
      const own = { ...target, parameters: template, parametersFile: TEMPLATE };
      expect(() => assertLocalOnlyModules(own)).to.not.throw();
    });

    it("refuses a public development account as the deployer of a chain that is not local", () => {
      const target = {
        chainId: 8453n,
        simulated: false,
        deployer: DEV_0.toLowerCase(),
        parameters: {},
        parametersFile: "p.json",
      };
      expect(() => assertNoPublicAccounts(target)).to.throw(
        DeploymentRefused,
        `the deploying account ${DEV_0} is public development account #0`,
      );
      const own = { ...target, deployer: Wallet.createRandom().address };
      expect(() => assertNoPublicAccounts(own)).to.not.throw();
    });

    it("refuses the testnet template until every placeholder is filled in", async () => {
      const template = await readParameterFile(TEMPLATE);
      expect(() => assertFilledIn(template, TEMPLATE)).to.throw(
        DeploymentRefused,
        `${TEMPLATE}: fill in Registry.registrar (still "<registrar:`,
      );
      const filled = await readParameterFile(await ownParameters());
      expect(() => assertFilledIn(filled, "x")).to.not.throw();
    });

    it("reads a parameter file or says in one line why it cannot", async () => {
      const folder = await mkdtemp(join(tmpdir(), "tradechain-params-"));
      const broken = join(folder, "broken.json");
      await writeFile(broken, "{ Registry: ");
      await expectRejection(
        readParameterFile(broken),
        DeploymentRefused,
        `${broken} is not valid JSON`,
      );
      await expectRejection(
        readParameterFile(join(folder, "missing.json")),
        DeploymentRefused,
        "cannot read the parameter file",
      );
    });

    it("refuses a record whose contract has no code on the chain", async () => {
      const connection = await network.create();
      const [account] = await connection.ethers.getSigners();
      const where = { chainId: 31337n, folder: "ignition/deployments/chain-31337" };
      await expectRejection(
        assertCodeAt(connection.ethers.provider, { "Escrow#TradeEscrow": account.address }, where),
        DeploymentRefused,
        `ignition/deployments/chain-31337 records Escrow#TradeEscrow at ${account.address}, but ` +
          "chain 31337 has no code there (a restarted node, or another node with the same chain " +
          "id): pass --reset to deploy afresh, or another --deployment-id",
      );
    });
  });

  describe("tradechain:deploy against a node with a public chain id", () => {
    const deployer = Wallet.createRandom();
    const deploymentId = `test-safety-${process.pid}`;
    const folder = join(hre.config.paths.ignition, "deployments", deploymentId);
    let proxy: RpcProxy;
    let node: NetworkConnection;
    let ctx: TaskContext;
    const lines: string[] = [];

    before(async () => {
      proxy = await startRpcProxy((await chainWith(SEPOLIA, deployer)).provider);
      node = await network.create({ network: "localhost", override: { url: proxy.url } });
      ctx = {
        connection: node,
        chainId: BigInt(SEPOLIA),
        deploymentFolder: folder,
        print: (line) => lines.push(line),
      };
    });

    after(async () => {
      await rm(folder, { recursive: true, force: true });
      await proxy.close();
    });

    it("refuses local.json before sending anything", async () => {
      await expectRejection(
        deploy(ctx, { parameters: LOCAL_PARAMETERS, deploymentId, reset: false }),
        CliError,
        "gives Registry.registrar to public development account #1",
      );
      expect(await node.ethers.provider.getTransactionCount(deployer.address)).to.equal(0);
    });

    it("keeps the scripts' deployment (local.json, for the demo) off the chain too", async () => {
      await expectRejection(
        deployFreshSuite(node, deploymentId),
        DeploymentRefused,
        "gives Registry.registrar to public development account #1",
      );
      expect(await node.ethers.provider.getTransactionCount(deployer.address)).to.equal(0);
    });

    it("refuses own parameters that fill in the mock feed before sending anything", async () => {
      const feed = { decimals: 8, answer: 710000000, maxAge: 86400, maxDeviationBps: 100 };
      const parameters = await ownParameters({ FxLocalFeed: feed });
      await expectRejection(
        deploy(ctx, { parameters, deploymentId, reset: false }),
        CliError,
        `chain ${SEPOLIA} is not a local chain, but ${parameters} fills in FxLocalFeed, a mock ` +
          "reference feed for local chains only",
      );
      expect(await node.ethers.provider.getTransactionCount(deployer.address)).to.equal(0);
    });

    it("refuses the unfilled template before sending anything", async () => {
      await expectRejection(
        deploy(ctx, { parameters: TEMPLATE, deploymentId, reset: false }),
        CliError,
        "fill in Registry.registrar",
      );
      expect(await node.ethers.provider.getTransactionCount(deployer.address)).to.equal(0);
    });

    it("deploys with the operator's own parameters and checks the code it recorded", async () => {
      const addresses = await deploy(ctx, {
        parameters: await ownParameters(),
        deploymentId,
        reset: false,
      });
      expect(await node.ethers.provider.getCode(addresses.escrow)).to.not.equal("0x");
      expect(lines.join("\n")).to.contain(`TradeChain on localhost (chain ${SEPOLIA})`);
      expect(lines.at(-1)).to.equal(`  Recorded in ${folder}`);
    });

    it("refuses the stale record after the node restarts, and --reset deploys afresh", async () => {
      const parameters = await ownParameters();
      proxy.setBackend((await chainWith(SEPOLIA, deployer)).provider);
      await expectRejection(
        deploy(ctx, { parameters, deploymentId, reset: false }),
        CliError,
        `chain ${SEPOLIA} has no code there (a restarted node, or another node with the same ` +
          "chain id): pass --reset to deploy afresh, or another --deployment-id",
      );
      expect(await node.ethers.provider.getTransactionCount(deployer.address)).to.equal(0);
      await expectRejection(
        showListings(ctx, { country: "PK", status: "all" }),
        CliError,
        "redeploy with tradechain:deploy --reset, or pass another --deployment-id",
      );
      const addresses = await deploy(ctx, { parameters, deploymentId, reset: true });
      expect(await node.ethers.provider.getCode(addresses.registry)).to.not.equal("0x");
      const client = await deploymentClient(ctx);
      expect(await client.escrow.feeBps()).to.equal(100n);
      expect(await showListings(ctx, { country: "PK", status: "all" })).to.deep.equal([]);
    });

    it("refuses to deploy from a public development account", async () => {
      proxy.setBackend((await network.create({ override: { chainId: SEPOLIA } })).provider);
      await expectRejection(
        deploy(ctx, { parameters: await ownParameters(), deploymentId, reset: true }),
        CliError,
        `the deploying account ${DEV_0} is public development account #0`,
      );
    });
  });
});
