import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

import RegistryModule from "./Registry.js";

/** Platform fee of a fresh deployment, in basis points (1%). */
export const DEFAULT_FEE_BPS = 100;

/**
 * Deploys the TradeEscrow over the registry of {@link RegistryModule}, with the first account as
 * its default admin. Parameters under the module id `Escrow`:
 * - `feeRecipient` (default: the deployer), `feeBps` (default 100 = 1%, capped at 500 by the
 *   contract), `defaultArbiter` (default: the deployer);
 * - `pauser`: gets PAUSER_ROLE (pauses new orders only; the admin holds it too).
 */
export default buildModule("Escrow", (m) => {
  const deployer = m.getAccount(0);
  const { registry } = m.useModule(RegistryModule);
  const escrow = m.contract(
    "TradeEscrow",
    [
      deployer,
      registry,
      m.getParameter("feeRecipient", deployer),
      m.getParameter("feeBps", DEFAULT_FEE_BPS),
      m.getParameter("defaultArbiter", deployer),
    ],
    { from: deployer },
  );
  m.call(escrow, "grantRole", [id("PAUSER_ROLE"), m.getParameter("pauser", deployer)], {
    id: "grant_PAUSER_ROLE",
    from: deployer,
  });
  return { escrow, registry };
});
