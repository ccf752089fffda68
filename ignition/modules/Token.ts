import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

/** Decimals of a USDC-like settlement token. */
export const DEFAULT_TOKEN_DECIMALS = 6;

/**
 * The Ignition module id of the settlement token for `currency` (ISO-4217, e.g. "USD"); its
 * address is `deployed_addresses.json["Token<CUR>#SettlementToken"]`, which the SDK reads.
 */
export function tokenModuleId(currency: string): string {
  return `Token${currency.toUpperCase()}`;
}

/**
 * Deploys one SettlementToken for `currency` and grants its operational roles.
 *
 * The first account of the network deploys and becomes the token's default admin (the
 * two-step, delayed admin of AccessControlDefaultAdminRules; hand it over later with
 * `beginDefaultAdminTransfer`). Parameters, under the module id `Token<CUR>`:
 * - `name` (default `TradeChain <CUR>`), `symbol` (default `tc<CUR>`), `decimals` (default 6);
 * - `masterMinter`, `pauser`, `blacklister`, `rescuer`: role holders (default: the deployer).
 *
 * The module never configures minters: the master minter does that with `configureMinter`.
 */
export function settlementTokenModule(currency: string) {
  const code = currency.toUpperCase();
  return buildModule(tokenModuleId(code), (m) => {
    const deployer = m.getAccount(0);
    const token = m.contract(
      "SettlementToken",
      [
        m.getParameter("name", `TradeChain ${code}`),
        m.getParameter("symbol", `tc${code}`),
        m.getParameter("decimals", DEFAULT_TOKEN_DECIMALS),
        code,
        deployer,
      ],
      { from: deployer },
    );

    const roles = {
      masterMinter: "MASTER_MINTER_ROLE",
      pauser: "PAUSER_ROLE",
      blacklister: "BLACKLISTER_ROLE",
      rescuer: "RESCUER_ROLE",
    } as const;
    for (const [parameter, role] of Object.entries(roles)) {
      m.call(token, "grantRole", [id(role), m.getParameter(parameter, deployer)], {
        id: `grant_${role}`,
        from: deployer,
      });
    }

    return { token };
  });
}

/** The USD settlement token (module id `TokenUSD`). */
export const TokenUSDModule = settlementTokenModule("USD");

export default TokenUSDModule;
