/**
 * The demo's story as reusable pieces: the cast (who is who), the stage (a deployed suite with
 * every party onboarded, products listed and money minted), one scenario per order path, and the
 * final verification of balances, order states and credit records against what each path should
 * have done. `scripts/demo.ts` prints it for people; `scripts/e2e.ts` runs it against real nodes.
 *
 * Everything goes through the SDK (`src/`): ids, amounts, error decoding and timelines.
 */
import type { Signer } from "ethers";

import {
  countryCode,
  type CreditRecord,
  decodeError,
  feeOf,
  formatAmount,
  type NewOrder,
  type OrderStatus,
  type OrderTerms,
  parseAmount,
  type ParticipantRole,
  productIdFromGtin,
  productIdFromHsCode,
  shortHex,
  type TradeChainAddresses,
  TradeChainClient,
} from "@tradechain/sdk";

// ------------------------------------------------------------------------------ the cast

/**
 * The parties, in the order of the network's accounts. Accounts 0-3 are fixed by
 * `ignition/parameters/local.json` (deployer/admin, operator, fee recipient, default arbiter).
 */
export const PARTY_KEYS = [
  "admin",
  "operator",
  "feeRecipient",
  "defaultArbiter",
  "exporter",
  "importer",
  "consumer",
  "logistics",
  "customsPK",
  "customsKZ",
  "arbiter",
  "platform",
] as const;

/** A party of the story. */
export type PartyKey = (typeof PARTY_KEYS)[number];

/** How each party is called in the output. */
export const PARTY_NAMES: Readonly<Record<PartyKey, string>> = {
  admin: "Platform admin",
  operator: "TradeChain operator",
  feeRecipient: "Platform fee treasury",
  defaultArbiter: "Default arbiter",
  exporter: "Shenzhen Bright Electronics (CN)",
  importer: "Karachi Traders Ltd (PK)",
  consumer: "Aigerim, Almaty (KZ)",
  logistics: "Silk Road Logistics (CN)",
  customsPK: "Pakistan Customs",
  customsKZ: "Kazakhstan Customs",
  arbiter: "Trade arbiter, Hong Kong",
  platform: "Platform relayer",
};

/** Number of accounts the story needs from the network. */
export const ACCOUNTS_NEEDED = PARTY_KEYS.length;

/** The parties' signers. */
export type Cast = Readonly<Record<PartyKey, Signer>>;

/** Assigns the network's first accounts to the parties. */
export function castFromSigners(signers: readonly Signer[]): Cast {
  if (signers.length < ACCOUNTS_NEEDED) {
    throw new Error(
      `The story needs ${ACCOUNTS_NEEDED} accounts, the network has ${signers.length}`,
    );
  }
  return Object.fromEntries(PARTY_KEYS.map((key, i) => [key, signers[i]])) as Cast;
}

// ------------------------------------------------------------------------------ products

export const CN = countryCode("CN");
export const PK = countryCode("PK");
export const KZ = countryCode("KZ");
export const HK = countryCode("HK");

/** The exporter's catalogue: product ids from public identifiers, as every platform computes them. */
export const PRODUCTS = {
  laptop: {
    id: productIdFromHsCode("8471.30", "BRT-LAPTOP-15"),
    hsCode: "8471.30.00",
    name: '15" laptop (HS 8471.30, SKU BRT-LAPTOP-15)',
  },
  drone: {
    id: productIdFromHsCode("8806.22", "BRT-QUAD-X1"),
    hsCode: "8806.22.00",
    name: "Camera drone (HS 8806.22, SKU BRT-QUAD-X1)",
  },
  tea: {
    id: productIdFromGtin("6901234567892"),
    hsCode: "0902.30.00",
    name: "Oolong tea, 250 g (GTIN 6901234567892)",
  },
  scarf: {
    id: productIdFromHsCode("6214.10", "SILK-SCARF-90"),
    hsCode: "6214.10.00",
    name: "Silk scarf (HS 6214.10, SKU SILK-SCARF-90)",
  },
} as const;

/** A product of the catalogue. */
export type ProductKey = keyof typeof PRODUCTS;

/** What the operator mints before the orders: currency → party → whole units. */
export const OPENING_BALANCES: Readonly<Record<string, Partial<Record<PartyKey, string>>>> = {
  USD: { importer: "20,000" },
  CNY: { consumer: "5,000" },
};

// ------------------------------------------------------------------------------ chain control

/** The JSON-RPC surface time travel needs (ethers' JsonRpcProvider and Hardhat's provider). */
export interface RpcSender {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** Moves chain time forward and mines a block: works on the in-process network, hardhat node and Anvil. */
export async function increaseTime(rpc: RpcSender, seconds: number): Promise<void> {
  await rpc.send("evm_increaseTime", [seconds]);
  await rpc.send("evm_mine", []);
}

// ------------------------------------------------------------------------------ expectations

/** One verified outcome. */
export interface Check {
  readonly what: string;
  readonly ok: boolean;
  /** Expected and actual values when they differ. */
  readonly detail: string;
}

type MutableCredit = { -readonly [K in keyof CreditRecord]: CreditRecord[K] };

/** A refund counter of the credit record: which party caused the refund and how. */
export type RefundCause =
  | "cancelledAsBuyer"
  | "rejectedAsSeller"
  | "missedShipBy"
  | "rejectedAtCustoms"
  | "refundedAsSeller";

function emptyCredit(): MutableCredit {
  return {
    salesCompleted: 0,
    purchasesCompleted: 0,
    cancelledAsBuyer: 0,
    rejectedAsSeller: 0,
    missedShipBy: 0,
    rejectedAtCustoms: 0,
    refundedAsSeller: 0,
    disputesOpened: 0,
    disputesWon: 0,
    disputesLost: 0,
    volume: 0n,
  };
}

/** True when the escrow counts a close with this fee: at least one base unit, or a zero rate. */
function counts(fee: bigint, feeBps: number): boolean {
  return fee > 0n || feeBps === 0;
}

/**
 * What the orders should have done, written down as each path runs (the escrow's split rule:
 * fee = seller's gross part × feeBps / 10,000 rounded down), compared with the chain at the end.
 */
export class Expectations {
  /** currency → address → expected change in balance. */
  readonly deltas = new Map<string, Map<string, bigint>>();
  /** currency → address → expected credit record in that currency. */
  readonly credits = new Map<string, Map<string, MutableCredit>>();
  /** currency → fees the fee recipient should collect. */
  readonly fees = new Map<string, bigint>();

  move(currency: string, account: string, delta: bigint): void {
    const byAccount = this.deltas.get(currency) ?? new Map<string, bigint>();
    byAccount.set(account, (byAccount.get(account) ?? 0n) + delta);
    this.deltas.set(currency, byAccount);
  }

  credit(currency: string, account: string): MutableCredit {
    const byAccount = this.credits.get(currency) ?? new Map<string, MutableCredit>();
    this.credits.set(currency, byAccount);
    let credit = byAccount.get(account);
    if (credit === undefined) {
      credit = emptyCredit();
      byAccount.set(account, credit);
    }
    return credit;
  }

  /** The expected record of `account` in `currency` (empty when nothing happened). */
  creditIn(currency: string, account: string): CreditRecord {
    return this.credits.get(currency)?.get(account) ?? emptyCredit();
  }

  /** The seller is paid (confirmed or released after the window). */
  completed(currency: string, terms: OrderTerms): void {
    const fee = feeOf(terms.amount, terms.feeBps);
    this.move(currency, terms.buyer, -terms.amount);
    this.move(currency, terms.seller, terms.amount - fee);
    this.fees.set(currency, (this.fees.get(currency) ?? 0n) + fee);
    if (!counts(fee, terms.feeBps)) return;
    this.credit(currency, terms.seller).salesCompleted += 1;
    this.credit(currency, terms.buyer).purchasesCompleted += 1;
    this.credit(currency, terms.seller).volume += terms.amount;
    this.credit(currency, terms.buyer).volume += terms.amount;
  }

  /** The whole amount went back to the buyer: counted on the record of the party that caused it. */
  refunded(currency: string, terms: OrderTerms, cause: RefundCause): void {
    const party = cause === "cancelledAsBuyer" ? terms.buyer : terms.seller;
    this.credit(currency, party)[cause] += 1;
  }

  /** A dispute opened by `opener` closed with `buyerAmount` to the buyer. */
  resolved(currency: string, terms: OrderTerms, buyerAmount: bigint, opener: string): void {
    const sellerGross = terms.amount - buyerAmount;
    const fee = feeOf(sellerGross, terms.feeBps);
    this.move(currency, terms.buyer, -sellerGross);
    this.move(currency, terms.seller, sellerGross - fee);
    this.fees.set(currency, (this.fees.get(currency) ?? 0n) + fee);
    this.credit(currency, opener).disputesOpened += 1;
    const buyer = this.credit(currency, terms.buyer);
    const seller = this.credit(currency, terms.seller);
    if (counts(fee, terms.feeBps)) {
      buyer.volume += sellerGross;
      seller.volume += sellerGross;
    }
    if (buyerAmount * 2n > terms.amount) {
      buyer.disputesWon += 1;
      seller.disputesLost += 1;
    } else if (buyerAmount * 2n < terms.amount) {
      seller.disputesWon += 1;
      buyer.disputesLost += 1;
    }
  }
}

/** The escrow's fee on a seller's gross part (rounded down); it lives in the SDK. */
export { feeOf };

// ------------------------------------------------------------------------------ the stage

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
 * Onboards the cast on a freshly deployed suite: participants registered by the operator, customs
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
  const admin = new TradeChainClient(cast.admin, addresses, {
    fromBlock: options.fromBlock,
    labels,
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

// ------------------------------------------------------------------------------ scenarios

/** What a scenario did. */
export interface ScenarioOutcome {
  readonly key: string;
  readonly title: string;
  readonly story: string;
  readonly currency: string;
  /** The order, when one was created. */
  readonly orderId?: string;
  /** The decoded error of a refused order. */
  readonly refusal?: string;
  readonly status: OrderStatus;
}

/** One order path. */
export interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly story: string;
  run(stage: Stage): Promise<ScenarioOutcome>;
}

const DAY = 24 * 3600;
/** Confirmation window of the demo's orders. */
export const CONFIRM_WINDOW = 7 * DAY;
/** Ship-by of the late shipment order. */
export const SHORT_SHIP_WITHIN = 2 * DAY;

async function newOrder(
  stage: Stage,
  buyer: PartyKey,
  currency: string,
  amount: string,
  product: ProductKey,
  destination: number,
  extra: Partial<NewOrder> = {},
): Promise<NewOrder> {
  return {
    seller: stage.accounts.exporter,
    buyer: stage.accounts[buyer],
    token: currency,
    amount: await money(stage, currency, amount),
    productId: PRODUCTS[product].id,
    destination,
    confirmWindow: CONFIRM_WINDOW,
    ...extra,
  };
}

async function expectStatus(stage: Stage, key: string, orderId: string, expected: OrderStatus) {
  const { status } = await stage.clients.admin.orderState(orderId);
  check(stage, `${key}: order ends ${expected}`, status, expected);
  return status;
}

/** Every path of the demo, in the order it tells them. */
export const SCENARIOS: readonly Scenario[] = [
  {
    key: "happy-permit",
    title: "Happy path, paid with an EIP-2612 permit",
    story:
      "Karachi Traders buys laptops; one transaction funds the order with a signed permit. The " +
      "laptop is on Pakistan's positive list, so shipment clears customs automatically.",
    async run(stage) {
      const { importer, exporter, logistics } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "1,200", "laptop", PK);
      const { orderId, terms, method } = await importer.createOrder(order, { method: "permit" });
      check(stage, "happy-permit: funded by permit", method, "permit");
      await exporter.ship(orderId, "DHL 4821 7730 15");
      await logistics.recordMilestone(orderId, "Departed Shenzhen Bao'an hub");
      await logistics.recordMilestone(orderId, "Arrived Karachi Port Qasim");
      await importer.confirmReceipt(orderId);
      stage.expect.completed("USD", terms);
      const status = await expectStatus(stage, this.key, orderId, "Completed");
      return { ...this, currency: "USD", orderId, status };
    },
  },
  {
    key: "gasless",
    title: "Gasless checkout: EIP-3009 authorization relayed by the platform",
    story:
      "Aigerim in Almaty pays in CNY without holding gas: she signs a receiveWithAuthorization " +
      "whose nonce is the order id, the platform relays it and pays the gas. Tea is not on " +
      "Kazakhstan's lists, so Kazakhstan Customs clears it by hand.",
    async run(stage) {
      const { consumer, platform, exporter, customsKZ } = stage.clients;
      const order = await newOrder(stage, "consumer", "CNY", "860", "tea", KZ);
      const authorization = await consumer.signFundingAuthorization(order);
      const { orderId, terms } = await platform.submitFundingAuthorization(authorization);
      await exporter.ship(orderId, "EMS EE123456789CN");
      await customsKZ.clearCustoms(orderId, "KZ declaration 50010/261121/0004512");
      await consumer.confirmReceipt(orderId);
      stage.expect.completed("CNY", terms);
      const timeline = await platform.orderTimeline(orderId);
      const created = timeline.find((entry) => entry.event === "OrderCreated");
      check(
        stage,
        "gasless: relayer sent the funding tx",
        created?.sender,
        stage.accounts.platform,
      );
      check(stage, "gasless: consumer is the buyer", created?.actor, stage.accounts.consumer);
      const status = await expectStatus(stage, this.key, orderId, "Completed");
      return { ...this, currency: "CNY", orderId, status };
    },
  },
  {
    key: "customs-clearance",
    title: "Customs clearance of an unlisted product",
    story:
      "Silk scarves are on neither of Pakistan's lists: the shipment waits for Pakistan Customs, " +
      "which clears it; then the importer confirms. Paid from an ERC-20 allowance.",
    async run(stage) {
      const { importer, exporter, customsPK } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "300", "scarf", PK);
      const { orderId, terms } = await importer.createOrder(order, { method: "allowance" });
      await exporter.ship(orderId, "SF 1029384756");
      const held = await importer.orderState(orderId);
      check(stage, "customs-clearance: shipment held for customs", held.status, "Shipped");
      await customsPK.clearCustoms(orderId, "PK GD KAPE-HC-88412-26");
      await importer.confirmReceipt(orderId);
      stage.expect.completed("USD", terms);
      const status = await expectStatus(stage, this.key, orderId, "Completed");
      return { ...this, currency: "USD", orderId, status };
    },
  },
  {
    key: "auto-release",
    title: "Auto-release after the confirmation window",
    story:
      "Aigerim never confirms receipt. Seven days after customs clearance anyone may release " +
      "the payment; the platform does (chain time moved forward with evm_increaseTime).",
    async run(stage) {
      const { consumer, exporter, customsKZ, platform } = stage.clients;
      const order = await newOrder(stage, "consumer", "CNY", "520", "tea", KZ);
      const { orderId, terms } = await consumer.createOrder(order, { method: "permit" });
      await exporter.ship(orderId, "EMS EE987654321CN");
      await customsKZ.clearCustoms(orderId, "KZ declaration 50010/261121/0004513");
      let refusedEarly = "";
      try {
        await platform.releaseAfterTimeout(orderId);
      } catch (err) {
        refusedEarly = decodeError(err)?.name ?? "";
      }
      check(
        stage,
        "auto-release: refused inside the window",
        refusedEarly,
        "ConfirmWindowNotElapsed",
      );
      await increaseTime(stage.rpc, CONFIRM_WINDOW + 60);
      await platform.releaseAfterTimeout(orderId);
      stage.expect.completed("CNY", terms);
      const status = await expectStatus(stage, this.key, orderId, "Completed");
      return { ...this, currency: "CNY", orderId, status };
    },
  },
  {
    key: "negative-list",
    title: "Negative-list refusal",
    story:
      "Karachi Traders tries to order camera drones. Pakistan bans HS heading 8806 (unmanned " +
      "aircraft); no officer ever listed this SKU, yet its registered code 8806.22.00 falls " +
      "under the ban, so the escrow refuses the order and no money moves.",
    async run(stage) {
      const { importer } = stage.clients;
      const decision = await importer.clearanceDecisionOf(PK, PRODUCTS.drone.id);
      check(
        stage,
        "negative-list: decided by the heading, not the product",
        `${decision.status} by ${decision.source} ${decision.tariffCode ?? ""}`,
        "Negative by Tariff 8806",
      );
      check(
        stage,
        "negative-list: the drone has no entry of its own",
        (await importer.listingOf(PK, PRODUCTS.drone.id)).version,
        0,
      );
      const order = await newOrder(stage, "importer", "USD", "2,000", "drone", PK);
      let refusal = "";
      let name = "";
      try {
        await importer.createOrder(order, { method: "permit" });
      } catch (err) {
        name = decodeError(err)?.name ?? "";
        refusal = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      }
      check(
        stage,
        "negative-list: refused with ProductNegativeListed",
        name,
        "ProductNegativeListed",
      );
      return { ...this, currency: "USD", refusal, status: "None" };
    },
  },
  {
    key: "tariff-positive",
    title: "Cleared by a positive-listed subheading",
    story:
      "Aigerim orders a silk scarf. Kazakhstan's customs positive-listed HS subheading 6214.10 " +
      "(shawls and scarves of silk) for cross-border retail, never this product by id: its " +
      "registered code 6214.10.00 is enough, so the shipment clears customs automatically.",
    async run(stage) {
      const { consumer, exporter } = stage.clients;
      const decision = await consumer.clearanceDecisionOf(KZ, PRODUCTS.scarf.id);
      check(
        stage,
        "tariff-positive: decided by the subheading",
        `${decision.status} by ${decision.source} ${decision.tariffCode ?? ""}`,
        "Positive by Tariff 6214.10",
      );
      check(
        stage,
        "tariff-positive: the scarf was never listed by id",
        (await consumer.listingOf(KZ, PRODUCTS.scarf.id)).version,
        0,
      );
      const order = await newOrder(stage, "consumer", "CNY", "380", "scarf", KZ);
      const { orderId, terms } = await consumer.createOrder(order, { method: "permit" });
      await exporter.ship(orderId, "EMS EE555666777CN");
      const shipped = await consumer.orderState(orderId);
      check(stage, "tariff-positive: cleared at shipment", shipped.status, "Cleared");
      await consumer.confirmReceipt(orderId);
      stage.expect.completed("CNY", terms);
      const status = await expectStatus(stage, this.key, orderId, "Completed");
      return { ...this, currency: "CNY", orderId, status };
    },
  },
  {
    key: "customs-rejection",
    title: "Customs rejection",
    story:
      "Tea shipped to Pakistan without a phytosanitary certificate: Pakistan Customs rejects the " +
      "shipment and the escrow refunds the importer in full.",
    async run(stage) {
      const { importer, exporter, customsPK } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "640", "tea", PK);
      const { orderId, terms } = await importer.createOrder(order, { method: "permit" });
      await exporter.ship(orderId, "DHL 4821 7730 16");
      await customsPK.rejectAtCustoms(orderId, "No phytosanitary certificate (DPP)");
      stage.expect.refunded("USD", terms, "rejectedAtCustoms");
      const status = await expectStatus(stage, this.key, orderId, "Refunded");
      return { ...this, currency: "USD", orderId, status };
    },
  },
  {
    key: "dispute-ruling",
    title: "Dispute ruled by the arbiter",
    story:
      "Some laptops arrive with cracked screens. The importer opens a dispute, both sides submit " +
      "evidence, and the Hong Kong arbiter named in the order rules US$ 600 back to the buyer.",
    async run(stage) {
      const { importer, exporter, arbiter } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "2,400", "laptop", PK, {
        arbiter: stage.accounts.arbiter,
      });
      const { orderId, terms } = await importer.createOrder(order, { method: "permit" });
      await exporter.ship(orderId, "DHL 4821 7730 17");
      await importer.openDispute(orderId, "photos: 4 of 16 screens cracked");
      await exporter.submitEvidence(orderId, "packing video, carrier damage report");
      const buyerAmount = await money(stage, "USD", "600");
      await arbiter.resolveDispute(orderId, buyerAmount, "ruling HK-ARB-2026-113: 25% back");
      stage.expect.resolved("USD", terms, buyerAmount, terms.buyer);
      const status = await expectStatus(stage, this.key, orderId, "Resolved");
      return { ...this, currency: "USD", orderId, status };
    },
  },
  {
    key: "settlement",
    title: "Amicable settlement",
    story:
      "Aigerim receives a lower tea grade than ordered and disputes; the exporter proposes " +
      "CN¥ 250 back, she accepts, and the rest goes to the exporter without an arbiter.",
    async run(stage) {
      const { consumer, exporter, customsKZ } = stage.clients;
      const order = await newOrder(stage, "consumer", "CNY", "1,000", "tea", KZ);
      const { orderId, terms } = await consumer.createOrder(order, { method: "permit" });
      await exporter.ship(orderId, "EMS EE555666777CN");
      await customsKZ.clearCustoms(orderId, "KZ declaration 50010/261121/0004514");
      await consumer.openDispute(orderId, "grade: received 2nd flush, ordered 1st");
      const buyerAmount = await money(stage, "CNY", "250");
      await exporter.proposeSettlement(orderId, buyerAmount);
      await consumer.acceptSettlement(orderId, buyerAmount);
      stage.expect.resolved("CNY", terms, buyerAmount, terms.buyer);
      const status = await expectStatus(stage, this.key, orderId, "Resolved");
      return { ...this, currency: "CNY", orderId, status };
    },
  },
  {
    key: "late-shipment",
    title: "Late shipment refund",
    story:
      "The exporter misses the two-day ship-by date. After it passes, anyone may refund the " +
      "buyer; the platform does.",
    async run(stage) {
      const { importer, platform } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "800", "scarf", PK, {
        shipWithin: SHORT_SHIP_WITHIN,
      });
      const { orderId, terms } = await importer.createOrder(order, { method: "permit" });
      await increaseTime(stage.rpc, SHORT_SHIP_WITHIN + 60);
      await platform.refundUnshipped(orderId);
      stage.expect.refunded("USD", terms, "missedShipBy");
      const status = await expectStatus(stage, this.key, orderId, "Refunded");
      return { ...this, currency: "USD", orderId, status };
    },
  },
];

/** Runs every scenario in order; `onDone` sees each outcome as it completes. */
export async function runScenarios(
  stage: Stage,
  onDone: (outcome: ScenarioOutcome) => Promise<void> | void = () => {},
): Promise<ScenarioOutcome[]> {
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of SCENARIOS) {
    const outcome = await scenario.run(stage);
    outcomes.push(outcome);
    await onDone(outcome);
  }
  return outcomes;
}

// ------------------------------------------------------------------------------ verification

/**
 * Collects the platform fees, then checks every balance against the opening balance plus the
 * expected changes, the escrow holding nothing, the fee treasury holding exactly the fees, and
 * every party's credit record. Returns the final balances.
 */
export async function verifyFinalState(stage: Stage): Promise<Map<string, Map<string, bigint>>> {
  const { admin } = stage.clients;
  const currencies = Object.keys(stage.addresses.tokens);
  for (const currency of currencies) {
    if ((await admin.accruedFees(currency)) > 0n)
      await stage.clients.platform.collectFees(currency);
    stage.expect.move(currency, stage.accounts.feeRecipient, stage.expect.fees.get(currency) ?? 0n);
  }
  const holders = balanceHolders(stage.accounts, stage.addresses);
  const final = await balances(admin, currencies, holders);
  for (const currency of currencies) {
    for (const holder of holders) {
      const opening = stage.opening.get(currency)?.get(holder) ?? 0n;
      const expected = opening + (stage.expect.deltas.get(currency)?.get(holder) ?? 0n);
      const actual = final.get(currency)?.get(holder) ?? 0n;
      const shown = await admin.formatAmount(currency, expected);
      check(
        stage,
        `balance of ${nameOf(stage, holder)} in ${currency} is ${shown}`,
        await admin.formatAmount(currency, actual),
        shown,
      );
    }
    check(
      stage,
      `escrow holds no ${currency}`,
      final.get(currency)?.get(stage.addresses.escrow),
      0n,
    );
  }
  for (const key of PARTY_KEYS) {
    const account = stage.accounts[key];
    const lines = await admin.creditOf(account);
    check(
      stage,
      `credit of ${PARTY_NAMES[key]} has one line per currency`,
      lines.map((line) => line.currency).join(", "),
      currencies.join(", "),
    );
    for (const line of lines) {
      const expected = stage.expect.creditIn(line.currency, account);
      check(
        stage,
        `credit record of ${PARTY_NAMES[key]} in ${line.currency}`,
        creditText(line),
        creditText(expected),
      );
    }
  }
  return final;
}

/** A credit record in one line, for checks. */
export function creditText(c: CreditRecord): string {
  return (
    `sales ${c.salesCompleted}, purchases ${c.purchasesCompleted}, ` +
    `refunds caused ${refundsCaused(c) || "none"}, ` +
    `disputes opened ${c.disputesOpened} won ${c.disputesWon} lost ${c.disputesLost}, ` +
    `volume ${c.volume}`
  );
}

/** The refund counters of a credit record that are not zero, e.g. "customs 1, late 1". */
export function refundsCaused(c: CreditRecord): string {
  const parts: [string, number][] = [
    ["cancelled", c.cancelledAsBuyer],
    ["rejected", c.rejectedAsSeller],
    ["late", c.missedShipBy],
    ["customs", c.rejectedAtCustoms],
    ["refunded", c.refundedAsSeller],
  ];
  return parts
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
}
