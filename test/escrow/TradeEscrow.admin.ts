import { expect } from "chai";

import {
  consent,
  ARBITRATION_PERIOD,
  BPS,
  FEE_BPS,
  MAX_CONFIRM_WINDOW,
  MAX_FEE_BPS,
  MIN_CONFIRM_WINDOW,
  Status,
  createOrder,
  disputedOrder,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  shippedOrder,
  split,
  stateOf,
  usd,
  sendCreateOrder,
} from "../helpers/escrow.js";

const { loadFixture } = networkHelpers;

describe("TradeEscrow.constructor", function () {
  it("sets the registry, fee, fee recipient, default arbiter and the admin's roles", async function () {
    const fx = await loadFixture(escrowFixture);
    expect(await fx.escrow.registry()).to.equal(await fx.registry.getAddress());
    expect(await fx.escrow.feeBps()).to.equal(FEE_BPS);
    expect(await fx.escrow.feeRecipient()).to.equal(fx.feeRecipient.address);
    expect(await fx.escrow.defaultArbiter()).to.equal(fx.defaultArbiter.address);
    expect(await fx.escrow.paused()).to.equal(false);
    expect(await fx.escrow.hasRole(ethers.ZeroHash, fx.admin.address)).to.equal(true);
    expect(await fx.escrow.hasRole(await fx.escrow.PAUSER_ROLE(), fx.admin.address)).to.equal(true);
    expect(await fx.escrow.BPS()).to.equal(BPS);
    expect(await fx.escrow.MAX_FEE_BPS()).to.equal(MAX_FEE_BPS);
    expect(await fx.escrow.MIN_CONFIRM_WINDOW()).to.equal(MIN_CONFIRM_WINDOW);
    expect(await fx.escrow.MAX_CONFIRM_WINDOW()).to.equal(MAX_CONFIRM_WINDOW);
    expect(await fx.escrow.ARBITRATION_PERIOD()).to.equal(ARBITRATION_PERIOD);
  });

  it("refuses a zero registry, fee recipient or default arbiter, and a fee above the cap", async function () {
    const fx = await loadFixture(escrowFixture);
    const factory = await ethers.getContractFactory("TradeEscrow");
    const registry = await fx.registry.getAddress();
    const ok = [
      fx.admin.address,
      registry,
      fx.feeRecipient.address,
      FEE_BPS,
      fx.defaultArbiter.address,
    ] as const;
    for (const index of [1, 2, 4]) {
      const args = [...ok] as unknown[];
      args[index] = ethers.ZeroAddress;
      await expect(
        factory.deploy(...(args as Parameters<typeof factory.deploy>)),
      ).to.be.revertedWithCustomError(fx.escrow, "ZeroAddress");
    }
    await expect(
      factory.deploy(
        fx.admin.address,
        registry,
        fx.feeRecipient.address,
        MAX_FEE_BPS + 1n,
        fx.defaultArbiter.address,
      ),
    )
      .to.be.revertedWithCustomError(fx.escrow, "FeeTooHigh")
      .withArgs(MAX_FEE_BPS + 1n, MAX_FEE_BPS);
  });
});

describe("TradeEscrow.setFee", function () {
  it("changes the fee new orders must carry, up to the cap; orders in flight keep theirs", async function () {
    const fx = await loadFixture(escrowFixture);
    const inFlight = fx.terms({ amount: usd(1_000) });
    const inFlightId = await shippedOrder(fx, inFlight);
    await expect(fx.escrow.setFee(MAX_FEE_BPS))
      .to.emit(fx.escrow, "FeeUpdated")
      .withArgs(FEE_BPS, MAX_FEE_BPS);
    expect(await fx.escrow.feeBps()).to.equal(MAX_FEE_BPS);
    // both allowlisted tokens follow the new fee
    for (const token of [await fx.usd.getAddress(), await fx.stc.getAddress()]) {
      await expect(sendCreateOrder(fx, fx.anyTerms({ token })))
        .to.be.revertedWithCustomError(fx.escrow, "FeeNotCurrent")
        .withArgs(FEE_BPS, MAX_FEE_BPS);
      await createOrder(fx, fx.anyTerms({ token, feeBps: MAX_FEE_BPS }));
    }
    const { fee, seller } = split(usd(1_000), FEE_BPS);
    await expect(fx.escrow.connect(fx.buyer).confirmReceipt(inFlight))
      .to.emit(fx.escrow, "ReceiptConfirmed")
      .withArgs(inFlightId, seller, fee);
    await fx.escrow.setFee(0n);
    await createOrder(fx, fx.terms({ feeBps: 0n }));
  });

  it("refuses a fee above MAX_FEE_BPS", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(fx.escrow.setFee(MAX_FEE_BPS + 1n))
      .to.be.revertedWithCustomError(fx.escrow, "FeeTooHigh")
      .withArgs(MAX_FEE_BPS + 1n, MAX_FEE_BPS);
  });

  it("refuses anyone but the admin", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(fx.escrow.connect(fx.stranger).setFee(0n))
      .to.be.revertedWithCustomError(fx.escrow, "AccessControlUnauthorizedAccount")
      .withArgs(fx.stranger.address, ethers.ZeroHash);
  });
});

describe("TradeEscrow.setFeeRecipient", function () {
  it("changes who collected fees go to", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    await shippedOrder(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(fx.escrow.setFeeRecipient(fx.stranger.address))
      .to.emit(fx.escrow, "FeeRecipientUpdated")
      .withArgs(fx.feeRecipient.address, fx.stranger.address);
    expect(await fx.escrow.feeRecipient()).to.equal(fx.stranger.address);
    const { fee } = split(terms.amount);
    await expect(fx.escrow.collectFees(terms.token)).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.stranger, fx.feeRecipient],
      [fee, 0n],
    );
  });

  it("refuses the zero address and anyone but the admin", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(fx.escrow.setFeeRecipient(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      fx.escrow,
      "ZeroAddress",
    );
    await expect(fx.escrow.connect(fx.stranger).setFeeRecipient(fx.stranger.address))
      .to.be.revertedWithCustomError(fx.escrow, "AccessControlUnauthorizedAccount")
      .withArgs(fx.stranger.address, ethers.ZeroHash);
  });
});

describe("TradeEscrow.setTokenAllowed", function () {
  it("removing a token stops new orders in it; its orders in flight still close", async function () {
    const fx = await loadFixture(escrowFixture);
    const inFlight = fx.terms();
    const inFlightId = await shippedOrder(fx, inFlight);
    await expect(fx.escrow.setTokenAllowed(inFlight.token, false))
      .to.emit(fx.escrow, "TokenAllowed")
      .withArgs(inFlight.token, false);
    expect(await fx.escrow.isTokenAllowed(inFlight.token)).to.equal(false);
    await expect(sendCreateOrder(fx, fx.terms()))
      .to.be.revertedWithCustomError(fx.escrow, "TokenNotAllowed")
      .withArgs(inFlight.token);
    await fx.escrow.connect(fx.buyer).confirmReceipt(inFlight);
    expect((await stateOf(fx.escrow, inFlightId)).status).to.equal(Status.Completed);
    await fx.escrow.setTokenAllowed(inFlight.token, true);
    await createOrder(fx, fx.terms());
  });

  it("a newly allowlisted token follows the current fee, default arbiter and pause", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await ethers.deployContract("MockERC20", ["Yuan", "mCNY", 6]);
    const address = await token.getAddress();
    await token.mint(fx.buyer.address, usd(1_000_000));
    await token.connect(fx.buyer).approve(await fx.escrow.getAddress(), ethers.MaxUint256);
    await fx.escrow.setFee(250n);
    await fx.escrow.setDefaultArbiter(fx.stranger.address);
    await fx.escrow.pause();
    await expect(fx.escrow.setTokenAllowed(address, true))
      .to.emit(fx.escrow, "TokenAllowed")
      .withArgs(address, true);
    expect(await fx.escrow.isTokenAllowed(address)).to.equal(true);
    const terms = fx.anyTerms({ token: address, feeBps: 250n, arbiter: fx.stranger.address });
    await expect(sendCreateOrder(fx, terms)).to.be.revertedWithCustomError(
      fx.escrow,
      "NewOrdersArePaused",
    );
    await fx.escrow.unpause();
    await createOrder(fx, terms);
  });

  it("refuses the zero address and anyone but the admin", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(fx.escrow.setTokenAllowed(ethers.ZeroAddress, true)).to.be.revertedWithCustomError(
      fx.escrow,
      "ZeroAddress",
    );
    await expect(fx.escrow.connect(fx.stranger).setTokenAllowed(await fx.usd.getAddress(), false))
      .to.be.revertedWithCustomError(fx.escrow, "AccessControlUnauthorizedAccount")
      .withArgs(fx.stranger.address, ethers.ZeroHash);
  });
});

/** A token's settings word as `settingsWordOf` documents it: arbiter, fee, then a byte per flag. */
function settingsWord(settings: {
  arbiter: string;
  feeBps: bigint;
  paused?: boolean;
  allowed?: boolean;
  suspended?: boolean;
}): bigint {
  const flag = (on: boolean | undefined, shift: bigint) => (on ? 1n << shift : 0n);
  return (
    BigInt(settings.arbiter) |
    (settings.feeBps << 160n) |
    flag(settings.paused, 176n) |
    flag(settings.allowed, 184n) |
    (1n << 192n) | // listed: every token the admin ever named
    flag(settings.suspended, 200n)
  );
}

describe("TradeEscrow.settingsWordOf (what the cross-currency escrow reads)", function () {
  it("is zero for a token never listed", async function () {
    const fx = await loadFixture(escrowFixture);
    expect(await fx.escrow.settingsWordOf(fx.stranger.address)).to.equal(0n);
  });

  it("follows every setting a new order obeys, per token, in one word", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await fx.usd.getAddress();
    const arbiter = fx.defaultArbiter.address;
    expect(await fx.escrow.settingsWordOf(token)).to.equal(
      settingsWord({ arbiter, feeBps: FEE_BPS, allowed: true }),
    );
    await fx.escrow.setFee(250n);
    expect(await fx.escrow.settingsWordOf(token)).to.equal(
      settingsWord({ arbiter, feeBps: 250n, allowed: true }),
    );
    await fx.escrow.pause();
    expect(await fx.escrow.settingsWordOf(token)).to.equal(
      settingsWord({ arbiter, feeBps: 250n, paused: true, allowed: true }),
    );
    await fx.escrow.unpause();
    await fx.escrow.setDefaultArbiter(fx.stranger.address);
    expect(await fx.escrow.settingsWordOf(token)).to.equal(
      settingsWord({ arbiter: fx.stranger.address, feeBps: 250n, allowed: true }),
    );
    await fx.registry.registerParticipant(fx.stranger.address, 8, 276, docHash("arbiter"));
    await fx.registry.suspendParticipant(fx.stranger.address, docHash("suspended"));
    expect(await fx.escrow.settingsWordOf(token)).to.equal(
      settingsWord({ arbiter: fx.stranger.address, feeBps: 250n, allowed: true, suspended: true }),
    );
    // delisting clears `allowed` and keeps the rest (and `listed`)
    await fx.escrow.setTokenAllowed(token, false);
    expect(await fx.escrow.settingsWordOf(token)).to.equal(
      settingsWord({ arbiter: fx.stranger.address, feeBps: 250n, suspended: true }),
    );
    expect(await fx.escrow.isTokenAllowed(token)).to.equal(false);
    expect(await fx.escrow.feeBps()).to.equal(250n);
    expect(await fx.escrow.paused()).to.equal(false);
  });

  it("gives a token listed later the current settings, and each token its own allowed flag", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await ethers.deployContract("MockERC20", ["Yuan", "mCNY", 6]);
    const address = await token.getAddress();
    await fx.escrow.setFee(300n);
    await fx.escrow.pause();
    await fx.escrow.setTokenAllowed(address, false);
    const arbiter = fx.defaultArbiter.address;
    expect(await fx.escrow.settingsWordOf(address)).to.equal(
      settingsWord({ arbiter, feeBps: 300n, paused: true }),
    );
    expect(await fx.escrow.settingsWordOf(await fx.usd.getAddress())).to.equal(
      settingsWord({ arbiter, feeBps: 300n, paused: true, allowed: true }),
    );
  });
});

describe("TradeEscrow.setDefaultArbiter", function () {
  it("changes the arbiter new orders may name without registration; orders keep theirs", async function () {
    const fx = await loadFixture(escrowFixture);
    const inFlight = fx.terms({ arbiter: fx.defaultArbiter.address });
    const inFlightId = await disputedOrder(fx, inFlight);
    await expect(fx.escrow.setDefaultArbiter(fx.stranger.address))
      .to.emit(fx.escrow, "DefaultArbiterUpdated")
      .withArgs(fx.defaultArbiter.address, fx.stranger.address);
    expect(await fx.escrow.defaultArbiter()).to.equal(fx.stranger.address);
    await expect(sendCreateOrder(fx, fx.terms({ arbiter: fx.defaultArbiter.address })))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotRegistered")
      .withArgs(fx.defaultArbiter.address);
    await createOrder(fx, fx.terms({ arbiter: fx.stranger.address }));
    // the old default still rules the order that named it; the new one cannot
    await expect(fx.escrow.connect(fx.stranger).resolveDispute(inFlight, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotArbiter")
      .withArgs(inFlightId, fx.stranger.address);
    await fx.escrow.connect(fx.defaultArbiter).resolveDispute(inFlight, 0n, docHash("r"));
  });

  it("refuses the zero address and anyone but the admin", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(fx.escrow.setDefaultArbiter(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      fx.escrow,
      "ZeroAddress",
    );
    await expect(fx.escrow.connect(fx.stranger).setDefaultArbiter(fx.stranger.address))
      .to.be.revertedWithCustomError(fx.escrow, "AccessControlUnauthorizedAccount")
      .withArgs(fx.stranger.address, ethers.ZeroHash);
  });
});

describe("TradeEscrow.pause / unpause", function () {
  it("pauses new orders only: every other function keeps working", async function () {
    const fx = await loadFixture(escrowFixture);
    const toShip = fx.terms();
    const toCancel = fx.terms();
    const toRefund = fx.terms();
    const toDispute = fx.terms();
    const toResolve = fx.terms();
    await createOrder(fx, toShip);
    await createOrder(fx, toCancel);
    await shippedOrder(fx, toRefund);
    await shippedOrder(fx, toDispute);
    await disputedOrder(fx, toResolve);
    const stc = await fx.stc.getAddress();
    const claim = fx.anyTerms({ token: stc });
    await shippedOrder(fx, claim);
    await fx.stc.blacklist(fx.seller.address);
    await fx.escrow.connect(fx.buyer).confirmReceipt(claim);
    await fx.stc.unBlacklist(fx.seller.address);

    await expect(fx.escrow.pause())
      .to.emit(fx.escrow, "NewOrdersPaused")
      .withArgs(fx.admin.address);
    expect(await fx.escrow.paused()).to.equal(true);
    await expect(sendCreateOrder(fx, fx.terms())).to.be.revertedWithCustomError(
      fx.escrow,
      "NewOrdersArePaused",
    );
    await fx.escrow.connect(fx.seller).ship(toShip, docHash("t"));
    await fx.escrow.connect(fx.buyer).confirmReceipt(toShip);
    await fx.escrow.connect(fx.buyer).cancel(toCancel);
    await fx.escrow.connect(fx.seller).refund(toRefund, toRefund.amount);
    await fx.escrow.connect(fx.buyer).openDispute(toDispute, docHash("e"));
    await fx.escrow.connect(fx.arbiter).resolveDispute(toResolve, 1n, docHash("r"));
    await fx.escrow.connect(fx.seller).withdraw(stc);
    await fx.escrow.collectFees(toShip.token);
    for (const [terms, status] of [
      [toShip, Status.Completed],
      [toCancel, Status.Refunded],
      [toRefund, Status.Refunded],
      [toDispute, Status.Disputed],
      [toResolve, Status.Resolved],
    ] as const) {
      expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms))).status).to.equal(status);
    }

    await expect(fx.escrow.unpause())
      .to.emit(fx.escrow, "NewOrdersUnpaused")
      .withArgs(fx.admin.address);
    expect(await fx.escrow.paused()).to.equal(false);
    await createOrder(fx, fx.terms());
  });

  it("works for any holder of PAUSER_ROLE and refuses everyone else", async function () {
    const fx = await loadFixture(escrowFixture);
    const role = await fx.escrow.PAUSER_ROLE();
    for (const call of [
      fx.escrow.connect(fx.stranger).pause(),
      fx.escrow.connect(fx.stranger).unpause(),
    ]) {
      await expect(call)
        .to.be.revertedWithCustomError(fx.escrow, "AccessControlUnauthorizedAccount")
        .withArgs(fx.stranger.address, role);
    }
    await fx.escrow.grantRole(role, fx.stranger.address);
    await expect(fx.escrow.connect(fx.stranger).pause())
      .to.emit(fx.escrow, "NewOrdersPaused")
      .withArgs(fx.stranger.address);
    await expect(fx.escrow.connect(fx.stranger).unpause())
      .to.emit(fx.escrow, "NewOrdersUnpaused")
      .withArgs(fx.stranger.address);
  });
});

describe("TradeEscrow.multicall", function () {
  it("batches calls as the caller", async function () {
    const fx = await loadFixture(escrowFixture);
    const a = fx.terms();
    const b = fx.terms();
    const calls = await Promise.all(
      [a, b].map(async (terms) =>
        fx.escrow.interface.encodeFunctionData("createOrder", [terms, await consent(fx, terms)]),
      ),
    );
    await expect(fx.escrow.connect(fx.buyer).multicall(calls)).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [-(a.amount + b.amount), a.amount + b.amount],
    );
    const ships = [a, b].map((terms) =>
      fx.escrow.interface.encodeFunctionData("ship", [terms, docHash("t")]),
    );
    await fx.escrow.connect(fx.seller).multicall(ships);
    for (const terms of [a, b]) {
      expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms))).status).to.equal(
        Status.Cleared,
      );
    }
  });

  it("reverts the whole batch with the failing call's error", async function () {
    const fx = await loadFixture(escrowFixture);
    const a = fx.terms();
    const bad = fx.terms({ amount: 0n });
    const calls = await Promise.all(
      [a, bad].map(async (terms) =>
        fx.escrow.interface.encodeFunctionData("createOrder", [terms, await consent(fx, terms)]),
      ),
    );
    await expect(fx.escrow.connect(fx.buyer).multicall(calls))
      .to.be.revertedWithCustomError(fx.escrow, "InvalidAmount")
      .withArgs(0n);
    expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, a))).status).to.equal(Status.None);
  });
});
