// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";

/// @title FxLedger
/// @notice The model the mixed-escrow handler keeps (see FxMixedHandler): every order of both
///         escrows (single-currency on TradeEscrow, cross-currency on TradeFxEscrow) and the
///         expected ledger per escrow and token (open legs, claimable balances, accrued fees),
///         per token and account (wallets) and per provider line (open exposure). The rules are
///         the spec's (notes/fx-spec.md, DESIGN §4), written here independently of the escrows.
///         A single-currency order is modelled as a "leg" of P = A in the order's own token with
///         no provider: its seller's gross part A - R is the same formula P - floor(R·P/A).
abstract contract FxLedger {
    uint256 internal constant BPS = 10_000;

    // mirror of ITradeEscrow.Status
    uint8 internal constant FUNDED = 1;
    uint8 internal constant SHIPPED = 2;
    uint8 internal constant CLEARED = 3;
    uint8 internal constant DISPUTED = 4;
    uint8 internal constant COMPLETED = 5;
    uint8 internal constant REFUNDED = 6;
    uint8 internal constant RESOLVED = 7;

    /// @notice The model of one order.
    struct Ghost {
        bool isFx;
        uint8 status;
        uint256 refunded; // R: the buyer's total so far
        uint256 since; // last status change
        address provider; // FX only
        address payoutToken; // the seller's currency (the order's token when single)
        uint256 payout; // P (A when single)
    }

    address public immutable escrowAddr;
    address public immutable fxAddr;
    SettlementToken public immutable t0;
    SettlementToken public immutable t1;

    ITradeEscrow.OrderTerms[] internal _orders;
    bytes32[] internal _ids;
    mapping(bytes32 orderId => Ghost ghost) internal _ghosts;
    address[] internal _accounts;

    /// @notice Model: open legs (what is still escrowed for open orders) per escrow and token.
    mapping(address escrow => mapping(address token => uint256 amount)) public expectedOpen;
    /// @notice Model: claimable balances per escrow, token and account.
    mapping(address escrow => mapping(address token => mapping(address account => uint256)))
        public expectedClaimable;
    /// @notice Model: fees accrued and not yet collected, per escrow and token.
    mapping(address escrow => mapping(address token => uint256 amount)) public expectedFees;
    /// @notice Model: wallets per token and account.
    mapping(address token => mapping(address account => uint256 amount)) public expectedWallet;
    /// @notice Model: a provider's open exposure on its line paying out in the other token of
    ///         `payToken` (the desk's `open`).
    mapping(address provider => mapping(address payToken => uint256 amount))
        public expectedExposure;

    /// @notice Set if a closing call succeeded on an order the model had closed.
    bool public closedTwice;
    /// @notice Counters that show the run covered both escrows and every close.
    uint256 public fxCreated;
    uint256 public singleCreated;
    uint256 public fxClosed;
    uint256 public partialRefunds;

    constructor(address escrow_, address fx_, SettlementToken t0_, SettlementToken t1_) {
        escrowAddr = escrow_;
        fxAddr = fx_;
        t0 = t0_;
        t1 = t1_;
    }

    // ------------------------------------------------------------------ views for invariants

    function orderCount() external view returns (uint256) {
        return _orders.length;
    }

    function orderAt(
        uint256 index
    ) external view returns (ITradeEscrow.OrderTerms memory terms, bytes32 id, Ghost memory g) {
        id = _ids[index];
        return (_orders[index], id, _ghosts[id]);
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    /// @notice Σ of the modelled claimable balances of every account in `token` on `escrow`.
    function expectedClaimableTotal(address escrow, address token) external view returns (uint256) {
        uint256 total;
        for (uint256 i = 0; i < _accounts.length; ++i) {
            total += expectedClaimable[escrow][token][_accounts[i]];
        }
        return total;
    }

    // ------------------------------------------------------------------ model

    /// @dev floor(r * p / a), the provider's share of the payout leg at the buyer's total r.
    function _share(uint256 r, uint256 p, uint256 a) internal pure returns (uint256) {
        return (r * p) / a;
    }

    /// @dev The escrow an order lives on.
    function _escrowOf(Ghost memory g) internal view returns (address) {
        return g.isFx ? fxAddr : escrowAddr;
    }

    /// @dev A payout: the token refuses a blacklisted recipient, which then has it claimable.
    function _pay(address escrow, address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (SettlementToken(token).isBlacklisted(to) || SettlementToken(token).paused()) {
            expectedClaimable[escrow][token][to] += amount;
        } else {
            expectedWallet[token][to] += amount;
        }
    }

    /// @dev Records a new order in the model (its legs are already taken from the payers).
    function _record(ITradeEscrow.OrderTerms memory terms, bytes32 id, Ghost memory g) internal {
        g.status = FUNDED;
        g.since = block.timestamp;
        _orders.push(terms);
        _ids.push(id);
        _ghosts[id] = g;
        address e = _escrowOf(g);
        expectedOpen[e][terms.token] += terms.amount;
        if (g.isFx) {
            expectedOpen[e][g.payoutToken] += g.payout;
            expectedExposure[g.provider][terms.token] += g.payout;
            ++fxCreated;
        } else {
            ++singleCreated;
        }
    }

    /// @dev One step of the split rule: the buyer's total goes from the model's R to `newR`; on
    ///      `closing` the order closes as `status`. Pay leg: the buyer receives newR - R, at the
    ///      close the provider A - newR (claimable). Payout leg: the provider receives
    ///      floor(newR·P/A) - floor(R·P/A) (claimable), at the close the seller the gross part
    ///      P - floor(newR·P/A) minus the fee, floor(gross·feeBps/BPS), which accrues.
    function _step(
        ITradeEscrow.OrderTerms memory terms,
        bytes32 id,
        uint256 newR,
        uint8 status
    ) internal {
        Ghost storage g = _ghosts[id];
        bool closing = status != 0;
        if (closing && g.status > DISPUTED) closedTwice = true;
        address e = _escrowOf(g);
        uint256 toBuyer = newR - g.refunded;
        expectedOpen[e][terms.token] -= toBuyer;
        _pay(e, terms.token, terms.buyer, toBuyer);
        if (g.isFx) _stepFx(terms, g, e, newR, closing);
        if (closing) _closeSeller(terms, g, e, newR);
        g.refunded = newR;
        if (closing) {
            g.status = status;
            g.since = block.timestamp;
        }
    }

    function _stepFx(
        ITradeEscrow.OrderTerms memory terms,
        Ghost storage g,
        address e,
        uint256 newR,
        bool closing
    ) internal {
        uint256 a = terms.amount;
        uint256 back = _share(newR, g.payout, a) - _share(g.refunded, g.payout, a);
        expectedOpen[e][g.payoutToken] -= back;
        expectedClaimable[e][g.payoutToken][g.provider] += back;
        if (!closing) return;
        uint256 providerPay = a - newR;
        expectedOpen[e][terms.token] -= providerPay;
        expectedClaimable[e][terms.token][g.provider] += providerPay;
        expectedExposure[g.provider][terms.token] -= g.payout;
        ++fxClosed;
    }

    function _closeSeller(
        ITradeEscrow.OrderTerms memory terms,
        Ghost storage g,
        address e,
        uint256 newR
    ) internal {
        uint256 gross = g.payout - _share(newR, g.payout, terms.amount);
        uint256 fee = (gross * terms.feeBps) / BPS;
        expectedOpen[e][g.payoutToken] -= gross;
        expectedFees[e][g.payoutToken] += fee;
        _pay(e, g.payoutToken, terms.seller, gross - fee);
    }

    /// @dev The first order from `seed` on (wrapping) whose modelled status is in `mask`
    ///      (bit 1 << status), else the order at `seed`; `found` is false without orders.
    function _pick(
        uint256 seed,
        uint256 mask
    ) internal view returns (ITradeEscrow.OrderTerms memory terms, bytes32 id, bool found) {
        uint256 count = _orders.length;
        if (count == 0) return (terms, id, false);
        for (uint256 i = 0; i < count; ++i) {
            uint256 index = (seed + i) % count;
            if (mask & (1 << _ghosts[_ids[index]].status) != 0) {
                return (_orders[index], _ids[index], true);
            }
        }
        uint256 any = seed % count;
        return (_orders[any], _ids[any], true);
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        return min + (x % (max - min + 1));
    }
}
