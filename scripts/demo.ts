/**
 * `npm run demo` — deploys TradeChain with its Ignition module and tells the story of a few
 * cross-border orders, one per path of the escrow (the dev kit's `demo`), printing a
 * timeline per order, final balances and credit records. Exits non-zero when any expected
 * outcome did not happen.
 *
 * In-process network by default (no setup); `npm run demo -- --network localhost` runs it against
 * a node (`npx hardhat node`, or Anvil with `--accounts 20`; `LOCALHOST_RPC_URL` for another
 * port). On a node the deployment is recorded as `ignition/deployments/demo-chain-<id>` (or
 * `$DEMO_DEPLOYMENT_ID`), replaced on every run, so the CLI can inspect the demo's orders.
 */
import { network } from "hardhat";

import {
  countryAlpha2,
  formatGas,
  formatTimestamp,
  formatUnitsGrouped,
  shortHex,
} from "@tradechain/sdk";
import { addressTable, deployFreshSuite } from "@tradechain/devkit/deploy";
import { renderTable, wrapText } from "@tradechain/devkit/table";
import {
  ACCOUNTS_NEEDED,
  balanceHolders,
  castFromSigners,
  KZ,
  nameOf,
  PARTY_KEYS,
  PARTY_NAMES,
  PK,
  PRODUCTS,
  refundsCaused,
  runFxStory,
  runScenarios,
  type ScenarioOutcome,
  setUpStage,
  type Stage,
  verifyFinalState,
} from "@tradechain/devkit/demo";

const connection = await network.create();
const { ethers } = connection;
const chainId = (await ethers.provider.getNetwork()).chainId;
const out = (text = "") => console.log(text);
const heading = (text: string) => out(`\n${text}\n${"═".repeat(text.length)}`);

const signers = await ethers.getSigners();
if (signers.length < ACCOUNTS_NEEDED) {
  console.error(
    `The demo needs ${ACCOUNTS_NEEDED} unlocked accounts; ${connection.networkName} has ` +
      `${signers.length} (start Anvil with --accounts 20).`,
  );
  process.exit(1);
}

heading(`TradeChain demo on ${connection.networkName} (chain ${chainId})`);
const deployed = await deployFreshSuite(
  connection,
  process.env.DEMO_DEPLOYMENT_ID ?? `demo-chain-${chainId}`,
);
out(addressTable(deployed.addresses));
if (deployed.deploymentId !== undefined) {
  out(`  Ignition deployment: ignition/deployments/${deployed.deploymentId}`);
}

const { stage, onboarding } = await setUpStage(
  castFromSigners(signers),
  deployed.addresses,
  ethers.provider,
  { fromBlock: deployed.fromBlock },
);

/** What the parties without a registry role do (their roles live in the contracts' access control). */
const DUTIES: Partial<Record<(typeof PARTY_KEYS)[number], string>> = {
  admin: "admin of every contract",
  operator: "registrar, master minter, pauser",
  feeRecipient: "escrow fee recipient",
  defaultArbiter: "escrow default arbiter",
  customsPK: `customs authority of PK (${PK})`,
  customsKZ: `customs authority of KZ (${KZ})`,
  platform: "relays signed orders, pays gas",
};

heading("Parties");
const roleRows: string[][] = [];
for (const key of PARTY_KEYS) {
  const account = stage.accounts[key];
  const p = await stage.clients.admin.participantOf(account);
  const roles = p.roleNames.length > 0 ? p.roleNames.join("+") : "";
  const where = p.jurisdiction === 0 ? "" : `${countryAlpha2(p.jurisdiction)} (${p.jurisdiction})`;
  roleRows.push([PARTY_NAMES[key], shortHex(account), roles || (DUTIES[key] ?? ""), where]);
}
out(renderTable(["Party", "Account", "Role", "Registered in"], roleRows));

heading("Onboarding");
out(
  renderTable(
    ["Actor", "Step", { title: "Gas", align: "right" }],
    onboarding.map((s) => [PARTY_NAMES[s.actor], s.step, formatGas(s.gasUsed)]),
  ),
);

heading("Products and customs lists");
/** A clearance and the entry that decided it: "Negative (HS 8806)", "Positive (by id)". */
const clearanceCell = async (jurisdiction: number, productId: string): Promise<string> => {
  const d = await stage.clients.admin.clearanceDecisionOf(jurisdiction, productId);
  if (d.source === "Product") return `${d.status} (by id)`;
  return d.source === "Tariff" ? `${d.status} (HS ${d.tariffCode})` : d.status;
};
const productRows: string[][] = [];
for (const product of Object.values(PRODUCTS)) {
  const [registered, pk, kz] = await Promise.all([
    stage.clients.admin.productOf(product.id),
    clearanceCell(PK, product.id),
    clearanceCell(KZ, product.id),
  ]);
  productRows.push([product.name, shortHex(product.id), registered.hsCodeText, pk, kz]);
}
out(
  renderTable(
    ["Product", "Product id", "HS code", `Pakistan (${PK})`, `Kazakhstan (${KZ})`],
    productRows,
  ),
);
out("  A product's own entry decides first, then the longest listed prefix of its HS code.");

heading("Orders");
await runScenarios(stage, (outcome) => printOutcome(stage, outcome));

const final = await verifyFinalState(stage);

heading("Final balances (fees collected to the treasury)");
const currencies = Object.keys(stage.addresses.tokens);
const balanceRows: string[][] = [];
for (const holder of balanceHolders(stage.accounts, stage.addresses)) {
  const amounts = currencies.map((c) => final.get(c)?.get(holder) ?? 0n);
  // Parties holding nothing are left out; the escrow is always shown.
  if (holder !== stage.addresses.escrow && amounts.every((a) => a === 0n)) continue;
  const cells = await Promise.all(
    currencies.map((c, i) => stage.clients.admin.formatAmount(c, amounts[i])),
  );
  balanceRows.push([nameOf(stage, holder), ...cells]);
}
out(
  renderTable(
    ["Party", ...currencies.map((c) => ({ title: c, align: "right" as const }))],
    balanceRows,
  ),
);

heading("Credit records");
const creditRows: string[][] = [];
for (const key of ["exporter", "importer", "consumer"] as const) {
  for (const c of await stage.clients.admin.creditOf(stage.accounts[key])) {
    if (c.volume === 0n && refundsCaused(c) === "" && c.disputesOpened === 0) continue;
    creditRows.push([
      PARTY_NAMES[key],
      c.currency,
      String(c.salesCompleted),
      String(c.purchasesCompleted),
      refundsCaused(c) || "-",
      String(c.disputesOpened),
      String(c.disputesWon),
      String(c.disputesLost),
      String(c.disputesDrawn),
      formatUnitsGrouped(c.volume, 6),
      formatUnitsGrouped(c.refundedVolume, 6),
    ]);
  }
}
const right = (title: string) => ({ title, align: "right" as const });
out(
  renderTable(
    [
      "Party",
      "Cur",
      right("Sales"),
      right("Bought"),
      "Refunds caused",
      right("Disp."),
      right("Won"),
      right("Lost"),
      right("Drawn"),
      right("Volume"),
      right("Refunded"),
    ],
    creditRows,
  ),
);
out("  One record per party and currency, never added together. Refunds are counted on the record");
out(
  "  of the party that caused them; a sale counts only when its order paid a fee. Volume: what the",
);
out("  seller was paid (after the fee), what the buyer paid the seller; Refunded: what the seller");
out("  handed back with refund (more than half of an order counts it as a refund, not a sale).");

heading("Cross-currency orders (docs/fx.md)");
// The FX provider is the first account after the cast's.
const fxProvider = signers[ACCOUNTS_NEEDED];
if (fxProvider === undefined) {
  console.error(
    `The cross-currency orders need an FX provider: account ${ACCOUNTS_NEEDED} is missing.`,
  );
  process.exit(1);
}
const fxStory = await runFxStory(stage, fxProvider);
out(`  Cross-currency escrow ${fxStory.fxEscrow}, FX provider ${fxStory.provider}`);
for (const step of fxStory.steps) out(wrap(`[${step.order}] ${step.text}`, 110, "  "));
const fxRows: string[][] = [];
for (const [name, [usdHeld, cnyHeld]] of fxStory.balances) {
  fxRows.push([
    name,
    await stage.clients.admin.formatAmount("USD", usdHeld),
    await stage.clients.admin.formatAmount("CNY", cnyHeld),
  ]);
}
out(renderTable(["Balance after the cross-currency orders", right("USD"), right("CNY")], fxRows));

heading("Checks");
const failed = stage.checks.filter((c) => !c.ok);
for (const c of failed) out(`  ✗ ${c.what}: ${c.detail}`);
out(
  failed.length === 0
    ? `  ✓ all ${stage.checks.length} expected outcomes happened`
    : `  ${failed.length} of ${stage.checks.length} expected outcomes did not happen`,
);
if (failed.length > 0) process.exitCode = 1;

async function printOutcome(s: Stage, outcome: ScenarioOutcome): Promise<void> {
  out(`\n▶ ${outcome.title}`);
  out(wrap(outcome.story, 96, "  "));
  if (outcome.orderId === undefined) {
    out(wrap(`Refused: ${outcome.refusal ?? "(no error)"}`, 116, "  "));
    return;
  }
  out(`  Order ${outcome.orderId}`);
  const timeline = await s.clients.admin.orderTimeline(outcome.orderId);
  out(
    renderTable(
      [
        "Time (chain, UTC)",
        { title: "Actor", wrap: true },
        "Step",
        { title: "Detail", wrap: true },
        { title: "Gas", align: "right" },
      ],
      timeline.map((e) => [
        formatTimestamp(e.timestamp).replace(" UTC", ""),
        nameOf(s, e.actor) + (e.sender !== e.actor ? ` via ${nameOf(s, e.sender)}` : ""),
        e.step,
        e.detail,
        formatGas(e.gasUsed),
      ]),
    ),
  );
  out(`  Final state: ${outcome.status}`);
}

/** `text` wrapped at `width` characters, every line after `indent`. */
function wrap(text: string, width: number, indent: string): string {
  return wrapText(text, width)
    .map((line) => indent + line)
    .join("\n");
}
