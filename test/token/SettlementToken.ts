import { expect } from "chai";
import { network } from "hardhat";

import {
  ALICE_BALANCE,
  BOB_BALANCE,
  MINTER_ALLOWANCE,
  TOKEN_CURRENCY,
  TOKEN_DECIMALS,
  TOKEN_NAME,
  TOKEN_SYMBOL,
  WALLET_BALANCE,
  deployTokenFixture,
  usd,
} from "../helpers/token.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

const ZERO = ethers.ZeroAddress;
const MAX_UINT = ethers.MaxUint256;
const MAX_SUPPLY = (1n << 255n) - 1n;
const TOTAL_FUNDED = ALICE_BALANCE + BOB_BALANCE + WALLET_BALANCE;
const TWO_DAYS = 2n * 24n * 60n * 60n;

async function fixture() {
  return loadFixture(deployTokenFixture);
}

describe("SettlementToken.constructor", function () {
  it("sets name, symbol, decimals, currency and the delayed default admin", async function () {
    const { token, admin } = await fixture();
    expect(await token.name()).to.equal(TOKEN_NAME);
    expect(await token.symbol()).to.equal(TOKEN_SYMBOL);
    expect(await token.decimals()).to.equal(TOKEN_DECIMALS);
    expect(await token.currency()).to.equal(TOKEN_CURRENCY);
    expect(await token.defaultAdmin()).to.equal(admin.address);
    expect(await token.owner()).to.equal(admin.address);
    expect(await token.defaultAdminDelay()).to.equal(await token.ADMIN_TRANSFER_DELAY());
    expect(await token.ADMIN_TRANSFER_DELAY()).to.equal(TWO_DAYS);
    expect(await token.paused()).to.equal(false);
  });

  it("takes any decimals and currency, e.g. an 18-decimal CNY token", async function () {
    const { admin } = await fixture();
    const cny = await ethers.deployContract("SettlementToken", [
      "TradeChain CNY",
      "tcCNY",
      18,
      "CNY",
      admin.address,
    ]);
    expect(await cny.decimals()).to.equal(18n);
    expect(await cny.currency()).to.equal("CNY");
    expect(await cny.totalSupply()).to.equal(0n);
  });

  it("reverts with AccessControlInvalidDefaultAdmin for a zero admin", async function () {
    const { token } = await fixture();
    await expect(ethers.deployContract("SettlementToken", ["X", "X", 6, "USD", ZERO]))
      .to.be.revertedWithCustomError(token, "AccessControlInvalidDefaultAdmin")
      .withArgs(ZERO);
  });

  it("exposes the role constants as the keccak256 of their names", async function () {
    const { token } = await fixture();
    for (const role of ["MASTER_MINTER_ROLE", "PAUSER_ROLE", "BLACKLISTER_ROLE", "RESCUER_ROLE"]) {
      const getter = token.getFunction(role);
      expect(await getter()).to.equal(ethers.id(role));
    }
    expect(await token.MAX_SUPPLY()).to.equal(MAX_SUPPLY);
  });

  it("supports the ERC-165 ids of AccessControl and AccessControlDefaultAdminRules", async function () {
    const { token } = await fixture();
    expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
    expect(await token.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
    expect(await token.supportsInterface("0x31498786")).to.equal(true); // IAccessControlDefaultAdminRules
    expect(await token.supportsInterface("0xffffffff")).to.equal(false);
  });
});

describe("SettlementToken roles", function () {
  it("lets the admin grant and revoke each role, emitting RoleGranted/RoleRevoked", async function () {
    const { token, admin, carol } = await fixture();
    const role = await token.PAUSER_ROLE();
    await expect(token.grantRole(role, carol.address))
      .to.emit(token, "RoleGranted")
      .withArgs(role, carol.address, admin.address);
    expect(await token.hasRole(role, carol.address)).to.equal(true);
    await expect(token.revokeRole(role, carol.address))
      .to.emit(token, "RoleRevoked")
      .withArgs(role, carol.address, admin.address);
    expect(await token.hasRole(role, carol.address)).to.equal(false);
  });

  it("rejects role grants from anyone but the admin", async function () {
    const { token, masterMinter, carol } = await fixture();
    const role = await token.PAUSER_ROLE();
    await expect(token.connect(masterMinter).grantRole(role, carol.address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(masterMinter.address, await token.DEFAULT_ADMIN_ROLE());
  });

  it("refuses to grant the default admin role directly", async function () {
    const { token, carol } = await fixture();
    await expect(
      token.grantRole(await token.DEFAULT_ADMIN_ROLE(), carol.address),
    ).to.be.revertedWithCustomError(token, "AccessControlEnforcedDefaultAdminRules");
  });
});

describe("SettlementToken admin transfer", function () {
  it("hands the admin over in two steps, only after the delay", async function () {
    const { token, admin, carol } = await fixture();
    const tx = token.beginDefaultAdminTransfer(carol.address);
    const start = BigInt(await time.latest()) + 1n;
    await expect(tx)
      .to.emit(token, "DefaultAdminTransferScheduled")
      .withArgs(carol.address, start + TWO_DAYS);

    const [pending, schedule] = await token.pendingDefaultAdmin();
    expect(pending).to.equal(carol.address);
    expect(schedule).to.equal(start + TWO_DAYS);

    await expect(token.connect(carol).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(token, "AccessControlEnforcedDefaultAdminDelay")
      .withArgs(schedule);

    await time.increaseTo(schedule + 1n);
    const adminRole = await token.DEFAULT_ADMIN_ROLE();
    await expect(token.connect(carol).acceptDefaultAdminTransfer())
      .to.emit(token, "RoleRevoked")
      .withArgs(adminRole, admin.address, carol.address)
      .and.to.emit(token, "RoleGranted")
      .withArgs(adminRole, carol.address, carol.address);
    expect(await token.defaultAdmin()).to.equal(carol.address);
    expect(await token.hasRole(adminRole, admin.address)).to.equal(false);
  });

  it("accepts only the pending admin", async function () {
    const { token, carol, outsider } = await fixture();
    await token.beginDefaultAdminTransfer(carol.address);
    await time.increase(TWO_DAYS + 1n);
    await expect(token.connect(outsider).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(token, "AccessControlInvalidDefaultAdmin")
      .withArgs(outsider.address);
  });

  it("lets the admin cancel a pending transfer", async function () {
    const { token, carol } = await fixture();
    await token.beginDefaultAdminTransfer(carol.address);
    await expect(token.cancelDefaultAdminTransfer()).to.emit(token, "DefaultAdminTransferCanceled");
    await time.increase(TWO_DAYS + 1n);
    await expect(token.connect(carol).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(token, "AccessControlInvalidDefaultAdmin")
      .withArgs(carol.address);
  });

  it("rejects a transfer begun by a non-admin", async function () {
    const { token, pauser, carol } = await fixture();
    await expect(token.connect(pauser).beginDefaultAdminTransfer(carol.address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(pauser.address, await token.DEFAULT_ADMIN_ROLE());
  });
});

describe("SettlementToken.configureMinter", function () {
  it("enables a minter with an allowance and emits MinterConfigured", async function () {
    const { token, masterMinter, carol } = await fixture();
    expect(await token.isMinter(carol.address)).to.equal(false);
    await expect(token.connect(masterMinter).configureMinter(carol.address, usd("50")))
      .to.emit(token, "MinterConfigured")
      .withArgs(carol.address, usd("50"));
    expect(await token.isMinter(carol.address)).to.equal(true);
    expect(await token.minterAllowance(carol.address)).to.equal(usd("50"));
  });

  it("replaces (does not add to) an existing allowance", async function () {
    const { token, masterMinter, minter } = await fixture();
    await token.connect(masterMinter).configureMinter(minter.address, usd("7"));
    expect(await token.minterAllowance(minter.address)).to.equal(usd("7"));
  });

  it("accepts an allowance of zero and of the supply cap", async function () {
    const { token, masterMinter, carol, bob } = await fixture();
    await token.connect(masterMinter).configureMinter(carol.address, 0n);
    expect(await token.isMinter(carol.address)).to.equal(true);
    expect(await token.minterAllowance(carol.address)).to.equal(0n);
    await token.connect(masterMinter).configureMinter(bob.address, MAX_SUPPLY);
    expect(await token.minterAllowance(bob.address)).to.equal(MAX_SUPPLY);
  });

  it("rejects an allowance above the supply cap with MinterAllowanceTooLarge", async function () {
    const { token, masterMinter, carol } = await fixture();
    await expect(token.connect(masterMinter).configureMinter(carol.address, MAX_SUPPLY + 1n))
      .to.be.revertedWithCustomError(token, "MinterAllowanceTooLarge")
      .withArgs(MAX_SUPPLY + 1n, MAX_SUPPLY);
  });

  it("rejects callers without the master-minter role, the admin included", async function () {
    const { token, admin, minter, carol } = await fixture();
    const role = await token.MASTER_MINTER_ROLE();
    for (const caller of [admin, minter]) {
      await expect(token.connect(caller).configureMinter(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, role);
    }
  });
});

describe("SettlementToken.removeMinter", function () {
  it("disables the minter, zeroes its allowance and emits MinterRemoved", async function () {
    const { token, masterMinter, minter, carol } = await fixture();
    await expect(token.connect(masterMinter).removeMinter(minter.address))
      .to.emit(token, "MinterRemoved")
      .withArgs(minter.address);
    expect(await token.isMinter(minter.address)).to.equal(false);
    expect(await token.minterAllowance(minter.address)).to.equal(0n);
    await expect(token.connect(minter).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "CallerNotMinter")
      .withArgs(minter.address);
  });

  it("rejects callers without the master-minter role", async function () {
    const { token, pauser, minter } = await fixture();
    await expect(token.connect(pauser).removeMinter(minter.address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(pauser.address, await token.MASTER_MINTER_ROLE());
  });
});

describe("SettlementToken.mint", function () {
  it("mints within the allowance, reduces it and emits Mint and Transfer", async function () {
    const { token, minter, carol } = await fixture();
    const before = await token.minterAllowance(minter.address);
    const tx = token.connect(minter).mint(carol.address, usd("25"));
    await expect(tx).to.emit(token, "Mint").withArgs(minter.address, carol.address, usd("25"));
    await expect(tx).to.emit(token, "Transfer").withArgs(ZERO, carol.address, usd("25"));
    await expect(tx).to.changeTokenBalance(ethers, token, carol, usd("25"));
    expect(await token.minterAllowance(minter.address)).to.equal(before - usd("25"));
    expect(await token.totalSupply()).to.equal(TOTAL_FUNDED + usd("25"));
  });

  it("returns true, as USDC's mint does", async function () {
    const { token, minter, carol } = await fixture();
    expect(await token.connect(minter).mint.staticCall(carol.address, 1n)).to.equal(true);
  });

  it("mints exactly the whole remaining allowance", async function () {
    const { token, minter, carol } = await fixture();
    await token.connect(minter).mint(carol.address, MINTER_ALLOWANCE);
    expect(await token.minterAllowance(minter.address)).to.equal(0n);
    expect(await token.isMinter(minter.address)).to.equal(true);
  });

  it("rejects more than the allowance with MinterAllowanceExceeded", async function () {
    const { token, minter, carol } = await fixture();
    await expect(token.connect(minter).mint(carol.address, MINTER_ALLOWANCE + 1n))
      .to.be.revertedWithCustomError(token, "MinterAllowanceExceeded")
      .withArgs(minter.address, MINTER_ALLOWANCE, MINTER_ALLOWANCE + 1n);
  });

  it("rejects non-minters, role holders included, with CallerNotMinter", async function () {
    const { token, masterMinter, admin, carol } = await fixture();
    for (const caller of [masterMinter, admin, carol]) {
      await expect(token.connect(caller).mint(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "CallerNotMinter")
        .withArgs(caller.address);
    }
  });

  it("rejects minting to the zero address with ERC20InvalidReceiver", async function () {
    const { token, minter } = await fixture();
    await expect(token.connect(minter).mint(ZERO, 1n))
      .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
      .withArgs(ZERO);
  });

  it("rejects minting to a blacklisted account", async function () {
    const { token, minter, blacklister, carol } = await fixture();
    await token.connect(blacklister).blacklist(carol.address);
    await expect(token.connect(minter).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(carol.address);
  });

  it("rejects a blacklisted minter", async function () {
    const { token, minter, blacklister, carol } = await fixture();
    await token.connect(blacklister).blacklist(minter.address);
    await expect(token.connect(minter).mint(carol.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(minter.address);
  });

  it("rejects minting while paused", async function () {
    const { token, minter, pauser, carol } = await fixture();
    await token.connect(pauser).pause();
    await expect(token.connect(minter).mint(carol.address, 1n)).to.be.revertedWithCustomError(
      token,
      "TokenPaused",
    );
  });

  it("rejects minting past the supply cap with SupplyCapExceeded", async function () {
    const { token, masterMinter, carol } = await fixture();
    await token.connect(masterMinter).configureMinter(carol.address, MAX_SUPPLY);
    const room = MAX_SUPPLY - TOTAL_FUNDED;
    await expect(token.connect(carol).mint(carol.address, room + 1n))
      .to.be.revertedWithCustomError(token, "SupplyCapExceeded")
      .withArgs(TOTAL_FUNDED, room + 1n, MAX_SUPPLY);
    await token.connect(carol).mint(carol.address, room);
    expect(await token.totalSupply()).to.equal(MAX_SUPPLY);
    expect(await token.isBlacklisted(carol.address)).to.equal(false);
  });
});

describe("SettlementToken.burn", function () {
  it("burns the minter's own balance and emits Burn and Transfer", async function () {
    const { token, minter, alice } = await fixture();
    await token.connect(alice).transfer(minter.address, usd("40"));
    const tx = token.connect(minter).burn(usd("15"));
    await expect(tx).to.emit(token, "Burn").withArgs(minter.address, usd("15"));
    await expect(tx).to.emit(token, "Transfer").withArgs(minter.address, ZERO, usd("15"));
    await expect(tx).to.changeTokenBalance(ethers, token, minter, -usd("15"));
    expect(await token.totalSupply()).to.equal(TOTAL_FUNDED - usd("15"));
  });

  it("does not touch the minter allowance", async function () {
    const { token, minter, alice } = await fixture();
    await token.connect(alice).transfer(minter.address, usd("1"));
    const before = await token.minterAllowance(minter.address);
    await token.connect(minter).burn(usd("1"));
    expect(await token.minterAllowance(minter.address)).to.equal(before);
  });

  it("rejects burning more than the balance with ERC20InsufficientBalance", async function () {
    const { token, minter, alice } = await fixture();
    await token.connect(alice).transfer(minter.address, usd("1"));
    await expect(token.connect(minter).burn(usd("2")))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
      .withArgs(minter.address, usd("1"), usd("2"));
  });

  it("rejects non-minters with CallerNotMinter", async function () {
    const { token, alice } = await fixture();
    await expect(token.connect(alice).burn(1n))
      .to.be.revertedWithCustomError(token, "CallerNotMinter")
      .withArgs(alice.address);
  });

  it("rejects a blacklisted minter", async function () {
    const { token, minter, alice, blacklister } = await fixture();
    await token.connect(alice).transfer(minter.address, usd("1"));
    await token.connect(blacklister).blacklist(minter.address);
    await expect(token.connect(minter).burn(1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(minter.address);
  });

  it("rejects burning while paused", async function () {
    const { token, minter, alice, pauser } = await fixture();
    await token.connect(alice).transfer(minter.address, usd("1"));
    await token.connect(pauser).pause();
    await expect(token.connect(minter).burn(1n)).to.be.revertedWithCustomError(
      token,
      "TokenPaused",
    );
  });
});

describe("SettlementToken.transfer", function () {
  it("moves the balance and emits Transfer", async function () {
    const { token, alice, bob } = await fixture();
    const tx = token.connect(alice).transfer(bob.address, usd("10"));
    await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, bob.address, usd("10"));
    await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-usd("10"), usd("10")]);
    expect(await token.totalSupply()).to.equal(TOTAL_FUNDED);
  });

  it("moves the whole balance, and to oneself without changing it", async function () {
    const { token, alice, carol } = await fixture();
    await expect(token.connect(alice).transfer(alice.address, ALICE_BALANCE)).to.changeTokenBalance(
      ethers,
      token,
      alice,
      0n,
    );
    await token.connect(alice).transfer(carol.address, ALICE_BALANCE);
    expect(await token.balanceOf(alice.address)).to.equal(0n);
    expect(await token.balanceOf(carol.address)).to.equal(ALICE_BALANCE);
  });

  it("rejects more than the balance with ERC20InsufficientBalance", async function () {
    const { token, alice, bob } = await fixture();
    await expect(token.connect(alice).transfer(bob.address, ALICE_BALANCE + 1n))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
      .withArgs(alice.address, ALICE_BALANCE, ALICE_BALANCE + 1n);
  });

  it("rejects the zero address as recipient with ERC20InvalidReceiver", async function () {
    const { token, alice } = await fixture();
    await expect(token.connect(alice).transfer(ZERO, 1n))
      .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
      .withArgs(ZERO);
  });

  it("rejects a blacklisted sender and a blacklisted recipient", async function () {
    const { token, alice, bob, blacklister } = await fixture();
    await token.connect(blacklister).blacklist(alice.address);
    await expect(token.connect(alice).transfer(bob.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(alice.address);
    await expect(token.connect(bob).transfer(alice.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(alice.address);
  });

  it("rejects transfers while paused and allows them again after unpause", async function () {
    const { token, alice, bob, pauser } = await fixture();
    await token.connect(pauser).pause();
    await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(
      token,
      "TokenPaused",
    );
    await token.connect(pauser).unpause();
    await expect(token.connect(alice).transfer(bob.address, 1n)).to.changeTokenBalance(
      ethers,
      token,
      bob,
      1n,
    );
  });
});

describe("SettlementToken.approve", function () {
  it("sets the allowance and emits Approval", async function () {
    const { token, alice, spender } = await fixture();
    await expect(token.connect(alice).approve(spender.address, usd("30")))
      .to.emit(token, "Approval")
      .withArgs(alice.address, spender.address, usd("30"));
    expect(await token.allowance(alice.address, spender.address)).to.equal(usd("30"));
  });

  it("rejects the zero address as spender with ERC20InvalidSpender", async function () {
    const { token, alice } = await fixture();
    await expect(token.connect(alice).approve(ZERO, 1n))
      .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
      .withArgs(ZERO);
  });

  it("rejects a blacklisted owner and a blacklisted spender", async function () {
    const { token, alice, spender, blacklister } = await fixture();
    await token.connect(blacklister).blacklist(spender.address);
    await expect(token.connect(alice).approve(spender.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(spender.address);
    await expect(token.connect(spender).approve(alice.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(spender.address);
  });

  it("rejects approvals while paused", async function () {
    const { token, alice, spender, pauser } = await fixture();
    await token.connect(pauser).pause();
    await expect(token.connect(alice).approve(spender.address, 1n)).to.be.revertedWithCustomError(
      token,
      "TokenPaused",
    );
  });
});

describe("SettlementToken.transferFrom", function () {
  it("moves the balance out of a finite allowance and reduces it", async function () {
    const { token, alice, bob, spender } = await fixture();
    await token.connect(alice).approve(spender.address, usd("30"));
    const tx = token.connect(spender).transferFrom(alice.address, bob.address, usd("20"));
    await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, bob.address, usd("20"));
    await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-usd("20"), usd("20")]);
    expect(await token.allowance(alice.address, spender.address)).to.equal(usd("10"));
  });

  it("leaves an unlimited allowance unlimited", async function () {
    const { token, alice, bob, spender } = await fixture();
    await token.connect(alice).approve(spender.address, MAX_UINT);
    await token.connect(spender).transferFrom(alice.address, bob.address, usd("20"));
    expect(await token.allowance(alice.address, spender.address)).to.equal(MAX_UINT);
  });

  it("rejects more than the allowance with ERC20InsufficientAllowance", async function () {
    const { token, alice, bob, spender } = await fixture();
    await token.connect(alice).approve(spender.address, usd("5"));
    await expect(token.connect(spender).transferFrom(alice.address, bob.address, usd("6")))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
      .withArgs(spender.address, usd("5"), usd("6"));
  });

  it("rejects more than the balance with ERC20InsufficientBalance", async function () {
    const { token, alice, bob, spender } = await fixture();
    await token.connect(alice).approve(spender.address, MAX_UINT);
    await expect(
      token.connect(spender).transferFrom(alice.address, bob.address, ALICE_BALANCE + 1n),
    )
      .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
      .withArgs(alice.address, ALICE_BALANCE, ALICE_BALANCE + 1n);
  });

  it("rejects a blacklisted spender even with an unlimited allowance", async function () {
    const { token, alice, bob, spender, blacklister } = await fixture();
    await token.connect(alice).approve(spender.address, MAX_UINT);
    await token.connect(blacklister).blacklist(spender.address);
    await expect(token.connect(spender).transferFrom(alice.address, bob.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(spender.address);
  });

  it("rejects a blacklisted holder and a blacklisted recipient", async function () {
    const { token, alice, bob, spender, blacklister } = await fixture();
    await token.connect(alice).approve(spender.address, MAX_UINT);
    await token.connect(bob).approve(spender.address, MAX_UINT);
    await token.connect(blacklister).blacklist(alice.address);
    await expect(token.connect(spender).transferFrom(alice.address, bob.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(alice.address);
    await expect(token.connect(spender).transferFrom(bob.address, alice.address, 1n))
      .to.be.revertedWithCustomError(token, "AccountBlacklisted")
      .withArgs(alice.address);
  });

  it("rejects transferFrom while paused", async function () {
    const { token, alice, bob, spender, pauser } = await fixture();
    await token.connect(alice).approve(spender.address, MAX_UINT);
    await token.connect(pauser).pause();
    await expect(
      token.connect(spender).transferFrom(alice.address, bob.address, 1n),
    ).to.be.revertedWithCustomError(token, "TokenPaused");
  });
});

describe("SettlementToken.blacklist", function () {
  it("freezes an account, keeps its balance and emits Blacklisted", async function () {
    const { token, blacklister, alice } = await fixture();
    await expect(token.connect(blacklister).blacklist(alice.address))
      .to.emit(token, "Blacklisted")
      .withArgs(alice.address);
    expect(await token.isBlacklisted(alice.address)).to.equal(true);
    expect(await token.balanceOf(alice.address)).to.equal(ALICE_BALANCE);
    expect(await token.totalSupply()).to.equal(TOTAL_FUNDED);
  });

  it("is idempotent", async function () {
    const { token, blacklister, alice } = await fixture();
    await token.connect(blacklister).blacklist(alice.address);
    await token.connect(blacklister).blacklist(alice.address);
    expect(await token.isBlacklisted(alice.address)).to.equal(true);
    expect(await token.balanceOf(alice.address)).to.equal(ALICE_BALANCE);
  });

  it("rejects callers without the blacklister role", async function () {
    const { token, admin, alice } = await fixture();
    await expect(token.connect(admin).blacklist(alice.address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(admin.address, await token.BLACKLISTER_ROLE());
  });
});

describe("SettlementToken.unBlacklist", function () {
  it("unfreezes the account with its balance intact and emits UnBlacklisted", async function () {
    const { token, blacklister, alice, bob } = await fixture();
    await token.connect(blacklister).blacklist(alice.address);
    await expect(token.connect(blacklister).unBlacklist(alice.address))
      .to.emit(token, "UnBlacklisted")
      .withArgs(alice.address);
    expect(await token.isBlacklisted(alice.address)).to.equal(false);
    expect(await token.balanceOf(alice.address)).to.equal(ALICE_BALANCE);
    await expect(token.connect(alice).transfer(bob.address, ALICE_BALANCE)).to.changeTokenBalance(
      ethers,
      token,
      bob,
      ALICE_BALANCE,
    );
  });

  it("rejects callers without the blacklister role", async function () {
    const { token, pauser, alice } = await fixture();
    await expect(token.connect(pauser).unBlacklist(alice.address))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(pauser.address, await token.BLACKLISTER_ROLE());
  });
});

describe("SettlementToken.pause / unpause", function () {
  it("pauses and unpauses, emitting Paused/Unpaused with the pauser", async function () {
    const { token, pauser } = await fixture();
    await expect(token.connect(pauser).pause()).to.emit(token, "Paused").withArgs(pauser.address);
    expect(await token.paused()).to.equal(true);
    await expect(token.connect(pauser).unpause())
      .to.emit(token, "Unpaused")
      .withArgs(pauser.address);
    expect(await token.paused()).to.equal(false);
  });

  it("keeps role administration, minter configuration and blacklisting working while paused", async function () {
    const { token, pauser, masterMinter, blacklister, carol } = await fixture();
    await token.connect(pauser).pause();
    await token.connect(masterMinter).configureMinter(carol.address, 1n);
    await token.connect(blacklister).blacklist(carol.address);
    await token.grantRole(await token.RESCUER_ROLE(), carol.address);
    expect(await token.isMinter(carol.address)).to.equal(true);
    expect(await token.isBlacklisted(carol.address)).to.equal(true);
  });

  it("rejects callers without the pauser role", async function () {
    const { token, admin, blacklister } = await fixture();
    const role = await token.PAUSER_ROLE();
    await expect(token.connect(admin).pause())
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(admin.address, role);
    await expect(token.connect(blacklister).unpause())
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(blacklister.address, role);
  });
});

describe("SettlementToken.rescueERC20", function () {
  it("returns another token sent to the contract and emits TokensRescued", async function () {
    const { token, admin, rescuer, carol } = await fixture();
    const stray = await ethers.deployContract("SettlementToken", [
      "Stray",
      "STR",
      6,
      "EUR",
      admin.address,
    ]);
    await stray.grantRole(await stray.MASTER_MINTER_ROLE(), admin.address);
    await stray.configureMinter(admin.address, usd("9"));
    await stray.mint(await token.getAddress(), usd("9"));

    const tx = token
      .connect(rescuer)
      .rescueERC20(await stray.getAddress(), carol.address, usd("9"));
    await expect(tx)
      .to.emit(token, "TokensRescued")
      .withArgs(await stray.getAddress(), carol.address, usd("9"));
    await expect(tx).to.changeTokenBalances(ethers, stray, [token, carol], [-usd("9"), usd("9")]);
  });

  it("returns the token's own units sent to its address", async function () {
    const { token, alice, rescuer } = await fixture();
    await token.connect(alice).transfer(await token.getAddress(), usd("3"));
    await expect(
      token.connect(rescuer).rescueERC20(await token.getAddress(), alice.address, usd("3")),
    ).to.changeTokenBalances(ethers, token, [token, alice], [-usd("3"), usd("3")]);
  });

  it("reverts when the contract holds less than asked", async function () {
    const { token, rescuer, alice } = await fixture();
    await expect(token.connect(rescuer).rescueERC20(await token.getAddress(), alice.address, 1n))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
      .withArgs(await token.getAddress(), 0n, 1n);
  });

  it("rejects callers without the rescuer role", async function () {
    const { token, admin, alice } = await fixture();
    await expect(token.connect(admin).rescueERC20(await token.getAddress(), alice.address, 1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(admin.address, await token.RESCUER_ROLE());
  });
});
