// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {EscrowSuite} from "../helpers/EscrowSuite.sol";

/// @title TradeEscrowFuzzTest
/// @notice Fuzz tests of the escrow's split and fee arithmetic on the real contracts
///         (TradeRegistry, SettlementToken, TradeEscrow). The rule under test, as documented in
///         TradeEscrow: of what remains in escrow the buyer part is paid as is, the seller's gross
///         part is the rest, fee = floor(sellerGross × feeBps / 10,000), the seller gets
///         sellerGross − fee; a stale dispute gives the buyer floor(remaining / 2). So for every
///         path buyer + seller + fee == amount, and the fee never exceeds the exact percentage.
contract TradeEscrowFuzzTest is EscrowSuite {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;
    uint256 internal constant MAX_FEE_BPS = 500;
    uint256 internal constant ARBITRATION_PERIOD = 30 days;

    uint256 private _refCounter;

    function setUp() public {
        vm.warp(START_TIME);
        _deploySuite();
        token.configureMinter(address(this), token.MAX_SUPPLY());
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Sets the fee, mints the amount to BUYER_A and funds a fresh order with it.
    function _fund(
        uint256 amount,
        uint256 feeBps
    ) internal returns (ITradeEscrow.OrderTerms memory terms, bytes32 orderId) {
        escrow.setFee(uint16(feeBps));
        terms = _terms(BUYER_A, SELLER_A, amount, bytes32(++_refCounter));
        token.mint(BUYER_A, amount);
        vm.prank(BUYER_A);
        token.approve(address(escrow), amount);
        bytes memory sellerSignature = _consent(terms);
        vm.prank(BUYER_A);
        orderId = escrow.createOrder(terms, sellerSignature);
    }

    function _ship(ITradeEscrow.OrderTerms memory terms) internal {
        vm.prank(SELLER_A);
        escrow.ship(terms, keccak256("tracking"));
    }

    function _dispute(ITradeEscrow.OrderTerms memory terms) internal {
        vm.prank(BUYER_A);
        escrow.openDispute(terms, keccak256("evidence"));
    }

    /// @dev Asserts the documented fee rule without re-using the contract's formula:
    ///      fee·BPS ≤ gross·feeBps < (fee+1)·BPS: the exact percentage rounded down.
    function _assertFeeRule(uint256 fee, uint256 gross, uint256 feeBps) internal pure {
        assertLe(fee * BPS, gross * feeBps, "fee not above the exact percentage");
        assertTrue(gross * feeBps < (fee + 1) * BPS, "fee is the percentage rounded down");
    }

    /// @dev buyer + seller + fee == amount, every part where the rules put it, nothing left over.
    function _assertSplit(
        uint256 amount,
        uint256 buyerPart,
        uint256 feeBps
    ) internal view returns (uint256 sellerPart, uint256 fee) {
        sellerPart = token.balanceOf(SELLER_A);
        fee = escrow.accruedFees(address(token));
        assertEq(token.balanceOf(BUYER_A), buyerPart, "buyer part");
        assertEq(buyerPart + sellerPart + fee, amount, "buyer + seller + fee == amount");
        _assertFeeRule(fee, amount - buyerPart, feeBps);
        assertEq(token.balanceOf(address(escrow)), fee, "escrow keeps only the fee");
        assertEq(escrow.claimable(address(token), SELLER_A), 0, "nothing deferred");
    }

    // ------------------------------------------------------------------ release

    function testFuzz_confirmReceipt_splitsAmountExactly(uint256 amount, uint256 feeBps) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, ) = _fund(amount, feeBps);
        _ship(terms);
        vm.prank(BUYER_A);
        escrow.confirmReceipt(terms);
        _assertSplit(amount, 0, feeBps);
    }

    function testFuzz_releaseAfterTimeout_opensExactlyAtTheWindow(
        uint256 amount,
        uint256 window,
        uint256 feeBps
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        escrow.setFee(uint16(feeBps));
        ITradeEscrow.OrderTerms memory terms = _terms(BUYER_A, SELLER_A, amount, bytes32(0));
        terms.confirmWindow = uint32(bound(window, 1 days, 90 days));
        token.mint(BUYER_A, amount);
        vm.prank(BUYER_A);
        token.approve(address(escrow), amount);
        bytes memory sellerSignature = _consent(terms);
        vm.prank(BUYER_A);
        bytes32 orderId = escrow.createOrder(terms, sellerSignature);
        _ship(terms);
        uint256 releasableAt = block.timestamp + terms.confirmWindow;
        vm.warp(releasableAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeEscrow.ConfirmWindowNotElapsed.selector,
                orderId,
                releasableAt,
                releasableAt - 1
            )
        );
        escrow.releaseAfterTimeout(terms);
        vm.warp(releasableAt);
        escrow.releaseAfterTimeout(terms);
        _assertSplit(amount, 0, feeBps);
    }

    // ------------------------------------------------------------------ refunds

    function testFuzz_partialRefundThenConfirm_feeOnlyOnWhatRemains(
        uint256 amount,
        uint256 refunded,
        uint256 feeBps
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        refunded = bound(refunded, 1, amount - 1);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, bytes32 orderId) = _fund(amount, feeBps);
        _ship(terms);
        vm.prank(SELLER_A);
        escrow.refund(terms, refunded);
        assertEq(escrow.orderState(orderId).refunded, refunded, "refunded recorded");
        vm.prank(BUYER_A);
        escrow.confirmReceipt(terms);
        _assertSplit(amount, refunded, feeBps);
    }

    function testFuzz_refundsInTwoSteps_closeWithTheWholeAmountBack(
        uint256 amount,
        uint256 first,
        bool shipFirst
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        first = bound(first, 1, amount - 1);
        (ITradeEscrow.OrderTerms memory terms, bytes32 orderId) = _fund(amount, INITIAL_FEE_BPS);
        if (shipFirst) _ship(terms);
        vm.prank(SELLER_A);
        escrow.refund(terms, first);
        vm.prank(SELLER_A);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeEscrow.InvalidRefundAmount.selector,
                orderId,
                amount - first + 1,
                amount - first
            )
        );
        escrow.refund(terms, amount - first + 1);
        vm.prank(SELLER_A);
        escrow.refund(terms, amount - first);
        ITradeEscrow.OrderState memory state = escrow.orderState(orderId);
        assertEq(uint256(state.status), uint256(ITradeEscrow.Status.Refunded), "closed");
        assertEq(state.refunded, amount, "refunded the whole amount");
        _assertSplit(amount, amount, INITIAL_FEE_BPS);
    }

    // ------------------------------------------------------------------ disputes

    function testFuzz_resolveDispute_splitsAmountExactly(
        uint256 amount,
        uint256 buyerAmount,
        uint256 feeBps
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        buyerAmount = bound(buyerAmount, 0, amount);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, ) = _fund(amount, feeBps);
        _ship(terms);
        _dispute(terms);
        vm.prank(ARBITER);
        escrow.resolveDispute(terms, buyerAmount, keccak256("ruling"));
        _assertSplit(amount, buyerAmount, feeBps);
    }

    function testFuzz_acceptSettlement_afterPartialRefund_splitsAmountExactly(
        uint256 amount,
        uint256 refunded,
        uint256 buyerAmount,
        uint256 feeBps,
        bool sellerProposes
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        refunded = bound(refunded, 1, amount - 1);
        // the buyer's total for the whole order: refunds already paid count toward it
        buyerAmount = bound(buyerAmount, 0, amount);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, ) = _fund(amount, feeBps);
        _ship(terms);
        _dispute(terms);
        vm.prank(SELLER_A);
        escrow.refund(terms, refunded);
        vm.prank(sellerProposes ? SELLER_A : BUYER_A);
        escrow.proposeSettlement(terms, buyerAmount);
        vm.prank(sellerProposes ? BUYER_A : SELLER_A);
        escrow.acceptSettlement(terms, buyerAmount);
        // the buyer keeps refunds above the total; otherwise it ends with exactly the total
        _assertSplit(amount, buyerAmount > refunded ? buyerAmount : refunded, feeBps);
    }

    function testFuzz_closeStaleDispute_evenSplitOfTheWholeOrder(
        uint256 amount,
        uint256 refunded,
        uint256 feeBps
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        refunded = bound(refunded, 0, amount - 1);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, bytes32 orderId) = _fund(amount, feeBps);
        _ship(terms);
        if (refunded > 0) {
            vm.prank(SELLER_A);
            escrow.refund(terms, refunded);
        }
        _dispute(terms);
        uint256 staleAt = block.timestamp + ARBITRATION_PERIOD;
        vm.warp(staleAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeEscrow.ArbitrationPeriodNotElapsed.selector,
                orderId,
                staleAt,
                staleAt - 1
            )
        );
        escrow.closeStaleDispute(terms);
        vm.warp(staleAt);
        escrow.closeStaleDispute(terms);
        // the buyer's total is half of the whole order (rounded down), refunds included; refunds
        // above it stay with the buyer
        uint256 buyerHalf = amount / 2;
        uint256 buyerTotal = refunded > buyerHalf ? refunded : buyerHalf;
        _assertSplit(amount, buyerTotal, feeBps);
        assertEq(escrow.orderState(orderId).refunded, buyerTotal, "buyer's total");
        // scored as a draw for both, whatever the odd unit or the refunds
        ITradeEscrow.Credit memory buyer = escrow.creditOf(BUYER_A, address(token));
        ITradeEscrow.Credit memory seller = escrow.creditOf(SELLER_A, address(token));
        assertEq(buyer.disputesDrawn, 1, "buyer drawn");
        assertEq(seller.disputesDrawn, 1, "seller drawn");
        assertEq(
            uint256(buyer.disputesWon) +
                buyer.disputesLost +
                seller.disputesWon +
                seller.disputesLost,
            0,
            "no winner"
        );
    }

    // ------------------------------------------------------------------ fee changes

    function testFuzz_feeChangeAfterCreation_neverTouchesTheOrder(
        uint256 amount,
        uint256 feeAtCreation,
        uint256 feeLater
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        feeAtCreation = bound(feeAtCreation, 0, MAX_FEE_BPS);
        feeLater = bound(feeLater, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, ) = _fund(amount, feeAtCreation);
        escrow.setFee(uint16(feeLater));
        _ship(terms);
        vm.prank(BUYER_A);
        escrow.confirmReceipt(terms);
        _assertSplit(amount, 0, feeAtCreation);
    }

    function testFuzz_blacklistedSeller_payoutClaimableThenWithdrawn(
        uint256 amount,
        uint256 feeBps
    ) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        (ITradeEscrow.OrderTerms memory terms, ) = _fund(amount, feeBps);
        _ship(terms);
        token.blacklist(SELLER_A);
        vm.prank(BUYER_A);
        escrow.confirmReceipt(terms);
        uint256 fee = escrow.accruedFees(address(token));
        uint256 owed = escrow.claimable(address(token), SELLER_A);
        assertEq(owed + fee, amount, "claimable + fee == amount");
        assertEq(token.balanceOf(address(escrow)), amount, "all still in escrow");
        token.unBlacklist(SELLER_A);
        vm.prank(SELLER_A);
        escrow.withdraw(address(token));
        _assertSplit(amount, 0, feeBps);
    }
}
