/**
 * The orders facet of a client: creating and funding orders, every lifecycle step, fees,
 * withdrawals and reads of an order's terms, state and timeline.
 */
import {
  type ContractTransactionReceipt,
  type ContractTransaction,
  getAddress,
  hexlify,
  randomBytes,
  Signature,
  ZeroAddress,
} from "ethers";

import type { TradeEscrow } from "../../typechain-types/escrow/TradeEscrow.js";
import { signAuthorization, signPermit } from "../signatures.js";
import {
  type CreateOrderOptions,
  type CreatedOrder,
  type CreditRecord,
  type FundingAuthorization,
  type FundingMethod,
  type NewOrder,
  ORDER_STATUSES,
  type OrderStateView,
  type OrderTerms,
  type TimelineEntry,
} from "../types.js";
import { computeOrderId, isFullTerms, normaliseTerms, toBytes32 } from "./encoding.js";
import type { Sender } from "./sender.js";
import { orderTimeline } from "./timeline.js";
import type { TokensFacet } from "./tokens.js";

/** Default seconds until the seller must ship when `NewOrder.shipWithin` is not given. */
export const DEFAULT_SHIP_WITHIN = 7 * 24 * 3600;
/** Default confirmation window in seconds. */
export const DEFAULT_CONFIRM_WINDOW = 7 * 24 * 3600;
/** Default seconds a permit or EIP-3009 authorization stays valid. */
export const DEFAULT_SIGNATURE_VALIDITY = 3600;

/** Which of the token and the registry an escrow call reaches (its access list). */
type Reach = "none" | "token" | "registry" | "both";

/** `TradeEscrow` calls of a client. */
export class OrdersFacet {
  readonly #sender: Sender;
  readonly #tokens: TokensFacet;

  constructor(sender: Sender, tokens: TokensFacet) {
    this.#sender = sender;
    this.#tokens = tokens;
  }

  // -------------------------------------------------------------------------- creating orders

  /** The order id of `terms` on this deployment (computed locally, as the escrow does). */
  async orderIdOf(terms: OrderTerms): Promise<string> {
    return computeOrderId(await this.#sender.chainId(), this.#sender.addresses.escrow, terms);
  }

  /** Completes a {@link NewOrder} with the signer as buyer and the escrow's current settings. */
  async prepareOrder(order: NewOrder | OrderTerms): Promise<OrderTerms> {
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
   * (default): allowance when it already covers the amount, otherwise permit.
   */
  async createOrder(
    order: NewOrder | OrderTerms,
    options: CreateOrderOptions = {},
  ): Promise<CreatedOrder> {
    const buyer = await this.#sender.signer.getAddress();
    const terms = await this.prepareOrder({ buyer, ...order });
    if (getAddress(buyer) !== terms.buyer && options.method !== "authorization") {
      throw new Error(
        `The signer ${buyer} is not the buyer ${terms.buyer}; use signFundingAuthorization for the buyer and submitFundingAuthorization to relay`,
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
    const orderId = await this.orderIdOf(terms);
    let receipt: ContractTransactionReceipt;
    if (method === "allowance") {
      if (allowance < terms.amount) await this.#tokens.approveEscrow(terms.token, terms.amount);
      receipt = await this.#send(terms.token, "both", () =>
        this.#sender.escrow.createOrder.populateTransaction(terms),
      );
    } else {
      const deadline =
        (await this.#sender.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
      const signature = Signature.from(await this.signPermit(terms.token, terms.amount, deadline));
      receipt = await this.#send(terms.token, "both", () =>
        this.#sender.escrow.createOrderWithPermit.populateTransaction(
          terms,
          deadline,
          signature.v,
          signature.r,
          signature.s,
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
   * {@link submitFundingAuthorization} (gasless checkout). No transaction is sent.
   */
  async signFundingAuthorization(
    order: NewOrder | OrderTerms,
    options: { readonly validFor?: number; readonly validAfter?: bigint } = {},
  ): Promise<FundingAuthorization> {
    const terms = await this.prepareOrder(order);
    const signer = getAddress(await this.#sender.signer.getAddress());
    if (signer !== terms.buyer) {
      throw new Error(
        `Only the buyer ${terms.buyer} can sign the funding authorization, not ${signer}`,
      );
    }
    const orderId = await this.orderIdOf(terms);
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
    this.#sender.shared.terms.set(orderId, terms);
    return { orderId, terms, validAfter, validBefore, signature };
  }

  /** Anyone (a platform relayer) submits a buyer's funding authorization and pays the gas. */
  async submitFundingAuthorization(authorization: FundingAuthorization): Promise<CreatedOrder> {
    const { terms } = authorization;
    const receipt = await this.#send(terms.token, "both", () =>
      this.#sender.escrow.createOrderWithAuthorization.populateTransaction(
        terms,
        authorization.validAfter,
        authorization.validBefore,
        authorization.signature,
      ),
    );
    this.#sender.shared.terms.set(authorization.orderId, terms);
    return { orderId: authorization.orderId, terms, method: "authorization", receipt };
  }

  // -------------------------------------------------------------------------- order lifecycle

  /** Seller ships; `tracking` is a bytes32 or text that is hashed. */
  ship(orderId: string, tracking?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "registry", (terms, escrow) =>
      escrow.ship.populateTransaction(terms, toBytes32(tracking)),
    );
  }

  /** Registered logistics provider records a milestone. */
  recordMilestone(orderId: string, milestone: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "registry", (terms, escrow) =>
      escrow.recordMilestone.populateTransaction(terms, toBytes32(milestone)),
    );
  }

  /** Destination customs clears the shipment. */
  clearCustoms(orderId: string, record?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "registry", (terms, escrow) =>
      escrow.clearCustoms.populateTransaction(terms, toBytes32(record)),
    );
  }

  /** Destination customs rejects the shipment: the buyer is refunded. */
  rejectAtCustoms(orderId: string, reason?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "both", (terms, escrow) =>
      escrow.rejectAtCustoms.populateTransaction(terms, toBytes32(reason)),
    );
  }

  /** Buyer confirms receipt: the seller is paid minus the fee. */
  confirmReceipt(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.confirmReceipt.populateTransaction(terms),
    );
  }

  /** Anyone releases to the seller after the confirmation window. */
  releaseAfterTimeout(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.releaseAfterTimeout.populateTransaction(terms),
    );
  }

  /** Buyer cancels before shipment. */
  cancel(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) => escrow.cancel.populateTransaction(terms));
  }

  /** Seller rejects before shipment. */
  reject(orderId: string, reason?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.reject.populateTransaction(terms, toBytes32(reason)),
    );
  }

  /** Anyone refunds an order not shipped by its ship-by time. */
  refundUnshipped(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.refundUnshipped.populateTransaction(terms),
    );
  }

  /** Seller refunds `amount` (part or all of what remains). */
  refund(orderId: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.refund.populateTransaction(terms, amount),
    );
  }

  /** Buyer or seller opens a dispute. */
  openDispute(orderId: string, evidence?: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "none", (terms, escrow) =>
      escrow.openDispute.populateTransaction(terms, toBytes32(evidence)),
    );
  }

  /** A party or the arbiter adds evidence. */
  submitEvidence(orderId: string, evidence: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "none", (terms, escrow) =>
      escrow.submitEvidence.populateTransaction(terms, toBytes32(evidence)),
    );
  }

  /** A party proposes that the buyer receive `buyerAmount` of what remains. */
  proposeSettlement(orderId: string, buyerAmount: bigint): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "none", (terms, escrow) =>
      escrow.proposeSettlement.populateTransaction(terms, buyerAmount),
    );
  }

  /** The other party accepts the standing proposal. */
  acceptSettlement(orderId: string, buyerAmount: bigint): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.acceptSettlement.populateTransaction(terms, buyerAmount),
    );
  }

  /** The arbiter rules: the buyer receives `buyerAmount`, the seller the rest minus the fee. */
  resolveDispute(
    orderId: string,
    buyerAmount: bigint,
    ruling?: string,
  ): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "both", (terms, escrow) =>
      escrow.resolveDispute.populateTransaction(terms, buyerAmount, toBytes32(ruling)),
    );
  }

  /** Anyone closes a dispute left without ruling for the arbitration period. */
  closeStaleDispute(orderId: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "token", (terms, escrow) =>
      escrow.closeStaleDispute.populateTransaction(terms),
    );
  }

  /** Buyer of a closed order files a complaint about the product. */
  fileComplaint(orderId: string, evidence: string): Promise<ContractTransactionReceipt> {
    return this.#act(orderId, "registry", (terms, escrow) =>
      escrow.fileComplaint.populateTransaction(terms, toBytes32(evidence)),
    );
  }

  /** Pays the fees accrued in a token to the fee recipient (anyone may call). */
  collectFees(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const token = this.#sender.tokenAddress(currencyOrAddress);
    return this.#send(token, "token", () =>
      this.#sender.escrow.collectFees.populateTransaction(token),
    );
  }

  /** Fees accrued in a token and not yet collected. */
  accruedFees(currencyOrAddress: string): Promise<bigint> {
    return this.#sender.escrow.accruedFees(this.#sender.tokenAddress(currencyOrAddress));
  }

  /** Withdraws the signer's claimable balance of a token (payouts the token refused). */
  withdraw(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const token = this.#sender.tokenAddress(currencyOrAddress);
    return this.#send(token, "token", () =>
      this.#sender.escrow.withdraw.populateTransaction(token),
    );
  }

  async #act(
    orderId: string,
    reaches: Reach,
    build: (terms: OrderTerms, escrow: TradeEscrow) => Promise<ContractTransaction>,
  ): Promise<ContractTransactionReceipt> {
    const terms = await this.termsOf(orderId);
    return this.#send(terms.token, reaches, () => build(terms, this.#sender.escrow));
  }

  /** Sends an escrow call whose amounts are in `token` and that reaches `reaches`. */
  #send(
    token: string,
    reaches: Reach,
    build: () => Promise<ContractTransaction>,
  ): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    const touches =
      reaches === "none"
        ? []
        : reaches === "token"
          ? [token]
          : reaches === "registry"
            ? [sender.addresses.registry]
            : [token, sender.addresses.registry];
    return sender.transact(build, { iface: sender.escrow.interface, currency: token, touches });
  }

  // -------------------------------------------------------------------------- order reads

  /** Remembers terms obtained elsewhere (e.g. from a platform database); returns the id. */
  async rememberTerms(terms: OrderTerms): Promise<string> {
    const normalised = normaliseTerms(terms);
    const orderId = await this.orderIdOf(normalised);
    this.#sender.shared.terms.set(orderId, normalised);
    return orderId;
  }

  /** The terms of an order: from memory, else rebuilt from its `OrderCreated` event. */
  async termsOf(orderId: string): Promise<OrderTerms> {
    const known = this.#sender.shared.terms.get(orderId);
    if (known !== undefined) return known;
    const events = await this.#sender.escrow.queryFilter(
      this.#sender.escrow.filters.OrderCreated(orderId),
      this.#sender.shared.fromBlock,
    );
    const event = events[0];
    if (event === undefined)
      throw new Error(`No order ${orderId} on escrow ${this.#sender.addresses.escrow}`);
    const terms = normaliseTerms(event.args.terms);
    this.#sender.shared.terms.set(orderId, terms);
    return terms;
  }

  /** The mutable state of an order (status `None` when unknown). */
  async orderState(orderId: string): Promise<OrderStateView> {
    const state = await this.#sender.escrow.orderState(orderId);
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
    const [proposer, buyerAmount] = await this.#sender.escrow.settlementOf(orderId);
    return proposer === ZeroAddress ? undefined : { proposer, buyerAmount };
  }

  /** A participant's credit record. */
  async creditOf(account: string): Promise<CreditRecord> {
    const credit = await this.#sender.escrow.creditOf(account);
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
    return this.#sender.escrow.claimable(this.#sender.tokenAddress(currencyOrAddress), account);
  }

  /**
   * Every event of an order in block order — creation, shipment, milestones, customs, refunds,
   * disputes, release, complaints and deferred payouts — with block time, actor, sender,
   * transaction hash and the gas the transaction used.
   */
  async orderTimeline(orderId: string): Promise<TimelineEntry[]> {
    return orderTimeline(this.#sender, orderId, await this.termsOf(orderId));
  }
}
