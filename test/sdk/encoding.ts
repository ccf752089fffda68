import { expect } from "chai";
import { AbiCoder, getAddress, hexlify, keccak256, randomBytes, ZeroAddress } from "ethers";

import { computeOrderId, type OrderTerms } from "@tradechain/sdk";

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

describe("computeOrderId", function () {
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
