/**
 * How the page states a clearance: "Negative in PK by HS 8806", what an order can expect, and
 * when an entry expires.
 */
import { badge, type Child, h, type Json, link } from "./dom";
import { time } from "./format";

/** The deciding entry, in words: "by HS 8806", "by its own entry", "no entry". */
export function decidedBy(d: Json): Child {
  if (d.source === "Tariff") return h("span", {}, "by HS ", hsLink(String(d.codeText)));
  if (d.source === "Product") return "by the product's own entry";
  return "no entry";
}

/** A clearance as one line: "Negative in PK by HS 8806". */
export function clearanceLine(d: Json): HTMLElement {
  const where = String(d.country ?? d.jurisdiction);
  if (d.source === "None")
    return h("span", {}, badge(String(d.status)), ` in ${where}: on no list`);
  return h("span", {}, badge(String(d.status)), ` in ${where} `, decidedBy(d));
}

const OUTCOMES: Readonly<Record<string, string>> = {
  refused: "No: orders to it are refused",
  "cleared-on-shipment": "Yes: cleared when shipped",
  "customs-clearance": "Yes, once customs clear the shipment",
};

/** What an order to the country can expect. */
export const outcomeText = (outcome: unknown): string =>
  OUTCOMES[String(outcome)] ?? String(outcome);

/** An entry's expiry: "never", or its time. */
export const expiry = (expiresAt: unknown): Child =>
  expiresAt === "0" || expiresAt === null || expiresAt === undefined ? "never" : time(expiresAt);

/** A link to an HS prefix's page. */
export const hsLink = (codeText: string): HTMLElement => link(`/hs/${codeText}`, codeText);
