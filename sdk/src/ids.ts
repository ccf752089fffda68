/**
 * Identifiers shared by every TradeChain platform: product ids and jurisdiction codes.
 *
 * A product id is `keccak256` of the UTF-8 bytes of one canonical string, so that every platform
 * that knows a product's public identifier computes the same on-chain id:
 *
 * - from a GTIN (GTIN-8, -12/UPC-A, -13/EAN, -14): `"GTIN:" + the 14-digit GTIN`
 *   (shorter GTINs are left-padded with zeros, as GS1 does), e.g. `"GTIN:04006381333931"`;
 * - from an HS code plus the seller's SKU: `"HS:" + the HS digits without dots + "|SKU:" + SKU`
 *   (the SKU trimmed and Unicode NFC-normalised), e.g. `"HS:847130|SKU:LAPTOP-15-SILVER"`.
 *
 * Jurisdictions are ISO-3166-1 numeric country codes (1-999), as the registry stores them.
 * Every value refused here is a `TradeChainError` with code `INVALID_ARGUMENT`.
 */
import { keccak256, toUtf8Bytes } from "ethers";

import { COUNTRY_CODES } from "./countries.js";
import { clientError } from "./failure.js";

export { COUNTRY_CODES } from "./countries.js";

/** A 0x-prefixed 32-byte hex string, as `bytes32` values travel through ethers. */
export type Bytes32 = `0x${string}`;

/** Lengths of the GTIN family: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13), GTIN-14. */
const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14];
/** Every GTIN is normalised to this many digits before hashing. */
const GTIN_CANONICAL_LENGTH = 14;
/** Fewest digits of an HS code (the international 6-digit subheading). */
const HS_MIN_DIGITS = 6;
/** Most digits of an HS code (national tariff lines extend it up to 10). */
const HS_MAX_DIGITS = 10;
/** Highest ISO-3166-1 numeric code; the registry rejects 0 and anything above. */
export const MAX_JURISDICTION = 999;

/** A value refused by the parsers below. */
function invalid(name: string, message: string) {
  return clientError("INVALID_ARGUMENT", name, message);
}

/** Prefix of the canonical GTIN string. */
export const GTIN_PREFIX = "GTIN:";
/** Prefix of the canonical HS-code string. */
export const HS_PREFIX = "HS:";
/** Separator between the HS code and the SKU in the canonical string. */
export const SKU_SEPARATOR = "|SKU:";

/**
 * The GS1 check digit for `body` (all digits of a GTIN but the last): weights 3,1,3,1... from
 * the rightmost body digit, then the amount that rounds the sum up to a multiple of ten.
 */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body))
    throw invalid("InvalidGtin", `GTIN body must be digits only, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Validates a GTIN-8/12/13/14 (digits only, surrounding whitespace ignored, check digit
 * verified) and returns it left-padded to 14 digits.
 * @throws TradeChainError `INVALID_ARGUMENT` naming the problem when the input is not a valid GTIN.
 */
export function normalizeGtin(gtin: string): string {
  const digits = gtin.trim();
  if (!/^\d+$/.test(digits)) {
    throw invalid("InvalidGtin", `GTIN must contain digits only, got "${gtin}"`);
  }
  if (!GTIN_LENGTHS.includes(digits.length)) {
    throw invalid(
      "InvalidGtin",
      `GTIN must have ${GTIN_LENGTHS.join(", ")} digits, got ${digits.length} ("${gtin}")`,
    );
  }
  const expected = gtinCheckDigit(digits.slice(0, -1));
  const actual = Number(digits[digits.length - 1]);
  if (expected !== actual) {
    throw invalid(
      "InvalidGtin",
      `GTIN check digit of "${gtin}" is ${actual}, expected ${expected}`,
    );
  }
  return digits.padStart(GTIN_CANONICAL_LENGTH, "0");
}

/** The product id of a GTIN: `keccak256("GTIN:" + normalizeGtin(gtin))`. */
export function productIdFromGtin(gtin: string): Bytes32 {
  return keccak256(toUtf8Bytes(GTIN_PREFIX + normalizeGtin(gtin))) as Bytes32;
}

/**
 * Validates an HS code (6-10 digits, optionally grouped with dots such as "8471.30.01") and
 * returns its digits without dots.
 * @throws TradeChainError `INVALID_ARGUMENT` naming the problem when the input is not a valid HS code.
 */
export function normalizeHsCode(hsCode: string): string {
  const trimmed = hsCode.trim();
  if (!/^\d+(\.\d+)*$/.test(trimmed)) {
    throw invalid(
      "InvalidHsCode",
      `HS code must be digits optionally grouped by dots, got "${hsCode}"`,
    );
  }
  const digits = trimmed.replaceAll(".", "");
  if (digits.length < HS_MIN_DIGITS || digits.length > HS_MAX_DIGITS) {
    throw invalid(
      "InvalidHsCode",
      `HS code must have ${HS_MIN_DIGITS}-${HS_MAX_DIGITS} digits, got ${digits.length} ("${hsCode}")`,
    );
  }
  return digits;
}

/**
 * The product id of an HS code plus SKU:
 * `keccak256("HS:" + normalizeHsCode(hsCode) + "|SKU:" + sku.trim().normalize("NFC"))`.
 * @throws TradeChainError `INVALID_ARGUMENT` when the HS code is invalid or the SKU is empty.
 */
export function productIdFromHsCode(hsCode: string, sku: string): Bytes32 {
  const digits = normalizeHsCode(hsCode);
  const canonicalSku = sku.trim().normalize("NFC");
  if (canonicalSku.length === 0) throw invalid("EmptySku", "SKU must not be empty");
  return keccak256(toUtf8Bytes(HS_PREFIX + digits + SKU_SEPARATOR + canonicalSku)) as Bytes32;
}

const ALPHA2_BY_CODE: ReadonlyMap<number, string> = new Map(
  Object.entries(COUNTRY_CODES).map(([alpha2, code]) => [code, alpha2]),
);

/**
 * The ISO-3166-1 numeric code (the registry's jurisdiction) of an alpha-2 country code.
 * @throws TradeChainError `INVALID_ARGUMENT` for an unknown code.
 */
export function countryCode(alpha2: string): number {
  const key = alpha2.trim().toUpperCase();
  const code = Object.hasOwn(COUNTRY_CODES, key) ? COUNTRY_CODES[key] : undefined;
  if (code === undefined) {
    throw invalid("UnknownCountry", `Unknown ISO-3166-1 alpha-2 country code "${alpha2}"`);
  }
  return code;
}

/**
 * The alpha-2 code of an ISO-3166-1 numeric code (a jurisdiction read from the registry).
 * @throws TradeChainError `INVALID_ARGUMENT` when the number is not a jurisdiction or no
 * country's code.
 */
export function countryAlpha2(code: number): string {
  if (!isJurisdiction(code)) {
    throw invalid("InvalidJurisdiction", `${code} is not an ISO-3166-1 numeric code (1-999)`);
  }
  const alpha2 = ALPHA2_BY_CODE.get(code);
  if (alpha2 === undefined) {
    throw invalid("UnknownCountry", `No country with ISO-3166-1 numeric code ${code}`);
  }
  return alpha2;
}

/**
 * A jurisdiction for people: its alpha-2 code (`586` → `PK`), or the number itself when no
 * country has it (the registry takes any code from 1 to 999).
 */
export function formatJurisdiction(code: number | bigint): string {
  return ALPHA2_BY_CODE.get(Number(code)) ?? code.toString();
}

/** True when `code` is a value the registry accepts as a jurisdiction (an integer 1-999). */
export function isJurisdiction(code: number): boolean {
  return Number.isInteger(code) && code >= 1 && code <= MAX_JURISDICTION;
}

/**
 * A jurisdiction from what people type: an alpha-2 code (`PK`, any case) or an ISO-3166-1 numeric
 * code (`586`). The CLI and the explorer's API take countries this way.
 * @throws TradeChainError `INVALID_ARGUMENT` whose message says what is wrong with `text` and
 * what to give instead.
 */
export function parseJurisdiction(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const code = Number(trimmed);
    if (!isJurisdiction(code)) {
      throw invalid("InvalidJurisdiction", `${trimmed} is not an ISO-3166-1 numeric code (1-999)`);
    }
    return code;
  }
  const code = Object.hasOwn(COUNTRY_CODES, trimmed.toUpperCase())
    ? COUNTRY_CODES[trimmed.toUpperCase()]
    : undefined;
  if (code === undefined || trimmed === "") {
    throw invalid(
      "UnknownCountry",
      `unknown country "${text}"; use an alpha-2 code (PK) or an ISO-3166-1 numeric code (586)`,
    );
  }
  return code;
}

/** Digits of the national tariff code a product is registered with. */
export const HS_CODE_DIGITS = 8;
/** Levels at which customs may list an HS prefix: chapter, heading, subheading, national line. */
export const TARIFF_LEVELS: readonly number[] = [2, 4, 6, 8];

/** An HS prefix as the registry takes it: its number of digits and its value as a number. */
export interface TariffCode {
  /** 2 (chapter), 4 (heading), 6 (subheading) or 8 (national tariff line). */
  readonly digits: number;
  /** The digits read as a number: "0902" is 902. */
  readonly code: number;
}

/**
 * Parses an HS prefix of 2, 4, 6 or 8 digits, optionally grouped with dots ("8806", "0902.30",
 * "8471.30.00"), into the registry's form. Leading zeros count as digits; chapter "00" does not
 * exist.
 * @throws TradeChainError `INVALID_ARGUMENT` naming the problem when the input is not such a prefix.
 */
export function parseTariffCode(text: string): TariffCode {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)*$/.test(trimmed)) {
    throw invalid(
      "InvalidTariffCode",
      `HS code must be digits optionally grouped by dots, got "${text}"`,
    );
  }
  const digits = trimmed.replaceAll(".", "");
  if (!TARIFF_LEVELS.includes(digits.length)) {
    throw invalid(
      "InvalidTariffCode",
      `HS code must have ${TARIFF_LEVELS.join(", ")} digits, got ${digits.length} ("${text}")`,
    );
  }
  if (digits.startsWith("00")) {
    throw invalid("InvalidTariffCode", `HS chapter 00 does not exist ("${text}")`);
  }
  return { digits: digits.length, code: Number(digits) };
}

/**
 * The registry's number for a product's 8-digit HS code: "0902.30.00", "09023000" and 9023000
 * all give 9023000.
 * @throws TradeChainError `INVALID_ARGUMENT` when the input is not an 8-digit HS code of chapter 01-99.
 */
export function hsCodeNumber(hsCode: string | number): number {
  if (typeof hsCode === "number") {
    if (
      !Number.isInteger(hsCode) ||
      hsCode < 10 ** (HS_CODE_DIGITS - 2) ||
      hsCode >= 10 ** HS_CODE_DIGITS
    ) {
      throw invalid(
        "InvalidHsCode",
        `HS code must be an 8-digit code of chapter 01-99, got ${hsCode}`,
      );
    }
    return hsCode;
  }
  const parsed = parseTariffCode(hsCode);
  if (parsed.digits !== HS_CODE_DIGITS) {
    throw invalid(
      "InvalidHsCode",
      `A product's HS code must have 8 digits, got ${parsed.digits} ("${hsCode}")`,
    );
  }
  return parsed.code;
}

/**
 * Formats an HS prefix the way tariffs print it: `formatTariffCode(9023000)` is "0902.30.00",
 * `formatTariffCode(8806, 4)` is "8806".
 */
export function formatTariffCode(code: number | bigint, digits: number = HS_CODE_DIGITS): string {
  const padded = code.toString().padStart(digits, "0");
  return padded.replace(/^(\d{4})(\d{2})(\d{2})?$/, (_, h: string, s: string, n?: string) =>
    n === undefined ? `${h}.${s}` : `${h}.${s}.${n}`,
  );
}
