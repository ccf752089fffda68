/**
 * Decodes every revert of the TradeChain suite — the custom errors of SettlementToken,
 * TradeRegistry, TradeEscrow and TradeFxEscrow (with its desk), the OpenZeppelin errors they inherit, `Error(string)` and
 * `Panic(uint256)` — into a readable message with its arguments.
 *
 * `ERROR_MESSAGES` is keyed by error name and must cover every error fragment in the compiled ABIs
 * (a test walks the artifacts and fails on a missing entry).
 */
import {
  ErrorFragment,
  getAddress,
  id as keccakText,
  Interface,
  isHexString,
  type InterfaceAbi,
  type JsonFragment,
  type Result,
  ZeroHash,
} from "ethers";

import { SettlementToken__factory } from "./contracts/factories/token/SettlementToken__factory.js";
import { TradeRegistry__factory } from "./contracts/factories/registry/TradeRegistry__factory.js";
import { TradeEscrow__factory } from "./contracts/factories/escrow/TradeEscrow__factory.js";
import { TradeFxEscrow__factory } from "./contracts/factories/escrow/TradeFxEscrow__factory.js";
import { formatBps, formatDuration, formatTimestamp, formatUnitsGrouped } from "./format.js";
import { HS_CODE_DIGITS, formatJurisdiction, formatTariffCode } from "./ids.js";
import { LISTING_STATUSES, ORDER_STATUSES, REFUND_REASONS, RESOLUTIONS } from "./types.js";
import { type DecodedError, type DecodedErrorArgument, TradeChainError } from "./failure.js";

// ------------------------------------------------------------------------------ public types

/** How to display values inside messages; everything is optional. */
export interface DescribeContext {
  /** Formats an amount of the token involved (smallest units), e.g. from the order's token. */
  readonly formatAmount?: (units: bigint) => string;
  /** Names for known addresses, e.g. `{ "0xabc…": "buyer" }` (any letter case). */
  readonly labels?: Readonly<Record<string, string>>;
  /** The escrow function that was called, e.g. `confirmReceipt` (says what a status error needs). */
  readonly call?: string;
}

// ------------------------------------------------------------------------------ names of values

/** The value names of every enum in an error or event of the suite, by the enum's ABI name. */
export const ENUM_NAMES: Readonly<Record<string, readonly string[]>> = {
  ListingStatus: LISTING_STATUSES,
  Status: ORDER_STATUSES,
  RefundReason: REFUND_REASONS,
  Resolution: RESOLUTIONS,
};

const ROLE_NAMES: ReadonlyMap<string, string> = new Map(
  ["MASTER_MINTER_ROLE", "PAUSER_ROLE", "BLACKLISTER_ROLE", "RESCUER_ROLE", "REGISTRAR_ROLE"]
    .map((name): [string, string] => [keccakText(name), name])
    .concat([[ZeroHash, "DEFAULT_ADMIN_ROLE"]]),
);

/** The name of an AccessControl role id, or the id itself when unknown. */
export function roleName(role: string): string {
  return ROLE_NAMES.get(role.toLowerCase()) ?? role;
}

const PANIC_REASONS: Readonly<Record<number, string>> = {
  0x00: "generic compiler panic",
  0x01: "assertion failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division or modulo by zero",
  0x21: "invalid enum value",
  0x22: "invalid storage byte array",
  0x31: "pop on an empty array",
  0x32: "array index out of bounds",
  0x41: "out of memory",
  0x51: "call to an uninitialised function",
};

// ------------------------------------------------------------------------------ argument access

/** Typed, display-ready access to an error's arguments by name, used by the message table. */
export class ErrorArgs {
  readonly #fragment: ErrorFragment;
  readonly #values: Result;
  readonly #context: DescribeContext;

  constructor(fragment: ErrorFragment, values: Result, context: DescribeContext) {
    this.#fragment = fragment;
    this.#values = values;
    this.#context = context;
  }

  #raw(name: string): unknown {
    const index = this.#fragment.inputs.findIndex((input) => input.name === name);
    if (index < 0) throw new Error(`${this.#fragment.name} has no argument "${name}"`);
    return this.#values[index];
  }

  /** The escrow function that was called, when the context names it. */
  get call(): string | undefined {
    return this.#context.call;
  }

  /** An address, with its label when the context has one. */
  address(name: string): string {
    const value = getAddress(String(this.#raw(name)));
    const label = Object.entries(this.#context.labels ?? {}).find(
      ([address]) => address.toLowerCase() === value.toLowerCase(),
    )?.[1];
    return label === undefined ? value : `${label} (${value})`;
  }

  /** A token amount, formatted by the context or as grouped smallest units. */
  amount(name: string): string {
    const value = this.bigint(name);
    return this.#context.formatAmount?.(value) ?? `${formatUnitsGrouped(value, 0, 0)} units`;
  }

  /** An integer as a bigint. */
  bigint(name: string): bigint {
    return BigInt(this.#raw(name) as bigint | number);
  }

  /** An integer with thousands separators. */
  int(name: string): string {
    return formatUnitsGrouped(this.bigint(name), 0, 0);
  }

  /** A unix timestamp for people. */
  time(name: string): string {
    return formatTimestamp(this.bigint(name));
  }

  /** A duration in seconds for people. */
  duration(name: string): string {
    return formatDuration(this.bigint(name));
  }

  /** A bytes32 or bytes value as hex. */
  hex(name: string): string {
    return String(this.#raw(name));
  }

  /** An HS code or prefix as tariffs print it ("0902.30.00"), `digits` long (8 by default). */
  tariff(name: string, digits: number = HS_CODE_DIGITS): string {
    return formatTariffCode(this.bigint(name), digits);
  }

  /** A role id by its name. */
  role(name: string): string {
    return roleName(this.hex(name));
  }

  /**
   * The first of `names` the error has: one error of the registry and the escrow (same
   * signature, so one selector) may name its arguments differently in each.
   */
  named(...names: string[]): string {
    const found = names.find((name) => this.#fragment.inputs.some((input) => input.name === name));
    if (found === undefined)
      throw new Error(`${this.#fragment.name} has none of ${names.join(", ")}`);
    return found;
  }

  /**
   * A bit mask of order statuses (bit `1 << status` per status) as their names, e.g.
   * `Shipped or Cleared`.
   */
  statuses(name: string): string {
    const mask = this.bigint(name);
    const names = ORDER_STATUSES.filter((_, index) => (mask >> BigInt(index)) & 1n);
    if (names.length === 0) return "no status";
    return names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  }

  /** An enum value by its name (the enum is read from the ABI's internalType). */
  enumValue(name: string): string {
    const index = this.#fragment.inputs.findIndex((candidate) => candidate.name === name);
    return enumDisplay(ENUMS_BY_SELECTOR.get(this.#fragment.selector)?.[index], this.bigint(name));
  }

  /** A boolean as text. */
  bool(name: string): string {
    return String(this.#raw(name));
  }

  /** A string argument. */
  text(name: string): string {
    return String(this.#raw(name));
  }

  /** A basis-points value as a percentage, e.g. `1.25% (125 bps)`. */
  bps(name: string): string {
    const value = this.bigint(name);
    return `${formatBps(value)} (${value} bps)`;
  }

  /** A jurisdiction by its alpha-2 code, e.g. `country CN` (the number when no country has it). */
  country(name: string): string {
    return `country ${formatJurisdiction(this.bigint(name))}`;
  }
}

/** The enum name in an ABI `internalType` such as `enum ITradeEscrow.Status`, if it is one. */
export function enumTypeName(internalType: string | undefined): string | undefined {
  return /^enum (?:[\w$]+\.)?([\w$]+)$/.exec(internalType ?? "")?.[1];
}

function enumDisplay(enumName: string | undefined, value: bigint): string {
  const names = ENUM_NAMES[enumName ?? ""];
  return names?.[Number(value)] ?? value.toString();
}

// ------------------------------------------------------------------------------ message table

/** Builds the message of one error from its arguments. */
export type ErrorMessage = (args: ErrorArgs) => string;

/** One message per error name of the suite (custom errors and the OpenZeppelin ones inherited). */
export const ERROR_MESSAGES: Readonly<Record<string, ErrorMessage>> = {
  // -------------------------------------------------------------- OpenZeppelin access control
  AccessControlUnauthorizedAccount: (a) =>
    `${a.address("account")} does not have the role ${a.role("neededRole")}`,
  AccessControlBadConfirmation: () =>
    "An account can only renounce a role for itself (the confirmation address must be the caller)",
  AccessControlEnforcedDefaultAdminDelay: (a) =>
    `The default admin change is not allowed yet: it is scheduled for ${a.time("schedule")}`,
  AccessControlEnforcedDefaultAdminRules: () =>
    "The default admin role can only be transferred with the two-step, delayed admin transfer",
  AccessControlInvalidDefaultAdmin: (a) =>
    `${a.address("defaultAdmin")} cannot become the default admin (zero address or not the pending admin)`,

  // -------------------------------------------------------------- OpenZeppelin ERC-20 / utils
  ERC20InsufficientBalance: (a) =>
    `${a.address("sender")} has ${a.amount("balance")} but needs ${a.amount("needed")}`,
  ERC20InsufficientAllowance: (a) =>
    `Allowance of spender ${a.address("spender")} is ${a.amount("allowance")} but ${a.amount("needed")} is needed`,
  ERC20InvalidApprover: (a) => `Invalid approver ${a.address("approver")}`,
  ERC20InvalidReceiver: (a) => `Tokens cannot be sent to ${a.address("receiver")}`,
  ERC20InvalidSender: (a) => `Tokens cannot be sent from ${a.address("sender")}`,
  ERC20InvalidSpender: (a) => `Invalid spender ${a.address("spender")}`,
  InvalidAccountNonce: (a) =>
    `Nonce already used: ${a.address("account")}'s current nonce is ${a.int("currentNonce")}`,
  InvalidShortString: () => "The EIP-712 name or version is not a valid short string",
  StringTooLong: (a) => `String too long for a short string: "${a.text("str")}"`,
  SafeCastOverflowedUintDowncast: (a) =>
    `The value ${a.int("value")} does not fit in ${a.int("bits")} bits`,
  SafeERC20FailedOperation: (a) => `The token ${a.address("token")} refused the transfer`,
  ReentrancyGuardReentrantCall: () => "Re-entrant call refused",
  EnforcedPause: () => "The contract is paused",
  ExpectedPause: () => "The contract is not paused",
  AddressEmptyCode: (a) => `${a.address("target")} has no contract code`,
  FailedCall: () => "A call to another contract failed without a reason",
  ECDSAInvalidSignature: () => "The signature is invalid",
  ECDSAInvalidSignatureLength: (a) => `The signature has ${a.int("length")} bytes, not 65`,
  ECDSAInvalidSignatureS: (a) => `The signature's s value ${a.hex("s")} is in the upper half`,

  // -------------------------------------------------------------- SettlementToken
  TokenPaused: () =>
    "The settlement token is paused: no transfers, mints, burns or signed transfers",
  AccountBlacklisted: (a) => `${a.address("account")} is blacklisted by the settlement token`,
  CallerNotMinter: (a) => `${a.address("caller")} is not a minter of the settlement token`,
  MinterAllowanceExceeded: (a) =>
    `Minter ${a.address("minter")} may still mint ${a.amount("allowance")} but tried ${a.amount("amount")}`,
  MinterAllowanceTooLarge: (a) =>
    `Minter allowance ${a.amount("allowance")} is above the maximum ${a.amount("max")}`,
  SupplyCapExceeded: (a) =>
    `Minting ${a.amount("amount")} on a supply of ${a.amount("totalSupply")} passes the cap ${a.amount("cap")}`,
  PermitExpired: (a) =>
    `The permit expired at ${a.time("deadline")} (submitted at ${a.time("timestamp")})`,
  InvalidSignature: (a) =>
    `The signature was not made by ${a.address("signer")} (EIP-712 digest ${a.hex("digest")})`,
  AuthorizationNotYetValid: (a) =>
    `The authorization is valid only after ${a.time("validAfter")} (submitted at ${a.time("timestamp")})`,
  AuthorizationExpired: (a) =>
    `The authorization expired at ${a.time("validBefore")} (submitted at ${a.time("timestamp")})`,
  AuthorizationAlreadyUsed: (a) =>
    `Authorization ${a.hex("nonce")} of ${a.address("authorizer")} was already used or cancelled`,
  CallerNotPayee: (a) =>
    `Only the payee ${a.address("payee")} may submit this authorization, not ${a.address("caller")}`,

  // -------------------------------------------------------------- TradeRegistry
  // Errors the escrow shares with the registry (the same signature, so one selector: the
  // registry's checks of a new order revert through the escrow) have one entry, here.
  ZeroAddress: () => "An address argument is the zero address",
  InvalidJurisdiction: (a) =>
    `${a.int("jurisdiction")} is not an ISO-3166-1 numeric country code (1-999)`,
  InvalidRoles: (a) => `Role mask ${a.int("roles")} is empty or has bits of no known role`,
  ZeroIdentityHash: (a) => `No identity documents hash given for ${a.address("account")}`,
  ParticipantAlreadyRegistered: (a) =>
    `${a.address("account")} is already a registered participant`,
  ParticipantNotRegistered: (a) => `${a.address("account")} is not a registered participant`,
  ParticipantAlreadySuspended: (a) => `${a.address("account")} is already suspended`,
  ParticipantNotSuspended: (a) => `${a.address("account")} is not suspended`,
  ZeroProductId: () => "The product id is zero",
  ZeroMetadataHash: (a) => `No metadata hash given for product ${a.hex("productId")}`,
  InvalidHsCode: (a) =>
    `HS code ${a.tariff("hsCode")} is not an 8-digit tariff code of chapter 01-99 (0100.00.00-9999.99.99)`,
  SellerNotActive: (a) =>
    `${a.address(a.named("seller", "account"))} is not an active registered seller`,
  ProductAlreadyRegistered: (a) =>
    `Product ${a.hex("productId")} is already registered by ${a.address("owner")}`,
  ProductNotRegistered: (a) => `Product ${a.hex("productId")} is not registered`,
  CallerNotProductOwner: (a) =>
    `${a.address("caller")} does not own product ${a.hex("productId")} (owner: ${a.address("owner")})`,
  CustomsAuthorityUnchanged: (a) =>
    `${a.address("authority")} is already ${a.bool("enabled") === "true" ? "a" : "not a"} customs authority of ${a.country("jurisdiction")}`,
  CallerNotCustomsAuthority: (a) =>
    `${a.address("caller")} is not a customs authority of ${a.country(a.named("destination", "jurisdiction"))}`,
  ExpiryNotInFuture: (a) =>
    `The listing of ${a.hex("productId")} expires at ${a.time("expiresAt")}, not after now (${a.time("currentTime")})`,
  ExpiryOnUnlisted: (a) =>
    `An Unlisted entry cannot expire (product ${a.hex("productId")}, expiry ${a.time("expiresAt")})`,
  InvalidTariffLevel: (a) => `A tariff listing is at 2, 4, 6 or 8 digits, not ${a.int("digits")}`,
  InvalidTariffCode: (a) =>
    `${a.int("code")} is not a ${a.int("digits")}-digit HS prefix of chapter 01-99`,
  TariffExpiryNotInFuture: (a) =>
    `The listing of HS ${a.tariff("code", Number(a.bigint("digits")))} expires at ${a.time("expiresAt")}, not after now (${a.time("currentTime")})`,
  TariffExpiryOnUnlisted: (a) =>
    `An Unlisted entry cannot expire (HS ${a.tariff("code", Number(a.bigint("digits")))}, expiry ${a.time("expiresAt")})`,
  LengthMismatch: (a) =>
    `Batch arrays differ in length: expected ${a.int("expected")}, got ${a.int("actual")}`,
  EmptyBatch: () => "The batch has no entries",
  UnlistedNotEnumerable: (a) =>
    `The Unlisted status of ${a.country("jurisdiction")} cannot be enumerated; ask for Positive or Negative`,
  CallerNotEscrow: (a) =>
    `${a.address("caller")} is not the escrow allowed to record complaints and check new orders`,
  DelegateAlreadySet: (a) =>
    `${a.address("delegate")} already consents to orders on behalf of the seller ${a.address("seller")}`,
  DelegateNotSet: (a) =>
    `${a.address("delegate")} is not a delegate of the seller ${a.address("seller")}`,
  ClassificationUnchanged: (a) =>
    `Product ${a.hex("productId")} is already classified ${a.tariff("hsCode")} in ${a.country("jurisdiction")}`,
  // The registry checks a cross-currency order's FX quote (the errors are ITradeFxEscrow's).
  FxProviderNotActive: (a) =>
    `${a.address("provider")} is not an active registered FX provider (unregistered, suspended or without the role)`,
  FxQuoteSignatureInvalid: (a) =>
    `The quote for order ${a.hex("orderId")} is not signed by its FX provider ${a.address("provider")} (or is a signature of another quote, escrow or chain)`,

  // -------------------------------------------------------------- TradeFxEscrow and its desk
  FxQuoteForOtherOrder: (a) =>
    `The quote is for order ${a.hex("quoted")}, not for order ${a.hex("orderId")}: quotes cannot be reused`,
  FxQuoteTermsMismatch: (a) =>
    `The quote for order ${a.hex("orderId")} prices ${a.int("payAmount")} units of ${a.address("payToken")}, not the order's pay leg`,
  FxQuoteExpired: (a) =>
    `The quote for order ${a.hex("orderId")} expired at ${a.time("expiry")} (now ${a.time("now_")})`,
  FxSameCurrency: (a) =>
    `Both legs would be in ${a.address("token")}: a cross-currency order needs two currencies`,
  FxProviderIsParty: (a) =>
    `The FX provider ${a.address("provider")} is the order's buyer or seller`,
  FxExposureOverCap: (a) =>
    `The order would take FX provider ${a.address("provider")}'s open exposure in this pair to ${a.int("exposure")}, over its cap of ${a.int("cap")} (no cap set: zero)`,
  FxFeedStale: (a) =>
    `The pair's reference feed ${a.address("feed")} last answered at ${a.time("updatedAt")}, older than its ${a.duration("maxAge")} limit`,
  FxFeedInvalid: (a) =>
    `The pair's reference feed ${a.address("feed")} gives no usable rate (answer ${a.text("answer")})`,
  FxRateDeviates: (a) =>
    `The quote for order ${a.hex("orderId")} pays out ${a.int("quoted")} units where the reference feed gives ${a.int("referenceAmount")}: more than ${a.bps("maxDeviationBps")} apart`,
  FxFeedNotSet: (a) =>
    `No reference feed is set for ${a.address("payToken")} → ${a.address("payoutToken")}`,
  FxFeedSettingInvalid: (a) =>
    `A feed needs a maximum age above zero and a deviation of at most 100% (got ${a.duration("maxAge")}, ${a.bps("maxDeviationBps")})`,
  FxCallerNotAdmin: (a) =>
    `${a.address("caller")} is not the settings escrow's default admin, who sets FX caps and feeds`,

  // -------------------------------------------------------------- TradeEscrow: creating orders
  ProductNegativeListed: (a) =>
    `Product ${a.hex("productId")} is on the negative list of the destination ${a.country("destination")}`,
  TokenNotAllowed: (a) => `The token ${a.address("token")} is not allowed by the escrow`,
  InvalidAmount: (a) => `The order amount ${a.amount("amount")} is zero or too large`,
  ShipByNotInFuture: (a) =>
    `The ship-by time ${a.time("shipBy")} is not after now (${a.time("currentTime")})`,
  ConfirmWindowOutOfRange: (a) =>
    `The confirmation window ${a.duration("confirmWindow")} is outside ${a.duration("min")} to ${a.duration("max")}`,
  FeeNotCurrent: (a) =>
    `The order's fee ${a.bps("feeBps")} is not the escrow's current fee ${a.bps("currentFeeBps")}`,
  ArbiterNotRegistered: (a) =>
    `${a.address("arbiter")} is neither an active registered arbiter nor the default arbiter`,
  ArbiterIsParty: (a) =>
    `The arbiter ${a.address("arbiter")} is the buyer or the seller of the order`,
  ArbiterSuspended: (a) =>
    `${a.address("arbiter")} is suspended in the registry: a new order cannot name it, and it cannot rule order ${a.hex("orderId")} (its dispute closes by settlement or, after the arbitration period, as an even split)`,
  ArbiterNotActive: (a) =>
    `${a.address("arbiter")} is no longer an active registered arbiter (suspended or stripped of the role) and cannot rule order ${a.hex("orderId")}; the dispute closes by settlement or, after the arbitration period, as an even split`,
  BuyerIsSeller: (a) => `${a.address("account")} cannot be both buyer and seller`,
  OrderAlreadyExists: (a) =>
    `Order ${a.hex("orderId")} already exists (same terms; change the ref)`,
  NewOrdersArePaused: () => "New orders are paused; open orders continue normally",
  TransferAmountMismatch: (a) =>
    `The token ${a.address("token")} delivered ${a.amount("received")} instead of ${a.amount("expected")}`,
  SellerSignatureMissing: (a) =>
    `Order ${a.hex("orderId")} carries no consent of the seller ${a.address("seller")}: every new order needs the seller's (or its delegate's) signature over sellerConsentDigest(orderId)`,
  SellerSignatureInvalid: (a) =>
    a.bigint("signer") === 0n
      ? `The consent to order ${a.hex("orderId")} is not a valid signature of the seller ${a.address("seller")}`
      : `The consent to order ${a.hex("orderId")} was signed by ${a.address("signer")}, neither the seller ${a.address("seller")} nor its delegate (or it is a signature of other terms, escrow or chain)`,
  SellerDelegateRevoked: (a) =>
    `The consent to order ${a.hex("orderId")} was signed by ${a.address("delegate")}, whose right to consent for the seller ${a.address("seller")} was revoked`,
  InsufficientAllowance: (a) =>
    `The buyer ${a.address("buyer")} allowed the escrow ${a.amount("allowance")} of ${a.address("token")}, but the order needs ${a.amount("amount")}`,

  // -------------------------------------------------------------- TradeEscrow: order calls
  UnexpectedStatus: (a) =>
    `Order ${a.hex("orderId")} is ${a.enumValue("status")}, which does not allow this call: ` +
    `${a.call ?? "it"} needs ${a.statuses("needed")}`,
  CallerNotBuyer: (a) => `${a.address("caller")} is not the buyer of order ${a.hex("orderId")}`,
  CallerNotSeller: (a) => `${a.address("caller")} is not the seller of order ${a.hex("orderId")}`,
  CallerNotParty: (a) =>
    `${a.address("caller")} is neither buyer nor seller of order ${a.hex("orderId")}`,
  CallerNotPartyOrArbiter: (a) =>
    `${a.address("caller")} is not the buyer, seller or arbiter of order ${a.hex("orderId")}`,
  CallerNotArbiter: (a) => `${a.address("caller")} is not the arbiter of order ${a.hex("orderId")}`,
  CallerNotLogistics: (a) =>
    `${a.address("caller")} is not an active registered logistics provider`,
  ShipByPassed: (a) =>
    `Order ${a.hex("orderId")} had to ship by ${a.time("shipBy")}; it is now ${a.time("currentTime")}`,
  ShipByNotPassed: (a) =>
    `Order ${a.hex("orderId")} may still ship until ${a.time("shipBy")} (now ${a.time("currentTime")})`,
  ConfirmWindowNotElapsed: (a) =>
    `Order ${a.hex("orderId")} can be released from ${a.time("releasableAt")} (now ${a.time("currentTime")})`,
  ArbitrationPeriodNotElapsed: (a) =>
    `The dispute of order ${a.hex("orderId")} becomes stale at ${a.time("staleAt")} (now ${a.time("currentTime")})`,
  ArbitrationPeriodElapsed: (a) =>
    `The arbitration period of order ${a.hex("orderId")} ended at ${a.time("staleAt")} (now ${a.time("currentTime")})`,
  InvalidRefundAmount: (a) =>
    `Refund of ${a.amount("amount")} on order ${a.hex("orderId")} is zero or more than the ${a.amount("remaining")} that remains`,
  BuyerTotalExceedsAmount: (a) =>
    `The buyer's total ${a.amount("buyerTotal")} on order ${a.hex("orderId")} is more than the order's amount ${a.amount("amount")}`,
  SettlementNotProposed: (a) =>
    `The other party has not proposed a buyer's total of ${a.amount("buyerAmount")} on order ${a.hex("orderId")} (accepter ${a.address("accepter")})`,
  DisputeWindowClosed: (a) =>
    `The buyer's dispute window of order ${a.hex("orderId")} closed at ${a.time("closedAt")} (now ${a.time("currentTime")}); the payout is the seller's, release it`,
  CustomsPeriodNotElapsed: (a) =>
    `Order ${a.hex("orderId")} awaits the destination's customs; it can be disputed from ${a.time("disputableAt")} (now ${a.time("currentTime")})`,
  OrderNotShipped: (a) =>
    `Order ${a.hex("orderId")} never shipped; only the buyer of a shipped order may complain`,
  ComplaintAlreadyFiled: (a) => `A complaint was already filed for order ${a.hex("orderId")}`,
  NothingToWithdraw: (a) =>
    `${a.address("account")} has nothing to withdraw in ${a.address("token")}`,
  WithdrawalFailed: (a) =>
    `The token ${a.address("token")} still refuses to pay ${a.amount("amount")} to ${a.address("account")}; it stays claimable`,
  NoFeesAccrued: (a) => `No fees have accrued in ${a.address("token")} since the last collection`,
  FeeTooHigh: (a) => `The fee ${a.bps("feeBps")} is above the cap ${a.bps("maxFeeBps")}`,
};

// ------------------------------------------------------------------------------ decoding

/** The ABIs whose errors the SDK decodes. */
export const SUITE_ABIS: Readonly<Record<string, InterfaceAbi>> = {
  SettlementToken: SettlementToken__factory.abi,
  TradeRegistry: TradeRegistry__factory.abi,
  TradeEscrow: TradeEscrow__factory.abi,
  TradeFxEscrow: TradeFxEscrow__factory.abi,
};

// One walk over the raw ABI JSON: ethers' ParamType drops `internalType`, so the enum names of
// each error's parameters are read here, next to the error's fragment.
const ERRORS_BY_SELECTOR = new Map<string, ErrorFragment>();
const ENUMS_BY_SELECTOR = new Map<string, readonly (string | undefined)[]>();
for (const abi of Object.values(SUITE_ABIS)) {
  for (const item of abi as readonly AbiItem[]) {
    if (item.type !== "error") continue;
    const fragment = ErrorFragment.from(item as JsonFragment);
    ERRORS_BY_SELECTOR.set(fragment.selector, fragment);
    ENUMS_BY_SELECTOR.set(
      fragment.selector,
      (item.inputs ?? []).map((input) => enumTypeName(input.internalType)),
    );
  }
}

interface AbiItem {
  readonly type: string;
  readonly name?: string;
  readonly inputs?: readonly { readonly internalType?: string; readonly type: string }[];
}

const BUILTIN = new Interface(["error Error(string reason)", "error Panic(uint256 code)"]);

/** Every error fragment of the suite, by selector (for tooling and the completeness test). */
export function suiteErrorFragments(): readonly ErrorFragment[] {
  return [...ERRORS_BY_SELECTOR.values()];
}

/**
 * Finds revert data in whatever ethers, Hardhat or a JSON-RPC node threw: the error itself may be
 * the data, or it sits in `data`, `error.data`, `info.error.data`, `cause`... at some depth.
 */
export function revertDataOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (typeof value === "string")
      return isHexString(value) && value.length >= 10 ? value : undefined;
    if (value === null || typeof value !== "object" || depth > 6 || seen.has(value))
      return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ["data", "error", "info", "cause", "returnData"]) {
      if (!(key in record)) continue;
      const found = visit(record[key], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(err, 0);
}

function decodeArgs(fragment: ErrorFragment, values: Result): DecodedErrorArgument[] {
  const enums = ENUMS_BY_SELECTOR.get(fragment.selector) ?? [];
  return fragment.inputs.map((input, index) => {
    const raw: unknown = values[index];
    const value = typeof raw === "bigint" || typeof raw === "boolean" ? raw : String(raw as string);
    let display = String(value);
    if (enums[index] !== undefined) display = enumDisplay(enums[index], BigInt(value as bigint));
    else if (input.type === "address") display = getAddress(String(value));
    else if (input.type === "bytes32" && /role/i.test(input.name))
      display = roleName(String(value));
    return { name: input.name, type: input.type, value, display };
  });
}

/**
 * Decodes revert data (hex) or a thrown error into `{ name, args, message }`; undefined when the
 * error carries no revert data (e.g. a network failure or a nonce problem). A
 * {@link TradeChainError} gives the decoding it was made with (amounts already formatted).
 */
export function decodeError(err: unknown, context: DescribeContext = {}): DecodedError | undefined {
  // A TradeChainError was decoded with the client's context (formatted amounts, labels, call).
  if (err instanceof TradeChainError) return err.decoded;
  const data = revertDataOf(err);
  return data === undefined ? undefined : decodeRevertData(data, context);
}

function decodeRevertData(data: string, context: DescribeContext): DecodedError {
  const selector = data.slice(0, 10).toLowerCase();
  const fragment = ERRORS_BY_SELECTOR.get(selector) ?? BUILTIN.getError(selector) ?? undefined;
  if (fragment === undefined) {
    return {
      name: "UnknownError",
      signature: selector,
      selector,
      args: [],
      message: `Unknown revert ${selector} (data ${data})`,
    };
  }
  let values: Result;
  try {
    values = new Interface([fragment]).decodeErrorResult(fragment, data);
  } catch {
    return {
      name: fragment.name,
      signature: fragment.format("sighash"),
      selector,
      args: [],
      message: `${fragment.name} with undecodable arguments (data ${data})`,
    };
  }
  const args = decodeArgs(fragment, values);
  let message: string;
  if (fragment.name === "Error" && fragment.inputs.length === 1) {
    message = `Reverted: ${String(values[0])}`;
  } else if (fragment.name === "Panic" && fragment.inputs.length === 1) {
    const code = Number(values[0]);
    message = `Panic 0x${code.toString(16)}: ${PANIC_REASONS[code] ?? "unknown panic code"}`;
  } else {
    const describe = ERROR_MESSAGES[fragment.name];
    message =
      describe === undefined
        ? `${fragment.name}(${args.map((arg) => `${arg.name}: ${arg.display}`).join(", ")})`
        : describe(new ErrorArgs(fragment, values, context));
  }
  return { name: fragment.name, signature: fragment.format("sighash"), selector, args, message };
}

/** A one-line description of any thrown error: the decoded revert, or the error's own message. */
export function describeError(err: unknown, context: DescribeContext = {}): string {
  const decoded = decodeError(err, context);
  if (decoded !== undefined) return `${decoded.name}: ${decoded.message}`;
  if (err instanceof Error) {
    const short = (err as Error & { shortMessage?: unknown }).shortMessage;
    return typeof short === "string" ? short : err.message;
  }
  return String(err);
}

/** Rethrows `err` as a {@link TradeChainError} when it carries a revert of the suite. */
export function toTradeChainError(err: unknown, context: DescribeContext = {}): unknown {
  if (err instanceof TradeChainError) return err;
  const data = revertDataOf(err);
  return data === undefined ? err : new TradeChainError(decodeRevertData(data, context), data, err);
}
