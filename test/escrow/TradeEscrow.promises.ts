import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  CUSTOMS_PERIOD,
  Status,
  TEA,
  createOrder,
  disputedOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  shippedOrder,
  stateOf,
  usd,
  sendCreateOrder,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

/** Every state-changing function of the escrow; none of the admin ones takes an amount or a payee. */
const STATE_CHANGING = [
  "acceptDefaultAdminTransfer",
  "acceptSettlement",
  "beginDefaultAdminTransfer",
  "cancel",
  "cancelDefaultAdminTransfer",
  "changeDefaultAdminDelay",
  "clearCustoms",
  "closeStaleDispute",
  "collectFees",
  "confirmReceipt",
  "createOrder",
  "createOrderWithAuthorization",
  "createOrderWithPermit",
  "fileComplaint",
  "grantRole",
  "multicall",
  "openDispute",
  "pause",
  "proposeSettlement",
  "recordMilestone",
  "refund",
  "refundUnshipped",
  "reject",
  "rejectAtCustoms",
  "releaseAfterTimeout",
  "renounceRole",
  "resolveDispute",
  "revokeRole",
  "rollbackDefaultAdminDelay",
  "setDefaultArbiter",
  "setFee",
  "setFeeRecipient",
  "setTokenAllowed",
  "ship",
  "submitEvidence",
  "syncDefaultArbiter",
  "unpause",
  "withdraw",
];

describe("TradeEscrow non-custodial promises", function () {
  it("1. has no function through which a role could move escrowed money elsewhere", async function () {
    const fx = await loadFixture(escrowFixture);
    const names: string[] = [];
    fx.escrow.interface.forEachFunction((fn) => {
      if (!fn.constant) names.push(fn.name);
    });
    expect(names.sort()).to.deep.equal([...STATE_CHANGING].sort());
  });

  it("1. an arbiter's ruling pays only the buyer, the seller and the fee pot", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms({ amount: usd(1_000) });
    await disputedOrder(fx, terms);
    const escrowBefore = await fx.usd.balanceOf(await fx.escrow.getAddress());
    const tx = fx.escrow.connect(fx.arbiter).resolveDispute(terms, usd(400), docHash("r"));
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.arbiter, fx.admin, fx.customsPK, fx.feeRecipient],
      [0n, 0n, 0n, 0n],
    );
    const paidOut = escrowBefore - (await fx.usd.balanceOf(await fx.escrow.getAddress()));
    expect(paidOut + (await fx.escrow.accruedFees(terms.token))).to.equal(terms.amount);
  });

  it("3. every open status has a path to close that anyone can take, no admin needed", async function () {
    const fx = await loadFixture(escrowFixture);
    const shipBy = BigInt(await time.latest()) + 1000n;
    const funded = fx.terms({ shipBy });
    const shipped = fx.terms({ shipBy, productId: TEA });
    const cleared = fx.terms({ shipBy });
    const disputed = fx.terms({ shipBy });
    await createOrder(fx, funded);
    await shippedOrder(fx, shipped);
    await shippedOrder(fx, cleared);
    await disputedOrder(fx, disputed);
    // held at customs forever: once CUSTOMS_PERIOD passes without a customs decision a party
    // disputes, then anyone closes the stale dispute
    await time.increase(CUSTOMS_PERIOD);
    await fx.escrow.connect(fx.seller).openDispute(shipped, docHash("held"));
    await time.increase(ARBITRATION_PERIOD + 1000n);
    await fx.escrow.connect(fx.stranger).refundUnshipped(funded);
    await fx.escrow.connect(fx.stranger).releaseAfterTimeout(cleared);
    await fx.escrow.connect(fx.stranger).closeStaleDispute(disputed);
    await fx.escrow.connect(fx.stranger).closeStaleDispute(shipped);
    const expected = [Status.Refunded, Status.Resolved, Status.Completed, Status.Resolved];
    const orders = [funded, shipped, cleared, disputed];
    for (let i = 0; i < orders.length; i++) {
      expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, orders[i]))).status).to.equal(
        expected[i],
      );
    }
  });

  it("4. the escrow's balance equals open amounts plus claimable balances plus accrued fees", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await fx.stc.getAddress();
    const escrowAddress = await fx.escrow.getAddress();
    const open = [
      fx.anyTerms({ token }),
      fx.anyTerms({ token }),
      fx.anyTerms({ token, amount: usd(77) }),
    ];
    await createOrder(fx, open[0]);
    await shippedOrder(fx, open[1]);
    await disputedOrder(fx, open[2]);
    await fx.escrow.connect(fx.seller).refund(open[1], usd(5));
    const done = [fx.anyTerms({ token }), fx.anyTerms({ token }), fx.anyTerms({ token })];
    await shippedOrder(fx, done[0]);
    await fx.stc.blacklist(fx.seller.address);
    await fx.escrow.connect(fx.buyer).confirmReceipt(done[0]);
    await disputedOrder(fx, done[1]);
    await fx.escrow.connect(fx.arbiter).resolveDispute(done[1], usd(123), docHash("r"));
    await createOrder(fx, done[2]);
    await fx.escrow.connect(fx.buyer).cancel(done[2]);

    let openSum = 0n;
    for (const terms of open) {
      openSum +=
        terms.amount - (await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms))).refunded;
    }
    const claimable = await fx.escrow.claimable(token, fx.seller.address);
    expect(claimable).to.be.greaterThan(0n);
    expect(await fx.stc.balanceOf(escrowAddress)).to.equal(
      openSum + claimable + (await fx.escrow.accruedFees(token)),
    );
  });

  it("5. refuses tokens that are not allowlisted", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await ethers.deployContract("MockERC20", ["Unknown", "UNK", 18]);
    const terms = fx.terms({ token: await token.getAddress() });
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "TokenNotAllowed")
      .withArgs(terms.token);
  });
});
