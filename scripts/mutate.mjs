// Mutation testing of the contracts: `npm run mutate -- --contract <file.sol> --functions a,b
// --tests <files or folders>`. Each mutant is written into the contract in place (this worktree),
// compiled with `hardhat build` and tested with `hardhat test mocha|solidity --no-compile`; the
// original bytes are written back right after the build, on every exit path and signal, and
// checked by SHA-256 at the end. One run per worktree at a time (mutation/.lock): runs share
// artifacts/ and cache/. See docs/testing.md#mutation-testing.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { OPERATORS, applyMutant, generateMutants, parseLineRanges } from "./mutate/mutants.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(ROOT, "mutation");
const LOCK = join(OUT_DIR, ".lock");
const BACKUP = join(OUT_DIR, ".backup.json");
const HARDHAT_PKG = join(ROOT, "node_modules", "hardhat");
const WIDTH = 120;

const USAGE = `usage: npm run mutate -- --contract contracts/escrow/EscrowCore.sol
         [--functions refund,_feeOf] [--lines 356-372,971-975] --tests test/escrow[,file...]
         [--operators ror,lor,...] [--only 3,7] [--grep <mocha pattern>] [--grep-solidity <pattern>]
         [--timeout-factor 3] [--no-bail] [--report mutation/<Contract>.json] [--list [--json]]
operators (* = default): ${Object.entries(OPERATORS)
  .map(([id, o]) => `${id}${o.default ? "*" : ""}`)
  .join(" ")}`;

class UsageError extends Error {}

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const splitList = (values) =>
  (values ?? [])
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter(Boolean);

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      contract: { type: "string" },
      functions: { type: "string", multiple: true },
      lines: { type: "string" },
      tests: { type: "string", multiple: true },
      operators: { type: "string" },
      only: { type: "string" },
      grep: { type: "string" },
      "grep-solidity": { type: "string" },
      "timeout-factor": { type: "string", default: "3" },
      "no-bail": { type: "boolean", default: false },
      report: { type: "string" },
      list: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return { help: true };
  if (!values.contract) throw new UsageError("--contract is required");
  const contract = relative(ROOT, resolve(ROOT, values.contract));
  if (!contract.endsWith(".sol") || !existsSync(join(ROOT, contract))) {
    throw new UsageError(
      `--contract: ${values.contract} is not a Solidity file of this repository`,
    );
  }
  const operators = values.operators ? splitList([values.operators]) : undefined;
  const unknown = (operators ?? []).filter((o) => !OPERATORS[o]);
  if (unknown.length) throw new UsageError(`--operators: unknown ${unknown.join(", ")}`);
  const only = values.only ? splitList([values.only]).map(Number) : [];
  if (only.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new UsageError("--only takes mutant ids, e.g. 3,7");
  }
  const factor = Number(values["timeout-factor"]);
  if (!(factor >= 1)) throw new UsageError("--timeout-factor must be a number ≥ 1");
  const tests = collectTests(splitList(values.tests));
  if (!values.list && tests.mocha.length + tests.solidity.length === 0) {
    throw new UsageError("--tests is required: test files or folders (.ts for mocha, .t.sol)");
  }
  return {
    contract,
    functions: splitList(values.functions),
    lines: values.lines ? parseLineRanges(values.lines) : [],
    tests,
    operators,
    only,
    grep: values.grep,
    grepSolidity: values["grep-solidity"],
    factor,
    bail: !values["no-bail"],
    report: values.report
      ? resolve(ROOT, values.report)
      : join(OUT_DIR, `${basename(contract, ".sol")}.json`),
    list: values.list,
    json: values.json,
  };
}

/** Test files under the given paths: `.t.sol` for the Solidity runner, `.ts/.js/.mjs` for mocha. */
function collectTests(paths) {
  const tests = { mocha: [], solidity: [] };
  const visit = (path) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else if (path.endsWith(".t.sol")) tests.solidity.push(relative(ROOT, path));
    else if (/\.(ts|js|mjs)$/.test(path) && !path.endsWith(".d.ts")) {
      tests.mocha.push(relative(ROOT, path));
    }
  };
  for (const p of paths) {
    const full = resolve(ROOT, p);
    if (!existsSync(full)) throw new UsageError(`--tests: ${p} does not exist`);
    visit(full);
  }
  return tests;
}

// ---------------------------------------------------------------------------------------------
// The one contract file being mutated: its original bytes, restored on every way out.
// ---------------------------------------------------------------------------------------------

const state = {
  file: undefined,
  original: undefined,
  sha: undefined,
  child: undefined,
  locked: false,
};

function restore() {
  if (!state.file) return true;
  const current = readFileSync(state.file);
  if (!current.equals(state.original)) writeFileSync(state.file, state.original);
  return sha256(readFileSync(state.file)) === state.sha;
}

function releaseLock() {
  if (!state.locked) return;
  rmSync(BACKUP, { force: true });
  rmSync(LOCK, { force: true });
  state.locked = false;
}

function onSignal(signal) {
  if (state.child) killGroup(state.child);
  const ok = restore();
  releaseLock();
  console.error(
    `\nmutate: ${signal}: ${state.file ? relative(ROOT, state.file) : "nothing"} ` +
      (ok ? "restored (SHA-256 checked)" : "NOT restored: check git diff"),
  );
  process.exit(signal === "SIGINT" ? 130 : 143);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Takes mutation/.lock, and restores a file a killed earlier run left mutated. */
function acquireLock() {
  mkdirSync(OUT_DIR, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(LOCK, "wx");
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      state.locked = true;
      break;
    } catch (error) {
      if (error.code !== "EEXIST" || attempt > 0) throw error;
      const pid = Number(readFileSync(LOCK, "utf8").trim());
      if (pid && isAlive(pid)) {
        throw new UsageError(
          `another mutation run (pid ${pid}) holds mutation/.lock in this worktree; ` +
            "runs share artifacts/ and cache/, so only one may run per worktree",
        );
      }
      rmSync(LOCK, { force: true });
    }
  }
  if (existsSync(BACKUP)) {
    const backup = JSON.parse(readFileSync(BACKUP, "utf8"));
    const file = join(ROOT, backup.file);
    const content = Buffer.from(backup.content, "base64");
    if (sha256(content) !== backup.sha256) throw new Error(`${BACKUP} is corrupt; see git diff`);
    if (sha256(readFileSync(file)) !== backup.sha256) {
      writeFileSync(file, content);
      console.error(`mutate: an earlier run was killed mid-mutant; restored ${backup.file}`);
    }
    rmSync(BACKUP);
  }
}

// ---------------------------------------------------------------------------------------------
// Hardhat commands, each in its own process group so a timeout or ^C ends all of it.
// ---------------------------------------------------------------------------------------------

function hardhatCli() {
  const pkg = JSON.parse(readFileSync(join(HARDHAT_PKG, "package.json"), "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.hardhat;
  return join(HARDHAT_PKG, bin);
}

function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function hardhat(args, timeoutMs) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [hardhatCli(), ...args], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    state.child = child;
    let output = "";
    const keep = (chunk) => (output = (output + chunk).slice(-200_000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      state.child = undefined;
      done({ code, timedOut, output, ms: Date.now() - started });
    });
  });
}

/** The first failing test's title in a runner's output, for the report. */
function firstFailure(output) {
  const mocha = /^\s+1\) (.+)$/m.exec(output);
  if (mocha) return mocha[1].trim();
  const solidity = /^.*\[FAIL[^\]]*\]\s*(.+)$/m.exec(output) ?? /^.*✘\s*(.+)$/m.exec(output);
  return solidity ? solidity[0].trim() : undefined;
}

function firstError(output) {
  const m = /^(.*(Error|error)[: ].*)$/m.exec(output);
  return m ? m[1].trim() : output.trim().split("\n").slice(-1)[0];
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

function suites(opts) {
  const list = [];
  if (opts.tests.mocha.length) {
    list.push({
      name: "mocha",
      args: [
        "test",
        "mocha",
        "--no-compile",
        ...(opts.bail ? ["--bail"] : []),
        ...(opts.grep ? ["--grep", opts.grep] : []),
        ...opts.tests.mocha,
      ],
    });
  }
  if (opts.tests.solidity.length) {
    list.push({
      name: "solidity",
      args: [
        "test",
        "solidity",
        "--no-compile",
        ...(opts.grepSolidity ? ["--grep", opts.grepSolidity] : []),
        ...opts.tests.solidity,
      ],
    });
  }
  return list;
}

function annotationFor(annotations, mutant) {
  const a = annotations.byLine.get(mutant.line);
  return a && (a.operators === null || a.operators.has(mutant.operator)) ? a : undefined;
}

function summarize(results) {
  const count = (s) => results.filter((r) => r.status === s).length;
  return {
    mutants: results.length,
    killed: count("killed"),
    survived: count("survived"),
    equivalent: count("equivalent"),
    stillborn: count("stillborn"),
    timeout: count("timeout"),
  };
}

function printTable(opts, results) {
  const rows = results.map((r) => [
    String(r.id),
    r.status,
    String(r.line),
    r.operator,
    clip(r.description, 34),
    seconds(r.ms),
  ]);
  const head = ["id", "status", "line", "op", "change", "time"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row) =>
    row
      .map((c, i) => (i === 0 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ");
  console.log(`\n${fmt(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(fmt(row));
  const survivors = results.filter((r) => r.status === "survived" || r.status === "equivalent");
  if (survivors.length) console.log("\nsurvivors (no selected test failed):");
  for (const r of survivors) {
    const tag = r.status === "equivalent" ? ` [equivalent: ${r.annotation}]` : "";
    console.log(
      clip(`  #${r.id} ${opts.contract}:${r.line} ${r.operator} (${r.description})${tag}`, WIDTH),
    );
    console.log(clip(`      - ${r.original}`, WIDTH));
    console.log(clip(`      + ${r.mutated}`, WIDTH));
  }
}

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError) && error.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw error;
    console.error(`mutate: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const file = join(ROOT, opts.contract);
  const source = readFileSync(file, "utf8");
  const generated = generateMutants(source, {
    functions: opts.functions,
    lines: opts.lines,
    operators: opts.operators,
  });
  if (generated.missing.length) {
    const names = [...new Set(generated.available)];
    console.error(
      `mutate: no function named ${generated.missing.join(", ")} in ${opts.contract}` +
        (names.length ? `; it has ${names.join(", ")}` : ""),
    );
    return 2;
  }
  for (const bad of generated.annotations.invalid) {
    console.error(`mutate: ${opts.contract}:${bad.line}: not an annotation: ${bad.text}`);
  }
  let mutants = generated.mutants;
  if (opts.only.length) mutants = mutants.filter((m) => opts.only.includes(m.id));
  if (opts.list && opts.json) {
    const annotated = [...generated.annotations.byLine].map(([line, a]) => ({
      line,
      operators: a.operators && [...a.operators],
      reason: a.reason,
    }));
    const invalid = generated.annotations.invalid;
    console.log(JSON.stringify({ mutants, annotations: annotated, invalid }, null, 2));
    return 0;
  }
  if (opts.list) {
    for (const m of mutants) {
      console.log(
        clip(`#${m.id} ${opts.contract}:${m.line} ${m.operator} (${m.description})`, WIDTH),
      );
      console.log(clip(`    - ${m.original}`, WIDTH));
      console.log(clip(`    + ${m.mutated}`, WIDTH));
    }
    console.log(`${mutants.length} mutants`);
    return 0;
  }
  if (mutants.length === 0) {
    console.error("mutate: no mutants in the selection");
    return 2;
  }

  acquireLock();
  state.file = file;
  state.original = readFileSync(file);
  state.sha = sha256(state.original);
  if (state.original.toString("utf8") !== source)
    throw new Error(`${opts.contract} changed while reading`);
  writeFileSync(
    BACKUP,
    JSON.stringify({
      file: opts.contract,
      sha256: state.sha,
      content: state.original.toString("base64"),
    }),
  );
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => onSignal(signal));
  process.on("exit", () => {
    if (state.child) killGroup(state.child);
    restore();
  });

  const runs = suites(opts);
  // Mutants only change function bodies, never an ABI: no TypeChain, and no Solidity tests built
  // when none is run.
  const buildArgs = [
    "build",
    "--quiet",
    "--no-typechain",
    ...(runs.some((s) => s.name === "solidity") ? [] : ["--no-tests"]),
  ];
  console.log(
    `mutate: ${mutants.length} mutants of ${opts.contract} ` +
      `(${[...new Set(mutants.map((m) => m.function))].join(", ")}); ` +
      `tests: ${[...opts.tests.mocha, ...opts.tests.solidity].join(" ")}`,
  );

  // Baseline: the original must build and pass, and its times set the limits.
  const baseBuild = await hardhat(["build", "--quiet"], 30 * 60_000);
  if (baseBuild.code !== 0) {
    console.error(`mutate: the original does not build:\n${baseBuild.output.slice(-4000)}`);
    return 2;
  }
  const baseline = { buildMs: baseBuild.ms, suites: {} };
  for (const s of runs) {
    const r = await hardhat(s.args, 60 * 60_000);
    if (r.code !== 0) {
      console.error(`mutate: the ${s.name} tests fail on the original:\n${r.output.slice(-4000)}`);
      return 2;
    }
    baseline.suites[s.name] = r.ms;
    s.timeoutMs = Math.round(r.ms * opts.factor + 30_000);
  }
  // The baseline build is usually a cache hit, so it cannot scale the mutants' builds (a viaIR
  // contract takes 15-30 s here): a build only times out when it hangs.
  const buildTimeoutMs = 15 * 60_000;
  console.log(
    `baseline: build ${seconds(baseBuild.ms)}, ` +
      runs.map((s) => `${s.name} ${seconds(baseline.suites[s.name])}`).join(", ") +
      `; limits ×${opts.factor} + 30 s`,
  );

  const started = Date.now();
  const results = [];
  const writeReport = () => {
    mkdirSync(dirname(opts.report), { recursive: true });
    const totals = summarize(results);
    writeFileSync(
      opts.report,
      JSON.stringify(
        {
          contract: opts.contract,
          sha256: state.sha,
          functions: opts.functions,
          lines: opts.lines,
          operators: opts.operators ?? Object.keys(OPERATORS).filter((o) => OPERATORS[o].default),
          tests: opts.tests,
          baseline,
          totals,
          msPerMutant: results.length ? Math.round((Date.now() - started) / results.length) : 0,
          mutants: results,
          invalidAnnotations: generated.annotations.invalid,
        },
        null,
        2,
      ) + "\n",
    );
  };

  for (const [n, m] of mutants.entries()) {
    const t0 = Date.now();
    const result = {
      id: m.id,
      operator: m.operator,
      function: m.function,
      file: opts.contract,
      line: m.line,
      endLine: m.endLine,
      description: m.description,
      original: m.original,
      mutated: m.mutated,
    };
    let build;
    try {
      writeFileSync(file, applyMutant(source, m));
      build = await hardhat(buildArgs, buildTimeoutMs);
    } finally {
      // The tests run on the artifacts, so the source goes back as soon as it is compiled.
      if (!restore()) throw new Error(`${opts.contract} could not be restored: check git diff`);
    }
    if (build.timedOut) {
      result.status = "timeout";
      result.phase = "build";
    } else if (build.code !== 0) {
      result.status = "stillborn";
      result.error = firstError(build.output);
    } else {
      result.status = "survived";
      for (const s of runs) {
        const r = await hardhat(s.args, s.timeoutMs);
        if (r.timedOut) {
          Object.assign(result, { status: "timeout", phase: s.name });
          break;
        }
        if (r.code !== 0) {
          Object.assign(result, {
            status: "killed",
            killedBy: s.name,
            test: firstFailure(r.output),
          });
          break;
        }
      }
    }
    const annotation = annotationFor(generated.annotations, m);
    if (annotation && result.status === "survived") {
      result.status = "equivalent";
      result.annotation = annotation.reason;
    } else if (annotation) {
      result.staleAnnotation = annotation.reason;
    }
    result.ms = Date.now() - t0;
    results.push(result);
    writeReport();
    console.log(
      clip(
        `[${n + 1}/${mutants.length}] #${m.id} ${m.operator} :${m.line} ${m.description}: ` +
          `${result.status}${result.killedBy ? ` by ${result.killedBy}` : ""} (${seconds(result.ms)})`,
        WIDTH,
      ),
    );
  }

  const restored = restore();
  // Leave artifacts/ matching the restored source (the last mutant's build is in them).
  const rebuild = await hardhat(["build", "--quiet"], 30 * 60_000);
  releaseLock();
  const totals = summarize(results);
  const perMutant = Math.round((Date.now() - started) / results.length);
  printTable(opts, results);
  for (const r of results.filter((x) => x.staleAnnotation)) {
    console.log(
      `note: #${r.id} line ${r.line} is annotated equivalent but was ${r.status}: drop the annotation`,
    );
  }
  console.log(
    `\n${opts.contract}: ${totals.mutants} mutants: ${totals.killed} killed, ` +
      `${totals.survived} survived, ${totals.equivalent} equivalent (annotated), ` +
      `${totals.stillborn} stillborn, ${totals.timeout} timed out; ` +
      `${seconds(perMutant)} per mutant; report ${relative(ROOT, opts.report)}`,
  );
  console.log(
    `${opts.contract} restored, SHA-256 ${restored ? "matches" : "DIFFERS"}: ${state.sha}`,
  );
  if (!restored) return 2;
  if (rebuild.code !== 0)
    console.error("mutate: rebuilding the original failed; run npm run build");
  return totals.survived > 0 ? 1 : 0;
}

main().then(
  (code) => {
    releaseLock();
    process.exitCode = code;
  },
  (error) => {
    const restored = restore();
    releaseLock();
    if (!restored) console.error("mutate: the contract could not be restored: check git diff");
    console.error(
      `mutate: ${error instanceof UsageError ? error.message : (error.stack ?? error)}`,
    );
    process.exitCode = 2;
  },
);
