// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC3009} from "./IERC3009.sol";

/// @title ISettlementToken
/// @author TradeChain
/// @notice A fiat-backed stablecoin with the function surface of USDC's FiatToken v2.2, so wallets
///         and payment code written for USDC work unchanged: minters with allowances, a blacklist,
///         a pause switch, rescue of stray ERC-20s, EIP-2612 permits and EIP-3009 authorizations
///         (both with v,r,s and with `bytes` signatures, the latter also from ERC-1271 wallets).
/// @dev Roles (master-minter, pauser, blacklister, rescuer) are held through OpenZeppelin's
///      `AccessControlDefaultAdminRules`; its errors (`AccessControlUnauthorizedAccount`, ...) and
///      the ERC-20 errors of `IERC20Errors` (ERC-6093) are used as they are.
interface ISettlementToken is IERC20Metadata, IERC20Permit, IERC5267, IERC3009 {
    // ------------------------------------------------------------------------------------------
    //                                           EVENTS
    // ------------------------------------------------------------------------------------------

    // Amounts stay unindexed data, exactly as in USDC's events, so USDC indexers decode them.
    // solhint-disable gas-indexed-events

    /// @notice Emitted when `minter` creates `amount` new tokens for `to`.
    /// @param minter The minter whose allowance was consumed.
    /// @param to The account credited.
    /// @param amount The amount created, in the token's smallest unit.
    event Mint(address indexed minter, address indexed to, uint256 amount);

    /// @notice Emitted when `burner` destroys `amount` of its own tokens.
    /// @param burner The minter that burned from its own balance.
    /// @param amount The amount destroyed, in the token's smallest unit.
    event Burn(address indexed burner, uint256 amount);

    /// @notice Emitted when the master minter enables `minter` or resets its allowance.
    /// @param minter The account allowed to mint.
    /// @param minterAllowedAmount The amount it may still mint.
    event MinterConfigured(address indexed minter, uint256 minterAllowedAmount);

    /// @notice Emitted when the master minter takes away `oldMinter`'s right to mint.
    /// @param oldMinter The account no longer allowed to mint.
    event MinterRemoved(address indexed oldMinter);

    /// @notice Emitted when the blacklister freezes `account`.
    /// @param account The account that can no longer send, receive, approve or spend.
    event Blacklisted(address indexed account);

    /// @notice Emitted when the blacklister unfreezes `account`.
    /// @param account The account that may use the token again.
    event UnBlacklisted(address indexed account);

    /// @notice Emitted when `account` (a pauser) stops all movements of the token.
    /// @param account The pauser.
    event Paused(address indexed account);

    /// @notice Emitted when `account` (a pauser) lets movements of the token resume.
    /// @param account The pauser.
    event Unpaused(address indexed account);

    /// @notice Emitted when the rescuer sends `amount` of `token` held by this contract to `to`.
    /// @param token The ERC-20 that was sent to this contract by mistake.
    /// @param to The account it was returned to.
    /// @param amount The amount returned.
    event TokensRescued(address indexed token, address indexed to, uint256 amount);

    // solhint-enable gas-indexed-events

    // ------------------------------------------------------------------------------------------
    //                                           ERRORS
    // ------------------------------------------------------------------------------------------

    /// @notice Thrown when a transfer, mint, burn, approval, permit or authorization is attempted
    ///         while the token is paused.
    error TokenPaused();

    /// @notice Thrown when `account` is blacklisted and the call would make it send, receive,
    ///         approve, spend, be minted to or burn.
    /// @param account The blacklisted account involved in the call.
    error AccountBlacklisted(address account);

    /// @notice Thrown when `caller` mints or burns without being a configured minter.
    /// @param caller The account that called `mint` or `burn`.
    error CallerNotMinter(address caller);

    /// @notice Thrown when `minter` tries to mint `amount`, more than its remaining `allowance`.
    /// @param minter The minter.
    /// @param allowance What it may still mint.
    /// @param amount What it tried to mint.
    error MinterAllowanceExceeded(address minter, uint256 allowance, uint256 amount);

    /// @notice Thrown when a minter allowance above the largest possible supply is configured.
    /// @param allowance The requested allowance.
    /// @param max The largest allowance accepted (the supply cap).
    error MinterAllowanceTooLarge(uint256 allowance, uint256 max);

    /// @notice Thrown when minting `amount` on top of `totalSupply` would pass the supply `cap`.
    /// @param totalSupply The supply before the mint.
    /// @param amount The amount to mint.
    /// @param cap The largest supply the token can represent (2**255 - 1).
    error SupplyCapExceeded(uint256 totalSupply, uint256 amount, uint256 cap);

    /// @notice Thrown when a permit is submitted at `timestamp`, after its `deadline`.
    /// @param deadline The last second the permit was valid.
    /// @param timestamp The block timestamp of the submission.
    error PermitExpired(uint256 deadline, uint256 timestamp);

    /// @notice Thrown when a permit's or authorization's signature was not made by `signer` (an
    ///         EOA's ECDSA signature, or an ERC-1271 wallet that did not accept it).
    /// @param signer The account that had to sign (permit owner or authorizer).
    /// @param digest The EIP-712 digest that had to be signed.
    error InvalidSignature(address signer, bytes32 digest);

    /// @notice Thrown when an authorization is used at `timestamp`, not after `validAfter`.
    /// @param validAfter The authorization becomes usable strictly after this time.
    /// @param timestamp The block timestamp of the submission.
    error AuthorizationNotYetValid(uint256 validAfter, uint256 timestamp);

    /// @notice Thrown when an authorization is used at `timestamp`, not before `validBefore`.
    /// @param validBefore The authorization is usable strictly before this time.
    /// @param timestamp The block timestamp of the submission.
    error AuthorizationExpired(uint256 validBefore, uint256 timestamp);

    /// @notice Thrown when `authorizer`'s authorization `nonce` was already used or cancelled.
    /// @param authorizer The signer of the authorization.
    /// @param nonce The random 32-byte nonce of the authorization.
    error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce);

    /// @notice Thrown when `receiveWithAuthorization` is submitted by `caller` instead of the
    ///         payee, which would let a front-runner move the payer's money outside the payee's call.
    /// @param caller The submitter.
    /// @param payee The `to` of the authorization, the only account allowed to submit it.
    error CallerNotPayee(address caller, address payee);

    // ------------------------------------------------------------------------------------------
    //                                           ROLES
    // ------------------------------------------------------------------------------------------

    /// @notice The role that configures and removes minters.
    function MASTER_MINTER_ROLE() external view returns (bytes32);

    /// @notice The role that pauses and unpauses the token.
    function PAUSER_ROLE() external view returns (bytes32);

    /// @notice The role that blacklists and unblacklists accounts.
    function BLACKLISTER_ROLE() external view returns (bytes32);

    /// @notice The role that returns ERC-20s sent to this contract by mistake.
    function RESCUER_ROLE() external view returns (bytes32);

    // ------------------------------------------------------------------------------------------
    //                                          MINTING
    // ------------------------------------------------------------------------------------------

    /// @notice Enables `minter` (or resets it) with `minterAllowedAmount` it may mint in total.
    /// @dev Only the master minter. Returns true like USDC's.
    /// @param minter The account to allow to mint.
    /// @param minterAllowedAmount The amount it may mint from now on (replaces the old allowance).
    /// @return True.
    function configureMinter(address minter, uint256 minterAllowedAmount) external returns (bool);

    /// @notice Takes away `minter`'s right to mint and zeroes its allowance.
    /// @dev Only the master minter. Returns true like USDC's.
    /// @param minter The minter to remove.
    /// @return True.
    function removeMinter(address minter) external returns (bool);

    /// @notice Creates `amount` tokens for `to` out of the caller's minter allowance.
    /// @dev Caller must be a minter; neither it nor `to` blacklisted; not paused.
    /// @param to The account to credit.
    /// @param amount The amount to create.
    /// @return True.
    function mint(address to, uint256 amount) external returns (bool);

    /// @notice Destroys `amount` of the caller's own tokens (a minter redeeming fiat).
    /// @dev Caller must be a minter and not blacklisted; not paused.
    /// @param amount The amount to destroy.
    function burn(uint256 amount) external;

    // ------------------------------------------------------------------------------------------
    //                                         COMPLIANCE
    // ------------------------------------------------------------------------------------------

    /// @notice Freezes `account`: it can no longer send, receive, approve, spend or be minted to.
    /// @dev Only the blacklister. Its balance stays, frozen, until it is unblacklisted.
    /// @param account The account to freeze.
    function blacklist(address account) external;

    /// @notice Unfreezes `account`.
    /// @dev Only the blacklister.
    /// @param account The account to unfreeze.
    function unBlacklist(address account) external;

    /// @notice Stops every transfer, mint, burn, approval, permit and authorization.
    /// @dev Only the pauser.
    function pause() external;

    /// @notice Lets movements of the token resume.
    /// @dev Only the pauser.
    function unpause() external;

    /// @notice Sends `amount` of `tokenContract` held by this contract to `to`.
    /// @dev Only the rescuer; for tokens sent here by mistake.
    /// @param tokenContract The ERC-20 to return.
    /// @param to The account to send it to.
    /// @param amount The amount to send.
    function rescueERC20(address tokenContract, address to, uint256 amount) external;

    // ------------------------------------------------------------------------------------------
    //                                         SIGNATURES
    // ------------------------------------------------------------------------------------------

    /// @notice EIP-2612 permit with a `bytes` signature: a 65-byte ECDSA signature of an EOA
    ///         owner, or whatever signature the owner's ERC-1271 wallet accepts.
    /// @param owner The holder granting the allowance.
    /// @param spender The account allowed to spend.
    /// @param value The allowance to set.
    /// @param deadline The last second the permit may be used.
    /// @param signature The owner's signature of the EIP-712 `Permit` message.
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice `transferWithAuthorization` with the signature split into v, r, s.
    /// @param from The payer, who signed.
    /// @param to The payee.
    /// @param value The amount to move.
    /// @param validAfter Usable strictly after this time.
    /// @param validBefore Usable strictly before this time.
    /// @param nonce The authorization's random 32-byte nonce.
    /// @param v The signature's recovery byte.
    /// @param r The signature's r value.
    /// @param s The signature's s value.
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice `receiveWithAuthorization` with the signature split into v, r, s.
    /// @param from The payer, who signed.
    /// @param to The payee, who must be the caller.
    /// @param value The amount to move.
    /// @param validAfter Usable strictly after this time.
    /// @param validBefore Usable strictly before this time.
    /// @param nonce The authorization's random 32-byte nonce.
    /// @param v The signature's recovery byte.
    /// @param r The signature's r value.
    /// @param s The signature's s value.
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice `cancelAuthorization` with the signature split into v, r, s.
    /// @param authorizer The signer of the authorization to cancel.
    /// @param nonce The authorization's nonce.
    /// @param v The signature's recovery byte.
    /// @param r The signature's r value.
    /// @param s The signature's s value.
    function cancelAuthorization(
        address authorizer,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    // ------------------------------------------------------------------------------------------
    //                                           VIEWS
    // ------------------------------------------------------------------------------------------

    /// @notice The ISO-4217 code of the fiat currency backing the token, e.g. "USD".
    function currency() external view returns (string memory);

    /// @notice The amount `minter` may still mint (zero for a non-minter).
    /// @param minter The account to look up.
    function minterAllowance(address minter) external view returns (uint256);

    /// @notice True when `account` is a configured minter.
    /// @param account The account to look up.
    function isMinter(address account) external view returns (bool);

    /// @notice True when `account` is blacklisted.
    /// @param account The account to look up.
    function isBlacklisted(address account) external view returns (bool);

    /// @notice True while the token is paused.
    function paused() external view returns (bool);
}
