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
 */
import { keccak256, toUtf8Bytes } from "ethers";

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
  if (!/^\d+$/.test(body)) throw new Error(`GTIN body must be digits only, got "${body}"`);
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
 * @throws Error naming the problem when the input is not a valid GTIN.
 */
export function normalizeGtin(gtin: string): string {
  const digits = gtin.trim();
  if (!/^\d+$/.test(digits)) {
    throw new Error(`GTIN must contain digits only, got "${gtin}"`);
  }
  if (!GTIN_LENGTHS.includes(digits.length)) {
    throw new Error(
      `GTIN must have ${GTIN_LENGTHS.join(", ")} digits, got ${digits.length} ("${gtin}")`,
    );
  }
  const expected = gtinCheckDigit(digits.slice(0, -1));
  const actual = Number(digits[digits.length - 1]);
  if (expected !== actual) {
    throw new Error(`GTIN check digit of "${gtin}" is ${actual}, expected ${expected}`);
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
 * @throws Error naming the problem when the input is not a valid HS code.
 */
export function normalizeHsCode(hsCode: string): string {
  const trimmed = hsCode.trim();
  if (!/^\d+(\.\d+)*$/.test(trimmed)) {
    throw new Error(`HS code must be digits optionally grouped by dots, got "${hsCode}"`);
  }
  const digits = trimmed.replaceAll(".", "");
  if (digits.length < HS_MIN_DIGITS || digits.length > HS_MAX_DIGITS) {
    throw new Error(
      `HS code must have ${HS_MIN_DIGITS}-${HS_MAX_DIGITS} digits, got ${digits.length} ("${hsCode}")`,
    );
  }
  return digits;
}

/**
 * The product id of an HS code plus SKU:
 * `keccak256("HS:" + normalizeHsCode(hsCode) + "|SKU:" + sku.trim().normalize("NFC"))`.
 * @throws Error when the HS code is invalid or the SKU is empty.
 */
export function productIdFromHsCode(hsCode: string, sku: string): Bytes32 {
  const digits = normalizeHsCode(hsCode);
  const canonicalSku = sku.trim().normalize("NFC");
  if (canonicalSku.length === 0) throw new Error("SKU must not be empty");
  return keccak256(toUtf8Bytes(HS_PREFIX + digits + SKU_SEPARATOR + canonicalSku)) as Bytes32;
}

/** ISO-3166-1 alpha-2 → numeric codes of the countries TradeChain platforms trade with. */
export const COUNTRY_CODES: Readonly<Record<string, number>> = Object.freeze({
  AE: 784, // United Arab Emirates
  AF: 4, // Afghanistan
  AT: 40, // Austria
  AU: 36, // Australia
  BD: 50, // Bangladesh
  BE: 56, // Belgium
  BR: 76, // Brazil
  CA: 124, // Canada
  CH: 756, // Switzerland
  CN: 156, // China
  DE: 276, // Germany
  EG: 818, // Egypt
  ES: 724, // Spain
  FR: 250, // France
  GB: 826, // United Kingdom
  HK: 344, // Hong Kong
  ID: 360, // Indonesia
  IN: 356, // India
  IT: 380, // Italy
  JP: 392, // Japan
  KG: 417, // Kyrgyzstan
  KR: 410, // South Korea
  KZ: 398, // Kazakhstan
  LK: 144, // Sri Lanka
  MN: 496, // Mongolia
  MX: 484, // Mexico
  MY: 458, // Malaysia
  NG: 566, // Nigeria
  NL: 528, // Netherlands
  PH: 608, // Philippines
  PK: 586, // Pakistan
  PL: 616, // Poland
  RU: 643, // Russia
  SA: 682, // Saudi Arabia
  SE: 752, // Sweden
  SG: 702, // Singapore
  TH: 764, // Thailand
  TJ: 762, // Tajikistan
  TM: 795, // Turkmenistan
  TR: 792, // Türkiye
  US: 840, // United States
  UZ: 860, // Uzbekistan
  VN: 704, // Viet Nam
  ZA: 710, // South Africa
});

const ALPHA2_BY_CODE: ReadonlyMap<number, string> = new Map(
  Object.entries(COUNTRY_CODES).map(([alpha2, code]) => [code, alpha2]),
);

/**
 * The ISO-3166-1 numeric code (the registry's jurisdiction) of an alpha-2 country code.
 * @throws Error for an unknown code.
 */
export function countryCode(alpha2: string): number {
  const key = alpha2.trim().toUpperCase();
  const code = Object.hasOwn(COUNTRY_CODES, key) ? COUNTRY_CODES[key] : undefined;
  if (code === undefined) throw new Error(`Unknown ISO-3166-1 alpha-2 country code "${alpha2}"`);
  return code;
}

/**
 * The alpha-2 code of an ISO-3166-1 numeric code (a jurisdiction read from the registry).
 * @throws Error when the number is not a jurisdiction or not a country this table knows.
 */
export function countryAlpha2(code: number): string {
  if (!isJurisdiction(code)) throw new Error(`${code} is not an ISO-3166-1 numeric code (1-999)`);
  const alpha2 = ALPHA2_BY_CODE.get(code);
  if (alpha2 === undefined) throw new Error(`No country with ISO-3166-1 numeric code ${code}`);
  return alpha2;
}

/** True when `code` is a value the registry accepts as a jurisdiction (an integer 1-999). */
export function isJurisdiction(code: number): boolean {
  return Number.isInteger(code) && code >= 1 && code <= MAX_JURISDICTION;
}

/**
 * A jurisdiction from what people type: an alpha-2 code (`PK`, any case) or an ISO-3166-1 numeric
 * code (`586`). The CLI and the explorer's API take countries this way.
 * @throws Error whose message says what is wrong with `text` and what to give instead.
 */
export function parseJurisdiction(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const code = Number(trimmed);
    if (!isJurisdiction(code)) {
      throw new Error(`${trimmed} is not an ISO-3166-1 numeric code (1-999)`);
    }
    return code;
  }
  const code = Object.hasOwn(COUNTRY_CODES, trimmed.toUpperCase())
    ? COUNTRY_CODES[trimmed.toUpperCase()]
    : undefined;
  if (code === undefined || trimmed === "") {
    throw new Error(
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
 * @throws Error naming the problem when the input is not such a prefix.
 */
export function parseTariffCode(text: string): TariffCode {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)*$/.test(trimmed)) {
    throw new Error(`HS code must be digits optionally grouped by dots, got "${text}"`);
  }
  const digits = trimmed.replaceAll(".", "");
  if (!TARIFF_LEVELS.includes(digits.length)) {
    throw new Error(
      `HS code must have ${TARIFF_LEVELS.join(", ")} digits, got ${digits.length} ("${text}")`,
    );
  }
  if (digits.startsWith("00")) throw new Error(`HS chapter 00 does not exist ("${text}")`);
  return { digits: digits.length, code: Number(digits) };
}

/**
 * The registry's number for a product's 8-digit HS code: "0902.30.00", "09023000" and 9023000
 * all give 9023000.
 * @throws Error when the input is not an 8-digit HS code of chapter 01-99.
 */
export function hsCodeNumber(hsCode: string | number): number {
  if (typeof hsCode === "number") {
    if (
      !Number.isInteger(hsCode) ||
      hsCode < 10 ** (HS_CODE_DIGITS - 2) ||
      hsCode >= 10 ** HS_CODE_DIGITS
    ) {
      throw new Error(`HS code must be an 8-digit code of chapter 01-99, got ${hsCode}`);
    }
    return hsCode;
  }
  const parsed = parseTariffCode(hsCode);
  if (parsed.digits !== HS_CODE_DIGITS) {
    throw new Error(`A product's HS code must have 8 digits, got ${parsed.digits} ("${hsCode}")`);
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
