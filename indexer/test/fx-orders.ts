/**
 * Cross-currency orders for the explorer's tests (docs/fx.md), played on the fixture's deployment
 * after the demo, as `devkit/src/demo/fx.ts` and `test/helpers/fx.ts` make them: an FX provider
 * registered and funded, its cap on USD → CNY, a reference feed on the pair, quotes signed with the
 * SDK's `signFxQuote` and the seller's consent over `fxConsentId`. Four orders: one partly
 * refunded then confirmed (two money steps), one cancelled (both legs back), one disputed and
 * ruled for the buyer in part, one left open (the provider's open exposure).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { ContractFactory, type JsonRpcProvider } from "ethers";

import { devWallets } from "@tradechain/devkit/accounts";
import {
  ACCOUNTS_NEEDED,
  CN,
  CONFIRM_WINDOW,
  money,
  PK,
  PRODUCTS,
  type Stage,
} from "@tradechain/devkit/demo";
import type { SuiteDeployment } from "@tradechain/devkit/deploy";
import {
  fxConsentId,
  type FxQuote,
  type OrderTerms,
  signFxQuote,
  signSellerConsent,
  TradeFxDesk__factory,
  TradeFxEscrow__factory,
} from "@tradechain/sdk";

/** One cross-currency order the fixture made. */
export interface FxOrder {
  readonly orderId: string;
  readonly terms: OrderTerms;
  readonly quote: FxQuote;
}

/** What the cross-currency orders left on the chain. */
export interface FxFixture {
  readonly fxEscrow: string;
  readonly desk: string;
  readonly provider: string;
  readonly feed: string;
  readonly cap: bigint;
  /** Refunded 100 USD by the seller, then confirmed. */
  readonly sale: FxOrder;
  /** Cancelled by the buyer before shipment. */
  readonly cancelled: FxOrder;
  /** Disputed by the buyer; the arbiter gave it `buyerTotal` of its payment back. */
  readonly disputed: FxOrder & { readonly buyerTotal: bigint };
  /** Funded and left open. */
  readonly open: FxOrder;
  /** The seller's partial refund (pay currency). */
  readonly partialRefund: bigint;
}

/** The feed's answer: 7.1 CNY per USD with 8 decimals. */
const FEED_DECIMALS = 8;
const FEED_ANSWER = 710_000_000n;
const TRACKING = `0x${"0".repeat(62)}f1`;
const EVIDENCE = `0x${"0".repeat(62)}e1`;

/** Deploys the test feed from its Hardhat artifact (the SDK ships no mock). */
async function deployFeed(stage: Stage): Promise<string> {
  const artifact = JSON.parse(
    await readFile(
      join(
        import.meta.dirname,
        "../../artifacts/contracts/mocks/MockAggregatorV3.sol/MockAggregatorV3.json",
      ),
      "utf8",
    ),
  ) as { abi: []; bytecode: string };
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, stage.cast.admin);
  const feed = await factory.deploy(FEED_DECIMALS, FEED_ANSWER);
  await feed.waitForDeployment();
  return feed.getAddress();
}

/** Plays the cross-currency orders on the fixture's deployment (after the demo). */
export async function playFxOrders(
  rpc: JsonRpcProvider,
  deployment: SuiteDeployment,
  stage: Stage,
): Promise<FxFixture> {
  const fxAddress = deployment.addresses.fxEscrow;
  if (fxAddress === undefined) throw new Error("the deployment has no cross-currency escrow");
  const { admin, operator } = stage.clients;
  const providerSigner = devWallets(rpc, ACCOUNTS_NEEDED + 1)[ACCOUNTS_NEEDED];
  if (providerSigner === undefined) throw new Error("no account for the FX provider");
  const provider = await providerSigner.getAddress();
  const [usd, cny] = [stage.addresses.tokens.USD, stage.addresses.tokens.CNY];
  if (usd === undefined || cny === undefined) throw new Error("no USD or CNY coin");
  const fx = TradeFxEscrow__factory.connect(fxAddress, providerSigner);
  const deskAddress = await fx.fxDesk();
  const desk = TradeFxDesk__factory.connect(deskAddress, stage.cast.admin);
  const cap = await money(stage, "CNY", "100,000");

  await operator.registerParticipant(provider, ["FxProvider"], CN, "kyc:fx-provider");
  await operator.mint("CNY", provider, await money(stage, "CNY", "50,000"));
  await (await desk.setFxLimit(provider, usd, cny, cap)).wait();
  const feed = await deployFeed(stage);
  await (await desk.setFxFeed(usd, cny, feed, 30 * 86_400, 500)).wait();
  const cnyToken = admin.tokens.CNY.connect(providerSigner);
  await (await cnyToken.approve(fxAddress, await money(stage, "CNY", "50,000"))).wait();
  const importerUsd = admin.tokens.USD.connect(stage.cast.importer);
  await (await importerUsd.approve(fxAddress, await money(stage, "USD", "3,000"))).wait();

  let ref = 0;
  const create = async (payText: string, payoutText: string): Promise<FxOrder> => {
    const latest = await rpc.getBlock("latest");
    const now = BigInt(latest?.timestamp ?? 0);
    const terms: OrderTerms = {
      buyer: stage.accounts.importer,
      seller: stage.accounts.exporter,
      token: usd,
      amount: await money(stage, "USD", payText),
      productId: PRODUCTS.laptop.id,
      destination: PK,
      shipBy: now + 7n * 86_400n,
      confirmWindow: CONFIRM_WINDOW,
      feeBps: Number(await admin.escrow.feeBps()),
      arbiter: await admin.escrow.defaultArbiter(),
      ref: `0x${(0xf0 + ++ref).toString(16).padStart(64, "0")}`,
    };
    const orderId = await fx.orderIdOf(terms);
    const quote: FxQuote = {
      provider,
      payToken: usd,
      payAmount: terms.amount,
      payoutToken: cny,
      payoutAmount: await money(stage, "CNY", payoutText),
      orderId,
      expiry: now + 600n,
    };
    const { signature } = await signFxQuote(admin.registry, providerSigner, fxAddress, quote);
    // The platform signs as the exporter's delegate, for the payout the exporter will receive.
    const consent = await signSellerConsent(admin.registry, stage.cast.platform, {
      escrow: fxAddress,
      orderId: fxConsentId(orderId, cny, quote.payoutAmount),
    });
    await (
      await fx
        .connect(stage.cast.importer)
        .createFxOrder(terms, quote, signature, consent.signature)
    ).wait();
    return { orderId, terms, quote };
  };

  const sale = await create("1,000", "7,100");
  const partialRefund = await money(stage, "USD", "100");
  await (await fx.connect(stage.cast.exporter).ship(sale.terms, TRACKING)).wait();
  await (await fx.connect(stage.cast.exporter).refund(sale.terms, partialRefund)).wait();
  await (await fx.connect(stage.cast.importer).confirmReceipt(sale.terms)).wait();
  const cancelled = await create("200", "1,420");
  await (await fx.connect(stage.cast.importer).cancel(cancelled.terms)).wait();
  const ruled = await create("400", "2,840");
  await (await fx.connect(stage.cast.exporter).ship(ruled.terms, TRACKING)).wait();
  await (await fx.connect(stage.cast.importer).openDispute(ruled.terms, EVIDENCE)).wait();
  const buyerTotal = await money(stage, "USD", "300");
  const arbiter = fx.connect(stage.cast.defaultArbiter);
  await (await arbiter.resolveDispute(ruled.terms, buyerTotal, EVIDENCE)).wait();
  const open = await create("500", "3,550");
  return {
    fxEscrow: fxAddress,
    desk: deskAddress,
    provider,
    feed,
    cap,
    sale,
    cancelled,
    disputed: { ...ruled, buyerTotal },
    open,
    partialRefund,
  };
}
