/**
 * `@tradechain/devkit/demo`: the demo's story as reusable pieces — the cast, the stage, one
 * scenario per order path, the final verification — and the whole story played on a node.
 */
export {
  ACCOUNTS_NEEDED,
  type Cast,
  castFromSigners,
  CN,
  HK,
  KZ,
  OPENING_BALANCES,
  PARTY_KEYS,
  PARTY_NAMES,
  type PartyKey,
  PK,
  PRODUCTS,
  type ProductKey,
} from "./cast.js";
export { type Check, Expectations, type RefundCause } from "./expectations.js";
export { type FxStep, type FxStory, runFxStory } from "./fx.js";
export { type FxOrder, type FxOrderSpec, placeFxOrder } from "./fx-order.js";
export { type DemoData, playDemo } from "./play.js";
export {
  CONFIRM_WINDOW,
  runScenarios,
  type Scenario,
  type ScenarioOutcome,
  SCENARIOS,
  SHORT_SHIP_WITHIN,
} from "./scenarios.js";
export {
  balanceHolders,
  balances,
  check,
  increaseTime,
  money,
  nameOf,
  type OnboardingStep,
  type RpcSender,
  setUpStage,
  type Stage,
} from "./stage.js";
export { creditText, refundsCaused, verifyFinalState } from "./verify.js";
