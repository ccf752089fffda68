/**
 * A country: its positive and negative lists (paged), the HS prefixes on them and its customs
 * authorities.
 */
import { shortHex } from "../../../src/format.js";
import { api } from "../api";
import { badge, h, type Json, link, section, table } from "../dom";
import { account, hash, time } from "../format";

const LIST_PAGE = 25;

export async function countryView(code: string, params: URLSearchParams): Promise<HTMLElement> {
  const status = params.get("status") ?? "Positive";
  const offset = Number(params.get("offset") ?? "0");
  const c = await api(
    `/api/countries/${code}?status=${status}&limit=${LIST_PAGE}&offset=${offset}`,
  );
  const counts = c.counts as Record<string, number>;
  const listings = c.listings as Json[];
  const total = Number(c.total);
  const name = String(c.country ?? c.jurisdiction);
  const tab = (s: string) =>
    link(`/country/${name}?status=${s}`, `${s} list (${counts[s] ?? 0})`, undefined);
  const tabs = h(
    "nav",
    { class: "tabs" },
    ...["Positive", "Negative"].map((s) => {
      const t = tab(s);
      if (s === status) t.setAttribute("aria-current", "page");
      return t;
    }),
  );
  const pager = h(
    "p",
    { class: "pager" },
    offset > 0
      ? link(
          `/country/${name}?status=${status}&offset=${Math.max(0, offset - LIST_PAGE)}`,
          "← previous",
        )
      : "",
    ` ${total === 0 ? 0 : offset + 1}–${Math.min(total, offset + LIST_PAGE)} of ${total} `,
    offset + LIST_PAGE < total
      ? link(`/country/${name}?status=${status}&offset=${offset + LIST_PAGE}`, "next →")
      : "",
  );
  const authorities = c.customsAuthorities as Json[];
  return h(
    "article",
    { class: "country" },
    h("h1", {}, `Country ${name} (ISO ${String(c.jurisdiction)})`),
    tabs,
    table(
      ["Product", "Status", "Expires", "Reason hash", "Authority", "Since (UTC)"],
      listings.map((l) => [
        link(`/product/${String(l.productId)}`, shortHex(String(l.productId), 8)),
        badge(String(l.status)),
        l.expiresAt === "0" ? "never" : time(l.expiresAt),
        hash(l.reasonHash),
        account(l.authority),
        time(l.updatedAt),
      ]),
      "list",
    ),
    pager,
    section(
      `HS prefixes on the ${status.toLowerCase()} list`,
      (c.tariffListings as Json[]).length === 0
        ? h("p", {}, "None.")
        : table(
            ["HS prefix", "Level", "Expires", "Reason hash", "Authority"],
            (c.tariffListings as Json[]).map((t) => [
              String(t.codeText),
              `${String(t.digits)} digits`,
              t.expiresAt === "0" ? "never" : time(t.expiresAt),
              hash(t.reasonHash),
              account(t.authority),
            ]),
            "tariff-list",
          ),
    ),
    section(
      "Customs authorities",
      table(
        ["Authority", "Enabled", "Since (UTC)"],
        authorities.map((a) => [account(a.authority), a.enabled ? "yes" : "no", time(a.updatedAt)]),
      ),
    ),
  );
}
