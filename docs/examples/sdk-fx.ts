/**
 * Cross-currency orders (docs/sdk.md): an FX provider quotes an order of 100 USD paid out as
 * 710 CNY, the seller consents to the payout, the buyer's client creates the order with the quote,
 * the seller ships and the buyer confirms; the timeline shows both currencies. CI runs this file
 * against a local deployment with its cross-currency escrow (it onboards its parties, caps the
 * provider and funds its float when needed).
 *
 *   TRADECHAIN_RPC_URL=http://127.0.0.1:8545 ADMIN_KEY=0x… OPERATOR_KEY=0x… \
 *   SELLER_KEY=0x… BUYER_KEY=0x… PROVIDER_KEY=0x… node sdk-fx.js
 */
import { JsonRpcProvider, Wallet } from "ethers";
import {
  countryCode,
  parseAmount,
  productIdFromHsCode,
  TradeChainError,
  type TradeChainClient,
} from "@tradechain/sdk";
import { fromIgnition } from "@tradechain/sdk/node";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Set ${name}`);
  return value;
}

const provider = new JsonRpcProvider(env("TRADECHAIN_RPC_URL"));
const admin = await fromIgnition(new Wallet(env("ADMIN_KEY"), provider));
if (admin.addresses.fxEscrow === undefined) throw new Error("No cross-currency escrow deployed");
const as = (key: string): TradeChainClient => admin.connect(new Wallet(env(key), provider));
const operator = as("OPERATOR_KEY");
const seller = as("SELLER_KEY");
const buyer = as("BUYER_KEY");
const fx = as("PROVIDER_KEY");
const [sellerAddress, buyerAddress, fxAddress, operatorAddress] = await Promise.all([
  seller.signer.getAddress(),
  buyer.signer.getAddress(),
  fx.signer.getAddress(),
  operator.signer.getAddress(),
]);
const units = (amount: string) => parseAmount(amount, 6); // both coins have 6 decimals

// Onboarding and funding, only what is missing.
for (const [account, role, country] of [
  [sellerAddress, "Seller", "CN"],
  [buyerAddress, "Buyer", "KZ"],
  [fxAddress, "FxProvider", "CN"],
] as const) {
  if (!(await operator.isActive(account, [role]))) {
    await operator.registerParticipant(account, [role], countryCode(country), `kyc:${role}`);
  }
}
for (const [currency, account] of [
  ["USD", buyerAddress],
  ["CNY", fxAddress],
] as const) {
  if ((await operator.balanceOf(currency, account)) < units("1000")) {
    await operator.configureMinter(currency, operatorAddress, units("1000"));
    await operator.mint(currency, account, units("1000"));
  }
}
// The admin caps the provider's open CNY in the USD → CNY pair (no cap: no orders).
if ((await admin.fxLimitOf(fxAddress, "USD", "CNY")).cap < units("10000")) {
  await admin.setFxLimit(fxAddress, "USD", "CNY", units("10000"));
}

// The platform prepares the terms; the provider quotes them (valid five minutes of chain time)
// from its float in the FX escrow; the seller consents to the payout it will receive.
const terms = await buyer.prepareOrder({
  seller: sellerAddress,
  token: "USD",
  amount: units("100"),
  productId: productIdFromHsCode("6214.10", "SILK-SCARF-90"),
  destination: countryCode("KZ"), // no customs authority there: cleared at shipment
});
await fx.depositFx("CNY", units("710"));
const { quote, signature } = await fx.quoteFx(terms, { token: "CNY", amount: units("710") });
const sellerSignature = await seller.signFxSellerConsent(quote);

// An expired quote is refused before anything is sent.
const stale = await fx.quoteFx(terms, { token: "CNY", amount: units("710") }, { expiry: 1n });
try {
  await buyer.createFxOrder(terms, stale.quote, stale.signature, { sellerSignature });
} catch (err) {
  if (!(err instanceof TradeChainError)) throw err;
  console.log(`${err.code}: ${err.decoded.name}`);
}

const { orderId, method } = await buyer.createFxOrder(terms, quote, signature, {
  sellerSignature,
});
const leg = await buyer.fxLegOf(orderId);
console.log(
  `funded by ${method}; payout leg ${await buyer.formatAmount(leg.currency, leg.payoutAmount)}`,
);
await seller.ship(orderId, "EMS EE123456789CN");
await buyer.confirmReceipt(orderId);
for (const entry of await buyer.orderTimeline(orderId)) {
  console.log(`${entry.step}: ${entry.detail}`);
}
const credited = await fx.fxBalanceOf("USD", fxAddress);
await fx.withdrawFx("USD");
console.log(`provider withdrew ${await fx.formatAmount("USD", credited)}`);
provider.destroy();
