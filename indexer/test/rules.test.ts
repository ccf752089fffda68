/**
 * What the explorer computes from events instead of reading the chain — credit records, orders'
 * classification snapshots, complaints per seller, countries' bindings — checked against the
 * contracts' own views after random orders through every path on a hardhat node: every account's
 * credit record in every token field by field (`creditOf`), every order's `hsCode`, every
 * product's complaints per seller (`complaintsOf`), every product's classification and clearance
 * in every country (`classificationOf`, `clearanceDecisionOf`). The orders are driven with the
 * contracts directly (sellers' consents signed with the SDK's `signSellerConsent`); the random
 * choices come from a seeded generator (`RULES_SEED` repeats a run), and a few scripted orders
 * make sure every path is taken whatever the seed.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import {
  hexlify,
  MaxUint256,
  randomBytes,
  type Signer,
  type ContractTransactionResponse,
} from "ethers";

import { devWallets } from "@tradechain/devkit/accounts";
import {
  ACCOUNTS_NEEDED,
  castFromSigners,
  CN,
  KZ,
  PK,
  PRODUCTS,
  type ProductKey,
  setUpStage,
  type Stage,
} from "@tradechain/devkit/demo";
import { deploySuite, IGNITION_DEPLOYMENTS } from "@tradechain/devkit/deploy";
import {
  type Child,
  freePort,
  type LocalNode,
  nodeProvider,
  rpcCall,
  startNode,
  stop,
} from "@tradechain/devkit/nodes";
import {
  CREDIT_COUNTERS,
  hsCodeNumber,
  type ITradeEscrow,
  SettlementToken__factory,
  signSellerConsent,
  type TradeEscrow,
  TradeEscrow__factory,
  type TradeRegistry,
  TradeRegistry__factory,
} from "@tradechain/sdk";

import { startIndexer, waitCaughtUp } from "../harness.js";

type Json = Record<string, unknown>;
type Terms = ITradeEscrow.OrderTermsStruct;

const SEED = Number(process.env.RULES_SEED ?? Date.now() % 1_000_000);
const RANDOM_ORDERS = Number(process.env.RULES_ORDERS ?? 40);
const ROUNDS = 10;
const HOUR = 3600;
const DAY = 86_400;
/** Seconds kept between "now" and a deadline a call must beat (the test's wall time runs on). */
const MARGIN = 2 * HOUR;
/** Escrow statuses by enum value. */
const STATUS = [
  "None",
  "Funded",
  "Shipped",
  "Cleared",
  "Disputed",
  "Completed",
  "Refunded",
  "Resolved",
];

/** mulberry32: a small seeded generator, so that a failing run can be repeated. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    bigint: (max: bigint) => (max <= 0n ? 0n : BigInt(Math.floor(next() * Number(max))) % max),
  };
}
const rnd = generator(SEED);

/** An order the test drives: its terms and a script of actions (random when empty). */
interface Driven {
  readonly id: string;
  readonly terms: Terms;
  readonly script: string[];
  readonly scripted: boolean;
}

/** Paths the run took (every one must be taken). */
const taken = new Set<string>();

let node: LocalNode | undefined;
let indexer: Child | undefined;
let workDir = "";
let deploymentId = "";
let api = "";
let stage: Stage;
let escrow: TradeEscrow;
let registry: TradeRegistry;
let tokens: Record<string, string> = {};
const orders: Driven[] = [];

const get = async (path: string) => {
  const response = await fetch(`${api}${path}`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Json };
};
const send = async (tx: Promise<ContractTransactionResponse>) => (await tx).wait();
const signer = (key: keyof Stage["accounts"]): Signer => stage.cast[key];
/** The latest block's time, read from the node (never a cached answer). */
async function chainNow(): Promise<bigint> {
  const block = (await rpcCall(node?.url ?? "", "eth_getBlockByNumber", ["latest", false])) as {
    timestamp: string;
  };
  return BigInt(block.timestamp);
}
const travel = async (seconds: number) => {
  await rpcCall(node!.url, "evm_increaseTime", [seconds]);
  await rpcCall(node!.url, "evm_mine");
};

/** Which products may go where (none that the destination refuses). */
const ROUTES: Readonly<Record<ProductKey, readonly number[]>> = {
  laptop: [PK, KZ, CN],
  tea: [KZ, CN],
  scarf: [KZ, PK, CN],
  drone: [KZ, CN],
};
const CUSTOMS: Readonly<Record<number, keyof Stage["accounts"]>> = {
  [PK]: "customsPK",
  [KZ]: "customsKZ",
};

/** Creates an order with the seller's consent (signed by `consentBy`: the seller or a delegate). */
async function createOrder(input: {
  buyer: keyof Stage["accounts"];
  seller: keyof Stage["accounts"];
  currency: string;
  amount: bigint;
  product: ProductKey;
  destination: number;
  arbiter: keyof Stage["accounts"];
  consentBy?: keyof Stage["accounts"];
  script?: string[];
}): Promise<Driven> {
  const feeBps = Number(await escrow.feeBps());
  const terms: Terms = {
    buyer: stage.accounts[input.buyer],
    seller: stage.accounts[input.seller],
    token: tokens[input.currency],
    amount: input.amount,
    productId: PRODUCTS[input.product].id,
    destination: input.destination,
    shipBy: (await chainNow()) + BigInt(2 * DAY),
    confirmWindow: DAY,
    feeBps,
    arbiter: stage.accounts[input.arbiter],
    ref: hexlify(randomBytes(32)),
  };
  const id = await escrow.orderIdOf(terms);
  const { signature } = await signSellerConsent(registry, signer(input.consentBy ?? input.seller), {
    escrow: await escrow.getAddress(),
    orderId: id,
  });
  await send(escrow.connect(signer(input.buyer)).createOrder(terms, signature));
  if (feeBps === 0) taken.add("fee-rate-zero");
  const driven = {
    id,
    terms,
    script: [...(input.script ?? [])],
    scripted: input.script !== undefined,
  };
  orders.push(driven);
  return driven;
}

/** The actions the order allows now, by its state on chain. */
async function allowed(o: Driven): Promise<string[]> {
  const state = await escrow.orderState(o.id);
  const status = STATUS[Number(state.status)];
  const now = await chainNow();
  const since = BigInt(state.since);
  const remaining = BigInt(o.terms.amount) - BigInt(state.refunded);
  const open = ["Funded", "Shipped", "Cleared", "Disputed"].includes(status);
  const actions: string[] = [];
  if (open) actions.push("full");
  if (open && remaining >= 2n) actions.push("partial", "partial-most");
  if (status === "Funded") {
    actions.push("cancel", "reject");
    if (now + BigInt(MARGIN) < BigInt(o.terms.shipBy)) actions.push("ship");
    if (now > BigInt(o.terms.shipBy)) actions.push("unshipped");
  }
  if (status === "Shipped") {
    if (CUSTOMS[Number(o.terms.destination)] !== undefined) actions.push("clear", "customs-reject");
    if (now >= since + 30n * BigInt(DAY)) actions.push("dispute-buyer", "dispute-seller");
  }
  if (status === "Cleared") {
    actions.push("confirm", "dispute-seller");
    if (now + BigInt(MARGIN) < since + BigInt(o.terms.confirmWindow)) actions.push("dispute-buyer");
    if (now >= since + BigInt(o.terms.confirmWindow)) actions.push("release");
  }
  if (status === "Disputed") {
    actions.push("settle", "settle-half", "evidence");
    if (now + BigInt(MARGIN) < since + 30n * BigInt(DAY))
      actions.push("rule", "rule-half", "rule-low", "rule-none");
    if (now >= since + 30n * BigInt(DAY)) actions.push("stale");
  }
  if (
    ["Completed", "Refunded", "Resolved"].includes(status) &&
    state.shipped &&
    !state.complaintFiled
  ) {
    actions.push("complain");
  }
  return actions;
}

/** Runs one action on the order. */
async function act(o: Driven, action: string): Promise<void> {
  const state = await escrow.orderState(o.id);
  const amount = BigInt(o.terms.amount);
  const refunded = BigInt(state.refunded);
  const remaining = amount - refunded;
  const buyer = escrow.connect(
    signer(
      o.terms.buyer === stage.accounts.importer
        ? "importer"
        : o.terms.buyer === stage.accounts.consumer
          ? "consumer"
          : "platform",
    ),
  );
  const sellerKey = o.terms.seller === stage.accounts.exporter ? "exporter" : "platform";
  const seller = escrow.connect(signer(sellerKey));
  const arbiterKey = o.terms.arbiter === stage.accounts.arbiter ? "arbiter" : "defaultArbiter";
  const hash = () => hexlify(randomBytes(32));
  switch (action) {
    case "cancel":
      return void (await send(buyer.cancel(o.terms)), taken.add("cancel"));
    case "reject":
      return void (await send(seller.reject(o.terms, hash())), taken.add("reject"));
    case "unshipped":
      return void (await send(escrow.refundUnshipped(o.terms)), taken.add("unshipped"));
    case "partial":
      taken.add("partial-refund");
      return void (await send(seller.refund(o.terms, 1n + rnd.bigint(remaining / 2n))));
    case "partial-most": {
      // Past half of the amount in total, still short of all of it.
      const target = amount / 2n + 1n;
      const more = target > refunded ? target - refunded : 1n;
      if (more >= remaining) return act(o, "partial");
      taken.add("partial-refund-most");
      return void (await send(seller.refund(o.terms, more)));
    }
    case "full":
      taken.add(
        STATUS[Number(state.status)] === "Disputed" ? "full-refund-disputed" : "full-refund",
      );
      if (refunded > 0n) taken.add("full-refund-after-partial");
      return void (await send(seller.refund(o.terms, remaining)));
    case "ship":
      return void (await send(seller.ship(o.terms, hash())));
    case "clear":
      return void (await send(
        escrow.connect(signer(CUSTOMS[Number(o.terms.destination)])).clearCustoms(o.terms, hash()),
      ));
    case "customs-reject":
      taken.add("customs-reject");
      return void (await send(
        escrow
          .connect(signer(CUSTOMS[Number(o.terms.destination)]))
          .rejectAtCustoms(o.terms, hash()),
      ));
    case "confirm":
    case "release": {
      const fee = (remaining * BigInt(o.terms.feeBps)) / 10_000n;
      taken.add(
        refunded * 2n > amount
          ? "complete-mostly-refunded"
          : fee === 0n && BigInt(o.terms.feeBps) !== 0n
            ? "complete-uncounted"
            : "complete-counted",
      );
      taken.add(action);
      return void (await send(
        action === "confirm" ? buyer.confirmReceipt(o.terms) : escrow.releaseAfterTimeout(o.terms),
      ));
    }
    case "dispute-buyer":
      taken.add("dispute-by-buyer");
      return void (await send(buyer.openDispute(o.terms, hash())));
    case "dispute-seller":
      taken.add("dispute-by-seller");
      return void (await send(seller.openDispute(o.terms, hash())));
    case "evidence":
      return void (await send(buyer.submitEvidence(o.terms, hash())));
    case "settle":
    case "settle-half": {
      const total = action === "settle-half" ? amount / 2n : rnd.bigint(amount + 1n);
      const [proposer, acceptor] = rnd.next() < 0.5 ? [buyer, seller] : [seller, buyer];
      await send(proposer.proposeSettlement(o.terms, total));
      taken.add("settlement");
      return void (await send(acceptor.acceptSettlement(o.terms, total)));
    }
    case "rule":
    case "rule-half":
    case "rule-low":
    case "rule-none": {
      // rule-low: a total below what the seller already refunded (the buyer keeps the refunds).
      const total =
        action === "rule-half"
          ? amount / 2n
          : action === "rule-low"
            ? refunded / 2n
            : action === "rule-none"
              ? 0n
              : rnd.bigint(amount + 1n);
      if (action === "rule-half" && amount % 2n === 0n) taken.add("ruling-exact-half");
      if (action === "rule-low" && refunded > 0n) taken.add("ruling-below-refunds");
      // The buyer's total in the end: refunds already paid count toward it.
      const buyerTotal = total > refunded ? total : refunded;
      taken.add(
        buyerTotal * 2n > amount
          ? "ruling-buyer-wins"
          : buyerTotal * 2n < amount
            ? "ruling-seller-wins"
            : "ruling-draw",
      );
      return void (await send(
        escrow.connect(signer(arbiterKey)).resolveDispute(o.terms, total, hash()),
      ));
    }
    case "stale":
      taken.add("stale");
      return void (await send(escrow.closeStaleDispute(o.terms)));
    case "complain":
      taken.add(sellerKey === "exporter" ? "complaint-owner" : "complaint-other-seller");
      return void (await send(buyer.fileComplaint(o.terms, hash())));
    default:
      throw new Error(`unknown action ${action}`);
  }
}

/** One round: every order takes its next scripted action when allowed, or a random one. */
async function round(): Promise<void> {
  for (const o of orders) {
    const can = await allowed(o);
    if (o.scripted) {
      // A script goes as far as the chain's time lets it in one round.
      let now = can;
      while (o.script[0] !== undefined && now.includes(o.script[0])) {
        await act(o, o.script.shift() ?? "");
        now = await allowed(o);
      }
    } else if (can.length > 0 && rnd.next() < 0.8) {
      await act(o, rnd.pick(can));
    }
  }
}

before(async () => {
  console.log(`rules.test: RULES_SEED=${SEED}`);
  workDir = await mkdtemp(join(tmpdir(), "tradechain-explorer-rules-"));
  deploymentId = `explorer-test-rules-${process.pid}`;
  node = await startNode("hardhat", { logDir: workDir });
  const deployment = await deploySuite(node.url, deploymentId);
  const provider = nodeProvider(node.url);
  const wallets = devWallets(provider, ACCOUNTS_NEEDED);
  ({ stage } = await setUpStage(castFromSigners(wallets), deployment.addresses, provider, {
    fromBlock: deployment.startBlock,
  }));
  tokens = Object.fromEntries(Object.entries(deployment.addresses.tokens));
  escrow = TradeEscrow__factory.connect(deployment.addresses.escrow, wallets[0]);
  registry = TradeRegistry__factory.connect(deployment.addresses.registry, wallets[0]);
  const { operator } = stage.clients;
  // A second seller (it also buys), selling the exporter's products: its complaints stay apart.
  await operator.registerParticipant(
    stage.accounts.platform,
    ["Seller", "Buyer"],
    CN,
    "kyc:platform",
  );
  for (const [currency, address] of Object.entries(tokens)) {
    for (const key of ["importer", "consumer", "platform"] as const) {
      await operator.mint(currency, stage.accounts[key], 100_000_000_000n);
      await send(
        SettlementToken__factory.connect(address, signer(key)).approve(
          await escrow.getAddress(),
          MaxUint256,
        ),
      );
    }
  }
  // The exporter lets the logistics account consent for it, and later revokes it.
  await send(registry.connect(signer("exporter")).setDelegate(stage.accounts.logistics));
  // Classifications: Pakistan's customs bind the tea under 8806.10 (banned there); the exporter
  // re-classifies the drone as 8471.30, which Pakistan's ban on 8806 holds back there.
  await send(
    registry
      .connect(signer("customsPK"))
      .bindClassification(PK, PRODUCTS.tea.id, hsCodeNumber("8806.10.00")),
  );
  await send(
    registry
      .connect(signer("exporter"))
      .reclassifyProduct(PRODUCTS.drone.id, hsCodeNumber("8471.30.00")),
  );
  // Kazakhstan binds the laptop under 8471.41 and then lifts it again.
  await send(
    registry
      .connect(signer("customsKZ"))
      .bindClassification(KZ, PRODUCTS.laptop.id, hsCodeNumber("8471.41.00")),
  );
  await send(
    registry
      .connect(signer("customsKZ"))
      .bindClassification(KZ, PRODUCTS.scarf.id, hsCodeNumber("6214.20.00")),
  );
  await send(registry.connect(signer("customsKZ")).bindClassification(KZ, PRODUCTS.laptop.id, 0));
  // Pakistan's customs bind the laptop (positive-listed there) under 8517.62, another chapter:
  // its list entry is found under the code Pakistan applies.
  await send(
    registry
      .connect(signer("customsPK"))
      .bindClassification(PK, PRODUCTS.laptop.id, hsCodeNumber("8517.62.00")),
  );

  const usd = "USD";
  const scripted = (script: string[], extra: Partial<Parameters<typeof createOrder>[0]> = {}) =>
    createOrder({
      buyer: "importer",
      seller: "exporter",
      currency: usd,
      amount: 1_000_000_000n,
      product: "laptop",
      destination: CN,
      arbiter: "arbiter",
      script,
      ...extra,
    });
  // Every path at least once, whatever the seed.
  await scripted(["cancel"]);
  await scripted(["reject"]);
  await scripted(["unshipped"]);
  await scripted(["ship", "customs-reject"], { destination: PK, product: "scarf" });
  await scripted(["partial-most", "ship", "confirm", "complain"]);
  await scripted(["partial", "ship", "confirm", "complain"], {
    seller: "platform",
    buyer: "consumer",
  });
  await scripted(["ship", "confirm"], { amount: 99n }); // fee rounds to 0: not counted
  await scripted(["ship", "release"], { consentBy: "logistics" });
  await scripted(["ship", "dispute-buyer", "rule-half"], { amount: 2_000_000_000n });
  await scripted(["ship", "dispute-seller", "rule-none"], { arbiter: "defaultArbiter" });
  await scripted(["partial-most", "ship", "dispute-buyer", "rule-low", "complain"]);
  await scripted(["ship", "dispute-buyer", "settle"], { currency: "CNY", buyer: "consumer" });
  await scripted(["ship", "dispute-seller", "stale"], { amount: 1_000_000_001n });
  await scripted(["partial", "ship", "dispute-buyer", "full"]);
  await scripted(["ship", "dispute-buyer", "full"], { seller: "platform", buyer: "importer" });
  await scripted(["ship", "clear", "confirm"], { destination: KZ, product: "drone" });
  await send(registry.connect(signer("exporter")).revokeDelegate(stage.accounts.logistics));
  // The default arbiter suspended (the escrow takes note) and reinstated.
  const registrar = registry.connect(signer("operator"));
  await operator.registerParticipant(stage.accounts.defaultArbiter, ["Arbiter"], CN, "kyc:arbiter");
  await send(registrar.suspendParticipant(stage.accounts.defaultArbiter, hexlify(randomBytes(32))));
  await send(registrar.reinstateParticipant(stage.accounts.defaultArbiter));
  // Orders at a zero fee rate count whatever their size.
  await send(escrow.connect(signer("admin")).setFee(0));
  await scripted(["ship", "confirm"], { amount: 50n });
  await send(escrow.connect(signer("admin")).setFee(100));

  const buyers = ["importer", "consumer", "platform"] as const;
  for (let i = 0; i < RANDOM_ORDERS; i += 1) {
    const seller = rnd.next() < 0.7 ? "exporter" : "platform";
    const buyer = rnd.pick(buyers.filter((b) => b !== seller));
    const product = rnd.pick(Object.keys(ROUTES) as ProductKey[]);
    const amount =
      rnd.next() < 0.15
        ? 1n + rnd.bigint(150n)
        : BigInt(1 + rnd.int(5_000)) * 100_000n + rnd.bigint(2n);
    await createOrder({
      buyer,
      seller,
      currency: rnd.pick(Object.keys(tokens)),
      amount,
      product,
      destination: rnd.pick(ROUTES[product]),
      arbiter: rnd.next() < 0.5 ? "arbiter" : "defaultArbiter",
    });
  }
  for (let i = 0; i < ROUNDS; i += 1) {
    await round();
    await travel(rnd.pick([HOUR, DAY + HOUR, 3 * DAY, 31 * DAY]));
  }
  // Whatever is still scripted finishes with time enough for every deadline.
  for (let i = 0; i < 4 && orders.some((o) => o.scripted && o.script.length > 0); i += 1) {
    await round();
    await travel(31 * DAY);
  }
  // The default arbiter suspended again, for good: orders that named it show it.
  await send(registrar.suspendParticipant(stage.accounts.defaultArbiter, hexlify(randomBytes(32))));

  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  indexer = await startIndexer({
    rpcUrl: node.url,
    chainId: node.chainId,
    deploymentFolder: deployment.folder,
    port,
    pgliteDir: join(workDir, "pglite"),
    schema: `t_rules_${process.pid}`,
    log: join(workDir, "indexer.log"),
  });
  await waitCaughtUp(api, node.url, { child: indexer });
});

after(async () => {
  await stop(indexer);
  await stop(node?.child);
  await rm(join(IGNITION_DEPLOYMENTS, deploymentId), { recursive: true, force: true });
  if (workDir !== "") await rm(workDir, { recursive: true, force: true });
});

describe("computed from events, equal to the chain", () => {
  it("took every path of the credit rules", () => {
    const unfinished = orders.filter((o) => o.scripted && o.script.length > 0);
    assert.deepEqual(
      unfinished.map((o) => o.script),
      [],
      "every scripted order ran to its end",
    );
    for (const path of [
      "cancel",
      "reject",
      "unshipped",
      "customs-reject",
      "partial-refund",
      "partial-refund-most",
      "full-refund",
      "full-refund-after-partial",
      "full-refund-disputed",
      "complete-counted",
      "complete-uncounted",
      "complete-mostly-refunded",
      "confirm",
      "release",
      "dispute-by-buyer",
      "dispute-by-seller",
      "settlement",
      "ruling-exact-half",
      "ruling-below-refunds",
      "ruling-buyer-wins",
      "ruling-seller-wins",
      "stale",
      "fee-rate-zero",
      "complaint-owner",
      "complaint-other-seller",
    ]) {
      assert.ok(taken.has(path), `the run took the path ${path} (seed ${SEED})`);
    }
  });

  it("has every account's credit record in every token as creditOf, field by field", async () => {
    const fields = [...CREDIT_COUNTERS, "volume", "refundedVolume"] as const;
    const keys = [
      "exporter",
      "platform",
      "importer",
      "consumer",
      "arbiter",
      "defaultArbiter",
    ] as const;
    let compared = 0;
    for (const key of keys) {
      const account = stage.accounts[key];
      const { status, body } = await get(`/api/participants/${account}`);
      const records = status === 200 ? (body.credit as Json[]) : [];
      for (const address of Object.values(tokens)) {
        const onChain = await escrow.creditOf(account, address);
        const row = records.find((r) => String(r.token).toLowerCase() === address.toLowerCase());
        for (const field of fields) {
          assert.equal(
            String(row?.[field] ?? 0),
            String(onChain[field]),
            `${key} ${address} ${field} (seed ${SEED})`,
          );
        }
        compared += 1;
      }
    }
    assert.equal(compared, keys.length * Object.keys(tokens).length);
    const exporter = await escrow.creditOf(stage.accounts.exporter, tokens.USD);
    assert.ok(exporter.disputesDrawn > 0n, "the stale close and the exact half are draws");
    assert.ok(exporter.refundedVolume > 0n, "seller refunds are counted in amount");
  });

  it("keeps each order's classification snapshot (OrderState.hsCode)", async () => {
    for (const o of orders) {
      const { body } = await get(`/api/orders/${o.id}`);
      const onChain = await escrow.orderState(o.id);
      assert.equal(body.hsCode, Number(onChain.hsCode), `order ${o.id}`);
    }
    const drone = orders.find(
      (o) => o.terms.productId === PRODUCTS.drone.id && Number(o.terms.destination) === KZ,
    );
    assert.ok(drone, "an order of the re-classified drone to Kazakhstan");
    const { body } = await get(`/api/orders/${drone.id}`);
    assert.equal(body.hsCodeText, "8471.30.00", "Kazakhstan takes the drone's new code");
  });

  it("counts complaints per seller: the owner's on the product, another seller's apart", async () => {
    for (const [key, item] of Object.entries(PRODUCTS)) {
      const { body } = await get(`/api/products/${item.id}`);
      const onChain = await registry.productOf(item.id);
      assert.equal(body.complaintCount, Number(onChain.complaintCount), key);
      for (const s of body.complaintsBySeller as Json[]) {
        const count = await registry.complaintsOf(item.id, String(s.seller));
        assert.equal(s.complaints, Number(count), `${key} sold by ${String(s.seller)}`);
        assert.equal(s.ownSale, String(s.seller) === onChain.owner.toLowerCase());
      }
      for (const c of body.complaints as Json[]) {
        const order = orders.find((o) => o.id === c.orderId);
        assert.ok(order);
        assert.equal(c.amount, String(order.terms.amount));
        assert.equal(c.seller, String(order.terms.seller).toLowerCase());
      }
    }
    const laptop = await get(`/api/products/${PRODUCTS.laptop.id}`);
    const sellers = laptop.body.complaintsBySeller as Json[];
    assert.ok(
      sellers.some((s) => s.ownSale === false),
      "the platform's complaints are kept apart",
    );
    assert.match(String(laptop.body.complaintNote), /count alone proves little/);
  });

  it("applies a country's binding, and a held code, in its clearance at a glance", async () => {
    for (const [key, item] of Object.entries(PRODUCTS)) {
      const { body } = await get(`/api/products/${item.id}`);
      for (const c of body.clearance as Json[]) {
        const [code, bound] = await registry.classificationOf(Number(c.jurisdiction), item.id);
        assert.equal(c.hsCode, Number(code), `${key} in ${String(c.country)}`);
        assert.equal(c.binding !== null, bound, `${key} bound in ${String(c.country)}`);
        const [status, source, digits, decidedBy] = await registry.clearanceDecisionOf(
          Number(c.jurisdiction),
          item.id,
        );
        assert.deepEqual(
          [c.status, c.source, c.digits, c.code],
          [
            ["Unlisted", "Positive", "Negative"][Number(status)],
            ["None", "Product", "Tariff"][Number(source)],
            Number(digits),
            Number(decidedBy),
          ],
          `${key} in ${String(c.country)}`,
        );
      }
    }
    const tea = await get(`/api/products/${PRODUCTS.tea.id}`);
    const teaPk = (tea.body.clearance as Json[]).find((c) => c.country === "PK") as Json;
    assert.deepEqual(
      [teaPk.status, teaPk.codeText, teaPk.hsCodeText, (teaPk.binding as Json).held],
      ["Negative", "8806", "8806.10.00", false],
      "Pakistan's binding puts the tea under its ban on 8806",
    );
    const drone = await get(`/api/products/${PRODUCTS.drone.id}`);
    const dronePk = (drone.body.clearance as Json[]).find((c) => c.country === "PK") as Json;
    assert.deepEqual(
      [dronePk.status, dronePk.hsCodeText, (dronePk.binding as Json).held],
      ["Negative", "8806.22.00", true],
      "the re-classification does not lift Pakistan's ban",
    );
    const history = drone.body.classificationHistory as Json[];
    assert.deepEqual(
      history.map((h) => [h.country, h.kind, h.hsCodeText, h.declaredHsCodeText]),
      [["PK", "Held", "8806.22.00", "8471.30.00"]],
    );
    const laptop = await get(`/api/products/${PRODUCTS.laptop.id}`);
    assert.deepEqual(
      (laptop.body.classificationHistory as Json[]).map((h) => [h.country, h.hsCodeText]),
      [
        ["KZ", "8471.41.00"],
        ["KZ", null],
        ["PK", "8517.62.00"],
      ],
      "Kazakhstan's binding and its lifting, then Pakistan's binding",
    );
    const kz = await get(`/api/countries/KZ/clearance?product=${PRODUCTS.scarf.id}`);
    assert.deepEqual([kz.body.hsCodeText, kz.body.status], ["6214.20.00", "Unlisted"]);
  });

  it("narrows a country's lists to an HS prefix by the code the country applies", async () => {
    let bound = 0;
    for (const country of ["PK", "KZ"]) {
      const { body } = await get(`/api/countries/${country}?status=all&limit=100`);
      for (const l of body.listings as Json[]) {
        const productId = String(l.productId);
        const [code, isBound] = await registry.classificationOf(Number(l.jurisdiction), productId);
        assert.deepEqual(
          [l.hsCode, l.binding !== null],
          [Number(code), isBound],
          `${productId} in ${country}`,
        );
        if (isBound) bound += 1;
        // The chapter of the applied code finds it; a chapter of the declared code alone does not.
        const chapter = String(Number(code)).padStart(8, "0").slice(0, 2);
        const under = await get(`/api/countries/${country}?status=all&limit=100&hs=${chapter}`);
        const ids = (under.body.listings as Json[]).map((u) => String(u.productId));
        assert.ok(ids.includes(productId), `${productId} under HS ${chapter} in ${country}`);
        const declared = String(Number(l.declaredHsCode)).padStart(8, "0").slice(0, 2);
        if (declared !== chapter) {
          const other = await get(`/api/countries/${country}?status=all&limit=100&hs=${declared}`);
          const otherIds = (other.body.listings as Json[]).map((u) => String(u.productId));
          assert.ok(!otherIds.includes(productId), `${productId} not under HS ${declared}`);
        }
      }
    }
    assert.ok(bound > 0, "a listed product bound to another code in a country");
    const under8517 = await get("/api/countries/PK?status=Positive&hs=8517.62");
    assert.deepEqual(
      (under8517.body.listings as Json[]).map((l) => [l.productId, l.hsCodeText, l.binding]),
      [[PRODUCTS.laptop.id, "8517.62.00", { hsCode: 85176200, held: false }]],
      "Pakistan's laptop entry, bound under 8517.62, is found there",
    );
    const under8471 = await get("/api/countries/PK?status=Positive&hs=8471");
    assert.equal(under8471.body.total, 0, "not under its declared 8471 in Pakistan");
  });

  it("flags a suspended default arbiter on the orders that named it", async () => {
    const named = orders.filter(
      (o) => String(o.terms.arbiter).toLowerCase() === stage.accounts.defaultArbiter.toLowerCase(),
    );
    assert.ok(named.length > 0, "orders that named the default arbiter");
    for (const o of named.slice(0, 5)) {
      const { body } = await get(`/api/orders/${o.id}`);
      const arbiter = (body.parties as Json[]).find((p) => p.role === "arbiter") as Json;
      assert.deepEqual(
        [arbiter.defaultArbiter, arbiter.suspended, body.arbiterCanRule],
        [true, true, false],
        `order ${o.id}`,
      );
    }
  });

  it("shows a seller's delegates, active and revoked", async () => {
    const { body } = await get(`/api/participants/${stage.accounts.exporter}`);
    const delegates = body.delegates as Json[];
    for (const d of delegates) {
      const current = await registry.isDelegate(stage.accounts.exporter, String(d.delegate));
      assert.equal(d.active, current, String(d.delegate));
      assert.equal(d.revokedAt === null, current, String(d.delegate));
    }
    const logistics = delegates.find((d) => d.delegate === stage.accounts.logistics.toLowerCase());
    assert.deepEqual([logistics?.active, logistics?.revokedAt !== null], [false, true]);
    const delegate = await get(`/api/participants/${stage.accounts.logistics}`);
    assert.deepEqual(
      (delegate.body.delegateFor as Json[]).map((d) => d.seller),
      [stage.accounts.exporter.toLowerCase()],
    );
  });
});
