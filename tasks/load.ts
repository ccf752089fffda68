/**
 * `npm run load -- --network localhost --orders 1000 --concurrency 20` (the `tradechain:load`
 * task): drives orders through create → ship → confirm concurrently against a node (hardhat node
 * or Anvil), then a lean raw ERC-20 transfer loop on the same node and concurrency; prints
 * throughput (SDK and lean tx/s and their ratio), JSON-RPC calls per order, latency percentiles
 * per step and a conservation check, and exits non-zero on any failed transaction or
 * discrepancy, and with `--targets` when a throughput target is missed. Refuses anything but a
 * loopback node.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { CliError, deploymentClient, openContext, pickSigner, runTask } from "./context.js";
import {
  DEFAULT_LOAD_OPTIONS,
  formatLoadReport,
  loadSucceeded,
  missedTargets,
  runLoad,
  validateLoadOptions,
} from "@tradechain/devkit/load";
import { isLoopbackUrl, nodeProvider } from "@tradechain/devkit/nodes";

/** Arguments of `tradechain:load`. */
export interface LoadArgs {
  readonly orders: number;
  readonly concurrency: number;
  readonly currency: string;
  readonly timeout: number;
  readonly targets?: boolean;
  readonly deploymentId?: string;
}

export default async function action(args: LoadArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:load", async () => {
    const options = {
      ...DEFAULT_LOAD_OPTIONS,
      orders: args.orders,
      concurrency: args.concurrency,
      currency: args.currency.toUpperCase(),
      timeoutSeconds: args.timeout,
    };
    try {
      validateLoadOptions(options);
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message : String(err));
    }
    const ctx = await openContext(hre, args);
    const config = ctx.connection.networkConfig;
    if (config.type !== "http") {
      throw new CliError(
        "load runs against a node: pass --network localhost (start `npx hardhat node` first)",
      );
    }
    const url = await config.url.get();
    if (!isLoopbackUrl(url))
      throw new CliError(`load runs only against a loopback node, not ${url}`);
    const reader = await deploymentClient(ctx);
    const provider = nodeProvider(url);
    const [funder] = await ctx.connection.ethers.getSigners();
    const registrarRole = await reader.registry.REGISTRAR_ROLE();
    const token = reader.token(options.currency);
    const masterMinterRole = await token.MASTER_MINTER_ROLE();
    const operator = await pickSigner(
      ctx,
      "",
      `a registrar and ${options.currency} master minter`,
      async (a) =>
        (await reader.registry.hasRole(registrarRole, a)) && token.hasRole(masterMinterRole, a),
    );
    const report = await runLoad(
      provider,
      reader.addresses,
      { funder, operator },
      options,
      (line) => ctx.print(line),
    );
    ctx.print(formatLoadReport(report, `${ctx.connection.networkName} (${url})`));
    provider.destroy();
    if (!loadSucceeded(report)) process.exitCode = 1;
    const missed = missedTargets(report);
    if (missed.length > 0) {
      ctx.print(`  Targets missed: ${missed.join("; ")}`);
      if (args.targets === true) process.exitCode = 1;
    } else ctx.print("  Targets met: ≥ 80 orders/s and SDK/lean ratio ≥ 0.8");
  });
}
