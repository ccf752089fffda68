// Hardhat 3's simulator (EDR) ships its native code as optional, per-platform packages whose
// `engines` ask for Node >= 22. A machine whose system Node is older skips them during the first
// install, even though every npm script here runs on the pinned Node from the `node` package.
// This step runs under that pinned Node: if the platform package is missing it installs it.
import { execFileSync, spawnSync } from "node:child_process";

// Checked in a fresh process: Node remembers failed module lookups within one process.
function edrLoads() {
  const probe = spawnSync(process.execPath, ["-e", 'require("@nomicfoundation/edr")'], {
    stdio: "ignore",
  });
  return probe.status === 0;
}

if (process.env.TRADECHAIN_POSTINSTALL === "1" || edrLoads()) {
  process.exit(0);
}

console.log(`postinstall: EDR native package missing; reinstalling under Node ${process.version}`);
const npm = process.env.npm_execpath;
const args = process.env.npm_command === "ci" ? ["ci"] : ["install"];
execFileSync(npm ? process.execPath : "npm", npm ? [npm, ...args] : args, {
  stdio: "inherit",
  env: { ...process.env, TRADECHAIN_POSTINSTALL: "1" },
});
if (!edrLoads()) {
  console.error("postinstall: EDR still cannot load; Hardhat will not run on this machine");
  process.exit(1);
}
