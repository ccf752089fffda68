import { expect } from "chai";
import type { EventLog } from "ethers";
import hre from "hardhat";

import { toBytes32, TradeChainError } from "@tradechain/sdk";
import { setCustoms } from "../../tasks/customs.js";
import {
  setDefaultArbiter,
  setFee,
  setTokenAllowed,
  showEscrow,
} from "../../tasks/escrow-settings.js";
import { CliError } from "../../tasks/context.js";
import { registerParticipant } from "../../tasks/participant-register.js";
import { setParticipantActive } from "../../tasks/participant-status.js";
import {
  deployedContextFixture,
  ethers,
  expectRejection,
  networkHelpers,
  TX_LINE,
} from "../helpers/cli.js";

const PK = 586;
const OPERATOR_TASKS = [
  "tradechain:customs:appoint",
  "tradechain:customs:revoke",
  "tradechain:participant:suspend",
  "tradechain:participant:reinstate",
  "tradechain:escrow:allow-token",
  "tradechain:escrow:disallow-token",
  "tradechain:escrow:set-fee",
  "tradechain:escrow:set-arbiter",
  "tradechain:escrow:show",
];

/** The deployed suite with one registered seller (account 4), for the registrar's tasks. */
async function withSellerFixture() {
  const fixture = await deployedContextFixture();
  await registerParticipant(fixture.ctx, {
    account: fixture.signers[4].address,
    roles: "Seller",
    country: "CN",
    identity: "business licence 91440300",
  });
  return fixture;
}

describe("CLI operator tasks", () => {
  it("are registered with a description and a described option for every argument", () => {
    for (const name of OPERATOR_TASKS) {
      const task = hre.tasks.getTask(name);
      expect(task.description, name).to.not.equal("");
      for (const [option, definition] of task.options) {
        expect(definition.description, `${name} --${option}`).to.not.equal("");
      }
    }
    expect([...hre.tasks.getTask("tradechain:escrow:set-fee").options.keys()]).to.include("bps");
  });

  describe("tradechain:customs:appoint and tradechain:customs:revoke", () => {
    it("appoints a customs authority as the registry admin, emitting CustomsAuthoritySet", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      const customs = signers[8].address;
      const view = await setCustoms(ctx, { country: "PK", account: customs }, true);
      expect(view).to.deep.equal({
        jurisdiction: PK,
        account: customs,
        enabled: true,
        authorityCount: 1n,
      });
      expect(await deployed.registry.isCustomsAuthority(PK, customs)).to.equal(true);
      expect(await deployed.registry.customsRequired(PK)).to.equal(true);
      const [event] = (await deployed.registry.queryFilter(
        deployed.registry.filters.CustomsAuthoritySet(PK),
      )) as EventLog[];
      expect(event.args.authority).to.equal(customs);
      expect(event.args.enabled).to.equal(true);
      expect(event.args.authorityCount).to.equal(1n);
      expect(event.args.admin).to.equal(signers[0].address);
      expect(lines.at(-1)).to.match(TX_LINE);
      expect(lines.at(-2)).to.equal(
        `Appointed ${customs} as customs authority of PK; PK now has 1`,
      );
    });

    it("revokes an authority, and a second revoke is the decoded CustomsAuthorityUnchanged", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      const customs = signers[8].address;
      await setCustoms(ctx, { country: "586", account: customs }, true);
      const view = await setCustoms(ctx, { country: "pk", account: customs }, false);
      expect(view.enabled).to.equal(false);
      expect(view.authorityCount).to.equal(0n);
      expect(await deployed.registry.isCustomsAuthority(PK, customs)).to.equal(false);
      expect(lines.at(-2)).to.equal(`Revoked ${customs} as customs authority of PK; PK now has 0`);
      await expectRejection(
        setCustoms(ctx, { country: "PK", account: customs }, false),
        TradeChainError,
        "is already not a customs authority of",
      );
      await setCustoms(ctx, { country: "PK", account: customs }, true);
      await expectRejection(
        setCustoms(ctx, { country: "PK", account: customs }, true),
        TradeChainError,
        "is already a customs authority of",
      );
    });

    it("refuses a bad country or account before sending, and a non-admin --from", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      const account = signers[8].address;
      await expectRejection(
        setCustoms(ctx, { country: "XX", account }, true),
        CliError,
        'unknown country "XX"',
      );
      await expectRejection(
        setCustoms(ctx, { country: "PK", account: "0x12" }, true),
        CliError,
        '--account: "0x12" is not an address',
      );
      await expectRejection(
        setCustoms(ctx, { country: "PK" }, true),
        CliError,
        "--account is required",
      );
      await expectRejection(
        setCustoms(ctx, { country: "PK", account, from: "1" }, true),
        TradeChainError,
        "does not have the role",
      );
    });
  });

  describe("tradechain:participant:suspend and tradechain:participant:reinstate", () => {
    it("suspends a participant with the hash of the reason, then reinstates it", async () => {
      const { ctx, lines, deployed, signers } = await networkHelpers.loadFixture(withSellerFixture);
      const seller = signers[4].address;
      const suspended = await setParticipantActive(
        ctx,
        { account: seller, reason: "case 2026-114: counterfeit complaints" },
        false,
      );
      expect(suspended.active).to.equal(false);
      expect(await deployed.registry.isSuspended(seller)).to.equal(true);
      const [event] = (await deployed.registry.queryFilter(
        deployed.registry.filters.ParticipantSuspended(seller),
      )) as EventLog[];
      expect(event.args.reasonHash).to.equal(toBytes32("case 2026-114: counterfeit complaints"));
      expect(event.args.version).to.equal(2n);
      expect(event.args.registrar).to.equal(signers[1].address);
      expect(lines.at(-2)).to.equal(`Suspended ${seller} (Seller in CN, version 2)`);
      expect(lines.at(-1)).to.match(TX_LINE);

      const reinstated = await setParticipantActive(ctx, { account: seller }, true);
      expect(reinstated.active).to.equal(true);
      expect(reinstated.version).to.equal(3);
      expect(await deployed.registry.isActive(seller, 1)).to.equal(true);
      expect(lines.at(-2)).to.equal(`Reinstated ${seller} (Seller in CN, version 3)`);
    });

    it("gives the contract's refusals as decoded one-line errors", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(withSellerFixture);
      const seller = signers[4].address;
      await expectRejection(
        setParticipantActive(ctx, { account: seller }, true),
        TradeChainError,
        "is not suspended",
      );
      await setParticipantActive(ctx, { account: seller, reason: "r" }, false);
      await expectRejection(
        setParticipantActive(ctx, { account: seller, reason: "r" }, false),
        TradeChainError,
        "is already suspended",
      );
      await expectRejection(
        setParticipantActive(ctx, { account: signers[9].address, reason: "r" }, false),
        TradeChainError,
        "is not a registered participant",
      );
    });

    it("needs a reason to suspend, an address, and a registrar", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(withSellerFixture);
      const seller = signers[4].address;
      await expectRejection(
        setParticipantActive(ctx, { account: seller, reason: "  " }, false),
        CliError,
        "--reason: say why",
      );
      await expectRejection(
        setParticipantActive(ctx, { account: "seller" }, true),
        CliError,
        '--account: "seller" is not an address',
      );
      await expectRejection(
        setParticipantActive(ctx, { account: seller, reason: "r", from: "5" }, false),
        TradeChainError,
        "REGISTRAR_ROLE",
      );
    });
  });

  describe("tradechain:escrow:allow-token and tradechain:escrow:disallow-token", () => {
    it("allowlists a new token by address and stops accepting one by currency", async () => {
      const { ctx, lines, deployed } = await networkHelpers.loadFixture(deployedContextFixture);
      const eur = await ethers.deployContract("MockERC20", ["Euro Coin", "EURC", 6]);
      const address = await eur.getAddress();
      expect(await setTokenAllowed(ctx, { token: address.toLowerCase() }, true)).to.equal(true);
      expect(await deployed.escrow.isTokenAllowed(address)).to.equal(true);
      expect(lines.at(-2)).to.equal(`${address} is allowed for new orders`);
      expect(lines.at(-1)).to.match(TX_LINE);
      const [event] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.TokenAllowed(address),
      )) as EventLog[];
      expect(event.args.allowed).to.equal(true);

      const usd = await deployed.usd.getAddress();
      expect(await setTokenAllowed(ctx, { token: "usd" }, false)).to.equal(false);
      expect(await deployed.escrow.isTokenAllowed(usd)).to.equal(false);
      expect(lines.at(-2)).to.equal(`${usd} is no longer allowed for new orders`);
    });

    it("refuses a missing or unknown token, an address without code, and a non-admin", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(setTokenAllowed(ctx, {}, true), CliError, "--token is required");
      await expectRejection(
        setTokenAllowed(ctx, { token: "EUR" }, true),
        CliError,
        '"EUR" is neither an address nor a currency of this deployment (USD, CNY)',
      );
      await expectRejection(
        setTokenAllowed(ctx, { token: signers[7].address }, true),
        CliError,
        `no contract at ${signers[7].address}`,
      );
      await expectRejection(
        setTokenAllowed(ctx, { token: "USD", from: "3" }, false),
        TradeChainError,
        "does not have the role",
      );
    });
  });

  describe("tradechain:escrow:set-fee", () => {
    it("sets the fee at the escrow's maximum and refuses one basis point more unsent", async () => {
      const { ctx, lines, deployed } = await networkHelpers.loadFixture(deployedContextFixture);
      expect(await setFee(ctx, { bps: "150" })).to.equal(150);
      expect(lines.at(-2)).to.equal("Fee for new orders: 1.00% → 1.50% (150 basis points)");
      expect(lines.at(-1)).to.match(TX_LINE);
      const [event] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.FeeUpdated(),
      )) as EventLog[];
      expect(event.args.previousFeeBps).to.equal(100n);
      expect(event.args.newFeeBps).to.equal(150n);

      const blockBefore = await ethers.provider.getBlockNumber();
      await expectRejection(
        setFee(ctx, { bps: "501" }),
        CliError,
        "--bps: 501 (5.01%) is over the escrow's maximum of 500 (5.00%)",
      );
      expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore);
      expect(await setFee(ctx, { bps: "500" })).to.equal(500);
      expect(await setFee(ctx, { bps: "0" })).to.equal(0);
      expect(await deployed.escrow.feeBps()).to.equal(0n);
    });

    it("refuses a fee that is not whole basis points, and a non-admin", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      for (const bps of [undefined, "1.5", "-1", "1%"]) {
        await expectRejection(
          setFee(ctx, { bps }),
          CliError,
          "--bps: give the fee in basis points",
        );
      }
      await expectRejection(
        setFee(ctx, { bps: "200", from: "2" }),
        TradeChainError,
        "does not have the role",
      );
    });
  });

  describe("tradechain:escrow:set-arbiter", () => {
    it("sets the default arbiter and notes when the registry has it suspended", async () => {
      const { ctx, lines, deployed, signers } = await networkHelpers.loadFixture(withSellerFixture);
      const arbiter = signers[6].address;
      expect(await setDefaultArbiter(ctx, { account: arbiter })).to.equal(arbiter);
      expect(await deployed.escrow.defaultArbiter()).to.equal(arbiter);
      expect(lines.at(-2)).to.equal(`Default arbiter for new orders: ${arbiter}`);
      expect(lines.at(-1)).to.match(TX_LINE);
      const [event] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.DefaultArbiterUpdated(signers[3].address, arbiter),
      )) as EventLog[];
      expect(event.args.newArbiter).to.equal(arbiter);

      const seller = signers[4].address;
      await setParticipantActive(ctx, { account: seller, reason: "r" }, false);
      await setDefaultArbiter(ctx, { account: seller });
      expect(lines.at(-1)).to.contain(`the registry has ${seller} suspended`);
    });

    it("refuses a bad address before sending, the zero address as decoded, and a non-admin", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(setDefaultArbiter(ctx, {}), CliError, "--account is required");
      await expectRejection(
        setDefaultArbiter(ctx, { account: ethers.ZeroAddress }),
        TradeChainError,
        "is the zero address",
      );
      await expectRejection(
        setDefaultArbiter(ctx, { account: signers[6].address, from: "6" }),
        TradeChainError,
        "does not have the role",
      );
    });
  });

  describe("tradechain:escrow:show", () => {
    it("prints the fee, recipient, default arbiter, order intake and every token", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      await setTokenAllowed(ctx, { token: "CNY" }, false);
      lines.length = 0;
      const settings = await showEscrow(ctx, {});
      expect(settings).to.deep.equal({
        feeBps: 100,
        maxFeeBps: 500,
        feeRecipient: signers[2].address,
        defaultArbiter: signers[3].address,
        paused: false,
        tokens: [
          { currency: "USD", address: await deployed.usd.getAddress(), allowed: true },
          { currency: "CNY", address: await deployed.cny.getAddress(), allowed: false },
        ],
      });
      const text = lines.join("\n");
      expect(text).to.contain("fee              1.00% (maximum 5.00%)");
      expect(text).to.contain(`default arbiter  ${signers[3].address}`);
      expect(text).to.contain("new orders       accepted");
      expect(text).to.contain(`token CNY        ${await deployed.cny.getAddress()} not allowed`);
      for (const line of text.split("\n")) expect([...line].length).to.be.at.most(120);
    });
  });
});
