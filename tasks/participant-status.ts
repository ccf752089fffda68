/** `tradechain:participant:suspend` and `tradechain:participant:reinstate` — the registrar's switch. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { formatJurisdiction, type ParticipantView, toBytes32 } from "@tradechain/sdk";

/** Arguments of `tradechain:participant:suspend` and `tradechain:participant:reinstate`. */
export interface ParticipantStatusArgs extends DeploymentArgs {
  readonly account?: string;
  /** Why the participant is suspended (hashed into the event); suspend only. */
  readonly reason?: string;
  readonly from?: string;
}

/**
 * Suspends (`active` false) or reinstates a registered participant, sent by a registrar. A
 * suspended seller cannot take new orders, and a suspended arbiter cannot rule.
 */
export async function setParticipantActive(
  ctx: TaskContext,
  args: ParticipantStatusArgs,
  active: boolean,
): Promise<ParticipantView> {
  const account = parseAddress(args.account, "--account");
  if (!active && (args.reason === undefined || args.reason.trim() === "")) {
    throw new CliError("--reason: say why the participant is suspended (only its hash is stored)");
  }
  const reader = await deploymentClient(ctx);
  const registrarRole = await reader.registry.REGISTRAR_ROLE();
  const signer = await pickSigner(ctx, args.from, "a registrar", (a) =>
    reader.registry.hasRole(registrarRole, a),
  );
  const client = reader.connect(signer);
  const receipt = await client.execute(() =>
    active
      ? client.registry.reinstateParticipant(account)
      : client.registry.suspendParticipant(account, toBytes32(args.reason)),
  );
  const participant = await client.participantOf(account);
  ctx.print(
    `${active ? "Reinstated" : "Suspended"} ${account} (${participant.roleNames.join("+")} in ` +
      `${formatJurisdiction(participant.jurisdiction)}, version ${participant.version})`,
  );
  ctx.print(txLine(receipt));
  return participant;
}

export async function suspendAction(args: ParticipantStatusArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:participant:suspend", async () => {
    await setParticipantActive(await openContext(hre, args), args, false);
  });
}

export async function reinstateAction(args: ParticipantStatusArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:participant:reinstate", async () => {
    await setParticipantActive(await openContext(hre, args), args, true);
  });
}
