// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev A credit record's word. The first word of a record packs, from the lowest bits up:
///      sales 24 | purchases 24 | eight 14-bit counters | volume 96; the second (the slot after
///      it) packs disputes drawn 16 | refunded volume 96. Read and built through `CreditWordLib`.
type CreditWord is uint256;

using CreditWordLib for CreditWord global;

/// @title CreditWordLib
/// @author TradeChain
/// @notice The layout of `CreditWord`: counters that saturate instead of overflowing, and the
///         two volumes, so that closing an order never reverts on a record.
library CreditWordLib {
    // First word: counters from the lowest bits up, volume in the top 96 bits.
    uint256 internal constant SALES = 0;
    uint256 internal constant PURCHASES = 24;
    uint256 internal constant CANCELLED = 48;
    uint256 internal constant REJECTED = 62;
    uint256 internal constant UNSHIPPED = 76;
    uint256 internal constant CUSTOMS_REJECTED = 90;
    uint256 internal constant SELLER_REFUND = 104;
    uint256 internal constant OPENED = 118;
    uint256 internal constant WON = 132;
    uint256 internal constant LOST = 146;
    uint256 internal constant VOLUME = 160;
    // Second word: disputes drawn 16 | refunded volume 96.
    uint256 internal constant DRAWN = 0;
    uint256 internal constant REFUNDED_VOLUME = 16;

    uint256 internal constant COUNT24_MAX = type(uint24).max;
    uint256 internal constant COUNT16_MAX = type(uint16).max;
    uint256 internal constant COUNT14_MAX = (1 << 14) - 1;
    uint256 private constant VOLUME_MAX = type(uint96).max;

    /// @dev The word stored at `slot`.
    function load(uint256 slot) internal view returns (CreditWord credit) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            credit := sload(slot)
        }
    }

    /// @dev Writes `credit` at `slot`.
    function store(CreditWord credit, uint256 slot) internal {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(slot, credit)
        }
    }

    /// @dev The counter at `shift`, `max` wide.
    function count(CreditWord credit, uint256 shift, uint256 max) internal pure returns (uint256) {
        return (CreditWord.unwrap(credit) >> shift) & max;
    }

    /// @dev Adds one to the counter at `shift`, saturating at `max`.
    function bump(
        CreditWord credit,
        uint256 shift,
        uint256 max
    ) internal pure returns (CreditWord) {
        uint256 raw = CreditWord.unwrap(credit);
        unchecked {
            if ((raw >> shift) & max != max) raw += 1 << shift;
        }
        return CreditWord.wrap(raw);
    }

    /// @dev Adds `amount` to the first word's volume (its top field), saturating at 2^96 - 1.
    function addVolume(CreditWord credit, uint256 amount) internal pure returns (CreditWord) {
        uint256 raw = CreditWord.unwrap(credit);
        uint256 volume;
        unchecked {
            volume = (raw >> VOLUME) + amount; // both < 2^128
        }
        if (volume > VOLUME_MAX) volume = VOLUME_MAX;
        return CreditWord.wrap((raw & ((1 << VOLUME) - 1)) | (volume << VOLUME));
    }

    /// @dev The second word's refunded volume.
    function refundedVolume(CreditWord extra) internal pure returns (uint256) {
        return CreditWord.unwrap(extra) >> REFUNDED_VOLUME;
    }

    /// @dev Adds `amount` to the second word's refunded volume, saturating at 2^96 - 1.
    function addRefundedVolume(
        CreditWord extra,
        uint256 amount
    ) internal pure returns (CreditWord) {
        uint256 raw = CreditWord.unwrap(extra);
        uint256 volume;
        unchecked {
            volume = (raw >> REFUNDED_VOLUME) + amount; // both < 2^128
        }
        if (volume > VOLUME_MAX) volume = VOLUME_MAX;
        return CreditWord.wrap((raw & ((1 << REFUNDED_VOLUME) - 1)) | (volume << REFUNDED_VOLUME));
    }
}
