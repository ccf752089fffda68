/**
 * What the task definitions share: loading an action only after the contracts are built, and the
 * options most tasks take. Imports nothing generated, so `hardhat --help` works on a fresh clone.
 */
import { existsSync } from "node:fs";

import { ArgumentType } from "hardhat/types/arguments";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

/** A task action. */
type Action<A> = (args: A, hre: HardhatRuntimeEnvironment) => unknown;

/**
 * `setAction(built(() => import("./x.js")))`: builds the contracts (quietly, as `hardhat run`
 * does; a no-op when nothing changed), then loads the module and runs its `name` export.
 */
export function built<A, K extends string = "default">(
  load: () => Promise<Record<NoInfer<K>, Action<A>>>,
  name: K = "default" as K,
) {
  return async () => ({
    default: async (args: A, hre: HardhatRuntimeEnvironment) => {
      if (!existsSync(hre.config.typechain.outDir ?? hre.config.paths.artifacts)) {
        console.error("Compiling the contracts and generating their bindings first (once)…");
      }
      await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
      const action = (await load())[name];
      return action(args, hre);
    },
  });
}

/** `--deployment-id`: which Ignition deployment folder the task reads. */
export const DEPLOYMENT_ID = {
  name: "deploymentId",
  description: "Ignition deployment id to read [default: chain-<chainId>]",
  type: ArgumentType.STRING_WITHOUT_DEFAULT,
  defaultValue: undefined,
} as const;
/** `--from`: the sending account. */
export const FROM = {
  name: "from",
  description:
    "Sending account: address or index of the network's accounts [default: the first one allowed]",
  type: ArgumentType.STRING_WITHOUT_DEFAULT,
  defaultValue: undefined,
} as const;

/** A required text option (the action checks it and says what is missing in one line). */
export function textOption(name: string, description: string) {
  return {
    name,
    description,
    type: ArgumentType.STRING_WITHOUT_DEFAULT,
    defaultValue: undefined,
  } as const;
}
