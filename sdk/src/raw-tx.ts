/**
 * The lean signing path of a local wallet: an EIP-1559 transaction RLP-encoded from bytes and
 * signed with the wallet's key directly, skipping what ethers' `Wallet.signTransaction` repeats
 * per call (copying and resolving the request, parsing it into a `Transaction`, checksumming
 * addresses, converting every field through hex strings twice). The output is byte for byte what
 * `Wallet.signTransaction` gives (signatures are deterministic, RFC 6979); test/sdk/sending.ts
 * checks that.
 */
import { type AccessList, keccak256, type SigningKey } from "ethers";

/** The fields of an EIP-1559 (type 2) call transaction. */
export interface Eip1559Fields {
  readonly chainId: bigint;
  readonly nonce: number;
  readonly maxPriorityFeePerGas: bigint;
  readonly maxFeePerGas: bigint;
  readonly gasLimit: bigint;
  /** 0x and 40 hex digits. */
  readonly to: string;
  readonly value: bigint;
  /** 0x-prefixed hex. */
  readonly data: string;
  readonly accessList?: AccessList;
}

/** A signed transaction: the raw bytes as hex and their hash (the transaction hash). */
export interface SignedTransaction {
  readonly raw: string;
  readonly hash: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const NIBBLE = new Map<number, number>(
  [..."0123456789abcdefABCDEF"].map((c) => [c.charCodeAt(0), Number.parseInt(c, 16)]),
);

/** Bytes of a 0x-prefixed hex string of even length; throws on anything else. */
export function hexBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !hex.startsWith("0x")) throw new Error(`Invalid hex data: ${hex}`);
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = NIBBLE.get(hex.charCodeAt(2 + 2 * i));
    const lo = NIBBLE.get(hex.charCodeAt(3 + 2 * i));
    if (hi === undefined || lo === undefined) throw new Error(`Invalid hex data: ${hex}`);
    out[i] = hi * 16 + lo;
  }
  return out;
}

/** 0x-prefixed hex of bytes. */
export function bytesHex(bytes: Uint8Array): string {
  let out = "0x";
  for (const b of bytes) out += HEX[b];
  return out;
}

/** A non-negative integer as minimal big-endian bytes (zero is empty, as RLP wants). */
function quantity(value: bigint | number): Uint8Array {
  let n = BigInt(value);
  if (n < 0n) throw new RangeError(`Negative transaction field: ${n}`);
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.from(bytes);
}

/** An RLP item: bytes or a list of items. */
type Rlp = Uint8Array | readonly Rlp[];

function lengthPrefix(length: number, offset: number): number[] {
  if (length < 56) return [offset + length];
  const bytes = quantity(length);
  return [offset + 55 + bytes.length, ...bytes];
}

function rlpParts(item: Rlp, out: Uint8Array[]): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0] < 0x80) {
      out.push(item);
      return 1;
    }
    const prefix = Uint8Array.from(lengthPrefix(item.length, 0x80));
    out.push(prefix, item);
    return prefix.length + item.length;
  }
  const inner: Uint8Array[] = [];
  let length = 0;
  for (const child of item) length += rlpParts(child, inner);
  const prefix = Uint8Array.from(lengthPrefix(length, 0xc0));
  out.push(prefix, ...inner);
  return prefix.length + length;
}

/** `typeByte || rlp(item)`. */
function typedRlp(typeByte: number, item: Rlp): Uint8Array {
  const parts: Uint8Array[] = [];
  const length = rlpParts(item, parts);
  const out = new Uint8Array(1 + length);
  out[0] = typeByte;
  let at = 1;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function address(value: string): Uint8Array {
  const bytes = hexBytes(value);
  if (bytes.length !== 20) throw new Error(`Invalid address: ${value}`);
  return bytes;
}

/** Signs an EIP-1559 transaction with `key`: the raw transaction and its hash. */
export function signEip1559(key: SigningKey, tx: Eip1559Fields): SignedTransaction {
  const fields: Rlp[] = [
    quantity(tx.chainId),
    quantity(tx.nonce),
    quantity(tx.maxPriorityFeePerGas),
    quantity(tx.maxFeePerGas),
    quantity(tx.gasLimit),
    address(tx.to),
    quantity(tx.value),
    hexBytes(tx.data),
    (tx.accessList ?? []).map((entry) => [
      address(entry.address),
      entry.storageKeys.map((slot) => hexBytes(slot)),
    ]),
  ];
  const signature = key.sign(keccak256(typedRlp(2, fields)));
  const signed = typedRlp(2, [
    ...fields,
    quantity(signature.yParity),
    quantity(BigInt(signature.r)),
    quantity(BigInt(signature.s)),
  ]);
  return { raw: bytesHex(signed), hash: keccak256(signed) };
}
