/**
 * The operators' tasks of issue 17: pausing the escrow and the tokens, customs clearing and
 * rejecting a shipment, a participant's standing and credit, a country's tariff listings; and
 * what every task shares: countries printed as alpha-2, one line for a forgotten --network.
 */
import { expect } from "chai";
import { type EventLog, id } from "ethers";
import hre from "hardhat";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";

import userConfig from "../../hardhat.config.js";
import {
  countryCode,
  productIdFromHsCode,
  TradeChainClient,
  TradeChainError,
} from "@tradechain/sdk";
import { CliError } from "../../tasks/context.js";
import { decideAtCustoms } from "../../tasks/customs-decision.js";
import { showOrder } from "../../tasks/order-show.js";
import { showParticipant } from "../../tasks/participant-show.js";
import { setEscrowPaused, setTokenPaused } from "../../tasks/pause.js";
import { setTariff } from "../../tasks/tariff-set.js";
import { showTariffs } from "../../tasks/tariff-show.js";
import {
  deployedContextFixture,
  ethers,
  expectRejection,
  networkHelpers,
  TX_LINE,
} from "../helpers/cli.js";

const PK = countryCode("PK");
const CN = countryCode("CN");
const DRONE = productIdFromHsCode("8806.22", "QUAD-X1");
const NEW_TASKS = [
  "tradechain:escrow:pause",
  "tradechain:escrow:unpause",
  "tradechain:token:pause",
  "tradechain:token:unpause",
  "tradechain:customs:clear",
  "tradechain:customs:reject",
  "tradechain:participant:show",
  "tradechain:tariff:show",
];

/**
 * The deployment with a Chinese seller (account 4), a Pakistani buyer (5), Pakistan's customs
 * (8), a drone registered and 1,000 USD minted to the buyer, and one order to Pakistan shipped
 * and waiting at customs.
 */
async function shippedToPakistanFixture() {
  const fixture = await deployedContextFixture();
  const { signers, ctx } = fixture;
  const [admin, operator, , , seller, buyer, , , customs] = signers;
  const addresses = {
    escrow: await fixture.deployed.escrow.getAddress(),
    registry: await fixture.deployed.registry.getAddress(),
    tokens: {
      USD: await fixture.deployed.usd.getAddress(),
      CNY: await fixture.deployed.cny.getAddress(),
    },
  };
  const root = new TradeChainClient(admin, addresses);
  const op = root.connect(operator);
  await op.registerParticipant(seller.address, ["Seller"], CN, "licence");
  await op.registerParticipant(buyer.address, ["Buyer"], PK, "id card");
  await root.setCustomsAuthority(PK, customs.address);
  await op.configureMinter("USD", operator.address, 10_000_000_000n);
  await op.mint("USD", buyer.address, 1_000_000_000n);
  await root.connect(seller).registerProduct(DRONE, "8806.22.00", "spec");
  const { orderId } = await root.connect(buyer).createOrder(
    {
      seller: seller.address,
      token: "USD",
      amount: 250_000_000n,
      productId: DRONE,
      destination: PK,
    },
    { sellerSigner: seller },
  );
  await root.connect(seller).ship(orderId, "DHL 1");
  fixture.lines.length = 0;
  return { ...fixture, ctx, orderId, clients: { root, op, seller: root.connect(seller) } };
}

describe("CLI tasks for operators (pause, customs decisions, participants, tariffs)", () => {
  it("are registered with a description and a described option for every argument", () => {
    for (const name of NEW_TASKS) {
      const task = hre.tasks.getTask(name);
      expect(task.description, name).to.not.equal("");
      for (const [option, definition] of task.options) {
        expect(definition.description, `${name} --${option}`).to.not.equal("");
      }
    }
  });

  describe("tradechain:escrow:pause and unpause", () => {
    it("pauses new orders as the escrow's pauser, emitting NewOrdersPaused, and resumes them", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      expect(await setEscrowPaused(ctx, {}, true)).to.equal(true);
      expect(await deployed.escrow.paused()).to.equal(true);
      const [paused] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.NewOrdersPaused(),
      )) as EventLog[];
      expect(paused.args[0]).to.equal(signers[0].address); // the escrow's admin is its first pauser
      expect(lines.at(-2)).to.equal(
        `TradeEscrow ${await deployed.escrow.getAddress()}: new orders paused; open orders continue`,
      );
      expect(lines.at(-1)).to.match(TX_LINE);
      await setEscrowPaused(ctx, {}, true);
      expect(lines.at(-2)).to.contain("new orders paused (it already was paused)");
      expect(await setEscrowPaused(ctx, {}, false)).to.equal(false);
      expect(lines.at(-2)).to.match(/: new orders accepted$/);
      const [resumed] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.NewOrdersUnpaused(),
      )) as EventLog[];
      expect(resumed.args[0]).to.equal(signers[0].address);
    });

    it("refuses an account without the pauser role, decoded", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(
        setEscrowPaused(ctx, { from: "9" }, true),
        TradeChainError,
        "does not have the role PAUSER_ROLE",
      );
    });
  });

  describe("tradechain:token:pause and unpause", () => {
    it("pauses a token (transfers refused) and unpauses it, emitting Paused and Unpaused", async () => {
      const { ctx, lines, deployed, signers } =
        await networkHelpers.loadFixture(deployedContextFixture);
      expect(await setTokenPaused(ctx, { currency: "usd" }, true)).to.equal(true);
      expect(lines.at(-3)).to.match(/^USD token 0x[0-9a-fA-F]{40} paused: no transfers, mints/);
      expect(lines.at(-1)).to.equal(
        "  Note: the escrow keeps what it pays out in USD claimable meanwhile.",
      );
      expect(await deployed.usd.paused()).to.equal(true);
      expect(await deployed.cny.paused()).to.equal(false);
      const [event] = (await deployed.usd.queryFilter(deployed.usd.filters.Paused())) as EventLog[];
      expect(event.args[0]).to.equal(signers[1].address);
      const usd = await ethers.getContractAt(
        "SettlementToken",
        await deployed.usd.getAddress(),
        signers[0],
      );
      await expect(usd.transfer(signers[1].address, 0n)).to.be.revertedWithCustomError(
        usd,
        "TokenPaused",
      );
      expect(await setTokenPaused(ctx, { currency: "USD" }, false)).to.equal(false);
      expect(lines.at(-2)).to.match(/^USD token 0x[0-9a-fA-F]{40} running again$/);
      expect((await deployed.usd.queryFilter(deployed.usd.filters.Unpaused())).length).to.equal(1);
    });

    it("needs --currency (no token is paused by default), refuses an unknown one and a non-pauser", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(
        setTokenPaused(ctx, {}, true),
        CliError,
        "--currency is required: one of USD, CNY",
      );
      await expectRejection(
        setTokenPaused(ctx, { currency: "EUR" }, true),
        CliError,
        "--currency: no EUR token in this deployment (have USD, CNY)",
      );
      await expectRejection(
        setTokenPaused(ctx, { currency: "CNY", from: "7" }, true),
        TradeChainError,
        "does not have the role PAUSER_ROLE",
      );
    });
  });

  describe("tradechain:customs:clear and tradechain:customs:reject", () => {
    it("clears a shipment as the destination's customs, emitting CustomsCleared", async () => {
      const { ctx, lines, deployed, signers, orderId } =
        await networkHelpers.loadFixture(shippedToPakistanFixture);
      lines.length = 0;
      const decision = await decideAtCustoms(ctx, { order: orderId, record: "GD-2026-1" }, "clear");
      expect(decision).to.deep.equal({ orderId, status: "Cleared", by: signers[8].address });
      expect(lines[0]).to.equal(`Order ${orderId}: cleared by PK customs, now Cleared`);
      expect(lines[1]).to.match(TX_LINE);
      const [event] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.CustomsCleared(orderId),
      )) as EventLog[];
      expect(event.args.slice(1)).to.deep.equal([signers[8].address, id("GD-2026-1")]);
      await expectRejection(
        decideAtCustoms(ctx, { order: orderId }, "clear"),
        TradeChainError,
        "is Cleared, which does not allow this call: clearCustoms needs Shipped",
      );
    });

    it("rejects a shipment: the buyer is refunded in full, OrderRefunded at customs", async () => {
      const { ctx, lines, deployed, signers, orderId } =
        await networkHelpers.loadFixture(shippedToPakistanFixture);
      const buyer = signers[5].address;
      lines.length = 0;
      const before = await deployed.usd.balanceOf(buyer);
      const decision = await decideAtCustoms(ctx, { order: orderId, reason: "SRO 2026" }, "reject");
      expect(decision.status).to.equal("Refunded");
      expect(await deployed.usd.balanceOf(buyer)).to.equal(before + 250_000_000n);
      expect(lines.slice(0, 2)).to.deep.equal([
        `Order ${orderId}: rejected by PK customs, now Refunded`,
        `  US$ 250.00 refunded to the buyer ${buyer}`,
      ]);
      const [event] = (await deployed.escrow.queryFilter(
        deployed.escrow.filters.OrderRefunded(orderId),
      )) as EventLog[];
      expect(event.args.by).to.equal(signers[8].address);
      expect(event.args.reason).to.equal(3n); // RejectedAtCustoms
    });

    it("refuses a non-customs --from (decoded, country as PK), a missing or unknown --order", async () => {
      const { ctx, orderId } = await networkHelpers.loadFixture(shippedToPakistanFixture);
      await expectRejection(
        decideAtCustoms(ctx, { order: orderId, from: "7" }, "clear"),
        TradeChainError,
        "is not a customs authority of country PK",
      );
      await expectRejection(
        decideAtCustoms(ctx, {}, "reject"),
        CliError,
        "--order is required: an order id (0x and 64 hex digits)",
      );
      await expectRejection(
        decideAtCustoms(ctx, { order: `0x${"12".repeat(32)}` }, "clear"),
        CliError,
        `--order: no order 0x${"12".repeat(32)} on escrow`,
      );
    });

    it("order:show names the destination as PK and says who acts next", async () => {
      const { ctx, lines, orderId } = await networkHelpers.loadFixture(shippedToPakistanFixture);
      lines.length = 0;
      await showOrder(ctx, { orderId });
      const text = lines.join("\n");
      expect(text).to.match(/destination +PK\n/);
      expect(text).to.contain(
        "Next: Waiting for the customs of PK to clear or reject the shipment",
      );
      expect(text).to.contain("country PK, fee 1.00%");
      for (const line of text.split("\n")) expect([...line].length, line).to.be.at.most(120);
      await expectRejection(showOrder(ctx, {}), CliError, "<orderId> is required");
    });
  });

  describe("tradechain:participant:show", () => {
    it("shows roles, country and credit per currency after a completed sale", async () => {
      const { ctx, lines, signers, orderId, clients } =
        await networkHelpers.loadFixture(shippedToPakistanFixture);
      await decideAtCustoms(ctx, { order: orderId }, "clear");
      await clients.root.connect(signers[5]).confirmReceipt(orderId);
      lines.length = 0; // the fixture's lines are shared by the tests that load it
      const report = await showParticipant(ctx, { account: signers[4].address.toLowerCase() });
      expect(report.participant.roleNames).to.deep.equal(["Seller"]);
      const usd = report.credit.find((line) => line.currency === "USD");
      expect(usd?.salesCompleted).to.equal(1);
      // The seller's volume is what it was paid: US$ 250.00 less the 1% fee.
      expect(usd?.volume).to.equal(247_500_000n);
      expect(lines[0]).to.match(
        new RegExp(
          `^${signers[4].address}: Seller in CN, registered .* UTC, active \\(version 1\\)$`,
        ),
      );
      const text = lines.join("\n");
      expect(text).to.match(/sales completed +1 +0\n/);
      expect(text).to.match(/volume +US\$ 247\.50 +CN¥ 0\.00/);
      expect(text).to.match(/disputes drawn +0 +0\n/);
      expect(text).to.match(/refunded as seller \(amount\) +US\$ 0\.00 +CN¥ 0\.00/);
    });

    it("says a stranger is not registered, and a bad checksum says so", async () => {
      const { ctx, lines, signers } = await networkHelpers.loadFixture(deployedContextFixture);
      lines.length = 0;
      await showParticipant(ctx, { account: signers[9].address });
      expect(lines[0]).to.equal(`${signers[9].address}: not a registered participant`);
      const address = signers[9].address;
      const flipped = address.replace(/[a-f]/, (c) => c.toUpperCase());
      await expectRejection(
        showParticipant(ctx, { account: flipped }),
        CliError,
        `--account: ${flipped} has a bad checksum`,
      );
      await expectRejection(showParticipant(ctx, {}), CliError, "--account is required");
    });
  });

  describe("tradechain:tariff:show", () => {
    it("lists every level of a country's HS listings, filters by status, and shows one prefix", async () => {
      const { ctx, lines, signers } = await networkHelpers.loadFixture(shippedToPakistanFixture);
      await setTariff(ctx, { country: "PK", code: "8806", status: "Negative", reason: "UAV ban" });
      await setTariff(ctx, { country: "PK", code: "09", status: "Positive" });
      await setTariff(ctx, { country: "PK", code: "0902.30.00", status: "Negative" });
      lines.length = 0; // the fixture's lines are shared by the tests that load it
      const all = await showTariffs(ctx, { country: "pk", status: "all" });
      expect(all.map((e) => [e.tariffCode, e.status])).to.deep.equal([
        ["09", "Positive"],
        ["8806", "Negative"],
        ["0902.30.00", "Negative"],
      ]);
      expect(lines[0]).to.equal("Jurisdiction PK (customs regime): 3 tariff entries");
      expect(lines.join("\n")).to.match(/8806 +heading +Negative +never +1/);
      const negative = await showTariffs(ctx, { country: "586", status: "negative" });
      expect(negative).to.have.length(2);
      lines.length = 0;
      const [one] = await showTariffs(ctx, { country: "PK", status: "all", code: "88.06" });
      expect(one.version).to.equal(1);
      expect(lines[0]).to.equal("Jurisdiction PK (customs regime)");
      expect(lines.join("\n")).to.contain(`updated by  ${signers[8].address}`);
    });

    it("refuses a bad --code or --status before reading", async () => {
      const { ctx } = await networkHelpers.loadFixture(deployedContextFixture);
      await expectRejection(
        showTariffs(ctx, { country: "PK", status: "all", code: "880" }),
        CliError,
        "--code: HS code must have 2, 4, 6, 8 digits",
      );
      await expectRejection(
        showTariffs(ctx, { country: "PK", status: "listed" }),
        CliError,
        "not one of all, positive, negative",
      );
      await expectRejection(showTariffs(ctx, { status: "all" }), CliError, "--country is required");
    });
  });

  describe("without --network", () => {
    it("a task that needs a node says so in one line and exits 1; deploy still runs in process", async function () {
      this.timeout(60_000);
      const withoutNetwork = await createHardhatRuntimeEnvironment(
        userConfig,
        { ...hre.globalOptions, network: undefined },
        hre.config.paths.root,
      );
      const errors: string[] = [];
      const printed: string[] = [];
      const { error, log } = console;
      const exitCode = process.exitCode;
      try {
        console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
        console.log = (...parts: unknown[]) => printed.push(parts.join(" "));
        process.exitCode = undefined;
        await withoutNetwork.tasks.getTask("tradechain:participant:show").run({});
        expect(process.exitCode).to.equal(1);
        process.exitCode = undefined;
        await withoutNetwork.tasks
          .getTask("tradechain:deploy")
          .run({ parameters: "ignition/parameters/local.json", reset: false });
        expect(process.exitCode).to.equal(undefined);
      } finally {
        console.error = error;
        console.log = log;
        process.exitCode = exitCode;
      }
      expect(printed.join("\n")).to.contain("In-process network: the chain ends with this command");
      expect(errors).to.deep.equal([
        "tradechain:participant:show: no --network: this task needs a running node; " +
          "pass --network localhost or your network",
      ]);
    });
  });
});
