/** Where things are in this repository, for the dev kit's modules (none of this ships). */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the Hardhat project). */
export const REPOSITORY_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Hardhat's CLI, run with this process's Node (the pinned Node 24, whatever the system has). */
export const HARDHAT_CLI = join(
  REPOSITORY_ROOT,
  "node_modules",
  "hardhat",
  "dist",
  "src",
  "cli.js",
);
/** Anvil, from the optional npm package `@foundry-rs/anvil-linux-amd64`. */
export const ANVIL_BIN = join(REPOSITORY_ROOT, "node_modules", ".bin", "anvil");
/** Where Ignition keeps deployments (Hardhat's default `paths.ignition`). */
export const IGNITION_DEPLOYMENTS = join(REPOSITORY_ROOT, "ignition", "deployments");
/** The parameter file for the in-process network, hardhat node and Anvil (their test accounts). */
export const LOCAL_PARAMETERS = join(REPOSITORY_ROOT, "ignition", "parameters", "local.json");
