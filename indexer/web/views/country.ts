/**
 * A country: "can this product enter?", its lists (positive, negative or all, paged, counts
 * including HS prefixes), narrowed to an HS prefix on request, the prefixes on them, and its
 * customs authorities.
 */
import { shortHex } from "@tradechain/sdk";
import { api, ApiError } from "../api";
import { appliedCode, clearanceLine, expiry, hsLink, outcomeText } from "../customs";
import { h, type Json, link, navigateTo, section, table } from "../dom";
import { account, badge, data, hash, time, yesNo } from "../format";
import { number, t, tn } from "../i18n";
import { countryTradeChart } from "./chart-views";

const LIST_PAGE = 25;
const TABS = ["Positive", "Negative", "all"] as const;

/** A link to a product's page (its id is data). */
function productLink(id: string): HTMLElement {
  const a = link(`/product/${id}`, shortHex(id, 8));
  a.setAttribute("translate", "no");
  return a;
}

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
    tn("country.answer", {
      outcome: h("strong", {}, outcomeText(d.outcome)),
      line: clearanceLine(d),
    }),
    d.product === null
      ? tn("country.answerHs", { code: data(String(d.hsCodeText)) })
      : h("span", {}, " ", tn("country.answerCode", { code: appliedCode(d) })),
  );
}

export async function countryView(code: string, params: URLSearchParams): Promise<HTMLElement> {
  const status = params.get("status") ?? "Positive";
  const offset = Number(params.get("offset") ?? "0");
  const hs = params.get("hs") ?? "";
  const check = params.get("check") ?? "";
  const query = new URLSearchParams({ status, limit: String(LIST_PAGE), offset: String(offset) });
  if (hs !== "") query.set("hs", hs);
  const [c, trade] = await Promise.all([
    api(`/api/countries/${code}?${query.toString()}`),
    countryTradeChart(code),
  ]);
  const counts = c.counts as Record<string, number>;
  const listings = c.listings as Json[];
  const total = Number(c.total);
  const name = String(c.country ?? c.jurisdiction);
  const tabLabel = (s: (typeof TABS)[number]) =>
    t(`country.tab.${s}`, {
      count: number(s === "all" ? counts.Positive + counts.Negative + counts.Unlisted : counts[s]),
    });
  const tabs = h(
    "nav",
    { class: "tabs", "aria-label": t("country.lists") },
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
    offset > 0 ? pageLink(Math.max(0, offset - LIST_PAGE), t("pager.previous")) : "",
    " ",
    total === 0
      ? t("pager.empty")
      : t("pager.range", {
          from: number(offset + 1),
          to: number(Math.min(total, offset + LIST_PAGE)),
          total: number(total),
        }),
    " ",
    offset + LIST_PAGE < total ? pageLink(offset + LIST_PAGE, t("pager.next")) : "",
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
  const prefixTitle = t(
    status === "all" || status === "Positive" || status === "Negative" || status === "Unlisted"
      ? `country.prefixes.${status}`
      : "country.prefixes.all",
  );
  return h(
    "article",
    { class: "country" },
    h("h1", {}, tn("country.title", { name: data(name), code: data(String(c.jurisdiction)) })),
    section(
      t("country.canEnter"),
      oneFieldForm(
        "check",
        t("country.checkLabel"),
        check,
        "8806.22 BRT-QUAD-X1",
        t("country.checkButton"),
        (text) => navigateTo(pathWith(name, params, { check: text })),
      ),
      answer,
      h(
        "p",
        { class: "note" },
        tn(c.customsRequired ? "country.customsRequired" : "country.noCustoms", {
          name: data(name),
        }),
      ),
    ),
    tabs,
    oneFieldForm("hs", t("country.hsLabel"), hs, "8806, 8471.30", t("country.hsButton"), (text) =>
      navigateTo(pathWith(name, params, { hs: text, offset: "" })),
    ),
    section(
      hs === "" ? t("country.products") : tn("country.productsUnder", { hs: data(hs) }),
      table(
        [
          t("col.product"),
          t("col.hsCode"),
          t("col.status"),
          t("col.expires"),
          t("col.reasonHash"),
          t("col.authority"),
          t("col.since"),
        ],
        listings.map((l) => [
          productLink(String(l.productId)),
          l.hsCodeText === null ? "—" : appliedCode(l),
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
      hs === "" ? prefixTitle : tn("country.prefixesUnder", { title: prefixTitle, hs: data(hs) }),
      prefixes.length === 0
        ? h("p", {}, t("none"))
        : table(
            [
              t("col.hsPrefix"),
              t("col.level"),
              t("col.status"),
              t("col.expires"),
              t("col.reasonHash"),
              t("col.authority"),
            ],
            prefixes.map((e) => [
              hsLink(String(e.codeText)),
              t("level.digits", { digits: number(Number(e.digits)) }),
              badge(String(e.status)),
              expiry(e.expiresAt),
              hash(e.reasonHash),
              account(e.authority),
            ]),
            "tariff-list",
          ),
    ),
    trade,
    section(
      t("country.authorities"),
      table(
        [t("col.authority"), t("col.enabled"), t("col.since")],
        authorities.map((a) => [account(a.authority), yesNo(a.enabled), time(a.updatedAt)]),
      ),
    ),
  );
}
