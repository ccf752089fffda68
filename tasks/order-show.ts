/**
 * `tradechain:order:show <orderId>` — an order's terms, state, next action and timeline, on the
 * single-currency escrow or the cross-currency one (both legs).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseOrderId,
  runTask,
  type TaskContext,
} from "./context.js";
import { MAX_LINE_WIDTH, renderTable, wrapText } from "@tradechain/devkit/table";
import {
  formatBps,
  formatDuration,
  formatGas,
  formatJurisdiction,
  formatTimestamp,
  formatUnitsGrouped,
  shortHex,
  type TimelineEntry,
  TradeChainClient,
  TradeChainError,
  type FxLeg,
} from "@tradechain/sdk";

/** Arguments of `tradechain:order:show`. */
export interface OrderShowArgs extends DeploymentArgs {
  readonly orderId?: string;
}

/** Decimals of a cross-currency order's quoted rate. */
const RATE_DECIMALS = 4;

/** The order's state on `client`'s escrow, or undefined when that escrow has no such order. */
async function stateOn(client: TradeChainClient, orderId: string) {
  return client.orderState(orderId).catch((err: unknown) => {
    if (err instanceof TradeChainError && err.code === "UNKNOWN_ORDER") return undefined;
    throw err;
  });
}

/**
 * The order's state and, for a cross-currency order, its payout leg. The client finds the escrow
 * holding the order (the single-currency one, else the deployment's cross-currency one).
 */
async function findOrder(ctx: TaskContext, orderId: string) {
  const client = await deploymentClient(ctx);
  const { escrow, fxEscrow } = client.addresses;
  const state = await stateOn(client, orderId);
  if (state === undefined) {
    throw new CliError(
      fxEscrow === undefined
        ? `no order ${orderId} on escrow ${escrow}`
        : `no order ${orderId} on escrow ${escrow} nor on the cross-currency escrow ${fxEscrow}`,
    );
  }
  const leg =
    fxEscrow === undefined
      ? undefined
      : await client.fxLegOf(orderId).catch((err: unknown) => {
          if (err instanceof TradeChainError && err.code === "UNKNOWN_ORDER") return undefined;
          throw err;
        });
  return { client, state, leg };
}

/**
 * The rows of a cross-currency order's legs: the pay leg in the buyer's currency, the provider
 * that funded the payout leg, the payout leg in the seller's currency and the quoted rate.
 */
async function legRows(
  client: TradeChainClient,
  leg: FxLeg,
  terms: { readonly token: string; readonly amount: bigint },
): Promise<string[][]> {
  const { provider, payoutToken, payoutAmount } = leg;
  const [pay, payout] = await Promise.all([
    client.tokenInfo(terms.token),
    client.tokenInfo(payoutToken),
  ]);
  // payout per whole unit of pay, to 4 decimals: P·10^payDec·10^4 / (A·10^payoutDec)
  const rate =
    (payoutAmount * 10n ** BigInt(pay.decimals + RATE_DECIMALS)) /
    (terms.amount * 10n ** BigInt(payout.decimals));
  return [
    ["escrow", `TradeFxEscrow ${String(client.addresses.fxEscrow)} (cross-currency)`],
    ["pay leg", await client.formatAmount(terms.token, terms.amount)],
    ["FX provider", provider],
    ["payout leg", await client.formatAmount(payoutToken, payoutAmount)],
    [
      "quoted rate",
      `${formatUnitsGrouped(rate, RATE_DECIMALS, RATE_DECIMALS)} ${payout.currency} per ` +
        `${pay.currency}`,
    ],
  ];
}

/**
 * Prints an order's terms, state, next action and timeline; returns the timeline. An order of
 * the cross-currency escrow shows both legs (pay leg, provider, payout leg in its currency).
 */
export async function showOrder(ctx: TaskContext, args: OrderShowArgs): Promise<TimelineEntry[]> {
  const orderId = parseOrderId(args.orderId, "<orderId>");
  const { client, state, leg } = await findOrder(ctx, orderId);
  const terms = await client.termsOf(orderId);
  const money = (units: bigint) => client.formatAmount(terms.token, units);
  ctx.print(`Order ${orderId}: ${state.status} since ${formatTimestamp(state.since)}`);
  ctx.print(
    renderTable(
      ["Term", "Value"],
      [
        ["buyer", terms.buyer],
        ["seller", terms.seller],
        ...(leg === undefined
          ? [["amount", await money(terms.amount)]]
          : await legRows(client, leg, terms)),
        ["product", terms.productId],
        ["destination", formatJurisdiction(terms.destination)],
        ["ship by", formatTimestamp(terms.shipBy)],
        ["confirmation window", formatDuration(terms.confirmWindow)],
        ["fee", formatBps(terms.feeBps)],
        ["arbiter", terms.arbiter],
        ["ref", terms.ref],
        ["refunded to buyer", await money(state.refunded)],
      ],
    ),
  );
  const next = await client.nextAction(orderId);
  ctx.print("");
  for (const line of wrapText(`Next: ${next.summary}`, MAX_LINE_WIDTH - 2)) ctx.print(`  ${line}`);
  const timeline = await client.orderTimeline(orderId);
  ctx.print("");
  ctx.print(
    renderTable(
      [
        "Time (UTC)",
        { title: "Actor", wrap: true },
        "Step",
        { title: "Detail", wrap: true },
        { title: "Gas", align: "right" },
        "Tx",
      ],
      timeline.map((e) => [
        formatTimestamp(e.timestamp).replace(" UTC", ""),
        shortHex(e.actor) + (e.sender !== e.actor ? ` via ${shortHex(e.sender)}` : ""),
        e.step,
        e.detail,
        formatGas(e.gasUsed),
        shortHex(e.txHash),
      ]),
    ),
  );
  return timeline;
}

export default async function action(args: OrderShowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:order:show", async () => {
    await showOrder(await openContext(hre, args), args);
  });
}
