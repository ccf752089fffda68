/**
 * What the sender knows about nodes besides ethers' typed calls: the raw JSON-RPC calls it makes
 * through a provider's public `send` (where the provider has one), how long it waits between
 * receipt polls, and how nodes word the errors it recovers from.
 */
import type { Provider } from "ethers";

import { clientError } from "./failure.js";

/** A provider that also takes raw JSON-RPC calls (ethers' `JsonRpcApiProvider`, Hardhat's). */
export interface RawRpc {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** The provider's public `send`, or undefined for providers without one (`FallbackProvider`). */
export function rawRpc(provider: Provider): RawRpc | undefined {
  const candidate = provider as Partial<RawRpc>;
  return typeof candidate.send === "function" ? (provider as Provider & RawRpc) : undefined;
}

/**
 * The latest block's number and timestamp, asked of the node itself: a provider's `send`
 * bypasses the cache ethers keeps of `getBlock("latest")` for a moment, which could name a block
 * from before the caller's last transaction.
 */
export async function latestBlock(
  provider: Provider,
): Promise<{ readonly number: number; readonly timestamp: bigint }> {
  const raw = rawRpc(provider);
  const block =
    raw === undefined
      ? await provider.getBlock("latest")
      : ((await raw.send("eth_getBlockByNumber", ["latest", false])) as {
          number: string;
          timestamp: string;
        } | null);
  if (block === null) throw clientError("NETWORK", "NoBlock", "The node returned no latest block");
  return { number: Number(block.number), timestamp: BigInt(block.timestamp) };
}

/**
 * Milliseconds before receipt poll `attempt + 1` when poll `attempt` (from 0) found none: an
 * eighth of the interval, doubling up to the interval. A node that answers the send before it
 * mines (Anvil, most real nodes) has the receipt moments later; the first, immediate poll finds
 * it on a node that mines before answering (hardhat node).
 */
export function receiptPollDelay(attempt: number, intervalMs: number): number {
  return Math.min(intervalMs, Math.max(1, intervalMs / 8) * 2 ** Math.min(attempt, 16));
}

/** The messages of an error and of the errors it wraps, for matching a node's wording. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [err.message];
  let inner: unknown = (err as { error?: unknown }).error ?? err.cause;
  for (let depth = 0; inner instanceof Object && depth < 4; depth++) {
    const message = (inner as { message?: unknown }).message;
    if (typeof message === "string") parts.push(message);
    inner = (inner as { error?: unknown }).error ?? (inner as { cause?: unknown }).cause;
  }
  return parts.join(" | ");
}

/** The JSON-RPC error codes of an error and of the errors it wraps. */
function errorCodes(err: unknown): unknown[] {
  const codes: unknown[] = [];
  let inner: unknown = err;
  for (let depth = 0; inner instanceof Object && depth < 5; depth++) {
    codes.push((inner as { code?: unknown }).code);
    inner = (inner as { error?: unknown }).error ?? (inner as { cause?: unknown }).cause;
  }
  return codes;
}

/** The node does not know a JSON-RPC method (so nothing was sent). */
export function isUnsupportedMethodError(err: unknown): boolean {
  if (errorCodes(err).some((code) => code === -32601 || code === -32004)) return true;
  return /method.*(not (supported|found|available)|does not exist|unsupported)|(unknown|unsupported) method/i.test(
    errorText(err),
  );
}

/** EIP-7966's error: the node took the transaction but did not include it within its timeout. */
export function isSyncTimeoutError(err: unknown): boolean {
  return errorCodes(err).includes(4);
}

/** The node refused the nonce (another program sent from the wallet). */
export function isNonceError(err: unknown): boolean {
  return (
    (err as { code?: unknown }).code === "NONCE_EXPIRED" ||
    /nonce (too (low|high)|has already been used)|nonce.*(expected|lower than)/i.test(
      errorText(err),
    )
  );
}

/**
 * The node ran the transaction out of gas and said so on the send (Hardhat's automine: "Transaction
 * ran out of gas"; geth-like nodes: "out of gas"), instead of mining it with status 0.
 */
export function isOutOfGasError(err: unknown): boolean {
  return /out of gas/i.test(errorText(err));
}

/** The node refused the fee (below the base fee, or underpriced). */
export function isFeeError(err: unknown): boolean {
  return /base ?fee|fee cap|max ?fee per gas|underpriced|gas price too low/i.test(errorText(err));
}
