/**
 * `nextActionOf` (the rule table) and `client.nextAction(orderId)`: who may act next and until
 * when, for every status, in chain time. On the chain, every boundary is checked one second
 * before and at it, twice: the client's answer in a block mined at that second, and the escrow's
 * own verdict on the calls the table says are open or closed, sent in a block at that second.
 */
import { expect } from "chai";
import { JsonRpcProvider, Network } from "ethers";

import {
  type NextAction,
  nextActionOf,
  type NextActionTerms,
  type OrderMove,
  TradeChainError,
  type TradeChainClient,
} from "@tradechain/sdk";
import { devWallet } from "@tradechain/devkit/accounts";
import { startRpcProxy } from "../helpers/rpc-proxy.js";
import {
  eip1193,
  ethers,
  KZ,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  units,
} from "../helpers/sdk.js";

const { loadFixture, time, takeSnapshot } = networkHelpers;
const DAY = 86_400n;
const PERIODS = { customsPeriod: 30n * DAY, arbitrationPeriod: 30n * DAY };
const TERMS: NextActionTerms = {
  buyer: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  seller: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  arbiter: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  destination: 586,
  shipBy: 1_000_000n,
  confirmWindow: 7 * 86_400,
};

/** The window of `call` (by `by`, when several) in a next action. */
function windowOf(next: NextAction, call: OrderMove, by?: string) {
  const found = next.actions.find((a) => a.call === call && (by === undefined || a.by === by));
  if (found === undefined) throw new Error(`no ${call} in ${JSON.stringify(next.actions)}`);
  return found;
}

describe("nextActionOf: the rule table", function () {
  it("Funded: the seller ships until shipBy; then anyone refunds; cancel, reject and refund throughout", function () {
    const state = { status: "Funded", since: 500_000n } as const;
    const before = nextActionOf(TERMS, state, PERIODS, TERMS.shipBy - 1n);
    expect([before.waitingFor, before.calls, before.deadline, before.secondsLeft]).to.deep.equal([
      "seller",
      ["ship"],
      TERMS.shipBy,
      1n,
    ]);
    expect(before.then).to.deep.equal({
      by: "anyone",
      calls: ["refundUnshipped"],
      from: TERMS.shipBy + 1n,
    });
    expect(before.actions.map((a) => [a.call, a.by, a.open])).to.deep.equal([
      ["ship", "seller", true],
      ["cancel", "buyer", true],
      ["reject", "seller", true],
      ["refundUnshipped", "anyone", false],
      ["refund", "seller", true],
    ]);
    expect(windowOf(before, "ship").accounts).to.deep.equal([TERMS.seller]);
    expect(windowOf(before, "refundUnshipped").accounts).to.deep.equal([]);
    expect(before.summary).to.equal(
      "Waiting for the seller to ship by 1970-01-12 13:46:40 UTC (1s left); until shipment the " +
        "buyer may cancel and the seller reject; from 1970-01-12 13:46:41 UTC anyone may refund " +
        "the buyer.",
    );
    const at = nextActionOf(TERMS, state, PERIODS, TERMS.shipBy);
    expect([at.waitingFor, at.secondsLeft, windowOf(at, "ship").open]).to.deep.equal([
      "seller",
      0n,
      true,
    ]);
    const after = nextActionOf(TERMS, state, PERIODS, TERMS.shipBy + 1n);
    expect([after.waitingFor, after.calls, after.deadline, after.then]).to.deep.equal([
      "anyone",
      ["refundUnshipped"],
      undefined,
      undefined,
    ]);
    expect([windowOf(after, "ship").open, windowOf(after, "refundUnshipped").open]).to.deep.equal([
      false,
      true,
    ]);
    expect(after.summary).to.match(/^The ship-by time passed unshipped: anyone may refund/);
  });

  it("Shipped: customs decides; from shippedAt + CUSTOMS_PERIOD either party may dispute", function () {
    const state = { status: "Shipped", since: 2_000_000n } as const;
    const disputableAt = state.since + PERIODS.customsPeriod;
    const before = nextActionOf(TERMS, state, PERIODS, disputableAt - 1n);
    expect([before.waitingFor, before.calls, before.deadline, before.secondsLeft]).to.deep.equal([
      "customs",
      ["clearCustoms", "rejectAtCustoms"],
      disputableAt - 1n,
      0n,
    ]);
    expect(before.then).to.deep.equal({
      by: "parties",
      calls: ["openDispute"],
      from: disputableAt,
    });
    expect(windowOf(before, "openDispute").open).to.equal(false);
    expect(windowOf(before, "openDispute").accounts).to.deep.equal([TERMS.buyer, TERMS.seller]);
    expect(before.summary).to.equal(
      "Waiting for the customs of PK to clear or reject the shipment; from 1970-02-23 03:33:20 " +
        "UTC (1s from now) either party may open a dispute.",
    );
    const at = nextActionOf(TERMS, state, PERIODS, disputableAt);
    expect([at.waitingFor, at.deadline, windowOf(at, "openDispute").open]).to.deep.equal([
      "parties",
      undefined,
      true,
    ]);
    expect(windowOf(at, "clearCustoms").open).to.equal(true); // customs may still decide
    expect(at.summary).to.contain("The customs of PK has not decided since 1970-01-24");
  });

  it("Cleared: the buyer confirms or disputes until the window ends; then anyone releases", function () {
    const state = { status: "Cleared", since: 3_000_000n } as const;
    const releasableAt = state.since + BigInt(TERMS.confirmWindow);
    const before = nextActionOf(TERMS, state, PERIODS, releasableAt - 1n);
    expect([before.waitingFor, before.calls, before.deadline, before.secondsLeft]).to.deep.equal([
      "buyer",
      ["confirmReceipt", "openDispute"],
      releasableAt - 1n,
      0n,
    ]);
    expect(before.actions.map((a) => [a.call, a.by, a.open])).to.deep.equal([
      ["confirmReceipt", "buyer", true],
      ["openDispute", "buyer", true],
      ["openDispute", "seller", true],
      ["releaseAfterTimeout", "anyone", false],
      ["refund", "seller", true],
    ]);
    const at = nextActionOf(TERMS, state, PERIODS, releasableAt);
    expect([at.waitingFor, at.calls]).to.deep.equal(["anyone", ["releaseAfterTimeout"]]);
    expect([
      windowOf(at, "openDispute", "buyer").open,
      windowOf(at, "openDispute", "seller").open,
      windowOf(at, "releaseAfterTimeout").open,
      windowOf(at, "confirmReceipt").open,
    ]).to.deep.equal([false, true, true, true]);
  });

  it("Disputed: the arbiter rules within the period, the parties may settle, then anyone closes", function () {
    const state = { status: "Disputed", since: 4_000_000n } as const;
    const staleAt = state.since + PERIODS.arbitrationPeriod;
    const before = nextActionOf(TERMS, state, PERIODS, staleAt - 1n);
    expect([before.waitingFor, before.calls, before.deadline]).to.deep.equal([
      "arbiter",
      ["resolveDispute"],
      staleAt - 1n,
    ]);
    expect(before.actions.map((a) => [a.call, a.by, a.open])).to.deep.equal([
      ["resolveDispute", "arbiter", true],
      ["proposeSettlement", "parties", true],
      ["acceptSettlement", "parties", true],
      ["closeStaleDispute", "anyone", false],
      ["refund", "seller", true],
    ]);
    expect(windowOf(before, "resolveDispute").accounts).to.deep.equal([TERMS.arbiter]);
    const at = nextActionOf(TERMS, state, PERIODS, staleAt);
    expect([at.waitingFor, at.calls, windowOf(at, "resolveDispute").open]).to.deep.equal([
      "anyone",
      ["closeStaleDispute"],
      false,
    ]);
    const noArbiter = nextActionOf(TERMS, state, PERIODS, staleAt - 1n, { arbiterCanRule: false });
    expect([noArbiter.waitingFor, noArbiter.calls]).to.deep.equal([
      "parties",
      ["proposeSettlement", "acceptSettlement"],
    ]);
    expect(noArbiter.actions.some((a) => a.call === "resolveDispute")).to.equal(false);
    expect(noArbiter.summary).to.match(/^The arbiter cannot rule/);
  });

  it("a closed order has nothing to do; status None is refused", function () {
    for (const status of ["Completed", "Refunded", "Resolved"] as const) {
      const next = nextActionOf(TERMS, { status, since: 1n }, PERIODS, 5n);
      expect([next.final, next.waitingFor, next.actions, next.deadline]).to.deep.equal([
        true,
        undefined,
        [],
        undefined,
      ]);
      expect(next.summary).to.equal(`${status}: the order is closed; nothing more to do.`);
    }
    expect(() => nextActionOf(TERMS, { status: "None", since: 0n }, PERIODS, 5n)).to.throw(
      TradeChainError,
      "An order in status None has no next action",
    );
  });
});

type Fixture = Awaited<ReturnType<typeof onboardedSuiteFixture>>;

/** A laptop order to `destination` (PK holds it at customs, KZ has none: cleared at shipment). */
async function order(fx: Fixture, destination: number) {
  return fx.clients.buyer.createOrder({
    seller: fx.seller.address,
    token: "USD",
    amount: units(100),
    productId: LAPTOP,
    destination,
  });
}

/** Runs `work` on a snapshot of the chain and restores it afterwards. */
async function onSnapshot<T>(work: () => Promise<T>): Promise<T> {
  const snapshot = await takeSnapshot();
  try {
    return await work();
  } finally {
    await snapshot.restore();
  }
}

/**
 * At `t` and `t - 1` for the boundary `t`: the client's next action in a block mined at that
 * second, and each call's fate on the escrow in a block at that second, which must be what the
 * table says (`open`) of it.
 */
async function checkBoundary(
  client: TradeChainClient,
  orderId: string,
  boundary: bigint,
  calls: readonly {
    readonly call: OrderMove;
    readonly by?: string;
    readonly send: () => Promise<unknown>;
  }[],
): Promise<NextAction[]> {
  const seen: NextAction[] = [];
  for (const t of [boundary - 1n, boundary]) {
    const next = await onSnapshot(async () => {
      await time.increaseTo(t);
      return client.nextAction(orderId);
    });
    expect(next.now, `now at ${t}`).to.equal(t);
    seen.push(next);
    for (const { call, by, send } of calls) {
      const open = windowOf(next, call, by).open;
      const outcome = await onSnapshot(async () => {
        await time.setNextBlockTimestamp(t);
        return send().then(
          () => "accepted",
          (err: unknown) => {
            expect(err).to.be.instanceOf(TradeChainError);
            return `refused (${(err as TradeChainError).decoded.name})`;
          },
        );
      });
      const verdict = outcome === "accepted" ? "accepted" : "refused";
      const what = `${call}${by === undefined ? "" : ` by ${by}`} at ${t}: ${outcome}`;
      expect(verdict, what).to.equal(open ? "accepted" : "refused");
    }
  }
  return seen;
}

describe("TradeChainClient.nextAction on a chain with time travel", function () {
  it("Funded: ship by shipBy, refund from shipBy + 1 (the client and the escrow agree)", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId, terms } = await order(fx, KZ);
    const [before, at] = await checkBoundary(fx.clients.stranger, orderId, terms.shipBy + 1n, [
      { call: "ship", send: () => fx.clients.seller.ship(orderId) },
      { call: "refundUnshipped", send: () => fx.clients.stranger.refundUnshipped(orderId) },
    ]);
    expect([before.waitingFor, before.deadline, before.secondsLeft]).to.deep.equal([
      "seller",
      terms.shipBy,
      0n,
    ]);
    expect([at.waitingFor, at.calls]).to.deep.equal(["anyone", ["refundUnshipped"]]);
  });

  it("Shipped: customs first; either party may dispute from shippedAt + CUSTOMS_PERIOD", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await order(fx, PK); // the laptop is not positive-listed in Pakistan
    await fx.clients.seller.ship(orderId, "DHL 1");
    const state = await fx.clients.buyer.orderState(orderId);
    expect(state.status).to.equal("Shipped");
    const disputableAt = state.since + 30n * DAY;
    const [before, at] = await checkBoundary(fx.clients.stranger, orderId, disputableAt, [
      { call: "openDispute", send: () => fx.clients.buyer.openDispute(orderId, "lost") },
      { call: "clearCustoms", send: () => fx.clients.customsPK.clearCustoms(orderId) },
    ]);
    expect([before.waitingFor, before.deadline, before.then?.from]).to.deep.equal([
      "customs",
      disputableAt - 1n,
      disputableAt,
    ]);
    expect(at.waitingFor).to.equal("parties");
  });

  it("Cleared: the buyer disputes until clearedAt + window - 1; anyone releases from then", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId, terms } = await order(fx, KZ);
    await fx.clients.seller.ship(orderId);
    const state = await fx.clients.buyer.orderState(orderId);
    expect(state.status).to.equal("Cleared");
    const releasableAt = state.since + BigInt(terms.confirmWindow);
    const [before, at] = await checkBoundary(fx.clients.stranger, orderId, releasableAt, [
      { call: "openDispute", by: "buyer", send: () => fx.clients.buyer.openDispute(orderId) },
      { call: "releaseAfterTimeout", send: () => fx.clients.stranger.releaseAfterTimeout(orderId) },
      { call: "confirmReceipt", send: () => fx.clients.buyer.confirmReceipt(orderId) },
    ]);
    expect([before.waitingFor, before.secondsLeft]).to.deep.equal(["buyer", 0n]);
    expect(at.waitingFor).to.equal("anyone");
  });

  it("Disputed: the arbiter rules until disputedAt + ARBITRATION_PERIOD - 1; then anyone closes", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await order(fx, KZ);
    await fx.clients.seller.ship(orderId);
    await fx.clients.buyer.openDispute(orderId, "not as described");
    const state = await fx.clients.buyer.orderState(orderId);
    const staleAt = state.since + 30n * DAY;
    const [before, at] = await checkBoundary(fx.clients.stranger, orderId, staleAt, [
      { call: "resolveDispute", send: () => fx.clients.arbiter.resolveDispute(orderId, units(40)) },
      { call: "closeStaleDispute", send: () => fx.clients.stranger.closeStaleDispute(orderId) },
    ]);
    expect([before.waitingFor, before.deadline]).to.deep.equal(["arbiter", staleAt - 1n]);
    expect(at.waitingFor).to.equal("anyone");
  });

  it("Disputed with a suspended arbiter: the parties settle, the escrow refuses a ruling", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    // The default arbiter (account 3) is registered as an arbiter and then suspended.
    await fx.clients.operator.registerParticipant(fx.arbiter.address, ["Arbiter"], PK, "panel");
    const { orderId } = await order(fx, KZ);
    await fx.clients.seller.ship(orderId);
    await fx.clients.buyer.openDispute(orderId);
    await fx.clients.operator.execute(() =>
      fx.clients.operator.registry.suspendParticipant(fx.arbiter.address, ethers.id("case 1")),
    );
    const next = await fx.clients.buyer.nextAction(orderId);
    expect([next.waitingFor, next.calls]).to.deep.equal([
      "parties",
      ["proposeSettlement", "acceptSettlement"],
    ]);
    const err = await fx.clients.arbiter.resolveDispute(orderId, 0n).then(
      () => expect.fail("a suspended arbiter must not rule"),
      (e: unknown) => e as TradeChainError,
    );
    expect(err.decoded.name).to.equal("ArbiterSuspended");
  });

  it("answers at once after the order's transaction on a JsonRpcProvider (ethers caches blocks)", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const proxy = await startRpcProxy(eip1193);
    const provider = new JsonRpcProvider(proxy.url, Network.from(31337), { staticNetwork: true });
    try {
      // A local key over a JsonRpcProvider: createOrder reads the latest block (chain time for the
      // ship-by default), which ethers then serves from its cache for a moment.
      const buyer = fx.clients.buyer.connect(devWallet(5).connect(provider));
      const { orderId } = await order({ ...fx, clients: { ...fx.clients, buyer } }, KZ);
      const next = await buyer.nextAction(orderId);
      expect([next.status, next.waitingFor]).to.deep.equal(["Funded", "seller"]);
    } finally {
      provider.destroy();
      await proxy.close();
    }
  });

  it("a closed order is final, and an unknown or malformed id is refused", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await order(fx, KZ);
    await fx.clients.buyer.cancel(orderId);
    const next = await fx.clients.stranger.nextAction(orderId);
    expect([next.status, next.final, next.actions]).to.deep.equal(["Refunded", true, []]);
    expect(next.now).to.equal(BigInt(await time.latest()));
    for (const [id, code] of [
      [ethers.id("none"), "UNKNOWN_ORDER"],
      ["0x1234", "INVALID_ARGUMENT"],
    ]) {
      const err = await fx.clients.stranger.nextAction(id).then(
        () => expect.fail(`${id} accepted`),
        (e: unknown) => e as TradeChainError,
      );
      expect(err.code).to.equal(code);
    }
  });
});
