/**
 * Order events as readable steps in the reader's language: the SDK's step catalogue
 * (`src/timeline-steps.ts`, the one source of that wording) with the page's own formatting.
 */
import { describeStep, shortHex, type Step, type StepArgs, type StepTerms } from "@tradechain/sdk";
import type { Json } from "./dom";
import type { Currency } from "./format";
import { bpsText, language, moneyText, timeText } from "./i18n";

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

/**
 * An order event as a step: amounts with `Intl` in the order's currency, short hashes, the
 * destination by its ISO code (`destinationCountry`) when known.
 */
export function stepOf(
  event: Json,
  terms: StepTerms,
  currency: Currency | null,
  destinationCountry: unknown,
): Step {
  return describeStep(
    String(event.name),
    event.args as StepArgs,
    terms,
    {
      money: (units) =>
        currency === null ? String(units) : moneyText(units, currency.decimals, currency.currency),
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
}
