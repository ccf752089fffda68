/**
 * Customs at a glance, read from the index: which countries list anything, and a product's
 * effective clearance in each of them with the entry that decided it (the rules: `clearance.ts`).
 */
import { db } from "ponder:api";
import { classification, customsAuthority, listing, product, tariffListing } from "ponder:schema";
import { and, count, eq, inArray, ne, or } from "ponder";

import { formatTariffCode } from "@tradechain/sdk";
import { decideClearance, type Decision, prefixesOf } from "./clearance";
import { alpha2, type Hex } from "./params";
import { indexedAt } from "./status";

type ProductRow = typeof product.$inferSelect;
type ListingRow = typeof listing.$inferSelect;
type TariffRow = typeof tariffListing.$inferSelect;
export type ClassificationRow = typeof classification.$inferSelect;

/**
 * The HS code a country applies to a product (the registry's `classificationOf`): the country's
 * binding when it has one (customs' `bindClassification`, or a code held there by a
 * re-classification), else the code the product is registered with. Everything below asks this
 * function. `bindings`: the product's bindings by country (lifted ones, code 0, apply nowhere).
 */
export function hsCodeIn(
  row: Pick<ProductRow, "hsCode">,
  jurisdiction: number,
  bindings: ReadonlyMap<number, ClassificationRow>,
): number {
  const bound = bindings.get(jurisdiction);
  return bound !== undefined && bound.hsCode !== 0 ? bound.hsCode : row.hsCode;
}

/** A product's bindings in force, by country (none for a bare HS code). */
export async function bindingsOf(
  productId: Hex | undefined,
): Promise<Map<number, ClassificationRow>> {
  if (productId === undefined) return new Map();
  const rows = await db
    .select()
    .from(classification)
    .where(and(eq(classification.productId, productId), ne(classification.hsCode, 0)));
  return new Map(rows.map((r) => [r.jurisdiction, r]));
}

/** A country's customs: how many authorities it has (0: orders to it are not held for customs). */
export interface CustomsCountry {
  readonly jurisdiction: number;
  readonly authorities: number;
}

/**
 * Every country that lists anything (a product or an HS prefix, on either list) or has customs
 * authorities, in code order.
 */
export async function customsCountries(): Promise<CustomsCountry[]> {
  const [products, tariffs, authorities] = await Promise.all([
    db
      .selectDistinct({ jurisdiction: listing.jurisdiction })
      .from(listing)
      .where(ne(listing.status, "Unlisted")),
    db
      .selectDistinct({ jurisdiction: tariffListing.jurisdiction })
      .from(tariffListing)
      .where(ne(tariffListing.status, "Unlisted")),
    db
      .select({ jurisdiction: customsAuthority.jurisdiction, n: count() })
      .from(customsAuthority)
      .where(eq(customsAuthority.enabled, true))
      .groupBy(customsAuthority.jurisdiction),
  ]);
  const byCode = new Map<number, number>();
  for (const r of [...products, ...tariffs]) byCode.set(r.jurisdiction, 0);
  for (const r of authorities) byCode.set(r.jurisdiction, r.n);
  return [...byCode.entries()]
    .sort(([a], [b]) => a - b)
    .map(([jurisdiction, authorities]) => ({ jurisdiction, authorities }));
}

/** How many customs authorities a country has. */
export async function authoritiesOf(jurisdiction: number): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(customsAuthority)
    .where(
      and(eq(customsAuthority.jurisdiction, jurisdiction), eq(customsAuthority.enabled, true)),
    );
  return rows[0]?.n ?? 0;
}

/** A clearance in one country, as the API returns it. */
export type CountryClearance = Decision<ListingRow, TariffRow> & {
  readonly jurisdiction: number;
  readonly country: string | null;
  /** The code the country applies (its binding, else the declared code). */
  readonly hsCode: number;
  readonly hsCodeText: string;
  /** The country's binding that overrides the declared code, if any (`held`: kept by a re-classification). */
  readonly binding: {
    readonly hsCode: number;
    readonly hsCodeText: string;
    readonly held: boolean;
    readonly authority: Hex | null;
    readonly declaredHsCode: number | null;
  } | null;
  readonly customsRequired: boolean;
  readonly canEnter: boolean;
};

/**
 * The effective clearance of a product (or of a bare 8-digit HS code, `row.id` undefined) in each
 * of `countries`, at chain time (the last indexed block's).
 */
export async function clearancesOf(
  row: Pick<ProductRow, "hsCode"> & { readonly id?: Hex },
  countries: readonly CustomsCountry[],
): Promise<CountryClearance[]> {
  if (countries.length === 0) return [];
  const codes = countries.map((c) => c.jurisdiction);
  const bindings = await bindingsOf(row.id);
  const hsCodes = new Map(codes.map((j) => [j, hsCodeIn(row, j, bindings)]));
  const prefixes = [...new Set([...hsCodes.values()])].flatMap(prefixesOf);
  const [listings, tariffs, at] = await Promise.all([
    row.id === undefined
      ? Promise.resolve([] as ListingRow[])
      : db
          .select()
          .from(listing)
          .where(and(eq(listing.productId, row.id), inArray(listing.jurisdiction, codes))),
    db
      .select()
      .from(tariffListing)
      .where(
        and(
          inArray(tariffListing.jurisdiction, codes),
          or(
            ...prefixes.map((p) =>
              and(eq(tariffListing.digits, p.digits), eq(tariffListing.code, p.code)),
            ),
          ),
        ),
      ),
    indexedAt(),
  ]);
  const now = at?.timestamp ?? 0n;
  return countries.map(({ jurisdiction, authorities }) => {
    const hsCode = hsCodes.get(jurisdiction) ?? row.hsCode;
    const bound = bindings.get(jurisdiction);
    const decision = decideClearance({
      hsCode,
      productEntry: listings.find((l) => l.jurisdiction === jurisdiction),
      tariffEntries: tariffs.filter((t) => t.jurisdiction === jurisdiction),
      customsRequired: authorities > 0,
      now,
    });
    return {
      jurisdiction,
      country: alpha2(jurisdiction),
      hsCode,
      hsCodeText: formatTariffCode(hsCode),
      binding:
        bound === undefined
          ? null
          : {
              hsCode: bound.hsCode,
              hsCodeText: formatTariffCode(bound.hsCode),
              held: bound.held,
              authority: bound.authority,
              declaredHsCode: bound.declaredHsCode,
            },
      customsRequired: authorities > 0,
      canEnter: decision.outcome !== "refused",
      ...decision,
    };
  });
}
