/**
 * `npm run test:sdk-pack` — proves the SDK installs alone into someone else's project, both ways
 * docs/sdk.md tells a platform to install it today, and is ready to publish:
 *  1. builds it (`npm run build:sdk`, the package in `sdk/dist/`) and packs that with `npm pack`;
 *     builds what the explorer needs (`indexer/scripts/build.mjs`) for step 7;
 *  2. checks the package: built JS + .d.ts + the TypeChain types it needs, the `.` and `./node`
 *     entry points, `ethers` 6 as a peer, no dependencies, no install scripts, no Hardhat, solc or
 *     Anvil, engines that allow Node 20; and `npm publish --dry-run` accepts it;
 *  3. tarball: installs it and ethers from the registry into a fresh project with `npm install`,
 *     then again from its lockfile with `npm ci` under the system's Node 20;
 *  4. type-checks the docs' examples (docs/examples/) there as consumer files in strict mode, and
 *     checks that docs/sdk.md shows each verbatim;
 *  5. bundles the main entry point for a browser (no Node built-in reached; `./node` is refused);
 *  6. git: clones this repository at its commit, runs `npm ci` and `npm run build:sdk` in the
 *     clone, installs the built folder into a second fresh project (`install-links=true` in its
 *     .npmrc: a copy, not a link) with `npm install` and `npm ci` under Node 20, type-checks the
 *     examples there and runs the one that needs no chain;
 *  7. starts a hardhat node on a free loopback port and, under the pinned Node and under Node 20,
 *     deploys with the CLI, gives the project the deployment's Ignition folder and runs every
 *     example that needs only a node (the explorer client's example runs in the explorer's
 *     tests), then the platform example against an explorer started on that node and deployment
 *     (`indexer/scripts/platform-run.ts`, a child process: scripts do not import the explorer's
 *     tooling); the node is always stopped.
 * Exits non-zero on any failure. It imports nothing of the SDK: it runs before the SDK is built.
 */
import { cp, lstat, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

import { build } from "esbuild";

import { devWallet } from "@tradechain/devkit/accounts";
import {
  HARDHAT_CLI,
  type LocalNode,
  REPOSITORY_ROOT as ROOT,
  startNode,
  stop,
} from "@tradechain/devkit/nodes";

import {
  compileExamples,
  EXAMPLES,
  NODE_EXAMPLES,
  PLATFORM_EXAMPLE,
  examplesNotInDoc,
  freshProject,
  heavyPackages,
  npm20,
  run,
  systemNode,
} from "./sdk-pack/consumer.js";

/** The package as it is published: built by `npm run build:sdk`. */
const SDK = join(ROOT, "sdk", "dist");
/** ethers and @types/node versions the consumer installs (the repository's own pins). */
const ROOT_PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};
const ETHERS = `ethers@${ROOT_PACKAGE.devDependencies.ethers}`;
const NODE_TYPES = `@types/node@${ROOT_PACKAGE.devDependencies["@types/node"]}`;
/** Development accounts the examples act as (ignition/parameters/local.json makes #1 the operator). */
const KEYS = {
  ADMIN_KEY: devWallet(0).privateKey,
  OPERATOR_KEY: devWallet(1).privateKey,
  SELLER_KEY: devWallet(4).privateKey,
  BUYER_KEY: devWallet(5).privateKey,
  PROVIDER_KEY: devWallet(12).privateKey,
};
/** What each example must print (its lines, in order of appearance). */
const EXPECTED: Readonly<Record<string, readonly RegExp[]>> = {
  "sdk-quickstart.js": [
    /: Completed$/m,
    /Batch of 3 confirmed in one transaction/,
    /REVERT: UnexpectedStatus: .*cancel needs Funded/,
    /UNKNOWN_ORDER: UnknownOrder: No order/,
    /UNKNOWN_CURRENCY: UnknownCurrency: No "EUR" token in this deployment/,
    /INVALID_ADDRESS: BadChecksum: to: 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} has a bad checksum/,
  ],
  "sdk-next-action.js": [
    /^Funded at .* UTC: waiting for seller\n {2}Waiting for the seller to ship by/m,
    /^Cleared at .* UTC: waiting for buyer\n {2}Waiting for the buyer to confirm receipt/m,
    /^ {2}- releaseAfterTimeout by anyone: closed, from /m,
    /^At .* UTC: buyer may call confirmReceipt or openDispute$/m,
    /^At .* UTC: anyone may call releaseAfterTimeout$/m,
    /^Completed at .* UTC: waiting for nobody$/m,
  ],
  "sdk-orders.js": [
    /^event: OrderCreated 0x[0-9a-f]{4}…[0-9a-f]{4} → Funded, US\$ 12\.00$/m,
    /^event: OrderCreated 0x[0-9a-f]{4}…[0-9a-f]{4} → Funded, US\$ 56\.00$/m,
    /^event: OrderShipped 0x[0-9a-f]{4}…[0-9a-f]{4} → Cleared$/m,
    /^watched 4 events; a restarted watcher resumes from block \d+$/m,
    /^page 1: US\$ 56\.00 Funded, US\$ 34\.00 Funded$/m,
    /^page 2: US\$ 12\.00 Cleared$/m,
    /^cleared, waiting for the buyer: 1$/m,
  ],
  "sdk-fx.js": [
    /^INVALID_ARGUMENT: QuoteExpired$/m,
    /^funded by permit; payout leg CN¥ 710\.00$/m,
    /^Payout leg funded: CN¥ 710\.00 for the seller from FX provider 0x[0-9a-fA-F]{40}, against US\$ 100\.00 paid in$/m,
    /^Receipt confirmed: seller paid CN¥ 702\.90, fee CN¥ 7\.10$/m,
    /^Both legs split: provider credited US\$ 100\.00; seller paid CN¥ 702\.90, fee CN¥ 7\.10$/m,
    /^provider withdrew US\$ 100\.00$/m,
  ],
  "sdk-platform.js": [
    /^explorer on http:\/\/127\.0\.0\.1:\d+, caught up$/m,
    /^OrderCreated 0x[0-9a-f]{4}…[0-9a-f]{4} → Funded: watched and webhooked$/m,
    /^OrderShipped 0x[0-9a-f]{4}…[0-9a-f]{4} → Cleared: watched and webhooked$/m,
    /^ReceiptConfirmed 0x[0-9a-f]{4}…[0-9a-f]{4} → Completed: watched and webhooked$/m,
    /^6 events; 6 webhooks, each handled once \(1 redelivery recognised\)$/m,
    /^open: 0x[0-9a-f]{4}…[0-9a-f]{4} Funded, seller may ship/m,
    /^open: 0x[0-9a-f]{4}…[0-9a-f]{4} Cleared, buyer may confirmReceipt/m,
    /^admin API: 6 deliveries, all delivered, 1 retried$/m,
  ],
  "sdk-webhooks.js": [
    /^genuine: 200 handled OrderShipped$/m,
    /^retried: 200 already handled evt_0001$/m,
    /^body changed: 400 WEBHOOK_SIGNATURE$/m,
    /^replayed an hour later: 400 WEBHOOK_STALE$/m,
    /^another secret: 400 WEBHOOK_SIGNATURE$/m,
    /^unsigned: 400 WEBHOOK_MALFORMED$/m,
    /^during a rotation: 200 already handled evt_0001$/m,
  ],
};

const failures: string[] = [];
const pass = (what: string) => console.log(`  ✓ ${what}`);
const fail = (what: string) => {
  failures.push(what);
  console.log(`  ✗ ${what}`);
};
const step = (what: string) => console.log(`\n▶ ${what}`);

/** Checks what an example printed against what it must. */
function checkOutput(example: string, label: string, out: string): void {
  const missing = (EXPECTED[example] ?? []).filter((pattern) => !pattern.test(out));
  if (missing.length === 0)
    pass(`${example} under ${label}:\n${out.trimEnd().replace(/^/gm, "      ")}`);
  else fail(`${example} under ${label} lacks ${missing.join(", ")}; it printed:\n${out}`);
}

/** Runs a compiled example of `project` and checks what it printed. */
function runExample(
  project: string,
  example: string,
  nodeBin: string,
  label: string,
  env: NodeJS.ProcessEnv,
): void {
  checkOutput(example, label, run(nodeBin, [join(project, "out", example)], { cwd: project, env }));
}

/**
 * Runs the platform example of `project` against an explorer started on the node
 * (indexer/scripts/platform-run.ts: the explorer's harness, not imported here) and checks it.
 */
function runPlatformExample(project: string, nodeBin: string, label: string, url: string): void {
  const example = basename(PLATFORM_EXAMPLE).replace(/\.ts$/, ".js");
  const started = Date.now();
  const out = run(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "indexer", "scripts", "platform-run.ts"),
      ...["--rpc", url, "--deployment", deploymentDir, "--seller", devWallet(4).address],
      ...["--project", project, "--example", join(project, "out", example), "--node", nodeBin],
    ],
    { cwd: ROOT, env: { ...process.env, ...KEYS } },
  );
  checkOutput(example, `${label}, in ${((Date.now() - started) / 1000).toFixed(0)} s`, out);
}

/** What `npm pack --json` says about the tarball. */
interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly files: readonly { readonly path: string }[];
}
/** The parts of the packed manifest the checks read. */
interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly exports?: Record<string, { readonly import?: string; readonly types?: string }>;
  readonly engines?: Record<string, string>;
  readonly publishConfig?: Record<string, string>;
}

const work = await mkdtemp(join(tmpdir(), "tradechain-sdk-pack-"));
let node: LocalNode | undefined;
const deploymentId = `sdk-pack-${process.pid}`;
const deploymentDir = join(ROOT, "ignition", "deployments", deploymentId);
const node20 = systemNode();
const node20Version = node20 === undefined ? undefined : run(node20, ["--version"]).trim();

try {
  step("build and pack the SDK");
  run("npm", ["run", "build:sdk"], { cwd: ROOT });
  run(process.execPath, [join(ROOT, "indexer", "scripts", "build.mjs")], { cwd: ROOT });
  const packed = JSON.parse(
    run("npm", ["pack", "--json", "--pack-destination", work], { cwd: SDK }),
  ) as Packed[];
  const tarball = join(work, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  pass(
    `${packed[0].filename}: ${files.length} files, ${(packed[0].size / 1024).toFixed(0)} kB packed`,
  );

  step("check the package");
  const need = [
    "index.js",
    "index.d.ts",
    "node.js",
    "node.d.ts",
    "client.d.ts",
    "contracts/escrow/TradeEscrow.d.ts",
    "contracts/factories/escrow/TradeEscrow__factory.js",
    "package.json",
  ];
  const missing = need.filter((f) => !files.includes(f));
  if (missing.length === 0) pass("built JS, .d.ts, both entry points and the TypeChain types");
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
  const main = manifest.exports?.["."];
  const nodeEntry = manifest.exports?.["./node"];
  if (
    manifest.private === undefined &&
    main?.import === "./index.js" &&
    main?.types === "./index.d.ts" &&
    nodeEntry?.import === "./node.js" &&
    nodeEntry?.types === "./node.d.ts"
  ) {
    pass("entry points: . and ./node, compiled JavaScript with their .d.ts (not the source)");
  } else
    fail(`entry points ${JSON.stringify(manifest.exports)}, private ${String(manifest.private)}`);
  if (manifest.engines?.node === ">=20") pass("engines: node >=20");
  else fail(`engines: ${JSON.stringify(manifest.engines)}`);
  const dryRun = run("npm", ["publish", "--dry-run"], { cwd: SDK });
  if (
    dryRun.includes(`+ ${manifest.name}@${manifest.version}`) &&
    manifest.publishConfig?.access === "public"
  ) {
    pass(`npm publish --dry-run: + ${manifest.name}@${manifest.version} (public access)`);
  } else fail(`npm publish --dry-run printed:\n${dryRun}`);

  step("tarball: install into a fresh project (npm install, then npm ci under Node 20)");
  const app = join(work, "platform");
  await freshProject(app);
  run("npm", ["install", "--no-audit", "--no-fund", tarball, ETHERS, NODE_TYPES], { cwd: app });
  const heavy = heavyPackages(app);
  if (heavy.length === 0) pass("npm install: no Hardhat, solc, Anvil or TypeChain pulled in");
  else fail(`npm install pulled in ${heavy.join(", ")}`);
  await rm(join(app, "node_modules"), { recursive: true, force: true });
  npm20(["ci", "--no-audit", "--no-fund"], app);
  pass(`npm ci under Node ${node20Version ?? "(the pinned Node: no system Node found)"}`);

  step("the docs' examples: shown verbatim in docs/sdk.md, compiled as consumer files (strict)");
  const drifted = examplesNotInDoc();
  if (drifted.length === 0) pass(`docs/sdk.md shows ${EXAMPLES.length} examples verbatim`);
  else fail(`docs/sdk.md does not show verbatim: ${drifted.join(", ")} (update the page)`);
  compileExamples(app);
  pass(`tsc --strict: ${EXAMPLES.map((e) => basename(e)).join(", ")} compile against the tarball`);

  step("browser: the main entry point bundles with no Node built-in; ./node does not");
  const bundle = (entry: string) =>
    build({
      stdin: { contents: `export * from "${entry}";`, resolveDir: app, loader: "ts" },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
  const browser = await bundle("@tradechain/sdk");
  pass(
    `@tradechain/sdk bundles for a browser (${(browser.outputFiles[0].contents.length / 1024).toFixed(0)} kB with ethers)`,
  );
  const refused = await bundle("@tradechain/sdk/node").then(
    () => undefined,
    (err: unknown) => String(err),
  );
  if (refused?.includes("node:fs")) pass("@tradechain/sdk/node is refused (it needs node:fs)");
  else fail(`bundling @tradechain/sdk/node for a browser: ${refused ?? "succeeded"}`);

  step("git: clone at the commit, build there, install the built folder (install-links)");
  const commit = run("git", ["rev-parse", "HEAD"], { cwd: ROOT }).trim();
  const dirty = run("git", ["status", "--porcelain", "--", "sdk", "docs/examples"], { cwd: ROOT });
  if (dirty.trim() !== "") console.log(`    (uncommitted changes here are not in ${commit})`);
  const checkout = join(work, "tradechain");
  run("git", ["clone", "--quiet", ROOT, checkout]);
  run("git", ["checkout", "--quiet", commit], { cwd: checkout });
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: checkout });
  run("npm", ["run", "build:sdk"], { cwd: checkout });
  pass(`cloned ${commit.slice(0, 12)}, npm ci and npm run build:sdk in the clone`);
  const fromGit = join(work, "platform-git");
  await freshProject(fromGit);
  // npm links a file: folder by default; install-links copies it, for `npm install` and `npm ci`
  await writeFile(join(fromGit, ".npmrc"), "install-links=true\n");
  const built = join("..", "tradechain", "sdk", "dist");
  npm20(["install", "--no-audit", "--no-fund", built, ETHERS, NODE_TYPES], fromGit);
  const dependency = (
    JSON.parse(await readFile(join(fromGit, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies["@tradechain/sdk"];
  const installed = await lstat(join(fromGit, "node_modules", "@tradechain", "sdk"));
  if (dependency === `file:${built}` && !installed.isSymbolicLink() && installed.isDirectory()) {
    pass(`"@tradechain/sdk": "${dependency}", a copy in node_modules (not a link into the clone)`);
  } else fail(`dependency ${dependency}, symbolic link ${installed.isSymbolicLink()}`);
  const heavyFromGit = heavyPackages(fromGit);
  if (heavyFromGit.length === 0) pass("no Hardhat, solc, Anvil or TypeChain pulled in");
  else fail(`the git install pulled in ${heavyFromGit.join(", ")}`);
  await rm(join(fromGit, "node_modules"), { recursive: true, force: true });
  npm20(["ci", "--no-audit", "--no-fund"], fromGit);
  compileExamples(fromGit);
  pass("npm ci under Node 20 from its lockfile; tsc --strict compiles the examples");
  runExample(fromGit, "sdk-webhooks.js", node20 ?? process.execPath, "Node 20", process.env);

  step("run the examples against a hardhat node (from the tarball's project)");
  node = await startNode("hardhat", { logDir: work });
  const { url } = node;
  pass(`hardhat node on ${url}`);
  const env = { ...process.env, ...KEYS, LOCALHOST_RPC_URL: url, TRADECHAIN_RPC_URL: url };
  const runs: [string, string][] = [[process.execPath, `pinned Node ${process.version}`]];
  if (node20 !== undefined) runs.push([node20, `Node ${node20Version}`]);
  for (const [i, [nodeBin, label]] of runs.entries()) {
    // The quickstart onboards its parties: every run gets a fresh deployment.
    run(
      process.execPath,
      [
        HARDHAT_CLI,
        "tradechain:deploy",
        "--network",
        "localhost",
        "--deployment-id",
        deploymentId,
      ].concat(i > 0 ? ["--reset"] : []),
      { cwd: ROOT, env },
    );
    // The platform keeps the deployment's Ignition folder; fromIgnition finds it by chain id.
    const folder = join(app, "ignition", "deployments", "chain-31337");
    await rm(folder, { recursive: true, force: true });
    await cp(deploymentDir, folder, { recursive: true });
    pass(`deployed with tradechain:deploy; its folder copied to the project as chain-31337`);
    for (const example of NODE_EXAMPLES) {
      runExample(app, basename(example).replace(/\.ts$/, ".js"), nodeBin, label, env);
    }
    runPlatformExample(app, nodeBin, label, url);
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  await stop(node?.child);
  await rm(deploymentDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.log(`\n${failures.length} failure(s); the temporary projects are in ${work}`);
  process.exitCode = 1;
} else {
  console.log(
    "\nThe SDK installs alone, from a tarball and from a git checkout, and the docs' examples run as written.",
  );
  await rm(work, { recursive: true, force: true });
}
