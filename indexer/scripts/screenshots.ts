/**
 * `npm run screenshots:explorer` — the screenshots `docs/explorer.md` shows, made from a fresh
 * explorer on the demo's data (its own hardhat node, deployment, demo and indexer, as the tests
 * start them) in headless Chromium: each page in the language and at the width the docs show.
 * Written to `docs/images/explorer/` (replacing what is there); run by hand, never by CI.
 *
 * Chinese needs a font with Chinese characters: when the system has none, Debian's
 * `fonts-wqy-microhei` is installed with apt-get (as root), as `with-postgres.sh` installs Postgres.
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import sparticuz from "@sparticuz/chromium";
import { chromium } from "playwright-core";

import { PRODUCTS } from "@tradechain/devkit/demo";
import { REPOSITORY_ROOT as ROOT } from "@tradechain/devkit/nodes";

import { startExplorerFixture } from "../test/fixture.js";

const OUT = join(ROOT, "docs", "images", "explorer");
const WAIT_MS = 20_000;
const CJK_PACKAGE = "fonts-wqy-microhei";

/** Whether fontconfig knows a font with Chinese characters. */
function hasChineseFont(): boolean {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

function ensureChineseFont(): void {
  if (hasChineseFont()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`no Chinese font: install one (apt-get install ${CJK_PACKAGE}) and run again`);
  }
  console.log(`▶ installing ${CJK_PACKAGE} (the Chinese pages need its characters)`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", CJK_PACKAGE], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/**
 * A fontconfig file for the browser: the system's fonts (where apt puts them) and the fonts that
 * come with `@sparticuz/chromium` (it reads only its own otherwise).
 */
async function fontConfig(dir: string): Promise<string> {
  const file = join(dir, "fonts.conf");
  await writeFile(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <dir>/tmp/fonts</dir>
  <cachedir>${join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}

/** What the docs show: a path, its language and width, and the file name. */
interface Shot {
  readonly name: string;
  readonly path: string;
  readonly lang: string;
  readonly width: number;
  readonly height: number;
  /** An element to wait for before the picture. */
  readonly ready: string;
}

ensureChineseFont();
const work = await mkdtemp(join(tmpdir(), "tradechain-screenshots-"));
const x = await startExplorerFixture("screenshots");
try {
  const order = (key: string) => {
    const id = x.outcomes.find((o) => o.key === key)?.orderId;
    if (id === undefined) throw new Error(`the demo made no ${key} order`);
    return id;
  };
  const shots: Shot[] = [
    { name: "home-en", path: "/", lang: "en", width: 1280, height: 1500, ready: "figure.chart" },
    {
      name: "order-dispute-en",
      path: `/order/${order("dispute-ruling")}`,
      lang: "en",
      width: 1280,
      height: 1500,
      ready: "#ruling",
    },
    {
      name: "order-zh-CN-phone",
      path: `/order/${order("happy-permit")}`,
      lang: "zh-CN",
      width: 390,
      height: 1700,
      ready: "table.timeline",
    },
    {
      name: "product-drone-en",
      path: `/product/${PRODUCTS.drone.id}`,
      lang: "en",
      width: 1280,
      height: 1000,
      ready: "table.clearance",
    },
    {
      name: "country-pk-zh-CN",
      path: `/country/PK?status=all&check=${encodeURIComponent("8806.22 BRT-QUAD-X1")}`,
      lang: "zh-CN",
      width: 1280,
      height: 1400,
      ready: "#entry-answer .answer",
    },
    {
      name: "participant-exporter-ru",
      path: `/participant/${x.stage.accounts.exporter}`,
      lang: "ru",
      width: 1280,
      height: 1400,
      ready: "figure.chart",
    },
  ];
  const browser = await chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: [...sparticuz.args.filter((a) => a !== "--single-process"), "--no-sandbox"],
    env: { ...process.env, FONTCONFIG_FILE: await fontConfig(work) },
    headless: true,
  });
  await mkdir(OUT, { recursive: true });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    const separator = shot.path.includes("?") ? "&" : "?";
    await page.goto(`${x.api}${shot.path}${separator}lang=${shot.lang}`);
    await page.waitForSelector(shot.ready, { timeout: WAIT_MS });
    const file = join(OUT, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(`  ${file.slice(ROOT.length)}`);
    await page.close();
  }
  await browser.close();
} finally {
  await x.close();
  await rm(work, { recursive: true, force: true });
}
