/**
 * `npm run build:sdk` (after `hardhat build`, which puts the contracts' bindings in
 * `src/contracts/`): compiles `src/` to `dist/` (ESM JavaScript and `.d.ts`) and writes the
 * package that is published from `dist/`: this folder's manifest with its entry points (`.` and
 * the Node-only `./node`) pointing at the compiled files instead of the TypeScript source the
 * repository runs, and without
 * `private` and `scripts`; and the README. `npm pack dist` (or `npm publish dist`) ships it.
 * Plain JavaScript: it runs before anything of the SDK is compiled.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SDK = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(SDK, "dist");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

if (!existsSync(join(SDK, "src", "contracts", "escrow", "TradeEscrow.ts"))) {
  console.error(
    "build:sdk: no contract bindings in sdk/src/contracts: run `npx hardhat build` first",
  );
  process.exit(1);
}
await rm(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [TSC, "-p", join(SDK, "tsconfig.json")], { stdio: "inherit" });

const manifest = JSON.parse(await readFile(join(SDK, "package.json"), "utf8"));
const { private: _private, scripts: _scripts, exports: _exports, ...published } = manifest;
const entry = (name) => ({ types: `./${name}.d.ts`, import: `./${name}.js` });
await writeFile(
  join(DIST, "package.json"),
  `${JSON.stringify(
    {
      ...published,
      main: "./index.js",
      types: "./index.d.ts",
      exports: { ".": entry("index"), "./node": entry("node"), "./package.json": "./package.json" },
    },
    null,
    2,
  )}\n`,
);
await copyFile(join(SDK, "README.md"), join(DIST, "README.md"));
console.log("build:sdk: the package is in sdk/dist (npm pack sdk/dist)");
