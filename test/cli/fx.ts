import { expect } from "chai";
import hre from "hardhat";

import { addressesOfDeployment } from "@tradechain/devkit/deploy";
import {
  formatTimestamp,
  fxConsentId,
  type FxQuote,
  productIdFromGtin,
  signFxQuote,
  signSellerConsent,
  TradeChainClient,
  TradeChainError,
  TradeFxDesk__factory,
  TradeFxEscrow__factory,
} from "@tradechain/sdk";
import { CliError } from "../../tasks/context.js";
import { setFxFeed, setFxLimit, showFx } from "../../tasks/fx.js";
import { showOrder } from "../../tasks/order-show.js";
import {
  deployedContextFixture,
  ethers,
  expectRejection,
  fxContextFixture,
  networkHelpers,
  TX_LINE,
} from "../helpers/cli.js";

const TEA = productIdFromGtin("4006381333931");
const DAY = 86_400n;
/** Six-decimal units of a whole amount. */
const units = (whole: bigint) => whole * 1_000_000n;

/**
 * The FX deployment with a seller (#4, CN), a buyer (#5) and an FX provider (#6) registered; the
 * provider holds 50,000 CNY. Account #9 is a stranger; #0 is the escrow's admin.
 */
async function providerFixture() {
  const base = await fxContextFixture();
  const [admin, operator, , , seller, buyer, provider, , , stranger] = base.signers;
  const addresses = await addressesOfDeployment(base.deployed);
  const client = new TradeChainClient(admin, addresses);
  const registrar = client.connect(operator);
  await registrar.registerParticipant(seller.address, ["Seller"], 156, "kyc:seller");
  await registrar.registerParticipant(provider.address, ["FxProvider"], 156, "kyc:fx");
  await registrar.configureMinter("CNY", operator.address, units(1_000_000n));
  await registrar.configureMinter("USD", operator.address, units(1_000_000n));
  await registrar.mint("CNY", provider.address, units(50_000n));
  await registrar.mint("USD", buyer.address, units(5_000n));
  const fx = TradeFxEscrow__factory.connect(base.fxEscrow, admin);
  const desk = TradeFxDesk__factory.connect(await fx.fxDesk(), admin);
  const feed = await ethers.deployContract("MockAggregatorV3", [8, 710_000_000n]);
  return {
    ...base,
    addresses,
    client,
    fx,
    desk,
    feed: await feed.getAddress(),
    feedContract: feed,
    admin,
    seller,
    buyer,
    provider,
    stranger,
  };
}
type ProviderFixture = Awaited<ReturnType<typeof providerFixture>>;

/** The fixture restored, its printed lines emptied (the fixture's array outlives each test). */
async function loaded(): Promise<ProviderFixture> {
  const f = await networkHelpers.loadFixture(providerFixture);
  f.lines.length = 0;
  return f;
}

/**
 * Creates a cross-currency order of `pay` USD paid out as `payout` CNY, quoted by the provider
 * and consented by the seller, as a platform would (docs/fx.md); returns its id.
 */
async function createFxOrder(f: ProviderFixture, pay: bigint, payout: bigint): Promise<string> {
  const { addresses, fx, provider, seller, buyer, client } = f;
  const [usd, cny] = [addresses.tokens.USD, addresses.tokens.CNY];
  const now = BigInt((await ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  const terms = {
    buyer: buyer.address,
    seller: seller.address,
    token: usd,
    amount: pay,
    productId: TEA,
    destination: 860,
    shipBy: now + 7n * DAY,
    confirmWindow: 7n * DAY,
    feeBps: await client.escrow.feeBps(),
    arbiter: await client.escrow.defaultArbiter(),
    ref: `0x${"01".padStart(64, "0")}`,
  };
  const orderId = await fx.orderIdOf(terms);
  const quote: FxQuote = {
    provider: provider.address,
    payToken: usd,
    payAmount: pay,
    payoutToken: cny,
    payoutAmount: payout,
    orderId,
    expiry: now + 600n,
  };
  const quoteSignature = await signFxQuote(client.registry, provider, f.fxEscrow, quote);
  const consent = await signSellerConsent(client.registry, seller, {
    escrow: f.fxEscrow,
    orderId: fxConsentId(orderId, cny, payout),
  });
  await (await client.tokens.CNY.connect(provider).approve(f.fxEscrow, payout)).wait();
  await (await client.tokens.USD.connect(buyer).approve(f.fxEscrow, pay)).wait();
  await (
    await fx.connect(buyer).createFxOrder(terms, quote, quoteSignature.signature, consent.signature)
  ).wait();
  return orderId;
}

describe("CLI: cross-currency guard rails and orders (tradechain:fx:*)", () => {
  it("are registered with Hardhat under their tradechain:fx names", () => {
    const options = (name: string) => [...hre.tasks.getTask(name).options.keys()];
    expect(options("tradechain:fx:set-limit")).to.include.members([
      "provider",
      "pay",
      "payout",
      "cap",
      "from",
      "deploymentId",
    ]);
    expect(options("tradechain:fx:set-feed")).to.include.members([
      "pay",
      "payout",
      "feed",
      "maxAge",
      "maxDeviationBps",
      "from",
    ]);
    expect(options("tradechain:fx:show")).to.include.members(["provider", "deploymentId"]);
    for (const name of [
      "tradechain:fx:set-limit",
      "tradechain:fx:set-feed",
      "tradechain:fx:show",
    ]) {
      expect(hre.tasks.getTask(name).description, name).to.not.equal("");
    }
  });

  describe("tradechain:fx:set-limit", () => {
    it("sets a provider's cap on a pair as the escrow admin, prints it, and changes it", async () => {
      const f = await loaded();
      const { ctx, lines, desk, provider, addresses } = f;
      const [usd, cny] = [addresses.tokens.USD, addresses.tokens.CNY];
      const args = { provider: provider.address, pay: "usd", payout: "CNY", cap: "100,000" };
      const view = await setFxLimit(ctx, args);
      expect(await desk.fxLimitOf(provider.address, usd, cny)).to.deep.equal([units(100_000n), 0n]);
      expect(view).to.include({ line: 1, cap: units(100_000n), open: 0n });
      expect(lines[0]).to.equal(
        `Cap of ${provider.address} on USD → CNY: CN¥ 100,000.00 (line 1, open CN¥ 0.00)`,
      );
      expect(lines[1]).to.match(TX_LINE);
      const events = await desk.queryFilter(desk.filters.FxLimitSet(provider.address));
      expect(events.map((e) => [...e.args])).to.deep.equal([
        [provider.address, usd, cny, 1n, units(100_000n)],
      ]);

      // the same line, a lower cap; then zero stops new orders
      const lower = await setFxLimit(ctx, { ...args, cap: "2,500.5" });
      expect(lower).to.deep.equal({
        line: 1,
        provider: provider.address,
        payToken: usd,
        payoutToken: cny,
        cap: 2_500_500_000n,
        open: 0n,
      });
      const zero = await setFxLimit(ctx, { ...args, cap: "0" });
      expect(zero.cap).to.equal(0n);
      expect(lines.at(-2)).to.equal(
        `Cap of ${provider.address} on USD → CNY: CN¥ 0.00 (line 1, open CN¥ 0.00)`,
      );
      // the other direction is another line
      const reverse = await setFxLimit(ctx, { ...args, pay: "CNY", payout: "USD", cap: "10" });
      expect(reverse).to.include({ line: 2, cap: units(10n), payToken: cny, payoutToken: usd });
    });

    it("refuses every bad argument in one line before sending anything", async () => {
      const { ctx, desk, provider, stranger, addresses } = await loaded();
      const args = { provider: provider.address, pay: "USD", payout: "CNY", cap: "1" };
      const cases: [Record<string, string | undefined>, string][] = [
        [{ provider: undefined }, "--provider is required: an address"],
        [{ provider: "0xabc" }, '--provider: "0xabc" is not an address'],
        [{ pay: undefined }, "--pay is required: a currency (USD, CNY)"],
        [{ pay: "EUR" }, "--pay: no EUR token in this deployment (have USD, CNY)"],
        [{ payout: "JPY" }, "--payout: no JPY token in this deployment (have USD, CNY)"],
        [{ payout: "usd" }, "--pay and --payout are both USD: a pair has two currencies"],
        [{ cap: undefined }, "--cap is required: the most CNY in the provider's open orders"],
        [{ cap: "-5" }, '--cap: must not be negative, got "-5"'],
        [{ cap: "1.2.3" }, '--cap: not an amount: "1.2.3"'],
        [{ cap: "0.0000001" }, '--cap: "0.0000001" has more than 6 decimal places'],
        [{ cap: (2n ** 128n).toString() }, "is over the desk's largest cap"],
        [
          { provider: stranger.address },
          `--provider ${stranger.address} is not a registered FX provider: register it first ` +
            "(tradechain:participant:register --roles FxProvider)",
        ],
        [{ from: "99" }, "--from 99: the network has"],
      ];
      for (const [change, message] of cases) {
        await expectRejection(setFxLimit(ctx, { ...args, ...change }), CliError, message);
      }
      const [usd, cny] = [addresses.tokens.USD, addresses.tokens.CNY];
      expect(await desk.fxLimitOf(provider.address, usd, cny)).to.deep.equal([0n, 0n]);
      expect(await desk.queryFilter(desk.filters.FxLimitSet())).to.have.length(0);
    });

    it("reports a non-admin --from as the desk's decoded revert", async () => {
      const { ctx, desk, provider, stranger, addresses } = await loaded();
      await expectRejection(
        setFxLimit(ctx, {
          provider: provider.address,
          pay: "USD",
          payout: "CNY",
          cap: "100",
          from: "9",
        }),
        TradeChainError,
        `${stranger.address} is not the settings escrow's default admin, who sets FX caps and feeds`,
      );
      const [usd, cny] = [addresses.tokens.USD, addresses.tokens.CNY];
      expect(await desk.fxLimitOf(provider.address, usd, cny)).to.deep.equal([0n, 0n]);
    });
  });

  describe("tradechain:fx:set-feed", () => {
    it("sets a pair's reference feed as the escrow admin, prints its rate, and removes it", async () => {
      const { ctx, lines, desk, feed, addresses } = await loaded();
      const [usd, cny] = [addresses.tokens.USD, addresses.tokens.CNY];
      const view = await setFxFeed(ctx, {
        pay: "USD",
        payout: "CNY",
        feed,
        maxAge: "1h",
        maxDeviationBps: "150",
      });
      expect(await desk.fxFeedOf(usd, cny)).to.deep.equal([feed, 3_600n, 150n]);
      expect(view).to.include({ feed, maxAge: 3_600, maxDeviationBps: 150, reference: 7_100_000n });
      expect(lines[0]).to.equal(
        `Reference feed of USD → CNY: ${feed}, answers up to 1h old, quotes within 1.50%; ` +
          "1 USD = CN¥ 7.10",
      );
      expect(lines[1]).to.match(TX_LINE);
      // seconds work too
      await setFxFeed(ctx, {
        pay: "USD",
        payout: "CNY",
        feed: feed.toLowerCase(),
        maxAge: "90",
        maxDeviationBps: "0",
      });
      expect(await desk.fxFeedOf(usd, cny)).to.deep.equal([feed, 90n, 0n]);

      const removed = await setFxFeed(ctx, { pay: "usd", payout: "cny", feed: "none" });
      expect(removed).to.include({ feed: ethers.ZeroAddress, reference: "no feed" });
      expect(await desk.fxFeedOf(usd, cny)).to.deep.equal([ethers.ZeroAddress, 0n, 0n]);
      expect(lines.at(-2)).to.equal(
        "USD → CNY has no reference feed: quotes are checked against the caps only",
      );
      const events = await desk.queryFilter(desk.filters.FxFeedSet(usd, cny));
      expect(events.map((e) => [...e.args])).to.deep.equal([
        [usd, cny, feed, 3_600n, 150n],
        [usd, cny, feed, 90n, 0n],
        [usd, cny, ethers.ZeroAddress, 0n, 0n],
      ]);
    });

    it("refuses every bad argument in one line before sending anything", async () => {
      const { ctx, desk, feed, addresses, stranger } = await loaded();
      const args = { pay: "USD", payout: "CNY", feed, maxAge: "3600", maxDeviationBps: "100" };
      const cases: [Record<string, string | undefined>, string][] = [
        [{ feed: undefined }, "--feed is required: the feed's address, or none to remove"],
        [{ feed: "chainlink" }, '--feed: "chainlink" is not an address'],
        [{ feed: stranger.address }, `--feed: no contract at ${stranger.address} on this chain`],
        [
          { feed: addresses.tokens.USD },
          `--feed: ${addresses.tokens.USD} does not answer decimals() and latestRoundData() ` +
            "(AggregatorV3Interface)",
        ],
        [{ maxAge: undefined }, "--max-age is required with a feed: seconds, or 90m, 1h, 1d"],
        [{ maxAge: "0" }, '--max-age: "0" is not a duration from 1s to 4294967295s'],
        [{ maxAge: "soon" }, '--max-age: "soon" is not a duration'],
        [{ maxAge: "5000000000" }, '--max-age: "5000000000" is not a duration'],
        [{ maxDeviationBps: undefined }, "--max-deviation-bps: give basis points from 0 to 10000"],
        [{ maxDeviationBps: "10001" }, 'from 0 to 10000 (100 = 1%), got "10001"'],
        [{ maxDeviationBps: "1.5" }, 'got "1.5"'],
        [{ pay: "CNY" }, "--pay and --payout are both CNY: a pair has two currencies"],
        [{ payout: "EUR" }, "--payout: no EUR token in this deployment (have USD, CNY)"],
      ];
      for (const [change, message] of cases) {
        await expectRejection(setFxFeed(ctx, { ...args, ...change }), CliError, message);
      }
      expect(await desk.queryFilter(desk.filters.FxFeedSet())).to.have.length(0);
    });

    it("reports a non-admin --from as the desk's decoded revert", async () => {
      const { ctx, desk, feed, stranger, addresses } = await loaded();
      await expectRejection(
        setFxFeed(ctx, {
          pay: "USD",
          payout: "CNY",
          feed,
          maxAge: "1h",
          maxDeviationBps: "100",
          from: stranger.address,
        }),
        TradeChainError,
        `${stranger.address} is not the settings escrow's default admin`,
      );
      const [usd, cny] = [addresses.tokens.USD, addresses.tokens.CNY];
      expect((await desk.fxFeedOf(usd, cny))[0]).to.equal(ethers.ZeroAddress);
    });
  });

  describe("tradechain:fx:show", () => {
    it("prints the pairs' feeds and every provider's cap, open exposure and room", async () => {
      const f = await loaded();
      const { ctx, lines, provider, seller, feed } = f;
      await setFxLimit(ctx, {
        provider: provider.address,
        pay: "USD",
        payout: "CNY",
        cap: "20,000",
      });
      await setFxFeed(ctx, {
        pay: "USD",
        payout: "CNY",
        feed,
        maxAge: "1d",
        maxDeviationBps: "100",
      });
      await createFxOrder(f, units(1_000n), units(7_100n));
      lines.length = 0;

      const shown = await showFx(ctx, {});
      expect(shown.lines).to.deep.equal([
        {
          line: 1,
          provider: provider.address,
          payToken: f.addresses.tokens.USD,
          payoutToken: f.addresses.tokens.CNY,
          cap: units(20_000n),
          open: units(7_100n),
        },
      ]);
      expect(shown.feeds.map((v) => [v.pay.currency, v.payout.currency, v.feed])).to.deep.equal([
        ["USD", "CNY", feed],
        ["CNY", "USD", ethers.ZeroAddress],
      ]);
      const text = lines.join("\n");
      expect(lines[0]).to.equal(
        `TradeFxEscrow ${f.fxEscrow}, desk ${await f.desk.getAddress()} (chain 31337)`,
      );
      expect(text).to.match(new RegExp(`USD → CNY +${feed} +1d +1\\.00% +1 USD = CN¥ 7\\.10`));
      expect(text).to.match(/CNY → USD +none +- +- +-/);
      expect(text).to.contain("Provider lines: 1");
      expect(text).to.match(
        new RegExp(
          `1 +${provider.address} +USD → CNY +CN¥ 20,000\\.00 +CN¥ 7,100\\.00 +CN¥ 12,900\\.00`,
        ),
      );

      // one provider only; a provider without a line
      const mine = await showFx(ctx, { provider: provider.address.toLowerCase() });
      expect(mine.lines).to.have.length(1);
      const none = await showFx(ctx, { provider: seller.address });
      expect(none.lines).to.deep.equal([]);
      expect(lines.at(-1)).to.equal(
        `No provider lines of ${seller.address}: set a cap with tradechain:fx:set-limit`,
      );
    });

    it("says why a stale feed gives no reference", async () => {
      const f = await loaded();
      const { ctx, lines, feed } = f;
      await setFxFeed(ctx, {
        pay: "USD",
        payout: "CNY",
        feed,
        maxAge: "1h",
        maxDeviationBps: "100",
      });
      await networkHelpers.time.increase(2 * 3_600);
      const shown = await showFx(ctx, {});
      const answered = (await f.feedContract.latestRoundData())[3];
      expect(shown.feeds[0].reference).to.equal(`stale, answered ${formatTimestamp(answered)}`);
      expect(lines.join("\n")).to.contain(
        `1.00%          stale, answered ${formatTimestamp(answered)}`,
      );
      // setting it again says so too; a longer maximum age makes it usable
      const args = { pay: "USD", payout: "CNY", feed, maxDeviationBps: "100" };
      await setFxFeed(ctx, { ...args, maxAge: "3600" });
      expect(lines.at(-2)).to.match(
        new RegExp(
          `quotes within 1\\.00%; no reference now: stale, answered ${formatTimestamp(answered)}$`,
        ),
      );
      await setFxFeed(ctx, { ...args, maxAge: "1d" });
      expect(lines.at(-2)).to.match(
        /answers up to 1d old, quotes within 1\.00%; 1 USD = CN¥ 7\.10$/,
      );
    });

    it("refuses a bad --provider", async () => {
      const { ctx } = await loaded();
      await expectRejection(showFx(ctx, { provider: "alice" }), CliError, '--provider: "alice"');
    });
  });

  it("refuses every FX task on a deployment without a cross-currency escrow", async () => {
    const { ctx, folder, signers } = await networkHelpers.loadFixture(deployedContextFixture);
    const message =
      `the deployment in ${folder} has no cross-currency escrow (Fx#TradeFxEscrow): ` +
      "deploy it with tradechain:deploy (ignition/modules/Fx.ts)";
    await expectRejection(showFx(ctx, {}), CliError, message);
    await expectRejection(
      setFxLimit(ctx, { provider: signers[6].address, pay: "USD", payout: "CNY", cap: "1" }),
      CliError,
      message,
    );
    await expectRejection(
      setFxFeed(ctx, { pay: "USD", payout: "CNY", feed: "none" }),
      CliError,
      message,
    );
  });

  describe("tradechain:order:show of a cross-currency order", () => {
    it("finds the order on the FX escrow and shows both legs", async () => {
      const f = await loaded();
      const { ctx, lines, provider } = f;
      await setFxLimit(ctx, {
        provider: provider.address,
        pay: "USD",
        payout: "CNY",
        cap: "20,000",
      });
      const orderId = await createFxOrder(f, units(1_000n), units(7_100n));
      lines.length = 0;

      const timeline = await showOrder(ctx, { orderId });
      expect(timeline.map((e) => e.step)).to.deep.equal(["Order created", "Payout leg funded"]);
      expect(timeline[1].detail).to.match(/CN¥ 7,100\.00 for the seller from FX provider/);
      const text = lines.join("\n");
      expect(lines[0]).to.match(new RegExp(`^Order ${orderId}: Funded since `));
      expect(text).to.match(new RegExp(`escrow +TradeFxEscrow ${f.fxEscrow} \\(cross-currency\\)`));
      expect(text).to.match(/pay leg +US\$ 1,000\.00/);
      expect(text).to.match(new RegExp(`FX provider +${provider.address}`));
      expect(text).to.match(/payout leg +CN¥ 7,100\.00/);
      expect(text).to.match(/quoted rate +7\.1000 CNY per USD/);
      expect(text).to.not.match(/^ *amount /m);
    });

    it("names both escrows when neither has the order", async () => {
      const { ctx, fxEscrow, addresses } = await loaded();
      const orderId = `0x${"cd".repeat(32)}`;
      await expectRejection(
        showOrder(ctx, { orderId }),
        CliError,
        `no order ${orderId} on escrow ${addresses.escrow} nor on the cross-currency escrow ` +
          fxEscrow,
      );
    });

    it("still shows a single-currency order with its amount", async () => {
      const { ctx, lines, client, seller, buyer } = await loaded();
      const { orderId } = await client.connect(buyer).createOrder(
        {
          seller: seller.address,
          token: "USD",
          amount: units(50n),
          productId: TEA,
          destination: 860,
        },
        { sellerSigner: seller },
      );
      lines.length = 0;
      await showOrder(ctx, { orderId });
      expect(lines.join("\n"))
        .to.match(/amount +US\$ 50\.00/)
        .and.not.contain("payout leg");
    });
  });
});
