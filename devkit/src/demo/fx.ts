/**
 * The demo's cross-currency orders (issue 19, docs/fx.md): Karachi Traders pays in the USD coin,
 * Shenzhen Bright Electronics is paid in the CNY coin at a rate an FX provider quoted for the
 * order; then a cancelled order whose USD comes back to the buyer exactly and whose CNY comes back
 * to the provider. Uses the deployment's cross-currency escrow (`stage.addresses.fxEscrow`,
 * `ignition/modules/Fx.ts`), onboards the provider and gives it a cap, and checks the quotes
 * against the desk's reference feed when the deployment set one (the local mock feed); every
 * amount is checked on the stage. Everything goes through the parties' SDK clients, as a platform
 * drives cross-currency orders (docs/sdk.md, "Cross-currency orders"; orders made by
 * `fx-order.ts`); only the local mock feed is called directly.
 */
import { Contract, type ContractTransactionResponse, type Signer } from "ethers";

import { formatBps, formatDuration } from "@tradechain/sdk";

import { CN } from "./cast.js";
import { placeFxOrder } from "./fx-order.js";
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
 * Plays the cross-currency orders on `stage` through the parties' clients; `provider` is an
 * account outside the cast (it becomes the FX provider, with a client of its own). Records its
 * checks on the stage.
 */
export async function runFxStory(stage: Stage, provider: Signer): Promise<FxStory> {
  const { admin, operator, importer, exporter } = stage.clients;
  const providerAddress = await provider.getAddress();
  const steps: FxStep[] = [];
  const say = (order: string, text: string) => steps.push({ order, text });

  const fxAddress = stage.addresses.fxEscrow;
  if (fxAddress === undefined) {
    throw new Error("the deployment has no cross-currency escrow: deploy ignition/modules/Fx.ts");
  }
  // the deployment (ignition/modules/Fx.ts) named it the registry's cross-currency escrow
  check(
    stage,
    "fx: the registry names the deployment's FX escrow",
    await admin.registry.fxEscrow(),
    fxAddress,
  );
  const fx = admin.connect(provider);
  await operator.registerParticipant(providerAddress, ["FxProvider"], CN, "kyc:fx-provider");
  await operator.mint("CNY", providerAddress, await money(stage, "CNY", "50,000"));
  await admin.setFxLimit(providerAddress, "USD", "CNY", await money(stage, "CNY", "100,000"));
  await fx.approveFxEscrow("CNY", await money(stage, "CNY", "50,000"));
  await importer.approveFxEscrow("USD", await money(stage, "USD", "1,500"));
  say("setup", `FX provider ${providerAddress} quotes USD → CNY, cap 100,000 CNY of open legs`);
  await referenceFeed(stage, say);

  const buyerUsdBefore = await importer.balanceOf("USD", stage.accounts.importer);
  const sellerCnyBefore = await admin.balanceOf("CNY", stage.accounts.exporter);

  // 1. paid in USD, paid out in CNY
  const sale = await placeFxOrder(stage, fx, { pay: "1,000", payout: "7,100", ref: 1 });
  say("fx-sale", `Karachi Traders pays 1,000 USD; the quote locks ${RATE_TEXT} until delivery`);
  await exporter.ship(sale.orderId, ZERO_TRACKING);
  await importer.confirmReceipt(sale.orderId);
  const fee = (sale.quote.payoutAmount * BigInt(sale.terms.feeBps)) / 10_000n;
  const sellerPaid = (await admin.balanceOf("CNY", stage.accounts.exporter)) - sellerCnyBefore;
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
    await fx.fxBalanceOf("USD", providerAddress),
    sale.terms.amount,
  );
  check(stage, "fx-sale: fee accrued in CNY", await fx.fxAccruedFees("CNY"), fee);

  // 2. cancelled before shipment: both legs go back in their own currencies
  const cancelled = await placeFxOrder(stage, fx, { pay: "500", payout: "3,550", ref: 2 });
  const buyerUsdMid = await importer.balanceOf("USD", stage.accounts.importer);
  await importer.cancel(cancelled.orderId);
  const refunded = (await importer.balanceOf("USD", stage.accounts.importer)) - buyerUsdMid;
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
    await fx.fxBalanceOf("CNY", providerAddress),
    cancelled.quote.payoutAmount,
  );

  // the provider takes its balances out; the platform collects its CNY fee
  await fx.withdrawFx("USD");
  await fx.withdrawFx("CNY");
  await admin.collectFxFees("CNY");
  const buyerPaid = buyerUsdBefore - (await importer.balanceOf("USD", stage.accounts.importer));
  check(stage, "fx: the buyer paid exactly the completed order", buyerPaid, sale.terms.amount);
  check(
    stage,
    "fx: the escrow holds nothing of either leg",
    (await admin.balanceOf("USD", fxAddress)) + (await admin.balanceOf("CNY", fxAddress)),
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
      await admin.balanceOf("USD", address),
      await admin.balanceOf("CNY", address),
    ]);
  }
  return { fxEscrow: fxAddress, provider: providerAddress, steps, balances };
}

/** The latest block's timestamp. */
async function chainTime(stage: Stage): Promise<bigint> {
  const latest = await stage.rpc.send("eth_getBlockByNumber", ["latest", false]);
  return BigInt((latest as { timestamp: string }).timestamp);
}

/** What the demo calls on the local mock feed (`MockAggregatorV3`, local deployments only). */
const MOCK_FEED_ABI = [
  "function setAnswer(int256 answer, uint256 updatedAt)",
  "function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)",
];

/**
 * When the deployment set a USD → CNY reference feed on the desk (local deployments:
 * `ignition/modules/FxLocalFeed.ts`), publishes its rate again at the chain's time — a real feed
 * updates itself; the demo moved time forward past the answer's maximum age — and checks that the
 * quotes below are at the feed's rate (the desk refuses them beyond its deviation).
 */
async function referenceFeed(
  stage: Stage,
  say: (order: string, text: string) => void,
): Promise<void> {
  const { admin } = stage.clients;
  const { feed: feedAddress, maxAge, maxDeviationBps } = await admin.fxFeedOf("USD", "CNY");
  if (feedAddress === undefined) return;
  const feed = new Contract(feedAddress, MOCK_FEED_ABI, stage.cast.admin);
  const [, answer] = (await feed.latestRoundData()) as [bigint, bigint];
  await (
    (await feed.setAnswer(answer, await chainTime(stage))) as ContractTransactionResponse
  ).wait();
  const reference = await admin.fxReferencePayout("USD", "CNY", await money(stage, "USD", "1,000"));
  check(
    stage,
    "fx: the reference feed gives 7,100 CNY for 1,000 USD",
    reference,
    await money(stage, "CNY", "7,100"),
  );
  say(
    "setup",
    `The desk checks USD → CNY quotes against the local reference feed ${feedAddress}: ` +
      `${await admin.formatAmount("CNY", reference)} for 1,000 USD, quotes within ` +
      `${formatBps(maxDeviationBps)}, answers up to ${formatDuration(maxAge)} old`,
  );
}

/** The demo's tracking document hash for cross-currency shipments. */
const ZERO_TRACKING = `0x${"0".repeat(63)}1`;
