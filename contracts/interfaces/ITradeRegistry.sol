// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Participant role bits, combined into a uint8 mask (file-level so importers share them).
uint8 constant ROLE_SELLER = 1; // seller / exporter
uint8 constant ROLE_BUYER = 2; // buyer / importer
uint8 constant ROLE_LOGISTICS = 4; // logistics provider
uint8 constant ROLE_ARBITER = 8; // dispute arbiter
uint8 constant ROLE_FX_PROVIDER = 16; // FX provider: quotes cross-currency orders, funds their payout leg

/// @title ITradeRegistry
/// @author TradeChain
/// @notice The trade chain's directory: participants and their roles, customs authorities per
///         jurisdiction, products, and per-jurisdiction positive/negative product lists.
/// @dev Jurisdictions are ISO-3166-1 numeric country codes (1-999). Every change emits an event
///      carrying who made it, what changed, the reason hash and a per-entry version, so an
///      indexer can rebuild the complete history from logs alone.
interface ITradeRegistry {
    // ------------------------------------------------------------------------------------------
    //                                           TYPES
    // ------------------------------------------------------------------------------------------

    /// @notice A product's standing on one jurisdiction's lists.
    enum ListingStatus {
        Unlisted,
        Positive,
        Negative
    }

    /// @notice Which entry decided a clearance (see `clearanceDecisionOf`).
    enum ClearanceSource {
        None,
        Product,
        Tariff
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
    ///      hsCode, hsCodeVersion and complaintCount share slot 2 (the HS code is read only
    ///      when a destination lists tariff codes; complaints are the escrow's rare path).
    ///      hsCode is the 8-digit national tariff code as a number, so "09021000" is 9021000.
    struct Product {
        address owner;
        uint40 registeredAt;
        uint32 metadataVersion;
        bytes32 metadataHash;
        uint32 hsCode;
        uint32 hsCodeVersion;
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

    // ------------------------------------------------------------------------------------------
    //                                           EVENTS
    // ------------------------------------------------------------------------------------------

    /// @notice Emitted when `registrar` onboards `account`.
    /// @param account The new participant.
    /// @param roles Its role bitmask.
    /// @param jurisdiction Its ISO-3166-1 numeric country code.
    /// @param identityHash Hash of its identity documents kept off chain.
    /// @param version The participant record's version after the change (1).
    /// @param registrar Who onboarded it.
    event ParticipantRegistered(
        address indexed account,
        uint8 roles,
        uint16 indexed jurisdiction,
        bytes32 identityHash,
        uint32 version,
        address indexed registrar
    );

    /// @notice Emitted when `registrar` changes `account`'s roles, jurisdiction or identity hash.
    /// @param account The participant.
    /// @param roles Its new role bitmask.
    /// @param jurisdiction Its new country code.
    /// @param identityHash Its new identity documents hash.
    /// @param version The participant record's version after the change.
    /// @param registrar Who changed it.
    event ParticipantUpdated(
        address indexed account,
        uint8 roles,
        uint16 indexed jurisdiction,
        bytes32 identityHash,
        uint32 version,
        address indexed registrar
    );

    /// @notice Emitted when `registrar` suspends `account` for the reason committed in `reasonHash`.
    /// @param account The suspended participant.
    /// @param reasonHash Hash of the suspension decision kept off chain.
    /// @param version The participant record's version after the change.
    /// @param registrar Who suspended it.
    event ParticipantSuspended(
        address indexed account,
        bytes32 reasonHash,
        uint32 indexed version,
        address indexed registrar
    );

    /// @notice Emitted when `registrar` reinstates the suspended `account`.
    /// @param account The reinstated participant.
    /// @param version The participant record's version after the change.
    /// @param registrar Who reinstated it.
    event ParticipantReinstated(
        address indexed account,
        uint32 indexed version,
        address indexed registrar
    );

    /// @notice Emitted when the admin grants (`enabled`) or revokes customs authority over
    ///         `jurisdiction`.
    /// @param jurisdiction The country whose lists the authority may change.
    /// @param authority The customs account.
    /// @param enabled True when granted, false when revoked.
    /// @param authorityCount The jurisdiction's number of authorities after the change.
    /// @param admin Who made the change.
    event CustomsAuthoritySet(
        uint16 indexed jurisdiction,
        address indexed authority,
        bool enabled,
        uint256 authorityCount,
        address indexed admin
    );

    /// @notice Emitted when the active seller `owner` registers `productId`.
    /// @param productId keccak256 of the product's canonical public identifier.
    /// @param owner The registering seller, now the product's owner.
    /// @param hsCode The product's 8-digit HS code as a number (HS code version 1).
    /// @param metadataHash Hash of the provenance and quality documents (metadata version 1).
    event ProductRegistered(
        bytes32 indexed productId,
        address indexed owner,
        uint32 indexed hsCode,
        bytes32 metadataHash
    );

    /// @notice Emitted when `owner` re-classifies `productId` under another HS code.
    /// @param productId The product.
    /// @param owner Its owner, who made the change.
    /// @param previousHsCode The HS code before the change.
    /// @param hsCode The HS code after the change.
    /// @param hsCodeVersion The HS code version after the change.
    event ProductHsCodeUpdated(
        bytes32 indexed productId,
        address indexed owner,
        uint32 previousHsCode,
        uint32 hsCode,
        uint32 indexed hsCodeVersion
    );

    /// @notice Emitted when `owner` commits new provenance/quality documents for `productId`.
    /// @param productId The product.
    /// @param owner Its owner, who made the change.
    /// @param metadataHash Hash of the new documents.
    /// @param metadataVersion The metadata version after the change.
    event ProductMetadataUpdated(
        bytes32 indexed productId,
        address indexed owner,
        bytes32 metadataHash,
        uint32 indexed metadataVersion
    );

    /// @notice Emitted on every change of a list entry; replaying these rebuilds every list.
    /// @param jurisdiction The country whose list changed.
    /// @param productId The product.
    /// @param previousStatus The stored status before the change.
    /// @param status The stored status after the change.
    /// @param expiresAt The new expiry (0: none).
    /// @param version The entry's version after the change (starts at 1, +1 per change).
    /// @param reasonHash Hash of the customs decision document.
    /// @param authority The customs authority that made the change.
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

    /// @notice Emitted on every change of a tariff-code entry; replaying these rebuilds every
    ///         tariff list.
    /// @param jurisdiction The country whose list changed.
    /// @param digits The prefix's level: 2 (chapter), 4 (heading), 6 (subheading), 8 (national).
    /// @param code The prefix as a number ("0902" is 902).
    /// @param previousStatus The stored status before the change.
    /// @param status The stored status after the change.
    /// @param expiresAt The new expiry (0: none).
    /// @param version The entry's version after the change (starts at 1, +1 per change).
    /// @param reasonHash Hash of the customs decision document.
    /// @param authority The customs authority that made the change.
    event TariffListingSet(
        uint16 indexed jurisdiction,
        uint8 digits,
        uint32 indexed code,
        ListingStatus previousStatus,
        ListingStatus status,
        uint40 expiresAt,
        uint32 version,
        bytes32 reasonHash,
        address indexed authority
    );

    /// @notice Emitted when the admin sets which escrow may record complaints.
    /// @param previousEscrow The escrow allowed before (zero at first).
    /// @param escrow The escrow allowed from now on.
    event EscrowSet(address indexed previousEscrow, address indexed escrow);

    /// @notice Emitted when the admin sets the cross-currency escrow, which may also record
    ///         complaints.
    /// @param previousEscrow The cross-currency escrow before (zero at first).
    /// @param fxEscrow The cross-currency escrow from now on.
    event FxEscrowSet(address indexed previousEscrow, address indexed fxEscrow);

    /// @notice Emitted when the escrow records a buyer's complaint about a product as sold by the
    ///         order's seller.
    /// @param productId The product complained about.
    /// @param orderId The escrow order the complaint comes from.
    /// @param seller The order's seller: the complaint is about the product as this seller sold it.
    /// @param complainant The buyer who complained.
    /// @param evidenceHash Hash of the complaint's evidence kept off chain.
    /// @param amount The order's amount, in its token's base units.
    /// @param fee The platform fee the order paid (zero when it was refunded in full).
    /// @param complaintCount The complaints against `productId` as sold by `seller` after this
    ///        one; when `seller` owns the product, that is `productOf(productId).complaintCount`.
    event ComplaintRecorded(
        bytes32 indexed productId,
        bytes32 indexed orderId,
        address indexed seller,
        address complainant,
        bytes32 evidenceHash,
        uint256 amount,
        uint256 fee,
        uint64 complaintCount
    );

    /// @notice Emitted when `seller` lets `delegate` consent to orders on its behalf.
    /// @param seller The seller.
    /// @param delegate The signer it trusts (a platform selling for it).
    event DelegateSet(address indexed seller, address indexed delegate);

    /// @notice Emitted when `seller` withdraws `delegate`'s right to consent for it.
    /// @param seller The seller.
    /// @param delegate The former delegate; its signatures are refused from now on.
    event DelegateRevoked(address indexed seller, address indexed delegate);

    /// @notice Emitted when a customs authority of `jurisdiction` binds `productId`'s
    ///         classification there (zero: the binding is lifted and the declared code applies).
    /// @param jurisdiction The country whose customs decided.
    /// @param productId The product.
    /// @param authority The customs authority.
    /// @param previousHsCode The code in force there before (binding or declared).
    /// @param hsCode The bound code, or zero when the binding was lifted.
    event ClassificationBound(
        uint16 indexed jurisdiction,
        bytes32 indexed productId,
        address indexed authority,
        uint32 previousHsCode,
        uint32 hsCode
    );

    // Two codes side by side are read together, not filtered on.
    // solhint-disable gas-indexed-events
    /// @notice Emitted when an owner's re-classification would change whether `jurisdiction`
    ///         refuses the product: there the previous code stays in force, held as a binding,
    ///         until that country's customs binds a code (`bindClassification`).
    /// @param jurisdiction The country.
    /// @param productId The product.
    /// @param heldHsCode The code that stays in force there.
    /// @param declaredHsCode The owner's new code, in force everywhere else.
    event ClassificationHeld(
        uint16 indexed jurisdiction,
        bytes32 indexed productId,
        uint32 heldHsCode,
        uint32 declaredHsCode
    );
    // solhint-enable gas-indexed-events

    // ------------------------------------------------------------------------------------------
    //                                           ERRORS
    // ------------------------------------------------------------------------------------------

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
    error ParticipantNotRegistered(address account);

    /// @notice Thrown when suspending a participant that is already suspended.
    error ParticipantAlreadySuspended(address account);

    /// @notice Thrown when reinstating a participant that is not suspended.
    error ParticipantNotSuspended(address account);

    /// @notice Thrown when a product id is zero.
    error ZeroProductId();

    /// @notice Thrown when a product is registered or updated without a metadata hash.
    error ZeroMetadataHash(bytes32 productId);

    /// @notice Thrown when an HS code is not an 8-digit national tariff code (chapter 01-99):
    ///         as a number it must lie in 1,000,000-99,999,999 ("01000000"-"99999999").
    error InvalidHsCode(uint32 hsCode);

    /// @notice Thrown when `account` is not an active participant holding the seller role.
    error SellerNotActive(address account);

    /// @notice Thrown when registering a product id that `owner` already registered.
    error ProductAlreadyRegistered(bytes32 productId, address owner);

    /// @notice Thrown when a product id has not been registered.
    error ProductNotRegistered(bytes32 productId);

    /// @notice Thrown when `caller` is not `owner`, the owner of `productId`.
    error CallerNotProductOwner(bytes32 productId, address caller, address owner);

    /// @notice Thrown when granting or revoking customs authority would change nothing.
    error CustomsAuthorityUnchanged(uint16 jurisdiction, address authority, bool enabled);

    /// @notice Thrown when `caller` is not a customs authority of `jurisdiction`.
    error CallerNotCustomsAuthority(uint16 jurisdiction, address caller);

    /// @notice Thrown when a listed entry's non-zero expiry is not after the current time.
    error ExpiryNotInFuture(bytes32 productId, uint40 expiresAt, uint256 currentTime);

    /// @notice Thrown when an entry is set to Unlisted with an expiry (only listed entries expire).
    error ExpiryOnUnlisted(bytes32 productId, uint40 expiresAt);

    /// @notice Thrown when a tariff level is not 2, 4, 6 or 8 digits.
    error InvalidTariffLevel(uint8 digits);

    /// @notice Thrown when `code` is not a `digits`-digit HS prefix of chapter 01-99 (for 4
    ///         digits: 100-9,999, i.e. "0100"-"9999").
    error InvalidTariffCode(uint8 digits, uint32 code);

    /// @notice Thrown when a listed tariff entry's non-zero expiry is not after the current time.
    error TariffExpiryNotInFuture(uint8 digits, uint32 code, uint40 expiresAt, uint256 currentTime);

    /// @notice Thrown when a tariff entry is set to Unlisted with an expiry.
    error TariffExpiryOnUnlisted(uint8 digits, uint32 code, uint40 expiresAt);

    /// @notice Thrown when a batch's arrays differ in length from its first array.
    error LengthMismatch(uint256 expected, uint256 actual);

    /// @notice Thrown when a batch call carries no entries.
    error EmptyBatch();

    /// @notice Thrown when asking to enumerate the Unlisted "list", which is not kept (every
    ///         product id that was never listed is Unlisted).
    error UnlistedNotEnumerable(uint16 jurisdiction);

    /// @notice Thrown when `caller` is not the escrow allowed to record complaints.
    error CallerNotEscrow(address caller);

    /// @notice Thrown when `seller` sets a delegate it already has.
    error DelegateAlreadySet(address seller, address delegate);

    /// @notice Thrown when `seller` revokes a signer that is not its delegate.
    error DelegateNotSet(address seller, address delegate);

    /// @notice Thrown when a binding would leave the code in force unchanged.
    error ClassificationUnchanged(uint16 jurisdiction, bytes32 productId, uint32 hsCode);

    // ------------------------------------------------------------------------------------------
    //                                        PARTICIPANTS
    // ------------------------------------------------------------------------------------------

    /// @notice The role that onboards, updates, suspends and reinstates participants.
    /// @return The role id, keccak256("REGISTRAR_ROLE").
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice Onboards `account` after off-chain identity checks; it starts active.
    /// @param account The participant's address.
    /// @param roles Role bitmask (`ROLE_SELLER | ROLE_BUYER | ...`), non-empty.
    /// @param jurisdiction Its ISO-3166-1 numeric country code (1-999).
    /// @param identityHash Hash of the identity documents kept off chain (non-zero).
    function registerParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) external;

    /// @notice Onboards many participants at once; all or none.
    /// @param accounts The participants' addresses.
    /// @param roles Each one's role bitmask (parallel to `accounts`).
    /// @param jurisdictions Each one's country code (parallel to `accounts`).
    /// @param identityHashes Each one's identity documents hash (parallel to `accounts`).
    function registerParticipants(
        address[] calldata accounts,
        uint8[] calldata roles,
        uint16[] calldata jurisdictions,
        bytes32[] calldata identityHashes
    ) external;

    /// @notice Replaces a registered participant's roles, jurisdiction and identity hash; a
    ///         suspended participant stays suspended.
    /// @param account The participant.
    /// @param roles Its new role bitmask, non-empty.
    /// @param jurisdiction Its new country code (1-999).
    /// @param identityHash Its new identity documents hash (non-zero).
    function updateParticipant(
        address account,
        uint8 roles,
        uint16 jurisdiction,
        bytes32 identityHash
    ) external;

    /// @notice Suspends an active participant; `isActive` returns false until reinstated. The
    ///         wired escrow is told (`syncDefaultArbiter`), in case it is its default arbiter; the
    ///         same happens on reinstatement.
    /// @param account The participant.
    /// @param reasonHash Hash of the suspension decision kept off chain.
    function suspendParticipant(address account, bytes32 reasonHash) external;

    /// @notice Reinstates a suspended participant.
    /// @param account The participant.
    function reinstateParticipant(address account) external;

    // ------------------------------------------------------------------------------------------
    //                                          CUSTOMS
    // ------------------------------------------------------------------------------------------

    /// @notice Grants or revokes an account's power to set a jurisdiction's lists; admin only.
    /// @param jurisdiction The country (1-999).
    /// @param authority The customs account.
    /// @param enabled True to grant, false to revoke.
    function setCustomsAuthority(uint16 jurisdiction, address authority, bool enabled) external;

    // ------------------------------------------------------------------------------------------
    //                                          PRODUCTS
    // ------------------------------------------------------------------------------------------

    /// @notice Registers `productId` with the caller, an active seller, as its owner.
    /// @param productId keccak256 of the canonical GTIN or HS-code+SKU string (see `src/ids.ts`).
    /// @param hsCode The product's 8-digit HS code as a number (1,000,000-99,999,999).
    /// @param metadataHash Hash committing to the provenance and quality documents kept off chain.
    function registerProduct(bytes32 productId, uint32 hsCode, bytes32 metadataHash) external;

    /// @notice Re-classifies `productId` under another HS code; only its owner, while an active
    ///         seller. Tariff listings then apply by the new code, except in a country whose
    ///         tariff lists refuse exactly one of the old and the new code: there the old code
    ///         stays in force (`ClassificationHeld`) until its customs binds one. Orders already
    ///         created keep the code they were created with.
    /// @param productId The product.
    /// @param hsCode The new 8-digit HS code as a number (1,000,000-99,999,999).
    function reclassifyProduct(bytes32 productId, uint32 hsCode) external;

    /// @notice Commits new metadata for `productId`; only its owner, while an active seller.
    /// @param productId The product.
    /// @param metadataHash Hash of the new documents (non-zero).
    function updateProductMetadata(bytes32 productId, bytes32 metadataHash) external;

    // ------------------------------------------------------------------------------------------
    //                                           LISTS
    // ------------------------------------------------------------------------------------------

    /// @notice Sets `productId`'s entry on `jurisdiction`'s lists; only that jurisdiction's customs.
    /// @param jurisdiction The country whose list changes.
    /// @param productId The product (need not be registered: customs may ban unknown goods).
    /// @param status Unlisted removes the entry from the lists; Positive or Negative lists it.
    /// @param expiresAt 0 for no expiry, otherwise a future timestamp from which the entry
    ///        counts as Unlisted; must be 0 when `status` is Unlisted.
    /// @param reasonHash Hash of the customs decision document (may be zero).
    function setListing(
        uint16 jurisdiction,
        bytes32 productId,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) external;

    /// @notice Batch form of `setListing` for one jurisdiction; all or none.
    /// @param jurisdiction The country whose lists change.
    /// @param productIds The products.
    /// @param statuses Each entry's new status (parallel to `productIds`).
    /// @param expiresAts Each entry's expiry (parallel to `productIds`).
    /// @param reasonHashes Each entry's reason hash (parallel to `productIds`).
    function setListings(
        uint16 jurisdiction,
        bytes32[] calldata productIds,
        ListingStatus[] calldata statuses,
        uint40[] calldata expiresAts,
        bytes32[] calldata reasonHashes
    ) external;

    /// @notice Sets the entry of an HS prefix on `jurisdiction`'s lists; only that
    ///         jurisdiction's customs. Every registered product whose HS code starts with the
    ///         prefix takes the entry, unless it has a live entry of its own or a longer listed
    ///         prefix applies.
    /// @param jurisdiction The country whose list changes.
    /// @param digits 2 (chapter), 4 (heading), 6 (subheading) or 8 (national tariff line).
    /// @param code The prefix as a number: chapter 1-99, heading 100-9,999 ("0902" is 902),
    ///        subheading 10,000-999,999, national line 1,000,000-99,999,999.
    /// @param status Unlisted removes the entry; Positive or Negative lists the prefix.
    /// @param expiresAt 0 for no expiry, otherwise a future timestamp from which the entry is
    ///        absent (the next shorter prefix applies); must be 0 when `status` is Unlisted.
    /// @param reasonHash Hash of the customs decision document (may be zero).
    function setTariffCodeListing(
        uint16 jurisdiction,
        uint8 digits,
        uint32 code,
        ListingStatus status,
        uint40 expiresAt,
        bytes32 reasonHash
    ) external;

    /// @notice Batch form of `setTariffCodeListing` for one jurisdiction; all or none.
    /// @param jurisdiction The country whose lists change.
    /// @param digits Each prefix's level.
    /// @param codes The prefixes (parallel to `digits`).
    /// @param statuses Each entry's new status (parallel to `digits`).
    /// @param expiresAts Each entry's expiry (parallel to `digits`).
    /// @param reasonHashes Each entry's reason hash (parallel to `digits`).
    function setTariffCodeListingBatch(
        uint16 jurisdiction,
        uint8[] calldata digits,
        uint32[] calldata codes,
        ListingStatus[] calldata statuses,
        uint40[] calldata expiresAts,
        bytes32[] calldata reasonHashes
    ) external;

    // ------------------------------------------------------------------------------------------
    //                                         COMPLAINTS
    // ------------------------------------------------------------------------------------------

    /// @notice Sets the escrow allowed to call `recordComplaint`; admin only.
    /// @param escrow The escrow contract (non-zero).
    function setEscrow(address escrow) external;

    /// @notice Sets the cross-currency escrow (`TradeFxEscrow`), also allowed to call
    ///         `recordComplaint`; admin only.
    /// @param fxEscrow_ The cross-currency escrow contract (non-zero).
    function setFxEscrow(address fxEscrow_) external;

    /// @notice Records a buyer's complaint against `productId` as sold by `seller`, from order
    ///         `orderId`; escrow only. It counts on the product's `complaintCount` when `seller`
    ///         owns the product, otherwise apart, per seller (`complaintsOf`).
    /// @dev The escrow only forwards complaints about registered products; for an id nobody owns
    ///      the complaint counts apart under `seller`. The escrow is responsible for one complaint
    ///      per order.
    /// @param productId The product complained about (non-zero).
    /// @param orderId The escrow order the complaint comes from.
    /// @param seller The order's seller (non-zero).
    /// @param complainant The buyer who complains (non-zero).
    /// @param evidenceHash Hash of the evidence kept off chain.
    /// @param amount The order's amount.
    /// @param fee The platform fee the order paid.
    function recordComplaint(
        bytes32 productId,
        bytes32 orderId,
        address seller,
        address complainant,
        bytes32 evidenceHash,
        uint256 amount,
        uint256 fee
    ) external;

    // ------------------------------------------------------------------------------------------
    //                                          CONSENT
    // ------------------------------------------------------------------------------------------

    /// @notice Lets `delegate` sign order consents for the caller, an active seller (a platform
    ///         that sells on its behalf). A seller may have many delegates.
    /// @param delegate The signer (non-zero; the seller itself needs no delegation).
    function setDelegate(address delegate) external;

    /// @notice Withdraws `delegate`'s right to consent for the caller; orders it signed for that
    ///         are not yet created are refused from now on (`SellerDelegateRevoked`).
    /// @param delegate A current delegate of the caller.
    function revokeDelegate(address delegate) external;

    /// @notice Whether `signer` may consent to orders for `seller` (a current delegate).
    /// @param seller The seller.
    /// @param signer The signer.
    /// @return True while `signer` is a delegate of `seller`.
    function isDelegate(address seller, address signer) external view returns (bool);

    /// @notice The EIP-712 digest a seller (or its delegate) signs to consent to order `orderId`
    ///         of `escrow`: `SellerConsent(address escrow,bytes32 orderId)` under this registry's
    ///         domain ("TradeRegistry", "1", chain id, this registry).
    /// @param escrow The escrow the order is for.
    /// @param orderId The order id (`orderIdOf(terms)` of that escrow: it commits to every term).
    /// @return The digest.
    function sellerConsentDigest(address escrow, bytes32 orderId) external view returns (bytes32);

    /// @notice Every registry check a new order of the calling escrow needs, in one call: the
    ///         seller is an active seller, the arbiter is an active registered arbiter (unless
    ///         `namedDefault`: the escrow's default arbiter needs no role, and the escrow itself
    ///         refuses it while suspended), the product is not refused at `destination`, and
    ///         `sellerSignature` is the seller's consent to `orderId` (by the seller, ERC-1271 for
    ///         a contract seller, or a current delegate). Reverts with the escrow's errors
    ///         (`ITradeEscrow`), so clients decode them with the escrow's ABI.
    /// @param seller The order's seller.
    /// @param arbiter The order's arbiter.
    /// @param namedDefault Whether `arbiter` is the escrow's default arbiter.
    /// @param destination The destination country.
    /// @param productId The product.
    /// @param orderId The order id the seller consents to.
    /// @param sellerSignature The consent signature over `sellerConsentDigest(msg.sender, orderId)`.
    /// @return hsCode The product's HS code in force at `destination` when it has tariff
    ///         listings (the order keeps it: clearance is decided on it), else zero.
    function checkNewOrder(
        address seller,
        address arbiter,
        bool namedDefault,
        uint16 destination,
        bytes32 productId,
        bytes32 orderId,
        bytes calldata sellerSignature
    ) external view returns (uint32 hsCode);

    // ------------------------------------------------------------------------------------------
    //                                       CLASSIFICATION
    // ------------------------------------------------------------------------------------------

    /// @notice Binds `productId`'s classification in `jurisdiction`; only that country's customs.
    ///         The bound code overrides the owner's declared code there; zero lifts the binding.
    /// @param jurisdiction The country.
    /// @param productId A registered product.
    /// @param hsCode An 8-digit HS code, or zero to lift the binding.
    function bindClassification(uint16 jurisdiction, bytes32 productId, uint32 hsCode) external;

    /// @notice The HS code in force for `productId` at `jurisdiction`: customs' binding there if
    ///         any (including a code held by a re-classification), else the declared code.
    /// @param jurisdiction The country.
    /// @param productId The product.
    /// @return hsCode The code (zero for an unregistered product).
    /// @return bound Whether it is a binding of that country.
    function classificationOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (uint32 hsCode, bool bound);

    /// @notice Whether an order shipped now is cleared at once: `productId`'s own live entry at
    ///         `destination` if any, else the tariff entry for `hsCode` (the code the order kept
    ///         at creation; zero: tariff lists did not apply), must be Positive, or the
    ///         destination has no customs authority.
    /// @param destination The destination country.
    /// @param productId The product.
    /// @param hsCode The order's HS code snapshot (from `checkNewOrder`).
    /// @return cleared True when the shipment needs no customs decision.
    function clearanceAtShipment(
        uint16 destination,
        bytes32 productId,
        uint32 hsCode
    ) external view returns (bool cleared);

    /// @notice The complaints against `productId` as sold by `seller`: for its owner, the
    ///         product's `complaintCount`; for another seller, that seller's count, kept apart.
    /// @param productId The product.
    /// @param seller The seller.
    /// @return The count.
    function complaintsOf(bytes32 productId, address seller) external view returns (uint64);

    // ------------------------------------------------------------------------------------------
    //                                           VIEWS
    // ------------------------------------------------------------------------------------------

    /// @notice True when `account` is active and holds every role bit in `roleMask`.
    /// @dev Reads exactly one storage slot. A zero mask asks only "is it active".
    /// @param account The account.
    /// @param roleMask The role bits it must all hold.
    /// @return Whether it is an active participant with those roles.
    function isActive(address account, uint8 roleMask) external view returns (bool);

    /// @notice True when `account` is a registered participant that a registrar has suspended.
    /// @dev Reads exactly one storage slot. An unknown account is not suspended.
    /// @param account The account.
    /// @return Whether it is registered and currently suspended.
    function isSuspended(address account) external view returns (bool);

    /// @notice The participant record of `account` (all zero when unknown).
    /// @param account The account.
    /// @return The record.
    function participantOf(address account) external view returns (Participant memory);

    /// @notice True when `account` is a customs authority of `jurisdiction`.
    /// @param jurisdiction The country.
    /// @param account The account.
    /// @return Whether it may set that country's lists.
    function isCustomsAuthority(uint16 jurisdiction, address account) external view returns (bool);

    /// @notice True while `jurisdiction` has at least one customs authority.
    /// @dev Reads exactly one storage slot.
    /// @param jurisdiction The country.
    /// @return Whether goods bound there need a customs clearance.
    function customsRequired(uint16 jurisdiction) external view returns (bool);

    /// @notice The number of customs authorities of `jurisdiction`.
    /// @param jurisdiction The country.
    /// @return The count.
    function customsAuthorityCount(uint16 jurisdiction) external view returns (uint256);

    /// @notice The product record of `productId` (owner zero when unregistered).
    /// @param productId The product.
    /// @return The record.
    function productOf(bytes32 productId) external view returns (Product memory);

    /// @notice The stored entry of `productId` on `jurisdiction`'s lists, ignoring expiry.
    /// @param jurisdiction The country.
    /// @param productId The product.
    /// @return The entry (all zero when never set).
    function listingOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (Listing memory);

    /// @notice The effective status of `productId` at `jurisdiction`: its own live entry, else
    ///         the live entry of the longest listed prefix of its HS code, else Unlisted. An
    ///         expired entry is absent at its level; an unregistered id has no HS code, so only
    ///         its own entry counts.
    /// @dev A live product entry costs one storage slot, as does the fall-through in a
    ///      jurisdiction without tariff listings (the slot `customsRequired` reads); otherwise the
    ///      product's HS code slot plus one slot per tariff-tree node on its code's path.
    /// @param jurisdiction The country.
    /// @param productId The product.
    /// @return Unlisted, Positive or Negative.
    function clearanceOf(
        uint16 jurisdiction,
        bytes32 productId
    ) external view returns (ListingStatus);

    /// @notice `clearanceOf` with the entry that decided it.
    /// @param jurisdiction The country.
    /// @param productId The product.
    /// @return status Unlisted, Positive or Negative.
    /// @return source Product (its own entry), Tariff (an HS prefix) or None (nothing live).
    /// @return digits The deciding prefix's level (0 unless `source` is Tariff).
    /// @return code The deciding prefix (0 unless `source` is Tariff).
    function clearanceDecisionOf(
        uint16 jurisdiction,
        bytes32 productId
    )
        external
        view
        returns (ListingStatus status, ClearanceSource source, uint8 digits, uint32 code);

    /// @notice The stored entry of an HS prefix on `jurisdiction`'s lists, ignoring expiry.
    /// @dev Reverts with `InvalidTariffLevel` / `InvalidTariffCode` for a malformed prefix.
    /// @param jurisdiction The country.
    /// @param digits The prefix's level (2, 4, 6 or 8).
    /// @param code The prefix as a number.
    /// @return The entry (all zero when never set).
    function tariffCodeListingOf(
        uint16 jurisdiction,
        uint8 digits,
        uint32 code
    ) external view returns (Listing memory);

    /// @notice The number of `digits`-level prefixes whose stored status is `status`.
    /// @dev Reverts with `UnlistedNotEnumerable` for Unlisted.
    /// @param jurisdiction The country.
    /// @param digits The level (2, 4, 6 or 8).
    /// @param status Positive or Negative.
    /// @return The list's length.
    function listedTariffCodeCount(
        uint16 jurisdiction,
        uint8 digits,
        ListingStatus status
    ) external view returns (uint256);

    /// @notice A page of `digits`-level prefixes whose stored status is `status`; order is not
    ///         stable across changes (removal swaps the last entry into the gap).
    /// @dev Reverts with `UnlistedNotEnumerable` for Unlisted.
    /// @param jurisdiction The country.
    /// @param digits The level (2, 4, 6 or 8).
    /// @param status Positive or Negative.
    /// @param offset Index of the first entry to return.
    /// @param limit Most entries to return.
    /// @return codes Up to `limit` prefixes from `offset` on.
    function listedTariffCodePage(
        uint16 jurisdiction,
        uint8 digits,
        ListingStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (uint32[] memory codes);

    /// @notice The number of entries whose stored status is `status` (expired entries included).
    /// @dev Reverts with `UnlistedNotEnumerable` for Unlisted.
    /// @param jurisdiction The country.
    /// @param status Positive or Negative.
    /// @return The list's length.
    function listedCount(uint16 jurisdiction, ListingStatus status) external view returns (uint256);

    /// @notice A page of product ids whose stored status is `status`; order is not stable across
    ///         changes (removal swaps the last entry into the gap). Past the end: an empty page.
    /// @dev Reverts with `UnlistedNotEnumerable` for Unlisted.
    /// @param jurisdiction The country.
    /// @param status Positive or Negative.
    /// @param offset Index of the first entry to return.
    /// @param limit Most entries to return.
    /// @return productIds Up to `limit` product ids from `offset` on.
    function listedProducts(
        uint16 jurisdiction,
        ListingStatus status,
        uint256 offset,
        uint256 limit
    ) external view returns (bytes32[] memory productIds);

    /// @notice The escrow allowed to record complaints (zero until set).
    /// @return The escrow's address.
    function escrow() external view returns (address);

    /// @notice The EIP-712 digest (this registry's domain) of an FX quote whose struct hash the
    ///         cross-currency escrow computed (the quote's type names the escrow itself).
    /// @param structHash The quote's EIP-712 struct hash.
    /// @return The digest the provider signs.
    function fxQuoteDigest(bytes32 structHash) external view returns (bytes32);

    /// @notice Reverts unless `provider` is active with the FX provider role, not suspended, and
    ///         `signature` is its signature (EOA, or ERC-1271 for a contract) over
    ///         `fxQuoteDigest(structHash)`; errors are `ITradeFxEscrow`'s.
    /// @param orderId The order (for the error).
    /// @param provider The quote's provider.
    /// @param structHash The quote's EIP-712 struct hash.
    /// @param signature The provider's signature.
    function checkFxQuote(
        bytes32 orderId,
        address provider,
        bytes32 structHash,
        bytes calldata signature
    ) external view;

    /// @notice The cross-currency escrow, also allowed to record complaints (zero until set).
    /// @return The cross-currency escrow's address.
    function fxEscrow() external view returns (address);
}
