// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockAggregatorV3
/// @author TradeChain
/// @notice A reference-rate feed for local networks and tests: whoever deploys it sets the answer
///         and its update time. Never deployed on a public network.
contract MockAggregatorV3 is AggregatorV3Interface {
    uint8 private immutable _DECIMALS;
    int256 private _answer;
    uint256 private _updatedAt;
    uint80 private _round;

    /// @notice Deploys the feed with its first answer, updated now.
    /// @param decimals_ Decimals of the answer.
    /// @param answer_ The first answer, updated now.
    constructor(uint8 decimals_, int256 answer_) {
        _DECIMALS = decimals_;
        setAnswer(answer_, block.timestamp);
    }

    /// @notice Sets the answer and when it was updated.
    /// @param answer_ The answer.
    /// @param updatedAt_ Its update time.
    function setAnswer(int256 answer_, uint256 updatedAt_) public {
        _answer = answer_;
        _updatedAt = updatedAt_;
        ++_round;
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return _DECIMALS;
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }
}
