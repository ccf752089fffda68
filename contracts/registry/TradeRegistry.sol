// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

import {
    ITradeRegistry,
    ROLE_SELLER,
    ROLE_BUYER,
    ROLE_LOGISTICS,
    ROLE_ARBITER
} from "../interfaces/ITradeRegistry.sol";

/// @title TradeRegistry
/// @author TradeChain
/// @notice The trade chain's directory: participants onboarded by a registrar, customs
///         authorities per jurisdiction, products registered by their sellers, and each
///         jurisdiction's positive/negative product lists, enumerable with paging.
/// @dev The escrow reads `isActive`, `clearanceOf` and `customsRequired` on every order, so each
///      of those reads a single storage slot. Not upgradeable; the admin is a two-step, delayed
///      `AccessControlDefaultAdminRules` admin.
contract TradeRegistry is ITradeRegistry, AccessControlDefaultAdminRules {
    // ================================================================== constants

    /// @inheritdoc ITradeRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @notice Delay before a proposed admin transfer can be accepted, in seconds.
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;

    /// @notice Highest ISO-3166-1 numeric country code.
    uint16 public constant MAX_JURISDICTION = 999;

    /// @dev Smallest 8-digit HS code as a number: chapter 01 ("01000000").
    uint32 private constant _MIN_HS_CODE = 1_000_000;

    /// @dev Largest 8-digit HS code ("99999999").
    uint32 private constant _MAX_HS_CODE = 99_999_999;

    /// @dev Every defined role bit; a roles mask outside it is rejected.
    uint8 private constant _ALL_ROLES = ROLE_SELLER | ROLE_BUYER | ROLE_LOGISTICS | ROLE_ARBITER;

    // ================================================================== storage

    /// @dev One list entry; slot 0 packs status|expiresAt|version|updatedBy (30 bytes) for a
    ///      one-SLOAD `clearanceOf`; slot 1 packs updatedAt with the entry's 1-based position in
    ///      its status list (0 when Unlisted), both written on every change anyway.
    struct StoredListing {
        ListingStatus status;
        uint40 expiresAt;
        uint32 version;
        address updatedBy;
        uint40 updatedAt;
        uint216 position;
    }

    /// @dev Participant slot 0 packs roles|jurisdiction|active|registeredAt|version (13 bytes).
    mapping(address account => Participant) private _participants;

    /// @dev Slot 0 packs owner|registeredAt|metadataVersion; slot 2 hsCode|hsCodeVersion|complaints.
    mapping(bytes32 productId => Product) private _products;

    /// @dev Who may set each jurisdiction's lists.
    mapping(uint16 jurisdiction => mapping(address authority => bool)) private _isCustomsAuthority;

    /// @dev A whole slot per jurisdiction, so `customsRequired` is one SLOAD.
    mapping(uint16 jurisdiction => uint256 count) private _customsAuthorityCount;

    /// @dev Each jurisdiction's entry per product, Unlisted when never set.
    mapping(uint16 jurisdiction => mapping(bytes32 productId => StoredListing)) private _listings;

    /// @dev Swap-and-pop index sets per (jurisdiction, stored status); Unlisted is never kept.
    mapping(uint16 jurisdiction => mapping(ListingStatus status => bytes32[] productIds))
        private _lists;

    /// @inheritdoc ITradeRegistry
    address public escrow;

    // ================================================================== modifiers

    /// @dev Only a customs authority of `jurisdiction` may change that jurisdiction's lists.
    modifier onlyCustoms(uint16 jurisdiction) {
        if (!_isCustomsAuthority[jurisdiction][msg.sender]) {
            revert NotCustomsAuthority(jurisdiction, msg.sender);
        }
        _;
    }

    // ================================================================== constructor

    /// @notice Deploys the registry with `admin` as its delayed, two-step default admin.
    /// @param admin The initial default admin (customs authorities, escrow, registrars).
    constructor(address admin) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin) {}

    // ================================================================== participants

    /// @inheritdoc ITradeRegistry
    function registerParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) external onlyRole(REGISTRAR_ROLE) {
        _registerParticipant(account, roles, jurisdiction, identityHash);
    }

    /// @inheritdoc ITradeRegistry
    function registerParticipants(
        address[] calldata accounts,
        uint8[] calldata roles,
        uint16[] calldata jurisdictions,
        bytes32[] calldata identityHashes
    ) external onlyRole(REGISTRAR_ROLE) {
        uint256 count = accounts.length;
        if (count == 0) revert EmptyBatch();
        _checkLength(count, roles.length);
        _checkLength(count, jurisdictions.length);
        _checkLength(count, identityHashes.length);
        for (uint256 i = 0; i < count; ++i) {
            _registerParticipant(accounts[i], roles[i], jurisdictions[i], identityHashes[i]);
        }
    }

    /// @inheritdoc ITradeRegistry
    function updateParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) external onlyRole(REGISTRAR_ROLE) {
        Participant storage participant = _knownParticipant(account);
        _checkParticipantFields(account, roles, jurisdiction, identityHash);
        uint32 version = participant.version + 1;
        participant.roles = roles;
        participant.jurisdiction = jurisdiction;
        participant.version = version;
        participant.identityHash = identityHash;
        emit ParticipantUpdated(account, roles, jurisdiction, identityHash, version, msg.sender);
    }

    /// @inheritdoc ITradeRegistry
    function suspendParticipant(
        address account,
        bytes32 reasonHash
    ) external onlyRole(REGISTRAR_ROLE) {
        Participant storage participant = _knownParticipant(account);
        if (!participant.active) revert ParticipantAlreadySuspended(account);
        uint32 version = participant.version + 1;
        participant.active = false;
        participant.version = version;
        emit ParticipantSuspended(account, reasonHash, version, msg.sender);
    }

    /// @inheritdoc ITradeRegistry
    function reinstateParticipant(address account) external onlyRole(REGISTRAR_ROLE) {
        Participant storage participant = _knownParticipant(account);
        if (participant.active) revert ParticipantNotSuspended(account);
        uint32 version = participant.version + 1;
        participant.active = true;
        participant.version = version;
        emit ParticipantReinstated(account, version, msg.sender);
    }

    // ================================================================== customs

    /// @inheritdoc ITradeRegistry
    function setCustomsAuthority(
        uint16 jurisdiction,
        address authority,
        bool enabled
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkJurisdiction(jurisdiction);
        if (authority == address(0)) revert ZeroAddress();
        if (_isCustomsAuthority[jurisdiction][authority] == enabled) {
            revert CustomsAuthorityUnchanged(jurisdiction, authority, enabled);
        }
        _isCustomsAuthority[jurisdiction][authority] = enabled;
        uint256 count =
            enabled
                ? _customsAuthorityCount[jurisdiction] + 1
                : _customsAuthorityCount[jurisdiction] - 1;
        _customsAuthorityCount[jurisdiction] = count;
        emit CustomsAuthoritySet(jurisdiction, authority, enabled, count, msg.sender);
    }

    // ================================================================== products

    /// @inheritdoc ITradeRegistry
    function registerProduct(bytes32 productId, uint32 hsCode, bytes32 metadataHash) external {
        if (productId == bytes32(0)) revert ZeroProductId();
        _checkHsCode(hsCode);
        if (metadataHash == bytes32(0)) revert ZeroMetadataHash(productId);
        if (!isActive(msg.sender, ROLE_SELLER)) revert NotActiveSeller(msg.sender);
        Product storage product = _products[productId];
        if (product.owner != address(0)) {
            revert ProductAlreadyRegistered(productId, product.owner);
        }
        product.owner = msg.sender;
        // solhint-disable-next-line not-rely-on-time -- registration time is a record, not a rule
        product.registeredAt = uint40(block.timestamp);
        product.metadataVersion = 1;
        product.metadataHash = metadataHash;
        product.hsCode = hsCode;
        product.hsCodeVersion = 1;
        emit ProductRegistered(productId, msg.sender, hsCode, metadataHash);
    }

    /// @inheritdoc ITradeRegistry
    function updateProductMetadata(bytes32 productId, bytes32 metadataHash) external {
        Product storage product = _ownedProduct(productId);
        if (metadataHash == bytes32(0)) revert ZeroMetadataHash(productId);
        // A suspended seller keeps ownership but cannot assert new documents while suspended.
        if (!isActive(msg.sender, ROLE_SELLER)) revert NotActiveSeller(msg.sender);
        uint32 version = product.metadataVersion + 1;
        product.metadataVersion = version;
        product.metadataHash = metadataHash;
        emit ProductMetadataUpdated(productId, msg.sender, metadataHash, version);
    }

    /// @inheritdoc ITradeRegistry
    function updateProductHsCode(bytes32 productId, uint32 hsCode) external {
        Product storage product = _ownedProduct(productId);
        _checkHsCode(hsCode);
        // Like new documents, a re-classification needs the owner to be an active seller.
        if (!isActive(msg.sender, ROLE_SELLER)) revert NotActiveSeller(msg.sender);
        uint32 previous = product.hsCode;
        uint32 version = product.hsCodeVersion + 1;
        product.hsCode = hsCode;
        product.hsCodeVersion = version;
        emit ProductHsCodeUpdated(productId, msg.sender, previous, hsCode, version);
    }

    // ================================================================== lists

    /// @inheritdoc ITradeRegistry
    function setListing(
        uint16 jurisdiction,
        bytes32 productId,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) external onlyCustoms(jurisdiction) {
        _setListing(jurisdiction, productId, status, expiresAt, reasonHash);
    }

    /// @inheritdoc ITradeRegistry
    function setListings(
        uint16 jurisdiction,
        bytes32[] calldata productIds,
        ListingStatus[] calldata statuses,
        uint40[] calldata expiresAts,
        bytes32[] calldata reasonHashes
    ) external onlyCustoms(jurisdiction) {
        uint256 count = productIds.length;
        if (count == 0) revert EmptyBatch();
        _checkLength(count, statuses.length);
        _checkLength(count, expiresAts.length);
        _checkLength(count, reasonHashes.length);
        for (uint256 i = 0; i < count; ++i) {
            _setListing(jurisdiction, productIds[i], statuses[i], expiresAts[i], reasonHashes[i]);
        }
    }

    // ================================================================== complaints

    /// @inheritdoc ITradeRegistry
    function setEscrow(address newEscrow) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newEscrow == address(0)) revert ZeroAddress();
        emit EscrowSet(escrow, newEscrow);
        escrow = newEscrow;
    }

    /// @inheritdoc ITradeRegistry
    function recordComplaint(
        bytes32 productId,
        bytes32 orderId,
        address complainant,
        bytes32 evidenceHash
    ) external {
        if (msg.sender != escrow) revert NotEscrow(msg.sender);
        if (productId == bytes32(0)) revert ZeroProductId();
        if (complainant == address(0)) revert ZeroAddress();
        uint64 count = _products[productId].complaintCount + 1;
        _products[productId].complaintCount = count;
        emit ComplaintRecorded(productId, orderId, complainant, evidenceHash, count);
    }

    // ================================================================== views

    /// @inheritdoc ITradeRegistry
    function isActive(address account, uint8 roleMask) public view returns (bool) {
        Participant storage participant = _participants[account];
        // Both fields sit in slot 0; read together so the optimizer issues one SLOAD.
        (bool active, uint8 roles) = (participant.active, participant.roles);
        return active && roles & roleMask == roleMask;
    }

    /// @inheritdoc ITradeRegistry
    function isSuspended(address account) external view returns (bool) {
        Participant storage participant = _participants[account];
        // Both fields sit in slot 0; read together so the optimizer issues one SLOAD.
        (bool active, uint40 registeredAt) = (participant.active, participant.registeredAt);
        return registeredAt != 0 && !active;
    }

    /// @inheritdoc ITradeRegistry
    function participantOf(address account) external view returns (Participant memory) {
        return _participants[account];
    }

    /// @inheritdoc ITradeRegistry
    function isCustomsAuthority(uint16 jurisdiction, address account) external view returns (bool) {
        return _isCustomsAuthority[jurisdiction][account];
    }

    /// @inheritdoc ITradeRegistry
    function customsRequired(uint16 jurisdiction) external view returns (bool) {
        return _customsAuthorityCount[jurisdiction] != 0;
    }

    /// @inheritdoc ITradeRegistry
    function customsAuthorityCount(uint16 jurisdiction) external view returns (uint256) {
        return _customsAuthorityCount[jurisdiction];
    }

    /// @inheritdoc ITradeRegistry
    function productOf(bytes32 productId) external view returns (Product memory) {
        return _products[productId];
    }

    /// @inheritdoc ITradeRegistry
    function listingOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (Listing memory) {
        StoredListing storage stored = _listings[jurisdiction][productId];
        return
            Listing({
                status: stored.status,
                expiresAt: stored.expiresAt,
                version: stored.version,
                updatedBy: stored.updatedBy,
                updatedAt: stored.updatedAt
            });
    }

    /// @inheritdoc ITradeRegistry
    function clearanceOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (ListingStatus) {
        StoredListing storage stored = _listings[jurisdiction][productId];
        // Both fields sit in slot 0; read together so the optimizer issues one SLOAD.
        (ListingStatus status, uint40 expiresAt) = (stored.status, stored.expiresAt);
        return _isLive(expiresAt) ? status : ListingStatus.Unlisted;
    }

    /// @inheritdoc ITradeRegistry
    function listedCount(
        uint16 jurisdiction,
        ListingStatus status
    ) external view returns (uint256) {
        return _enumerable(jurisdiction, status).length;
    }

    /// @inheritdoc ITradeRegistry
    function listedProducts(
        uint16 jurisdiction,
        ListingStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (bytes32[] memory productIds) {
        bytes32[] storage list = _enumerable(jurisdiction, status);
        uint256 length = list.length;
        if (offset < length) {
            // Sized from what remains, so a huge `limit` cannot overflow `offset + limit`.
            uint256 remaining = length - offset;
            uint256 size = limit < remaining ? limit : remaining;
            productIds = new bytes32[](size);
            for (uint256 i = 0; i < size; ++i) {
                productIds[i] = list[offset + i];
            }
        }
    }

    // ================================================================== internals

    /// @dev Validates and stores a new, active participant at version 1.
    function _registerParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) private {
        _checkParticipantFields(account, roles, jurisdiction, identityHash);
        Participant storage participant = _participants[account];
        if (participant.registeredAt != 0) revert ParticipantAlreadyRegistered(account);
        participant.roles = roles;
        participant.jurisdiction = jurisdiction;
        participant.active = true;
        // solhint-disable-next-line not-rely-on-time -- onboarding time is a record, not a rule
        participant.registeredAt = uint40(block.timestamp);
        participant.version = 1;
        participant.identityHash = identityHash;
        emit ParticipantRegistered(account, roles, jurisdiction, identityHash, 1, msg.sender);
    }

    /// @dev Validates one entry change, moves the id between status lists and bumps the version.
    function _setListing(
        uint16 jurisdiction,
        bytes32 productId,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) private {
        if (productId == bytes32(0)) revert ZeroProductId();
        if (status == ListingStatus.Unlisted) {
            if (expiresAt != 0) revert ExpiryOnUnlisted(productId, expiresAt);
        } else if (!_isLive(expiresAt)) {
            // solhint-disable-next-line not-rely-on-time -- reporting the clock the check used
            revert ExpiryNotInFuture(productId, expiresAt, block.timestamp);
        }

        StoredListing storage stored = _listings[jurisdiction][productId];
        ListingStatus previous = stored.status;
        uint216 position = stored.position;
        if (previous != status) {
            if (previous != ListingStatus.Unlisted)
                _removeFromList(jurisdiction, previous, position);
            if (status == ListingStatus.Unlisted) {
                position = 0;
            } else {
                bytes32[] storage list = _lists[jurisdiction][status];
                list.push(productId);
                position = uint216(list.length);
            }
        }

        uint32 version = stored.version + 1;
        stored.status = status;
        stored.expiresAt = expiresAt;
        stored.version = version;
        stored.updatedBy = msg.sender;
        // solhint-disable-next-line not-rely-on-time -- change time is a record, not a rule
        stored.updatedAt = uint40(block.timestamp);
        stored.position = position;
        emit ListingSet(
            jurisdiction,
            productId,
            previous,
            status,
            expiresAt,
            version,
            reasonHash,
            msg.sender
        );
    }

    /// @dev Swap-and-pop: the last entry takes the removed one's place and learns its position.
    function _removeFromList(uint16 jurisdiction, ListingStatus status, uint216 position) private {
        bytes32[] storage list = _lists[jurisdiction][status];
        uint256 last = list.length;
        if (position != last) {
            bytes32 moved = list[last - 1];
            list[position - 1] = moved;
            _listings[jurisdiction][moved].position = position;
        }
        list.pop();
    }

    /// @dev The list of `status` entries; reverts for Unlisted, which is not kept.
    function _enumerable(
        uint16 jurisdiction,
        ListingStatus status
    ) private view returns (bytes32[] storage) {
        if (status == ListingStatus.Unlisted) revert UnlistedNotEnumerable(jurisdiction);
        return _lists[jurisdiction][status];
    }

    /// @dev An entry is in force before its expiry second and Unlisted from that second on.
    function _isLive(uint40 expiresAt) private view returns (bool) {
        // solhint-disable-next-line not-rely-on-time -- customs decisions expire on the wall clock
        return expiresAt == 0 || block.timestamp < expiresAt;
    }

    /// @dev The participant record of `account`; reverts when it was never registered.
    function _knownParticipant(address account) private view returns (Participant storage) {
        Participant storage participant = _participants[account];
        if (participant.registeredAt == 0) revert UnknownParticipant(account);
        return participant;
    }

    /// @dev The record of `productId`; reverts unless it is registered and the caller owns it.
    function _ownedProduct(bytes32 productId) private view returns (Product storage product) {
        product = _products[productId];
        address owner = product.owner;
        if (owner == address(0)) revert UnknownProduct(productId);
        if (owner != msg.sender) revert NotProductOwner(productId, msg.sender, owner);
    }

    /// @dev Rejects anything but an 8-digit HS code of chapter 01-99.
    function _checkHsCode(uint32 hsCode) private pure {
        if (hsCode < _MIN_HS_CODE || hsCode > _MAX_HS_CODE) revert InvalidHsCode(hsCode);
    }

    /// @dev Rejects a zero account, empty or undefined role bits, a bad jurisdiction, a zero hash.
    function _checkParticipantFields(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) private pure {
        if (account == address(0)) revert ZeroAddress();
        if (roles == 0 || roles & ~_ALL_ROLES != 0) revert InvalidRoles(roles);
        _checkJurisdiction(jurisdiction);
        if (identityHash == bytes32(0)) revert ZeroIdentityHash(account);
    }

    /// @dev Rejects anything that is not an ISO-3166-1 numeric code (1-999).
    function _checkJurisdiction(uint16 jurisdiction) private pure {
        if (jurisdiction == 0 || jurisdiction > MAX_JURISDICTION) {
            revert InvalidJurisdiction(jurisdiction);
        }
    }

    /// @dev Rejects a batch array whose length differs from the batch's first array.
    function _checkLength(uint256 expected, uint256 actual) private pure {
        if (actual != expected) revert LengthMismatch(expected, actual);
    }
}
