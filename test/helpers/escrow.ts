import { network } from "hardhat";

import {
  computeOrderId,
  countryCode,
  CREDIT_COUNTERS,
  type CreditCounter,
  productIdFromGtin,
  productIdFromHsCode,
  signAuthorization,
  signPermit as signTokenPermit,
  signSellerConsent,
} from "@tradechain/sdk";
import type {
  ITradeEscrow,
  MockERC20,
  SettlementToken,
  TradeEscrow,
  TradeRegistry,
} from "../../typechain-types/index.js";

/** One in-process chain shared by every escrow test file (fixtures are tied to it). */
export const { ethers, networkHelpers } = await network.create();

// ---------------------------------------------------------------------------------- constants

export const ROLE_SELLER = 1;
export const ROLE_BUYER = 2;
export const ROLE_LOGISTICS = 4;
export const ROLE_ARBITER = 8;

/** ITradeRegistry.ListingStatus, in declaration order. */
export const ListingStatus = { Unlisted: 0, Positive: 1, Negative: 2 } as const;

/** ITradeEscrow.Status, in declaration order. */
export const Status = {
  None: 0n,
  Funded: 1n,
  Shipped: 2n,
  Cleared: 3n,
  Disputed: 4n,
  Completed: 5n,
  Refunded: 6n,
  Resolved: 7n,
} as const;

/** UnexpectedStatus's `needed` mask: bit `1 << status` for each status a call accepts. */
export function needs(...statuses: bigint[]): bigint {
  return statuses.reduce((mask, status) => mask | (1n << status), 0n);
}

/** The masks the escrow's calls report in UnexpectedStatus. */
export const Needs = {
  funded: needs(Status.Funded),
  shipped: needs(Status.Shipped),
  cleared: needs(Status.Cleared),
  disputed: needs(Status.Disputed),
  /** recordMilestone: shipped and not closed. */
  inTransit: needs(Status.Shipped, Status.Cleared, Status.Disputed),
  /** refund: any open order. */
  open: needs(Status.Funded, Status.Shipped, Status.Cleared, Status.Disputed),
  /** openDispute. */
  disputable: needs(Status.Shipped, Status.Cleared),
  /** fileComplaint. */
  closed: needs(Status.Completed, Status.Refunded, Status.Resolved),
} as const;

/** ITradeEscrow.RefundReason, in declaration order. */
export const RefundReason = {
  Cancelled: 0n,
  RejectedBySeller: 1n,
  Unshipped: 2n,
  RejectedAtCustoms: 3n,
  SellerRefund: 4n,
} as const;

/** ITradeEscrow.Resolution, in declaration order. */
export const Resolution = { Ruling: 0n, Settlement: 1n, Stale: 2n } as const;

export const DAY = 24n * 60n * 60n;
export const BPS = 10_000n;
export const FEE_BPS = 100n; // 1%
export const MAX_FEE_BPS = 500n;
export const MIN_CONFIRM_WINDOW = 1n * DAY;
export const MAX_CONFIRM_WINDOW = 90n * DAY;
export const ARBITRATION_PERIOD = 30n * DAY;
export const CONFIRM_WINDOW = 14n * DAY;
export const UINT128_MAX = (1n << 128n) - 1n;

/** Destination with customs authorities (Pakistan). */
export const PK = countryCode("PK");
/** Origin; also has customs. */
export const CN = countryCode("CN");
/** Destination with no customs authority: clearance is automatic. */
export const DE = countryCode("DE");

/** Positive-listed at PK. */
export const LAPTOP = productIdFromHsCode("8471.30", "LAPTOP-15-SILVER");
/** Negative-listed at PK. */
export const DRONE = productIdFromHsCode("8806.22", "QUAD-X1");
/** Unlisted at PK: customs must clear it by hand. */
export const TEA = productIdFromGtin("4006381333931");
/** The products' 8-digit HS codes as the registry stores them ("0902.30.00" is 9023000). */
export const LAPTOP_HS = 84713000;
export const TEA_HS = 9023000;
export const DRONE_HS = 88062200;

/** 6-decimal token units. */
export function usd(whole: number | bigint): bigint {
  return BigInt(whole) * 1_000_000n;
}

/** A bytes32 hash standing in for an off-chain document. */
export function docHash(label: string): string {
  return ethers.id(`doc:${label}`);
}

// ---------------------------------------------------------------------------------- terms

/** ITradeEscrow.OrderTerms as ethers takes and returns it (TypeChain's struct), destination a number. */
export type OrderTerms = Omit<
  Pick<ITradeEscrow.OrderTermsStructOutput, keyof ITradeEscrow.OrderTermsStruct>,
  "destination"
> & { destination: number };

/** The order id as the escrow computes it: keccak256(abi.encode(chainid, escrow, terms)). */
export async function orderIdOf(escrow: TradeEscrow, terms: OrderTerms): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  return computeOrderId(chainId, await escrow.getAddress(), {
    ...terms,
    confirmWindow: Number(terms.confirmWindow),
    feeBps: Number(terms.feeBps),
  });
}

/** The escrow's split rule: fee on the seller's part, rounded down. */
export function split(
  sellerGross: bigint,
  feeBps: bigint = FEE_BPS,
): { fee: bigint; seller: bigint } {
  const fee = (sellerGross * feeBps) / BPS;
  return { fee, seller: sellerGross - fee };
}

// ---------------------------------------------------------------------------------- fixtures

/**
 * The whole suite wired: registry with a Chinese seller, a Pakistani buyer, a logistics provider,
 * a registered arbiter, customs for PK and CN; LAPTOP positive and DRONE negative at PK, TEA
 * unlisted; a plain OZ token (`usd`) and a SettlementToken (`stc`) both allowlisted; the buyer
 * funded in both and the escrow approved without limit.
 */
export async function escrowFixture() {
  const [
    admin,
    seller,
    buyer,
    logistics,
    arbiter,
    defaultArbiter,
    customsPK,
    feeRecipient,
    stranger,
    relayer,
    otherSeller,
  ] = await ethers.getSigners();

  const registry = (await ethers.deployContract("TradeRegistry", [
    admin.address,
  ])) as unknown as TradeRegistry;
  await registry.grantRole(await registry.REGISTRAR_ROLE(), admin.address);
  await registry.registerParticipants(
    [seller.address, buyer.address, logistics.address, arbiter.address, otherSeller.address],
    [ROLE_SELLER, ROLE_BUYER, ROLE_LOGISTICS, ROLE_ARBITER, ROLE_SELLER],
    [CN, PK, CN, DE, CN],
    [
      docHash("seller"),
      docHash("buyer"),
      docHash("logistics"),
      docHash("arbiter"),
      docHash("other"),
    ],
  );
  await registry.setCustomsAuthority(PK, customsPK.address, true);
  await registry.connect(seller).registerProduct(LAPTOP, LAPTOP_HS, docHash("laptop"));
  await registry.connect(seller).registerProduct(DRONE, DRONE_HS, docHash("drone"));
  await registry.connect(seller).registerProduct(TEA, TEA_HS, docHash("tea"));
  await registry
    .connect(customsPK)
    .setListing(PK, LAPTOP, ListingStatus.Positive, 0, docHash("laptop-ok"));
  await registry
    .connect(customsPK)
    .setListing(PK, DRONE, ListingStatus.Negative, 0, docHash("drone-banned"));

  const escrow = (await ethers.deployContract("TradeEscrow", [
    admin.address,
    await registry.getAddress(),
    feeRecipient.address,
    FEE_BPS,
    defaultArbiter.address,
  ])) as unknown as TradeEscrow;
  const escrowAddress = await escrow.getAddress();
  await registry.setEscrow(escrowAddress);

  const usdToken = (await ethers.deployContract("MockERC20", [
    "Mock USD",
    "mUSD",
    6,
  ])) as unknown as MockERC20;
  const stc = (await ethers.deployContract("SettlementToken", [
    "TradeChain USD",
    "tUSD",
    6,
    "USD",
    admin.address,
  ])) as unknown as SettlementToken;
  await stc.grantRole(await stc.MASTER_MINTER_ROLE(), admin.address);
  await stc.grantRole(await stc.BLACKLISTER_ROLE(), admin.address);
  await stc.grantRole(await stc.PAUSER_ROLE(), admin.address);
  await stc.configureMinter(admin.address, usd(1_000_000_000));
  for (const token of [usdToken, stc]) {
    await token.mint(buyer.address, usd(1_000_000));
    await token.connect(buyer).approve(escrowAddress, ethers.MaxUint256);
    await escrow.setTokenAllowed(await token.getAddress(), true);
  }

  const now = BigInt(await networkHelpers.time.latest());
  let refCounter = 0;
  /** Fresh terms (a new `ref` each call) for a LAPTOP to PK paid in `usd`, overridable. */
  const terms = (overrides: Partial<OrderTerms> = {}): OrderTerms => ({
    buyer: buyer.address,
    seller: seller.address,
    token: overrides.token ?? "",
    amount: usd(1_000),
    productId: LAPTOP,
    destination: PK,
    shipBy: now + 1000n * DAY,
    confirmWindow: CONFIRM_WINDOW,
    feeBps: FEE_BPS,
    arbiter: arbiter.address,
    ref: ethers.id(`order-${++refCounter}`),
    ...overrides,
  });
  const usdAddress = await usdToken.getAddress();
  const usdTerms = (overrides: Partial<OrderTerms> = {}): OrderTerms =>
    terms({ token: usdAddress, ...overrides });

  return {
    registry,
    escrow,
    usd: usdToken,
    stc,
    admin,
    seller,
    buyer,
    logistics,
    arbiter,
    defaultArbiter,
    customsPK,
    feeRecipient,
    stranger,
    relayer,
    otherSeller,
    terms: usdTerms,
    anyTerms: terms,
  };
}

export type EscrowFixture = Awaited<ReturnType<typeof escrowFixture>>;

/** A signer, as the fixture's accounts are. */
type AnySigner = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/**
 * The consent signature `signer` (by default the fixture's seller) gives to `terms` on `escrow`
 * (by default the fixture's): what every create function needs as its last argument.
 */
export async function consent(
  fx: Pick<EscrowFixture, "registry" | "escrow" | "seller">,
  terms: OrderTerms,
  signer: AnySigner = fx.seller,
  escrow: TradeEscrow = fx.escrow,
): Promise<string> {
  const { signature } = await signSellerConsent(fx.registry, signer, {
    escrow: await escrow.getAddress(),
    orderId: await orderIdOf(escrow, terms),
  });
  return signature;
}

/**
 * Sends `createOrder(terms, consent)` from `caller` (by default the buyer) with the seller's
 * valid consent, so that a revert can only come from the check under test; returns the pending
 * transaction for `expect(...)`.
 */
export async function sendCreateOrder(
  fx: Pick<EscrowFixture, "registry" | "escrow" | "seller" | "buyer">,
  terms: OrderTerms,
  caller: AnySigner = fx.buyer,
) {
  return fx.escrow.connect(caller).createOrder(terms, await consent(fx, terms));
}

/** Creates an order from `terms` as the buyer, with the seller's consent, and returns its id. */
export async function createOrder(fx: EscrowFixture, terms: OrderTerms): Promise<string> {
  await fx.escrow.connect(fx.buyer).createOrder(terms, await consent(fx, terms));
  return orderIdOf(fx.escrow, terms);
}

/** Creates and ships an order; a LAPTOP to PK is cleared automatically at shipment. */
export async function shippedOrder(fx: EscrowFixture, terms: OrderTerms): Promise<string> {
  const orderId = await createOrder(fx, terms);
  await fx.escrow.connect(fx.seller).ship(terms, docHash("tracking"));
  return orderId;
}

/** Creates, ships and disputes (opened by the buyer) an order. */
export async function disputedOrder(fx: EscrowFixture, terms: OrderTerms): Promise<string> {
  const orderId = await shippedOrder(fx, terms);
  await fx.escrow.connect(fx.buyer).openDispute(terms, docHash("evidence"));
  return orderId;
}

/** EIP-2612 permit signature of `owner` for `spender`, split for the v,r,s overloads. */
export async function signPermit(
  token: MockERC20 | SettlementToken,
  owner: Awaited<ReturnType<typeof ethers.getSigners>>[number],
  spender: string,
  value: bigint,
  deadline: bigint,
) {
  const { signature } = await signTokenPermit(token, owner, {
    owner: owner.address,
    spender,
    value,
    deadline,
  });
  return ethers.Signature.from(signature);
}

/** EIP-3009 ReceiveWithAuthorization signature of `from` paying `to`. */
export async function signReceiveAuthorization(
  token: SettlementToken,
  from: Awaited<ReturnType<typeof ethers.getSigners>>[number],
  to: string,
  value: bigint,
  validAfter: bigint,
  validBefore: bigint,
  nonce: string,
): Promise<string> {
  const { signature } = await signAuthorization(token, from, "ReceiveWithAuthorization", {
    from: from.address,
    to,
    value,
    validAfter,
    validBefore,
    nonce,
  });
  return signature;
}

/** The terms as the positional tuple events and views return. */
export function termsTuple(terms: OrderTerms): unknown[] {
  return [
    terms.buyer,
    terms.seller,
    terms.token,
    terms.amount,
    terms.productId,
    BigInt(terms.destination),
    terms.shipBy,
    terms.confirmWindow,
    terms.feeBps,
    terms.arbiter,
    terms.ref,
  ];
}

/** The timestamp the next transaction will be mined at, pinned. */
export async function pinNextTimestamp(timestamp: bigint): Promise<void> {
  await networkHelpers.time.setNextBlockTimestamp(timestamp);
}

/** The state fields of an order, as plain values. */
export async function stateOf(escrow: TradeEscrow, orderId: string) {
  const s = await escrow.orderState(orderId);
  return {
    status: s.status,
    disputedBySeller: s.disputedBySeller,
    complaintFiled: s.complaintFiled,
    shipped: s.shipped,
    namedDefaultArbiter: s.namedDefaultArbiter,
    since: s.since,
    hsCode: s.hsCode,
    refunded: s.refunded,
  };
}

/** The fields of a credit record (the SDK's counters, then the volumes). */
const CREDIT_FIELDS = [...CREDIT_COUNTERS, "volume", "refundedVolume"] as const;

/** A credit record as ethers returns it, as plain values. */
type Credit = Record<CreditCounter | "volume" | "refundedVolume", bigint>;

/** The credit record of an account in one token, as plain values. */
export async function creditOf(
  escrow: TradeEscrow,
  account: string,
  token: { getAddress(): Promise<string> } | string,
) {
  const tokenAddress = typeof token === "string" ? token : await token.getAddress();
  const c = await escrow.creditOf(account, tokenAddress);
  return Object.fromEntries(CREDIT_FIELDS.map((field) => [field, c[field]])) as Credit;
}

/** An empty credit record. */
export const NO_CREDIT = Object.fromEntries(CREDIT_FIELDS.map((field) => [field, 0n])) as Credit;

/** The customs period: nobody may dispute a shipment awaiting customs before it has passed. */
export const CUSTOMS_PERIOD = 30n * DAY;
