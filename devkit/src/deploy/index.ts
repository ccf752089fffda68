/**
 * `@tradechain/devkit/deploy`: deploying the suite in process or on a node, and the checks that
 * keep a deployment from going wrong silently.
 */
export { deploySuite, readDeployment, type SuiteDeployment } from "./cli.js";
export {
  addressesOfDeployment,
  addressTable,
  type Deployed,
  type DeployedContracts,
  deployFreshSuite,
  deploySuiteModule,
} from "./ignition.js";
export {
  assertCodeAt,
  assertFilledIn,
  assertLocalOnlyModules,
  assertNoPublicAccounts,
  type DeploymentTarget,
  DeploymentRefused,
  isLocalChain,
  LOCAL_CHAIN_IDS,
  LOCAL_ONLY_MODULES,
  localOnlyModulesIn,
  readParameterFile,
  recordedAddresses,
} from "./safety.js";
export { IGNITION_DEPLOYMENTS, LOCAL_PARAMETERS } from "../paths.js";
