/**
 * Explorer client (docs/sdk.md): a platform that runs the explorer reads a seller's open orders,
 * page after page, with who must act next on each, and the seller's credit per currency, from the
 * explorer's JSON API instead of scanning the chain. CI runs this file against an explorer on the
 * demo's data (indexer/test/explorer-client.test.ts).
 *
 *   EXPLORER_URL=http://127.0.0.1:42069 SELLER=0x… node sdk-explorer.js
 */
import { ExplorerClient, formatAmount, formatTimestamp, TradeChainError } from "@tradechain/sdk";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Set ${name}`);
  return value;
}

const explorer = new ExplorerClient(env("EXPLORER_URL"));
const seller = env("SELLER");

// Is the index caught up with the chain, and is it the chain we think?
const status = await explorer.status();
if (status.stale) throw new Error(`The explorer's data is stale: ${status.problems.join("; ")}`);
console.log(
  `chain ${status.chainId}, indexed block ${status.indexedBlock}, ${status.blocksBehind} behind`,
);

// Every order the seller still has to move, newest first: one request per 100 orders.
const open = { role: "seller", status: ["Funded", "Shipped", "Cleared", "Disputed"] } as const;
let count = 0;
for await (const order of explorer.allOrdersOf(seller, open)) {
  const { decimals, currency } = order.currency ?? { decimals: 0, currency: "" };
  const money = formatAmount(order.amount, decimals, currency);
  console.log(`${order.id.slice(0, 10)}… ${order.status.padEnd(8)} ${money}`);
  count++;
}
console.log(`${count} open order(s) as seller`);

// The newest of its orders in full: the timeline and who acts next, in chain time.
const page = await explorer.ordersOf(seller, { limit: 1 });
const newest = page.orders[0];
if (newest !== undefined) {
  const order = await explorer.order(newest.id);
  for (const event of order.timeline) {
    console.log(`  ${formatTimestamp(event.timestamp)}  ${event.name}`);
  }
  console.log(`  next: ${order.nextAction?.summary}`);
}

// The credit record, per currency (never added across currencies).
const record = await explorer.participant(seller);
for (const line of record.credit) {
  const { decimals, currency } = line.currency ?? { decimals: 0, currency: line.token };
  const volume = formatAmount(line.volume, decimals, currency);
  console.log(
    `${currency}: ${line.salesCompleted} sales, ${line.purchasesCompleted} purchases, ${volume}`,
  );
}

// A refusal names what was wrong: here, a role the API does not know.
try {
  await explorer.ordersOf(seller, { role: ["carrier" as "buyer"] });
} catch (err) {
  if (!(err instanceof TradeChainError) || err.code !== "EXPLORER_BAD_REQUEST") throw err;
  const parameter = err.decoded.args.find((a) => a.name === "parameter")?.display;
  console.log(`refused (${err.decoded.name}, parameter ${parameter}): ${err.message}`);
}
