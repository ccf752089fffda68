// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Escrow deadlines (ship-by, confirmation window, arbitration period) are wall-clock by design.
// solhint-disable not-rely-on-time

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IERC3009} from "../interfaces/IERC3009.sol";
import {ITradeEscrow} from "../interfaces/ITradeEscrow.sol";
import {ITradeRegistry, ROLE_ARBITER, ROLE_LOGISTICS} from "../interfaces/ITradeRegistry.sol";
import {CreditWord, CreditWordLib} from "./CreditWord.sol";
import {OrderWord, OrderWordLib} from "./OrderWord.sol";

/// @title EscrowCore
/// @author TradeChain
/// @notice The order lifecycle both escrows share: shipment, customs, release, refunds, disputes,
///         complaints, credit records, withdrawals. `TradeEscrow` adds single-currency checkout and
///         the platform settings; `TradeFxEscrow` adds cross-currency checkout (a second leg held
///         for an FX provider) and reads the settings from `TradeEscrow`.
/// @dev Orders are commitments: the id is keccak256(abi.encode(chainid, escrow, terms)) and every
///      call passes the terms back. Order state and credit records are each one packed word,
///      encoded by the helpers at the bottom, so every transition is a single SSTORE.
///      Split rule (all paths): of the amount still in escrow, the buyer part is paid as is, the
///      seller's gross part is the rest. `_sellerPart` turns that gross part into the seller's
///      currency (the same amount for a single-currency order), fee = gross * feeBps / 10_000
///      rounded down (the rounding favours the seller), the seller is paid gross - fee, and
///      `_payOut` moves the money; buyer + seller + fee equals the amount exactly.
abstract contract EscrowCore is ITradeEscrow, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------------------------------
    //                                        CONSTANTS
    // ------------------------------------------------------------------------------------------

    /// @notice Basis-point denominator (100%).
    uint16 public constant BPS = 10_000;
    /// @notice Shortest confirmation window an order may commit to.
    uint32 public constant MIN_CONFIRM_WINDOW = 1 days;
    /// @notice Longest confirmation window an order may commit to.
    uint32 public constant MAX_CONFIRM_WINDOW = 90 days;
    /// @notice How long the arbiter has to rule before anyone may close a dispute with an even split.
    uint256 public constant ARBITRATION_PERIOD = 30 days;
    /// @notice How long after shipment the destination's customs has to clear or reject before
    ///         either party may dispute a shipment still awaiting it.
    uint256 public constant CUSTOMS_PERIOD = 30 days;

    // The packed words (order state, credit records) and their layouts: OrderWord.sol, CreditWord.sol.
    uint256 private constant FLAG_DISPUTED_BY_SELLER = OrderWordLib.DISPUTED_BY_SELLER;
    uint256 private constant FLAG_COMPLAINT_FILED = OrderWordLib.COMPLAINT_FILED;
    uint256 private constant FLAG_SHIPPED = OrderWordLib.SHIPPED;
    uint256 private constant FLAG_DEFAULT_ARBITER = OrderWordLib.DEFAULT_ARBITER;

    // Highest ISO-3166-1 numeric code a destination may have (the lowest is 1), as the registry's.
    uint16 private constant MAX_JURISDICTION = 999;

    // ABI size of OrderTerms: 11 static words.
    uint256 private constant TERMS_SIZE = 11 * 32;

    // Credit record fields (shifts) and counter widths, as laid out in CreditWordLib.
    uint256 private constant SALES_SHIFT = CreditWordLib.SALES;
    uint256 private constant PURCHASES_SHIFT = CreditWordLib.PURCHASES;
    uint256 private constant CANCELLED_SHIFT = CreditWordLib.CANCELLED;
    uint256 private constant REJECTED_SHIFT = CreditWordLib.REJECTED;
    uint256 private constant UNSHIPPED_SHIFT = CreditWordLib.UNSHIPPED;
    uint256 private constant CUSTOMS_REJECTED_SHIFT = CreditWordLib.CUSTOMS_REJECTED;
    uint256 private constant SELLER_REFUND_SHIFT = CreditWordLib.SELLER_REFUND;
    uint256 private constant OPENED_SHIFT = CreditWordLib.OPENED;
    uint256 private constant WON_SHIFT = CreditWordLib.WON;
    uint256 private constant LOST_SHIFT = CreditWordLib.LOST;
    uint256 private constant DRAWN_SHIFT = CreditWordLib.DRAWN;
    uint256 private constant COUNT24_MAX = CreditWordLib.COUNT24_MAX;
    uint256 private constant COUNT16_MAX = CreditWordLib.COUNT16_MAX;
    uint256 private constant COUNT14_MAX = CreditWordLib.COUNT14_MAX;
    // UnexpectedStatus masks: bit `1 << status` for each status a call accepts.
    uint8 private constant NEED_FUNDED = uint8(1 << uint8(Status.Funded));
    uint8 private constant NEED_SHIPPED = uint8(1 << uint8(Status.Shipped));
    uint8 private constant NEED_CLEARED = uint8(1 << uint8(Status.Cleared));
    uint8 private constant NEED_DISPUTED = uint8(1 << uint8(Status.Disputed));
    uint8 private constant NEED_IN_TRANSIT = NEED_SHIPPED | NEED_CLEARED | NEED_DISPUTED;
    uint8 private constant NEED_OPEN = NEED_FUNDED | NEED_IN_TRANSIT;
    uint8 private constant NEED_DISPUTABLE = NEED_SHIPPED | NEED_CLEARED;
    uint8 private constant NEED_CLOSED = uint8(0xff) & ~(NEED_OPEN | 1);
    // `Config.allowed` and `Config.listed` in a settings word (see `_unpackConfig`).
    uint256 internal constant CONFIG_ALLOWED = 1 << 184;
    uint256 internal constant CONFIG_LISTED = 1 << 192;
    // Credit records live at keccak256(account, token ^ CREDIT_SEED): one hash per record instead
    // of a nested mapping's two. The seed's top 96 bits are set, so the second word is never a
    // declared slot index and a record cannot alias a mapping entry of this contract.
    // CREDIT_SEED = keccak256("tradechain.escrow.credit"), a literal so assembly can use it.
    uint256 private constant CREDIT_SEED =
        0x5c1e6d8f5783231c26e3f8063e44f43471a01f59c4ced0bf34847aed9b62e306;

    // ------------------------------------------------------------------------------------------
    //                                         STORAGE
    // ------------------------------------------------------------------------------------------

    /// @dev The platform settings a new order obeys, as one word (see `TradeEscrow`).
    struct Config {
        address defaultArbiter;
        uint16 feeBps;
        bool paused;
        bool allowed;
        bool listed;
        bool arbiterSuspended;
    }

    /// @dev A standing settlement offer in a dispute.
    struct Settlement {
        address proposer;
        uint128 buyerAmount;
    }

    /// @dev The registry of participants, customs authorities and product lists.
    ITradeRegistry internal immutable _REGISTRY;

    mapping(bytes32 orderId => OrderWord state) internal _orders;
    mapping(address token => mapping(address account => uint256 amount)) internal _claimable;
    mapping(bytes32 orderId => Settlement offer) internal _settlements;
    mapping(address token => uint256 amount) internal _accruedFees;

    /// @notice Binds the escrow to the registry it consults for every order.
    /// @param registry_ The trade registry the escrow consults (non-zero).
    constructor(ITradeRegistry registry_) {
        if (address(registry_) == address(0)) revert ZeroAddress();
        _REGISTRY = registry_;
    }

    // ------------------------------------------------------------------------------------------
    //                                    HOOKS (PER ESCROW)
    // ------------------------------------------------------------------------------------------

    /// @dev The settings a new order paid in `token` obeys (an unlisted token: all zeros).
    function _configOf(address token) internal view virtual returns (Config memory);

    /// @dev `Config` from its storage word (as `TradeEscrow.settingsWordOf` returns it): fields
    ///      packed from the low bits in declaration order, arbiter (160 bits), fee (16), then one
    ///      byte per flag.
    function _unpackConfig(uint256 word) internal pure returns (Config memory config) {
        config.defaultArbiter = address(uint160(word));
        config.feeBps = uint16(word >> 160);
        config.paused = uint8(word >> 176) != 0;
        config.allowed = word & CONFIG_ALLOWED != 0;
        config.listed = word & CONFIG_LISTED != 0;
        config.arbiterSuspended = uint8(word >> 200) != 0;
    }

    /// @dev Who receives collected fees.
    function _feeRecipientAddress() internal view virtual returns (address);

    /// @dev The seller's currency and its gross part, given `sellerGross` of the order's amount
    ///      still going to the seller when the buyer's total is `buyerTotal`.
    function _sellerPart(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 sellerGross,
        uint256 buyerTotal
    ) internal view virtual returns (address sellerToken, uint256 gross);

    /// @dev The seller's currency and what the seller gave back in it while the buyer's total went
    ///      from `before` to `after_` (≤ the order's amount).
    function _sellerRefunded(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 before,
        uint256 after_
    ) internal view virtual returns (address sellerToken, uint256 volume);

    /// @dev Moves a close's money: `toBuyer` of the order's token to the buyer, `sellerAmount` in
    ///      the seller's currency to the seller and `fee` (same currency) to the accrued fees;
    ///      `buyerTotal` is the buyer's total after this step (before it: buyerTotal - toBuyer),
    ///      `closing` marks the final close (a partial refund is the only step that is not).
    function _payOut(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 toBuyer,
        uint256 sellerAmount,
        uint256 fee,
        uint256 buyerTotal,
        bool closing
    ) internal virtual;

    // ------------------------------------------------------------------------------------------
    //                                   FUNDING (CHECKOUT)
    // ------------------------------------------------------------------------------------------

    /// @dev Takes `terms.amount` from the buyer's allowance; the caller must be the buyer.
    function _fundFromAllowance(OrderTerms calldata terms, bytes32 orderId) internal {
        if (msg.sender != terms.buyer) revert CallerNotBuyer(orderId, msg.sender);
        _pull(IERC20(terms.token), terms.buyer, terms.amount);
    }

    /// @dev Applies the buyer's EIP-2612 permit, then takes `terms.amount`; the caller must be the
    ///      buyer. A permit already used by a front-runner is fine when the allowance is in place.
    function _fundWithPermit(
        OrderTerms calldata terms,
        bytes32 orderId,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) internal {
        if (msg.sender != terms.buyer) revert CallerNotBuyer(orderId, msg.sender);
        IERC20 token = IERC20(terms.token);
        bytes memory permitCall = abi.encodeCall(
            IERC20Permit.permit,
            (terms.buyer, address(this), terms.amount, deadline, v, r, s)
        );
        bool permitted;
        // A raw call: no return data to copy, no extcodesize check (the transfer below needs code).
        // Raw call keeps the permit path within budget.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            permitted := call(gas(), token, 0, add(permitCall, 0x20), mload(permitCall), 0, 0)
        }
        // A permit already submitted by someone else fails here; the allowance it set still counts.
        if (!permitted) {
            uint256 allowance = token.allowance(terms.buyer, address(this));
            if (allowance < terms.amount) {
                revert InsufficientAllowance(terms.token, terms.buyer, allowance, terms.amount);
            }
        }
        _pull(token, terms.buyer, terms.amount);
    }

    /// @dev Takes `terms.amount` with the buyer's EIP-3009 `receiveWithAuthorization`, whose nonce
    ///      is the order id: the signature funds exactly these terms; anyone may submit it.
    function _fundWithAuthorization(
        OrderTerms calldata terms,
        bytes32 orderId,
        uint256 validAfter,
        uint256 validBefore,
        bytes calldata signature
    ) internal {
        IERC20 token = IERC20(terms.token);
        uint256 balanceBefore = token.balanceOf(address(this));
        IERC3009(terms.token).receiveWithAuthorization(
            terms.buyer,
            address(this),
            terms.amount,
            validAfter,
            validBefore,
            orderId,
            signature
        );
        _checkReceived(token, terms.amount, balanceBefore);
    }

    /// @dev Takes exactly `amount` of `token` from `from`'s allowance.
    function _pull(IERC20 token, address from, uint256 amount) internal {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        _checkReceived(token, amount, balanceBefore);
    }

    // ------------------------------------------------------------------------------------------
    //                                   SHIPPING AND CUSTOMS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function ship(OrderTerms calldata terms, bytes32 trackingHash) external {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.seller) revert CallerNotSeller(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        if (block.timestamp > terms.shipBy) {
            revert ShipByPassed(orderId, terms.shipBy, block.timestamp);
        }
        // Decided on the HS code the order kept at creation, never the product's current one.
        bool cleared = _REGISTRY.clearanceAtShipment(
            terms.destination,
            terms.productId,
            state.hsCode()
        );
        _orders[orderId] = state.moveTo(cleared ? Status.Cleared : Status.Shipped).withFlag(
            FLAG_SHIPPED
        );
        emit OrderShipped(orderId, trackingHash, cleared);
    }

    /// @inheritdoc ITradeEscrow
    function recordMilestone(OrderTerms calldata terms, bytes32 milestoneHash) external {
        bytes32 orderId = _orderId(terms);
        if (!_REGISTRY.isActive(msg.sender, ROLE_LOGISTICS)) revert CallerNotLogistics(msg.sender);
        Status status = _orders[orderId].status();
        if (status != Status.Shipped && status != Status.Cleared && status != Status.Disputed) {
            revert UnexpectedStatus(orderId, status, NEED_IN_TRANSIT);
        }
        emit MilestoneRecorded(orderId, msg.sender, milestoneHash);
    }

    /// @inheritdoc ITradeEscrow
    function clearCustoms(OrderTerms calldata terms, bytes32 recordHash) external {
        bytes32 orderId = _orderId(terms);
        _checkCustoms(terms.destination);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Shipped);
        _orders[orderId] = state.moveTo(Status.Cleared);
        emit CustomsCleared(orderId, msg.sender, recordHash);
    }

    /// @inheritdoc ITradeEscrow
    function rejectAtCustoms(OrderTerms calldata terms, bytes32 reasonHash) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        _checkCustoms(terms.destination);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Shipped);
        _refundAll(orderId, terms, state, RefundReason.RejectedAtCustoms, reasonHash);
    }

    // ------------------------------------------------------------------------------------------
    //                                         RELEASE
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function confirmReceipt(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.buyer) revert CallerNotBuyer(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Cleared);
        _complete(orderId, terms, state, false);
    }

    /// @inheritdoc ITradeEscrow
    function releaseAfterTimeout(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Cleared);
        uint256 releasableAt = state.since() + terms.confirmWindow;
        if (block.timestamp < releasableAt) {
            revert ConfirmWindowNotElapsed(orderId, releasableAt, block.timestamp);
        }
        _complete(orderId, terms, state, true);
    }

    // ------------------------------------------------------------------------------------------
    //                                         REFUNDS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function cancel(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.buyer) revert CallerNotBuyer(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        _refundAll(orderId, terms, state, RefundReason.Cancelled, bytes32(0));
    }

    /// @inheritdoc ITradeEscrow
    function reject(OrderTerms calldata terms, bytes32 reasonHash) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.seller) revert CallerNotSeller(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        _refundAll(orderId, terms, state, RefundReason.RejectedBySeller, reasonHash);
    }

    /// @inheritdoc ITradeEscrow
    function refundUnshipped(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        // The ship-by second itself still belongs to the seller.
        // solhint-disable-next-line gas-strict-inequalities
        if (block.timestamp <= terms.shipBy) {
            revert ShipByNotPassed(orderId, terms.shipBy, block.timestamp);
        }
        _refundAll(orderId, terms, state, RefundReason.Unshipped, bytes32(0));
    }

    /// @inheritdoc ITradeEscrow
    function refund(OrderTerms calldata terms, uint256 amount) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.seller) revert CallerNotSeller(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        _expectOpen(orderId, state);
        uint256 remaining = _remaining(terms, state);
        if (amount == 0 || amount > remaining)
            revert InvalidRefundAmount(orderId, amount, remaining);
        if (amount == remaining) {
            _refundAll(orderId, terms, state, RefundReason.SellerRefund, bytes32(0));
            return;
        }
        // amount < remaining ≤ uint128 max, so the refunded field cannot overflow into nothing.
        _orders[orderId] = state.addRefunded(amount);
        uint256 refunded = state.refunded();
        _addRefundedVolume(orderId, terms, refunded, refunded + amount);
        emit OrderRefunded(orderId, msg.sender, RefundReason.SellerRefund, amount, bytes32(0));
        _payOut(orderId, terms, amount, 0, 0, refunded + amount, false);
    }

    // ------------------------------------------------------------------------------------------
    //                                         DISPUTES
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function openDispute(OrderTerms calldata terms, bytes32 evidenceHash) external {
        bytes32 orderId = _orderId(terms);
        bool bySeller = msg.sender == terms.seller;
        if (!bySeller && msg.sender != terms.buyer) revert CallerNotParty(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        Status status = state.status();
        if (status == Status.Cleared) {
            // The buyer's dispute window is the confirmation window: from releasableAt on, the
            // money is the seller's (releaseAfterTimeout), so at every second exactly one holds.
            uint256 closedAt = state.since() + terms.confirmWindow;
            // solhint-disable-next-line gas-strict-inequalities
            if (!bySeller && block.timestamp >= closedAt) {
                revert DisputeWindowClosed(orderId, closedAt, block.timestamp);
            }
        } else if (status == Status.Shipped) {
            // Customs decides first; a shipment customs never decides becomes disputable.
            uint256 disputableAt = state.since() + CUSTOMS_PERIOD;
            if (block.timestamp < disputableAt) {
                revert CustomsPeriodNotElapsed(orderId, disputableAt, block.timestamp);
            }
        } else {
            revert UnexpectedStatus(orderId, status, NEED_DISPUTABLE);
        }
        state = state.moveTo(Status.Disputed);
        if (bySeller) state = state.withFlag(FLAG_DISPUTED_BY_SELLER);
        _orders[orderId] = state;
        emit DisputeOpened(orderId, msg.sender, evidenceHash);
    }

    /// @inheritdoc ITradeEscrow
    function submitEvidence(OrderTerms calldata terms, bytes32 evidenceHash) external {
        bytes32 orderId = _orderId(terms);
        if (
            msg.sender != terms.buyer && msg.sender != terms.seller && msg.sender != terms.arbiter
        ) {
            revert CallerNotPartyOrArbiter(orderId, msg.sender);
        }
        _expectStatus(orderId, _orders[orderId], Status.Disputed);
        emit EvidenceSubmitted(orderId, msg.sender, evidenceHash);
    }

    /// @inheritdoc ITradeEscrow
    function proposeSettlement(OrderTerms calldata terms, uint256 buyerTotal) external {
        bytes32 orderId = _orderId(terms);
        _checkParty(orderId, terms);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Disputed);
        if (buyerTotal > terms.amount)
            revert BuyerTotalExceedsAmount(orderId, buyerTotal, terms.amount);
        // buyerTotal ≤ amount ≤ uint128 max
        _settlements[orderId] = Settlement({
            proposer: msg.sender,
            buyerAmount: uint128(buyerTotal)
        });
        emit SettlementProposed(orderId, msg.sender, buyerTotal);
    }

    /// @inheritdoc ITradeEscrow
    function acceptSettlement(OrderTerms calldata terms, uint256 buyerTotal) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        _checkParty(orderId, terms);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Disputed);
        Settlement memory offer = _settlements[orderId];
        if (
            offer.proposer == address(0) ||
            offer.proposer == msg.sender ||
            offer.buyerAmount != buyerTotal
        ) revert SettlementNotProposed(orderId, msg.sender, buyerTotal);
        _resolve(orderId, terms, state, buyerTotal, Resolution.Settlement, bytes32(0));
    }

    /// @inheritdoc ITradeEscrow
    function resolveDispute(
        OrderTerms calldata terms,
        uint256 buyerTotal,
        bytes32 rulingHash
    ) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.arbiter) revert CallerNotArbiter(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        // Suspension or loss of the arbiter role takes an arbiter off every order that named it;
        // the dispute then ends by settlement or, after the arbitration period, as the even split.
        // An order that named the default arbiter keeps it, unless the registry suspends it.
        if (!state.has(FLAG_DEFAULT_ARBITER)) {
            if (!_REGISTRY.isActive(msg.sender, ROLE_ARBITER)) {
                revert ArbiterNotActive(orderId, msg.sender);
            }
        } else if (_REGISTRY.isSuspended(msg.sender)) {
            revert ArbiterSuspended(orderId, msg.sender);
        }
        _expectStatus(orderId, state, Status.Disputed);
        uint256 staleAt = state.since() + ARBITRATION_PERIOD;
        // At staleAt the dispute is stale.
        // solhint-disable-next-line gas-strict-inequalities
        if (block.timestamp >= staleAt)
            revert ArbitrationPeriodElapsed(orderId, staleAt, block.timestamp);
        _resolve(orderId, terms, state, buyerTotal, Resolution.Ruling, rulingHash);
    }

    /// @inheritdoc ITradeEscrow
    function closeStaleDispute(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        OrderWord state = _orders[orderId];
        _expectStatus(orderId, state, Status.Disputed);
        uint256 staleAt = state.since() + ARBITRATION_PERIOD;
        if (block.timestamp < staleAt) {
            revert ArbitrationPeriodNotElapsed(orderId, staleAt, block.timestamp);
        }
        // Even split of the whole order: the buyer's total is the lower half (refunds included),
        // an odd base unit stays in the seller's part; scored as a draw.
        _resolve(orderId, terms, state, terms.amount / 2, Resolution.Stale, bytes32(0));
    }

    // ------------------------------------------------------------------------------------------
    //                                    AFTER THE ORDER
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function withdraw(address token) external nonReentrant {
        uint256 amount = _claimable[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw(token, msg.sender);
        _claimable[token][msg.sender] = 0;
        // A revert here restores the balance: still claimable, nothing lost.
        if (!IERC20(token).trySafeTransfer(msg.sender, amount)) {
            revert WithdrawalFailed(token, msg.sender, amount);
        }
        emit Withdrawn(token, msg.sender, amount);
    }

    /// @inheritdoc ITradeEscrow
    function collectFees(address token) external nonReentrant {
        uint256 amount = _accruedFees[token];
        address recipient = _feeRecipientAddress();
        if (amount == 0) revert NoFeesAccrued(token);
        _accruedFees[token] = 0;
        // A revert here restores the accrued amount: nothing lost, collect again later.
        if (!IERC20(token).trySafeTransfer(recipient, amount)) {
            revert WithdrawalFailed(token, recipient, amount);
        }
        emit FeesCollected(token, recipient, amount);
    }

    /// @inheritdoc ITradeEscrow
    function fileComplaint(OrderTerms calldata terms, bytes32 evidenceHash) external {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.buyer) revert CallerNotBuyer(orderId, msg.sender);
        OrderWord state = _orders[orderId];
        Status status = state.status();
        if (status < Status.Completed) revert UnexpectedStatus(orderId, status, NEED_CLOSED);
        if (!state.has(FLAG_SHIPPED)) revert OrderNotShipped(orderId);
        if (state.has(FLAG_COMPLAINT_FILED)) revert ComplaintAlreadyFiled(orderId);
        if (_REGISTRY.productOf(terms.productId).owner == address(0)) {
            revert ProductNotRegistered(terms.productId);
        }
        _orders[orderId] = state.withFlag(FLAG_COMPLAINT_FILED);
        // What the closed order paid the platform: the fee on the seller's gross part, in the
        // order's token like the amount (for a cross-currency order, the pay currency's equivalent
        // of the fee charged in the payout currency).
        uint256 fee = _feeOf(_remaining(terms, state), terms.feeBps);
        emit ComplaintFiled(orderId, msg.sender, evidenceHash, terms.amount, fee);
        _REGISTRY.recordComplaint(
            terms.productId,
            orderId,
            terms.seller,
            msg.sender,
            evidenceHash,
            terms.amount,
            fee
        );
    }
    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function sellerConsentDigest(bytes32 orderId) external view returns (bytes32) {
        return _REGISTRY.sellerConsentDigest(address(this), orderId);
    }

    /// @inheritdoc ITradeEscrow
    function orderIdOf(OrderTerms calldata terms) external view returns (bytes32) {
        return _orderId(terms);
    }

    /// @inheritdoc ITradeEscrow
    function orderState(bytes32 orderId) external view returns (OrderState memory) {
        OrderWord state = _orders[orderId];
        return
            OrderState({
                status: state.status(),
                disputedBySeller: state.has(FLAG_DISPUTED_BY_SELLER),
                complaintFiled: state.has(FLAG_COMPLAINT_FILED),
                shipped: state.has(FLAG_SHIPPED),
                namedDefaultArbiter: state.has(FLAG_DEFAULT_ARBITER),
                since: uint40(state.since()),
                hsCode: state.hsCode(),
                refunded: uint128(state.refunded())
            });
    }

    /// @inheritdoc ITradeEscrow
    function creditOf(address account, address token) external view returns (Credit memory) {
        uint256 slot = _creditSlot(token, account);
        CreditWord credit = CreditWordLib.load(slot);
        CreditWord extra = CreditWordLib.load(slot + 1);
        return
            Credit({
                salesCompleted: uint24(credit.count(SALES_SHIFT, COUNT24_MAX)),
                purchasesCompleted: uint24(credit.count(PURCHASES_SHIFT, COUNT24_MAX)),
                cancelledAsBuyer: uint16(credit.count(CANCELLED_SHIFT, COUNT14_MAX)),
                rejectedAsSeller: uint16(credit.count(REJECTED_SHIFT, COUNT14_MAX)),
                missedShipBy: uint16(credit.count(UNSHIPPED_SHIFT, COUNT14_MAX)),
                rejectedAtCustoms: uint16(credit.count(CUSTOMS_REJECTED_SHIFT, COUNT14_MAX)),
                refundedAsSeller: uint16(credit.count(SELLER_REFUND_SHIFT, COUNT14_MAX)),
                disputesOpened: uint16(credit.count(OPENED_SHIFT, COUNT14_MAX)),
                disputesWon: uint16(credit.count(WON_SHIFT, COUNT14_MAX)),
                disputesLost: uint16(credit.count(LOST_SHIFT, COUNT14_MAX)),
                volume: uint96(credit.count(CreditWordLib.VOLUME, type(uint96).max)),
                disputesDrawn: uint16(extra.count(DRAWN_SHIFT, COUNT16_MAX)),
                refundedVolume: uint96(extra.refundedVolume())
            });
    }

    /// @inheritdoc ITradeEscrow
    function claimable(address token, address account) external view returns (uint256) {
        return _claimable[token][account];
    }

    /// @inheritdoc ITradeEscrow
    function settlementOf(
        bytes32 orderId
    ) external view returns (address proposer, uint256 buyerAmount) {
        Settlement memory offer = _settlements[orderId];
        return (offer.proposer, offer.buyerAmount);
    }

    /// @inheritdoc ITradeEscrow
    function accruedFees(address token) external view returns (uint256) {
        return _accruedFees[token];
    }

    /// @inheritdoc ITradeEscrow
    function registry() external view returns (ITradeRegistry) {
        return _REGISTRY;
    }

    // ------------------------------------------------------------------------------------------
    //                                   INTERNAL: ORDER FLOW
    // ------------------------------------------------------------------------------------------

    /// @dev Validates new terms and records the order as Funded; funding follows in the caller.
    ///      The seller's signature consents to the order id itself or, when `consented` is
    ///      non-zero (a cross-currency order: the id bound to its payout leg), to `consented`.
    function _open(
        OrderTerms calldata terms,
        bytes calldata sellerSignature,
        bytes32 consented
    ) internal returns (bytes32 orderId) {
        Config memory config = _configOf(terms.token);
        // An unlisted token's snapshot is all zeros: check `allowed` before trusting the rest.
        if (!config.allowed) revert TokenNotAllowed(terms.token);
        if (config.paused) revert NewOrdersArePaused();
        address buyer = terms.buyer;
        address seller = terms.seller;
        if (buyer == seller) revert BuyerIsSeller(buyer);
        uint256 amount = terms.amount;
        if (amount == 0 || amount > type(uint128).max) revert InvalidAmount(amount);
        uint16 destination = terms.destination;
        unchecked {
            // destination 0 wraps to the top: one comparison checks 1 ≤ destination ≤ 999.
            if (uint256(destination) - 1 > MAX_JURISDICTION - 1)
                revert InvalidJurisdiction(destination);
        }
        if (!(terms.shipBy > block.timestamp))
            revert ShipByNotInFuture(terms.shipBy, block.timestamp);
        uint32 window = terms.confirmWindow;
        if (window < MIN_CONFIRM_WINDOW || window > MAX_CONFIRM_WINDOW) {
            revert ConfirmWindowOutOfRange(window, MIN_CONFIRM_WINDOW, MAX_CONFIRM_WINDOW);
        }
        if (terms.feeBps != config.feeBps) revert FeeNotCurrent(terms.feeBps, config.feeBps);
        address arbiter = terms.arbiter;
        if (arbiter == buyer || arbiter == seller) revert ArbiterIsParty(arbiter);
        // The order remembers that it named the default arbiter (which needs no arbiter role).
        bool namedDefault = arbiter == config.defaultArbiter;

        orderId = _orderId(terms);
        if (!_orders[orderId].isEmpty()) revert OrderAlreadyExists(orderId);
        // The registry's suspension of the default arbiter, as last synced (no registry read).
        if (namedDefault && config.arbiterSuspended) revert ArbiterSuspended(orderId, arbiter);
        _orders[orderId] = _newOrderWord(
            terms,
            consented == bytes32(0) ? orderId : consented,
            namedDefault,
            sellerSignature
        );
        // emit OrderCreated(orderId, buyer, seller, terms): the validated calldata verbatim (cheaper
        // than re-encoding 11 fields on the hot path)
        bytes32 topic = OrderCreated.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, terms, TERMS_SIZE)
            log4(ptr, TERMS_SIZE, topic, orderId, mload(ptr), mload(add(ptr, 0x20)))
        }
    }

    /// @dev One registry call answers every check of a new order that the escrow's own settings
    ///      do not (the seller's consent to this very id, the seller's and the arbiter's
    ///      standing, the destination's lists) and returns the HS code the order keeps; it reverts
    ///      with this contract's errors. Returns the new order's word, Funded now.
    function _newOrderWord(
        OrderTerms calldata terms,
        bytes32 consented,
        bool namedDefault,
        bytes calldata sellerSignature
    ) private view returns (OrderWord) {
        uint256 hsCode = _REGISTRY.checkNewOrder(
            terms.seller,
            terms.arbiter,
            namedDefault,
            terms.destination,
            terms.productId,
            consented,
            sellerSignature
        );
        return OrderWordLib.funded(namedDefault ? FLAG_DEFAULT_ARBITER : 0, hsCode);
    }

    /// @dev Pays the seller what remains minus the fee; the order closes as Completed.
    function _complete(
        bytes32 orderId,
        OrderTerms calldata terms,
        OrderWord state,
        bool afterTimeout
    ) private {
        uint256 refunded = state.refunded();
        uint256 sellerGross = _remaining(terms, state);
        (address sellerToken, uint256 gross) = _sellerPart(orderId, terms, sellerGross, refunded);
        uint256 fee = _feeOf(gross, terms.feeBps);
        uint256 sellerAmount;
        unchecked {
            sellerAmount = gross - fee; // fee ≤ gross * 5%
        }
        _orders[orderId] = state.moveTo(Status.Completed);
        // A sale counts only when it paid a fee (or its rate was zero): counts cost money. A
        // seller that refunded more than half counts a refund instead of a sale, whatever the fee.
        bool counted = fee != 0 || terms.feeBps == 0;
        bool mostlyRefunded = _mostlyRefunded(terms, state);
        if (counted || mostlyRefunded) {
            uint256 sellerSlot = _creditSlot(sellerToken, terms.seller);
            CreditWord sellerCredit = CreditWordLib.load(sellerSlot);
            if (mostlyRefunded) {
                sellerCredit = sellerCredit.bump(SELLER_REFUND_SHIFT, COUNT14_MAX);
            }
            if (counted) {
                uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
                CreditWord buyerCredit = CreditWordLib.load(buyerSlot);
                if (!mostlyRefunded) {
                    sellerCredit = sellerCredit.bump(SALES_SHIFT, COUNT24_MAX);
                    buyerCredit = buyerCredit.bump(PURCHASES_SHIFT, COUNT24_MAX);
                }
                sellerCredit = sellerCredit.addVolume(sellerAmount);
                buyerCredit.addVolume(sellerGross).store(buyerSlot);
            }
            sellerCredit.store(sellerSlot);
        }
        if (afterTimeout) emit ReleasedAfterTimeout(orderId, msg.sender, sellerAmount, fee);
        else emit ReceiptConfirmed(orderId, sellerAmount, fee);
        _payOut(orderId, terms, 0, sellerAmount, fee, refunded, true);
    }

    /// @dev Returns everything still escrowed to the buyer; the order closes as Refunded.
    function _refundAll(
        bytes32 orderId,
        OrderTerms calldata terms,
        OrderWord state,
        RefundReason reason,
        bytes32 reasonHash
    ) private {
        uint256 refunded = state.refunded();
        uint256 amount = _remaining(terms, state);
        // refunded := the full order amount (≤ uint128 max)
        OrderWord closed = state.moveTo(Status.Refunded).withRefunded(terms.amount);
        _orders[orderId] = closed;
        (address sellerToken, ) = _sellerPart(orderId, terms, 0, terms.amount);
        if (reason == RefundReason.Cancelled) {
            // Only the buyer's own cancellation goes on the buyer's record.
            uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
            CreditWordLib.load(buyerSlot).bump(CANCELLED_SHIFT, COUNT14_MAX).store(buyerSlot);
        } else {
            if (reason == RefundReason.SellerRefund) {
                _addRefundedVolume(orderId, terms, refunded, terms.amount);
            }
            uint256 sellerSlot = _creditSlot(sellerToken, terms.seller);
            CreditWord sellerCredit = CreditWordLib.load(sellerSlot).bump(
                _refundShift(reason),
                COUNT14_MAX
            );
            if (state.status() == Status.Disputed) {
                // Only a seller refund closes a dispute as Refunded: the buyer won it.
                uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
                CreditWord buyerCredit;
                // The buyer's total is the whole amount: a win, never a draw.
                (buyerCredit, sellerCredit, ) = _scoreDispute(
                    state,
                    CreditWordLib.load(buyerSlot),
                    sellerCredit,
                    terms.amount,
                    0,
                    false
                );
                buyerCredit.store(buyerSlot);
                delete _settlements[orderId];
            }
            sellerCredit.store(sellerSlot);
        }
        emit OrderRefunded(orderId, msg.sender, reason, amount, reasonHash);
        _payOut(orderId, terms, amount, 0, 0, terms.amount, true);
    }

    /// @dev Closes a dispute so that the buyer's total for the whole order is `buyerTotal`
    ///      (refunds already paid count toward it; when they exceed it the buyer keeps them and
    ///      receives nothing more), the rest to the seller minus the fee; the order closes as
    ///      Resolved. No earlier partial refund can make this revert.
    function _resolve(
        bytes32 orderId,
        OrderTerms calldata terms,
        OrderWord state,
        uint256 buyerTotal,
        Resolution resolution,
        bytes32 rulingHash
    ) private {
        if (buyerTotal > terms.amount)
            revert BuyerTotalExceedsAmount(orderId, buyerTotal, terms.amount);
        uint256 refunded = state.refunded();
        uint256 buyerAmount;
        unchecked {
            // refunded ≤ amount and buyerTotal ≤ amount: no step below can wrap.
            if (buyerTotal > refunded) buyerAmount = buyerTotal - refunded;
        }
        // refunded += buyerAmount: the buyer's total stays ≤ amount ≤ uint128 max
        _orders[orderId] = state.moveTo(Status.Resolved).addRefunded(buyerAmount);
        delete _settlements[orderId];
        (uint256 sellerAmount, uint256 fee) = _shareResolved(
            orderId,
            terms,
            state,
            refunded + buyerAmount,
            resolution == Resolution.Stale
        );
        emit DisputeResolved(
            orderId,
            msg.sender,
            resolution,
            buyerAmount,
            sellerAmount,
            fee,
            rulingHash
        );
        _payOut(orderId, terms, buyerAmount, sellerAmount, fee, refunded + buyerAmount, true);
    }

    /// @dev The seller's part of a dispute closed with the buyer's total `buyerTotal` (paid in
    ///      the seller's currency minus `fee`), credited to both parties' records.
    function _shareResolved(
        bytes32 orderId,
        OrderTerms calldata terms,
        OrderWord state,
        uint256 buyerTotal,
        bool stale
    ) private returns (uint256 sellerAmount, uint256 fee) {
        uint256 sellerGross;
        unchecked {
            sellerGross = terms.amount - buyerTotal; // buyerTotal ≤ amount
        }
        (address sellerToken, uint256 gross) = _sellerPart(orderId, terms, sellerGross, buyerTotal);
        fee = _feeOf(gross, terms.feeBps);
        unchecked {
            sellerAmount = gross - fee; // fee ≤ gross * 5%
        }
        _creditResolved(terms, sellerToken, state, sellerGross, sellerAmount, fee, stale);
    }

    /// @dev Updates both parties' credit records for a dispute closed with `sellerGross` of the
    ///      order's amount to the seller (the buyer's record, in the order's token) and
    ///      `sellerAmount` paid plus `fee` (the seller's record, in `sellerToken`); `stale`: the
    ///      even split.
    function _creditResolved(
        OrderTerms calldata terms,
        address sellerToken,
        OrderWord state,
        uint256 sellerGross,
        uint256 sellerAmount,
        uint256 fee,
        bool stale
    ) private {
        uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
        uint256 sellerSlot = _creditSlot(sellerToken, terms.seller);
        CreditWord buyerCredit = CreditWordLib.load(buyerSlot);
        CreditWord sellerCredit = CreditWordLib.load(sellerSlot);
        // Volume counts under the same fee rule as a sale.
        if (fee != 0 || terms.feeBps == 0) {
            buyerCredit = buyerCredit.addVolume(sellerGross);
            sellerCredit = sellerCredit.addVolume(sellerAmount);
        }
        if (_mostlyRefunded(terms, state)) {
            sellerCredit = sellerCredit.bump(SELLER_REFUND_SHIFT, COUNT14_MAX);
        }
        bool drawn;
        (buyerCredit, sellerCredit, drawn) = _scoreDispute(
            state,
            buyerCredit,
            sellerCredit,
            terms.amount,
            sellerGross,
            stale
        );
        buyerCredit.store(buyerSlot);
        sellerCredit.store(sellerSlot);
        if (drawn) {
            CreditWordLib.load(buyerSlot + 1).bump(DRAWN_SHIFT, COUNT16_MAX).store(buyerSlot + 1);
            CreditWordLib.load(sellerSlot + 1).bump(DRAWN_SHIFT, COUNT16_MAX).store(sellerSlot + 1);
        }
    }

    /// @dev Adds what the seller gave back while the buyer's total went from `before` to `after_`
    ///      (in the seller's currency) to its refunded volume (the record's second word),
    ///      saturating at type(uint96).max.
    function _addRefundedVolume(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 before,
        uint256 after_
    ) private {
        (address sellerToken, uint256 volume) = _sellerRefunded(orderId, terms, before, after_);
        uint256 slot = _creditSlot(sellerToken, terms.seller) + 1;
        CreditWordLib.load(slot).addRefundedVolume(volume).store(slot);
    }

    /// @dev Pays `amount` or, when the token refuses (blacklist, pause, false return), credits it
    ///      as claimable so that closing the order never depends on the recipient.
    function _pay(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (!IERC20(token).trySafeTransfer(to, amount)) {
            _claimable[token][to] += amount;
            emit PayoutDeferred(token, to, amount);
        }
    }

    // ------------------------------------------------------------------------------------------
    //                                    INTERNAL: CHECKS
    // ------------------------------------------------------------------------------------------

    /// @dev Reverts unless the escrow's balance grew by exactly `amount` since `balanceBefore`.
    function _checkReceived(IERC20 token, uint256 amount, uint256 balanceBefore) internal view {
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert TransferAmountMismatch(address(token), amount, received);
    }

    /// @dev Reverts unless the caller is a customs authority of `destination`.
    function _checkCustoms(uint16 destination) private view {
        if (!_REGISTRY.isCustomsAuthority(destination, msg.sender)) {
            revert CallerNotCustomsAuthority(destination, msg.sender);
        }
    }

    /// @dev Reverts unless the caller is the order's buyer or seller.
    function _checkParty(bytes32 orderId, OrderTerms calldata terms) private view {
        if (msg.sender != terms.buyer && msg.sender != terms.seller) {
            revert CallerNotParty(orderId, msg.sender);
        }
    }

    /// @dev Reverts unless the order is in `expected` status.
    function _expectStatus(bytes32 orderId, OrderWord state, Status expected) private pure {
        if (!state.isIn(expected))
            revert UnexpectedStatus(orderId, state.status(), uint8(1 << uint8(expected)));
    }

    /// @dev Reverts unless the order exists and is not closed.
    function _expectOpen(bytes32 orderId, OrderWord state) private pure {
        Status status = state.status();
        if (status == Status.None || status > Status.Disputed)
            revert UnexpectedStatus(orderId, status, NEED_OPEN);
    }

    // ------------------------------------------------------------------------------------------
    //                                 INTERNAL: PURE HELPERS
    // ------------------------------------------------------------------------------------------

    /// @dev keccak256(abi.encode(chainid, escrow, terms)): a fork or another escrow gets other ids.
    ///      Hashed straight from calldata: terms with dirty high bits hash to an id that was never
    ///      created (creation reads, and so validates, every field), so they cannot alias an order.
    function _orderId(OrderTerms calldata terms) internal view returns (bytes32 orderId) {
        // One keccak over calldata, ~1k gas per call.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, chainid())
            mstore(add(ptr, 0x20), address())
            calldatacopy(add(ptr, 0x40), terms, TERMS_SIZE)
            orderId := keccak256(ptr, add(TERMS_SIZE, 0x40))
        }
    }

    /// @dev The fee on the seller's gross part, rounded down (the rounding favours the seller).
    function _feeOf(uint256 sellerGross, uint16 feeBps_) internal pure returns (uint256) {
        unchecked {
            return (sellerGross * feeBps_) / BPS; // sellerGross < 2^128, feeBps_ < 2^16
        }
    }

    /// @dev What is still escrowed for the order: amount minus what was refunded so far.
    function _remaining(OrderTerms calldata terms, OrderWord state) private pure returns (uint256) {
        unchecked {
            return terms.amount - state.refunded(); // refunded ≤ amount always
        }
    }

    /// @dev Credits the dispute's opener and scores it: the party that received more than half of
    ///      the order amount (refunds included) won, the other lost; an exact half, and every stale
    ///      close (the even split decides nothing), is a draw (`drawn`: the caller counts it).
    function _scoreDispute(
        OrderWord state,
        CreditWord buyerCredit,
        CreditWord sellerCredit,
        uint256 amount,
        uint256 sellerGross,
        bool stale
    ) private pure returns (CreditWord, CreditWord, bool drawn) {
        if (state.has(FLAG_DISPUTED_BY_SELLER)) {
            sellerCredit = sellerCredit.bump(OPENED_SHIFT, COUNT14_MAX);
        } else {
            buyerCredit = buyerCredit.bump(OPENED_SHIFT, COUNT14_MAX);
        }
        unchecked {
            uint256 buyerTotal = amount - sellerGross; // sellerGross ≤ amount
            if (stale || buyerTotal * 2 == amount) {
                drawn = true;
            } else if (buyerTotal * 2 > amount) {
                buyerCredit = buyerCredit.bump(WON_SHIFT, COUNT14_MAX);
                sellerCredit = sellerCredit.bump(LOST_SHIFT, COUNT14_MAX);
            } else {
                sellerCredit = sellerCredit.bump(WON_SHIFT, COUNT14_MAX);
                buyerCredit = buyerCredit.bump(LOST_SHIFT, COUNT14_MAX);
            }
        }
        return (buyerCredit, sellerCredit, drawn);
    }

    /// @dev True when the seller's refunds so far exceed half of the order's amount.
    function _mostlyRefunded(
        OrderTerms calldata terms,
        OrderWord state
    ) private pure returns (bool) {
        unchecked {
            return state.refunded() * 2 > terms.amount; // refunded < 2^128
        }
    }

    /// @dev The storage slot of `account`'s credit record in `token`.
    function _creditSlot(address token, address account) private pure returns (uint256 slot) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, xor(token, CREDIT_SEED))
            slot := keccak256(0x00, 0x40)
        }
    }

    /// @dev The seller's refund counter for a refund `reason` other than the buyer's cancellation.
    function _refundShift(RefundReason reason) private pure returns (uint256) {
        if (reason == RefundReason.RejectedBySeller) return REJECTED_SHIFT;
        if (reason == RefundReason.Unshipped) return UNSHIPPED_SHIFT;
        if (reason == RefundReason.RejectedAtCustoms) return CUSTOMS_REJECTED_SHIFT;
        return SELLER_REFUND_SHIFT;
    }
}
