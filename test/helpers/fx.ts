/**
 * Fixtures and signing helpers for the cross-currency escrow's tests (issue 19): the shared
 * escrow fixture (registry + TradeEscrow, the settings escrow) plus a TradeFxEscrow wired to it,
 * its desk, an 18-decimal payout currency (`cny`), two registered FX providers with caps, and
 * quote / consent signing through ethers' public `signTypedData`.
 */
import { expect } from "chai";

import type {
  MockAggregatorV3,
  MockERC20,
  TradeEscrow,
  TradeFxDesk,
  TradeFxEscrow,
  TradeRegistry,
} from "../../typechain-types/index.js";
import {
  BPS,
  CN,
  FEE_BPS,
  creditOf,
  docHash,
  escrowFixture,
  ethers,
  networkHelpers,
  stateOf,
} from "./escrow.js";
import type { OrderTerms } from "./escrow.js";
import { FX_QUOTE_TYPES, type FxQuote, SELLER_CONSENT_TYPES } from "@tradechain/sdk";

export const ROLE_FX_PROVIDER = 16;
/** How long a quote of `fxOrder` stays valid by default. */
export const QUOTE_TTL = 600n;
/** 18-decimal units of the payout currency. */
export function cny(whole: number | bigint): bigint {
  return BigInt(whole) * 10n ** 18n;
}
/** The provider's cap per pair in the fixture. */
export const CAP = cny(1_000_000);

// The typed data are the SDK's (sdk/src/signatures.ts): what wallets are asked to sign.
export { FX_QUOTE_TYPES, type FxQuote, SELLER_CONSENT_TYPES };

/** A signer, as the fixture's accounts are. */
export type AnySigner = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** The registry's EIP-712 domain; `chainId` overrides the network's (replay tests). */
export async function registryDomain(registry: TradeRegistry, chainId?: bigint) {
  return {
    name: "TradeRegistry",
    version: "1",
    chainId: chainId ?? (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await registry.getAddress(),
  };
}

/** `signer`'s EIP-712 signature over `quote` naming FX escrow `escrow`. */
export async function signQuote(
  registry: TradeRegistry,
  signer: AnySigner,
  escrow: string,
  quote: FxQuote,
  chainId?: bigint,
): Promise<string> {
  return signer.signTypedData(await registryDomain(registry, chainId), FX_QUOTE_TYPES, {
    ...quote,
    escrow,
  });
}

/** What a seller consents to for an FX order: keccak256(abi.encode(orderId, payoutToken, payoutAmount)). */
export function fxConsentId(orderId: string, payoutToken: string, payoutAmount: bigint): string {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["bytes32", "address", "uint256"],
      [orderId, payoutToken, payoutAmount],
    ),
  );
}

/** `signer`'s SellerConsent to `consented` (an FX consent id or a plain order id) on `escrow`. */
export async function signConsentTo(
  registry: TradeRegistry,
  signer: AnySigner,
  escrow: string,
  consented: string,
): Promise<string> {
  return signer.signTypedData(await registryDomain(registry), SELLER_CONSENT_TYPES, {
    escrow,
    orderId: consented,
  });
}

/** The escrow's FX split at the buyer's total R: A and P the legs, every part exact. */
export function fxSplit(A: bigint, P: bigint, R: bigint, feeBps: bigint = FEE_BPS) {
  const providerPayout = (R * P) / A;
  const gross = P - providerPayout;
  const fee = (gross * feeBps) / BPS;
  return { buyer: R, providerPay: A - R, providerPayout, gross, fee, seller: gross - fee };
}

// ---------------------------------------------------------------------------------- fixture

/**
 * The escrow fixture plus: a TradeFxEscrow on the TradeEscrow (settings escrow), set in the
 * registry; `cny` (18 decimals) allowlisted; `provider` and `provider2` registered as FX
 * providers, funded in cny and usd with the FX escrow approved; caps of `provider` for usd->cny
 * and stc->cny; the buyer approving the FX escrow in usd and stc.
 */
export async function fxFixture() {
  const base = await escrowFixture();
  const signers = await ethers.getSigners();
  const [provider, provider2, outsider] = [signers[11], signers[12], signers[13]];
  const { registry, escrow, admin, buyer } = base;
  await registry.registerParticipants(
    [provider.address, provider2.address],
    [ROLE_FX_PROVIDER, ROLE_FX_PROVIDER],
    [CN, CN],
    [docHash("fx-provider"), docHash("fx-provider-2")],
  );
  const fxEscrow = (await ethers.deployContract("TradeFxEscrow", [
    await escrow.getAddress(),
  ])) as unknown as TradeFxEscrow;
  const fxAddress = await fxEscrow.getAddress();
  await registry.setFxEscrow(fxAddress);
  const desk = (await ethers.getContractAt(
    "TradeFxDesk",
    await fxEscrow.fxDesk(),
  )) as unknown as TradeFxDesk;
  const cnyToken = (await ethers.deployContract("MockERC20", [
    "Mock CNY",
    "mCNY",
    18,
  ])) as unknown as MockERC20;
  await escrow.setTokenAllowed(await cnyToken.getAddress(), true);
  for (const p of [provider, provider2]) {
    await cnyToken.mint(p.address, cny(10_000_000));
    await cnyToken.connect(p).approve(fxAddress, ethers.MaxUint256);
    await base.usd.mint(p.address, 10n ** 15n);
    await base.usd.connect(p).approve(fxAddress, ethers.MaxUint256);
  }
  await base.usd.connect(buyer).approve(fxAddress, ethers.MaxUint256);
  await base.stc.connect(buyer).approve(fxAddress, ethers.MaxUint256);
  const addr = {
    fx: fxAddress,
    desk: await desk.getAddress(),
    usd: await base.usd.getAddress(),
    stc: await base.stc.getAddress(),
    cny: await cnyToken.getAddress(),
    escrow: await escrow.getAddress(),
  };
  for (const pay of [addr.usd, addr.stc]) {
    await desk.connect(admin).setFxLimit(provider.address, pay, addr.cny, CAP);
  }
  return { ...base, fxEscrow, desk, cny: cnyToken, provider, provider2, outsider, addr };
}

export type FxFixture = Awaited<ReturnType<typeof fxFixture>>;

/** A feed answering `answer` with `decimals` decimals, updated now. */
export async function deployFeed(decimals: number, answer: bigint): Promise<MockAggregatorV3> {
  return (await ethers.deployContract("MockAggregatorV3", [
    decimals,
    answer,
  ])) as unknown as MockAggregatorV3;
}

// ---------------------------------------------------------------------------------- orders

/** An FX order ready to send: terms, quote and both signatures. */
export type FxOrder = {
  terms: OrderTerms;
  quote: FxQuote;
  orderId: string;
  quoteSig: string;
  consentSig: string;
};

export type FxOrderOptions = {
  /** Overrides of the order terms (pay leg in usd by default). */
  terms?: Partial<OrderTerms>;
  /** Overrides of the quote (signed as overridden). */
  quote?: Partial<FxQuote>;
  /** The payout leg (default: 7.1 cny per usd of the pay leg). */
  payoutAmount?: bigint;
  /** Who signs the quote (default: the quote's provider, the fixture's `provider`). */
  quoteSigner?: AnySigner;
  /** The FX escrow the quote names (default: the fixture's; the consent always names it). */
  quoteEscrow?: string;
  /** Chain id of the quote's domain. */
  chainId?: bigint;
};

/** Default payout of a usd pay leg of `amount` units: 7.1 cny per usd. */
export function defaultPayout(amount: bigint): bigint {
  return (amount * 71n * 10n ** 12n) / 10n;
}

/** Builds, signs and returns an FX order (nothing sent). */
export async function fxOrder(fx: FxFixture, options: FxOrderOptions = {}): Promise<FxOrder> {
  const terms = fx.terms(options.terms ?? {});
  const orderId = await fx.fxEscrow.orderIdOf(terms);
  const now = BigInt(await networkHelpers.time.latest());
  const quote: FxQuote = {
    provider: fx.provider.address,
    payToken: terms.token,
    payAmount: terms.amount,
    payoutToken: fx.addr.cny,
    payoutAmount: options.payoutAmount ?? defaultPayout(terms.amount),
    orderId,
    expiry: now + QUOTE_TTL,
    ...options.quote,
  };
  const signer =
    options.quoteSigner ?? (quote.provider === fx.provider2.address ? fx.provider2 : fx.provider);
  const quoteEscrow = options.quoteEscrow ?? fx.addr.fx;
  const quoteSig = await signQuote(fx.registry, signer, quoteEscrow, quote, options.chainId);
  const consentSig = await signConsentTo(
    fx.registry,
    fx.seller,
    fx.addr.fx,
    fxConsentId(orderId, quote.payoutToken, quote.payoutAmount),
  );
  return { terms, quote, orderId, quoteSig, consentSig };
}

/** Sends createFxOrder for `order` from `caller` (default: the buyer). */
export function sendFx(fx: FxFixture, order: FxOrder, caller: AnySigner = fx.buyer) {
  return fx.fxEscrow
    .connect(caller)
    .createFxOrder(order.terms, order.quote, order.quoteSig, order.consentSig);
}

/** Creates an FX order (allowance path) and returns it. */
export async function createFx(fx: FxFixture, options: FxOrderOptions = {}): Promise<FxOrder> {
  const order = await fxOrder(fx, options);
  await sendFx(fx, order);
  return order;
}

/** Creates and ships an FX order (a LAPTOP to PK clears at shipment). */
export async function shippedFx(fx: FxFixture, options: FxOrderOptions = {}): Promise<FxOrder> {
  const order = await createFx(fx, options);
  await fx.fxEscrow.connect(fx.seller).ship(order.terms, docHash("tracking"));
  return order;
}

/** Creates, ships and disputes (by the buyer) an FX order. */
export async function disputedFx(fx: FxFixture, options: FxOrderOptions = {}): Promise<FxOrder> {
  const order = await shippedFx(fx, options);
  await fx.fxEscrow.connect(fx.buyer).openDispute(order.terms, docHash("evidence"));
  return order;
}

// ---------------------------------------------------------------------------------- balances

/** Every balance an FX order's money can touch, in both of its tokens. */
export async function snapshot(fx: FxFixture, order: FxOrder) {
  const pay = await ethers.getContractAt("MockERC20", order.terms.token);
  const payout = await ethers.getContractAt("MockERC20", order.quote.payoutToken);
  const e = fx.fxEscrow;
  const provider = order.quote.provider;
  const [b, s, p, f, r] = [
    fx.buyer.address,
    fx.seller.address,
    provider,
    fx.addr.fx,
    fx.feeRecipient.address,
  ];
  return {
    buyerPay: await pay.balanceOf(b),
    sellerPay: await pay.balanceOf(s),
    providerPay: await pay.balanceOf(p),
    fxPay: await pay.balanceOf(f),
    buyerPayout: await payout.balanceOf(b),
    sellerPayout: await payout.balanceOf(s),
    providerPayout: await payout.balanceOf(p),
    fxPayout: await payout.balanceOf(f),
    recipientPayout: await payout.balanceOf(r),
    claimProviderPay: await e.claimable(order.terms.token, p),
    claimProviderPayout: await e.claimable(order.quote.payoutToken, p),
    claimBuyerPay: await e.claimable(order.terms.token, b),
    claimSellerPayout: await e.claimable(order.quote.payoutToken, s),
    feesPay: await e.accruedFees(order.terms.token),
    feesPayout: await e.accruedFees(order.quote.payoutToken),
  };
}

export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Asserts that every balance moved by exactly `deltas` since `before` (unnamed ones: not at all). */
export async function expectDeltas(
  fx: FxFixture,
  order: FxOrder,
  before: Snapshot,
  deltas: Partial<Snapshot>,
): Promise<void> {
  const after = await snapshot(fx, order);
  const actual = Object.fromEntries(
    Object.keys(before).map((k) => [k, after[k as keyof Snapshot] - before[k as keyof Snapshot]]),
  );
  const expected = Object.fromEntries(
    Object.keys(before).map((k) => [k, deltas[k as keyof Snapshot] ?? 0n]),
  );
  expect(actual).to.deep.equal(expected);
}

/**
 * DESIGN §4 promise 4 for the FX escrow and one token: its balance equals the open legs in that
 * token (pay legs less refunds, payout legs less what the provider has back) plus the claimable
 * balances of `accounts` plus accrued fees.
 */
export async function expectFxBalanceEquation(
  fx: FxFixture,
  token: string,
  orders: FxOrder[],
  accounts: string[],
): Promise<void> {
  let open = 0n;
  for (const o of orders) {
    const state = await fx.fxEscrow.orderState(o.orderId);
    if (state.status === 0n || state.status > 4n) continue;
    const A = o.terms.amount;
    const P = o.quote.payoutAmount;
    if (o.terms.token === token) open += A - state.refunded;
    if (o.quote.payoutToken === token) open += P - (state.refunded * P) / A;
  }
  let claimable = 0n;
  for (const account of accounts) claimable += await fx.fxEscrow.claimable(token, account);
  const erc20 = await ethers.getContractAt("MockERC20", token);
  expect(await erc20.balanceOf(fx.addr.fx)).to.equal(
    open + claimable + (await fx.fxEscrow.accruedFees(token)),
  );
}

/** An account's credit record on the FX escrow in one token, as plain values. */
export function fxCreditOf(fx: FxFixture, account: string, token: string) {
  return creditOf(fx.fxEscrow as unknown as TradeEscrow, account, token);
}

/** An FX order's state fields, as plain values. */
export function fxStateOf(fx: FxFixture, orderId: string) {
  return stateOf(fx.fxEscrow as unknown as TradeEscrow, orderId);
}
