/**
 * A participant: roles, jurisdiction, identity hash, suspension, credit per currency, balances and
 * orders.
 */
import { shortHex } from "../../../src/format.js";
import { api } from "../api";
import { badge, facts, h, type Json, link, section, table } from "../dom";
import { country, type Currency, hash, money, roleNames, time } from "../format";

export async function participantView(address: string): Promise<HTMLElement> {
  const p = await api(`/api/participants/${address}`);
  const credits = p.credit as Json[];
  const balances = p.balances as Json[];
  const orders = p.orders as Json[];
  return h(
    "article",
    { class: "participant" },
    h(
      "h1",
      {},
      "Participant ",
      h("code", { class: "hash" }, String(p.address)),
      p.suspended ? badge("Suspended") : "",
    ),
    facts([
      ["Registered", p.registered ? "yes" : "no"],
      ["Roles", roleNames(Number(p.roles))],
      ["Jurisdiction", country(p.country, p.jurisdiction)],
      ["Identity hash", hash(p.identityHash)],
      ["Record version", p.version === null ? "—" : String(p.version)],
      ["Suspension reason hash", hash(p.suspensionReasonHash)],
    ]),
    section(
      "Credit record",
      credits.length === 0
        ? h("p", {}, "No completed, refunded or disputed orders yet.")
        : table(
            [
              "Currency",
              "Sales",
              "Purchases",
              "Cancelled as buyer",
              "Rejected as seller",
              "Missed ship-by",
              "Rejected at customs",
              "Refunded as seller",
              "Disputes opened",
              "Won",
              "Lost",
              "Volume",
            ],
            credits.map((c) => {
              const cur = c.currency as Currency | null;
              return [
                cur === null ? shortHex(String(c.token)) : cur.currency,
                ...CREDIT_COUNTERS.map((k) => String(c[k])),
                money(c.volume, cur),
              ];
            }),
            "credit",
          ),
    ),
    section(
      "Balances",
      table(
        ["Currency", "Balance"],
        balances.map((b) => {
          const cur = b.currency as Currency;
          return [link(`/token/${cur.currency}`, cur.currency), money(b.amount, cur)];
        }),
      ),
    ),
    section(
      `Orders (${String(p.orderCount)})`,
      table(
        ["Order", "Role", "Status", "Amount", "Created (UTC)"],
        orders.map((o) => [
          link(`/order/${String(o.id)}`, shortHex(String(o.id), 6)),
          String(o.role),
          badge(String(o.status)),
          money(o.amount, o.currency as Currency),
          time(o.createdAt),
        ]),
        "orders",
      ),
    ),
  );
}

/** The credit record's counters, in the table's order. */
const CREDIT_COUNTERS = [
  "salesCompleted",
  "purchasesCompleted",
  "cancelledAsBuyer",
  "rejectedAsSeller",
  "missedShipBy",
  "rejectedAtCustoms",
  "refundedAsSeller",
  "disputesOpened",
  "disputesWon",
  "disputesLost",
] as const;
