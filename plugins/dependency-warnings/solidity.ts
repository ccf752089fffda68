/** The `solidity` hook handlers of the dependency-warnings plugin. */
import type { SolidityHooks } from "hardhat/types/hooks";
import { ResolvedFileType } from "hardhat/types/solidity";

/** The part of a solc diagnostic that says where it points (solc always sends it; the type omits it). */
interface Located {
  readonly sourceLocation?: { readonly file?: string };
}

export default async (): Promise<Partial<SolidityHooks>> => ({
  async getCompilationJobErrors(context, compilationJob, compilerOutput, next) {
    const errors = await next(context, compilationJob, compilerOutput);
    const raw = compilerOutput.errors ?? [];
    // The default handler maps solc's list one to one; if another plugin changed it, keep all.
    if (errors.length !== raw.length) return errors;
    return errors.filter((error, i) => {
      if (error.severity !== "warning") return true;
      const file = (raw[i] as Located).sourceLocation?.file;
      if (file === undefined) return true;
      const resolved = compilationJob.dependencyGraph.getFileByInputSourceName(file);
      return resolved?.type !== ResolvedFileType.NPM_PACKAGE_FILE;
    });
  },
});
