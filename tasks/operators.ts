/**
 * The operators' administration tasks: customs authorities (registry admin), suspending and
 * reinstating participants (registrar), and the escrow's settings for new orders (escrow admin).
 */
import { task } from "hardhat/config";

import { built, DEPLOYMENT_ID, FROM, textOption } from "./define.js";

const COUNTRY = textOption("country", "Jurisdiction: alpha-2 (PK) or ISO-3166-1 numeric (586)");
const TOKEN = textOption("token", "Token: a currency of the deployment (USD, CNY) or an address");

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

  task("tradechain:escrow:show", "Show the escrow's settings: fee, recipient, arbiter, tokens")
    .addOption(DEPLOYMENT_ID)
    .setAction(built(() => import("./escrow-settings.js"), "showAction"))
    .build(),
];
