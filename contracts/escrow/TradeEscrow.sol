// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";

import {ITradeEscrowCheckout} from "../interfaces/ITradeEscrowCheckout.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {EscrowCore} from "./EscrowCore.sol";

/// @title TradeEscrow
/// @author TradeChain
/// @notice Holds a buyer's stablecoin payment until the buyer confirms receipt, the confirmation
///         window lapses, or a dispute is settled; refunds it when the deal fails. Customs lists in
///         the registry gate creation and shipment. The admin sets the fee, the token allowlist and
///         the default arbiter and may pause new orders; no role can move escrowed money. These
///         settings also govern the cross-currency escrow (`TradeFxEscrow`), which reads them here.
/// @dev The lifecycle is `EscrowCore`'s; this contract adds single-currency checkout (the seller
///      is paid in the order's token) and the settings.
contract TradeEscrow is
    ITradeEscrowCheckout,
    EscrowCore,
    AccessControlDefaultAdminRules,
    Multicall
{
    /// @notice Role that may pause and unpause new orders.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Highest platform fee the admin may set: 5%.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Delay of a default-admin transfer (AccessControlDefaultAdminRules).
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;

    // ------------------------------------------------------------------------------------------
    //                                         STORAGE
    // ------------------------------------------------------------------------------------------

    // The admin settings new orders obey. The global copy is the source of truth; every token ever
    // allowlisted keeps a snapshot with its own `allowed` flag, so creating an order reads exactly
    // one slot of the escrow's own configuration.
    Config private _config;
    address private _feeRecipient;
    mapping(address token => Config snapshot) private _tokenConfigs;
    address[] private _tokens;

    /// @notice Deploys the escrow; new orders need at least one allowlisted token.
    /// @param admin Default admin (fee, recipient, allowlist, default arbiter) and first pauser.
    /// @param registry_ The trade registry the escrow consults.
    /// @param feeRecipient_ Receives platform fees.
    /// @param feeBps_ Initial platform fee in basis points (≤ MAX_FEE_BPS).
    /// @param defaultArbiter_ Arbiter any order may name without being a registered arbiter.
    constructor(
        address admin,
        ITradeRegistry registry_,
        address feeRecipient_,
        uint16 feeBps_,
        address defaultArbiter_
    ) EscrowCore(registry_) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin) {
        if (feeRecipient_ == address(0) || defaultArbiter_ == address(0)) revert ZeroAddress();
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        _feeRecipient = feeRecipient_;
        _config = Config({
            defaultArbiter: defaultArbiter_,
            feeBps: feeBps_,
            paused: false,
            allowed: false,
            listed: false,
            arbiterSuspended: registry_.isSuspended(defaultArbiter_)
        });
        _grantRole(PAUSER_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------------
    //                                        CREATION
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrowCheckout
    function createOrder(
        OrderTerms calldata terms,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _open(terms, sellerSignature, bytes32(0));
        _fundFromAllowance(terms, orderId);
    }

    /// @inheritdoc ITradeEscrowCheckout
    function createOrderWithPermit(
        OrderTerms calldata terms,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _open(terms, sellerSignature, bytes32(0));
        _fundWithPermit(terms, orderId, deadline, v, r, s);
    }

    /// @inheritdoc ITradeEscrowCheckout
    function createOrderWithAuthorization(
        OrderTerms calldata terms,
        uint256 validAfter,
        uint256 validBefore,
        bytes calldata signature,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _open(terms, sellerSignature, bytes32(0));
        _fundWithAuthorization(terms, orderId, validAfter, validBefore, signature);
    }

    // ------------------------------------------------------------------------------------------
    //                                          ADMIN
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrowCheckout
    function setFee(uint16 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeUpdated(_config.feeBps, newFeeBps);
        _config.feeBps = newFeeBps;
        _syncTokenConfigs();
    }

    /// @inheritdoc ITradeEscrowCheckout
    function setFeeRecipient(address newRecipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newRecipient == address(0)) revert ZeroAddress();
        emit FeeRecipientUpdated(_feeRecipient, newRecipient);
        _feeRecipient = newRecipient;
    }

    /// @inheritdoc ITradeEscrowCheckout
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(0)) revert ZeroAddress();
        if (!_tokenConfigs[token].listed) _tokens.push(token);
        _store(_tokenConfigs[token], _snapshot(allowed));
        emit TokenAllowed(token, allowed);
    }

    /// @inheritdoc ITradeEscrowCheckout
    function setDefaultArbiter(address newArbiter) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newArbiter == address(0)) revert ZeroAddress();
        emit DefaultArbiterUpdated(_config.defaultArbiter, newArbiter);
        _config.defaultArbiter = newArbiter;
        _config.arbiterSuspended = _REGISTRY.isSuspended(newArbiter);
        _syncTokenConfigs();
    }

    /// @inheritdoc ITradeEscrowCheckout
    function syncDefaultArbiter() external {
        address arbiter = _config.defaultArbiter;
        bool suspended = _REGISTRY.isSuspended(arbiter);
        if (suspended == _config.arbiterSuspended) return;
        _config.arbiterSuspended = suspended;
        _syncTokenConfigs();
        emit DefaultArbiterStanding(arbiter, suspended);
    }

    /// @inheritdoc ITradeEscrowCheckout
    function pause() external onlyRole(PAUSER_ROLE) {
        _config.paused = true;
        _syncTokenConfigs();
        emit NewOrdersPaused(msg.sender);
    }

    /// @inheritdoc ITradeEscrowCheckout
    function unpause() external onlyRole(PAUSER_ROLE) {
        _config.paused = false;
        _syncTokenConfigs();
        emit NewOrdersUnpaused(msg.sender);
    }

    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrowCheckout
    function feeBps() external view returns (uint16) {
        return _config.feeBps;
    }

    /// @inheritdoc ITradeEscrowCheckout
    function feeRecipient() external view returns (address) {
        return _feeRecipient;
    }

    /// @inheritdoc ITradeEscrowCheckout
    function defaultArbiter() external view returns (address) {
        return _config.defaultArbiter;
    }

    /// @inheritdoc ITradeEscrowCheckout
    function isTokenAllowed(address token) external view returns (bool) {
        return _tokenConfigs[token].allowed;
    }

    /// @inheritdoc ITradeEscrowCheckout
    function paused() external view returns (bool) {
        return _config.paused;
    }

    /// @inheritdoc ITradeEscrowCheckout
    function settingsWordOf(address token) external view returns (uint256) {
        return _load(_tokenConfigs[token]);
    }

    // ------------------------------------------------------------------------------------------
    //                                          HOOKS
    // ------------------------------------------------------------------------------------------

    /// @dev The token's snapshot of the settings (one slot).
    function _configOf(address token) internal view override returns (Config memory) {
        return _tokenConfigs[token];
    }

    /// @dev The fee recipient.
    function _feeRecipientAddress() internal view override returns (address) {
        return _feeRecipient;
    }

    /// @dev A single-currency seller is paid in the order's token: its gross part as it is.
    function _sellerPart(
        bytes32,
        OrderTerms calldata terms,
        uint256 sellerGross,
        uint256
    ) internal pure override returns (address sellerToken, uint256 gross) {
        return (terms.token, sellerGross);
    }

    /// @dev A single-currency seller gives back exactly what the buyer receives.
    function _sellerRefunded(
        bytes32,
        OrderTerms calldata terms,
        uint256 before,
        uint256 after_
    ) internal pure override returns (address sellerToken, uint256 volume) {
        unchecked {
            return (terms.token, after_ - before); // before ≤ after_
        }
    }

    /// @dev Fees accrue per token and leave in one transfer per sweep (see collectFees): an order
    ///      pays one SSTORE, not a second token transfer. Then the buyer's part, then the seller's.
    function _payOut(
        bytes32,
        OrderTerms calldata terms,
        uint256 toBuyer,
        uint256 sellerAmount,
        uint256 fee,
        uint256,
        bool
    ) internal override {
        if (fee != 0) {
            unchecked {
                _accruedFees[terms.token] += fee; // bounded by the token's total supply
            }
        }
        _pay(terms.token, terms.buyer, toBuyer);
        _pay(terms.token, terms.seller, sellerAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                        INTERNAL
    // ------------------------------------------------------------------------------------------

    /// @dev The global configuration's word with `allowed` set and `listed`, as stored for one
    ///      token (the global copy keeps both flags clear).
    function _snapshot(bool allowed) private view returns (uint256) {
        return _load(_config) | (allowed ? CONFIG_ALLOWED : 0) | CONFIG_LISTED;
    }

    /// @dev Copies the global configuration into every token's snapshot. Tokens are only added by
    ///      the admin (one per currency), so the loop stays short.
    function _syncTokenConfigs() private {
        uint256 count = _tokens.length;
        for (uint256 i = 0; i < count; ++i) {
            address token = _tokens[i];
            Config storage snapshot = _tokenConfigs[token];
            _store(snapshot, _snapshot(snapshot.allowed));
        }
    }

    /// @dev A settings word as stored (layout: `EscrowCore._unpackConfig`).
    function _load(Config storage config) private view returns (uint256 word) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            word := sload(config.slot)
        }
    }

    /// @dev Stores a settings word.
    function _store(Config storage config, uint256 word) private {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(config.slot, word)
        }
    }
}
