/**
 * Order events as readable steps in the reader's language: the SDK's step catalogue
 * (`src/timeline-steps.ts`, the one source of that wording) with the page's own formatting.
 */
import { describeStep, shortHex, type Step, type StepArgs, type StepTerms } from "@tradechain/sdk";
import type { Json } from "./dom";
import type { Currency } from "./format";
import { bpsText, language, moneyText, t, timeText } from "./i18n";

/** An order's terms as a step needs them, from an order (or an activity row's `terms`). */
export function termsOf(o: Json): StepTerms {
  return {
    buyer: String(o.buyer),
    seller: String(o.seller),
    amount: String(o.amount),
    productId: String(o.productId),
    destination: String(o.destination),
    feeBps: String(o.feeBps),
    shipBy: String(o.shipBy),
  };
}

/** A cross-currency order's payout currency (the seller's); undefined for another order. */
export function payoutCurrencyOf(o: Json): Currency | null | undefined {
  const fx = o.fx as Json | null | undefined;
  if (fx === null || fx === undefined) return undefined;
  return ((fx.payoutLeg as Json).currency ?? null) as Currency | null;
}

/** Amounts in a currency, as a step shows them. */
const moneyIn = (currency: Currency | null | undefined) => (units: bigint | string) =>
  currency === null || currency === undefined
    ? String(units)
    : moneyText(BigInt(units), currency.decimals, currency.currency);

/** Steps whose amounts are all the seller's: in the payout currency of a cross-currency order. */
const SELLER_PAID = new Set(["ReceiptConfirmed", "ReleasedAfterTimeout"]);

/**
 * A cross-currency order's own steps and those whose amounts are in both currencies (a ruling
 * pays the buyer in the pay currency, the seller and the fee in the payout currency); undefined
 * for every other step.
 */
function fxStep(event: Json, pay: Currency | null, payout: Currency | null): Step | undefined {
  const args = event.args as Record<string, string>;
  const [inPay, inPayout] = [moneyIn(pay), moneyIn(payout)];
  if (event.name === "FxOrderCreated") {
    return {
      step: t("step.FxOrderCreated"),
      detail: t("step.FxOrderCreated.detail", {
        amount: inPayout(String(args.payoutAmount)),
        provider: shortHex(String(args.provider)),
      }),
      actor: String(args.provider),
    };
  }
  if (event.name === "FxLegsSplit") {
    return {
      step: t("step.FxLegsSplit"),
      detail: t("step.FxLegsSplit.detail", {
        toBuyer: inPay(String(args.toBuyer)),
        toProviderInPay: inPay(String(args.toProviderInPay)),
        toSeller: inPayout(String(args.toSeller)),
        fee: inPayout(String(args.fee)),
        toProviderInPayout: inPayout(String(args.toProviderInPayout)),
      }),
      actor: undefined,
    };
  }
  return undefined;
}

/**
 * An order event as a step: amounts with `Intl` in the order's currency (a cross-currency order's
 * seller amounts in `payoutCurrency`), short hashes, the destination by its ISO code
 * (`destinationCountry`) when known.
 */
export function stepOf(
  event: Json,
  terms: StepTerms,
  currency: Currency | null,
  destinationCountry: unknown,
  payoutCurrency?: Currency | null,
): Step {
  const name = String(event.name);
  if (payoutCurrency !== undefined) {
    const own = fxStep(event, currency, payoutCurrency);
    if (own !== undefined) return own;
  }
  const sellerPaid = payoutCurrency !== undefined && SELLER_PAID.has(name);
  const step = describeStep(
    name,
    event.args as StepArgs,
    terms,
    {
      money: moneyIn(sellerPaid ? payoutCurrency : currency),
      time: timeText,
      bps: bpsText,
      hash: (hex) => shortHex(hex),
      account: (address) => shortHex(address),
      country: (code) =>
        code === Number(terms.destination) && typeof destinationCountry === "string"
          ? destinationCountry
          : String(code),
    },
    language(),
  );
  if (payoutCurrency === undefined || name !== "DisputeResolved") return step;
  const args = event.args as Record<string, string>;
  return {
    ...step,
    detail: t("fx.resolvedDetail", {
      buyer: moneyIn(currency)(String(args.buyerAmount)),
      seller: moneyIn(payoutCurrency)(String(args.sellerAmount)),
      fee: moneyIn(payoutCurrency)(String(args.fee)),
    }),
  };
}
