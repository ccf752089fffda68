/**
 * A project-local Hardhat plugin: after every successful build, the TypeChain bindings of the
 * three contracts the SDK drives (TradeEscrow, TradeRegistry, SettlementToken) are copied from
 * Hardhat's TypeChain output into `sdk/src/contracts/` (generated, not committed), so the SDK
 * package holds, and ships, the bindings it uses and nothing else: no mocks, no test contracts.
 * `hardhat clean` removes them with the rest of the build output.
 */
import type { HardhatPlugin } from "hardhat/types/plugins";

const sdkBindingsPlugin: HardhatPlugin = {
  id: "tradechain-sdk-bindings",
  // Hardhat's TypeChain plugin writes the bindings this one copies: it runs first.
  dependencies: () => [import("@nomicfoundation/hardhat-typechain")],
  hookHandlers: {
    solidity: () => import("./solidity.js"),
    clean: () => import("./clean.js"),
  },
};

export default sdkBindingsPlugin;
