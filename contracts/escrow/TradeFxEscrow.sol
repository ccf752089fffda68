// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Quote expiry and feed staleness are wall-clock by design.
// solhint-disable not-rely-on-time

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {ITradeEscrowCheckout} from "../interfaces/ITradeEscrowCheckout.sol";
import {ITradeFxEscrow} from "../interfaces/ITradeFxEscrow.sol";
import {EscrowCore} from "./EscrowCore.sol";

/// @title TradeFxEscrow
/// @author TradeChain
/// @notice Cross-currency orders (see `ITradeFxEscrow`): the buyer's leg and an FX provider's
///         payout leg held together, split in the same proportion at every close. The platform
///         settings and their admin are the single-currency escrow's (`settingsEscrow`), read at
///         each creation, so one pause, fee and allowlist govern both escrows.
/// @dev A separate contract because the single-currency escrow has no room left under EIP-170
///      (and its orders should not pay for a second leg): the lifecycle is `EscrowCore`'s, this
///      contract adds checkout with a quote, the two-leg split and the guard rails (caps, feeds).
contract TradeFxEscrow is ITradeFxEscrow, EscrowCore {
    /// @notice EIP-712 type of a provider's quote, signed under the registry's domain (which
    ///         verifies it, as it verifies sellers' consents); `escrow` is this escrow.
    bytes32 public constant FX_QUOTE_TYPEHASH = keccak256(
        "FxQuote(address escrow,address provider,address payToken,uint256 payAmount,address payoutToken,uint256 payoutAmount,bytes32 orderId,uint64 expiry)"
    );

    /// @dev A provider's line in one pair: its cap and open exposure (payout currency).
    struct Line {
        address provider;
        address payToken;
        address payoutToken;
        uint128 cap;
        uint128 open;
    }

    /// @dev A pair's reference feed: the reference payout is payAmount * answer * 10^exp when
    ///      `up`, payAmount * answer / 10^exp otherwise (exp from the three decimals).
    struct Feed {
        address feed;
        uint32 maxAge;
        uint16 maxDeviationBps;
        uint8 exp;
        bool up;
    }

    /// @dev An order's payout leg: its provider line and amount, one slot.
    struct Leg {
        uint32 line;
        uint128 payoutAmount;
    }

    ITradeEscrowCheckout private immutable _SETTINGS;

    Line[] private _lines;
    mapping(bytes32 pairKey => uint32 lineId) private _lineIds;
    mapping(bytes32 pair => Feed feed) private _feeds;
    mapping(bytes32 orderId => Leg leg) private _legs;

    /// @param settings_ The single-currency escrow whose settings and admin this escrow obeys.
    constructor(ITradeEscrowCheckout settings_) EscrowCore(settings_.registry()) {
        _SETTINGS = settings_;
        // Line 0 is "none": a pair's line id is its index.
        _lines.push();
    }

    modifier onlyAdmin() {
        if (!IAccessControl(address(_SETTINGS)).hasRole(bytes32(0), msg.sender)) {
            revert FxCallerNotAdmin(msg.sender);
        }
        _;
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
        _pull(IERC20(quote.payoutToken), quote.provider, quote.payoutAmount);
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
        _pull(IERC20(quote.payoutToken), quote.provider, quote.payoutAmount);
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
        _pull(IERC20(quote.payoutToken), quote.provider, quote.payoutAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                          ADMIN
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxEscrow
    function setFxLimit(
        address provider,
        address payToken,
        address payoutToken,
        uint128 cap
    ) external onlyAdmin {
        if (provider == address(0) || payToken == address(0) || payoutToken == address(0)) {
            revert ZeroAddress();
        }
        if (payToken == payoutToken) revert FxSameCurrency(payToken);
        bytes32 key = keccak256(abi.encode(provider, payToken, payoutToken));
        uint32 id = _lineIds[key];
        if (id == 0) {
            id = uint32(_lines.length);
            _lineIds[key] = id;
            _lines.push(Line(provider, payToken, payoutToken, cap, 0));
        } else {
            _lines[id].cap = cap;
        }
        emit FxLimitSet(provider, payToken, payoutToken, cap);
    }

    /// @inheritdoc ITradeFxEscrow
    function setFxFeed(
        address payToken,
        address payoutToken,
        address feed,
        uint32 maxAge,
        uint16 maxDeviationBps
    ) external onlyAdmin {
        if (payToken == address(0) || payoutToken == address(0)) revert ZeroAddress();
        if (payToken == payoutToken) revert FxSameCurrency(payToken);
        bytes32 pair = _pairKey(payToken, payoutToken);
        if (feed == address(0)) {
            delete _feeds[pair];
            emit FxFeedSet(payToken, payoutToken, address(0), 0, 0);
            return;
        }
        if (maxAge == 0 || maxDeviationBps > BPS) {
            revert FxFeedSettingInvalid(maxAge, maxDeviationBps);
        }
        // payout = pay * answer * 10^payoutDecimals / (10^payDecimals * 10^feedDecimals)
        int256 exp =
            int256(uint256(IERC20Metadata(payoutToken).decimals())) -
                int256(uint256(IERC20Metadata(payToken).decimals())) -
                int256(uint256(AggregatorV3Interface(feed).decimals()));
        _feeds[pair] = Feed({
            feed: feed,
            maxAge: maxAge,
            maxDeviationBps: maxDeviationBps,
            exp: uint8(uint256(exp < 0 ? -exp : exp)),
            up: exp >= 0
        });
        emit FxFeedSet(payToken, payoutToken, feed, maxAge, maxDeviationBps);
    }

    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxEscrow
    function settingsEscrow() external view returns (address) {
        return address(_SETTINGS);
    }

    /// @inheritdoc ITradeFxEscrow
    function quoteDigest(FxQuote calldata quote) external view returns (bytes32) {
        return _REGISTRY.fxQuoteDigest(_quoteHash(quote));
    }

    /// @inheritdoc ITradeFxEscrow
    function fxConsentId(
        bytes32 orderId,
        address payoutToken,
        uint256 payoutAmount
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(orderId, payoutToken, payoutAmount));
    }

    /// @inheritdoc ITradeFxEscrow
    function legOf(
        bytes32 orderId
    ) external view returns (address provider, address payoutToken, uint256 payoutAmount) {
        Leg memory leg = _legs[orderId];
        Line storage line = _lines[leg.line];
        return (line.provider, line.payoutToken, leg.payoutAmount);
    }

    /// @inheritdoc ITradeFxEscrow
    function fxLimitOf(
        address provider,
        address payToken,
        address payoutToken
    ) external view returns (uint256 cap, uint256 open) {
        Line storage line = _lines[
            _lineIds[keccak256(abi.encode(provider, payToken, payoutToken))]
        ];
        return (line.cap, line.open);
    }

    /// @inheritdoc ITradeFxEscrow
    function fxFeedOf(
        address payToken,
        address payoutToken
    ) external view returns (address feed, uint32 maxAge, uint16 maxDeviationBps) {
        Feed memory f = _feeds[_pairKey(payToken, payoutToken)];
        return (f.feed, f.maxAge, f.maxDeviationBps);
    }

    /// @inheritdoc ITradeFxEscrow
    function referencePayout(
        address payToken,
        address payoutToken,
        uint256 payAmount
    ) external view returns (uint256) {
        Feed memory f = _feeds[_pairKey(payToken, payoutToken)];
        if (f.feed == address(0)) revert FxFeedNotSet(payToken, payoutToken);
        return _reference(f, payAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                          HOOKS
    // ------------------------------------------------------------------------------------------

    /// @dev The settings escrow's settings for `token`, read through its public views; the
    ///      default arbiter's standing is the registry's own.
    function _configOf(address token) internal view override returns (Config memory config) {
        config.allowed = _SETTINGS.isTokenAllowed(token);
        if (!config.allowed) return config;
        config.paused = _SETTINGS.paused();
        config.feeBps = _SETTINGS.feeBps();
        config.defaultArbiter = _SETTINGS.defaultArbiter();
        config.arbiterSuspended = _REGISTRY.isSuspended(config.defaultArbiter);
        config.listed = true;
    }

    /// @dev The settings escrow's fee recipient.
    function _feeRecipientAddress() internal view override returns (address) {
        return _SETTINGS.feeRecipient();
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
        sellerToken = _lines[leg.line].payoutToken;
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
        sellerToken = _lines[leg.line].payoutToken;
        volume =
            _returned(after_, leg.payoutAmount, terms.amount) -
            _returned(before, leg.payoutAmount, terms.amount);
    }

    /// @dev Pays both legs' parts: the buyer's from the pay leg, the provider's from both, the
    ///      seller's and the fee from the payout leg. The final close frees the provider's exposure.
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
        Line storage line = _lines[leg.line];
        address provider = line.provider;
        address payoutToken = line.payoutToken;
        uint256 toProviderInPayout;
        uint256 toProviderInPay;
        unchecked {
            // toBuyer ≤ buyerTotal ≤ amount; _returned is non-decreasing in the buyer's total
            toProviderInPayout =
                _returned(buyerTotal, leg.payoutAmount, terms.amount) -
                _returned(buyerTotal - toBuyer, leg.payoutAmount, terms.amount);
            if (closing) {
                toProviderInPay = terms.amount - buyerTotal;
                line.open -= leg.payoutAmount; // open includes this leg until it closes
            }
        }
        if (fee != 0) _accruedFees[payoutToken] += fee;
        emit FxLegsSplit(orderId, toBuyer, toProviderInPay, sellerAmount, toProviderInPayout, fee);
        _pay(terms.token, terms.buyer, toBuyer);
        _pay(terms.token, provider, toProviderInPay);
        _pay(payoutToken, provider, toProviderInPayout);
        _pay(payoutToken, terms.seller, sellerAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                        INTERNAL
    // ------------------------------------------------------------------------------------------

    /// @dev Validates the order and its quote and records both; funding follows in the caller.
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
            fxConsentId(_orderId(terms), payoutToken, payoutAmount)
        );
        if (quote.orderId != orderId) revert FxQuoteForOtherOrder(orderId, quote.orderId);
        if (quote.payToken != terms.token || quote.payAmount != terms.amount) {
            revert FxQuoteTermsMismatch(orderId, quote.payToken, quote.payAmount);
        }
        if (payoutToken == terms.token) revert FxSameCurrency(payoutToken);
        if (!_SETTINGS.isTokenAllowed(payoutToken)) revert TokenNotAllowed(payoutToken);
        if (payoutAmount == 0 || payoutAmount > type(uint128).max) {
            revert InvalidAmount(payoutAmount);
        }
        if (block.timestamp > quote.expiry) {
            revert FxQuoteExpired(orderId, quote.expiry, block.timestamp);
        }
        address provider = quote.provider;
        if (provider == terms.buyer || provider == terms.seller) revert FxProviderIsParty(provider);
        _REGISTRY.checkFxQuote(orderId, provider, _quoteHash(quote), quoteSignature);
        uint32 id = _lineIds[keccak256(abi.encode(provider, terms.token, payoutToken))];
        Line storage line = _lines[id];
        uint256 exposure = uint256(line.open) + payoutAmount;
        if (id == 0 || exposure > line.cap) revert FxExposureOverCap(provider, exposure, line.cap);
        line.open = uint128(exposure); // ≤ cap ≤ uint128 max
        Feed memory f = _feeds[_pairKey(terms.token, payoutToken)];
        if (f.feed != address(0)) _checkRate(orderId, f, terms.amount, payoutAmount);
        _legs[orderId] = Leg({line: id, payoutAmount: uint128(payoutAmount)});
        emit FxOrderCreated(orderId, provider, payoutToken, payoutAmount);
    }

    /// @dev Reverts when `payoutAmount` for `payAmount` is further from the feed than allowed.
    function _checkRate(
        bytes32 orderId,
        Feed memory f,
        uint256 payAmount,
        uint256 payoutAmount
    ) private view {
        uint256 ref = _reference(f, payAmount);
        uint256 diff = payoutAmount > ref ? payoutAmount - ref : ref - payoutAmount;
        if (diff * BPS > ref * f.maxDeviationBps) {
            revert FxRateDeviates(orderId, payoutAmount, ref, f.maxDeviationBps);
        }
    }

    /// @dev The payout amount at the feed's rate; reverts on a stale or non-positive answer.
    function _reference(Feed memory f, uint256 payAmount) private view returns (uint256) {
        (, int256 answer, , uint256 updatedAt, ) = AggregatorV3Interface(f.feed).latestRoundData();
        if (answer <= 0) revert FxFeedInvalid(f.feed, answer);
        if (updatedAt + f.maxAge < block.timestamp) {
            revert FxFeedStale(f.feed, updatedAt, f.maxAge);
        }
        uint256 scale = 10 ** f.exp;
        return
            f.up
                ? payAmount * uint256(answer) * scale
                : Math.mulDiv(payAmount, uint256(answer), scale);
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

    /// @dev The key of a currency pair.
    function _pairKey(address payToken, address payoutToken) private pure returns (bytes32) {
        return keccak256(abi.encode(payToken, payoutToken));
    }
}
