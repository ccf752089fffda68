/**
 * Reading a request's parameters: each either gives a value the database can use or throws a 400
 * that names the parameter, what it must be and what was sent.
 */
import type { Context } from "hono";

import {
  countryAlpha2,
  countryCode,
  isJurisdiction,
  productIdFromGtin,
  productIdFromHsCode,
} from "@tradechain/sdk";
import { badRequest } from "./http";

export type Hex = `0x${string}`;

/** Most rows one page of a list returns, and the default. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;

export const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
export const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A path parameter (present whenever its route matched). */
export function param(c: Context, name: string): string {
  return c.req.param(name) ?? "";
}

/** A 32-byte id (order, product, transaction), in lower case. */
export function bytes32(value: string, what: "order id" | "product id"): Hex {
  if (!BYTES32.test(value)) {
    throw badRequest(
      `invalid_${what.replace(" ", "_")}`,
      `${what} must be 0x followed by 64 hex digits, got "${value}"`,
    );
  }
  return value.toLowerCase() as Hex;
}

/** An account or contract address, in lower case. */
export function address(value: string): Hex {
  if (!ADDRESS.test(value)) {
    throw badRequest(
      "invalid_address",
      `address must be 0x followed by 40 hex digits, got "${value}"`,
    );
  }
  return value.toLowerCase() as Hex;
}

/** A country by ISO-3166 alpha-2 (`PK`) or numeric code (`586`). */
export function jurisdiction(value: string): number {
  if (/^\d{1,3}$/.test(value)) {
    const code = Number(value);
    if (!isJurisdiction(code))
      throw badRequest("invalid_country", `${value} is not an ISO-3166-1 numeric code (1-999)`);
    return code;
  }
  try {
    return countryCode(value.toUpperCase());
  } catch {
    throw badRequest(
      "invalid_country",
      `unknown country "${value}": use ISO-3166 alpha-2 (PK) or numeric (586)`,
    );
  }
}

/** A country's alpha-2 code, or null for a numeric code with none (the pages show the number). */
export function alpha2(code: number): string | null {
  try {
    return countryAlpha2(code);
  } catch {
    return null;
  }
}

/** `limit`: 1-100 rows, default 25. */
function limitOf(c: Context): number {
  const text = c.req.query("limit") ?? String(DEFAULT_PAGE_SIZE);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PAGE_SIZE) {
    throw badRequest(
      "invalid_limit",
      `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got "${text}"`,
      "limit",
    );
  }
  return Number(text);
}

/** The query parameters of a list paged by offset. */
export const OFFSET_PAGE = ["limit", "offset"] as const;

/** `limit` (1-100, default 25) and `offset` of a list paged by offset. */
export function page(c: Context): { limit: number; offset: number } {
  const offsetText = c.req.query("offset") ?? "0";
  const limit = limitOf(c);
  if (!/^\d+$/.test(offsetText) || !Number.isSafeInteger(Number(offsetText))) {
    throw badRequest(
      "invalid_offset",
      `offset must be a whole number, got "${offsetText}"`,
      "offset",
    );
  }
  return { limit, offset: Number(offsetText) };
}

/** The query parameters of a list paged by cursor. */
export const CURSOR_PAGE = ["limit", "cursor"] as const;

/** A place in the chain's order of events: a block and a log index in it. */
export interface ChainPlace {
  readonly block: bigint;
  readonly logIndex: number;
}

/**
 * The cursor of a row: its place in the chain (`<block>-<logIndex>`). A page lists the rows
 * strictly before the cursor, newest first, so rows that arrive meanwhile (always later in the
 * chain) never shift the pages that follow.
 */
export const cursorOf = (place: ChainPlace): string => `${place.block}-${place.logIndex}`;

/** `limit` and `cursor` (the `nextCursor` of the previous page; none for the first page). */
export function cursorPage(c: Context): { limit: number; cursor: ChainPlace | undefined } {
  const limit = limitOf(c);
  const text = c.req.query("cursor");
  if (text === undefined) return { limit, cursor: undefined };
  const m = /^(\d{1,30})-(\d{1,9})$/.exec(text);
  if (m === null) {
    throw badRequest(
      "invalid_cursor",
      `cursor must be the nextCursor of a previous page (e.g. "1234-5"), got "${text}"`,
      "cursor",
    );
  }
  return { limit, cursor: { block: BigInt(m[1]), logIndex: Number(m[2]) } };
}

/**
 * A filter that takes one value or several, comma-separated, out of `allowed` (matched without
 * regard to case, returned as `allowed` spells them); undefined when the parameter is absent.
 */
export function oneOrMore<T extends string>(
  c: Context,
  name: string,
  allowed: readonly T[],
  code: string,
): T[] | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  const values = text.split(",").map((part) => {
    const value = allowed.find((a) => a.toLowerCase() === part.trim().toLowerCase());
    if (value === undefined) {
      throw badRequest(
        code,
        `${name} must be one of ${allowed.join(", ")} (several comma-separated), got "${text}"`,
        name,
      );
    }
    return value;
  });
  return [...new Set(values)];
}

/** A value from one of the SDK's parsers (`src/ids.ts`), whose error becomes the 400's message. */
export function parsed<T>(code: string, make: () => T, parameter?: string): T {
  try {
    return make();
  } catch (err) {
    throw badRequest(code, err instanceof Error ? err.message : String(err), parameter);
  }
}

/** An id the SDK computes (a product id from a GTIN, or from an HS code and SKU), lower case. */
export function idFrom(make: () => string, code = "invalid_product_key", parameter?: string): Hex {
  return parsed(code, make, parameter).toLowerCase() as Hex;
}

/** An HS code and SKU as people write them: "8471.30 BRT-LAPTOP-15", "HS:8471.30|SKU:BRT-LAPTOP-15". */
export const HS_AND_SKU = /^(?:HS:?\s*)?(\d{4}(?:\.?\d{2}){1,3})\s*(?:\|?SKU:|[\s|/,]+)\s*(\S.*)$/i;

/** A product named by its id, its GTIN, or its HS code and SKU (the SDK's product ids). */
export function productIdOf(text: string, parameter?: string): Hex {
  const key = text.trim();
  if (BYTES32.test(key)) return key.toLowerCase() as Hex;
  if (/^\d{8,14}$/.test(key))
    return idFrom(() => productIdFromGtin(key), "invalid_gtin", parameter);
  const hs = HS_AND_SKU.exec(key);
  if (hs !== null) return idFrom(() => productIdFromHsCode(hs[1], hs[2]), undefined, parameter);
  throw badRequest(
    "invalid_product_key",
    `a product is named by its id (0x + 64 hex digits), its GTIN, or its HS code and SKU ` +
      `("8471.30 BRT-LAPTOP-15"), got "${key}"`,
    parameter,
  );
}

/** The statuses a list can be asked for. */
export const LIST_STATUSES = ["Positive", "Negative", "Unlisted"] as const;
