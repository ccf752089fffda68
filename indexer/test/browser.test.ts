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

import type { Browser, Page } from "playwright-core";

import { PRODUCTS } from "@tradechain/devkit/demo";
import { rpcCall } from "@tradechain/devkit/nodes";

import { INDEXER } from "../harness.js";
import { axeViolations, launchBrowser, pageMoney, untranslatedWords } from "./browser-kit.js";
import { type ExplorerFixture, startExplorerFixture } from "./fixture.js";

const SCREENSHOTS = join(INDEXER, "screenshots");
const WAIT_MS = 15_000;
/** Generous bound for a live update (the page polls every 2 s): a bound, not a measurement. */
const LIVE_MS = 30_000;

type Json = Record<string, unknown>;

let x: ExplorerFixture;
let browser: Browser;
const foreign: string[] = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  x = await startExplorerFixture("browser");
  browser = await launchBrowser();
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

/** A unix time as the English page shows it: `Intl`, medium date and time, then "UTC". */
function pageTime(page: Page, seconds: bigint) {
  return page.evaluate(
    (ms) =>
      `${new Intl.DateTimeFormat(document.documentElement.lang, {
        dateStyle: "medium",
        timeStyle: "medium",
        timeZone: "UTC",
      }).format(new Date(ms))} UTC`,
    Number(seconds) * 1000,
  );
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
    const amount = await pageMoney(page, terms.amount, info.decimals, info.currency);
    assert.match(amount, /^\$\d/);
    const summary = (await page.textContent("#summary")) ?? "";
    assert.ok(summary.includes(amount), summary);
    assert.ok(summary.endsWith(state.status), summary);

    const timeline = await x.client.orderTimeline(orderId);
    const rows = await page.$$eval("table.timeline tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    assert.equal(rows.length, timeline.length);
    for (const [i, cells] of rows.entries()) {
      // The SDK's own step wording: one source for the SDK, the demo and the page.
      assert.equal(cells[1], timeline[i].step, `row ${i}`);
      assert.equal(cells[4], String(timeline[i].blockNumber), `row ${i}`);
      assert.equal(cells[0], await pageTime(page, timeline[i].timestamp), `row ${i}`);
    }
    const confirmed = timeline.find((e) => e.event === "ReceiptConfirmed");
    assert.ok(confirmed);
    const paid = await pageMoney(
      page,
      confirmed.args.sellerAmount as bigint,
      info.decimals,
      info.currency,
    );
    const moneyText = (await page.textContent("dl.facts")) ?? "";
    assert.ok(moneyText.includes(`Released to seller${paid}`), moneyText);
    const none = await pageMoney(page, 0n, info.decimals, info.currency);
    assert.ok(moneyText.includes(`Held in escrow${none}`), moneyText);
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
      // Volume, then what the seller refunded, in that currency.
      assert.equal(row.at(-2), await pageMoney(page, line.volume, 6, line.currency));
      assert.equal(row.at(-1), await pageMoney(page, line.refundedVolume, 6, line.currency));
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

  it("gives customs the answer at a glance: clearance by country, can it enter, HS pages", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${x.api}/product/${PRODUCTS.drone.id}`);
    await page.waitForSelector("table.clearance", { timeout: WAIT_MS });
    const rows = await page.$$eval("table.clearance tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    const pk = rows.find((r) => r[0] === "PK");
    // The code Pakistan applies, marked when a re-classification left it held there.
    const drone = await x.get(`/api/products/${PRODUCTS.drone.id}`);
    const binding = ((drone.body.clearance as Json[]).find((c) => c.country === "PK") as Json)
      .binding as Json | null;
    const applied =
      binding === null
        ? "8806.22.00"
        : `8806.22.00, ${binding.held === true ? "held until customs decide" : "bound by customs"}`;
    assert.deepEqual(pk?.slice(0, 5), [
      "PK",
      applied,
      "Negative",
      "by HS 8806",
      "No: orders to it are refused",
    ]);
    const text = (await page.textContent("article.product")) ?? "";
    assert.doesNotMatch(text, /Not on any country's list/);

    await page.goto(`${x.api}/country/PK`);
    await page.waitForSelector("nav.tabs", { timeout: WAIT_MS });
    const tabs = await page.$$eval("nav.tabs a", (as) => as.map((a) => a.textContent));
    assert.deepEqual(tabs, ["Positive list (1)", "Negative list (1)", "All entries (2)"]);
    await page.fill("#check", "8806.22 BRT-QUAD-X1");
    await page.click("form:has(#check) button");
    await page.waitForSelector("#entry-answer .answer", { timeout: WAIT_MS });
    assert.equal(
      (await page.textContent("#entry-answer .answer"))?.trim(),
      `No: orders to it are refused. Negative in PK by HS 8806 (HS code applied: ${applied})`,
    );
    await page.click("nav.tabs a:has-text('All entries')");
    await page.waitForFunction(() => window.location.search.includes("status=all"), undefined, {
      timeout: WAIT_MS,
    });
    await page.fill("#hs", "8806");
    await page.click("form:has(#hs) button");
    await page.waitForFunction(() => window.location.search.includes("hs=8806"), undefined, {
      timeout: WAIT_MS,
    });
    await page.waitForSelector("table.tariff-list", { timeout: WAIT_MS });
    const prefixes = await page.$$eval("table.tariff-list tbody tr td:first-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(prefixes, ["8806"]);
    assert.equal(await page.$$eval("table.list tbody tr", (trs) => trs.length), 0);
    await page.screenshot({ path: join(SCREENSHOTS, "country-customs-1280.png"), fullPage: true });

    await search(page, "Pakistan");
    await page.waitForFunction(() => window.location.pathname === "/country/PK", undefined, {
      timeout: WAIT_MS,
    });
    await search(page, "8806");
    await page.waitForSelector("article.hs table.entries", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).pathname, "/hs/8806");
    const entries = await page.$$eval("table.entries tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    assert.deepEqual(
      entries.map((r) => r.slice(0, 3)),
      [["PK", "8806", "Negative"]],
    );
    const products = await page.$$eval("table.products tbody tr td:first-child a", (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    assert.deepEqual(products, [`/product/${PRODUCTS.drone.id.toLowerCase()}`]);
    await page.close();
    assert.deepEqual(foreign, [], "requests off the explorer's origin");
  });

  it("speaks trade on an order: next action, default arbiter, HS code, dispute panel", async () => {
    const page = await openPage(1280, 900);
    const happy = happyOrder();
    await page.goto(`${x.api}/order/${happy}`);
    await page.waitForSelector("#next-action", { timeout: WAIT_MS });
    assert.equal(await page.textContent("#next-action"), "Nobody: the order is closed.");
    const roles = await page.$$eval("table.parties tbody tr td:first-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(roles, ["buyer", "seller", "arbiter (the escrow's default arbiter)"]);
    const terms = (await page.textContent("article.order")) ?? "";
    assert.match(terms, /\(HS 8471\.30\.00\)/);

    const ruled = x.outcomes.find((o) => o.key === "dispute-ruling")?.orderId;
    assert.ok(ruled);
    await page.goto(`${x.api}/order/${ruled}`);
    await page.waitForSelector("#ruling", { timeout: WAIT_MS });
    const sdk = await x.client.orderTimeline(ruled);
    const resolved = sdk.find((e) => e.event === "DisputeResolved");
    assert.ok(resolved);
    const ruling = (await page.textContent("#ruling")) ?? "";
    // The SDK's step for the ruling, with the amounts the page formats for its reader.
    assert.ok(ruling.startsWith(`${resolved.step}: buyer `), ruling);
    assert.equal(resolved.step, "Ruled by arbiter");
    const evidence = await page.$$eval("table.evidence tbody tr", (trs) => trs.length);
    assert.equal(
      evidence,
      sdk.filter((e) => e.event === "DisputeOpened" || e.event === "EvidenceSubmitted").length,
    );
    await page.screenshot({ path: join(SCREENSHOTS, "order-dispute-1280.png"), fullPage: true });
    await page.close();
  });

  it("follows the chain live: a new order appears, its deadline counts down in chain time", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${x.api}/`);
    await page.waitForSelector("table.recent-orders", { timeout: WAIT_MS });
    const { importer } = x.stage.clients;
    const { orderId, terms } = await importer.createOrder({
      seller: x.stage.accounts.exporter,
      buyer: x.stage.accounts.importer,
      token: "USD",
      amount: 25_000_000n,
      productId: PRODUCTS.laptop.id,
      destination: 586,
      confirmWindow: 7 * 86_400,
    });
    const first = `table.recent-orders tbody tr:first-child a[href="/order/${orderId.toLowerCase()}"]`;
    // No reload: the page polls the indexer's status and redraws when it has new events.
    await page.waitForSelector(first, { timeout: LIVE_MS });
    await page.click(first);
    await page.waitForSelector("#next-action", { timeout: WAIT_MS });
    const before = (await page.textContent("#next-action")) ?? "";
    assert.match(before, /^The seller ships the goods by .* left in chain time$/);
    // Days after the ship-by date in chain time; the reader's clock has not moved.
    const latest = await x.provider.getBlock("latest");
    assert.ok(latest);
    const travel = Number(terms.shipBy) - latest.timestamp + 3 * 86_400;
    await rpcCall(x.node.url, "evm_increaseTime", [travel]);
    await rpcCall(x.node.url, "evm_mine");
    await page.waitForFunction(
      () => document.getElementById("next-action")?.classList.contains("passed"),
      undefined,
      { timeout: LIVE_MS },
    );
    const after = (await page.textContent("#next-action")) ?? "";
    assert.match(
      after,
      /^Ship-by date ended 3 days ago \(.*\)\. The buyer may now take a refund\.$/,
    );
    // The buyer takes the refund; the page follows.
    await importer.refundUnshipped(orderId);
    await page.waitForFunction(
      () => document.querySelector("h1 .badge")?.textContent === "Refunded",
      undefined,
      { timeout: LIVE_MS },
    );
    assert.equal(await page.textContent("#next-action"), "Nobody: the order is closed.");
    await page.close();
    assert.deepEqual(foreign, [], "requests off the explorer's origin");
  });

  it("draws charts from the index with their tables, and stacks tables as cards on a phone", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${x.api}/`);
    await page.waitForSelector("figure.chart", { timeout: WAIT_MS });
    const trade = (await (await fetch(`${x.api}/api/charts/trade`)).json()) as {
      days: { currency: { currency: string }; orders: number }[];
      statuses: { status: string; orders: number }[];
    };
    // One column chart per currency, one bar per status; every figure has its table beside it.
    const currencies = new Set(trade.days.map((d) => d.currency.currency));
    const figures = await page.$$eval("figure.chart", (fs) =>
      fs.map((f) => ({
        title: f.querySelector("figcaption")?.textContent ?? "",
        segments: f.querySelectorAll("svg rect.seg").length,
        rows: f.querySelectorAll("table tbody tr").length,
        name: f.querySelector("svg")?.getAttribute("aria-labelledby") ?? "",
      })),
    );
    assert.equal(figures.length, currencies.size + 1);
    for (const f of figures) {
      assert.ok(f.segments > 0 && f.rows > 0 && f.name !== "", JSON.stringify(f));
    }
    const status = figures.find((f) => f.title === "Orders by status");
    assert.equal(status?.rows, trade.statuses.length);
    const orders = trade.statuses.reduce((a, st) => a + st.orders, 0);
    assert.equal(
      orders,
      trade.days.reduce((a, d) => a + d.orders, 0),
      "every order counted once",
    );

    await page.goto(`${x.api}/country/PK`);
    await page.waitForSelector("figure.chart", { timeout: WAIT_MS });
    const chapters = await page.$$eval("figure.chart table tbody tr td:first-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.ok(chapters.includes("84"), JSON.stringify(chapters));
    await page.goto(`${x.api}/participant/${x.stage.accounts.exporter}`);
    await page.waitForSelector("figure.chart", { timeout: WAIT_MS });
    const record = await page.$$eval("figure.chart table tbody tr", (trs) => trs.length);
    assert.ok(record > 0);
    await page.close();

    // At 390 px the timeline's rows are cards: each cell on its own line, labelled by its column.
    const phone = await openPage(390, 844);
    await phone.goto(`${x.api}/order/${happyOrder()}`);
    await phone.waitForSelector("table.timeline", { timeout: WAIT_MS });
    const card = await phone.$eval("table.timeline tbody tr td:nth-child(2)", (td) => ({
      display: getComputedStyle(td).display,
      label: getComputedStyle(td, "::before").content,
    }));
    assert.deepEqual(card, { display: "grid", label: '"Step"' });
    assert.equal(
      await phone.$eval("table.timeline thead", (el) => el.getBoundingClientRect().width <= 1),
      true,
    );
    await phone.close();
    assert.deepEqual(foreign, [], "requests off the explorer's origin");
  });

  it("offers a GraphQL playground that works offline", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${x.api}/graphql`);
    await page.waitForSelector("#fields li", { timeout: WAIT_MS });
    const fields = await page.$$eval("#fields li", (lis) => lis.map((li) => li.textContent));
    assert.ok(fields.includes("tradeOrders"), JSON.stringify(fields));
    await page.fill("#query", "{ tradeOrders(limit: 3) { items { id status } } }");
    await page.click("#run-form button[type=submit]");
    await page.waitForFunction(
      () => document.getElementById("result")?.textContent?.includes("items"),
      undefined,
      {
        timeout: WAIT_MS,
      },
    );
    const result = JSON.parse((await page.textContent("#result")) ?? "{}") as {
      data: { tradeOrders: { items: unknown[] } };
    };
    assert.equal(result.data.tradeOrders.items.length, 3);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
    assert.deepEqual(foreign, [], "requests off the explorer's origin (the playground is bundled)");
  });

  it("measures accessibility with axe-core (it finds a missing alt text)", async () => {
    const page = await openPage(1280, 900);
    await page.goto(`${x.api}/`);
    await page.waitForSelector("table.countries", { timeout: WAIT_MS });
    assert.deepEqual(await axeViolations(page), []);
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "/app.js";
      document.querySelector("main")?.append(img);
    });
    const found = await axeViolations(page);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0], /^image-alt: /);
    await page.close();
  });

  it("every page, in every language, at 1280 and 390 px: translated, accessible, no sideways scroll", async () => {
    for (const lang of ["zh-CN", "ru", "en"]) {
      for (const width of [1280, 390]) {
        const page = await openPage(width, 900);
        for (const path of everyPage()) {
          await page.goto(`${x.api}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
          await page.waitForSelector("main > article, main > .error", { timeout: WAIT_MS });
          await page.waitForFunction(
            () => document.getElementById("footer")?.textContent,
            undefined,
            {
              timeout: WAIT_MS,
            },
          );
          assert.equal(await page.getAttribute("html", "lang"), lang, path);
          if (lang !== "en") {
            const words = await untranslatedWords(page);
            assert.deepEqual(words, [], `${lang} ${width}px ${path}: words left in English`);
          }
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(scroll <= width, `${lang} ${path} is ${scroll}px wide at ${width}px`);
          assert.deepEqual(
            await axeViolations(page),
            [],
            `${lang} ${width}px ${path}: WCAG 2.1 AA`,
          );
          const kind = path.split(/[/?]/)[1] || "home";
          await page.screenshot({
            path: join(SCREENSHOTS, `${kind}-${lang}-${width}.png`),
            fullPage: true,
          });
        }
        await page.close();
      }
    }
    assert.deepEqual(foreign, [], "requests off the explorer's origin");
  });

  it("chooses the language from ?lang=, the browser's languages and the remembered switch", async () => {
    // The browser's language, with nothing chosen yet.
    const chinese = await browser.newContext({
      locale: "zh-CN",
      viewport: { width: 1280, height: 900 },
    });
    const page = await chinese.newPage();
    await page.goto(`${x.api}/`);
    await page.waitForSelector("table.countries", { timeout: WAIT_MS });
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(await page.textContent("a.brand"), "TradeChain 浏览器");
    assert.equal(await page.textContent("article h1"), "查询订单、产品、参与方或国家");
    // ?lang= wins over the browser, and is kept while the reader clicks on.
    await page.goto(`${x.api}/country/PK?lang=ru`);
    await page.waitForSelector("nav.tabs", { timeout: WAIT_MS });
    assert.equal(await page.getAttribute("html", "lang"), "ru");
    await page.click("a.brand");
    await page.waitForSelector("table.countries", { timeout: WAIT_MS });
    assert.equal(
      await page.textContent("article h1"),
      "Найдите заказ, товар, участника или страну",
    );
    // The switch on every page: English, remembered across a reload without ?lang=.
    await page.selectOption("#lang", "en");
    await page.waitForFunction(() => document.documentElement.lang === "en", undefined, {
      timeout: WAIT_MS,
    });
    await page.waitForSelector("text=Look up an order, a product, a participant or a country", {
      timeout: WAIT_MS,
    });
    await page.goto(`${x.api}/order/${happyOrder()}`);
    await page.waitForSelector("#summary", { timeout: WAIT_MS });
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match((await page.textContent("#summary")) ?? "", /from buyer/);
    await page.selectOption("#lang", "zh-CN");
    await page.waitForFunction(
      () => document.querySelector("#summary")?.textContent?.includes("买家"),
      undefined,
      { timeout: WAIT_MS },
    );
    // The Chinese timeline is the SDK's own catalogue in Chinese.
    const steps = await page.$$eval("table.timeline tbody tr td:nth-child(2)", (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(steps.slice(0, 2), ["订单已创建", "已发货"]);
    // An API error: the message in Chinese by its code, the server's English beside it.
    await search(page, `0x${"ef".repeat(32)}`);
    await page.waitForSelector("#error-message", { timeout: WAIT_MS });
    assert.equal(
      await page.textContent("#error-message"),
      "没有任何已索引的订单、产品或订单交易使用此编号。",
    );
    assert.match((await page.textContent("#error-detail")) ?? "", /nothing indexed has id/);
    await chinese.close();
  });
});

/** One path of each kind of page (and a search that finds nothing). */
function everyPage(): string[] {
  return [
    "/",
    `/order/${happyOrder()}`,
    `/product/${PRODUCTS.drone.id}`,
    `/participant/${x.stage.accounts.exporter}`,
    `/country/PK?status=all&check=${encodeURIComponent("8806.22 BRT-QUAD-X1")}`,
    "/hs/8806",
    "/token/USD",
    `/search?q=0x${"ef".repeat(32)}`,
  ];
}
