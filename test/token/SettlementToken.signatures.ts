import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { SettlementToken } from "../../typechain-types/index.js";
import {
  ALICE_BALANCE,
  TOKEN_NAME,
  WALLET_BALANCE,
  authorizationDigest,
  cancellationDigest,
  deployTokenFixture,
  permitDigest,
  randomNonce,
  signAuthorization,
  signCancellation,
  signPermit,
  tokenDomain,
  usd,
} from "../helpers/token.js";
import type {
  AuthorizationKind,
  AuthorizationMessage,
  CancellationMessage,
  PermitMessage,
  SignedMessage,
} from "../helpers/token.js";

const { ethers, networkHelpers } = await network.create();
const { loadFixture, time } = networkHelpers;

const ONE_HOUR = 3600n;

/** The two ways a signature reaches the token. */
type Form = "v,r,s" | "bytes";
const FORMS: Form[] = ["v,r,s", "bytes"];
const KINDS: AuthorizationKind[] = ["TransferWithAuthorization", "ReceiveWithAuthorization"];

async function fixture() {
  return loadFixture(deployTokenFixture);
}

function submitPermit(
  token: SettlementToken,
  caller: HardhatEthersSigner,
  form: Form,
  m: PermitMessage,
  sig: SignedMessage,
) {
  const t = token.connect(caller);
  return form === "bytes"
    ? t["permit(address,address,uint256,uint256,bytes)"](
        m.owner,
        m.spender,
        m.value,
        m.deadline,
        sig.signature,
      )
    : t["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
        m.owner,
        m.spender,
        m.value,
        m.deadline,
        sig.v,
        sig.r,
        sig.s,
      );
}

function submitAuthorization(
  token: SettlementToken,
  caller: HardhatEthersSigner,
  kind: AuthorizationKind,
  form: Form,
  m: AuthorizationMessage,
  sig: SignedMessage,
) {
  const t = token.connect(caller);
  const args = [m.from, m.to, m.value, m.validAfter, m.validBefore, m.nonce] as const;
  if (kind === "TransferWithAuthorization") {
    return form === "bytes"
      ? t["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
          ...args,
          sig.signature,
        )
      : t[
          "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"
        ](...args, sig.v, sig.r, sig.s);
  }
  return form === "bytes"
    ? t["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
        ...args,
        sig.signature,
      )
    : t[
        "receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"
      ](...args, sig.v, sig.r, sig.s);
}

function submitCancellation(
  token: SettlementToken,
  caller: HardhatEthersSigner,
  form: Form,
  m: CancellationMessage,
  sig: SignedMessage,
) {
  const t = token.connect(caller);
  return form === "bytes"
    ? t["cancelAuthorization(address,bytes32,bytes)"](m.authorizer, m.nonce, sig.signature)
    : t["cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)"](
        m.authorizer,
        m.nonce,
        sig.v,
        sig.r,
        sig.s,
      );
}

/** An authorization valid from now for an hour. */
async function authorization(
  from: string,
  to: string,
  value: bigint,
): Promise<AuthorizationMessage> {
  const now = BigInt(await time.latest());
  return {
    from,
    to,
    value,
    validAfter: now - 1n,
    validBefore: now + ONE_HOUR,
    nonce: randomNonce(),
  };
}

describe("SettlementToken EIP-712 domain", function () {
  it("reports its ERC-5267 domain: name, version 2, chain id, address", async function () {
    const { token } = await fixture();
    const domain = await token.eip712Domain();
    expect(domain.fields).to.equal("0x0f");
    expect(domain.name).to.equal(TOKEN_NAME);
    expect(domain.version).to.equal("2");
    expect(domain.chainId).to.equal((await ethers.provider.getNetwork()).chainId);
    expect(domain.verifyingContract).to.equal(await token.getAddress());
    expect(domain.salt).to.equal(ethers.ZeroHash);
    expect(domain.extensions).to.deep.equal([]);
  });

  it("exposes DOMAIN_SEPARATOR matching the ERC-5267 domain", async function () {
    const { token } = await fixture();
    expect(await token.DOMAIN_SEPARATOR()).to.equal(
      ethers.TypedDataEncoder.hashDomain(await tokenDomain(token)),
    );
  });

  it("exposes the EIP-2612 and EIP-3009 type hashes", async function () {
    const { token } = await fixture();
    expect(await token.PERMIT_TYPEHASH()).to.equal(
      ethers.id(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)",
      ),
    );
    expect(await token.TRANSFER_WITH_AUTHORIZATION_TYPEHASH()).to.equal(
      ethers.id(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)",
      ),
    );
    expect(await token.RECEIVE_WITH_AUTHORIZATION_TYPEHASH()).to.equal(
      ethers.id(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)",
      ),
    );
    expect(await token.CANCEL_AUTHORIZATION_TYPEHASH()).to.equal(
      ethers.id("CancelAuthorization(address authorizer,bytes32 nonce)"),
    );
  });
});

for (const form of FORMS) {
  describe(`SettlementToken.permit (${form})`, function () {
    async function permitScene() {
      const scene = await fixture();
      const deadline = BigInt(await time.latest()) + ONE_HOUR;
      const base = {
        owner: scene.alice.address,
        spender: scene.spender.address,
        value: usd("75"),
        deadline,
      };
      return { ...scene, base };
    }

    it("sets the allowance, consumes the nonce and emits Approval", async function () {
      const { token, alice, spender, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      expect(signed.message.nonce).to.equal(0n);
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.emit(token, "Approval")
        .withArgs(alice.address, spender.address, usd("75"));
      expect(await token.allowance(alice.address, spender.address)).to.equal(usd("75"));
      expect(await token.nonces(alice.address)).to.equal(1n);
    });

    it("lets the spender use the allowance it grants", async function () {
      const { token, alice, bob, spender, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      await submitPermit(token, spender, form, signed.message, signed);
      await expect(
        token.connect(spender).transferFrom(alice.address, bob.address, usd("75")),
      ).to.changeTokenBalances(ethers, token, [alice, bob], [-usd("75"), usd("75")]);
    });

    it("is usable up to and including its deadline second", async function () {
      const { token, alice, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      await time.setNextBlockTimestamp(base.deadline);
      await expect(submitPermit(token, relayer, form, signed.message, signed)).to.emit(
        token,
        "Approval",
      );
    });

    it("rejects an expired permit with PermitExpired", async function () {
      const { token, alice, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      await time.setNextBlockTimestamp(base.deadline + 1n);
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "PermitExpired")
        .withArgs(base.deadline, base.deadline + 1n);
    });

    it("rejects a replayed permit: the nonce has moved on", async function () {
      const { token, alice, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      await submitPermit(token, relayer, form, signed.message, signed);
      const replayDigest = await permitDigest(token, { ...signed.message, nonce: 1n });
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(alice.address, replayDigest);
    });

    it("rejects a permit signed by someone other than the owner", async function () {
      const { token, bob, relayer, base } = await permitScene();
      const signed = await signPermit(token, bob, base);
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(base.owner, signed.digest);
    });

    it("rejects a permit whose value was altered after signing", async function () {
      const { token, alice, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      const altered = { ...signed.message, value: signed.message.value + 1n };
      await expect(submitPermit(token, relayer, form, altered, signed))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(alice.address, await permitDigest(token, altered));
    });

    it("rejects a zero owner with an unrecoverable signature", async function () {
      const { token, relayer, base } = await permitScene();
      const message = { ...base, owner: ethers.ZeroAddress, nonce: 0n };
      const bogus: SignedMessage = {
        signature: ethers.concat([ethers.ZeroHash, ethers.ZeroHash, "0x1b"]),
        v: 27,
        r: ethers.ZeroHash,
        s: ethers.ZeroHash,
        digest: "",
      };
      await expect(submitPermit(token, relayer, form, message, bogus))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(ethers.ZeroAddress, await permitDigest(token, message));
    });

    it("accepts a permit from an ERC-1271 wallet signed by its owner", async function () {
      const { token, wallet, walletOwner, spender, relayer, base } = await permitScene();
      const walletAddress = await wallet.getAddress();
      const signed = await signPermit(token, walletOwner, { ...base, owner: walletAddress });
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.emit(token, "Approval")
        .withArgs(walletAddress, spender.address, usd("75"));
      expect(await token.allowance(walletAddress, spender.address)).to.equal(usd("75"));
      expect(await token.nonces(walletAddress)).to.equal(1n);
    });

    it("rejects a wallet permit signed by someone the wallet does not accept", async function () {
      const { token, wallet, alice, relayer, base } = await permitScene();
      const walletAddress = await wallet.getAddress();
      const signed = await signPermit(token, alice, { ...base, owner: walletAddress });
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(walletAddress, signed.digest);
    });

    it("rejects a permit for a contract that does not implement ERC-1271", async function () {
      const { token, alice, relayer, base } = await permitScene();
      const tokenAddress = await token.getAddress();
      const signed = await signPermit(token, alice, { ...base, owner: tokenAddress });
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(tokenAddress, signed.digest);
    });

    it("rejects a blacklisted owner and a blacklisted spender", async function () {
      const { token, alice, spender, blacklister, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      await token.connect(blacklister).blacklist(spender.address);
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "AccountBlacklisted")
        .withArgs(spender.address);
      await token.connect(blacklister).unBlacklist(spender.address);
      await token.connect(blacklister).blacklist(alice.address);
      await expect(submitPermit(token, relayer, form, signed.message, signed))
        .to.be.revertedWithCustomError(token, "AccountBlacklisted")
        .withArgs(alice.address);
    });

    it("rejects permits while paused", async function () {
      const { token, alice, pauser, relayer, base } = await permitScene();
      const signed = await signPermit(token, alice, base);
      await token.connect(pauser).pause();
      await expect(
        submitPermit(token, relayer, form, signed.message, signed),
      ).to.be.revertedWithCustomError(token, "TokenPaused");
    });
  });
}

describe("SettlementToken.permit (bytes) signature encoding", function () {
  it("rejects a signature of the wrong length", async function () {
    const { token, alice, relayer } = await fixture();
    const deadline = BigInt(await time.latest()) + ONE_HOUR;
    const signed = await signPermit(token, alice, {
      owner: alice.address,
      spender: relayer.address,
      value: 1n,
      deadline,
    });
    const short = { ...signed, signature: ethers.dataSlice(signed.signature, 0, 64) };
    await expect(submitPermit(token, relayer, "bytes", signed.message, short))
      .to.be.revertedWithCustomError(token, "InvalidSignature")
      .withArgs(alice.address, signed.digest);
  });
});

for (const kind of KINDS) {
  for (const form of FORMS) {
    describe(`SettlementToken.${kind === "TransferWithAuthorization" ? "transfer" : "receive"}WithAuthorization (${form})`, function () {
      /** The account that submits: anyone for transfer, the payee for receive. */
      function submitter(relayer: HardhatEthersSigner, payee: HardhatEthersSigner) {
        return kind === "TransferWithAuthorization" ? relayer : payee;
      }

      it("moves the value, marks the nonce used and emits AuthorizationUsed and Transfer", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, usd("12"));
        const signed = await signAuthorization(token, alice, kind, m);
        const tx = submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed);
        await expect(tx).to.emit(token, "AuthorizationUsed").withArgs(alice.address, m.nonce);
        await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, bob.address, usd("12"));
        await expect(tx).to.changeTokenBalances(
          ethers,
          token,
          [alice, bob],
          [-usd("12"), usd("12")],
        );
        expect(await token.authorizationState(alice.address, m.nonce)).to.equal(true);
      });

      it("accepts authorizations with independent random nonces in any order", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const first = await authorization(alice.address, bob.address, 1n);
        const second = await authorization(alice.address, bob.address, 2n);
        const s1 = await signAuthorization(token, alice, kind, first);
        const s2 = await signAuthorization(token, alice, kind, second);
        const caller = submitter(relayer, bob);
        await submitAuthorization(token, caller, kind, form, second, s2);
        await submitAuthorization(token, caller, kind, form, first, s1);
        expect(await token.balanceOf(bob.address)).to.equal(usd("500") + 3n);
      });

      it("rejects use at or before validAfter with AuthorizationNotYetValid", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const now = BigInt(await time.latest());
        const m = {
          ...(await authorization(alice.address, bob.address, 1n)),
          validAfter: now + 100n,
        };
        const signed = await signAuthorization(token, alice, kind, m);
        await time.setNextBlockTimestamp(m.validAfter);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "AuthorizationNotYetValid")
          .withArgs(m.validAfter, m.validAfter);
        await time.setNextBlockTimestamp(m.validAfter + 1n);
        await expect(
          submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed),
        ).to.emit(token, "AuthorizationUsed");
      });

      it("rejects use at or after validBefore with AuthorizationExpired", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        await time.setNextBlockTimestamp(m.validBefore);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "AuthorizationExpired")
          .withArgs(m.validBefore, m.validBefore);
      });

      it("rejects a replayed authorization with AuthorizationAlreadyUsed", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        await submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "AuthorizationAlreadyUsed")
          .withArgs(alice.address, m.nonce);
      });

      it("rejects a cancelled authorization with AuthorizationAlreadyUsed", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        const cancel = { authorizer: alice.address, nonce: m.nonce };
        await submitCancellation(
          token,
          relayer,
          form,
          cancel,
          await signCancellation(token, alice, cancel),
        );
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "AuthorizationAlreadyUsed")
          .withArgs(alice.address, m.nonce);
      });

      it("rejects an authorization signed by someone other than the payer", async function () {
        const { token, alice, bob, carol, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, carol, kind, m);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "InvalidSignature")
          .withArgs(alice.address, signed.digest);
      });

      it("rejects an authorization whose value was altered after signing", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        const altered = { ...m, value: usd("999") };
        await expect(
          submitAuthorization(token, submitter(relayer, bob), kind, form, altered, signed),
        )
          .to.be.revertedWithCustomError(token, "InvalidSignature")
          .withArgs(alice.address, await authorizationDigest(token, kind, altered));
      });

      it("rejects a signature made for the other authorization type", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const other: AuthorizationKind =
          kind === "TransferWithAuthorization"
            ? "ReceiveWithAuthorization"
            : "TransferWithAuthorization";
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, other, m);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "InvalidSignature")
          .withArgs(alice.address, await authorizationDigest(token, kind, m));
      });

      it("moves money out of an ERC-1271 wallet on its owner's signature", async function () {
        const { token, wallet, walletOwner, bob, relayer } = await fixture();
        const walletAddress = await wallet.getAddress();
        const m = await authorization(walletAddress, bob.address, usd("30"));
        const signed = await signAuthorization(token, walletOwner, kind, m);
        const tx = submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed);
        await expect(tx).to.emit(token, "AuthorizationUsed").withArgs(walletAddress, m.nonce);
        await expect(tx).to.changeTokenBalances(
          ethers,
          token,
          [wallet, bob],
          [-usd("30"), usd("30")],
        );
        expect(await token.balanceOf(walletAddress)).to.equal(WALLET_BALANCE - usd("30"));
      });

      it("rejects a wallet authorization signed by a key the wallet does not accept", async function () {
        const { token, wallet, alice, bob, relayer } = await fixture();
        const walletAddress = await wallet.getAddress();
        const m = await authorization(walletAddress, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "InvalidSignature")
          .withArgs(walletAddress, signed.digest);
      });

      it("rejects more than the payer's balance with ERC20InsufficientBalance", async function () {
        const { token, alice, bob, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, ALICE_BALANCE + 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
          .withArgs(alice.address, ALICE_BALANCE, ALICE_BALANCE + 1n);
      });

      it("rejects a blacklisted payer and a blacklisted payee", async function () {
        const { token, alice, bob, blacklister, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        await token.connect(blacklister).blacklist(alice.address);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "AccountBlacklisted")
          .withArgs(alice.address);
        await token.connect(blacklister).unBlacklist(alice.address);
        await token.connect(blacklister).blacklist(bob.address);
        await expect(submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed))
          .to.be.revertedWithCustomError(token, "AccountBlacklisted")
          .withArgs(bob.address);
        expect(await token.authorizationState(alice.address, m.nonce)).to.equal(false);
      });

      it("rejects authorizations while paused and keeps the nonce unused", async function () {
        const { token, alice, bob, pauser, relayer } = await fixture();
        const m = await authorization(alice.address, bob.address, 1n);
        const signed = await signAuthorization(token, alice, kind, m);
        await token.connect(pauser).pause();
        await expect(
          submitAuthorization(token, submitter(relayer, bob), kind, form, m, signed),
        ).to.be.revertedWithCustomError(token, "TokenPaused");
        expect(await token.authorizationState(alice.address, m.nonce)).to.equal(false);
      });

      if (kind === "ReceiveWithAuthorization") {
        it("rejects submission by anyone but the payee with CallerNotPayee", async function () {
          const { token, alice, bob, relayer } = await fixture();
          const m = await authorization(alice.address, bob.address, 1n);
          const signed = await signAuthorization(token, alice, kind, m);
          await expect(submitAuthorization(token, relayer, kind, form, m, signed))
            .to.be.revertedWithCustomError(token, "CallerNotPayee")
            .withArgs(relayer.address, bob.address);
        });
      }
    });
  }
}

for (const form of FORMS) {
  describe(`SettlementToken.cancelAuthorization (${form})`, function () {
    it("marks the nonce used and emits AuthorizationCanceled", async function () {
      const { token, alice, relayer } = await fixture();
      const m = { authorizer: alice.address, nonce: randomNonce() };
      const signed = await signCancellation(token, alice, m);
      await expect(submitCancellation(token, relayer, form, m, signed))
        .to.emit(token, "AuthorizationCanceled")
        .withArgs(alice.address, m.nonce);
      expect(await token.authorizationState(alice.address, m.nonce)).to.equal(true);
    });

    it("cancels for an ERC-1271 wallet on its owner's signature", async function () {
      const { token, wallet, walletOwner, relayer } = await fixture();
      const m = { authorizer: await wallet.getAddress(), nonce: randomNonce() };
      const signed = await signCancellation(token, walletOwner, m);
      await expect(submitCancellation(token, relayer, form, m, signed))
        .to.emit(token, "AuthorizationCanceled")
        .withArgs(m.authorizer, m.nonce);
    });

    it("rejects cancelling twice, or after use, with AuthorizationAlreadyUsed", async function () {
      const { token, alice, bob, relayer } = await fixture();
      const m = { authorizer: alice.address, nonce: randomNonce() };
      const signed = await signCancellation(token, alice, m);
      await submitCancellation(token, relayer, form, m, signed);
      await expect(submitCancellation(token, relayer, form, m, signed))
        .to.be.revertedWithCustomError(token, "AuthorizationAlreadyUsed")
        .withArgs(alice.address, m.nonce);

      const used = await authorization(alice.address, bob.address, 1n);
      await submitAuthorization(
        token,
        relayer,
        "TransferWithAuthorization",
        form,
        used,
        await signAuthorization(token, alice, "TransferWithAuthorization", used),
      );
      const late = { authorizer: alice.address, nonce: used.nonce };
      await expect(
        submitCancellation(token, relayer, form, late, await signCancellation(token, alice, late)),
      )
        .to.be.revertedWithCustomError(token, "AuthorizationAlreadyUsed")
        .withArgs(alice.address, used.nonce);
    });

    it("rejects a cancellation signed by someone other than the authorizer", async function () {
      const { token, alice, bob, relayer } = await fixture();
      const m = { authorizer: alice.address, nonce: randomNonce() };
      const signed = await signCancellation(token, bob, m);
      await expect(submitCancellation(token, relayer, form, m, signed))
        .to.be.revertedWithCustomError(token, "InvalidSignature")
        .withArgs(alice.address, await cancellationDigest(token, m));
    });

    it("rejects cancellations while paused", async function () {
      const { token, alice, pauser, relayer } = await fixture();
      const m = { authorizer: alice.address, nonce: randomNonce() };
      const signed = await signCancellation(token, alice, m);
      await token.connect(pauser).pause();
      await expect(
        submitCancellation(token, relayer, form, m, signed),
      ).to.be.revertedWithCustomError(token, "TokenPaused");
    });
  });
}
