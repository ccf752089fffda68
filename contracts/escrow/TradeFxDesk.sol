// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Feed staleness is wall-clock by design.
// solhint-disable not-rely-on-time

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {ITradeEscrow} from "../interfaces/ITradeEscrow.sol";
import {ITradeRegistry} from "../interfaces/ITradeRegistry.sol";
import {ITradeFxDesk} from "../interfaces/ITradeFxDesk.sol";
import {ITradeFxEscrow} from "../interfaces/ITradeFxEscrow.sol";

/// @title TradeFxDesk
/// @author TradeChain
/// @notice Guard rails of one cross-currency escrow (see `ITradeFxDesk`): caps on providers' open
///         exposure per pair and optional reference feeds. It holds no money.
/// @dev Deployed by `TradeFxEscrow`'s constructor (its only caller for `admit`/`release`); a
///      separate contract because the escrow has no room for it under its size budget.
contract TradeFxDesk is ITradeFxDesk {
    /// @notice Basis-point denominator (100%).
    uint16 public constant BPS = 10_000;

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

    address private immutable _ESCROW;
    IAccessControl private immutable _SETTINGS;

    /// @dev Lines by id, 1 to `_lineCount`; line 0 is "none" (a provider without a cap in a pair).
    ///      A mapping, not an array: no length read on the hot path.
    mapping(uint32 line => Line entry) private _lines;
    uint32 private _lineCount;
    mapping(bytes32 lineKey => uint32 line) private _lineIds;
    mapping(bytes32 pair => Feed feed) private _feeds;

    /// @notice Deploys the desk of the calling cross-currency escrow.
    /// @param settings_ The escrow whose default admin sets caps and feeds.
    constructor(address settings_) {
        _ESCROW = msg.sender;
        _SETTINGS = IAccessControl(settings_);
    }

    modifier onlyAdmin() {
        if (!_SETTINGS.hasRole(bytes32(0), msg.sender)) {
            revert ITradeFxEscrow.FxCallerNotAdmin(msg.sender);
        }
        _;
    }

    modifier onlyEscrow() {
        if (msg.sender != _ESCROW) revert ITradeRegistry.CallerNotEscrow(msg.sender);
        _;
    }

    // ------------------------------------------------------------------------------------------
    //                                          ADMIN
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxDesk
    function setFxLimit(
        address provider,
        address payToken,
        address payoutToken,
        uint128 cap
    ) external onlyAdmin {
        if (provider == address(0) || payToken == address(0) || payoutToken == address(0)) {
            revert ITradeEscrow.ZeroAddress();
        }
        if (payToken == payoutToken) revert ITradeFxEscrow.FxSameCurrency(payToken);
        bytes32 key = _lineKey(provider, payToken, payoutToken);
        uint32 line = _lineIds[key];
        if (line == 0) {
            line = ++_lineCount;
            _lineIds[key] = line;
            _lines[line] = Line(provider, payToken, payoutToken, cap, 0);
        } else {
            _lines[line].cap = cap;
        }
        emit FxLimitSet(provider, payToken, payoutToken, line, cap);
    }

    /// @inheritdoc ITradeFxDesk
    function setFxFeed(
        address payToken,
        address payoutToken,
        address feed,
        uint32 maxAge,
        uint16 maxDeviationBps
    ) external onlyAdmin {
        if (payToken == address(0) || payoutToken == address(0)) revert ITradeEscrow.ZeroAddress();
        if (payToken == payoutToken) revert ITradeFxEscrow.FxSameCurrency(payToken);
        bytes32 pair = _pairKey(payToken, payoutToken);
        if (feed == address(0)) {
            delete _feeds[pair];
            emit FxFeedSet(payToken, payoutToken, address(0), 0, 0);
            return;
        }
        if (maxAge == 0 || maxDeviationBps > BPS) {
            revert ITradeFxEscrow.FxFeedSettingInvalid(maxAge, maxDeviationBps);
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
            up: exp > -1
        });
        emit FxFeedSet(payToken, payoutToken, feed, maxAge, maxDeviationBps);
    }

    // ------------------------------------------------------------------------------------------
    //                                         ESCROW
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxDesk
    function admit(
        bytes32 orderId,
        address provider,
        address payToken,
        address payoutToken,
        uint256 payAmount,
        uint256 payoutAmount
    ) external onlyEscrow returns (uint32 line) {
        line = _lineIds[_lineKey(provider, payToken, payoutToken)];
        Line storage entry = _lines[line];
        // payoutAmount < 2^128 (checked by the escrow) and open ≤ cap < 2^128: no overflow
        uint256 exposure = uint256(entry.open) + payoutAmount;
        if (line == 0 || exposure > entry.cap) {
            revert ITradeFxEscrow.FxExposureOverCap(provider, exposure, entry.cap);
        }
        entry.open = uint128(exposure);
        Feed memory f = _feeds[_pairKey(payToken, payoutToken)];
        if (f.feed != address(0)) {
            uint256 ref = _reference(f, payAmount);
            uint256 diff = payoutAmount > ref ? payoutAmount - ref : ref - payoutAmount;
            if (diff * BPS > ref * f.maxDeviationBps) {
                revert ITradeFxEscrow.FxRateDeviates(orderId, payoutAmount, ref, f.maxDeviationBps);
            }
        }
    }

    /// @inheritdoc ITradeFxDesk
    function release(uint32 line, uint256 payoutAmount) external onlyEscrow {
        // The escrow releases exactly what it admitted on this line, once.
        _lines[line].open -= uint128(payoutAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeFxDesk
    function escrow() external view returns (address) {
        return _ESCROW;
    }

    /// @inheritdoc ITradeFxDesk
    function lineOf(
        uint32 line
    ) external view returns (address provider, address payToken, address payoutToken) {
        Line storage entry = _lines[line]; // an unknown line reads as zeros
        return (entry.provider, entry.payToken, entry.payoutToken);
    }

    /// @inheritdoc ITradeFxDesk
    function fxLimitOf(
        address provider,
        address payToken,
        address payoutToken
    ) external view returns (uint256 cap, uint256 open) {
        Line storage entry = _lines[_lineIds[_lineKey(provider, payToken, payoutToken)]];
        return (entry.cap, entry.open);
    }

    /// @inheritdoc ITradeFxDesk
    function fxFeedOf(
        address payToken,
        address payoutToken
    ) external view returns (address feed, uint32 maxAge, uint16 maxDeviationBps) {
        Feed memory f = _feeds[_pairKey(payToken, payoutToken)];
        return (f.feed, f.maxAge, f.maxDeviationBps);
    }

    /// @inheritdoc ITradeFxDesk
    function referencePayout(
        address payToken,
        address payoutToken,
        uint256 payAmount
    ) external view returns (uint256) {
        Feed memory f = _feeds[_pairKey(payToken, payoutToken)];
        if (f.feed == address(0)) revert ITradeFxEscrow.FxFeedNotSet(payToken, payoutToken);
        return _reference(f, payAmount);
    }

    // ------------------------------------------------------------------------------------------
    //                                        INTERNAL
    // ------------------------------------------------------------------------------------------

    /// @dev The payout amount at the feed's rate; reverts on a stale or non-positive answer.
    function _reference(Feed memory f, uint256 payAmount) private view returns (uint256) {
        (, int256 answer, , uint256 updatedAt, ) = AggregatorV3Interface(f.feed).latestRoundData();
        if (answer < 1) revert ITradeFxEscrow.FxFeedInvalid(f.feed, answer);
        if (updatedAt + f.maxAge < block.timestamp) {
            revert ITradeFxEscrow.FxFeedStale(f.feed, updatedAt, f.maxAge);
        }
        uint256 scale = 10 ** f.exp;
        return
            f.up
                ? payAmount * uint256(answer) * scale
                : Math.mulDiv(payAmount, uint256(answer), scale);
    }

    /// @dev The key of a provider's line in a pair.
    function _lineKey(
        address provider,
        address payToken,
        address payoutToken
    ) private pure returns (bytes32) {
        return keccak256(abi.encode(provider, payToken, payoutToken));
    }

    /// @dev The key of a currency pair.
    function _pairKey(address payToken, address payoutToken) private pure returns (bytes32) {
        return keccak256(abi.encode(payToken, payoutToken));
    }
}
