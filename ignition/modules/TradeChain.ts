import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import EscrowModule from "./Escrow.js";
import { settlementTokenModule } from "./Token.js";

/** Currencies of the settlement tokens the default deployment issues. */
export const DEFAULT_CURRENCIES = ["USD", "CNY"] as const;

type TokenFuture = ReturnType<typeof settlementTokenModule>["results"]["token"];

/** What {@link buildTradeChainModule} may add to the default deployment. */
export interface TradeChainModuleOptions<C extends string> {
  /** ISO-4217 codes (upper case) of the settlement tokens to deploy and allowlist (default USD and CNY). */
  readonly currencies?: readonly C[];
  /**
   * ISO-3166-1 numeric codes of the jurisdictions whose customs authority the deployment
   * appoints; each needs a `customs<code>` address parameter under the module id `TradeChain`
   * (e.g. `"customs586": "0x…"`). Ignition fixes a module's calls when it is built, so the
   * set of jurisdictions is code, and the accounts are parameters.
   */
  readonly customsJurisdictions?: readonly number[];
}

/**
 * Builds the whole suite: one SettlementToken per currency, the TradeRegistry and the
 * TradeEscrow, wired together — the registry lets the escrow record complaints, the escrow
 * allowlists every token, operational roles go to the accounts given as parameters, and the
 * customs authorities of `customsJurisdictions` are appointed. Never deploys mocks.
 *
 * The first account of the network deploys everything and is the default admin of every
 * contract (transfer it with `beginDefaultAdminTransfer` / `acceptDefaultAdminTransfer`).
 */
export function buildTradeChainModule<const C extends string = (typeof DEFAULT_CURRENCIES)[number]>(
  options: TradeChainModuleOptions<C> = {},
) {
  const currencies: readonly string[] = options.currencies ?? DEFAULT_CURRENCIES;
  return buildModule("TradeChain", (m) => {
    const deployer = m.getAccount(0);
    const { escrow, registry } = m.useModule(EscrowModule);

    m.call(registry, "setEscrow", [escrow], { from: deployer });

    const tokens = currencies.map((currency) => {
      const { token } = m.useModule(settlementTokenModule(currency));
      m.call(escrow, "setTokenAllowed", [token, true], {
        id: `allow_${currency.toUpperCase()}`,
        from: deployer,
      });
      return token;
    });

    for (const jurisdiction of options.customsJurisdictions ?? []) {
      m.call(
        registry,
        "setCustomsAuthority",
        [jurisdiction, m.getParameter<string>(`customs${jurisdiction}`), true],
        { id: `customs_${jurisdiction}`, from: deployer },
      );
    }

    // Results are named by lower-case currency (`usd`, `cny`) next to `escrow` and `registry`.
    const byCurrency = Object.fromEntries(
      currencies.map((currency, index) => [currency.toLowerCase(), tokens[index]]),
    );
    return { escrow, registry, ...byCurrency } as {
      escrow: typeof escrow;
      registry: typeof registry;
    } & { [K in Lowercase<C>]: TokenFuture };
  });
}

/** The default deployment: USD and CNY tokens, registry, escrow; no customs appointed. */
export default buildTradeChainModule();
