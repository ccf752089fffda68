/**
 * The demo's cross-currency orders (issue 19, docs/fx.md): Karachi Traders pays in the USD coin,
 * Shenzhen Bright Electronics is paid in the CNY coin at a rate an FX provider quoted for the
 * order; then a cancelled order whose USD comes back to the buyer exactly and whose CNY comes back
 * to the provider. Deploys the cross-currency escrow over the suite's escrow (through the SDK's
 * factory), onboards the provider and gives it a cap; every amount is checked on the stage.
 */
import type { Signer } from "ethers";

import {
  fxConsentId,
  type FxQuote,
  signFxQuote,
  signSellerConsent,
  TradeFxDesk__factory,
  TradeFxEscrow__factory,
  type TradeFxEscrow,
} from "@tradechain/sdk";

import { CN, PK, PRODUCTS } from "./cast.js";
import { CONFIRM_WINDOW } from "./scenarios.js";
import { check, money, type Stage } from "./stage.js";

/** One line of the cross-currency story, for people. */
export interface FxStep {
  readonly order: string;
  readonly text: string;
}

/** What the cross-currency story did. */
export interface FxStory {
  readonly fxEscrow: string;
  readonly provider: string;
  readonly steps: FxStep[];
  /** Final balances by party name: [USD, CNY] in base units. */
  readonly balances: ReadonlyMap<string, readonly [bigint, bigint]>;
}

const RATE_TEXT = "7.1000 CNY per USD";

/**
 * Plays the cross-currency orders on `stage`; `provider` is an account outside the cast (it
 * becomes the FX provider). Records its checks on the stage.
 */
export async function runFxStory(stage: Stage, provider: Signer): Promise<FxStory> {
  const { admin, operator, importer, exporter } = stage.clients;
  const adminSigner = stage.cast.admin;
  const providerAddress = await provider.getAddress();
  const [usd, cny] = [stage.addresses.tokens.USD, stage.addresses.tokens.CNY];
  const steps: FxStep[] = [];
  const say = (order: string, text: string) => steps.push({ order, text });

  const deployed = await new TradeFxEscrow__factory(adminSigner).deploy(stage.addresses.escrow);
  await deployed.waitForDeployment();
  const fx: TradeFxEscrow = TradeFxEscrow__factory.connect(await deployed.getAddress(), provider);
  const fxAddress = await fx.getAddress();
  await (await admin.registry.setFxEscrow(fxAddress)).wait();
  await operator.registerParticipant(providerAddress, ["FxProvider"], CN, "kyc:fx-provider");
  await operator.mint("CNY", providerAddress, await money(stage, "CNY", "50,000"));
  const desk = TradeFxDesk__factory.connect(await fx.fxDesk(), adminSigner);
  await (
    await desk.setFxLimit(providerAddress, usd, cny, await money(stage, "CNY", "100,000"))
  ).wait();
  const cnyToken = admin.tokens.CNY.connect(provider);
  await (await cnyToken.approve(fxAddress, await money(stage, "CNY", "50,000"))).wait();
  await (await importer.tokens.USD.approve(fxAddress, await money(stage, "USD", "1,500"))).wait();
  say("setup", `FX provider ${providerAddress} quotes USD → CNY, cap 100,000 CNY of open legs`);

  const buyerUsdBefore = await importer.tokens.USD.balanceOf(stage.accounts.importer);
  const sellerCnyBefore = await admin.tokens.CNY.balanceOf(stage.accounts.exporter);
  let ref = 0;
  const create = async (payText: string, payoutText: string) => {
    const latest = await stage.rpc.send("eth_getBlockByNumber", ["latest", false]);
    const now = BigInt((latest as { timestamp: string }).timestamp);
    const terms = {
      buyer: stage.accounts.importer,
      seller: stage.accounts.exporter,
      token: usd,
      amount: await money(stage, "USD", payText),
      productId: PRODUCTS.laptop.id,
      destination: PK,
      shipBy: now + 7n * 86_400n,
      confirmWindow: CONFIRM_WINDOW,
      feeBps: await admin.escrow.feeBps(),
      arbiter: await admin.escrow.defaultArbiter(),
      ref: `0x${(++ref).toString(16).padStart(64, "0")}`,
    };
    const orderId = await fx.orderIdOf(terms);
    const quote: FxQuote = {
      provider: providerAddress,
      payToken: usd,
      payAmount: terms.amount,
      payoutToken: cny,
      payoutAmount: await money(stage, "CNY", payoutText),
      orderId,
      expiry: now + 600n,
    };
    const quoteSignature = (await signFxQuote(admin.registry, provider, fxAddress, quote))
      .signature;
    // the platform signs as the exporter's delegate, for the payout it will receive
    const consent = await signSellerConsent(admin.registry, stage.cast.platform, {
      escrow: fxAddress,
      orderId: fxConsentId(orderId, cny, quote.payoutAmount),
    });
    await (
      await fx
        .connect(stage.cast.importer)
        .createFxOrder(terms, quote, quoteSignature, consent.signature)
    ).wait();
    return { terms, quote, orderId };
  };

  // 1. paid in USD, paid out in CNY
  const sale = await create("1,000", "7,100");
  say("fx-sale", `Karachi Traders pays 1,000 USD; the quote locks ${RATE_TEXT} until delivery`);
  await (await fx.connect(stage.cast.exporter).ship(sale.terms, ZERO_TRACKING)).wait();
  await (await fx.connect(stage.cast.importer).confirmReceipt(sale.terms)).wait();
  const fee = (sale.quote.payoutAmount * BigInt(sale.terms.feeBps)) / 10_000n;
  const sellerPaid = (await admin.tokens.CNY.balanceOf(stage.accounts.exporter)) - sellerCnyBefore;
  say(
    "fx-sale",
    `Shipped, cleared (laptops are on Pakistan's positive list), confirmed: the exporter is paid ` +
      `${await exporter.formatAmount("CNY", sellerPaid)}, the platform's fee ` +
      `${await exporter.formatAmount("CNY", fee)}, the provider credited 1,000 USD`,
  );
  check(
    stage,
    "fx-sale: exporter paid the payout leg minus the fee",
    sellerPaid,
    sale.quote.payoutAmount - fee,
  );
  check(
    stage,
    "fx-sale: provider credited the whole pay leg",
    await fx.claimable(usd, providerAddress),
    sale.terms.amount,
  );
  check(stage, "fx-sale: fee accrued in CNY", await fx.accruedFees(cny), fee);

  // 2. cancelled before shipment: both legs go back in their own currencies
  const cancelled = await create("500", "3,550");
  const buyerUsdMid = await importer.tokens.USD.balanceOf(stage.accounts.importer);
  await (await fx.connect(stage.cast.importer).cancel(cancelled.terms)).wait();
  const refunded = (await importer.tokens.USD.balanceOf(stage.accounts.importer)) - buyerUsdMid;
  say(
    "fx-refund",
    `Karachi Traders orders for 500 USD (3,550 CNY) and cancels: ` +
      `${await importer.formatAmount("USD", refunded)} back, exactly what it paid; the provider's ` +
      `3,550 CNY back in its balance`,
  );
  check(stage, "fx-refund: the buyer's USD back exactly", refunded, cancelled.terms.amount);
  check(
    stage,
    "fx-refund: the provider's CNY back exactly",
    await fx.claimable(cny, providerAddress),
    cancelled.quote.payoutAmount,
  );

  // the provider takes its balances out; the platform collects its CNY fee
  await (await fx.withdraw(usd)).wait();
  await (await fx.withdraw(cny)).wait();
  await (await fx.connect(adminSigner).collectFees(cny)).wait();
  const buyerPaid = buyerUsdBefore - (await importer.tokens.USD.balanceOf(stage.accounts.importer));
  check(stage, "fx: the buyer paid exactly the completed order", buyerPaid, sale.terms.amount);
  check(
    stage,
    "fx: the escrow holds nothing of either leg",
    (await admin.tokens.USD.balanceOf(fxAddress)) + (await admin.tokens.CNY.balanceOf(fxAddress)),
    0n,
  );

  const balances = new Map<string, readonly [bigint, bigint]>();
  for (const [name, address] of [
    ["Karachi Traders Ltd (PK)", stage.accounts.importer],
    ["Shenzhen Bright Electronics (CN)", stage.accounts.exporter],
    ["FX provider", providerAddress],
    ["Platform fee treasury", stage.accounts.feeRecipient],
    ["Cross-currency escrow", fxAddress],
  ] as const) {
    balances.set(name, [
      await admin.tokens.USD.balanceOf(address),
      await admin.tokens.CNY.balanceOf(address),
    ]);
  }
  return { fxEscrow: fxAddress, provider: providerAddress, steps, balances };
}

/** The demo's tracking document hash for cross-currency shipments. */
const ZERO_TRACKING = `0x${"0".repeat(63)}1`;
