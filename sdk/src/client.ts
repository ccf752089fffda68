/**
 * `TradeChainClient`: drives TradeChain orders through ethers and the TypeChain bindings.
 *
 * Callers pass order ids, not structs: the client keeps the terms of the orders it created and
 * rebuilds any other order's terms from its `OrderCreated` event. Every revert comes back as a
 * {@link TradeChainError} whose message is decoded, with amounts in the order's currency.
 *
 * The client is one facade over facets that each hold one concern and share one {@link Sender}:
 * tokens (`client/tokens.ts`), the registry (`client/registry.ts`) and orders
 * (`client/orders.ts`, timelines in `client/timeline.ts`).
 */
import type {
  ContractTransactionReceipt,
  ContractTransactionResponse,
  Provider,
  Signer,
  TransactionReceipt,
  TransactionRequest,
} from "ethers";

import type { SettlementToken } from "./contracts/token/SettlementToken.js";
import type { TradeEscrow } from "./contracts/escrow/TradeEscrow.js";
import type { TradeRegistry } from "./contracts/registry/TradeRegistry.js";
import { type BatchItem, type BatchResult, OrdersFacet } from "./facets/orders.js";
import { RegistryFacet, type RolesInput } from "./facets/registry.js";
import { newSharedState, Sender, type TradeChainClientOptions } from "./sender.js";
import { TokensFacet } from "./facets/tokens.js";
import { readIgnitionDeployment } from "./deployment.js";
import type { DescribeContext } from "./errors.js";
import type {
  ClearanceDecision,
  CreateOrderOptions,
  CreatedOrder,
  CreditLine,
  CreditRecord,
  FundingAuthorization,
  ListingPage,
  ListingStatusName,
  ListingView,
  NewOrder,
  OrderStateView,
  OrderTerms,
  ParticipantView,
  ProductView,
  TariffListingInput,
  TariffListingPage,
  TariffListingView,
  TimelineEntry,
  TokenInfo,
  TradeChainAddresses,
} from "./types.js";

export { computeOrderId, feeOf, toBytes32 } from "./encoding.js";
export {
  type BatchItem,
  type BatchResult,
  DEFAULT_CONFIRM_WINDOW,
  DEFAULT_SHIP_WITHIN,
  DEFAULT_SIGNATURE_VALIDITY,
} from "./facets/orders.js";
export { DEFAULT_PAGE_SIZE } from "./facets/registry.js";
export type { TradeChainClientOptions } from "./sender.js";

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
  #sender!: Sender;
  #tokenCalls!: TokensFacet;
  #registryCalls!: RegistryFacet;
  #orderCalls!: OrdersFacet;

  constructor(
    runner: Signer | Provider,
    addresses: TradeChainAddresses,
    options: TradeChainClientOptions = {},
  ) {
    this.runner = runner;
    this.addresses = addresses;
    const sender = this.#wire(new Sender(runner, addresses, newSharedState(options)));
    this.escrow = sender.escrow;
    this.registry = sender.registry;
    this.tokens = sender.tokens;
  }

  /** Builds the facets over `sender`; `connect` rewires a new client to share caches. */
  #wire(sender: Sender): Sender {
    this.#sender = sender;
    this.#tokenCalls = new TokensFacet(sender);
    this.#registryCalls = new RegistryFacet(sender);
    this.#orderCalls = new OrdersFacet(sender, this.#tokenCalls);
    return sender;
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
    client.#wire(new Sender(runner, this.addresses, this.#sender.shared));
    return client;
  }

  // -------------------------------------------------------------------------- accounts

  /** The signer; throws for a read-only client. */
  get signer(): Signer {
    return this.#sender.signer;
  }

  /** The provider behind the runner. */
  get provider(): Provider {
    return this.#sender.provider;
  }

  /** Names an address in error messages (e.g. `label(buyer, "buyer")`). */
  label(address: string, name: string): this {
    this.#sender.label(address, name);
    return this;
  }

  /** The chain id (cached). */
  chainId(): Promise<bigint> {
    return this.#sender.chainId();
  }

  /** The latest block's timestamp: "now" for deadlines, also on a chain whose time was moved. */
  now(): Promise<bigint> {
    return this.#sender.now();
  }

  // -------------------------------------------------------------------------- tokens

  /** The settlement token of a currency code or address of the deployment. */
  token(currencyOrAddress: string): SettlementToken {
    return this.#sender.token(currencyOrAddress);
  }

  /** A token's address from its currency code or address. */
  tokenAddress(currencyOrAddress: string): string {
    return this.#sender.tokenAddress(currencyOrAddress);
  }

  /** Currency, symbol and decimals of a token (cached). */
  tokenInfo(currencyOrAddress: string): Promise<TokenInfo> {
    return this.#sender.tokenInfo(currencyOrAddress);
  }

  /** Formats an amount of a token for people, e.g. `US$ 1,234.50`. */
  formatAmount(currencyOrAddress: string, amount: bigint): Promise<string> {
    return this.#tokenCalls.formatAmount(currencyOrAddress, amount);
  }

  /** The token balance of `account` (default: the signer). */
  balanceOf(currencyOrAddress: string, account?: string): Promise<bigint> {
    return this.#tokenCalls.balanceOf(currencyOrAddress, account);
  }

  /** Approves the escrow to take `amount` of the signer's tokens. */
  approveEscrow(currencyOrAddress: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.#tokenCalls.approveEscrow(currencyOrAddress, amount);
  }

  /** Master minter: lets `minter` mint up to `allowance`. */
  configureMinter(
    currencyOrAddress: string,
    minter: string,
    allowance: bigint,
  ): Promise<ContractTransactionReceipt> {
    return this.#tokenCalls.configureMinter(currencyOrAddress, minter, allowance);
  }

  /** Minter: mints `amount` to `to`. */
  mint(currencyOrAddress: string, to: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.#tokenCalls.mint(currencyOrAddress, to, amount);
  }

  // -------------------------------------------------------------------------- creating orders

  /** The order id of `terms` on this deployment (computed locally, as the escrow does). */
  orderIdOf(terms: OrderTerms): Promise<string> {
    return this.#orderCalls.orderIdOf(terms);
  }

  /** Completes a {@link NewOrder} with the signer as buyer and the escrow's current settings. */
  prepareOrder(order: NewOrder | OrderTerms): Promise<OrderTerms> {
    return this.#orderCalls.prepareOrder(order);
  }

  /**
   * Funds a new order as its buyer. `method`: `allowance` (approves the escrow first when the
   * allowance is short), `permit` (signs an EIP-2612 permit, one transaction), `authorization`
   * (signs an EIP-3009 authorization whose nonce is the order id and submits it), or `auto`
   * (default): allowance when it already covers the amount, otherwise permit.
   */
  createOrder(
    order: NewOrder | OrderTerms,
    options: CreateOrderOptions = {},
  ): Promise<CreatedOrder> {
    return this.#orderCalls.createOrder(order, options);
  }

  /** Signs an EIP-2612 permit letting the escrow take `value` of the signer's tokens. */
  signPermit(currencyOrAddress: string, value: bigint, deadline: bigint): Promise<string> {
    return this.#orderCalls.signPermit(currencyOrAddress, value, deadline);
  }

  /**
   * The buyer signs an EIP-3009 `ReceiveWithAuthorization` paying the order's amount to the
   * escrow, with the order id as nonce; hand the result to a relayer's
   * {@link submitFundingAuthorization} (gasless checkout). No transaction is sent.
   */
  signFundingAuthorization(
    order: NewOrder | OrderTerms,
    options: { readonly validFor?: number; readonly validAfter?: bigint } = {},
  ): Promise<FundingAuthorization> {
    return this.#orderCalls.signFundingAuthorization(order, options);
  }

  /** Anyone (a platform relayer) submits a buyer's funding authorization and pays the gas. */
  submitFundingAuthorization(authorization: FundingAuthorization): Promise<CreatedOrder> {
    return this.#orderCalls.submitFundingAuthorization(authorization);
  }

  // -------------------------------------------------------------------------- order lifecycle

  /** Seller ships; `tracking` is a bytes32 or text that is hashed. */
  ship(orderId: string, tracking?: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.ship(orderId, tracking);
  }

  /** Registered logistics provider records a milestone. */
  recordMilestone(orderId: string, milestone: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.recordMilestone(orderId, milestone);
  }

  /** Destination customs clears the shipment. */
  clearCustoms(orderId: string, record?: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.clearCustoms(orderId, record);
  }

  /** Destination customs rejects the shipment: the buyer is refunded. */
  rejectAtCustoms(orderId: string, reason?: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.rejectAtCustoms(orderId, reason);
  }

  /** Buyer confirms receipt: the seller is paid minus the fee. */
  confirmReceipt(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.confirmReceipt(orderId);
  }

  /** Anyone releases to the seller after the confirmation window. */
  releaseAfterTimeout(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.releaseAfterTimeout(orderId);
  }

  /** Buyer cancels before shipment. */
  cancel(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.cancel(orderId);
  }

  /** Seller rejects before shipment. */
  reject(orderId: string, reason?: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.reject(orderId, reason);
  }

  /** Anyone refunds an order not shipped by its ship-by time. */
  refundUnshipped(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.refundUnshipped(orderId);
  }

  /** Seller refunds `amount` (part or all of what remains). */
  refund(orderId: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.refund(orderId, amount);
  }

  /** Buyer or seller opens a dispute. */
  openDispute(orderId: string, evidence?: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.openDispute(orderId, evidence);
  }

  /** A party or the arbiter adds evidence. */
  submitEvidence(orderId: string, evidence: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.submitEvidence(orderId, evidence);
  }

  /** A party proposes that the buyer receive `buyerAmount` of what remains. */
  proposeSettlement(orderId: string, buyerAmount: bigint): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.proposeSettlement(orderId, buyerAmount);
  }

  /** The other party accepts the standing proposal. */
  acceptSettlement(orderId: string, buyerAmount: bigint): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.acceptSettlement(orderId, buyerAmount);
  }

  /** The arbiter rules: the buyer receives `buyerAmount`, the seller the rest minus the fee. */
  resolveDispute(
    orderId: string,
    buyerAmount: bigint,
    ruling?: string,
  ): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.resolveDispute(orderId, buyerAmount, ruling);
  }

  /** Anyone closes a dispute left without ruling for the arbitration period. */
  closeStaleDispute(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.closeStaleDispute(orderId);
  }

  /** Buyer of a closed order files a complaint about the product. */
  fileComplaint(orderId: string, evidence: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.fileComplaint(orderId, evidence);
  }

  // -------------------------------------------------------------------------- batches

  /**
   * Buyer: funds several orders of one token in one transaction through the escrow's
   * `multicall`, from the allowance (approving the total first when it is short); all or none.
   */
  createMany(orders: readonly (NewOrder | OrderTerms)[]): Promise<BatchResult> {
    return this.#orderCalls.createMany(orders);
  }

  /** Seller ships several orders in one transaction (escrow `multicall`); all or none. */
  shipMany(shipments: readonly BatchItem[]): Promise<BatchResult> {
    return this.#orderCalls.shipMany(shipments);
  }

  /** Destination customs clears several shipments in one transaction; all or none. */
  clearCustomsMany(clearances: readonly BatchItem[]): Promise<BatchResult> {
    return this.#orderCalls.clearCustomsMany(clearances);
  }

  /** Buyer confirms receipt of several orders in one transaction; all or none. */
  confirmMany(orderIds: readonly string[]): Promise<BatchResult> {
    return this.#orderCalls.confirmMany(orderIds);
  }

  /** Anyone releases several orders whose confirmation window passed, in one transaction. */
  releaseMany(orderIds: readonly string[]): Promise<BatchResult> {
    return this.#orderCalls.releaseMany(orderIds);
  }

  /** Pays the fees accrued in a token to the fee recipient (anyone may call). */
  collectFees(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.collectFees(currencyOrAddress);
  }

  /** Fees accrued in a token and not yet collected. */
  accruedFees(currencyOrAddress: string): Promise<bigint> {
    return this.#orderCalls.accruedFees(currencyOrAddress);
  }

  /** Withdraws the signer's claimable balance of a token (payouts the token refused). */
  withdraw(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    return this.#orderCalls.withdraw(currencyOrAddress);
  }

  /**
   * Sends a transaction built by `send` and waits for it; a revert is rethrown as a
   * {@link TradeChainError} (amounts formatted in `currencyOrAddress`'s token when given).
   * Use it for any call of the bindings: `client.execute(() => client.registry.setEscrow(x))`.
   */
  execute(
    send: () => Promise<ContractTransactionResponse>,
    currencyOrAddress?: string,
  ): Promise<ContractTransactionReceipt> {
    return this.#sender.execute(send, currencyOrAddress);
  }

  /**
   * Sends a plain transaction (e.g. gas money to a new wallet) through this signer's nonce
   * queue, so it can run concurrently with the client's other sends, and waits for its receipt.
   */
  sendTransaction(request: TransactionRequest): Promise<TransactionReceipt> {
    return this.#sender.sendTransaction(request);
  }

  /** The context error messages are written with: the client's labels and a token's format. */
  errorContext(currencyOrAddress?: string): Promise<DescribeContext> {
    return this.#sender.errorContext(currencyOrAddress);
  }

  // -------------------------------------------------------------------------- order reads

  /** Remembers terms obtained elsewhere (e.g. from a platform database); returns the id. */
  rememberTerms(terms: OrderTerms): Promise<string> {
    return this.#orderCalls.rememberTerms(terms);
  }

  /** The terms of an order: from memory, else rebuilt from its `OrderCreated` event. */
  termsOf(orderId: string): Promise<OrderTerms> {
    return this.#orderCalls.termsOf(orderId);
  }

  /**
   * The mutable state of an order; an id the escrow has never seen is a {@link TradeChainError}
   * with code `UNKNOWN_ORDER`.
   */
  orderState(orderId: string): Promise<OrderStateView> {
    return this.#orderCalls.orderState(orderId);
  }

  /** The standing settlement proposal of a disputed order, if any. */
  settlementOf(orderId: string): Promise<{ proposer: string; buyerAmount: bigint } | undefined> {
    return this.#orderCalls.settlementOf(orderId);
  }

  /**
   * A participant's credit, one line per currency (every allowlisted token of the deployment,
   * plus delisted ones with a record); amounts of different currencies are never added.
   */
  creditOf(account: string): Promise<CreditLine[]> {
    return this.#orderCalls.creditOf(account);
  }

  /** A participant's credit record in one settlement token (currency code or address). */
  creditIn(account: string, currencyOrAddress: string): Promise<CreditRecord> {
    return this.#orderCalls.creditIn(account, currencyOrAddress);
  }

  /** What `account` can withdraw in a token. */
  claimable(currencyOrAddress: string, account: string): Promise<bigint> {
    return this.#orderCalls.claimable(currencyOrAddress, account);
  }

  /**
   * Every event of an order in block order — creation, shipment, milestones, customs, refunds,
   * disputes, release, complaints and deferred payouts — with block time, actor, sender,
   * transaction hash and the gas the transaction used.
   */
  orderTimeline(orderId: string): Promise<TimelineEntry[]> {
    return this.#orderCalls.orderTimeline(orderId);
  }

  // -------------------------------------------------------------------------- registry

  /** A participant's record (`active` false and roles 0 when unknown). */
  participantOf(account: string): Promise<ParticipantView> {
    return this.#registryCalls.participantOf(account);
  }

  /** True when `account` is active and holds all `roles` (a mask or role names). */
  isActive(account: string, roles: RolesInput = 0): Promise<boolean> {
    return this.#registryCalls.isActive(account, roles);
  }

  /** Registrar: onboards a participant; `identity` is a bytes32 or text that is hashed. */
  registerParticipant(
    account: string,
    roles: RolesInput,
    jurisdiction: number,
    identity: string,
  ): Promise<ContractTransactionReceipt> {
    return this.#registryCalls.registerParticipant(account, roles, jurisdiction, identity);
  }

  /** Registry admin: appoints or removes a customs authority of `jurisdiction`. */
  setCustomsAuthority(
    jurisdiction: number,
    authority: string,
    enabled = true,
  ): Promise<ContractTransactionReceipt> {
    return this.#registryCalls.setCustomsAuthority(jurisdiction, authority, enabled);
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
    return this.#registryCalls.registerProduct(productId, hsCode, metadata);
  }

  /** A product's record, HS code included. */
  productOf(productId: string): Promise<ProductView> {
    return this.#registryCalls.productOf(productId);
  }

  /** Product owner: re-classifies a product under another 8-digit HS code. */
  reclassifyProduct(
    productId: string,
    hsCode: string | number,
  ): Promise<ContractTransactionReceipt> {
    return this.#registryCalls.reclassifyProduct(productId, hsCode);
  }

  /** Customs of `jurisdiction`: lists an HS prefix ("88", "8806", "8806.22", "8806.22.00"). */
  setTariffListing(
    jurisdiction: number,
    tariffCode: string,
    status: ListingStatusName,
    options: { readonly expiresAt?: bigint; readonly reason?: string } = {},
  ): Promise<ContractTransactionReceipt> {
    return this.#registryCalls.setTariffListing(jurisdiction, tariffCode, status, options);
  }

  /** Customs of `jurisdiction`: sets many HS prefix entries in one transaction, all or none. */
  setTariffListings(
    jurisdiction: number,
    entries: readonly TariffListingInput[],
  ): Promise<ContractTransactionReceipt> {
    return this.#registryCalls.setTariffListings(jurisdiction, entries);
  }

  /** The stored entry of an HS prefix (ignoring expiry). */
  tariffListingOf(jurisdiction: number, tariffCode: string): Promise<TariffListingView> {
    return this.#registryCalls.tariffListingOf(jurisdiction, tariffCode);
  }

  /** A page of one level of a jurisdiction's positive or negative tariff list. */
  listedTariffCodes(
    jurisdiction: number,
    digits: number,
    status: "Positive" | "Negative",
    page: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<TariffListingPage> {
    return this.#registryCalls.listedTariffCodes(jurisdiction, digits, status, page);
  }

  /** The clearance of a product at a destination and the entry that decided it. */
  clearanceDecisionOf(jurisdiction: number, productId: string): Promise<ClearanceDecision> {
    return this.#registryCalls.clearanceDecisionOf(jurisdiction, productId);
  }

  /** Customs of `jurisdiction`: sets a product's listing. */
  setListing(
    jurisdiction: number,
    productId: string,
    status: ListingStatusName,
    options: { readonly expiresAt?: bigint; readonly reason?: string } = {},
  ): Promise<ContractTransactionReceipt> {
    return this.#registryCalls.setListing(jurisdiction, productId, status, options);
  }

  /** The effective clearance of a product at a destination (expired entries count as Unlisted). */
  clearanceOf(jurisdiction: number, productId: string): Promise<ListingStatusName> {
    return this.#registryCalls.clearanceOf(jurisdiction, productId);
  }

  /** The stored list entry of a product (ignoring expiry). */
  listingOf(jurisdiction: number, productId: string): Promise<ListingView> {
    return this.#registryCalls.listingOf(jurisdiction, productId);
  }

  /** A page of a jurisdiction's positive or negative list. */
  listedProducts(
    jurisdiction: number,
    status: "Positive" | "Negative",
    page: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<ListingPage> {
    return this.#registryCalls.listedProducts(jurisdiction, status, page);
  }

  /** Every product id of a jurisdiction's positive or negative list, page by page. */
  allListedProducts(jurisdiction: number, status: "Positive" | "Negative"): Promise<string[]> {
    return this.#registryCalls.allListedProducts(jurisdiction, status);
  }

  /** True while `jurisdiction` has a customs authority (shipments there wait for clearance). */
  customsRequired(jurisdiction: number): Promise<boolean> {
    return this.#registryCalls.customsRequired(jurisdiction);
  }

  /** True when `account` is a customs authority of `jurisdiction`. */
  isCustomsAuthority(jurisdiction: number, account: string): Promise<boolean> {
    return this.#registryCalls.isCustomsAuthority(jurisdiction, account);
  }
}
