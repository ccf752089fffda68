/** The home page: what the search box takes, the countries with lists and the tokens. */
import { api } from "../api";
import { h, type Json, link, section, table } from "../dom";
import { country, type Currency, money } from "../format";
import { number, t } from "../i18n";

export async function homeView(): Promise<HTMLElement> {
  const [countries, tokens] = await Promise.all([api("/api/countries"), api("/api/tokens")]);
  return h(
    "article",
    { class: "home" },
    h("h1", {}, t("home.title")),
    h("p", {}, t("home.intro")),
    section(
      t("home.countries"),
      table(
        [
          t("col.country"),
          t("home.positive"),
          t("home.negative"),
          t("home.prefixes"),
          t("home.authorities"),
        ],
        (countries.countries as Json[]).map((c) => {
          const prefixes = c.tariffCodes as Json;
          return [
            country(c.country, c.jurisdiction),
            number(Number(c.positive)),
            number(Number(c.negative)),
            t("token.pair", {
              first: number(Number(prefixes.positive)),
              second: number(Number(prefixes.negative)),
            }),
            number((c.customsAuthorities as unknown[]).length),
          ];
        }),
        "countries",
      ),
    ),
    section(
      t("home.tokens"),
      table(
        [t("col.currency"), t("home.supply"), t("home.holders"), t("home.feesCollected")],
        (tokens.tokens as Json[]).map((tk) => {
          const cur: Currency = {
            currency: String(tk.currency),
            decimals: Number(tk.decimals),
            address: String(tk.id),
          };
          const code = link(`/token/${cur.currency}`, cur.currency);
          code.setAttribute("translate", "no");
          return [
            code,
            money(tk.totalSupply, cur),
            number(Number(tk.holders)),
            money(tk.feesCollected, cur),
          ];
        }),
      ),
    ),
  );
}
