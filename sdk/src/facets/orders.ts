/**
 * The orders facet of a client: creating and funding orders, every lifecycle step, batches,
 * fee collection and withdrawals (the escrow's reads are in `escrow-reads.ts`).
 */
import {
  type ContractTransaction,
  type ContractTransactionReceipt,
  getAddress,
  hexlify,
  type Interface,
  randomBytes,
  Signature,
  type Signer,
} from "ethers";

import type { TradeEscrow } from "../contracts/escrow/TradeEscrow.js";
import { isFullTerms, nonNegative, normaliseTerms, toBytes32 } from "../encoding.js";
import { clientError } from "../failure.js";
import type { OrderEscrow, Sender } from "../sender.js";
import { signAuthorization, signPermit } from "../signatures.js";
import type {
  CreateOrderOptions,
  CreatedOrder,
  FundingAuthorization,
  FundingMethod,
  NewOrder,
  OrderTerms,
  SellerConsentOptions,
} from "../types.js";
import type { ConsentFacet } from "./consent.js";
import {
  type BatchItem,
  type BatchResult,
  emptyBatch,
  type EscrowCall,
  itemEntry,
  notBuyer,
  type Reach,
  REACHES,
} from "./escrow-calls.js";
import type { EscrowReadsFacet } from "./escrow-reads.js";
import type { TokensFacet } from "./tokens.js";

/** Default seconds until the seller must ship when `NewOrder.shipWithin` is not given. */
export const DEFAULT_SHIP_WITHIN = 7 * 24 * 3600;
/** Default confirmation window in seconds. */
export const DEFAULT_CONFIRM_WINDOW = 7 * 24 * 3600;
/** Default seconds a permit or EIP-3009 authorization stays valid. */
export const DEFAULT_SIGNATURE_VALIDITY = 3600;

export type { BatchItem, BatchResult } from "./escrow-calls.js";

/** `TradeEscrow` writes of a client. */
export class OrdersFacet {
  readonly #sender: Sender;
  readonly #tokens: TokensFacet;
  readonly #reads: EscrowReadsFacet;
  readonly #consent: ConsentFacet;

  constructor(sender: Sender, tokens: TokensFacet, reads: EscrowReadsFacet, consent: ConsentFacet) {
    this.#sender = sender;
    this.#tokens = tokens;
    this.#reads = reads;
    this.#consent = consent;
  }

  // -------------------------------------------------------------------------- creating orders

  /** Completes a {@link NewOrder} with the signer as buyer and the escrow's current settings. */
  async prepareOrder(order: NewOrder | OrderTerms): Promise<OrderTerms> {
    nonNegative("amount", order.amount);
    if (isFullTerms(order)) {
      return normaliseTerms({ ...order, token: this.#sender.tokenAddress(order.token) });
    }
    const [buyer, feeBps, arbiter, now] = await Promise.all([
      order.buyer ?? this.#sender.signer.getAddress(),
      order.feeBps ?? this.#sender.escrow.feeBps(),
      order.arbiter ?? this.#sender.escrow.defaultArbiter(),
      order.shipBy === undefined ? this.#sender.now() : Promise.resolve(0n),
    ]);
    return normaliseTerms({
      buyer,
      seller: order.seller,
      token: this.#sender.tokenAddress(order.token),
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
   * (default): allowance when it already covers the amount, otherwise permit. The seller's
   * consent comes from `options.sellerSignature`, `options.sellerSigner` or the client's
   * `sellerConsent` option; without one nothing is sent (`SELLER_CONSENT_MISSING`).
   */
  async createOrder(
    order: NewOrder | OrderTerms,
    options: CreateOrderOptions = {},
  ): Promise<CreatedOrder> {
    const buyer = await this.#sender.signer.getAddress();
    const terms = await this.prepareOrder({ buyer, ...order });
    if (getAddress(buyer) !== terms.buyer && options.method !== "authorization") {
      throw notBuyer(
        buyer,
        terms.buyer,
        "use signFundingAuthorization for the buyer and submitFundingAuthorization to relay",
      );
    }
    const token = this.#sender.token(terms.token);
    const requested = options.method ?? "auto";
    const allowance =
      requested === "auto" || (requested === "allowance" && options.checkAllowance !== false)
        ? await token.allowance(terms.buyer, this.#sender.addresses.escrow)
        : terms.amount;
    // auto: an allowance that already covers the amount costs no signature; otherwise permit.
    const method: FundingMethod =
      requested === "auto" ? (allowance >= terms.amount ? "allowance" : "permit") : requested;

    if (method === "authorization") {
      return this.submitFundingAuthorization(await this.signFundingAuthorization(terms, options));
    }
    const orderId = await this.#reads.orderIdOf(terms);
    const consent = await this.#consent.consentFor(orderId, terms, options);
    let receipt: ContractTransactionReceipt;
    if (method === "allowance") {
      if (allowance < terms.amount) await this.#tokens.approveEscrow(terms.token, terms.amount);
      receipt = await this.#send(terms.token, "createOrder", () =>
        this.#call(this.#sender.escrow, "createOrder", [terms, consent]),
      );
    } else {
      const deadline =
        (await this.#sender.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
      const signature = Signature.from(await this.signPermit(terms.token, terms.amount, deadline));
      receipt = await this.#send(terms.token, "createOrderWithPermit", () =>
        this.#sender.escrow.createOrderWithPermit.populateTransaction(
          terms,
          deadline,
          signature.v,
          signature.r,
          signature.s,
          consent,
        ),
      );
    }
    this.#sender.shared.terms.set(orderId, terms);
    return { orderId, terms, method, receipt };
  }

  /** Signs an EIP-2612 permit letting the escrow take `value` of the signer's tokens. */
  async signPermit(currencyOrAddress: string, value: bigint, deadline: bigint): Promise<string> {
    const token = this.#sender.token(currencyOrAddress);
    const owner = await this.#sender.signer.getAddress();
    const { signature } = await signPermit(token, this.#sender.signer, {
      owner,
      spender: this.#sender.addresses.escrow,
      value,
      deadline,
    });
    return signature;
  }

  /**
   * The buyer signs an EIP-3009 `ReceiveWithAuthorization` paying the order's amount to the
   * escrow, with the order id as nonce; hand the result to a relayer's
   * {@link submitFundingAuthorization} (gasless checkout). No transaction is sent. A seller's
   * consent given here (`sellerSignature` or `sellerSigner`) travels with the authorization;
   * else the relayer brings it.
   */
  async signFundingAuthorization(
    order: NewOrder | OrderTerms,
    options: SellerConsentOptions & {
      readonly validFor?: number;
      readonly validAfter?: bigint;
    } = {},
  ): Promise<FundingAuthorization> {
    const terms = await this.prepareOrder(order);
    const signer = getAddress(await this.#sender.signer.getAddress());
    if (signer !== terms.buyer) {
      throw notBuyer(signer, terms.buyer, "only the buyer can sign the funding authorization");
    }
    const orderId = await this.#reads.orderIdOf(terms);
    const validAfter = options.validAfter ?? 0n;
    const validBefore =
      (await this.#sender.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
    const token = this.#sender.token(terms.token);
    const { signature } = await signAuthorization(
      token,
      this.#sender.signer,
      "ReceiveWithAuthorization",
      {
        from: terms.buyer,
        to: this.#sender.addresses.escrow,
        value: terms.amount,
        validAfter,
        validBefore,
        nonce: orderId,
      },
    );
    const sellerSignature =
      options.sellerSignature !== undefined || options.sellerSigner !== undefined
        ? await this.#consent.consentFor(orderId, terms, options)
        : undefined;
    this.#sender.shared.terms.set(orderId, terms);
    return { orderId, terms, validAfter, validBefore, signature, sellerSignature };
  }

  /**
   * Anyone (a platform relayer) submits a buyer's funding authorization and pays the gas; the
   * seller's consent is the authorization's, else as for {@link createOrder}.
   */
  async submitFundingAuthorization(
    authorization: FundingAuthorization,
    options: SellerConsentOptions = {},
  ): Promise<CreatedOrder> {
    const { terms } = authorization;
    // The id of the terms submitted (the escrow's), whatever the authorization says it is.
    const orderId = await this.#reads.orderIdOf(terms);
    const consent = await this.#consent.consentFor(orderId, terms, {
      sellerSignature: authorization.sellerSignature,
      ...options,
    });
    const receipt = await this.#send(terms.token, "createOrderWithAuthorization", () =>
      this.#sender.escrow.createOrderWithAuthorization.populateTransaction(
        terms,
        authorization.validAfter,
        authorization.validBefore,
        authorization.signature,
        consent,
      ),
    );
    this.#sender.shared.terms.set(orderId, terms);
    return { orderId, terms, method: "authorization", receipt };
  }

  // -------------------------------------------------------------------------- order lifecycle

  /** Seller ships; `tracking` is a bytes32 or text that is hashed. */
  ship(orderId: string, tracking?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "ship", (terms, escrow) =>
      this.#call(escrow, "ship", [terms, toBytes32(tracking)]),
    );
  }

  /** Registered logistics provider records a milestone. */
  recordMilestone(orderId: string, milestone: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "recordMilestone", (terms, escrow) =>
      this.#call(escrow, "recordMilestone", [terms, toBytes32(milestone)]),
    );
  }

  /** Destination customs clears the shipment. */
  clearCustoms(orderId: string, record?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "clearCustoms", (terms, escrow) =>
      this.#call(escrow, "clearCustoms", [terms, toBytes32(record)]),
    );
  }

  /** Destination customs rejects the shipment: the buyer is refunded. */
  rejectAtCustoms(orderId: string, reason?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "rejectAtCustoms", (terms, escrow) =>
      this.#call(escrow, "rejectAtCustoms", [terms, toBytes32(reason)]),
    );
  }

  /** Buyer confirms receipt: the seller is paid minus the fee. */
  confirmReceipt(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "confirmReceipt", (terms, escrow) =>
      this.#call(escrow, "confirmReceipt", [terms]),
    );
  }

  /** Anyone releases to the seller after the confirmation window. */
  releaseAfterTimeout(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "releaseAfterTimeout", (terms, escrow) =>
      this.#call(escrow, "releaseAfterTimeout", [terms]),
    );
  }

  /** Buyer cancels before shipment. */
  cancel(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "cancel", (terms, escrow) => this.#call(escrow, "cancel", [terms]));
  }

  /** Seller rejects before shipment. */
  reject(orderId: string, reason?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "reject", (terms, escrow) =>
      this.#call(escrow, "reject", [terms, toBytes32(reason)]),
    );
  }

  /** Anyone refunds an order not shipped by its ship-by time. */
  refundUnshipped(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "refundUnshipped", (terms, escrow) =>
      this.#call(escrow, "refundUnshipped", [terms]),
    );
  }

  /** Seller refunds `amount` (part or all of what remains). */
  refund(orderId: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "refund", (terms, escrow) =>
      this.#call(escrow, "refund", [terms, nonNegative("amount", amount)]),
    );
  }

  /** Buyer or seller opens a dispute. */
  openDispute(orderId: string, evidence?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "openDispute", (terms, escrow) =>
      this.#call(escrow, "openDispute", [terms, toBytes32(evidence)]),
    );
  }

  /** A party or the arbiter adds evidence. */
  submitEvidence(orderId: string, evidence: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "submitEvidence", (terms, escrow) =>
      this.#call(escrow, "submitEvidence", [terms, toBytes32(evidence)]),
    );
  }

  /**
   * A party proposes that the buyer's total for the whole order be `buyerTotal`: refunds the
   * seller already paid count toward it, so no refund in between changes what the offer means.
   */
  proposeSettlement(orderId: string, buyerTotal: bigint): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "proposeSettlement", (terms, escrow) =>
      this.#call(escrow, "proposeSettlement", [terms, nonNegative("buyerTotal", buyerTotal)]),
    );
  }

  /** The other party accepts the standing proposal of the buyer's total `buyerTotal`. */
  acceptSettlement(orderId: string, buyerTotal: bigint): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "acceptSettlement", (terms, escrow) =>
      this.#call(escrow, "acceptSettlement", [terms, nonNegative("buyerTotal", buyerTotal)]),
    );
  }

  /**
   * The arbiter rules that the buyer's total for the whole order is `buyerTotal` (refunds already
   * paid count toward it; the buyer receives what is missing, the seller the rest minus the fee).
   */
  resolveDispute(
    orderId: string,
    buyerTotal: bigint,
    ruling?: string,
  ): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "resolveDispute", (terms, escrow) =>
      this.#call(escrow, "resolveDispute", [
        terms,
        nonNegative("buyerTotal", buyerTotal),
        toBytes32(ruling),
      ]),
    );
  }

  /** Anyone closes a dispute left without ruling for the arbitration period. */
  closeStaleDispute(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "closeStaleDispute", (terms, escrow) =>
      this.#call(escrow, "closeStaleDispute", [terms]),
    );
  }

  /** Buyer of a closed order files a complaint about the product. */
  fileComplaint(orderId: string, evidence: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "fileComplaint", (terms, escrow) =>
      this.#call(escrow, "fileComplaint", [terms, toBytes32(evidence)]),
    );
  }

  // -------------------------------------------------------------------------- batches

  /**
   * Buyer: funds several orders in one transaction through the escrow's `multicall`, from the
   * allowance (approving the escrow first, once, when it is short of the total). All orders
   * must be in one token. The whole batch reverts if one order does. Each order's seller consent:
   * `sellerSignatures` (one per order, in order), else `sellerSigner`, else the client's
   * `sellerConsent` option.
   */
  async createMany(
    orders: readonly (NewOrder | OrderTerms)[],
    options: { readonly sellerSignatures?: readonly string[]; readonly sellerSigner?: Signer } = {},
  ): Promise<BatchResult> {
    const sender = this.#sender;
    const buyer = await sender.signer.getAddress();
    if (orders.length === 0) throw emptyBatch("createMany");
    const terms = await Promise.all(orders.map((order) => this.prepareOrder({ buyer, ...order })));
    const token = terms[0].token;
    for (const t of terms) {
      if (t.token !== token) {
        throw clientError(
          "INVALID_ARGUMENT",
          "MixedTokens",
          `createMany takes orders of one token: ${t.token} differs from ${token}`,
          { token: t.token, expected: token },
        );
      }
      if (t.buyer !== getAddress(buyer)) {
        throw notBuyer(buyer, t.buyer, "every order of a batch is the signer's");
      }
    }
    const total = terms.reduce((sum, t) => sum + t.amount, 0n);
    const allowance = await sender.token(token).allowance(buyer, sender.addresses.escrow);
    if (allowance < total) await this.#tokens.approveEscrow(token, total);
    const orderIds = await Promise.all(terms.map((t) => this.#reads.orderIdOf(t)));
    if (
      options.sellerSignatures !== undefined &&
      options.sellerSignatures.length !== terms.length
    ) {
      throw clientError(
        "INVALID_ARGUMENT",
        "LengthMismatch",
        `createMany has ${terms.length} orders but ${options.sellerSignatures.length} consents`,
        { orders: terms.length, consents: options.sellerSignatures.length },
      );
    }
    const consents = await Promise.all(
      terms.map((t, i) =>
        this.#consent.consentFor(orderIds[i], t, {
          sellerSignature: options.sellerSignatures?.[i],
          sellerSigner: options.sellerSignatures === undefined ? options.sellerSigner : undefined,
        }),
      ),
    );
    const iface: Interface = sender.escrow.interface;
    const receipt = await this.#batch(
      "createOrder",
      token,
      [token],
      terms.map((t, i) => iface.encodeFunctionData("createOrder", [t, consents[i]])),
    );
    terms.forEach((t, i) => sender.shared.terms.set(orderIds[i], t));
    return { orderIds, receipt };
  }

  /** Seller ships several orders in one transaction (escrow `multicall`); all or none. */
  shipMany(shipments: readonly BatchItem[]): Promise<BatchResult> {
    return this.#batchOf("ship", shipments, (terms, note) => [terms, toBytes32(note)]);
  }

  /** Destination customs clears several shipments in one transaction; all or none. */
  clearCustomsMany(clearances: readonly BatchItem[]): Promise<BatchResult> {
    return this.#batchOf("clearCustoms", clearances, (terms, note) => [terms, toBytes32(note)]);
  }

  /** Buyer confirms receipt of several orders in one transaction; all or none. */
  confirmMany(orderIds: readonly string[]): Promise<BatchResult> {
    return this.#batchOf("confirmReceipt", orderIds, (terms) => [terms]);
  }

  /** Anyone releases several orders whose confirmation window passed, in one transaction. */
  releaseMany(orderIds: readonly string[]): Promise<BatchResult> {
    return this.#batchOf("releaseAfterTimeout", orderIds, (terms) => [terms]);
  }

  async #batchOf(
    fn: "ship" | "clearCustoms" | "confirmReceipt" | "releaseAfterTimeout",
    items: readonly BatchItem[],
    args: (terms: OrderTerms, note: string | undefined) => unknown[],
  ): Promise<BatchResult> {
    if (items.length === 0) throw emptyBatch(fn);
    const entries = items.map((item) =>
      typeof item === "string" ? { orderId: item, note: undefined } : itemEntry(item),
    );
    const orders = await Promise.all(entries.map((e) => this.#reads.orderOf(e.orderId)));
    const terms = orders.map((o) => o.terms);
    const onFx = orders.find((o) => o.escrow !== this.#sender.escrow);
    if (onFx !== undefined) {
      const orderId = entries[orders.indexOf(onFx)].orderId;
      throw clientError(
        "INVALID_ARGUMENT",
        "BatchOnFxEscrow",
        `${fn} batches orders of the escrow; order ${orderId} is on the cross-currency escrow, ` +
          "which has no multicall: send its steps one by one",
        { orderId, escrow: onFx.escrow.target as string },
      );
    }
    const tokens = new Set(terms.map((t) => t.token));
    const token = tokens.size === 1 ? terms[0].token : undefined;
    // The untyped view of the ABI: `fn` is one of four functions with the same argument shape.
    const iface: Interface = this.#sender.escrow.interface;
    const calls = terms.map((t, i) => iface.encodeFunctionData(fn, args(t, entries[i].note)));
    const receipt = await this.#batch(fn, token, [...tokens], calls);
    return { orderIds: entries.map((e) => e.orderId), receipt };
  }

  /** Sends `calls` (encoded escrow calls of one function) as one `multicall`. */
  #batch(
    fn: EscrowCall,
    token: string | undefined,
    tokens: readonly string[],
    calls: readonly string[],
  ): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    const touches = this.#touches(REACHES[fn], tokens);
    return sender.transact(() => sender.escrow.multicall.populateTransaction([...calls]), {
      iface: sender.escrow.interface,
      currency: token,
      call: fn,
      // Gas grows with the batch: one estimate per function and size.
      gasKey: `multicall:${fn}:${calls.length}`,
      touches,
    });
  }

  /** Pays the fees accrued in a token to the fee recipient (anyone may call). */
  collectFees(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const token = this.#sender.tokenAddress(currencyOrAddress);
    return this.#send(token, "collectFees", () =>
      this.#sender.escrow.collectFees.populateTransaction(token),
    );
  }

  /** Withdraws the signer's claimable balance of a token (payouts the token refused). */
  withdraw(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const token = this.#sender.tokenAddress(currencyOrAddress);
    return this.#send(token, "withdraw", () =>
      this.#sender.escrow.withdraw.populateTransaction(token),
    );
  }

  /** Sends a lifecycle call of an order to the escrow it lives on. */
  async #act(
    orderId: string,
    call: EscrowCall,
    build: (terms: OrderTerms, escrow: OrderEscrow) => Promise<ContractTransaction>,
  ): Promise<ContractTransactionReceipt> {
    const { terms, escrow } = await this.#reads.orderOf(orderId);
    return this.#send(terms.token, call, () => build(terms, escrow), escrow);
  }

  /**
   * An escrow call's transaction, encoded by the escrow's ABI (`Interface.encodeFunctionData`):
   * the terms are already normalised, so a Contract's per-argument resolution adds nothing.
   */
  #call<K extends EscrowCall>(
    escrow: OrderEscrow,
    name: K,
    args: Parameters<TradeEscrow[K]["populateTransaction"]>,
  ): Promise<ContractTransaction> {
    const iface: Interface = escrow.interface;
    return Promise.resolve({
      to: escrow.target as string,
      data: iface.encodeFunctionData(name, args),
    });
  }

  /** Sends a call to `escrow` (default the deployment's) whose amounts are in `token`. */
  #send(
    token: string,
    call: EscrowCall,
    build: () => Promise<ContractTransaction>,
    escrow: OrderEscrow = this.#sender.escrow,
  ): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.transact(build, {
      iface: escrow.interface,
      currency: token,
      call,
      touches: this.#touches(REACHES[call], [token]),
    });
  }

  /** The access list of a call that reaches `reaches`. */
  #touches(reaches: Reach, tokens: readonly string[]): string[] {
    return [
      ...(reaches === "token" || reaches === "both" ? tokens : []),
      ...(reaches === "registry" || reaches === "both" ? [this.#sender.addresses.registry] : []),
    ];
  }
}
