/**
 * The CLI walkthrough of docs/cli.md runs as written: every command between the walkthrough
 * markers is split into words as a shell would, checked against the task's definition (name,
 * options, flags), and run through Hardhat's task system with `--network localhost` pointing at a
 * fresh node (an in-process chain behind a JSON-RPC server), in order, each without an error.
 * `WALKTHROUGH_OUT=<file>` saves what the commands printed, to refresh the doc's excerpt. The
 * page's error examples (between the cli-errors markers) run the same way, each printing exactly
 * the one line the page shows.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";
import hre, { network } from "hardhat";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import { ArgumentType } from "hardhat/types/arguments";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import userConfig from "../../hardhat.config.js";
import { type RpcProxy, startRpcProxy } from "../helpers/rpc-proxy.js";

const DOC = "docs/cli.md";
const START = "<!-- cli-walkthrough:start -->";
const END = "<!-- cli-walkthrough:end -->";
const ERRORS_START = "<!-- cli-errors:start -->";
const ERRORS_END = "<!-- cli-errors:end -->";

/** The walkthrough's commands, continuation lines joined and comments dropped. */
export function walkthroughCommands(markdown: string): string[] {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${START} … ${END} block`);
  const block = markdown.slice(start + START.length, end);
  const code = /```sh\n([\s\S]*?)```/.exec(block)?.[1];
  if (code === undefined) throw new Error(`the walkthrough in ${DOC} has no sh code block`);
  return code
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * The error examples: each `$ ` command (with its `\` continuation lines) and the line it prints,
 * which the page may break over several lines to fit.
 */
export function errorExamples(markdown: string): { command: string; output: string }[] {
  const start = markdown.indexOf(ERRORS_START);
  const end = markdown.indexOf(ERRORS_END);
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${ERRORS_START} block`);
  const code = /```text\n([\s\S]*?)```/.exec(markdown.slice(start, end))?.[1] ?? "";
  const lines = code.split("\n");
  const examples: { command: string; output: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith("$ ")) {
      let command = lines[i].slice(2);
      while (command.endsWith("\\")) command = `${command.slice(0, -1)} ${lines[++i].trim()}`;
      examples.push({ command: command.trim(), output: [] });
    } else if (lines[i].trim() !== "") examples.at(-1)?.output.push(lines[i].trim());
  }
  return examples.map((e) => ({ command: e.command, output: e.output.join(" ") }));
}

/** Splits a command line into words as a POSIX shell does for plain words and quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (const char of line) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word = (word ?? "") + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word = word ?? "";
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (quote !== undefined) throw new Error(`unterminated ${quote} in: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** A doc command as a task run: its name and arguments, checked against the task definition. */
function taskRun(hardhat: HardhatRuntimeEnvironment, line: string) {
  const words = shellWords(line);
  expect(words.slice(0, 2), line).to.deep.equal(["npx", "hardhat"]);
  const [name, ...rest] = words.slice(2);
  const task = hardhat.tasks.getTask(name);
  const args: Record<string, string | boolean> = {};
  const positional: string[] = [];
  let network: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (!word.startsWith("--")) {
      positional.push(word);
      continue;
    }
    const option = word.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (option === "network") {
      network = rest[++i];
      continue;
    }
    const definition = task.options.get(option);
    expect(definition, `${name} has no option ${word} (in: ${line})`).to.not.equal(undefined);
    if (definition?.type === ArgumentType.FLAG) args[option] = true;
    else args[option] = rest[++i];
  }
  task.positionalArguments.forEach((p, i) => {
    if (positional[i] !== undefined) args[p.name] = positional[i];
  });
  expect(positional.length, `extra arguments in: ${line}`).to.be.at.most(
    task.positionalArguments.length,
  );
  return { task, args, network };
}

/** Runs `work` with console output and the exit code captured. */
async function captured(work: () => Promise<unknown>) {
  const printed: string[] = [];
  const errors: string[] = [];
  const { log, error } = console;
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  console.log = (...parts: unknown[]) => printed.push(parts.join(" "));
  console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
  try {
    await work();
    return { printed, errors, exitCode: process.exitCode };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = exitCode;
  }
}

describe(`The CLI walkthrough (${DOC})`, () => {
  let proxy: RpcProxy;
  let ignition: string;
  let hardhat: HardhatRuntimeEnvironment;

  before(async () => {
    proxy = await startRpcProxy((await network.create()).provider);
    ignition = await mkdtemp(join(tmpdir(), "tradechain-walkthrough-"));
    hardhat = await createHardhatRuntimeEnvironment(
      {
        ...userConfig,
        paths: { ...userConfig.paths, ignition },
        networks: {
          ...userConfig.networks,
          localhost: { type: "http", chainType: "l1", url: proxy.url },
        },
      },
      // the test run's own options (coverage, build profile), so the tasks' build is the one the
      // run already made
      { ...hre.globalOptions, network: "localhost" },
      hre.config.paths.root,
    );
  });

  after(async () => {
    await proxy.close();
    await rm(ignition, { recursive: true, force: true });
  });

  it("splits words as the shell does", () => {
    expect(shellWords(`a --b "c d" 'e"f' g\\h`)).to.deep.equal(["a", "--b", "c d", 'e"f', "g\\h"]);
  });

  it("runs every command as written on a fresh node, each without an error", async function () {
    this.timeout(240_000); // some thirty commands, each a task run with its own connection
    const commands = walkthroughCommands(await readFile(DOC, "utf8"));
    expect(commands.length).to.be.at.least(10);
    const printed: string[] = [];
    for (const line of commands) {
      const { task, args, network } = taskRun(hardhat, line);
      expect(network, `every walkthrough command names --network localhost: ${line}`).to.equal(
        "localhost",
      );
      const run = await captured(() => task.run(args));
      printed.push(...run.printed);
      expect(run.errors, line).to.deep.equal([]);
      expect(run.exitCode, line).to.equal(undefined);
    }
    const output = printed.join("\n");
    if (process.env.WALKTHROUGH_OUT !== undefined)
      await writeFile(process.env.WALKTHROUGH_OUT, output);
    expect(output).to.contain(
      "Appointed 0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f as customs authority of PK; PK now has 1",
    );
    expect(output).to.contain("Suspended 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    expect(output).to.contain("Fee for new orders: 1.00% → 1.50%");
    expect(output).to.match(/8806 +heading +Negative +never +1/);
    expect(output).to.match(/: new orders paused; open orders continue/);
    expect(output).to.match(/new orders +paused\n/); // escrow:show while paused
    expect(output).to.match(/^CNY token 0x[0-9a-fA-F]{40} paused: /m);
    expect(output).to.match(/: Seller in VN, registered .* UTC, active \(version 1\)/);
    // cross-currency orders: the provider's cap, and local.json's mock feed as the pair's reference
    expect(output).to.contain(
      "Cap of 0x14dC79964da2C08b23698B3D3cc7Ca32193d9955 on USD → CNY: CN¥ 100,000.00 " +
        "(line 1, open CN¥ 0.00)",
    );
    expect(output).to.match(/USD → CNY +0x[0-9a-fA-F]{40} +1d +1\.00% +1 USD = CN¥ 7\.10\n/);
    expect(output).to.match(
      / 1 +0x14dC79964da2C08b23698B3D3cc7Ca32193d9955 +USD → CNY +CN¥ 100,000\.00 +CN¥ 0\.00 +CN¥ 100,000\.00/,
    );
    for (const text of output.split("\n")) expect([...text].length, text).to.be.at.most(120);
  });

  it("prints each error example as the page shows it, one line and exit code 1", async function () {
    this.timeout(120_000);
    const examples = errorExamples(await readFile(DOC, "utf8"));
    expect(examples.length).to.be.at.least(5);
    // Hardhat's in-process network, as a command without --network gets it.
    const offline = await createHardhatRuntimeEnvironment(
      { ...userConfig, paths: { ...userConfig.paths, ignition } },
      { ...hre.globalOptions, network: undefined },
      hre.config.paths.root,
    );
    const deploy = await captured(() =>
      hardhat.tasks
        .getTask("tradechain:deploy")
        .run({ parameters: "ignition/parameters/local.json", reset: true }),
    );
    expect(deploy.errors).to.deep.equal([]);
    for (const { command, output } of examples) {
      const { task, args, network } = taskRun(hardhat, command);
      const on = network === undefined ? offline.tasks.getTask(task.id.join(":")) : task;
      const run = await captured(() => on.run(args));
      expect(run.errors, command).to.deep.equal([output]);
      expect(run.exitCode, command).to.equal(1);
    }
  });
});
