// Reads the LCOV report written by `hardhat test --coverage` and fails unless every line of the
// production contracts (contracts/, test doubles in contracts/mocks/ excluded) is covered, and
// every production source file with code (all but contracts/interfaces/) is in the report, so
// a new contract cannot pass by being left out. Hardhat has no threshold option of its own, so
// CI relies on this check.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const REPORT = "coverage/lcov.info";
const REQUIRED_LINE_PERCENT = Number(process.env.COVERAGE_MIN_LINES ?? "100");

function parse(text) {
  const files = [];
  let current;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("SF:")) {
      current = { path: relative(process.cwd(), line.slice(3)), found: 0, hit: 0, missed: [] };
    } else if (line.startsWith("DA:") && current) {
      const [lineNo, count] = line.slice(3).split(",").map(Number);
      current.found += 1;
      if (count > 0) current.hit += 1;
      else current.missed.push(lineNo);
    } else if (line === "end_of_record" && current) {
      files.push(current);
      current = undefined;
    }
  }
  return files;
}

let text;
try {
  text = readFileSync(REPORT, "utf8");
} catch {
  console.error(`coverage: ${REPORT} not found; run \`hardhat test --coverage\` first`);
  process.exit(1);
}

const files = parse(text).filter(
  (f) => f.path.startsWith("contracts/") && !f.path.startsWith("contracts/mocks/"),
);
if (files.length === 0) {
  console.error("coverage: the report covers no production contract");
  process.exit(1);
}

/** The .sol files under `dir` (repository-relative paths), recursively. */
function solidityFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return solidityFiles(path);
    return entry.name.endsWith(".sol") ? [path] : [];
  });
}

// Interfaces declare no executable line; mocks are test doubles.
const expected = solidityFiles("contracts").filter(
  (path) => !path.startsWith("contracts/mocks/") && !path.startsWith("contracts/interfaces/"),
);
const reported = new Set(files.map((f) => f.path));

let found = 0;
let hit = 0;
const failures = expected
  .filter((path) => !reported.has(path))
  .map((path) => `${path}: not in the coverage report`);
console.log("\nLine coverage of contracts/ (mocks excluded)");
for (const f of files.sort((a, b) => a.path.localeCompare(b.path))) {
  found += f.found;
  hit += f.hit;
  const pct = f.found === 0 ? 100 : (100 * f.hit) / f.found;
  console.log(
    `  ${pct.toFixed(2).padStart(6)}%  ${String(f.hit).padStart(4)}/${String(f.found).padEnd(4)} ${f.path}`,
  );
  if (pct < REQUIRED_LINE_PERCENT)
    failures.push(`${f.path}: uncovered lines ${f.missed.join(", ")}`);
}
const total = found === 0 ? 100 : (100 * hit) / found;
console.log(
  `  ${total.toFixed(2).padStart(6)}%  ${String(hit).padStart(4)}/${String(found).padEnd(4)} total (required ${REQUIRED_LINE_PERCENT}%)`,
);
if (failures.length > 0) {
  console.error(`\ncoverage below ${REQUIRED_LINE_PERCENT}%:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
