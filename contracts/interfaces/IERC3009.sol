// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IERC3009
/// @author TradeChain
/// @notice EIP-3009 "Transfer With Authorization": transfers signed off-chain by the holder and
///         submitted by anyone, each authorization identified by a random 32-byte nonce.
/// @dev Functions take the signature as `bytes` (EOA 65-byte signatures or ERC-1271 contract
///      wallet signatures); implementations also offer the v,r,s overloads USDC has.
interface IERC3009 {
    /// @notice Emitted when an authorization is used to move tokens.
    /// @param authorizer The holder who signed the authorization.
    /// @param nonce The authorization's unique nonce.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    /// @notice Emitted when an authorization is cancelled before use.
    /// @param authorizer The holder who signed the cancellation.
    /// @param nonce The nonce that can no longer be used.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /// @notice Moves `value` from `from` to `to` with `from`'s signed authorization; anyone may
    ///         submit it.
    /// @param from The payer, who signed the authorization.
    /// @param to The payee.
    /// @param value The amount, in the token's smallest unit.
    /// @param validAfter The authorization is valid only after this unix time.
    /// @param validBefore The authorization is valid only before this unix time.
    /// @param nonce A unique random nonce chosen by the payer.
    /// @param signature The payer's signature (65-byte ECDSA or an ERC-1271 wallet signature).
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice Like `transferWithAuthorization`, but only the payee `to` may submit it, so a
    ///         front-runner cannot use the signature outside the payee's own transaction.
    /// @param from The payer, who signed the authorization.
    /// @param to The payee, which must be the caller.
    /// @param value The amount, in the token's smallest unit.
    /// @param validAfter The authorization is valid only after this unix time.
    /// @param validBefore The authorization is valid only before this unix time.
    /// @param nonce A unique random nonce chosen by the payer.
    /// @param signature The payer's signature (65-byte ECDSA or an ERC-1271 wallet signature).
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice Cancels an unused authorization of `authorizer`'s.
    /// @param authorizer The holder whose authorization is cancelled.
    /// @param nonce The nonce of the authorization to cancel.
    /// @param signature The authorizer's signature of the cancellation.
    function cancelAuthorization(
        address authorizer,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice Tells whether an authorization nonce is spent.
    /// @param authorizer The holder who signs authorizations.
    /// @param nonce The nonce to look up.
    /// @return used True once `nonce` of `authorizer` has been used or cancelled.
    function authorizationState(
        address authorizer,
        bytes32 nonce
    ) external view returns (bool used);
}
