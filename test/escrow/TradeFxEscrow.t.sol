// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {ITradeFxEscrow} from "../../contracts/interfaces/ITradeFxEscrow.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {FxSuite} from "../helpers/FxSuite.sol";

/// @title TradeFxEscrowFuzzTest
/// @notice Fuzz tests of issue 19's two-leg split on the real contracts (TradeRegistry, two
///         SettlementTokens, TradeEscrow as settings escrow, TradeFxEscrow and its desk). The rule
///         under test (docs: notes/fx-spec.md, ITradeFxEscrow): with pay leg A, payout leg P and
///         the buyer's total R after a step, the buyer has R of the pay leg, the provider A - R of
///         it at the final close (to its claimable balance), the provider floor(R·P/A) of the payout
///         leg (claimable), the seller's gross part is P - floor(R·P/A), the fee is
///         floor(gross·feeBps/10,000) in the payout token, the seller is paid gross - fee. Every
///         expected figure here is computed from that rule, never read back from the escrow.
contract TradeFxEscrowFuzzTest is FxSuite {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;
    uint256 internal constant MAX_FEE_BPS = 500;
    uint256 internal constant ARBITRATION_PERIOD = 30 days;
    uint256 internal constant CUSTOMS_PERIOD = 30 days;

    /// @dev One funded cross-currency order under test.
    struct Fx {
        ITradeEscrow.OrderTerms terms;
        bytes32 id;
        SettlementToken pay;
        SettlementToken payout;
        uint256 p;
    }

    uint256 private _refCounter;

    function setUp() public {
        vm.warp(START_TIME);
        _deployFxSuite(type(uint128).max);
        token.configureMinter(address(this), token.MAX_SUPPLY());
        token2.configureMinter(address(this), token2.MAX_SUPPLY());
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Sets the fee and funds an order of A (pay leg, from BUYER_A) and P (payout leg, from the
    ///      provider's balance in the escrow when `fromBalance`, else from its allowance).
    function _fund(
        uint256 a,
        uint256 p,
        uint256 feeBps,
        bool reverse,
        bool fromBalance
    ) internal returns (Fx memory o) {
        return _fundFor(SELLER_A, a, p, feeBps, reverse, fromBalance);
    }

    function _fundFor(
        address seller,
        uint256 a,
        uint256 p,
        uint256 feeBps,
        bool reverse,
        bool fromBalance
    ) internal returns (Fx memory o) {
        escrow.setFee(uint16(feeBps));
        (o.pay, o.payout) = reverse ? (token2, token) : (token, token2);
        o.p = p;
        o.terms = _fxTerms(BUYER_A, seller, address(o.pay), a, bytes32(++_refCounter));
        ITradeFxEscrow.FxQuote memory quote = _quoteFor(o.terms, provider, address(o.payout), p);
        _fundProvider(o.payout, p, fromBalance);
        o.pay.mint(BUYER_A, a);
        vm.prank(BUYER_A);
        o.pay.approve(address(fx), a);
        bytes memory quoteSig = _signQuote(PROVIDER_KEY, quote);
        bytes memory consent = _fxConsent(o.terms, quote);
        vm.prank(BUYER_A);
        o.id = fx.createFxOrder(o.terms, quote, quoteSig, consent);
        assertEq(o.id, quote.orderId, "order id as quoted");
        (, uint256 open) = desk.fxLimitOf(provider, address(o.pay), address(o.payout));
        assertGe(open, p, "exposure includes the payout leg");
    }

    function _fundProvider(SettlementToken payout, uint256 p, bool fromBalance) internal {
        payout.mint(provider, p);
        vm.startPrank(provider);
        if (fromBalance) {
            payout.approve(address(fx), p);
            fx.deposit(address(payout), p);
        } else {
            payout.approve(address(fx), p);
        }
        vm.stopPrank();
        assertEq(payout.balanceOf(provider), fromBalance ? 0 : p, "provider funded");
    }

    function _ship(Fx memory o) internal {
        vm.prank(o.terms.seller);
        fx.ship(o.terms, keccak256("tracking"));
    }

    function _dispute(Fx memory o) internal {
        vm.prank(BUYER_A);
        fx.openDispute(o.terms, keccak256("evidence"));
    }

    /// @dev A partial refund of `amount` taking the buyer's total from `before`; checks its event.
    function _refund(Fx memory o, uint256 before, uint256 amount) internal {
        uint256 a = o.terms.amount;
        uint256 back = _share(before + amount, o.p, a) - _share(before, o.p, a);
        vm.expectEmit();
        emit ITradeFxEscrow.FxLegsSplit(o.id, amount, 0, 0, back, 0);
        vm.prank(o.terms.seller);
        fx.refund(o.terms, amount);
    }

    /// @dev The state after a close with buyer's total `r` (fee rate `feeBps`): both legs split by
    ///      the rule, nothing else left in the escrow, the desk's exposure freed. Returns the
    ///      seller's net payout.
    function _assertClosed(
        Fx memory o,
        uint256 r,
        uint256 feeBps
    ) internal view returns (uint256 sellerNet) {
        uint256 a = o.terms.amount;
        uint256 back = _share(r, o.p, a);
        uint256 gross = o.p - back;
        uint256 fee = (gross * feeBps) / BPS;
        sellerNet = o.payout.balanceOf(o.terms.seller);
        // pay leg: buyer R + provider A - R == A
        assertEq(o.pay.balanceOf(BUYER_A), r, "buyer has R of the pay leg");
        assertEq(fx.claimable(address(o.pay), provider), a - r, "provider has A - R");
        // payout leg: seller + fee + provider == P
        assertEq(fx.claimable(address(o.payout), provider), back, "provider has floor(R*P/A)");
        assertEq(fx.accruedFees(address(o.payout)), fee, "fee in the payout token");
        assertEq(sellerNet, gross - fee, "seller paid gross - fee");
        assertEq(sellerNet + fee + back, o.p, "payout parts sum to P");
        assertEq(o.pay.balanceOf(BUYER_A) + a - r, a, "pay parts sum to A");
        // nothing in the escrow but the provider's balances and the fee
        assertEq(o.pay.balanceOf(address(fx)), a - r, "escrow holds the provider's pay part");
        assertEq(o.payout.balanceOf(address(fx)), back + fee, "escrow holds payout part + fee");
        assertEq(fx.accruedFees(address(o.pay)), 0, "no fee in the pay token");
        assertEq(o.payout.balanceOf(BUYER_A), 0, "buyer paid in its own currency only");
        assertEq(o.pay.balanceOf(o.terms.seller), 0, "seller paid in its own currency only");
        (, uint256 open) = desk.fxLimitOf(provider, address(o.pay), address(o.payout));
        assertEq(open, 0, "exposure freed at the close");
    }

    /// @dev Partial refunds r1 then r2 (each may be 0 = skipped), then the arbiter rules `ruling`.
    function _refundsThenRuling(Fx memory o, uint256 r1, uint256 r2, uint256 ruling) internal {
        _ship(o);
        if (r1 != 0) _refund(o, 0, r1);
        _dispute(o);
        if (r2 != 0) _refund(o, r1, r2);
        uint256 refunded = r1 + r2;
        uint256 r = ruling > refunded ? ruling : refunded;
        uint256 a = o.terms.amount;
        uint256 back = _share(r, o.p, a) - _share(refunded, o.p, a);
        uint256 gross = o.p - _share(r, o.p, a);
        uint256 fee = (gross * o.terms.feeBps) / BPS;
        vm.expectEmit();
        emit ITradeFxEscrow.FxLegsSplit(o.id, r - refunded, a - r, gross - fee, back, fee);
        vm.prank(ARBITER);
        fx.resolveDispute(o.terms, ruling, keccak256("ruling"));
    }

    // ------------------------------------------------------------------ release

    /// @notice Two partial refunds then the buyer confirms: R = r1 + r2 < A.
    function testFuzz_confirmAfterPartialRefunds_splitsBothLegs(
        uint256 a,
        uint256 p,
        uint256 feeBps,
        uint256 r1,
        uint256 r2,
        uint8 flags
    ) public {
        a = bound(a, 1, MAX_AMOUNT);
        p = bound(p, 1, MAX_LEG);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        Fx memory o = _fund(a, p, feeBps, flags & 1 != 0, flags & 2 != 0);
        _ship(o);
        r1 = a > 1 && flags & 4 != 0 ? bound(r1, 1, a - 1) : 0;
        r2 = a - r1 > 1 && flags & 8 != 0 ? bound(r2, 1, a - r1 - 1) : 0;
        if (r1 != 0) _refund(o, 0, r1);
        if (r2 != 0) _refund(o, r1, r2);
        uint256 r = r1 + r2;
        uint256 gross = p - _share(r, p, a);
        uint256 fee = (gross * feeBps) / BPS;
        vm.expectEmit();
        emit ITradeFxEscrow.FxLegsSplit(o.id, 0, a - r, gross - fee, 0, fee);
        vm.prank(BUYER_A);
        fx.confirmReceipt(o.terms);
        uint256 net = _assertClosed(o, r, feeBps);
        // the seller's record: a sale in the payout token, volume = what it was paid
        ITradeEscrow.Credit memory credit = fx.creditOf(SELLER_A, address(o.payout));
        if (fee != 0 || feeBps == 0) assertEq(credit.volume, _cap96(net), "seller volume");
    }

    /// @notice The same at realistic sizes: 6-decimal amounts up to 10^12 units, rates 1e-4..1e4.
    function testFuzz_confirmRealistic_splitsBothLegs(
        uint256 a,
        uint256 rate,
        uint256 r1,
        uint256 feeBps,
        bool reverse
    ) public {
        a = bound(a, 1e4, 1e18);
        rate = bound(rate, 1e2, 1e10); // payout per pay unit, scaled by 1e6
        uint256 p = (a * rate) / 1e6;
        if (p == 0) p = 1;
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        Fx memory o = _fund(a, p, feeBps, reverse, rate % 2 == 0);
        _ship(o);
        r1 = bound(r1, 0, a - 1);
        if (r1 != 0) _refund(o, 0, r1);
        vm.prank(BUYER_A);
        fx.confirmReceipt(o.terms);
        _assertClosed(o, r1, feeBps);
    }

    // ------------------------------------------------------------------ disputes

    /// @notice Partial refunds before and during a dispute, then any ruling: R = max(ruling,
    ///         refunds), so the ruling names the buyer's total and never fails.
    function testFuzz_ruling_splitsBothLegs(
        uint256 a,
        uint256 p,
        uint256 feeBps,
        uint256 r1,
        uint256 r2,
        uint256 ruling
    ) public {
        a = bound(a, 1, MAX_AMOUNT);
        p = bound(p, 1, MAX_LEG);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        Fx memory o = _fund(a, p, feeBps, ruling % 2 == 0, ruling % 3 == 0);
        r1 = a > 1 && r1 % 3 != 0 ? bound(r1, 1, a - 1) : 0;
        r2 = a - r1 > 1 && r2 % 3 != 0 ? bound(r2, 1, a - r1 - 1) : 0;
        ruling = bound(ruling, 0, a);
        _refundsThenRuling(o, r1, r2, ruling);
        uint256 refunded = r1 + r2;
        _assertClosed(o, ruling > refunded ? ruling : refunded, feeBps);
    }

    /// @notice Realistic sizes, one refund, then a ruling.
    function testFuzz_rulingRealistic_splitsBothLegs(
        uint256 a,
        uint256 rate,
        uint256 r1,
        uint256 ruling
    ) public {
        a = bound(a, 1e4, 1e18);
        rate = bound(rate, 1e2, 1e10);
        uint256 p = (a * rate) / 1e6;
        if (p == 0) p = 1;
        Fx memory o = _fund(a, p, INITIAL_FEE_BPS, rate % 2 == 0, ruling % 2 == 0);
        r1 = bound(r1, 0, a - 1);
        ruling = bound(ruling, 0, a);
        _refundsThenRuling(o, r1, 0, ruling);
        _assertClosed(o, ruling > r1 ? ruling : r1, INITIAL_FEE_BPS);
    }

    /// @notice A stale dispute: the buyer's total is max(refunds, floor(A/2)).
    function testFuzz_staleClose_splitsBothLegs(
        uint256 a,
        uint256 p,
        uint256 feeBps,
        uint256 r1
    ) public {
        a = bound(a, 1, MAX_AMOUNT);
        p = bound(p, 1, MAX_LEG);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        Fx memory o = _fund(a, p, feeBps, r1 % 2 == 0, r1 % 5 == 0);
        _ship(o);
        r1 = a > 1 && r1 % 3 != 0 ? bound(r1, 1, a - 1) : 0;
        if (r1 != 0) _refund(o, 0, r1);
        _dispute(o);
        vm.warp(block.timestamp + ARBITRATION_PERIOD);
        fx.closeStaleDispute(o.terms);
        _assertClosed(o, r1 > a / 2 ? r1 : a / 2, feeBps);
    }

    /// @notice Two orders of the same legs ruled at R1 ≤ R2: the provider's payout share is
    ///         floor(R·P/A) for each and the seller's net payout is non-increasing in R.
    function testFuzz_sellerShareMonotoneInBuyerTotal(
        uint256 a,
        uint256 p,
        uint256 feeBps,
        uint256 rLow,
        uint256 rHigh
    ) public {
        a = bound(a, 1, MAX_AMOUNT);
        p = bound(p, 1, MAX_LEG / 2);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        rLow = bound(rLow, 0, a);
        rHigh = bound(rHigh, rLow, a);
        uint256 netLow = _ruledNet(SELLER_A, a, p, feeBps, rLow);
        uint256 netHigh = _ruledNet(SELLER_B, a, p, feeBps, rHigh);
        assertLe(netHigh, netLow, "seller's share non-increasing in R");
    }

    /// @dev Funds, disputes and rules one order for `seller` at buyer total `r`; checks the
    ///      provider's payout share (the growth of its balance, which may have funded this leg
    ///      when the first order left enough in it); returns the seller's net.
    function _ruledNet(
        address seller,
        uint256 a,
        uint256 p,
        uint256 feeBps,
        uint256 r
    ) internal returns (uint256 net) {
        Fx memory o = _fundFor(seller, a, p, feeBps, false, false);
        uint256 backBefore = fx.claimable(address(token2), provider);
        _ship(o);
        _dispute(o);
        vm.prank(ARBITER);
        fx.resolveDispute(o.terms, r, keccak256("ruling"));
        assertEq(
            fx.claimable(address(token2), provider) - backBefore,
            _share(r, p, a),
            "provider's payout share == floor(R*P/A)"
        );
        net = token2.balanceOf(seller);
        uint256 gross = p - _share(r, p, a);
        assertEq(net, gross - (gross * feeBps) / BPS, "seller net");
    }

    // ------------------------------------------------------------------ full refunds

    /// @notice Every full-refund path returns exactly A to the buyer and P to the provider's
    ///         balance, charges no fee and pays the seller nothing; partial refunds before it
    ///         count toward it.
    function testFuzz_fullRefund_returnsExactlyBothLegs(
        uint256 a,
        uint256 p,
        uint256 path,
        uint256 r1
    ) public {
        a = bound(a, 1, MAX_AMOUNT);
        p = bound(p, 1, MAX_LEG);
        Fx memory o = _fund(a, p, INITIAL_FEE_BPS, path % 7 == 0, path % 11 == 0);
        path = path % 5;
        if (path == 0) {
            vm.prank(BUYER_A);
            fx.cancel(o.terms);
        } else if (path == 1) {
            vm.prank(o.terms.seller);
            fx.reject(o.terms, keccak256("out of stock"));
        } else if (path == 2) {
            vm.warp(o.terms.shipBy + 1);
            fx.refundUnshipped(o.terms);
        } else {
            _ship(o);
            if (path == 4) _dispute(o);
            r1 = a > 1 ? bound(r1, 0, a - 1) : 0;
            if (r1 != 0) _refund(o, 0, r1);
            uint256 back = p - _share(r1, p, a);
            vm.expectEmit();
            emit ITradeFxEscrow.FxLegsSplit(o.id, a - r1, 0, 0, back, 0);
            vm.prank(o.terms.seller);
            fx.refund(o.terms, a - r1);
        }
        _assertFullRefund(o);
    }

    /// @notice Customs rejects a shipment that waits for it (TEA is unlisted in PK).
    function testFuzz_rejectAtCustoms_returnsExactlyBothLegs(
        uint256 a,
        uint256 p,
        uint256 r1
    ) public {
        a = bound(a, 2, MAX_AMOUNT);
        p = bound(p, 1, MAX_LEG);
        escrow.setFee(uint16(INITIAL_FEE_BPS));
        Fx memory o;
        (o.pay, o.payout, o.p) = (token, token2, p);
        o.terms = _fxTerms(BUYER_A, SELLER_A, address(token), a, bytes32(++_refCounter));
        o.terms.productId = TEA;
        o.id = _create(o.terms, p);
        _ship(o);
        assertEq(
            uint256(fx.orderState(o.id).status),
            uint256(ITradeEscrow.Status.Shipped),
            "waits for customs"
        );
        r1 = bound(r1, 0, a - 1);
        if (r1 != 0) _refund(o, 0, r1);
        vm.prank(CUSTOMS_PK);
        fx.rejectAtCustoms(o.terms, keccak256("rejected"));
        _assertFullRefund(o);
    }

    function _create(ITradeEscrow.OrderTerms memory terms, uint256 p) internal returns (bytes32) {
        ITradeFxEscrow.FxQuote memory quote = _quoteFor(terms, provider, address(token2), p);
        _fundProvider(token2, p, false);
        token.mint(BUYER_A, terms.amount);
        vm.prank(BUYER_A);
        token.approve(address(fx), terms.amount);
        bytes memory quoteSig = _signQuote(PROVIDER_KEY, quote);
        bytes memory consent = _fxConsent(terms, quote);
        vm.prank(BUYER_A);
        return fx.createFxOrder(terms, quote, quoteSig, consent);
    }

    function _assertFullRefund(Fx memory o) internal {
        uint256 a = o.terms.amount;
        assertEq(o.pay.balanceOf(BUYER_A), a, "buyer has exactly A back");
        assertEq(fx.claimable(address(o.payout), provider), o.p, "provider has exactly P back");
        assertEq(fx.claimable(address(o.pay), provider), 0, "provider has none of the pay leg");
        assertEq(o.payout.balanceOf(o.terms.seller), 0, "seller paid nothing");
        assertEq(fx.accruedFees(address(o.payout)), 0, "no fee");
        assertEq(o.pay.balanceOf(address(fx)), 0, "no pay token left");
        assertEq(o.payout.balanceOf(address(fx)), o.p, "only the provider's balance left");
        (, uint256 open) = desk.fxLimitOf(provider, address(o.pay), address(o.payout));
        assertEq(open, 0, "exposure freed");
        // the provider withdraws its balance: the escrow is empty
        vm.prank(provider);
        fx.withdraw(address(o.payout));
        assertEq(o.payout.balanceOf(address(fx)), 0, "escrow empty after the withdrawal");
        assertEq(o.payout.balanceOf(provider), o.p, "provider holds P again");
    }

    // ------------------------------------------------------------------ extremes

    /// @notice The largest legs (2^128 - 1 each) with a ruling one unit short of a full refund.
    function test_largestLegs_rulingOneUnitShort() public {
        Fx memory o = _fund(MAX_AMOUNT, MAX_LEG, MAX_FEE_BPS, false, true);
        _refundsThenRuling(o, 1, 0, MAX_AMOUNT - 1);
        _assertClosed(o, MAX_AMOUNT - 1, MAX_FEE_BPS);
    }

    /// @notice A one-unit pay leg against the largest payout leg (and the reverse): R is 0 or A.
    function test_oneUnitAgainstLargestLeg() public {
        Fx memory o = _fund(1, MAX_LEG, MAX_FEE_BPS, false, false);
        _ship(o);
        vm.prank(BUYER_A);
        fx.confirmReceipt(o.terms);
        _assertClosed(o, 0, MAX_FEE_BPS);
    }

    function _cap96(uint256 x) internal pure returns (uint256) {
        return x > type(uint96).max ? type(uint96).max : x;
    }
}
