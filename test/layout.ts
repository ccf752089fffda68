/**
 * The repository's layout as a specification (docs/layout.md): imports run only down the layers,
 * one package never reaches into another's files (only into its declared entry points), the SDK
 * depends on nothing but ethers and Node, the explorer's running code on nothing of the dev kit,
 * and the README's parts table names the folders that exist.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { expect } from "chai";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A part of the repository: a folder (or file) whose code may import only some other parts. */
interface Part {
  readonly name: string;
  /** Paths from the root: a folder ends with "/". */
  readonly paths: readonly string[];
  /** The parts its files may import, besides its own files. */
  readonly imports: readonly string[];
  /** The npm workspace it belongs to, when it is one (imported by name, never by path). */
  readonly workspace?: string;
}

/** The layers, lowest first (docs/layout.md). */
const PARTS: readonly Part[] = [
  { name: "sdk", paths: ["sdk/"], imports: [], workspace: "@tradechain/sdk" },
  // The contracts' own TypeScript: Ignition's deployment modules and Hardhat's bindings.
  { name: "contracts", paths: ["ignition/", "typechain-types/"], imports: [] },
  {
    name: "devkit",
    paths: ["devkit/"],
    imports: ["sdk", "contracts"],
    workspace: "@tradechain/devkit",
  },
  // What the explorer runs (and a platform deploys): never the dev kit.
  {
    name: "explorer",
    paths: [
      "indexer/src/",
      "indexer/web/",
      "indexer/abis/",
      "indexer/ponder.config.ts",
      "indexer/ponder.schema.ts",
      "indexer/schema/",
      "indexer/ponder-env.d.ts",
      "indexer/settings.ts",
    ],
    imports: ["sdk"],
    workspace: "@tradechain/indexer",
  },
  // The explorer's own tooling: its process harness, scripts and tests.
  {
    name: "explorer tooling",
    paths: ["indexer/"],
    imports: ["sdk", "devkit", "explorer"],
    workspace: "@tradechain/indexer",
  },
  { name: "plugins", paths: ["plugins/"], imports: [] },
  { name: "tasks", paths: ["tasks/"], imports: ["sdk", "devkit", "contracts"] },
  { name: "scripts", paths: ["scripts/"], imports: ["sdk", "devkit", "contracts"] },
  { name: "hardhat config", paths: ["hardhat.config.ts"], imports: ["plugins", "tasks"] },
  {
    name: "tests",
    paths: ["test/"],
    imports: ["sdk", "devkit", "contracts", "tasks", "hardhat config"],
  },
  // What a platform writes: the SDK's entry point and nothing else of ours.
  { name: "docs examples", paths: ["docs/examples/"], imports: ["sdk"] },
];

/** Packages the SDK may import: it installs alone with `ethers` as its only peer. */
const SDK_EXTERNALS = /^(ethers|node:[\w/]+)$/;

/** The part a repository path belongs to (the most specific path wins). */
function partOf(path: string): Part | undefined {
  let found: { part: Part; length: number } | undefined;
  for (const part of PARTS) {
    for (const p of part.paths) {
      const matches = p.endsWith("/") ? path.startsWith(p) : path === p;
      if (matches && (found === undefined || p.length > found.length)) {
        found = { part, length: p.length };
      }
    }
  }
  return found?.part;
}

/** The TypeScript and JavaScript files of the tree (tracked, or new and not ignored). */
function sourceFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && existsSync(join(ROOT, f)));
}

/** The module specifiers a file imports: static, type-only, re-exports and dynamic imports. */
function specifiersOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The entry points a workspace package declares (`exports` keys: "." or "./x"). */
function entryPoints(folder: string): { name: string; entries: string[] } {
  const manifest = JSON.parse(readFileSync(join(ROOT, folder, "package.json"), "utf8")) as {
    name: string;
    exports?: Record<string, unknown>;
  };
  return { name: manifest.name, entries: Object.keys(manifest.exports ?? {}) };
}

const WORKSPACES = new Map(
  ["sdk", "devkit", "indexer"].map((folder) => {
    const { name, entries } = entryPoints(folder);
    return [name, { folder: `${folder}/`, entries }] as const;
  }),
);

/** The workspace package and entry of a bare `@tradechain/…` specifier, if it names one. */
function workspaceImport(specifier: string): { name: string; entry: string } | undefined {
  for (const name of WORKSPACES.keys()) {
    if (specifier === name) return { name, entry: "." };
    if (specifier.startsWith(`${name}/`))
      return { name, entry: `./${specifier.slice(name.length + 1)}` };
  }
  return undefined;
}

/** The source file a relative import resolves to: `x.js` is `x.ts`, `x` is `x.ts` (bundlers). */
function sourcePath(target: string): string {
  if (existsSync(join(ROOT, target))) return target;
  const candidates = [target.replace(/\.js$/, ".ts"), `${target}.ts`, `${target}/index.ts`];
  return candidates.find((c) => existsSync(join(ROOT, c))) ?? target;
}

/** Every import that breaks the rule, as `file: specifier (why)`. */
function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const from = partOf(file);
    if (from === undefined) continue;
    for (const specifier of specifiersOf(file)) {
      const problem = judge(file, from, specifier);
      if (problem !== undefined) found.push(`${file}: ${specifier} (${problem})`);
    }
  }
  return found;
}

/** Why importing `specifier` from `file` (in part `from`) breaks the rule, or undefined. */
function judge(file: string, from: Part, specifier: string): string | undefined {
  if (specifier.startsWith(".")) {
    const target = sourcePath(
      normalize(join(dirname(file), specifier))
        .split("\\")
        .join("/"),
    );
    const to = partOf(target);
    if (to === undefined) return `reaches ${target}, outside every part`;
    if (to === from) return undefined;
    if (to.workspace !== undefined && to.workspace !== from.workspace) {
      return `reaches into ${to.workspace}'s files: import it by name, from an entry point`;
    }
    return from.imports.includes(to.name) ? undefined : `${from.name} may not import ${to.name}`;
  }
  const workspace = workspaceImport(specifier);
  if (workspace !== undefined) {
    const declared = WORKSPACES.get(workspace.name);
    if (declared === undefined || !declared.entries.includes(workspace.entry)) {
      return `not an entry point of ${workspace.name}`;
    }
    const to = partOf(declared.folder);
    if (to === from) return undefined;
    return to !== undefined && from.imports.includes(to.name)
      ? undefined
      : `${from.name} may not import ${workspace.name} (it runs back up)`;
  }
  if (from.name === "sdk" && !SDK_EXTERNALS.test(specifier)) {
    return "the SDK depends on ethers and Node's built-ins only";
  }
  return undefined;
}

/** The Node built-ins (`node:…`) the module graph of `entry` reaches, as `file: specifier`. */
function nodeBuiltinsReached(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiersOf(file)) {
      if (specifier.startsWith("node:")) found.push(`${file}: ${specifier}`);
      else if (specifier.startsWith(".")) {
        queue.push(
          sourcePath(
            normalize(join(dirname(file), specifier))
              .split("\\")
              .join("/"),
          ),
        );
      }
    }
  }
  return found;
}

describe("Layout (docs/layout.md)", function () {
  it("imports run only down the layers, and into other packages only by their entry points", function () {
    expect(violations()).to.deep.equal([]);
  });

  it("judges a few imports the way the rule says", function () {
    const part = (name: string) => PARTS.find((p) => p.name === name) as Part;
    const cases: [string, string, string, boolean][] = [
      ["devkit/src/nodes.ts", "devkit", "@tradechain/sdk", true],
      ["devkit/src/nodes.ts", "devkit", "@tradechain/devkit/table", true],
      ["devkit/src/deploy/ignition.ts", "devkit", "../../../ignition/modules/TradeChain.js", true],
      ["sdk/src/client.ts", "sdk", "@tradechain/devkit/nodes", false], // runs back up
      ["sdk/src/client.ts", "sdk", "hardhat", false], // not for a platform's node_modules
      ["tasks/load.ts", "tasks", "../devkit/src/load/run.js", false], // another package's files
      ["tasks/load.ts", "tasks", "@tradechain/devkit/src/load/run.ts", false], // not an entry
      ["tasks/load.ts", "tasks", "../scripts/demo.js", false], // sideways
      ["indexer/src/names.ts", "explorer", "@tradechain/devkit/demo", false], // a devDependency
      ["indexer/test/api.test.ts", "explorer tooling", "@tradechain/devkit/demo", true],
      ["test/cli/tasks.ts", "tests", "../../tasks/deploy.js", true],
      ["docs/examples/x.ts", "docs examples", "@tradechain/sdk", true],
      ["devkit/src/demo/play.ts", "devkit", "@tradechain/indexer", false],
    ];
    for (const [file, name, specifier, allowed] of cases) {
      expect(judge(file, part(name), specifier) === undefined, `${file} → ${specifier}`).to.equal(
        allowed,
      );
    }
  });

  it("the SDK's main entry point reaches no Node built-in (it bundles for a browser)", function () {
    expect(nodeBuiltinsReached("sdk/src/index.ts")).to.deep.equal([]);
    // what needs Node is behind `@tradechain/sdk/node`
    expect(nodeBuiltinsReached("sdk/src/node.ts")).to.include("sdk/src/node.ts: node:fs/promises");
  });

  it("every source file belongs to a part", function () {
    const outside = sourceFiles().filter(
      (file) => partOf(file) === undefined && !file.startsWith("contracts/"),
    );
    expect(outside).to.deep.equal([]);
  });

  it("the README's parts table names every top-level folder, and only folders that exist", function () {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## The parts"), readme.indexOf("## Read on"));
    const named = [...table.matchAll(/^\| `([^`]+)`(?:, `([^`]+)`)? /gm)].flatMap((m) =>
      [m[1], m[2]].filter((p): p is string => p !== undefined),
    );
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).to.deep.equal([]);
    const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f.includes("/") && !f.startsWith("."))
      .map((f) => `${f.split("/")[0]}/`);
    const folders = [...new Set(tracked)];
    const unnamed = folders.filter((folder) => !named.some((path) => path.startsWith(folder)));
    expect(unnamed).to.deep.equal([]);
  });
});
