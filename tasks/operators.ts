/**
 * The operators' administration tasks: customs authorities (registry admin), their decisions
 * on shipments and binding classifications (customs), sellers' delegates (sellers), suspending, reinstating and reading participants (registrar), the
 * escrow's settings for new orders (escrow admin), a country's tariff listings, and pausing the
 * escrow's new orders or a settlement token (pausers).
 */
import { task } from "hardhat/config";

import { built, DEPLOYMENT_ID, FROM, textOption } from "./define.js";

const COUNTRY = textOption("country", "Jurisdiction: alpha-2 (PK) or ISO-3166-1 numeric (586)");
const TOKEN = textOption("token", "Token: a currency of the deployment (USD, CNY) or an address");
const ORDER = textOption("order", "The order id (0x and 64 hex digits)");
const CURRENCY = textOption("currency", "Currency of the settlement token: USD, CNY");

export const operatorTasks = [
  task(
    "tradechain:customs:appoint",
    "Appoint a customs authority of a jurisdiction (registry admin)",
  )
    .addOption(COUNTRY)
    .addOption(textOption("account", "Address of the customs authority"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./customs.js"), "appointAction"))
    .build(),

  task("tradechain:customs:revoke", "Revoke a customs authority of a jurisdiction (registry admin)")
    .addOption(COUNTRY)
    .addOption(textOption("account", "Address of the customs authority"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./customs.js"), "revokeAction"))
    .build(),

  task(
    "tradechain:classification:bind",
    "Bind a product's HS classification in a jurisdiction, or lift it with --hs 0 (customs)",
  )
    .addOption(COUNTRY)
    .addOption(textOption("product", "Product: 0x… id, gtin:<GTIN> or hs:<HS code>:<SKU>"))
    .addOption(textOption("hs", "The 8-digit HS code in force there (8806.22.00), or 0 to lift"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./classification-bind.js")))
    .build(),

  task("tradechain:delegate:set", "Let a signer consent to orders on the seller's behalf (seller)")
    .addOption(textOption("delegate", "Address of the delegate (e.g. the platform's signer)"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./delegate.js"), "setAction"))
    .build(),

  task("tradechain:delegate:revoke", "Withdraw a delegate's right to consent (seller)")
    .addOption(textOption("delegate", "Address of the delegate"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./delegate.js"), "revokeAction"))
    .build(),

  task(
    "tradechain:customs:clear",
    "Clear a shipment waiting at its destination's customs (customs)",
  )
    .addOption(ORDER)
    .addOption(textOption("record", "The customs clearance record (only its hash is stored)"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./customs-decision.js"), "clearAction"))
    .build(),

  task(
    "tradechain:customs:reject",
    "Reject a shipment at its destination's customs: the buyer is refunded (customs)",
  )
    .addOption(ORDER)
    .addOption(textOption("reason", "Why, e.g. the legal reference (only its hash is stored)"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./customs-decision.js"), "rejectAction"))
    .build(),

  task(
    "tradechain:tariff:show",
    "Show a jurisdiction's HS-code listings, or one prefix's entry (read only)",
  )
    .addOption(COUNTRY)
    .addOption({ name: "status", description: "all, positive or negative", defaultValue: "all" })
    .addOption(textOption("code", "Only this HS prefix: 88, 8806, 8806.22 or 8806.22.00"))
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./tariff-show.js")))
    .build(),

  task(
    "tradechain:participant:show",
    "Show a participant's roles, country, status and credit per currency (read only)",
  )
    .addOption(textOption("account", "Address of the participant"))
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./participant-show.js")))
    .build(),

  task("tradechain:participant:suspend", "Suspend a registered participant (registrar)")
    .addOption(textOption("account", "Address of the participant"))
    .addOption(textOption("reason", "Why, e.g. a case reference (only its hash is stored)"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./participant-status.js"), "suspendAction"))
    .build(),

  task("tradechain:participant:reinstate", "Reinstate a suspended participant (registrar)")
    .addOption(textOption("account", "Address of the participant"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./participant-status.js"), "reinstateAction"))
    .build(),

  task("tradechain:escrow:allow-token", "Accept a token for new orders (escrow admin)")
    .addOption(TOKEN)
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./escrow-settings.js"), "allowTokenAction"))
    .build(),

  task("tradechain:escrow:disallow-token", "Stop accepting a token for new orders (escrow admin)")
    .addOption(TOKEN)
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./escrow-settings.js"), "disallowTokenAction"))
    .build(),

  task("tradechain:escrow:set-fee", "Set the fee new orders commit to (escrow admin)")
    .addOption(
      textOption("bps", "Fee in basis points, 100 = 1% (at most the escrow's MAX_FEE_BPS)"),
    )
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./escrow-settings.js"), "setFeeAction"))
    .build(),

  task("tradechain:escrow:set-arbiter", "Set the default arbiter of new orders (escrow admin)")
    .addOption(textOption("account", "Address of the arbiter"))
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./escrow-settings.js"), "setArbiterAction"))
    .build(),

  task("tradechain:escrow:pause", "Stop new orders; open orders continue (escrow pauser)")
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./pause.js"), "pauseEscrowAction"))
    .build(),

  task("tradechain:escrow:unpause", "Accept new orders again (escrow pauser)")
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./pause.js"), "unpauseEscrowAction"))
    .build(),

  task("tradechain:token:pause", "Pause a settlement token: no transfers, mints or burns (pauser)")
    .addOption(CURRENCY)
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./pause.js"), "pauseTokenAction"))
    .build(),

  task("tradechain:token:unpause", "Unpause a settlement token (pauser)")
    .addOption(CURRENCY)
    .addOption(FROM)
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./pause.js"), "unpauseTokenAction"))
    .build(),

  task("tradechain:escrow:show", "Show the escrow's settings: fee, recipient, arbiter, tokens")
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./escrow-settings.js"), "showAction"))
    .build(),
];
