/** The `clean` hook of the SDK-bindings plugin: the copied bindings go with the build output. */
import { rm } from "node:fs/promises";
import { join } from "node:path";

import type { CleanHooks } from "hardhat/types/hooks";

import { SDK_BINDINGS_DIR } from "./bindings.js";

export default async (): Promise<Partial<CleanHooks>> => ({
  async onClean(context) {
    await rm(join(context.config.paths.root, SDK_BINDINGS_DIR), { recursive: true, force: true });
  },
});
