/**
 * The order page's panels that speak trade: who acts next and until when (counted down in chain
 * time), and the dispute (who opened it, evidence, offers, the arbitration period, the ruling).
 */
import { type NextAction, nextActionOf, type OrderStatus, type StepTerms } from "@tradechain/sdk";
import { chainNow } from "../chain-clock";
import { facts, h, type Json, onLeave, section, table } from "../dom";
import { account, type Currency, data, hash, money, time, txLink } from "../format";
import { durationText, has, t, timeText, tn } from "../i18n";
import { payoutCurrencyOf, stepOf } from "../steps";
import { partyRole } from "./participant";

/** A ticking line: `draw` runs now and every second until the page draws another view. */
function ticking(draw: (el: HTMLElement) => void, attrs: Record<string, string>): HTMLElement {
  const el = h("p", attrs);
  draw(el);
  const timer = window.setInterval(() => draw(el), 1000);
  onLeave(() => window.clearInterval(timer));
  return el;
}

/**
 * The order's phases as the SDK's `nextActionOf` gives them (the explorer's own rules are the
 * SDK's): who acts until the deadline, and who may act once it passed. Asked at chain time 0, so
 * the answer always has the deadline; the panel compares it with its chain clock every second.
 */
export function phasesOf(o: Json): NextAction {
  const periods = o.escrowPeriods as Json;
  return nextActionOf(
    {
      buyer: String(o.buyer),
      seller: String(o.seller),
      arbiter: String(o.arbiter),
      destination: Number(o.destination),
      shipBy: BigInt(String(o.shipBy)),
      confirmWindow: Number(o.confirmWindow),
    },
    { status: String(o.status) as OrderStatus, since: BigInt(String(o.since)) },
    {
      customsPeriod: BigInt(String(periods.customsPeriod)),
      arbitrationPeriod: BigInt(String(periods.arbitrationPeriod)),
    },
    0n,
    { arbiterCanRule: o.arbiterCanRule !== false },
  );
}

/**
 * Who acts next and until when: before the deadline, the party due to act and the time left in
 * chain time; once it passed, who may act instead.
 */
export function nextActionPanel(o: Json): HTMLElement {
  const phases = phasesOf(o);
  if (phases.final || phases.deadline === undefined || phases.then === undefined) {
    return section(t("next.title"), h("p", { id: "next-action" }, t("next.closed")));
  }
  const { deadline, then } = phases;
  const at = Number(deadline);
  const actorKey = `next.${phases.waitingFor}.${phases.calls[0]}`;
  const afterKey = `next.after.${then.by}.${then.calls[0]}`;
  const kindKey = `deadline.${phases.status}`;
  const destination = data(String(o.destinationCountry ?? o.destination));
  const line = ticking(
    (el) => {
      // The deadline is the last second of the phase: it passed once the clock is beyond it.
      const left = at - chainNow();
      el.classList.toggle("passed", left < 0);
      if (left >= 0) {
        el.replaceChildren(
          h(
            "strong",
            {},
            has(actorKey) ? tn(actorKey, { country: destination.cloneNode(true) }) : "",
          ),
          " ",
          t("next.until", { at: timeText(at), left: durationText(left) }),
        );
      } else {
        el.replaceChildren(
          t("next.passed", {
            kind: has(kindKey) ? t(kindKey) : phases.status,
            ago: durationText(-left),
            at: timeText(at),
          }),
          " ",
          h("strong", {}, has(afterKey) ? t(afterKey) : then.calls.join(", ")),
        );
      }
    },
    { class: "deadline", id: "next-action" },
  );
  return section(t("next.title"), line);
}

/** The dispute panel, when a dispute was opened. */
export function disputePanel(
  o: Json,
  currency: Currency | null,
  terms: StepTerms,
): HTMLElement | null {
  const d = o.dispute as Json | null;
  if (d === null || d === undefined) return null;
  const roleOf = (address: unknown) => {
    const a = String(address).toLowerCase();
    if (a === String(o.buyer).toLowerCase()) return partyRole("buyer");
    if (a === String(o.seller).toLowerCase()) return partyRole("seller");
    if (a === String(o.arbiter).toLowerCase()) return partyRole("arbiter");
    return "";
  };
  const who = (address: unknown) => h("span", {}, roleOf(address), " ", account(address));
  const evidence = d.evidence as Json[];
  const offers = d.offers as Json[];
  const pending = d.pendingOffer as Json | null;
  const ruling = d.ruling as Json | null;
  const ends = Number(d.arbitrationEndsAt);
  const open = o.status === "Disputed";
  const resolved = (o.timeline as Json[]).find((e) => e.name === "DisputeResolved");
  const rulingStep =
    ruling === null || resolved === undefined
      ? null
      : stepOf(resolved, terms, currency, o.destinationCountry, payoutCurrencyOf(o));
  return section(
    t("dispute.title"),
    facts([
      [
        t("dispute.openedBy"),
        tn("dispute.openedAt", { who: who(d.openedBy), at: time(d.openedAt) }),
      ],
      [
        t("dispute.arbitrationEnds"),
        open
          ? ticking(
              (el) => {
                const left = ends - chainNow();
                el.textContent =
                  left > 0
                    ? t("next.until", { at: timeText(ends), left: durationText(left) })
                    : t("dispute.arbitrationOver", { at: timeText(ends) });
              },
              { class: "inline" },
            )
          : time(d.arbitrationEndsAt),
      ],
      [
        t("dispute.pending"),
        pending === null
          ? t("order.settlementNone")
          : tn("order.settlementBy", {
              amount: money(pending.buyerTotal, currency),
              by: who(pending.by),
            }),
      ],
      [
        t("dispute.ruling"),
        rulingStep === null || ruling === null
          ? t("dispute.noRuling")
          : h(
              "span",
              { id: "ruling" },
              h("strong", {}, rulingStep.step),
              t("dispute.stepSeparator"),
              rulingStep.detail,
              " · ",
              tn("dispute.rulingBy", { who: who(ruling.by), hash: hash(ruling.rulingHash) }),
            ),
      ],
    ]),
    h("h3", {}, t("dispute.evidence")),
    table(
      [t("col.time"), t("col.by"), t("product.evidence"), t("col.transaction")],
      evidence.map((e) => [time(e.at), who(e.by), hash(e.hash), txLink(String(e.txHash))]),
      "evidence",
    ),
    h("h3", {}, t("dispute.offers")),
    offers.length === 0
      ? h("p", {}, t("dispute.noOffers"))
      : table(
          [t("col.time"), t("col.by"), t("dispute.toBuyer"), t("col.transaction")],
          offers.map((e) => [
            time(e.at),
            who(e.by),
            money(e.buyerTotal, currency),
            txLink(String(e.txHash)),
          ]),
          "offers",
        ),
  );
}
