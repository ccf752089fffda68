/**
 * An order: summary, status, the next deadline, parties, money, terms and the timeline, whose
 * steps are worded by the SDK's own catalogue (`src/timeline-steps.ts`) in the reader's language.
 */
import { shortHex } from "@tradechain/sdk";
import { api } from "../api";
import { hsLink } from "../customs";
import { observeChainTime } from "../chain-clock";
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
  txLink,
  yesNo,
} from "../format";
import { bpsText, durationText, has, t, tn } from "../i18n";
import { payoutCurrencyOf, stepOf, termsOf } from "../steps";
import { fxLegsPanel, providerLink } from "./fx";
import { disputePanel, nextActionPanel } from "./order-panels";
import { partyRole } from "./participant";

export async function orderView(id: string): Promise<HTMLElement> {
  const o = await api(`/api/orders/${id}`);
  observeChainTime(o.chainTime);
  const currency = o.currency as Currency | null;
  const parties = o.parties as Json[];
  const buyer = parties.find((p) => p.role === "buyer") as Json;
  const seller = parties.find((p) => p.role === "seller") as Json;
  const timeline = o.timeline as Json[];
  const terms = termsOf(o);
  // A cross-currency order pays the seller (and the fee) in the payout currency.
  const fx = o.fx as Json | null;
  const payoutCurrency = payoutCurrencyOf(o);
  const sellerCurrency = payoutCurrency ?? currency;
  const steps = timeline.map((e) =>
    stepOf(e, terms, currency, o.destinationCountry, payoutCurrency),
  );
  const stepNames = new Map(timeline.map((e, i) => [String(e.name), steps[i]?.step ?? ""]));
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
    nextActionPanel(o),
    disputePanel(o, currency, terms),
    fxLegsPanel(o, stepNames),
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
          p.defaultArbiter === true ? t("party.defaultArbiter") : partyRole(p.role),
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
        [t("order.released"), money(o.released, sellerCurrency)],
        [t("order.refunded"), money(o.refunded, currency)],
        [
          t("order.fees"),
          t("order.feeRate", {
            fees: money(o.fees, sellerCurrency),
            rate: bpsText(Number(o.feeBps)),
          }),
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
        [
          t("col.product"),
          o.productHsCodeText === null
            ? productLink
            : tn("order.productHs", {
                product: productLink,
                code: hsLink(String(o.productHsCodeText)),
              }),
        ],
        [t("order.destination"), country(o.destinationCountry, o.destination)],
        [
          t("order.classification"),
          o.hsCodeText === null ? t("order.noClassification") : hsLink(String(o.hsCodeText)),
        ],
        [t("order.shipBy"), time(o.shipBy)],
        [t("order.confirmWindow"), durationText(Number(o.confirmWindow))],
        [t("order.customsCleared"), yesNo(o.customsCleared)],
        [t("order.trackingHash"), hash(o.trackingHash)],
        [t("order.reference"), hash(o.ref)],
        ...(fx === null ? [] : [[t("fx.provider"), providerLink(fx.provider)] as [string, Child]]),
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
          t("col.step"),
          t("order.actor"),
          t("order.details"),
          t("order.block"),
          t("col.transaction"),
        ],
        timeline.map((e, i) => {
          const step = steps[i] as (typeof steps)[number];
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
