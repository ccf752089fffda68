/**
 * The one place that turns raw token amounts and unix timestamps into text for people.
 *
 * Amounts are bigints in the token's smallest unit; they are never converted through `number`, so
 * no precision is lost for any supply. A value these functions cannot read is a `TradeChainError`
 * with code `INVALID_ARGUMENT`.
 */
import { clientError } from "./failure.js";

function invalid(name: string, message: string) {
  return clientError("INVALID_ARGUMENT", name, message);
}

/** How a currency is written: its prefix symbol and how many fraction digits people expect. */
export interface CurrencyStyle {
  /** Text before the amount, e.g. `US$`. */
  readonly symbol: string;
  /** Fraction digits shown by default (ISO-4217 minor units). */
  readonly displayDecimals: number;
}

/**
 * Symbols for the ISO-4217 codes TradeChain's settlement tokens are likely to use; the prefix
 * names the country so that `$` or `¥` are never ambiguous in a cross-border timeline.
 */
export const CURRENCY_STYLES: Readonly<Record<string, CurrencyStyle>> = {
  USD: { symbol: "US$", displayDecimals: 2 },
  CNY: { symbol: "CN¥", displayDecimals: 2 },
  EUR: { symbol: "€", displayDecimals: 2 },
  GBP: { symbol: "£", displayDecimals: 2 },
  JPY: { symbol: "JP¥", displayDecimals: 0 },
  PKR: { symbol: "Rs", displayDecimals: 2 },
  KZT: { symbol: "₸", displayDecimals: 2 },
  HKD: { symbol: "HK$", displayDecimals: 2 },
  SGD: { symbol: "S$", displayDecimals: 2 },
  AED: { symbol: "AED", displayDecimals: 2 },
};

/** Options for {@link formatAmount}. */
export interface FormatAmountOptions {
  /**
   * Fraction digits to show. Defaults to the currency's minor units, widened when the amount has
   * more significant digits, so that formatting never hides value (1 unit of a 6-decimal token is
   * shown as `US$ 0.000001`, not `US$ 0.00`).
   */
  readonly fractionDigits?: number;
}

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/**
 * Formats `amount` (smallest units of a token with `decimals` decimals) with the currency's symbol
 * and thousands separators: `formatAmount(1_234_500_000n, 6, "USD")` → `US$ 1,234.50`.
 * Unknown currency codes are written after the number: `1,234.50 XYZ`.
 */
export function formatAmount(
  amount: bigint,
  decimals: number,
  currency: string,
  options: FormatAmountOptions = {},
): string {
  const number = formatUnitsGrouped(amount, decimals, options.fractionDigits, currency);
  const style = CURRENCY_STYLES[currency.toUpperCase()];
  if (style === undefined) return currency === "" ? number : `${number} ${currency}`;
  return number.startsWith("-")
    ? `-${style.symbol} ${number.slice(1)}`
    : `${style.symbol} ${number}`;
}

/** Formats a token amount without a currency: `1,234.50` (same digit rules as {@link formatAmount}). */
export function formatUnitsGrouped(
  amount: bigint,
  decimals: number,
  fractionDigits?: number,
  currency?: string,
): string {
  if (!Number.isInteger(decimals) || decimals < 0)
    throw invalid("InvalidDecimals", `bad decimals ${decimals}`);
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const scale = 10n ** BigInt(decimals);
  const whole = (magnitude / scale).toString().replace(THOUSANDS, ",");
  const fractionAll = decimals === 0 ? "" : (magnitude % scale).toString().padStart(decimals, "0");
  const significant = fractionAll.replace(/0+$/, "").length;
  const minimum =
    fractionDigits ?? CURRENCY_STYLES[(currency ?? "").toUpperCase()]?.displayDecimals ?? 2;
  // Explicit fractionDigits may cut digits (the caller asked); the default never does.
  const shown =
    fractionDigits === undefined
      ? Math.min(decimals, Math.max(minimum, significant))
      : fractionDigits;
  const fraction = shown <= decimals ? fractionAll.slice(0, shown) : fractionAll.padEnd(shown, "0");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Formats a gas figure with thousands separators: `45023n` → `"45,023"`. */
export function formatGas(gas: bigint | number): string {
  return BigInt(gas).toString().replace(THOUSANDS, ",");
}

/**
 * Formats basis points as a percentage with two decimals (100 bps = 1%): `125` → `"1.25%"`,
 * `100n` → `"1.00%"`.
 */
export function formatBps(bps: bigint | number): string {
  return `${formatUnitsGrouped(BigInt(bps), 2, 2)}%`;
}

/** Parses a decimal string such as `"1,234.5"` into smallest units of a `decimals`-decimal token. */
export function parseAmount(text: string, decimals: number): bigint {
  const clean = text.replace(/[,_\s]/g, "");
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(clean);
  if (match === null || (match[2] === "" && (match[3] ?? "") === "")) {
    throw invalid("InvalidAmount", `not an amount: "${text}"`);
  }
  const fraction = match[3] ?? "";
  if (fraction.length > decimals) {
    throw invalid("InvalidAmount", `"${text}" has more than ${decimals} decimal places`);
  }
  const units = BigInt((match[2] === "" ? "0" : match[2]) + fraction.padEnd(decimals, "0"));
  return match[1] === "-" ? -units : units;
}

/**
 * Formats a unix timestamp (seconds) for people, in UTC so every party of a cross-border order reads
 * the same time: `2026-11-21 21:02:00 UTC`.
 */
export function formatTimestamp(seconds: bigint | number): string {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime()))
    throw invalid("InvalidTimestamp", `bad timestamp ${String(seconds)}`);
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
];

/** Formats a duration in seconds as `3d 4h`, `45m`, `0s` (the two largest non-zero units). */
export function formatDuration(seconds: bigint | number): string {
  let rest = Math.abs(Number(seconds));
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count}${unit}`);
  }
  const text = parts.length === 0 ? "0s" : parts.join(" ");
  return Number(seconds) < 0 ? `-${text}` : text;
}

/** Shortens an address or hash for tables: `0x1234…abcd`. */
export function shortHex(hex: string, keep = 4): string {
  return hex.length <= 2 + keep * 2 + 1 ? hex : `${hex.slice(0, 2 + keep)}…${hex.slice(-keep)}`;
}
