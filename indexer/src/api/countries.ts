/**
 * Countries: `GET /api/countries` (every country with a list or a customs authority, with its
 * counts) and `GET /api/countries/:country?status=` (one list, paged, its tariff prefixes, its
 * customs authorities and recent changes).
 */
import { db } from "ponder:api";
import { customsAuthority, listing, listingChange, tariffListing } from "ponder:schema";
import { type Context, Hono } from "hono";
import { and, asc, count, desc, eq } from "ponder";

import { formatTariffCode } from "../../../src/ids.js";
import { badRequest, json } from "./http";
import { alpha2, jurisdiction, LIST_STATUSES, MAX_PAGE_SIZE, page, param } from "./params";

/** Every country with a list entry or a customs authority. */
async function countries() {
  const rows = await db
    .select({ jurisdiction: listing.jurisdiction, status: listing.status, n: count() })
    .from(listing)
    .groupBy(listing.jurisdiction, listing.status)
    .orderBy(asc(listing.jurisdiction));
  const byCountry = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const counts = byCountry.get(r.jurisdiction) ?? {};
    counts[r.status] = r.n;
    byCountry.set(r.jurisdiction, counts);
  }
  const authorities = await db
    .select()
    .from(customsAuthority)
    .where(eq(customsAuthority.enabled, true));
  for (const a of authorities)
    if (!byCountry.has(a.jurisdiction)) byCountry.set(a.jurisdiction, {});
  return {
    countries: [...byCountry.entries()]
      .sort(([a], [b]) => a - b)
      .map(([code, counts]) => ({
        jurisdiction: code,
        country: alpha2(code),
        positive: counts.Positive ?? 0,
        negative: counts.Negative ?? 0,
        customsAuthorities: authorities
          .filter((a) => a.jurisdiction === code)
          .map((a) => a.authority),
      })),
  };
}

/** One country's list of a status, paged. */
async function countryList(c: Context) {
  const code = jurisdiction(param(c, "country"));
  const statusText = c.req.query("status") ?? "Positive";
  const status = LIST_STATUSES.find((s) => s.toLowerCase() === statusText.toLowerCase());
  if (status === undefined) {
    throw badRequest(`status must be one of ${LIST_STATUSES.join(", ")}, got "${statusText}"`);
  }
  const { limit, offset } = page(c);
  const where = and(eq(listing.jurisdiction, code), eq(listing.status, status));
  const [rows, total, counts, authorities, recent, tariffs] = await Promise.all([
    db
      .select()
      .from(listing)
      .where(where)
      .orderBy(desc(listing.updatedBlock), asc(listing.productId))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(listing).where(where),
    db
      .select({ status: listing.status, n: count() })
      .from(listing)
      .where(eq(listing.jurisdiction, code))
      .groupBy(listing.status),
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
      .where(and(eq(tariffListing.jurisdiction, code), eq(tariffListing.status, status)))
      .orderBy(asc(tariffListing.digits), asc(tariffListing.code))
      .limit(MAX_PAGE_SIZE),
  ]);
  return {
    jurisdiction: code,
    country: alpha2(code),
    status,
    total: total[0]?.n ?? 0,
    counts: Object.fromEntries(counts.map((r) => [r.status, r.n])),
    limit,
    offset,
    listings: rows,
    customsAuthorities: authorities,
    recentChanges: recent,
    /** HS prefixes with this status (first 100): they apply to every product under them. */
    tariffListings: tariffs.map((t) => ({ ...t, codeText: formatTariffCode(t.code, t.digits) })),
  };
}

export const countryRoutes = new Hono()
  .get("/", json(countries))
  .get("/:country", json(countryList));
