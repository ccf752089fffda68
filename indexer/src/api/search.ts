/**
 * `GET /api/search?q=`: what the search box's text names, and the page that shows it. A
 * well-formed key that nothing indexed has is a 404; text that is no key is a 400 that says what
 * the box accepts.
 */
import { db } from "ponder:api";
import { orderEvent, product, token, tradeOrder } from "ponder:schema";
import { Hono } from "hono";
import { eq } from "ponder";

import {
  countryCode,
  formatTariffCode,
  parseTariffCode,
  productIdFromGtin,
  productIdFromHsCode,
} from "@tradechain/sdk";
import { countryByName } from "./country-names";
import { badRequest, json, notFound } from "./http";
import {
  ADDRESS,
  alpha2,
  BYTES32,
  type Hex,
  HS_AND_SKU,
  idFrom,
  jurisdiction,
  parsed,
} from "./params";
import { participantByAddress } from "./participants";
import { productById } from "./products";

/** What a search found: the kind of thing and the page that shows it. */
interface Found {
  readonly kind: "order" | "product" | "participant" | "country" | "transaction" | "token" | "hs";
  readonly id: string;
  readonly path: string;
}

/** A country's page. */
function country(code: number): Found {
  const name = alpha2(code) ?? String(code);
  return { kind: "country", id: name, path: `/country/${name}` };
}

/** An HS prefix's page (400 naming the problem when the digits are no prefix). */
function hsPrefix(text: string): Found {
  const { code, digits } = parsed("invalid_hs_code", () => parseTariffCode(text));
  const codeText = formatTariffCode(code, digits);
  return { kind: "hs", id: codeText, path: `/hs/${codeText}` };
}

/** Whether the digits are a valid GTIN of a registered product. */
async function isRegisteredGtin(text: string): Promise<boolean> {
  let id: Hex;
  try {
    id = productIdFromGtin(text).toLowerCase() as Hex;
  } catch {
    return false;
  }
  const rows = await db.select({ id: product.id }).from(product).where(eq(product.id, id)).limit(1);
  return rows.length > 0;
}

/**
 * What the query names, tried in order: 32-byte ids, addresses, HS prefixes written "HS …", GTINs,
 * HS code + SKU, HS prefixes, countries by code, currencies, countries by name.
 */
async function search(q: string): Promise<Found> {
  const text = q.trim();
  if (text === "")
    throw badRequest(
      "empty_query",
      "search needs a query: an order id, product id, address, GTIN, HS code + SKU, HS code, country or tx hash",
      "q",
    );
  if (BYTES32.test(text)) {
    const id = text.toLowerCase() as Hex;
    const [o, p, t] = await Promise.all([
      db.select({ id: tradeOrder.id }).from(tradeOrder).where(eq(tradeOrder.id, id)).limit(1),
      db.select({ id: product.id }).from(product).where(eq(product.id, id)).limit(1),
      db
        .select({ orderId: orderEvent.orderId })
        .from(orderEvent)
        .where(eq(orderEvent.txHash, id))
        .limit(1),
    ]);
    if (o[0] !== undefined) return { kind: "order", id, path: `/order/${id}` };
    if (p[0] !== undefined) return { kind: "product", id, path: `/product/${id}` };
    if (t[0] !== undefined)
      return { kind: "transaction", id: t[0].orderId, path: `/order/${t[0].orderId}` };
    throw notFound(
      "not_found",
      `nothing indexed has id ${id} (no order, product or order transaction)`,
    );
  }
  if (ADDRESS.test(text)) {
    const account = text.toLowerCase() as Hex;
    const t = await db.select({ id: token.id }).from(token).where(eq(token.id, account)).limit(1);
    if (t[0] !== undefined) return { kind: "token", id: account, path: `/token/${account}` };
    await participantByAddress(account); // 404 when nothing is known about it
    return { kind: "participant", id: account, path: `/participant/${account}` };
  }
  const explicitHs = /^HS[:\s]*(\d[\d.]*)$/i.exec(text);
  if (explicitHs !== null) return hsPrefix(explicitHs[1]);
  if (/^\d{8,14}$/.test(text)) {
    // Eight digits are a GTIN-8 or an HS national line: a registered GTIN wins.
    if (text.length === 8 && !(await isRegisteredGtin(text))) return hsPrefix(text);
    const id = idFrom(() => productIdFromGtin(text), "invalid_gtin");
    await productById(id);
    return { kind: "product", id, path: `/product/${id}` };
  }
  const hs = HS_AND_SKU.exec(text);
  if (hs !== null) {
    const id = idFrom(() => productIdFromHsCode(hs[1], hs[2]));
    await productById(id);
    return { kind: "product", id, path: `/product/${id}` };
  }
  // Headings (8806), subheadings (847130) and dotted codes (8471.30, 61.): two plain digits are
  // a country's numeric code, so a chapter is written "HS 61".
  if (/^\d{4}$|^\d{6}$|^\d+\.[\d.]*$/.test(text)) return hsPrefix(text.replace(/\.$/, ""));
  if (/^[A-Za-z]{2}$/.test(text) || /^\d{1,3}$/.test(text)) return country(jurisdiction(text));
  if (/^[A-Za-z]{3}$/.test(text)) {
    const t = await db
      .select({ id: token.id })
      .from(token)
      .where(eq(token.currency, text.toUpperCase()))
      .limit(1);
    if (t[0] !== undefined)
      return { kind: "token", id: t[0].id, path: `/token/${text.toUpperCase()}` };
  }
  const named = countryByName(text);
  if (named !== undefined) return country(countryCode(named));
  throw badRequest(
    "unrecognised_query",
    `cannot tell what "${text}" is: paste an order id, product id or tx hash (0x + 64 hex), an address, ` +
      `a GTIN, an HS code and SKU ("8471.30 BRT-LAPTOP-15"), an HS code or prefix (8806, 8471.30), ` +
      `a country (PK, 586, Pakistan) or a currency (USD)`,
    "q",
  );
}

export const searchRoutes = new Hono().get(
  "/",
  json((c) => search(c.req.query("q") ?? ""), ["q"]),
);
