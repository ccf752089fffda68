/**
 * `GET /api/hs/:prefix`: an HS prefix (chapter `61`, heading `8806`, subheading `8471.30`, national
 * line `8471.30.00`): the products registered under it (paged) and every country's list entries
 * that concern them (for the prefix itself, a shorter one containing it, or a longer one in it).
 */
import { db } from "ponder:api";
import { product, tariffListing } from "ponder:schema";
import { type Context, Hono } from "hono";
import { and, asc, between, count, eq, or } from "ponder";

import { formatTariffCode, parseTariffCode, TARIFF_LEVELS } from "@tradechain/sdk";
import { codesUnder, prefixesOf } from "./clearance";
import { json } from "./http";
import { alpha2, OFFSET_PAGE, page, param, parsed } from "./params";

/** Most entries one prefix's page lists (every country, every level). */
const MAX_ENTRIES = 200;

async function hsPrefix(c: Context) {
  const prefix = parsed("invalid_hs_code", () => parseTariffCode(param(c, "prefix")));
  const { limit, offset } = page(c);
  const [first, last] = codesUnder(prefix);
  const under = between(product.hsCode, first, last);
  // Shorter prefixes containing this one (its chapter, heading…) and longer ones within it.
  const containing = prefixesOf(first).filter((p) => p.digits < prefix.digits);
  const atOrBelow = TARIFF_LEVELS.filter((digits) => digits >= prefix.digits).map((digits) => {
    const scale = 10 ** (8 - digits);
    const codes = between(tariffListing.code, Math.floor(first / scale), Math.floor(last / scale));
    return and(eq(tariffListing.digits, digits), codes);
  });
  const [rows, totals, entries] = await Promise.all([
    db
      .select()
      .from(product)
      .where(under)
      .orderBy(asc(product.hsCode), asc(product.registeredAt), asc(product.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(product).where(under),
    db
      .select()
      .from(tariffListing)
      .where(
        or(
          ...containing.map((p) =>
            and(eq(tariffListing.digits, p.digits), eq(tariffListing.code, p.code)),
          ),
          ...atOrBelow,
        ),
      )
      .orderBy(asc(tariffListing.jurisdiction), asc(tariffListing.digits), asc(tariffListing.code))
      .limit(MAX_ENTRIES),
  ]);
  return {
    ...prefix,
    codeText: formatTariffCode(prefix.code, prefix.digits),
    total: totals[0]?.n ?? 0,
    limit,
    offset,
    products: rows.map((r) => ({ ...r, hsCodeText: formatTariffCode(r.hsCode) })),
    entries: entries.map((t) => ({
      ...t,
      country: alpha2(t.jurisdiction),
      codeText: formatTariffCode(t.code, t.digits),
    })),
  };
}

export const hsRoutes = new Hono().get("/:prefix", json(hsPrefix, OFFSET_PAGE));
