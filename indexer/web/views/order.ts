/**
 * An order: summary, status, the next deadline, parties, money, terms and the timeline, whose
 * steps are worded by the SDK's own catalogue (`src/timeline-steps.ts`) in the reader's language.
 */
import { shortHex } from "../../../src/format.js";
import { describeStep, type StepArgs, type StepFormat } from "../../../src/timeline-steps.js";
import { api } from "../api";
import { type Child, facts, h, type Json, link, onLeave, section, table } from "../dom";
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
  txLink,
  yesNo,
} from "../format";
import { bpsText, durationText, has, language, moneyText, t, timeText, tn } from "../i18n";
import { partyRole } from "./participant";

function countdown(deadline: Json | null): Child {
  if (deadline === null) return null;
  const at = Number(deadline.at);
  const kind = String(deadline.kind);
  const kindKey = `deadline.${kind}`;
  const thenKey = `deadline.then.${kind}`;
  const kindText = has(kindKey) ? t(kindKey) : kind;
  const el = h("span", { class: "countdown" });
  const tick = () => {
    const left = at - Math.floor(Date.now() / 1000);
    el.textContent =
      left > 0
        ? t("deadline.endsIn", { kind: kindText, left: durationText(left), at: timeText(at) })
        : t("deadline.ended", {
            kind: kindText,
            ago: durationText(-left),
            at: timeText(at),
            then: has(thenKey) ? t(thenKey) : String(deadline.then),
          });
  };
  tick();
  const timer = window.setInterval(tick, 1000);
  onLeave(() => window.clearInterval(timer));
  return h("p", { class: "deadline", id: "deadline" }, el);
}

/** How the page shows a step's values: `Intl` in the reader's language, short hashes. */
function stepFormat(o: Json, currency: Currency | null): StepFormat {
  return {
    money: (units) =>
      currency === null ? String(units) : moneyText(units, currency.decimals, currency.currency),
    time: (seconds) => timeText(seconds),
    bps: bpsText,
    hash: (hex) => shortHex(hex),
    account: (address) => shortHex(address),
    country: (code) =>
      code === Number(o.destination) && typeof o.destinationCountry === "string"
        ? o.destinationCountry
        : String(code),
  };
}

export async function orderView(id: string): Promise<HTMLElement> {
  const o = await api(`/api/orders/${id}`);
  const currency = o.currency as Currency | null;
  const parties = o.parties as Json[];
  const buyer = parties.find((p) => p.role === "buyer") as Json;
  const seller = parties.find((p) => p.role === "seller") as Json;
  const timeline = o.timeline as Json[];
  const terms = {
    buyer: String(o.buyer),
    seller: String(o.seller),
    amount: String(o.amount),
    productId: String(o.productId),
    destination: String(o.destination),
    feeBps: String(o.feeBps),
    shipBy: String(o.shipBy),
  };
  const format = stepFormat(o, currency);
  const statusKey = `status.${String(o.status)}`;
  const summary = t("order.summary", {
    amount: money(o.amount, currency),
    buyer: shortHex(String(buyer.address)),
    buyerCountry: String(buyer.country ?? "?"),
    seller: shortHex(String(seller.address)),
    sellerCountry: String(seller.country ?? "?"),
    product: shortHex(String(o.productId)),
    destination: String(o.destinationCountry ?? o.destination),
    status: has(statusKey) ? t(statusKey) : String(o.status),
  });
  const productLink = link(`/product/${String(o.productId)}`, shortHex(String(o.productId), 8));
  productLink.setAttribute("translate", "no");
  return h(
    "article",
    { class: "order" },
    h("h1", {}, tn("order.title", { id: hash(o.id) }), " ", badge(String(o.status))),
    h("p", { class: "summary", id: "summary" }, summary),
    countdown(o.nextDeadline as Json | null),
    section(
      t("order.parties"),
      table(
        [
          t("col.role"),
          t("col.address"),
          t("order.registeredRoles"),
          t("col.country"),
          t("order.identityHash"),
          "",
        ],
        parties.map((p) => [
          partyRole(p.role),
          account(p.address),
          p.registered ? roleNames(Number(p.roles)) : t("order.notRegistered"),
          country(p.country, p.jurisdiction),
          hash(p.identityHash),
          p.suspended ? badge("Suspended") : "",
        ]),
        "parties",
      ),
    ),
    section(
      t("order.money"),
      facts([
        [t("order.amount"), money(o.amount, currency)],
        [t("order.escrowed"), money(o.escrowed, currency)],
        [t("order.released"), money(o.released, currency)],
        [t("order.refunded"), money(o.refunded, currency)],
        [
          t("order.fees"),
          t("order.feeRate", { fees: money(o.fees, currency), rate: bpsText(Number(o.feeBps)) }),
        ],
        [
          t("order.settlementOffer"),
          o.settlementBuyerAmount === null
            ? t("order.settlementNone")
            : tn("order.settlementBy", {
                amount: money(o.settlementBuyerAmount, currency),
                by: account(o.settlementProposer),
              }),
        ],
      ]),
    ),
    section(
      t("order.terms"),
      facts([
        [t("col.product"), productLink],
        [t("order.destination"), country(o.destinationCountry, o.destination)],
        [t("order.shipBy"), time(o.shipBy)],
        [t("order.confirmWindow"), durationText(Number(o.confirmWindow))],
        [t("order.customsCleared"), yesNo(o.customsCleared)],
        [t("order.trackingHash"), hash(o.trackingHash)],
        [t("order.reference"), hash(o.ref)],
        [
          t("col.currency"),
          currency === null
            ? "—"
            : h(
                "span",
                { translate: "no" },
                link(`/token/${currency.currency}`, currency.currency),
              ),
        ],
      ]),
    ),
    section(
      t("order.timeline", { count: timeline.length }),
      table(
        [
          t("col.time"),
          t("order.event"),
          t("order.actor"),
          t("order.details"),
          t("order.block"),
          t("col.transaction"),
        ],
        timeline.map((e) => {
          const step = describeStep(String(e.name), e.args as StepArgs, terms, format, language());
          return [
            time(e.timestamp),
            step.step,
            account(e.actor),
            step.detail,
            data(String(e.blockNumber)),
            txLink(String(e.txHash)),
          ];
        }),
        "timeline",
      ),
    ),
  );
}
