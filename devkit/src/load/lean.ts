/**
 * The lean loop the load compares the SDK with: raw ERC-20 transfers made with nothing but
 * ethers' public API, the least a client can do per transaction that waits for its receipt.
 */
import {
  isUnsupportedMethodError,
  receiptPollDelay,
  SettlementToken__factory,
} from "@tradechain/sdk";
import { type BaseWallet, keccak256, type Provider, Wallet } from "ethers";

import { LOCAL_POLLING_INTERVAL_MS } from "../nodes.js";

/** Gas limit of one lean ERC-20 transfer (a transfer to a funded account costs about 35k). */
const LEAN_TRANSFER_GAS = 100_000n;

/** What the lean raw-transfer loop measured. */
export interface LeanReport {
  readonly transactions: number;
  readonly elapsedMs: number;
  readonly failures: number;
}

/** A provider that also takes raw JSON-RPC calls (ethers' `JsonRpcProvider`, Hardhat's provider). */
export type RpcProvider = Provider & {
  send(method: string, params: unknown[]): Promise<unknown>;
};

/** The one field of a node's receipt JSON the lean loop reads. */
interface ReceiptStatus {
  readonly status?: unknown;
}

/**
 * Each wallet sends `counts[w]` ERC-20 transfers of one unit back to back: signed with the
 * wallet's public `signTransaction` (a counted nonce, a fixed gas limit, the fee data read once),
 * submitted with `eth_sendRawTransaction` through the provider's public `send` and followed by
 * `eth_getTransactionReceipt` polls with the SDK's back-off — two calls per transaction — or,
 * where the node has it (Anvil), with EIP-7966's `eth_sendRawTransactionSync`, one call. Only the
 * receipt's status is read, not made into an ethers object: the ratio to the SDK measures all the
 * SDK does besides signing and the JSON-RPC round trips.
 */
export async function runLeanTransfers(
  provider: RpcProvider,
  token: string,
  wallets: readonly BaseWallet[],
  counts: readonly number[],
): Promise<LeanReport> {
  const data = SettlementToken__factory.createInterface().encodeFunctionData("transfer", [
    Wallet.createRandom().address,
    1n,
  ]);
  const [network, fees] = await Promise.all([provider.getNetwork(), provider.getFeeData()]);
  if (fees.maxFeePerGas === null || fees.maxPriorityFeePerGas === null) {
    throw new Error("The lean loop needs an EIP-1559 node (no maxFeePerGas in its fee data)");
  }
  const { maxFeePerGas, maxPriorityFeePerGas } = fees;
  const nonces = await Promise.all(wallets.map((w) => provider.getTransactionCount(w.address)));
  // As the SDK: EIP-7966's eth_sendRawTransactionSync (one call) where the node has it.
  let sync: boolean | undefined;
  let transactions = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    wallets.map(async (wallet, w) => {
      for (let i = 0; i < counts[w]; i++) {
        const raw = await wallet.signTransaction({
          type: 2,
          to: token,
          data,
          nonce: nonces[w] + i,
          gasLimit: LEAN_TRANSFER_GAS,
          chainId: network.chainId,
          value: 0n,
          maxFeePerGas,
          maxPriorityFeePerGas,
        });
        const hash = keccak256(raw);
        let status: unknown;
        let sent = false;
        if (sync !== false) {
          try {
            const receipt = (await provider.send("eth_sendRawTransactionSync", [
              raw,
            ])) as ReceiptStatus | null;
            status = receipt?.status;
            sent = true;
            sync = true;
          } catch (err) {
            if (!isUnsupportedMethodError(err)) throw err;
            sync = false;
          }
        }
        if (!sent) await provider.send("eth_sendRawTransaction", [raw]);
        for (let attempt = 0; status === undefined; attempt++) {
          const receipt = (await provider.send("eth_getTransactionReceipt", [
            hash,
          ])) as ReceiptStatus | null;
          if (receipt !== null) {
            status = receipt.status;
            break;
          }
          await new Promise((r) =>
            setTimeout(r, receiptPollDelay(attempt, LOCAL_POLLING_INTERVAL_MS)),
          );
        }
        transactions += 1;
        if (status !== "0x1") failures += 1;
      }
    }),
  );
  return { transactions, elapsedMs: performance.now() - started, failures };
}
