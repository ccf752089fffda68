/**
 * What the orders facet knows of the escrow's calls besides their ABI: which other contracts
 * each one reaches (its access list), the shape of a batch, and the refusals of arguments that
 * the facet makes before anything is sent.
 */
import type { ContractTransactionReceipt } from "ethers";

import { clientError } from "../failure.js";

/** An order of a batch: its id, or its id with the text or bytes32 that goes with the step. */
export type BatchItem =
  string | { readonly orderId: string; readonly tracking?: string; readonly record?: string };

/** What a batch sent: the orders in call order and the one receipt. */
export interface BatchResult {
  readonly orderIds: readonly string[];
  readonly receipt: ContractTransactionReceipt;
}

export function itemEntry(item: Exclude<BatchItem, string>): { orderId: string; note?: string } {
  return { orderId: item.orderId, note: item.tracking ?? item.record };
}

/** The signer is not the order's buyer: `what` says what to do instead. */
export function notBuyer(signer: string, buyer: string, what: string) {
  return clientError(
    "INVALID_ARGUMENT",
    "SignerNotBuyer",
    `The signer ${signer} is not the buyer ${buyer}: ${what}`,
    { signer, buyer },
  );
}

/** A batch with no order. */
export function emptyBatch(call: string) {
  return clientError("INVALID_ARGUMENT", "EmptyBatch", `${call} needs at least one order`, {
    call,
  });
}

/** Which of the token and the registry an escrow call reaches (its access list). */
export type Reach = "none" | "token" | "registry" | "both";

/** What each escrow call the client sends reaches besides the escrow. */
export const REACHES = {
  createOrder: "both",
  createOrderWithPermit: "both",
  createOrderWithAuthorization: "both",
  ship: "registry",
  recordMilestone: "registry",
  clearCustoms: "registry",
  rejectAtCustoms: "both",
  confirmReceipt: "token",
  releaseAfterTimeout: "token",
  cancel: "token",
  reject: "token",
  refundUnshipped: "token",
  refund: "token",
  openDispute: "none",
  submitEvidence: "none",
  proposeSettlement: "none",
  acceptSettlement: "token",
  resolveDispute: "both",
  closeStaleDispute: "token",
  fileComplaint: "registry",
  collectFees: "token",
  withdraw: "token",
} as const satisfies Record<string, Reach>;

/** An escrow function the client sends. */
export type EscrowCall = keyof typeof REACHES;
