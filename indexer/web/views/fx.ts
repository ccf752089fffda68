/**
 * Cross-currency orders (docs/fx.md): an order's two legs (the pay leg in the buyer's currency, the
 * payout leg in the seller's, the provider that funded it, the quoted rate and every money step's
 * parts in both currencies), and an FX provider's page (`/provider/:address`): its exposure per
 * currency pair (open payout legs, cap, feed, orders) and the orders it funded.
 */
import { shortHex } from "@tradechain/sdk";
import { api } from "../api";
import { type Child, facts, h, type Json, link, section, table } from "../dom";
import {
  badge,
  country,
  type Currency,
  data,
  money,
  roleNames,
  time,
  txLink,
  yesNo,
} from "../format";
import { bpsText, durationText, language, number, t, tn } from "../i18n";

/** A link to an FX provider's page. */
export function providerLink(address: unknown): Child {
  if (typeof address !== "string") return "—";
  const a = link(`/provider/${address}`, shortHex(address, 8), address);
  a.setAttribute("translate", "no");
  return a;
}

/** Payout units per pay unit, to four decimals, as the reader writes numbers. */
function rateText(pay: Json, payout: Json): string {
  const payCurrency = pay.currency as Currency | null;
  const payoutCurrency = payout.currency as Currency | null;
  if (payCurrency === null || payoutCurrency === null) return "—";
  const scaled =
    (BigInt(String(payout.amount)) * 10n ** BigInt(payCurrency.decimals) * 10_000n) /
    (BigInt(String(pay.amount)) * 10n ** BigInt(payoutCurrency.decimals));
  return t("fx.rate", {
    pay: payCurrency.currency,
    rate: new Intl.NumberFormat(language(), { minimumFractionDigits: 4 }).format(
      Number(scaled) / 10_000,
    ),
    payout: payoutCurrency.currency,
  });
}

/**
 * A cross-currency order's legs and split steps; nothing for another order. `stepNames`: the
 * timeline's step names by event name (what each split followed).
 */
export function fxLegsPanel(o: Json, stepNames: ReadonlyMap<string, string>): Child {
  const fx = o.fx as Json | null;
  if (fx === null || fx === undefined) return null;
  const pay = fx.payLeg as Json;
  const payout = fx.payoutLeg as Json;
  const payCurrency = pay.currency as Currency | null;
  const payoutCurrency = payout.currency as Currency | null;
  const splits = fx.splits as Json[];
  return section(
    t("fx.legs"),
    facts([
      [t("fx.provider"), providerLink(fx.provider)],
      [t("fx.rateLabel"), rateText(pay, payout)],
    ]),
    table(
      [
        t("fx.col.leg"),
        t("col.amount"),
        t("fx.col.held"),
        t("fx.col.toBuyer"),
        t("fx.col.toSeller"),
        t("col.fee"),
        t("fx.col.toProvider"),
      ],
      [
        [
          t("fx.payLeg"),
          money(pay.amount, payCurrency),
          money(pay.held, payCurrency),
          money(pay.toBuyer, payCurrency),
          "—",
          "—",
          money(pay.toProvider, payCurrency),
        ],
        [
          t("fx.payoutLeg"),
          money(payout.amount, payoutCurrency),
          money(payout.held, payoutCurrency),
          "—",
          money(payout.toSeller, payoutCurrency),
          money(payout.fee, payoutCurrency),
          money(payout.toProvider, payoutCurrency),
        ],
      ],
      "fx-legs",
    ),
    h("h3", {}, t("fx.splits", { count: splits.length })),
    splits.length === 0
      ? h("p", {}, t("fx.noSplits"))
      : table(
          [
            t("col.time"),
            t("col.step"),
            t("fx.col.toBuyer"),
            t("fx.col.providerPay"),
            t("fx.col.toSeller"),
            t("col.fee"),
            t("fx.col.providerPayout"),
            t("col.transaction"),
          ],
          splits.map((s) => [
            time(s.timestamp),
            s.step === null ? "—" : (stepNames.get(String(s.step)) ?? String(s.step)),
            money(s.toBuyer, payCurrency),
            money(s.toProviderInPay, payCurrency),
            money(s.toSeller, payoutCurrency),
            money(s.fee, payoutCurrency),
            money(s.toProviderInPayout, payoutCurrency),
            txLink(String(s.txHash)),
          ]),
          "fx-splits",
        ),
  );
}

/** A pair as its currency codes ("USD → CNY"). */
function pairText(l: Json): Child {
  const code = (c: unknown) => ((c as Currency | null)?.currency ?? "?") as string;
  return data(`${code(l.payCurrency)} → ${code(l.payoutCurrency)}`, { translate: "no" });
}

export async function providerView(address: string): Promise<HTMLElement> {
  const p = await api(`/api/providers/${address}`);
  const lines = p.lines as Json[];
  const orders = p.orders as Json[];
  return h(
    "article",
    { class: "provider" },
    h(
      "h1",
      {},
      tn("provider.title", {
        address: h("code", { class: "hash", translate: "no" }, String(p.address)),
      }),
      p.suspended ? badge("Suspended") : "",
    ),
    facts([
      [t("participant.registered"), yesNo(p.registered)],
      [t("participant.roles"), roleNames(Number(p.roles))],
      [t("participant.jurisdiction"), country(p.country)],
      [
        t("provider.participant"),
        link(`/participant/${String(p.address)}`, shortHex(String(p.address), 8)),
      ],
    ]),
    section(
      t("provider.exposure"),
      lines.length === 0
        ? h("p", {}, t("provider.noLines"))
        : table(
            [
              t("provider.col.pair"),
              t("provider.col.open"),
              t("provider.col.cap"),
              t("provider.col.headroom"),
              t("provider.col.openOrders"),
              t("provider.col.orders"),
              t("provider.col.feed"),
            ],
            lines.map((l) => {
              const payout = l.payoutCurrency as Currency | null;
              const feed = l.feed as Json | null;
              return [
                pairText(l),
                money(l.open, payout),
                money(l.cap, payout),
                money(l.headroom, payout),
                number(Number(l.openOrders)),
                number(Number(l.orders)),
                feed === null
                  ? t("provider.noFeed")
                  : tn("provider.feed", {
                      feed: h(
                        "code",
                        { class: "hash", translate: "no" },
                        shortHex(String(feed.feed)),
                      ),
                      age: durationText(Number(feed.maxAge)),
                      deviation: bpsText(Number(feed.maxDeviationBps)),
                    }),
              ];
            }),
            "fx-exposure",
          ),
    ),
    section(
      t("provider.orders", { count: Number(p.orderCount) }),
      table(
        [
          t("col.order"),
          t("col.status"),
          t("provider.col.pay"),
          t("provider.col.payout"),
          t("col.created"),
        ],
        orders.map((o) => [
          link(`/order/${String(o.id)}`, shortHex(String(o.id), 8)),
          badge(String(o.status)),
          money(o.amount, o.currency as Currency | null),
          money(o.payoutAmount, o.payoutCurrency as Currency | null),
          time(o.createdAt),
        ]),
        "fx-orders",
      ),
    ),
  );
}
