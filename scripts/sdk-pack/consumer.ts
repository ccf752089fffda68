/**
 * What `npm run test:sdk-pack` does in a platform's shoes: commands run with their output kept
 * for the failure message, the system's Node 20 and its npm, a fresh project, the docs' examples
 * type-checked as its own files in strict mode, and the examples docs/sdk.md shows verbatim.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { basename, delimiter, join, relative } from "node:path";

import { REPOSITORY_ROOT as ROOT } from "@tradechain/devkit/nodes";

/** The examples of docs/sdk.md that run against a hardhat node, in the order the page shows them. */
export const NODE_EXAMPLES = [
  "docs/examples/sdk-quickstart.ts",
  "docs/examples/sdk-next-action.ts",
  "docs/examples/sdk-webhooks.ts",
  "docs/examples/sdk-orders.ts",
  "docs/examples/sdk-fx.ts",
].map((file) => join(ROOT, file));

/**
 * The examples that read an explorer: compiled and checked against the page here, run against an
 * explorer on the demo's data by the explorer's tests (`indexer/test/explorer-client.test.ts`).
 */
export const EXPLORER_EXAMPLES = ["docs/examples/sdk-explorer.ts"].map((file) => join(ROOT, file));

/**
 * The platform example: run here against the hardhat node and an explorer started on it
 * (`indexer/scripts/platform-run.ts`), its receiver registered for the explorer's webhooks.
 */
export const PLATFORM_EXAMPLE = join(ROOT, "docs", "examples", "sdk-platform.ts");

/** Every example of docs/sdk.md. */
export const EXAMPLES = [...NODE_EXAMPLES, ...EXPLORER_EXAMPLES, PLATFORM_EXAMPLE];

const DOC = join(ROOT, "docs", "sdk.md");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const STEP_TIMEOUT_MS = 600_000;

/** Runs a command; returns stdout; throws with the end of its output on a non-zero exit. */
export function run(
  file: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): string {
  try {
    return execFileSync(file, args, {
      encoding: "utf8",
      timeout: STEP_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
      ...options,
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    const out = `${stdout ?? ""}${stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${[file, ...args].join(" ")} failed:\n${out}`);
  }
}

/** The system's Node (20 on this machine): the first `node` on PATH outside node_modules. */
export function systemNode(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules")) continue;
    const candidate = join(dir, "node");
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

/** npm's CLI script, to run it under a chosen Node. */
export function npmCli(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "npm");
    if (!dir.includes("node_modules") && existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error("npm not found on PATH");
}

/** npm under the system's Node when there is one (what a platform on Node 20 runs). */
export function npm20(args: readonly string[], cwd: string): string {
  const node20 = systemNode();
  return node20 === undefined
    ? run("npm", args, { cwd })
    : run(node20, [npmCli(), ...args], { cwd });
}

/** A fresh ESM project in `dir` with the examples and a strict tsconfig compiling them. */
export async function freshProject(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: basename(dir), private: true, type: "module" }, null, 2),
  );
  for (const example of EXAMPLES) await copyFile(example, join(dir, basename(example)));
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          outDir: "out",
          types: ["node"],
        },
        files: EXAMPLES.map((example) => basename(example)),
      },
      null,
      2,
    ),
  );
}

/** Type-checks and compiles the examples of the project in `dir` (to `out/`). */
export function compileExamples(dir: string): void {
  run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir });
}

/** The examples docs/sdk.md does not show verbatim (each after its `example:` marker). */
export function examplesNotInDoc(): string[] {
  const doc = readFileSync(DOC, "utf8");
  return EXAMPLES.filter((example) => {
    const at = doc.indexOf(`<!-- example: ${relative(ROOT, example)} -->`);
    const block = at < 0 ? undefined : /```ts\n([\s\S]*?)```/.exec(doc.slice(at))?.[1];
    return block !== readFileSync(example, "utf8");
  });
}

/** Packages a project's lockfile pulls in that no platform should get from the SDK. */
export function heavyPackages(dir: string): string[] {
  const lock = readFileSync(join(dir, "package-lock.json"), "utf8");
  return ["hardhat", "solc", "@foundry-rs", "typechain"].filter((name) =>
    lock.includes(`node_modules/${name}`),
  );
}
