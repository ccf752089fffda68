// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "./ITradeEscrow.sol";

/// @title ITradeEscrowCheckout
/// @author TradeChain
/// @notice The single-currency escrow's own entry points: creating orders paid in one token, and
///         the platform settings (fee, fee recipient, token allowlist, default arbiter, pause)
///         that every escrow of the suite obeys — the cross-currency escrow (`ITradeFxEscrow`)
///         reads them from here, so a platform sets them once.
interface ITradeEscrowCheckout is ITradeEscrow {
    /// @notice Funds a new order from the buyer's allowance; the caller must be the buyer. Every
    ///         create function needs the seller's consent to the exact terms: a signature over
    ///         `sellerConsentDigest(orderIdOf(terms))` by the seller (ERC-1271 for a contract
    ///         seller) or by a signer it registered as its delegate in the registry.
    /// @param terms The order's terms.
    /// @param sellerSignature The seller's consent signature.
    /// @return orderId The order id, `orderIdOf(terms)`.
    function createOrder(
        OrderTerms calldata terms,
        bytes calldata sellerSignature
    ) external returns (bytes32 orderId);

    /// @notice Like `createOrder`, applying the buyer's EIP-2612 permit first; a permit already
    ///         used by a front-runner does not stop the order when the allowance is in place.
    /// @param terms The order's terms; the permit's value must be `terms.amount`.
    /// @param deadline The permit's deadline.
    /// @param v Signature recovery id.
    /// @param r Signature r.
    /// @param s Signature s.
    /// @param sellerSignature The seller's consent signature (see `createOrder`).
    /// @return orderId The order id, `orderIdOf(terms)`.
    function createOrderWithPermit(
        OrderTerms calldata terms,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata sellerSignature
    ) external returns (bytes32 orderId);

    /// @notice Funds a new order with the buyer's EIP-3009 `receiveWithAuthorization` whose nonce
    ///         is the order id, so the signature funds only these terms; anyone may submit it.
    /// @param terms The order's terms; the authorization pays `terms.amount` to the escrow.
    /// @param validAfter The authorization is valid after this time.
    /// @param validBefore The authorization is valid before this time.
    /// @param signature The buyer's signature (65-byte ECDSA or ERC-1271 wallet signature).
    /// @param sellerSignature The seller's consent signature (see `createOrder`).
    /// @return orderId The order id, `orderIdOf(terms)`, also the authorization nonce.
    function createOrderWithAuthorization(
        OrderTerms calldata terms,
        uint256 validAfter,
        uint256 validBefore,
        bytes calldata signature,
        bytes calldata sellerSignature
    ) external returns (bytes32 orderId);

    // ------------------------------------------------------------------------------------------
    //                                          ADMIN
    // ------------------------------------------------------------------------------------------

    /// @notice Sets the fee for new orders; orders in flight keep theirs.
    /// @param newFeeBps The fee in basis points (≤ MAX_FEE_BPS).
    function setFee(uint16 newFeeBps) external;

    /// @notice Sets who receives collected fees.
    /// @param newRecipient The new fee recipient (non-zero).
    function setFeeRecipient(address newRecipient) external;

    /// @notice Adds or removes a token from the allowlist (affects new orders only).
    /// @param token The token (non-zero).
    /// @param allowed Whether new orders may be paid in it.
    function setTokenAllowed(address token, bool allowed) external;

    /// @notice Sets the default arbiter new orders may name without it being registered.
    /// @param newArbiter The new default arbiter (non-zero); orders in flight keep theirs.
    function setDefaultArbiter(address newArbiter) external;

    /// @notice Copies the registry's suspension of the default arbiter into the escrow's settings:
    ///         while it is suspended, new orders naming it are refused (`ArbiterSuspended`). The
    ///         registry calls it on every suspension and reinstatement when this escrow is the one
    ///         it is wired to (`registry.escrow()`); anyone may call it, it only reflects the
    ///         registry. Creation then reads no registry slot for the default arbiter.
    function syncDefaultArbiter() external;

    /// @notice Pauses new orders; everything else keeps working.
    function pause() external;

    /// @notice Allows new orders again.
    function unpause() external;

    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @notice The current fee in basis points for new orders.
    /// @return The fee.
    function feeBps() external view returns (uint16);

    /// @notice The current fee recipient.
    /// @return The recipient.
    function feeRecipient() external view returns (address);

    /// @notice The current default arbiter.
    /// @return The default arbiter.
    function defaultArbiter() external view returns (address);

    /// @notice True when `token` may fund new orders.
    /// @param token The token.
    /// @return Whether it is allowlisted.
    function isTokenAllowed(address token) external view returns (bool);

    /// @notice True while new orders are paused.
    /// @return Whether new orders are paused.
    function paused() external view returns (bool);

    /// @notice The settings a new order in `token` obeys, as the one word stored for it (what the
    ///         cross-currency escrow reads): default arbiter in bits 0-159, fee in basis points
    ///         in 160-175, then a byte each for paused, allowed, listed (the admin named the token
    ///         once) and the default arbiter's suspension; zero for a token never listed.
    /// @param token The token.
    /// @return word The word.
    function settingsWordOf(address token) external view returns (uint256 word);
}
