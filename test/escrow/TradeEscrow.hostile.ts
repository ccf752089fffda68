import { expect } from "chai";

import {
  ARBITRATION_PERIOD,
  CUSTOMS_PERIOD,
  CN,
  DAY,
  Status,
  TEA,
  docHash,
  ethers,
  networkHelpers,
  orderIdOf,
  signPermit,
  signReceiveAuthorization,
  split,
  stateOf,
  usd,
  Needs,
  createOrder,
  sendCreateOrder,
  consent,
} from "../helpers/escrow.js";
import type { OrderTerms } from "../helpers/escrow.js";
import { hostileFixture } from "../helpers/escrow-hostile.js";
import type { HostileFixture } from "../helpers/escrow-hostile.js";
import { authorizationDigest, signCancellation } from "@tradechain/sdk";

const { loadFixture, time } = networkHelpers;

// ---------------------------------------------------------------------------------- helpers

async function create(fx: HostileFixture, terms: OrderTerms): Promise<string> {
  await sendCreateOrder(fx, terms);
  return orderIdOf(fx.escrow, terms);
}

async function shipped(fx: HostileFixture, terms: OrderTerms): Promise<string> {
  const orderId = await create(fx, terms);
  await fx.escrow.connect(fx.seller).ship(terms, docHash("tracking"));
  return orderId;
}

async function disputed(fx: HostileFixture, terms: OrderTerms): Promise<string> {
  const orderId = await shipped(fx, terms);
  await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("evidence"));
  return orderId;
}

async function statusOf(fx: HostileFixture, terms: OrderTerms): Promise<bigint> {
  return (await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms))).status;
}

/** What is still escrowed for `terms` (0 once closed). */
async function openAmount(fx: HostileFixture, terms: OrderTerms): Promise<bigint> {
  const state = await stateOf(fx.escrow, await orderIdOf(fx.escrow, terms));
  if (state.status === Status.None || state.status > Status.Disputed) return 0n;
  return terms.amount - state.refunded;
}

/** DESIGN §4 promise 4 for one token: balance == Σ open + Σ claimable + accrued fees. */
async function expectBalanceEquation(
  fx: HostileFixture,
  token: string,
  orders: OrderTerms[],
  accounts: string[],
): Promise<void> {
  let open = 0n;
  for (const terms of orders) if (terms.token === token) open += await openAmount(fx, terms);
  let claimable = 0n;
  for (const account of accounts) claimable += await fx.escrow.claimable(token, account);
  const erc20 = await ethers.getContractAt("MockERC20", token);
  expect(await erc20.balanceOf(fx.escrowAddress)).to.equal(
    open + claimable + (await fx.escrow.accruedFees(token)),
  );
}

function reentrancySelector(fx: HostileFixture): string {
  return fx.escrow.interface.getError("ReentrancyGuardReentrantCall")!.selector;
}

// ---------------------------------------------------------------------------------- re-entrancy

describe("TradeEscrow under a token that re-enters on transfer", function () {
  it("refuses funding when the token re-enters createOrder mid-transfer (ReentrancyGuardReentrantCall)", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.reentrant);
    const inner = fx.termsIn(fx.addresses.reentrant);
    // the classic attack on a balance-difference check: a nested deposit counted twice
    await fx.reentrant.arm(
      fx.escrowAddress,
      fx.escrow.interface.encodeFunctionData("createOrder", [inner, await consent(fx, inner)]),
      true,
    );
    await expect(sendCreateOrder(fx, terms)).to.be.revertedWithCustomError(
      fx.escrow,
      "ReentrancyGuardReentrantCall",
    );
    expect(await statusOf(fx, terms)).to.equal(Status.None);
    expect(await statusOf(fx, inner)).to.equal(Status.None);
    expect(await fx.reentrant.balanceOf(fx.escrowAddress)).to.equal(0n);
  });

  it("funds only the outer order when the token swallows its failed re-entry", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.reentrant);
    const inner = fx.termsIn(fx.addresses.reentrant);
    await fx.reentrant.arm(
      fx.escrowAddress,
      fx.escrow.interface.encodeFunctionData("createOrder", [inner, await consent(fx, inner)]),
      false,
    );
    await sendCreateOrder(fx, terms);
    expect(await fx.reentrant.reentryAttempts()).to.equal(1n);
    expect(await fx.reentrant.lastReentrySucceeded()).to.equal(false);
    expect(await fx.reentrant.lastReentryData()).to.equal(reentrancySelector(fx));
    expect(await statusOf(fx, terms)).to.equal(Status.Funded);
    expect(await statusOf(fx, inner)).to.equal(Status.None);
    expect(await fx.reentrant.balanceOf(fx.escrowAddress)).to.equal(terms.amount);
  });

  it("blocks re-entry into every money-moving function (and multicall) during a payout; the payout completes once", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.reentrant;
    const other = fx.termsIn(token);
    const iface = fx.escrow.interface;
    const attempts: [string, string][] = [
      ["confirmReceipt", iface.encodeFunctionData("confirmReceipt", [other])],
      ["releaseAfterTimeout", iface.encodeFunctionData("releaseAfterTimeout", [other])],
      ["refund", iface.encodeFunctionData("refund", [other, 1n])],
      ["cancel", iface.encodeFunctionData("cancel", [other])],
      ["reject", iface.encodeFunctionData("reject", [other, docHash("x")])],
      ["refundUnshipped", iface.encodeFunctionData("refundUnshipped", [other])],
      ["rejectAtCustoms", iface.encodeFunctionData("rejectAtCustoms", [other, docHash("x")])],
      ["acceptSettlement", iface.encodeFunctionData("acceptSettlement", [other, 0n])],
      ["resolveDispute", iface.encodeFunctionData("resolveDispute", [other, 0n, docHash("x")])],
      ["closeStaleDispute", iface.encodeFunctionData("closeStaleDispute", [other])],
      ["withdraw", iface.encodeFunctionData("withdraw", [token])],
      // the guard's transient flag also covers calls batched through multicall's delegatecalls
      [
        "multicall(withdraw)",
        iface.encodeFunctionData("multicall", [[iface.encodeFunctionData("withdraw", [token])]]),
      ],
      ["collectFees", iface.encodeFunctionData("collectFees", [token])],
      ["createOrder", iface.encodeFunctionData("createOrder", [other, await consent(fx, other)])],
      [
        "createOrderWithPermit",
        iface.encodeFunctionData("createOrderWithPermit", [
          other,
          0n,
          0,
          ethers.ZeroHash,
          ethers.ZeroHash,
          await consent(fx, other),
        ]),
      ],
      [
        "createOrderWithAuthorization",
        iface.encodeFunctionData("createOrderWithAuthorization", [
          other,
          0n,
          0n,
          "0x",
          await consent(fx, other),
        ]),
      ],
    ];
    const orders: OrderTerms[] = [];
    for (const [name, payload] of attempts) {
      const terms = fx.termsIn(token);
      orders.push(terms);
      await shipped(fx, terms);
      await fx.reentrant.arm(fx.escrowAddress, payload, false);
      const { seller } = split(terms.amount);
      await expect(fx.escrow.connect(fx.buyer).confirmReceipt(terms), name).to.changeTokenBalances(
        ethers,
        fx.reentrant,
        [fx.seller, fx.escrow],
        [seller, -seller],
      );
      expect(await fx.reentrant.lastReentrySucceeded(), name).to.equal(false);
      expect(await fx.reentrant.lastReentryData(), name).to.equal(reentrancySelector(fx));
      expect(await statusOf(fx, terms), name).to.equal(Status.Completed);
    }
    expect(await fx.reentrant.reentryAttempts()).to.equal(BigInt(attempts.length));
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(0n);
    await expectBalanceEquation(fx, token, orders, [fx.seller.address, fx.buyer.address]);
  });

  it("turns a payout the re-entering token reverts into a claimable balance, paid once it behaves", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.reentrant;
    const terms = fx.termsIn(token);
    const orderId = await shipped(fx, terms);
    const withdrawCall = fx.escrow.interface.encodeFunctionData("withdraw", [token]);
    await fx.reentrant.arm(fx.escrowAddress, withdrawCall, true);
    const { fee, seller } = split(terms.amount);
    const tx = fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(tx)
      .to.emit(fx.escrow, "PayoutDeferred")
      .withArgs(token, fx.seller.address, seller);
    await expect(tx).to.emit(fx.escrow, "ReceiptConfirmed").withArgs(orderId, seller, fee);
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(seller);
    // the failed transfer rolled the hook back: still armed, so withdraw fails and keeps the claim
    await expect(fx.escrow.connect(fx.seller).withdraw(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.seller.address, seller);
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(seller);
    await fx.reentrant.disarm();
    await expect(fx.escrow.connect(fx.seller).withdraw(token)).to.changeTokenBalances(
      ethers,
      fx.reentrant,
      [fx.seller, fx.escrow],
      [seller, -seller],
    );
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(0n);
    await expectBalanceEquation(fx, token, [terms], [fx.seller.address]);
  });

  it("cannot withdraw a claimable balance twice by re-entering withdraw", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.reentrant;
    const terms = fx.termsIn(token);
    await create(fx, terms);
    await fx.reentrant.arm(
      fx.escrowAddress,
      fx.escrow.interface.encodeFunctionData("withdraw", [token]),
      true,
    );
    await fx.escrow.connect(fx.buyer).cancel(terms); // refund reverts → claimable
    expect(await fx.escrow.claimable(token, fx.buyer.address)).to.equal(terms.amount);
    await fx.reentrant.disarm();
    await fx.reentrant.arm(
      fx.escrowAddress,
      fx.escrow.interface.encodeFunctionData("withdraw", [token]),
      false,
    );
    await expect(fx.escrow.connect(fx.buyer).withdraw(token)).to.changeTokenBalances(
      ethers,
      fx.reentrant,
      [fx.buyer, fx.escrow],
      [terms.amount, -terms.amount],
    );
    expect(await fx.reentrant.lastReentryData()).to.equal(reentrancySelector(fx));
    await expect(fx.escrow.connect(fx.buyer).withdraw(token))
      .to.be.revertedWithCustomError(fx.escrow, "NothingToWithdraw")
      .withArgs(token, fx.buyer.address);
  });
});

// ---------------------------------------------------------------------------------- fee on transfer

describe("TradeEscrow with a fee-on-transfer token", function () {
  it("refuses creation with the amount asked and the amount received, leaving no order", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.feeToken, { amount: usd(1_000) });
    const burnt = (terms.amount * (await fx.feeToken.BURN_BPS())) / 10_000n;
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "TransferAmountMismatch")
      .withArgs(fx.addresses.feeToken, terms.amount, terms.amount - burnt);
    expect(await statusOf(fx, terms)).to.equal(Status.None);
    expect(await fx.feeToken.balanceOf(fx.escrowAddress)).to.equal(0n);
  });

  it("accepts an amount the token happens to deliver in full (below its fee granularity)", async function () {
    const fx = await loadFixture(hostileFixture);
    // 99 base units × 1% rounds to a zero fee: delivered exactly, so the order is sound
    const terms = fx.termsIn(fx.addresses.feeToken, { amount: 99n });
    await create(fx, terms);
    expect(await fx.feeToken.balanceOf(fx.escrowAddress)).to.equal(99n);
    expect(await statusOf(fx, terms)).to.equal(Status.Funded);
  });
});

// ---------------------------------------------------------------------------------- false returns

describe("TradeEscrow with a token that returns false instead of reverting", function () {
  it("refuses creation when the transfer returns false (SafeERC20FailedOperation)", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.falseToken);
    await fx.falseToken.setRefused(fx.buyer.address, true);
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.escrow, "SafeERC20FailedOperation")
      .withArgs(fx.addresses.falseToken);
    expect(await statusOf(fx, terms)).to.equal(Status.None);
  });

  it("turns a payout that returns false into a claimable balance, withdrawn once accepted", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.falseToken;
    const terms = fx.termsIn(token);
    const orderId = await shipped(fx, terms);
    await fx.falseToken.setRefused(fx.seller.address, true);
    const { fee, seller } = split(terms.amount);
    const tx = fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    await expect(tx)
      .to.emit(fx.escrow, "PayoutDeferred")
      .withArgs(token, fx.seller.address, seller);
    await expect(tx).to.emit(fx.escrow, "ReceiptConfirmed").withArgs(orderId, seller, fee);
    expect(await statusOf(fx, terms)).to.equal(Status.Completed);
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(seller);
    await expect(fx.escrow.connect(fx.seller).withdraw(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.seller.address, seller);
    await fx.falseToken.setRefused(fx.seller.address, false);
    await expect(fx.escrow.connect(fx.seller).withdraw(token))
      .to.emit(fx.escrow, "Withdrawn")
      .withArgs(token, fx.seller.address, seller);
    expect(await fx.falseToken.balanceOf(fx.seller.address)).to.equal(seller);
    await expectBalanceEquation(fx, token, [terms], [fx.seller.address]);
  });

  it("turns a refund that returns false into the buyer's claimable balance", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.falseToken;
    const terms = fx.termsIn(token);
    await shipped(fx, terms);
    await fx.falseToken.setRefused(fx.buyer.address, true);
    await expect(fx.escrow.connect(fx.seller).refund(terms, usd(100)))
      .to.emit(fx.escrow, "PayoutDeferred")
      .withArgs(token, fx.buyer.address, usd(100));
    expect(await fx.escrow.claimable(token, fx.buyer.address)).to.equal(usd(100));
    await expectBalanceEquation(fx, token, [terms], [fx.buyer.address]);
  });

  it("keeps fees accrued when their transfer returns false", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.falseToken;
    const terms = fx.termsIn(token);
    await shipped(fx, terms);
    await fx.escrow.connect(fx.buyer).confirmReceipt(terms);
    const { fee } = split(terms.amount);
    await fx.falseToken.setRefused(fx.feeRecipient.address, true);
    await expect(fx.escrow.connect(fx.stranger).collectFees(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.feeRecipient.address, fee);
    expect(await fx.escrow.accruedFees(token)).to.equal(fee);
  });
});

// ---------------------------------------------------------------------------------- blacklist

describe("TradeEscrow with blacklisted parties on SettlementToken", function () {
  it("refuses to fund from a blacklisted buyer with the token's own error", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.stc);
    await fx.stc.blacklist(fx.buyer.address);
    await expect(sendCreateOrder(fx, terms))
      .to.be.revertedWithCustomError(fx.stc, "AccountBlacklisted")
      .withArgs(fx.buyer.address);
  });

  it("a blacklisted seller's release becomes claimable; withdraw pays it after unblacklisting", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.stc;
    const terms = fx.termsIn(token);
    await shipped(fx, terms);
    await fx.stc.blacklist(fx.seller.address);
    await time.increase(terms.confirmWindow);
    const { seller } = split(terms.amount);
    await expect(fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms))
      .to.emit(fx.escrow, "PayoutDeferred")
      .withArgs(token, fx.seller.address, seller);
    expect(await statusOf(fx, terms)).to.equal(Status.Completed);
    await expect(fx.escrow.connect(fx.seller).withdraw(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.seller.address, seller);
    await fx.stc.unBlacklist(fx.seller.address);
    await expect(fx.escrow.connect(fx.seller).withdraw(token)).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.seller, fx.escrow],
      [seller, -seller],
    );
    await expectBalanceEquation(fx, token, [terms], [fx.seller.address]);
  });

  it("a ruling with both parties blacklisted closes the order with both parts claimable", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.stc;
    const terms = fx.termsIn(token);
    await disputed(fx, terms);
    await fx.stc.blacklist(fx.seller.address);
    await fx.stc.blacklist(fx.buyer.address);
    const buyerPart = usd(300);
    const { seller } = split(terms.amount - buyerPart);
    await fx.escrow.connect(fx.arbiter).resolveDispute(terms, buyerPart, docHash("ruling"));
    expect(await statusOf(fx, terms)).to.equal(Status.Resolved);
    expect(await fx.escrow.claimable(token, fx.buyer.address)).to.equal(buyerPart);
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(seller);
    await expectBalanceEquation(fx, token, [terms], [fx.seller.address, fx.buyer.address]);
  });
});

// ---------------------------------------------------------------------------------- permit front-run

describe("TradeEscrow.createOrderWithPermit against a front-run permit", function () {
  for (const which of ["usd", "stc"] as const) {
    it(`still funds the order when a stranger submitted the buyer's permit first (${which})`, async function () {
      const fx = await loadFixture(hostileFixture);
      const token = which === "usd" ? fx.usd : fx.stc;
      const tokenAddress = fx.addresses[which];
      await token.connect(fx.buyer).approve(fx.escrowAddress, 0n);
      const terms = fx.termsIn(tokenAddress);
      const deadline = BigInt(await time.latest()) + DAY;
      const sig = await signPermit(token, fx.buyer, fx.escrowAddress, terms.amount, deadline);
      // the mempool copy of the signature, submitted first by someone else
      const args = [
        fx.buyer.address,
        fx.escrowAddress,
        terms.amount,
        deadline,
        sig.v,
        sig.r,
        sig.s,
      ] as const;
      if (which === "usd") await fx.usd.connect(fx.stranger).permit(...args);
      else
        await fx.stc
          .connect(fx.stranger)
          ["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](...args);
      const tx = fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms));
      await expect(tx).to.changeTokenBalances(
        ethers,
        token,
        [fx.buyer, fx.escrow],
        [-terms.amount, terms.amount],
      );
      expect(await statusOf(fx, terms)).to.equal(Status.Funded);
      expect(await token.allowance(fx.buyer.address, fx.escrowAddress)).to.equal(0n);
    });
  }

  it("a front-run permit cannot be turned into a second order: the allowance funds one", async function () {
    const fx = await loadFixture(hostileFixture);
    await fx.usd.connect(fx.buyer).approve(fx.escrowAddress, 0n);
    const terms = fx.termsIn(fx.addresses.usd);
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(fx.usd, fx.buyer, fx.escrowAddress, terms.amount, deadline);
    await fx.escrow
      .connect(fx.buyer)
      .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms));
    const again = fx.termsIn(fx.addresses.usd);
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(again, deadline, sig.v, sig.r, sig.s, await consent(fx, again)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "InsufficientAllowance")
      .withArgs(fx.addresses.usd, fx.buyer.address, 0n, again.amount);
  });
});

// ---------------------------------------------------------------------------------- EIP-3009

describe("TradeEscrow.createOrderWithAuthorization against replay and redirection", function () {
  async function authorize(fx: HostileFixture, terms: OrderTerms, validBefore?: bigint) {
    const before = validBefore ?? BigInt(await time.latest()) + DAY;
    const orderId = await orderIdOf(fx.escrow, terms);
    const signature = await signReceiveAuthorization(
      fx.stc,
      fx.buyer,
      fx.escrowAddress,
      terms.amount,
      0n,
      before,
      orderId,
    );
    return { validBefore: before, signature, orderId };
  }

  it("refuses a replay after the order has closed (the id is spent for good)", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.stc);
    const { validBefore, signature, orderId } = await authorize(fx, terms);
    await fx.escrow
      .connect(fx.relayer)
      .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms));
    await fx.escrow.connect(fx.buyer).cancel(terms);
    await expect(
      fx.escrow
        .connect(fx.stranger)
        .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms)),
    )
      .to.be.revertedWithCustomError(fx.escrow, "OrderAlreadyExists")
      .withArgs(orderId);
  });

  it("refuses a replay straight on the token: only the escrow may receive it", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.stc);
    const { validBefore, signature, orderId } = await authorize(fx, terms);
    await expect(
      fx.stc
        .connect(fx.relayer)
        ["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
          fx.buyer.address,
          fx.escrowAddress,
          terms.amount,
          0n,
          validBefore,
          orderId,
          signature,
        ),
    )
      .to.be.revertedWithCustomError(fx.stc, "CallerNotPayee")
      .withArgs(fx.relayer.address, fx.escrowAddress);
  });

  for (const [field, change] of [
    ["seller", (fx: HostileFixture) => ({ seller: fx.otherSeller.address })],
    ["amount", () => ({ amount: usd(999) })],
    ["ref", () => ({ ref: ethers.id("relayer's own ref") })],
    ["arbiter", (fx: HostileFixture) => ({ arbiter: fx.defaultArbiter.address })],
  ] as const) {
    it(`refuses terms redirected by the relayer (${field}) with the token's InvalidSignature`, async function () {
      const fx = await loadFixture(hostileFixture);
      const signed = fx.termsIn(fx.addresses.stc);
      const { validBefore, signature, orderId } = await authorize(fx, signed);
      const redirected = { ...signed, ...change(fx) };
      const redirectedId = await orderIdOf(fx.escrow, redirected);
      const digest = await authorizationDigest(fx.stc, "ReceiveWithAuthorization", {
        from: fx.buyer.address,
        to: fx.escrowAddress,
        value: redirected.amount,
        validAfter: 0n,
        validBefore,
        nonce: redirectedId,
      });
      await expect(
        fx.escrow.connect(fx.relayer).createOrderWithAuthorization(
          redirected,
          0n,
          validBefore,
          signature,
          // even with the consent of the seller the relayer redirects to
          await consent(
            fx,
            redirected,
            redirected.seller === fx.otherSeller.address ? fx.otherSeller : fx.seller,
          ),
        ),
      )
        .to.be.revertedWithCustomError(fx.stc, "InvalidSignature")
        .withArgs(fx.buyer.address, digest);
      expect(await statusOf(fx, redirected)).to.equal(Status.None);
      // the buyer's authorization is untouched and still funds exactly the signed terms
      expect(await fx.stc.authorizationState(fx.buyer.address, orderId)).to.equal(false);
      await fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(
          signed,
          0n,
          validBefore,
          signature,
          await consent(fx, signed),
        );
      expect(await statusOf(fx, signed)).to.equal(Status.Funded);
    });
  }

  it("refuses an authorization the buyer cancelled before it was relayed", async function () {
    const fx = await loadFixture(hostileFixture);
    const terms = fx.termsIn(fx.addresses.stc);
    const { validBefore, signature, orderId } = await authorize(fx, terms);
    const cancellation = await signCancellation(fx.stc, fx.buyer, {
      authorizer: fx.buyer.address,
      nonce: orderId,
    });
    await fx.stc
      .connect(fx.buyer)
      ["cancelAuthorization(address,bytes32,bytes)"](
        fx.buyer.address,
        orderId,
        cancellation.signature,
      );
    await expect(
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms)),
    )
      .to.be.revertedWithCustomError(fx.stc, "AuthorizationAlreadyUsed")
      .withArgs(fx.buyer.address, orderId);
  });
});

// ---------------------------------------------------------------------------------- paused token

describe("TradeEscrow with a paused SettlementToken", function () {
  it("refuses creation by every funding path with the token's TokenPaused", async function () {
    const fx = await loadFixture(hostileFixture);
    await fx.stc.pause();
    const terms = fx.termsIn(fx.addresses.stc);
    await expect(sendCreateOrder(fx, terms)).to.be.revertedWithCustomError(fx.stc, "TokenPaused");
    const deadline = BigInt(await time.latest()) + DAY;
    const sig = await signPermit(fx.stc, fx.buyer, fx.escrowAddress, terms.amount, deadline);
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(terms, deadline, sig.v, sig.r, sig.s, await consent(fx, terms)),
    ).to.be.revertedWithCustomError(fx.stc, "TokenPaused");
    const validBefore = BigInt(await time.latest()) + DAY;
    const signature = await signReceiveAuthorization(
      fx.stc,
      fx.buyer,
      fx.escrowAddress,
      terms.amount,
      0n,
      validBefore,
      await orderIdOf(fx.escrow, terms),
    );
    await expect(
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(terms, 0n, validBefore, signature, await consent(fx, terms)),
    ).to.be.revertedWithCustomError(fx.stc, "TokenPaused");
    expect(await statusOf(fx, terms)).to.equal(Status.None);
  });

  it("closes orders on every path while paused, every payout claimable, withdrawn after unpause", async function () {
    const fx = await loadFixture(hostileFixture);
    const token = fx.addresses.stc;
    const confirmed = fx.termsIn(token);
    const cancelled = fx.termsIn(token);
    const ruled = fx.termsIn(token);
    const partly = fx.termsIn(token);
    await shipped(fx, confirmed);
    await create(fx, cancelled);
    await disputed(fx, ruled);
    await shipped(fx, partly);
    await fx.stc.pause();

    await fx.escrow.connect(fx.buyer).confirmReceipt(confirmed);
    await fx.escrow.connect(fx.buyer).cancel(cancelled);
    await fx.escrow.connect(fx.arbiter).resolveDispute(ruled, usd(250), docHash("ruling"));
    await fx.escrow.connect(fx.seller).refund(partly, usd(40));
    expect(await statusOf(fx, confirmed)).to.equal(Status.Completed);
    expect(await statusOf(fx, cancelled)).to.equal(Status.Refunded);
    expect(await statusOf(fx, ruled)).to.equal(Status.Resolved);
    expect(await statusOf(fx, partly)).to.equal(Status.Cleared);

    const sellerOwed = split(confirmed.amount).seller + split(ruled.amount - usd(250)).seller;
    const buyerOwed = cancelled.amount + usd(250) + usd(40);
    expect(await fx.escrow.claimable(token, fx.seller.address)).to.equal(sellerOwed);
    expect(await fx.escrow.claimable(token, fx.buyer.address)).to.equal(buyerOwed);
    const orders = [confirmed, cancelled, ruled, partly];
    const accounts = [fx.seller.address, fx.buyer.address];
    await expectBalanceEquation(fx, token, orders, accounts);

    await expect(fx.escrow.connect(fx.seller).withdraw(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.seller.address, sellerOwed);
    const fees = await fx.escrow.accruedFees(token);
    await expect(fx.escrow.connect(fx.stranger).collectFees(token))
      .to.be.revertedWithCustomError(fx.escrow, "WithdrawalFailed")
      .withArgs(token, fx.feeRecipient.address, fees);

    await fx.stc.unpause();
    await expect(fx.escrow.connect(fx.seller).withdraw(token)).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.seller, fx.escrow],
      [sellerOwed, -sellerOwed],
    );
    await expect(fx.escrow.connect(fx.buyer).withdraw(token)).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.buyer, fx.escrow],
      [buyerOwed, -buyerOwed],
    );
    await fx.escrow.connect(fx.stranger).collectFees(token);
    await expectBalanceEquation(fx, token, orders, accounts);
    expect(await fx.stc.balanceOf(fx.escrowAddress)).to.equal(partly.amount - usd(40));
  });
});

// ---------------------------------------------------------------------------------- DESIGN §4

describe("TradeEscrow non-custodial promises under attack (DESIGN §4)", function () {
  /** One open order in each status, in SettlementToken, plus the terms list. */
  async function openBook(fx: HostileFixture) {
    const token = fx.addresses.stc;
    const funded = fx.termsIn(token);
    const shippedTea = fx.termsIn(token, { productId: TEA }); // held until PK customs acts
    const cleared = fx.termsIn(token);
    const inDispute = fx.termsIn(token);
    await create(fx, funded);
    await shipped(fx, shippedTea);
    await shipped(fx, cleared);
    await disputed(fx, inDispute);
    return {
      funded,
      shippedTea,
      cleared,
      inDispute,
      all: [funded, shippedTea, cleared, inDispute],
    };
  }

  it("1. no role moves escrowed money: admin, pauser, arbiter, customs and fee recipient are refused", async function () {
    const fx = await loadFixture(hostileFixture);
    const book = await openBook(fx);
    const escrowed = await fx.stc.balanceOf(fx.escrowAddress);
    const roles = [fx.admin, fx.arbiter, fx.defaultArbiter, fx.customsPK, fx.feeRecipient];
    for (const role of roles) {
      const who = role.address;
      for (const terms of book.all) {
        const id = await orderIdOf(fx.escrow, terms);
        await expect(fx.escrow.connect(role).confirmReceipt(terms))
          .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
          .withArgs(id, who);
        await expect(fx.escrow.connect(role).cancel(terms))
          .to.be.revertedWithCustomError(fx.escrow, "CallerNotBuyer")
          .withArgs(id, who);
        await expect(fx.escrow.connect(role).refund(terms, 1n))
          .to.be.revertedWithCustomError(fx.escrow, "CallerNotSeller")
          .withArgs(id, who);
        await expect(fx.escrow.connect(role).reject(terms, docHash("x")))
          .to.be.revertedWithCustomError(fx.escrow, "CallerNotSeller")
          .withArgs(id, who);
        await expect(fx.escrow.connect(role).proposeSettlement(terms, 0n))
          .to.be.revertedWithCustomError(fx.escrow, "CallerNotParty")
          .withArgs(id, who);
        await expect(fx.escrow.connect(role).acceptSettlement(terms, 0n))
          .to.be.revertedWithCustomError(fx.escrow, "CallerNotParty")
          .withArgs(id, who);
      }
      await expect(fx.escrow.connect(role).withdraw(fx.addresses.stc))
        .to.be.revertedWithCustomError(fx.escrow, "NothingToWithdraw")
        .withArgs(fx.addresses.stc, who);
    }
    // the arbiter rules only an open dispute, customs only its own jurisdiction's shipments
    const inDisputeId = await orderIdOf(fx.escrow, book.inDispute);
    await expect(
      fx.escrow.connect(fx.defaultArbiter).resolveDispute(book.inDispute, 0n, docHash("r")),
    )
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotArbiter")
      .withArgs(inDisputeId, fx.defaultArbiter.address);
    const clearedId = await orderIdOf(fx.escrow, book.cleared);
    await expect(fx.escrow.connect(fx.arbiter).resolveDispute(book.cleared, 0n, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(clearedId, Status.Cleared, Needs.disputed);
    await expect(fx.escrow.connect(fx.customsPK).rejectAtCustoms(book.cleared, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "UnexpectedStatus")
      .withArgs(clearedId, Status.Cleared, Needs.shipped);
    const foreign = fx.termsIn(fx.addresses.stc, {
      destination: CN,
      productId: TEA,
    });
    await shipped(fx, foreign);
    await expect(fx.escrow.connect(fx.customsPK).rejectAtCustoms(foreign, docHash("r")))
      .to.be.revertedWithCustomError(fx.escrow, "CallerNotCustomsAuthority")
      .withArgs(CN, fx.customsPK.address);
    // every admin lever pulled at once moves nothing
    await fx.escrow.connect(fx.admin).setFeeRecipient(fx.admin.address);
    await fx.escrow.connect(fx.admin).setFee(500);
    await fx.escrow.connect(fx.admin).setDefaultArbiter(fx.admin.address);
    await fx.escrow.connect(fx.admin).setTokenAllowed(fx.addresses.stc, false);
    await fx.escrow.connect(fx.admin).pause();
    await expect(fx.escrow.connect(fx.admin).collectFees(fx.addresses.stc))
      .to.be.revertedWithCustomError(fx.escrow, "NoFeesAccrued")
      .withArgs(fx.addresses.stc);
    expect(await fx.stc.balanceOf(fx.escrowAddress)).to.equal(escrowed + foreign.amount);
    // and the orders still close by their own rules, on their committed fee
    await fx.escrow.connect(fx.buyer).confirmReceipt(book.cleared);
    expect(await fx.escrow.accruedFees(fx.addresses.stc)).to.equal(split(book.cleared.amount).fee);
    await fx.escrow.connect(fx.arbiter).resolveDispute(book.inDispute, usd(1_000), docHash("r"));
    expect(await fx.escrow.claimable(fx.addresses.stc, fx.admin.address)).to.equal(0n);
  });

  it("1. a ruling and a customs rejection pay only the order's buyer, seller and fee pot", async function () {
    const fx = await loadFixture(hostileFixture);
    const book = await openBook(fx);
    const bystanders = [fx.admin, fx.arbiter, fx.customsPK, fx.feeRecipient, fx.stranger];
    await expect(
      fx.escrow.connect(fx.customsPK).rejectAtCustoms(book.shippedTea, docHash("no")),
    ).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.buyer, fx.seller, ...bystanders],
      [book.shippedTea.amount, 0n, 0n, 0n, 0n, 0n, 0n],
    );
    const buyerPart = usd(600);
    const { seller, fee } = split(book.inDispute.amount - buyerPart);
    await expect(
      fx.escrow.connect(fx.arbiter).resolveDispute(book.inDispute, buyerPart, docHash("r")),
    ).to.changeTokenBalances(
      ethers,
      fx.stc,
      [fx.buyer, fx.seller, fx.escrow, ...bystanders],
      [buyerPart, seller, -(buyerPart + seller), 0n, 0n, 0n, 0n, 0n],
    );
    expect(await fx.escrow.accruedFees(fx.addresses.stc)).to.equal(fee);
  });

  it("2. pause stops every way of creating an order, and nothing else", async function () {
    const fx = await loadFixture(hostileFixture);
    const book = await openBook(fx);
    await fx.escrow.connect(fx.admin).pause();
    const fresh = fx.termsIn(fx.addresses.stc);
    await expect(sendCreateOrder(fx, fresh)).to.be.revertedWithCustomError(
      fx.escrow,
      "NewOrdersArePaused",
    );
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .multicall([
          fx.escrow.interface.encodeFunctionData("createOrder", [fresh, await consent(fx, fresh)]),
        ]),
    ).to.be.revertedWithCustomError(fx.escrow, "NewOrdersArePaused");
    await expect(
      fx.escrow
        .connect(fx.buyer)
        .createOrderWithPermit(
          fresh,
          0n,
          0,
          ethers.ZeroHash,
          ethers.ZeroHash,
          await consent(fx, fresh),
        ),
    ).to.be.revertedWithCustomError(fx.escrow, "NewOrdersArePaused");
    await expect(
      fx.escrow
        .connect(fx.relayer)
        .createOrderWithAuthorization(fresh, 0n, 0n, "0x", await consent(fx, fresh)),
    ).to.be.revertedWithCustomError(fx.escrow, "NewOrdersArePaused");

    // every open order still moves and closes
    await fx.escrow.connect(fx.customsPK).clearCustoms(book.shippedTea, docHash("ok"));
    await fx.escrow.connect(fx.buyer).openDispute(book.shippedTea, docHash("e"));
    await fx.escrow.connect(fx.seller).proposeSettlement(book.shippedTea, usd(100));
    await fx.escrow.connect(fx.buyer).acceptSettlement(book.shippedTea, usd(100));
    await fx.escrow.connect(fx.seller).ship(book.funded, docHash("t"));
    await fx.escrow.connect(fx.seller).refund(book.funded, usd(1));
    await fx.escrow.connect(fx.buyer).confirmReceipt(book.funded);
    await fx.escrow.connect(fx.buyer).confirmReceipt(book.cleared);
    await time.increase(ARBITRATION_PERIOD);
    await fx.escrow.connect(fx.stranger).closeStaleDispute(book.inDispute);
    for (const terms of book.all)
      expect(await statusOf(fx, terms)).to.be.greaterThan(Status.Disputed);
    await fx.stc.blacklist(fx.seller.address);
    const late = fx.termsIn(fx.addresses.stc);
    await fx.escrow.connect(fx.admin).unpause();
    await shipped(fx, late);
    await fx.escrow.connect(fx.admin).pause();
    await fx.escrow.connect(fx.buyer).confirmReceipt(late);
    await fx.stc.unBlacklist(fx.seller.address);
    await fx.escrow.connect(fx.seller).withdraw(fx.addresses.stc);
    await fx.escrow.connect(fx.stranger).collectFees(fx.addresses.stc);
    expect(await fx.stc.balanceOf(fx.escrowAddress)).to.equal(0n);
  });

  it("3. every open order closes without any admin, arbiter or customs action, even with roles renounced", async function () {
    const fx = await loadFixture(hostileFixture);
    const book = await openBook(fx);
    const partly = fx.termsIn(fx.addresses.stc, {
      shipBy: BigInt(await time.latest()) + 2n * DAY,
    });
    await create(fx, partly);
    await fx.escrow.connect(fx.seller).refund(partly, usd(10));
    // the platform disappears: admin paused and renounced its pauser role, the token blocks the seller
    await fx.escrow.connect(fx.admin).pause();
    await fx.escrow.connect(fx.admin).renounceRole(await fx.escrow.PAUSER_ROLE(), fx.admin.address);
    await fx.stc.blacklist(fx.seller.address);
    // the held-at-customs order: customs never decides, after CUSTOMS_PERIOD a party disputes,
    // nobody rules
    await time.increase(CUSTOMS_PERIOD);
    await fx.escrow.connect(fx.buyer).openDispute(book.shippedTea, docHash("held"));
    await time.increase(ARBITRATION_PERIOD + 1000n * DAY);
    const s = fx.escrow.connect(fx.stranger);
    await s.refundUnshipped(book.funded);
    await s.refundUnshipped(partly);
    await s.releaseAfterTimeout(book.cleared);
    await s.closeStaleDispute(book.inDispute);
    await s.closeStaleDispute(book.shippedTea);
    const orders = [...book.all, partly];
    for (const terms of orders)
      expect(await statusOf(fx, terms)).to.be.greaterThan(Status.Disputed);
    expect(await fx.escrow.claimable(fx.addresses.stc, fx.seller.address)).to.be.greaterThan(0n);
    await expectBalanceEquation(fx, fx.addresses.stc, orders, [
      fx.seller.address,
      fx.buyer.address,
    ]);
    expect(await fx.stc.balanceOf(fx.escrowAddress)).to.equal(
      (await fx.escrow.claimable(fx.addresses.stc, fx.seller.address)) +
        (await fx.escrow.accruedFees(fx.addresses.stc)),
    );
  });

  it("4. balance == Σ open + Σ claimable + accrued fees after every step of a mixed book, per token", async function () {
    const fx = await loadFixture(hostileFixture);
    const accounts = [fx.seller.address, fx.buyer.address, fx.otherSeller.address];
    const orders: OrderTerms[] = [];
    const check = async () => {
      for (const token of [fx.addresses.stc, fx.addresses.usd, fx.addresses.falseToken]) {
        await expectBalanceEquation(fx, token, orders, accounts);
      }
    };
    const steps: ((t: string) => Promise<void>)[] = [
      async (t) => {
        const terms = fx.termsIn(t);
        orders.push(terms);
        await create(fx, terms);
        await check();
        await fx.escrow.connect(fx.seller).refund(terms, 7n);
        await check();
        await fx.escrow.connect(fx.buyer).cancel(terms);
      },
      async (t) => {
        const terms = fx.termsIn(t, { amount: 12_345_679n });
        orders.push(terms);
        await shipped(fx, terms);
        await check();
        await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("e"));
        await fx.escrow.connect(fx.seller).refund(terms, 3n);
        await check();
        await time.increase(ARBITRATION_PERIOD);
        await fx.escrow.connect(fx.stranger).closeStaleDispute(terms);
      },
      async (t) => {
        const terms = fx.termsIn(t, { productId: TEA });
        orders.push(terms);
        await shipped(fx, terms);
        await fx.escrow.connect(fx.customsPK).clearCustoms(terms, docHash("ok"));
        await check();
        await time.increase(terms.confirmWindow);
        await fx.escrow.connect(fx.stranger).releaseAfterTimeout(terms);
      },
    ];
    for (const t of [fx.addresses.stc, fx.addresses.usd, fx.addresses.falseToken]) {
      for (const step of steps) {
        await step(t);
        await check();
      }
    }
    // blacklisted / refusing recipients make the claimable part non-trivial
    const rejected = [fx.termsIn(fx.addresses.stc, { productId: TEA })];
    rejected.push(fx.termsIn(fx.addresses.falseToken, { productId: TEA }));
    const ruled = [fx.termsIn(fx.addresses.stc), fx.termsIn(fx.addresses.falseToken)];
    for (const terms of rejected) await shipped(fx, terms);
    for (const terms of ruled) await disputed(fx, terms);
    orders.push(...rejected, ...ruled);
    await check();
    await fx.stc.blacklist(fx.seller.address);
    await fx.falseToken.setRefused(fx.buyer.address, true);
    for (const terms of rejected) {
      await fx.escrow.connect(fx.customsPK).rejectAtCustoms(terms, docHash("no"));
      await check();
    }
    for (const terms of ruled) {
      await fx.escrow.connect(fx.arbiter).resolveDispute(terms, usd(1), docHash("r"));
      await check();
    }
    expect(await fx.escrow.claimable(fx.addresses.stc, fx.seller.address)).to.be.greaterThan(0n);
    expect(await fx.escrow.claimable(fx.addresses.falseToken, fx.buyer.address)).to.be.greaterThan(
      0n,
    );
  });

  it("5. accepts only exact transfers: short delivery and false returns both refuse the order", async function () {
    const fx = await loadFixture(hostileFixture);
    const short = fx.termsIn(fx.addresses.feeToken);
    await expect(sendCreateOrder(fx, short)).to.be.revertedWithCustomError(
      fx.escrow,
      "TransferAmountMismatch",
    );
    await fx.falseToken.setRefused(fx.buyer.address, true);
    const silent = fx.termsIn(fx.addresses.falseToken);
    await expect(sendCreateOrder(fx, silent)).to.be.revertedWithCustomError(
      fx.escrow,
      "SafeERC20FailedOperation",
    );
    for (const token of [fx.addresses.feeToken, fx.addresses.falseToken]) {
      const erc20 = await ethers.getContractAt("MockERC20", token);
      expect(await erc20.balanceOf(fx.escrowAddress)).to.equal(0n);
    }
  });
});
