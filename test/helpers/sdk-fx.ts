/**
 * The SDK's cross-currency fixture: the onboarded suite deployed with the Fx module (the clients'
 * addresses carry `fxEscrow`), the stranger account registered as the FX provider with CNY minted
 * and the FX escrow approved, a USD → CNY cap set through the admin's client, and helpers that
 * quote and create an order the way a platform does.
 */
import type { FxQuoteOptions, OrderTerms, TradeChainClient } from "@tradechain/sdk";

import { CN, ethers, networkHelpers, onboardedFxSuiteFixture, PK, TEA, units } from "./sdk.js";

/** The provider's cap in the USD → CNY pair. */
export const FX_CAP = units(50_000);

export async function fxClientFixture() {
  const s = await onboardedFxSuiteFixture();
  const provider = s.stranger;
  const { admin, operator } = s.clients;
  await operator.registerParticipant(provider.address, ["FxProvider"], CN, "kyc:fx-provider");
  await operator.mint("CNY", provider.address, units(100_000));
  await admin.setFxLimit(provider.address, "USD", "CNY", FX_CAP);
  const providerClient = s.clients.stranger;
  await providerClient.approveFxEscrow("CNY", units(100_000));
  const fxEscrow = await ethers.getContractAt("TradeFxEscrow", s.addresses.fxEscrow!);
  const usd = await ethers.getContractAt("SettlementToken", s.addresses.tokens.USD);
  const cny = await ethers.getContractAt("SettlementToken", s.addresses.tokens.CNY);
  return { ...s, provider, providerClient, fxEscrow, fxAddress: s.addresses.fxEscrow!, usd, cny };
}

export type FxSuite = Awaited<ReturnType<typeof fxClientFixture>>;

/** The platform's terms for a tea order of `amount` USD to Pakistan (the buyer's client). */
export function teaTerms(s: FxSuite, amount = units(1_000), ref = "fx-order"): Promise<OrderTerms> {
  return s.clients.buyer.prepareOrder({
    seller: s.seller.address,
    token: "USD",
    amount,
    productId: TEA,
    destination: PK,
    ref: ethers.id(ref),
  });
}

/** Terms and the provider's signed quote for them (7.1 CNY per USD unless `payout` is given). */
export async function quoted(
  s: FxSuite,
  options: { amount?: bigint; payout?: bigint; ref?: string } & FxQuoteOptions = {},
) {
  const terms = await teaTerms(s, options.amount, options.ref);
  const payout = options.payout ?? (terms.amount * 71n) / 10n;
  return s.providerClient.quoteFx(terms, { token: "CNY", amount: payout }, options);
}

/** A created FX order of 1,000 USD paid out as 7,100 CNY (unless overridden). */
export async function fxOrder(
  s: FxSuite,
  options: { amount?: bigint; payout?: bigint; ref?: string } = {},
  buyer: TradeChainClient = s.clients.buyer,
) {
  const { quote, signature, terms } = await quoted(s, options);
  return buyer.createFxOrder(terms, quote, signature);
}

export const { loadFixture } = networkHelpers;
