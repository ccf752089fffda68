/**
 * Products: `GET /api/products/:id` (also by GTIN, `/gtin/:gtin`, and by HS code and SKU,
 * `/hs/:hs/:sku`, the SDK's product ids) with its effective clearance in every country, and
 * `GET /api/products?hsCode=` (products classified under an HS code, paged).
 */
import { db } from "ponder:api";
import {
  classification,
  classificationChange,
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
import { and, asc, count, eq, or, sql } from "ponder";

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
import { currencyOf, tokensByAddress } from "./tokens";

/**
 * What a count of complaints cannot prove, said wherever counts are shown: a complaint is a
 * buyer's word with a hash of evidence kept off chain, not a finding.
 */
export const COMPLAINT_NOTE =
  "A complaint count alone proves little: each complaint is one buyer's word with a hash of " +
  "evidence kept off chain, not a finding; small orders make complaints cheap, so weigh each by " +
  "its order's amount and the fee paid; and only complaints from the owner's own sales count on " +
  "the product, another seller's are its own record.";

/** A product with its HS codes, versions, list entries (by id and by tariff prefix), complaints. */
export async function productById(id: Hex) {
  const [rows, versions, listings, changes, complaints, orders, hsCodes, bindings, bySeller] =
    await Promise.all([
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
      db
        .select()
        .from(classification)
        .where(eq(classification.productId, id))
        .orderBy(asc(classification.jurisdiction)),
      db
        .select({
          seller: complaint.seller,
          ownSale: complaint.ownSale,
          complaints: count(),
          last: sql<string>`max(${complaint.blockNumber})`,
        })
        .from(complaint)
        .where(eq(complaint.productId, id))
        .groupBy(complaint.seller, complaint.ownSale),
    ]);
  const row = rows[0];
  if (row === undefined) throw notFound("product_not_found", `no product ${id} is registered`);
  // The entries for the HS prefixes the product falls under, in every country, and the
  // product's effective clearance in every country that lists anything or has customs.
  // A country's binding puts the product under another code there: its prefixes concern it too.
  const codes = new Set([
    row.hsCode,
    ...bindings.filter((b) => b.hsCode !== 0).map((b) => b.hsCode),
  ]);
  const prefixes = [...codes].flatMap(prefixesOf);
  const [tariffs, clearance, classificationHistory, tokens] = await Promise.all([
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
    db
      .select()
      .from(classificationChange)
      .where(eq(classificationChange.productId, id))
      .orderBy(asc(classificationChange.blockNumber), asc(classificationChange.logIndex)),
    tokensByAddress(complaints.flatMap((c) => (c.token === null ? [] : [c.token]))),
  ]);
  const codeText = (code: number | null) =>
    code === null || code === 0 ? null : formatTariffCode(code);
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
    /** Countries' bindings (and codes held by a re-classification) that override the declared code there. */
    classifications: bindings.map((b) => ({
      ...b,
      country: alpha2(b.jurisdiction),
      hsCodeText: codeText(b.hsCode),
      declaredHsCodeText: codeText(b.declaredHsCode),
    })),
    classificationHistory: classificationHistory.map((c) => ({
      ...c,
      country: alpha2(c.jurisdiction),
      previousHsCodeText: codeText(c.previousHsCode),
      hsCodeText: codeText(c.hsCode),
      declaredHsCodeText: codeText(c.declaredHsCode),
    })),
    /**
     * Complaints per seller: the owner's own sales (`ownSale`, the product's `complaintCount`)
     * and every other seller's, kept apart (the registry's `complaintsOf(productId, seller)`).
     */
    complaintsBySeller: bySeller
      .map((s) => ({ ...s, last: BigInt(s.last) }))
      .sort((a, b) => Number(b.ownSale) - Number(a.ownSale) || b.complaints - a.complaints),
    complaints: complaints.map((c) => ({
      ...c,
      currency: c.token === null ? null : currencyOf(tokens.get(c.token.toLowerCase())),
    })),
    complaintNote: COMPLAINT_NOTE,
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
