/**
 * An HS prefix (chapter, heading, subheading or national line): the products registered under
 * it and every country's list entries that concern them.
 */
import { shortHex } from "@tradechain/sdk";
import { api } from "../api";
import { hsLink, levelText, prefixEntriesTable } from "../customs";
import { h, type Json, link, section, table } from "../dom";
import { account, data, time } from "../format";
import { number, t, tn } from "../i18n";

export async function hsView(prefix: string, params: URLSearchParams): Promise<HTMLElement> {
  const offset = Number(params.get("offset") ?? "0");
  const p = await api(`/api/hs/${encodeURIComponent(prefix)}?offset=${offset}`);
  const products = p.products as Json[];
  const entries = p.entries as Json[];
  return h(
    "article",
    { class: "hs" },
    h("h1", {}, tn("hs.title", { code: data(String(p.codeText)), level: levelText(p.digits) })),
    section(
      t("hs.entries"),
      entries.length === 0 ? h("p", {}, t("hs.noEntries")) : prefixEntriesTable(entries, "entries"),
    ),
    section(
      t("hs.products", { count: number(Number(p.total)) }),
      table(
        [t("col.product"), t("col.hsCode"), t("col.owner"), t("hs.registered")],
        products.map((r) => {
          const id = link(`/product/${String(r.id)}`, shortHex(String(r.id), 8));
          id.setAttribute("translate", "no");
          return [id, hsLink(String(r.hsCodeText)), account(r.owner), time(r.registeredAt)];
        }),
        "products",
      ),
    ),
  );
}
