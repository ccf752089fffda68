import { expect } from "chai";

import { docHash, ethers, networkHelpers, usd } from "../helpers/escrow.js";
import {
  CAP,
  FX_QUOTE_TYPES,
  cny,
  createFx,
  deployFeed,
  fxFixture,
  fxOrder,
  registryDomain,
} from "../helpers/fx.js";

const { loadFixture, time } = networkHelpers;

describe("TradeFxDesk admin", function () {
  it("lets only the settings escrow's default admin set caps and feeds (FxCallerNotAdmin)", async function () {
    const fx = await loadFixture(fxFixture);
    const feed = await deployFeed(8, 1n);
    for (const caller of [fx.stranger, fx.provider, fx.customsPK]) {
      await expect(
        fx.desk.connect(caller).setFxLimit(fx.provider.address, fx.addr.usd, fx.addr.cny, 1n),
      )
        .to.be.revertedWithCustomError(fx.desk, "FxCallerNotAdmin")
        .withArgs(caller.address);
      await expect(
        fx.desk
          .connect(caller)
          .setFxFeed(fx.addr.usd, fx.addr.cny, await feed.getAddress(), 60, 100),
      )
        .to.be.revertedWithCustomError(fx.desk, "FxCallerNotAdmin")
        .withArgs(caller.address);
    }
  });

  it("setFxLimit opens a line per provider and pair, updates its cap, and checks its arguments", async function () {
    const fx = await loadFixture(fxFixture);
    const byAdmin = fx.desk.connect(fx.admin);
    // the fixture opened line 1 (usd->cny) and line 2 (stc->cny) for `provider`
    await expect(byAdmin.setFxLimit(fx.provider2.address, fx.addr.usd, fx.addr.cny, 77n))
      .to.emit(fx.desk, "FxLimitSet")
      .withArgs(fx.provider2.address, fx.addr.usd, fx.addr.cny, 3n, 77n);
    await expect(byAdmin.setFxLimit(fx.provider.address, fx.addr.usd, fx.addr.cny, 5n))
      .to.emit(fx.desk, "FxLimitSet")
      .withArgs(fx.provider.address, fx.addr.usd, fx.addr.cny, 1n, 5n);
    expect(await fx.desk.fxLimitOf(fx.provider.address, fx.addr.usd, fx.addr.cny)).to.deep.equal([
      5n,
      0n,
    ]);
    expect(await fx.desk.fxLimitOf(fx.provider2.address, fx.addr.usd, fx.addr.cny)).to.deep.equal([
      77n,
      0n,
    ]);
    // the reverse pair is another line, not set
    expect(await fx.desk.fxLimitOf(fx.provider.address, fx.addr.cny, fx.addr.usd)).to.deep.equal([
      0n,
      0n,
    ]);
    expect(await fx.desk.lineOf(1)).to.deep.equal([fx.provider.address, fx.addr.usd, fx.addr.cny]);
    expect(await fx.desk.lineOf(2)).to.deep.equal([fx.provider.address, fx.addr.stc, fx.addr.cny]);
    expect(await fx.desk.lineOf(3)).to.deep.equal([fx.provider2.address, fx.addr.usd, fx.addr.cny]);
    const none = [ethers.ZeroAddress, ethers.ZeroAddress, ethers.ZeroAddress];
    expect(await fx.desk.lineOf(0)).to.deep.equal(none);
    expect(await fx.desk.lineOf(4)).to.deep.equal(none);
    expect(await fx.desk.lineOf(2 ** 32 - 1)).to.deep.equal(none);
    const zero = ethers.ZeroAddress;
    for (const args of [
      [zero, fx.addr.usd, fx.addr.cny],
      [fx.provider.address, zero, fx.addr.cny],
      [fx.provider.address, fx.addr.usd, zero],
    ] as const) {
      await expect(byAdmin.setFxLimit(...args, 1n)).to.be.revertedWithCustomError(
        fx.desk,
        "ZeroAddress",
      );
    }
    await expect(byAdmin.setFxLimit(fx.provider.address, fx.addr.usd, fx.addr.usd, 1n))
      .to.be.revertedWithCustomError(fx.desk, "FxSameCurrency")
      .withArgs(fx.addr.usd);
  });

  it("a zero cap stops the provider's new orders in the pair", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.desk.connect(fx.admin).setFxLimit(fx.provider.address, fx.addr.usd, fx.addr.cny, 0n);
    const order = await fxOrder(fx);
    await expect(
      fx.fxEscrow
        .connect(fx.buyer)
        .createFxOrder(order.terms, order.quote, order.quoteSig, order.consentSig),
    )
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxExposureOverCap")
      .withArgs(fx.provider.address, order.quote.payoutAmount, 0n);
  });

  it("setFxFeed sets, reports and removes a pair's feed, and checks its arguments", async function () {
    const fx = await loadFixture(fxFixture);
    const byAdmin = fx.desk.connect(fx.admin);
    const feed = await deployFeed(8, 710_000_000n);
    const feedAddress = await feed.getAddress();
    expect(await fx.desk.fxFeedOf(fx.addr.usd, fx.addr.cny)).to.deep.equal([
      ethers.ZeroAddress,
      0n,
      0n,
    ]);
    await expect(fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, 1n))
      .to.be.revertedWithCustomError(fx.desk, "FxFeedNotSet")
      .withArgs(fx.addr.usd, fx.addr.cny);
    await expect(byAdmin.setFxFeed(fx.addr.usd, fx.addr.cny, feedAddress, 60, 10_000))
      .to.emit(fx.desk, "FxFeedSet")
      .withArgs(fx.addr.usd, fx.addr.cny, feedAddress, 60n, 10_000n);
    expect(await fx.desk.fxFeedOf(fx.addr.usd, fx.addr.cny)).to.deep.equal([
      feedAddress,
      60n,
      10_000n,
    ]);
    // per direction: the reverse pair has no feed
    expect((await fx.desk.fxFeedOf(fx.addr.cny, fx.addr.usd))[0]).to.equal(ethers.ZeroAddress);
    for (const [maxAge, dev] of [
      [0, 100],
      [60, 10_001],
    ]) {
      await expect(byAdmin.setFxFeed(fx.addr.usd, fx.addr.cny, feedAddress, maxAge, dev))
        .to.be.revertedWithCustomError(fx.desk, "FxFeedSettingInvalid")
        .withArgs(maxAge, dev);
    }
    await expect(
      byAdmin.setFxFeed(ethers.ZeroAddress, fx.addr.cny, feedAddress, 60, 1),
    ).to.be.revertedWithCustomError(fx.desk, "ZeroAddress");
    await expect(
      byAdmin.setFxFeed(fx.addr.usd, ethers.ZeroAddress, feedAddress, 60, 1),
    ).to.be.revertedWithCustomError(fx.desk, "ZeroAddress");
    await expect(byAdmin.setFxFeed(fx.addr.cny, fx.addr.cny, feedAddress, 60, 1))
      .to.be.revertedWithCustomError(fx.desk, "FxSameCurrency")
      .withArgs(fx.addr.cny);
    // feed zero removes it (whatever the other arguments)
    await expect(byAdmin.setFxFeed(fx.addr.usd, fx.addr.cny, ethers.ZeroAddress, 5, 5))
      .to.emit(fx.desk, "FxFeedSet")
      .withArgs(fx.addr.usd, fx.addr.cny, ethers.ZeroAddress, 0n, 0n);
    expect(await fx.desk.fxFeedOf(fx.addr.usd, fx.addr.cny)).to.deep.equal([
      ethers.ZeroAddress,
      0n,
      0n,
    ]);
    await expect(fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, 1n))
      .to.be.revertedWithCustomError(fx.desk, "FxFeedNotSet")
      .withArgs(fx.addr.usd, fx.addr.cny);
  });
});

describe("TradeFxDesk.referencePayout (decimals scaling)", function () {
  it("scales up: usd (6) -> cny (18) with an 8-decimal feed multiplies by 10^4", async function () {
    const fx = await loadFixture(fxFixture);
    const feed = await deployFeed(8, 710_000_000n); // 7.1 cny per usd
    await fx.desk
      .connect(fx.admin)
      .setFxFeed(fx.addr.usd, fx.addr.cny, await feed.getAddress(), 60, 100);
    expect(await fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, usd(1_000))).to.equal(
      cny(7_100),
    );
    expect(await fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, 1n)).to.equal(
      710_000_000n * 10_000n,
    );
  });

  it("scales by one: a 12-decimal feed on usd -> cny", async function () {
    const fx = await loadFixture(fxFixture);
    const feed = await deployFeed(12, 7_100_000_000_000n);
    await fx.desk
      .connect(fx.admin)
      .setFxFeed(fx.addr.usd, fx.addr.cny, await feed.getAddress(), 60, 100);
    expect(await fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, 3n)).to.equal(
      3n * 7_100_000_000_000n,
    );
  });

  it("scales down: cny (18) -> usd (6) with an 8-decimal feed divides by 10^20, rounding down", async function () {
    const fx = await loadFixture(fxFixture);
    const answer = 14_084_507n; // 0.14084507 usd per cny
    const feed = await deployFeed(8, answer);
    await fx.desk
      .connect(fx.admin)
      .setFxFeed(fx.addr.cny, fx.addr.usd, await feed.getAddress(), 60, 100);
    expect(await fx.desk.referencePayout(fx.addr.cny, fx.addr.usd, cny(1_000))).to.equal(
      (cny(1_000) * answer) / 10n ** 20n,
    );
    expect(await fx.desk.referencePayout(fx.addr.cny, fx.addr.usd, cny(1_000))).to.equal(
      140_845_070n,
    );
    expect(await fx.desk.referencePayout(fx.addr.cny, fx.addr.usd, 10n ** 12n - 1n)).to.equal(0n);
  });

  it("refuses a stale or non-positive answer as a quote would meet it", async function () {
    const fx = await loadFixture(fxFixture);
    const feed = await deployFeed(8, 710_000_000n);
    const feedAddress = await feed.getAddress();
    await fx.desk.connect(fx.admin).setFxFeed(fx.addr.usd, fx.addr.cny, feedAddress, 60, 100);
    const updatedAt = BigInt(await time.latest()) - 61n;
    await feed.setAnswer(710_000_000n, updatedAt);
    await expect(fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, 1n))
      .to.be.revertedWithCustomError(fx.desk, "FxFeedStale")
      .withArgs(feedAddress, updatedAt, 60n);
    await feed.setAnswer(-5n, BigInt(await time.latest()));
    await expect(fx.desk.referencePayout(fx.addr.usd, fx.addr.cny, 1n))
      .to.be.revertedWithCustomError(fx.desk, "FxFeedInvalid")
      .withArgs(feedAddress, -5n);
  });
});

describe("TradeFxDesk escrow-only calls and TradeFxEscrow views", function () {
  it("lets only the FX escrow admit and release (CallerNotEscrow)", async function () {
    const fx = await loadFixture(fxFixture);
    expect(await fx.desk.escrow()).to.equal(fx.addr.fx);
    for (const caller of [fx.admin, fx.provider, fx.stranger]) {
      await expect(
        fx.desk
          .connect(caller)
          .admit(ethers.ZeroHash, fx.provider.address, fx.addr.usd, fx.addr.cny, 1n, 1n),
      )
        .to.be.revertedWithCustomError(fx.registry, "CallerNotEscrow")
        .withArgs(caller.address);
      await expect(fx.desk.connect(caller).release(1, 0n))
        .to.be.revertedWithCustomError(fx.registry, "CallerNotEscrow")
        .withArgs(caller.address);
    }
  });

  it("reports its settings escrow, desk, legs and quote digest", async function () {
    const fx = await loadFixture(fxFixture);
    expect(await fx.fxEscrow.settingsEscrow()).to.equal(fx.addr.escrow);
    expect(await fx.fxEscrow.fxDesk()).to.equal(fx.addr.desk);
    expect(await fx.fxEscrow.registry()).to.equal(await fx.registry.getAddress());
    expect(await fx.fxEscrow.legOf(ethers.ZeroHash)).to.deep.equal([
      ethers.ZeroAddress,
      ethers.ZeroAddress,
      0n,
    ]);
    expect(await fx.fxEscrow.FX_QUOTE_TYPEHASH()).to.equal(
      ethers.id(
        "FxQuote(address escrow,address provider,address payToken,uint256 payAmount,address payoutToken,uint256 payoutAmount,bytes32 orderId,uint64 expiry)",
      ),
    );
    const order = await createFx(fx);
    expect(await fx.fxEscrow.legOf(order.orderId)).to.deep.equal([
      fx.provider.address,
      fx.addr.cny,
      order.quote.payoutAmount,
    ]);
    // the registry's digest of the quote's struct hash is the EIP-712 hash ethers signs
    const value = { ...order.quote, escrow: fx.addr.fx };
    const structHash = ethers.TypedDataEncoder.hashStruct("FxQuote", FX_QUOTE_TYPES, value);
    expect(await fx.registry.fxQuoteDigest(structHash)).to.equal(
      ethers.TypedDataEncoder.hash(await registryDomain(fx.registry), FX_QUOTE_TYPES, value),
    );
    // consent digests name this escrow
    expect(await fx.fxEscrow.sellerConsentDigest(order.orderId)).to.equal(
      await fx.registry.sellerConsentDigest(fx.addr.fx, order.orderId),
    );
  });
});

describe("TradeFxEscrow.deposit", function () {
  it("adds to an active provider's balance, which it withdraws at any time", async function () {
    const fx = await loadFixture(fxFixture);
    const amount = cny(3) + 1n;
    const tx = fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, amount);
    await expect(tx)
      .to.emit(fx.fxEscrow, "FxDeposited")
      .withArgs(fx.addr.cny, fx.provider.address, amount);
    await expect(tx).to.changeTokenBalances(
      ethers,
      fx.cny,
      [fx.provider, fx.fxEscrow],
      [-amount, amount],
    );
    await fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, 1n);
    expect(await fx.fxEscrow.claimable(fx.addr.cny, fx.provider.address)).to.equal(amount + 1n);
    await expect(fx.fxEscrow.connect(fx.provider).withdraw(fx.addr.cny))
      .to.emit(fx.fxEscrow, "Withdrawn")
      .withArgs(fx.addr.cny, fx.provider.address, amount + 1n);
    expect(await fx.cny.balanceOf(fx.addr.fx)).to.equal(0n);
    await expect(fx.fxEscrow.connect(fx.provider).withdraw(fx.addr.cny))
      .to.be.revertedWithCustomError(fx.fxEscrow, "NothingToWithdraw")
      .withArgs(fx.addr.cny, fx.provider.address);
  });

  it("refuses a non-provider, a suspended provider, a token not allowlisted and a zero amount", async function () {
    const fx = await loadFixture(fxFixture);
    await fx.cny.mint(fx.stranger.address, 10n);
    await fx.cny.connect(fx.stranger).approve(fx.addr.fx, 10n);
    for (const who of [fx.stranger, fx.seller]) {
      await expect(fx.fxEscrow.connect(who).deposit(fx.addr.cny, 1n))
        .to.be.revertedWithCustomError(fx.fxEscrow, "FxProviderNotActive")
        .withArgs(who.address);
    }
    const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
    await expect(fx.fxEscrow.connect(fx.provider).deposit(await other.getAddress(), 1n))
      .to.be.revertedWithCustomError(fx.fxEscrow, "TokenNotAllowed")
      .withArgs(await other.getAddress());
    await expect(fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, 0n))
      .to.be.revertedWithCustomError(fx.fxEscrow, "InvalidAmount")
      .withArgs(0n);
    await fx.registry.suspendParticipant(fx.provider.address, docHash("suspended"));
    await expect(fx.fxEscrow.connect(fx.provider).deposit(fx.addr.cny, 1n))
      .to.be.revertedWithCustomError(fx.fxEscrow, "FxProviderNotActive")
      .withArgs(fx.provider.address);
    expect(await fx.cny.balanceOf(fx.addr.fx)).to.equal(0n);
    expect(CAP).to.equal(cny(1_000_000));
  });
});
