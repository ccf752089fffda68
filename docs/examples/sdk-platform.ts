/**
 * A platform's shop on TradeChain (docs/sdk.md): its backend watches the seller's orders from the
 * chain (watchOrders, with confirmations), receives the explorer's webhooks on its own HTTP
 * endpoint (verifyWebhook, deduped by event id), lists the seller's open orders (ordersOf) and
 * asks who must act next on each (nextAction). It checks that the chain and the explorer told it
 * the same story and exits non-zero otherwise. CI runs this file against a hardhat node that makes
 * a block every second and an explorer on it (indexer/scripts/platform-run.ts), with this
 * receiver registered through the explorer's admin API.
 *
 *   TRADECHAIN_RPC_URL=http://127.0.0.1:8545 WEBHOOK_PORT=8080 TRADECHAIN_WEBHOOK_SECRET=whsec_… \
 *   OPERATOR_KEY=0x… SELLER_KEY=0x… BUYER_KEY=0x… node sdk-platform.js
 */
import { createServer } from "node:http";

import { JsonRpcProvider, Wallet } from "ethers";
import {
  countryCode,
  type OrderActor,
  type OrderEvent,
  type OrderMove,
  parseAmount,
  productIdFromHsCode,
  shortHex,
  TradeChainError,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
} from "@tradechain/sdk";
import { fromIgnition } from "@tradechain/sdk/node";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Set ${name}`);
  return value;
}
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`Mismatch: ${what}`);
}

const provider = new JsonRpcProvider(env("TRADECHAIN_RPC_URL"));
const operator = await fromIgnition(new Wallet(env("OPERATOR_KEY"), provider));
const backend = operator.connect(new Wallet(env("SELLER_KEY"), provider)); // the seller's side
const buyer = operator.connect(new Wallet(env("BUYER_KEY"), provider));
const [operatorAddress, seller, buyerAddress] = await Promise.all([
  operator.signer.getAddress(),
  backend.signer.getAddress(),
  buyer.signer.getAddress(),
]);
const usd = (amount: string) => parseAmount(amount, 6);
if (!(await operator.isActive(seller, ["Seller"]))) {
  await operator.registerParticipant(seller, ["Seller"], countryCode("VN"), "kyc:seller");
}
if (!(await operator.isActive(buyerAddress, ["Buyer"]))) {
  await operator.registerParticipant(buyerAddress, ["Buyer"], countryCode("KZ"), "kyc:buyer");
}
if ((await buyer.balanceOf("USD")) < usd("60")) {
  await operator.configureMinter("USD", operatorAddress, usd("60"));
  await operator.mint("USD", buyerAddress, usd("60"));
}

// 1. The webhook receiver: verify the raw body, then handle each event id once. The first
// delivery is handled but answered 500, as if the platform fell over before answering: the
// explorer sends it again, and the receiver must recognise it.
interface Webhook {
  readonly id: string;
  readonly kind: string;
  readonly orderId: string;
  readonly status: string;
}
const secret = env("TRADECHAIN_WEBHOOK_SECRET");
const handled = new Map<string, Webhook>();
let duplicates = 0;
let refused = 0;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const header = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
    verifyWebhook(
      Buffer.concat(chunks),
      typeof header === "string" ? header : undefined,
      secret,
      300,
    )
      .then(({ body }) => {
        const event = JSON.parse(body) as Webhook;
        if (handled.has(event.id)) {
          duplicates++;
          response.writeHead(200).end("already handled");
          return;
        }
        handled.set(event.id, event);
        response.writeHead(handled.size === 1 ? 500 : 200).end();
      })
      .catch((err: unknown) => {
        refused++;
        const code = err instanceof TradeChainError ? err.code : "INTERNAL";
        response.writeHead(err instanceof TradeChainError ? 400 : 500).end(code);
      });
  });
});
await new Promise<void>((resolve) =>
  server.listen(Number(env("WEBHOOK_PORT")), "127.0.0.1", resolve),
);

// 2. Watch the seller's orders from the next block, each event once its block has 2 confirmations.
const start = (await provider.getBlockNumber()) + 1;
const watched: OrderEvent[] = [];
const stop = backend.watchOrders(
  { account: seller, role: "seller" },
  (event) => void watched.push(event),
  { confirmations: 2, fromBlock: start, pollingIntervalMs: 250 },
);

// 3. Business as usual: three orders; the first is shipped and received, the second shipped.
const ids: string[] = [];
for (const amount of ["15", "20", "25"]) {
  const terms = await buyer.prepareOrder({
    seller,
    token: "USD",
    amount: usd(amount),
    productId: productIdFromHsCode("6214.10", "SILK-SCARF-90"),
    destination: countryCode("KZ"), // no customs authority there: cleared at shipment
  });
  const sellerSignature = await backend.signSellerConsent(terms);
  ids.push((await buyer.createOrder(terms, { sellerSignature })).orderId);
}
const [done, shipped, fresh] = ids as [string, string, string];
await backend.ship(done, "EMS EE100000001VN");
await buyer.confirmReceipt(done);
await backend.ship(shipped, "EMS EE100000002VN");

// 4. Wait until the chain and the explorer have told us all six events (a minute at most).
const deadline = Date.now() + 60_000;
while (watched.length < 6 || handled.size < 6 || duplicates < 1) {
  check(Date.now() < deadline, `${watched.length} watched, ${handled.size} webhooks in a minute`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
stop();
const { chainId } = await provider.getNetwork();
for (const event of watched) {
  const id = `${chainId}:${event.txHash}:${event.logIndex}`; // the explorer's event id
  const webhook = handled.get(id);
  check(webhook !== undefined, `no webhook for ${event.kind} ${id}`);
  check(webhook?.kind === event.kind, `${id}: kind ${webhook?.kind}, watched ${event.kind}`);
  check(webhook?.orderId === event.orderId, `${id}: order ${webhook?.orderId}`);
  check(webhook?.status === event.status, `${id}: status ${webhook?.status}, ${event.status}`);
  console.log(`${event.kind} ${shortHex(event.orderId)} → ${event.status}: watched and webhooked`);
}
const story = watched.map((e) => `${ids.indexOf(e.orderId)}:${e.kind}`);
const expected = [
  "0:OrderCreated",
  "1:OrderCreated",
  "2:OrderCreated",
  "0:OrderShipped",
  "0:ReceiptConfirmed",
  "1:OrderShipped",
]; // in chain order
check(story.join() === expected.join(), `the events were ${story.join(", ")}`);
check(handled.size === 6 && refused === 0, `${handled.size} webhooks, ${refused} refused`);
console.log(`6 events; 6 webhooks, each handled once (${duplicates} redelivery recognised)`);
server.close();

// 5. The seller's open orders, newest first, and who must act next on each, in chain time.
const open = await backend.ordersOf(seller, {
  role: "seller",
  status: ["Funded", "Shipped", "Cleared", "Disputed"],
  fromBlock: start,
});
check(
  open.orders.map((o) => o.orderId).join() === [fresh, shipped].join(),
  `open orders ${open.orders.map((o) => shortHex(o.orderId)).join(", ")}`,
);
for (const order of open.orders) {
  const next = await backend.nextAction(order.orderId);
  const [by, call]: [OrderActor, OrderMove] =
    order.orderId === fresh ? ["seller", "ship"] : ["buyer", "confirmReceipt"];
  check(
    next.waitingFor === by && next.calls.includes(call),
    `${shortHex(order.orderId)} waits for ${next.waitingFor} to ${next.calls.join("/")}`,
  );
  console.log(
    `open: ${shortHex(order.orderId)} ${next.status}, ${by} may ${next.calls.join(" or ")}`,
  );
}
provider.destroy();
