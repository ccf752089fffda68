/**
 * A product: owner, HS code and its history, its effective clearance in every country (with the
 * HS code that country applies, a binding of its customs or a code held by a re-classification,
 * and the entry that decided it), its own list entries and those of its HS prefixes, countries'
 * classifications, provenance versions, listing history and complaints per seller.
 */
import { shortHex } from "@tradechain/sdk";
import { api } from "../api";
import {
  appliedCode,
  decidedBy,
  expiry,
  hsLink,
  outcomeText,
  prefixEntriesTable,
} from "../customs";
import { type Child, facts, h, type Json, link, section, table } from "../dom";
import { account, badge, country, type Currency, data, hash, money, time, txLink } from "../format";
import { number, t, tn } from "../i18n";

export async function productView(id: string): Promise<HTMLElement> {
  const p = await api(`/api/products/${id}`);
  const versions = p.versions as Json[];
  const listings = p.listings as Json[];
  const prefixes = p.tariffListings as Json[];
  const history = p.listingHistory as Json[];
  const complaints = p.complaints as Json[];
  const clearance = p.clearance as Json[];
  const bySeller = p.complaintsBySeller as Json[];
  return h(
    "article",
    { class: "product" },
    h("h1", {}, tn("product.title", { id: hash(p.id) })),
    facts([
      [t("col.owner"), account(p.owner)],
      [
        t("col.hsCode"),
        tn("product.hsVersion", {
          code: hsLink(String(p.hsCodeText)),
          version: data(String(p.hsCodeVersion)),
        }),
      ],
      [t("product.provenance"), hash(p.metadataHash)],
      [t("col.version"), data(String(p.metadataVersion))],
      [t("product.registered"), time(p.registeredAt)],
      [t("product.orders"), number(Number(p.orderCount))],
      [t("product.ownComplaints"), number(Number(p.complaintCount))],
    ]),
    section(
      t("product.clearance"),
      clearance.length === 0
        ? h("p", {}, t("product.noClearance"))
        : table(
            [
              t("col.country"),
              t("product.appliedCode"),
              t("product.clearanceCol"),
              t("product.decidedBy"),
              t("product.canEnter"),
              t("col.expires"),
              t("col.authority"),
            ],
            clearance.map((d) => {
              const entry = (d.entry ?? null) as Json | null;
              return [
                country(d.country, d.jurisdiction),
                appliedCode(d),
                badge(String(d.status)),
                decidedBy(d),
                outcomeText(d.outcome),
                entry === null ? "—" : expiry(entry.expiresAt),
                entry === null ? "—" : account(entry.authority),
              ];
            }),
            "clearance",
          ),
    ),
    section(
      t("product.ownEntries"),
      listings.length === 0
        ? h("p", {}, t("product.noOwnEntries"))
        : table(
            [
              t("col.country"),
              t("col.status"),
              t("col.expires"),
              t("col.reasonHash"),
              t("col.authority"),
              t("col.since"),
            ],
            listings.map((l) => [
              country(l.country, l.jurisdiction),
              badge(String(l.status)),
              expiry(l.expiresAt),
              hash(l.reasonHash),
              account(l.authority),
              time(l.updatedAt),
            ]),
            "listings",
          ),
    ),
    section(
      t("product.prefixEntries"),
      prefixes.length === 0
        ? h("p", {}, t("product.noPrefixEntries"))
        : prefixEntriesTable(prefixes, "tariffs"),
    ),
    classificationsSection(p.classificationHistory as Json[]),
    section(
      t("product.history"),
      table(
        [
          t("col.time"),
          t("col.country"),
          t("product.change"),
          t("col.reasonHash"),
          t("col.authority"),
          t("col.transaction"),
        ],
        history.map((l) => [
          time(l.timestamp),
          country(l.country, l.jurisdiction),
          h("span", {}, badge(String(l.previousStatus)), " → ", badge(String(l.status))),
          hash(l.reasonHash),
          account(l.authority),
          txLink(String(l.txHash)),
        ]),
      ),
    ),
    section(
      t("product.versions"),
      table(
        [t("col.version"), t("col.hash"), t("col.owner"), t("col.time")],
        versions.map((v) => [
          data(String(v.version)),
          hash(v.metadataHash),
          account(v.owner),
          time(v.timestamp),
        ]),
      ),
    ),
    section(
      t("product.hsHistory"),
      table(
        [t("col.version"), t("col.hsCode"), t("col.owner"), t("col.time")],
        (p.hsCodes as Json[]).map((v) => [
          data(String(v.version)),
          hsLink(String(v.hsCodeText)),
          account(v.owner),
          time(v.timestamp),
        ]),
      ),
    ),
    section(
      t("product.complaints"),
      h("p", { class: "note" }, t("product.complaintNote")),
      bySeller.length === 0
        ? h("p", {}, t("product.noComplaints"))
        : table(
            [t("col.seller"), t("product.sellerKind"), t("product.complaintCount")],
            bySeller.map((s) => [
              account(s.seller),
              s.ownSale === true ? t("product.ownerSales") : t("product.otherSeller"),
              number(Number(s.complaints)),
            ]),
            "complaint-sellers",
          ),
      complaints.length === 0
        ? ""
        : table(
            [
              t("col.time"),
              t("col.order"),
              t("col.seller"),
              t("product.complainant"),
              t("col.amount"),
              t("col.fee"),
              t("product.evidence"),
            ],
            complaints.map((c) => {
              const order = link(`/order/${String(c.orderId)}`, shortHex(String(c.orderId), 6));
              order.setAttribute("translate", "no");
              const cur = (c.currency ?? null) as Currency | null;
              return [
                time(c.timestamp),
                order,
                account(c.seller),
                account(c.complainant),
                money(c.amount, cur),
                money(c.fee, cur),
                hash(c.evidenceHash),
              ];
            }),
            "complaints",
          ),
    ),
  );
}

/** Countries' classification decisions: bindings, liftings, and codes held by re-classification. */
function classificationsSection(history: readonly Json[]): Child {
  if (history.length === 0) return "";
  return section(
    t("product.classifications"),
    table(
      [
        t("col.time"),
        t("col.country"),
        t("product.change"),
        t("col.authority"),
        t("col.transaction"),
      ],
      history.map((c) => [
        time(c.timestamp),
        country(c.country, c.jurisdiction),
        c.kind === "Held"
          ? tn("product.held", {
              code: hsLink(String(c.hsCodeText)),
              declared: hsLink(String(c.declaredHsCodeText)),
            })
          : c.hsCodeText === null
            ? tn("product.lifted", { previous: hsLink(String(c.previousHsCodeText)) })
            : tn("product.bound", {
                previous: hsLink(String(c.previousHsCodeText)),
                code: hsLink(String(c.hsCodeText)),
              }),
        c.authority === null ? "—" : account(c.authority),
        txLink(String(c.txHash)),
      ]),
      "classifications",
    ),
  );
}
