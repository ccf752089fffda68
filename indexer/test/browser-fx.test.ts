/**
 * Cross-currency orders on the page, in headless Chromium (`browser-kit.ts`): the order page shows
 * both legs (the pay leg in the buyer's currency, the payout leg in the seller's, the provider) and
 * each money step's parts in both currencies, in English and in Chinese; the provider's page shows
 * its exposure per pair. Every FX page is translated and accessible in every language (screenshots
 * under `indexer/screenshots/fx-*`, gitignored).
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import type { Browser, Page } from "playwright-core";

import { INDEXER } from "../harness.js";
import { axeViolations, launchBrowser, pageMoney, untranslatedWords } from "./browser-kit.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";
import type { FxFixture } from "./fx-orders.js";

const WAIT_MS = 15_000;
/** Screenshots, gitignored, beside `browser.test.ts`'s. */
const SCREENSHOTS = join(INDEXER, "screenshots");

let x: ExplorerFixture;
let fx: FxFixture;
let browser: Browser;

before(async () => {
  x = await startExplorerFixture("browser-fx", {}, { fx: true });
  if (x.fx === undefined) throw new Error("the fixture made no cross-currency order");
  fx = x.fx;
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await x?.close();
});

/** Opens `path` in `lang` and waits for its view. */
async function open(path: string, lang: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${x.api}${path}?lang=${lang}`);
  await page.waitForSelector("main > article, main > .error", { timeout: WAIT_MS });
  return page;
}

/** The cells of a table's rows. */
function rows(page: Page, table: string): Promise<string[][]> {
  return page.$$eval(`table.${table} tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
  );
}

/** USD (6 decimals on the demo's coin) and CNY amounts as the page writes them. */
async function amounts(page: Page, usd: bigint, cny: bigint): Promise<[string, string]> {
  const [payInfo, payoutInfo] = await Promise.all([
    x.client.tokenInfo(fx.sale.terms.token),
    x.client.tokenInfo(fx.sale.quote.payoutToken),
  ]);
  return [
    await pageMoney(page, usd, payInfo.decimals, payInfo.currency),
    await pageMoney(page, cny, payoutInfo.decimals, payoutInfo.currency),
  ];
}

describe("a cross-currency order on the page", () => {
  for (const [lang, payLeg, payoutLeg, title] of [
    ["en", "Pay leg (the buyer's currency)", "Payout leg (the seller's currency)", "Both legs"],
    ["zh-CN", "付款腿（买家币种）", "收款腿（卖家币种）", "两条资金腿"],
  ] as const) {
    it(`shows both legs and each step's parts in both currencies (${lang})`, async () => {
      const page = await open(`/order/${fx.sale.orderId}`, lang);
      await page.waitForSelector("table.fx-legs", { timeout: WAIT_MS });
      const headings = await page.$$eval("h2", (hs) => hs.map((h) => h.textContent ?? ""));
      assert.ok(
        headings.some((h) => h.startsWith(title)),
        headings.join(" | "),
      );
      const [pay, payout] = await rows(page, "fx-legs");
      const [payAmount, payoutAmount] = await amounts(
        page,
        fx.sale.terms.amount,
        fx.sale.quote.payoutAmount,
      );
      assert.equal(pay?.[0], payLeg);
      assert.equal(pay?.[1], payAmount);
      assert.equal(payout?.[0], payoutLeg);
      assert.equal(payout?.[1], payoutAmount);
      // The seller's partial refund: 100 USD to the buyer, a tenth of the payout leg back to the
      // provider, in their own currencies.
      const [refund, confirm] = await rows(page, "fx-splits");
      const backToProvider = (fx.partialRefund * fx.sale.quote.payoutAmount) / fx.sale.terms.amount;
      const [toBuyer, toProvider] = await amounts(page, fx.partialRefund, backToProvider);
      assert.equal(refund?.[2], toBuyer);
      assert.equal(refund?.[6], toProvider);
      assert.ok(confirm, "the confirmation's split");
      const [providerPay] = await amounts(page, fx.sale.terms.amount - fx.partialRefund, 0n);
      assert.equal(confirm[3], providerPay);
      // The timeline names the cross-currency steps in the page's language.
      const timeline = await rows(page, "timeline");
      assert.equal(
        timeline.length,
        ((await x.get(`/api/orders/${fx.sale.orderId}`)).body.timeline as []).length,
      );
      if (lang === "zh-CN") {
        assert.ok(timeline.some((r) => r[1] === "收款腿已注资"));
        assert.deepEqual(await untranslatedWords(page), []);
      } else {
        assert.ok(timeline.some((r) => r[1] === "Payout leg funded"));
      }
      await page.close();
    });
  }

  it("links the provider's page: exposure per pair, cap, feed and its orders", async () => {
    const page = await open(`/order/${fx.open.orderId}`, "en");
    await page.waitForSelector("table.fx-legs", { timeout: WAIT_MS });
    await page.click(`a[href="/provider/${fx.provider.toLowerCase()}"] >> nth=0`);
    await page.waitForSelector("table.fx-exposure", { timeout: WAIT_MS });
    const [line] = await rows(page, "fx-exposure");
    const [, openLegs] = await amounts(page, 0n, fx.open.quote.payoutAmount);
    const [, cap] = await amounts(page, 0n, fx.cap);
    assert.deepEqual(line?.slice(0, 3), ["USD → CNY", openLegs, cap]);
    assert.match(line?.[6] ?? "", /^0x/);
    const orders = await rows(page, "fx-orders");
    assert.equal(orders.length, 4);
    await page.close();
  });

  it("is translated and accessible in every language, at 1280 and 390 px", async () => {
    for (const lang of ["zh-CN", "ru", "en"]) {
      for (const width of [1280, 390]) {
        for (const path of [
          `/order/${fx.sale.orderId}`,
          `/order/${fx.disputed.orderId}`,
          `/provider/${fx.provider}`,
        ]) {
          const page = await open(path, lang, width);
          await page.waitForSelector("table.fx-legs, table.fx-exposure", { timeout: WAIT_MS });
          if (lang !== "en") assert.deepEqual(await untranslatedWords(page), [], `${lang} ${path}`);
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(scroll <= width, `${lang} ${path} is ${scroll}px wide at ${width}px`);
          assert.deepEqual(await axeViolations(page), [], `${lang} ${width}px ${path}`);
          const name = `fx-${path.split("/")[1]}-${path === `/order/${fx.sale.orderId}` ? "sale-" : ""}`;
          await page.screenshot({
            path: join(SCREENSHOTS, `${name}${lang}-${width}.png`),
            fullPage: true,
          });
          await page.close();
        }
      }
    }
  });
});
