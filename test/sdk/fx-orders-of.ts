import { expect } from "chai";

import type { TradeChainClient } from "@tradechain/sdk";
import { errorArgs, ethers, expectCode, KZ, units } from "../helpers/sdk.js";
import { fxClientFixture, fxOrder, loadFixture } from "../helpers/sdk-fx.js";
import { recordingClient, teaOrder } from "../helpers/sdk-watch.js";

/**
 * Five orders of the seller on both escrows, oldest first: the buyer's single-currency order
 * (11 USD), its FX order (1,000 USD paid out as 7,100 CNY, shipped), the consumer's
 * single-currency order (12 USD), the buyer's second FX order (2,000 USD as 14,200 CNY) and its
 * single-currency order of 15 USD.
 */
async function mixedFixture() {
  const s = await fxClientFixture();
  const { buyer, consumer, seller } = s.clients;
  const single = async (client: TradeChainClient, amount: number, extra = {}) =>
    (await client.createOrder(teaOrder(s, amount, extra))).orderId;
  const ids = [
    await single(buyer, 11),
    (await fxOrder(s, { ref: "fx-1" })).orderId,
    await single(consumer, 12, { destination: KZ }),
    (await fxOrder(s, { amount: units(2_000), ref: "fx-2" })).orderId,
    await single(buyer, 15),
  ];
  await seller.ship(ids[1]);
  return { ...s, ids };
}

const count = (calls: readonly { method: string }[], method: string) =>
  calls.filter((c) => c.method === method).length;

describe("TradeChainClient.ordersOf with a cross-currency escrow", function () {
  it("lists the orders of both escrows newest first, each with its escrow and FX payout leg", async function () {
    const s = await loadFixture(mixedFixture);
    const { escrow, tokens } = s.addresses;
    const fxEscrow = s.fxAddress;
    const page = await s.clients.stranger.ordersOf(s.seller.address);
    expect(page.orders.map((o) => [o.orderId, o.role, o.escrow, o.state.status])).to.deep.equal([
      [s.ids[4], "seller", escrow, "Funded"],
      [s.ids[3], "seller", fxEscrow, "Funded"],
      [s.ids[2], "seller", escrow, "Funded"],
      [s.ids[1], "seller", fxEscrow, "Cleared"],
      [s.ids[0], "seller", escrow, "Funded"],
    ]);
    expect(page.cursor).to.equal(undefined);
    const [e, d, c, b] = page.orders;
    expect(d.leg).to.deep.equal({
      provider: s.provider.address,
      payoutToken: tokens.CNY,
      currency: "CNY",
      payoutAmount: units(14_200),
    });
    expect(b.leg).to.deep.equal({ ...d.leg, payoutAmount: units(7_100) });
    expect([e.leg, c.leg]).to.deep.equal([undefined, undefined]);
    expect([d.terms.amount, d.terms.token, d.terms.buyer]).to.deep.equal([
      units(2_000),
      tokens.USD,
      s.buyer.address,
    ]);

    const asBuyer = await s.clients.stranger.ordersOf(s.buyer.address, { role: "buyer" });
    expect(asBuyer.orders.map((o) => o.orderId)).to.deep.equal([
      s.ids[4],
      s.ids[3],
      s.ids[1],
      s.ids[0],
    ]);
    const consumer = await s.clients.stranger.ordersOf(s.consumer.address);
    expect(consumer.orders.map((o) => [o.orderId, o.role, o.escrow])).to.deep.equal([
      [s.ids[2], "buyer", escrow],
    ]);
    expect((await s.clients.stranger.ordersOf(s.provider.address)).orders).to.deep.equal([]);
  });

  it("filters by status and pages across both escrows with a stable cursor", async function () {
    const s = await loadFixture(mixedFixture);
    const { stranger, buyer } = s.clients;
    const cleared = await stranger.ordersOf(s.seller.address, { status: "Cleared" });
    expect(cleared.orders.map((o) => o.orderId)).to.deep.equal([s.ids[1]]);

    const first = await stranger.ordersOf(s.seller.address, { limit: 2 });
    expect(first.orders.map((o) => o.orderId)).to.deep.equal([s.ids[4], s.ids[3]]);
    // A new FX order after the first page is on no later page.
    const newer = (await fxOrder(s, { amount: units(500), ref: "fx-3" })).orderId;
    const second = await stranger.ordersOf(s.seller.address, { limit: 2, cursor: first.cursor });
    expect(second.orders.map((o) => o.orderId)).to.deep.equal([s.ids[2], s.ids[1]]);
    const third = await stranger.ordersOf(s.seller.address, { limit: 2, cursor: second.cursor });
    expect(third.orders.map((o) => o.orderId)).to.deep.equal([s.ids[0]]);
    expect(third.cursor).to.equal(undefined);
    const fresh = await stranger.ordersOf(s.seller.address, { limit: 1 });
    expect(fresh.orders.map((o) => [o.orderId, o.leg?.payoutAmount])).to.deep.equal([
      [newer, units(3_550)],
    ]);

    // The buyer's Funded orders one per page: the shipped FX order is skipped.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const next = await buyer.ordersOf(s.buyer.address, { status: "Funded", limit: 1, cursor });
      seen.push(...next.orders.map((o) => o.orderId));
      cursor = next.cursor;
    } while (cursor !== undefined);
    expect(seen).to.deep.equal([newer, s.ids[4], s.ids[3], s.ids[0]]);
  });

  it("asks one eth_getLogs per role naming both escrows, one multicall, and one call per FX order", async function () {
    const s = await loadFixture(mixedFixture);
    const { client, calls } = recordingClient(s.addresses);
    await client.chainId();
    calls.length = 0;
    const page = await client.ordersOf(s.seller.address);
    expect(page.orders).to.have.length(5);
    const logs = calls.filter((c) => c.method === "eth_getLogs");
    const both = [s.addresses.escrow, s.addresses.fxEscrow];
    expect(
      logs.slice(0, 2).map((c) => (c.params as [{ address: unknown }])[0].address),
    ).to.deep.equal([both, both]);
    // The third: the page's two FX orders' FxOrderCreated events, on the FX escrow alone.
    const legs = (logs[2].params as [{ address: string; topics: unknown[] }])[0];
    expect([legs.address, legs.topics[1]]).to.deep.equal([
      s.addresses.fxEscrow,
      [s.ids[3], s.ids[1]],
    ]);
    expect(logs).to.have.length(3);
    // One multicall for the three single-currency orders, one orderState per FX order.
    expect(count(calls, "eth_call")).to.equal(3);

    // A page of single-currency orders only: no FX read at all.
    calls.length = 0;
    await client.ordersOf(s.consumer.address);
    expect([count(calls, "eth_getLogs"), count(calls, "eth_call")]).to.deep.equal([2, 1]);
    // The listed FX order's state: one read, of the FX escrow (the client knows its escrow).
    calls.length = 0;
    expect((await client.orderState(s.ids[3])).status).to.equal("Funded");
    const reads = calls.filter((c) => c.method === "eth_call");
    expect(reads.map((c) => (c.params as [{ to: string }])[0].to)).to.deep.equal([
      s.fxAddress.toLowerCase(),
    ]);
  });

  it("lists one escrow's orders with `escrow`, reading nothing of the other, and refuses others", async function () {
    const s = await loadFixture(mixedFixture);
    const { escrow, fxEscrow } = s.addresses;
    const { client, calls } = recordingClient(s.addresses);
    await client.chainId();
    const places = (method: string) =>
      calls
        .filter((c) => c.method === method)
        .map((c) => (c.params as [{ address?: unknown; to?: string }])[0])
        .map((p) => (method === "eth_call" ? p.to : p.address));

    // The deployment's escrow: one eth_getLogs per role naming it alone, one multicall.
    calls.length = 0;
    const single = await client.ordersOf(s.seller.address, { escrow });
    expect(single.orders.map((o) => [o.orderId, o.escrow, o.leg])).to.deep.equal([
      [s.ids[4], escrow, undefined],
      [s.ids[2], escrow, undefined],
      [s.ids[0], escrow, undefined],
    ]);
    expect(places("eth_getLogs")).to.deep.equal([escrow, escrow]);
    expect(places("eth_call")).to.deep.equal([escrow.toLowerCase()]);

    // The FX escrow: its orders with their legs; one orderState each and one eth_getLogs of legs.
    calls.length = 0;
    const fx = await client.ordersOf(s.seller.address, { escrow: fxEscrow!.toLowerCase() });
    expect(
      fx.orders.map((o) => [o.orderId, o.escrow, o.state.status, o.leg?.payoutAmount]),
    ).to.deep.equal([
      [s.ids[3], fxEscrow, "Funded", units(14_200)],
      [s.ids[1], fxEscrow, "Cleared", units(7_100)],
    ]);
    expect(places("eth_getLogs")).to.deep.equal([fxEscrow, fxEscrow, fxEscrow]);
    expect(places("eth_call")).to.deep.equal([fxEscrow!.toLowerCase(), fxEscrow!.toLowerCase()]);

    // Paging within one escrow; its cursor belongs to that escrow's query only.
    const first = await client.ordersOf(s.seller.address, { escrow, limit: 2 });
    expect(first.orders.map((o) => o.orderId)).to.deep.equal([s.ids[4], s.ids[2]]);
    const next = await client.ordersOf(s.seller.address, {
      escrow,
      limit: 2,
      cursor: first.cursor,
    });
    expect([next.orders.map((o) => o.orderId), next.cursor]).to.deep.equal([[s.ids[0]], undefined]);
    for (const other of [{}, { escrow: fxEscrow }]) {
      await expectCode(
        () => client.ordersOf(s.seller.address, { ...other, limit: 2, cursor: first.cursor }),
        "INVALID_ARGUMENT",
        "CursorMismatch",
      );
    }

    // An address that is neither escrow, or no address: refused before anything is asked.
    calls.length = 0;
    const err = await expectCode(
      () => client.ordersOf(s.seller.address, { escrow: s.buyer.address }),
      "INVALID_ARGUMENT",
      "UnknownEscrow",
    );
    expect(errorArgs(err)).to.deep.equal({ escrow: s.buyer.address });
    await expectCode(
      () => client.ordersOf(s.seller.address, { escrow: "0x12" }),
      "INVALID_ADDRESS",
      "InvalidAddress",
    );
    expect(calls).to.deep.equal([]);

    // Without an FX escrow: its own escrow is listed; any other address has no FX escrow to name.
    const { fxEscrow: _fx, ...bare } = s.addresses;
    const plain = recordingClient(bare).client;
    const own = await plain.ordersOf(s.seller.address, { escrow });
    expect(own.orders.map((o) => o.orderId)).to.deep.equal([s.ids[4], s.ids[2], s.ids[0]]);
    await expectCode(
      () => plain.ordersOf(s.seller.address, { escrow: s.fxAddress }),
      "DEPLOYMENT",
      "FxEscrowMissing",
    );
  });
});

describe("TradeChainClient credit and claimable across both escrows", function () {
  /**
   * The seller sold one 100 USD and one 200 CNY order on the deployment's escrow and one FX order
   * (1,000 USD paid out as 7,100 CNY) on the FX escrow; the buyer bought the USD and FX orders,
   * the consumer the CNY one. All three confirmed.
   */
  async function creditFixture() {
    const s = await fxClientFixture();
    const { buyer, consumer, seller } = s.clients;
    const usd = (await buyer.createOrder(teaOrder(s, 100))).orderId;
    const cny = (await consumer.createOrder(teaOrder(s, 200, { token: "CNY", destination: KZ })))
      .orderId;
    const fx = (await fxOrder(s)).orderId;
    for (const id of [usd, cny, fx]) await seller.ship(id);
    return { ...s, usd, cny, fx };
  }

  it("creditOf adds up both escrows' records per currency; `escrow` reads one", async function () {
    const s = await loadFixture(creditFixture);
    const { buyer, consumer, stranger } = s.clients;
    for (const id of [s.usd, s.fx]) await buyer.confirmReceipt(id);
    await consumer.confirmReceipt(s.cny);
    const { escrow, tokens } = s.addresses;
    const fxEscrow = s.fxAddress;
    const line = (lines: readonly { currency: string; salesCompleted: number; volume: bigint }[]) =>
      lines.map((l) => [l.currency, l.salesCompleted, l.volume]);

    // Seller: USD 99 on the escrow; CNY 198 on the escrow and 7,029 (the payout leg after the
    // 1% fee) on the FX escrow.
    expect(line(await stranger.creditOf(s.seller.address))).to.deep.equal([
      ["USD", 1, units(99)],
      ["CNY", 2, units(7_227)],
    ]);
    expect(line(await stranger.creditOf(s.seller.address, { escrow: fxEscrow }))).to.deep.equal([
      ["USD", 0, 0n],
      ["CNY", 1, units(7_029)],
    ]);
    expect(line(await stranger.creditOf(s.seller.address, { escrow }))).to.deep.equal([
      ["USD", 1, units(99)],
      ["CNY", 1, units(198)],
    ]);
    // The sums are the escrows' own records added up.
    const [main, fx] = await Promise.all([
      s.clients.stranger.escrow.creditOf(s.seller.address, tokens.CNY),
      s.fxEscrow.creditOf(s.seller.address, tokens.CNY),
    ]);
    expect(main.volume + fx.volume).to.equal(units(7_227));

    // Buyer: both purchases count in USD, the FX one on the FX escrow.
    const bought = await stranger.creditIn(s.buyer.address, "USD");
    expect([bought.purchasesCompleted, bought.salesCompleted]).to.deep.equal([2, 0]);
    const onFx = await stranger.creditIn(s.buyer.address, "USD", { escrow: fxEscrow });
    const onMain = await stranger.creditIn(s.buyer.address, "USD", { escrow });
    expect([onFx.purchasesCompleted, onMain.purchasesCompleted]).to.deep.equal([1, 1]);
    // As buyer, what it paid: 100 USD here, the 1,000 USD pay leg there.
    expect([onMain.volume, onFx.volume, bought.volume]).to.deep.equal([
      units(100),
      units(1_000),
      units(1_100),
    ]);
    expect(await stranger.creditIn(s.buyer.address, "CNY")).to.deep.include({
      purchasesCompleted: 0,
      volume: 0n,
    });

    const unknown = await expectCode(
      () => stranger.creditOf(s.seller.address, { escrow: s.stranger.address }),
      "INVALID_ARGUMENT",
      "UnknownEscrow",
    );
    expect(unknown.message).to.contain(s.stranger.address);
  });

  it("claimable adds up both escrows: the provider's float and payouts deferred on each", async function () {
    const s = await loadFixture(creditFixture);
    const { buyer, consumer, operator, seller } = s.clients;
    const { escrow } = s.addresses;
    const fxEscrow = s.fxAddress;
    const claimable = (currency: string, account: string) =>
      Promise.all([
        s.clients.stranger.claimable(currency, account),
        s.clients.stranger.claimable(currency, account, { escrow }),
        s.clients.stranger.claimable(currency, account, { escrow: fxEscrow }),
      ]);
    await s.providerClient.depositFx("CNY", units(500));
    expect(await claimable("CNY", s.provider.address)).to.deep.equal([units(500), 0n, units(500)]);

    // The token refuses the seller's CNY: the escrow defers 198, the FX escrow 7,029.
    await operator.execute(() => operator.token("CNY").blacklist(s.seller.address));
    await consumer.confirmReceipt(s.cny);
    await buyer.confirmReceipt(s.fx);
    expect(await claimable("CNY", s.seller.address)).to.deep.equal([
      units(7_227),
      units(198),
      units(7_029),
    ]);
    // The provider's USD for the FX order is on the FX escrow.
    expect(await claimable("USD", s.provider.address)).to.deep.equal([
      units(1_000),
      0n,
      units(1_000),
    ]);

    await operator.execute(() => operator.token("CNY").unBlacklist(s.seller.address));
    await seller.withdraw("CNY"); // the escrow's part
    expect(await claimable("CNY", s.seller.address)).to.deep.equal([
      units(7_029),
      0n,
      units(7_029),
    ]);
    await seller.withdrawFx("CNY"); // the FX escrow's
    expect(await claimable("CNY", s.seller.address)).to.deep.equal([0n, 0n, 0n]);
    expect(await seller.balanceOf("CNY")).to.equal(units(7_227));
  });

  it("reads an order it never saw in two calls, one per escrow, whichever escrow holds it", async function () {
    const s = await loadFixture(mixedFixture);
    for (const [orderId, status] of [
      [s.ids[1], "Cleared"],
      [s.ids[0], "Funded"],
    ] as const) {
      const { client, calls } = recordingClient(s.addresses);
      await client.chainId();
      calls.length = 0;
      expect((await client.orderState(orderId)).status).to.equal(status);
      const reads = calls.filter((c) => c.method === "eth_call");
      expect(reads.map((c) => (c.params as [{ to: string }])[0].to).sort()).to.deep.equal(
        [s.addresses.escrow, s.fxAddress].map((a) => a.toLowerCase()).sort(),
      );
      // Known from then on: one read of the escrow holding it.
      calls.length = 0;
      expect((await client.orderState(orderId)).status).to.equal(status);
      expect(count(calls, "eth_call")).to.equal(1);
    }
  });

  it("a deployment without an FX escrow reads its escrow alone, one call per read", async function () {
    const s = await loadFixture(fxClientFixture);
    const { fxEscrow: _fx, ...single } = s.addresses;
    const { client, calls } = recordingClient(single);
    await client.chainId();
    await s.providerClient.depositFx("CNY", units(500));
    calls.length = 0;
    expect(await client.claimable("CNY", s.provider.address)).to.equal(0n);
    expect((await client.creditIn(s.seller.address, "USD")).salesCompleted).to.equal(0);
    expect(count(calls, "eth_call")).to.equal(2);
    await expectCode(
      () => client.claimable("CNY", s.provider.address, { escrow: s.fxAddress }),
      "DEPLOYMENT",
      "FxEscrowMissing",
    );
    expect(await ethers.provider.getCode(s.fxAddress)).to.not.equal("0x");
  });
});
