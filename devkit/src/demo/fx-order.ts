/**
 * One cross-currency order of the demo's cast, made through the SDK client as a platform makes it
 * (docs/sdk.md, "Cross-currency orders"): the platform prepares laptops for Karachi Traders from
 * Shenzhen Bright Electronics, paid in USD; the FX provider quotes the payout in CNY with
 * `quoteFx`; the importer's client creates the order with the quote (`createFxOrder`), the
 * platform consenting as the exporter's delegate (the clients' `sellerConsent`). Shared by the
 * demo's story (`fx.ts`) and the explorer's cross-currency fixture.
 */
import type { FxQuote, OrderTerms, TradeChainClient } from "@tradechain/sdk";

import { PK, PRODUCTS } from "./cast.js";
import { CONFIRM_WINDOW } from "./scenarios.js";
import { money, type Stage } from "./stage.js";

/** A cross-currency order made by {@link placeFxOrder}. */
export interface FxOrder {
  readonly orderId: string;
  readonly terms: OrderTerms;
  readonly quote: FxQuote;
}

/** What the order pays in and out, in whole units (`"1,000"`), and its reference number. */
export interface FxOrderSpec {
  /** USD the importer pays. */
  readonly pay: string;
  /** CNY the provider quotes for the exporter (before the fee). */
  readonly payout: string;
  /** The order's `ref`, as a number (written as a bytes32). */
  readonly ref: number;
}

/** Seconds of chain time a quote stays valid, and the days the exporter has to ship. */
const QUOTE_VALID_FOR = 600;
const SHIP_WITHIN = 7 * 86_400;

/**
 * The importer orders laptops for `spec.pay` USD, paid out to the exporter as `spec.payout` CNY at
 * the quote of `provider` (a client of the FX provider); the importer's allowance to the FX escrow
 * funds the pay leg, the provider's allowance (or its balance there) the payout leg.
 */
export async function placeFxOrder(
  stage: Stage,
  provider: TradeChainClient,
  spec: FxOrderSpec,
): Promise<FxOrder> {
  const { importer } = stage.clients;
  const terms = await importer.prepareOrder({
    seller: stage.accounts.exporter,
    token: "USD",
    amount: await money(stage, "USD", spec.pay),
    productId: PRODUCTS.laptop.id,
    destination: PK,
    shipWithin: SHIP_WITHIN,
    confirmWindow: CONFIRM_WINDOW,
    ref: `0x${spec.ref.toString(16).padStart(64, "0")}`,
  });
  const payout = { token: "CNY", amount: await money(stage, "CNY", spec.payout) };
  const { quote, signature } = await provider.quoteFx(terms, payout, {
    validFor: QUOTE_VALID_FOR,
  });
  const created = await importer.createFxOrder(terms, quote, signature, { method: "allowance" });
  return { orderId: created.orderId, terms: created.terms, quote: created.quote };
}
