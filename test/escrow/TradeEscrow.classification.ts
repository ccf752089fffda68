/**
 * Issue 15, rule 2 on the escrow's side: an order's clearance is decided on the HS code the
 * product had at its destination when the order was created (OrderState.hsCode); a later
 * re-classification never changes an order in flight. And rule 6: OrderCreated indexes both
 * parties, so `eth_getLogs` finds a party's orders.
 */
import { expect } from "chai";

import { productIdFromHsCode } from "@tradechain/sdk";
import {
  DE,
  DRONE_HS,
  LAPTOP,
  LAPTOP_HS,
  ListingStatus,
  PK,
  RefundReason,
  Status,
  TEA,
  TEA_HS,
  consent,
  createOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  sendCreateOrder,
  stateOf,
  usd,
} from "../helpers/escrow.js";

const { loadFixture } = networkHelpers;

/** A gadget the seller registers under the drone heading 8806, with no entry of its own. */
const GADGET = productIdFromHsCode("8806.22", "GADGET-1");

/** PK lists chapter 84 (machines) positive: its tariff lists now apply to every product there. */
async function tariffFixture() {
  const fx = await escrowFixture();
  await fx.registry.connect(fx.seller).registerProduct(GADGET, DRONE_HS, docHash("gadget"));
  await fx.registry
    .connect(fx.customsPK)
    .setTariffCodeListing(PK, 2, 84, ListingStatus.Positive, 0, docHash("machines ok"));
  return fx;
}

describe("TradeEscrow classification snapshot: OrderState.hsCode", function () {
  it("is zero where the destination has no tariff listings", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const terms of [
      fx.terms({ productId: TEA }),
      fx.terms({ productId: TEA, destination: DE }),
    ]) {
      const orderId = await createOrder(fx, terms);
      expect((await stateOf(fx.escrow, orderId)).hsCode).to.equal(0n);
    }
  });

  it("is the code in force where the destination has tariff listings, zero when the product's own entry decides", async function () {
    const fx = await loadFixture(tariffFixture);
    const tea = await createOrder(fx, fx.terms({ productId: TEA }));
    const gadget = await createOrder(fx, fx.terms({ productId: GADGET }));
    // LAPTOP has its own live positive entry at PK: the tariff code plays no part
    const laptop = await createOrder(fx, fx.terms({ productId: LAPTOP }));
    const inDE = await createOrder(fx, fx.terms({ productId: GADGET, destination: DE }));
    expect((await stateOf(fx.escrow, tea)).hsCode).to.equal(BigInt(TEA_HS));
    expect((await stateOf(fx.escrow, gadget)).hsCode).to.equal(BigInt(DRONE_HS));
    expect((await stateOf(fx.escrow, laptop)).hsCode).to.equal(0n);
    expect((await stateOf(fx.escrow, inDE)).hsCode).to.equal(0n);
    // a customs binding is the code in force
    await fx.registry.connect(fx.customsPK).bindClassification(PK, TEA, LAPTOP_HS);
    const bound = await createOrder(fx, fx.terms({ productId: TEA }));
    expect((await stateOf(fx.escrow, bound)).hsCode).to.equal(BigInt(LAPTOP_HS));
  });
});

describe("TradeEscrow classification snapshot: re-classification never changes an order in flight", function () {
  it("a re-classification into a positive chapter does not auto-clear an order created before it", async function () {
    const fx = await loadFixture(tariffFixture);
    const before = fx.terms({ productId: GADGET });
    const beforeId = await createOrder(fx, before);
    // 8806 is not listed: no hold, the new code is in force at PK from now on
    await fx.registry.connect(fx.seller).reclassifyProduct(GADGET, LAPTOP_HS);
    expect(await fx.registry.classificationOf(PK, GADGET)).to.deep.equal([
      BigInt(LAPTOP_HS),
      false,
    ]);
    const after = fx.terms({ productId: GADGET });
    const afterId = await createOrder(fx, after);
    expect((await stateOf(fx.escrow, afterId)).hsCode).to.equal(BigInt(LAPTOP_HS));
    await expect(fx.escrow.connect(fx.seller).ship(before, docHash("t")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(beforeId, docHash("t"), false);
    await expect(fx.escrow.connect(fx.seller).ship(after, docHash("t")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(afterId, docHash("t"), true);
    expect((await stateOf(fx.escrow, beforeId)).status).to.equal(Status.Shipped);
    expect((await stateOf(fx.escrow, afterId)).status).to.equal(Status.Cleared);
  });

  it("the measured evasion: a ban imposed in flight is not escaped by re-classifying before shipping", async function () {
    const fx = await loadFixture(tariffFixture);
    const terms = fx.terms({ productId: GADGET, amount: usd(800) });
    const orderId = await createOrder(fx, terms);
    // customs bans heading 8806 while the order is in flight
    await fx.registry
      .connect(fx.customsPK)
      .setTariffCodeListing(PK, 4, 8806, ListingStatus.Negative, 0, docHash("drones banned"));
    // the seller re-classifies into the positive chapter 84 (held at PK), ships, then back
    await fx.registry.connect(fx.seller).reclassifyProduct(GADGET, LAPTOP_HS);
    await expect(fx.escrow.connect(fx.seller).ship(terms, docHash("t")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(orderId, docHash("t"), false);
    await fx.registry.connect(fx.seller).reclassifyProduct(GADGET, DRONE_HS);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Shipped);
    expect(state.hsCode).to.equal(BigInt(DRONE_HS));
    // customs still decides, and rejects
    await expect(fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("banned")))
      .to.emit(fx.escrow, "OrderRefunded")
      .withArgs(
        orderId,
        fx.customsPK.address,
        RefundReason.RejectedAtCustoms,
        terms.amount,
        docHash("banned"),
      );
    // and new orders are refused
    await expect(sendCreateOrder(fx, fx.terms({ productId: GADGET })))
      .to.be.revertedWithCustomError(fx.escrow, "ProductNegativeListed")
      .withArgs(PK, GADGET);
  });

  it("the reverse: a re-classification into a banned heading does not block other sellers' orders in flight", async function () {
    const fx = await loadFixture(tariffFixture);
    await fx.registry
      .connect(fx.customsPK)
      .setTariffCodeListing(PK, 2, 9, ListingStatus.Positive, 0, docHash("tea ok"));
    await fx.registry
      .connect(fx.customsPK)
      .setTariffCodeListing(PK, 4, 8806, ListingStatus.Negative, 0, docHash("drones banned"));
    // otherSeller sells the seller's TEA to PK: positive by chapter 09
    const theirs = fx.terms({ seller: fx.otherSeller.address, productId: TEA });
    await fx.escrow
      .connect(fx.buyer)
      .createOrder(theirs, await consent(fx, theirs, fx.otherSeller));
    const theirsId = await orderIdOf(fx.escrow, theirs);
    // the owner re-classifies TEA into the banned heading; customs even accepts it for PK
    await fx.registry.connect(fx.seller).reclassifyProduct(TEA, DRONE_HS);
    await fx.registry.connect(fx.customsPK).bindClassification(PK, TEA, DRONE_HS);
    const refused = fx.terms({ seller: fx.otherSeller.address, productId: TEA });
    await expect(
      fx.escrow.connect(fx.buyer).createOrder(refused, await consent(fx, refused, fx.otherSeller)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "ProductNegativeListed")
      .withArgs(PK, TEA);
    // the order in flight keeps its code and clears on it
    await expect(fx.escrow.connect(fx.otherSeller).ship(theirs, docHash("t")))
      .to.emit(fx.escrow, "OrderShipped")
      .withArgs(theirsId, docHash("t"), true);
    expect((await stateOf(fx.escrow, theirsId)).hsCode).to.equal(BigInt(TEA_HS));
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(theirs)).to.emit(
      fx.escrow,
      "ReceiptConfirmed",
    );
  });
});

describe("TradeEscrow OrderCreated: buyer and seller are topics", function () {
  it("filters exactly a buyer's or a seller's orders with eth_getLogs", async function () {
    const fx = await loadFixture(escrowFixture);
    const from = await ethers.provider.getBlockNumber();
    await fx.usd.mint(fx.stranger.address, usd(10_000));
    await fx.usd.connect(fx.stranger).approve(await fx.escrow.getAddress(), ethers.MaxUint256);
    const orders = [
      fx.terms(),
      fx.terms({ seller: fx.otherSeller.address }),
      fx.terms({ buyer: fx.stranger.address }),
      fx.terms({ buyer: fx.stranger.address, seller: fx.otherSeller.address }),
      fx.terms({ seller: fx.otherSeller.address }),
    ];
    for (const terms of orders) {
      const signer = terms.seller === fx.seller.address ? fx.seller : fx.otherSeller;
      const caller = terms.buyer === fx.buyer.address ? fx.buyer : fx.stranger;
      await fx.escrow.connect(caller).createOrder(terms, await consent(fx, terms, signer));
    }
    const ids = await Promise.all(orders.map((terms) => orderIdOf(fx.escrow, terms)));
    const idsOf = (pick: (i: number) => boolean) => ids.filter((_, i) => pick(i));
    const query = async (buyer?: string, seller?: string) =>
      (
        await fx.escrow.queryFilter(fx.escrow.filters.OrderCreated(undefined, buyer, seller), from)
      ).map((log) => log.args.orderId);
    expect(await query(fx.buyer.address)).to.deep.equal(idsOf((i) => i <= 1 || i === 4));
    expect(await query(fx.stranger.address)).to.deep.equal(idsOf((i) => i === 2 || i === 3));
    expect(await query(undefined, fx.otherSeller.address)).to.deep.equal(
      idsOf((i) => i === 1 || i === 3 || i === 4),
    );
    expect(await query(undefined, fx.seller.address)).to.deep.equal(
      idsOf((i) => i === 0 || i === 2),
    );
    expect(await query(fx.stranger.address, fx.otherSeller.address)).to.deep.equal([ids[3]]);
    // the data still carries the whole terms
    const [log] = await fx.escrow.queryFilter(fx.escrow.filters.OrderCreated(ids[3]), from);
    expect(log.args.terms.amount).to.equal(orders[3].amount);
    expect(log.args.terms.ref).to.equal(orders[3].ref);
  });
});
