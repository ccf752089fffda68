/**
 * How the page shows values: amounts in the token's currency (US$, CN¥), times in UTC, addresses
 * and hashes short with the full value on hover, countries as links to their page.
 */
import { formatAmount, formatTimestamp, shortHex } from "../../src/format.js";
import { ParticipantRole } from "../../src/types.js";
import { type Child, h, link } from "./dom";

export interface Currency {
  currency: string;
  decimals: number;
  address: string;
}

export function money(amount: unknown, currency: Currency | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  if (currency === null || currency === undefined) return `${String(amount)} units`;
  return formatAmount(BigInt(String(amount)), currency.decimals, currency.currency);
}

export const time = (seconds: unknown) =>
  seconds === null || seconds === undefined ? "—" : formatTimestamp(BigInt(String(seconds)));

export const account = (address: unknown) =>
  typeof address === "string"
    ? link(`/participant/${address}`, shortHex(address, 6), address)
    : "—";
export const hash = (value: unknown) =>
  typeof value === "string" ? h("code", { title: value, class: "hash" }, shortHex(value, 8)) : "—";

export function roleNames(mask: number): string {
  const names = Object.entries(ParticipantRole)
    .filter(([, bit]) => (mask & bit) !== 0)
    .map(([name]) => name);
  return names.length === 0 ? "none" : names.join(", ");
}

export function country(alpha2: unknown, code?: unknown): Child {
  if (typeof alpha2 === "string") return link(`/country/${alpha2}`, alpha2);
  return code === null || code === undefined ? "—" : String(code);
}

/** The explorer's link for a transaction hash (`TRADECHAIN_TX_URL`, from `/api/status`). */
let txUrlTemplate: string | null = null;

export function setTxUrl(template: string | null): void {
  txUrlTemplate = template;
}

export function txLink(txHash: string): Child {
  if (txUrlTemplate === null)
    return h("code", { title: txHash, class: "hash" }, shortHex(txHash, 8));
  return h(
    "a",
    { href: txUrlTemplate.replace("{hash}", txHash), rel: "noopener" },
    shortHex(txHash, 8),
  );
}
