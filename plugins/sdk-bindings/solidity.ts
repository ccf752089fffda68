/** The `solidity` hook of the SDK-bindings plugin: copy the SDK's bindings after a build. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

import type { SolidityHooks } from "hardhat/types/hooks";

import { SDK_BINDING_FILES, SDK_BINDINGS_DIR } from "./bindings.js";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async processArtifactsAfterSuccessfulBuild(context) {
    const { root } = context.config.paths;
    const source = context.config.typechain.outDir ?? join(root, "types");
    const target = join(root, SDK_BINDINGS_DIR);
    for (const file of SDK_BINDING_FILES) {
      const text = await readFile(join(source, file), "utf8");
      const to = join(target, file);
      // Unchanged files are left alone, so nothing watching the SDK's sources sees a change.
      const current = await readFile(to, "utf8").catch(() => undefined);
      if (current === text) continue;
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, text);
    }
  },
});
