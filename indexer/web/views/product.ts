/**
 * A product: owner, HS code and its history, its effective clearance in every country (with the
 * entry that decided it), its own list entries and those of its HS prefixes, provenance versions,
 * listing history and complaints.
 */
import { shortHex } from "../../../src/format.js";
import { api } from "../api";
import { badge, facts, h, type Json, link, section, table } from "../dom";
import { decidedBy, expiry, hsLink, outcomeText } from "../customs";
import { account, country, hash, time, txLink } from "../format";

export async function productView(id: string): Promise<HTMLElement> {
  const p = await api(`/api/products/${id}`);
  const versions = p.versions as Json[];
  const listings = p.listings as Json[];
  const history = p.listingHistory as Json[];
  const complaints = p.complaints as Json[];
  const clearance = p.clearance as Json[];
  return h(
    "article",
    { class: "product" },
    h("h1", {}, "Product ", hash(p.id)),
    facts([
      ["Owner", account(p.owner)],
      [
        "HS code",
        h("span", {}, hsLink(String(p.hsCodeText)), ` (version ${String(p.hsCodeVersion)})`),
      ],
      ["Provenance hash", hash(p.metadataHash)],
      ["Version", String(p.metadataVersion)],
      ["Registered", time(p.registeredAt)],
      ["Orders", String(p.orderCount)],
      ["Complaints", String(p.complaintCount)],
    ]),
    section(
      "Clearance by country",
      clearance.length === 0
        ? h("p", {}, "No country lists anything or has customs authorities yet.")
        : table(
            ["Country", "Clearance", "Decided by", "Can it enter?", "Expires", "Authority"],
            clearance.map((d) => {
              const entry = (d.entry ?? null) as Json | null;
              return [
                country(d.country, d.jurisdiction),
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
      "The product's own entries",
      listings.length === 0
        ? h("p", {}, "No country lists this product by its id.")
        : table(
            ["Country", "Status", "Expires", "Reason hash", "Authority", "Since"],
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
      "Tariff listings that apply (by HS prefix)",
      (p.tariffListings as Json[]).length === 0
        ? h("p", {}, "No country lists a prefix of this HS code.")
        : table(
            ["Country", "HS prefix", "Status", "Expires", "Reason hash", "Authority"],
            (p.tariffListings as Json[]).map((t) => [
              country(t.country, t.jurisdiction),
              hsLink(String(t.codeText)),
              badge(String(t.status)),
              expiry(t.expiresAt),
              hash(t.reasonHash),
              account(t.authority),
            ]),
            "tariffs",
          ),
    ),
    section(
      "Listing history",
      table(
        ["Time (UTC)", "Country", "Change", "Reason hash", "Authority", "Transaction"],
        history.map((l) => [
          time(l.timestamp),
          country(l.country, l.jurisdiction),
          `${String(l.previousStatus)} → ${String(l.status)}`,
          hash(l.reasonHash),
          account(l.authority),
          txLink(String(l.txHash)),
        ]),
      ),
    ),
    section(
      "Provenance versions",
      table(
        ["Version", "Hash", "Owner", "Time (UTC)"],
        versions.map((v) => [
          String(v.version),
          hash(v.metadataHash),
          account(v.owner),
          time(v.timestamp),
        ]),
      ),
    ),
    section(
      "HS code history",
      table(
        ["Version", "HS code", "Owner", "Time (UTC)"],
        (p.hsCodes as Json[]).map((v) => [
          String(v.version),
          String(v.hsCodeText),
          account(v.owner),
          time(v.timestamp),
        ]),
      ),
    ),
    section(
      "Complaints",
      complaints.length === 0
        ? h("p", {}, "No complaints.")
        : table(
            ["Time (UTC)", "Order", "Complainant", "Evidence hash"],
            complaints.map((c) => [
              time(c.timestamp),
              link(`/order/${String(c.orderId)}`, shortHex(String(c.orderId), 6)),
              account(c.complainant),
              hash(c.evidenceHash),
            ]),
          ),
    ),
  );
}
