/**
 * A country: "can this product enter?", its lists (positive, negative or all, paged, counts
 * including HS prefixes), narrowed to an HS prefix on request, the prefixes on them, and its
 * customs authorities.
 */
import { shortHex } from "../../../src/format.js";
import { api, ApiError } from "../api";
import { clearanceLine, expiry, hsLink, outcomeText } from "../customs";
import { badge, h, type Json, link, navigateTo, section, table } from "../dom";
import { account, hash, time } from "../format";

const LIST_PAGE = 25;
const TABS = ["Positive", "Negative", "all"] as const;

/** A country page's address with some of its parameters changed. */
function pathWith(name: string, params: URLSearchParams, change: Record<string, string>): string {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(change)) {
    if (v === "") next.delete(k);
    else next.set(k, v);
  }
  const query = next.toString();
  return `/country/${name}${query === "" ? "" : `?${query}`}`;
}

/** A form of one labelled text field that sends its value to `submit`. */
function oneFieldForm(
  id: string,
  label: string,
  value: string,
  placeholder: string,
  button: string,
  submit: (text: string) => void,
): HTMLElement {
  const input = h("input", {
    id,
    name: id,
    type: "search",
    value,
    placeholder,
    autocomplete: "off",
  });
  const form = h(
    "form",
    { class: "inline-form" },
    h("label", { for: id }, label),
    input,
    h("button", { type: "submit" }, button),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit((input as HTMLInputElement).value.trim());
  });
  return form;
}

/**
 * The answer to "can it enter?" for the text typed: a product (id, GTIN, HS code and SKU) or an
 * 8-digit HS code.
 */
async function entryAnswer(name: string, text: string): Promise<HTMLElement> {
  const ask = (query: string) => api(`/api/countries/${name}/clearance?${query}`);
  let d: Json;
  try {
    d = await ask(`product=${encodeURIComponent(text)}`);
  } catch (err) {
    const bareCode = /^\d{4}\.?\d{2}\.?\d{2}$/.test(text);
    if (!(err instanceof ApiError) || !bareCode) throw err;
    d = await ask(`hs=${encodeURIComponent(text)}`);
  }
  return h(
    "p",
    { class: "answer" },
    h("strong", {}, `${outcomeText(d.outcome)}. `),
    clearanceLine(d),
    d.product === null ? ` (HS ${String(d.hsCodeText)})` : "",
  );
}

export async function countryView(code: string, params: URLSearchParams): Promise<HTMLElement> {
  const status = params.get("status") ?? "Positive";
  const offset = Number(params.get("offset") ?? "0");
  const hs = params.get("hs") ?? "";
  const check = params.get("check") ?? "";
  const query = new URLSearchParams({ status, limit: String(LIST_PAGE), offset: String(offset) });
  if (hs !== "") query.set("hs", hs);
  const c = await api(`/api/countries/${code}?${query.toString()}`);
  const counts = c.counts as Record<string, number>;
  const listings = c.listings as Json[];
  const total = Number(c.total);
  const name = String(c.country ?? c.jurisdiction);
  const tabLabel = (s: string) =>
    s === "all"
      ? `All entries (${counts.Positive + counts.Negative + counts.Unlisted})`
      : `${s} list (${counts[s] ?? 0})`;
  const tabs = h(
    "nav",
    { class: "tabs", "aria-label": "Lists" },
    ...TABS.map((s) => {
      const t = link(pathWith(name, params, { status: s, offset: "" }), tabLabel(s));
      if (s.toLowerCase() === status.toLowerCase()) t.setAttribute("aria-current", "page");
      return t;
    }),
  );
  const pageLink = (to: number, text: string) =>
    link(pathWith(name, params, { offset: to === 0 ? "" : String(to) }), text);
  const pager = h(
    "p",
    { class: "pager" },
    offset > 0 ? pageLink(Math.max(0, offset - LIST_PAGE), "← previous") : "",
    ` ${total === 0 ? 0 : offset + 1}–${Math.min(total, offset + LIST_PAGE)} of ${total} `,
    offset + LIST_PAGE < total ? pageLink(offset + LIST_PAGE, "next →") : "",
  );
  const answer = h("div", { "aria-live": "polite", id: "entry-answer" });
  if (check !== "") {
    entryAnswer(name, check).then(
      (child) => answer.replaceChildren(child),
      (err: unknown) =>
        answer.replaceChildren(
          h("p", { class: "error-text", role: "alert" }, err instanceof Error ? err.message : ""),
        ),
    );
  }
  const authorities = c.customsAuthorities as Json[];
  const prefixes = c.tariffListings as Json[];
  const listName = status === "all" ? "lists" : `${status.toLowerCase()} list`;
  return h(
    "article",
    { class: "country" },
    h("h1", {}, `Country ${name} (ISO ${String(c.jurisdiction)})`),
    section(
      "Can a product enter?",
      oneFieldForm(
        "check",
        "Product id, GTIN, HS code and SKU, or an 8-digit HS code",
        check,
        "8806.22 BRT-QUAD-X1",
        "Check",
        (text) => navigateTo(pathWith(name, params, { check: text })),
      ),
      answer,
      h(
        "p",
        { class: "note" },
        c.customsRequired
          ? `${name} has customs authorities: a product on neither list waits for them at arrival.`
          : `${name} has no customs authority: a product on neither list is cleared when shipped.`,
      ),
    ),
    tabs,
    oneFieldForm("hs", "Only HS prefix", hs, "8806 or 8471.30", "Filter", (text) =>
      navigateTo(pathWith(name, params, { hs: text, offset: "" })),
    ),
    section(
      hs === "" ? "Products by id" : `Products by id under HS ${hs}`,
      table(
        ["Product", "HS code", "Status", "Expires", "Reason hash", "Authority", "Since (UTC)"],
        listings.map((l) => [
          link(`/product/${String(l.productId)}`, shortHex(String(l.productId), 8)),
          l.hsCodeText === null ? "—" : hsLink(String(l.hsCodeText)),
          badge(String(l.status)),
          expiry(l.expiresAt),
          hash(l.reasonHash),
          account(l.authority),
          time(l.updatedAt),
        ]),
        "list",
      ),
      pager,
    ),
    section(
      `HS prefixes on the ${listName}${hs === "" ? "" : ` that concern HS ${hs}`}`,
      prefixes.length === 0
        ? h("p", {}, "None.")
        : table(
            ["HS prefix", "Level", "Status", "Expires", "Reason hash", "Authority"],
            prefixes.map((t) => [
              hsLink(String(t.codeText)),
              `${String(t.digits)} digits`,
              badge(String(t.status)),
              expiry(t.expiresAt),
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
