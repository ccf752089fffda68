/**
 * A participant: roles, jurisdiction, identity hash, suspension, credit per currency, the signers
 * that consent to orders for a seller, balances and orders.
 */
import { CREDIT_COUNTERS, ParticipantRole, shortHex } from "@tradechain/sdk";
import { api } from "../api";
import { type Child, facts, h, type Json, link, section, table } from "../dom";
import {
  account,
  badge,
  country,
  type Currency,
  data,
  hash,
  money,
  roleNames,
  time,
  yesNo,
} from "../format";
import { has, number, t, tn } from "../i18n";
import { sellerRecordChart } from "./chart-views";
import { providerLink } from "./fx";

/** A party's role in an order ("buyer"), translated. */
export function partyRole(role: unknown): string {
  const key = `party.${String(role)}`;
  return has(key) ? t(key) : String(role);
}

export async function participantView(address: string): Promise<HTMLElement> {
  const [p, record] = await Promise.all([
    api(`/api/participants/${address}`),
    sellerRecordChart(address),
  ]);
  const credits = p.credit as Json[];
  const balances = p.balances as Json[];
  const orders = p.orders as Json[];
  const currencyCode = (code: string, to?: string) => {
    const el = to === undefined ? data(code) : link(to, code);
    el.setAttribute("translate", "no");
    return el;
  };
  return h(
    "article",
    { class: "participant" },
    h(
      "h1",
      {},
      tn("participant.title", {
        address: h("code", { class: "hash", translate: "no" }, String(p.address)),
      }),
      p.suspended ? badge("Suspended") : "",
    ),
    facts([
      [t("participant.registered"), yesNo(p.registered)],
      [t("participant.roles"), roleNames(Number(p.roles))],
      [t("participant.jurisdiction"), country(p.country, p.jurisdiction)],
      [t("participant.identityHash"), hash(p.identityHash)],
      [t("participant.version"), p.version === null ? "—" : String(p.version)],
      [t("participant.suspensionReason"), hash(p.suspensionReasonHash)],
      ...((Number(p.roles) & ParticipantRole.FxProvider) === 0
        ? []
        : [[t("participant.fxProvider"), providerLink(p.address)] as [string, Child]]),
    ]),
    section(
      t("participant.credit"),
      credits.length === 0
        ? h("p", {}, t("participant.noCredit"))
        : table(
            [
              t("col.currency"),
              ...CREDIT_COUNTERS.map((k) => t(`credit.${k}`)),
              t("credit.volume"),
              t("credit.refundedVolume"),
            ],
            credits.map((c) => {
              const cur = c.currency as Currency | null;
              return [
                currencyCode(cur === null ? shortHex(String(c.token)) : cur.currency),
                ...CREDIT_COUNTERS.map((k) => number(Number(c[k]))),
                money(c.volume, cur),
                money(c.refundedVolume, cur),
              ];
            }),
            "credit",
          ),
    ),
    record,
    delegatesSection(p.delegates as Json[], p.delegateFor as Json[]),
    section(
      t("participant.balances"),
      table(
        [t("col.currency"), t("col.balance")],
        balances.map((b) => {
          const cur = b.currency as Currency;
          return [currencyCode(cur.currency, `/token/${cur.currency}`), money(b.amount, cur)];
        }),
      ),
    ),
    section(
      t("participant.orders", { count: number(Number(p.orderCount)) }),
      table(
        [t("col.order"), t("col.role"), t("col.status"), t("col.amount"), t("col.created")],
        orders.map((o) => {
          const id = link(`/order/${String(o.id)}`, shortHex(String(o.id), 6));
          id.setAttribute("translate", "no");
          return [
            id,
            partyRole(o.role),
            badge(String(o.status)),
            money(o.amount, o.currency as Currency),
            time(o.createdAt),
          ];
        }),
        "orders",
      ),
    ),
  );
}

/** The seller's delegates (signers that consent to orders for it), and whom it signs for. */
function delegatesSection(delegates: readonly Json[], delegateFor: readonly Json[]): Child {
  if (delegates.length === 0 && delegateFor.length === 0) return "";
  const rows = [
    ...delegates.map((d) => [t("delegate.delegate"), account(d.delegate), d] as const),
    ...delegateFor.map((d) => [t("delegate.sellsFor"), account(d.seller), d] as const),
  ];
  return section(
    t("participant.delegates"),
    table(
      [t("col.role"), t("col.address"), t("col.status"), t("col.since"), t("delegate.revoked")],
      rows.map(([role, who, d]) => [
        role,
        who,
        d.active === true ? t("delegate.active") : t("delegate.revokedStatus"),
        time(d.setAt),
        d.revokedAt === null ? "—" : time(d.revokedAt),
      ]),
      "delegates",
    ),
  );
}
