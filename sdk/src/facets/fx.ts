/**
 * The cross-currency facet of a client (docs/fx.md): an FX provider quotes an order and funds
 * payout legs (its balance in the cross-currency escrow), a platform creates an order with a quote
 * (the buyer pays in its currency, the seller is paid in its own), and anyone reads an order's
 * payout leg. Everything after creation — shipping, confirmation, refunds, disputes — is the orders
 * facet's: the client sends each order's steps to the escrow it lives on. Caps and reference feeds
 * are `fx-desk.ts`'s.
 */
import {
  type ContractTransaction,
  type ContractTransactionReceipt,
  getAddress,
  isHexString,
  Signature,
  ZeroAddress,
} from "ethers";

import type { TradeFxEscrow } from "../contracts/escrow/TradeFxEscrow.js";
import { parseAddress } from "../address.js";
import { computeOrderId, isFullTerms, nonNegative, normaliseTerms } from "../encoding.js";
import { clientError } from "../failure.js";
import type { Sender } from "../sender.js";
import { type FxQuote, signAuthorization, signFxQuote, signPermit } from "../signatures.js";
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
import { notBuyer } from "./escrow-calls.js";
import type { EscrowReadsFacet } from "./escrow-reads.js";
import { DEFAULT_SIGNATURE_VALIDITY, type OrdersFacet } from "./orders.js";
import type { TokensFacet } from "./tokens.js";

/** Default seconds of chain time a quote stays valid: five minutes. */
export const DEFAULT_QUOTE_VALIDITY = 300;

/** A provider's quote and its EIP-712 signature: what a platform passes to `createFxOrder`. */
export interface SignedFxQuote {
  readonly quote: FxQuote;
  readonly signature: string;
  /** The terms quoted (the order the quote's `orderId` is the id of, on the FX escrow). */
  readonly terms: OrderTerms;
}

/** The payout leg a provider quotes: the seller's currency and amount (before the fee). */
export interface FxPayout {
  /** Currency code or token address of the payout currency. */
  readonly token: string;
  /** Smallest units of the payout token. */
  readonly amount: bigint;
}

/** Options of `quoteFx`. */
export interface FxQuoteOptions {
  /** Seconds of chain time the quote stays valid; default {@link DEFAULT_QUOTE_VALIDITY}. */
  readonly validFor?: number;
  /** The quote's last valid second (unix time); overrides `validFor`. */
  readonly expiry?: bigint;
}

/** The outcome of a created cross-currency order: `CreatedOrder` with the quote it used. */
export interface CreatedFxOrder extends CreatedOrder {
  readonly quote: FxQuote;
}

/** A cross-currency order's payout leg (`legOf`). */
export interface FxLeg {
  /** The FX provider that funded it. */
  readonly provider: string;
  readonly payoutToken: string;
  /** The payout token's ISO-4217 code. */
  readonly currency: string;
  /** The payout leg in the payout token's smallest units (before the fee). */
  readonly payoutAmount: bigint;
}

type FxCreate = "createFxOrder" | "createFxOrderWithPermit" | "createFxOrderWithAuthorization";

/** A refusal of `createFxOrder` before anything is sent. */
function refused(name: string, message: string, args: Readonly<Record<string, string | bigint>>) {
  return clientError("INVALID_ARGUMENT", name, message, args);
}

/** Quotes, deposits and cross-currency order creation of a client. */
export class FxFacet {
  readonly #sender: Sender;
  readonly #tokens: TokensFacet;
  readonly #reads: EscrowReadsFacet;
  readonly #consent: ConsentFacet;
  readonly #orders: OrdersFacet;

  constructor(
    sender: Sender,
    tokens: TokensFacet,
    reads: EscrowReadsFacet,
    consent: ConsentFacet,
    orders: OrdersFacet,
  ) {
    this.#sender = sender;
    this.#tokens = tokens;
    this.#reads = reads;
    this.#consent = consent;
    this.#orders = orders;
  }

  /** The cross-currency escrow's address; `FxEscrowMissing` (code `DEPLOYMENT`) without one. */
  fxEscrowAddress(): string {
    return this.#sender.requireFx().target as string;
  }

  /** The id of `terms` on the cross-currency escrow (order ids name their escrow). */
  async fxOrderIdOf(terms: OrderTerms): Promise<string> {
    const escrow = this.fxEscrowAddress();
    return computeOrderId(await this.#sender.chainId(), escrow, normaliseTerms(terms));
  }

  // -------------------------------------------------------------------------- provider

  /**
   * FX provider: quotes the order `terms` (full terms, e.g. from the platform's `prepareOrder`)
   * for `payout`, valid `validFor` seconds of chain time (default five minutes), and signs the
   * quote as the client's signer. Nothing is sent.
   */
  async quoteFx(
    terms: OrderTerms,
    payout: FxPayout,
    options: FxQuoteOptions = {},
  ): Promise<SignedFxQuote> {
    const escrow = this.fxEscrowAddress();
    if (!isFullTerms(terms)) {
      throw clientError(
        "INVALID_ARGUMENT",
        "IncompleteTerms",
        "A quote is for full order terms (the platform's prepareOrder completes a NewOrder)",
      );
    }
    const order = normaliseTerms({ ...terms, token: this.#sender.tokenAddress(terms.token) });
    const payoutToken = this.#sender.tokenAddress(payout.token);
    if (payout.amount <= 0n) {
      throw refused("InvalidPayoutAmount", `A quote's payout must be positive: ${payout.amount}`, {
        payoutAmount: payout.amount,
      });
    }
    if (payoutToken === order.token) {
      throw refused(
        "SameCurrency",
        `A quote pays out in another currency than the order's ${order.token}`,
        { token: payoutToken },
      );
    }
    const signer = this.#sender.signer;
    const provider = getAddress(await signer.getAddress());
    if (provider === order.buyer || provider === order.seller) {
      throw refused(
        "ProviderIsParty",
        `The provider ${provider} is the order's buyer or seller: it cannot quote its own order`,
        { provider },
      );
    }
    const expiry =
      options.expiry ??
      (await this.#sender.now()) + BigInt(options.validFor ?? DEFAULT_QUOTE_VALIDITY);
    const quote: FxQuote = {
      provider,
      payToken: order.token,
      payAmount: order.amount,
      payoutToken,
      payoutAmount: payout.amount,
      orderId: await this.fxOrderIdOf(order),
      expiry,
    };
    const { signature } = await signFxQuote(this.#consent.registryDomain(), signer, escrow, quote);
    return { quote, signature, terms: order };
  }

  /** FX provider: approves the cross-currency escrow to take `amount` of its tokens. */
  approveFxEscrow(currencyOrAddress: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.#tokens.approveSpender(currencyOrAddress, this.fxEscrowAddress(), amount);
  }

  /**
   * FX provider: adds `amount` to its balance in the cross-currency escrow (payout legs are taken
   * from it first), approving the escrow first when the allowance is short.
   */
  async depositFx(currencyOrAddress: string, amount: bigint): Promise<ContractTransactionReceipt> {
    const fx = this.#sender.requireFx();
    const token = this.#sender.tokenAddress(currencyOrAddress);
    nonNegative("amount", amount);
    const owner = await this.#sender.signer.getAddress();
    const allowance = await this.#sender.token(token).allowance(owner, fx.target);
    if (allowance < amount) await this.approveFxEscrow(token, amount);
    return this.#sendFx(token, () => fx.deposit.populateTransaction(token, amount), [token]);
  }

  /** What `account` holds in the cross-currency escrow in a token (a provider's float, payouts). */
  fxBalanceOf(currencyOrAddress: string, account: string): Promise<bigint> {
    return this.#sender
      .requireFx()
      .claimable(this.#sender.tokenAddress(currencyOrAddress), parseAddress(account, "account"));
  }

  /** Withdraws the signer's whole balance of a token from the cross-currency escrow. */
  withdrawFx(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const fx = this.#sender.requireFx();
    const token = this.#sender.tokenAddress(currencyOrAddress);
    return this.#sendFx(token, () => fx.withdraw.populateTransaction(token), [token]);
  }

  /** Fees of cross-currency orders (in their payout currencies) accrued and not yet collected. */
  fxAccruedFees(currencyOrAddress: string): Promise<bigint> {
    return this.#sender.requireFx().accruedFees(this.#sender.tokenAddress(currencyOrAddress));
  }

  /** Pays the FX escrow's fees accrued in a token to the fee recipient (anyone may call). */
  collectFxFees(currencyOrAddress: string): Promise<ContractTransactionReceipt> {
    const fx = this.#sender.requireFx();
    const token = this.#sender.tokenAddress(currencyOrAddress);
    return this.#sendFx(token, () => fx.collectFees.populateTransaction(token), [token]);
  }

  // -------------------------------------------------------------------------- platform

  /**
   * Creates a cross-currency order as its buyer with a provider's signed quote: the buyer pays
   * `terms.amount` in `terms.token`, the provider's payout leg is held for the seller. `order`
   * must be the terms quoted (a `NewOrder` is completed as `prepareOrder` does, so only full
   * terms keep the quote's order id). Funding as `createOrder`: `allowance` (approving the FX
   * escrow when short), `permit`, `authorization` (EIP-3009, nonce the order id) or `auto`. The
   * seller's consent (`sellerSignature`, `sellerSigner` or the client's `sellerConsent`) covers the
   * payout leg (`signFxSellerConsent`). Refused before sending: a quote for other terms, an
   * expired quote (chain time), a buyer short of the pay leg, a provider short of the payout leg.
   */
  async createFxOrder(
    order: NewOrder | OrderTerms,
    quote: FxQuote,
    quoteSignature: string,
    options: CreateOrderOptions = {},
  ): Promise<CreatedFxOrder> {
    const fx = this.#sender.requireFx();
    const signer = getAddress(await this.#sender.signer.getAddress());
    const terms = await this.#orders.prepareOrder({ buyer: signer, ...order });
    if (signer !== terms.buyer) {
      throw notBuyer(
        signer,
        terms.buyer,
        "a relayer submits the buyer's signFxFundingAuthorization with submitFxFundingAuthorization",
      );
    }
    const requested = options.method ?? "auto";
    if (requested === "authorization") {
      const authorization = await this.signFxFundingAuthorization(terms, options);
      return this.submitFxFundingAuthorization(authorization, quote, quoteSignature, options);
    }
    const { orderId, checked, consent } = await this.#checked(
      fx,
      terms,
      quote,
      quoteSignature,
      options,
    );
    const allowance =
      requested === "auto" || (requested === "allowance" && options.checkAllowance !== false)
        ? await this.#sender.token(terms.token).allowance(terms.buyer, fx.target)
        : terms.amount;
    const method: FundingMethod =
      requested === "auto" ? (allowance >= terms.amount ? "allowance" : "permit") : requested;
    if (method === "allowance") {
      if (allowance < terms.amount) await this.approveFxEscrow(terms.token, terms.amount);
      return this.#create(terms, orderId, checked, method, "createFxOrder", () =>
        fx.createFxOrder.populateTransaction(terms, checked, quoteSignature, consent),
      );
    }
    const deadline =
      (await this.#sender.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
    const permit = await signPermit(this.#sender.token(terms.token), this.#sender.signer, {
      owner: terms.buyer,
      spender: fx.target as string,
      value: terms.amount,
      deadline,
    });
    const { v, r, s } = Signature.from(permit.signature);
    return this.#create(terms, orderId, checked, method, "createFxOrderWithPermit", () =>
      fx.createFxOrderWithPermit.populateTransaction(
        terms,
        checked,
        quoteSignature,
        deadline,
        v,
        r,
        s,
        consent,
      ),
    );
  }

  /**
   * The buyer signs an EIP-3009 `ReceiveWithAuthorization` paying the pay leg to the
   * cross-currency escrow, with the order's id there as nonce; a relayer hands it, with the quote,
   * to {@link submitFxFundingAuthorization} (gasless checkout). Nothing is sent.
   */
  async signFxFundingAuthorization(
    order: NewOrder | OrderTerms,
    options: { readonly validFor?: number; readonly validAfter?: bigint } = {},
  ): Promise<FundingAuthorization> {
    const fx = this.fxEscrowAddress();
    const terms = await this.#orders.prepareOrder(order);
    const signer = getAddress(await this.#sender.signer.getAddress());
    if (signer !== terms.buyer) {
      throw notBuyer(signer, terms.buyer, "only the buyer can sign the funding authorization");
    }
    const orderId = await this.fxOrderIdOf(terms);
    const validAfter = options.validAfter ?? 0n;
    const validBefore =
      (await this.#sender.now()) + BigInt(options.validFor ?? DEFAULT_SIGNATURE_VALIDITY);
    const { signature } = await signAuthorization(
      this.#sender.token(terms.token),
      this.#sender.signer,
      "ReceiveWithAuthorization",
      { from: terms.buyer, to: fx, value: terms.amount, validAfter, validBefore, nonce: orderId },
    );
    return { orderId, terms, validAfter, validBefore, signature };
  }

  /**
   * Anyone (a platform relayer) creates a cross-currency order with the buyer's funding
   * authorization and the provider's quote, and pays the gas; the seller's consent is the
   * authorization's, else as for {@link createFxOrder}. Refused before sending as it is.
   */
  async submitFxFundingAuthorization(
    authorization: FundingAuthorization,
    quote: FxQuote,
    quoteSignature: string,
    options: SellerConsentOptions = {},
  ): Promise<CreatedFxOrder> {
    const fx = this.#sender.requireFx();
    const terms = normaliseTerms(authorization.terms);
    const { orderId, checked, consent } = await this.#checked(fx, terms, quote, quoteSignature, {
      sellerSignature: authorization.sellerSignature,
      ...options,
    });
    const { validAfter, validBefore, signature } = authorization;
    return this.#create(
      terms,
      orderId,
      checked,
      "authorization",
      "createFxOrderWithAuthorization",
      () =>
        fx.createFxOrderWithAuthorization.populateTransaction(
          terms,
          checked,
          quoteSignature,
          validAfter,
          validBefore,
          signature,
          consent,
        ),
    );
  }

  /** The order's id on the FX escrow, its quote checked (see `#preflight`) and the seller's consent. */
  async #checked(
    fx: TradeFxEscrow,
    terms: OrderTerms,
    quote: FxQuote,
    quoteSignature: string,
    options: SellerConsentOptions,
  ): Promise<{ orderId: string; checked: FxQuote; consent: string }> {
    if (!isHexString(quoteSignature) || quoteSignature.length <= 2) {
      throw refused(
        "InvalidQuoteSignature",
        `The quote's signature is not hex: ${quoteSignature}`,
        {
          signature: quoteSignature,
        },
      );
    }
    const orderId = await this.fxOrderIdOf(terms);
    const checked = await this.#preflight(fx, terms, orderId, quote);
    const consent = await this.#consent.consentFor(
      orderId,
      terms,
      options,
      this.#consent.fxConsent(orderId, checked.payoutToken, checked.payoutAmount),
    );
    return { orderId, checked, consent };
  }

  /** Sends a creation and remembers the order on the FX escrow. */
  async #create(
    terms: OrderTerms,
    orderId: string,
    quote: FxQuote,
    method: FundingMethod,
    call: FxCreate,
    build: () => Promise<ContractTransaction>,
  ): Promise<CreatedFxOrder> {
    const touches = [terms.token, quote.payoutToken, this.#sender.addresses.registry];
    const receipt = await this.#sendFx(terms.token, build, touches, call);
    await this.#reads.rememberTerms(terms, this.fxEscrowAddress());
    return { orderId, terms, method, receipt, quote };
  }

  /**
   * The quote checked against the order before anything is sent, with its addresses checksummed:
   * it names this order and its pay leg, has not expired in chain time, the buyer holds the pay
   * leg and the provider can fund the payout leg (its balance here, else allowance and balance).
   */
  async #preflight(
    fx: TradeFxEscrow,
    terms: OrderTerms,
    orderId: string,
    given: FxQuote,
  ): Promise<FxQuote> {
    const quote: FxQuote = {
      ...given,
      provider: parseAddress(given.provider, "quote.provider"),
      payToken: parseAddress(given.payToken, "quote.payToken"),
      payoutToken: this.#sender.tokenAddress(given.payoutToken),
    };
    if (quote.orderId !== orderId) {
      throw refused(
        "QuoteForOtherOrder",
        `The quote is for order ${quote.orderId}, not ${orderId}: pass the terms the provider ` +
          "quoted (the same ref, ship-by time and fee)",
        { orderId, quoted: quote.orderId },
      );
    }
    if (quote.payToken !== terms.token || quote.payAmount !== terms.amount) {
      throw refused(
        "QuoteTermsMismatch",
        `The quote's pay leg (${quote.payAmount} of ${quote.payToken}) is not the order's ` +
          `(${terms.amount} of ${terms.token})`,
        { orderId, payToken: quote.payToken, payAmount: quote.payAmount },
      );
    }
    const payToken = this.#sender.token(terms.token);
    const payoutToken = this.#sender.token(quote.payoutToken);
    const [now, buyerBalance, float, providerAllowance, providerBalance] = await Promise.all([
      this.#sender.now(),
      payToken.balanceOf(terms.buyer),
      fx.claimable(quote.payoutToken, quote.provider),
      payoutToken.allowance(quote.provider, fx.target),
      payoutToken.balanceOf(quote.provider),
    ]);
    // The next block is at least a second later than the latest.
    if (now + 1n > quote.expiry) {
      throw refused(
        "QuoteExpired",
        `The quote for order ${orderId} expired at ${quote.expiry} (chain time ${now}): ask the ` +
          "provider for a new one",
        { orderId, expiry: quote.expiry, now },
      );
    }
    if (buyerBalance < terms.amount) {
      throw refused(
        "BuyerBalanceShort",
        `The buyer ${terms.buyer} holds ${buyerBalance} of the pay leg's ${terms.amount}`,
        { buyer: terms.buyer, balance: buyerBalance, amount: terms.amount },
      );
    }
    const fromAllowance = providerAllowance < providerBalance ? providerAllowance : providerBalance;
    if (float < quote.payoutAmount && fromAllowance < quote.payoutAmount) {
      throw refused(
        "ProviderFundsShort",
        `The provider ${quote.provider} can fund ${float > fromAllowance ? float : fromAllowance} ` +
          `of the payout leg's ${quote.payoutAmount} (its balance in the FX escrow, else its ` +
          "allowance and balance): it deposits or approves more",
        {
          provider: quote.provider,
          balance: float,
          allowance: providerAllowance,
          payoutAmount: quote.payoutAmount,
        },
      );
    }
    return quote;
  }

  // -------------------------------------------------------------------------- reads

  /**
   * A cross-currency order's payout leg: the provider, the payout token and its currency code and
   * amount; `UNKNOWN_ORDER` for an order the cross-currency escrow does not hold.
   */
  async fxLegOf(orderId: string): Promise<FxLeg> {
    const fx = this.#sender.requireFx();
    if (!isHexString(orderId, 32)) {
      throw refused("InvalidOrderId", `"${orderId}" is not an order id (0x and 64 hex digits)`, {
        orderId,
      });
    }
    const [provider, payoutToken, payoutAmount] = await fx.legOf(orderId);
    if (provider === ZeroAddress) {
      throw clientError(
        "UNKNOWN_ORDER",
        "UnknownFxOrder",
        `No cross-currency order ${orderId} on ${fx.target as string}`,
        { orderId, escrow: fx.target as string },
      );
    }
    const { currency } = await this.#sender.tokenInfo(payoutToken);
    return { provider, payoutToken, currency, payoutAmount };
  }

  /** Sends a call to the cross-currency escrow whose amounts are in `token`. */
  #sendFx(
    token: string,
    build: () => Promise<ContractTransaction>,
    touches: readonly string[],
    call?: FxCreate,
  ): Promise<ContractTransactionReceipt> {
    return this.#sender.transact(build, {
      iface: this.#sender.requireFx().interface,
      currency: token,
      call,
      touches,
    });
  }
}
