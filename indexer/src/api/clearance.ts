/**
 * Effective clearance: what the registry's `clearanceOf` decides for a product at a destination,
 * worked out from the indexed entries, with the entry that decided it. Pure rules (no database),
 * in the contract's order:
 *
 * 1. the product's own entry in that country, when it is listed and live;
 * 2. else the country's entry for the longest prefix of the product's HS code (national line,
 *    subheading, heading, chapter) that is listed and live;
 * 3. else Unlisted.
 *
 * An entry is live while it has no expiry or the chain's time is before it (`_isLive`). What a
 * decision means for an order: Negative is refused at creation; Positive is cleared when shipped;
 * Unlisted is cleared when shipped unless the country has customs authorities, who then clear
 * each shipment (`TradeEscrow.ship`).
 */
import { formatTariffCode } from "@tradechain/sdk";

export type ListStatus = "Positive" | "Negative" | "Unlisted";

/** A list entry as indexed (a product's, or an HS prefix's with its level and code). */
export interface ListEntry {
  readonly status: string;
  readonly expiresAt: bigint;
}

export interface TariffEntry extends ListEntry {
  readonly digits: number;
  readonly code: number;
}

/** What an order to the country can expect. */
export type Outcome = "refused" | "cleared-on-shipment" | "customs-clearance";

/** A clearance and what decided it. */
export interface Decision<P extends ListEntry, T extends TariffEntry> {
  readonly status: ListStatus;
  readonly source: "Product" | "Tariff" | "None";
  /** The deciding prefix's level (2, 4, 6 or 8) and code, 0 unless `source` is "Tariff". */
  readonly digits: number;
  readonly code: number;
  /** The deciding prefix as tariffs print it ("8806", "6214.10"), when `source` is "Tariff". */
  readonly codeText: string | null;
  /** The deciding entry. */
  readonly entry: P | T | null;
  readonly outcome: Outcome;
}

/** Levels of the HS prefixes of a product's code, longest first (the contract's precedence). */
const LEVELS_LONGEST_FIRST = [8, 6, 4, 2] as const;

/** The prefixes of an 8-digit HS code: national line, subheading, heading, chapter. */
export function prefixesOf(hsCode: number): { digits: number; code: number }[] {
  return LEVELS_LONGEST_FIRST.map((digits) => ({
    digits,
    code: Math.floor(hsCode / 10 ** (8 - digits)),
  }));
}

/** Whether an entry is on a list and not expired at chain time `now` (unix seconds). */
export function isLive(entry: ListEntry, now: bigint): boolean {
  return entry.status !== "Unlisted" && (entry.expiresAt === 0n || now < entry.expiresAt);
}

function outcomeOf(status: ListStatus, customsRequired: boolean): Outcome {
  if (status === "Negative") return "refused";
  if (status === "Positive" || !customsRequired) return "cleared-on-shipment";
  return "customs-clearance";
}

/**
 * The clearance of a product whose HS code in the country is `hsCode`, from the product's entry in
 * that country (if any) and the country's entries for prefixes of that code.
 */
export function decideClearance<P extends ListEntry, T extends TariffEntry>(input: {
  readonly hsCode: number;
  readonly productEntry: P | undefined;
  readonly tariffEntries: readonly T[];
  readonly customsRequired: boolean;
  readonly now: bigint;
}): Decision<P, T> {
  const { productEntry, now, customsRequired } = input;
  if (productEntry !== undefined && isLive(productEntry, now)) {
    const status = productEntry.status as ListStatus;
    return {
      status,
      source: "Product",
      digits: 0,
      code: 0,
      codeText: null,
      entry: productEntry,
      outcome: outcomeOf(status, customsRequired),
    };
  }
  for (const prefix of prefixesOf(input.hsCode)) {
    const entry = input.tariffEntries.find(
      (t) => t.digits === prefix.digits && t.code === prefix.code && isLive(t, now),
    );
    if (entry !== undefined) {
      const status = entry.status as ListStatus;
      return {
        status,
        source: "Tariff",
        ...prefix,
        codeText: formatTariffCode(prefix.code, prefix.digits),
        entry,
        outcome: outcomeOf(status, customsRequired),
      };
    }
  }
  return {
    status: "Unlisted",
    source: "None",
    digits: 0,
    code: 0,
    codeText: null,
    entry: null,
    outcome: outcomeOf("Unlisted", customsRequired),
  };
}

/** The range of 8-digit HS codes under a prefix: `[first, last]`. */
export function codesUnder(prefix: { digits: number; code: number }): [number, number] {
  const scale = 10 ** (8 - prefix.digits);
  return [prefix.code * scale, (prefix.code + 1) * scale - 1];
}

/** Whether one prefix contains the other (an entry for either concerns products under both). */
export function overlaps(
  a: { digits: number; code: number },
  b: { digits: number; code: number },
): boolean {
  const [short, long] = a.digits <= b.digits ? [a, b] : [b, a];
  return Math.floor(long.code / 10 ** (long.digits - short.digits)) === short.code;
}
