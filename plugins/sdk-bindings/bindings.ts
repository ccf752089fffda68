/** Which TypeChain files the SDK ships, and where they go. */
import { join } from "node:path";

/** The SDK's folder of generated bindings, from the repository root. */
export const SDK_BINDINGS_DIR = join("sdk", "src", "contracts");

/**
 * The files of TypeChain's output the SDK imports, relative to that output: each contract's
 * typed interface and factory, and the helper types they share.
 */
export const SDK_BINDING_FILES: readonly string[] = [
  "common.ts",
  ...[
    "escrow/TradeEscrow",
    "escrow/TradeFxEscrow",
    "escrow/TradeFxDesk",
    "registry/TradeRegistry",
    "token/SettlementToken",
  ].flatMap((path) => {
    const [folder, name] = path.split("/");
    return [`${folder}/${name}.ts`, `factories/${folder}/${name}__factory.ts`];
  }),
];
