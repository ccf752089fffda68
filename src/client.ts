/**
 * `TradeChainClient`: drives TradeChain orders through ethers and the TypeChain bindings.
 *
 * Callers pass order ids, not structs: the client keeps the terms of the orders it created and
 * rebuilds any other order's terms from its `OrderCreated` event. Every revert comes back as a
 * {@link TradeChainError} whose message is decoded, with amounts in the order's currency.
 */
import {
  AbiCoder,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  getAddress,
  hexlify,
  isHexString,
  keccak256,
  type Log,
  type LogDescription,
  type Provider,
  randomBytes,
  type Signer,
  Signature,
  toUtf8Bytes,
  ZeroAddress,
  ZeroHash,
} from "ethers";

import type { SettlementToken } from "../typechain-types/token/SettlementToken.js";
import type { TradeEscrow } from "../typechain-types/escrow/TradeEscrow.js";
import type { TradeRegistry } from "../typechain-types/registry/TradeRegistry.js";
import { SettlementToken__factory } from "../typechain-types/factories/token/SettlementToken__factory.js";
import { TradeEscrow__factory } from "../typechain-types/factories/escrow/TradeEscrow__factory.js";
import { TradeRegistry__factory } from "../typechain-types/factories/registry/TradeRegistry__factory.js";
import { readIgnitionDeployment } from "./deployment.js";
import { hsCodeNumber } from "./ids.js";
import { type DescribeContext, ENUM_NAMES, toTradeChainError } from "./errors.js";
import { formatAmount, formatBps, formatTimestamp, shortHex } from "./format.js";
import { signAuthorization, signPermit } from "./signatures.js";
import {
  type CreateOrderOptions,
  type CreatedOrder,
  type CreditRecord,
  type EventValue,
  type FundingAuthorization,
  type FundingMethod,
  LISTING_STATUSES,
  type ListingPage,
  type ListingStatusName,
  type ListingView,
  type NewOrder,
  ORDER_STATUSES,
  type OrderStateView,
  type OrderTerms,
  ParticipantRole,
  type ParticipantView,
  type TimelineEntry,
  type TokenInfo,
  type TradeChainAddresses,
} from "./types.js";

// ------------------------------------------------------------------------------ constants

/** Default seconds until the seller must ship when `NewOrder.shipWithin` is not given. */
export const DEFAULT_SHIP_WITHIN = 7 * 24 * 3600;
/** Default confirmation window in seconds. */
export const DEFAULT_CONFIRM_WINDOW = 7 * 24 * 3600;
/** Default seconds a permit or EIP-3009 authorization stays valid. */
export const DEFAULT_SIGNATURE_VALIDITY = 3600;
/** Default page size of list reads. */
export const DEFAULT_PAGE_SIZE = 100;

const ORDER_TERMS_TUPLE =
  "tuple(address buyer,address seller,address token,uint256 amount,bytes32 productId," +
  "uint16 destination,uint64 shipBy,uint32 confirmWindow,uint16 feeBps,address arbiter,bytes32 ref)";

/** Timeline steps by `ITradeEscrow.RefundReason` name. */
const REFUND_STEPS: Readonly<Record<string, string>> = {
  Cancelled: "Cancelled by buyer",
  RejectedBySeller: "Rejected by seller",
  Unshipped: "Refunded: not shipped in time",
  RejectedAtCustoms: "Rejected at customs",
  SellerRefund: "Refunded by seller",
};
/** Timeline steps by `ITradeEscrow.Resolution` name. */
const RESOLUTION_STEPS: Readonly<Record<string, string>> = {
  Ruling: "Ruled by arbiter",
  Settlement: "Settled by agreement",
  Stale: "Stale dispute split",
};

// ------------------------------------------------------------------------------ helpers

/**
 * A bytes32 commitment: a 32-byte hex value is used as is, any other text is hashed
 * (`keccak256(utf8)`), and nothing gives the zero hash. Lets callers write
 * `ship(orderId, "DHL 1234567890")` while only the hash goes on chain.
 */
export function toBytes32(value?: string): string {
  if (value === undefined || value === "") return ZeroHash;
  if (isHexString(value, 32)) return value;
  return keccak256(toUtf8Bytes(value));
}

/** The order id the escrow computes: keccak256(abi.encode(chainId, escrow, terms)). */
export function computeOrderId(chainId: bigint, escrow: string, terms: OrderTerms): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["uint256", "address", ORDER_TERMS_TUPLE],
      [chainId, escrow, terms],
    ),
  );
}

function isFullTerms(order: NewOrder | OrderTerms): order is OrderTerms {
  const candidate = order as Partial<OrderTerms>;
  return (
    candidate.buyer !== undefined &&
    candidate.shipBy !== undefined &&
    candidate.confirmWindow !== undefined &&
    candidate.feeBps !== undefined &&
    candidate.arbiter !== undefined &&
    candidate.ref !== undefined
  );
}

function normaliseTerms(terms: {
  buyer: string;
  seller: string;
  token: string;
  amount: bigint;
  productId: string;
  destination: bigint | number;
  shipBy: bigint;
  confirmWindow: bigint | number;
  feeBps: bigint | number;
  arbiter: string;
  ref: string;
}): OrderTerms {
  return {
    buyer: getAddress(terms.buyer),
    seller: getAddress(terms.seller),
    token: getAddress(terms.token),
    amount: BigInt(terms.amount),
    productId: terms.productId,
    destination: Number(terms.destination),
    shipBy: BigInt(terms.shipBy),
    confirmWindow: Number(terms.confirmWindow),
    feeBps: Number(terms.feeBps),
    arbiter: getAddress(terms.arbiter),
    ref: terms.ref,
  };
}

function roleNames(mask: number): (keyof typeof ParticipantRole)[] {
  return (Object.keys(ParticipantRole) as (keyof typeof ParticipantRole)[]).filter(
    (name) => (mask & ParticipantRole[name]) !== 0,
  );
}

/** Options of a client. */
export interface TradeChainClientOptions {
  /** First block to scan for events (the escrow's deployment block); default 0. */
  readonly fromBlock?: number;
  /** Names for addresses, used in error messages. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** State shared by a client and the clients `connect` derives from it. */
interface SharedState {
  readonly terms: Map<string, OrderTerms>;
  readonly tokenInfo: Map<string, Promise<TokenInfo>>;
  readonly labels: Map<string, string>;
  chainId: Promise<bigint> | undefined;
  readonly fromBlock: number;
}

// ------------------------------------------------------------------------------ client

/** A typed client of one TradeChain deployment, acting as one signer (or read-only). */
export class TradeChainClient {
  /** The deployment's addresses. */
  readonly addresses: TradeChainAddresses;
  /** The signer or provider the client acts through. */
  readonly runner: Signer | Provider;
  /** TypeChain binding of the escrow, connected to the runner. */
  readonly escrow: TradeEscrow;
  /** TypeChain binding of the registry, connected to the runner. */
  readonly registry: TradeRegistry;
  /** TypeChain bindings of the settlement tokens by currency code. */
  readonly tokens: Readonly<Record<string, SettlementToken>>;
  #shared: SharedState;

  constructor(
    runner: Signer | Provider,
    addresses: TradeChainAddresses,
    options: TradeChainClientOptions = {},
  ) {
    this.runner = runner;
    this.addresses = addresses;
    this.escrow = TradeEscrow__factory.connect(addresses.escrow, runner);
    this.registry = TradeRegistry__factory.connect(addresses.registry, runner);
    this.tokens = Object.fromEntries(
      Object.entries(addresses.tokens).map(([currency, address]) => [
        currency.toUpperCase(),
        SettlementToken__factory.connect(address, runner),
      ]),
    );
    this.#shared = {
      terms: new Map(),
      tokenInfo: new Map(),
      labels: new Map(
        Object.entries(options.labels ?? {}).map(([address, name]) => [
          address.toLowerCase(),
          name,
        ]),
      ),
      chainId: undefined,
      fromBlock: options.fromBlock ?? 0,
    };
  }

  /**
   * A client for the deployment Ignition wrote to `folder` (e.g.
   * `ignition/deployments/chain-31337`); event scans start at the escrow's deployment block.
   */
  static async fromIgnitionDeployment(
    folder: string,
    runner: Signer | Provider,
    options: TradeChainClientOptions = {},
  ): Promise<TradeChainClient> {
    const { addresses, deploymentBlock } = await readIgnitionDeployment(folder);
    return new TradeChainClient(runner, addresses, {
      ...options,
      fromBlock: options.fromBlock ?? deploymentBlock ?? 0,
    });
  }

  /** The same deployment acting as another signer; order terms and caches are shared. */
  connect(runner: Signer | Provider): TradeChainClient {
    const client = new TradeChainClient(runner, this.addresses);
    client.#shared = this.#shared;
    return client;
  }

  // -------------------------------------------------------------------------- accounts

  /** The signer; throws for a read-only client. */
  get signer(): Signer {
    const runner = this.runner as Partial<Signer>;
    if (typeof runner.signTypedData !== "function" || typeof runner.getAddress !== "function") {
      throw new Error("This TradeChainClient is read-only: connect it to a Signer to send");
    }
    return this.runner as Signer;
  }

  /** The provider behind the runner. */
  get provider(): Provider {
    const provider = (this.runner as Signer).provider ?? (this.runner as Provider);
    if (provider === null || typeof provider.getLogs !== "function") {
      throw new Error("The TradeChainClient's signer has no provider");
    }
    return provider;
  }

  /** Names an address in error messages (e.g. `label(buyer, "buyer")`). */
  label(address: string, name: string): this {
    this.#shared.labels.set(address.toLowerCase(), name);
    return this;
  }

  /** The chain id (cached). */
  chainId(): Promise<bigint> {
    this.#shared.chainId ??= this.provider.getNetwork().then((network) => network.chainId);
    return this.#shared.chainId;
  }

  /** The latest block's timestamp: "now" for deadlines, also on a chain whose time was moved. */
  async now(): Promise<bigint> {
    const block = await this.provider.getBlock("latest");
    if (block === null) throw new Error("The node returned no latest block");
    return BigInt(block.timestamp);
  }

  // -------------------------------------------------------------------------- tokens

  /** The settlement token of a currency code or address of the deployment. */
  token(currencyOrAddress: string): SettlementToken {
    const byCurrency = this.tokens[currencyOrAddress.toUpperCase()];
    if (byCurrency !== undefined) return byCurrency;
    if (isHexString(currencyOrAddress, 20)) {
      return SettlementToken__factory.connect(getAddress(currencyOrAddress), this.runner);
    }
    throw new Error(
      `No settlement token "${currencyOrAddress}" in this deployment (have ${Object.keys(this.tokens).join(", ")})`,
    );
  }

  /** A token's address from its currency code or address. */
  tokenAddress(currencyOrAddress: string): string {
    const byCurrency = this.addresses.tokens[currencyOrAddress.toUpperCase()];
    return getAddress(byCurrency ?? this.token(currencyOrAddress).target.toString());
  }

  /** Currency, symbol and decimals of a token (cached). */
  tokenInfo(currencyOrAddress: string): Promise<TokenInfo> {
    const address = this.tokenAddress(currencyOrAddress);
    let info = this.#shared.tokenInfo.get(address);
    if (info === undefined) {
      const token = this.token(address);
      info = Promise.all([token.currency(), token.symbol(), token.decimals()]).then(
        ([currency, symbol, decimals]) => ({
          address,
          currency,
          symbol,
          decimals: Number(decimals),
        }),
      );
      info.catch(() => this.#shared.tokenInfo.delete(address));
      this.#shared.tokenInfo.set(address, info);
    }
    return info;
  }

  /** Formats an amount of a token for people, e.g. `US$ 1,234.50`. */
  async formatAmount(currencyOrAddress: string, amount: bigint): Promise<string> {
    const info = await this.tokenInfo(currencyOrAddress);
    return formatAmount(amount, info.decimals, info.currency);
  }

  /** The token balance of `account` (default: the signer). */
  async balanceOf(currencyOrAddress: string, account?: string): Promise<bigint> {
    return this.token(currencyOrAddress).balanceOf(account ?? (await this.signer.getAddress()));
  }

  /** Approves the escrow to take `amount` of the signer's tokens. */
  approveEscrow(currencyOrAddress: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.execute(() => this.token(currencyOrAddress).approve(this.addresses.escrow, amount));
  }

  /** Master minter: lets `minter` mint up to `allowance`. */
  configureMinter(
    currencyOrAddress: string,
    minter: string,
    allowance: bigint,
  ): Promise<ContractTransactionReceipt> {
    return this.execute(
      () => this.token(currencyOrAddress).configureMinter(minter, allowance),
      currencyOrAddress,
    );
  }

  /** Minter: mints `amount` to `to`. */
  mint(currencyOrAddress: string, to: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.execute(() => this.token(currencyOrAddress).mint(to, amount), currencyOrAddress);
  }

  // -------------------------------------------------------------------------- creating orders

  /** The order id of `terms` on this deployment (computed locally, as the escrow does). */
  async orderIdOf(terms: OrderTerms): Promise<string> {
    return computeOrderId(await this.chainId(), this.addresses.escrow, terms);
  }

  /** Completes a {@link NewOrder} with the signer as buyer and the escrow's current settings. */
  async prepareOrder(order: NewOrder | OrderTerms): Promise<OrderTerms> {
    if (isFullTerms(order)) {
      return normaliseTerms({ ...order, token: this.tokenAddress(order.token) });
    }
    const [buyer, feeBps, arbiter, now] = await Promise.all([
      order.buyer ?? this.signer.getAddress(),
      order.feeBps ?? this.escrow.feeBps(),
      order.arbiter ?? this.escrow.defaultArbiter(),
      order.shipBy === undefined ? this.now() : Promise.resolve(0n),
    ]);
    return normaliseTerms({
      buyer,
      seller: order.seller,
      token: this.tokenAddress(order.token),
      amount: order.amount,
      productId: order.productId,
      destination: order.destination,
      shipBy: order.shipBy ?? now + BigInt(order.shipWithin ?? DEFAULT_SHIP_WITHIN),
      confirmWindow: order.confirmWindow ?? DEFAULT_CONFIRM_WINDOW,
      feeBps,
      arbiter,
      ref: order.ref ?? hexlify(randomBytes(32)),
    });
  }

  /**
   * Funds a new order as its buyer. `method`: `allowance` (approves the escrow first when the
   * allowance is short), `permit` (signs an EIP-2612 permit, one transaction), `authorization`
   * (signs an EIP-3009 authorization whose nonce is the order id and submits it), or `auto`
   * (default): allowance when it already covers the amount, otherwise permit.
   */
  async createOrder(
    order: NewOrder | OrderTerms,
    options: CreateOrderOptions = {},
  ): Promise<CreatedOrder> {
    const buyer = await this.signer.getAddress();
    const terms = await this.prepareOrder({ buyer, ...order });
    if (getAddress(buyer) !== terms.buyer && options.method !== "authorization") {
      throw new Error(
        `The signer ${buyer} is not the buyer ${terms.buyer}; use signFundingAuthorization for the buyer and submitFundingAuthorization to relay`,
      );
    }
    const token = this.token(terms.token);
    const requested = options.method ?? "auto";
    const allowance =
      requested === "auto" || requested === "allowance"
        ? await token.allowance(terms.buyer, this.addresses.escrow)
        : 0n;
    // auto: an allowance that already covers the amount costs no signature; otherwise permit.
    const method: FundingMethod =
      requested === "auto" ? (allowance >= terms.amount ? "allowance" : "permit") : requested;

    if (method === "authorization") {
      return this.submitFundingAuthorization(await this.signFundingAuthorization(terms, options));
    }
    const orderId = await this.orderIdOf(terms);
    let receipt: ContractTransactionReceipt;
    if (method === "allowance") {
      if (allowance < terms.amount) await this.approveEscrow(terms.token, terms.amount);
      receipt = await this.execute(() => this.escrow.createOrder(terms), terms.token);
    } else {
      const deadline = (await this.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
      const signature = Signature.from(await this.signPermit(terms.token, terms.amount, deadline));
      receipt = await this.execute(
        () =>
          this.escrow.createOrderWithPermit(terms, deadline, signature.v, signature.r, signature.s),
        terms.token,
      );
    }
    this.#shared.terms.set(orderId, terms);
    return { orderId, terms, method, receipt };
  }

  /** Signs an EIP-2612 permit letting the escrow take `value` of the signer's tokens. */
  async signPermit(currencyOrAddress: string, value: bigint, deadline: bigint): Promise<string> {
    const token = this.token(currencyOrAddress);
    const owner = await this.signer.getAddress();
    const { signature } = await signPermit(token, this.signer, {
      owner,
      spender: this.addresses.escrow,
      value,
      deadline,
    });
    return signature;
  }

  /**
   * The buyer signs an EIP-3009 `ReceiveWithAuthorization` paying the order's amount to the
   * escrow, with the order id as nonce; hand the result to a relayer's
   * {@link submitFundingAuthorization} (gasless checkout). No transaction is sent.
   */
  async signFundingAuthorization(
    order: NewOrder | OrderTerms,
    options: { readonly validFor?: number; readonly validAfter?: bigint } = {},
  ): Promise<FundingAuthorization> {
    const terms = await this.prepareOrder(order);
    const signer = getAddress(await this.signer.getAddress());
    if (signer !== terms.buyer) {
      throw new Error(
        `Only the buyer ${terms.buyer} can sign the funding authorization, not ${signer}`,
      );
    }
    const orderId = await this.orderIdOf(terms);
    const validAfter = options.validAfter ?? 0n;
    const validBefore = (await this.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
    const token = this.token(terms.token);
    const { signature } = await signAuthorization(token, this.signer, "ReceiveWithAuthorization", {
      from: terms.buyer,
      to: this.addresses.escrow,
      value: terms.amount,
      validAfter,
      validBefore,
      nonce: orderId,
    });
    this.#shared.terms.set(orderId, terms);
    return { orderId, terms, validAfter, validBefore, signature };
  }

  /** Anyone (a platform relayer) submits a buyer's funding authorization and pays the gas. */
  async submitFundingAuthorization(authorization: FundingAuthorization): Promise<CreatedOrder> {
    const { terms } = authorization;
    const receipt = await this.execute(
      () =>
        this.escrow.createOrderWithAuthorization(
          terms,
          authorization.validAfter,
          authorization.validBefore,
          authorization.signature,
        ),
      terms.token,
    );
    this.#shared.terms.set(authorization.orderId, terms);
    return { orderId: authorization.orderId, terms, method: "authorization", receipt };
  }

  // -------------------------------------------------------------------------- order lifecycle

  /** Seller ships; `tracking` is a bytes32 or text that is hashed. */
  ship(orderId: string, tracking?: string) {
    return this.#act(orderId, (terms) => this.escrow.ship(terms, toBytes32(tracking)));
  }

  /** Registered logistics provider records a milestone. */
  recordMilestone(orderId: string, milestone: string) {
    return this.#act(orderId, (terms) => this.escrow.recordMilestone(terms, toBytes32(milestone)));
  }

  /** Destination customs clears the shipment. */
  clearCustoms(orderId: string, record?: string) {
    return this.#act(orderId, (terms) => this.escrow.clearCustoms(terms, toBytes32(record)));
  }

  /** Destination customs rejects the shipment: the buyer is refunded. */
  rejectAtCustoms(orderId: string, reason?: string) {
    return this.#act(orderId, (terms) => this.escrow.rejectAtCustoms(terms, toBytes32(reason)));
  }

  /** Buyer confirms receipt: the seller is paid minus the fee. */
  confirmReceipt(orderId: string) {
    return this.#act(orderId, (terms) => this.escrow.confirmReceipt(terms));
  }

  /** Anyone releases to the seller after the confirmation window. */
  releaseAfterTimeout(orderId: string) {
    return this.#act(orderId, (terms) => this.escrow.releaseAfterTimeout(terms));
  }

  /** Buyer cancels before shipment. */
  cancel(orderId: string) {
    return this.#act(orderId, (terms) => this.escrow.cancel(terms));
  }

  /** Seller rejects before shipment. */
  reject(orderId: string, reason?: string) {
    return this.#act(orderId, (terms) => this.escrow.reject(terms, toBytes32(reason)));
  }

  /** Anyone refunds an order not shipped by its ship-by time. */
  refundUnshipped(orderId: string) {
    return this.#act(orderId, (terms) => this.escrow.refundUnshipped(terms));
  }

  /** Seller refunds `amount` (part or all of what remains). */
  refund(orderId: string, amount: bigint) {
    return this.#act(orderId, (terms) => this.escrow.refund(terms, amount));
  }

  /** Buyer or seller opens a dispute. */
  openDispute(orderId: string, evidence?: string) {
    return this.#act(orderId, (terms) => this.escrow.openDispute(terms, toBytes32(evidence)));
  }

  /** A party or the arbiter adds evidence. */
  submitEvidence(orderId: string, evidence: string) {
    return this.#act(orderId, (terms) => this.escrow.submitEvidence(terms, toBytes32(evidence)));
  }

  /** A party proposes that the buyer receive `buyerAmount` of what remains. */
  proposeSettlement(orderId: string, buyerAmount: bigint) {
    return this.#act(orderId, (terms) => this.escrow.proposeSettlement(terms, buyerAmount));
  }

  /** The other party accepts the standing proposal. */
  acceptSettlement(orderId: string, buyerAmount: bigint) {
    return this.#act(orderId, (terms) => this.escrow.acceptSettlement(terms, buyerAmount));
  }

  /** The arbiter rules: the buyer receives `buyerAmount`, the seller the rest minus the fee. */
  resolveDispute(orderId: string, buyerAmount: bigint, ruling?: string) {
    return this.#act(orderId, (terms) =>
      this.escrow.resolveDispute(terms, buyerAmount, toBytes32(ruling)),
    );
  }

  /** Anyone closes a dispute left without ruling for the arbitration period. */
  closeStaleDispute(orderId: string) {
    return this.#act(orderId, (terms) => this.escrow.closeStaleDispute(terms));
  }

  /** Buyer of a closed order files a complaint about the product. */
  fileComplaint(orderId: string, evidence: string) {
    return this.#act(orderId, (terms) => this.escrow.fileComplaint(terms, toBytes32(evidence)));
  }

  /** Pays the fees accrued in a token to the fee recipient (anyone may call). */
  collectFees(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const token = this.tokenAddress(currencyOrAddress);
    return this.execute(() => this.escrow.collectFees(token), token);
  }

  /** Fees accrued in a token and not yet collected. */
  accruedFees(currencyOrAddress: string): Promise<bigint> {
    return this.escrow.accruedFees(this.tokenAddress(currencyOrAddress));
  }

  /** Withdraws the signer's claimable balance of a token (payouts the token refused). */
  withdraw(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const token = this.tokenAddress(currencyOrAddress);
    return this.execute(() => this.escrow.withdraw(token), token);
  }

  async #act(
    orderId: string,
    send: (terms: OrderTerms) => Promise<ContractTransactionResponse>,
  ): Promise<ContractTransactionReceipt> {
    const terms = await this.termsOf(orderId);
    return this.execute(() => send(terms), terms.token);
  }

  /**
   * Sends a transaction built by `send` and waits for it; a revert is rethrown as a
   * {@link TradeChainError} (amounts formatted in `currencyOrAddress`'s token when given).
   * Use it for any call of the bindings: `client.execute(() => client.registry.setEscrow(x))`.
   */
  async execute(
    send: () => Promise<ContractTransactionResponse>,
    currencyOrAddress?: string,
  ): Promise<ContractTransactionReceipt> {
    try {
      const response = await send();
      const receipt = await response.wait();
      if (receipt === null) throw new Error(`Transaction ${response.hash} was dropped`);
      return receipt;
    } catch (err) {
      throw toTradeChainError(err, await this.errorContext(currencyOrAddress));
    }
  }

  /** The context error messages are written with: the client's labels and a token's format. */
  async errorContext(currencyOrAddress?: string): Promise<DescribeContext> {
    const labels = Object.fromEntries(this.#shared.labels);
    if (currencyOrAddress === undefined) return { labels };
    try {
      const info = await this.tokenInfo(currencyOrAddress);
      return {
        labels,
        formatAmount: (units) => formatAmount(units, info.decimals, info.currency),
      };
    } catch {
      return { labels };
    }
  }

  // -------------------------------------------------------------------------- order reads

  /** Remembers terms obtained elsewhere (e.g. from a platform database); returns the id. */
  async rememberTerms(terms: OrderTerms): Promise<string> {
    const normalised = normaliseTerms(terms);
    const orderId = await this.orderIdOf(normalised);
    this.#shared.terms.set(orderId, normalised);
    return orderId;
  }

  /** The terms of an order: from memory, else rebuilt from its `OrderCreated` event. */
  async termsOf(orderId: string): Promise<OrderTerms> {
    const known = this.#shared.terms.get(orderId);
    if (known !== undefined) return known;
    const events = await this.escrow.queryFilter(
      this.escrow.filters.OrderCreated(orderId),
      this.#shared.fromBlock,
    );
    const event = events[0];
    if (event === undefined)
      throw new Error(`No order ${orderId} on escrow ${this.addresses.escrow}`);
    const terms = normaliseTerms(event.args.terms);
    this.#shared.terms.set(orderId, terms);
    return terms;
  }

  /** The mutable state of an order (status `None` when unknown). */
  async orderState(orderId: string): Promise<OrderStateView> {
    const state = await this.escrow.orderState(orderId);
    return {
      status: ORDER_STATUSES[Number(state.status)] ?? "None",
      disputedBySeller: state.disputedBySeller,
      complaintFiled: state.complaintFiled,
      since: state.since,
      refunded: state.refunded,
    };
  }

  /** The standing settlement proposal of a disputed order, if any. */
  async settlementOf(
    orderId: string,
  ): Promise<{ proposer: string; buyerAmount: bigint } | undefined> {
    const [proposer, buyerAmount] = await this.escrow.settlementOf(orderId);
    return proposer === ZeroAddress ? undefined : { proposer, buyerAmount };
  }

  /** A participant's credit record. */
  async creditOf(account: string): Promise<CreditRecord> {
    const credit = await this.escrow.creditOf(account);
    return {
      salesCompleted: Number(credit.salesCompleted),
      purchasesCompleted: Number(credit.purchasesCompleted),
      refunds: Number(credit.refunds),
      disputesOpened: Number(credit.disputesOpened),
      disputesWon: Number(credit.disputesWon),
      disputesLost: Number(credit.disputesLost),
      volume: credit.volume,
    };
  }

  /** What `account` can withdraw in a token. */
  claimable(currencyOrAddress: string, account: string): Promise<bigint> {
    return this.escrow.claimable(this.tokenAddress(currencyOrAddress), account);
  }

  /**
   * Every event of an order in block order — creation, shipment, milestones, customs, refunds,
   * disputes, release, complaints and deferred payouts — with block time, actor, sender,
   * transaction hash and the gas the transaction used.
   */
  async orderTimeline(orderId: string): Promise<TimelineEntry[]> {
    const terms = await this.termsOf(orderId);
    const info = await this.tokenInfo(terms.token);
    const money = (units: bigint) => formatAmount(units, info.decimals, info.currency);
    const escrowAddress = this.addresses.escrow.toLowerCase();
    const logs = await this.provider.getLogs({
      address: this.addresses.escrow,
      topics: [null, orderId],
      fromBlock: this.#shared.fromBlock,
      toBlock: "latest",
    });

    const txHashes = [...new Set(logs.map((log) => log.transactionHash))];
    const blockNumbers = [...new Set(logs.map((log) => log.blockNumber))];
    const [receipts, blocks] = await Promise.all([
      Promise.all(txHashes.map((hash) => this.provider.getTransactionReceipt(hash))),
      Promise.all(blockNumbers.map((number) => this.provider.getBlock(number))),
    ]);
    const receiptByHash = new Map(
      receipts.flatMap((r) => (r === null ? [] : [[r.hash, r] as const])),
    );
    const timeByBlock = new Map(
      blocks.flatMap((b) => (b === null ? [] : [[b.number, BigInt(b.timestamp)] as const])),
    );

    // Deferred payouts are logged per account, not per order: take those of the order's txs.
    const allLogs: Log[] = [...logs];
    const payoutDeferred = this.escrow.interface.getEvent("PayoutDeferred").topicHash;
    for (const receipt of receiptByHash.values()) {
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== escrowAddress) continue;
        if (log.topics[0] !== payoutDeferred) continue;
        allLogs.push(log);
      }
    }
    allLogs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);

    const entries: TimelineEntry[] = [];
    for (const log of allLogs) {
      const parsed = this.escrow.interface.parseLog(log);
      if (parsed === null) continue;
      const receipt = receiptByHash.get(log.transactionHash);
      const sender = getAddress(receipt?.from ?? ZeroAddress);
      const args = eventArgs(parsed);
      const { step, detail, actor } = describeEvent(parsed, args, terms, money);
      entries.push({
        orderId,
        event: parsed.name,
        step,
        detail,
        actor: actor ?? sender,
        sender,
        blockNumber: log.blockNumber,
        logIndex: log.index,
        timestamp: timeByBlock.get(log.blockNumber) ?? 0n,
        txHash: log.transactionHash,
        gasUsed: receipt?.gasUsed ?? 0n,
        args,
      });
    }
    return entries;
  }

  // -------------------------------------------------------------------------- registry

  /** A participant's record (`active` false and roles 0 when unknown). */
  async participantOf(account: string): Promise<ParticipantView> {
    const p = await this.registry.participantOf(account);
    const roles = Number(p.roles);
    return {
      account: getAddress(account),
      roles,
      roleNames: roleNames(roles),
      jurisdiction: Number(p.jurisdiction),
      active: p.active,
      registeredAt: p.registeredAt,
      version: Number(p.version),
      identityHash: p.identityHash,
    };
  }

  /** True when `account` is active and holds all `roles` (a mask or role names). */
  isActive(account: string, roles: number | readonly (keyof typeof ParticipantRole)[] = 0) {
    return this.registry.isActive(account, roleMask(roles));
  }

  /** Registrar: onboards a participant; `identity` is a bytes32 or text that is hashed. */
  registerParticipant(
    account: string,
    roles: number | readonly (keyof typeof ParticipantRole)[],
    jurisdiction: number,
    identity: string,
  ): Promise<ContractTransactionReceipt> {
    return this.execute(() =>
      this.registry.registerParticipant(
        account,
        roleMask(roles),
        jurisdiction,
        toBytes32(identity),
      ),
    );
  }

  /** Registry admin: appoints or removes a customs authority of `jurisdiction`. */
  setCustomsAuthority(jurisdiction: number, authority: string, enabled = true) {
    return this.execute(() => this.registry.setCustomsAuthority(jurisdiction, authority, enabled));
  }

  /**
   * Active seller: registers a product under its 8-digit HS code ("8471.30.00" or 84713000);
   * `metadata` is a bytes32 or text that is hashed.
   */
  registerProduct(
    productId: string,
    hsCode: string | number,
    metadata: string,
  ): Promise<ContractTransactionReceipt> {
    const code = hsCodeNumber(hsCode);
    return this.execute(() => this.registry.registerProduct(productId, code, toBytes32(metadata)));
  }

  /** Customs of `jurisdiction`: sets a product's listing. */
  setListing(
    jurisdiction: number,
    productId: string,
    status: ListingStatusName,
    options: { readonly expiresAt?: bigint; readonly reason?: string } = {},
  ): Promise<ContractTransactionReceipt> {
    return this.execute(() =>
      this.registry.setListing(
        jurisdiction,
        productId,
        LISTING_STATUSES.indexOf(status),
        options.expiresAt ?? 0n,
        toBytes32(options.reason),
      ),
    );
  }

  /** The effective clearance of a product at a destination (expired entries count as Unlisted). */
  async clearanceOf(jurisdiction: number, productId: string): Promise<ListingStatusName> {
    return listingStatus(await this.registry.clearanceOf(jurisdiction, productId));
  }

  /** The stored list entry of a product (ignoring expiry). */
  async listingOf(jurisdiction: number, productId: string): Promise<ListingView> {
    const l = await this.registry.listingOf(jurisdiction, productId);
    return {
      status: listingStatus(l.status),
      expiresAt: l.expiresAt,
      version: Number(l.version),
      updatedBy: l.updatedBy,
      updatedAt: l.updatedAt,
    };
  }

  /** A page of a jurisdiction's positive or negative list. */
  async listedProducts(
    jurisdiction: number,
    status: "Positive" | "Negative",
    page: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<ListingPage> {
    const offset = page.offset ?? 0;
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const statusIndex = LISTING_STATUSES.indexOf(status);
    const [productIds, total] = await Promise.all([
      this.registry.listedProducts(jurisdiction, statusIndex, offset, limit),
      this.registry.listedCount(jurisdiction, statusIndex),
    ]);
    const next = offset + productIds.length;
    return {
      jurisdiction,
      status,
      productIds: [...productIds],
      offset,
      total: Number(total),
      nextOffset: next < Number(total) && productIds.length > 0 ? next : undefined,
    };
  }

  /** Every product id of a jurisdiction's positive or negative list, page by page. */
  async allListedProducts(
    jurisdiction: number,
    status: "Positive" | "Negative",
  ): Promise<string[]> {
    const ids: string[] = [];
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const page: ListingPage = await this.listedProducts(jurisdiction, status, { offset });
      ids.push(...page.productIds);
      offset = page.nextOffset;
    }
    return ids;
  }

  /** True while `jurisdiction` has a customs authority (shipments there wait for clearance). */
  customsRequired(jurisdiction: number): Promise<boolean> {
    return this.registry.customsRequired(jurisdiction);
  }

  /** True when `account` is a customs authority of `jurisdiction`. */
  isCustomsAuthority(jurisdiction: number, account: string): Promise<boolean> {
    return this.registry.isCustomsAuthority(jurisdiction, account);
  }
}

// ------------------------------------------------------------------------------ internals

function roleMask(roles: number | readonly (keyof typeof ParticipantRole)[]): number {
  return typeof roles === "number"
    ? roles
    : roles.reduce((mask, name) => mask | ParticipantRole[name], 0);
}

function listingStatus(value: bigint): ListingStatusName {
  return LISTING_STATUSES[Number(value)] ?? "Unlisted";
}

function eventArgs(parsed: LogDescription): Record<string, EventValue> {
  const args: Record<string, EventValue> = {};
  parsed.fragment.inputs.forEach((input, index) => {
    const value: unknown = parsed.args[index];
    if (input.baseType === "tuple") return;
    if (typeof value === "bigint" || typeof value === "boolean" || typeof value === "string") {
      args[input.name] = value;
    }
  });
  return args;
}

function str(args: Record<string, EventValue>, name: string): string {
  return String(args[name]);
}

function big(args: Record<string, EventValue>, name: string): bigint {
  return BigInt(args[name] as bigint);
}

/** The step for an enum argument of an event, looked up by the value's name. */
function enumStep(
  steps: Readonly<Record<string, string>>,
  enumName: string,
  value: EventValue | undefined,
): string | undefined {
  const name = ENUM_NAMES[enumName]?.[Number(value)];
  return name === undefined ? undefined : steps[name];
}

function describeEvent(
  parsed: LogDescription,
  args: Record<string, EventValue>,
  terms: OrderTerms,
  money: (units: bigint) => string,
): { step: string; detail: string; actor: string | undefined } {
  const by = typeof args.by === "string" ? getAddress(args.by) : undefined;
  switch (parsed.name) {
    case "OrderCreated":
      return {
        step: "Order created",
        detail:
          `${money(terms.amount)} escrowed for product ${shortHex(terms.productId)} to country ` +
          `${terms.destination}, fee ${formatBps(terms.feeBps)}, ` +
          `ship by ${formatTimestamp(terms.shipBy)}`,
        actor: terms.buyer,
      };
    case "OrderShipped":
      return {
        step: "Shipped",
        detail:
          args.cleared === true
            ? "cleared automatically (no customs hold)"
            : "awaiting customs clearance",
        actor: terms.seller,
      };
    case "MilestoneRecorded":
      return {
        step: "Milestone recorded",
        detail: `milestone ${shortHex(str(args, "milestoneHash"))}`,
        actor: getAddress(str(args, "logistics")),
      };
    case "CustomsCleared":
      return {
        step: "Cleared by customs",
        detail: `record ${shortHex(str(args, "recordHash"))}`,
        actor: getAddress(str(args, "authority")),
      };
    case "OrderRefunded":
      return {
        step: enumStep(REFUND_STEPS, "RefundReason", args.reason) ?? "Refunded",
        detail: `${money(big(args, "amount"))} back to the buyer`,
        actor: by,
      };
    case "ReceiptConfirmed":
      return {
        step: "Receipt confirmed",
        detail: `seller paid ${money(big(args, "sellerAmount"))}, fee ${money(big(args, "fee"))}`,
        actor: terms.buyer,
      };
    case "ReleasedAfterTimeout":
      return {
        step: "Released after the confirmation window",
        detail: `seller paid ${money(big(args, "sellerAmount"))}, fee ${money(big(args, "fee"))}`,
        actor: by,
      };
    case "DisputeOpened":
      return {
        step: "Dispute opened",
        detail: `evidence ${shortHex(str(args, "evidenceHash"))}`,
        actor: by,
      };
    case "EvidenceSubmitted":
      return {
        step: "Evidence submitted",
        detail: `evidence ${shortHex(str(args, "evidenceHash"))}`,
        actor: by,
      };
    case "SettlementProposed":
      return {
        step: "Settlement proposed",
        detail: `buyer would receive ${money(big(args, "buyerAmount"))}`,
        actor: by,
      };
    case "DisputeResolved":
      return {
        step: enumStep(RESOLUTION_STEPS, "Resolution", args.resolution) ?? "Dispute resolved",
        detail:
          `buyer ${money(big(args, "buyerAmount"))}, seller ${money(big(args, "sellerAmount"))}, ` +
          `fee ${money(big(args, "fee"))}`,
        actor: by,
      };
    case "ComplaintFiled":
      return {
        step: "Complaint filed",
        detail: `evidence ${shortHex(str(args, "evidenceHash"))}`,
        actor: getAddress(str(args, "buyer")),
      };
    case "PayoutDeferred":
      return {
        step: "Payout deferred",
        detail: `${money(big(args, "amount"))} to ${str(args, "account")} refused by the token; claimable`,
        actor: undefined,
      };
    default:
      return { step: parsed.name, detail: "", actor: by };
  }
}
