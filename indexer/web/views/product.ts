/**
 * A product: owner, HS code and its history, provenance versions, list status in every country,
 * listing history and complaints.
 */
import { shortHex } from "../../../src/format.js";
import { api } from "../api";
import { badge, facts, h, type Json, link, section, table } from "../dom";
import { account, country, hash, time, txLink } from "../format";

export async function productView(id: string): Promise<HTMLElement> {
  const p = await api(`/api/products/${id}`);
  const versions = p.versions as Json[];
  const listings = p.listings as Json[];
  const history = p.listingHistory as Json[];
  const complaints = p.complaints as Json[];
  return h(
    "article",
    { class: "product" },
    h("h1", {}, "Product ", hash(p.id)),
    facts([
      ["Owner", account(p.owner)],
      ["HS code", `${String(p.hsCodeText)} (version ${String(p.hsCodeVersion)})`],
      ["Provenance hash", hash(p.metadataHash)],
      ["Version", String(p.metadataVersion)],
      ["Registered", time(p.registeredAt)],
      ["Orders", String(p.orderCount)],
      ["Complaints", String(p.complaintCount)],
    ]),
    section(
      "Status by country",
      listings.length === 0
        ? h("p", {}, "Not on any country's list.")
        : table(
            ["Country", "Status", "Expires", "Reason hash", "Authority", "Since"],
            listings.map((l) => [
              country(l.country, l.jurisdiction),
              badge(String(l.status)),
              l.expiresAt === "0" ? "never" : time(l.expiresAt),
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
              String(t.codeText),
              badge(String(t.status)),
              t.expiresAt === "0" ? "never" : time(t.expiresAt),
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
