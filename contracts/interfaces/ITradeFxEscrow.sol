// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "./ITradeEscrow.sol";

/// @title ITradeFxEscrow
/// @author TradeChain
/// @notice Cross-currency orders: the buyer pays in its currency (the pay leg, `terms.token` and
///         `terms.amount`), the seller is paid in its own (the payout leg), at a rate an FX
///         provider quoted for this one order. The escrow holds both legs until the order closes,
///         then splits both in the same proportion, so nobody carries exchange-rate risk while the
///         goods travel and refunds come back in the buyer's own currency. Everything else
///         (customs, windows, disputes, consent, fees, credit, complaints) is `ITradeEscrow`'s.
/// @dev Split rule. With pay leg A, payout leg P and the buyer's total R (refunds and rulings, in
///      the pay currency): the buyer has R of its leg back and the provider the rest (A - R); the
///      provider has floor(R * P / A) of its payout leg back and the seller's gross part is the rest
///      (P - floor(R * P / A)), minus the fee (charged in the payout currency, rounded down). Each
///      step pays the difference of these totals, so no base unit is created or lost; the rounding
///      favours the seller by less than one base unit of the payout currency.
interface ITradeFxEscrow is ITradeEscrow {
    // Field order is the EIP-712 type's; amounts in events are data, parties and tokens are topics.
    // solhint-disable gas-struct-packing, gas-indexed-events
    /// @notice An FX provider's quote for one order, signed as EIP-712 typed data
    ///         `FxQuote(address escrow, ...)` naming this escrow, under the registry's domain
    ///         (chain id, registry): it cannot be replayed on another order, escrow or chain.
    /// @param provider The FX provider (registered with the FX provider role); funds the payout leg.
    /// @param payToken The buyer's currency (the order's `terms.token`).
    /// @param payAmount What the buyer pays (the order's `terms.amount`).
    /// @param payoutToken The seller's currency.
    /// @param payoutAmount What the seller is paid before the fee.
    /// @param orderId The order the quote is for (`orderIdOf(terms)`).
    /// @param expiry Last second the quote may fund an order.
    struct FxQuote {
        address provider;
        address payToken;
        uint256 payAmount;
        address payoutToken;
        uint256 payoutAmount;
        bytes32 orderId;
        uint64 expiry;
    }

    /// @notice Emitted after `OrderCreated` for a cross-currency order.
    /// @param orderId The order.
    /// @param provider The FX provider that funded the payout leg.
    /// @param payoutToken The seller's currency.
    /// @param payoutAmount The payout leg.
    event FxOrderCreated(
        bytes32 indexed orderId,
        address indexed provider,
        address indexed payoutToken,
        uint256 payoutAmount
    );

    /// @notice Emitted at every step that moves a cross-currency order's money (a close or a
    ///         partial refund), with both legs' parts; amounts a token refused are claimable.
    /// @param orderId The order.
    /// @param toBuyer Pay currency to the buyer.
    /// @param toProviderInPay Pay currency to the provider (its share of the buyer's leg).
    /// @param toSeller Payout currency to the seller, after the fee.
    /// @param toProviderInPayout Payout currency back to the provider.
    /// @param fee Payout currency to the platform.
    event FxLegsSplit(
        bytes32 indexed orderId,
        uint256 toBuyer,
        uint256 toProviderInPay,
        uint256 toSeller,
        uint256 toProviderInPayout,
        uint256 fee
    );

    /// @notice Emitted when a provider adds to its balance in this escrow (its float: payout legs
    ///         are taken from it first).
    /// @param token The token.
    /// @param provider The provider.
    /// @param amount The amount added.
    event FxDeposited(address indexed token, address indexed provider, uint256 amount);

    /// @notice Thrown when a quote names another order.
    /// @param orderId The order being created.
    /// @param quoted The order the quote is for.
    error FxQuoteForOtherOrder(bytes32 orderId, bytes32 quoted);
    /// @notice Thrown when a quote's pay token or amount differs from the order's terms.
    /// @param orderId The order.
    /// @param payToken The quote's pay token.
    /// @param payAmount The quote's pay amount.
    error FxQuoteTermsMismatch(bytes32 orderId, address payToken, uint256 payAmount);
    /// @notice Thrown when a quote has expired.
    /// @param orderId The order.
    /// @param expiry The quote's last valid second.
    /// @param now_ The block time.
    error FxQuoteExpired(bytes32 orderId, uint256 expiry, uint256 now_);
    /// @notice Thrown when the signature is not the provider's over the quote.
    /// @param orderId The order.
    /// @param provider The quote's provider.
    error FxQuoteSignatureInvalid(bytes32 orderId, address provider);
    /// @notice Thrown when both legs would be in the same token.
    /// @param token The token.
    error FxSameCurrency(address token);
    /// @notice Thrown when the provider is not active with the FX provider role (or is suspended).
    /// @param provider The provider.
    error FxProviderNotActive(address provider);
    /// @notice Thrown when the provider is the order's buyer or seller.
    /// @param provider The provider.
    error FxProviderIsParty(address provider);
    /// @notice Thrown when the order would take the provider's open exposure in the pair over its
    ///         cap (a pair without a cap has cap zero).
    /// @param provider The provider.
    /// @param exposure The open payout amount with this order.
    /// @param cap The cap.
    error FxExposureOverCap(address provider, uint256 exposure, uint256 cap);
    /// @notice Thrown when the pair's feed answered longer ago than its maximum age.
    /// @param feed The feed.
    /// @param updatedAt When it answered.
    /// @param maxAge The maximum age.
    error FxFeedStale(address feed, uint256 updatedAt, uint256 maxAge);
    /// @notice Thrown when the pair's feed gives no usable answer (not positive).
    /// @param feed The feed.
    /// @param answer Its answer.
    error FxFeedInvalid(address feed, int256 answer);
    /// @notice Thrown when a quote is further from the feed's rate than the pair allows.
    /// @param orderId The order.
    /// @param quoted The quote's payout amount.
    /// @param referenceAmount The payout amount at the feed's rate.
    /// @param maxDeviationBps The largest deviation allowed.
    error FxRateDeviates(
        bytes32 orderId,
        uint256 quoted,
        uint256 referenceAmount,
        uint256 maxDeviationBps
    );
    /// @notice Thrown when no reference feed is set for the pair.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    error FxFeedNotSet(address payToken, address payoutToken);
    /// @notice Thrown when a feed setting is out of range (maximum age zero, deviation over 100%).
    /// @param maxAge The maximum age given.
    /// @param maxDeviationBps The deviation given.
    error FxFeedSettingInvalid(uint32 maxAge, uint16 maxDeviationBps);
    /// @notice Thrown when the caller is not the settings escrow's default admin.
    /// @param caller The caller.
    error FxCallerNotAdmin(address caller);

    /// @notice Creates a cross-currency order: takes the pay leg from the buyer's allowance (the
    ///         caller must be the buyer) and the payout leg from the provider's balance here when it
    ///         covers the leg, from its allowance otherwise; the provider's parts at every close go
    ///         to its balance here. The seller
    ///         consents (`SellerConsent` under the registry's domain, as for any order) to
    ///         keccak256(abi.encode(orderIdOf(terms), quote.payoutToken, quote.payoutAmount)) in
    ///         place of the order id, so its consent covers what it will be paid. The provider signs
    ///         `registry.fxQuoteDigest(hashStruct(quote))`, the quote's type naming this escrow.
    /// @param terms The order's terms (`token`/`amount`: the pay leg).
    /// @param quote The provider's quote for `orderIdOf(terms)`.
    /// @param quoteSignature The provider's signature over `quoteDigest(quote)` (EOA or ERC-1271).
    /// @param sellerSignature The seller's consent.
    /// @return orderId The order id.
    function createFxOrder(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        bytes calldata sellerSignature
    ) external returns (bytes32 orderId);

    /// @notice Like `createFxOrder`, applying the buyer's EIP-2612 permit for the pay leg first.
    /// @param terms The order's terms.
    /// @param quote The provider's quote.
    /// @param quoteSignature The provider's signature.
    /// @param deadline The permit's deadline.
    /// @param v Signature recovery id.
    /// @param r Signature r.
    /// @param s Signature s.
    /// @param sellerSignature The seller's consent.
    /// @return orderId The order id.
    function createFxOrderWithPermit(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata sellerSignature
    ) external returns (bytes32 orderId);

    /// @notice Like `createFxOrder`, taking the pay leg with the buyer's EIP-3009 authorization
    ///         whose nonce is the order id; anyone may submit it.
    /// @param terms The order's terms.
    /// @param quote The provider's quote.
    /// @param quoteSignature The provider's signature.
    /// @param validAfter The authorization is valid after this time.
    /// @param validBefore The authorization is valid before this time.
    /// @param signature The buyer's authorization signature.
    /// @param sellerSignature The seller's consent.
    /// @return orderId The order id.
    function createFxOrderWithAuthorization(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        uint256 validAfter,
        uint256 validBefore,
        bytes calldata signature,
        bytes calldata sellerSignature
    ) external returns (bytes32 orderId);

    /// @notice Adds `amount` of `token` (allowlisted) from the caller's allowance to its balance
    ///         here (`claimable`): an active FX provider's float, from which payout legs are taken
    ///         before its allowance. Withdraw it with `withdraw` at any time.
    /// @param token The token.
    /// @param amount The amount (non-zero).
    function deposit(address token, uint256 amount) external;

    /// @notice The desk holding this escrow's guard rails (caps and feeds; `ITradeFxDesk`).
    /// @return The desk.
    function fxDesk() external view returns (address);

    /// @notice The escrow whose settings (fee, recipient, allowlist, default arbiter, pause) and
    ///         admin this escrow obeys.
    /// @return The settings escrow.
    function settingsEscrow() external view returns (address);

    /// @notice The payout leg of an order (all zero for an unknown order).
    /// @param orderId The order.
    /// @return provider The FX provider.
    /// @return payoutToken The seller's currency.
    /// @return payoutAmount The payout leg.
    function legOf(
        bytes32 orderId
    ) external view returns (address provider, address payoutToken, uint256 payoutAmount);
}
