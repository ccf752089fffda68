/**
 * An order: summary, status, the next deadline, parties, money, terms and the timeline.
 */
import { formatBps, formatDuration, formatTimestamp, shortHex } from "../../../src/format.js";
import { api } from "../api";
import { badge, type Child, facts, h, type Json, link, onLeave, section, table } from "../dom";
import { account, country, type Currency, hash, money, roleNames, time, txLink } from "../format";

function countdown(deadline: Json | null): Child {
  if (deadline === null) return null;
  const at = Number(deadline.at);
  const el = h("span", { class: "countdown" });
  const tick = () => {
    const left = at - Math.floor(Date.now() / 1000);
    el.textContent =
      left > 0
        ? `${String(deadline.kind)} ends in ${formatDuration(left)} (${formatTimestamp(at)})`
        : `${String(deadline.kind)} ended ${formatDuration(-left)} ago (${formatTimestamp(at)}): ${String(deadline.then)}`;
  };
  tick();
  const timer = window.setInterval(tick, 1000);
  onLeave(() => window.clearInterval(timer));
  return h("p", { class: "deadline", id: "deadline" }, el);
}

/** Event arguments for people: amounts in the order's currency, hashes short. */
function eventDetail(e: Json, currency: Currency | null): Child {
  const args = e.args as Record<string, string | boolean>;
  const parts: Child[] = [];
  const amountKeys = ["amount", "sellerAmount", "buyerAmount", "fee"];
  for (const [k, v] of Object.entries(args)) {
    if (["orderId", "buyer", "seller", "token", "productId", "arbiter", "ref", "by"].includes(k))
      continue;
    let shown: Child;
    if (amountKeys.includes(k)) shown = money(v, currency);
    else if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) shown = account(v);
    else if (typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v)) shown = hash(v);
    else if (k === "shipBy") shown = time(v);
    else if (k === "feeBps") shown = formatBps(Number(v));
    else if (k === "confirmWindow") shown = formatDuration(Number(v));
    else shown = String(v);
    parts.push(h("span", { class: "arg" }, `${k} `, shown));
  }
  return h("span", {}, ...parts);
}

export async function orderView(id: string): Promise<HTMLElement> {
  const o = await api(`/api/orders/${id}`);
  const currency = o.currency as Currency | null;
  const parties = o.parties as Json[];
  const buyer = parties.find((p) => p.role === "buyer") as Json;
  const seller = parties.find((p) => p.role === "seller") as Json;
  const timeline = o.timeline as Json[];
  const summary =
    `${money(o.amount, currency)} from buyer ${shortHex(String(buyer.address))}` +
    ` (${String(buyer.country ?? "?")}) to seller ${shortHex(String(seller.address))}` +
    ` (${String(seller.country ?? "?")}) for product ${shortHex(String(o.productId))},` +
    ` destination ${String(o.destinationCountry ?? o.destination)}: ${String(o.status)}`;
  return h(
    "article",
    { class: "order" },
    h("h1", {}, "Order ", hash(o.id), " ", badge(String(o.status))),
    h("p", { class: "summary", id: "summary" }, summary),
    countdown(o.nextDeadline as Json | null),
    section(
      "Parties",
      table(
        ["Role", "Address", "Registered roles", "Country", "Identity hash", ""],
        parties.map((p) => [
          String(p.role),
          account(p.address),
          p.registered ? roleNames(Number(p.roles)) : "not registered",
          country(p.country, p.jurisdiction),
          hash(p.identityHash),
          p.suspended ? badge("Suspended") : "",
        ]),
        "parties",
      ),
    ),
    section(
      "Money",
      facts([
        ["Order amount", money(o.amount, currency)],
        ["Held in escrow", money(o.escrowed, currency)],
        ["Released to seller", money(o.released, currency)],
        ["Refunded to buyer", money(o.refunded, currency)],
        ["Platform fees", `${money(o.fees, currency)} (rate ${formatBps(Number(o.feeBps))})`],
        [
          "Settlement offer",
          o.settlementBuyerAmount === null
            ? "none"
            : h(
                "span",
                {},
                `${money(o.settlementBuyerAmount, currency)} to the buyer, offered by `,
                account(o.settlementProposer),
              ),
        ],
      ]),
    ),
    section(
      "Terms",
      facts([
        ["Product", link(`/product/${String(o.productId)}`, shortHex(String(o.productId), 8))],
        ["Destination", country(o.destinationCountry, o.destination)],
        ["Ship by", time(o.shipBy)],
        ["Confirmation window", formatDuration(Number(o.confirmWindow))],
        ["Customs cleared", o.customsCleared ? "yes" : "no"],
        ["Tracking hash", hash(o.trackingHash)],
        ["Reference", hash(o.ref)],
        [
          "Currency",
          currency === null
            ? "—"
            : h("span", {}, link(`/token/${currency.currency}`, currency.currency)),
        ],
      ]),
    ),
    section(
      `Timeline (${timeline.length} events)`,
      table(
        ["Time (UTC)", "Event", "Actor", "Details", "Block", "Transaction"],
        timeline.map((e) => [
          time(e.timestamp),
          String(e.name),
          account(e.actor),
          eventDetail(e, currency),
          String(e.blockNumber),
          txLink(String(e.txHash)),
        ]),
        "timeline",
      ),
    ),
  );
}
