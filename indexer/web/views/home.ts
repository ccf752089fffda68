/** The home page: what the search box takes, the countries with lists and the tokens. */
import { api } from "../api";
import { h, type Json, link, section, table } from "../dom";
import { country, type Currency, money } from "../format";

export async function homeView(): Promise<HTMLElement> {
  const [countries, tokens] = await Promise.all([api("/api/countries"), api("/api/tokens")]);
  return h(
    "article",
    { class: "home" },
    h("h1", {}, "Look up an order, a product, a participant or a country"),
    h(
      "p",
      {},
      "Paste an order id, a product id, a transaction hash, an address, a GTIN, an HS code and SKU " +
        "(8471.30 BRT-LAPTOP-15), an HS code or prefix (8806, 8471.30), a country (PK, Pakistan) or a " +
        "currency (USD). Only hashes are on chain, so only hashes are shown: documents and identities " +
        "stay with the parties.",
    ),
    section(
      "Countries",
      table(
        [
          "Country",
          "Positive list",
          "Negative list",
          "of which HS prefixes",
          "Customs authorities",
        ],
        (countries.countries as Json[]).map((c) => {
          const prefixes = c.tariffCodes as Json;
          return [
            country(c.country, c.jurisdiction),
            String(c.positive),
            String(c.negative),
            `${String(prefixes.positive)} / ${String(prefixes.negative)}`,
            String((c.customsAuthorities as unknown[]).length),
          ];
        }),
        "countries",
      ),
    ),
    section(
      "Settlement tokens",
      table(
        ["Currency", "Supply", "Holders", "Fees collected"],
        (tokens.tokens as Json[]).map((t) => {
          const cur: Currency = {
            currency: String(t.currency),
            decimals: Number(t.decimals),
            address: String(t.id),
          };
          return [
            link(`/token/${cur.currency}`, cur.currency),
            money(t.totalSupply, cur),
            String(t.holders),
            money(t.feesCollected, cur),
          ];
        }),
      ),
    ),
  );
}
