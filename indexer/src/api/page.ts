/**
 * The page: the bundle `indexer/scripts/build.mjs` writes into `indexer/.web/` (scripts, styles and
 * the HTML documents), served at every path the page draws itself, and the GraphQL playground.
 * Files are read once.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { Hono } from "hono";

/** Ponder runs in `indexer/`: the bundle is beside its sources. */
const WEB = join(process.cwd(), ".web");
const ASSETS: Readonly<Record<string, string>> = {
  "/app.js": "text/javascript; charset=utf-8",
  "/playground.js": "text/javascript; charset=utf-8",
  "/style.css": "text/css; charset=utf-8",
};
/** The paths the page draws (everything else is the API, GraphQL, SQL or Ponder's own routes). */
const PAGES = [
  "/",
  "/order/*",
  "/product/*",
  "/participant/*",
  "/provider/*",
  "/country/*",
  "/token/*",
  "/hs/*",
  "/search",
];

const files = new Map<string, Promise<string>>();

/** A file of the bundle, read once (a failed read is tried again next time). */
function asset(name: string): Promise<string> {
  let text = files.get(name);
  if (text === undefined) {
    text = readFile(join(WEB, name), "utf8");
    text.catch(() => files.delete(name));
    files.set(name, text);
  }
  return text;
}

export const pageRoutes = new Hono();
for (const [path, type] of Object.entries(ASSETS)) {
  pageRoutes.get(path, async (c) =>
    c.body(await asset(path.slice(1)), 200, { "content-type": type }),
  );
}
for (const path of PAGES) {
  pageRoutes.get(path, async (c) => c.html(await asset("index.html")));
}

/**
 * The GraphQL playground, in place of Ponder's GraphiQL page (which loads React and GraphiQL from a
 * CDN, so it fails offline). Queries are POSTed to `/graphql` as before.
 */
export const playground = new Hono().get("/graphql", async (c) =>
  c.html(await asset("playground.html")),
);
