/**
 * Next action (docs/sdk.md): who may act on an order next and until when, in chain time, at each
 * step of an order; then the same rule table on stored data alone, as the explorer computes it.
 * CI runs this file against a local deployment (it onboards its parties if they are new).
 *
 *   TRADECHAIN_RPC_URL=http://127.0.0.1:8545 \
 *   OPERATOR_KEY=0x… SELLER_KEY=0x… BUYER_KEY=0x… node sdk-next-action.js
 */
import { JsonRpcProvider, Wallet } from "ethers";
import {
  countryCode,
  formatTimestamp,
  type NextAction,
  nextActionOf,
  parseAmount,
  productIdFromHsCode,
} from "@tradechain/sdk";
import { fromIgnition } from "@tradechain/sdk/node";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Set ${name}`);
  return value;
}

const provider = new JsonRpcProvider(env("TRADECHAIN_RPC_URL"));
const operator = await fromIgnition(new Wallet(env("OPERATOR_KEY"), provider));
const seller = operator.connect(new Wallet(env("SELLER_KEY"), provider));
const buyer = operator.connect(new Wallet(env("BUYER_KEY"), provider));
const [sellerAddress, buyerAddress] = await Promise.all([
  seller.signer.getAddress(),
  buyer.signer.getAddress(),
]);
const usd = (amount: string) => parseAmount(amount, 6);

// Onboarding, only what is missing.
const operatorAddress = await operator.signer.getAddress();
if (!(await operator.isActive(sellerAddress, ["Seller"]))) {
  await operator.registerParticipant(sellerAddress, ["Seller"], countryCode("VN"), "kyc:seller");
}
if (!(await operator.isActive(buyerAddress, ["Buyer"]))) {
  await operator.registerParticipant(buyerAddress, ["Buyer"], countryCode("KZ"), "kyc:buyer");
}
if ((await buyer.balanceOf("USD")) < usd("40")) {
  await operator.configureMinter("USD", operatorAddress, usd("40"));
  await operator.mint("USD", buyerAddress, usd("40"));
}

function print(next: NextAction): void {
  const { status, now, waitingFor, summary } = next;
  console.log(`${status} at ${formatTimestamp(now)}: waiting for ${waitingFor ?? "nobody"}`);
  for (const line of summary.match(/\S.{0,95}(?=\s|$)/g) ?? []) console.log(`  ${line}`);
}

const { orderId, terms } = await buyer.createOrder(
  {
    seller: sellerAddress,
    token: "USD",
    amount: usd("40"),
    productId: productIdFromHsCode("6214.10", "SILK-SCARF-90"),
    destination: countryCode("KZ"), // no customs authority there: cleared at shipment
  },
  { sellerSigner: seller.signer }, // the seller's consent, signed with its key
);
print(await buyer.nextAction(orderId));

await seller.ship(orderId, "EMS EE123456789VN");
const cleared = await buyer.nextAction(orderId);
print(cleared);
for (const move of cleared.actions) {
  const from = move.from === undefined ? "now" : formatTimestamp(move.from);
  const until = move.until === undefined ? "" : ` until ${formatTimestamp(move.until)}`;
  console.log(
    `  - ${move.call} by ${move.by}: ${move.open ? "open" : "closed"}, from ${from}${until}`,
  );
}

// The rule table on stored data alone: terms and state as an indexer keeps them, the escrow's
// periods (constants, read once) and a chain time; no call to the node for the answer itself.
const { since } = await buyer.orderState(orderId);
const periods = {
  customsPeriod: await operator.escrow.CUSTOMS_PERIOD(),
  arbitrationPeriod: await operator.escrow.ARBITRATION_PERIOD(),
};
const releasableAt = since + BigInt(terms.confirmWindow);
for (const now of [releasableAt - 1n, releasableAt]) {
  const next = nextActionOf(terms, { status: "Cleared", since }, periods, now);
  console.log(`At ${formatTimestamp(now)}: ${next.waitingFor} may call ${next.calls.join(" or ")}`);
}

await buyer.confirmReceipt(orderId);
print(await buyer.nextAction(orderId));
provider.destroy();
