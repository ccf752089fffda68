/**
 * How the page shows values, in the reader's language: amounts in the token's currency, times in
 * UTC, statuses and roles translated; addresses and hashes short with the full value on hover and
 * marked `translate="no"` (they are data, in no language).
 */
import { ParticipantRole, shortHex } from "@tradechain/sdk";
import { type Child, h, link } from "./dom";
import { has, moneyText, t, timeText } from "./i18n";

export interface Currency {
  currency: string;
  decimals: number;
  address: string;
}

export function money(amount: unknown, currency: Currency | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  if (currency === null || currency === undefined) return String(amount);
  return moneyText(BigInt(String(amount)), currency.decimals, currency.currency);
}

export const time = (seconds: unknown) =>
  seconds === null || seconds === undefined ? "—" : timeText(BigInt(String(seconds)));

/** Data shown as it is: hashes, addresses, codes. */
export const data = (text: string, attrs: Record<string, string> = {}) =>
  h("span", { translate: "no", ...attrs }, text);

export const account = (address: unknown) => {
  if (typeof address !== "string") return "—";
  const a = link(`/participant/${address}`, shortHex(address, 6), address);
  a.setAttribute("translate", "no");
  return a;
};

export const hash = (value: unknown) =>
  typeof value === "string"
    ? h("code", { title: value, class: "hash", translate: "no" }, shortHex(value, 8))
    : "—";

/** A status (order or list) or a suspension, translated, with its colour. */
export function badge(status: string): HTMLElement {
  const key = `status.${status}`;
  return h("span", { class: `badge badge-${status.toLowerCase()}` }, has(key) ? t(key) : status);
}

/** The names of the roles in a registry role mask, translated. */
export function roleNames(mask: number): string {
  const names = Object.entries(ParticipantRole)
    .filter(([, bit]) => (mask & bit) !== 0)
    .map(([name]) => {
      const key = `role.${name}`;
      return has(key) ? t(key) : name;
    });
  return names.length === 0 ? t("role.none") : names.join(", ");
}

/** A country: its ISO code linking to its page (the code is data: it reads the same everywhere). */
export function country(alpha2: unknown, code?: unknown): Child {
  if (typeof alpha2 === "string") {
    const a = link(`/country/${alpha2}`, alpha2);
    a.setAttribute("translate", "no");
    return a;
  }
  return code === null || code === undefined ? "—" : String(code);
}

/** The explorer's link for a transaction hash (`TRADECHAIN_TX_URL`, from `/api/status`). */
let txUrlTemplate: string | null = null;

export function setTxUrl(template: string | null): void {
  txUrlTemplate = template;
}

export function txLink(txHash: string): Child {
  if (txUrlTemplate === null)
    return h("code", { title: txHash, class: "hash", translate: "no" }, shortHex(txHash, 8));
  return h(
    "a",
    { href: txUrlTemplate.replace("{hash}", txHash), rel: "noopener", translate: "no" },
    shortHex(txHash, 8),
  );
}

/** Yes or no, translated. */
export const yesNo = (value: unknown) => (value === true ? t("yes") : t("no"));
