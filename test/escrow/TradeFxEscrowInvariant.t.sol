// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {ROLE_FX_PROVIDER} from "../../contracts/interfaces/ITradeRegistry.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {FxLedger} from "../helpers/FxLedger.sol";
import {FxMixedHandler} from "../helpers/FxMixedHandler.sol";
import {FxSuite} from "../helpers/FxSuite.sol";

/// @title TradeFxEscrowInvariantTest
/// @notice Invariants of both escrows under MIXED traffic in the same two tokens: single-currency
///         orders on TradeEscrow and cross-currency orders on TradeFxEscrow (both directions, two
///         providers, one with a tight cap), random paths, rulings, refunds, withdrawals, fee
///         collection, deposits, fee changes, blacklisting and time jumps (FxMixedHandler).
///         DESIGN §4 promise 4 for each token and each escrow: balance == open legs + claimable
///         balances + accrued fees; the desk's open exposure == the open payout legs.
contract TradeFxEscrowInvariantTest is FxSuite {
    uint256 internal constant PROVIDER_B_KEY = 0xF1F1;
    /// @dev Tight enough that creations hit it (legs are up to 1e15).
    uint128 internal constant TIGHT_CAP = 3e15;

    FxMixedHandler internal handler;
    address internal providerB;

    function setUp() public {
        vm.warp(START_TIME);
        _deployFxSuite(TIGHT_CAP);
        providerB = vm.addr(PROVIDER_B_KEY);
        registry.registerParticipant(providerB, ROLE_FX_PROVIDER, DE, keccak256("kyc:fx-b"));
        desk.setFxLimit(providerB, address(token), address(token2), type(uint128).max);
        desk.setFxLimit(providerB, address(token2), address(token), type(uint128).max);
        handler = new FxMixedHandler(_wiring());
        token.configureMinter(address(handler), token.MAX_SUPPLY());
        token2.configureMinter(address(handler), token2.MAX_SUPPLY());
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: _selectors()}));
    }

    function _wiring() internal view returns (FxMixedHandler.Wiring memory w) {
        w.escrow = escrow;
        w.fx = fx;
        w.registry = registry;
        w.t0 = token;
        w.t1 = token2;
        w.admin = address(this);
        w.arbiter = ARBITER;
        w.customs = CUSTOMS_PK;
        w.feeRecipient = FEE_RECIPIENT;
        w.positiveProduct = LAPTOP;
        w.unlistedProduct = TEA;
        w.customsDestination = PK;
        w.freeDestination = DE;
        w.buyers = new address[](3);
        (w.buyers[0], w.buyers[1], w.buyers[2]) = (BUYER_A, BUYER_B, BUYER_C);
        w.sellers = new address[](2);
        (w.sellers[0], w.sellers[1]) = (SELLER_A, SELLER_B);
        w.sellerKeys = new uint256[](2);
        (w.sellerKeys[0], w.sellerKeys[1]) = (SELLER_A_KEY, SELLER_B_KEY);
        w.providers = new address[](2);
        (w.providers[0], w.providers[1]) = (provider, providerB);
        w.providerKeys = new uint256[](2);
        (w.providerKeys[0], w.providerKeys[1]) = (PROVIDER_KEY, PROVIDER_B_KEY);
        w.providerCaps = new uint256[](2);
        (w.providerCaps[0], w.providerCaps[1]) = (TIGHT_CAP, type(uint128).max);
    }

    function _selectors() internal pure returns (bytes4[] memory s) {
        s = new bytes4[](24);
        s[0] = FxMixedHandler.createOrder.selector;
        s[1] = FxMixedHandler.createFxOrder.selector;
        s[2] = FxMixedHandler.createFxOrder.selector; // weight: FX creation twice as likely
        s[3] = FxMixedHandler.ship.selector;
        s[4] = FxMixedHandler.ship.selector;
        s[5] = FxMixedHandler.clearCustoms.selector;
        s[6] = FxMixedHandler.rejectAtCustoms.selector;
        s[7] = FxMixedHandler.confirmReceipt.selector;
        s[8] = FxMixedHandler.releaseAfterTimeout.selector;
        s[9] = FxMixedHandler.cancel.selector;
        s[10] = FxMixedHandler.refundUnshipped.selector;
        s[11] = FxMixedHandler.refund.selector;
        s[12] = FxMixedHandler.refund.selector;
        s[13] = FxMixedHandler.openDispute.selector;
        s[14] = FxMixedHandler.resolveDispute.selector;
        s[15] = FxMixedHandler.settle.selector;
        s[16] = FxMixedHandler.closeStaleDispute.selector;
        s[17] = FxMixedHandler.withdraw.selector;
        s[18] = FxMixedHandler.collectFees.selector;
        s[19] = FxMixedHandler.deposit.selector;
        s[20] = FxMixedHandler.warp.selector;
        s[21] = FxMixedHandler.setFee.selector;
        s[22] = FxMixedHandler.toggleBlacklist.selector;
        s[23] = FxMixedHandler.openDispute.selector;
    }

    /// @notice The handler itself works: a fixed sequence creates orders on both escrows in both
    ///         directions and closes them by several paths, and every invariant then holds.
    function test_handlerDrivesBothEscrows() public {
        handler.createOrder(0, 5e12, false);
        handler.createOrder(1 << 8, 7e12, true);
        handler.createFxOrder(2, 3e12, 4e14, 0); // tUSD -> tCNY, provider A
        handler.createFxOrder(1 << 8, 9e12, 6e11, 3); // tCNY -> tUSD, provider B
        handler.deposit(0, 1e15, true);
        handler.createFxOrder(0, 1e9, 7e9, 0); // payout leg from provider A's balance
        for (uint256 i = 0; i < 5; ++i) handler.ship(i);
        handler.refund(1, 7); // a partial refund
        handler.refund(2, 11);
        handler.openDispute(2, false);
        handler.resolveDispute(2, 1e12);
        handler.confirmReceipt(3);
        handler.cancel(4, false);
        handler.openDispute(0, true);
        handler.closeStaleDispute(0, true);
        handler.collectFees(true, true);
        handler.collectFees(true, false);
        handler.withdraw(5, true, false);
        assertEq(handler.singleCreated(), 2, "single-currency orders created");
        assertEq(handler.fxCreated(), 3, "cross-currency orders created");
        assertGe(handler.fxClosed(), 2, "cross-currency orders closed");
        assertGe(handler.partialRefunds(), 1, "partial refunds");
        invariant_balanceEqualsOpenLegsPlusClaimablePlusFees();
        invariant_deskExposureEqualsOpenPayoutLegs();
        invariant_everyoneEndsWithWhatTheRulesGive();
        invariant_ordersFollowTheModel();
        invariant_nothingRefusedNothingTwice();
    }

    // ------------------------------------------------------------------ chain-side ledger

    /// @dev Bucket of (escrow, token): 0 TradeEscrow/tUSD, 1 TradeEscrow/tCNY, 2 FX/tUSD, 3 FX/tCNY.
    function _bucket(address e, address t) internal view returns (uint256) {
        return (e == address(fx) ? 2 : 0) + (t == address(token2) ? 1 : 0);
    }

    /// @dev Open legs per bucket, read from the chain: for every open order, its pay leg minus
    ///      what the buyer has back (orderState.refunded) and, for an FX order, its payout leg
    ///      (legOf) minus what the provider has back, floor(refunded·P/A).
    function _openLegs() internal view returns (uint256[4] memory open) {
        uint256 count = handler.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            (ITradeEscrow.OrderTerms memory terms, bytes32 id, FxLedger.Ghost memory g) = handler
                .orderAt(i);
            address e = g.isFx ? address(fx) : address(escrow);
            ITradeEscrow.OrderState memory state = ITradeEscrow(e).orderState(id);
            if (state.status > ITradeEscrow.Status.Disputed) continue;
            open[_bucket(e, terms.token)] += terms.amount - state.refunded;
            if (!g.isFx) continue;
            (, address payoutToken, uint256 p) = fx.legOf(id);
            open[_bucket(e, payoutToken)] += p - _share(state.refunded, p, terms.amount);
        }
    }

    /// @dev Σ of the chain's claimable balances of every account in `t` on `e`.
    function _claimableTotal(address e, address t) internal view returns (uint256 total) {
        address[] memory accounts = handler.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            total += ITradeEscrow(e).claimable(t, accounts[i]);
        }
    }

    /// @dev The desk's open exposure computed from the chain's open FX orders on `provider`'s
    ///      line paying in `payToken`.
    function _openPayoutLegs(address p, address payToken) internal view returns (uint256 total) {
        uint256 count = handler.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            (ITradeEscrow.OrderTerms memory terms, bytes32 id, FxLedger.Ghost memory g) = handler
                .orderAt(i);
            if (!g.isFx || terms.token != payToken) continue;
            if (fx.orderState(id).status > ITradeEscrow.Status.Disputed) continue;
            (address legProvider, , uint256 payout) = fx.legOf(id);
            if (legProvider == p) total += payout;
        }
    }

    // ------------------------------------------------------------------ invariants

    /// @notice DESIGN §4.4 for each token and each escrow: token.balanceOf(escrow) == open legs
    ///         in that token + Σ claimable + accrued fees, all read from the chain; and the same
    ///         three figures as the handler's model of the ledger.
    function invariant_balanceEqualsOpenLegsPlusClaimablePlusFees() public view {
        uint256[4] memory open = _openLegs();
        address[2] memory escrows = [address(escrow), address(fx)];
        address[2] memory tokens = [address(token), address(token2)];
        for (uint256 i = 0; i < 2; ++i) {
            for (uint256 j = 0; j < 2; ++j) {
                _checkLedger(escrows[i], tokens[j], open[_bucket(escrows[i], tokens[j])]);
            }
        }
    }

    function _checkLedger(address e, address t, uint256 open) internal view {
        uint256 claimable = _claimableTotal(e, t);
        uint256 fees = ITradeEscrow(e).accruedFees(t);
        assertEq(
            SettlementToken(t).balanceOf(e),
            open + claimable + fees,
            "balance == open legs + claimable + accrued fees"
        );
        assertEq(open, handler.expectedOpen(e, t), "open legs as modelled");
        assertEq(claimable, handler.expectedClaimableTotal(e, t), "claimable as modelled");
        assertEq(fees, handler.expectedFees(e, t), "fees as modelled");
    }

    /// @notice The desk's open exposure on every provider line equals the open payout legs on
    ///         it (and the model's), and never exceeds the line's cap.
    function invariant_deskExposureEqualsOpenPayoutLegs() public view {
        _checkLine(provider, address(token));
        _checkLine(provider, address(token2));
        _checkLine(providerB, address(token));
        _checkLine(providerB, address(token2));
        assertFalse(handler.capBroken(), "an order went over its provider's cap");
    }

    function _checkLine(address p, address payToken) internal view {
        (uint256 cap, uint256 open) = desk.fxLimitOf(p, payToken, _other(payToken));
        assertEq(open, _openPayoutLegs(p, payToken), "desk exposure == open payout legs");
        assertEq(open, handler.expectedExposure(p, payToken), "desk exposure as modelled");
        assertLe(open, cap, "exposure within the cap");
    }

    /// @notice Every account's wallet and claimable balance in both tokens on both escrows are
    ///         what the rules give.
    function invariant_everyoneEndsWithWhatTheRulesGive() public view {
        address[] memory accounts = handler.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            _checkAccount(accounts[i], address(token));
            _checkAccount(accounts[i], address(token2));
        }
    }

    function _checkAccount(address account, address t) internal view {
        assertEq(
            SettlementToken(t).balanceOf(account),
            handler.expectedWallet(t, account),
            "wallet as modelled"
        );
        assertEq(
            escrow.claimable(t, account),
            handler.expectedClaimable(address(escrow), t, account),
            "claimable on TradeEscrow as modelled"
        );
        assertEq(
            fx.claimable(t, account),
            handler.expectedClaimable(address(fx), t, account),
            "claimable on TradeFxEscrow as modelled"
        );
    }

    /// @notice Every order's status and buyer's total are as modelled.
    function invariant_ordersFollowTheModel() public view {
        uint256 count = handler.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            (, bytes32 id, FxLedger.Ghost memory g) = handler.orderAt(i);
            ITradeEscrow e = ITradeEscrow(g.isFx ? address(fx) : address(escrow));
            ITradeEscrow.OrderState memory state = e.orderState(id);
            assertEq(uint256(state.status), g.status, "status as modelled");
            assertEq(state.refunded, g.refunded, "buyer's total as modelled");
        }
    }

    /// @notice No order closes twice; no admin-free close, ruling, settlement, withdrawal or
    ///         deposit the rules allow is refused.
    function invariant_nothingRefusedNothingTwice() public view {
        assertFalse(handler.closedTwice(), "an order closed twice");
        assertFalse(handler.closeRefused(), "an allowed admin-free close was refused");
        assertFalse(handler.withdrawRefused(), "an allowed withdrawal or deposit was refused");
        assertFalse(handler.rulingRefused(), "a ruling or an agreed settlement was refused");
    }
}
