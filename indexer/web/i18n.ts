/**
 * The page's language: chosen by `?lang=`, else the reader's earlier choice (the switch on every
 * page, kept in `localStorage`), else the browser's languages, else English. Messages come from one
 * catalogue per language (`web/catalogues/`); numbers, amounts, dates and durations are formatted
 * for the language by `Intl`. The API's own messages stay English; its stable codes are translated.
 */
import { CATALOGUES, type MessageKey } from "./catalogues";
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from "./catalogues/languages";
import { type Child, h } from "./dom";

const STORAGE_KEY = "tradechain.lang";

let current: Language = DEFAULT_LANGUAGE;

/** The page's language. */
export function language(): Language {
  return current;
}

/** The language a tag means, if the explorer speaks it: any Chinese is zh-CN, `ru-KZ` is ru. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  if (tag === null || tag === undefined) return undefined;
  const lower = tag.trim().toLowerCase();
  const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const primary = lower.split(/[-_]/)[0];
  return LANGUAGES.find((l) => l.toLowerCase().split("-")[0] === primary);
}

function remembered(): Language | undefined {
  try {
    return languageOf(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined; // storage refused (private mode): the choice lasts for this page only
  }
}

/**
 * Picks the page's language: `?lang=` (also remembered: links shared with it keep the language
 * while the reader clicks on), the remembered choice, the browser's languages, English.
 */
export function chooseLanguage(): Language {
  const asked = languageOf(new URLSearchParams(window.location.search).get("lang"));
  if (asked !== undefined) remember(asked);
  current =
    asked ??
    remembered() ??
    navigator.languages.map(languageOf).find((l) => l !== undefined) ??
    DEFAULT_LANGUAGE;
  document.documentElement.lang = current;
  return current;
}

function remember(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage refused: nothing to remember with
  }
}

/** Switches the page's language and remembers the choice. */
export function setLanguage(lang: Language): void {
  current = lang;
  remember(lang);
  document.documentElement.lang = lang;
}

type Params = Readonly<Record<string, string | number>>;

/** A message in the page's language, `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Params = {}): string {
  const template = CATALOGUES[current][key] ?? CATALOGUES[DEFAULT_LANGUAGE][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** A message whose placeholders are nodes (a link, a badge): a span of text and those nodes. */
export function tn(key: MessageKey, params: Readonly<Record<string, Child>>): HTMLElement {
  const template = CATALOGUES[current][key] ?? CATALOGUES[DEFAULT_LANGUAGE][key];
  const parts: Child[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(template.slice(last, match.index));
    parts.push(Object.hasOwn(params, match[1]) ? params[match[1]] : match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(template.slice(last));
  return h("span", {}, ...parts);
}

/** Whether the catalogue has a message for a key built from data (a status, a code). */
export function has(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGUES[DEFAULT_LANGUAGE], key);
}

// ------------------------------------------------------------------------------ Intl

/** A count: `1,234`, `1 234`. */
export function number(value: number | bigint): string {
  return new Intl.NumberFormat(current).format(value);
}

/**
 * An amount of a token with `decimals` decimals in its currency, exactly: at least the currency's
 * usual two decimals, more when the amount has them (`US$1,200.50`, `1 200,50 $`).
 */
export function moneyText(units: bigint, decimals: number, currency: string): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const scale = 10n ** BigInt(decimals);
  const fraction = (magnitude % scale).toString().padStart(decimals, "0");
  const decimal = `${negative ? "-" : ""}${magnitude / scale}${decimals > 0 ? `.${fraction}` : ""}`;
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: Math.min(2, decimals),
    maximumFractionDigits: decimals,
  };
  try {
    return new Intl.NumberFormat(current, { ...options, style: "currency", currency }).format(
      decimal as unknown as number, // Intl formats decimal strings exactly (ES2023)
    );
  } catch {
    // Not an ISO 4217 code: the number, then the token's own code.
    return `${new Intl.NumberFormat(current, options).format(decimal as unknown as number)} ${currency}`;
  }
}

/** A unix time, in UTC, in the page's language. */
export function timeText(seconds: bigint | number): string {
  const when = new Intl.DateTimeFormat(current, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(Number(seconds) * 1000));
  return t("time.utc", { time: when });
}

const UNITS: readonly [Intl.NumberFormatOptions["unit"], number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** A duration as its largest unit and the next one when not zero: "2 days 3 hr", "2天3小时". */
export function durationText(seconds: number): string {
  const rest = Math.abs(Math.floor(seconds));
  const unit = (name: (typeof UNITS)[number][0], count: number) =>
    new Intl.NumberFormat(current, { style: "unit", unit: name, unitDisplay: "short" }).format(
      count,
    );
  const largest = UNITS.findIndex(([, size]) => rest >= size);
  if (largest === -1) return unit("second", 0);
  const [name, size] = UNITS[largest];
  const parts = [unit(name, Math.floor(rest / size))];
  const next = UNITS[largest + 1];
  if (next !== undefined) {
    const count = Math.floor((rest % size) / next[1]);
    if (count > 0) parts.push(unit(next[0], count));
  }
  return new Intl.ListFormat(current, { style: "narrow", type: "unit" }).format(parts);
}

/** A fee rate in basis points as a percentage: "0.75%". */
export function bpsText(bps: number): string {
  return new Intl.NumberFormat(current, { style: "percent", maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

// ------------------------------------------------------------------------------ the switch

const NAMES: Readonly<Record<Language, string>> = {
  en: "English",
  "zh-CN": "简体中文",
  ru: "Русский",
};

/** The language switch: each language named in itself; choosing one remembers it and redraws. */
export function languageSwitch(redraw: () => void): HTMLElement {
  const select = h(
    "select",
    { id: "lang", "aria-label": t("lang.label") },
    ...LANGUAGES.map((l) => {
      // Each language is named in itself: data for every reader, never translated.
      const option = h("option", { value: l, lang: l, translate: "no" }, NAMES[l]);
      if (l === current) option.setAttribute("selected", "");
      return option;
    }),
  ) as HTMLSelectElement;
  select.addEventListener("change", () => {
    const lang = languageOf(select.value);
    if (lang === undefined) return;
    setLanguage(lang);
    const url = new URL(window.location.href);
    if (url.searchParams.has("lang")) {
      url.searchParams.set("lang", lang);
      window.history.replaceState({}, "", url);
    }
    redraw();
  });
  return select;
}
