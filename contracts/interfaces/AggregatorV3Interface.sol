// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// The name Chainlink-style feeds are known by, so integrators recognise it.
// solhint-disable interface-starts-with-i

/// @title AggregatorV3Interface
/// @author TradeChain
/// @notice The read side of a Chainlink-style price feed, as `TradeFxEscrow` uses it for its
///         optional reference-rate check (declared here: the project installs no Chainlink package).
interface AggregatorV3Interface {
    /// @notice Decimals of `answer`.
    /// @return The number of decimals.
    function decimals() external view returns (uint8);

    /// @notice The latest round.
    /// @return roundId The round.
    /// @return answer The price (units of the quote currency per unit of the base, scaled).
    /// @return startedAt When the round started.
    /// @return updatedAt When the answer was last updated.
    /// @return answeredInRound The round the answer was computed in.
    function latestRoundData()
        external
        view
        returns (
            uint80 roundId,
            int256 answer,
            uint256 startedAt,
            uint256 updatedAt,
            uint80 answeredInRound
        );
}
