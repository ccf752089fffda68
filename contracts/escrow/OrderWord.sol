// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../interfaces/ITradeEscrow.sol";

/// @dev An order's mutable state packed in one storage word, so that every transition is a single
///      SSTORE: status (bits 0-7) | flags (8-15) | since (16-55) | HS code (56-87) | unused |
///      refunded (128-255). Read and built only through `OrderWordLib`.
type OrderWord is uint256;

using OrderWordLib for OrderWord global;

/// @title OrderWordLib
/// @author TradeChain
/// @notice The layout of `OrderWord`: field getters and the transitions the escrow makes.
library OrderWordLib {
    /// @dev The seller (not the buyer) opened the dispute.
    uint256 internal constant DISPUTED_BY_SELLER = 1 << 8;
    /// @dev The buyer filed its one complaint.
    uint256 internal constant COMPLAINT_FILED = 1 << 9;
    /// @dev The seller shipped (the order reached Shipped or later).
    uint256 internal constant SHIPPED = 1 << 10;
    /// @dev The order named the escrow's default arbiter at creation.
    uint256 internal constant DEFAULT_ARBITER = 1 << 11;

    uint256 private constant STATUS_MASK = 0xff;
    uint256 private constant SINCE_SHIFT = 16;
    uint256 private constant SINCE_MASK = type(uint40).max;
    uint256 private constant HS_SHIFT = 56;
    uint256 private constant REFUNDED_SHIFT = 128;

    /// @dev A new Funded order, stamped now, with its flags and the HS code it keeps.
    function funded(uint256 flags, uint256 code) internal view returns (OrderWord) {
        return
            OrderWord.wrap(
                uint256(ITradeEscrow.Status.Funded) |
                    flags |
                    (block.timestamp << SINCE_SHIFT) |
                    (code << HS_SHIFT)
            );
    }

    /// @dev True for an id never created (the whole word is zero).
    function isEmpty(OrderWord word) internal pure returns (bool) {
        return OrderWord.unwrap(word) == 0;
    }

    /// @dev The status field.
    function status(OrderWord word) internal pure returns (ITradeEscrow.Status) {
        return ITradeEscrow.Status(uint8(OrderWord.unwrap(word) & STATUS_MASK));
    }

    /// @dev True when the status field is `expected`.
    function isIn(OrderWord word, ITradeEscrow.Status expected) internal pure returns (bool) {
        return OrderWord.unwrap(word) & STATUS_MASK == uint256(expected);
    }

    /// @dev True when `flag` is set.
    function has(OrderWord word, uint256 flag) internal pure returns (bool) {
        return OrderWord.unwrap(word) & flag != 0;
    }

    /// @dev The word with `flag` set.
    function withFlag(OrderWord word, uint256 flag) internal pure returns (OrderWord) {
        return OrderWord.wrap(OrderWord.unwrap(word) | flag);
    }

    /// @dev Time of the last status change.
    function since(OrderWord word) internal pure returns (uint256) {
        return (OrderWord.unwrap(word) >> SINCE_SHIFT) & SINCE_MASK;
    }

    /// @dev The HS code the order kept at creation (zero: none).
    function hsCode(OrderWord word) internal pure returns (uint32) {
        return uint32(OrderWord.unwrap(word) >> HS_SHIFT);
    }

    /// @dev Returned to the buyer so far.
    function refunded(OrderWord word) internal pure returns (uint256) {
        return OrderWord.unwrap(word) >> REFUNDED_SHIFT;
    }

    /// @dev Sets the status and stamps `since` with now, keeping flags, HS code and refunded.
    function moveTo(OrderWord word, ITradeEscrow.Status next) internal view returns (OrderWord) {
        return
            OrderWord.wrap(
                (OrderWord.unwrap(word) & ~(STATUS_MASK | (SINCE_MASK << SINCE_SHIFT))) |
                    uint256(next) |
                    (block.timestamp << SINCE_SHIFT)
            );
    }

    /// @dev Adds `amount` to refunded; the caller keeps refunded ≤ the order's amount < 2^128.
    function addRefunded(OrderWord word, uint256 amount) internal pure returns (OrderWord) {
        return OrderWord.wrap(OrderWord.unwrap(word) + (amount << REFUNDED_SHIFT));
    }

    /// @dev Sets refunded to `total` (≤ the order's amount < 2^128).
    function withRefunded(OrderWord word, uint256 total) internal pure returns (OrderWord) {
        return
            OrderWord.wrap(
                (OrderWord.unwrap(word) & ~(type(uint256).max << REFUNDED_SHIFT)) |
                    (total << REFUNDED_SHIFT)
            );
    }
}
