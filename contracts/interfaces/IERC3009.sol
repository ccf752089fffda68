// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IERC3009
/// @notice EIP-3009 "Transfer With Authorization": transfers signed off-chain by the holder and
///         submitted by anyone, each authorization identified by a random 32-byte nonce.
/// @dev Functions take the signature as `bytes` (EOA 65-byte signatures or ERC-1271 contract
///      wallet signatures); implementations also offer the v,r,s overloads USDC has.
interface IERC3009 {
    /// @notice Emitted when an authorization is used to move tokens.
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    /// @notice Emitted when an authorization is cancelled before use.
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    /// @notice Moves `value` from `from` to `to` with `from`'s signed authorization; anyone may submit it.
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
    function cancelAuthorization(
        address authorizer,
        bytes32 nonce,
        bytes calldata signature
    ) external;

    /// @notice True once `nonce` of `authorizer` has been used or cancelled.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);
}
