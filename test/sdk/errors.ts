import { readFile } from "node:fs/promises";

import { expect } from "chai";
import {
  AbiCoder,
  type ErrorFragment,
  id,
  Interface,
  type InterfaceAbi,
  type ParamType,
  ZeroAddress,
  ZeroHash,
} from "ethers";

import {
  decodeError,
  describeError,
  ENUM_NAMES,
  enumTypeName,
  ERROR_MESSAGES,
  TradeChainError,
} from "@tradechain/sdk";
import { DRONE, LAPTOP, networkHelpers, onboardedSuiteFixture, PK, units } from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

const ARTIFACTS = [
  "artifacts/contracts/token/SettlementToken.sol/SettlementToken.json",
  "artifacts/contracts/registry/TradeRegistry.sol/TradeRegistry.json",
  "artifacts/contracts/escrow/TradeEscrow.sol/TradeEscrow.json",
  "artifacts/contracts/escrow/TradeFxEscrow.sol/TradeFxEscrow.json",
  "artifacts/contracts/escrow/TradeFxDesk.sol/TradeFxDesk.json",
];

/** Every error fragment of the compiled suite, read from the artifacts (not from the SDK). */
async function compiledErrorFragments(): Promise<ErrorFragment[]> {
  const fragments: ErrorFragment[] = [];
  for (const path of ARTIFACTS) {
    const artifact = JSON.parse(await readFile(path, "utf8")) as { abi: InterfaceAbi };
    new Interface(artifact.abi).forEachError((fragment) => fragments.push(fragment));
  }
  return fragments;
}

function sampleValue(param: ParamType): unknown {
  if (param.type === "address") return "0x00000000000000000000000000000000000000a1";
  if (param.type === "bool") return true;
  if (param.type === "string") return "sample";
  if (param.type.startsWith("bytes"))
    return id("sample").slice(0, 2 + 2 * Number(param.type.slice(5) || 32));
  if (param.type.startsWith("uint") || param.type.startsWith("int")) return 1n;
  throw new Error(`no sample for ${param.type}`);
}

async function revertOf(action: () => Promise<unknown>): Promise<TradeChainError> {
  try {
    await action();
  } catch (err) {
    expect(err).to.be.instanceOf(TradeChainError);
    return err as TradeChainError;
  }
  throw new Error("expected a revert");
}

describe("errors: the message table", function () {
  it("has a message for every error in the compiled ABIs of SettlementToken, TradeRegistry and both escrows (and the FX desk)", async function () {
    const fragments = await compiledErrorFragments();
    expect(fragments.length).to.be.greaterThan(60);
    const missing = [...new Set(fragments.map((f) => f.name))].filter(
      (name) => !(name in ERROR_MESSAGES),
    );
    expect(missing, `errors without a message: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("decodes every compiled error with its own message, using only arguments the error has", async function () {
    const fragments = await compiledErrorFragments();
    // An error the escrow shares with the registry (one signature, so one selector; the registry's
    // checks of a new order revert through the escrow) decodes with the escrow's argument names.
    const escrowNames = new Map<string, string[]>();
    const escrow = JSON.parse(await readFile(ARTIFACTS[2], "utf8")) as { abi: InterfaceAbi };
    new Interface(escrow.abi).forEachError((f) =>
      escrowNames.set(
        f.selector,
        f.inputs.map((input) => input.name),
      ),
    );
    for (const fragment of fragments) {
      const data = new Interface([fragment]).encodeErrorResult(
        fragment,
        fragment.inputs.map(sampleValue),
      );
      const decoded = decodeError(data);
      expect(decoded?.name, fragment.format()).to.equal(fragment.name);
      expect(decoded?.signature).to.equal(fragment.format("sighash"));
      expect(decoded?.args.map((arg) => arg.name)).to.deep.equal(
        escrowNames.get(fragment.selector) ?? fragment.inputs.map((input) => input.name),
      );
      expect(decoded?.message, fragment.format()).to.not.match(/undefined|NaN|\[object/);
      expect(decoded?.message.length, fragment.format()).to.be.greaterThan(10);
    }
  });

  it("knows the value names of every enum that appears in an error or event", async function () {
    const enums = new Set<string>();
    for (const path of ARTIFACTS) {
      const artifact = JSON.parse(await readFile(path, "utf8")) as {
        abi: { type: string; inputs?: { internalType?: string }[] }[];
      };
      for (const item of artifact.abi) {
        if (item.type !== "error" && item.type !== "event") continue;
        for (const input of item.inputs ?? []) {
          const name = enumTypeName(input.internalType);
          if (name !== undefined) enums.add(name);
        }
      }
    }
    expect([...enums].sort()).to.deep.equal([
      "ListingStatus",
      "RefundReason",
      "Resolution",
      "Status",
    ]);
    for (const name of enums) expect(ENUM_NAMES, name).to.have.property(name);
  });

  it("decodes Error(string), Panic(uint256) and unknown selectors", function () {
    const builtin = new Interface(["error Error(string)", "error Panic(uint256)"]);
    expect(decodeError(builtin.encodeErrorResult("Error", ["nope"]))?.message).to.equal(
      "Reverted: nope",
    );
    expect(decodeError(builtin.encodeErrorResult("Panic", [0x11]))?.message).to.equal(
      "Panic 0x11: arithmetic overflow or underflow",
    );
    expect(decodeError("0xdeadbeef")?.name).to.equal("UnknownError");
    expect(decodeError(new Error("network down"))).to.equal(undefined);
    expect(describeError(new Error("network down"))).to.equal("network down");
  });

  it("writes enum values, role names, times and basis points for people", function () {
    const escrow = new Interface([
      "error UnexpectedStatus(bytes32 orderId, uint8 status, uint8 needed)",
      "error FeeNotCurrent(uint16 feeBps, uint16 currentFeeBps)",
      "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
      "error PermitExpired(uint256 deadline, uint256 timestamp)",
    ]);
    const access = decodeError(
      escrow.encodeErrorResult("AccessControlUnauthorizedAccount", [
        ZeroAddress,
        id("REGISTRAR_ROLE"),
      ]),
    );
    expect(access?.message).to.equal(`${ZeroAddress} does not have the role REGISTRAR_ROLE`);
    expect(access?.args[1]?.display).to.equal("REGISTRAR_ROLE");
    expect(decodeError(escrow.encodeErrorResult("FeeNotCurrent", [50, 100]))?.message).to.equal(
      "The order's fee 0.50% (50 bps) is not the escrow's current fee 1.00% (100 bps)",
    );
    expect(decodeError(escrow.encodeErrorResult("PermitExpired", [0, 86_400]))?.message).to.equal(
      "The permit expired at 1970-01-01 00:00:00 UTC (submitted at 1970-01-02 00:00:00 UTC)",
    );
    // `needed` is a bit mask of the statuses the call accepts: 1 << Shipped | 1 << Cleared.
    const abiData = AbiCoder.defaultAbiCoder().encode(
      ["bytes32", "uint8", "uint8"],
      [ZeroHash, 5, (1 << 2) | (1 << 3)],
    );
    const status = decodeError(escrow.getError("UnexpectedStatus")?.selector + abiData.slice(2));
    expect(status?.message).to.equal(
      `Order ${ZeroHash} is Completed, which does not allow this call: it needs Shipped or Cleared`,
    );
    const three = decodeError(
      escrow.encodeErrorResult("UnexpectedStatus", [ZeroHash, 1, (1 << 5) | (1 << 6) | (1 << 7)]),
    );
    expect(three?.message).to.equal(
      `Order ${ZeroHash} is Funded, which does not allow this call: it needs Completed, Refunded or Resolved`,
    );
    const labelled = decodeError(
      escrow.encodeErrorResult("UnexpectedStatus", [ZeroHash, 1, 1 << 3]),
      { call: "confirmReceipt" },
    );
    expect(labelled?.message).to.equal(
      `Order ${ZeroHash} is Funded, which does not allow this call: confirmReceipt needs Cleared`,
    );
  });
});

describe("errors: real reverts", function () {
  it("explains a refused order for a negative-listed product", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const err = await revertOf(() =>
      fx.clients.buyer.createOrder({
        seller: fx.seller.address,
        token: "USD",
        amount: units(10),
        productId: DRONE,
        destination: PK,
      }),
    );
    expect(err.decoded.name).to.equal("ProductNegativeListed");
    expect(err.decoded.args.map((a) => a.value)).to.deep.equal([BigInt(PK), DRONE]);
    expect(err.message).to.equal(
      `Product ${DRONE} is on the negative list of the destination country PK`,
    );
    expect(err.data.startsWith(err.decoded.selector)).to.equal(true);
  });

  it("formats the token amounts of a token revert in the order's currency", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const err = await revertOf(() =>
      fx.clients.stranger.createOrder({
        seller: fx.seller.address,
        token: "USD",
        amount: units(50),
        productId: LAPTOP,
        destination: PK,
      }),
    );
    expect(err.decoded.name).to.equal("ERC20InsufficientBalance");
    expect(err.message).to.equal(`${fx.stranger.address} has US$ 0.00 but needs US$ 50.00`);
  });

  it("names the caller with the client's labels and the order status by name", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { orderId } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "USD",
      amount: units(10),
      productId: LAPTOP,
      destination: PK,
    });
    fx.clients.buyer.label(fx.buyer.address, "buyer");
    const notSeller = await revertOf(() => fx.clients.buyer.ship(orderId));
    expect(notSeller.message).to.equal(
      `buyer (${fx.buyer.address}) is not the seller of order ${orderId}`,
    );
    const tooEarly = await revertOf(() => fx.clients.buyer.confirmReceipt(orderId));
    expect(tooEarly.decoded.name).to.equal("UnexpectedStatus");
    expect(tooEarly.decoded.args[1]?.display).to.equal("Funded");
    expect(tooEarly.message).to.contain("is Funded");
  });

  it("names the missing role of an unauthorised operator call", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const err = await revertOf(() =>
      fx.clients.stranger.registerParticipant(fx.stranger.address, ["Buyer"], PK, "kyc"),
    );
    expect(err.message).to.equal(`${fx.stranger.address} does not have the role REGISTRAR_ROLE`);
  });

  it("decodes errors thrown by the TypeChain bindings used directly", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { terms } = await fx.clients.buyer.createOrder({
      seller: fx.seller.address,
      token: "USD",
      amount: units(10),
      productId: LAPTOP,
      destination: PK,
    });
    try {
      await fx.clients.stranger.escrow.cancel(terms);
      expect.fail("cancel by a stranger must revert");
    } catch (err) {
      expect(decodeError(err)?.name).to.equal("CallerNotBuyer");
      expect(describeError(err)).to.match(
        /^CallerNotBuyer: 0x[0-9a-fA-F]{40} is not the buyer of order 0x/,
      );
    }
  });
});
