/**
 * How the page states a clearance, in the reader's language: "Negative in PK by HS 8806", what an
 * order can expect, and when an entry expires.
 */
import { type Child, type Json, link, table } from "./dom";
import { account, badge, country, data, hash, time } from "./format";
import { has, t, tn } from "./i18n";

/** A link to an HS prefix's page (the code is data). */
export const hsLink = (codeText: string): HTMLElement => {
  const a = link(`/hs/${codeText}`, codeText);
  a.setAttribute("translate", "no");
  return a;
};

/** The deciding entry, in words: "by HS 8806", "by the product's own entry", "no entry". */
export function decidedBy(d: Json): Child {
  if (d.source === "Tariff") return tn("clearance.byPrefix", { code: hsLink(String(d.codeText)) });
  if (d.source === "Product") return t("clearance.byProduct");
  return t("clearance.byNone");
}

/** A clearance as one line: "Negative in PK by HS 8806". */
export function clearanceLine(d: Json): HTMLElement {
  const where = data(String(d.country ?? d.jurisdiction));
  const status = badge(String(d.status));
  if (d.source === "None") return tn("clearance.lineNone", { status, country: where });
  return tn("clearance.line", { status, country: where, by: decidedBy(d) });
}

/** The HS code a country applies: the declared one, or its binding (or a held code), marked. */
export function appliedCode(d: Json): Child {
  const code = hsLink(String(d.hsCodeText));
  const binding = (d.binding ?? null) as Json | null;
  if (binding === null) return code;
  return tn(binding.held === true ? "product.codeHeld" : "product.codeBound", { code });
}

/** What an order to the country can expect. */
export function outcomeText(outcome: unknown): string {
  const key = `outcome.${String(outcome)}`;
  return has(key) ? t(key) : String(outcome);
}

/** An entry's expiry: "never", or its time. */
export const expiry = (expiresAt: unknown): Child =>
  expiresAt === "0" || expiresAt === null || expiresAt === undefined ? t("never") : time(expiresAt);

/** A level of the HS nomenclature, by its number of digits. */
export function levelText(digits: unknown): string {
  const key = `hs.level.${String(digits)}`;
  return has(key) ? t(key) : String(digits);
}

/** Countries' entries for HS prefixes: who lists which prefix, how, until when, on whose word. */
export function prefixEntriesTable(entries: readonly Json[], cls: string): HTMLElement {
  return table(
    [
      t("col.country"),
      t("col.hsPrefix"),
      t("col.status"),
      t("col.expires"),
      t("col.reasonHash"),
      t("col.authority"),
    ],
    entries.map((e) => [
      country(e.country, e.jurisdiction),
      hsLink(String(e.codeText)),
      badge(String(e.status)),
      expiry(e.expiresAt),
      hash(e.reasonHash),
      account(e.authority),
    ]),
    cls,
  );
}
