/**
 * Products: `GET /api/products/:id` (also by GTIN, `/gtin/:gtin`, and by HS code and SKU,
 * `/hs/:hs/:sku`, the SDK's product ids) with its effective clearance in every country, and
 * `GET /api/products?hsCode=` (products classified under an HS code, paged).
 */
import { db } from "ponder:api";
import {
  complaint,
  listing,
  listingChange,
  product,
  productHsCode,
  productVersion,
  tariffListing,
  tradeOrder,
} from "ponder:schema";
import { type Context, Hono } from "hono";
import { and, asc, count, eq, or } from "ponder";

import {
  formatTariffCode,
  hsCodeNumber,
  productIdFromGtin,
  productIdFromHsCode,
} from "@tradechain/sdk";
import { prefixesOf } from "./clearance";
import { clearancesOf, customsCountries } from "./customs";
import { badRequest, json, notFound } from "./http";
import { alpha2, bytes32, type Hex, idFrom, OFFSET_PAGE, page, param, parsed } from "./params";

/** A product with its HS codes, versions, list entries (by id and by tariff prefix), complaints. */
export async function productById(id: Hex) {
  const [rows, versions, listings, changes, complaints, orders, hsCodes] = await Promise.all([
    db.select().from(product).where(eq(product.id, id)).limit(1),
    db
      .select()
      .from(productVersion)
      .where(eq(productVersion.productId, id))
      .orderBy(asc(productVersion.version)),
    db.select().from(listing).where(eq(listing.productId, id)).orderBy(asc(listing.jurisdiction)),
    db
      .select()
      .from(listingChange)
      .where(eq(listingChange.productId, id))
      .orderBy(asc(listingChange.blockNumber), asc(listingChange.logIndex)),
    db
      .select()
      .from(complaint)
      .where(eq(complaint.productId, id))
      .orderBy(asc(complaint.blockNumber)),
    db.select({ n: count() }).from(tradeOrder).where(eq(tradeOrder.productId, id)),
    db
      .select()
      .from(productHsCode)
      .where(eq(productHsCode.productId, id))
      .orderBy(asc(productHsCode.version)),
  ]);
  const row = rows[0];
  if (row === undefined) throw notFound("product_not_found", `no product ${id} is registered`);
  // The entries for the HS prefixes the product falls under, in every country, and the
  // product's effective clearance in every country that lists anything or has customs.
  const prefixes = prefixesOf(row.hsCode);
  const [tariffs, clearance] = await Promise.all([
    db
      .select()
      .from(tariffListing)
      .where(
        or(
          ...prefixes.map((p) =>
            and(eq(tariffListing.digits, p.digits), eq(tariffListing.code, p.code)),
          ),
        ),
      )
      .orderBy(asc(tariffListing.jurisdiction), asc(tariffListing.digits)),
    customsCountries().then((countries) => clearancesOf(row, countries)),
  ]);
  return {
    ...row,
    hsCodeText: formatTariffCode(row.hsCode),
    /** Effective clearance in every country that lists anything or has customs authorities. */
    clearance,
    tariffListings: tariffs.map((t) => ({
      ...t,
      country: alpha2(t.jurisdiction),
      codeText: formatTariffCode(t.code, t.digits),
    })),
    hsCodes: hsCodes.map((h) => ({ ...h, hsCodeText: formatTariffCode(h.hsCode) })),
    versions,
    listings: listings.map((l) => ({ ...l, country: alpha2(l.jurisdiction) })),
    listingHistory: changes.map((l) => ({ ...l, country: alpha2(l.jurisdiction) })),
    complaints,
    orderCount: orders[0]?.n ?? 0,
  };
}

/** `?hsCode=`: the products classified under one 8-digit HS code, paged. */
async function productsByHsCode(c: Context) {
  const text = c.req.query("hsCode");
  if (text === undefined)
    throw badRequest(
      "missing_parameter",
      "give ?hsCode= (8 digits, e.g. 8471.30.00) to list products",
      "hsCode",
    );
  const hsCode = parsed("invalid_hs_code", () => hsCodeNumber(text), "hsCode");
  const { limit, offset } = page(c);
  const where = eq(product.hsCode, hsCode);
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(product)
      .where(where)
      .orderBy(asc(product.registeredAt), asc(product.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(product).where(where),
  ]);
  return {
    hsCode,
    hsCodeText: formatTariffCode(hsCode),
    total: total[0]?.n ?? 0,
    limit,
    offset,
    products: rows,
  };
}

const byId = (c: Context) => productById(bytes32(param(c, "id"), "product id"));
const byGtin = (c: Context) =>
  productById(idFrom(() => productIdFromGtin(param(c, "gtin")), "invalid_gtin"));
const byHsCodeAndSku = (c: Context) =>
  productById(idFrom(() => productIdFromHsCode(param(c, "hs"), param(c, "sku"))));

export const productRoutes = new Hono()
  .get("/", json(productsByHsCode, ["hsCode", ...OFFSET_PAGE]))
  .get("/:id", json(byId))
  .get("/gtin/:gtin", json(byGtin))
  .get("/hs/:hs/:sku", json(byHsCodeAndSku));
