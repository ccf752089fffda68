/**
 * Cross-currency orders for the explorer's tests (docs/fx.md), played on the fixture's deployment
 * after the demo through the SDK clients, as `devkit/src/demo/fx.ts` plays them: an FX provider
 * registered and funded (a client of its own), its cap on USD → CNY, a reference feed on the pair,
 * each order quoted by the provider and created by the importer's client with the devkit's
 * `placeFxOrder`. Four orders: one partly refunded then confirmed (two money steps), one cancelled
 * (both legs back), one disputed and ruled for the buyer in part, one left open (the provider's
 * open exposure).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { ContractFactory, type JsonRpcProvider } from "ethers";

import { devWallets } from "@tradechain/devkit/accounts";
import {
  ACCOUNTS_NEEDED,
  CN,
  type FxOrder,
  money,
  placeFxOrder,
  type Stage,
} from "@tradechain/devkit/demo";
import type { SuiteDeployment } from "@tradechain/devkit/deploy";

export type { FxOrder };

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
  const { admin, operator, importer, exporter } = stage.clients;
  if (fxAddress === undefined || admin.fxEscrow === undefined) {
    throw new Error("the deployment has no cross-currency escrow");
  }
  const providerSigner = devWallets(rpc, ACCOUNTS_NEEDED + 1)[ACCOUNTS_NEEDED];
  if (providerSigner === undefined) throw new Error("no account for the FX provider");
  const fx = admin.connect(providerSigner);
  const provider = await providerSigner.getAddress();
  const deskAddress = await admin.fxEscrow.fxDesk();
  const cap = await money(stage, "CNY", "100,000");

  await operator.registerParticipant(provider, ["FxProvider"], CN, "kyc:fx-provider");
  await operator.mint("CNY", provider, await money(stage, "CNY", "50,000"));
  await admin.setFxLimit(provider, "USD", "CNY", cap);
  const feed = await deployFeed(stage);
  await admin.setFxFeed("USD", "CNY", feed, { maxAge: 30 * 86_400, maxDeviationBps: 500 });
  await fx.approveFxEscrow("CNY", await money(stage, "CNY", "50,000"));
  await importer.approveFxEscrow("USD", await money(stage, "USD", "3,000"));

  const sale = await placeFxOrder(stage, fx, { pay: "1,000", payout: "7,100", ref: 0xf1 });
  const partialRefund = await money(stage, "USD", "100");
  await exporter.ship(sale.orderId, TRACKING);
  await exporter.refund(sale.orderId, partialRefund);
  await importer.confirmReceipt(sale.orderId);
  const cancelled = await placeFxOrder(stage, fx, { pay: "200", payout: "1,420", ref: 0xf2 });
  await importer.cancel(cancelled.orderId);
  const ruled = await placeFxOrder(stage, fx, { pay: "400", payout: "2,840", ref: 0xf3 });
  await exporter.ship(ruled.orderId, TRACKING);
  await importer.openDispute(ruled.orderId, EVIDENCE);
  const buyerTotal = await money(stage, "USD", "300");
  await stage.clients.defaultArbiter.resolveDispute(ruled.orderId, buyerTotal, EVIDENCE);
  const open = await placeFxOrder(stage, fx, { pay: "500", payout: "3,550", ref: 0xf4 });
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
