/**
 * Issue 15, rule 3 (second part): a suspended default arbiter is refused at creation, as a
 * suspended registered arbiter already is. The escrow keeps a copy of the registry's suspension
 * (`syncDefaultArbiter`, called by the registry it is wired to, or by anyone); the constructor and
 * `setDefaultArbiter` read it too.
 */
import { expect } from "chai";

import type { TradeEscrow } from "../../typechain-types/index.js";
import {
  DE,
  FEE_BPS,
  ROLE_ARBITER,
  Status,
  consent,
  createOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  sendCreateOrder,
  stateOf,
  type EscrowFixture,
} from "../helpers/escrow.js";

const { loadFixture } = networkHelpers;

/** The fixture with the default arbiter registered in the registry (so it can be suspended). */
async function registeredDefaultFixture() {
  const fx = await escrowFixture();
  await fx.registry.registerParticipant(
    fx.defaultArbiter.address,
    ROLE_ARBITER,
    DE,
    docHash("default arbiter"),
  );
  return fx;
}

/** A second escrow on the same registry, not the one the registry notifies. */
async function unwiredEscrow(fx: EscrowFixture, defaultArbiter: string): Promise<TradeEscrow> {
  const escrow = (await ethers.deployContract("TradeEscrow", [
    fx.admin.address,
    await fx.registry.getAddress(),
    fx.feeRecipient.address,
    FEE_BPS,
    defaultArbiter,
  ])) as unknown as TradeEscrow;
  await escrow.setTokenAllowed(await fx.usd.getAddress(), true);
  await fx.usd.connect(fx.buyer).approve(await escrow.getAddress(), ethers.MaxUint256);
  return escrow;
}

describe("TradeEscrow default arbiter: suspended means refused at creation", function () {
  it("refuses a new order naming the suspended default arbiter, accepts it once reinstated", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    const arbiter = fx.defaultArbiter.address;
    // the registry tells its escrow at once
    await expect(fx.registry.suspendParticipant(arbiter, docHash("bribed")))
      .to.emit(fx.escrow, "DefaultArbiterStanding")
      .withArgs(arbiter, true);
    const terms = fx.terms({ arbiter });
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterSuspended")
      .withArgs(await orderIdOf(fx.escrow, terms), arbiter);
    // orders naming a registered arbiter are not affected
    await createOrder(fx, fx.terms());
    await expect(fx.registry.reinstateParticipant(arbiter))
      .to.emit(fx.escrow, "DefaultArbiterStanding")
      .withArgs(arbiter, false);
    const orderId = await createOrder(fx, terms);
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Funded);
    expect(state.namedDefaultArbiter).to.equal(true);
  });

  it("does not stop orders in flight: the default arbiter named before rules once reinstated", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    const arbiter = fx.defaultArbiter.address;
    const terms = fx.terms({ arbiter });
    const orderId = await createOrder(fx, terms);
    await fx.escrow.connect(fx.seller).ship(terms, docHash("t"));
    await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
    await fx.registry.suspendParticipant(arbiter, docHash("bribed"));
    await expect(fx.escrow.connect(fx.defaultArbiter).resolveDispute(terms, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterSuspended")
      .withArgs(orderId, arbiter);
    await fx.registry.reinstateParticipant(arbiter);
    await fx.escrow.connect(fx.defaultArbiter).resolveDispute(terms, 0n, docHash("r"));
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Resolved);
  });

  it("emits no standing event when the suspended participant is not the default arbiter", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    await expect(fx.registry.suspendParticipant(fx.arbiter.address, docHash("s"))).to.not.emit(
      fx.escrow,
      "DefaultArbiterStanding",
    );
    // the default arbiter is still accepted
    await createOrder(fx, fx.terms({ arbiter: fx.defaultArbiter.address }));
  });
});

describe("TradeEscrow.syncDefaultArbiter", function () {
  it("lets anyone copy the registry's suspension into an escrow the registry does not notify", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    const arbiter = fx.defaultArbiter.address;
    const second = await unwiredEscrow(fx, arbiter);
    await expect(fx.registry.suspendParticipant(arbiter, docHash("bribed"))).to.not.emit(
      second,
      "DefaultArbiterStanding",
    );
    // nothing changed yet for the second escrow: the sync is what refuses
    await expect(second.connect(fx.stranger).syncDefaultArbiter())
      .to.emit(second, "DefaultArbiterStanding")
      .withArgs(arbiter, true);
    const terms = fx.terms({ arbiter });
    await expect(
      second.connect(fx.buyer).createOrder(terms, await consent(fx, terms, fx.seller, second)),
    )
      .to.be.revertedWithCustomError(second, "ArbiterSuspended")
      .withArgs(await orderIdOf(second, terms), arbiter);
    // the event only on change
    await expect(second.connect(fx.stranger).syncDefaultArbiter()).to.not.emit(
      second,
      "DefaultArbiterStanding",
    );
    await fx.registry.reinstateParticipant(arbiter);
    await expect(second.connect(fx.buyer).syncDefaultArbiter())
      .to.emit(second, "DefaultArbiterStanding")
      .withArgs(arbiter, false);
    await second.connect(fx.buyer).createOrder(terms, await consent(fx, terms, fx.seller, second));
    expect((await second.orderState(await orderIdOf(second, terms))).status).to.equal(
      Status.Funded,
    );
  });

  it("emits nothing on the wired escrow when the registry already synced it", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    await expect(fx.escrow.connect(fx.stranger).syncDefaultArbiter()).to.not.emit(
      fx.escrow,
      "DefaultArbiterStanding",
    );
    await fx.registry.suspendParticipant(fx.defaultArbiter.address, docHash("s"));
    await expect(fx.escrow.connect(fx.stranger).syncDefaultArbiter()).to.not.emit(
      fx.escrow,
      "DefaultArbiterStanding",
    );
  });

  it("is read by the constructor: an escrow deployed with a suspended default refuses it", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    const arbiter = fx.defaultArbiter.address;
    await fx.registry.suspendParticipant(arbiter, docHash("s"));
    const fresh = await unwiredEscrow(fx, arbiter);
    const terms = fx.terms({ arbiter });
    await expect(
      fresh.connect(fx.buyer).createOrder(terms, await consent(fx, terms, fx.seller, fresh)),
    )
      .to.be.revertedWithCustomError(fresh, "ArbiterSuspended")
      .withArgs(await orderIdOf(fresh, terms), arbiter);
  });
});

describe("TradeEscrow.setDefaultArbiter and the registry's suspension", function () {
  it("picks up a new default arbiter that is already suspended", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    // the registered arbiter is suspended, then made the default
    await fx.registry.suspendParticipant(fx.arbiter.address, docHash("s"));
    await fx.escrow.setDefaultArbiter(fx.arbiter.address);
    const terms = fx.terms({ arbiter: fx.arbiter.address });
    // refused as the suspended default, not as an unregistered arbiter
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterSuspended")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.arbiter.address);
    await expect(fx.registry.reinstateParticipant(fx.arbiter.address))
      .to.emit(fx.escrow, "DefaultArbiterStanding")
      .withArgs(fx.arbiter.address, false);
    await createOrder(fx, terms);
  });

  it("drops the old default's suspension when the new default is in good standing", async function () {
    const fx = await loadFixture(registeredDefaultFixture);
    await fx.registry.suspendParticipant(fx.defaultArbiter.address, docHash("s"));
    await fx.escrow.setDefaultArbiter(fx.stranger.address);
    await createOrder(fx, fx.terms({ arbiter: fx.stranger.address }));
    // the old default is now only an arbiter like any other: suspended, so not registered-active
    await expect(sendCreateOrder(fx, fx.terms({ arbiter: fx.defaultArbiter.address })))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotRegistered")
      .withArgs(fx.defaultArbiter.address);
  });
});
