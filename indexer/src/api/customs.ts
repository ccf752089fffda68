/**
 * Customs at a glance, read from the index: which countries list anything, and a product's
 * effective clearance in each of them with the entry that decided it (the rules: `clearance.ts`).
 */
import { db } from "ponder:api";
import { customsAuthority, listing, product, tariffListing } from "ponder:schema";
import { and, count, eq, inArray, ne, or } from "ponder";

import { formatTariffCode } from "@tradechain/sdk";
import { decideClearance, type Decision, prefixesOf } from "./clearance";
import { alpha2, type Hex } from "./params";
import { indexedAt } from "./status";

type ProductRow = typeof product.$inferSelect;
type ListingRow = typeof listing.$inferSelect;
type TariffRow = typeof tariffListing.$inferSelect;

/**
 * The HS code a country applies to a product: today the code the product is registered with, in
 * every country. Binding classifications per country (a customs ruling that a product falls under
 * another code there) would be read here; everything below asks this function.
 */
export function hsCodeIn(row: Pick<ProductRow, "hsCode">, _jurisdiction: number): number {
  return row.hsCode;
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
  readonly hsCode: number;
  readonly hsCodeText: string;
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
  const hsCodes = new Map(codes.map((j) => [j, hsCodeIn(row, j)]));
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
      customsRequired: authorities > 0,
      canEnter: decision.outcome !== "refused",
      ...decision,
    };
  });
}
