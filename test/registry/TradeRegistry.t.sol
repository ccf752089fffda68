// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";
import {
    ITradeRegistry,
    ROLE_SELLER,
    ROLE_BUYER
} from "../../contracts/interfaces/ITradeRegistry.sol";
import {TradeRegistry} from "../../contracts/registry/TradeRegistry.sol";

/// @notice Fuzz tests of list transitions and the escrow-facing views' storage footprint.
contract TradeRegistryFuzzTest is Test {
    uint16 internal constant PK = 586;
    uint16 internal constant CN = 156;
    uint256 internal constant PRODUCTS = 4;
    uint256 internal constant STEPS = 12;
    uint256 internal constant START_TIME = 1_700_000_000;
    uint256 internal constant MAX_LIFETIME = 3 days;
    uint256 internal constant MAX_WARP = 2 days;
    ITradeRegistry.ListingStatus internal constant POSITIVE = ITradeRegistry.ListingStatus.Positive;
    ITradeRegistry.ListingStatus internal constant NEGATIVE = ITradeRegistry.ListingStatus.Negative;

    TradeRegistry internal registry;
    address internal customs = address(0xC05);
    address internal seller = address(0x5E11);
    bytes32[PRODUCTS] internal products;

    function setUp() public {
        vm.warp(START_TIME);
        registry = new TradeRegistry(address(this));
        registry.grantRole(registry.REGISTRAR_ROLE(), address(this));
        registry.setCustomsAuthority(PK, customs, true);
        registry.registerParticipant(seller, ROLE_SELLER | ROLE_BUYER, CN, keccak256("kyc"));
        for (uint256 i = 0; i < PRODUCTS; ++i) {
            products[i] = keccak256(abi.encode("product", i));
        }
    }

    // ------------------------------------------------------------------ gas shape

    function test_isSuspended_readsExactlyOneSlot() public {
        registry.suspendParticipant(seller, keccak256("r"));
        vm.record();
        assertTrue(registry.isSuspended(seller), "seller suspended");
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "isSuspended SLOADs");
    }

    function test_isActive_readsExactlyOneSlot() public {
        vm.record();
        assertTrue(registry.isActive(seller, ROLE_SELLER), "seller active");
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "isActive SLOADs");
    }

    function test_clearanceOf_readsExactlyOneSlot() public {
        vm.prank(customs);
        registry.setListing(
            PK,
            products[0],
            ITradeRegistry.ListingStatus.Positive,
            uint40(block.timestamp + 1 days),
            bytes32(0)
        );
        vm.record();
        assertEq(
            uint256(registry.clearanceOf(PK, products[0])),
            uint256(ITradeRegistry.ListingStatus.Positive),
            "cleared"
        );
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "clearanceOf SLOADs");
    }

    /// @dev Distinct slots `clearanceOf` reads for a product registered as 8806.22.00 with no entry of its
    ///      own, after `setUp` lists `codes` (as (digits, code) pairs) at PK.
    function _clearanceReads(uint32[2][] memory codes) internal returns (uint256) {
        bytes32 drone = products[1];
        vm.prank(seller);
        registry.registerProduct(drone, 88062200, keccak256("drone docs"));
        for (uint256 i = 0; i < codes.length; ++i) {
            vm.prank(customs);
            registry.setTariffCodeListing(
                PK,
                uint8(codes[i][0]),
                codes[i][1],
                ITradeRegistry.ListingStatus.Negative,
                0,
                bytes32(0)
            );
        }
        vm.record();
        registry.clearanceOf(PK, drone);
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        // Distinct slots are what costs (2,100 each, cold); a packed node's fields may be loaded
        // again warm (100 each), which read-once assembly measured dearer than it saves.
        uint256 distinct;
        for (uint256 i = 0; i < reads.length; ++i) {
            bool seen;
            for (uint256 k = 0; k < i; ++k) {
                if (reads[k] == reads[i]) seen = true;
            }
            if (!seen) ++distinct;
        }
        return distinct;
    }

    function test_clearanceOf_withoutTariffListingsReadsTwoSlots() public {
        // the product's entry, then the jurisdiction's word: no tariff code listed, done
        assertEq(_clearanceReads(new uint32[2][](0)), 2, "no tariff listings");
    }

    function test_clearanceOf_readsOnlyTheTariffNodesOnThePath() public {
        uint32[2][] memory elsewhere = new uint32[2][](4);
        elsewhere[0] = [uint32(2), 85];
        elsewhere[1] = [uint32(4), 8517];
        elsewhere[2] = [uint32(6), 851713];
        elsewhere[3] = [uint32(8), 85171300];
        // entry, jurisdiction word, HS code; chapter 88 holds nothing
        assertEq(_clearanceReads(elsewhere), 3, "other chapters only");
    }

    function test_clearanceOf_decidedByTheChapterReadsFourSlots() public {
        uint32[2][] memory codes = new uint32[2][](3);
        codes[0] = [uint32(2), 88];
        codes[1] = [uint32(4), 8802]; // a sibling heading: chapter 88 has headings
        codes[2] = [uint32(8), 85171300];
        // entry, jurisdiction word, HS code, chapter node (its mask skips heading 8806)
        assertEq(_clearanceReads(codes), 4, "chapter decides");
    }

    function test_clearanceOf_decidedByAHeadingOfAnUnlistedChapterReadsFourSlots() public {
        uint32[2][] memory codes = new uint32[2][](1);
        codes[0] = [uint32(4), 8806];
        // entry, jurisdiction word, HS code, heading node (chapter 88 has no entry to read)
        assertEq(_clearanceReads(codes), 4, "heading decides");
    }

    function test_customsRequired_readsExactlyOneSlot() public {
        vm.record();
        assertTrue(registry.customsRequired(PK), "PK has customs");
        (bytes32[] memory reads, ) = vm.accesses(address(registry));
        assertEq(reads.length, 1, "customsRequired SLOADs");
    }

    // ------------------------------------------------------------------ fuzz

    /// @dev Each op packs: product index, status, whether to expire, lifetime, and a clock jump.
    function testFuzz_listingTransitions(uint256[STEPS] memory ops) public {
        ITradeRegistry.ListingStatus[PRODUCTS] memory model;
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 op = ops[step];
            vm.warp(block.timestamp + ((op >> 128) % MAX_WARP));
            uint256 index = op % PRODUCTS;
            ITradeRegistry.ListingStatus status = ITradeRegistry.ListingStatus((op >> 8) % 3);
            uint40 expiresAt;
            if (status != ITradeRegistry.ListingStatus.Unlisted && (op >> 16) % 2 == 1) {
                expiresAt = uint40(block.timestamp + 1 + ((op >> 24) % MAX_LIFETIME));
            }
            bytes32 id = products[index];
            ITradeRegistry.Listing memory before = registry.listingOf(PK, id);

            vm.expectEmit();
            emit ITradeRegistry.ListingSet(
                PK,
                id,
                before.status,
                status,
                expiresAt,
                before.version + 1,
                bytes32(op),
                customs
            );
            vm.prank(customs);
            registry.setListing(PK, id, status, expiresAt, bytes32(op));
            model[index] = status;

            ITradeRegistry.Listing memory after_ = registry.listingOf(PK, id);
            assertEq(uint256(after_.status), uint256(status), "stored status");
            assertEq(after_.expiresAt, expiresAt, "stored expiry");
            assertEq(after_.version, uint256(before.version) + 1, "version bumps by one");
            assertEq(after_.updatedBy, customs, "updatedBy");
            assertEq(after_.updatedAt, block.timestamp, "updatedAt");
            assertEq(
                uint256(registry.clearanceOf(PK, id)),
                uint256(status),
                "fresh entry is in force"
            );
            _assertListsMatch(model);
            _assertClearances(model);
        }
    }

    function testFuzz_setListing_rejectsExpiryNotInFuture(uint256 expiresAt, bool negative) public {
        expiresAt = bound(expiresAt, 1, block.timestamp);
        ITradeRegistry.ListingStatus status =
            negative
                ? ITradeRegistry.ListingStatus.Negative
                : ITradeRegistry.ListingStatus.Positive;
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeRegistry.ExpiryNotInFuture.selector,
                products[0],
                uint40(expiresAt),
                block.timestamp
            )
        );
        vm.prank(customs);
        registry.setListing(PK, products[0], status, uint40(expiresAt), bytes32(0));
    }

    function testFuzz_setListing_rejectsAnyoneButTheJurisdictionsCustoms(
        address caller,
        uint16 jurisdiction
    ) public {
        vm.assume(caller != customs || jurisdiction != PK);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeRegistry.CallerNotCustomsAuthority.selector,
                jurisdiction,
                caller
            )
        );
        vm.prank(caller);
        registry.setListing(
            jurisdiction,
            products[0],
            ITradeRegistry.ListingStatus.Positive,
            0,
            bytes32(0)
        );
    }

    function testFuzz_clearanceOf_expiresExactlyAtExpiry(uint256 lifetime, uint256 elapsed) public {
        lifetime = bound(lifetime, 1, MAX_LIFETIME);
        elapsed = bound(elapsed, 0, 2 * MAX_LIFETIME);
        uint40 expiresAt = uint40(block.timestamp + lifetime);
        vm.prank(customs);
        registry.setListing(
            PK,
            products[1],
            ITradeRegistry.ListingStatus.Negative,
            expiresAt,
            bytes32(0)
        );
        vm.warp(block.timestamp + elapsed);
        ITradeRegistry.ListingStatus expected =
            elapsed < lifetime
                ? ITradeRegistry.ListingStatus.Negative
                : ITradeRegistry.ListingStatus.Unlisted;
        assertEq(uint256(registry.clearanceOf(PK, products[1])), uint256(expected), "clearance");
    }

    function testFuzz_isActive_requiresEveryRoleInTheMask(uint8 roles, uint8 mask) public {
        // Every defined role bit: seller 1, buyer 2, logistics 4, arbiter 8, FX provider 16.
        roles = uint8(bound(roles, 1, 31));
        address account = address(0xABC);
        registry.registerParticipant(account, roles, PK, keccak256("kyc"));
        assertEq(registry.isActive(account, mask), roles & mask == mask, "active with mask");
        registry.suspendParticipant(account, bytes32(0));
        assertFalse(registry.isActive(account, mask), "suspended is never active");
    }

    // ------------------------------------------------------------------ classification hold

    /// @dev One product declared under `oldCode`, a Negative entry at a random level of the path
    ///      of the old or the new code, and maybe a Positive exception deeper on either path; a
    ///      second product declared under `newCode` tells how PK's lists treat the new code. After
    ///      the owner re-classifies, PK refuses the product exactly when it did before (the old
    ///      code held as a binding when the verdict would change), until PK's customs binds the
    ///      new code: then the new code decides.
    function testFuzz_reclassify_keepsWhetherAJurisdictionRefusesUntilCustomsBinds(
        uint32 oldCode,
        uint32 newCode,
        uint8 levelSeed,
        bool banOnNew,
        uint8 exceptionSeed
    ) public {
        oldCode = uint32(bound(oldCode, 1_000_000, 99_999_999));
        newCode = uint32(bound(newCode, 1_000_000, 99_999_999));
        _listHoldCase(oldCode, newCode, levelSeed, banOnNew, exceptionSeed);
        bytes32 product = products[2];
        bytes32 twin = products[3];
        vm.startPrank(seller);
        registry.registerProduct(product, oldCode, keccak256("docs"));
        registry.registerProduct(twin, newCode, keccak256("docs"));
        vm.stopPrank();
        ITradeRegistry.ListingStatus before = registry.clearanceOf(PK, product);
        ITradeRegistry.ListingStatus next = registry.clearanceOf(PK, twin);
        bool held = (before == NEGATIVE) != (next == NEGATIVE);

        vm.recordLogs();
        vm.prank(seller);
        registry.reclassifyProduct(product, newCode);
        assertEq(_heldEvents(), held ? 1 : 0, "ClassificationHeld iff the verdict would change");
        ITradeRegistry.ListingStatus after_ = registry.clearanceOf(PK, product);
        assertEq(after_ == NEGATIVE, before == NEGATIVE, "refused exactly when it was before");
        if (held) assertEq(uint256(after_), uint256(before), "the old code still decides");
        _assertInForce(product, held ? oldCode : newCode, held);

        vm.prank(customs);
        registry.bindClassification(PK, product, newCode);
        assertEq(
            uint256(registry.clearanceOf(PK, product)),
            uint256(next),
            "customs' binding: the new code decides"
        );
    }

    /// @dev A Negative entry at a random level of the old or the new code's path, and maybe a
    ///      Positive exception deeper on either path.
    function _listHoldCase(
        uint32 oldCode,
        uint32 newCode,
        uint8 levelSeed,
        bool banOnNew,
        uint8 exceptionSeed
    ) internal {
        uint8 digits = uint8(2 + 2 * (levelSeed % 4));
        _listTariff(digits, _prefix(banOnNew ? newCode : oldCode, digits), NEGATIVE);
        if (exceptionSeed % 2 == 1 && digits < 8) {
            uint8 deeper = uint8(digits + 2 * (1 + ((exceptionSeed >> 2) % ((8 - digits) / 2))));
            uint32 onPath = (exceptionSeed >> 1) % 2 == 1 ? oldCode : newCode;
            _listTariff(deeper, _prefix(onPath, deeper), POSITIVE);
        }
    }

    function _assertInForce(bytes32 product, uint32 expected, bool expectedBound) internal view {
        (uint32 inForce, bool isBound) = registry.classificationOf(PK, product);
        assertEq(isBound, expectedBound, "held as a binding");
        assertEq(inForce, expected, "code in force");
    }

    // ------------------------------------------------------------------ helpers

    function _prefix(uint32 hsCode, uint8 digits) internal pure returns (uint32) {
        return uint32(hsCode / 10 ** (8 - digits));
    }

    function _listTariff(uint8 digits, uint32 code, ITradeRegistry.ListingStatus status) internal {
        vm.prank(customs);
        registry.setTariffCodeListing(PK, digits, code, status, 0, bytes32(0));
    }

    /// @dev ClassificationHeld events among the logs recorded since `vm.recordLogs()`.
    function _heldEvents() internal returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].topics[0] == ITradeRegistry.ClassificationHeld.selector) ++count;
        }
    }

    function _assertListsMatch(ITradeRegistry.ListingStatus[PRODUCTS] memory model) internal view {
        for (uint256 s = 1; s <= 2; ++s) {
            ITradeRegistry.ListingStatus status = ITradeRegistry.ListingStatus(s);
            bytes32[] memory listed = registry.listedProducts(PK, status, 0, type(uint256).max);
            uint256 expected;
            for (uint256 i = 0; i < PRODUCTS; ++i) {
                if (model[i] != status) continue;
                ++expected;
                assertTrue(_contains(listed, products[i]), "listed product is enumerated");
            }
            assertEq(registry.listedCount(PK, status), expected, "listedCount");
            assertEq(listed.length, expected, "page length");
        }
    }

    function _assertClearances(ITradeRegistry.ListingStatus[PRODUCTS] memory model) internal view {
        for (uint256 i = 0; i < PRODUCTS; ++i) {
            ITradeRegistry.Listing memory listing = registry.listingOf(PK, products[i]);
            bool live = listing.expiresAt == 0 || block.timestamp < listing.expiresAt;
            uint256 expected = live ? uint256(model[i]) : 0;
            assertEq(uint256(registry.clearanceOf(PK, products[i])), expected, "clearance");
        }
    }

    function _contains(bytes32[] memory list, bytes32 id) internal pure returns (bool) {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == id) return true;
        }
        return false;
    }
}
