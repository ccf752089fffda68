/**
 * Which HS code applies to a product in a country, as the registry decides it, from the index:
 * a binding of that country (customs' `bindClassification`, or a code held there by a
 * re-classification) overrides the declared code. Used by the escrow's handlers for an order's
 * classification snapshot and its chapter; registers no handler.
 */
import { classification, countryTariffs, listing, product } from "ponder:schema";

import type { AnyContext, Hex } from "./common";

/** The row id of a country's binding of a product. */
export const classificationId = (jurisdiction: number, productId: Hex): string =>
  `${jurisdiction}:${productId}`;

/** The HS code in force for the product in the country (0: the product is not registered). */
export async function codeInForce(
  context: AnyContext,
  jurisdiction: number,
  productId: Hex,
): Promise<number> {
  const bound = await context.db.find(classification, {
    id: classificationId(jurisdiction, productId),
  });
  if (bound !== null && bound.hsCode !== 0) return bound.hsCode;
  return (await context.db.find(product, { id: productId }))?.hsCode ?? 0;
}

/**
 * A new order's classification snapshot (`OrderState.hsCode`, the registry's
 * `_clearanceAtCreation`): 0 when the product has a live entry of its own at the destination or
 * the destination has no tariff listing; else the code in force there.
 */
export async function orderHsCode(
  context: AnyContext,
  destination: number,
  productId: Hex,
  now: bigint,
): Promise<{ hsCode: number; inForce: number }> {
  const [own, tariffs, inForce] = await Promise.all([
    context.db.find(listing, { id: `${destination}:${productId}` }),
    context.db.find(countryTariffs, { id: destination }),
    codeInForce(context, destination, productId),
  ]);
  const ownLive =
    own !== null && own.status !== "Unlisted" && (own.expiresAt === 0n || now < own.expiresAt);
  const hsCode = ownLive || tariffs === null || tariffs.listed === 0 ? 0 : inForce;
  return { hsCode, inForce };
}
