/**
 * Encodings the client facets share: bytes32 commitments and order terms as the escrow hashes them.
 */
import {
  AbiCoder,
  type FunctionFragment,
  getAddress,
  type Interface,
  isHexString,
  keccak256,
  ParamType,
  toUtf8Bytes,
  ZeroHash,
} from "ethers";

import { clientError } from "./errors.js";
import type { NewOrder, OrderTerms } from "./types.js";

const ORDER_TERMS_TUPLE =
  "tuple(address buyer,address seller,address token,uint256 amount,bytes32 productId," +
  "uint16 destination,uint64 shipBy,uint32 confirmWindow,uint16 feeBps,address arbiter,bytes32 ref)";

/** The order id's ABI types, parsed once (parsing the tuple text costs more than encoding it). */
const ORDER_ID_TYPES = ["uint256", "address", ORDER_TERMS_TUPLE].map((type) =>
  ParamType.from(type),
);

/** Most addresses {@link checksummed} remembers before it starts over. */
const CHECKSUM_CACHE_SIZE = 10_000;
const CHECKSUMS = new Map<string, string>();

/**
 * `getAddress(address)`, remembered: a client checksums the same few addresses (its wallet, the
 * deployment, its counterparties) on every order, and each checksum is a keccak256.
 */
export function checksummed(address: string): string {
  let result = CHECKSUMS.get(address);
  if (result === undefined) {
    result = getAddress(address);
    if (CHECKSUMS.size >= CHECKSUM_CACHE_SIZE) CHECKSUMS.clear();
    CHECKSUMS.set(address, result);
  }
  return result;
}

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
  const words = staticWordsOf(ORDER_ID_TYPES, [chainId, escrow, terms]);
  return keccak256(
    words === undefined
      ? AbiCoder.defaultAbiCoder().encode(ORDER_ID_TYPES, [chainId, escrow, terms])
      : `0x${words}`,
  );
}

// ------------------------------------------------------------------------------ static ABI words

/** Hex digits of one ABI word. */
const WORD_DIGITS = 64;
/** Zeros that pad a 20-byte address to a word. */
const ADDRESS_PAD = "0".repeat(WORD_DIGITS - 40);
/** 20 bytes of hex: an address in any case (its checksum is checked where it matters). */
export const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UINT_TYPE = /^uint(\d+)$/;

/**
 * The ABI words (hex, no 0x) of `value` as `type`, for the static types the escrow's hot calls
 * take: address, bool, uintN, bytes32 and tuples of them. Undefined for anything else, or for a
 * value ethers would have to convert or refuse (the caller then lets ethers encode it, which
 * gives its own error for a bad value): the words are exactly what ethers' coder gives, without
 * its per-value object and checksum work.
 */
function staticWords(type: ParamType, value: unknown): string | undefined {
  switch (type.baseType) {
    case "address":
      // checksummed() refuses a wrong mixed-case checksum as ethers does (and remembers it).
      return typeof value === "string" && HEX_ADDRESS.test(value)
        ? ADDRESS_PAD + checksummed(value).slice(2).toLowerCase()
        : undefined;
    case "bool":
      return typeof value === "boolean"
        ? (value ? "1" : "0").padStart(WORD_DIGITS, "0")
        : undefined;
    case "bytes32":
      return typeof value === "string" && isHexString(value, 32)
        ? value.slice(2).toLowerCase()
        : undefined;
    case "tuple": {
      const components = type.components ?? [];
      if (typeof value !== "object" || value === null) return undefined;
      const named = value as Record<string, unknown>;
      const values = Array.isArray(value) ? value : components.map((c) => named[c.name]);
      return staticWordsOf(components, values);
    }
    default: {
      const bits = UINT_TYPE.exec(type.baseType)?.[1];
      if (bits === undefined) return undefined;
      let n: bigint;
      if (typeof value === "bigint") n = value;
      else if (typeof value === "number" && Number.isSafeInteger(value)) n = BigInt(value);
      else return undefined;
      return n >= 0n && n < 1n << BigInt(bits)
        ? n.toString(16).padStart(WORD_DIGITS, "0")
        : undefined;
    }
  }
}

/** The words of `values` as `types` (all static), or undefined when any is not for the fast path. */
function staticWordsOf(
  types: readonly ParamType[],
  values: readonly unknown[],
): string | undefined {
  if (types.length !== values.length) return undefined;
  let out = "";
  for (let i = 0; i < types.length; i++) {
    const words = staticWords(types[i], values[i]);
    if (words === undefined) return undefined;
    out += words;
  }
  return out;
}

/** Function fragments by interface and name, looked up once. */
const FRAGMENTS = new WeakMap<Interface, Map<string, FunctionFragment>>();

/**
 * `iface.encodeFunctionData(name, args)`, the same bytes: a call whose arguments are all static
 * (the order's terms, a bytes32 note) is written word by word; anything else goes to ethers.
 */
export function encodeCall(iface: Interface, name: string, args: readonly unknown[]): string {
  let byName = FRAGMENTS.get(iface);
  if (byName === undefined) {
    byName = new Map();
    FRAGMENTS.set(iface, byName);
  }
  let fragment = byName.get(name);
  if (fragment === undefined) {
    fragment = iface.getFunction(name) ?? undefined;
    if (fragment === undefined) return iface.encodeFunctionData(name, args);
    byName.set(name, fragment);
  }
  const words = staticWordsOf(fragment.inputs, args);
  return words === undefined ? iface.encodeFunctionData(fragment, args) : fragment.selector + words;
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

/** Terms with checksummed addresses and the number types of {@link OrderTerms}. */
export function normaliseTerms(terms: {
  buyer: string;
  seller: string;
  token: string;
  amount: bigint;
  productId: string;
  destination: bigint | number;
  shipBy: bigint;
  confirmWindow: bigint | number;
  feeBps: bigint | number;
  arbiter: string;
  ref: string;
}): OrderTerms {
  return {
    buyer: checksummed(terms.buyer),
    seller: checksummed(terms.seller),
    token: checksummed(terms.token),
    amount: BigInt(terms.amount),
    productId: terms.productId,
    destination: Number(terms.destination),
    shipBy: BigInt(terms.shipBy),
    confirmWindow: Number(terms.confirmWindow),
    feeBps: Number(terms.feeBps),
    arbiter: checksummed(terms.arbiter),
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
