/**
 * The demo's story: one scenario per order path (happy path with a permit, gasless checkout,
 * customs clearance, auto-release, negative-list refusal, an order without the seller's consent,
 * a re-classification held for customs, a positive-listed subheading, customs rejection, a ruled
 * dispute, a settlement, a late shipment), each checking what it should do.
 * `scripts/demo.ts` prints it for people; the end-to-end test and the explorer run it on nodes.
 *
 * Everything goes through the SDK: ids, amounts, error decoding and timelines.
 */
import { decodeError, type NewOrder, type OrderStatus } from "@tradechain/sdk";

import { KZ, PK, PRODUCTS, type PartyKey, type ProductKey } from "./cast.js";
import { check, increaseTime, money, type Stage } from "./stage.js";

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
    key: "seller-consent",
    title: "An order the seller never agreed to",
    story:
      "Karachi Traders tries to buy a laptop for US$ 1.00, a price Shenzhen Bright never offered, " +
      "and signs the seller's consent itself. The escrow takes an order only with the consent of " +
      "the seller (or of a delegate it registered, here the platform) to its exact terms: refused.",
    async run(stage) {
      const { importer } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "1", "laptop", PK);
      let refusal = "";
      let name = "";
      let signer = "";
      try {
        await importer.createOrder(order, { method: "permit", sellerSigner: stage.cast.importer });
      } catch (err) {
        const decoded = decodeError(err);
        name = decoded?.name ?? "";
        signer = String(decoded?.args.find((a) => a.name === "signer")?.value ?? "");
        refusal = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      }
      check(
        stage,
        "seller-consent: refused with SellerSignatureInvalid",
        name,
        "SellerSignatureInvalid",
      );
      check(
        stage,
        "seller-consent: the signer named is the importer",
        signer,
        stage.accounts.importer,
      );
      check(
        stage,
        "seller-consent: the platform is the exporter's delegate",
        await importer.isDelegate(stage.accounts.exporter, stage.accounts.platform),
        true,
      );
      return { ...this, currency: "USD", refusal, status: "None" };
    },
  },
  {
    key: "reclassification-held",
    title: "A re-classification customs did not accept",
    story:
      "The exporter re-declares the banned drone as a computer (HS 8471.30.00, not banned in " +
      "Pakistan). A re-classification cannot lift a ban on its own: in Pakistan the old code " +
      "8806.22.00 stays in force, held for Pakistan Customs to decide, so the order is still " +
      "refused. The exporter then withdraws its re-classification.",
    async run(stage) {
      const { importer, exporter } = stage.clients;
      const receipt = await exporter.reclassifyProduct(PRODUCTS.drone.id, "8471.30.00");
      const held = receipt.logs.flatMap((log) => {
        const parsed = exporter.registry.interface.parseLog(log);
        return parsed?.name === "ClassificationHeld" ? [parsed] : [];
      });
      check(
        stage,
        "reclassification-held: Pakistan holds the old code",
        held.map((e) => `${Number(e.args.jurisdiction)}:${Number(e.args.heldHsCode)}`).join(" "),
        `${PK}:88062200`,
      );
      const inForce = await importer.classificationOf(PK, PRODUCTS.drone.id);
      check(
        stage,
        "reclassification-held: the code in force in Pakistan",
        `${inForce.hsCodeText}${inForce.bound ? " (held)" : ""}`,
        "8806.22.00 (held)",
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
      check(stage, "reclassification-held: still refused", name, "ProductNegativeListed");
      await exporter.reclassifyProduct(PRODUCTS.drone.id, PRODUCTS.drone.hsCode);
      check(
        stage,
        "reclassification-held: the declared code is back",
        (await importer.productOf(PRODUCTS.drone.id)).hsCodeText,
        PRODUCTS.drone.hsCode,
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
      "evidence, and the Hong Kong arbiter named in the order rules a buyer's total of US$ 600.",
    async run(stage) {
      const { importer, exporter, arbiter } = stage.clients;
      const order = await newOrder(stage, "importer", "USD", "2,400", "laptop", PK, {
        arbiter: stage.accounts.arbiter,
      });
      const { orderId, terms } = await importer.createOrder(order, { method: "permit" });
      await exporter.ship(orderId, "DHL 4821 7730 17");
      await importer.openDispute(orderId, "photos: 4 of 16 screens cracked");
      await exporter.submitEvidence(orderId, "packing video, carrier damage report");
      const buyerTotal = await money(stage, "USD", "600");
      await arbiter.resolveDispute(orderId, buyerTotal, "ruling HK-ARB-2026-113: 25% back");
      stage.expect.resolved("USD", terms, buyerTotal, terms.buyer);
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
      const buyerTotal = await money(stage, "CNY", "250");
      await exporter.proposeSettlement(orderId, buyerTotal);
      await consumer.acceptSettlement(orderId, buyerTotal);
      stage.expect.resolved("CNY", terms, buyerTotal, terms.buyer);
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
