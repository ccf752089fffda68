/**
 * `npm run test:sdk-pack` — proves the SDK installs alone into someone else's project:
 *  1. builds it (`npm run build:sdk`, the package in `sdk/dist/`) and packs that with `npm pack`;
 *  2. checks the tarball: built JS + .d.ts + the TypeChain types it needs, `ethers` 6 as a peer,
 *     no dependencies, no install scripts, no Hardhat, solc or Anvil, engines that allow Node 20;
 *  3. installs the tarball and ethers from the registry into a fresh temporary project with
 *     `npm install`, then again from its lockfile with `npm ci` under the system's Node 20;
 *  4. type-checks the docs' example (docs/examples/sdk-quickstart.ts) as a consumer file in strict
 *     mode and checks that docs/sdk.md shows that file verbatim;
 *  5. starts a hardhat node on a free loopback port, deploys with the CLI, and runs the compiled
 *     example under the pinned Node and under Node 20; the node is always stopped.
 * Exits non-zero on any failure. It imports nothing of the SDK: it runs before the SDK is built.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

import { devWallet } from "@tradechain/devkit/accounts";
import {
  HARDHAT_CLI,
  type LocalNode,
  REPOSITORY_ROOT as ROOT,
  startNode,
  stop,
} from "@tradechain/devkit/nodes";

/** The package as it is published: built by `npm run build:sdk`. */
const SDK = join(ROOT, "sdk", "dist");
const EXAMPLE = join(ROOT, "docs", "examples", "sdk-quickstart.ts");
const DOC = join(ROOT, "docs", "sdk.md");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
/** ethers and @types/node versions the consumer installs (the repository's own pins). */
const ROOT_PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};
const ETHERS = `ethers@${ROOT_PACKAGE.devDependencies.ethers}`;
const NODE_TYPES = `@types/node@${ROOT_PACKAGE.devDependencies["@types/node"]}`;
/** Development accounts the example acts as (ignition/parameters/local.json makes #1 the operator). */
const KEYS = {
  OPERATOR_KEY: devWallet(1).privateKey,
  SELLER_KEY: devWallet(4).privateKey,
  BUYER_KEY: devWallet(5).privateKey,
};
const STEP_TIMEOUT_MS = 300_000;

const failures: string[] = [];
const pass = (what: string) => console.log(`  ✓ ${what}`);
const fail = (what: string) => {
  failures.push(what);
  console.log(`  ✗ ${what}`);
};
const step = (what: string) => console.log(`\n▶ ${what}`);

/** Runs a command; returns stdout; throws with its output on a non-zero exit. */
function run(
  file: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): string {
  try {
    return execFileSync(file, args, {
      encoding: "utf8",
      timeout: STEP_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "pipe"],
      ...options,
    });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    const out = `${stdout ?? ""}${stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${[file, ...args].join(" ")} failed:\n${out}`);
  }
}

/** The system's Node (20 on this machine): the first `node` on PATH outside node_modules. */
function systemNode(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir.includes("node_modules")) continue;
    const candidate = join(dir, "node");
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

/** npm's CLI script, to run it under a chosen Node. */
function npmCli(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "npm");
    if (!dir.includes("node_modules") && existsSync(candidate)) return realpathSync(candidate);
  }
  throw new Error("npm not found on PATH");
}

/** The fenced code block of docs/sdk.md that follows the example's include marker. */
function exampleInDoc(): string | undefined {
  const doc = readFileSync(DOC, "utf8");
  const marker = "<!-- example: docs/examples/sdk-quickstart.ts -->";
  const at = doc.indexOf(marker);
  if (at < 0) return undefined;
  const match = /```ts\n([\s\S]*?)```/.exec(doc.slice(at));
  return match?.[1];
}

const work = await mkdtemp(join(tmpdir(), "tradechain-sdk-pack-"));
let node: LocalNode | undefined;
const deploymentId = `sdk-pack-${process.pid}`;
const deploymentDir = join(ROOT, "ignition", "deployments", deploymentId);
const cleanUp = async () => {
  await stop(node?.child);
  await rm(deploymentDir, { recursive: true, force: true });
};

/** What `npm pack --json` says about the tarball. */
interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly files: readonly { readonly path: string }[];
}
/** The parts of the packed manifest the checks read. */
interface Manifest {
  readonly private?: boolean;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly exports?: Record<string, { readonly import?: string; readonly types?: string }>;
  readonly engines?: Record<string, string>;
}

try {
  step("build and pack the SDK");
  run("npm", ["run", "build:sdk"], { cwd: ROOT });
  const packed = JSON.parse(
    run("npm", ["pack", "--json", "--pack-destination", work], { cwd: SDK }),
  ) as Packed[];
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  pass(
    `${packed[0].filename}: ${files.length} files, ${(packed[0].size / 1024).toFixed(0)} kB packed`,
  );

  step("check the tarball");
  const need = [
    "index.js",
    "index.d.ts",
    "client.d.ts",
    "contracts/escrow/TradeEscrow.d.ts",
    "contracts/factories/escrow/TradeEscrow__factory.js",
    "package.json",
  ];
  const missing = need.filter((f) => !files.includes(f));
  if (missing.length === 0) pass("built JS, .d.ts and the TypeChain types are in it");
  else fail(`missing from the tarball: ${missing.join(", ")}`);
  const stray = files.filter((f) => !/^([\w/-]+\.(js|d\.ts)|package\.json|README\.md)$/.test(f));
  if (stray.length === 0) pass("nothing else (no TypeScript sources, scripts, contracts or tests)");
  else fail(`unexpected files in the tarball: ${stray.join(", ")}`);
  const manifest = JSON.parse(readFileSync(join(SDK, "package.json"), "utf8")) as Manifest;
  const installScripts = ["preinstall", "install", "postinstall", "prepare"].filter(
    (s) => manifest.scripts?.[s] !== undefined,
  );
  if (installScripts.length === 0) pass("no install scripts");
  else fail(`install scripts: ${installScripts.join(", ")}`);
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
  if (deps.length === 0 && /^\^6\./.test(manifest.peerDependencies?.ethers ?? "")) {
    pass(`no dependencies; ethers ${manifest.peerDependencies?.ethers} as a peer`);
  } else fail(`dependencies ${deps.join(", ")}; peer ethers ${manifest.peerDependencies?.ethers}`);
  const entry = manifest.exports?.["."];
  if (
    manifest.private === undefined &&
    entry?.import === "./index.js" &&
    entry?.types === "./index.d.ts"
  ) {
    pass("entry point: the compiled ./index.js and ./index.d.ts (not the TypeScript source)");
  } else
    fail(`entry point ${JSON.stringify(manifest.exports)}, private ${String(manifest.private)}`);
  if (manifest.engines?.node === ">=20") pass("engines: node >=20");
  else fail(`engines: ${JSON.stringify(manifest.engines)}`);

  step(`install into a fresh project (npm install, then npm ci under Node 20)`);
  const app = join(work, "platform");
  await mkdir(app);
  await writeFile(
    join(app, "package.json"),
    JSON.stringify({ name: "platform", private: true, type: "module" }, null, 2),
  );
  run("npm", ["install", "--no-audit", "--no-fund", tarball, ETHERS, NODE_TYPES], { cwd: app });
  const installed = readFileSync(join(app, "package-lock.json"), "utf8");
  const heavy = ["hardhat", "solc", "@foundry-rs", "typechain"].filter((n) =>
    installed.includes(`node_modules/${n}`),
  );
  if (heavy.length === 0) pass("npm install: no Hardhat, solc, Anvil or TypeChain pulled in");
  else fail(`npm install pulled in ${heavy.join(", ")}`);
  const node20 = systemNode();
  const node20Version = node20 === undefined ? undefined : run(node20, ["--version"]).trim();
  await rm(join(app, "node_modules"), { recursive: true, force: true });
  if (node20 !== undefined) {
    run(node20, [npmCli(), "ci", "--no-audit", "--no-fund"], { cwd: app });
    pass(`npm ci under Node ${node20Version}`);
  } else {
    run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: app });
    pass("npm ci (no system Node found besides the pinned one)");
  }

  step("type-check the docs' example as a consumer file (strict)");
  const example = readFileSync(EXAMPLE, "utf8");
  if (exampleInDoc() === example)
    pass("docs/sdk.md shows docs/examples/sdk-quickstart.ts verbatim");
  else fail("docs/sdk.md does not show docs/examples/sdk-quickstart.ts verbatim (update the doc)");
  await copyFile(EXAMPLE, join(app, "sdk-quickstart.ts"));
  await writeFile(
    join(app, "tsconfig.json"),
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
        files: ["sdk-quickstart.ts"],
      },
      null,
      2,
    ),
  );
  run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: app });
  pass("tsc --strict: no errors; compiled to out/sdk-quickstart.js");

  step("run the example against a hardhat node");
  node = await startNode("hardhat", { logDir: work });
  const { url } = node;
  pass(`hardhat node on ${url}`);
  const env = { ...process.env, LOCALHOST_RPC_URL: url };
  run(
    process.execPath,
    [HARDHAT_CLI, "tradechain:deploy", "--network", "localhost", "--deployment-id", deploymentId],
    {
      cwd: ROOT,
      env,
    },
  );
  pass(`deployed with tradechain:deploy → ignition/deployments/${deploymentId}`);
  const exampleEnv = {
    ...process.env,
    ...KEYS,
    TRADECHAIN_RPC_URL: url,
    TRADECHAIN_DEPLOYMENT: deploymentDir,
  };
  const runs: [string, string][] = [[process.execPath, `pinned Node ${process.version}`]];
  if (node20 !== undefined) runs.push([node20, `Node ${node20Version}`]);
  for (const [i, [nodeBin, label]] of runs.entries()) {
    // The example onboards its parties: every run gets a fresh deployment.
    if (i > 0) {
      run(
        process.execPath,
        [
          HARDHAT_CLI,
          "tradechain:deploy",
          "--network",
          "localhost",
          "--deployment-id",
          deploymentId,
          "--reset",
        ],
        {
          cwd: ROOT,
          env,
        },
      );
    }
    const out = run(nodeBin, [join(app, "out", "sdk-quickstart.js")], {
      cwd: app,
      env: exampleEnv,
    });
    const ok =
      /: Completed$/m.test(out) &&
      /Batch of 3 confirmed in one transaction/.test(out) &&
      /REVERT: UnexpectedStatus: .*cancel needs Funded/.test(out) &&
      /UNKNOWN_ORDER: UnknownOrder: No order/.test(out);
    if (ok) pass(`example under ${label}:\n${out.trimEnd().replace(/^/gm, "      ")}`);
    else fail(`example under ${label} printed:\n${out}`);
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  await cleanUp();
}

if (failures.length > 0) {
  console.log(`\n${failures.length} failure(s); the temporary project is in ${work}`);
  process.exitCode = 1;
} else {
  console.log("\nThe SDK installs alone and the docs' example runs as written.");
  await rm(work, { recursive: true, force: true });
}
