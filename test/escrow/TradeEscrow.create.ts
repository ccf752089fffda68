import { expect } from "chai";

import {
  consent,
  DAY,
  DE,
  DRONE,
  FEE_BPS,
  MAX_CONFIRM_WINDOW,
  MIN_CONFIRM_WINDOW,
  PK,
  Status,
  TEA,
  UINT128_MAX,
  createOrder,
  docHash,
  usd,
  escrowFixture,
  ethers,
  networkHelpers,
  orderIdOf,
  pinNextTimestamp,
  signPermit,
  signReceiveAuthorization,
  stateOf,
  termsTuple,
  sendCreateOrder,
} from "../helpers/escrow.js";

const { loadFixture, time } = networkHelpers;

describe("TradeEscrow.createOrder", function () {
  it("escrows the amount, records the order as Funded and emits the full terms", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await orderIdOf(fx.escrow, terms);
    const tx = sendCreateOrder(fx, terms);
    await expect(tx)
      .to.emit(fx.escrow, "OrderCreated")
      .withArgs(orderId, terms.buyer, terms.seller, termsTuple(terms));
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [-terms.amount, terms.amount],
    );
    const state = await stateOf(fx.escrow, orderId);
    expect(state.status).to.equal(Status.Funded);
    expect(state.since).to.equal(BigInt(await time.latest()));
    expect(state.refunded).to.equal(0n);
    expect(state.disputedBySeller).to.equal(false);
    expect(state.complaintFiled).to.equal(false);
  });

  it("returns the order id, which is keccak256(abi.encode(chainid, escrow, terms))", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const expected = await orderIdOf(fx.escrow, terms);
    expect(await fx.escrow.orderIdOf(terms)).to.equal(expected);
    expect(
      await fx.escrow.connect(fx.buyer).createOrder.staticCall(terms, await consent(fx, terms)),
    ).to.equal(expected);
  });

  it("gives different ids to terms that differ only in ref", async function () {
    const fx = await loadFixture(escrowFixture);
    const a = fx.terms();
    const b = { ...a, ref: ethers.id("other") };
    expect(await fx.escrow.orderIdOf(a)).to.not.equal(await fx.escrow.orderIdOf(b));
  });

  it("accepts an unlisted product, a destination without customs and the default arbiter", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const terms of [
      fx.terms({ productId: TEA }),
      fx.terms({ destination: DE, productId: DRONE }),
      fx.terms({ arbiter: fx.defaultArbiter.address }),
    ]) {
      const orderId = await createOrder(fx, terms);
      expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
    }
  });

  it("accepts the confirmation window bounds and a ship-by one second ahead", async function () {
    const fx = await loadFixture(escrowFixture);
    await createOrder(fx, fx.terms({ confirmWindow: MIN_CONFIRM_WINDOW }));
    await createOrder(fx, fx.terms({ confirmWindow: MAX_CONFIRM_WINDOW }));
    const next = BigInt(await time.latest()) + 10n;
    await pinNextTimestamp(next);
    await createOrder(fx, fx.terms({ shipBy: next + 1n }));
  });

  it("accepts an amount of exactly type(uint128).max", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.usd.mint(fx.buyer.address, UINT128_MAX);
    const orderId = await createOrder(fx, fx.terms({ amount: UINT128_MAX }));
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
  });

  it("refuses a caller other than the buyer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    await expect(sendCreateOrder(fx, terms, fx.stranger))
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.stranger.address);
  });

  it("refuses a seller that is not an active registered seller", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(sendCreateOrder(fx, fx.terms({ seller: fx.stranger.address })))
      .to.be.revertedWithCustomError(fx.escrow, "SellerNotActive")
      .withArgs(fx.stranger.address);
    // a registered logistics provider is not a seller
    await expect(sendCreateOrder(fx, fx.terms({ seller: fx.logistics.address })))
      .to.be.revertedWithCustomError(fx.escrow, "SellerNotActive")
      .withArgs(fx.logistics.address);
    await fx.registry.suspendParticipant(fx.seller.address, docHash("suspended"));
    await expect(sendCreateOrder(fx, fx.terms()))
      .to.be.revertedWithCustomError(fx.escrow, "SellerNotActive")
      .withArgs(fx.seller.address);
  });

  it("refuses a product negative-listed at the destination", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(sendCreateOrder(fx, fx.terms({ productId: DRONE })))
      .to.be.revertedWithCustomError(fx.escrow, "ProductNegativeListed")
      .withArgs(PK, DRONE);
  });

  it("refuses a token that is not allowlisted", async function () {
    const fx = await loadFixture(escrowFixture);
    const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 6]);
    const terms = fx.terms({ token: await other.getAddress() });
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "TokenNotAllowed")
      .withArgs(terms.token);
  });

  it("refuses an amount of zero or above type(uint128).max", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(sendCreateOrder(fx, fx.terms({ amount: 0n })))
      .to.be.revertedWithCustomError(fx.escrow, "InvalidAmount")
      .withArgs(0n);
    await expect(sendCreateOrder(fx, fx.terms({ amount: UINT128_MAX + 1n })))
      .to.be.revertedWithCustomError(fx.escrow, "InvalidAmount")
      .withArgs(UINT128_MAX + 1n);
  });

  it("refuses a ship-by time that is not in the future", async function () {
    const fx = await loadFixture(escrowFixture);
    const next = BigInt(await time.latest()) + 10n;
    await pinNextTimestamp(next);
    await expect(sendCreateOrder(fx, fx.terms({ shipBy: next })))
      .to.be.revertedWithCustomError(fx.escrow, "ShipByNotInFuture")
      .withArgs(next, next);
  });

  it("refuses a confirmation window outside [1 day, 90 days]", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const window of [MIN_CONFIRM_WINDOW - 1n, MAX_CONFIRM_WINDOW + 1n, 0n]) {
      await expect(sendCreateOrder(fx, fx.terms({ confirmWindow: window })))
        .to.be.revertedWithCustomError(fx.escrow, "ConfirmWindowOutOfRange")
        .withArgs(window, MIN_CONFIRM_WINDOW, MAX_CONFIRM_WINDOW);
    }
  });

  it("refuses a fee other than the current fee", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(sendCreateOrder(fx, fx.terms({ feeBps: 0n })))
      .to.be.revertedWithCustomError(fx.escrow, "FeeNotCurrent")
      .withArgs(0n, FEE_BPS);
  });

  it("refuses an arbiter that is neither registered nor the default", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const arbiter of [fx.stranger.address, fx.logistics.address, ethers.ZeroAddress]) {
      await expect(sendCreateOrder(fx, fx.terms({ arbiter })))
        .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotRegistered")
        .withArgs(arbiter);
    }
    await fx.registry.suspendParticipant(fx.arbiter.address, docHash("suspended"));
    await expect(sendCreateOrder(fx, fx.terms()))
      .to.be.revertedWithCustomError(fx.escrow, "ArbiterNotRegistered")
      .withArgs(fx.arbiter.address);
  });

  it("refuses an arbiter that is the buyer or the seller", async function () {
    const fx = await loadFixture(escrowFixture);
    for (const arbiter of [fx.buyer.address, fx.seller.address]) {
      await expect(sendCreateOrder(fx, fx.terms({ arbiter })))
        .to.be.revertedWithCustomError(fx.escrow, "ArbiterIsParty")
        .withArgs(arbiter);
    }
  });

  it("refuses a buyer that is also the seller", async function () {
    const fx = await loadFixture(escrowFixture);
    await expect(sendCreateOrder(fx, fx.terms({ buyer: fx.seller.address }), fx.seller))
      .to.be.revertedWithCustomError(fx.escrow, "BuyerIsSeller")
      .withArgs(fx.seller.address);
  });

  it("refuses terms already used, while open and after close", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const orderId = await createOrder(fx, terms);
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "OrderAlreadyExists")
      .withArgs(orderId);
    await fx.escrow.connect(fx.buyer).cancel(terms);
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "OrderAlreadyExists")
      .withArgs(orderId);
  });

  it("refuses new orders while paused", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.escrow.pause();
    await expect(sendCreateOrder(fx, fx.terms())).to.be.revertedWithCustomError(
      fx.escrow,
      "NewOrdersArePaused",
    );
  });

  it("refuses terms with dirty high bits in a narrow field (they could alias another id)", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.terms();
    const data = fx.escrow.interface.encodeFunctionData("createOrder", [
      terms,
      await consent(fx, terms),
    ]);
    // destination is word 5 of the terms (after the selector); set a bit above its 16 bits
    const word = 4 + 5 * 32;
    const bytes = ethers.getBytes(data);
    bytes[word + 29] = 0x01;
    // the ABI decoder's validation reverts without data, before any escrow logic runs
    const error = await fx.buyer
      .call({ to: await fx.escrow.getAddress(), data: ethers.hexlify(bytes) })
      .then(
        () => null,
        (e: { data?: string }) => e,
      );
    expect(error).to.not.equal(null);
    expect(error?.data).to.equal("0x");
  });

  it("refuses a token that delivers less than the amount (fee on transfer)", async function () {
    const fx = await loadFixture(escrowFixture);
    const token = await ethers.deployContract("MockFeeOnTransferERC20", ["Leaky", "LKY"]);
    const address = await token.getAddress();
    await token.mint(fx.buyer.address, usd(1_000_000));
    await token.connect(fx.buyer).approve(await fx.escrow.getAddress(), ethers.MaxUint256);
    await fx.escrow.setTokenAllowed(address, true);
    const terms = fx.terms({ token: address, amount: usd(1_000) });
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "TransferAmountMismatch")
      .withArgs(address, usd(1_000), usd(990));
  });

  it("lets the buyer fund without a standing allowance only through the token's rules", async function () {
    const fx = await loadFixture(escrowFixture);
    await fx.usd.connect(fx.buyer).approve(await fx.escrow.getAddress(), 0);
    await expect(sendCreateOrder(fx, fx.terms())).to.be.revertedWithCustomError(
      fx.usd,
      "ERC20InsufficientAllowance",
    );
  });
});

describe("TradeEscrow.createOrderWithPermit", function () {
  async function permitFixture() {
    const fx = await escrowFixture();
    await fx.usd.connect(fx.buyer).approve(await fx.escrow.getAddress(), 0);
    return fx;
  }

  it("applies the buyer's permit and funds the order in one transaction", async function () {
    const fx = await loadFixture(permitFixture);
    const terms = fx.terms();
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(
      fx.usd,
      fx.buyer,
      await fx.escrow.getAddress(),
      terms.amount,
      deadline,
    );
    const tx = fx.escrow
      .connect(fx.buyer)
      .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms));
    await expect(tx)
      .to.emit(fx.escrow, "OrderCreated")
      .withArgs(await orderIdOf(fx.escrow, terms), terms.buyer, terms.seller, termsTuple(terms));
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.usd,
      [fx.buyer, fx.escrow],
      [-terms.amount, terms.amount],
    );
    expect(await fx.usd.nonces(fx.buyer.address)).to.equal(1n);
    expect(await fx.usd.allowance(fx.buyer.address, await fx.escrow.getAddress())).to.equal(0n);
  });

  it("still funds the order when someone front-ran the permit", async function () {
    const fx = await loadFixture(permitFixture);
    const terms = fx.terms();
    const escrowAddress = await fx.escrow.getAddress();
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(fx.usd, fx.buyer, escrowAddress, terms.amount, deadline);
    await fx.usd
      .connect(fx.stranger)
      .permit(fx.buyer.address, escrowAddress, terms.amount, deadline, sig.v, sig.r, sig.s);
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms)),
    ).to.changeTokenBalances(ethers, fx.usd, [fx.buyer, fx.escrow], [-terms.amount, terms.amount]);
  });

  it("refuses when the permit fails and the allowance does not cover the amount", async function () {
    const fx = await loadFixture(permitFixture);
    const terms = fx.terms();
    const escrowAddress = await fx.escrow.getAddress();
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(fx.usd, fx.buyer, escrowAddress, terms.amount - 1n, deadline);
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "InsufficientAllowance")
      .withArgs(terms.token, fx.buyer.address, 0n, terms.amount);
  });

  it("refuses a caller other than the buyer, so a relayer cannot choose the terms", async function () {
    const fx = await loadFixture(permitFixture);
    const terms = fx.terms();
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(
      fx.usd,
      fx.buyer,
      await fx.escrow.getAddress(),
      terms.amount,
      deadline,
    );
    await expect(
      fx.escrow
        .connect(fx.stranger)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
      .withArgs(await orderIdOf(fx.escrow, terms), fx.stranger.address);
  });

  it("applies the creation checks (paused)", async function () {
    const fx = await loadFixture(permitFixture);
    await fx.escrow.pause();
    const terms = fx.terms();
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(
      fx.usd,
      fx.buyer,
      await fx.escrow.getAddress(),
      terms.amount,
      deadline,
    );
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms)),
    ).to.be.revertedWithCustomError(fx.escrow, "NewOrdersArePaused");
  });
});

describe("TradeEscrow.createOrderWithAuthorization", function () {
  async function authorize(
    fx: Awaited<ReturnType<typeof escrowFixture>>,
    nonceTerms = fx.anyTerms(),
  ) {
    const validBefore = BigInt(await time.latest()) + DAY;
    const signature = await signReceiveAuthorization(
      fx.stc,
      fx.buyer,
      await fx.escrow.getAddress(),
      nonceTerms.amount,
      0n,
      validBefore,
      await orderIdOf(fx.escrow, nonceTerms),
    );
    return { validBefore, signature };
  }

  it("funds the order from the buyer's signature, submitted by a relayer", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.anyTerms({ token: await fx.stc.getAddress() });
    const orderId = await orderIdOf(fx.escrow, terms);
    const { validBefore, signature } = await authorize(fx, terms);
    const tx = fx.escrow
      .connect(fx.relayer)
      .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms));
    await expect(tx)
      .to.emit(fx.escrow, "OrderCreated")
      .withArgs(orderId, terms.buyer, terms.seller, termsTuple(terms));
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.buyer, fx.escrow],
      [-terms.amount, terms.amount],
    );
    expect(await fx.stc.authorizationState(fx.buyer.address, orderId)).to.equal(true);
    expect((await stateOf(fx.escrow, orderId)).status).to.equal(Status.Funded);
  });

  it("cannot redirect the signature to other terms (the nonce is the order id)", async function () {
    const fx = await loadFixture(escrowFixture);
    const stc = await fx.stc.getAddress();
    const signed = fx.anyTerms({ token: stc });
    const { validBefore, signature } = await authorize(fx, signed);
    const redirected = { ...signed, seller: fx.otherSeller.address };
    await expect(
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(
          redirected,
          0n,
          validBefore,
          signature,
          await consent(fx, redirected),
        ),
    ).to.revert(ethers);
    expect((await stateOf(fx.escrow, await orderIdOf(fx.escrow, redirected))).status).to.equal(
      Status.None,
    );
  });

  it("cannot replay the signature: the order exists", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.anyTerms({ token: await fx.stc.getAddress() });
    const { validBefore, signature } = await authorize(fx, terms);
    await fx.escrow
      .connect(fx.relayer)
      .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms));
    await expect(
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "OrderAlreadyExists")
      .withArgs(await orderIdOf(fx.escrow, terms));
  });

  it("applies the creation checks (negative list)", async function () {
    const fx = await loadFixture(escrowFixture);
    const terms = fx.anyTerms({ token: await fx.stc.getAddress(), productId: DRONE });
    const { validBefore, signature } = await authorize(fx, terms);
    await expect(
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "ProductNegativeListed")
      .withArgs(PK, DRONE);
  });
});
