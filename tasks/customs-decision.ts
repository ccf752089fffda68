/**
 * `tradechain:customs:clear --order id` and `tradechain:customs:reject --order id` — the
 * destination's customs authority decides a shipment waiting for it: cleared, the buyer's
 * confirmation window starts; rejected, the buyer is refunded in full. Only the hash of
 * `--record` / `--reason` (the customs document) goes on chain.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseOrderId,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { formatJurisdiction, type OrderStatus, TradeChainError } from "@tradechain/sdk";
import { CliError } from "./context.js";

/** Arguments of `tradechain:customs:clear` and `tradechain:customs:reject`. */
export interface CustomsDecisionArgs extends DeploymentArgs {
  readonly order?: string;
  /** The customs document: a clearance record (clear) or the reason (reject); hashed. */
  readonly record?: string;
  readonly reason?: string;
  readonly from?: string;
}

/** What a decision did. */
export interface CustomsDecision {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly by: string;
}

/**
 * Clears (`clear`) or rejects a shipped order at the customs of its destination, sent by
 * `--from` or the first account that is a customs authority there.
 */
export async function decideAtCustoms(
  ctx: TaskContext,
  args: CustomsDecisionArgs,
  decision: "clear" | "reject",
): Promise<CustomsDecision> {
  const orderId = parseOrderId(args.order);
  const reader = await deploymentClient(ctx);
  const terms = await reader.termsOf(orderId).catch((err: unknown) => {
    if (err instanceof TradeChainError && err.code === "UNKNOWN_ORDER") {
      throw new CliError(`--order: no order ${orderId} on escrow ${reader.addresses.escrow}`);
    }
    throw err;
  });
  const country = formatJurisdiction(terms.destination);
  const signer = await pickSigner(ctx, args.from, `a customs authority of ${country}`, (a) =>
    reader.isCustomsAuthority(terms.destination, a),
  );
  const client = reader.connect(signer);
  const receipt =
    decision === "clear"
      ? await client.clearCustoms(orderId, args.record)
      : await client.rejectAtCustoms(orderId, args.reason);
  const state = await client.orderState(orderId);
  const by = await signer.getAddress();
  const verb = decision === "clear" ? "cleared" : "rejected";
  ctx.print(`Order ${orderId}: ${verb} by ${country} customs, now ${state.status}`);
  if (decision === "reject") {
    const refunded = await client.formatAmount(terms.token, state.refunded);
    ctx.print(`  ${refunded} refunded to the buyer ${terms.buyer}`);
  }
  ctx.print(txLine(receipt));
  return { orderId, status: state.status, by };
}

export async function clearAction(args: CustomsDecisionArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:customs:clear", async () => {
    await decideAtCustoms(await openContext(hre, args), args, "clear");
  });
}

export async function rejectAction(args: CustomsDecisionArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:customs:reject", async () => {
    await decideAtCustoms(await openContext(hre, args), args, "reject");
  });
}
