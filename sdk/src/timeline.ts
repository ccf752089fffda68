/** Order timelines: an order's events in block order, each described for people. */
import { getAddress, type Log, type LogDescription, ZeroAddress } from "ethers";

import { formatAmount, formatBps, formatTimestamp, shortHex } from "./format.js";
import { formatJurisdiction } from "./ids.js";
import {
  type EventValue,
  type OrderTerms,
  REFUND_REASONS,
  type RefundReasonName,
  type ResolutionName,
  RESOLUTIONS,
  type TimelineEntry,
} from "./types.js";
import type { Sender } from "./sender.js";

/** Timeline steps by `ITradeEscrow.RefundReason` name. */
const REFUND_STEPS: Readonly<Record<RefundReasonName, string>> = {
  Cancelled: "Cancelled by buyer",
  RejectedBySeller: "Rejected by seller",
  Unshipped: "Refunded: not shipped in time",
  RejectedAtCustoms: "Rejected at customs",
  SellerRefund: "Refunded by seller",
};
/** Timeline steps by `ITradeEscrow.Resolution` name. */
const RESOLUTION_STEPS: Readonly<Record<ResolutionName, string>> = {
  Ruling: "Ruled by arbiter",
  Settlement: "Settled by agreement",
  Stale: "Stale dispute split",
};

/**
 * Every event of an order in block order — creation, shipment, milestones, customs, refunds,
 * disputes, release, complaints and deferred payouts — with block time, actor, sender,
 * transaction hash and the gas the transaction used.
 */
export async function orderTimeline(
  sender: Sender,
  orderId: string,
  terms: OrderTerms,
): Promise<TimelineEntry[]> {
  const info = await sender.tokenInfo(terms.token);
  const money = (units: bigint) => formatAmount(units, info.decimals, info.currency);
  const escrowAddress = sender.addresses.escrow.toLowerCase();
  const logs = await sender.provider.getLogs({
    address: sender.addresses.escrow,
    topics: [null, orderId],
    fromBlock: sender.shared.fromBlock,
    toBlock: "latest",
  });

  const txHashes = [...new Set(logs.map((log) => log.transactionHash))];
  const blockNumbers = [...new Set(logs.map((log) => log.blockNumber))];
  const [receipts, blocks] = await Promise.all([
    Promise.all(txHashes.map((hash) => sender.provider.getTransactionReceipt(hash))),
    Promise.all(blockNumbers.map((number) => sender.provider.getBlock(number))),
  ]);
  const receiptByHash = new Map(
    receipts.flatMap((r) => (r === null ? [] : [[r.hash, r] as const])),
  );
  const timeByBlock = new Map(
    blocks.flatMap((b) => (b === null ? [] : [[b.number, BigInt(b.timestamp)] as const])),
  );

  // Deferred payouts are logged per account, not per order: take those of the order's txs.
  const allLogs: Log[] = [...logs];
  const payoutDeferred = sender.escrow.interface.getEvent("PayoutDeferred").topicHash;
  for (const receipt of receiptByHash.values()) {
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== escrowAddress) continue;
      if (log.topics[0] !== payoutDeferred) continue;
      allLogs.push(log);
    }
  }
  allLogs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);

  const entries: TimelineEntry[] = [];
  for (const log of allLogs) {
    const parsed = sender.escrow.interface.parseLog(log);
    if (parsed === null) continue;
    const receipt = receiptByHash.get(log.transactionHash);
    const from = getAddress(receipt?.from ?? ZeroAddress);
    const args = eventArgs(parsed);
    const { step, detail, actor } = describeEvent(parsed, args, terms, money);
    entries.push({
      orderId,
      event: parsed.name,
      step,
      detail,
      actor: actor ?? from,
      sender: from,
      blockNumber: log.blockNumber,
      logIndex: log.index,
      timestamp: timeByBlock.get(log.blockNumber) ?? 0n,
      txHash: log.transactionHash,
      gasUsed: receipt?.gasUsed ?? 0n,
      args,
    });
  }
  return entries;
}

function eventArgs(parsed: LogDescription): Record<string, EventValue> {
  const args: Record<string, EventValue> = {};
  parsed.fragment.inputs.forEach((input, index) => {
    const value: unknown = parsed.args[index];
    if (input.baseType === "tuple") return;
    if (typeof value === "bigint" || typeof value === "boolean" || typeof value === "string") {
      args[input.name] = value;
    }
  });
  return args;
}

function str(args: Record<string, EventValue>, name: string): string {
  return String(args[name]);
}

function big(args: Record<string, EventValue>, name: string): bigint {
  return BigInt(args[name] as bigint);
}

/** The step for an enum argument of an event: `names` are the enum's values, in order. */
function enumStep<N extends string>(
  steps: Readonly<Record<N, string>>,
  names: readonly N[],
  value: EventValue | undefined,
): string | undefined {
  const name = names[Number(value)];
  return name === undefined ? undefined : steps[name];
}

function describeEvent(
  parsed: LogDescription,
  args: Record<string, EventValue>,
  terms: OrderTerms,
  money: (units: bigint) => string,
): { step: string; detail: string; actor: string | undefined } {
  const by = typeof args.by === "string" ? getAddress(args.by) : undefined;
  switch (parsed.name) {
    case "OrderCreated":
      return {
        step: "Order created",
        detail:
          `${money(terms.amount)} escrowed for product ${shortHex(terms.productId)} to country ` +
          `${formatJurisdiction(terms.destination)}, fee ${formatBps(terms.feeBps)}, ` +
          `ship by ${formatTimestamp(terms.shipBy)}`,
        actor: terms.buyer,
      };
    case "OrderShipped":
      return {
        step: "Shipped",
        detail:
          args.cleared === true
            ? "cleared automatically (no customs hold)"
            : "awaiting customs clearance",
        actor: terms.seller,
      };
    case "MilestoneRecorded":
      return {
        step: "Milestone recorded",
        detail: `milestone ${shortHex(str(args, "milestoneHash"))}`,
        actor: getAddress(str(args, "logistics")),
      };
    case "CustomsCleared":
      return {
        step: "Cleared by customs",
        detail: `record ${shortHex(str(args, "recordHash"))}`,
        actor: getAddress(str(args, "authority")),
      };
    case "OrderRefunded":
      return {
        step: enumStep(REFUND_STEPS, REFUND_REASONS, args.reason) ?? "Refunded",
        detail: `${money(big(args, "amount"))} back to the buyer`,
        actor: by,
      };
    case "ReceiptConfirmed":
      return {
        step: "Receipt confirmed",
        detail: `seller paid ${money(big(args, "sellerAmount"))}, fee ${money(big(args, "fee"))}`,
        actor: terms.buyer,
      };
    case "ReleasedAfterTimeout":
      return {
        step: "Released after the confirmation window",
        detail: `seller paid ${money(big(args, "sellerAmount"))}, fee ${money(big(args, "fee"))}`,
        actor: by,
      };
    case "DisputeOpened":
      return {
        step: "Dispute opened",
        detail: `evidence ${shortHex(str(args, "evidenceHash"))}`,
        actor: by,
      };
    case "EvidenceSubmitted":
      return {
        step: "Evidence submitted",
        detail: `evidence ${shortHex(str(args, "evidenceHash"))}`,
        actor: by,
      };
    case "SettlementProposed":
      return {
        step: "Settlement proposed",
        detail: `buyer would receive ${money(big(args, "buyerAmount"))}`,
        actor: by,
      };
    case "DisputeResolved":
      return {
        step: enumStep(RESOLUTION_STEPS, RESOLUTIONS, args.resolution) ?? "Dispute resolved",
        detail:
          `buyer ${money(big(args, "buyerAmount"))}, seller ${money(big(args, "sellerAmount"))}, ` +
          `fee ${money(big(args, "fee"))}`,
        actor: by,
      };
    case "ComplaintFiled":
      return {
        step: "Complaint filed",
        detail: `evidence ${shortHex(str(args, "evidenceHash"))}`,
        actor: getAddress(str(args, "buyer")),
      };
    case "PayoutDeferred":
      return {
        step: "Payout deferred",
        detail: `${money(big(args, "amount"))} to ${str(args, "account")} refused by the token; claimable`,
        actor: undefined,
      };
    default:
      return { step: parsed.name, detail: "", actor: by };
  }
}
