/**
 * The page in headless Chromium (playwright-core driving the Chromium of `@sparticuz/chromium`,
 * both pinned in package.json): a person's path through the demo's data. Search an order id →
 * the order page shows the chain's status, amounts and every timeline row; click through to the
 * seller, the product and a country's list; the same at phone width. Screenshots are saved under
 * `indexer/screenshots/` (gitignored).
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium, type Page } from "playwright-core";

import { formatAmount } from "@tradechain/sdk";
import { PRODUCTS } from "@tradechain/devkit/demo";

import { INDEXER } from "../harness.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

const SCREENSHOTS = join(INDEXER, "screenshots");
/** Flags for a quiet, offline, sandbox-less headless Chromium (CI runs as root). */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const WAIT_MS = 15_000;

let x: ExplorerFixture;
let browser: Browser;
const foreign: string[] = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  x = await startExplorerFixture("browser");
  browser = await chromium.launch({
    executablePath: await sparticuz.executablePath(),
    // One process per page, so that closing a page leaves the browser running.
    args: [...sparticuz.args.filter((a) => a !== "--single-process"), ...CHROMIUM_FLAGS],
    headless: true,
  });
});
after(async () => {
  await browser?.close();
  await x?.close();
});

async function openPage(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  // The page must work offline: any request off the explorer's own origin fails the test.
  page.on("request", (r) => {
    if (!r.url().startsWith(x.api)) foreign.push(r.url());
  });
  return page;
}

async function search(page: Page, q: string): Promise<void> {
  await page.fill("#q", q);
  await page.click("#search button");
}

function happyOrder(): string {
  const outcome = x.outcomes.find((o) => o.key === "happy-permit");
  assert.ok(outcome?.orderId);
  return outcome.orderId;
}

describe("the explorer page", () => {
  it("shows an order found by its id: status, amounts and every timeline row", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${x.api}/`);
    await page.waitForSelector("table.countries", { timeout: WAIT_MS });
    const orderId = happyOrder();
    await search(page, orderId);
    await page.waitForSelector("#summary", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).pathname, `/order/${orderId.toLowerCase()}`);

    const state = await x.client.orderState(orderId);
    assert.equal(await page.textContent("h1 .badge"), state.status);
    const terms = await x.client.termsOf(orderId);
    const info = await x.client.tokenInfo(terms.token);
    const amount = formatAmount(terms.amount, info.decimals, info.currency);
    assert.match(amount, /^US\$ /);
    const summary = (await page.textContent("#summary")) ?? "";
    assert.ok(summary.includes(amount), summary);
    assert.ok(summary.endsWith(state.status), summary);

    const timeline = await x.client.orderTimeline(orderId);
    const rows = await page.$$eval("table.timeline tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    assert.equal(rows.length, timeline.length);
    rows.forEach((cells, i) => {
      assert.equal(cells[1], timeline[i].event, `row ${i}`);
      assert.equal(cells[4], String(timeline[i].blockNumber), `row ${i}`);
      assert.match(cells[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    });
    const confirmed = timeline.find((e) => e.event === "ReceiptConfirmed");
    assert.ok(confirmed);
    const paid = formatAmount(confirmed.args.sellerAmount as bigint, info.decimals, info.currency);
    const moneyText = (await page.textContent("dl.facts")) ?? "";
    assert.ok(moneyText.includes(`Released to seller${paid}`), moneyText);
    assert.ok(
      moneyText.includes(`Held in escrow${formatAmount(0n, info.decimals, info.currency)}`),
    );
    await page.screenshot({ path: join(SCREENSHOTS, "order-1280.png"), fullPage: true });

    // Click through: the seller, back, the product, then Pakistan's positive list.
    await page.click("table.parties tbody tr:nth-child(2) a");
    await page.waitForSelector("article.participant", { timeout: WAIT_MS });
    const seller = x.stage.accounts.exporter.toLowerCase();
    assert.equal(await page.textContent("article.participant h1 code"), seller);
    const lines = await x.client.creditOf(seller);
    const rows2 = await page.$$eval("table.credit tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    for (const line of lines.filter((l) => l.salesCompleted > 0)) {
      const row = rows2.find((r) => r[0] === line.currency);
      assert.ok(row, `a credit row in ${line.currency}`);
      assert.equal(row[1], String(line.salesCompleted));
      assert.equal(row.at(-1), formatAmount(line.volume, 6, line.currency));
    }
    await page.screenshot({ path: join(SCREENSHOTS, "participant-1280.png"), fullPage: true });

    await page.goBack();
    await page.waitForSelector("#summary", { timeout: WAIT_MS });
    await page.click(`a[href="/product/${PRODUCTS.laptop.id.toLowerCase()}"]`);
    await page.waitForSelector("table.listings", { timeout: WAIT_MS });
    const listingRow = await page.$$eval("table.listings tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    assert.deepEqual(
      listingRow.map((r) => [r[0], r[1]]),
      [["PK", "Positive"]],
    );
    await page.screenshot({ path: join(SCREENSHOTS, "product-1280.png"), fullPage: true });

    await page.click('table.listings a[href="/country/PK"]');
    await page.waitForSelector("table.list", { timeout: WAIT_MS });
    const listed = await page.$$eval("table.list tbody tr td:first-child a", (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    assert.deepEqual(listed, [`/product/${PRODUCTS.laptop.id.toLowerCase()}`]);
    await page.click('nav.tabs a[href="/country/PK?status=Negative"]');
    await page.waitForFunction(
      () =>
        document
          .querySelector('nav.tabs a[aria-current="page"]')
          ?.textContent?.startsWith("Negative"),
      undefined,
      { timeout: WAIT_MS },
    );
    const negative = await page.$$eval("table.list tbody tr td:first-child a", (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    // The demo bans drones in Pakistan by HS heading 8806, not any product by id.
    assert.deepEqual(negative, []);
    const headings = await page.$$eval("table.tariff-list tbody tr td:first-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(headings, ["8806"]);
    await page.screenshot({ path: join(SCREENSHOTS, "country-1280.png"), fullPage: true });
    assert.equal(await page.isHidden("#banner"), true, "no banner when caught up");
    await page.close();
    assert.deepEqual(foreign, [], "requests off the explorer's origin");
  });

  it("works at phone width and says what was not found", async () => {
    const page = await openPage(390, 844);
    await page.goto(`${x.api}/order/${happyOrder()}`);
    await page.waitForSelector("#summary", { timeout: WAIT_MS });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide at phone width`);
    await page.screenshot({ path: join(SCREENSHOTS, "order-phone.png"), fullPage: true });

    await search(page, `0x${"ef".repeat(32)}`);
    await page.waitForSelector("#error-message", { timeout: WAIT_MS });
    assert.match((await page.textContent("#error-message")) ?? "", /nothing indexed has id/);
    await search(page, "6901234567892");
    await page.waitForSelector("article.product", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).pathname, `/product/${PRODUCTS.tea.id.toLowerCase()}`);
    await page.close();
    assert.deepEqual(foreign, [], "requests off the explorer's origin");
  });
});
