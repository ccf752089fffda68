import { expect } from "chai";
import { getAddress, zeroPadValue } from "ethers";

import { type NewOrder, TradeChainError } from "@tradechain/sdk";
import {
  ethers,
  KZ,
  LAPTOP,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  TEA,
  units,
} from "../helpers/sdk.js";
import { recordingClient } from "../helpers/sdk-watch.js";

const { loadFixture } = networkHelpers;

type Fixture = Awaited<ReturnType<typeof onboardedSuiteFixture>>;

function order(fx: Fixture, amount: number, extra: Partial<NewOrder> = {}): NewOrder {
  return {
    seller: fx.seller.address,
    token: "USD",
    amount: units(amount),
    productId: LAPTOP, // on no list of Pakistan, which has customs: held at shipment
    destination: PK,
    ...extra,
  };
}

/** Five orders of the seller: three from the buyer (one shipped), two from the consumer. */
async function ordersFixture() {
  const fx = await onboardedSuiteFixture();
  const { buyer, consumer, seller } = fx.clients;
  const ids: string[] = [];
  for (const [client, amount] of [
    [buyer, 11],
    [consumer, 12],
    [buyer, 13],
    [consumer, 14],
    [buyer, 15],
  ] as const) {
    const extra = client === consumer ? { destination: KZ, productId: TEA } : {};
    ids.push((await client.createOrder(order(fx, amount, extra))).orderId);
  }
  await seller.ship(ids[2]);
  return { ...fx, ids };
}

async function failure(action: () => Promise<unknown>): Promise<TradeChainError> {
  try {
    await action();
  } catch (err) {
    expect(err).to.be.instanceOf(TradeChainError);
    return err as TradeChainError;
  }
  return expect.fail("expected a failure");
}

describe("TradeChainClient.ordersOf", function () {
  it("lists an account's orders newest first, with terms, current state and role", async function () {
    const fx = await loadFixture(ordersFixture);
    const page = await fx.clients.stranger.ordersOf(fx.seller.address);
    expect(page.orders.map((o) => o.orderId)).to.deep.equal([...fx.ids].reverse());
    expect(page.cursor).to.equal(undefined);
    const shipped = page.orders.find((o) => o.orderId === fx.ids[2])!;
    expect([shipped.role, shipped.state.status, shipped.terms.amount]).to.deep.equal([
      "seller",
      "Shipped",
      units(13),
    ]);
    expect(shipped.terms.buyer).to.equal(fx.buyer.address);
    expect(shipped.blockNumber).to.be.greaterThan(0);
    expect(shipped.txHash).to.match(/^0x[0-9a-f]{64}$/);

    const asBuyer = await fx.clients.stranger.ordersOf(fx.buyer.address, { role: "buyer" });
    expect(asBuyer.orders.map((o) => [o.orderId, o.role])).to.deep.equal([
      [fx.ids[4], "buyer"],
      [fx.ids[2], "buyer"],
      [fx.ids[0], "buyer"],
    ]);
    expect(
      (await fx.clients.stranger.ordersOf(fx.buyer.address, { role: "seller" })).orders,
    ).to.deep.equal([]);
    expect((await fx.clients.stranger.ordersOf(fx.stranger.address)).orders).to.deep.equal([]);
    const future = (await ethers.provider.getBlockNumber()) + 10;
    expect(
      await fx.clients.stranger.ordersOf(fx.seller.address, { fromBlock: future }),
    ).to.deep.equal({
      orders: [],
      cursor: undefined,
    });
  });

  it("keeps the orders now in a status", async function () {
    const fx = await loadFixture(ordersFixture);
    const { stranger } = fx.clients;
    const held = await stranger.ordersOf(fx.seller.address, { status: "Shipped" });
    expect(held.orders.map((o) => o.orderId)).to.deep.equal([fx.ids[2]]);
    const funded = await stranger.ordersOf(fx.buyer.address, { status: ["Funded", "Completed"] });
    expect(funded.orders.map((o) => o.orderId)).to.deep.equal([fx.ids[4], fx.ids[0]]);
  });

  it("pages with a cursor that stays put while new orders arrive", async function () {
    const fx = await loadFixture(ordersFixture);
    const { stranger, buyer } = fx.clients;
    const first = await stranger.ordersOf(fx.seller.address, { limit: 2 });
    expect(first.orders.map((o) => o.orderId)).to.deep.equal([fx.ids[4], fx.ids[3]]);
    // A new order after the first page: it is on no later page (it is newer than all of them).
    const newer = (await buyer.createOrder(order(fx, 16))).orderId;
    const second = await stranger.ordersOf(fx.seller.address, { limit: 2, cursor: first.cursor });
    expect(second.orders.map((o) => o.orderId)).to.deep.equal([fx.ids[2], fx.ids[1]]);
    const third = await stranger.ordersOf(fx.seller.address, { limit: 2, cursor: second.cursor });
    expect(third.orders.map((o) => o.orderId)).to.deep.equal([fx.ids[0]]);
    expect(third.cursor).to.equal(undefined);
    const fresh = await stranger.ordersOf(fx.seller.address, { limit: 1 });
    expect(fresh.orders.map((o) => o.orderId)).to.deep.equal([newer]);
    // Paging a status filter: the cursor skips what the filter dropped.
    const funded = await stranger.ordersOf(fx.buyer.address, { status: "Funded", limit: 1 });
    const next = await stranger.ordersOf(fx.buyer.address, {
      status: "Funded",
      limit: 1,
      cursor: funded.cursor,
    });
    expect([...funded.orders, ...next.orders].map((o) => o.orderId)).to.deep.equal([
      newer,
      fx.ids[4],
    ]);
  });

  it("reads only the account's OrderCreated logs and the page's states in one call", async function () {
    const fx = await loadFixture(ordersFixture);
    const { client, calls } = recordingClient(fx.addresses);
    await client.chainId();
    calls.length = 0;
    const page = await client.ordersOf(fx.consumer.address);
    expect(page.orders).to.have.length(2);
    const logs = calls.filter((c) => c.method === "eth_getLogs");
    const topic = zeroPadValue(getAddress(fx.consumer.address), 32).toLowerCase();
    // One query per role: the account as the buyer topic, then as the seller topic.
    expect(logs.map((c) => (c.params as [{ topics: unknown[] }])[0].topics.slice(2))).to.deep.equal(
      [[topic], [null, topic]],
    );
    expect(calls.filter((c) => c.method === "eth_call")).to.have.length(1);
  });

  it("refuses a bad account, role, status, limit or cursor before asking the node", async function () {
    const fx = await loadFixture(ordersFixture);
    const { stranger } = fx.clients;
    const page = await stranger.ordersOf(fx.seller.address, { limit: 1 });
    for (const [action, code, name] of [
      [() => stranger.ordersOf("0x12"), "INVALID_ADDRESS", "InvalidAddress"],
      [
        () => stranger.ordersOf(fx.seller.address, { role: "arbiter" as "buyer" }),
        "INVALID_ARGUMENT",
        "InvalidRole",
      ],
      [
        () => stranger.ordersOf(fx.seller.address, { status: "Lost" as "Funded" }),
        "INVALID_ARGUMENT",
        "InvalidStatus",
      ],
      [
        () => stranger.ordersOf(fx.seller.address, { limit: 0 }),
        "INVALID_ARGUMENT",
        "InvalidLimit",
      ],
      [
        () => stranger.ordersOf(fx.seller.address, { fromBlock: -1 }),
        "INVALID_ARGUMENT",
        "InvalidBlock",
      ],
      [
        () => stranger.ordersOf(fx.seller.address, { limit: 1_001 }),
        "INVALID_ARGUMENT",
        "InvalidLimit",
      ],
      [
        () => stranger.ordersOf(fx.seller.address, { cursor: "nonsense" }),
        "INVALID_ARGUMENT",
        "InvalidCursor",
      ],
      [
        () => stranger.ordersOf(fx.buyer.address, { limit: 1, cursor: page.cursor }),
        "INVALID_ARGUMENT",
        "CursorMismatch",
      ],
    ] as const) {
      const err = await failure(action);
      expect([err.code, err.decoded.name]).to.deep.equal([code, name]);
    }
  });
});
