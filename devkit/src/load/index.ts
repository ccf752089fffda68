/**
 * `@tradechain/devkit/load`: the load engine behind `npm run load`, the end-to-end test's load and
 * the explorer's benchmark: orders through their lifecycle beside a lean loop, then figures.
 */
export { type LeanReport, type RpcProvider, runLeanTransfers } from "./lean.js";
export {
  DEFAULT_LOAD_OPTIONS,
  LOAD_STEPS,
  loadAmount,
  type LoadOptions,
  type LoadStep,
  MAX_CONCURRENCY,
  MAX_ORDERS,
  validateLoadOptions,
  WALLET_GAS_FUNDS,
} from "./options.js";
export {
  formatLoadReport,
  loadSucceeded,
  loadThroughput,
  type LoadReport,
  missedTargets,
  percentile,
  TARGET_ORDERS_PER_SECOND,
  TARGET_RATIO,
} from "./report.js";
export { type LoadAccounts, runLoad, WARM_UP_TRANSFERS } from "./run.js";
