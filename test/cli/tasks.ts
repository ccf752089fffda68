import { join } from "node:path";

import { expect } from "chai";
import hre from "hardhat";

import { addressesOfDeployment } from "@tradechain/devkit/deploy";
import { productIdFromGtin, TradeChainClient, TradeChainError } from "@tradechain/sdk";
import { deploy } from "../../tasks/deploy.js";
import { CliError, runTask } from "../../tasks/context.js";
import { setListing } from "../../tasks/listing-set.js";
import { showListings } from "../../tasks/listing-show.js";
import { showOrder } from "../../tasks/order-show.js";
import { registerParticipant } from "../../tasks/participant-register.js";
import { mint } from "../../tasks/token-mint.js";
import {
  connection,
  deployedContextFixture,
  expectRejection,
  networkHelpers,
  TX_LINE,
} from "../helpers/cli.js";

const TEA = productIdFromGtin("4006381333931");

describe("CLI tasks", () => {
  it("are registered with Hardhat under their tradechain: names", () => {
    for (const name of [
      "tradechain:deploy",
      "tradechain:participant:register",
      "tradechain:listing:set",
      "tradechain:listing:show",
      "tradechain:token:mint",
      "tradechain:order:show",
      "tradechain:load",
    ]) {
      const task = hre.tasks.getTask(name);
      expect(task.description, name).to.not.equal("");
    }
    expect(hre.tasks.getTask("tradechain:order:show").positionalArguments[0].name).to.equal(
      "orderId",
    );
  });

  describe("tradechain:deploy", () => {
    it("deploys a wired suite with the Ignition module and prints its addresses", async () => {
      const { ctx, lines } = await networkHelpers.loadFixture(deployedContextFixture);
      const addresses = await deploy(ctx, {
        parameters: "ignition/parameters/local.json",
        reset: false,
      });
      const client = new TradeChainClient(connection.ethers.provider, addresses);
      expect(await client.escrow.isTokenAllowed(addresses.tokens.USD)).to.equal(true);
      expect(await client.escrow.registry()).to.equal(addresses.registry);
      expect(lines.join("\n")).to.contain(addresses.escrow).and.contain("In-process network");
    });
  });

  describe("reading the deployment", () => {
    it("explains how to deploy when the network has no deployment", async () => {
      const { ctx, folder } = await networkHelpers.loadFixture(deployedContextFixture);
      const missing = { ...ctx, deploymentFolder: join(folder, "chain-999") };
      await expectRejection(
        showOrder(missing, { orderId: `0x${"11".repeat(32)}` }),
        CliError,
        "no TradeChain deployment",
      );
    });
  });

  describe("tradechain:participant:register", () => {
    it("registers through the first registrar account and prints the result", async () => {
      const { ctx, lines, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      const participant = await registerParticipant(ctx, {
        account: signers[4].address,
        roles: "Seller,Buyer",
        country: "CN",
        identity: "business licence 91440300",
      });
      expect(participant.active).to.equal(true);
      expect(participant.roleNames).to.deep.equal(["Seller", "Buyer"]);
      expect(participant.jurisdiction).to.equal(156);
      expect(lines.at(-2)).to.equal(`Registered ${signers[4].address} as Seller+Buyer in CN`);
      expect(lines.at(-1)).to.match(TX_LINE);
    });

    it("refuses bad arguments before sending anything", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      const base = { account: signers[4].address, roles: "Seller", country: "CN", identity: "x" };
      await expectRejection(
        registerParticipant(ctx, { ...base, country: "Narnia" }),
        CliError,
        'unknown country "Narnia"',
      );
      await expectRejection(
        registerParticipant(ctx, { ...base, account: "0xabc" }),
        CliError,
        "--account",
      );
      await expectRejection(
        registerParticipant(ctx, { ...base, identity: " " }),
        CliError,
        "--identity",
      );
    });

    it("reports a non-registrar --from as the decoded revert", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(
        registerParticipant(ctx, {
          account: signers[4].address,
          roles: "Seller",
          country: "CN",
          identity: "x",
          from: "9",
        }),
        TradeChainError,
        "REGISTRAR_ROLE",
      );
    });

    it("refuses a --from that is not an account of the network", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      const args = { account: signers[4].address, roles: "Seller", country: "CN", identity: "x" };
      await expectRejection(
        registerParticipant(ctx, { ...args, from: "99" }),
        CliError,
        "--from 99: the network has",
      );
      await expectRejection(
        registerParticipant(ctx, { ...args, from: "0x000000000000000000000000000000000000dEaD" }),
        CliError,
        "is not an account of network",
      );
    });
  });

  describe("tradechain:listing:set and tradechain:listing:show", () => {
    it("refuses when no account of the network is that country's customs", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(
        setListing(ctx, { country: "PK", product: "gtin:4006381333931", status: "Negative" }),
        CliError,
        "is a customs authority of PK; pass --from",
      );
    });

    it("lists a product as the country's customs and shows the list with clearance", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      await deployed.registry.setCustomsAuthority(586, signers[8].address, true);
      const listing = await setListing(ctx, {
        country: "586",
        product: "gtin:4006381333931",
        status: "positive",
        reason: "certificate 42",
        expires: "2099-01-01",
      });
      expect(listing.status).to.equal("Positive");
      expect(listing.updatedBy).to.equal(signers[8].address);
      expect(listing.expiresAt).to.equal(4_070_908_800n);

      const rows = await showListings(ctx, { country: "PK", status: "all" });
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ productId: TEA, status: "Positive", clearance: "Positive" });
      expect(lines.join("\n")).to.contain("Jurisdiction PK (customs regime): 1 entry");

      const negatives = await showListings(ctx, { country: "PK", status: "negative" });
      expect(negatives).to.have.length(0);
      const one = await showListings(ctx, { country: "PK", status: "all", product: TEA });
      expect(one[0].version).to.equal(1);
    });

    it("refuses an unknown --status filter", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(
        showListings(ctx, { country: "PK", status: "banned" }),
        CliError,
        "not one of all, positive, negative",
      );
    });
  });

  describe("tradechain:token:mint", () => {
    it("lets the master minter configure itself for the amount and mint", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      const amount = await mint(ctx, {
        currency: "usd",
        to: signers[5].address,
        amount: "1,250.5",
      });
      expect(amount).to.equal(1_250_500_000n);
      expect(await deployed.usd.balanceOf(signers[5].address)).to.equal(amount);
      expect(lines.join("\n"))
        .to.contain("configured itself as tcUSD minter")
        .and.contain("Minted US$ 1,250.50 tcUSD");
    });

    it("refuses an unknown currency, a bad amount and a bad recipient", async () => {
      const { ctx, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      const to = signers[5].address;
      await expectRejection(
        mint(ctx, { currency: "EUR", to, amount: "1" }),
        CliError,
        "no EUR token in this deployment (have USD, CNY)",
      );
      await expectRejection(
        mint(ctx, { currency: "USD", to, amount: "1.5.5" }),
        CliError,
        "--amount",
      );
      await expectRejection(
        mint(ctx, { currency: "USD", to: "bob", amount: "1" }),
        CliError,
        '--to: "bob" is not an address',
      );
    });
  });

  describe("tradechain:order:show", () => {
    it("prints an order's terms, state and timeline", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      const [, operator, , , seller, buyer] = signers;
      const addresses = await addressesOfDeployment(deployed);
      const admin = new TradeChainClient(signers[0], addresses);
      await admin.connect(operator).registerParticipant(seller.address, ["Seller"], 156, "kyc");
      await admin.connect(operator).configureMinter("USD", operator.address, 1_000_000_000n);
      await admin.connect(operator).mint("USD", buyer.address, 500_000_000n);
      const { orderId } = await admin.connect(buyer).createOrder(
        {
          seller: seller.address,
          token: "USD",
          amount: 500_000_000n,
          productId: TEA,
          destination: 860,
        },
        { sellerSigner: seller },
      );
      await admin.connect(seller).ship(orderId, "DHL 1");

      const timeline = await showOrder(ctx, { orderId });
      expect(timeline.map((e) => e.step)).to.deep.equal(["Order created", "Shipped"]);
      const text = lines.join("\n");
      expect(text).to.contain(`Order ${orderId}: Cleared`).and.contain("US$ 500.00");
      expect(text).to.contain("cleared automatically");
    });

    it("refuses a malformed id and an unknown order", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(showOrder(ctx, { orderId: "42" }), CliError, "is not an order id");
      await expectRejection(
        showOrder(ctx, { orderId: `0x${"ab".repeat(32)}` }),
        CliError,
        "no order 0xabab",
      );
    });
  });

  describe("runTask", () => {
    it("prints a failure as one line on stderr and sets exit code 1", async () => {
      const printed: string[] = [];
      const original = console.error;
      const exitCode = process.exitCode;
      console.error = (line: string) => printed.push(line);
      try {
        await runTask("tradechain:x", () => Promise.reject(new CliError("--to is required")));
        expect(process.exitCode).to.equal(1);
      } finally {
        console.error = original;
        process.exitCode = exitCode;
      }
      expect(printed).to.deep.equal(["tradechain:x: --to is required"]);
    });
  });
});
