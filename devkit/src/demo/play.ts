/**
 * The demo's data on a node: every scenario (the same story `npm run demo` tells), played through
 * the SDK with the node's development accounts; the explorer shows it.
 */
import type { JsonRpcApiProvider } from "ethers";

import { devWallets } from "../accounts.js";
import type { SuiteDeployment } from "../deploy/cli.js";
import { ACCOUNTS_NEEDED, castFromSigners } from "./cast.js";
import { runScenarios, type ScenarioOutcome } from "./scenarios.js";
import { setUpStage, type Stage } from "./stage.js";
import { verifyFinalState } from "./verify.js";

/** What playing the demo produced. */
export interface DemoData {
  readonly stage: Stage;
  readonly outcomes: ScenarioOutcome[];
}

/** Plays every scenario on the deployment; throws when one of the demo's checks failed. */
export async function playDemo(
  provider: JsonRpcApiProvider,
  deployment: SuiteDeployment,
): Promise<DemoData> {
  const wallets = devWallets(provider, ACCOUNTS_NEEDED);
  const { stage } = await setUpStage(castFromSigners(wallets), deployment.addresses, provider, {
    fromBlock: deployment.startBlock,
  });
  const outcomes = await runScenarios(stage);
  await verifyFinalState(stage);
  const failed = stage.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new Error(
      `the demo's checks failed: ${failed.map((c) => `${c.what}: ${c.detail}`).join("; ")}`,
    );
  }
  return { stage, outcomes };
}
