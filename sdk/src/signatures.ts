/**
 * The one place that makes EIP-2612 permits, EIP-3009 authorizations and sellers' order consents,
 * exactly as wallets make them: the signer is asked to `signTypedData(domain, types, message)`
 * with the domain read from the contract's ERC-5267 `eip712Domain()` (the token's, or the
 * registry's for a consent). Works for SettlementToken and for any ERC-20 with ERC20Permit and
 * ERC-5267 (OpenZeppelin v5). Used by the client, the tests and the gas bench.
 */
import { AbiCoder, Signature, TypedDataEncoder, hexlify, keccak256, randomBytes } from "ethers";
import type { AddressLike, Signer, TypedDataDomain, TypedDataField } from "ethers";

/** A contract that publishes its EIP-712 domain through ERC-5267. */
export interface DomainSource {
  eip712Domain(): Promise<{
    name: string;
    version: string;
    chainId: bigint;
    verifyingContract: string;
  }>;
}

/** What signing needs of a token: its ERC-5267 domain and, for permits, EIP-2612 nonces. */
export interface SignableToken extends DomainSource {
  nonces(owner: AddressLike): Promise<bigint>;
}

/**
 * EIP-712 `SellerConsent` type: a seller's (or its delegate's) consent to one order of one escrow,
 * signed under the registry's domain. The order id commits to every term, the chain and the
 * escrow, so the signature is good for exactly that order.
 */
export const SELLER_CONSENT_TYPES: Record<string, TypedDataField[]> = {
  SellerConsent: [
    { name: "escrow", type: "address" },
    { name: "orderId", type: "bytes32" },
  ],
};

/**
 * EIP-712 `FxQuote` type: an FX provider's quote for one cross-currency order of one escrow,
 * signed under the registry's domain (docs/fx.md). `escrow` is the cross-currency escrow.
 */
export const FX_QUOTE_TYPES: Record<string, TypedDataField[]> = {
  FxQuote: [
    { name: "escrow", type: "address" },
    { name: "provider", type: "address" },
    { name: "payToken", type: "address" },
    { name: "payAmount", type: "uint256" },
    { name: "payoutToken", type: "address" },
    { name: "payoutAmount", type: "uint256" },
    { name: "orderId", type: "bytes32" },
    { name: "expiry", type: "uint64" },
  ],
};

/** An FX provider's quote, as `createFxOrder` takes it. */
export interface FxQuote {
  /** The provider (registry role `FxProvider`), which funds the payout leg. */
  provider: string;
  /** The buyer's currency: the order's `terms.token`. */
  payToken: string;
  /** What the buyer pays: the order's `terms.amount`. */
  payAmount: bigint;
  /** The seller's currency. */
  payoutToken: string;
  /** What the seller is paid before the fee. */
  payoutAmount: bigint;
  /** The order the quote is for: `orderIdOf(terms)` of the cross-currency escrow. */
  orderId: string;
  /** Last second the quote may fund the order. */
  expiry: bigint;
}

/** A seller's consent message. */
export interface SellerConsentMessage {
  /** The escrow the order is for. */
  escrow: string;
  /** The order id, `orderIdOf(terms)` (see `computeOrderId`). */
  orderId: string;
}

/** EIP-2612 `Permit` type. */
export const PERMIT_TYPES: Record<string, TypedDataField[]> = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

const AUTHORIZATION_FIELDS: TypedDataField[] = [
  { name: "from", type: "address" },
  { name: "to", type: "address" },
  { name: "value", type: "uint256" },
  { name: "validAfter", type: "uint256" },
  { name: "validBefore", type: "uint256" },
  { name: "nonce", type: "bytes32" },
];

/** EIP-3009 `TransferWithAuthorization` type. */
export const TRANSFER_AUTHORIZATION_TYPES: Record<string, TypedDataField[]> = {
  TransferWithAuthorization: AUTHORIZATION_FIELDS,
};

/** EIP-3009 `ReceiveWithAuthorization` type. */
export const RECEIVE_AUTHORIZATION_TYPES: Record<string, TypedDataField[]> = {
  ReceiveWithAuthorization: AUTHORIZATION_FIELDS,
};

/** EIP-3009 `CancelAuthorization` type. */
export const CANCEL_AUTHORIZATION_TYPES: Record<string, TypedDataField[]> = {
  CancelAuthorization: [
    { name: "authorizer", type: "address" },
    { name: "nonce", type: "bytes32" },
  ],
};

/** The two EIP-3009 authorizations that move money. */
export type AuthorizationKind = "TransferWithAuthorization" | "ReceiveWithAuthorization";

/** The EIP-712 types of each kind of EIP-3009 authorization. */
export const AUTHORIZATION_TYPES: Readonly<
  Record<AuthorizationKind, Record<string, TypedDataField[]>>
> = {
  TransferWithAuthorization: TRANSFER_AUTHORIZATION_TYPES,
  ReceiveWithAuthorization: RECEIVE_AUTHORIZATION_TYPES,
};

/** An EIP-2612 permit message. */
export interface PermitMessage {
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** An EIP-3009 transfer/receive authorization message. */
export interface AuthorizationMessage {
  from: string;
  to: string;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: string;
}

/** An EIP-3009 cancellation message. */
export interface CancellationMessage {
  authorizer: string;
  nonce: string;
}

/** A signature in both forms the token accepts. */
export interface SignedMessage {
  /** 65-byte r‖s‖v signature, for the `bytes signature` overloads. */
  signature: string;
  v: number;
  r: string;
  s: string;
  /** The EIP-712 digest that was signed (what `InvalidSignature` reports). */
  digest: string;
}

/** A fresh random 32-byte EIP-3009 nonce, as USDC clients make them. */
export function randomNonce(): string {
  return hexlify(randomBytes(32));
}

/** The token's EIP-712 domain, read through ERC-5267 the way wallets and SDKs read it. */
export async function tokenDomain(token: DomainSource): Promise<TypedDataDomain> {
  const domain = await token.eip712Domain();
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}

async function signTyped(
  token: DomainSource,
  signer: Signer,
  types: Record<string, TypedDataField[]>,
  message: Record<string, unknown>,
): Promise<SignedMessage> {
  const domain = await tokenDomain(token);
  const signature = await signer.signTypedData(domain, types, message);
  const { v, r, s } = Signature.from(signature);
  return { signature, v, r, s, digest: TypedDataEncoder.hash(domain, types, message) };
}

/** Signs an EIP-2612 permit; `nonce` defaults to the owner's current `nonces(owner)`. */
export async function signPermit(
  token: SignableToken,
  signer: Signer,
  message: Omit<PermitMessage, "nonce"> & { nonce?: bigint },
): Promise<SignedMessage & { message: PermitMessage }> {
  const full: PermitMessage = {
    ...message,
    nonce: message.nonce ?? (await token.nonces(message.owner)),
  };
  return { ...(await signTyped(token, signer, PERMIT_TYPES, { ...full })), message: full };
}

/** Signs an EIP-3009 `TransferWithAuthorization` or `ReceiveWithAuthorization`. */
export async function signAuthorization(
  token: SignableToken,
  signer: Signer,
  kind: AuthorizationKind,
  message: AuthorizationMessage,
): Promise<SignedMessage> {
  return signTyped(token, signer, AUTHORIZATION_TYPES[kind], { ...message });
}

/** Signs an EIP-3009 `CancelAuthorization`. */
export async function signCancellation(
  token: SignableToken,
  signer: Signer,
  message: CancellationMessage,
): Promise<SignedMessage> {
  return signTyped(token, signer, CANCEL_AUTHORIZATION_TYPES, { ...message });
}

/** The EIP-712 digest of a permit, as the token computes it (for `InvalidSignature` args). */
export async function permitDigest(token: SignableToken, message: PermitMessage): Promise<string> {
  return TypedDataEncoder.hash(await tokenDomain(token), PERMIT_TYPES, { ...message });
}

/** The EIP-712 digest of an authorization, as the token computes it. */
export async function authorizationDigest(
  token: SignableToken,
  kind: AuthorizationKind,
  message: AuthorizationMessage,
): Promise<string> {
  return TypedDataEncoder.hash(await tokenDomain(token), AUTHORIZATION_TYPES[kind], {
    ...message,
  });
}

/** The EIP-712 digest of a cancellation, as the token computes it. */
export async function cancellationDigest(
  token: SignableToken,
  message: CancellationMessage,
): Promise<string> {
  return TypedDataEncoder.hash(await tokenDomain(token), CANCEL_AUTHORIZATION_TYPES, {
    ...message,
  });
}

/**
 * Signs an FX provider's quote for one order of the cross-currency escrow `escrow`, under the
 * registry's domain; the digest equals `registry.fxQuoteDigest(hashStruct(quote))`.
 */
export async function signFxQuote(
  registry: DomainSource,
  signer: Signer,
  escrow: string,
  quote: FxQuote,
): Promise<SignedMessage> {
  return signTyped(registry, signer, FX_QUOTE_TYPES, { ...quote, escrow });
}

/**
 * What a seller consents to for a cross-currency order: the order id bound to its payout leg,
 * keccak256(abi.encode(orderId, payoutToken, payoutAmount)). Sign it with `signSellerConsent`
 * as the `orderId` of the message, with the cross-currency escrow as `escrow`.
 */
export function fxConsentId(orderId: string, payoutToken: string, payoutAmount: bigint): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["bytes32", "address", "uint256"],
      [orderId, payoutToken, payoutAmount],
    ),
  );
}

/**
 * Signs a seller's consent to one order: what every create function of the escrow needs. The
 * signer is the seller's wallet or a delegate the seller registered (`registry.setDelegate`); the
 * domain is read from the registry's ERC-5267 `eip712Domain()`. The digest equals the escrow's
 * `sellerConsentDigest(orderId)`.
 */
export async function signSellerConsent(
  registry: DomainSource,
  signer: Signer,
  message: SellerConsentMessage,
): Promise<SignedMessage> {
  return signTyped(registry, signer, SELLER_CONSENT_TYPES, { ...message });
}
