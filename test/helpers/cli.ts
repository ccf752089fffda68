import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";
import { network } from "hardhat";

import FxModule from "../../ignition/modules/Fx.js";
import TradeChainModule from "../../ignition/modules/TradeChain.js";
import { LOCAL_PARAMETERS } from "@tradechain/devkit/deploy";
import { IGNITION_FUTURES } from "@tradechain/sdk";
import type { TaskContext } from "../../tasks/context.js";

/** One in-process chain shared by the CLI tests. */
export const connection = await network.create();
export const { ethers, networkHelpers } = connection;

/**
 * Deploys the suite with the Ignition module and writes its `deployed_addresses.json` to a
 * temporary folder, as `tradechain:deploy --network localhost` would; returns a task context
 * whose printed lines are collected in `lines`.
 */
export async function deployedContextFixture() {
  const deployed = await connection.ignition.deploy(TradeChainModule, {
    parameters: LOCAL_PARAMETERS,
    displayUi: false,
  });
  return { ...(await taskContextOf(deployed, {})), deployed };
}

/**
 * Like {@link deployedContextFixture} with the cross-currency escrow (`ignition/modules/Fx.ts`,
 * no reference feed), recorded under its future id as `tradechain:deploy` records it.
 */
export async function fxContextFixture() {
  const deployed = await connection.ignition.deploy(FxModule, {
    parameters: LOCAL_PARAMETERS,
    displayUi: false,
  });
  const fxEscrow = await deployed.fxEscrow.getAddress();
  return {
    ...(await taskContextOf(deployed, { [IGNITION_FUTURES.fxEscrow]: fxEscrow })),
    deployed,
    fxEscrow,
  };
}

/** Records `deployed`'s addresses (and `extra` futures) in a temporary folder; a task context. */
async function taskContextOf(
  deployed: Record<"escrow" | "registry" | "usd" | "cny", { getAddress(): Promise<string> }>,
  extra: Record<string, string>,
) {
  const folder = await mkdtemp(join(tmpdir(), "tradechain-cli-"));
  const addresses = {
    [IGNITION_FUTURES.escrow]: await deployed.escrow.getAddress(),
    [IGNITION_FUTURES.registry]: await deployed.registry.getAddress(),
    "TokenUSD#SettlementToken": await deployed.usd.getAddress(),
    "TokenCNY#SettlementToken": await deployed.cny.getAddress(),
    ...extra,
  };
  await writeFile(join(folder, "deployed_addresses.json"), JSON.stringify(addresses, null, 2));
  const lines: string[] = [];
  const ctx: TaskContext = {
    connection,
    chainId: (await ethers.provider.getNetwork()).chainId,
    deploymentFolder: folder,
    print: (line) => lines.push(line),
  };
  const signers = await ethers.getSigners();
  return { ctx, lines, signers, folder };
}

/** Awaits `promise`, expecting it to reject with an instance of `type` whose message has `text`. */
export async function expectRejection(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
  text: string,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error, "expected a rejection").to.be.instanceOf(type);
  expect((error as Error).message).to.contain(text);
}

/** The line a sending task prints after its result: the transaction and its gas. */
export const TX_LINE = /^ {2}tx 0x[0-9a-f]{64}, [\d,]+ gas$/;
