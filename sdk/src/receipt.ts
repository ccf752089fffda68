/**
 * Receipts from a node's JSON, as ethers makes them (`JsonRpcProvider._wrapTransactionReceipt`),
 * with less work per receipt: the addresses checksummed through the client's cache instead of one
 * keccak256 each, and the fields read directly instead of through ethers' generic formatters. A
 * receipt with anything unusual (a missing or oddly typed field) is left to ethers.
 */
import {
  AbstractProvider,
  type Provider,
  TransactionReceipt,
  type TransactionReceiptParams,
} from "ethers";

import { checksummed, HEX_ADDRESS } from "./encoding.js";

/** The provider method this module stands in for. */
interface Wraps {
  _wrapTransactionReceipt(value: unknown, network: unknown): TransactionReceipt;
}

const HEX_QUANTITY = /^0x[0-9a-fA-F]+$/;
const HEX_DATA = /^0x(?:[0-9a-fA-F]{2})*$/;
const HEX_HASH = /^0x[0-9a-fA-F]{64}$/;

/** Thrown inside {@link receiptParams} when a field is not what the fast path takes. */
class Unusual extends Error {}

function quantity(value: unknown): bigint {
  if (typeof value !== "string" || !HEX_QUANTITY.test(value)) throw new Unusual();
  return BigInt(value);
}

function smallQuantity(value: unknown): number {
  const n = quantity(value);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new Unusual();
  return Number(n);
}

function hash(value: unknown): string {
  if (typeof value !== "string" || !HEX_HASH.test(value)) throw new Unusual();
  return value;
}

function data(value: unknown): string {
  if (typeof value !== "string" || !HEX_DATA.test(value)) throw new Unusual();
  return value;
}

function address(value: unknown): string {
  if (typeof value !== "string" || !HEX_ADDRESS.test(value)) throw new Unusual();
  try {
    return checksummed(value);
  } catch {
    throw new Unusual(); // a wrong mixed-case checksum: ethers refuses it in its own words
  }
}

function nullable<T>(read: (value: unknown) => T, value: unknown): T | null {
  return value === null || value === undefined ? null : read(value);
}

function optional<T>(read: (value: unknown) => T, value: unknown): T | undefined {
  return value === null || value === undefined ? undefined : read(value);
}

/**
 * The parameters ethers' `formatTransactionReceipt` gives for `value` (field by field the same,
 * including which are absent), or undefined when `value` is not an ordinary receipt.
 */
export function receiptParams(value: unknown): TransactionReceiptParams | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.logs)) return undefined;
  try {
    const logs = v.logs.map((entry: unknown) => {
      if (typeof entry !== "object" || entry === null) throw new Unusual();
      const log = entry as Record<string, unknown>;
      if (!Array.isArray(log.topics)) throw new Unusual();
      return {
        transactionIndex: smallQuantity(log.transactionIndex),
        blockNumber: smallQuantity(log.blockNumber),
        transactionHash: hash(log.transactionHash),
        address: address(log.address),
        topics: log.topics.map(hash),
        data: data(log.data),
        index: smallQuantity("index" in log ? log.index : log.logIndex),
        blockHash: hash(log.blockHash),
      };
    });
    const params: Record<string, unknown> = {
      to: nullable(address, v.to),
      from: nullable(address, v.from),
      contractAddress: nullable(address, v.contractAddress),
      index: smallQuantity("index" in v ? v.index : v.transactionIndex),
      root: optional((r) => data(r).toLowerCase(), v.root),
      gasUsed: quantity(v.gasUsed),
      blobGasUsed: nullable(quantity, v.blobGasUsed),
      logsBloom: optional(data, v.logsBloom),
      blockHash: hash(v.blockHash),
      hash: hash("hash" in v ? v.hash : v.transactionHash),
      logs,
      blockNumber: smallQuantity(v.blockNumber),
      cumulativeGasUsed: quantity(v.cumulativeGasUsed),
      effectiveGasPrice: optional(
        quantity,
        "effectiveGasPrice" in v ? v.effectiveGasPrice : v.gasPrice,
      ),
      blobGasPrice: nullable(quantity, v.blobGasPrice),
      status: optional(smallQuantity, v.status),
      type: nullable(smallQuantity, v.type) ?? 0,
    };
    // ethers leaves out what its formatters give as undefined
    for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
    return params as unknown as TransactionReceiptParams;
  } catch (err) {
    if (err instanceof Unusual) return undefined;
    throw err;
  }
}

/** The receipt ethers' `provider._wrapTransactionReceipt(value, null)` makes, made faster. */
export function wrapReceipt(provider: Wraps, value: unknown): TransactionReceipt {
  // A provider that formats receipts its own way (an L2's fields) keeps its own.
  const own =
    provider._wrapTransactionReceipt !==
    (AbstractProvider.prototype as unknown as Wraps)._wrapTransactionReceipt;
  const params = own ? undefined : receiptParams(value);
  return params === undefined
    ? provider._wrapTransactionReceipt(value, null)
    : new TransactionReceipt(params, provider as unknown as Provider);
}
