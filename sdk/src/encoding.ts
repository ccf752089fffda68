/**
 * Encodings the client facets share: bytes32 commitments and order terms as the escrow hashes them.
 */
import { AbiCoder, isHexString, keccak256, ParamType, toUtf8Bytes, ZeroHash } from "ethers";

import { TradeEscrow__factory } from "./contracts/factories/escrow/TradeEscrow__factory.js";
import { parseAddress } from "./address.js";
import { clientError } from "./failure.js";
import type { NewOrder, OrderTerms } from "./types.js";

/** What the order id hashes: the chain id, the escrow and the terms as the escrow's ABI has them. */
const ORDER_ID_TYPES = [
  ParamType.from("uint256"),
  ParamType.from("address"),
  TradeEscrow__factory.createInterface().getFunction("orderIdOf").inputs[0],
];

/**
 * A bytes32 commitment: a 32-byte hex value is used as is, any other text is hashed
 * (`keccak256(utf8)`), and nothing gives the zero hash. Lets callers write
 * `ship(orderId, "DHL 1234567890")` while only the hash goes on chain.
 */
export function toBytes32(value?: string): string {
  if (value === undefined || value === "") return ZeroHash;
  if (isHexString(value, 32)) return value;
  return keccak256(toUtf8Bytes(value));
}

/** The order id the escrow computes: keccak256(abi.encode(chainId, escrow, terms)). */
export function computeOrderId(chainId: bigint, escrow: string, terms: OrderTerms): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(ORDER_ID_TYPES, [chainId, escrow, terms]));
}

/** Basis-point denominator of fees (100%). */
const BPS = 10_000n;

/** The fee the escrow keeps of a seller's gross amount: `sellerGross * feeBps / 10_000`, rounded down. */
export function feeOf(sellerGross: bigint, feeBps: number | bigint): bigint {
  return (sellerGross * BigInt(feeBps)) / BPS;
}

/** True when `order` already carries every field of {@link OrderTerms}. */
export function isFullTerms(order: NewOrder | OrderTerms): order is OrderTerms {
  const candidate = order as Partial<OrderTerms>;
  return (
    candidate.buyer !== undefined &&
    candidate.shipBy !== undefined &&
    candidate.confirmWindow !== undefined &&
    candidate.feeBps !== undefined &&
    candidate.arbiter !== undefined &&
    candidate.ref !== undefined
  );
}

/** Order terms as ethers returns them (small codes as bigints) or as {@link OrderTerms}. */
export type TermsLike = {
  readonly [K in keyof OrderTerms]: OrderTerms[K] extends number ? number | bigint : OrderTerms[K];
};

/** Terms with checksummed addresses and the number types of {@link OrderTerms}. */
export function normaliseTerms(terms: TermsLike): OrderTerms {
  return {
    buyer: parseAddress(terms.buyer, "buyer"),
    seller: parseAddress(terms.seller, "seller"),
    token: parseAddress(terms.token, "token"),
    amount: BigInt(terms.amount),
    productId: terms.productId,
    destination: Number(terms.destination),
    shipBy: BigInt(terms.shipBy),
    confirmWindow: Number(terms.confirmWindow),
    feeBps: Number(terms.feeBps),
    arbiter: parseAddress(terms.arbiter, "arbiter"),
    ref: terms.ref,
  };
}

/** `value` when it is zero or more; a negative amount is refused before anything is sent. */
export function nonNegative(name: string, value: bigint): bigint {
  if (value < 0n) {
    throw clientError(
      "INVALID_ARGUMENT",
      "NegativeAmount",
      `${name} must be zero or more (smallest units of the token), got ${value}`,
      { [name]: value },
    );
  }
  return value;
}
