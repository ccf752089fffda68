/**
 * Countries by name, in every language the page speaks ("Pakistan", "巴基斯坦", "Пакистан"), for the
 * search box. Names come from the runtime's CLDR data (`Intl.DisplayNames`), for every country
 * the SDK knows (`COUNTRY_CODES`).
 */
import { LANGUAGES } from "../../web/catalogues/languages";
import { COUNTRY_CODES } from "@tradechain/sdk";

/** A name as compared: lower case, accents and spacing folded ("Türkiye" ≈ "turkiye"). */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[\s'’.,-]+/g, " ")
    .trim();
}

/** Alpha-2 codes by folded name, in every language, long and short ("Hong Kong", "США"). */
const BY_NAME: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  for (const language of LANGUAGES) {
    for (const style of ["long", "short"] as const) {
      const display = new Intl.DisplayNames([language], {
        type: "region",
        style,
        fallback: "none",
      });
      for (const alpha2 of Object.keys(COUNTRY_CODES)) {
        const name = display.of(alpha2);
        if (name !== undefined) names.set(foldName(name), alpha2);
      }
    }
  }
  return names;
})();

/**
 * The country a name means: an exact name in any page language, else the one country whose name
 * starts with the text (three characters or more), or for Chinese text the one whose name holds it.
 */
export function countryByName(text: string): string | undefined {
  const folded = foldName(text);
  if (folded === "") return undefined;
  const exact = BY_NAME.get(folded);
  if (exact !== undefined) return exact;
  const han = /\p{Script=Han}/u.test(folded);
  if (!han && folded.length < 3) return undefined;
  const matches = new Set<string>();
  for (const [name, alpha2] of BY_NAME) {
    if (han ? name.includes(folded) : name.startsWith(folded)) matches.add(alpha2);
  }
  return matches.size === 1 ? [...matches][0] : undefined;
}
