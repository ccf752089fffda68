// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {ITradeRegistry} from "../../contracts/interfaces/ITradeRegistry.sol";
import {TradeEscrow} from "../../contracts/escrow/TradeEscrow.sol";
import {TradeRegistry} from "../../contracts/registry/TradeRegistry.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {EscrowSuite} from "../helpers/EscrowSuite.sol";
import {Vm} from "../utils/Vm.sol";

/// @title TradeEscrowHandler
/// @notice Drives random orders through random paths of the escrow for the invariant fuzzer, with
///         random time jumps, fee changes, blacklisting on SettlementToken, partial refunds
///         before rulings, and re-classifications and tariff listings while orders are in flight. It keeps its own
///         model of every order (status, what remains, deadlines) and of every account (expected
///         wallet balance, expected claimable balance, expected accrued fees), written from the
///         rules in DESIGN §4, not from the escrow's code: after each successful call the model
///         applies the rule; the invariants compare model and chain.
contract TradeEscrowHandler {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_AMOUNT = 1e15;
    uint256 internal constant MAX_FEE_BPS = 500;
    uint256 internal constant MAX_SHORT_WARP = 3 days;
    uint256 internal constant ARBITRATION_PERIOD = 30 days;
    uint256 internal constant CUSTOMS_PERIOD = 30 days;
    uint256 internal constant MAX_BOUNDARY_OFFSET = 2 days;

    // mirror of ITradeEscrow.Status
    uint8 internal constant NONE = 0;
    uint8 internal constant FUNDED = 1;
    uint8 internal constant SHIPPED = 2;
    uint8 internal constant CLEARED = 3;
    uint8 internal constant DISPUTED = 4;
    uint8 internal constant COMPLETED = 5;
    uint8 internal constant REFUNDED = 6;
    uint8 internal constant RESOLVED = 7;

    /// @notice The model of one order.
    struct Ghost {
        uint8 status;
        uint256 remaining; // still escrowed for the order
        uint256 refunded; // returned to the buyer so far (the buyer's part once closed)
        uint256 since; // last status change
        uint256 closedSince; // `since` the chain reported when the order closed
        uint32 hsCode; // the HS code the order keeps from creation (0: tariff lists do not apply)
    }

    TradeEscrow public immutable escrow;
    TradeRegistry public immutable registry;
    SettlementToken public immutable token;
    address public immutable admin;
    address public immutable arbiter;
    address public immutable customs;
    address public immutable feeRecipient;
    bytes32 public immutable positiveProduct;
    bytes32 public immutable unlistedProduct;
    uint16 public immutable customsDestination;
    uint16 public immutable freeDestination;

    address[] internal _buyers;
    address[] internal _sellers;
    uint256[] internal _sellerKeys; // parallel to _sellers: they sign consents
    address[] internal _accounts; // buyers, sellers and the fee recipient

    ITradeEscrow.OrderTerms[] internal _orders;
    bytes32[] internal _ids;
    mapping(bytes32 orderId => Ghost ghost) internal _ghosts;

    /// @notice Model: each account's token balance.
    mapping(address account => uint256 amount) public expectedWallet;
    /// @notice Model: each account's claimable balance in the escrow.
    mapping(address account => uint256 amount) public expectedClaimable;
    /// @notice Model: fees accrued and not yet collected.
    uint256 public expectedFees;

    /// @notice Set if a closing call ever succeeded on an order the model had closed.
    bool public closedTwice;
    /// @notice Set if an admin-free way to close an order was refused although the rules allow it.
    bool public closeRefused;
    /// @notice Set if a withdrawal the rules allow was refused.
    bool public withdrawRefused;
    /// @notice Set if a dispute opened where the rules forbid it, or was refused where they allow.
    bool public disputeRuleBroken;
    /// @notice How many disputes the handler opened (so the run shows disputes happened).
    uint256 public disputesOpened;
    /// @notice Set if a ruling in the arbitration period, or a settlement both parties agreed,
    ///         was refused although the rules allow it (issue 15: nothing voids them).
    bool public rulingRefused;
    /// @notice How many rulings or settlements closed an order after a partial refund.
    uint256 public rulingsAfterRefund;
    /// @notice How many re-classifications the product owner made while orders were open.
    uint256 public reclassifications;

    /// @notice The HS codes the product owner moves its products between: tea (chapter 09),
    ///         a laptop's (chapter 84) and a T-shirt's (chapter 61).
    uint32 internal constant CODE_TEA = 9023000;
    uint32 internal constant CODE_LAPTOP = 84713000;
    uint32 internal constant CODE_SHIRT = 61091000;
    /// @notice Model: the customs destination's tariff entry per chapter (the only tariff
    ///         entries the handler sets).
    mapping(uint256 chapter => ITradeRegistry.ListingStatus status) public chapterStatus;
    uint256 internal _listedChapters;

    /// @notice Who and what the handler drives.
    struct Wiring {
        TradeEscrow escrow;
        TradeRegistry registry;
        SettlementToken token;
        address admin;
        address arbiter;
        address customs;
        address feeRecipient;
        bytes32 positiveProduct;
        bytes32 unlistedProduct;
        uint16 customsDestination;
        uint16 freeDestination;
        address[] buyers;
        address[] sellers;
        uint256[] sellerKeys;
    }

    constructor(Wiring memory wiring) {
        escrow = wiring.escrow;
        registry = wiring.registry;
        token = wiring.token;
        admin = wiring.admin;
        arbiter = wiring.arbiter;
        customs = wiring.customs;
        feeRecipient = wiring.feeRecipient;
        positiveProduct = wiring.positiveProduct;
        unlistedProduct = wiring.unlistedProduct;
        customsDestination = wiring.customsDestination;
        freeDestination = wiring.freeDestination;
        _buyers = wiring.buyers;
        _sellers = wiring.sellers;
        _sellerKeys = wiring.sellerKeys;
        for (uint256 i = 0; i < wiring.buyers.length; ++i) _accounts.push(wiring.buyers[i]);
        for (uint256 i = 0; i < wiring.sellers.length; ++i) _accounts.push(wiring.sellers[i]);
        _accounts.push(wiring.feeRecipient);
    }

    // ------------------------------------------------------------------ views for invariants

    function orderCount() external view returns (uint256) {
        return _orders.length;
    }

    function orderAt(uint256 index) external view returns (bytes32 orderId, Ghost memory ghost) {
        orderId = _ids[index];
        ghost = _ghosts[orderId];
    }

    function termsAt(
        uint256 index
    ) external view returns (ITradeEscrow.OrderTerms memory terms, bytes32 orderId) {
        return (_orders[index], _ids[index]);
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    // ------------------------------------------------------------------ creation

    function createOrder(
        uint256 buyerSeed,
        uint256 sellerSeed,
        uint256 amount,
        uint256 routeSeed,
        uint256 shipWithin,
        uint256 window
    ) external {
        address buyer = _buyers[buyerSeed % _buyers.length];
        amount = _bound(amount, 1, MAX_AMOUNT);
        try token.mint(buyer, amount) {
            expectedWallet[buyer] += amount;
        } catch {
            return; // a blacklisted buyer cannot receive the test money
        }
        ITradeEscrow.OrderTerms memory terms = ITradeEscrow.OrderTerms({
            buyer: buyer,
            seller: _sellers[sellerSeed % _sellers.length],
            token: address(token),
            amount: amount,
            productId: routeSeed % 3 == 1 ? unlistedProduct : positiveProduct,
            destination: routeSeed % 3 == 2 ? freeDestination : customsDestination,
            shipBy: uint64(block.timestamp + _bound(shipWithin, 1, 10 days)),
            confirmWindow: uint32(_bound(window, 1 days, 15 days)),
            feeBps: escrow.feeBps(),
            arbiter: arbiter,
            ref: bytes32(_orders.length)
        });
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _sellerKeys[sellerSeed % _sellers.length],
            escrow.sellerConsentDigest(escrow.orderIdOf(terms))
        );
        uint32 snapshot = _expectedSnapshot(terms);
        vm.startPrank(buyer);
        try token.approve(address(escrow), amount) {} catch {}
        try escrow.createOrder(terms, abi.encodePacked(r, s, v)) returns (bytes32 orderId) {
            expectedWallet[buyer] -= amount;
            _orders.push(terms);
            _ids.push(orderId);
            _ghosts[orderId] = Ghost({
                status: FUNDED,
                remaining: amount,
                refunded: 0,
                since: block.timestamp,
                closedSince: 0,
                hsCode: snapshot
            });
        } catch {}
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ shipping and customs

    function ship(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        vm.prank(terms.seller);
        try escrow.ship(terms, keccak256("tracking")) {
            Ghost storage ghost = _ghosts[id];
            // cleared at shipment when there are no customs at the destination, the product's
            // own entry there is positive, or else the tariff entry of the code the order kept
            // at creation is positive (whatever the product is classified as now)
            bool automatic =
                terms.destination == freeDestination ||
                    terms.productId == positiveProduct ||
                    (ghost.hsCode != 0 &&
                        chapterStatus[ghost.hsCode / 1e6] == ITradeRegistry.ListingStatus.Positive);
            ghost.status = automatic ? CLEARED : SHIPPED;
            ghost.since = block.timestamp;
        } catch {}
    }

    function clearCustoms(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        vm.prank(customs);
        try escrow.clearCustoms(terms, keccak256("cleared")) {
            _ghosts[id].status = CLEARED;
            _ghosts[id].since = block.timestamp;
        } catch {}
    }

    function rejectAtCustoms(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        bool wasClosed = _isClosed(id);
        vm.prank(customs);
        try escrow.rejectAtCustoms(terms, keccak256("rejected")) {
            _closeRefund(terms, id, wasClosed);
        } catch {}
    }

    // ------------------------------------------------------------------ release

    function confirmReceipt(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        bool wasClosed = _isClosed(id);
        vm.prank(terms.buyer);
        try escrow.confirmReceipt(terms) {
            _closeComplete(terms, id, wasClosed);
        } catch {}
    }

    function releaseAfterTimeout(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        Ghost memory ghost = _ghosts[id];
        bool allowed =
            ghost.status == CLEARED && block.timestamp >= ghost.since + terms.confirmWindow;
        try escrow.releaseAfterTimeout(terms) {
            _closeComplete(terms, id, _isClosed(id));
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    // ------------------------------------------------------------------ refunds

    function cancel(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        bool wasClosed = _isClosed(id);
        vm.prank(terms.buyer);
        try escrow.cancel(terms) {
            _closeRefund(terms, id, wasClosed);
        } catch {}
    }

    function reject(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        bool wasClosed = _isClosed(id);
        vm.prank(terms.seller);
        try escrow.reject(terms, keccak256("out of stock")) {
            _closeRefund(terms, id, wasClosed);
        } catch {}
    }

    function refundUnshipped(uint256 orderSeed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        bool allowed = _ghosts[id].status == FUNDED && block.timestamp > terms.shipBy;
        try escrow.refundUnshipped(terms) {
            _closeRefund(terms, id, _isClosed(id));
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    function refund(uint256 orderSeed, uint256 amount) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        Ghost storage ghost = _ghosts[id];
        bool wasClosed = _isClosed(id);
        // mostly partial refunds, sometimes exactly the rest
        amount = amount % 4 == 0 ? ghost.remaining : _bound(amount, 1, ghost.remaining);
        vm.prank(terms.seller);
        try escrow.refund(terms, amount) {
            if (amount == ghost.remaining) {
                _closeRefund(terms, id, wasClosed);
            } else {
                if (wasClosed) closedTwice = true;
                ghost.remaining -= amount;
                ghost.refunded += amount;
                _pay(terms.buyer, amount);
            }
        } catch {}
    }

    // ------------------------------------------------------------------ disputes

    function openDispute(uint256 orderSeed, bool bySeller) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        _tryDispute(terms, id, bySeller);
    }

    /// @dev Jumps to a random second near the order's dispute boundary (the end of the buyer's
    ///      confirmation window when cleared, the end of CUSTOMS_PERIOD when awaiting customs),
    ///      when that second is still ahead, and tries to open a dispute there.
    function openDisputeNearBoundary(uint256 orderSeed, bool bySeller, uint256 offset) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _openOrder(orderSeed);
        if (id == bytes32(0)) return;
        // the boundary binds the buyer: let the buyer try most of the time
        bySeller = bySeller && offset % 3 == 0;
        Ghost memory ghost = _ghosts[id];
        uint256 boundary;
        if (ghost.status == CLEARED) boundary = ghost.since + terms.confirmWindow;
        else if (ghost.status == SHIPPED) boundary = ghost.since + CUSTOMS_PERIOD;
        else return _tryDispute(terms, id, bySeller);
        // boundary - 2 days ... boundary + 2 days, the boundary itself and the second before it
        // are each drawn often
        uint256 target =
            boundary - MAX_BOUNDARY_OFFSET + _bound(offset, 0, 2 * MAX_BOUNDARY_OFFSET);
        if (offset % 4 == 1) target = boundary - 1;
        if (offset % 4 == 2) target = boundary;
        if (target > block.timestamp) vm.warp(target);
        _tryDispute(terms, id, bySeller);
    }

    /// @dev Opens a dispute as the buyer or the seller and checks the call against the rules:
    ///      a cleared order, by the seller any time, by the buyer only before clearedAt +
    ///      confirmWindow; a shipment awaiting customs, by either party from shippedAt +
    ///      CUSTOMS_PERIOD on; nothing else.
    function _tryDispute(ITradeEscrow.OrderTerms memory terms, bytes32 id, bool bySeller) internal {
        Ghost storage ghost = _ghosts[id];
        bool allowed =
            (ghost.status == CLEARED &&
                (bySeller || block.timestamp < ghost.since + terms.confirmWindow)) ||
                (ghost.status == SHIPPED && block.timestamp >= ghost.since + CUSTOMS_PERIOD);
        vm.prank(bySeller ? terms.seller : terms.buyer);
        try escrow.openDispute(terms, keccak256("evidence")) {
            if (!allowed) disputeRuleBroken = true;
            ghost.status = DISPUTED;
            ghost.since = block.timestamp;
            ++disputesOpened;
        } catch {
            if (allowed) disputeRuleBroken = true;
        }
    }

    /// @dev A party proposes the buyer's TOTAL for the whole order (refunds included), the
    ///      other accepts; on a disputed order both calls must go through.
    function settle(uint256 orderSeed, uint256 buyerTotal, bool sellerProposes) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        buyerTotal = _bound(buyerTotal, 0, terms.amount);
        bool allowed = _ghosts[id].status == DISPUTED;
        bool wasClosed = _isClosed(id);
        vm.prank(sellerProposes ? terms.seller : terms.buyer);
        try escrow.proposeSettlement(terms, buyerTotal) {} catch {
            if (allowed) rulingRefused = true;
            return;
        }
        vm.prank(sellerProposes ? terms.buyer : terms.seller);
        try escrow.acceptSettlement(terms, buyerTotal) {
            _closeSplit(terms, id, buyerTotal, wasClosed);
        } catch {
            if (allowed) rulingRefused = true;
        }
    }

    /// @dev The arbiter rules the buyer's TOTAL; within the arbitration period it must land.
    function resolveDispute(uint256 orderSeed, uint256 buyerTotal) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        _rule(terms, id, _bound(buyerTotal, 0, terms.amount));
    }

    /// @dev The measured attack on rulings: the seller refunds part of a disputed order just
    ///      before the arbiter's ruling (or a settlement) lands; it must land all the same.
    function refundBeforeRuling(
        uint256 orderSeed,
        uint256 refundAmount,
        uint256 buyerTotal,
        bool bySettlement
    ) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _disputedOrder(orderSeed);
        if (id == bytes32(0) || _ghosts[id].status != DISPUTED) return;
        Ghost storage ghost = _ghosts[id];
        if (ghost.remaining > 1) {
            refundAmount = _bound(refundAmount, 1, ghost.remaining - 1);
            vm.prank(terms.seller);
            try escrow.refund(terms, refundAmount) {
                ghost.remaining -= refundAmount;
                ghost.refunded += refundAmount;
                _pay(terms.buyer, refundAmount);
            } catch {
                rulingRefused = true; // a partial refund of an open order is always allowed
            }
        }
        buyerTotal = _bound(buyerTotal, 0, terms.amount);
        if (ghost.refunded > 0) ++rulingsAfterRefund;
        if (!bySettlement) return _rule(terms, id, buyerTotal);
        vm.prank(terms.buyer);
        try escrow.proposeSettlement(terms, buyerTotal) {} catch {
            rulingRefused = true;
            return;
        }
        vm.prank(terms.seller);
        try escrow.acceptSettlement(terms, buyerTotal) {
            _closeSplit(terms, id, buyerTotal, false);
        } catch {
            rulingRefused = true;
        }
    }

    function _rule(ITradeEscrow.OrderTerms memory terms, bytes32 id, uint256 buyerTotal) internal {
        Ghost memory ghost = _ghosts[id];
        bool allowed =
            ghost.status == DISPUTED && block.timestamp < ghost.since + ARBITRATION_PERIOD;
        bool wasClosed = _isClosed(id);
        vm.prank(terms.arbiter);
        try escrow.resolveDispute(terms, buyerTotal, keccak256("ruling")) {
            _closeSplit(terms, id, buyerTotal, wasClosed);
        } catch {
            if (allowed) rulingRefused = true;
        }
    }

    /// @dev With `waitForIt`, first jumps to the exact second the dispute turns stale.
    function closeStaleDispute(uint256 orderSeed, bool waitForIt) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id) = _order(orderSeed);
        if (id == bytes32(0)) return;
        Ghost memory ghost = _ghosts[id];
        uint256 staleAt = ghost.since + ARBITRATION_PERIOD;
        if (waitForIt && ghost.status == DISPUTED && block.timestamp < staleAt) vm.warp(staleAt);
        bool allowed = ghost.status == DISPUTED && block.timestamp >= staleAt;
        try escrow.closeStaleDispute(terms) {
            // even split of the whole order: the buyer's total is the lower half of the amount
            _closeSplit(terms, id, terms.amount / 2, _isClosed(id));
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    // ------------------------------------------------------------------ after the order

    function withdraw(uint256 accountSeed) external {
        address account = _accounts[accountSeed % _accounts.length];
        uint256 owed = expectedClaimable[account];
        bool allowed = owed > 0 && !token.isBlacklisted(account) && !token.paused();
        vm.prank(account);
        try escrow.withdraw(address(token)) {
            expectedClaimable[account] = 0;
            expectedWallet[account] += owed;
        } catch {
            if (allowed) withdrawRefused = true;
        }
    }

    function collectFees() external {
        uint256 fees = expectedFees;
        bool allowed = fees > 0 && !token.isBlacklisted(feeRecipient) && !token.paused();
        try escrow.collectFees(address(token)) {
            expectedFees = 0;
            expectedWallet[feeRecipient] += fees;
        } catch {
            if (allowed) withdrawRefused = true;
        }
    }

    // ------------------------------------------------------------------ environment

    /// @dev Mostly short steps (shipping and confirmation windows), sometimes a jump past the
    ///      arbitration period so stale disputes and lapsed deadlines come up too.
    function warp(uint256 seconds_) external {
        uint256 step =
            seconds_ % 4 == 0
                ? ARBITRATION_PERIOD + _bound(seconds_ >> 8, 0, MAX_SHORT_WARP)
                : _bound(seconds_ >> 8, 0, MAX_SHORT_WARP);
        vm.warp(block.timestamp + step);
    }

    function setFee(uint256 feeBps) external {
        vm.prank(admin);
        escrow.setFee(uint16(_bound(feeBps, 0, MAX_FEE_BPS)));
    }

    function blacklist(uint256 accountSeed) external {
        address account = _accounts[accountSeed % _accounts.length];
        if (token.isBlacklisted(account)) return;
        vm.prank(admin);
        token.blacklist(account);
    }

    function unBlacklist(uint256 accountSeed) external {
        address account = _accounts[accountSeed % _accounts.length];
        if (!token.isBlacklisted(account)) return;
        vm.prank(admin);
        token.unBlacklist(account);
    }

    function pauseToken(bool paused_) external {
        if (token.paused() == paused_) return;
        vm.prank(admin);
        if (paused_) token.pause();
        else token.unpause();
    }

    /// @dev The product owner re-classifies one of its products (the positive-listed or the
    ///      unlisted one) between three codes while orders are in flight.
    function reclassify(bool unlisted, uint256 codeSeed) external {
        bytes32 productId = unlisted ? unlistedProduct : positiveProduct;
        uint32 code = _code(codeSeed);
        vm.prank(registry.productOf(productId).owner);
        try registry.reclassifyProduct(productId, code) {
            ++reclassifications;
        } catch {}
    }

    /// @dev The destination's customs sets a chapter's tariff entry (positive, negative or none)
    ///      for one of the three chapters the products move between.
    function setTariffListing(uint256 codeSeed, uint8 statusSeed) external {
        uint256 chapter = _code(codeSeed) / 1e6;
        ITradeRegistry.ListingStatus status = ITradeRegistry.ListingStatus(statusSeed % 3);
        vm.prank(customs);
        try
            registry.setTariffCodeListing(
                customsDestination,
                2,
                uint32(chapter),
                status,
                0,
                keccak256("tariff")
            )
        {
            if (chapterStatus[chapter] == ITradeRegistry.ListingStatus.Unlisted) {
                if (status != ITradeRegistry.ListingStatus.Unlisted) ++_listedChapters;
            } else if (status == ITradeRegistry.ListingStatus.Unlisted) {
                --_listedChapters;
            }
            chapterStatus[chapter] = status;
        } catch {}
    }

    // ------------------------------------------------------------------ model

    /// @dev The HS code an order of `terms` keeps (issue 15): where the destination has tariff
    ///      listings and the product has no entry of its own, the code in force there at
    ///      creation (the registry's answer to "which code is in force", customs binding or
    ///      held code included); else zero.
    function _expectedSnapshot(
        ITradeEscrow.OrderTerms memory terms
    ) internal view returns (uint32 hsCode) {
        if (terms.destination != customsDestination || terms.productId == positiveProduct) return 0;
        if (_listedChapters == 0) return 0;
        (hsCode, ) = registry.classificationOf(customsDestination, terms.productId);
    }

    function _code(uint256 seed) internal pure returns (uint32) {
        uint256 pick = seed % 3;
        return
            pick == 0
                ? CODE_TEA
                : pick == 1
                    ? CODE_LAPTOP
                    : CODE_SHIRT;
    }

    /// @dev The rule for every payout: the token refuses a blacklisted recipient or any transfer
    ///      while paused, and then the amount becomes claimable instead.
    function _pay(address to, uint256 amount) internal {
        if (amount == 0) return;
        if (token.isBlacklisted(to) || token.paused()) expectedClaimable[to] += amount;
        else expectedWallet[to] += amount;
    }

    function _closeRefund(
        ITradeEscrow.OrderTerms memory terms,
        bytes32 id,
        bool wasClosed
    ) internal {
        Ghost storage ghost = _ghosts[id];
        uint256 amount = ghost.remaining;
        ghost.refunded = terms.amount;
        _close(id, REFUNDED, wasClosed);
        _pay(terms.buyer, amount);
    }

    function _closeComplete(
        ITradeEscrow.OrderTerms memory terms,
        bytes32 id,
        bool wasClosed
    ) internal {
        uint256 gross = _ghosts[id].remaining;
        uint256 fee = (gross * terms.feeBps) / BPS;
        expectedFees += fee;
        _close(id, COMPLETED, wasClosed);
        _pay(terms.seller, gross - fee);
    }

    /// @dev Closes with the buyer's total for the whole order: the buyer receives what is missing
    ///      to it (nothing when refunds already reach it), the seller the rest minus the fee.
    function _closeSplit(
        ITradeEscrow.OrderTerms memory terms,
        bytes32 id,
        uint256 buyerTotal,
        bool wasClosed
    ) internal {
        Ghost storage ghost = _ghosts[id];
        uint256 buyerAmount = buyerTotal > ghost.refunded ? buyerTotal - ghost.refunded : 0;
        uint256 gross = ghost.remaining - buyerAmount;
        uint256 fee = (gross * terms.feeBps) / BPS;
        expectedFees += fee;
        ghost.refunded += buyerAmount;
        _close(id, RESOLVED, wasClosed);
        _pay(terms.buyer, buyerAmount);
        _pay(terms.seller, gross - fee);
    }

    function _close(bytes32 id, uint8 status, bool wasClosed) internal {
        if (wasClosed) closedTwice = true;
        Ghost storage ghost = _ghosts[id];
        ghost.status = status;
        ghost.remaining = 0;
        ghost.since = block.timestamp;
        ghost.closedSince = block.timestamp;
    }

    function _isClosed(bytes32 id) internal view returns (bool) {
        return _ghosts[id].status > DISPUTED;
    }

    function _order(
        uint256 seed
    ) internal view returns (ITradeEscrow.OrderTerms memory terms, bytes32 id) {
        if (_orders.length == 0) return (terms, bytes32(0));
        uint256 index = seed % _orders.length;
        return (_orders[index], _ids[index]);
    }

    /// @dev The first order from `seed` on (wrapping) that is shipped or cleared, else any order.
    function _openOrder(
        uint256 seed
    ) internal view returns (ITradeEscrow.OrderTerms memory terms, bytes32 id) {
        uint256 count = _orders.length;
        for (uint256 i = 0; i < count; ++i) {
            uint256 index = (seed + i) % count;
            uint8 status = _ghosts[_ids[index]].status;
            if (status == SHIPPED || status == CLEARED) return (_orders[index], _ids[index]);
        }
        return _order(seed);
    }

    /// @dev The first disputed order from `seed` on (wrapping), else any order.
    function _disputedOrder(
        uint256 seed
    ) internal view returns (ITradeEscrow.OrderTerms memory terms, bytes32 id) {
        uint256 count = _orders.length;
        for (uint256 i = 0; i < count; ++i) {
            uint256 index = (seed + i) % count;
            if (_ghosts[_ids[index]].status == DISPUTED) return (_orders[index], _ids[index]);
        }
        return _order(seed);
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        return min + (x % (max - min + 1));
    }
}

/// @title TradeEscrowInvariantTest
/// @notice Invariants of the escrow under random orders, paths, time jumps, fee changes,
///         blacklisting and token pauses (DESIGN §4 promises 3 and 4, and the split rules).
contract TradeEscrowInvariantTest is EscrowSuite {
    TradeEscrowHandler internal handler;

    function setUp() public {
        vm.warp(START_TIME);
        _deploySuite();
        address[] memory buyers = new address[](3);
        buyers[0] = BUYER_A;
        buyers[1] = BUYER_B;
        buyers[2] = BUYER_C;
        address[] memory sellers = new address[](2);
        sellers[0] = SELLER_A;
        sellers[1] = SELLER_B;
        uint256[] memory sellerKeys = new uint256[](2);
        sellerKeys[0] = SELLER_A_KEY;
        sellerKeys[1] = SELLER_B_KEY;
        handler = new TradeEscrowHandler(
            TradeEscrowHandler.Wiring({
                escrow: escrow,
                registry: registry,
                token: token,
                admin: address(this),
                arbiter: ARBITER,
                customs: CUSTOMS_PK,
                feeRecipient: FEE_RECIPIENT,
                positiveProduct: LAPTOP,
                unlistedProduct: TEA,
                customsDestination: PK,
                freeDestination: DE,
                buyers: buyers,
                sellers: sellers,
                sellerKeys: sellerKeys
            })
        );
        token.configureMinter(address(handler), token.MAX_SUPPLY());

        bytes4[] memory selectors = new bytes4[](32);
        selectors[0] = TradeEscrowHandler.createOrder.selector;
        selectors[1] = TradeEscrowHandler.createOrder.selector; // weight: creation twice as likely
        selectors[2] = TradeEscrowHandler.ship.selector;
        selectors[3] = TradeEscrowHandler.ship.selector;
        selectors[4] = TradeEscrowHandler.clearCustoms.selector;
        selectors[5] = TradeEscrowHandler.rejectAtCustoms.selector;
        selectors[6] = TradeEscrowHandler.confirmReceipt.selector;
        selectors[7] = TradeEscrowHandler.releaseAfterTimeout.selector;
        selectors[8] = TradeEscrowHandler.cancel.selector;
        selectors[9] = TradeEscrowHandler.reject.selector;
        selectors[10] = TradeEscrowHandler.refundUnshipped.selector;
        selectors[11] = TradeEscrowHandler.refund.selector;
        selectors[12] = TradeEscrowHandler.openDispute.selector;
        selectors[13] = TradeEscrowHandler.settle.selector;
        selectors[14] = TradeEscrowHandler.resolveDispute.selector;
        selectors[15] = TradeEscrowHandler.closeStaleDispute.selector;
        selectors[16] = TradeEscrowHandler.withdraw.selector;
        selectors[17] = TradeEscrowHandler.collectFees.selector;
        selectors[18] = TradeEscrowHandler.warp.selector;
        selectors[19] = TradeEscrowHandler.setFee.selector;
        selectors[20] = TradeEscrowHandler.blacklist.selector;
        selectors[21] = TradeEscrowHandler.unBlacklist.selector;
        selectors[22] = TradeEscrowHandler.pauseToken.selector;
        selectors[23] = TradeEscrowHandler.openDisputeNearBoundary.selector;
        selectors[24] = TradeEscrowHandler.openDisputeNearBoundary.selector;
        selectors[25] = TradeEscrowHandler.openDisputeNearBoundary.selector;
        selectors[26] = TradeEscrowHandler.openDisputeNearBoundary.selector;
        selectors[27] = TradeEscrowHandler.refundBeforeRuling.selector;
        selectors[28] = TradeEscrowHandler.refundBeforeRuling.selector;
        selectors[29] = TradeEscrowHandler.reclassify.selector;
        selectors[30] = TradeEscrowHandler.setTariffListing.selector;
        selectors[31] = TradeEscrowHandler.reclassify.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice DESIGN §4.4: balance == Σ open amounts (minus refunded parts) + Σ claimable
    ///         + accrued fees.
    function invariant_balanceEqualsOpenPlusClaimablePlusFees() public view {
        uint256 open;
        uint256 count = handler.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            (bytes32 orderId, ) = handler.orderAt(i);
            ITradeEscrow.OrderState memory state = escrow.orderState(orderId);
            if (state.status <= ITradeEscrow.Status.Disputed) {
                (ITradeEscrow.OrderTerms memory terms, ) = _termsOf(i);
                open += terms.amount - state.refunded;
            }
        }
        uint256 claimable;
        address[] memory accounts = handler.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            claimable += escrow.claimable(address(token), accounts[i]);
        }
        assertEq(
            token.balanceOf(address(escrow)),
            open + claimable + escrow.accruedFees(address(token)),
            "escrow balance == open + claimable + accrued fees"
        );
    }

    /// @notice Every order is where the model says, with what the model says still escrowed.
    function invariant_ordersFollowTheModel() public view {
        uint256 count = handler.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            (bytes32 orderId, TradeEscrowHandler.Ghost memory ghost) = handler.orderAt(i);
            ITradeEscrow.OrderState memory state = escrow.orderState(orderId);
            assertEq(uint256(state.status), ghost.status, "status as modelled");
            assertEq(state.refunded, ghost.refunded, "refunded as modelled");
            // the code kept at creation, never the product's current one
            assertEq(state.hsCode, ghost.hsCode, "classification snapshot as modelled");
        }
    }

    /// @notice No closing call ever succeeds twice on one order.
    function invariant_noOrderClosesTwice() public view {
        assertFalse(handler.closedTwice(), "an order closed twice");
    }

    /// @notice A closed order's state (status, timestamp, buyer's part) never changes again.
    function invariant_closedOrdersNeverChange() public view {
        uint256 count = handler.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            (bytes32 orderId, TradeEscrowHandler.Ghost memory ghost) = handler.orderAt(i);
            if (ghost.status <= uint8(ITradeEscrow.Status.Disputed)) continue;
            ITradeEscrow.OrderState memory state = escrow.orderState(orderId);
            assertEq(uint256(state.status), ghost.status, "closed status unchanged");
            assertEq(state.since, ghost.closedSince, "closed timestamp unchanged");
            assertEq(state.refunded, ghost.refunded, "closed buyer part unchanged");
        }
    }

    /// @notice Every buyer, seller and the fee recipient hold exactly what the rules give them,
    ///         in their wallet or as a claimable balance, and the accrued fees are as modelled.
    function invariant_everyoneEndsWithWhatTheRulesGive() public view {
        address[] memory accounts = handler.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            assertEq(
                token.balanceOf(accounts[i]),
                handler.expectedWallet(accounts[i]),
                "wallet balance as modelled"
            );
            assertEq(
                escrow.claimable(address(token), accounts[i]),
                handler.expectedClaimable(accounts[i]),
                "claimable as modelled"
            );
        }
        assertEq(escrow.accruedFees(address(token)), handler.expectedFees(), "fees as modelled");
    }

    /// @notice DESIGN §4.3: an admin-free close or a withdrawal the rules allow is never refused.
    function invariant_noMoneyIsStuck() public view {
        assertFalse(handler.closeRefused(), "an allowed admin-free close was refused");
        assertFalse(handler.withdrawRefused(), "an allowed withdrawal was refused");
    }

    /// @notice Issue 8: every dispute, opened at random times and often at the exact boundary,
    ///         opened only where the rules allow it and was never refused where they do: the
    ///         buyer within the confirmation window of a cleared order, the seller on a cleared
    ///         order, either party on a shipment customs left undecided for CUSTOMS_PERIOD.
    function invariant_disputesFollowTheRules() public view {
        assertFalse(handler.disputeRuleBroken(), "a dispute broke the window or customs rule");
    }

    /// @notice Issue 15: a ruling within the arbitration period, or a settlement both parties
    ///         agreed, always lands, whatever partial refunds came before it; the buyer then holds
    ///         max(total, refunds) (checked by invariant_everyoneEndsWithWhatTheRulesGive).
    function invariant_rulingsAndSettlementsStand() public view {
        assertFalse(handler.rulingRefused(), "a ruling or an agreed settlement was refused");
    }

    function _termsOf(
        uint256 index
    ) internal view returns (ITradeEscrow.OrderTerms memory terms, bytes32 orderId) {
        return handler.termsAt(index);
    }
}
