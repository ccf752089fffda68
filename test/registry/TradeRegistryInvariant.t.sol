// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Test.sol";
import {ITradeRegistry} from "../../contracts/interfaces/ITradeRegistry.sol";
import {TradeRegistry} from "../../contracts/registry/TradeRegistry.sol";

/// @notice Drives a registry's lists the way customs would: single and batch changes across two
///         jurisdictions and a fixed pool of products, with the clock moving. It is the customs
///         authority of both jurisdictions and counts every change it makes.
contract ListingHandler is Test {
    uint256 internal constant POOL = 6;
    uint256 internal constant BATCH = 3;
    uint256 internal constant MAX_LIFETIME = 3 days;
    uint256 internal constant MAX_WARP = 2 days;

    TradeRegistry public immutable registry;
    uint16[2] public jurisdictions;
    bytes32[POOL] public products;
    /// @notice How many changes the handler made per (jurisdiction index, product index).
    mapping(uint256 jurisdiction => mapping(uint256 product => uint256 count)) public changes;
    uint256 public totalChanges;

    constructor(TradeRegistry registry_, uint16[2] memory jurisdictions_) {
        registry = registry_;
        jurisdictions = jurisdictions_;
        for (uint256 i = 0; i < POOL; ++i) {
            products[i] = keccak256(abi.encode("pool", i));
        }
    }

    function poolSize() external pure returns (uint256) {
        return POOL;
    }

    function setListing(
        uint256 jSeed,
        uint256 pSeed,
        uint256 statusSeed,
        uint256 expirySeed
    ) external {
        (uint256 j, uint256 p) = (jSeed % 2, pSeed % POOL);
        (ITradeRegistry.ListingStatus status, uint40 expiresAt) = _terms(statusSeed, expirySeed);
        registry.setListing(jurisdictions[j], products[p], status, expiresAt, bytes32(statusSeed));
        ++changes[j][p];
        ++totalChanges;
    }

    function setListings(uint256 jSeed, uint256[BATCH] calldata seeds) external {
        uint256 j = jSeed % 2;
        bytes32[] memory ids = new bytes32[](BATCH);
        ITradeRegistry.ListingStatus[] memory statuses = new ITradeRegistry.ListingStatus[](BATCH);
        uint40[] memory expiries = new uint40[](BATCH);
        bytes32[] memory reasons = new bytes32[](BATCH);
        for (uint256 i = 0; i < BATCH; ++i) {
            uint256 p = seeds[i] % POOL;
            ids[i] = products[p];
            (statuses[i], expiries[i]) = _terms(seeds[i] >> 8, seeds[i] >> 16);
            reasons[i] = bytes32(seeds[i]);
            ++changes[j][p];
        }
        registry.setListings(jurisdictions[j], ids, statuses, expiries, reasons);
        totalChanges += BATCH;
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

/// @notice Invariants of the enumerable lists: each list holds exactly the entries whose stored
///         status matches, each once, and every entry's version counts its changes.
contract TradeRegistryInvariantTest is Test {
    uint16 internal constant PK = 586;
    uint16 internal constant KZ = 398;

    TradeRegistry internal registry;
    ListingHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new TradeRegistry(address(this));
        handler = new ListingHandler(registry, [PK, KZ]);
        registry.setCustomsAuthority(PK, address(handler), true);
        registry.setCustomsAuthority(KZ, address(handler), true);
        targetContract(address(handler));
    }

    function invariant_listedCountMatchesStoredStatuses() public view {
        for (uint256 j = 0; j < 2; ++j) {
            uint16 jurisdiction = handler.jurisdictions(j);
            for (uint256 s = 1; s <= 2; ++s) {
                ITradeRegistry.ListingStatus status = ITradeRegistry.ListingStatus(s);
                uint256 matching;
                for (uint256 p = 0; p < handler.poolSize(); ++p) {
                    if (registry.listingOf(jurisdiction, handler.products(p)).status == status) {
                        ++matching;
                    }
                }
                assertEq(registry.listedCount(jurisdiction, status), matching, "listedCount");
            }
        }
    }

    function invariant_listsHoldExactlyTheMatchingEntriesOnce() public view {
        for (uint256 j = 0; j < 2; ++j) {
            uint16 jurisdiction = handler.jurisdictions(j);
            for (uint256 s = 1; s <= 2; ++s) {
                ITradeRegistry.ListingStatus status = ITradeRegistry.ListingStatus(s);
                bytes32[] memory listed = registry.listedProducts(
                    jurisdiction,
                    status,
                    0,
                    type(uint256).max
                );
                for (uint256 i = 0; i < listed.length; ++i) {
                    assertEq(
                        uint256(registry.listingOf(jurisdiction, listed[i]).status),
                        s,
                        "listed entry has the list's status"
                    );
                    for (uint256 k = i + 1; k < listed.length; ++k) {
                        assertTrue(listed[i] != listed[k], "no duplicates");
                    }
                }
            }
        }
    }

    function invariant_versionCountsEveryChange() public view {
        for (uint256 j = 0; j < 2; ++j) {
            uint16 jurisdiction = handler.jurisdictions(j);
            for (uint256 p = 0; p < handler.poolSize(); ++p) {
                assertEq(
                    registry.listingOf(jurisdiction, handler.products(p)).version,
                    handler.changes(j, p),
                    "version"
                );
            }
        }
    }

    function invariant_clearanceIsStoredStatusUntilExpiry() public view {
        for (uint256 j = 0; j < 2; ++j) {
            uint16 jurisdiction = handler.jurisdictions(j);
            for (uint256 p = 0; p < handler.poolSize(); ++p) {
                bytes32 id = handler.products(p);
                ITradeRegistry.Listing memory listing = registry.listingOf(jurisdiction, id);
                bool live = listing.expiresAt == 0 || block.timestamp < listing.expiresAt;
                assertEq(
                    uint256(registry.clearanceOf(jurisdiction, id)),
                    live ? uint256(listing.status) : 0,
                    "clearance"
                );
            }
        }
    }
}
