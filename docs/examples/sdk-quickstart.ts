/**
 * SDK quickstart (docs/sdk.md): a platform onboards a seller and a buyer, the buyer pays into
 * escrow, the seller ships, the buyer confirms; then a batch of orders, the order's timeline, and
 * the errors a program branches on. CI runs this file against a fresh local deployment, from a
 * project holding the deployment's `ignition/deployments/chain-<id>` folder.
 *
 *   TRADECHAIN_RPC_URL=http://127.0.0.1:8545 \
 *   OPERATOR_KEY=0x… SELLER_KEY=0x… BUYER_KEY=0x… node sdk-quickstart.js
 */
import { JsonRpcProvider, Wallet, ZeroHash } from "ethers";
import {
  countryCode,
  describeError,
  formatTimestamp,
  parseAmount,
  productIdFromHsCode,
  shortHex,
  TradeChainError,
} from "@tradechain/sdk";
import { fromIgnition } from "@tradechain/sdk/node";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Set ${name}`);
  return value;
}

const provider = new JsonRpcProvider(env("TRADECHAIN_RPC_URL"));
// The operator is the deployment's registrar and the USD token's master minter. fromIgnition finds
// ./ignition/deployments/chain-<the node's chain id> (or pass { folder } or { chainId, root }).
const operator = await fromIgnition(new Wallet(env("OPERATOR_KEY"), provider));
const seller = operator.connect(new Wallet(env("SELLER_KEY"), provider)); // one client per party;
const buyer = operator.connect(new Wallet(env("BUYER_KEY"), provider)); // they share order terms
const [operatorAddress, sellerAddress, buyerAddress] = await Promise.all([
  operator.signer.getAddress(),
  seller.signer.getAddress(),
  buyer.signer.getAddress(),
]);
const usd = (amount: string) => parseAmount(amount, 6);

// Onboarding. Sends from one wallet may run concurrently: the client keeps each wallet's nonces.
await Promise.all([
  operator.registerParticipant(sellerAddress, ["Seller"], countryCode("CN"), "kyc:seller-001"),
  operator.registerParticipant(buyerAddress, ["Buyer"], countryCode("KZ"), "kyc:buyer-001"),
  operator.configureMinter("USD", operatorAddress, usd("10000")),
]);
await operator.mint("USD", buyerAddress, usd("1000"));
const laptop = productIdFromHsCode("8471.30", "LAPTOP-15-SILVER");
await seller.registerProduct(laptop, "8471.30.00", "spec sheet v1"); // text is hashed

// One order. `auto` funds from the allowance when it covers the amount, else signs a permit.
const order = {
  seller: sellerAddress,
  token: "USD",
  amount: usd("250"),
  productId: laptop,
  destination: countryCode("KZ"), // no customs authority there: cleared at shipment
};
// Every order needs the seller's consent to its exact terms: here the platform holds the seller's
// key and signs (a backend would return `await seller.signSellerConsent(terms)` to the buyer's app).
const { orderId, method } = await buyer.createOrder(order, { sellerSigner: seller.signer });
await seller.ship(orderId, "DHL 1234567890"); // only the hash of the tracking number goes on chain
await buyer.confirmReceipt(orderId); // the seller is paid, the platform's fee accrues
const short = (text: string) => text.replace(/0x[0-9a-fA-F]{40,64}/g, (hex) => shortHex(hex));
console.log(
  `Order ${short(orderId)} funded by ${method}: ${(await buyer.orderState(orderId)).status}`,
);
for (const step of await operator.orderTimeline(orderId)) {
  console.log(`  ${formatTimestamp(step.timestamp)}  ${step.step}`);
  console.log(`    ${step.detail}`);
}

// A batch: one transaction per step for all three orders (the escrow's multicall).
const batch = await buyer.createMany(
  [order, order, order].map((o, i) => ({ ...o, amount: usd(`${10 * (i + 1)}`) })),
  { sellerSigner: seller.signer },
);
await seller.shipMany(batch.orderIds);
const confirmed = await buyer.confirmMany(batch.orderIds);
console.log(
  `Batch of ${batch.orderIds.length} confirmed in one transaction (${confirmed.receipt.gasUsed} gas)`,
);

// Errors a program branches on: `code`, then `decoded.name` for reverts.
const mistyped = sellerAddress.replace(/[a-f]/, (c) => c.toUpperCase()); // a bad checksum
for (const attempt of [
  () => buyer.cancel(orderId),
  () => buyer.orderState(ZeroHash),
  () => buyer.balanceOf("EUR"),
  () => operator.mint("USD", mistyped, usd("1")),
]) {
  try {
    await attempt();
  } catch (err) {
    if (!(err instanceof TradeChainError)) throw err;
    console.log(`  ${err.code}: ${short(describeError(err))}`);
  }
}
console.log(`Seller balance: ${await seller.formatAmount("USD", await seller.balanceOf("USD"))}`);
provider.destroy();
