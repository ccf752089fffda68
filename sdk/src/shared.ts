/**
 * A client's options and the state a client shares with the clients `connect` derives from it:
 * order terms, token metadata, labels, gas limits, fee data and where sellers' consents come from.
 */
import type { OrderTerms, SellerConsentSource, TokenInfo } from "./types.js";

/** Options of a client. */
export interface TradeChainClientOptions {
  /** First block to scan for events (the escrow's deployment block); default 0. */
  readonly fromBlock?: number;
  /** Names for addresses, used in error messages. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Send escrow calls with an EIP-2930 access list naming the token and registry the call
   * reaches (about 100 gas less per contract per call); default false.
   */
  readonly accessLists?: boolean;
  /** Milliseconds fee data is reused before it is fetched again; default 12 s. */
  readonly feeDataTtlMs?: number;
  /** Milliseconds between receipt polls; default the provider's `pollingInterval`, else 1 s. */
  readonly pollingIntervalMs?: number;
  /**
   * Where orders get their seller's consent when a create call brings none: the seller's (or a
   * delegate's) wallet, or a function asking the platform's backend for the signature. Without
   * it, every create call needs `sellerSignature` or `sellerSigner`.
   */
  readonly sellerConsent?: SellerConsentSource;
}

/** Seconds-scale default of {@link TradeChainClientOptions.feeDataTtlMs}. */
export const DEFAULT_FEE_DATA_TTL_MS = 12_000;
/** The fee fields every transaction of a client carries until the fee data is refreshed. */
export type FeeFields =
  | { readonly type: 2; readonly maxFeePerGas: bigint; readonly maxPriorityFeePerGas: bigint }
  | { readonly type: 0; readonly gasPrice: bigint };

/** State shared by a client and the clients `connect` derives from it. */
export interface SharedState {
  readonly terms: Map<string, OrderTerms>;
  /** The escrow of each known order that lives on the cross-currency escrow (by order id). */
  readonly escrows: Map<string, string>;
  /** The cross-currency escrow's desk (caps and feeds), read once. */
  fxDesk: Promise<string> | undefined;
  readonly tokenInfo: Map<string, Promise<TokenInfo>>;
  readonly labels: Map<string, string>;
  chainId: Promise<bigint> | undefined;
  readonly fromBlock: number;
  /** Gas limits (estimate plus headroom) by kind of call. */
  readonly gasLimits: Map<string, Promise<bigint>>;
  fees: { readonly at: number; readonly fields: Promise<FeeFields> } | undefined;
  readonly accessLists: boolean;
  readonly feeDataTtlMs: number;
  readonly pollingIntervalMs: number | undefined;
  readonly sellerConsent: SellerConsentSource | undefined;
  /** The registry's EIP-712 domain (sellers' consents are signed under it), read once. */
  registryDomain: Promise<Eip712Domain> | undefined;
}

/** An EIP-712 domain as ERC-5267's `eip712Domain()` gives it. */
export interface Eip712Domain {
  readonly name: string;
  readonly version: string;
  readonly chainId: bigint;
  readonly verifyingContract: string;
}

/** Fresh shared state from a client's options. */
export function newSharedState(options: TradeChainClientOptions): SharedState {
  return {
    terms: new Map(),
    escrows: new Map(),
    fxDesk: undefined,
    tokenInfo: new Map(),
    labels: new Map(
      Object.entries(options.labels ?? {}).map(([address, name]) => [address.toLowerCase(), name]),
    ),
    chainId: undefined,
    fromBlock: options.fromBlock ?? 0,
    gasLimits: new Map(),
    fees: undefined,
    accessLists: options.accessLists ?? false,
    feeDataTtlMs: options.feeDataTtlMs ?? DEFAULT_FEE_DATA_TTL_MS,
    pollingIntervalMs: options.pollingIntervalMs,
    sellerConsent: options.sellerConsent,
    registryDomain: undefined,
  };
}
