/**
 * The operators' command line: `npx hardhat tradechain:<task> [--network x] …`. Every task reads
 * the addresses of the selected network's Ignition deployment (`ignition/deployments/chain-<id>`,
 * or `--deployment-id`). Actions load lazily so `hardhat --help` stays fast, and only after the
 * contracts are built: they import the TypeChain bindings the build generates, which a fresh
 * clone does not have yet.
 */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { built, DEPLOYMENT_ID, FROM, textOption } from "./define.js";
import { operatorTasks } from "./operators.js";

export const tradechainTasks = [
  task("tradechain:deploy", "Deploy and wire the TradeChain suite with Ignition")
    .addOption({
      name: "parameters",
      description: "Ignition parameter file (accounts of the roles, fee, token names)",
      defaultValue: "ignition/parameters/local.json",
    })
    .addOption({
      ...DEPLOYMENT_ID,
      description: "Ignition deployment id [default: chain-<chainId>]",
    })
    .addFlag({
      name: "reset",
      description: "Forget the recorded deployment first (after a node restart)",
    })
    .setAction(built(() => import("./deploy.js")))
    .build(),

  task("tradechain:participant:register", "Onboard a participant (registrar)")
    .addOption({
      name: "account",
      description: "Address of the participant",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "roles",
      description: "Comma-separated roles: Seller, Buyer, Logistics, Arbiter, FxProvider",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "country",
      description: "Jurisdiction: alpha-2 (PK) or ISO-3166-1 numeric (586)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "identity",
      description:
        "Reference of the identity documents checked off chain (only its hash is stored)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./participant-register.js")))
    .build(),

  task(
    "tradechain:listing:set",
    "Put a product on a jurisdiction's positive or negative list (customs)",
  )
    .addOption({
      name: "country",
      description: "Jurisdiction: PK or 586",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "product",
      description: "Product: 0x… id, gtin:<GTIN> or hs:<HS code>:<SKU>",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "status",
      description: "Positive, Negative or Unlisted",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "reason",
      description: "Reason or legal reference (hashed)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "expires",
      description: "Expiry: YYYY-MM-DD or unix seconds [default: never]",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./listing-set.js")))
    .build(),

  task("tradechain:listing:show", "Show a jurisdiction's product lists, or one product's entry")
    .addOption({
      name: "country",
      description: "Jurisdiction: PK or 586",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({ name: "status", description: "all, positive or negative", defaultValue: "all" })
    .addOption({
      name: "product",
      description: "Only this product: 0x… id, gtin:<GTIN> or hs:<HS code>:<SKU>",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./listing-show.js")))
    .build(),

  task(
    "tradechain:tariff:set",
    "List an HS chapter, heading, subheading or national line for a jurisdiction (customs)",
  )
    .addOption({
      name: "country",
      description: "Jurisdiction: PK or 586",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "code",
      description: "HS prefix of 2, 4, 6 or 8 digits, dots optional: 88, 8806, 8806.22, 0902.30.00",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "status",
      description: "Positive, Negative or Unlisted (removes the entry)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "reason",
      description: "Reason or legal reference (hashed)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "expires",
      description: "Expiry: YYYY-MM-DD or unix seconds [default: never]",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./tariff-set.js")))
    .build(),

  task(
    "tradechain:clearance:show",
    "Show how a product clears at a destination and which entry (product or HS prefix) decided",
  )
    .addOption({
      name: "country",
      description: "Destination: PK or 586",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "product",
      description: "Product: 0x… id, gtin:<GTIN> or hs:<HS code>:<SKU>",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./tariff-set.js"), "clearanceAction"))
    .build(),

  task("tradechain:token:mint", "Mint settlement tokens (minter, or master minter)")
    .addOption({
      name: "currency",
      description: "Currency code of the token: USD, CNY",
      defaultValue: "USD",
    })
    .addOption({
      name: "to",
      description: "Recipient address",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "amount",
      description: "Amount in whole units, e.g. 1,250.50",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./token-mint.js")))
    .build(),

  task("tradechain:order:show", "Show an order's terms, state, next action and timeline")
    .addPositionalArgument({
      name: "orderId",
      description: "The order id (0x and 64 hex digits)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./order-show.js")))
    .build(),

  task(
    "tradechain:fx:set-limit",
    "Set an FX provider's cap on open exposure in a currency pair (escrow admin)",
  )
    .addOption(textOption("provider", "Address of the FX provider"))
    .addOption(textOption("pay", "Currency the buyer pays in: USD, CNY"))
    .addOption(textOption("payout", "Currency the seller is paid in: USD, CNY"))
    .addOption(
      textOption("cap", "Most payout currency in its open orders, whole units (0 stops new ones)"),
    )
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./fx.js"), "setLimitAction"))
    .build(),

  task(
    "tradechain:fx:set-feed",
    "Set or remove a currency pair's reference feed for FX quotes (escrow admin)",
  )
    .addOption(textOption("pay", "Currency the buyer pays in: USD, CNY"))
    .addOption(textOption("payout", "Currency the seller is paid in: USD, CNY"))
    .addOption(textOption("feed", "Feed address (payout per unit of pay), or none to remove"))
    .addOption(textOption("maxAge", "Oldest answer accepted: seconds, or 90m, 1h, 1d"))
    .addOption(textOption("maxDeviationBps", "Largest distance of a quote from the feed, bps"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./fx.js"), "setFeedAction"))
    .build(),

  task("tradechain:fx:show", "Show the FX providers' caps and open exposure, and the pairs' feeds")
    .addOption(textOption("provider", "Only this FX provider's lines"))
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./fx.js"), "showAction"))
    .build(),

  ...operatorTasks,

  task("tradechain:load", "Drive many orders through create → ship → confirm against a node")
    .addOption({
      name: "orders",
      description: "Number of orders",
      type: ArgumentType.INT,
      defaultValue: 100,
    })
    .addOption({
      name: "concurrency",
      description: "Concurrent workers (each with its own buyer and seller wallet)",
      type: ArgumentType.INT,
      defaultValue: 10,
    })
    .addOption({ name: "currency", description: "Settlement currency", defaultValue: "USD" })
    .addOption({
      name: "timeout",
      description: "Budget of the whole run in seconds",
      type: ArgumentType.INT,
      defaultValue: 600,
    })
    .addFlag({
      name: "targets",
      description: "Exit non-zero unless ≥ 80 orders/s and SDK tx/s ≥ 0.8 × the lean loop's",
    })
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./load.js")))
    .build(),
];
