// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Role bit: seller / exporter.
uint8 constant ROLE_SELLER = 1;
/// @dev Role bit: buyer / importer.
uint8 constant ROLE_BUYER = 2;
/// @dev Role bit: logistics provider.
uint8 constant ROLE_LOGISTICS = 4;
/// @dev Role bit: arbiter.
uint8 constant ROLE_ARBITER = 8;

/// @title ITradeRegistry (escrow-facing subset)
/// @notice Interim copy of the registry surface the escrow calls; the registry branch owns the
///         full interface and replaces this file on merge.
interface ITradeRegistry {
    /// @notice A product's standing on a jurisdiction's customs lists.
    enum ListingStatus {
        Unlisted,
        Positive,
        Negative
    }

    /// @notice True when `account` is registered, not suspended and holds every role in `roleMask`.
    function isActive(address account, uint8 roleMask) external view returns (bool);

    /// @notice The product's effective listing at `jurisdiction` (an expired positive is Unlisted).
    function clearanceOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (ListingStatus);

    /// @notice True when `jurisdiction` has at least one customs authority.
    function customsRequired(uint16 jurisdiction) external view returns (bool);

    /// @notice True when `account` is an enabled customs authority of `jurisdiction`.
    function isCustomsAuthority(uint16 jurisdiction, address account) external view returns (bool);

    /// @notice Records a buyer's complaint against a product; only the escrow may call it.
    function recordComplaint(
        bytes32 productId,
        bytes32 orderId,
        address complainant,
        bytes32 evidenceHash
    ) external;
}
