// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Test.sol";
import {ITradeRegistry, ROLE_SELLER} from "../../contracts/interfaces/ITradeRegistry.sol";
import {TradeRegistry} from "../../contracts/registry/TradeRegistry.sol";

/// @notice Drives a registry the way customs and sellers would: tariff entries at every level
///         and product entries, single and batch, across two jurisdictions, products
///         re-classified and bound by customs, the clock moving. The codes come from a small tree (two chapters, their
///         headings, subheadings and lines, siblings included) so that random changes collide.
contract TariffHandler is Test {
    uint256 internal constant CODES = 16;
    uint256 internal constant PRODUCTS = 5;
    uint256 internal constant HS_CODES = 6;
    uint256 internal constant BATCH = 3;
    uint256 internal constant MAX_LIFETIME = 3 days;
    uint256 internal constant MAX_WARP = 2 days;

    TradeRegistry public immutable registry;
    uint16[2] public jurisdictions;
    /// @notice The listable prefixes, as (digits, code).
    uint8[CODES] public digitsOf;
    uint32[CODES] public codes;
    /// @notice National codes products are classified under (siblings and cousins of the tree).
    uint32[HS_CODES] public hsCodes;
    /// @notice Product ids; the last one is never registered (so it has no HS code).
    bytes32[PRODUCTS] public products;
    /// @notice How many changes the handler made per (jurisdiction index, code index).
    mapping(uint256 jurisdiction => mapping(uint256 code => uint256 count)) public changes;

    constructor(TradeRegistry registry_, uint16[2] memory jurisdictions_) {
        registry = registry_;
        jurisdictions = jurisdictions_;
        uint32[CODES] memory tree = [
            uint32(88),
            8806,
            880621,
            88062100,
            88062200,
            880622,
            88062210,
            8807,
            880710,
            88071000,
            85,
            8517,
            851713,
            85171300,
            85171390,
            9
        ];
        for (uint256 i = 0; i < CODES; ++i) {
            codes[i] = tree[i];
            uint32 code = tree[i];
            digitsOf[i] =
                code < 100
                    ? 2
                    : code < 10_000
                        ? 4
                        : code < 1_000_000
                            ? 6
                            : 8;
        }
        hsCodes = [uint32(88062100), 88062200, 88062900, 88071000, 85171300, 9023000];
        for (uint256 p = 0; p < PRODUCTS; ++p) {
            products[p] = keccak256(abi.encode("tariff-pool", p));
        }
    }

    /// @notice Registers the pool (the handler is an active seller by then).
    function registerPool() external {
        for (uint256 p = 0; p + 1 < PRODUCTS; ++p) {
            registry.registerProduct(products[p], hsCodes[p], keccak256(abi.encode(p)));
        }
    }

    function codeCount() external pure returns (uint256) {
        return CODES;
    }

    function productCount() external pure returns (uint256) {
        return PRODUCTS;
    }

    function setTariff(
        uint256 jSeed,
        uint256 cSeed,
        uint256 statusSeed,
        uint256 expirySeed
    ) external {
        (uint256 j, uint256 c) = (jSeed % 2, cSeed % CODES);
        (ITradeRegistry.ListingStatus status, uint40 expiresAt) = _terms(statusSeed, expirySeed);
        registry.setTariffCodeListing(
            jurisdictions[j],
            digitsOf[c],
            codes[c],
            status,
            expiresAt,
            bytes32(statusSeed)
        );
        ++changes[j][c];
    }

    function setTariffBatch(uint256 jSeed, uint256[BATCH] calldata seeds) external {
        uint256 j = jSeed % 2;
        uint8[] memory digits = new uint8[](BATCH);
        uint32[] memory batchCodes = new uint32[](BATCH);
        ITradeRegistry.ListingStatus[] memory statuses = new ITradeRegistry.ListingStatus[](BATCH);
        uint40[] memory expiries = new uint40[](BATCH);
        bytes32[] memory reasons = new bytes32[](BATCH);
        for (uint256 i = 0; i < BATCH; ++i) {
            uint256 c = seeds[i] % CODES;
            (digits[i], batchCodes[i]) = (digitsOf[c], codes[c]);
            (statuses[i], expiries[i]) = _terms(seeds[i] >> 8, seeds[i] >> 16);
            reasons[i] = bytes32(seeds[i]);
            ++changes[j][c];
        }
        registry.setTariffCodeListingBatch(
            jurisdictions[j],
            digits,
            batchCodes,
            statuses,
            expiries,
            reasons
        );
    }

    function setProductEntry(
        uint256 jSeed,
        uint256 pSeed,
        uint256 statusSeed,
        uint256 expirySeed
    ) external {
        (ITradeRegistry.ListingStatus status, uint40 expiresAt) = _terms(statusSeed, expirySeed);
        registry.setListing(
            jurisdictions[jSeed % 2],
            products[pSeed % PRODUCTS],
            status,
            expiresAt,
            bytes32(0)
        );
    }

    /// @notice Re-classifications after which a jurisdiction refused the product where it had
    ///         not, or the reverse; the hold rule says this never happens.
    uint256 public verdictChanges;

    function reclassify(uint256 pSeed, uint256 hsSeed) external {
        bytes32 id = products[pSeed % (PRODUCTS - 1)];
        bool[2] memory refused;
        for (uint256 j = 0; j < 2; ++j) refused[j] = _refused(jurisdictions[j], id);
        registry.reclassifyProduct(id, hsCodes[hsSeed % HS_CODES]);
        for (uint256 j = 0; j < 2; ++j) {
            if (_refused(jurisdictions[j], id) != refused[j]) ++verdictChanges;
        }
    }

    /// @notice Customs bind a code (or lift the binding with 0) for a registered product.
    function bind(uint256 jSeed, uint256 pSeed, uint256 hsSeed) external {
        uint16 jurisdiction = jurisdictions[jSeed % 2];
        bytes32 id = products[pSeed % (PRODUCTS - 1)];
        // one seed in HS_CODES + 1 lifts the binding
        uint256 pick = hsSeed % (HS_CODES + 1);
        uint32 hsCode = pick == HS_CODES ? 0 : hsCodes[pick];
        (uint32 inForce, bool bound_) = registry.classificationOf(jurisdiction, id);
        if ((bound_ ? inForce : 0) == hsCode) return;
        registry.bindClassification(jurisdiction, id, hsCode);
    }

    function _refused(uint16 jurisdiction, bytes32 id) internal view returns (bool) {
        return registry.clearanceOf(jurisdiction, id) == ITradeRegistry.ListingStatus.Negative;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % MAX_WARP));
    }

    function _terms(
        uint256 statusSeed,
        uint256 expirySeed
    ) internal view returns (ITradeRegistry.ListingStatus status, uint40 expiresAt) {
        status = ITradeRegistry.ListingStatus(statusSeed % 3);
        if (status != ITradeRegistry.ListingStatus.Unlisted && expirySeed % 2 == 1) {
            expiresAt = uint40(block.timestamp + 1 + ((expirySeed >> 1) % MAX_LIFETIME));
        }
    }
}

/// @notice For random listings, `clearanceOf` equals a reference resolution computed here from
///         the stored entries alone (product entry, then the 8-, 6-, 4- and 2-digit prefixes of the
///         product's code, the first live one deciding), `clearanceDecisionOf` names the entry it
///         used, and the tariff lists hold exactly the entries of their status, once each.
contract TradeRegistryTariffInvariantTest is Test {
    uint16 internal constant PK = 586;
    uint16 internal constant KZ = 398;
    uint16 internal constant CN = 156;
    uint8[4] internal LEVELS = [8, 6, 4, 2];

    TradeRegistry internal registry;
    TariffHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new TradeRegistry(address(this));
        handler = new TariffHandler(registry, [PK, KZ]);
        registry.grantRole(registry.REGISTRAR_ROLE(), address(this));
        registry.registerParticipant(address(handler), ROLE_SELLER, CN, keccak256("kyc"));
        handler.registerPool();
        registry.setCustomsAuthority(PK, address(handler), true);
        registry.setCustomsAuthority(KZ, address(handler), true);
        targetContract(address(handler));
    }

    function invariant_clearanceIsTheReferenceResolution() public view {
        for (uint256 j = 0; j < 2; ++j) {
            uint16 jurisdiction = handler.jurisdictions(j);
            for (uint256 p = 0; p < handler.productCount(); ++p) {
                bytes32 id = handler.products(p);
                (uint256 expected, uint8 digits, uint32 code, bool own) = _reference(
                    jurisdiction,
                    id
                );
                assertEq(uint256(registry.clearanceOf(jurisdiction, id)), expected, "clearance");
                (
                    ITradeRegistry.ListingStatus status,
                    ITradeRegistry.ClearanceSource source,
                    uint8 decidedDigits,
                    uint32 decidedCode
                ) = registry.clearanceDecisionOf(jurisdiction, id);
                assertEq(uint256(status), expected, "decision status");
                uint256 expectedSource =
                    own
                        ? 1
                        : digits == 0
                            ? 0
                            : 2;
                assertEq(uint256(source), expectedSource, "decision source");
                assertEq(decidedDigits, digits, "decision digits");
                assertEq(decidedCode, code, "decision code");
            }
        }
    }

    function invariant_reclassificationNeverChangesWhetherAJurisdictionRefuses() public view {
        assertEq(handler.verdictChanges(), 0, "a re-classification changed a verdict");
    }

    function invariant_unboundCodeIsTheDeclaredCode() public view {
        for (uint256 j = 0; j < 2; ++j) {
            for (uint256 p = 0; p < handler.productCount(); ++p) {
                bytes32 id = handler.products(p);
                (uint32 hsCode, bool bound_) = registry.classificationOf(
                    handler.jurisdictions(j),
                    id
                );
                if (!bound_) assertEq(hsCode, registry.productOf(id).hsCode, "declared code");
            }
        }
    }

    function invariant_tariffListsHoldExactlyTheMatchingEntriesOnce() public view {
        for (uint256 j = 0; j < 2; ++j) {
            uint16 jurisdiction = handler.jurisdictions(j);
            for (uint256 l = 0; l < LEVELS.length; ++l) {
                for (uint256 s = 1; s <= 2; ++s) {
                    _checkList(jurisdiction, LEVELS[l], ITradeRegistry.ListingStatus(s));
                }
            }
        }
    }

    function invariant_tariffVersionCountsEveryChange() public view {
        for (uint256 j = 0; j < 2; ++j) {
            for (uint256 c = 0; c < handler.codeCount(); ++c) {
                ITradeRegistry.Listing memory entry = registry.tariffCodeListingOf(
                    handler.jurisdictions(j),
                    handler.digitsOf(c),
                    handler.codes(c)
                );
                assertEq(entry.version, handler.changes(j, c), "version");
            }
        }
    }

    /// @dev The list of (jurisdiction, digits, status) against a scan of the handler's codes.
    function _checkList(
        uint16 jurisdiction,
        uint8 digits,
        ITradeRegistry.ListingStatus status
    ) internal view {
        uint32[] memory listed = registry.listedTariffCodePage(
            jurisdiction,
            digits,
            status,
            0,
            type(uint256).max
        );
        uint256 matching;
        for (uint256 c = 0; c < handler.codeCount(); ++c) {
            if (handler.digitsOf(c) != digits) continue;
            uint32 code = handler.codes(c);
            bool stored = registry.tariffCodeListingOf(jurisdiction, digits, code).status == status;
            uint256 seen;
            for (uint256 i = 0; i < listed.length; ++i) {
                if (listed[i] == code) ++seen;
            }
            assertEq(seen, stored ? 1 : 0, "listed once iff stored with the list's status");
            if (stored) ++matching;
        }
        assertEq(listed.length, matching, "no foreign entries");
        assertEq(registry.listedTariffCodeCount(jurisdiction, digits, status), matching, "count");
    }

    /// @dev The resolution rule written out plainly: the product's own live entry, else the
    ///      first live entry among the 8-, 6-, 4- and 2-digit prefixes of the code in force there
    ///      (customs' binding or a held code, else the declared one), else Unlisted.
    function _reference(
        uint16 jurisdiction,
        bytes32 id
    ) internal view returns (uint256 status, uint8 digits, uint32 code, bool own) {
        ITradeRegistry.Listing memory entry = registry.listingOf(jurisdiction, id);
        if (_live(entry)) return (uint256(entry.status), 0, 0, true);
        (uint32 hsCode, ) = registry.classificationOf(jurisdiction, id);
        if (hsCode == 0) return (0, 0, 0, false);
        uint32 prefix = hsCode;
        for (uint256 l = 0; l < LEVELS.length; ++l) {
            entry = registry.tariffCodeListingOf(jurisdiction, LEVELS[l], prefix);
            if (_live(entry)) return (uint256(entry.status), LEVELS[l], prefix, false);
            prefix /= 100;
        }
        return (0, 0, 0, false);
    }

    function _live(ITradeRegistry.Listing memory entry) internal view returns (bool) {
        return
            entry.status != ITradeRegistry.ListingStatus.Unlisted &&
            (entry.expiresAt == 0 || block.timestamp < entry.expiresAt);
    }
}
