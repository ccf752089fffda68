// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {EscrowSuite} from "../helpers/EscrowSuite.sol";

/// @title TradeEscrowRulesFuzzTest
/// @notice Fuzz tests of the second-pass rules (issue 8) on the real contracts: the buyer's
///         dispute window is the confirmation window (at every second exactly one of "buyer may
///         dispute" and "anyone may release" holds), CUSTOMS_PERIOD keeps both parties from
///         disputing a shipment customs may still decide, and the credit record counts each close
///         once, per token, on the right party, under the fee rule.
contract TradeEscrowRulesFuzzTest is EscrowSuite {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;
    uint256 internal constant MAX_FEE_BPS = 500;
    uint256 internal constant CUSTOMS_PERIOD = 30 days;

    uint256 private _refCounter;

    function setUp() public {
        vm.warp(START_TIME);
        _deploySuite();
        token.configureMinter(address(this), token.MAX_SUPPLY());
    }

    // ------------------------------------------------------------------ helpers

    function _fund(ITradeEscrow.OrderTerms memory terms) internal returns (bytes32 orderId) {
        SettlementToken(terms.token).mint(terms.buyer, terms.amount);
        vm.prank(terms.buyer);
        SettlementToken(terms.token).approve(address(escrow), terms.amount);
        bytes memory sellerSignature = _consent(terms);
        vm.prank(terms.buyer);
        orderId = escrow.createOrder(terms, sellerSignature);
    }

    function _cap96(uint256 value) internal pure returns (uint256) {
        return value > type(uint96).max ? type(uint96).max : value;
    }

    function _newTerms(
        uint256 amount,
        bytes32 productId
    ) internal returns (ITradeEscrow.OrderTerms memory terms) {
        terms = _terms(BUYER_A, SELLER_A, amount, bytes32(++_refCounter));
        terms.productId = productId;
    }

    function _ship(ITradeEscrow.OrderTerms memory terms) internal {
        vm.prank(terms.seller);
        escrow.ship(terms, keccak256("tracking"));
    }

    // ------------------------------------------------------------------ dispute window

    /// @dev Cleared at shipment (LAPTOP) or by customs after a delay (TEA); at a random second
    ///      around clearedAt + confirmWindow exactly one of dispute and release succeeds.
    function testFuzz_disputeWindow_exactlyOneOfDisputeOrRelease(
        uint256 window,
        uint256 clearDelay,
        uint256 offset,
        bool viaCustoms
    ) public {
        ITradeEscrow.OrderTerms memory terms = _newTerms(1_000e6, viaCustoms ? TEA : LAPTOP);
        terms.confirmWindow = uint32(bound(window, 1 days, 90 days));
        bytes32 orderId = _fund(terms);
        _ship(terms);
        if (viaCustoms) {
            vm.warp(block.timestamp + bound(clearDelay, 0, CUSTOMS_PERIOD - 1));
            vm.prank(CUSTOMS_PK);
            escrow.clearCustoms(terms, keccak256("cleared"));
        }
        uint256 closedAt = block.timestamp + terms.confirmWindow;
        // anywhere from clearance to a window past the boundary, the boundary second weighted
        uint256 when = block.timestamp + bound(offset, 0, 2 * uint256(terms.confirmWindow));
        if (offset % 5 == 0) when = closedAt - 1;
        if (offset % 5 == 1) when = closedAt;
        vm.warp(when);
        if (when < closedAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ITradeEscrow.ConfirmWindowNotElapsed.selector,
                    orderId,
                    closedAt,
                    when
                )
            );
            escrow.releaseAfterTimeout(terms);
            vm.prank(BUYER_A);
            escrow.openDispute(terms, keccak256("in time"));
            assertEq(
                uint256(escrow.orderState(orderId).status),
                uint256(ITradeEscrow.Status.Disputed),
                "disputed within the window"
            );
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ITradeEscrow.DisputeWindowClosed.selector,
                    orderId,
                    closedAt,
                    when
                )
            );
            vm.prank(BUYER_A);
            escrow.openDispute(terms, keccak256("too late"));
            escrow.releaseAfterTimeout(terms);
            assertEq(
                uint256(escrow.orderState(orderId).status),
                uint256(ITradeEscrow.Status.Completed),
                "released once the window closed"
            );
        }
    }

    /// @dev A shipment awaiting customs: before shippedAt + CUSTOMS_PERIOD neither party may
    ///      dispute (and customs may still reject); from that second on either may.
    function testFuzz_customsPeriod_neitherPartyBeforeEitherAfter(
        uint256 offset,
        bool bySeller
    ) public {
        ITradeEscrow.OrderTerms memory terms = _newTerms(500e6, TEA);
        bytes32 orderId = _fund(terms);
        _ship(terms);
        uint256 disputableAt = block.timestamp + CUSTOMS_PERIOD;
        uint256 when = block.timestamp + bound(offset, 0, 2 * CUSTOMS_PERIOD);
        if (offset % 5 == 0) when = disputableAt - 1;
        if (offset % 5 == 1) when = disputableAt;
        vm.warp(when);
        address party = bySeller ? SELLER_A : BUYER_A;
        if (when < disputableAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ITradeEscrow.CustomsPeriodNotElapsed.selector,
                    orderId,
                    disputableAt,
                    when
                )
            );
            vm.prank(party);
            escrow.openDispute(terms, keccak256("held"));
            vm.prank(CUSTOMS_PK);
            escrow.rejectAtCustoms(terms, keccak256("no certificate"));
            assertEq(token.balanceOf(BUYER_A), terms.amount, "customs' full refund stood");
        } else {
            vm.prank(party);
            escrow.openDispute(terms, keccak256("no decision"));
            ITradeEscrow.OrderState memory state = escrow.orderState(orderId);
            assertEq(uint256(state.status), uint256(ITradeEscrow.Status.Disputed), "disputed");
            assertEq(state.disputedBySeller, bySeller, "opener recorded");
        }
    }

    // ------------------------------------------------------------------ credit counters

    /// @dev One completed order at a random amount and fee: the sale and purchase count (with
    ///      volume) exactly when a fee of at least one unit was paid or the rate was zero, and
    ///      only in the order's token.
    function testFuzz_credit_saleCountsOnlyWithAFee(uint256 amount, uint256 feeBps) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        escrow.setFee(uint16(feeBps));
        ITradeEscrow.OrderTerms memory terms = _newTerms(amount, LAPTOP);
        _fund(terms);
        _ship(terms);
        vm.prank(BUYER_A);
        escrow.confirmReceipt(terms);
        uint256 fee = (amount * feeBps) / BPS;
        bool counted = fee > 0 || feeBps == 0;
        ITradeEscrow.Credit memory seller = escrow.creditOf(SELLER_A, address(token));
        ITradeEscrow.Credit memory buyer = escrow.creditOf(BUYER_A, address(token));
        assertEq(seller.salesCompleted, counted ? 1 : 0, "sale counted under the fee rule");
        assertEq(buyer.purchasesCompleted, counted ? 1 : 0, "purchase counted under the rule");
        // the seller's volume is what it was paid (after the fee), the buyer's what it paid
        uint256 paid = amount - fee;
        assertEq(seller.volume, counted ? _cap96(paid) : 0, "seller volume");
        assertEq(buyer.volume, counted ? _cap96(amount) : 0, "buyer volume");
        assertEq(seller.purchasesCompleted, 0, "a sale is no purchase");
        assertEq(buyer.salesCompleted, 0, "a purchase is no sale");
        // another token's record is untouched
        ITradeEscrow.Credit memory other = escrow.creditOf(SELLER_A, address(0xCAFE));
        assertEq(other.salesCompleted + other.volume, 0, "other currencies untouched");
    }

    /// @dev A refund by a random cause lands once, in that cause's counter, on the party that
    ///      caused it, and nowhere else.
    function testFuzz_credit_refundCountedOnTheCause(uint256 amount, uint256 causeSeed) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        uint256 cause = causeSeed % 5;
        ITradeEscrow.OrderTerms memory terms = _newTerms(amount, cause == 3 ? TEA : LAPTOP);
        _fund(terms);
        if (cause == 0) {
            vm.prank(BUYER_A);
            escrow.cancel(terms);
        } else if (cause == 1) {
            vm.prank(SELLER_A);
            escrow.reject(terms, keccak256("out of stock"));
        } else if (cause == 2) {
            vm.warp(uint256(terms.shipBy) + 1);
            escrow.refundUnshipped(terms);
        } else if (cause == 3) {
            _ship(terms);
            vm.prank(CUSTOMS_PK);
            escrow.rejectAtCustoms(terms, keccak256("refused"));
        } else {
            _ship(terms);
            vm.prank(SELLER_A);
            escrow.refund(terms, amount);
        }
        ITradeEscrow.Credit memory buyer = escrow.creditOf(BUYER_A, address(token));
        ITradeEscrow.Credit memory seller = escrow.creditOf(SELLER_A, address(token));
        assertEq(buyer.cancelledAsBuyer, cause == 0 ? 1 : 0, "buyer's own cancellation");
        assertEq(seller.rejectedAsSeller, cause == 1 ? 1 : 0, "seller's rejection");
        assertEq(seller.missedShipBy, cause == 2 ? 1 : 0, "missed ship-by");
        assertEq(seller.rejectedAtCustoms, cause == 3 ? 1 : 0, "customs rejection");
        assertEq(seller.refundedAsSeller, cause == 4 ? 1 : 0, "seller's full refund");
        assertEq(seller.refundedVolume, cause == 4 ? _cap96(amount) : 0, "seller's refunds");
        uint256 buyerOthers =
            uint256(buyer.rejectedAsSeller) +
                buyer.missedShipBy +
                buyer.rejectedAtCustoms +
                buyer.refundedAsSeller +
                buyer.salesCompleted +
                buyer.purchasesCompleted +
                buyer.volume;
        assertEq(buyerOthers, 0, "nothing the seller caused lands on the buyer");
        assertEq(seller.cancelledAsBuyer, 0, "the buyer's cancellation never lands on the seller");
        assertEq(seller.volume + seller.salesCompleted, 0, "a refund is no sale");
    }

    /// @dev A ruled dispute: the opener's count, won/lost by who got more than half, and volume
    ///      only when the seller's part paid a fee.
    function testFuzz_credit_disputeScoredOnce(
        uint256 amount,
        uint256 buyerAmount,
        bool bySeller
    ) public {
        amount = bound(amount, 1, 1e24);
        buyerAmount = bound(buyerAmount, 0, amount);
        ITradeEscrow.OrderTerms memory terms = _newTerms(amount, LAPTOP);
        _fund(terms);
        _ship(terms);
        vm.prank(bySeller ? SELLER_A : BUYER_A);
        escrow.openDispute(terms, keccak256("e"));
        vm.prank(ARBITER);
        escrow.resolveDispute(terms, buyerAmount, keccak256("ruling"));
        ITradeEscrow.Credit memory buyer = escrow.creditOf(BUYER_A, address(token));
        ITradeEscrow.Credit memory seller = escrow.creditOf(SELLER_A, address(token));
        assertEq(seller.disputesOpened, bySeller ? 1 : 0, "seller opened");
        assertEq(buyer.disputesOpened, bySeller ? 0 : 1, "buyer opened");
        bool buyerWon = buyerAmount * 2 > amount;
        bool sellerWon = buyerAmount * 2 < amount;
        assertEq(buyer.disputesDrawn, buyerWon || sellerWon ? 0 : 1, "buyer drawn");
        assertEq(seller.disputesDrawn, buyerWon || sellerWon ? 0 : 1, "seller drawn");
        assertEq(buyer.disputesWon, buyerWon ? 1 : 0, "buyer won");
        assertEq(seller.disputesLost, buyerWon ? 1 : 0, "seller lost");
        assertEq(seller.disputesWon, sellerWon ? 1 : 0, "seller won");
        assertEq(buyer.disputesLost, sellerWon ? 1 : 0, "buyer lost");
        uint256 gross = amount - buyerAmount;
        uint256 fee = (gross * INITIAL_FEE_BPS) / BPS;
        assertEq(seller.volume, fee > 0 ? gross - fee : 0, "seller volume: what it was paid");
        assertEq(buyer.volume, fee > 0 ? gross : 0, "buyer volume: what it paid the seller");
        assertEq(seller.salesCompleted + buyer.purchasesCompleted, 0, "a dispute is no sale");
    }
}
