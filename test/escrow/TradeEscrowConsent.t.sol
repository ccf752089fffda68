// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {TradeEscrow} from "../../contracts/escrow/TradeEscrow.sol";
import {EscrowSuite} from "../helpers/EscrowSuite.sol";

/// @title TradeEscrowConsentFuzzTest
/// @notice Issue 15: fuzzes the seller's consent (a wrong key, terms changed after signing, a
///         replay on another escrow or another chain are each refused with the signer that was
///         recovered) and the partial-refund-then-ruling arithmetic (the buyer ends with the
///         larger of the ruled total and its refunds, exactly, and nothing reverts).
contract TradeEscrowConsentFuzzTest is EscrowSuite {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;
    uint256 internal constant MAX_FEE_BPS = 500;
    /// @dev The secp256k1 group order: private keys are 1 .. N - 1.
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    TradeEscrow internal second;
    uint256 internal _refCounter;

    function setUp() public {
        vm.warp(START_TIME);
        _deploySuite();
        token.configureMinter(address(this), token.MAX_SUPPLY());
        // another escrow on the same registry, same token
        second = new TradeEscrow(
            address(this),
            registry,
            FEE_RECIPIENT,
            INITIAL_FEE_BPS,
            DEFAULT_ARBITER
        );
        second.setTokenAllowed(address(token), true);
    }

    // ------------------------------------------------------------------ helpers

    function _fresh(uint256 amount) internal returns (ITradeEscrow.OrderTerms memory terms) {
        terms = _terms(BUYER_A, SELLER_A, amount, bytes32(++_refCounter));
        token.mint(BUYER_A, amount);
        vm.prank(BUYER_A);
        token.approve(address(escrow), amount);
        vm.prank(BUYER_A);
        token.approve(address(second), amount);
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Who `signature` (r ‖ s ‖ v) recovers to over `digest`.
    function _recover(bytes32 digest, bytes memory signature) internal pure returns (address) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        return ecrecover(digest, v, r, s);
    }

    function _expectInvalid(
        TradeEscrow target,
        ITradeEscrow.OrderTerms memory terms,
        bytes memory signature
    ) internal {
        bytes32 orderId = target.orderIdOf(terms);
        address signer = _recover(target.sellerConsentDigest(orderId), signature);
        assertTrue(signer != terms.seller, "the signature must not be the seller's here");
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeEscrow.SellerSignatureInvalid.selector,
                orderId,
                terms.seller,
                signer
            )
        );
        vm.prank(terms.buyer);
        target.createOrder(terms, signature);
    }

    // ------------------------------------------------------------------ consent

    /// @dev Any key but the seller's (nor a delegate's) is refused, naming its address.
    function testFuzz_consent_wrongKeyRefusedWithTheRecoveredSigner(
        uint256 key,
        uint256 amount
    ) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != SELLER_A_KEY);
        ITradeEscrow.OrderTerms memory terms = _fresh(bound(amount, 1, MAX_AMOUNT));
        bytes32 orderId = escrow.orderIdOf(terms);
        bytes memory signature = _sign(key, escrow.sellerConsentDigest(orderId));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeEscrow.SellerSignatureInvalid.selector,
                orderId,
                SELLER_A,
                vm.addr(key)
            )
        );
        vm.prank(BUYER_A);
        escrow.createOrder(terms, signature);
        // the seller's own key passes for the same terms
        bytes memory good = _consent(terms);
        vm.prank(BUYER_A);
        escrow.createOrder(terms, good);
        assertEq(
            uint256(escrow.orderState(orderId).status),
            uint256(ITradeEscrow.Status.Funded),
            "funded with the seller's own consent"
        );
    }

    /// @dev The seller's signature for some terms is refused for the same terms with any one
    ///      field changed afterwards (amount, ref, ship-by, confirmation window, arbiter).
    function testFuzz_consent_termsChangedAfterSigningRefused(
        uint256 amount,
        uint256 field,
        uint256 value
    ) public {
        ITradeEscrow.OrderTerms memory terms = _fresh(bound(amount, 1, MAX_AMOUNT / 2));
        bytes memory signature = _consent(terms);
        field = field % 5;
        if (field == 0) {
            uint256 changed = bound(value, 1, MAX_AMOUNT / 2);
            vm.assume(changed != terms.amount);
            token.mint(BUYER_A, changed);
            vm.prank(BUYER_A);
            token.approve(address(escrow), changed);
            terms.amount = changed;
        } else if (field == 1) {
            vm.assume(bytes32(value) != terms.ref);
            terms.ref = bytes32(value);
        } else if (field == 2) {
            uint64 shipBy = uint64(bound(value, block.timestamp + 1, type(uint64).max));
            vm.assume(shipBy != terms.shipBy);
            terms.shipBy = shipBy;
        } else if (field == 3) {
            uint32 window = uint32(bound(value, 1 days, 90 days));
            vm.assume(window != terms.confirmWindow);
            terms.confirmWindow = window;
        } else {
            terms.arbiter = DEFAULT_ARBITER;
        }
        _expectInvalid(escrow, terms, signature);
    }

    /// @dev A consent given on one escrow is refused by another on the same registry.
    function testFuzz_consent_replayOnAnotherEscrowRefused(uint256 amount) public {
        ITradeEscrow.OrderTerms memory terms = _fresh(bound(amount, 1, MAX_AMOUNT));
        bytes memory signature = _consent(terms);
        _expectInvalid(second, terms, signature);
        // and the other way round
        bytes memory forSecond = _sign(
            SELLER_A_KEY,
            second.sellerConsentDigest(second.orderIdOf(terms))
        );
        _expectInvalid(escrow, terms, forSecond);
        // each works where it was given
        vm.prank(BUYER_A);
        escrow.createOrder(terms, signature);
        token.mint(BUYER_A, terms.amount);
        vm.prank(BUYER_A);
        second.createOrder(terms, forSecond);
    }

    /// @dev A consent given on one chain is refused on any other (the order id and the
    ///      registry's EIP-712 domain both carry the chain id).
    function testFuzz_consent_replayOnAnotherChainRefused(uint256 amount, uint64 chainId) public {
        vm.assume(chainId != block.chainid && chainId != 0);
        ITradeEscrow.OrderTerms memory terms = _fresh(bound(amount, 1, MAX_AMOUNT));
        bytes32 digestHere = escrow.sellerConsentDigest(escrow.orderIdOf(terms));
        bytes memory signature = _consent(terms);
        vm.chainId(chainId);
        assertTrue(
            escrow.sellerConsentDigest(escrow.orderIdOf(terms)) != digestHere,
            "the digest depends on the chain"
        );
        _expectInvalid(escrow, terms, signature);
    }

    // ------------------------------------------------------------------ refunds then rulings

    /// @dev The seller refunds r (partial), then the arbiter rules, or the parties settle, a
    ///      buyer total t ≤ amount: nothing reverts, the buyer ends with max(t, r) exactly, the
    ///      seller with the rest minus the fee on it, the escrow with that fee only.
    function testFuzz_refundThenRuling_buyerEndsWithMaxOfTotalAndRefunds(
        uint256 amount,
        uint256 refunded,
        uint256 buyerTotal,
        uint256 feeBps,
        uint256 path
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT);
        refunded = bound(refunded, 1, amount - 1);
        buyerTotal = bound(buyerTotal, 0, amount);
        feeBps = bound(feeBps, 0, MAX_FEE_BPS);
        escrow.setFee(uint16(feeBps));
        ITradeEscrow.OrderTerms memory terms = _fresh(amount);
        bytes memory signature = _consent(terms);
        vm.prank(BUYER_A);
        bytes32 orderId = escrow.createOrder(terms, signature);
        vm.prank(SELLER_A);
        escrow.ship(terms, keccak256("tracking"));
        vm.prank(BUYER_A);
        escrow.openDispute(terms, keccak256("evidence"));
        // the refund comes while the dispute is open, just before the close
        vm.prank(SELLER_A);
        escrow.refund(terms, refunded);
        path = path % 3;
        if (path == 0) {
            vm.prank(ARBITER);
            escrow.resolveDispute(terms, buyerTotal, keccak256("ruling"));
        } else {
            // proposed before or after the refund makes no difference: propose now
            vm.prank(path == 1 ? BUYER_A : SELLER_A);
            escrow.proposeSettlement(terms, buyerTotal);
            vm.prank(path == 1 ? SELLER_A : BUYER_A);
            escrow.acceptSettlement(terms, buyerTotal);
        }
        uint256 buyerEnds = buyerTotal > refunded ? buyerTotal : refunded;
        uint256 gross = amount - buyerEnds;
        uint256 fee = (gross * feeBps) / BPS;
        assertEq(token.balanceOf(BUYER_A), buyerEnds, "buyer ends with max(total, refunds)");
        assertEq(token.balanceOf(SELLER_A), gross - fee, "seller: the rest minus the fee");
        assertEq(escrow.accruedFees(address(token)), fee, "fee on the seller's part");
        assertEq(token.balanceOf(address(escrow)), fee, "escrow keeps only the fee");
        ITradeEscrow.OrderState memory state = escrow.orderState(orderId);
        assertEq(uint256(state.status), uint256(ITradeEscrow.Status.Resolved), "resolved");
        assertEq(state.refunded, buyerEnds, "the buyer's part as recorded");
    }

    /// @dev A ruling above the amount is refused with the total and the amount, whatever the
    ///      refunds (not with what remains).
    function testFuzz_ruling_aboveTheAmountRefused(
        uint256 amount,
        uint256 refunded,
        uint256 excess
    ) public {
        amount = bound(amount, 2, MAX_AMOUNT - 1);
        refunded = bound(refunded, 1, amount - 1);
        uint256 buyerTotal = bound(excess, amount + 1, type(uint256).max);
        ITradeEscrow.OrderTerms memory terms = _fresh(amount);
        bytes memory signature = _consent(terms);
        vm.prank(BUYER_A);
        bytes32 orderId = escrow.createOrder(terms, signature);
        vm.prank(SELLER_A);
        escrow.ship(terms, keccak256("tracking"));
        vm.prank(BUYER_A);
        escrow.openDispute(terms, keccak256("evidence"));
        vm.prank(SELLER_A);
        escrow.refund(terms, refunded);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITradeEscrow.BuyerTotalExceedsAmount.selector,
                orderId,
                buyerTotal,
                amount
            )
        );
        vm.prank(ARBITER);
        escrow.resolveDispute(terms, buyerTotal, keccak256("ruling"));
    }
}
