/**
 * TradeChain SDK: a typed client for escrowed stablecoin orders, customs product lists and
 * credit records, over ethers v6 and the suite's TypeChain bindings. This entry point runs in
 * Node and in browsers; what needs Node's file system is `@tradechain/sdk/node`.
 */
export {
  type AccountOrder,
  type BatchItem,
  type BatchResult,
  computeOrderId,
  type CreatedFxOrder,
  DEFAULT_ORDERS_PAGE,
  type EscrowOption,
  DEFAULT_QUOTE_VALIDITY,
  type FxFeed,
  type FxFeedSetting,
  type FxLeg,
  type FxLimit,
  type FxPayout,
  type FxQuoteOptions,
  type SignedFxQuote,
  DEFAULT_WATCH_RANGE,
  MAX_ORDERS_PAGE,
  type OrderRef,
  type OrderRole,
  type OrdersOfOptions,
  type OrdersPage,
  type OrderWatchFilter,
  type Unsubscribe,
  type WatchOrdersOptions,
  DEFAULT_CONFIRM_WINDOW,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SHIP_WITHIN,
  DEFAULT_SIGNATURE_VALIDITY,
  feeOf,
  type RolesInput,
  toBytes32,
  TradeChainClient,
  type TradeChainClientOptions,
} from "./client.js";
export { parseAddress } from "./address.js";
export {
  EXPLORER_MAX_PAGE,
  EXPLORER_TIMEOUT_MS,
  ExplorerClient,
  type ExplorerClientOptions,
  type ExplorerOrderQuery,
  type ExplorerPageQuery,
  type ExplorerPartyOrderQuery,
} from "./explorer-client.js";
export type * from "./explorer-types.js";
export {
  addressesFromIgnition,
  deploymentFromIgnition,
  IGNITION_FUTURES,
  type IgnitionDeployment,
  ignitionDeploymentId,
} from "./deployment.js";
export {
  decodeError,
  describeError,
  type DescribeContext,
  ENUM_NAMES,
  enumTypeName,
  ErrorArgs,
  type ErrorMessage,
  ERROR_MESSAGES,
  revertDataOf,
  roleName,
  SUITE_ABIS,
  suiteErrorFragments,
  toTradeChainError,
} from "./errors.js";
export {
  type DecodedError,
  type DecodedErrorArgument,
  ERROR_CODES,
  TradeChainError,
  type TradeChainErrorCode,
} from "./failure.js";
export {
  CURRENCY_STYLES,
  type CurrencyStyle,
  formatAmount,
  type FormatAmountOptions,
  formatBps,
  formatDuration,
  formatGas,
  formatTimestamp,
  formatUnitsGrouped,
  parseAmount,
  shortHex,
} from "./format.js";
export * from "./ids.js";
export {
  type ActionWindow,
  type EscrowPeriods,
  type NextAction,
  type NextActionContext,
  nextActionOf,
  type NextActionState,
  type NextActionTerms,
  type OrderActor,
  type OrderMove,
} from "./next-action.js";
export {
  FX_ORDER_EVENT_KINDS,
  type FxOrderEventKind,
  ORDER_EVENT_KINDS,
  type OrderEvent,
  type OrderEventKind,
} from "./order-events.js";
export { isUnsupportedMethodError, receiptPollDelay } from "./rpc.js";
export {
  describeStep,
  type Step,
  type StepArgs,
  type StepFormat,
  type StepLanguage,
  STEP_LANGUAGES,
  type StepMessage,
  type StepTerms,
  STEP_TEXT,
} from "./timeline-steps.js";
export * from "./signatures.js";
export * from "./types.js";
export type { SettlementToken } from "./contracts/token/SettlementToken.js";
export type { TradeEscrow, ITradeEscrow } from "./contracts/escrow/TradeEscrow.js";
export type { TradeRegistry, ITradeRegistry } from "./contracts/registry/TradeRegistry.js";
export { SettlementToken__factory } from "./contracts/factories/token/SettlementToken__factory.js";
export { TradeEscrow__factory } from "./contracts/factories/escrow/TradeEscrow__factory.js";
export type { TradeFxEscrow, ITradeFxEscrow } from "./contracts/escrow/TradeFxEscrow.js";
export type { TradeFxDesk } from "./contracts/escrow/TradeFxDesk.js";
export { TradeFxEscrow__factory } from "./contracts/factories/escrow/TradeFxEscrow__factory.js";
export { TradeFxDesk__factory } from "./contracts/factories/escrow/TradeFxDesk__factory.js";
export { TradeRegistry__factory } from "./contracts/factories/registry/TradeRegistry__factory.js";
export * from "./webhooks.js";
