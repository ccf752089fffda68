// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IERC3009} from "../interfaces/IERC3009.sol";
import {ISettlementToken} from "../interfaces/ISettlementToken.sol";

/// @title SettlementToken
/// @author TradeChain
/// @notice A fiat-backed stablecoin, one deployment per currency, with USDC FiatToken v2.2's
///         function surface: minters with allowances, blacklist, pause, rescue, EIP-2612 permits
///         and EIP-3009 authorizations (v,r,s and `bytes`/ERC-1271 signatures). Not upgradeable.
/// @dev Balances live in one packed word per account — bit 255 is the blacklist flag, bits 0–254
///      the balance — so every transfer checks both parties' blacklist status with the same
///      storage reads it needs for their balances. OpenZeppelin's ERC20 supplies the allowance,
///      approval and transfer plumbing and its ERC-6093 errors; `_update`, `balanceOf` and
///      `totalSupply` are overridden onto the packed words, so ERC20's own `_balances` and
///      `_totalSupply` are never written.
contract SettlementToken is
    ISettlementToken,
    ERC20,
    EIP712,
    Nonces,
    AccessControlDefaultAdminRules
{
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------------------------------
    //                                         CONSTANTS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ISettlementToken
    bytes32 public constant MASTER_MINTER_ROLE = keccak256("MASTER_MINTER_ROLE");
    /// @inheritdoc ISettlementToken
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @inheritdoc ISettlementToken
    bytes32 public constant BLACKLISTER_ROLE = keccak256("BLACKLISTER_ROLE");
    /// @inheritdoc ISettlementToken
    bytes32 public constant RESCUER_ROLE = keccak256("RESCUER_ROLE");

    /// @notice Wait between proposing a new default admin and the new admin accepting, in seconds.
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;

    /// @notice EIP-712 domain version; "2" as USDC's, so USDC signing code works unchanged.
    string public constant EIP712_VERSION = "2";

    // EIP-712 type strings are fixed by the EIPs and hashed at compile time, so their length costs nothing
    // solhint-disable gas-small-strings
    /// @notice EIP-712 type hash of an EIP-2612 permit.
    bytes32 public constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    /// @notice EIP-712 type hash of an EIP-3009 transfer authorization.
    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @notice EIP-712 type hash of an EIP-3009 receive authorization.
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    /// @notice EIP-712 type hash of an EIP-3009 cancellation.
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH = keccak256(
        "CancelAuthorization(address authorizer,bytes32 nonce)"
    );
    // solhint-enable gas-small-strings

    /// @dev Bit 255 of a packed word: blacklisted (accounts) or enabled (minters).
    uint256 private constant FLAG = 1 << 255;

    /// @dev Bits 0–254 of a packed word: balance (accounts) or remaining allowance (minters).
    uint256 private constant VALUE_MASK = FLAG - 1;

    /// @notice The largest total supply: balances share their word with the blacklist flag.
    uint256 public constant MAX_SUPPLY = VALUE_MASK;

    // ------------------------------------------------------------------------------------------
    //                                          STORAGE
    // ------------------------------------------------------------------------------------------

    /// @dev Decimals fixed at deployment (6 for a USDC-like token).
    uint8 private immutable DECIMALS;

    /// @dev ISO-4217 currency code of the backing fiat.
    string private _currency;

    /// @dev Packed per-account word: blacklist flag (bit 255) | balance (bits 0–254).
    mapping(address account => uint256 state) private _accounts;

    /// @dev Packed per-minter word: enabled flag (bit 255) | remaining allowance (bits 0–254).
    mapping(address minter => uint256 state) private _minters;

    /// @dev Sum of all balances.
    uint256 private _supply;

    /// @dev True while every movement of the token is stopped. Own slot: a transfer reads no other
    ///      global word, so packing it elsewhere would not save the read.
    bool private _paused;

    /// @dev EIP-3009 nonces that have been used or cancelled, per authorizer.
    mapping(address authorizer => mapping(bytes32 nonce => bool used)) private _authorizations;

    // ------------------------------------------------------------------------------------------
    //                                        CONSTRUCTOR
    // ------------------------------------------------------------------------------------------

    /// @notice Deploys a token for one fiat currency.
    /// @param name ERC-20 name, also the EIP-712 domain name.
    /// @param symbol ERC-20 symbol.
    /// @param decimals_ Decimals (6 for a USDC-like token).
    /// @param currency_ ISO-4217 code of the backing currency, e.g. "USD".
    /// @param admin The default admin, who grants the other roles.
    constructor(
        string memory name,
        string memory symbol,
        uint8 decimals_,
        string memory currency_,
        address admin
    )
        ERC20(name, symbol)
        EIP712(name, EIP712_VERSION)
        AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin)
    {
        DECIMALS = decimals_;
        _currency = currency_;
    }

    // ------------------------------------------------------------------------------------------
    //                                         MODIFIERS
    // ------------------------------------------------------------------------------------------

    /// @dev Reverts with `TokenPaused` while the token is paused.
    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    /// @dev Reverts with `AccountBlacklisted` when `account` is blacklisted.
    modifier notBlacklisted(address account) {
        _requireNotBlacklisted(account);
        _;
    }

    // ------------------------------------------------------------------------------------------
    //                                          MINTING
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ISettlementToken
    function configureMinter(
        address minter,
        uint256 minterAllowedAmount
    ) external onlyRole(MASTER_MINTER_ROLE) returns (bool) {
        if (minterAllowedAmount > VALUE_MASK)
            revert MinterAllowanceTooLarge(minterAllowedAmount, VALUE_MASK);
        _minters[minter] = FLAG | minterAllowedAmount;
        emit MinterConfigured(minter, minterAllowedAmount);
        return true;
    }

    /// @inheritdoc ISettlementToken
    function removeMinter(address minter) external onlyRole(MASTER_MINTER_ROLE) returns (bool) {
        delete _minters[minter];
        emit MinterRemoved(minter);
        return true;
    }

    /// @inheritdoc ISettlementToken
    function mint(address to, uint256 amount) external notBlacklisted(msg.sender) returns (bool) {
        // one read gives both "is a minter" and the allowance
        uint256 state = _minters[msg.sender];
        if (state & FLAG == 0) revert CallerNotMinter(msg.sender);
        uint256 allowance = state & VALUE_MASK;
        if (amount > allowance) revert MinterAllowanceExceeded(msg.sender, allowance, amount);
        // cannot borrow into the flag bit: amount <= allowance
        unchecked {
            _minters[msg.sender] = state - amount;
        }
        emit Mint(msg.sender, to, amount);
        // pause, blacklist of `to`, zero address and supply cap are checked by `_update`
        _mint(to, amount);
        return true;
    }

    /// @inheritdoc ISettlementToken
    function burn(uint256 amount) external {
        if (_minters[msg.sender] & FLAG == 0) revert CallerNotMinter(msg.sender);
        emit Burn(msg.sender, amount);
        // pause, the burner's blacklist flag and its balance are checked by `_update`
        _burn(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------------------
    //                                           ERC-20
    // ------------------------------------------------------------------------------------------

    /// @notice Sets `spender`'s allowance over the caller's tokens to `value`.
    /// @dev Not while paused; neither party blacklisted.
    /// @param spender The account allowed to spend.
    /// @param value The allowance.
    /// @return True.
    function approve(
        address spender,
        uint256 value
    )
        public
        override(ERC20, IERC20)
        whenNotPaused
        notBlacklisted(msg.sender)
        notBlacklisted(spender)
        returns (bool)
    {
        return super.approve(spender, value);
    }

    /// @notice Moves `value` from `from` to `to` out of the caller's allowance.
    /// @dev The spender is checked here because an unlimited allowance is never re-written, so
    ///      no other path would look at the spender's blacklist flag.
    /// @param from The holder.
    /// @param to The recipient.
    /// @param value The amount.
    /// @return True.
    function transferFrom(
        address from,
        address to,
        uint256 value
    ) public override(ERC20, IERC20) notBlacklisted(msg.sender) returns (bool) {
        return super.transferFrom(from, to, value);
    }

    // ------------------------------------------------------------------------------------------
    //                                          EIP-2612
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        bytes32 digest = _permitDigest(owner, spender, value, deadline);
        _requireValidSignature(owner, digest, v, r, s);
        _approve(owner, spender, value);
    }

    /// @inheritdoc ISettlementToken
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 digest = _permitDigest(owner, spender, value, deadline);
        _requireValidSignature(owner, digest, signature);
        _approve(owner, spender, value);
    }

    // ------------------------------------------------------------------------------------------
    //                                          EIP-3009
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ISettlementToken
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
    ) external {
        bytes32 digest = _authorizationDigest(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce
        );
        _requireValidSignature(from, digest, v, r, s);
        _useAuthorization(from, nonce);
        _transfer(from, to, value);
    }

    /// @inheritdoc IERC3009
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        bytes32 digest = _authorizationDigest(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce
        );
        _requireValidSignature(from, digest, signature);
        _useAuthorization(from, nonce);
        _transfer(from, to, value);
    }

    /// @inheritdoc ISettlementToken
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
    ) external {
        if (msg.sender != to) revert CallerNotPayee(msg.sender, to);
        bytes32 digest = _authorizationDigest(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce
        );
        _requireValidSignature(from, digest, v, r, s);
        _useAuthorization(from, nonce);
        _transfer(from, to, value);
    }

    /// @inheritdoc IERC3009
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        if (msg.sender != to) revert CallerNotPayee(msg.sender, to);
        bytes32 digest = _authorizationDigest(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH,
            from,
            to,
            value,
            validAfter,
            validBefore,
            nonce
        );
        _requireValidSignature(from, digest, signature);
        _useAuthorization(from, nonce);
        _transfer(from, to, value);
    }

    /// @inheritdoc ISettlementToken
    function cancelAuthorization(
        address authorizer,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        bytes32 digest = _cancellationDigest(authorizer, nonce);
        _requireValidSignature(authorizer, digest, v, r, s);
        _cancelAuthorization(authorizer, nonce);
    }

    /// @inheritdoc IERC3009
    function cancelAuthorization(
        address authorizer,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        bytes32 digest = _cancellationDigest(authorizer, nonce);
        _requireValidSignature(authorizer, digest, signature);
        _cancelAuthorization(authorizer, nonce);
    }

    // ------------------------------------------------------------------------------------------
    //                                         COMPLIANCE
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ISettlementToken
    function blacklist(address account) external onlyRole(BLACKLISTER_ROLE) {
        _accounts[account] |= FLAG;
        emit Blacklisted(account);
    }

    /// @inheritdoc ISettlementToken
    function unBlacklist(address account) external onlyRole(BLACKLISTER_ROLE) {
        _accounts[account] &= VALUE_MASK;
        emit UnBlacklisted(account);
    }

    /// @inheritdoc ISettlementToken
    function pause() external onlyRole(PAUSER_ROLE) {
        _paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc ISettlementToken
    function unpause() external onlyRole(PAUSER_ROLE) {
        _paused = false;
        emit Unpaused(msg.sender);
    }

    /// @inheritdoc ISettlementToken
    function rescueERC20(
        address tokenContract,
        address to,
        uint256 amount
    ) external onlyRole(RESCUER_ROLE) {
        emit TokensRescued(tokenContract, to, amount);
        IERC20(tokenContract).safeTransfer(to, amount);
    }

    // ------------------------------------------------------------------------------------------
    //                                           VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ISettlementToken
    function currency() external view returns (string memory) {
        return _currency;
    }

    /// @inheritdoc ISettlementToken
    function minterAllowance(address minter) external view returns (uint256) {
        return _minters[minter] & VALUE_MASK;
    }

    /// @inheritdoc ISettlementToken
    function isMinter(address account) external view returns (bool) {
        return _minters[account] & FLAG != 0;
    }

    /// @inheritdoc ISettlementToken
    function isBlacklisted(address account) external view returns (bool) {
        return _accounts[account] & FLAG != 0;
    }

    /// @inheritdoc ISettlementToken
    function paused() external view returns (bool) {
        return _paused;
    }

    /// @inheritdoc IERC3009
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _authorizations[authorizer][nonce];
    }

    // The name is fixed by EIP-2612.
    // solhint-disable func-name-mixedcase
    /// @notice The EIP-712 domain separator permits and authorizations are signed under.
    /// @return The separator for this chain and contract.
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Metadata
    function decimals() public view override(ERC20, IERC20Metadata) returns (uint8) {
        return DECIMALS;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view override(ERC20, IERC20) returns (uint256) {
        return _supply;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view override(ERC20, IERC20) returns (uint256) {
        return _accounts[account] & VALUE_MASK;
    }

    // ------------------------------------------------------------------------------------------
    //                                         INTERNALS
    // ------------------------------------------------------------------------------------------

    /// @dev Every balance change (transfer, mint, burn, signed transfer) comes through here, so
    ///      pause and both parties' blacklist flags are enforced in one place.
    function _update(address from, address to, uint256 value) internal override {
        _requireNotPaused();
        if (from == address(0)) {
            uint256 supply = _supply;
            if (value > MAX_SUPPLY - supply) revert SupplyCapExceeded(supply, value, MAX_SUPPLY);
            _supply = supply + value;
        } else {
            uint256 fromState = _accounts[from];
            if (fromState & FLAG != 0) revert AccountBlacklisted(from);
            // with the flag clear the word is the balance itself, so no masking is needed
            if (fromState < value) revert ERC20InsufficientBalance(from, fromState, value);
            unchecked {
                _accounts[from] = fromState - value;
            }
        }
        if (to == address(0)) {
            // cannot underflow: value was just taken from a balance, and balances sum to _supply
            unchecked {
                _supply -= value;
            }
        } else {
            uint256 toState = _accounts[to];
            if (toState & FLAG != 0) revert AccountBlacklisted(to);
            // cannot reach the flag bit: every balance is at most _supply <= MAX_SUPPLY
            unchecked {
                _accounts[to] = toState + value;
            }
        }
        emit Transfer(from, to, value);
    }

    /// @dev Checks a permit (pause, blacklist, deadline), consumes the owner's nonce and returns
    ///      the EIP-712 digest the owner must have signed.
    function _permitDigest(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline
    ) private whenNotPaused notBlacklisted(owner) notBlacklisted(spender) returns (bytes32) {
        // EIP-2612 deadlines are wall-clock.
        // solhint-disable-next-line not-rely-on-time
        if (block.timestamp > deadline) revert PermitExpired(deadline, block.timestamp);
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline)
        );
        return _hashTypedDataV4(structHash);
    }

    /// @dev Checks an EIP-3009 authorization's time window and nonce and returns the EIP-712
    ///      digest `from` must have signed. Pause and blacklist are enforced by `_update`.
    function _authorizationDigest(
        bytes32 typeHash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce
    ) private view returns (bytes32) {
        // EIP-3009 validity windows are wall-clock and exclusive at both ends.
        // solhint-disable-next-line not-rely-on-time, gas-strict-inequalities
        if (block.timestamp <= validAfter)
            revert AuthorizationNotYetValid(validAfter, block.timestamp);
        // solhint-disable-next-line not-rely-on-time, gas-strict-inequalities
        if (block.timestamp >= validBefore)
            revert AuthorizationExpired(validBefore, block.timestamp);
        if (_authorizations[from][nonce]) revert AuthorizationAlreadyUsed(from, nonce);
        return
            _hashTypedDataV4(
                keccak256(abi.encode(typeHash, from, to, value, validAfter, validBefore, nonce))
            );
    }

    /// @dev Checks a cancellation (pause, nonce unused) and returns the digest to be signed.
    function _cancellationDigest(
        address authorizer,
        bytes32 nonce
    ) private view whenNotPaused returns (bytes32) {
        if (_authorizations[authorizer][nonce]) revert AuthorizationAlreadyUsed(authorizer, nonce);
        return
            _hashTypedDataV4(
                keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce))
            );
    }

    /// @dev Marks `nonce` of `authorizer` used.
    function _useAuthorization(address authorizer, bytes32 nonce) private {
        _authorizations[authorizer][nonce] = true;
        emit AuthorizationUsed(authorizer, nonce);
    }

    /// @dev Marks `nonce` of `authorizer` cancelled.
    function _cancelAuthorization(address authorizer, bytes32 nonce) private {
        _authorizations[authorizer][nonce] = true;
        emit AuthorizationCanceled(authorizer, nonce);
    }

    /// @dev Accepts an ECDSA signature by `signer`, else asks `signer` as an ERC-1271 wallet.
    function _requireValidSignature(
        address signer,
        bytes32 digest,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) private view {
        // EOAs (the common case) go straight to ecrecover, without packing the signature in memory
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, v, r, s);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return;
        if (!_isValidERC1271Signature(signer, digest, abi.encodePacked(r, s, v))) {
            revert InvalidSignature(signer, digest);
        }
    }

    /// @dev Accepts an ECDSA signature by `signer`, else asks `signer` as an ERC-1271 wallet.
    function _requireValidSignature(
        address signer,
        bytes32 digest,
        bytes calldata signature
    ) private view {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return;
        if (!_isValidERC1271Signature(signer, digest, signature))
            revert InvalidSignature(signer, digest);
    }

    /// @dev ERC-1271 check; an account without code never validates (the staticcall would succeed
    ///      with empty return data, which SignatureChecker already rejects, but this skips the call).
    function _isValidERC1271Signature(
        address signer,
        bytes32 digest,
        bytes memory signature
    ) private view returns (bool) {
        return
            signer.code.length != 0 &&
            SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature);
    }

    /// @dev Reverts with `TokenPaused` while paused.
    function _requireNotPaused() private view {
        if (_paused) revert TokenPaused();
    }

    /// @dev Reverts with `AccountBlacklisted` when `account` is blacklisted.
    function _requireNotBlacklisted(address account) private view {
        if (_accounts[account] & FLAG != 0) revert AccountBlacklisted(account);
    }
}
