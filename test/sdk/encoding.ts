import { expect } from "chai";
import {
  AbiCoder,
  getAddress,
  hexlify,
  Interface,
  keccak256,
  randomBytes,
  ZeroAddress,
} from "ethers";

import { computeOrderId, encodeCall } from "../../sdk/src/encoding.js";
import { type OrderTerms, TradeEscrow__factory } from "@tradechain/sdk";

const escrow = TradeEscrow__factory.createInterface() as unknown as Interface;
const TERMS_TUPLE =
  "tuple(address buyer,address seller,address token,uint256 amount,bytes32 productId," +
  "uint16 destination,uint64 shipBy,uint32 confirmWindow,uint16 feeBps,address arbiter,bytes32 ref)";

/** A random value below 2^bits (edges included now and then). */
function randomUint(bits: number, i: number): bigint {
  const max = (1n << BigInt(bits)) - 1n;
  if (i % 7 === 0) return max;
  if (i % 11 === 0) return 0n;
  return BigInt(hexlify(randomBytes(Math.ceil(bits / 8)))) & max;
}

function randomTerms(i: number): OrderTerms {
  const address = () => getAddress(hexlify(randomBytes(20)));
  return {
    buyer: address(),
    seller: address(),
    token: address(),
    amount: randomUint(256, i),
    productId: hexlify(randomBytes(32)),
    destination: Number(randomUint(16, i)),
    shipBy: randomUint(64, i),
    confirmWindow: Number(randomUint(32, i)),
    feeBps: Number(randomUint(16, i)),
    arbiter: i % 5 === 0 ? ZeroAddress : address(),
    ref: hexlify(randomBytes(32)),
  };
}

describe("encoding.encodeCall: the escrow's calls word by word", function () {
  it("gives exactly ethers' bytes for createOrder, ship and confirmReceipt on 300 random terms", function () {
    for (let i = 0; i < 300; i++) {
      const terms = randomTerms(i);
      const note = hexlify(randomBytes(32));
      expect(encodeCall(escrow, "createOrder", [terms])).to.equal(
        escrow.encodeFunctionData("createOrder", [terms]),
      );
      expect(encodeCall(escrow, "ship", [terms, note])).to.equal(
        escrow.encodeFunctionData("ship", [terms, note]),
      );
      expect(encodeCall(escrow, "confirmReceipt", [terms])).to.equal(
        escrow.encodeFunctionData("confirmReceipt", [terms]),
      );
    }
  });

  it("takes terms as a positional array, lower-case addresses and upper-case hex as ethers does", function () {
    const terms = randomTerms(1);
    const positional = [
      terms.buyer.toLowerCase(),
      terms.seller,
      terms.token,
      terms.amount,
      terms.productId.toUpperCase().replace("0X", "0x"),
      terms.destination,
      terms.shipBy,
      terms.confirmWindow,
      terms.feeBps,
      terms.arbiter,
      terms.ref,
    ];
    expect(encodeCall(escrow, "createOrder", [positional])).to.equal(
      escrow.encodeFunctionData("createOrder", [terms]),
    );
  });

  it("leaves a dynamic call (multicall of bytes[]) to ethers with the same result", function () {
    const calls = [encodeCall(escrow, "createOrder", [randomTerms(2)]), "0x1234"];
    expect(encodeCall(escrow, "multicall", [calls])).to.equal(
      escrow.encodeFunctionData("multicall", [calls]),
    );
  });

  it("refuses what ethers refuses, with ethers' error: out-of-range numbers, bad addresses", function () {
    const terms = randomTerms(3);
    const cases: [string, unknown][] = [
      ["a uint16 of 65,536", { ...terms, destination: 65_536 }],
      ["a negative amount", { ...terms, amount: -1n }],
      ["an amount of 2^256", { ...terms, amount: 1n << 256n }],
      ["a 19-byte address", { ...terms, seller: hexlify(randomBytes(19)) }],
      ["a 31-byte product id", { ...terms, productId: hexlify(randomBytes(31)) }],
      ["a missing field", { ...terms, ref: undefined }],
    ];
    for (const [what, value] of cases) {
      let expected: unknown;
      try {
        escrow.encodeFunctionData("createOrder", [value]);
      } catch (err) {
        expected = err;
      }
      expect(expected, `ethers accepted ${what}`).to.be.instanceOf(Error);
      expect(() => encodeCall(escrow, "createOrder", [value]), what).to.throw(
        (expected as Error).message,
      );
    }
  });

  it("refuses a wrong mixed-case checksum as ethers does", function () {
    // EIP-55's own example with the case of its first letter flipped.
    const valid = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const wrong = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const terms = randomTerms(4);
    expect(encodeCall(escrow, "createOrder", [{ ...terms, seller: valid }])).to.equal(
      escrow.encodeFunctionData("createOrder", [{ ...terms, seller: valid }]),
    );
    expect(() => escrow.encodeFunctionData("createOrder", [{ ...terms, seller: wrong }])).to.throw(
      /bad address checksum/,
    );
    expect(() => encodeCall(escrow, "createOrder", [{ ...terms, seller: wrong }])).to.throw(
      /bad address checksum/,
    );
  });

  it("names an unknown function as ethers does", function () {
    expect(() => escrow.encodeFunctionData("noSuchFunction", [])).to.throw(/unknown function/);
    expect(() => encodeCall(escrow, "noSuchFunction", [])).to.throw(/unknown function/);
  });
});

describe("encoding.computeOrderId", function () {
  it("equals keccak256(abi.encode(chainId, escrow, terms)) on 200 random terms", function () {
    for (let i = 0; i < 200; i++) {
      const terms = randomTerms(i);
      const chainId = randomUint(64, i);
      const escrowAddress = getAddress(hexlify(randomBytes(20)));
      const expected = keccak256(
        AbiCoder.defaultAbiCoder().encode(
          ["uint256", "address", TERMS_TUPLE],
          [chainId, escrowAddress, terms],
        ),
      );
      expect(computeOrderId(chainId, escrowAddress, terms)).to.equal(expected);
    }
  });
});
