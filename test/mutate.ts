/**
 * `npm run mutate` (scripts/mutate.mjs) makes the mutants docs/testing.md promises, and only those:
 * its `--list --json` mode runs on a sample contract written to a temporary folder (nothing is
 * compiled or mutated on disk).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";

const SAMPLE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

contract Sample {
    uint256 private _total; // a < b in a comment is no operator
    mapping(address account => uint256 amount) private _balances;

    event Paid(address to, uint256 amount);
    error TooMuch(uint256 amount);

    /// @notice if (x) in NatSpec is no condition; revert Nothing(); is no statement.
    function pay(address to, uint256 amount) external {
        if (amount > 10) revert TooMuch(amount);
        require(to != address(0), "zero");
        uint256 fee = amount / 100; // 1% < 2%: if (x) revert Nothing();
        _balances[to] += amount - fee;
        _total = _total + 1;
        emit Paid(to, amount);
        _check(true);
    }

    function _check(bool flag) private pure {
        // mutate: equivalent(lit) — the flag is only ever true here
        assert(flag && 1 == 1);
        assembly {
            let x := add(0, 1)
        }
    }

    function other(uint256 a) external pure returns (uint256) {
        return a * 2;
    }

    function guarded() external {
        try this.other(1) returns (uint256 v) {
            _total = v;
        } catch {
            _total = 0;
        }
    }
}
`;

interface Mutant {
  id: number;
  operator: string;
  function: string;
  line: number;
  description: string;
  original: string;
  mutated: string;
}

interface Listing {
  mutants: Mutant[];
  annotations: { line: number; operators: string[] | null; reason: string }[];
  invalid: { line: number; text: string }[];
}

function mutate(args: string[], source = SAMPLE) {
  const dir = mkdtempSync(join(tmpdir(), "mutate-test-"));
  try {
    const file = join(dir, "Sample.sol");
    writeFileSync(file, source);
    return spawnSync(process.execPath, ["scripts/mutate.mjs", "--contract", file, ...args], {
      encoding: "utf8",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function list(args: string[], source = SAMPLE): Listing {
  const run = mutate(["--list", "--json", ...args], source);
  expect(run.status, run.stderr).to.equal(0);
  return JSON.parse(run.stdout) as Listing;
}

const summary = (m: Mutant) => `${m.line} ${m.operator}: ${m.mutated}`;

describe("npm run mutate: the mutants", () => {
  it("mutates every operator of the chosen function, skipping comments and declarations", () => {
    const { mutants } = list(["--functions", "pay"]);
    expect(mutants.every((m) => m.function === "pay")).to.equal(true);
    expect(mutants.map((m) => m.id)).to.deep.equal(mutants.map((_, i) => i + 1));
    expect(mutants.map(summary)).to.deep.equal([
      "13 neg: if (!(amount > 10)) revert TooMuch(amount);",
      "13 ror: if (amount >= 10) revert TooMuch(amount);",
      "13 ror: if (amount <= 10) revert TooMuch(amount);",
      "13 revert: if (amount > 10) {}",
      "14 require: {}",
      '14 neg: require(!(to != address(0)), "zero");',
      '14 ror: require(to == address(0), "zero");',
      '14 lit: require(to != address(1), "zero");',
      "15 aor: uint256 fee = amount * 100; // 1% < 2%: if (x) revert Nothing();",
      "16 assign: {}",
      "16 aor: _balances[to] -= amount - fee;",
      "16 aor: _balances[to] += amount + fee;",
      "17 assign: {}",
      "17 aor: _total = _total - 1;",
      "17 lit: _total = _total + 0;",
      "18 emit: {}",
      "19 call: {}",
      "19 lit: _check(false);",
    ]);
  });

  it("mutates assembly literals only, and negates assert", () => {
    const { mutants } = list(["--functions", "_check"]);
    expect(mutants.map(summary)).to.deep.equal([
      "24 require: {}",
      "24 neg: assert(!(flag && 1 == 1));",
      "24 lor: assert(flag || 1 == 1);",
      "24 lit: assert(flag && 0 == 1);",
      "24 ror: assert(flag && 1 != 1);",
      "24 lit: assert(flag && 1 == 0);",
      "26 lit: let x := add(1, 1)",
      "26 lit: let x := add(0, 0)",
    ]);
  });

  it("reads an annotation on the line above as the next code line's", () => {
    const { annotations, invalid } = list(["--functions", "_check"]);
    expect(annotations).to.deep.equal([
      { line: 24, operators: ["lit"], reason: "the flag is only ever true here" },
    ]);
    expect(invalid).to.deep.equal([]);
  });

  it("reports an annotation without a reason or with an unknown operator", () => {
    const source = SAMPLE.replace(
      "return a * 2;",
      "return a * 2; // mutate: equivalent\n        // mutate: equivalent(nope) — why",
    );
    const { invalid } = list(["--functions", "other"], source);
    expect(invalid.map((i) => i.line)).to.deep.equal([31, 32]);
    expect(invalid[1].text).to.contain("unknown operator nope");
  });

  it("deletes the statements inside try and catch blocks, never the blocks", () => {
    expect(list(["--functions", "guarded"]).mutants.map(summary)).to.deep.equal([
      "35 lit: try this.other(0) returns (uint256 v) {",
      "36 assign: {}",
      "38 assign: {}",
      "38 lit: _total = 1;",
    ]);
  });

  it("selects by line range and by operator, and swaps arguments on request", () => {
    expect(list(["--lines", "16-17", "--operators", "assign"]).mutants.map(summary)).to.deep.equal([
      "16 assign: {}",
      "17 assign: {}",
    ]);
    expect(list(["--functions", "pay", "--operators", "swap"]).mutants.map(summary)).to.deep.equal([
      "18 swap: emit Paid(amount, to);",
    ]);
  });

  it("names the functions it has when asked for one it lacks, and refuses unknown operators", () => {
    const missing = mutate(["--list", "--functions", "nope"]);
    expect(missing.status).to.equal(2);
    expect(missing.stderr)
      .to.contain("no function named nope")
      .and.contain("pay, _check, other, guarded");
    const badOperator = mutate(["--list", "--operators", "ror,xyz"]);
    expect(badOperator.status).to.equal(2);
    expect(badOperator.stderr).to.contain("--operators: unknown xyz");
  });
});
