/**
 * The home page: what the search box takes, the recent orders and activity (steps worded by the
 * SDK's catalogue in the reader's language), the countries with lists and the tokens.
 */
import { shortHex } from "@tradechain/sdk";
import { api } from "../api";
import { type Child, h, type Json, link, section, table } from "../dom";
import { account, badge, country, type Currency, money, time } from "../format";
import { number, t } from "../i18n";
import { stepOf, termsOf } from "../steps";
import { tradeCharts } from "./chart-views";

/** Recent orders and activity shown on the home page. */
const RECENT = 8;

const orderLink = (id: unknown) => {
  const a = link(`/order/${String(id)}`, shortHex(String(id), 6));
  a.setAttribute("translate", "no");
  return a;
};

/** One order event as a step, worded with its order's terms in the reader's language. */
function activityRow(e: Json): Child[] {
  const step = stepOf(
    e,
    termsOf(e.terms as Json),
    e.currency as Currency | null,
    e.destinationCountry,
  );
  return [time(e.timestamp), step.step, orderLink(e.orderId), step.detail];
}

export async function homeView(): Promise<HTMLElement> {
  const [countries, tokens, recent, activity, charts] = await Promise.all([
    api("/api/countries"),
    api("/api/tokens"),
    api(`/api/orders?limit=${RECENT}`),
    api(`/api/activity?limit=${RECENT}`),
    tradeCharts(),
  ]);
  const orders = recent.orders as Json[];
  return h(
    "article",
    { class: "home" },
    h("h1", {}, t("home.title")),
    h("p", {}, t("home.intro")),
    section(
      t("home.recentOrders"),
      orders.length === 0
        ? h("p", {}, t("home.noOrders"))
        : table(
            [
              t("col.order"),
              t("col.status"),
              t("col.amount"),
              t("role.Seller"),
              t("order.destination"),
              t("col.created"),
            ],
            orders.map((o) => [
              orderLink(o.id),
              badge(String(o.status)),
              money(o.amount, o.currency as Currency),
              account(o.seller),
              country(o.destinationCountry, o.destination),
              time(o.createdAt),
            ]),
            "recent-orders",
          ),
    ),
    charts,
    section(
      t("home.activity"),
      table(
        [t("col.time"), t("col.step"), t("col.order"), t("order.details")],
        (activity.events as Json[]).map(activityRow),
        "activity",
      ),
    ),
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
