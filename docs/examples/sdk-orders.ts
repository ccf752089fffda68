/**
 * A platform's orders (docs/sdk.md): each order carries the seller's consent, signed on the
 * platform's backend; the platform watches the seller's orders as they change (watchOrders) and
 * lists them from the chain alone, newest first, page by page (ordersOf). CI runs this file
 * against a local deployment (it onboards its parties if they are new).
 *
 *   TRADECHAIN_RPC_URL=http://127.0.0.1:8545 \
 *   OPERATOR_KEY=0x… SELLER_KEY=0x… BUYER_KEY=0x… node sdk-orders.js
 */
import { JsonRpcProvider, Wallet } from "ethers";
import {
  countryCode,
  type OrderEvent,
  parseAmount,
  productIdFromHsCode,
  shortHex,
} from "@tradechain/sdk";
import { fromIgnition } from "@tradechain/sdk/node";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Set ${name}`);
  return value;
}

const provider = new JsonRpcProvider(env("TRADECHAIN_RPC_URL"));
const operator = await fromIgnition(new Wallet(env("OPERATOR_KEY"), provider));
// The platform's backend holds the seller's key (or the key of a delegate the seller registered
// with setDelegate) and signs the seller's consent to each order it accepts.
const backend = operator.connect(new Wallet(env("SELLER_KEY"), provider));
const buyer = operator.connect(new Wallet(env("BUYER_KEY"), provider));
const [operatorAddress, sellerAddress, buyerAddress] = await Promise.all([
  operator.signer.getAddress(),
  backend.signer.getAddress(),
  buyer.signer.getAddress(),
]);
const usd = (amount: string) => parseAmount(amount, 6);

// Onboarding, only what is missing.
if (!(await operator.isActive(sellerAddress, ["Seller"]))) {
  await operator.registerParticipant(sellerAddress, ["Seller"], countryCode("VN"), "kyc:seller");
}
if (!(await operator.isActive(buyerAddress, ["Buyer"]))) {
  await operator.registerParticipant(buyerAddress, ["Buyer"], countryCode("KZ"), "kyc:buyer");
}
if ((await buyer.balanceOf("USD")) < usd("102")) {
  await operator.configureMinter("USD", operatorAddress, usd("102"));
  await operator.mint("USD", buyerAddress, usd("102"));
}

// Watch the seller's orders from the next block. One confirmation suits a local node; on a public
// chain wait for more. Save `next` from onProgress to resume there after a restart.
const start = (await provider.getBlockNumber()) + 1;
const seen: OrderEvent[] = [];
let resumeFrom = start;
const stop = backend.watchOrders(
  { account: sellerAddress, role: "seller" },
  async (event) => {
    const amount = event.amounts.amount ?? 0n;
    const money = amount === 0n ? "" : `, ${await backend.formatAmount("USD", amount)}`;
    console.log(
      `event: ${event.kind} ${shortHex(event.orderId)} → ${event.status ?? "unchanged"}${money}`,
    );
    seen.push(event);
  },
  {
    confirmations: 1,
    fromBlock: start,
    pollingIntervalMs: 200,
    onProgress: (next) => void (resumeFrom = next),
  },
);

// Three orders; the buyer's app asks the backend for the seller's consent to each one's terms.
const orderIds: string[] = [];
for (const amount of ["12", "34", "56"]) {
  const terms = await buyer.prepareOrder({
    seller: sellerAddress,
    token: "USD",
    amount: usd(amount),
    productId: productIdFromHsCode("6214.10", "SILK-SCARF-90"),
    destination: countryCode("KZ"), // no customs authority there: cleared at shipment
  });
  const sellerSignature = await backend.signSellerConsent(terms); // on the backend
  orderIds.push((await buyer.createOrder(terms, { sellerSignature })).orderId);
}
const [first] = orderIds;
if (first !== undefined) await backend.ship(first, "EMS EE123456789VN");
while (seen.length < 4) await new Promise((resolve) => setTimeout(resolve, 100));
stop();
console.log(`watched ${seen.length} events; a restarted watcher resumes from block ${resumeFrom}`);

// The seller's orders since `start`, newest first, two per page, from the chain alone.
let cursor: string | undefined;
for (let page = 1; page === 1 || cursor !== undefined; page++) {
  const result = await backend.ordersOf(sellerAddress, { fromBlock: start, limit: 2, cursor });
  const lines = await Promise.all(
    result.orders.map(
      async (o) => `${await backend.formatAmount("USD", o.terms.amount)} ${o.state.status}`,
    ),
  );
  console.log(`page ${page}: ${lines.join(", ")}`);
  cursor = result.cursor;
}
const cleared = await backend.ordersOf(sellerAddress, { fromBlock: start, status: "Cleared" });
console.log(`cleared, waiting for the buyer: ${cleared.orders.length}`);
provider.destroy();
