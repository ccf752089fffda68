/**
 * The demo's stage: a deployed suite with every party onboarded (participants, customs, the
 * catalogue and its listings, opening balances), one client per party, and the checks recorded
 * as the story runs.
 */
import {
  formatAmount,
  parseAmount,
  type ParticipantRole,
  shortHex,
  type TradeChainAddresses,
  TradeChainClient,
} from "@tradechain/sdk";

import {
  type Cast,
  CN,
  HK,
  KZ,
  OPENING_BALANCES,
  PARTY_KEYS,
  PARTY_NAMES,
  type PartyKey,
  PK,
  PRODUCTS,
} from "./cast.js";
import { type Check, Expectations } from "./expectations.js";

/** The JSON-RPC surface time travel needs (ethers' JsonRpcProvider and Hardhat's provider). */
export interface RpcSender {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** Moves chain time forward and mines a block: works on the in-process network, hardhat node and Anvil. */
export async function increaseTime(rpc: RpcSender, seconds: number): Promise<void> {
  await rpc.send("evm_increaseTime", [seconds]);
  await rpc.send("evm_mine", []);
}

/** A deployed, onboarded suite with one client per party. */
export interface Stage {
  readonly addresses: TradeChainAddresses;
  readonly rpc: RpcSender;
  readonly cast: Cast;
  /** One client per party, all sharing order terms. */
  readonly clients: Readonly<Record<PartyKey, TradeChainClient>>;
  /** Address (checksummed) of each party. */
  readonly accounts: Readonly<Record<PartyKey, string>>;
  /** Names of addresses for output. */
  readonly names: ReadonlyMap<string, string>;
  /** currency → address → balance right after onboarding. */
  readonly opening: Map<string, Map<string, bigint>>;
  readonly expect: Expectations;
  readonly checks: Check[];
}

/** The name of an address for people (a party's name, else a short hex). */
export function nameOf(stage: Stage, address: string): string {
  return stage.names.get(address.toLowerCase()) ?? shortHex(address);
}

/** Parses a whole-units amount of a currency of the deployment (`"1,200"` → 1_200_000_000n). */
export async function money(stage: Stage, currency: string, text: string): Promise<bigint> {
  const info = await stage.clients.admin.tokenInfo(currency);
  return parseAmount(text, info.decimals);
}

/** Records a check. */
export function check(stage: Stage, what: string, actual: unknown, expected: unknown): boolean {
  const ok = actual === expected;
  stage.checks.push({
    what,
    ok,
    detail: ok ? "" : `expected ${String(expected)}, got ${String(actual)}`,
  });
  return ok;
}

/** Steps of onboarding, for the demo's output. */
export interface OnboardingStep {
  readonly actor: PartyKey;
  readonly step: string;
  readonly gasUsed: bigint;
}

/**
 * Onboards the cast on a freshly deployed suite: participants registered by the operator, the
 * platform made the exporter's delegate (it signs the exporter's consent to each order), customs
 * of Pakistan and Kazakhstan appointed by the admin, the catalogue registered by the exporter
 * with its HS codes, the laptop positive-listed by id and HS heading 8806 (drones) banned in
 * Pakistan, HS subheading 6214.10 (silk scarves) positive-listed in Kazakhstan, and USD and CNY
 * minted.
 */
export async function setUpStage(
  cast: Cast,
  addresses: TradeChainAddresses,
  rpc: RpcSender,
  options: { readonly fromBlock?: number } = {},
): Promise<{ stage: Stage; onboarding: OnboardingStep[] }> {
  const accounts = Object.fromEntries(
    await Promise.all(PARTY_KEYS.map(async (key) => [key, await cast[key].getAddress()])),
  ) as Record<PartyKey, string>;
  const names = new Map(PARTY_KEYS.map((key) => [accounts[key].toLowerCase(), PARTY_NAMES[key]]));
  names.set(addresses.escrow.toLowerCase(), "TradeEscrow");
  const labels = Object.fromEntries(PARTY_KEYS.map((key) => [accounts[key], PARTY_NAMES[key]]));
  // The platform consents to orders as the exporter's delegate (the exporter registers it below),
  // as a marketplace's backend that sells on the exporter's behalf would.
  const admin = new TradeChainClient(cast.admin, addresses, {
    fromBlock: options.fromBlock,
    labels,
    sellerConsent: cast.platform,
  });
  const clients = Object.fromEntries(
    PARTY_KEYS.map((key) => [key, key === "admin" ? admin : admin.connect(cast[key])]),
  ) as Record<PartyKey, TradeChainClient>;

  const onboarding: OnboardingStep[] = [];
  const run = async (actor: PartyKey, step: string, send: () => Promise<{ gasUsed: bigint }>) => {
    const receipt = await send();
    onboarding.push({ actor, step, gasUsed: receipt.gasUsed });
  };
  const { operator, exporter, customsPK } = clients;
  const participants: [PartyKey, (keyof typeof ParticipantRole)[], number][] = [
    ["exporter", ["Seller"], CN],
    ["importer", ["Buyer"], PK],
    ["consumer", ["Buyer"], KZ],
    ["logistics", ["Logistics"], CN],
    ["arbiter", ["Arbiter"], HK],
  ];
  for (const [key, roles, jurisdiction] of participants) {
    await run("operator", `registers ${PARTY_NAMES[key]} as ${roles.join("+")}`, () =>
      operator.registerParticipant(accounts[key], roles, jurisdiction, `kyc:${key}:2026-11`),
    );
  }
  await run("exporter", `lets ${PARTY_NAMES.platform} consent to orders on its behalf`, () =>
    exporter.setDelegate(accounts.platform),
  );
  await run("admin", `appoints ${PARTY_NAMES.customsPK} (${PK})`, () =>
    admin.setCustomsAuthority(PK, accounts.customsPK),
  );
  await run("admin", `appoints ${PARTY_NAMES.customsKZ} (${KZ})`, () =>
    admin.setCustomsAuthority(KZ, accounts.customsKZ),
  );
  for (const product of Object.values(PRODUCTS)) {
    await run("exporter", `registers ${product.name}`, () =>
      exporter.registerProduct(
        product.id,
        product.hsCode,
        `provenance+quality dossier: ${product.name}`,
      ),
    );
  }
  await run("customsPK", `positive-lists the laptop in Pakistan`, () =>
    customsPK.setListing(PK, PRODUCTS.laptop.id, "Positive", { reason: "PSQCA certificate" }),
  );
  await run("customsPK", `bans HS heading 8806 (unmanned aircraft) in Pakistan`, () =>
    customsPK.setTariffListing(PK, "8806", "Negative", { reason: "SRO: UAV import ban" }),
  );
  await run("customsKZ", `positive-lists HS 6214.10 (silk scarves) in Kazakhstan`, () =>
    clients.customsKZ.setTariffListing(KZ, "6214.10", "Positive", {
      reason: "KZ cross-border e-commerce positive list",
    }),
  );
  for (const [currency, holders] of Object.entries(OPENING_BALANCES)) {
    const info = await admin.tokenInfo(currency);
    await run("operator", `becomes ${info.symbol} minter`, () =>
      operator.configureMinter(
        currency,
        accounts.operator,
        parseAmount("1,000,000", info.decimals),
      ),
    );
    for (const [key, text] of Object.entries(holders) as [PartyKey, string][]) {
      const amount = parseAmount(text, info.decimals);
      await run(
        "operator",
        `mints ${formatAmount(amount, info.decimals, currency)} to ${PARTY_NAMES[key]}`,
        () => operator.mint(currency, accounts[key], amount),
      );
    }
  }

  const stage: Stage = {
    addresses,
    rpc,
    cast,
    clients,
    accounts,
    names,
    opening: await balances(
      clients.admin,
      Object.keys(addresses.tokens),
      balanceHolders(accounts, addresses),
    ),
    expect: new Expectations(),
    checks: [],
  };
  return { stage, onboarding };
}

/** The accounts whose balances the story tracks: every party, then the escrow. */
export function balanceHolders(
  accounts: Readonly<Record<PartyKey, string>>,
  addresses: TradeChainAddresses,
): string[] {
  return [...PARTY_KEYS.map((key) => accounts[key]), addresses.escrow];
}

/** Balances of `holders` in each currency. */
export async function balances(
  client: TradeChainClient,
  currencies: readonly string[],
  holders: readonly string[],
): Promise<Map<string, Map<string, bigint>>> {
  const result = new Map<string, Map<string, bigint>>();
  for (const currency of currencies) {
    const values = await Promise.all(holders.map((h) => client.balanceOf(currency, h)));
    result.set(currency, new Map(holders.map((h, i) => [h, values[i]])));
  }
  return result;
}
