/**
 * What the page's browser tests share: headless Chromium (playwright-core driving the Chromium of
 * `@sparticuz/chromium`), amounts as the page formats them, and the checks every page passes in
 * every language (no English prose left, WCAG 2.1 AA by axe-core).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium, type Page } from "playwright-core";

import { REPOSITORY_ROOT } from "@tradechain/devkit/nodes";

/** Flags for a quiet, offline, sandbox-less headless Chromium (CI runs as root). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches the headless Chromium the tests drive. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    // One process per page, so that closing a page leaves the browser running.
    args: [...sparticuz.args.filter((a) => a !== "--single-process"), ...CHROMIUM_FLAGS],
    headless: true,
  });
}

/** An amount as the page shows it in its language (`Intl`, the token's decimals kept). */
export function pageMoney(page: Page, units: bigint, decimals: number, currency: string) {
  const whole = (units / 10n ** BigInt(decimals)).toString();
  const fraction = (units % 10n ** BigInt(decimals)).toString().padStart(decimals, "0");
  return page.evaluate(
    ([value, code, digits]) =>
      new Intl.NumberFormat(document.documentElement.lang, {
        style: "currency",
        currency: code,
        minimumFractionDigits: 2,
        maximumFractionDigits: Number(digits),
      }).format(value as unknown as number),
    [`${whole}.${fraction}`, currency, String(decimals)],
  );
}

/**
 * Words of English prose on the page: text outside data (`translate="no"`: hashes, addresses,
 * codes, the language switch's own names) with letters in lower case. Hex (`0x12…ab`) and codes in
 * capitals (GTIN, HS, USD, BRT-LAPTOP-15) are data, and the brand is a name.
 */
export function untranslatedWords(page: Page): Promise<string[]> {
  // A string, not a function: the test runner's transform would add helpers the page lacks.
  return page.evaluate(`(() => {
    const found = [];
    const prose = (text) =>
      text
        .replace(/0x[0-9a-fA-F]+(…[0-9a-fA-F]+)?/g, " ")
        .replace(/TradeChain/g, " ")
        .match(/[A-Za-z]*[a-z][A-Za-z]*/g) ?? [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent === null || parent.closest('[translate="no"], [hidden], script, style') !== null) {
        continue;
      }
      found.push(...prose(node.textContent ?? ""));
    }
    for (const el of Array.from(document.querySelectorAll("[placeholder], [aria-label]"))) {
      found.push(...prose((el.getAttribute("placeholder") ?? "") + " " + (el.getAttribute("aria-label") ?? "")));
    }
    return found;
  })()`);
}

const AXE = readFile(join(REPOSITORY_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/** What axe-core finds against WCAG 2.1 A and AA on the page: one line per rule and element. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) {
    await page.addScriptTag({ content: await AXE });
  }
  const violations = (await page.evaluate(`axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }).then((r) => r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) })))`)) as {
    id: string;
    targets: string[];
  }[];
  return violations.flatMap((v) => v.targets.map((target) => `${v.id}: ${target}`));
}
