/**
 * `tradechain:participant:show --account a` — a participant's registry record (roles, country,
 * active or suspended) and its credit record in each settlement token, read only. Amounts of
 * different currencies stay in their own column: they are never added together.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  runTask,
  type TaskContext,
} from "./context.js";
import { renderTable } from "@tradechain/devkit/table";
import {
  CREDIT_COUNTERS,
  type CreditCounter,
  type CreditLine,
  formatJurisdiction,
  formatTimestamp,
  type ParticipantView,
} from "@tradechain/sdk";

/** Arguments of `tradechain:participant:show`. */
export interface ParticipantShowArgs extends DeploymentArgs {
  readonly account?: string;
}

/** What the task read. */
export interface ParticipantReport {
  readonly participant: ParticipantView;
  readonly credit: readonly CreditLine[];
}

/** The credit counters as a person reads them. */
const COUNTER_NAMES: Readonly<Record<CreditCounter, string>> = {
  salesCompleted: "sales completed",
  purchasesCompleted: "purchases completed",
  cancelledAsBuyer: "cancelled as buyer",
  rejectedAsSeller: "rejected as seller",
  missedShipBy: "missed ship-by",
  rejectedAtCustoms: "rejected at customs",
  refundedAsSeller: "refunded as seller",
  disputesOpened: "disputes opened",
  disputesWon: "disputes won",
  disputesLost: "disputes lost",
  disputesDrawn: "disputes drawn",
};

/** The participant's standing in one line: roles, country, since when, active or suspended. */
function standing(p: ParticipantView): string {
  if (p.registeredAt === 0n) return "not a registered participant";
  const roles = p.roleNames.length === 0 ? "no role" : p.roleNames.join("+");
  return (
    `${roles} in ${formatJurisdiction(p.jurisdiction)}, registered ` +
    `${formatTimestamp(p.registeredAt)}, ${p.active ? "active" : "SUSPENDED"} ` +
    `(version ${p.version})`
  );
}

/** Prints a participant's registry record and credit per currency. */
export async function showParticipant(
  ctx: TaskContext,
  args: ParticipantShowArgs,
): Promise<ParticipantReport> {
  const account = parseAddress(args.account, "--account");
  const client = await deploymentClient(ctx);
  const [participant, credit] = await Promise.all([
    client.participantOf(account),
    client.creditOf(account),
  ]);
  ctx.print(`${account}: ${standing(participant)}`);
  if (participant.registeredAt !== 0n) ctx.print(`  identity hash ${participant.identityHash}`);
  if (credit.length === 0) {
    ctx.print("  No credit record: the escrow accepts no token of this deployment");
    return { participant, credit };
  }
  const [volumes, refunded] = await Promise.all([
    Promise.all(credit.map((line) => client.formatAmount(line.token, line.volume))),
    Promise.all(credit.map((line) => client.formatAmount(line.token, line.refundedVolume))),
  ]);
  ctx.print(
    renderTable(
      ["Credit", ...credit.map((line) => ({ title: line.currency, align: "right" as const }))],
      [
        ...CREDIT_COUNTERS.map((counter) => [
          COUNTER_NAMES[counter],
          ...credit.map((line) => String(line[counter])),
        ]),
        ["volume", ...volumes],
        ["refunded as seller (amount)", ...refunded],
      ],
    ),
  );
  return { participant, credit };
}

export default async function action(args: ParticipantShowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:participant:show", async () => {
    await showParticipant(await openContext(hre, args), args);
  });
}
