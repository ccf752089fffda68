/**
 * The languages the explorer's page speaks, as BCP 47 tags: English, Simplified Chinese (sellers
 * in China) and Russian (buyers in Central Asia). The page's catalogues and the search box's
 * country names follow this list.
 */
export const LANGUAGES = ["en", "zh-CN", "ru"] as const;

export type Language = (typeof LANGUAGES)[number];

/** The language of a page with no choice made and no browser language the explorer speaks. */
export const DEFAULT_LANGUAGE: Language = "en";
