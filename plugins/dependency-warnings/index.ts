/**
 * A project-local Hardhat plugin: compiler warnings whose source is an npm dependency (for example
 * OpenZeppelin's transient-storage warning) are left out of the build output, because nothing in
 * this repository can act on them. Warnings in the project's own files, and every error, are
 * printed as before, except the code-size warning of a contract a job compiles only as a
 * dependency.
 */
import type { HardhatPlugin } from "hardhat/types/plugins";

const dependencyWarningsPlugin: HardhatPlugin = {
  id: "tradechain-dependency-warnings",
  hookHandlers: {
    solidity: () => import("./solidity.js"),
  },
};

export default dependencyWarningsPlugin;
