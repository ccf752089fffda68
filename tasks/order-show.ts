/** `tradechain:order:show <orderId>` — an order's terms, state, next action and timeline. */
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
  shortHex,
  type TimelineEntry,
  TradeChainError,
} from "@tradechain/sdk";

/** Arguments of `tradechain:order:show`. */
export interface OrderShowArgs extends DeploymentArgs {
  readonly orderId?: string;
}

/** Prints an order's terms, state, next action and timeline; returns the timeline. */
export async function showOrder(ctx: TaskContext, args: OrderShowArgs): Promise<TimelineEntry[]> {
  const orderId = parseOrderId(args.orderId, "<orderId>");
  const client = await deploymentClient(ctx);
  const state = await client.orderState(orderId).catch((err: unknown) => {
    if (err instanceof TradeChainError && err.code === "UNKNOWN_ORDER") {
      throw new CliError(`no order ${orderId} on escrow ${client.addresses.escrow}`);
    }
    throw err;
  });
  const terms = await client.termsOf(orderId);
  const money = (units: bigint) => client.formatAmount(terms.token, units);
  ctx.print(`Order ${orderId}: ${state.status} since ${formatTimestamp(state.since)}`);
  ctx.print(
    renderTable(
      ["Term", "Value"],
      [
        ["buyer", terms.buyer],
        ["seller", terms.seller],
        ["amount", await money(terms.amount)],
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
