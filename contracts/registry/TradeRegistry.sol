// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {ITradeEscrow} from "../interfaces/ITradeEscrow.sol";
import {ITradeEscrowCheckout} from "../interfaces/ITradeEscrowCheckout.sol";
import {ITradeFxEscrow} from "../interfaces/ITradeFxEscrow.sol";

import {
    ITradeRegistry,
    ROLE_SELLER,
    ROLE_BUYER,
    ROLE_LOGISTICS,
    ROLE_ARBITER,
    ROLE_FX_PROVIDER
} from "../interfaces/ITradeRegistry.sol";

/// @title TradeRegistry
/// @author TradeChain
/// @notice The trade chain's directory: participants onboarded by a registrar, customs
///         authorities per jurisdiction, products registered by their sellers, and each
///         jurisdiction's positive/negative product lists, enumerable with paging.
/// @dev The escrow reads `isActive`, `clearanceOf` and `customsRequired` on every order, so each
///      of those reads a single storage slot. Not upgradeable; the admin is a two-step, delayed
///      `AccessControlDefaultAdminRules` admin.
contract TradeRegistry is ITradeRegistry, AccessControlDefaultAdminRules, EIP712 {
    // ------------------------------------------------------------------------------------------
    //                                         CONSTANTS
    // ------------------------------------------------------------------------------------------

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

    /// @dev Levels of the tariff tree: each level adds two digits, so a node has 100 children.
    uint8 private constant _CHAPTER_DIGITS = 2;
    uint8 private constant _HEADING_DIGITS = 4;
    uint8 private constant _SUBHEADING_DIGITS = 6;
    uint8 private constant _NATIONAL_DIGITS = 8;

    /// @dev Children per tariff node (two more digits), and the divisor that drops them.
    uint32 private constant _FANOUT = 100;

    /// @dev Every defined role bit; a roles mask outside it is rejected.
    uint8 private constant _ALL_ROLES =
        ROLE_SELLER | ROLE_BUYER | ROLE_LOGISTICS | ROLE_ARBITER | ROLE_FX_PROVIDER;

    // solhint-disable gas-small-strings
    /// @notice EIP-712 type of a seller's consent to one order of one escrow.
    bytes32 public constant SELLER_CONSENT_TYPEHASH = keccak256(
        "SellerConsent(address escrow,bytes32 orderId)"
    );
    // solhint-enable gas-small-strings

    // Delegate states: never set, current, revoked (a revoked delegate gets its own error).
    uint8 private constant _DELEGATE_CURRENT = 1;
    uint8 private constant _DELEGATE_REVOKED = 2;

    // ------------------------------------------------------------------------------------------
    //                                          STORAGE
    // ------------------------------------------------------------------------------------------

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

    /// @dev One node of a jurisdiction's tariff tree, keyed by its prefix (the levels' number
    ///      ranges are disjoint: chapter 1-99, heading 100-9,999, ...). Slot 0 is all that
    ///      `clearanceOf` reads: the node's own entry and two 100-bit child masks:
    ///      - chapter: `childrenA` = headings that hold anything;
    ///      - heading: `childrenA` = subheadings with an entry, `childrenB` = subheadings with
    ///        national lines listed (so a lookup probes the line without reading the subheading);
    ///      - subheading: `childrenA` = national lines with an entry; national line: none.
    ///      Slot 1 is the record: version, who and when, and the 1-based list position (a list of
    ///      2^24 entries would cost > 10^11 gas to build, so uint24 cannot overflow).
    struct TariffNode {
        ListingStatus status;
        uint40 expiresAt;
        uint104 childrenA;
        uint104 childrenB;
        uint32 version;
        uint40 updatedAt;
        address updatedBy;
        uint24 position;
    }

    /// @dev Per jurisdiction, one slot: the customs authority count (`customsRequired`) and two
    ///      100-bit chapter masks: chapters with an entry of their own, and chapters with headings
    ///      that hold anything. A jurisdiction without tariff listings resolves from this slot
    ///      alone (and the escrow's `customsRequired` after `clearanceOf`, at shipment, reads it
    ///      warm); a chapter without an entry of its own is never read.
    struct JurisdictionState {
        uint32 customsAuthorities;
        uint104 listedChapters;
        uint104 chaptersWithHeadings;
        bool hasBindings;
        bool hadTariffs;
    }

    /// @dev Participant slot 0 packs roles|jurisdiction|active|registeredAt|version (13 bytes).
    mapping(address account => Participant) private _participants;

    /// @dev Slot 0 packs owner|registeredAt|metadataVersion; slot 2 hsCode|hsCodeVersion|complaints.
    mapping(bytes32 productId => Product) private _products;

    /// @dev Who may set each jurisdiction's lists.
    mapping(uint16 jurisdiction => mapping(address authority => bool)) private _isCustomsAuthority;

    /// @dev One slot per jurisdiction, so `customsRequired` is one SLOAD.
    mapping(uint16 jurisdiction => JurisdictionState) private _jurisdictions;

    /// @dev Each jurisdiction's entry per product, Unlisted when never set.
    mapping(uint16 jurisdiction => mapping(bytes32 productId => StoredListing)) private _listings;

    /// @dev Swap-and-pop index sets per (jurisdiction, stored status); Unlisted is never kept.
    mapping(uint16 jurisdiction => mapping(ListingStatus status => bytes32[] productIds))
        private _lists;

    /// @dev Every jurisdiction's tariff tree, keyed by `_nodeKey(jurisdiction, code)` (one hash
    ///      per node read instead of two).
    mapping(uint48 key => TariffNode) private _tariffs;

    /// @dev Swap-and-pop index sets per (jurisdiction, level, stored status).
    mapping(uint16 jurisdiction => mapping(uint8 digits => mapping(ListingStatus status => uint32[] codes)))
        private _tariffLists;

    /// @inheritdoc ITradeRegistry
    address public escrow;

    /// @inheritdoc ITradeRegistry
    address public fxEscrow;

    /// @dev Customs' binding classifications (and codes held by re-classifications), per
    ///      jurisdiction; read only when the jurisdiction's `hasBindings` is set.
    mapping(uint16 jurisdiction => mapping(bytes32 productId => uint32 hsCode)) private _bindings;

    /// @dev Every jurisdiction that ever had a tariff listing: a re-classification checks each.
    uint16[] private _tariffJurisdictions;

    /// @dev Signers that consent to orders for a seller: `_DELEGATE_CURRENT` or `_REVOKED`.
    mapping(address seller => mapping(address signer => uint8 state)) private _delegates;

    /// @dev Complaints from orders whose seller does not own the product, per such seller.
    mapping(bytes32 productId => mapping(address seller => uint64 count)) private _otherComplaints;

    // ------------------------------------------------------------------------------------------
    //                                         MODIFIERS
    // ------------------------------------------------------------------------------------------

    /// @dev Only a customs authority of `jurisdiction` may change that jurisdiction's lists.
    modifier onlyCustoms(uint16 jurisdiction) {
        if (!_isCustomsAuthority[jurisdiction][msg.sender]) {
            revert CallerNotCustomsAuthority(jurisdiction, msg.sender);
        }
        _;
    }

    // ------------------------------------------------------------------------------------------
    //                                        CONSTRUCTOR
    // ------------------------------------------------------------------------------------------

    /// @notice Deploys the registry with `admin` as its delayed, two-step default admin.
    /// @param admin The initial default admin (customs authorities, escrow, registrars).
    constructor(
        address admin
    ) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin) EIP712("TradeRegistry", "1") {}

    // ------------------------------------------------------------------------------------------
    //                                        PARTICIPANTS
    // ------------------------------------------------------------------------------------------

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
        _notifyEscrow();
    }

    /// @inheritdoc ITradeRegistry
    function reinstateParticipant(address account) external onlyRole(REGISTRAR_ROLE) {
        Participant storage participant = _knownParticipant(account);
        if (participant.active) revert ParticipantNotSuspended(account);
        uint32 version = participant.version + 1;
        participant.active = true;
        participant.version = version;
        emit ParticipantReinstated(account, version, msg.sender);
        _notifyEscrow();
    }

    // ------------------------------------------------------------------------------------------
    //                                          CUSTOMS
    // ------------------------------------------------------------------------------------------

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
        JurisdictionState storage state = _jurisdictions[jurisdiction];
        uint32 count = enabled ? state.customsAuthorities + 1 : state.customsAuthorities - 1;
        state.customsAuthorities = count;
        emit CustomsAuthoritySet(jurisdiction, authority, enabled, count, msg.sender);
    }

    // ------------------------------------------------------------------------------------------
    //                                          PRODUCTS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeRegistry
    function registerProduct(bytes32 productId, uint32 hsCode, bytes32 metadataHash) external {
        if (productId == bytes32(0)) revert ZeroProductId();
        _checkHsCode(hsCode);
        if (metadataHash == bytes32(0)) revert ZeroMetadataHash(productId);
        if (!isActive(msg.sender, ROLE_SELLER)) revert SellerNotActive(msg.sender);
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
        if (!isActive(msg.sender, ROLE_SELLER)) revert SellerNotActive(msg.sender);
        uint32 version = product.metadataVersion + 1;
        product.metadataVersion = version;
        product.metadataHash = metadataHash;
        emit ProductMetadataUpdated(productId, msg.sender, metadataHash, version);
    }

    /// @inheritdoc ITradeRegistry
    function reclassifyProduct(bytes32 productId, uint32 hsCode) external {
        Product storage product = _ownedProduct(productId);
        _checkHsCode(hsCode);
        // Like new documents, a re-classification needs the owner to be an active seller.
        if (!isActive(msg.sender, ROLE_SELLER)) revert SellerNotActive(msg.sender);
        uint32 previous = product.hsCode;
        uint32 version = product.hsCodeVersion + 1;
        product.hsCode = hsCode;
        product.hsCodeVersion = version;
        emit ProductHsCodeUpdated(productId, msg.sender, previous, hsCode, version);
        _holdClassification(productId, previous, hsCode);
    }

    /// @inheritdoc ITradeRegistry
    function bindClassification(
        uint16 jurisdiction,
        bytes32 productId,
        uint32 hsCode
    ) external onlyCustoms(jurisdiction) {
        Product storage product = _products[productId];
        if (product.owner == address(0)) revert ProductNotRegistered(productId);
        if (hsCode != 0) _checkHsCode(hsCode);
        uint32 previous = _bindings[jurisdiction][productId];
        uint32 inForce = previous == 0 ? product.hsCode : previous;
        if (previous == hsCode) revert ClassificationUnchanged(jurisdiction, productId, hsCode);
        _bindings[jurisdiction][productId] = hsCode;
        if (hsCode != 0) _jurisdictions[jurisdiction].hasBindings = true;
        emit ClassificationBound(jurisdiction, productId, msg.sender, inForce, hsCode);
    }

    // ------------------------------------------------------------------------------------------
    //                                           LISTS
    // ------------------------------------------------------------------------------------------

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

    /// @inheritdoc ITradeRegistry
    function setTariffCodeListing(
        uint16 jurisdiction,
        uint8 digits,
        uint32 code,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) external onlyCustoms(jurisdiction) {
        _setTariffCodeListing(jurisdiction, digits, code, status, expiresAt, reasonHash);
    }

    /// @inheritdoc ITradeRegistry
    function setTariffCodeListingBatch(
        uint16 jurisdiction,
        uint8[] calldata digits,
        uint32[] calldata codes,
        ListingStatus[] calldata statuses,
        uint40[] calldata expiresAts,
        bytes32[] calldata reasonHashes
    ) external onlyCustoms(jurisdiction) {
        uint256 count = digits.length;
        if (count == 0) revert EmptyBatch();
        _checkLength(count, codes.length);
        _checkLength(count, statuses.length);
        _checkLength(count, expiresAts.length);
        _checkLength(count, reasonHashes.length);
        for (uint256 i = 0; i < count; ++i) {
            _setTariffCodeListing(
                jurisdiction,
                digits[i],
                codes[i],
                statuses[i],
                expiresAts[i],
                reasonHashes[i]
            );
        }
    }

    // ------------------------------------------------------------------------------------------
    //                                         COMPLAINTS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeRegistry
    function setEscrow(address newEscrow) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newEscrow == address(0)) revert ZeroAddress();
        emit EscrowSet(escrow, newEscrow);
        escrow = newEscrow;
    }

    /// @inheritdoc ITradeRegistry
    function setFxEscrow(address fxEscrow_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fxEscrow_ == address(0)) revert ZeroAddress();
        emit FxEscrowSet(fxEscrow, fxEscrow_);
        fxEscrow = fxEscrow_;
    }

    /// @inheritdoc ITradeRegistry
    function recordComplaint(
        bytes32 productId,
        bytes32 orderId,
        address seller,
        address complainant,
        bytes32 evidenceHash,
        uint256 amount,
        uint256 fee
    ) external {
        if (msg.sender != escrow && msg.sender != fxEscrow) revert CallerNotEscrow(msg.sender);
        if (productId == bytes32(0)) revert ZeroProductId();
        if (complainant == address(0) || seller == address(0)) revert ZeroAddress();
        Product storage product = _products[productId];
        uint64 count;
        // Only the owner's own sales count against the product; another seller's complaints are
        // kept apart, so a competitor cannot plant complaints on the owner's record.
        if (product.owner == seller) {
            count = product.complaintCount + 1;
            product.complaintCount = count;
        } else {
            count = _otherComplaints[productId][seller] + 1;
            _otherComplaints[productId][seller] = count;
        }
        emit ComplaintRecorded(
            productId,
            orderId,
            seller,
            complainant,
            evidenceHash,
            amount,
            fee,
            count
        );
    }

    // ------------------------------------------------------------------------------------------
    //                                         CONSENT
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeRegistry
    function setDelegate(address delegate) external {
        if (delegate == address(0)) revert ZeroAddress();
        if (!isActive(msg.sender, ROLE_SELLER)) revert SellerNotActive(msg.sender);
        if (_delegates[msg.sender][delegate] == _DELEGATE_CURRENT) {
            revert DelegateAlreadySet(msg.sender, delegate);
        }
        _delegates[msg.sender][delegate] = _DELEGATE_CURRENT;
        emit DelegateSet(msg.sender, delegate);
    }

    /// @inheritdoc ITradeRegistry
    function revokeDelegate(address delegate) external {
        // A seller may always revoke, even while suspended: consent is its own to withdraw.
        if (_delegates[msg.sender][delegate] != _DELEGATE_CURRENT) {
            revert DelegateNotSet(msg.sender, delegate);
        }
        _delegates[msg.sender][delegate] = _DELEGATE_REVOKED;
        emit DelegateRevoked(msg.sender, delegate);
    }

    /// @inheritdoc ITradeRegistry
    function checkNewOrder(
        address seller,
        address arbiter,
        bool namedDefault,
        uint16 destination,
        bytes32 productId,
        bytes32 orderId,
        bytes calldata sellerSignature
    ) external view returns (uint32 hsCode) {
        // The default arbiter needs no role; the escrow refuses it while suspended (synced).
        if (!namedDefault && !isActive(arbiter, ROLE_ARBITER)) {
            revert ITradeEscrow.ArbiterNotRegistered(arbiter);
        }
        if (!isActive(seller, ROLE_SELLER)) revert ITradeEscrow.SellerNotActive(seller);
        ListingStatus status;
        (status, hsCode) = _clearanceAtCreation(destination, productId);
        if (status == ListingStatus.Negative) {
            revert ITradeEscrow.ProductNegativeListed(destination, productId);
        }
        _checkConsent(seller, orderId, sellerSignature);
    }

    // ------------------------------------------------------------------------------------------
    //                                           VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeRegistry
    function isActive(address account, uint8 roleMask) public view returns (bool) {
        Participant storage participant = _participants[account];
        // Both fields sit in slot 0; read together so the optimizer issues one SLOAD.
        (bool active, uint8 roles) = (participant.active, participant.roles);
        return active && roles & roleMask == roleMask;
    }

    /// @inheritdoc ITradeRegistry
    function isSuspended(address account) external view returns (bool) {
        return _isSuspended(account);
    }

    /// @inheritdoc ITradeRegistry
    function isDelegate(address seller, address signer) external view returns (bool) {
        return _delegates[seller][signer] == _DELEGATE_CURRENT;
    }

    /// @inheritdoc ITradeRegistry
    function sellerConsentDigest(address escrow_, bytes32 orderId) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(SELLER_CONSENT_TYPEHASH, escrow_, orderId)));
    }

    /// @inheritdoc ITradeRegistry
    function fxQuoteDigest(bytes32 structHash) public view returns (bytes32) {
        return _hashTypedDataV4(structHash);
    }

    /// @inheritdoc ITradeRegistry
    function checkFxQuote(
        bytes32 orderId,
        address provider,
        bytes32 structHash,
        bytes calldata signature
    ) external view {
        if (!isActive(provider, ROLE_FX_PROVIDER) || _isSuspended(provider)) {
            revert ITradeFxEscrow.FxProviderNotActive(provider);
        }
        if (!SignatureChecker.isValidSignatureNow(provider, fxQuoteDigest(structHash), signature)) {
            revert ITradeFxEscrow.FxQuoteSignatureInvalid(orderId, provider);
        }
    }

    /// @inheritdoc ITradeRegistry
    function classificationOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (uint32 hsCode, bool bound) {
        hsCode = _bindings[jurisdiction][productId];
        bound = hsCode != 0;
        if (!bound) hsCode = _products[productId].hsCode;
    }

    /// @inheritdoc ITradeRegistry
    function clearanceAtShipment(
        uint16 destination,
        bytes32 productId,
        uint32 hsCode
    ) external view returns (bool cleared) {
        StoredListing storage stored = _listings[destination][productId];
        (ListingStatus status, uint40 expiresAt) = (stored.status, stored.expiresAt);
        if (status == ListingStatus.Unlisted || !_isLive(expiresAt)) {
            // The order's own code, never the product's current one: a later re-classification
            // cannot clear (or shut out) an order in flight.
            // mutate: equivalent(lit) — codes 0 and 1 are both chapter 0, never listed: _resolveCode gives Unlisted too
            if (hsCode == 0) status = ListingStatus.Unlisted;
            else (status, , ) = _resolveCode(destination, hsCode);
        }
        return
            status == ListingStatus.Positive || _jurisdictions[destination].customsAuthorities == 0;
    }

    /// @inheritdoc ITradeRegistry
    function complaintsOf(bytes32 productId, address seller) external view returns (uint64) {
        if (_products[productId].owner == seller) return _products[productId].complaintCount;
        return _otherComplaints[productId][seller];
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
        return _jurisdictions[jurisdiction].customsAuthorities != 0;
    }

    /// @inheritdoc ITradeRegistry
    function customsAuthorityCount(uint16 jurisdiction) external view returns (uint256) {
        return _jurisdictions[jurisdiction].customsAuthorities;
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
        if (status != ListingStatus.Unlisted && _isLive(expiresAt)) return status;
        (status, , ) = _resolveTariff(jurisdiction, productId);
        return status;
    }

    /// @inheritdoc ITradeRegistry
    function clearanceDecisionOf(
        uint16 jurisdiction,
        bytes32 productId
    )
        external
        view
        returns (ListingStatus status, ClearanceSource source, uint8 digits, uint32 code)
    {
        StoredListing storage stored = _listings[jurisdiction][productId];
        if (stored.status != ListingStatus.Unlisted && _isLive(stored.expiresAt)) {
            return (stored.status, ClearanceSource.Product, 0, 0);
        }
        (status, digits, code) = _resolveTariff(jurisdiction, productId);
        source = digits == 0 ? ClearanceSource.None : ClearanceSource.Tariff;
    }

    /// @inheritdoc ITradeRegistry
    function tariffCodeListingOf(
        uint16 jurisdiction,
        uint8 digits,
        uint32 code
    ) external view returns (Listing memory) {
        _checkTariffCode(digits, code);
        TariffNode storage node = _tariffs[_nodeKey(jurisdiction, code)];
        return
            Listing({
                status: node.status,
                expiresAt: node.expiresAt,
                version: node.version,
                updatedBy: node.updatedBy,
                updatedAt: node.updatedAt
            });
    }

    /// @inheritdoc ITradeRegistry
    function listedTariffCodeCount(
        uint16 jurisdiction,
        uint8 digits,
        ListingStatus status
    ) external view returns (uint256) {
        return _enumerableTariffs(jurisdiction, digits, status).length;
    }

    /// @inheritdoc ITradeRegistry
    function listedTariffCodePage(
        uint16 jurisdiction,
        uint8 digits,
        ListingStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (uint32[] memory codes) {
        uint32[] storage list = _enumerableTariffs(jurisdiction, digits, status);
        uint256 size = _pageSize(list.length, offset, limit);
        codes = new uint32[](size);
        for (uint256 i = 0; i < size; ++i) {
            codes[i] = list[offset + i];
        }
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
        uint256 size = _pageSize(list.length, offset, limit);
        productIds = new bytes32[](size);
        for (uint256 i = 0; i < size; ++i) {
            productIds[i] = list[offset + i];
        }
    }

    // ------------------------------------------------------------------------------------------
    //                                         INTERNALS
    // ------------------------------------------------------------------------------------------

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

    /// @dev Validates one tariff entry change, moves the prefix between status lists, bumps the
    ///      version, and when the prefix enters or leaves the lists updates its ancestors' masks.
    function _setTariffCodeListing(
        uint16 jurisdiction,
        uint8 digits,
        uint32 code,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) private {
        _checkTariffTerms(digits, code, status, expiresAt);
        JurisdictionState storage state = _jurisdictions[jurisdiction];
        if (!state.hadTariffs) {
            state.hadTariffs = true;
            _tariffJurisdictions.push(jurisdiction);
        }
        TariffNode storage node = _tariffs[_nodeKey(jurisdiction, code)];
        ListingStatus previous = node.status;
        uint24 position = node.position;
        if (previous != status) {
            position = _moveTariffBetweenLists(
                jurisdiction,
                digits,
                code,
                previous,
                status,
                position
            );
        }

        uint32 version = node.version + 1;
        node.status = status;
        node.expiresAt = expiresAt;
        node.version = version;
        // solhint-disable-next-line not-rely-on-time -- change time is a record, not a rule
        node.updatedAt = uint40(block.timestamp);
        node.updatedBy = msg.sender;
        node.position = position;
        if ((previous == ListingStatus.Unlisted) != (status == ListingStatus.Unlisted)) {
            _updateAncestors(jurisdiction, digits, code, status != ListingStatus.Unlisted);
        }
        emit TariffListingSet(
            jurisdiction,
            digits,
            code,
            previous,
            status,
            expiresAt,
            version,
            reasonHash,
            msg.sender
        );
    }

    /// @dev Records in the ancestors of `code` that it now is (`listed`) or no longer is listed:
    ///      each parent's mask bit for the child, up to the jurisdiction's chapter masks.
    function _updateAncestors(uint16 jurisdiction, uint8 digits, uint32 code, bool listed) private {
        JurisdictionState storage state = _jurisdictions[jurisdiction];
        if (digits == _CHAPTER_DIGITS) {
            state.listedChapters = _withBit(state.listedChapters, code, listed);
            return;
        }
        uint32 heading = code;
        if (digits == _NATIONAL_DIGITS) {
            TariffNode storage sub = _tariffs[_nodeKey(jurisdiction, code / _FANOUT)];
            sub.childrenA = _withBit(sub.childrenA, code % _FANOUT, listed);
            heading = code / (_FANOUT * _FANOUT);
            TariffNode storage parent = _tariffs[_nodeKey(jurisdiction, heading)];
            uint32 subIndex = (code / _FANOUT) % _FANOUT;
            parent.childrenB = _withBit(parent.childrenB, subIndex, sub.childrenA != 0);
        } else if (digits == _SUBHEADING_DIGITS) {
            heading = code / _FANOUT;
            TariffNode storage parent = _tariffs[_nodeKey(jurisdiction, heading)];
            parent.childrenA = _withBit(parent.childrenA, code % _FANOUT, listed);
        }
        TariffNode storage head = _tariffs[_nodeKey(jurisdiction, heading)];
        bool headingHoldsAnything =
            head.status != ListingStatus.Unlisted || head.childrenA != 0 || head.childrenB != 0;
        uint32 chapter = heading / _FANOUT;
        TariffNode storage chap = _tariffs[_nodeKey(jurisdiction, chapter)];
        chap.childrenA = _withBit(chap.childrenA, heading % _FANOUT, headingHoldsAnything);
        state.chaptersWithHeadings = _withBit(
            state.chaptersWithHeadings,
            chapter,
            chap.childrenA != 0
        );
    }

    /// @dev Rejects a malformed prefix, an expiry on Unlisted and a listed expiry not in future.
    function _checkTariffTerms(
        uint8 digits,
        uint32 code,
        ListingStatus status,
        uint40 expiresAt
    ) private view {
        _checkTariffCode(digits, code);
        if (status == ListingStatus.Unlisted) {
            if (expiresAt != 0) revert TariffExpiryOnUnlisted(digits, code, expiresAt);
        } else if (!_isLive(expiresAt)) {
            // solhint-disable-next-line not-rely-on-time -- reporting the clock the check used
            revert TariffExpiryNotInFuture(digits, code, expiresAt, block.timestamp);
        }
    }

    /// @dev Takes `code` off its `previous` status list and appends it to the `status` one;
    ///      returns its new 1-based position (0 when Unlisted).
    function _moveTariffBetweenLists(
        uint16 jurisdiction,
        uint8 digits,
        uint32 code,
        ListingStatus previous,
        ListingStatus status,
        uint24 position
    ) private returns (uint24) {
        if (previous != ListingStatus.Unlisted) {
            _removeTariffFromList(jurisdiction, digits, previous, position);
        }
        if (status == ListingStatus.Unlisted) return 0;
        uint32[] storage list = _tariffLists[jurisdiction][digits][status];
        list.push(code);
        return uint24(list.length);
    }

    /// @dev Swap-and-pop for tariff lists, as `_removeFromList` does for products.
    function _removeTariffFromList(
        uint16 jurisdiction,
        uint8 digits,
        ListingStatus status,
        uint24 position
    ) private {
        uint32[] storage list = _tariffLists[jurisdiction][digits][status];
        uint256 last = list.length;
        if (position != last) {
            uint32 moved = list[last - 1];
            list[position - 1] = moved;
            _tariffs[_nodeKey(jurisdiction, moved)].position = position;
        }
        list.pop();
    }

    /// @dev The live tariff entry of the longest listed prefix of the HS code in force for
    ///      `productId` at `jurisdiction` (digits 0: none applies).
    function _resolveTariff(
        uint16 jurisdiction,
        bytes32 productId
    ) private view returns (ListingStatus status, uint8 digits, uint32 code) {
        JurisdictionState storage state = _jurisdictions[jurisdiction];
        if (state.listedChapters | state.chaptersWithHeadings == 0) {
            return (ListingStatus.Unlisted, 0, 0);
        }
        return _resolveCode(jurisdiction, _codeInForce(jurisdiction, productId));
    }

    /// @dev `productId`'s clearance as a new order to `jurisdiction` sees it, with the HS code the
    ///      order keeps: zero when its own live entry decides or the jurisdiction has no tariff
    ///      listings (then no tariff entry may ever clear the order on its own).
    function _clearanceAtCreation(
        uint16 jurisdiction,
        bytes32 productId
    ) private view returns (ListingStatus status, uint32 hsCode) {
        StoredListing storage stored = _listings[jurisdiction][productId];
        // Both fields sit in slot 0; read together so the optimizer issues one SLOAD.
        (ListingStatus own, uint40 expiresAt) = (stored.status, stored.expiresAt);
        if (own != ListingStatus.Unlisted && _isLive(expiresAt)) return (own, 0);
        JurisdictionState storage state = _jurisdictions[jurisdiction];
        if (state.listedChapters | state.chaptersWithHeadings == 0) {
            return (ListingStatus.Unlisted, 0);
        }
        hsCode = _codeInForce(jurisdiction, productId);
        (status, , ) = _resolveCode(jurisdiction, hsCode);
    }

    /// @dev The HS code in force for `productId` at `jurisdiction`: the binding there, else the
    ///      declared code (zero for an unregistered id). The binding costs a read only in a
    ///      jurisdiction that has ever bound a product.
    function _codeInForce(
        uint16 jurisdiction,
        bytes32 productId
    ) private view returns (uint32 hsCode) {
        if (_jurisdictions[jurisdiction].hasBindings) hsCode = _bindings[jurisdiction][productId];
        if (hsCode == 0) hsCode = _products[productId].hsCode;
    }

    /// @dev One rule for every re-classification from `previous` to `hsCode`: in each country
    ///      with tariff listings and no binding for the product, when its lists refuse exactly one
    ///      of the two codes, the previous code stays in force there (held as a binding) until its
    ///      customs binds a code. So the owner alone can neither lift a ban nor impose one.
    function _holdClassification(bytes32 productId, uint32 previous, uint32 hsCode) private {
        uint256 count = _tariffJurisdictions.length;
        for (uint256 i = 0; i < count; ++i) {
            uint16 jurisdiction = _tariffJurisdictions[i];
            if (_bindings[jurisdiction][productId] != 0) continue;
            (ListingStatus before, , ) = _resolveCode(jurisdiction, previous);
            (ListingStatus next, , ) = _resolveCode(jurisdiction, hsCode);
            if ((before == ListingStatus.Negative) != (next == ListingStatus.Negative)) {
                _bindings[jurisdiction][productId] = previous;
                _jurisdictions[jurisdiction].hasBindings = true;
                emit ClassificationHeld(jurisdiction, productId, previous, hsCode);
            }
        }
    }

    /// @dev The live tariff entry of the longest listed prefix of `hsCode` (digits 0: none
    ///      applies). Walks the tree from the top, reading only nodes that can matter: a chapter
    ///      only when it has an entry of its own, a heading only when its chapter's masks say it
    ///      holds anything, a national line or subheading only when its heading's masks do.
    function _resolveCode(
        uint16 jurisdiction,
        uint32 hsCode
    ) private view returns (ListingStatus status, uint8 digits, uint32 code) {
        JurisdictionState storage state = _jurisdictions[jurisdiction];
        (uint104 listedChapters, uint104 deepChapters) = (
            state.listedChapters,
            state.chaptersWithHeadings
        );
        if (listedChapters | deepChapters == 0) return (ListingStatus.Unlisted, 0, 0);
        // HS code 0 (an unregistered id) is chapter 0, whose bits are never set.
        uint32 heading = hsCode / (_FANOUT * _FANOUT);
        uint32 chapter = heading / _FANOUT;
        bool deep = (deepChapters >> chapter) & 1 != 0;
        if ((listedChapters >> chapter) & 1 != 0) {
            TariffNode storage chap = _tariffs[_nodeKey(jurisdiction, chapter)];
            if (_isLive(chap.expiresAt))
                (status, digits, code) = (chap.status, _CHAPTER_DIGITS, chapter);
            // Read first, so that a product the chapter decides costs this one node.
            deep = (chap.childrenA >> (heading % _FANOUT)) & 1 != 0;
        }
        if (deep) {
            (ListingStatus below, uint8 belowDigits, uint32 belowCode) = _resolveBelowChapter(
                jurisdiction,
                hsCode
            );
            if (belowDigits != 0) return (below, belowDigits, belowCode);
        }
    }

    /// @dev The live entry of the longest listed prefix of `hsCode` with 4 or more digits: the
    ///      heading's node, then the national line or subheading when the heading's masks say it
    ///      is listed (digits 0: none applies).
    function _resolveBelowChapter(
        uint16 jurisdiction,
        uint32 hsCode
    ) private view returns (ListingStatus status, uint8 digits, uint32 code) {
        uint32 subheading = hsCode / _FANOUT;
        uint32 heading = subheading / _FANOUT;
        TariffNode storage node = _tariffs[_nodeKey(jurisdiction, heading)];
        (uint104 subs, uint104 subsWithLines) = (node.childrenA, node.childrenB);
        if (node.status != ListingStatus.Unlisted && _isLive(node.expiresAt)) {
            (status, digits, code) = (node.status, _HEADING_DIGITS, heading);
        }
        uint256 subIndex = subheading % _FANOUT;
        if ((subsWithLines >> subIndex) & 1 != 0) {
            node = _tariffs[_nodeKey(jurisdiction, hsCode)];
            if (node.status != ListingStatus.Unlisted && _isLive(node.expiresAt)) {
                return (node.status, _NATIONAL_DIGITS, hsCode);
            }
        }
        if ((subs >> subIndex) & 1 != 0) {
            node = _tariffs[_nodeKey(jurisdiction, subheading)];
            if (_isLive(node.expiresAt)) return (node.status, _SUBHEADING_DIGITS, subheading);
        }
    }

    /// @dev The list of `status` prefixes at `digits`; reverts for Unlisted or a bad level.
    function _enumerableTariffs(
        uint16 jurisdiction,
        uint8 digits,
        ListingStatus status
    ) private view returns (uint32[] storage) {
        _checkTariffLevel(digits);
        if (status == ListingStatus.Unlisted) revert UnlistedNotEnumerable(jurisdiction);
        return _tariffLists[jurisdiction][digits][status];
    }

    /// @dev The key of `code`'s node in `jurisdiction`'s tariff tree.
    function _nodeKey(uint16 jurisdiction, uint32 code) private pure returns (uint48) {
        return (uint48(jurisdiction) << 32) | code;
    }

    /// @dev `mask` with bit `index` set to `value`.
    function _withBit(uint256 mask, uint256 index, bool value) private pure returns (uint104) {
        uint256 bit = 1 << index;
        return uint104(value ? mask | bit : mask & ~bit);
    }

    /// @dev Rows of a page from `offset`: sized from what remains, so a huge `limit` cannot
    ///      overflow `offset + limit`; 0 past the end.
    function _pageSize(
        uint256 length,
        uint256 offset,
        uint256 limit
    ) private pure returns (uint256) {
        if (!(offset < length)) return 0;
        uint256 remaining = length - offset;
        return limit < remaining ? limit : remaining;
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

    /// @dev Reverts unless `signature` is `seller`'s consent to `orderId` of the calling escrow:
    ///      signed by the seller or a current delegate, or valid under ERC-1271 for a contract.
    function _checkConsent(address seller, bytes32 orderId, bytes calldata signature) private view {
        if (signature.length == 0) revert ITradeEscrow.SellerSignatureMissing(orderId, seller);
        bytes32 digest = sellerConsentDigest(msg.sender, orderId);
        (address signer, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecover(digest, signature);
        if (recoverError == ECDSA.RecoverError.NoError) {
            if (signer == seller) return;
            uint8 delegate = _delegates[seller][signer];
            if (delegate == _DELEGATE_CURRENT) return;
            if (delegate == _DELEGATE_REVOKED) {
                revert ITradeEscrow.SellerDelegateRevoked(orderId, seller, signer);
            }
        }
        if (
            // mutate: equivalent(lit) — a seller without code (or with 1 byte of it) cannot return the ERC-1271 magic value either
            seller.code.length == 0 ||
            !SignatureChecker.isValidERC1271SignatureNow(seller, digest, signature)
        ) revert ITradeEscrow.SellerSignatureInvalid(orderId, seller, signer);
    }

    /// @dev Lets the wired escrow re-read its default arbiter's standing after a suspension or a
    ///      reinstatement (it may be the default arbiter), so new orders never name a suspended one.
    function _notifyEscrow() private {
        address wired = escrow;
        if (wired.code.length != 0) ITradeEscrowCheckout(wired).syncDefaultArbiter();
    }

    /// @dev True when `account` is registered and suspended.
    function _isSuspended(address account) private view returns (bool) {
        Participant storage participant = _participants[account];
        // Both fields sit in slot 0; read together so the optimizer issues one SLOAD.
        (bool active, uint40 registeredAt) = (participant.active, participant.registeredAt);
        return registeredAt != 0 && !active;
    }

    /// @dev The participant record of `account`; reverts when it was never registered.
    function _knownParticipant(address account) private view returns (Participant storage) {
        Participant storage participant = _participants[account];
        if (participant.registeredAt == 0) revert ParticipantNotRegistered(account);
        return participant;
    }

    /// @dev The record of `productId`; reverts unless it is registered and the caller owns it.
    function _ownedProduct(bytes32 productId) private view returns (Product storage product) {
        product = _products[productId];
        address owner = product.owner;
        if (owner == address(0)) revert ProductNotRegistered(productId);
        if (owner != msg.sender) revert CallerNotProductOwner(productId, msg.sender, owner);
    }

    /// @dev Rejects anything but an 8-digit HS code of chapter 01-99.
    function _checkHsCode(uint32 hsCode) private pure {
        if (hsCode < _MIN_HS_CODE || hsCode > _MAX_HS_CODE) revert InvalidHsCode(hsCode);
    }

    /// @dev Rejects a level other than 2, 4, 6 or 8 digits.
    function _checkTariffLevel(uint8 digits) private pure {
        if (
            digits != _CHAPTER_DIGITS &&
            digits != _HEADING_DIGITS &&
            digits != _SUBHEADING_DIGITS &&
            digits != _NATIONAL_DIGITS
        ) revert InvalidTariffLevel(digits);
    }

    /// @dev Rejects a prefix outside its level's range (chapter 00 does not exist).
    function _checkTariffCode(uint8 digits, uint32 code) private pure {
        _checkTariffLevel(digits);
        uint256 ceiling = 10 ** digits;
        if (code < ceiling / _FANOUT || code > ceiling - 1) revert InvalidTariffCode(digits, code);
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
