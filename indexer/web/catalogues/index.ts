/**
 * One message catalogue per language the page speaks: English defines the keys, every other
 * language has each of them (the types say so, `indexer/test/i18n.test.ts` checks it at run time,
 * with the placeholders). The order timeline's steps come from the SDK's own catalogue
 * (`src/timeline-steps.ts`), the one source of that wording.
 */
import { en, type MessageKey } from "./en";
import type { Language } from "./languages";
import { ru } from "./ru";
import { zhCN } from "./zh-CN";

export type { MessageKey };

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  en,
  "zh-CN": zhCN,
  ru,
};
