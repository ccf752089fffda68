/**
 * The README and `docs/` stay readable: the README is short, every page opens with what it
 * covers, no line is wider than 120 columns (tables and code blocks included), and every link
 * points at a file of this repository.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

import { expect } from "chai";

const ROOT = process.cwd();
const MAX_COLUMNS = 120;
const README_MAX_LINES = 250;

const pages = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join("docs", name)),
];
const read = (page: string) => readFileSync(join(ROOT, page), "utf8");

// docs/explorer.md shows pictures that `npm run screenshots:explorer` generates into a gitignored
// folder: they are checked against the script's list instead of the tree.
const SCREENSHOTS = join(ROOT, "docs", "images", "explorer");
const SCREENSHOT_SCRIPT = readFileSync(join(ROOT, "indexer", "scripts", "screenshots.ts"), "utf8");
const isGeneratedScreenshot = (file: string) =>
  dirname(file) === SCREENSHOTS && file.endsWith(".png");

describe("README and docs/", () => {
  it(`keeps the README within ${README_MAX_LINES} lines`, () => {
    expect(read("README.md").split("\n").length).to.be.at.most(README_MAX_LINES);
  });

  it("opens every docs page with its title and what it covers", () => {
    for (const page of pages.filter((p) => p.startsWith("docs"))) {
      const [title, blank, covers] = read(page).split("\n");
      expect(title, page).to.match(/^# \S/);
      expect(blank, page).to.equal("");
      expect(covers, page).to.match(/^This page covers /);
    }
  });

  it(`has no line over ${MAX_COLUMNS} columns, tables and code blocks included`, () => {
    const wide: string[] = [];
    for (const page of pages) {
      read(page)
        .split("\n")
        .forEach((line, i) => {
          const columns = [...line].length;
          if (columns > MAX_COLUMNS) wide.push(`${page}:${i + 1} (${columns} columns)`);
        });
    }
    expect(wide).to.deep.equal([]);
  });

  it("links a screenshot only when `npm run screenshots:explorer` makes it", () => {
    const made = [...SCREENSHOT_SCRIPT.matchAll(/name: "([^"]+)"/g)].map(([, name]) => name);
    const linked = [...read("docs/explorer.md").matchAll(/\]\(images\/explorer\/([^)]+)\.png\)/g)];
    expect(linked.length).to.be.greaterThan(0);
    for (const [, name] of linked) expect(made, `screenshot ${name}`).to.include(name);
  });

  it("links only to files of this repository, and every such file exists", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const file = resolve(dirname(join(ROOT, page)), target.split("#")[0]);
        if (isGeneratedScreenshot(file)) continue;
        if (!file.startsWith(ROOT + "/") || !existsSync(file)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it("refers to no document outside the repository", () => {
    for (const page of pages) {
      expect(read(page), page).to.not.match(/\.\.\/shared|DESIGN\.md|DESIGN §/);
    }
  });
});
