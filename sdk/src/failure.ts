/**
 * `TradeChainError`, the one error class the SDK throws, its codes, and how a failure that is not
 * a revert of the suite (a bad argument, a node that cannot be reached, a wallet that refused)
 * becomes one. Decoding reverts against the suite's ABIs is `errors.ts`; this module imports
 * nothing of the SDK, so every other module (ids, formatting, encodings) can throw with a code.
 */

/** A decoded error argument: its ABI name and type, raw value and a display string. */
export interface DecodedErrorArgument {
  readonly name: string;
  readonly type: string;
  readonly value: string | bigint | boolean;
  readonly display: string;
}

/** A revert decoded against the suite's ABIs, or the SDK's own description of a failure. */
export interface DecodedError {
  /** Error name, e.g. `InvalidSignature`; `Error` for `require` strings, `Panic` for panics. */
  readonly name: string;
  /** Canonical signature, e.g. `InvalidSignature(address,bytes32)`. */
  readonly signature: string;
  /** The 4-byte selector (`0x` for the SDK's own errors). */
  readonly selector: string;
  /** Arguments in ABI order. */
  readonly args: readonly DecodedErrorArgument[];
  /** Sentence for people, e.g. `Signature not made by 0x12…: ...`. */
  readonly message: string;
}

/**
 * What kind of failure a {@link TradeChainError} is, for programs to branch on; `decoded.name`
 * says which failure of that kind (the table {@link ERROR_CODES} describes each code).
 */
export type TradeChainErrorCode =
  | "REVERT"
  | "UNKNOWN_ORDER"
  | "NO_SIGNER"
  | "INVALID_ARGUMENT"
  | "INVALID_ADDRESS"
  | "UNKNOWN_CURRENCY"
  | "DEPLOYMENT"
  | "NETWORK"
  | "REJECTED"
  | "SELLER_CONSENT_MISSING"
  | "WEBHOOK_MALFORMED"
  | "WEBHOOK_STALE"
  | "WEBHOOK_SIGNATURE"
  | "EXPLORER_BAD_REQUEST"
  | "EXPLORER_NOT_FOUND"
  | "EXPLORER_HTTP";

/** Every code with what it means and what a program does about it. */
export const ERROR_CODES: Readonly<Record<TradeChainErrorCode, string>> = {
  REVERT: "a contract reverted; decoded.name is the contract's error, decoded.args its values",
  UNKNOWN_ORDER: "no order with this id on this escrow (check the id, network and deployment)",
  NO_SIGNER: "a read-only client (built on a provider) was asked to send or sign",
  INVALID_ARGUMENT: "a value was refused before anything was sent (decoded.name says which rule)",
  INVALID_ADDRESS: "not an address (InvalidAddress), or a mixed-case address with a bad checksum",
  UNKNOWN_CURRENCY: "a currency code that is not a settlement token of the deployment",
  DEPLOYMENT:
    "no deployment where one was looked for, a folder that is not one, or no contracts on the chain",
  NETWORK:
    "the node could not be reached or answered badly; nothing was decided, trying again may work",
  REJECTED:
    "the wallet or the node refused the transaction (rejected by the user, no gas money, nonce)",
  SELLER_CONSENT_MISSING:
    "an order was to be created without the seller's consent: pass sellerSignature or sellerSigner",
  WEBHOOK_MALFORMED: "a TradeChain-Signature header that is not `t=<unix>,v1=<hex>[,v1=<hex>…]`",
  WEBHOOK_STALE: "a webhook signed outside the tolerance around now (a replay or a skewed clock)",
  WEBHOOK_SIGNATURE: "no v1 signature of the header matches the body under the secret",
  EXPLORER_BAD_REQUEST:
    "the explorer refused the request (400); decoded.name is its code, the parameter arg names the query parameter",
  EXPLORER_NOT_FOUND:
    "the explorer has indexed nothing by that key (404); it may not have caught up with the chain yet",
  EXPLORER_HTTP:
    "the explorer answered with another error (429 rate limited, 503 busy, 5xx) or not with its JSON",
};

/** Thrown by the SDK when a transaction or call reverts, or a request cannot be made. */
export class TradeChainError extends Error {
  /** What kind of failure this is. */
  readonly code: TradeChainErrorCode;
  /** The decoded revert (or, for the SDK's own errors, its name, arguments and message). */
  readonly decoded: DecodedError;
  /** The revert data, so tooling that reads `error.data` keeps working (`0x` for SDK errors). */
  readonly data: string;

  constructor(
    decoded: DecodedError,
    data: string,
    cause: unknown,
    code: TradeChainErrorCode = "REVERT",
  ) {
    super(decoded.message, { cause });
    this.name = "TradeChainError";
    this.code = code;
    this.decoded = decoded;
    this.data = data;
  }
}

/**
 * One of the SDK's own errors (nothing reverted): `name` is its decoded name, e.g.
 * `UnknownOrder`, and `args` are shown as given.
 */
export function clientError(
  code: Exclude<TradeChainErrorCode, "REVERT">,
  name: string,
  message: string,
  args: Readonly<Record<string, string | bigint | boolean | number>> = {},
  cause?: unknown,
): TradeChainError {
  const decoded: DecodedError = {
    name,
    signature: name,
    selector: "0x",
    args: Object.entries(args).map(([argName, given]) => {
      const value = typeof given === "number" ? BigInt(given) : given;
      return {
        name: argName,
        type: typeof value === "bigint" ? "int256" : typeof value === "boolean" ? "bool" : "string",
        value,
        display: String(given),
      };
    }),
    message,
  };
  return new TradeChainError(decoded, "0x", cause, code);
}

// ------------------------------------------------------------------------------ other failures

/** ethers' error codes (`ethers.ErrorCode`) by the TradeChain code they become. */
const ETHERS_CODES: Readonly<Record<string, Exclude<TradeChainErrorCode, "REVERT">>> = {
  NETWORK_ERROR: "NETWORK",
  TIMEOUT: "NETWORK",
  SERVER_ERROR: "NETWORK",
  UNKNOWN_ERROR: "NETWORK",
  BAD_DATA: "NETWORK",
  OFFCHAIN_FAULT: "NETWORK",
  CANCELLED: "NETWORK",
  UNSUPPORTED_OPERATION: "NETWORK",
  ACTION_REJECTED: "REJECTED",
  INSUFFICIENT_FUNDS: "REJECTED",
  NONCE_EXPIRED: "REJECTED",
  REPLACEMENT_UNDERPRICED: "REJECTED",
  TRANSACTION_REPLACED: "REJECTED",
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  MISSING_ARGUMENT: "INVALID_ARGUMENT",
  UNEXPECTED_ARGUMENT: "INVALID_ARGUMENT",
  NUMERIC_FAULT: "INVALID_ARGUMENT",
  VALUE_MISMATCH: "INVALID_ARGUMENT",
  BUFFER_OVERRUN: "INVALID_ARGUMENT",
};

/** EIP-1193's code of a request the user refused in the wallet. */
const USER_REJECTED = 4001;

/** How nodes word the refusals a program handles differently from an outage. */
const NODE_REFUSALS: readonly (readonly [RegExp, string])[] = [
  [/insufficient funds|enough funds/i, "INSUFFICIENT_FUNDS"],
  [/nonce (too (low|high)|has already been used)|nonce.*(expected|lower than)/i, "NONCE_EXPIRED"],
  [/underpriced|fee cap|base ?fee|gas price too low/i, "REPLACEMENT_UNDERPRICED"],
];

/** The fields of a thrown error this module reads. */
interface Thrown {
  readonly code?: unknown;
  readonly shortMessage?: unknown;
  readonly message: string;
  readonly argument?: unknown;
  readonly value?: unknown;
  readonly operation?: unknown;
  readonly syscall?: unknown;
}

/**
 * A {@link TradeChainError} for a failure that is not a revert of the suite (those are decoded by
 * `toTradeChainError`): an ethers error (`decoded.name` is its code: `NETWORK_ERROR`,
 * `ACTION_REJECTED`…), a node's JSON-RPC or a wallet's EIP-1193 error (`RPC_ERROR`,
 * `INSUFFICIENT_FUNDS`, `ACTION_REJECTED`…) or a socket error (`ECONNREFUSED`…), with the
 * original as `cause`. Undefined for anything else: a programming error is not hidden.
 */
export function classifyFailure(err: unknown): TradeChainError | undefined {
  if (err instanceof TradeChainError) return err;
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & Thrown;
  const text = typeof e.shortMessage === "string" ? e.shortMessage : e.message;
  if (typeof e.code === "number") {
    // A node's JSON-RPC error or a wallet's EIP-1193 error, without revert data.
    if (e.code === USER_REJECTED) return clientError("REJECTED", "ACTION_REJECTED", text, {}, err);
    const refusal = NODE_REFUSALS.find(([pattern]) => pattern.test(text));
    if (refusal !== undefined) return clientError("REJECTED", refusal[1], text, {}, err);
    return clientError("NETWORK", "RPC_ERROR", text, { rpcCode: e.code }, err);
  }
  if (typeof e.code !== "string") return undefined;
  if (typeof e.syscall === "string" || /^E[A-Z]+$/.test(e.code)) {
    // Node's socket errors: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND…
    return clientError("NETWORK", e.code, `${text} (is the node running?)`, {}, err);
  }
  if (e.code === "CALL_EXCEPTION") {
    // A revert without data (out of gas, `revert()`): still a revert, with nothing to decode.
    return new TradeChainError(
      { name: "RevertWithoutReason", signature: "", selector: "0x", args: [], message: text },
      "0x",
      err,
      "REVERT",
    );
  }
  if (e.code === "BAD_DATA" && e.value === "0x") {
    return clientError(
      "DEPLOYMENT",
      "NoContract",
      "A call returned no data: the deployment's contracts are not on this chain " +
        "(check the network and the deployment's addresses)",
      {},
      err,
    );
  }
  if (e.code === "INVALID_ARGUMENT" && (e.argument === "address" || /address/i.test(text))) {
    return clientError("INVALID_ADDRESS", "InvalidAddress", text, {}, err);
  }
  const code = ETHERS_CODES[e.code];
  return code === undefined ? undefined : clientError(code, e.code, text, {}, err);
}
