/** Order timelines: an order's events in block order, each described for people. */
import { getAddress, type Interface, type Log, type LogDescription, ZeroAddress } from "ethers";

import { formatAmount, formatBps, formatTimestamp, shortHex } from "./format.js";
import { formatJurisdiction } from "./ids.js";
import { describeStep } from "./timeline-steps.js";
import type { EventValue, OrderTerms, TimelineEntry } from "./types.js";
import type { OrderEscrow, Sender } from "./sender.js";

/**
 * Every event of an order in block order — creation, shipment, milestones, customs, refunds,
 * disputes, release, complaints and deferred payouts — with block time, actor, sender,
 * transaction hash and the gas the transaction used.
 */
export async function orderTimeline(
  sender: Sender,
  orderId: string,
  terms: OrderTerms,
  escrow: OrderEscrow = sender.escrow,
): Promise<TimelineEntry[]> {
  const iface: Interface = escrow.interface;
  const moneyIn = async (token: string) => {
    const info = await sender.tokenInfo(token);
    return (units: bigint) => formatAmount(units, info.decimals, info.currency);
  };
  const money = await moneyIn(terms.token);
  const escrowAddress = String(escrow.target).toLowerCase();
  const logs = await sender.provider.getLogs({
    address: escrow.target as string,
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
  const payoutDeferred = iface.getEvent("PayoutDeferred")!.topicHash;
  for (const receipt of receiptByHash.values()) {
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== escrowAddress) continue;
      if (log.topics[0] !== payoutDeferred) continue;
      allLogs.push(log);
    }
  }
  allLogs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  const parsedLogs = allLogs.flatMap((log) => {
    const parsed = iface.parseLog(log);
    return parsed === null ? [] : [{ log, parsed, args: eventArgs(parsed) }];
  });
  // A cross-currency order's payout leg: the seller's amounts and the fee are in its currency.
  const leg = parsedLogs.find((p) => p.parsed.name === "FxOrderCreated");
  const payoutToken = leg === undefined ? undefined : String(leg.args.payoutToken);
  const payout = payoutToken === undefined ? undefined : await moneyIn(payoutToken);

  const entries: TimelineEntry[] = [];
  for (const { log, parsed, args } of parsedLogs) {
    const receipt = receiptByHash.get(log.transactionHash);
    const from = getAddress(receipt?.from ?? ZeroAddress);
    // A payout deferred in the payout token is an amount of that currency.
    const inPayout =
      parsed.name === "PayoutDeferred" &&
      payout !== undefined &&
      getAddress(String(args.token)) === getAddress(payoutToken!);
    const { step, detail, actor } = describeEvent(parsed.name, args, terms, {
      money: inPayout ? payout : money,
      payout,
    });
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

/**
 * An event's step as the SDK prints it (English): amounts as `formatAmount` (`money` in the
 * order's currency, `payout` in a cross-currency order's payout currency), times in UTC, short
 * hashes. `orderTimeline` and `watchOrders` (its cross-currency events) write steps with it.
 */
export function describeEvent(
  event: string,
  args: Readonly<Record<string, EventValue>>,
  terms: OrderTerms,
  amounts: { money: (units: bigint) => string; payout: ((units: bigint) => string) | undefined },
): { step: string; detail: string; actor: string | undefined } {
  const { step, detail, actor } = describeStep(event, args, terms, {
    money: amounts.money,
    ...(amounts.payout === undefined ? {} : { payout: amounts.payout }),
    time: formatTimestamp,
    bps: formatBps,
    hash: shortHex,
    account: (address) => address,
    country: formatJurisdiction,
  });
  return { step, detail, actor: actor === undefined ? undefined : getAddress(actor) };
}
