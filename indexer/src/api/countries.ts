/**
 * Countries: `GET /api/countries` (every country that lists anything or has customs authorities,
 * with its list counts: products and HS prefixes), `GET /api/countries/:country` (its lists,
 * paged, optionally narrowed to an HS prefix, with its customs authorities and recent changes)
 * and `GET /api/countries/:country/clearance` ("can this product enter?").
 */
import { db } from "ponder:api";
import {
  classification,
  customsAuthority,
  listing,
  listingChange,
  product,
  tariffListing,
} from "ponder:schema";
import { type Context, Hono } from "hono";
import { and, asc, between, count, desc, eq, ne, sql } from "ponder";

import { formatTariffCode, hsCodeNumber, parseTariffCode } from "@tradechain/sdk";
import { codesUnder, overlaps } from "./clearance";
import { authoritiesOf, clearancesOf, customsCountries } from "./customs";
import { badRequest, json, notFound } from "./http";
import {
  alpha2,
  jurisdiction,
  LIST_STATUSES,
  MAX_PAGE_SIZE,
  OFFSET_PAGE,
  page,
  param,
  parsed,
  productIdOf,
} from "./params";

/** List entries per status, of products and of HS prefixes. */
interface Counts {
  readonly Positive: number;
  readonly Negative: number;
  readonly Unlisted: number;
}

const noCounts = (): Record<keyof Counts, number> => ({ Positive: 0, Negative: 0, Unlisted: 0 });

/** Entries per country and status, of products (`listing`) and HS prefixes (`tariff_listing`). */
async function countsByCountry(where?: { jurisdiction: number }) {
  const [products, tariffs] = await Promise.all([
    db
      .select({ jurisdiction: listing.jurisdiction, status: listing.status, n: count() })
      .from(listing)
      .where(where === undefined ? undefined : eq(listing.jurisdiction, where.jurisdiction))
      .groupBy(listing.jurisdiction, listing.status),
    db
      .select({
        jurisdiction: tariffListing.jurisdiction,
        status: tariffListing.status,
        n: count(),
      })
      .from(tariffListing)
      .where(where === undefined ? undefined : eq(tariffListing.jurisdiction, where.jurisdiction))
      .groupBy(tariffListing.jurisdiction, tariffListing.status),
  ]);
  const tally = (rows: typeof products) => {
    const byCountry = new Map<number, Record<keyof Counts, number>>();
    for (const r of rows) {
      const counts = byCountry.get(r.jurisdiction) ?? noCounts();
      if (r.status in counts) counts[r.status as keyof Counts] = r.n;
      byCountry.set(r.jurisdiction, counts);
    }
    return byCountry;
  };
  return { products: tally(products), tariffs: tally(tariffs) };
}

const total = (a: Counts | undefined, b: Counts | undefined): Counts => ({
  Positive: (a?.Positive ?? 0) + (b?.Positive ?? 0),
  Negative: (a?.Negative ?? 0) + (b?.Negative ?? 0),
  Unlisted: (a?.Unlisted ?? 0) + (b?.Unlisted ?? 0),
});

/** Every country that lists anything or has customs authorities. */
async function countries() {
  const [known, counts, authorities] = await Promise.all([
    customsCountries(),
    countsByCountry(),
    db.select().from(customsAuthority).where(eq(customsAuthority.enabled, true)),
  ]);
  return {
    countries: known.map(({ jurisdiction: code }) => {
      const products = counts.products.get(code) ?? noCounts();
      const tariffs = counts.tariffs.get(code) ?? noCounts();
      const all = total(products, tariffs);
      return {
        jurisdiction: code,
        country: alpha2(code),
        /** Entries on each list: products by id and HS prefixes together. */
        positive: all.Positive,
        negative: all.Negative,
        products: { positive: products.Positive, negative: products.Negative },
        tariffCodes: { positive: tariffs.Positive, negative: tariffs.Negative },
        customsAuthorities: authorities
          .filter((a) => a.jurisdiction === code)
          .map((a) => a.authority),
      };
    }),
  };
}

/** `status`: one of the list statuses, or `all` (every entry, de-listed ones included). */
function statusFilter(c: Context): (typeof LIST_STATUSES)[number] | "all" {
  const text = c.req.query("status") ?? "Positive";
  if (text.toLowerCase() === "all") return "all";
  const status = LIST_STATUSES.find((s) => s.toLowerCase() === text.toLowerCase());
  if (status === undefined) {
    throw badRequest(
      "invalid_status",
      `status must be one of ${LIST_STATUSES.join(", ")} or all, got "${text}"`,
      "status",
    );
  }
  return status;
}

/** `hs`: an HS prefix (2, 4, 6 or 8 digits) to narrow the lists to, if given. */
function hsFilter(c: Context) {
  const text = c.req.query("hs");
  if (text === undefined || text.trim() === "") return undefined;
  return parsed("invalid_hs_code", () => parseTariffCode(text), "hs");
}

/**
 * One country's lists: entries of a status (or all), paged, narrowed to an HS prefix if asked.
 * A product's code is the one the country applies (`hsCodeIn`): its binding there (customs'
 * decision, or a code held by a re-classification) over the declared one.
 */
async function countryList(c: Context) {
  const code = jurisdiction(param(c, "country"));
  const status = statusFilter(c);
  const hs = hsFilter(c);
  const { limit, offset } = page(c);
  const effective = sql<number | null>`coalesce(${classification.hsCode}, ${product.hsCode})`;
  const bound = and(
    eq(classification.productId, listing.productId),
    eq(classification.jurisdiction, code),
    ne(classification.hsCode, 0),
  );
  const conditions: ReturnType<typeof and>[] = [eq(listing.jurisdiction, code)];
  if (status !== "all") conditions.push(eq(listing.status, status));
  if (hs !== undefined) conditions.push(between(effective, ...codesUnder(hs)));
  const where = and(...conditions);
  const tariffWhere = and(
    eq(tariffListing.jurisdiction, code),
    status === "all" ? undefined : eq(tariffListing.status, status),
  );
  const [rows, totals, counts, authorities, recent, tariffs] = await Promise.all([
    db
      .select({
        entry: listing,
        hsCode: effective,
        declaredHsCode: product.hsCode,
        bindingHsCode: classification.hsCode,
        bindingHeld: classification.held,
      })
      .from(listing)
      .leftJoin(product, eq(product.id, listing.productId))
      .leftJoin(classification, bound)
      .where(where)
      .orderBy(desc(listing.updatedBlock), asc(listing.productId))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(listing)
      .leftJoin(product, eq(product.id, listing.productId))
      .leftJoin(classification, bound)
      .where(where),
    countsByCountry({ jurisdiction: code }),
    db.select().from(customsAuthority).where(eq(customsAuthority.jurisdiction, code)),
    db
      .select()
      .from(listingChange)
      .where(eq(listingChange.jurisdiction, code))
      .orderBy(desc(listingChange.blockNumber), desc(listingChange.logIndex))
      .limit(10),
    db
      .select()
      .from(tariffListing)
      .where(tariffWhere)
      .orderBy(asc(tariffListing.digits), asc(tariffListing.code)),
  ]);
  // A country lists few prefixes (they are what makes product-by-product lists unnecessary):
  // all of them are read, then narrowed to the ones that concern products under `hs`.
  const prefixes = tariffs.filter((t) => hs === undefined || overlaps(t, hs));
  const productCounts = counts.products.get(code) ?? noCounts();
  const tariffCounts = counts.tariffs.get(code) ?? noCounts();
  return {
    jurisdiction: code,
    country: alpha2(code),
    status,
    hs: hs === undefined ? null : { ...hs, codeText: formatTariffCode(hs.code, hs.digits) },
    total: totals[0]?.n ?? 0,
    /** Entries per status: products by id and HS prefixes together (the tabs' counts). */
    counts: total(productCounts, tariffCounts),
    productCounts,
    tariffCounts,
    limit,
    offset,
    /**
     * Each entry with the code the country applies; `binding` when that is the country's binding
     * (`held`: a code held there by a re-classification) rather than the declared code.
     */
    listings: rows.map(({ entry, hsCode, declaredHsCode, bindingHsCode, bindingHeld }) => ({
      ...entry,
      hsCode: hsCode === null ? null : Number(hsCode),
      hsCodeText: hsCode === null ? null : formatTariffCode(Number(hsCode)),
      declaredHsCode,
      binding: bindingHsCode === null ? null : { hsCode: bindingHsCode, held: bindingHeld },
    })),
    customsAuthorities: authorities,
    customsRequired: authorities.some((a) => a.enabled),
    recentChanges: recent,
    /** HS prefixes of this status (and under `hs`, if given): each applies to every product under it. */
    tariffTotal: prefixes.length,
    tariffListings: prefixes
      .slice(0, MAX_PAGE_SIZE)
      .map((t) => ({ ...t, codeText: formatTariffCode(t.code, t.digits) })),
  };
}

/**
 * "Can this product enter?": `?product=` (a product id, GTIN, or HS code and SKU) or `?hs=` (an
 * 8-digit HS code, for a product not registered yet). The clearance, the entry that decided it and
 * what an order can expect.
 */
async function clearance(c: Context) {
  const code = jurisdiction(param(c, "country"));
  const productText = c.req.query("product")?.trim();
  const hsText = c.req.query("hs")?.trim();
  if (
    (productText === undefined || productText === "") === (hsText === undefined || hsText === "")
  ) {
    throw badRequest(
      "missing_parameter",
      "give ?product= (a product id, GTIN, or HS code and SKU) or ?hs= (an 8-digit HS code), one of them",
      productText === undefined || productText === "" ? "product" : "hs",
    );
  }
  let row: { id?: `0x${string}`; hsCode: number };
  if (productText !== undefined && productText !== "") {
    const id = productIdOf(productText, "product");
    const found = await db
      .select({ id: product.id, hsCode: product.hsCode })
      .from(product)
      .where(eq(product.id, id))
      .limit(1);
    if (found[0] === undefined)
      throw notFound("product_not_found", `no product ${id} is registered`);
    row = found[0];
  } else {
    row = { hsCode: parsed("invalid_hs_code", () => hsCodeNumber(hsText ?? ""), "hs") };
  }
  const [decision] = await clearancesOf(row, [
    { jurisdiction: code, authorities: await authoritiesOf(code) },
  ]);
  return { product: row.id ?? null, ...decision };
}

export const countryRoutes = new Hono()
  .get("/", json(countries))
  .get("/:country", json(countryList, ["status", "hs", ...OFFSET_PAGE]))
  .get("/:country/clearance", json(clearance, ["product", "hs"]));
