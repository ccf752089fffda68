/**
 * `TradeChainClient`: drives TradeChain orders through ethers and the TypeChain bindings.
 *
 * Callers pass order ids, not structs: the client keeps the terms of the orders it created and
 * rebuilds any other order's terms from its `OrderCreated` event. Every revert comes back as a
 * {@link TradeChainError} whose message is decoded, with amounts in the order's currency.
 *
 * The client is a composition: each operation is written once, in the facet that owns it, and
 * the client lends it under the same name (the {@link LENT} table). The facets share one
 * {@link Sender} (the bindings, the caches and the one path every transaction takes): tokens
 * (`facets/tokens.ts`), the registry (`facets/registry.ts`), the escrow's writes
 * (`facets/orders.ts`) and its reads (`facets/escrow-reads.ts`), cross-currency quotes and orders
 * (`facets/fx.ts`) and the FX desk's caps and feeds (`facets/fx-desk.ts`). Each order's steps and
 * reads go to the escrow it lives on: the deployment's, or its cross-currency escrow.
 */
import type { Provider, Signer } from "ethers";

import type { SettlementToken } from "./contracts/token/SettlementToken.js";
import type { TradeEscrow } from "./contracts/escrow/TradeEscrow.js";
import type { TradeFxEscrow } from "./contracts/escrow/TradeFxEscrow.js";
import type { TradeRegistry } from "./contracts/registry/TradeRegistry.js";
import { parseAddress } from "./address.js";
import type { IgnitionDeployment } from "./deployment.js";
import { toTradeChainError } from "./errors.js";
import { ConsentFacet } from "./facets/consent.js";
import { EscrowReadsFacet } from "./facets/escrow-reads.js";
import { FxFacet } from "./facets/fx.js";
import { FxDeskFacet } from "./facets/fx-desk.js";
import { OrderListFacet } from "./facets/order-list.js";
import { OrderWatchFacet } from "./facets/order-watch.js";
import { OrdersFacet } from "./facets/orders.js";
import { RegistryFacet } from "./facets/registry.js";
import { TokensFacet } from "./facets/tokens.js";
import { classifyFailure } from "./failure.js";
import { Sender } from "./sender.js";
import { newSharedState, type TradeChainClientOptions } from "./shared.js";
import type { TradeChainAddresses } from "./types.js";

export { computeOrderId, feeOf, toBytes32 } from "./encoding.js";
export {
  type BatchItem,
  type BatchResult,
  DEFAULT_CONFIRM_WINDOW,
  DEFAULT_SHIP_WITHIN,
  DEFAULT_SIGNATURE_VALIDITY,
} from "./facets/orders.js";
export { DEFAULT_PAGE_SIZE, type RolesInput } from "./facets/registry.js";
export {
  type CreatedFxOrder,
  DEFAULT_QUOTE_VALIDITY,
  type FxLeg,
  type FxPayout,
  type FxQuoteOptions,
  type SignedFxQuote,
} from "./facets/fx.js";
export type { FxFeed, FxFeedSetting, FxLimit } from "./facets/fx-desk.js";
export type { OrderRef } from "./facets/consent.js";
export type { EscrowOption } from "./facets/escrow-reads.js";
export {
  type AccountOrder,
  DEFAULT_ORDERS_PAGE,
  MAX_ORDERS_PAGE,
  type OrderRole,
  type OrdersOfOptions,
  type OrdersPage,
} from "./facets/order-list.js";
export {
  DEFAULT_WATCH_RANGE,
  type OrderWatchFilter,
  type Unsubscribe,
  type WatchOrdersOptions,
} from "./facets/order-watch.js";
export type { TradeChainClientOptions } from "./shared.js";

/** The parts a client is composed of. */
interface Facets {
  readonly sender: Sender;
  readonly tokens: TokensFacet;
  readonly registry: RegistryFacet;
  readonly orders: OrdersFacet;
  readonly reads: EscrowReadsFacet;
  readonly consent: ConsentFacet;
  readonly list: OrderListFacet;
  readonly watch: OrderWatchFacet;
  readonly fx: FxFacet;
  readonly desk: FxDeskFacet;
}

/** The operations each part lends the client, by name. */
const LENT = {
  sender: [
    "chainId",
    "now",
    "token",
    "tokenAddress",
    "tokenInfo",
    "execute",
    "sendTransaction",
    "errorContext",
  ],
  tokens: ["formatAmount", "balanceOf", "approveEscrow", "configureMinter", "mint"],
  registry: [
    "participantOf",
    "isActive",
    "registerParticipant",
    "setCustomsAuthority",
    "registerProduct",
    "productOf",
    "reclassifyProduct",
    "setTariffListing",
    "setTariffListings",
    "tariffListingOf",
    "listedTariffCodes",
    "clearanceDecisionOf",
    "setListing",
    "clearanceOf",
    "listingOf",
    "listedProducts",
    "allListedProducts",
    "customsRequired",
    "isCustomsAuthority",
    "bindClassification",
    "classificationOf",
    "complaintsOf",
  ],
  orders: [
    "prepareOrder",
    "createOrder",
    "signPermit",
    "signFundingAuthorization",
    "submitFundingAuthorization",
    "ship",
    "recordMilestone",
    "clearCustoms",
    "rejectAtCustoms",
    "confirmReceipt",
    "releaseAfterTimeout",
    "cancel",
    "reject",
    "refundUnshipped",
    "refund",
    "openDispute",
    "submitEvidence",
    "proposeSettlement",
    "acceptSettlement",
    "resolveDispute",
    "closeStaleDispute",
    "fileComplaint",
    "createMany",
    "shipMany",
    "clearCustomsMany",
    "confirmMany",
    "releaseMany",
    "collectFees",
    "withdraw",
  ],
  reads: [
    "orderIdOf",
    "rememberTerms",
    "termsOf",
    "orderState",
    "settlementOf",
    "creditOf",
    "creditIn",
    "claimable",
    "orderTimeline",
    "accruedFees",
    "nextAction",
  ],
  consent: [
    "sellerConsentDigest",
    "signSellerConsent",
    "signFxSellerConsent",
    "setDelegate",
    "revokeDelegate",
    "isDelegate",
  ],
  list: ["ordersOf"],
  watch: ["watchOrders"],
  fx: [
    "fxOrderIdOf",
    "quoteFx",
    "approveFxEscrow",
    "depositFx",
    "fxBalanceOf",
    "withdrawFx",
    "fxAccruedFees",
    "collectFxFees",
    "createFxOrder",
    "signFxFundingAuthorization",
    "submitFxFundingAuthorization",
    "fxLegOf",
  ],
  desk: ["fxLimitOf", "fxFeedOf", "fxReferencePayout", "setFxLimit", "setFxFeed"],
} as const satisfies { readonly [F in keyof Facets]: readonly (keyof Facets[F])[] };

/** The operations part `F` lends, with their signatures and documentation. */
type Lent<F extends keyof Facets> = Pick<
  Facets[F],
  Extract<(typeof LENT)[F][number], keyof Facets[F]>
>;

/**
 * A typed client of one TradeChain deployment, acting as one signer (or read-only). Besides the
 * members below it has every operation of its facets (see {@link LENT}), documented there.
 */
export interface TradeChainClient
  extends
    Lent<"sender">,
    Lent<"tokens">,
    Lent<"registry">,
    Lent<"orders">,
    Lent<"reads">,
    Lent<"consent">,
    Lent<"list">,
    Lent<"watch">,
    Lent<"fx">,
    Lent<"desk"> {}

/** A typed client of one TradeChain deployment, acting as one signer (or read-only). */
export class TradeChainClient {
  /** The deployment's addresses. */
  readonly addresses: TradeChainAddresses;
  /** The signer or provider the client acts through. */
  readonly runner: Signer | Provider;
  /** TypeChain binding of the escrow, connected to the runner. */
  readonly escrow: TradeEscrow;
  /** TypeChain binding of the cross-currency escrow, when the deployment has one. */
  readonly fxEscrow: TradeFxEscrow | undefined;
  /** TypeChain binding of the registry, connected to the runner. */
  readonly registry: TradeRegistry;
  /** TypeChain bindings of the settlement tokens by currency code. */
  readonly tokens: Readonly<Record<string, SettlementToken>>;
  #facets!: Facets;

  static {
    // Each lent operation is a method of the prototype that calls the same method of its part;
    // whatever it throws leaves the client as a TradeChainError (see `asTradeChainError`).
    for (const part of Object.keys(LENT) as (keyof Facets)[]) {
      for (const name of LENT[part]) {
        const lent = function (this: TradeChainClient, ...args: unknown[]): unknown {
          const facet = this.#facets[part] as unknown as Record<
            string,
            (...a: unknown[]) => unknown
          >;
          let result: unknown;
          try {
            result = facet[name](...args);
          } catch (err) {
            throw asTradeChainError(err);
          }
          return result instanceof Promise
            ? result.catch((err: unknown) => {
                throw asTradeChainError(err);
              })
            : result;
        };
        Object.defineProperty(lent, "name", { value: name });
        Object.defineProperty(TradeChainClient.prototype, name, {
          value: lent,
          writable: true,
          configurable: true,
        });
      }
    }
  }

  constructor(
    runner: Signer | Provider,
    addresses: TradeChainAddresses,
    options: TradeChainClientOptions = {},
  ) {
    this.runner = runner;
    this.addresses = checkedAddresses(addresses);
    const sender = this.#compose(new Sender(runner, this.addresses, newSharedState(options)));
    this.escrow = sender.escrow;
    this.fxEscrow = sender.fxEscrow;
    this.registry = sender.registry;
    this.tokens = sender.tokens;
  }

  /** Builds the facets over `sender`; `connect` recomposes a new client to share caches. */
  #compose(sender: Sender): Sender {
    const tokens = new TokensFacet(sender);
    const reads = new EscrowReadsFacet(sender);
    const consent = new ConsentFacet(sender, reads);
    const orders = new OrdersFacet(sender, tokens, reads, consent);
    this.#facets = {
      sender,
      tokens,
      registry: new RegistryFacet(sender),
      orders,
      reads,
      consent,
      list: new OrderListFacet(sender),
      watch: new OrderWatchFacet(sender),
      fx: new FxFacet(sender, tokens, reads, consent, orders),
      desk: new FxDeskFacet(sender),
    };
    return sender;
  }

  /**
   * A client of a deployment read from Ignition's files (`deploymentFromIgnition`, or in Node
   * `fromIgnition` of `@tradechain/sdk/node`, which finds the folder by chain id); event scans
   * start at the escrow's deployment block.
   */
  static fromDeployment(
    runner: Signer | Provider,
    deployment: Pick<IgnitionDeployment, "addresses" | "deploymentBlock">,
    options: TradeChainClientOptions = {},
  ): TradeChainClient {
    return new TradeChainClient(runner, deployment.addresses, {
      ...options,
      fromBlock: options.fromBlock ?? deployment.deploymentBlock ?? 0,
    });
  }

  /** The same deployment acting as another signer; order terms and caches are shared. */
  connect(runner: Signer | Provider): TradeChainClient {
    const client = new TradeChainClient(runner, this.addresses);
    client.#compose(new Sender(runner, this.addresses, this.#facets.sender.shared));
    return client;
  }

  /** The signer; throws for a read-only client. */
  get signer(): Signer {
    return this.#facets.sender.signer;
  }

  /** The provider behind the runner. */
  get provider(): Provider {
    return this.#facets.sender.provider;
  }

  /** Names an address in error messages (e.g. `label(buyer, "buyer")`). */
  label(address: string, name: string): this {
    this.#facets.sender.label(address, name);
    return this;
  }
}

/**
 * What a client's operation throws, as a {@link TradeChainError}: reverts of the suite decoded
 * (when the facet did not already, with its amounts and labels), the failures of ethers, the
 * node, the wallet and the connection by kind (`NETWORK`, `REJECTED`, `INVALID_ARGUMENT`…).
 * Anything else is a bug and is rethrown as is.
 */
function asTradeChainError(err: unknown): unknown {
  const decoded = toTradeChainError(err);
  return classifyFailure(decoded) ?? decoded;
}

/** The deployment's addresses checksummed; a malformed one is refused with its name. */
function checkedAddresses(addresses: TradeChainAddresses): TradeChainAddresses {
  return {
    escrow: parseAddress(addresses.escrow, "addresses.escrow"),
    registry: parseAddress(addresses.registry, "addresses.registry"),
    tokens: Object.fromEntries(
      Object.entries(addresses.tokens).map(([currency, address]) => [
        currency,
        parseAddress(address, `addresses.tokens.${currency}`),
      ]),
    ),
    ...(addresses.fxEscrow === undefined
      ? {}
      : { fxEscrow: parseAddress(addresses.fxEscrow, "addresses.fxEscrow") }),
  };
}
