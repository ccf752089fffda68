// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {ITradeFxEscrow} from "../../contracts/interfaces/ITradeFxEscrow.sol";
import {TradeEscrow} from "../../contracts/escrow/TradeEscrow.sol";
import {TradeRegistry} from "../../contracts/registry/TradeRegistry.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {Vm} from "../utils/Vm.sol";
import {FxLedger} from "./FxLedger.sol";

/// @title FxMixedHandler
/// @notice Drives MIXED orders for the invariant fuzzer: single-currency orders on TradeEscrow and
///         cross-currency orders on TradeFxEscrow in the same two tokens (both directions of the
///         pair, two providers, one of them with a tight cap), through creation (payout legs from
///         the provider's balance or its allowance), shipping, customs, confirmation, timeout
///         release, cancellation, rejection, partial and full refunds, disputes with random
///         rulings and settlements, stale closes, withdrawals, fee collection, provider deposits,
///         fee changes, blacklisting and time jumps. After each successful call it applies the
///         rule to its model (FxLedger); the invariants compare model and chain.
contract FxMixedHandler is FxLedger {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    uint256 internal constant MAX_AMOUNT = 1e15;
    bytes32 internal constant FX_QUOTE_TYPEHASH = keccak256(
        "FxQuote(address escrow,address provider,address payToken,uint256 payAmount,address payoutToken,uint256 payoutAmount,bytes32 orderId,uint64 expiry)"
    );
    uint256 internal constant MAX_FEE_BPS = 500;
    uint256 internal constant MAX_SHORT_WARP = 3 days;
    uint256 internal constant ARBITRATION_PERIOD = 30 days;
    uint256 internal constant CUSTOMS_PERIOD = 30 days;

    uint256 internal constant M_FUNDED = 1 << FUNDED;
    uint256 internal constant M_SHIPPED = 1 << SHIPPED;
    uint256 internal constant M_CLEARED = 1 << CLEARED;
    uint256 internal constant M_DISPUTED = 1 << DISPUTED;
    uint256 internal constant M_OPEN = M_FUNDED | M_SHIPPED | M_CLEARED | M_DISPUTED;

    /// @notice Who and what the handler drives.
    struct Wiring {
        TradeEscrow escrow;
        ITradeFxEscrow fx;
        TradeRegistry registry;
        SettlementToken t0;
        SettlementToken t1;
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
        address[] providers;
        uint256[] providerKeys;
        uint256[] providerCaps;
    }

    TradeEscrow public immutable escrow;
    ITradeFxEscrow public immutable fx;
    TradeRegistry public immutable registry;
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
    uint256[] internal _sellerKeys;
    address[] public providers;
    uint256[] internal _providerKeys;
    uint256[] public providerCaps;

    /// @notice Set if an order went over its provider's cap.
    bool public capBroken;
    /// @notice Set if an admin-free close the rules allow was refused.
    bool public closeRefused;
    /// @notice Set if a withdrawal, fee collection or deposit the rules allow was refused.
    bool public withdrawRefused;
    /// @notice Set if a ruling within the arbitration period or an agreed settlement was refused.
    bool public rulingRefused;

    constructor(Wiring memory w) FxLedger(address(w.escrow), address(w.fx), w.t0, w.t1) {
        escrow = w.escrow;
        fx = w.fx;
        registry = w.registry;
        admin = w.admin;
        arbiter = w.arbiter;
        customs = w.customs;
        feeRecipient = w.feeRecipient;
        positiveProduct = w.positiveProduct;
        unlistedProduct = w.unlistedProduct;
        customsDestination = w.customsDestination;
        freeDestination = w.freeDestination;
        _buyers = w.buyers;
        _sellers = w.sellers;
        _sellerKeys = w.sellerKeys;
        providers = w.providers;
        _providerKeys = w.providerKeys;
        providerCaps = w.providerCaps;
        for (uint256 i = 0; i < w.buyers.length; ++i) _accounts.push(w.buyers[i]);
        for (uint256 i = 0; i < w.sellers.length; ++i) _accounts.push(w.sellers[i]);
        for (uint256 i = 0; i < w.providers.length; ++i) _accounts.push(w.providers[i]);
        _accounts.push(w.feeRecipient);
    }

    // ------------------------------------------------------------------ creation

    /// @dev Terms of a new order on `on` (TradeEscrow or TradeFxEscrow) paid in `payToken`.
    function _newTerms(
        address on,
        uint256 seed,
        address payToken,
        uint256 amount
    ) internal view returns (ITradeEscrow.OrderTerms memory) {
        uint256 route = seed >> 16;
        return
            ITradeEscrow.OrderTerms({
                buyer: _buyers[seed % _buyers.length],
                seller: _sellers[(seed >> 8) % _sellers.length],
                token: payToken,
                amount: amount,
                productId: route % 3 == 1 ? unlistedProduct : positiveProduct,
                destination: route % 3 == 2 ? freeDestination : customsDestination,
                shipBy: uint64(block.timestamp + _bound(seed >> 24, 1, 10 days)),
                confirmWindow: uint32(_bound(seed >> 64, 1 days, 15 days)),
                feeBps: escrow.feeBps(),
                arbiter: arbiter,
                ref: keccak256(abi.encode(on, _orders.length))
            });
    }

    /// @dev Mints `amount` of `token` to `account` and approves `spender`; false when refused.
    function _mintAndApprove(
        SettlementToken token,
        address account,
        uint256 amount,
        address spender
    ) internal returns (bool) {
        try token.mint(account, amount) {
            expectedWallet[address(token)][account] += amount;
        } catch {
            return false; // a blacklisted account cannot receive the test money
        }
        vm.prank(account);
        try token.approve(spender, type(uint256).max) {} catch {}
        return true;
    }

    function _sellerSign(uint256 seed, bytes32 digest) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _sellerKeys[(seed >> 8) % _sellers.length],
            digest
        );
        return abi.encodePacked(r, s, v);
    }

    /// @notice A single-currency order on TradeEscrow in either token.
    function createOrder(uint256 seed, uint256 amount, bool inT1) external {
        SettlementToken token = inT1 ? t1 : t0;
        amount = _bound(amount, 1, MAX_AMOUNT);
        ITradeEscrow.OrderTerms memory terms = _newTerms(escrowAddr, seed, address(token), amount);
        if (!_mintAndApprove(token, terms.buyer, amount, escrowAddr)) return;
        bytes memory consent = _sellerSign(
            seed,
            escrow.sellerConsentDigest(escrow.orderIdOf(terms))
        );
        vm.prank(terms.buyer);
        try escrow.createOrder(terms, consent) returns (bytes32 id) {
            expectedWallet[address(token)][terms.buyer] -= amount;
            _record(terms, id, Ghost(false, 0, 0, 0, address(0), address(token), amount));
        } catch {}
    }

    /// @notice A cross-currency order on TradeFxEscrow, pay leg in either token, the payout leg in
    ///         the other from one of the providers (its balance in the escrow when that covers the
    ///         leg, else its wallet: minted and approved here).
    function createFxOrder(uint256 seed, uint256 amount, uint256 payout, uint8 pick) external {
        SettlementToken pay = pick & 1 == 0 ? t0 : t1;
        ITradeEscrow.OrderTerms memory terms = _newTerms(
            fxAddr,
            seed,
            address(pay),
            _bound(amount, 1, MAX_AMOUNT)
        );
        ITradeFxEscrow.FxQuote memory quote;
        quote.provider = providers[(pick >> 1) % providers.length];
        quote.payToken = address(pay);
        quote.payAmount = terms.amount;
        quote.payoutToken = address(pay) == address(t0) ? address(t1) : address(t0);
        quote.payoutAmount = _bound(payout, 1, MAX_AMOUNT);
        quote.orderId = fx.orderIdOf(terms);
        quote.expiry = uint64(block.timestamp + 1 hours);
        if (!_mintAndApprove(pay, terms.buyer, terms.amount, fxAddr)) return;
        bool fromBalance =
            expectedClaimable[fxAddr][quote.payoutToken][quote.provider] >= quote.payoutAmount;
        if (!fromBalance) {
            SettlementToken payoutToken = SettlementToken(quote.payoutToken);
            if (!_mintAndApprove(payoutToken, quote.provider, quote.payoutAmount, fxAddr)) return;
        }
        _createFx(terms, quote, seed, fromBalance);
    }

    function _createFx(
        ITradeEscrow.OrderTerms memory terms,
        ITradeFxEscrow.FxQuote memory quote,
        uint256 seed,
        bool fromBalance
    ) internal {
        bytes memory quoteSig = _quoteSig(quote, (quote.provider == providers[0]) ? 0 : 1);
        bytes memory consent = _sellerSign(
            seed,
            registry.sellerConsentDigest(
                fxAddr,
                keccak256(abi.encode(quote.orderId, quote.payoutToken, quote.payoutAmount))
            )
        );
        uint256 exposure = expectedExposure[quote.provider][terms.token] + quote.payoutAmount;
        vm.prank(terms.buyer);
        try fx.createFxOrder(terms, quote, quoteSig, consent) returns (bytes32 id) {
            if (exposure > _capOf(quote.provider)) capBroken = true;
            expectedWallet[terms.token][terms.buyer] -= terms.amount;
            if (fromBalance) {
                expectedClaimable[fxAddr][quote.payoutToken][quote.provider] -= quote.payoutAmount;
            } else {
                expectedWallet[quote.payoutToken][quote.provider] -= quote.payoutAmount;
            }
            Ghost memory g = Ghost(true, 0, 0, 0, quote.provider, quote.payoutToken, 0);
            g.payout = quote.payoutAmount;
            _record(terms, id, g);
        } catch {}
    }

    function _quoteSig(
        ITradeFxEscrow.FxQuote memory q,
        uint256 providerIndex
    ) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(FX_QUOTE_TYPEHASH, fxAddr, q));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _providerKeys[providerIndex],
            registry.fxQuoteDigest(structHash)
        );
        return abi.encodePacked(r, s, v);
    }

    function _capOf(address provider) internal view returns (uint256) {
        for (uint256 i = 0; i < providers.length; ++i) {
            if (providers[i] == provider) return providerCaps[i];
        }
        return 0;
    }

    /// @notice A provider adds to its balance in the FX escrow.
    function deposit(uint256 providerSeed, uint256 amount, bool inT1) external {
        SettlementToken token = inT1 ? t1 : t0;
        address provider = providers[providerSeed % providers.length];
        amount = _bound(amount, 1, MAX_AMOUNT);
        if (!_mintAndApprove(token, provider, amount, fxAddr)) return;
        vm.prank(provider);
        try fx.deposit(address(token), amount) {
            expectedWallet[address(token)][provider] -= amount;
            expectedClaimable[fxAddr][address(token)][provider] += amount;
        } catch {
            if (!token.isBlacklisted(provider)) withdrawRefused = true;
        }
    }

    // ------------------------------------------------------------------ lifecycle

    function _on(bytes32 id) internal view returns (ITradeEscrow) {
        return ITradeEscrow(_escrowOf(_ghosts[id]));
    }

    function ship(uint256 seed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_FUNDED);
        if (!found) return;
        vm.prank(terms.seller);
        try _on(id).ship(terms, keccak256("tracking")) {
            bool automatic =
                terms.destination == freeDestination || terms.productId == positiveProduct;
            _ghosts[id].status = automatic ? CLEARED : SHIPPED;
            _ghosts[id].since = block.timestamp;
        } catch {}
    }

    function clearCustoms(uint256 seed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_SHIPPED);
        if (!found) return;
        vm.prank(customs);
        try _on(id).clearCustoms(terms, keccak256("cleared")) {
            _ghosts[id].status = CLEARED;
            _ghosts[id].since = block.timestamp;
        } catch {}
    }

    function rejectAtCustoms(uint256 seed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_SHIPPED);
        if (!found) return;
        vm.prank(customs);
        try _on(id).rejectAtCustoms(terms, keccak256("rejected")) {
            _step(terms, id, terms.amount, REFUNDED);
        } catch {}
    }

    function confirmReceipt(uint256 seed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_CLEARED);
        if (!found) return;
        vm.prank(terms.buyer);
        try _on(id).confirmReceipt(terms) {
            _step(terms, id, _ghosts[id].refunded, COMPLETED);
        } catch {}
    }

    function releaseAfterTimeout(uint256 seed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_CLEARED);
        if (!found) return;
        Ghost memory g = _ghosts[id];
        bool allowed = g.status == CLEARED && block.timestamp >= g.since + terms.confirmWindow;
        try _on(id).releaseAfterTimeout(terms) {
            _step(terms, id, g.refunded, COMPLETED);
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    function cancel(uint256 seed, bool bySeller) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_FUNDED);
        if (!found) return;
        vm.prank(bySeller ? terms.seller : terms.buyer);
        if (bySeller) {
            try _on(id).reject(terms, keccak256("out of stock")) {
                _step(terms, id, terms.amount, REFUNDED);
            } catch {}
        } else {
            try _on(id).cancel(terms) {
                _step(terms, id, terms.amount, REFUNDED);
            } catch {}
        }
    }

    function refundUnshipped(uint256 seed) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_FUNDED);
        if (!found) return;
        bool allowed = _ghosts[id].status == FUNDED && block.timestamp > terms.shipBy;
        try _on(id).refundUnshipped(terms) {
            _step(terms, id, terms.amount, REFUNDED);
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    /// @notice The seller refunds part of an open order (sometimes exactly the rest: a full
    ///         refund, which closes it).
    function refund(uint256 seed, uint256 amount) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_OPEN);
        if (!found) return;
        Ghost memory g = _ghosts[id];
        uint256 remaining = terms.amount - g.refunded;
        if (remaining == 0) return;
        amount = amount % 5 == 0 ? remaining : _bound(amount, 1, remaining);
        bool allowed = g.status >= FUNDED && g.status <= DISPUTED;
        vm.prank(terms.seller);
        try _on(id).refund(terms, amount) {
            if (amount == remaining) {
                _step(terms, id, terms.amount, REFUNDED);
            } else {
                if (!allowed) closedTwice = true;
                _step(terms, id, g.refunded + amount, 0);
                ++partialRefunds;
            }
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    // ------------------------------------------------------------------ disputes

    function openDispute(uint256 seed, bool bySeller) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(
            seed,
            M_CLEARED | M_SHIPPED
        );
        if (!found) return;
        vm.prank(bySeller ? terms.seller : terms.buyer);
        try _on(id).openDispute(terms, keccak256("evidence")) {
            _ghosts[id].status = DISPUTED;
            _ghosts[id].since = block.timestamp;
        } catch {}
    }

    /// @notice The arbiter rules a random buyer's total; within the arbitration period it lands.
    function resolveDispute(uint256 seed, uint256 buyerTotal) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_DISPUTED);
        if (!found) return;
        Ghost memory g = _ghosts[id];
        buyerTotal = _bound(buyerTotal, 0, terms.amount);
        bool allowed = g.status == DISPUTED && block.timestamp < g.since + ARBITRATION_PERIOD;
        vm.prank(terms.arbiter);
        try _on(id).resolveDispute(terms, buyerTotal, keccak256("ruling")) {
            _step(terms, id, buyerTotal > g.refunded ? buyerTotal : g.refunded, RESOLVED);
        } catch {
            if (allowed) rulingRefused = true;
        }
    }

    /// @notice One party proposes the buyer's total, the other accepts.
    function settle(uint256 seed, uint256 buyerTotal, bool sellerProposes) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_DISPUTED);
        if (!found) return;
        Ghost memory g = _ghosts[id];
        buyerTotal = _bound(buyerTotal, 0, terms.amount);
        bool allowed = g.status == DISPUTED;
        vm.prank(sellerProposes ? terms.seller : terms.buyer);
        try _on(id).proposeSettlement(terms, buyerTotal) {} catch {
            if (allowed) rulingRefused = true;
            return;
        }
        vm.prank(sellerProposes ? terms.buyer : terms.seller);
        try _on(id).acceptSettlement(terms, buyerTotal) {
            _step(terms, id, buyerTotal > g.refunded ? buyerTotal : g.refunded, RESOLVED);
        } catch {
            if (allowed) rulingRefused = true;
        }
    }

    /// @notice With `waitForIt`, first jumps to the second the dispute turns stale.
    function closeStaleDispute(uint256 seed, bool waitForIt) external {
        (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) = _pick(seed, M_DISPUTED);
        if (!found) return;
        Ghost memory g = _ghosts[id];
        uint256 staleAt = g.since + ARBITRATION_PERIOD;
        if (waitForIt && g.status == DISPUTED && block.timestamp < staleAt) vm.warp(staleAt);
        bool allowed = g.status == DISPUTED && block.timestamp >= staleAt;
        try _on(id).closeStaleDispute(terms) {
            uint256 half = terms.amount / 2;
            _step(terms, id, half > g.refunded ? half : g.refunded, RESOLVED);
        } catch {
            if (allowed) closeRefused = true;
        }
    }

    // ------------------------------------------------------------------ balances

    function withdraw(uint256 accountSeed, bool onFx, bool inT1) external {
        address account = _accounts[accountSeed % _accounts.length];
        address e = onFx ? fxAddr : escrowAddr;
        SettlementToken token = inT1 ? t1 : t0;
        uint256 owed = expectedClaimable[e][address(token)][account];
        bool allowed = owed > 0 && !token.isBlacklisted(account) && !token.paused();
        vm.prank(account);
        try ITradeEscrow(e).withdraw(address(token)) {
            expectedClaimable[e][address(token)][account] = 0;
            expectedWallet[address(token)][account] += owed;
        } catch {
            if (allowed) withdrawRefused = true;
        }
    }

    function collectFees(bool onFx, bool inT1) external {
        address e = onFx ? fxAddr : escrowAddr;
        SettlementToken token = inT1 ? t1 : t0;
        uint256 fees = expectedFees[e][address(token)];
        bool allowed = fees > 0 && !token.isBlacklisted(feeRecipient) && !token.paused();
        try ITradeEscrow(e).collectFees(address(token)) {
            expectedFees[e][address(token)] = 0;
            expectedWallet[address(token)][feeRecipient] += fees;
        } catch {
            if (allowed) withdrawRefused = true;
        }
    }

    // ------------------------------------------------------------------ environment

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

    /// @notice Blacklists or un-blacklists an account (buyers, sellers, providers, fee
    ///         recipient) on one token: its payouts then turn into claimable balances.
    function toggleBlacklist(uint256 accountSeed, bool inT1) external {
        address account = _accounts[accountSeed % _accounts.length];
        SettlementToken token = inT1 ? t1 : t0;
        vm.prank(admin);
        if (token.isBlacklisted(account)) token.unBlacklist(account);
        else token.blacklist(account);
    }
}
