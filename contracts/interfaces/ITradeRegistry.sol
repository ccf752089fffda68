// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Participant role bits, combined into a uint8 mask (file-level so importers share them).
uint8 constant ROLE_SELLER = 1; // seller / exporter
uint8 constant ROLE_BUYER = 2; // buyer / importer
uint8 constant ROLE_LOGISTICS = 4; // logistics provider
uint8 constant ROLE_ARBITER = 8; // dispute arbiter

/// @title ITradeRegistry
/// @notice The trade chain's directory: participants and their roles, customs authorities per
///         jurisdiction, products, and per-jurisdiction positive/negative product lists.
/// @dev Jurisdictions are ISO-3166-1 numeric country codes (1-999). Every change emits an event
///      carrying who made it, what changed, the reason hash and a per-entry version, so an
///      indexer can rebuild the complete history from logs alone.
interface ITradeRegistry {
    // ------------------------------------------------------------------ types

    /// @notice A product's standing on one jurisdiction's lists.
    enum ListingStatus {
        Unlisted,
        Positive,
        Negative
    }

    /// @notice A registered participant.
    /// @dev roles, jurisdiction, active, registeredAt and version share one storage slot so that
    ///      `isActive` costs a single SLOAD; identityHash lives in the second slot.
    struct Participant {
        uint8 roles;
        uint16 jurisdiction;
        bool active;
        uint40 registeredAt;
        uint32 version;
        bytes32 identityHash;
    }

    /// @notice A registered product.
    /// @dev owner, registeredAt and metadataVersion share slot 0; metadataHash is slot 1;
    ///      complaintCount is slot 2, written only by the escrow's rare complaint path.
    struct Product {
        address owner;
        uint40 registeredAt;
        uint32 metadataVersion;
        bytes32 metadataHash;
        uint64 complaintCount;
    }

    /// @notice One jurisdiction's entry for one product.
    /// @dev status, expiresAt, version and updatedBy share one slot so `clearanceOf` costs a
    ///      single SLOAD; updatedAt is in the second slot.
    struct Listing {
        ListingStatus status;
        uint40 expiresAt;
        uint32 version;
        address updatedBy;
        uint40 updatedAt;
    }

    // ------------------------------------------------------------------ events

    /// @notice Emitted when `registrar` onboards `account`.
    event ParticipantRegistered(
        address indexed account,
        uint8 roles,
        uint16 indexed jurisdiction,
        bytes32 identityHash,
        uint32 version,
        address indexed registrar
    );

    /// @notice Emitted when `registrar` changes `account`'s roles, jurisdiction or identity hash.
    event ParticipantUpdated(
        address indexed account,
        uint8 roles,
        uint16 indexed jurisdiction,
        bytes32 identityHash,
        uint32 version,
        address indexed registrar
    );

    /// @notice Emitted when `registrar` suspends `account` for the reason committed in `reasonHash`.
    event ParticipantSuspended(
        address indexed account,
        bytes32 reasonHash,
        uint32 version,
        address indexed registrar
    );

    /// @notice Emitted when `registrar` reinstates the suspended `account`.
    event ParticipantReinstated(address indexed account, uint32 version, address indexed registrar);

    /// @notice Emitted when the admin grants (`enabled`) or revokes customs authority over
    ///         `jurisdiction`; `authorityCount` is the jurisdiction's number of authorities after it.
    event CustomsAuthoritySet(
        uint16 indexed jurisdiction,
        address indexed authority,
        bool enabled,
        uint256 authorityCount,
        address indexed admin
    );

    /// @notice Emitted when the active seller `owner` registers `productId`.
    event ProductRegistered(bytes32 indexed productId, address indexed owner, bytes32 metadataHash);

    /// @notice Emitted when `owner` commits new provenance/quality documents for `productId`.
    event ProductMetadataUpdated(
        bytes32 indexed productId,
        address indexed owner,
        bytes32 metadataHash,
        uint32 metadataVersion
    );

    /// @notice Emitted on every change of a list entry, by the customs `authority`.
    event ListingSet(
        uint16 indexed jurisdiction,
        bytes32 indexed productId,
        ListingStatus previousStatus,
        ListingStatus status,
        uint40 expiresAt,
        uint32 version,
        bytes32 reasonHash,
        address indexed authority
    );

    /// @notice Emitted when the admin sets which escrow may record complaints.
    event EscrowSet(address indexed previousEscrow, address indexed escrow);

    /// @notice Emitted when the escrow records `complainant`'s complaint about `productId` from
    ///         order `orderId`; `complaintCount` is the product's total after it.
    event ComplaintRecorded(
        bytes32 indexed productId,
        bytes32 indexed orderId,
        address indexed complainant,
        bytes32 evidenceHash,
        uint64 complaintCount
    );

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when an account or authority argument is the zero address.
    error ZeroAddress();

    /// @notice Thrown when a jurisdiction is not an ISO-3166-1 numeric code (1-999).
    error InvalidJurisdiction(uint16 jurisdiction);

    /// @notice Thrown when a roles bitmask is empty or has bits outside the four defined roles.
    error InvalidRoles(uint8 roles);

    /// @notice Thrown when a participant is registered or updated without an identity hash.
    error ZeroIdentityHash(address account);

    /// @notice Thrown when registering an account that is already registered.
    error ParticipantAlreadyRegistered(address account);

    /// @notice Thrown when an account is not a registered participant.
    error UnknownParticipant(address account);

    /// @notice Thrown when suspending a participant that is already suspended.
    error ParticipantAlreadySuspended(address account);

    /// @notice Thrown when reinstating a participant that is not suspended.
    error ParticipantNotSuspended(address account);

    /// @notice Thrown when a product id is zero.
    error ZeroProductId();

    /// @notice Thrown when a product is registered or updated without a metadata hash.
    error ZeroMetadataHash(bytes32 productId);

    /// @notice Thrown when `account` is not an active participant holding the seller role.
    error NotActiveSeller(address account);

    /// @notice Thrown when registering a product id that `owner` already registered.
    error ProductAlreadyRegistered(bytes32 productId, address owner);

    /// @notice Thrown when a product id has not been registered.
    error UnknownProduct(bytes32 productId);

    /// @notice Thrown when `caller` is not `owner`, the owner of `productId`.
    error NotProductOwner(bytes32 productId, address caller, address owner);

    /// @notice Thrown when granting or revoking customs authority would change nothing.
    error CustomsAuthorityUnchanged(uint16 jurisdiction, address authority, bool enabled);

    /// @notice Thrown when `caller` is not a customs authority of `jurisdiction`.
    error NotCustomsAuthority(uint16 jurisdiction, address caller);

    /// @notice Thrown when a listed entry's non-zero expiry is not after the current time.
    error ExpiryNotInFuture(bytes32 productId, uint40 expiresAt, uint256 currentTime);

    /// @notice Thrown when an entry is set to Unlisted with an expiry (only listed entries expire).
    error ExpiryOnUnlisted(bytes32 productId, uint40 expiresAt);

    /// @notice Thrown when a batch's arrays differ in length from its first array.
    error LengthMismatch(uint256 expected, uint256 actual);

    /// @notice Thrown when a batch call carries no entries.
    error EmptyBatch();

    /// @notice Thrown when asking to enumerate the Unlisted "list", which is not kept (every
    ///         product id that was never listed is Unlisted).
    error UnlistedNotEnumerable(uint16 jurisdiction);

    /// @notice Thrown when `caller` is not the escrow allowed to record complaints.
    error NotEscrow(address caller);

    // ------------------------------------------------------------------ participants

    /// @notice The role that onboards, updates, suspends and reinstates participants.
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice Onboards `account` with `roles` in `jurisdiction` after off-chain identity checks.
    /// @param identityHash Hash of the identity documents kept off chain.
    function registerParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) external;

    /// @notice Onboards many participants at once; the arrays are parallel.
    function registerParticipants(
        address[] calldata accounts,
        uint8[] calldata roles,
        uint16[] calldata jurisdictions,
        bytes32[] calldata identityHashes
    ) external;

    /// @notice Replaces a registered participant's roles, jurisdiction and identity hash; a
    ///         suspended participant stays suspended.
    function updateParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) external;

    /// @notice Suspends an active participant; `isActive` returns false until reinstated.
    function suspendParticipant(address account, bytes32 reasonHash) external;

    /// @notice Reinstates a suspended participant.
    function reinstateParticipant(address account) external;

    // ------------------------------------------------------------------ customs

    /// @notice Grants (`enabled`) or revokes `authority`'s power to set `jurisdiction`'s lists.
    function setCustomsAuthority(uint16 jurisdiction, address authority, bool enabled) external;

    // ------------------------------------------------------------------ products

    /// @notice Registers `productId` with the caller, an active seller, as its owner.
    /// @param metadataHash Hash committing to the provenance and quality documents kept off chain.
    function registerProduct(bytes32 productId, bytes32 metadataHash) external;

    /// @notice Commits new metadata for `productId`; only its owner, while an active seller.
    function updateProductMetadata(bytes32 productId, bytes32 metadataHash) external;

    // ------------------------------------------------------------------ lists

    /// @notice Sets `productId`'s entry on `jurisdiction`'s lists; only that jurisdiction's customs.
    /// @param expiresAt 0 for no expiry, otherwise a future timestamp after which the entry
    ///        counts as Unlisted; must be 0 when `status` is Unlisted.
    /// @param reasonHash Hash of the customs decision document (may be zero).
    function setListing(
        uint16 jurisdiction,
        bytes32 productId,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) external;

    /// @notice Batch form of `setListing` for one jurisdiction; the arrays are parallel.
    function setListings(
        uint16 jurisdiction,
        bytes32[] calldata productIds,
        ListingStatus[] calldata statuses,
        uint40[] calldata expiresAts,
        bytes32[] calldata reasonHashes
    ) external;

    // ------------------------------------------------------------------ complaints

    /// @notice Sets the escrow allowed to call `recordComplaint`; admin only.
    function setEscrow(address escrow) external;

    /// @notice Records a buyer's complaint against `productId` from order `orderId`; escrow only.
    /// @dev The product need not be registered: orders may reference any product id, and the
    ///      count is kept per id. The escrow is responsible for one complaint per order.
    function recordComplaint(
        bytes32 productId,
        bytes32 orderId,
        address complainant,
        bytes32 evidenceHash
    ) external;

    // ------------------------------------------------------------------ views

    /// @notice True when `account` is active and holds every role bit in `roleMask`.
    /// @dev Reads exactly one storage slot.
    function isActive(address account, uint8 roleMask) external view returns (bool);

    /// @notice The participant record of `account` (all zero when unknown).
    function participantOf(address account) external view returns (Participant memory);

    /// @notice True when `account` is a customs authority of `jurisdiction`.
    function isCustomsAuthority(uint16 jurisdiction, address account) external view returns (bool);

    /// @notice True while `jurisdiction` has at least one customs authority.
    /// @dev Reads exactly one storage slot.
    function customsRequired(uint16 jurisdiction) external view returns (bool);

    /// @notice The number of customs authorities of `jurisdiction`.
    function customsAuthorityCount(uint16 jurisdiction) external view returns (uint256);

    /// @notice The product record of `productId` (owner zero when unregistered).
    function productOf(bytes32 productId) external view returns (Product memory);

    /// @notice The stored entry of `productId` on `jurisdiction`'s lists, ignoring expiry.
    function listingOf(uint16 jurisdiction, bytes32 productId) external view returns (Listing memory);

    /// @notice The effective status: the stored status, or Unlisted once its expiry has passed.
    /// @dev Reads exactly one storage slot (plus the block timestamp).
    function clearanceOf(uint16 jurisdiction, bytes32 productId) external view returns (ListingStatus);

    /// @notice The number of entries whose stored status is `status` (expired entries included).
    /// @dev Reverts with `UnlistedNotEnumerable` for Unlisted.
    function listedCount(uint16 jurisdiction, ListingStatus status) external view returns (uint256);

    /// @notice A page of product ids whose stored status is `status`; order is not stable across
    ///         changes (removal swaps the last entry into the gap). Past the end: an empty page.
    /// @dev Reverts with `UnlistedNotEnumerable` for Unlisted.
    function listedProducts(
        uint16 jurisdiction,
        ListingStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (bytes32[] memory productIds);

    /// @notice The escrow allowed to record complaints (zero until set).
    function escrow() external view returns (address);
}
