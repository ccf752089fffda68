import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import TradeChainModule from "./TradeChain.js";

/**
 * Adds cross-currency orders to the default deployment (docs/fx.md): the TradeFxEscrow over the
 * TradeEscrow (whose settings and admin it obeys; it deploys its own desk), named the registry's
 * cross-currency escrow so complaints of its orders are recorded. Caps and reference feeds are
 * the admin's operations after deployment (`setFxLimit`, `setFxFeed` on the desk); no feed, mock or
 * real, is deployed here.
 */
export default buildModule("Fx", (m) => {
  const deployer = m.getAccount(0);
  const deployed = m.useModule(TradeChainModule);
  const fxEscrow = m.contract("TradeFxEscrow", [deployed.escrow], { from: deployer });
  m.call(deployed.registry, "setFxEscrow", [fxEscrow], { from: deployer });
  return { ...deployed, fxEscrow };
});
