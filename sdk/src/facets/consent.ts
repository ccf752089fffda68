/**
 * The consent facet of a client: a seller's consent to an order (the EIP-712 `SellerConsent`
 * digest, signing it, finding the signature an order creation needs) and the seller's delegates,
 * the signers it lets consent on its behalf.
 *
 * The escrow creates an order only with the seller's signature over `SellerConsent(escrow,
 * orderId)` under the registry's EIP-712 domain. Platforms get it one of three ways: the SDK signs
 * with a seller (or delegate) wallet it holds (`{ sellerSigner }`), the platform's backend signs
 * and hands the signature over (`{ sellerSignature }`), or the client's `sellerConsent` option
 * (a wallet, or a function that asks the backend) answers for every order that brings neither.
 */
import { type ContractTransactionReceipt, isHexString, type Signer } from "ethers";

import { parseAddress } from "../address.js";
import { isFullTerms } from "../encoding.js";
import { clientError } from "../failure.js";
import type { Sender } from "../sender.js";
import { type DomainSource, fxConsentId, signSellerConsent } from "../signatures.js";
import type { FxConsent, OrderTerms, SellerConsentOptions, SellerConsentSource } from "../types.js";
import type { EscrowReadsFacet } from "./escrow-reads.js";

/** An order named by its id or by its full terms. */
export type OrderRef = string | OrderTerms;

/** `SellerConsent` signatures and the registry's delegates, for a client. */
export class ConsentFacet {
  readonly #sender: Sender;
  readonly #reads: EscrowReadsFacet;

  constructor(sender: Sender, reads: EscrowReadsFacet) {
    this.#sender = sender;
    this.#reads = reads;
  }

  /** The order id of an order named by id or terms. */
  async #orderId(order: OrderRef): Promise<string> {
    if (typeof order === "string") {
      if (!isHexString(order, 32)) {
        throw clientError(
          "INVALID_ARGUMENT",
          "InvalidOrderId",
          `"${order}" is not an order id (0x and 64 hex digits)`,
          { orderId: order },
        );
      }
      return order;
    }
    if (!isFullTerms(order)) {
      throw clientError(
        "INVALID_ARGUMENT",
        "IncompleteTerms",
        "A consent is to full order terms (prepareOrder completes a NewOrder)",
      );
    }
    return this.#reads.orderIdOf(order);
  }

  /**
   * The EIP-712 digest a seller (or its delegate) signs to consent to an order, as the escrow
   * computes it (`escrow.sellerConsentDigest(orderId)`): for signers that sign digests, e.g. a
   * hardware security module. Takes the order id or the full terms.
   */
  async sellerConsentDigest(order: OrderRef): Promise<string> {
    return this.#sender.escrow.sellerConsentDigest(await this.#orderId(order));
  }

  /**
   * Signs the seller's consent to an order with the client's signer (the seller or a delegate of
   * the seller): the signature a buyer's client passes as `sellerSignature`. Nothing is sent.
   */
  async signSellerConsent(order: OrderRef): Promise<string> {
    const orderId = await this.#orderId(order);
    return this.#signWith(this.#sender.signer, orderId);
  }

  /**
   * The seller's consent to the order `orderId`: the given signature, a signature of the given
   * wallet, else of the client's `sellerConsent` source; a {@link TradeChainError} with code
   * `SELLER_CONSENT_MISSING` when there is none (nothing is sent).
   */
  async consentFor(
    orderId: string,
    terms: OrderTerms,
    options: SellerConsentOptions,
    fx?: FxConsent,
  ): Promise<string> {
    if (options.sellerSignature !== undefined && options.sellerSigner !== undefined) {
      throw clientError(
        "INVALID_ARGUMENT",
        "TwoSellerConsents",
        "Pass either sellerSignature or sellerSigner, not both",
      );
    }
    if (options.sellerSignature !== undefined) {
      return checkedSignature(options.sellerSignature, orderId);
    }
    const source: SellerConsentSource | undefined =
      options.sellerSigner ?? this.#sender.shared.sellerConsent;
    if (source === undefined) {
      throw clientError(
        "SELLER_CONSENT_MISSING",
        "SellerConsentMissing",
        `Order ${orderId} needs the seller ${terms.seller}'s consent: pass sellerSignature (signed ` +
          "by the seller or its delegate, e.g. on the platform's backend) or sellerSigner",
        { orderId, seller: terms.seller },
      );
    }
    if (typeof source === "function") {
      const request = fx === undefined ? { orderId, terms } : { orderId, terms, fx };
      return checkedSignature(await source(request), orderId);
    }
    return fx === undefined
      ? this.#signWith(source, orderId)
      : this.#signWith(source, fx.consentId, fx.escrow);
  }

  /**
   * Signs the seller's consent to a cross-currency order with the client's signer (the seller or
   * its delegate): `SellerConsent(fxEscrow, fxConsentId(orderId, payoutToken, payoutAmount))`,
   * covering what the seller will be paid. Nothing is sent.
   */
  async signFxSellerConsent(quote: {
    readonly orderId: string;
    readonly payoutToken: string;
    readonly payoutAmount: bigint;
  }): Promise<string> {
    const consent = this.fxConsent(quote.orderId, quote.payoutToken, quote.payoutAmount);
    return this.#signWith(this.#sender.signer, consent.consentId, consent.escrow);
  }

  /** What a seller consents to for the cross-currency order `orderId` with its payout leg. */
  fxConsent(orderId: string, payoutToken: string, payoutAmount: bigint): FxConsent {
    const escrow = this.#sender.requireFx().target as string;
    const token = this.#sender.tokenAddress(payoutToken);
    return {
      escrow,
      consentId: fxConsentId(orderId, token, payoutAmount),
      payoutToken: token,
      payoutAmount,
    };
  }

  async #signWith(
    signer: Signer,
    orderId: string,
    escrow = this.#sender.addresses.escrow,
  ): Promise<string> {
    const { signature } = await signSellerConsent(this.registryDomain(), signer, {
      escrow,
      orderId,
    });
    return signature;
  }

  /** The registry's EIP-712 domain, read once per client family (it never changes). */
  registryDomain(): DomainSource {
    const { shared, registry } = this.#sender;
    return {
      eip712Domain: () => {
        if (shared.registryDomain === undefined) {
          const domain = registry.eip712Domain().then((d) => ({
            name: d.name,
            version: d.version,
            chainId: d.chainId,
            verifyingContract: d.verifyingContract,
          }));
          shared.registryDomain = domain;
          domain.catch(() => (shared.registryDomain = undefined));
        }
        return shared.registryDomain;
      },
    };
  }

  /**
   * Active seller: lets `delegate` consent to orders on its behalf (a platform that sells for
   * it). Refused with `DelegateAlreadySet` when it already is one.
   */
  setDelegate(delegate: string): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const checked = parseAddress(delegate, "delegate");
    return this.#sender.transact(() => registry.setDelegate.populateTransaction(checked), {
      iface: registry.interface,
    });
  }

  /**
   * Seller (even a suspended one): withdraws `delegate`'s right to consent; orders it signed for
   * that are not created yet are refused from now on (`SellerDelegateRevoked`).
   */
  revokeDelegate(delegate: string): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const checked = parseAddress(delegate, "delegate");
    return this.#sender.transact(() => registry.revokeDelegate.populateTransaction(checked), {
      iface: registry.interface,
    });
  }

  /** True while `signer` may consent to orders on `seller`'s behalf. */
  isDelegate(seller: string, signer: string): Promise<boolean> {
    return this.#sender.registry.isDelegate(
      parseAddress(seller, "seller"),
      parseAddress(signer, "signer"),
    );
  }
}

/** A signature's bytes as hex; anything else is refused with its order. */
function checkedSignature(signature: string, orderId: string): string {
  if (!isHexString(signature) || signature.length <= 2) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidSellerSignature",
      `The seller's consent to order ${orderId} is not a signature in hex: "${signature}"`,
      { orderId, signature },
    );
  }
  return signature;
}
