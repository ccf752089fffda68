// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Quote expiry is wall-clock by design.
// solhint-disable not-rely-on-time

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ITradeEscrowCheckout} from "../interfaces/ITradeEscrowCheckout.sol";
import {ITradeFxDesk} from "../interfaces/ITradeFxDesk.sol";
import {ITradeFxEscrow} from "../interfaces/ITradeFxEscrow.sol";
import {ROLE_FX_PROVIDER} from "../interfaces/ITradeRegistry.sol";
import {EscrowCore} from "./EscrowCore.sol";
import {TradeFxDesk} from "./TradeFxDesk.sol";

/// @title TradeFxEscrow
/// @author TradeChain
/// @notice Cross-currency orders (see `ITradeFxEscrow`): the buyer's leg and an FX provider's
///         payout leg held together, split in the same proportion at every step. The platform
///         settings and their admin are the single-currency escrow's (`settingsEscrow`), read at
///         each creation, so one pause, fee and allowlist govern both escrows; the guard rails
///         (caps, feeds) are its desk's (`fxDesk`), which it deploys.
/// @dev A separate contract because the single-currency escrow has no room left under EIP-170
///      (and its orders should not pay for a second leg): the lifecycle is `EscrowCore`'s, this
///      contract adds checkout with a quote, providers' balances and the two-leg split.
contract TradeFxEscrow is ITradeFxEscrow, EscrowCore {
    // The type string is what wallets show; it cannot be shorter.
    // solhint-disable gas-small-strings
    /// @notice EIP-712 type of a provider's quote, signed under the registry's domain (which
    ///         verifies it, as it verifies sellers' consents); `escrow` is this escrow.
    bytes32 public constant FX_QUOTE_TYPEHASH = keccak256(
        "FxQuote(address escrow,address provider,address payToken,uint256 payAmount,address payoutToken,uint256 payoutAmount,bytes32 orderId,uint64 expiry)"
    );
    // solhint-enable gas-small-strings

    /// @dev An order's payout leg: the desk's line (provider and pair) and the amount, one slot.
    struct Leg {
        uint32 line;
        uint128 payoutAmount;
    }

    /// @dev What the escrow keeps of a desk line: who is paid and in which token.
    struct LineRef {
        address provider;
        address payoutToken;
    }

    ITradeEscrowCheckout private immutable _SETTINGS;
    ITradeFxDesk private immutable _DESK;

    mapping(bytes32 orderId => Leg leg) private _legs;
    mapping(uint32 line => LineRef ref) private _lineRefs;

    /// @notice Deploys the escrow and its desk.
    /// @param settings_ The single-currency escrow whose settings and admin this escrow obeys.
    constructor(ITradeEscrowCheckout settings_) EscrowCore(settings_.registry()) {
        _SETTINGS = settings_;
        _DESK = new TradeFxDesk(address(settings_));
    }

    // ------------------------------------------------------------------------------------------
    //                                        CREATION
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxEscrow
    function createFxOrder(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _openFx(terms, quote, quoteSignature, sellerSignature);
        _fundFromAllowance(terms, orderId);
    }

    /// @inheritdoc ITradeFxEscrow
    function createFxOrderWithPermit(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _openFx(terms, quote, quoteSignature, sellerSignature);
        _fundWithPermit(terms, orderId, deadline, v, r, s);
    }

    /// @inheritdoc ITradeFxEscrow
    function createFxOrderWithAuthorization(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        uint256 validAfter,
        uint256 validBefore,
        bytes calldata signature,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _openFx(terms, quote, quoteSignature, sellerSignature);
        _fundWithAuthorization(terms, orderId, validAfter, validBefore, signature);
    }

    /// @inheritdoc ITradeFxEscrow
    function deposit(address token, uint256 amount) external nonReentrant {
        if (!_REGISTRY.isActive(msg.sender, ROLE_FX_PROVIDER)) {
            revert FxProviderNotActive(msg.sender);
        }
        if (!_allowed(token)) revert TokenNotAllowed(token);
        if (amount == 0) revert InvalidAmount(amount);
        _pull(IERC20(token), msg.sender, amount);
        _claimable[token][msg.sender] += amount;
        emit FxDeposited(token, msg.sender, amount);
    }

    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxEscrow
    function settingsEscrow() external view returns (address) {
        return address(_SETTINGS);
    }

    /// @inheritdoc ITradeFxEscrow
    function fxDesk() external view returns (address) {
        return address(_DESK);
    }

    /// @inheritdoc ITradeFxEscrow
    function legOf(
        bytes32 orderId
    ) external view returns (address provider, address payoutToken, uint256 payoutAmount) {
        Leg memory leg = _legs[orderId];
        LineRef memory ref = _lineRefs[leg.line];
        return (ref.provider, ref.payoutToken, leg.payoutAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                          HOOKS
    // ------------------------------------------------------------------------------------------

    /// @dev The settings escrow's word for `token` (one call, one slot there): the same snapshot a
    ///      single-currency order in `token` obeys, default arbiter's standing included.
    function _configOf(address token) internal view override returns (Config memory) {
        return _unpackConfig(_setting(ITradeEscrowCheckout.settingsWordOf.selector, token));
    }

    /// @dev The settings escrow's fee recipient.
    function _feeRecipientAddress() internal view override returns (address) {
        return address(uint160(_setting(ITradeEscrowCheckout.feeRecipient.selector, address(0))));
    }

    /// @dev The seller's gross part is the payout leg less what the provider has back at the
    ///      buyer's total `buyerTotal`: P - floor(buyerTotal * P / A).
    function _sellerPart(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256,
        uint256 buyerTotal
    ) internal view override returns (address sellerToken, uint256 gross) {
        Leg memory leg = _legs[orderId];
        sellerToken = _lineRefs[leg.line].payoutToken;
        gross = leg.payoutAmount - _returned(buyerTotal, leg.payoutAmount, terms.amount);
    }

    /// @dev What the provider has back of the payout leg while the buyer's total moved.
    function _sellerRefunded(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 before,
        uint256 after_
    ) internal view override returns (address sellerToken, uint256 volume) {
        Leg memory leg = _legs[orderId];
        sellerToken = _lineRefs[leg.line].payoutToken;
        volume =
            _returned(after_, leg.payoutAmount, terms.amount) -
            _returned(before, leg.payoutAmount, terms.amount);
    }

    /// @dev Pays both legs' parts: the buyer's from the pay leg and the seller's (and the fee)
    ///      from the payout leg; the provider's parts of both legs go to its balance here (its
    ///      float for new quotes, withdrawable at any time). The final close frees its exposure.
    function _payOut(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 toBuyer,
        uint256 sellerAmount,
        uint256 fee,
        uint256 buyerTotal,
        bool closing
    ) internal override {
        Leg memory leg = _legs[orderId];
        LineRef memory ref = _lineRefs[leg.line];
        uint256 toProviderInPayout;
        uint256 toProviderInPay;
        unchecked {
            // toBuyer ≤ buyerTotal ≤ amount; _returned is non-decreasing in the buyer's total
            toProviderInPayout =
                _returned(buyerTotal, leg.payoutAmount, terms.amount) -
                _returned(buyerTotal - toBuyer, leg.payoutAmount, terms.amount);
            if (closing) toProviderInPay = terms.amount - buyerTotal;
        }
        if (fee != 0) _accruedFees[ref.payoutToken] += fee;
        if (toProviderInPay != 0) _claimable[terms.token][ref.provider] += toProviderInPay;
        if (toProviderInPayout != 0) {
            _claimable[ref.payoutToken][ref.provider] += toProviderInPayout;
        }
        emit FxLegsSplit(orderId, toBuyer, toProviderInPay, sellerAmount, toProviderInPayout, fee);
        if (closing) _DESK.release(leg.line, leg.payoutAmount);
        _pay(terms.token, terms.buyer, toBuyer);
        _pay(ref.payoutToken, terms.seller, sellerAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                        INTERNAL
    // ------------------------------------------------------------------------------------------

    /// @dev Validates the order and its quote, records the payout leg and takes it from the
    ///      provider (its balance here when that covers it, its allowance otherwise); the buyer's
    ///      leg follows in the caller.
    function _openFx(
        OrderTerms calldata terms,
        FxQuote calldata quote,
        bytes calldata quoteSignature,
        bytes calldata sellerSignature
    ) private returns (bytes32 orderId) {
        address payoutToken = quote.payoutToken;
        uint256 payoutAmount = quote.payoutAmount;
        orderId = _open(
            terms,
            sellerSignature,
            keccak256(abi.encode(_orderId(terms), payoutToken, payoutAmount))
        );
        if (quote.orderId != orderId) revert FxQuoteForOtherOrder(orderId, quote.orderId);
        if (quote.payToken != terms.token || quote.payAmount != terms.amount) {
            revert FxQuoteTermsMismatch(orderId, quote.payToken, quote.payAmount);
        }
        if (payoutToken == terms.token) revert FxSameCurrency(payoutToken);
        if (!_allowed(payoutToken)) revert TokenNotAllowed(payoutToken);
        // The desk caps open exposure at a uint128 cap, so an admitted leg is below 2^128.
        if (payoutAmount == 0) revert InvalidAmount(payoutAmount);
        if (block.timestamp > quote.expiry) {
            revert FxQuoteExpired(orderId, quote.expiry, block.timestamp);
        }
        address provider = quote.provider;
        if (provider == terms.buyer || provider == terms.seller) revert FxProviderIsParty(provider);
        _REGISTRY.checkFxQuote(orderId, provider, _quoteHash(quote), quoteSignature);
        uint32 line = _DESK.admit(
            orderId,
            provider,
            terms.token,
            payoutToken,
            terms.amount,
            payoutAmount
        );
        if (_lineRefs[line].provider == address(0))
            _lineRefs[line] = LineRef(provider, payoutToken);
        _legs[orderId] = Leg({line: line, payoutAmount: uint128(payoutAmount)});
        emit FxOrderCreated(orderId, provider, payoutToken, payoutAmount);
        uint256 balance = _claimable[payoutToken][provider];
        if (balance < payoutAmount) {
            _pull(IERC20(payoutToken), provider, payoutAmount);
        } else {
            unchecked {
                _claimable[payoutToken][provider] = balance - payoutAmount;
            }
        }
    }

    /// @dev True when the settings escrow allowlists `token`.
    function _allowed(address token) private view returns (bool) {
        return _configOf(token).allowed;
    }

    /// @dev One word of the settings escrow's views: `selector` called with `arg` (ignored by
    ///      views without an argument). One call site for every setting keeps this contract
    ///      within its size budget; the settings escrow is ours, so its answers are well formed
    ///      (a failed read reverts the whole call).
    function _setting(bytes4 selector, address arg) private view returns (uint256 word) {
        address settings = address(_SETTINGS);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, selector)
            mstore(0x04, arg)
            if iszero(staticcall(gas(), settings, 0x00, 0x24, 0x00, 0x20)) {
                revert(0, 0)
            }
            word := mload(0x00)
        }
    }

    /// @dev floor(buyerTotal * payoutAmount / amount): the provider's share of the payout leg at
    ///      the buyer's total (buyerTotal ≤ amount < 2^128 and payoutAmount < 2^128: no overflow).
    function _returned(
        uint256 buyerTotal,
        uint256 payoutAmount,
        uint256 amount
    ) private pure returns (uint256) {
        unchecked {
            return (buyerTotal * payoutAmount) / amount;
        }
    }

    /// @dev The quote's EIP-712 struct hash, naming this escrow.
    function _quoteHash(FxQuote calldata quote) private view returns (bytes32) {
        return keccak256(abi.encode(FX_QUOTE_TYPEHASH, address(this), quote));
    }
}
