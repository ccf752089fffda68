/** `tradechain:participant:register` — the registrar onboards a participant. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  parseCountry,
  parseRoles,
  pickSigner,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { CliError } from "./context.js";
import { formatJurisdiction, type ParticipantView } from "@tradechain/sdk";

/** Arguments of `tradechain:participant:register`. */
export interface RegisterArgs extends DeploymentArgs {
  readonly account?: string;
  readonly roles?: string;
  readonly country?: string;
  readonly identity?: string;
  readonly from?: string;
}

/** Registers `account` with `roles` in `country`; only the hash of `identity` goes on chain. */
export async function registerParticipant(
  ctx: TaskContext,
  args: RegisterArgs,
): Promise<ParticipantView> {
  const account = parseAddress(args.account, "--account");
  const roles = parseRoles(args.roles);
  const jurisdiction = parseCountry(args.country);
  if (args.identity === undefined || args.identity.trim() === "") {
    throw new CliError("--identity: give the reference of the identity documents (it is hashed)");
  }
  const reader = await deploymentClient(ctx);
  const registrarRole = await reader.registry.REGISTRAR_ROLE();
  const signer = await pickSigner(ctx, args.from, "a registrar", (a) =>
    reader.registry.hasRole(registrarRole, a),
  );
  const client = reader.connect(signer);
  const identity = args.identity;
  const receipt = await client.registerParticipant(account, roles, jurisdiction, identity);
  const participant = await client.participantOf(account);
  ctx.print(
    `Registered ${account} as ${participant.roleNames.join("+")} in ` +
      formatJurisdiction(jurisdiction),
  );
  ctx.print(txLine(receipt));
  return participant;
}

export default async function action(args: RegisterArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:participant:register", async () => {
    await registerParticipant(await openContext(hre, args), args);
  });
}
