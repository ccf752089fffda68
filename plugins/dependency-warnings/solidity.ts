/** The `solidity` hook handlers of the dependency-warnings plugin. */
import type { SolidityHooks } from "hardhat/types/hooks";
import { ResolvedFileType } from "hardhat/types/solidity";

/** The part of a solc diagnostic that says where it points (solc always sends it; the type omits it). */
interface Located {
  readonly sourceLocation?: { readonly file?: string };
  readonly errorCode?: string;
}

/** solc's "Contract code size exceeds 24576 bytes" warning. */
const CODE_SIZE_WARNING = "5574";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async getCompilationJobErrors(context, compilationJob, compilerOutput, next) {
    const errors = await next(context, compilationJob, compilerOutput);
    const raw = compilerOutput.errors ?? [];
    // The default handler maps solc's list one to one; if another plugin changed it, keep all.
    if (errors.length !== raw.length) return errors;
    // A contract compiled here only as a dependency (TradeEscrow inside a Solidity test's job,
    // with the default settings rather than its own override) gets no artifact from this job, so
    // its size here says nothing: the deployed size is checked by `npm run bench`.
    const roots = new Set(
      [...compilationJob.dependencyGraph.getRoots().values()].map((f) => f.inputSourceName),
    );
    return errors.filter((error, i) => {
      if (error.severity !== "warning") return true;
      const located = raw[i] as Located;
      const file = located.sourceLocation?.file;
      if (located.errorCode === CODE_SIZE_WARNING && file !== undefined && !roots.has(file)) {
        return false;
      }
      if (file === undefined) return true;
      const resolved = compilationJob.dependencyGraph.getFileByInputSourceName(file);
      return resolved?.type !== ResolvedFileType.NPM_PACKAGE_FILE;
    });
  },
});
