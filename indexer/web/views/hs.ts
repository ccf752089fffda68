/**
 * An HS prefix (chapter, heading, subheading or national line): the products registered under
 * it and every country's list entries that concern them.
 */
import { shortHex } from "../../../src/format.js";
import { api } from "../api";
import { expiry, hsLink } from "../customs";
import { badge, h, type Json, link, section, table } from "../dom";
import { account, country, hash, time } from "../format";

const LEVELS: Readonly<Record<number, string>> = {
  2: "chapter",
  4: "heading",
  6: "subheading",
  8: "national tariff line",
};

export async function hsView(prefix: string, params: URLSearchParams): Promise<HTMLElement> {
  const offset = Number(params.get("offset") ?? "0");
  const p = await api(`/api/hs/${encodeURIComponent(prefix)}?offset=${offset}`);
  const products = p.products as Json[];
  const entries = p.entries as Json[];
  return h(
    "article",
    { class: "hs" },
    h("h1", {}, `HS ${String(p.codeText)} (${LEVELS[Number(p.digits)] ?? ""})`),
    section(
      "What countries say about it",
      entries.length === 0
        ? h("p", {}, "No country lists this HS code, a code containing it, or one within it.")
        : table(
            ["Country", "HS prefix", "Status", "Expires", "Reason hash", "Authority"],
            entries.map((e) => [
              country(e.country, e.jurisdiction),
              hsLink(String(e.codeText)),
              badge(String(e.status)),
              expiry(e.expiresAt),
              hash(e.reasonHash),
              account(e.authority),
            ]),
            "entries",
          ),
    ),
    section(
      `Products registered under it (${String(p.total)})`,
      table(
        ["Product", "HS code", "Owner", "Registered (UTC)"],
        products.map((r) => [
          link(`/product/${String(r.id)}`, shortHex(String(r.id), 8)),
          hsLink(String(r.hsCodeText)),
          account(r.owner),
          time(r.registeredAt),
        ]),
        "products",
      ),
    ),
  );
}
