// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ITradeFxDesk
/// @author TradeChain
/// @notice The cross-currency escrow's guard rails: each FX provider's cap on open exposure per
///         currency pair (like Mento's trading limits) and an optional reference feed per pair
///         that refuses quotes too far from it. Set by the settings escrow's default admin; the
///         cross-currency escrow that deployed the desk admits and releases exposure. Errors are
///         `ITradeFxEscrow`'s.
interface ITradeFxDesk {
    // Settings are event data; parties and tokens are topics.
    // solhint-disable gas-indexed-events
    /// @notice Emitted when the admin sets a provider's cap on open exposure in one pair.
    /// @param provider The provider.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @param line The line's id (what orders of this provider and pair record).
    /// @param cap Most payout currency the provider may have in open orders of this pair.
    event FxLimitSet(
        address indexed provider,
        address indexed payToken,
        address indexed payoutToken,
        uint32 line,
        uint256 cap
    );

    /// @notice Emitted when the admin sets (or, with feed zero, removes) a pair's reference feed.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @param feed The feed (payout currency per unit of pay currency); zero: none.
    /// @param maxAge Oldest answer accepted, in seconds.
    /// @param maxDeviationBps Largest distance of a quote from the feed, in basis points.
    event FxFeedSet(
        address indexed payToken,
        address indexed payoutToken,
        address feed,
        uint32 maxAge,
        uint16 maxDeviationBps
    );

    /// @notice Sets `provider`'s cap on open exposure (payout currency locked in open orders) in
    ///         the pair; the settings escrow's default admin only. Zero stops its new orders there.
    /// @param provider The provider.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @param cap The cap.
    function setFxLimit(
        address provider,
        address payToken,
        address payoutToken,
        uint128 cap
    ) external;

    /// @notice Sets the pair's reference feed (payout currency per unit of pay currency), its
    ///         staleness bound and the largest deviation a quote may have from it; the settings
    ///         escrow's default admin only. Feed zero removes the check for the pair.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @param feed The feed, or zero.
    /// @param maxAge Oldest answer accepted, seconds (non-zero with a feed).
    /// @param maxDeviationBps Largest deviation, basis points (≤ 10,000).
    function setFxFeed(
        address payToken,
        address payoutToken,
        address feed,
        uint32 maxAge,
        uint16 maxDeviationBps
    ) external;

    /// @notice Admits a new order's payout leg: checks the provider's cap in the pair and the
    ///         pair's feed (when set), adds the leg to the open exposure; the escrow only.
    /// @param orderId The order (for errors).
    /// @param provider The provider.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @param payAmount The pay leg.
    /// @param payoutAmount The payout leg.
    /// @return line The provider's line in the pair.
    function admit(
        bytes32 orderId,
        address provider,
        address payToken,
        address payoutToken,
        uint256 payAmount,
        uint256 payoutAmount
    ) external returns (uint32 line);

    /// @notice Frees a closed order's payout leg from its line's open exposure; the escrow only.
    /// @param line The line.
    /// @param payoutAmount The payout leg.
    function release(uint32 line, uint256 payoutAmount) external;

    /// @notice The escrow that deployed the desk (the only one that admits and releases).
    /// @return The cross-currency escrow.
    function escrow() external view returns (address);

    /// @notice A line's provider and pair.
    /// @param line The line id.
    /// @return provider The provider (zero for an unknown line).
    /// @return payToken The pay currency.
    /// @return payoutToken The payout currency.
    function lineOf(
        uint32 line
    ) external view returns (address provider, address payToken, address payoutToken);

    /// @notice A provider's cap and open exposure in one pair (payout currency).
    /// @param provider The provider.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @return cap The cap.
    /// @return open Payout currency in its open orders of the pair.
    function fxLimitOf(
        address provider,
        address payToken,
        address payoutToken
    ) external view returns (uint256 cap, uint256 open);

    /// @notice The pair's reference feed setting.
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @return feed The feed (zero: none).
    /// @return maxAge Oldest answer accepted, seconds.
    /// @return maxDeviationBps Largest deviation, basis points.
    function fxFeedOf(
        address payToken,
        address payoutToken
    ) external view returns (address feed, uint32 maxAge, uint16 maxDeviationBps);

    /// @notice The payout amount at the pair's feed rate for `payAmount`; reverts without a feed
    ///         or with a stale or unusable answer (the checks a quote meets).
    /// @param payToken The pay currency.
    /// @param payoutToken The payout currency.
    /// @param payAmount The pay amount.
    /// @return The reference payout amount.
    function referencePayout(
        address payToken,
        address payoutToken,
        uint256 payAmount
    ) external view returns (uint256);
}
