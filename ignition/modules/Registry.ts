import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

/**
 * Deploys the TradeRegistry with the first account as its default admin (who also appoints
 * customs authorities) and grants REGISTRAR_ROLE to the `registrar` parameter (default: the
 * deployer). Module id `Registry`.
 */
export default buildModule("Registry", (m) => {
  const deployer = m.getAccount(0);
  const registry = m.contract("TradeRegistry", [deployer], { from: deployer });
  m.call(registry, "grantRole", [id("REGISTRAR_ROLE"), m.getParameter("registrar", deployer)], {
    id: "grant_REGISTRAR_ROLE",
    from: deployer,
  });
  return { registry };
});
