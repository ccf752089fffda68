import { readFile } from "node:fs/promises";

import { expect } from "chai";
import { id, ZeroHash } from "ethers";

import { buildTradeChainModule } from "../../ignition/modules/TradeChain.js";
import {
  deployedSuiteFixture,
  ethers,
  ignition,
  LOCAL_PARAMETERS,
  networkHelpers,
} from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

interface LocalParameters {
  Registry: { registrar: string };
  Escrow: { feeRecipient: string; feeBps: number; defaultArbiter: string; pauser: string };
  TokenUSD: Record<string, string | number>;
  TokenCNY: Record<string, string | number>;
}

const parameters = JSON.parse(await readFile(LOCAL_PARAMETERS, "utf8")) as LocalParameters;

describe("Ignition TradeChain module", function () {
  it("deploys USD and CNY tokens with the parameter file's names, 6 decimals and currency codes", async function () {
    const { addresses } = await loadFixture(deployedSuiteFixture);
    for (const currency of ["USD", "CNY"] as const) {
      const token = await ethers.getContractAt("SettlementToken", addresses.tokens[currency]);
      const expected = parameters[`Token${currency}`];
      expect(await token.name()).to.equal(expected.name);
      expect(await token.symbol()).to.equal(expected.symbol);
      expect(await token.decimals()).to.equal(6n);
      expect(await token.currency()).to.equal(currency);
    }
  });

  it("grants every token role to the configured accounts and keeps the deployer as admin", async function () {
    const { addresses, admin } = await loadFixture(deployedSuiteFixture);
    for (const currency of ["USD", "CNY"] as const) {
      const token = await ethers.getContractAt("SettlementToken", addresses.tokens[currency]);
      const expected = parameters[`Token${currency}`];
      expect(await token.hasRole(ZeroHash, admin.address)).to.equal(true);
      expect(await token.defaultAdmin()).to.equal(admin.address);
      for (const [parameter, role] of [
        ["masterMinter", "MASTER_MINTER_ROLE"],
        ["pauser", "PAUSER_ROLE"],
        ["blacklister", "BLACKLISTER_ROLE"],
        ["rescuer", "RESCUER_ROLE"],
      ] as const) {
        expect(await token.hasRole(id(role), String(expected[parameter]))).to.equal(
          true,
          `${currency} ${role}`,
        );
      }
    }
  });

  it("wires registry and escrow: escrow set, both tokens allowed, fee, recipient, arbiter and roles", async function () {
    const { addresses } = await loadFixture(deployedSuiteFixture);
    const registry = await ethers.getContractAt("TradeRegistry", addresses.registry);
    const escrow = await ethers.getContractAt("TradeEscrow", addresses.escrow);
    expect(await registry.escrow()).to.equal(addresses.escrow);
    expect(await escrow.registry()).to.equal(addresses.registry);
    expect(await registry.hasRole(id("REGISTRAR_ROLE"), parameters.Registry.registrar)).to.equal(
      true,
    );
    expect(await escrow.isTokenAllowed(addresses.tokens.USD)).to.equal(true);
    expect(await escrow.isTokenAllowed(addresses.tokens.CNY)).to.equal(true);
    expect(await escrow.feeBps()).to.equal(BigInt(parameters.Escrow.feeBps));
    expect(await escrow.feeRecipient()).to.equal(parameters.Escrow.feeRecipient);
    expect(await escrow.defaultArbiter()).to.equal(parameters.Escrow.defaultArbiter);
    expect(await escrow.hasRole(id("PAUSER_ROLE"), parameters.Escrow.pauser)).to.equal(true);
  });

  it("defaults every account parameter to the deployer and the fee to 1% without a parameter file", async function () {
    const deploy = async () => {
      const deployed = await ignition.deploy(buildTradeChainModule(), {
        displayUi: false,
        deploymentId: "defaults",
      });
      return { escrow: deployed.escrow, registry: deployed.registry, usd: deployed.usd };
    };
    const { escrow, registry, usd } = await loadFixture(deploy);
    const [deployer] = await ethers.getSigners();
    expect(await escrow.getFunction("feeBps")()).to.equal(100n);
    expect(await escrow.getFunction("feeRecipient")()).to.equal(deployer.address);
    expect(await escrow.getFunction("defaultArbiter")()).to.equal(deployer.address);
    expect(await registry.getFunction("hasRole")(id("REGISTRAR_ROLE"), deployer.address)).to.equal(
      true,
    );
    expect(await usd.getFunction("hasRole")(id("MASTER_MINTER_ROLE"), deployer.address)).to.equal(
      true,
    );
  });

  it("appoints the customs authorities of the jurisdictions it is built with", async function () {
    const [, , , , , , , , customsPK, customsKZ] = await ethers.getSigners();
    const deploy = async () =>
      ignition.deploy(buildTradeChainModule({ customsJurisdictions: [586, 398] }), {
        displayUi: false,
        parameters: {
          TradeChain: { customs586: customsPK.address, customs398: customsKZ.address },
        },
      });
    const { registry } = await loadFixture(deploy);
    expect(await registry.getFunction("isCustomsAuthority")(586, customsPK.address)).to.equal(true);
    expect(await registry.getFunction("isCustomsAuthority")(398, customsKZ.address)).to.equal(true);
    expect(await registry.getFunction("customsRequired")(156)).to.equal(false);
  });

  it("deploys extra currencies when built with them, and never a mock contract", async function () {
    const module = buildTradeChainModule({ currencies: ["USD", "EUR"] });
    const contractNames = new Set<string>();
    const visit = (m: { futures: Set<{ type: string }>; submodules: Set<unknown> }) => {
      for (const future of m.futures) {
        const name = (future as { contractName?: string }).contractName;
        if (future.type.includes("CONTRACT_DEPLOYMENT") && name !== undefined)
          contractNames.add(name);
      }
      for (const sub of m.submodules) visit(sub as typeof m);
    };
    visit(module as unknown as Parameters<typeof visit>[0]);
    expect([...contractNames].sort()).to.deep.equal([
      "SettlementToken",
      "TradeEscrow",
      "TradeRegistry",
    ]);
    expect(Object.keys(module.results).sort()).to.deep.equal(["escrow", "eur", "registry", "usd"]);
  });
});
