import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import FxModule from "./Fx.js";

/** The module id: the parameter group a local parameter file fills in (`local.json`). */
export const FX_LOCAL_FEED_MODULE_ID = "FxLocalFeed";

/**
 * LOCAL CHAINS ONLY. Deploys the suite with the cross-currency escrow (`Fx.ts`) and a mock
 * USD → CNY reference feed (`MockAggregatorV3`, whose answer anyone may set), and sets it as the
 * pair's feed on the escrow's desk. Its parameters (`decimals`, `answer`, `maxAge`,
 * `maxDeviationBps` under `FxLocalFeed`) have no defaults: only `ignition/parameters/local.json`
 * gives them, never the testnet template. `tradechain:deploy` and the dev kit deploy it only when
 * the parameter file has the group, and refuse the group on a chain that is not local
 * (`assertLocalOnlyModules` in `devkit/src/deploy/safety.ts`); a public network names a real feed
 * with `tradechain:fx:set-feed`.
 */
export default buildModule(FX_LOCAL_FEED_MODULE_ID, (m) => {
  const deployer = m.getAccount(0);
  const deployed = m.useModule(FxModule);
  const feed = m.contract(
    "MockAggregatorV3",
    [m.getParameter<number>("decimals"), m.getParameter<bigint>("answer")],
    { from: deployer },
  );
  const deskAddress = m.staticCall(deployed.fxEscrow, "fxDesk", [], 0, { from: deployer });
  const desk = m.contractAt("TradeFxDesk", deskAddress);
  m.call(
    desk,
    "setFxFeed",
    [
      deployed.usd,
      deployed.cny,
      feed,
      m.getParameter<number>("maxAge"),
      m.getParameter<number>("maxDeviationBps"),
    ],
    { from: deployer },
  );
  return { ...deployed, fxDesk: desk, usdCnyFeed: feed };
});
