/**
 * `tradechain:delegate:set --delegate a` and `tradechain:delegate:revoke --delegate a` — a seller
 * lets a signer (a platform selling on its behalf) consent to orders for it, or withdraws that
 * right. Setting needs an active seller; revoking works at any time, even while suspended.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";

/** Arguments of `tradechain:delegate:set` and `tradechain:delegate:revoke`. */
export interface DelegateArgs extends DeploymentArgs {
  readonly delegate?: string;
  readonly from?: string;
}

/** What a delegate change left. */
export interface DelegateChange {
  readonly seller: string;
  readonly delegate: string;
  readonly isDelegate: boolean;
}

/**
 * Sets (`set`) or revokes `--delegate` for the seller `--from`, by default the first account that
 * is an active seller (set) or that has this delegate (revoke).
 */
export async function changeDelegate(
  ctx: TaskContext,
  args: DelegateArgs,
  change: "set" | "revoke",
): Promise<DelegateChange> {
  const delegate = parseAddress(args.delegate, "--delegate");
  const reader = await deploymentClient(ctx);
  const signer =
    change === "set"
      ? await pickSigner(ctx, args.from, "an active seller", (a) => reader.isActive(a, ["Seller"]))
      : await pickSigner(ctx, args.from, `a seller with the delegate ${delegate}`, (a) =>
          reader.isDelegate(a, delegate),
        );
  const seller = await signer.getAddress();
  const client = reader.connect(signer);
  const receipt =
    change === "set" ? await client.setDelegate(delegate) : await client.revokeDelegate(delegate);
  const isDelegate = await client.isDelegate(seller, delegate);
  ctx.print(
    isDelegate
      ? `${delegate} now consents to orders on behalf of the seller ${seller}`
      : `${delegate} no longer consents for the seller ${seller}; orders it signed are refused`,
  );
  ctx.print(txLine(receipt));
  return { seller, delegate, isDelegate };
}

export async function setAction(args: DelegateArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:delegate:set", async () => {
    await changeDelegate(await openContext(hre, args), args, "set");
  });
}

export async function revokeAction(args: DelegateArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:delegate:revoke", async () => {
    await changeDelegate(await openContext(hre, args), args, "revoke");
  });
}
