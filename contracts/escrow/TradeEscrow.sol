// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Escrow deadlines (ship-by, confirmation window, arbitration period) are wall-clock by design.
// solhint-disable not-rely-on-time

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IERC3009} from "../interfaces/IERC3009.sol";
import {ITradeEscrow} from "../interfaces/ITradeEscrow.sol";
import {ITradeRegistry, ROLE_ARBITER, ROLE_LOGISTICS} from "../interfaces/ITradeRegistry.sol";

/// @title TradeEscrow
/// @author TradeChain
/// @notice Holds a buyer's stablecoin payment until the buyer confirms receipt, the confirmation
///         window lapses, or a dispute is settled; refunds it when the deal fails. Customs lists in
///         the registry gate creation and shipment. The admin sets the fee, the token allowlist and
///         the default arbiter and may pause new orders; no role can move escrowed money.
/// @dev Orders are commitments: the id is keccak256(abi.encode(chainid, escrow, terms)) and every
///      call passes the terms back. Order state and credit records are each one packed word,
///      encoded by the private helpers at the bottom, so every transition is a single SSTORE.
///      Split rule (all paths): of the amount still in escrow, the buyer part is paid as is, the
///      seller's gross part is the rest, fee = sellerGross * feeBps / 10_000 rounded down (the
///      rounding favours the seller), seller is paid sellerGross - fee; buyer + seller + fee equals
///      the amount exactly.
contract TradeEscrow is
    ITradeEscrow,
    AccessControlDefaultAdminRules,
    ReentrancyGuardTransient,
    Multicall
{
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------------------------------
    //                                        CONSTANTS
    // ------------------------------------------------------------------------------------------

    /// @notice Role that may pause and unpause new orders.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Basis-point denominator (100%).
    uint16 public constant BPS = 10_000;
    /// @notice Highest platform fee the admin may set: 5%.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Shortest confirmation window an order may commit to.
    uint32 public constant MIN_CONFIRM_WINDOW = 1 days;
    /// @notice Longest confirmation window an order may commit to.
    uint32 public constant MAX_CONFIRM_WINDOW = 90 days;
    /// @notice How long the arbiter has to rule before anyone may close a dispute with an even split.
    uint256 public constant ARBITRATION_PERIOD = 30 days;
    /// @notice How long after shipment the destination's customs has to clear or reject before
    ///         either party may dispute a shipment still awaiting it.
    uint256 public constant CUSTOMS_PERIOD = 30 days;
    /// @notice Delay of a default-admin transfer (AccessControlDefaultAdminRules).
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;

    // Packed order state: status (8 bits) | flags (8 bits) | since (40 bits) | HS code (32 bits)
    // | unused | refunded (the top 128 bits).
    uint256 private constant STATUS_MASK = 0xff;
    uint256 private constant FLAG_DISPUTED_BY_SELLER = 1 << 8;
    uint256 private constant FLAG_COMPLAINT_FILED = 1 << 9;
    uint256 private constant FLAG_SHIPPED = 1 << 10;
    uint256 private constant FLAG_DEFAULT_ARBITER = 1 << 11;
    uint256 private constant SINCE_SHIFT = 16;
    uint256 private constant SINCE_MASK = type(uint40).max;
    uint256 private constant HS_SHIFT = 56;
    uint256 private constant REFUNDED_SHIFT = 128;

    // Highest ISO-3166-1 numeric code a destination may have (the lowest is 1), as the registry's.
    uint16 private constant MAX_JURISDICTION = 999;

    // ABI size of OrderTerms: 11 static words.
    uint256 private constant TERMS_SIZE = 11 * 32;

    // Packed credit record, counters from the lowest bits up, volume in the top 96 bits:
    // sales 24 | purchases 24 | eight 14-bit counters | volume 96.
    uint256 private constant SALES_SHIFT = 0;
    uint256 private constant PURCHASES_SHIFT = 24;
    uint256 private constant CANCELLED_SHIFT = 48;
    uint256 private constant REJECTED_SHIFT = 62;
    uint256 private constant UNSHIPPED_SHIFT = 76;
    uint256 private constant CUSTOMS_REJECTED_SHIFT = 90;
    uint256 private constant SELLER_REFUND_SHIFT = 104;
    uint256 private constant OPENED_SHIFT = 118;
    uint256 private constant WON_SHIFT = 132;
    uint256 private constant LOST_SHIFT = 146;
    uint256 private constant VOLUME_SHIFT = 160;
    uint256 private constant COUNT24_MAX = type(uint24).max;
    uint256 private constant COUNT14_MAX = (1 << 14) - 1;
    uint256 private constant VOLUME_MAX = type(uint96).max;
    // The record's second word (at the record's slot + 1), written only by refunds and draws:
    // disputes drawn 16 | refunded volume 96.
    uint256 private constant DRAWN_SHIFT = 0;
    uint256 private constant COUNT16_MAX = type(uint16).max;
    uint256 private constant REFUNDED_VOLUME_SHIFT = 16;
    // UnexpectedStatus masks: bit `1 << status` for each status a call accepts.
    uint8 private constant NEED_FUNDED = uint8(1 << uint8(Status.Funded));
    uint8 private constant NEED_SHIPPED = uint8(1 << uint8(Status.Shipped));
    uint8 private constant NEED_CLEARED = uint8(1 << uint8(Status.Cleared));
    uint8 private constant NEED_DISPUTED = uint8(1 << uint8(Status.Disputed));
    uint8 private constant NEED_IN_TRANSIT = NEED_SHIPPED | NEED_CLEARED | NEED_DISPUTED;
    uint8 private constant NEED_OPEN = NEED_FUNDED | NEED_IN_TRANSIT;
    uint8 private constant NEED_DISPUTABLE = NEED_SHIPPED | NEED_CLEARED;
    uint8 private constant NEED_CLOSED = uint8(0xff) & ~(NEED_OPEN | 1);
    // Credit records live at keccak256(account, token ^ CREDIT_SEED): one hash per record instead
    // of a nested mapping's two. The seed's top 96 bits are set, so the second word is never a
    // declared slot index and a record cannot alias a mapping entry of this contract.
    // CREDIT_SEED = keccak256("tradechain.escrow.credit"), a literal so assembly can use it.
    uint256 private constant CREDIT_SEED =
        0x5c1e6d8f5783231c26e3f8063e44f43471a01f59c4ced0bf34847aed9b62e306;

    // ------------------------------------------------------------------------------------------
    //                                         STORAGE
    // ------------------------------------------------------------------------------------------

    /// @dev The admin settings new orders obey. The global copy is the source of truth; every
    ///      token ever allowlisted keeps a snapshot with its own `allowed` flag, so creating an
    ///      order reads exactly one slot of the escrow's own configuration.
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
    ITradeRegistry private immutable _REGISTRY;

    Config private _config;
    address private _feeRecipient;
    mapping(address token => Config snapshot) private _tokenConfigs;
    address[] private _tokens;
    mapping(bytes32 orderId => uint256 packedState) private _orders;
    mapping(address token => mapping(address account => uint256 amount)) private _claimable;
    mapping(bytes32 orderId => Settlement offer) private _settlements;
    mapping(address token => uint256 amount) private _accruedFees;

    /// @notice Deploys the escrow; new orders need at least one allowlisted token.
    /// @param admin Default admin (fee, recipient, allowlist, default arbiter) and first pauser.
    /// @param registry_ The trade registry the escrow consults.
    /// @param feeRecipient_ Receives platform fees.
    /// @param feeBps_ Initial platform fee in basis points (≤ MAX_FEE_BPS).
    /// @param defaultArbiter_ Arbiter any order may name without being a registered arbiter.
    constructor(
        address admin,
        ITradeRegistry registry_,
        address feeRecipient_,
        uint16 feeBps_,
        address defaultArbiter_
    ) AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin) {
        if (
            address(registry_) == address(0) ||
            feeRecipient_ == address(0) ||
            defaultArbiter_ == address(0)
        ) revert ZeroAddress();
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        _REGISTRY = registry_;
        _feeRecipient = feeRecipient_;
        _config = Config({
            defaultArbiter: defaultArbiter_,
            feeBps: feeBps_,
            paused: false,
            allowed: false,
            listed: false,
            arbiterSuspended: registry_.isSuspended(defaultArbiter_)
        });
        _grantRole(PAUSER_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------------
    //                                        CREATION
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function createOrder(
        OrderTerms calldata terms,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _open(terms, sellerSignature);
        if (msg.sender != terms.buyer) revert CallerNotBuyer(orderId, msg.sender);
        IERC20 token = IERC20(terms.token);
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(terms.buyer, address(this), terms.amount);
        _checkReceived(token, terms.amount, balanceBefore);
    }

    /// @inheritdoc ITradeEscrow
    function createOrderWithPermit(
        OrderTerms calldata terms,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _open(terms, sellerSignature);
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
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(terms.buyer, address(this), terms.amount);
        _checkReceived(token, terms.amount, balanceBefore);
    }

    /// @inheritdoc ITradeEscrow
    function createOrderWithAuthorization(
        OrderTerms calldata terms,
        uint256 validAfter,
        uint256 validBefore,
        bytes calldata signature,
        bytes calldata sellerSignature
    ) external nonReentrant returns (bytes32 orderId) {
        orderId = _open(terms, sellerSignature);
        IERC20 token = IERC20(terms.token);
        uint256 balanceBefore = token.balanceOf(address(this));
        // The nonce is the order id: the buyer's signature funds exactly these terms.
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

    // ------------------------------------------------------------------------------------------
    //                                   SHIPPING AND CUSTOMS
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function ship(OrderTerms calldata terms, bytes32 trackingHash) external {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.seller) revert CallerNotSeller(orderId, msg.sender);
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        if (block.timestamp > terms.shipBy) {
            revert ShipByPassed(orderId, terms.shipBy, block.timestamp);
        }
        // Decided on the HS code the order kept at creation, never the product's current one.
        bool cleared = _REGISTRY.clearanceAtShipment(
            terms.destination,
            terms.productId,
            uint32(state >> HS_SHIFT)
        );
        _orders[orderId] =
            _transition(state, cleared ? Status.Cleared : Status.Shipped) | FLAG_SHIPPED;
        emit OrderShipped(orderId, trackingHash, cleared);
    }

    /// @inheritdoc ITradeEscrow
    function recordMilestone(OrderTerms calldata terms, bytes32 milestoneHash) external {
        bytes32 orderId = _orderId(terms);
        if (!_REGISTRY.isActive(msg.sender, ROLE_LOGISTICS)) revert CallerNotLogistics(msg.sender);
        Status status = _statusOf(_orders[orderId]);
        if (status != Status.Shipped && status != Status.Cleared && status != Status.Disputed) {
            revert UnexpectedStatus(orderId, status, NEED_IN_TRANSIT);
        }
        emit MilestoneRecorded(orderId, msg.sender, milestoneHash);
    }

    /// @inheritdoc ITradeEscrow
    function clearCustoms(OrderTerms calldata terms, bytes32 recordHash) external {
        bytes32 orderId = _orderId(terms);
        _checkCustoms(terms.destination);
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Shipped);
        _orders[orderId] = _transition(state, Status.Cleared);
        emit CustomsCleared(orderId, msg.sender, recordHash);
    }

    /// @inheritdoc ITradeEscrow
    function rejectAtCustoms(OrderTerms calldata terms, bytes32 reasonHash) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        _checkCustoms(terms.destination);
        uint256 state = _orders[orderId];
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
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Cleared);
        _complete(orderId, terms, state, false);
    }

    /// @inheritdoc ITradeEscrow
    function releaseAfterTimeout(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Cleared);
        uint256 releasableAt = _sinceOf(state) + terms.confirmWindow;
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
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        _refundAll(orderId, terms, state, RefundReason.Cancelled, bytes32(0));
    }

    /// @inheritdoc ITradeEscrow
    function reject(OrderTerms calldata terms, bytes32 reasonHash) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        if (msg.sender != terms.seller) revert CallerNotSeller(orderId, msg.sender);
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Funded);
        _refundAll(orderId, terms, state, RefundReason.RejectedBySeller, reasonHash);
    }

    /// @inheritdoc ITradeEscrow
    function refundUnshipped(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        uint256 state = _orders[orderId];
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
        uint256 state = _orders[orderId];
        _expectOpen(orderId, state);
        uint256 remaining = _remaining(terms, state);
        if (amount == 0 || amount > remaining)
            revert InvalidRefundAmount(orderId, amount, remaining);
        if (amount == remaining) {
            _refundAll(orderId, terms, state, RefundReason.SellerRefund, bytes32(0));
            return;
        }
        // amount < remaining ≤ uint128 max, so the refunded field cannot overflow into nothing.
        _orders[orderId] = state + (amount << REFUNDED_SHIFT);
        _addRefundedVolume(terms, amount);
        emit OrderRefunded(orderId, msg.sender, RefundReason.SellerRefund, amount, bytes32(0));
        _pay(terms.token, terms.buyer, amount);
    }

    // ------------------------------------------------------------------------------------------
    //                                         DISPUTES
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function openDispute(OrderTerms calldata terms, bytes32 evidenceHash) external {
        bytes32 orderId = _orderId(terms);
        bool bySeller = msg.sender == terms.seller;
        if (!bySeller && msg.sender != terms.buyer) revert CallerNotParty(orderId, msg.sender);
        uint256 state = _orders[orderId];
        Status status = _statusOf(state);
        if (status == Status.Cleared) {
            // The buyer's dispute window is the confirmation window: from releasableAt on, the
            // money is the seller's (releaseAfterTimeout), so at every second exactly one holds.
            uint256 closedAt = _sinceOf(state) + terms.confirmWindow;
            // solhint-disable-next-line gas-strict-inequalities
            if (!bySeller && block.timestamp >= closedAt) {
                revert DisputeWindowClosed(orderId, closedAt, block.timestamp);
            }
        } else if (status == Status.Shipped) {
            // Customs decides first; a shipment customs never decides becomes disputable.
            uint256 disputableAt = _sinceOf(state) + CUSTOMS_PERIOD;
            if (block.timestamp < disputableAt) {
                revert CustomsPeriodNotElapsed(orderId, disputableAt, block.timestamp);
            }
        } else {
            revert UnexpectedStatus(orderId, status, NEED_DISPUTABLE);
        }
        state = _transition(state, Status.Disputed);
        if (bySeller) state |= FLAG_DISPUTED_BY_SELLER;
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
        uint256 state = _orders[orderId];
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
        uint256 state = _orders[orderId];
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
        uint256 state = _orders[orderId];
        // Suspension or loss of the arbiter role takes an arbiter off every order that named it;
        // the dispute then ends by settlement or, after the arbitration period, as the even split.
        // An order that named the default arbiter keeps it, unless the registry suspends it.
        if (state & FLAG_DEFAULT_ARBITER == 0) {
            if (!_REGISTRY.isActive(msg.sender, ROLE_ARBITER)) {
                revert ArbiterNotActive(orderId, msg.sender);
            }
        } else if (_REGISTRY.isSuspended(msg.sender)) {
            revert ArbiterSuspended(orderId, msg.sender);
        }
        _expectStatus(orderId, state, Status.Disputed);
        uint256 staleAt = _sinceOf(state) + ARBITRATION_PERIOD;
        // At staleAt the dispute is stale.
        // solhint-disable-next-line gas-strict-inequalities
        if (block.timestamp >= staleAt)
            revert ArbitrationPeriodElapsed(orderId, staleAt, block.timestamp);
        _resolve(orderId, terms, state, buyerTotal, Resolution.Ruling, rulingHash);
    }

    /// @inheritdoc ITradeEscrow
    function closeStaleDispute(OrderTerms calldata terms) external nonReentrant {
        bytes32 orderId = _orderId(terms);
        uint256 state = _orders[orderId];
        _expectStatus(orderId, state, Status.Disputed);
        uint256 staleAt = _sinceOf(state) + ARBITRATION_PERIOD;
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
        address recipient = _feeRecipient;
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
        uint256 state = _orders[orderId];
        Status status = _statusOf(state);
        if (status < Status.Completed) revert UnexpectedStatus(orderId, status, NEED_CLOSED);
        if (state & FLAG_SHIPPED == 0) revert OrderNotShipped(orderId);
        if (state & FLAG_COMPLAINT_FILED != 0) revert ComplaintAlreadyFiled(orderId);
        if (_REGISTRY.productOf(terms.productId).owner == address(0)) {
            revert ProductNotRegistered(terms.productId);
        }
        _orders[orderId] = state | FLAG_COMPLAINT_FILED;
        // What the closed order paid the platform: the fee on the seller's gross part.
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
    //                                          ADMIN
    // ------------------------------------------------------------------------------------------

    /// @inheritdoc ITradeEscrow
    function setFee(uint16 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeUpdated(_config.feeBps, newFeeBps);
        _config.feeBps = newFeeBps;
        _syncTokenConfigs();
    }

    /// @inheritdoc ITradeEscrow
    function setFeeRecipient(address newRecipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newRecipient == address(0)) revert ZeroAddress();
        emit FeeRecipientUpdated(_feeRecipient, newRecipient);
        _feeRecipient = newRecipient;
    }

    /// @inheritdoc ITradeEscrow
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(0)) revert ZeroAddress();
        if (!_tokenConfigs[token].listed) _tokens.push(token);
        _tokenConfigs[token] = _snapshot(allowed);
        emit TokenAllowed(token, allowed);
    }

    /// @inheritdoc ITradeEscrow
    function setDefaultArbiter(address newArbiter) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newArbiter == address(0)) revert ZeroAddress();
        emit DefaultArbiterUpdated(_config.defaultArbiter, newArbiter);
        _config.defaultArbiter = newArbiter;
        _config.arbiterSuspended = _REGISTRY.isSuspended(newArbiter);
        _syncTokenConfigs();
    }

    /// @inheritdoc ITradeEscrow
    function syncDefaultArbiter() external {
        address arbiter = _config.defaultArbiter;
        bool suspended = _REGISTRY.isSuspended(arbiter);
        if (suspended == _config.arbiterSuspended) return;
        _config.arbiterSuspended = suspended;
        _syncTokenConfigs();
        emit DefaultArbiterStanding(arbiter, suspended);
    }

    /// @inheritdoc ITradeEscrow
    function pause() external onlyRole(PAUSER_ROLE) {
        _config.paused = true;
        _syncTokenConfigs();
        emit NewOrdersPaused(msg.sender);
    }

    /// @inheritdoc ITradeEscrow
    function unpause() external onlyRole(PAUSER_ROLE) {
        _config.paused = false;
        _syncTokenConfigs();
        emit NewOrdersUnpaused(msg.sender);
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
        uint256 state = _orders[orderId];
        return
            OrderState({
                status: _statusOf(state),
                disputedBySeller: state & FLAG_DISPUTED_BY_SELLER != 0,
                complaintFiled: state & FLAG_COMPLAINT_FILED != 0,
                shipped: state & FLAG_SHIPPED != 0,
                namedDefaultArbiter: state & FLAG_DEFAULT_ARBITER != 0,
                since: uint40(_sinceOf(state)),
                hsCode: uint32(state >> HS_SHIFT),
                refunded: uint128(state >> REFUNDED_SHIFT)
            });
    }

    /// @inheritdoc ITradeEscrow
    function creditOf(address account, address token) external view returns (Credit memory) {
        uint256 slot = _creditSlot(token, account);
        uint256 credit = _loadCredit(slot);
        uint256 extra = _loadCredit(slot + 1);
        return
            Credit({
                salesCompleted: uint24(credit >> SALES_SHIFT),
                purchasesCompleted: uint24(credit >> PURCHASES_SHIFT),
                cancelledAsBuyer: _count14(credit, CANCELLED_SHIFT),
                rejectedAsSeller: _count14(credit, REJECTED_SHIFT),
                missedShipBy: _count14(credit, UNSHIPPED_SHIFT),
                rejectedAtCustoms: _count14(credit, CUSTOMS_REJECTED_SHIFT),
                refundedAsSeller: _count14(credit, SELLER_REFUND_SHIFT),
                disputesOpened: _count14(credit, OPENED_SHIFT),
                disputesWon: _count14(credit, WON_SHIFT),
                disputesLost: _count14(credit, LOST_SHIFT),
                volume: uint96(credit >> VOLUME_SHIFT),
                disputesDrawn: uint16(extra >> DRAWN_SHIFT),
                refundedVolume: uint96(extra >> REFUNDED_VOLUME_SHIFT)
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

    /// @inheritdoc ITradeEscrow
    function feeBps() external view returns (uint16) {
        return _config.feeBps;
    }

    /// @inheritdoc ITradeEscrow
    function feeRecipient() external view returns (address) {
        return _feeRecipient;
    }

    /// @inheritdoc ITradeEscrow
    function defaultArbiter() external view returns (address) {
        return _config.defaultArbiter;
    }

    /// @inheritdoc ITradeEscrow
    function isTokenAllowed(address token) external view returns (bool) {
        return _tokenConfigs[token].allowed;
    }

    /// @inheritdoc ITradeEscrow
    function paused() external view returns (bool) {
        return _config.paused;
    }

    // ------------------------------------------------------------------------------------------
    //                                   INTERNAL: ORDER FLOW
    // ------------------------------------------------------------------------------------------

    /// @dev Validates new terms and records the order as Funded; funding follows in the caller.
    function _open(
        OrderTerms calldata terms,
        bytes calldata sellerSignature
    ) private returns (bytes32 orderId) {
        Config memory config = _tokenConfigs[terms.token];
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
        if (_orders[orderId] != 0) revert OrderAlreadyExists(orderId);
        // The registry's suspension of the default arbiter, as last synced (no registry read).
        if (namedDefault && config.arbiterSuspended) revert ArbiterSuspended(orderId, arbiter);
        _orders[orderId] =
            _transition(0, Status.Funded) |
            (namedDefault ? FLAG_DEFAULT_ARBITER : 0) |
            (_checkWithRegistry(terms, orderId, namedDefault, sellerSignature) << HS_SHIFT);
        // emit OrderCreated(orderId, buyer, seller, terms), copying the validated terms verbatim
        // (buyer and seller are the terms' first two words, already read and so validated)
        bytes32 topic = OrderCreated.selector;
        // Saves re-validating 11 fields on the hot path.
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
    ///      with this contract's errors.
    function _checkWithRegistry(
        OrderTerms calldata terms,
        bytes32 orderId,
        bool namedDefault,
        bytes calldata sellerSignature
    ) private view returns (uint256) {
        return
            _REGISTRY.checkNewOrder(
                terms.seller,
                terms.arbiter,
                namedDefault,
                terms.destination,
                terms.productId,
                orderId,
                sellerSignature
            );
    }

    /// @dev Pays the seller what remains minus the fee; the order closes as Completed.
    function _complete(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 state,
        bool afterTimeout
    ) private {
        uint256 sellerGross = _remaining(terms, state);
        uint256 fee = _feeOf(sellerGross, terms.feeBps);
        uint256 sellerAmount;
        unchecked {
            sellerAmount = sellerGross - fee; // fee ≤ sellerGross * 5%
        }
        _orders[orderId] = _transition(state, Status.Completed);
        // Fees accrue per token and leave in one transfer per sweep: an order pays one SSTORE,
        // not a second token transfer (see collectFees).
        unchecked {
            _accruedFees[terms.token] += fee; // bounded by the token's total supply
        }
        // A sale counts only when it paid a fee (or its rate was zero): counts cost money. A
        // seller that refunded more than half counts a refund instead of a sale, whatever the fee.
        bool counted = fee != 0 || terms.feeBps == 0;
        bool mostlyRefunded = _mostlyRefunded(terms, state);
        if (counted || mostlyRefunded) {
            uint256 sellerSlot = _creditSlot(terms.token, terms.seller);
            uint256 sellerCredit = _loadCredit(sellerSlot);
            if (mostlyRefunded) {
                sellerCredit = _bump(sellerCredit, SELLER_REFUND_SHIFT, COUNT14_MAX);
            }
            if (counted) {
                uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
                uint256 buyerCredit = _loadCredit(buyerSlot);
                if (!mostlyRefunded) {
                    sellerCredit = _bump(sellerCredit, SALES_SHIFT, COUNT24_MAX);
                    buyerCredit = _bump(buyerCredit, PURCHASES_SHIFT, COUNT24_MAX);
                }
                sellerCredit = _addVolume(sellerCredit, sellerAmount);
                _storeCredit(buyerSlot, _addVolume(buyerCredit, sellerGross));
            }
            _storeCredit(sellerSlot, sellerCredit);
        }
        if (afterTimeout) emit ReleasedAfterTimeout(orderId, msg.sender, sellerAmount, fee);
        else emit ReceiptConfirmed(orderId, sellerAmount, fee);
        _pay(terms.token, terms.seller, sellerAmount);
    }

    /// @dev Returns everything still escrowed to the buyer; the order closes as Refunded.
    function _refundAll(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 state,
        RefundReason reason,
        bytes32 reasonHash
    ) private {
        uint256 amount = _remaining(terms, state);
        // refunded := the full order amount (≤ uint128 max)
        uint256 closed =
            (_transition(state, Status.Refunded) & ~(type(uint256).max << REFUNDED_SHIFT)) |
                (terms.amount << REFUNDED_SHIFT);
        _orders[orderId] = closed;
        if (reason == RefundReason.Cancelled) {
            // Only the buyer's own cancellation goes on the buyer's record.
            uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
            _storeCredit(buyerSlot, _bump(_loadCredit(buyerSlot), CANCELLED_SHIFT, COUNT14_MAX));
        } else {
            if (reason == RefundReason.SellerRefund) _addRefundedVolume(terms, amount);
            uint256 sellerSlot = _creditSlot(terms.token, terms.seller);
            uint256 sellerCredit = _bump(
                _loadCredit(sellerSlot),
                _refundShift(reason),
                COUNT14_MAX
            );
            if (_statusOf(state) == Status.Disputed) {
                // Only a seller refund closes a dispute as Refunded: the buyer won it.
                uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
                uint256 buyerCredit;
                // The buyer's total is the whole amount: a win, never a draw.
                (buyerCredit, sellerCredit, ) = _scoreDispute(
                    state,
                    _loadCredit(buyerSlot),
                    sellerCredit,
                    terms.amount,
                    0,
                    false
                );
                _storeCredit(buyerSlot, buyerCredit);
                delete _settlements[orderId];
            }
            _storeCredit(sellerSlot, sellerCredit);
        }
        emit OrderRefunded(orderId, msg.sender, reason, amount, reasonHash);
        _pay(terms.token, terms.buyer, amount);
    }

    /// @dev Closes a dispute so that the buyer's total for the whole order is `buyerTotal`
    ///      (refunds already paid count toward it; when they exceed it the buyer keeps them and
    ///      receives nothing more), the rest to the seller minus the fee; the order closes as
    ///      Resolved. No earlier partial refund can make this revert.
    function _resolve(
        bytes32 orderId,
        OrderTerms calldata terms,
        uint256 state,
        uint256 buyerTotal,
        Resolution resolution,
        bytes32 rulingHash
    ) private {
        if (buyerTotal > terms.amount)
            revert BuyerTotalExceedsAmount(orderId, buyerTotal, terms.amount);
        uint256 refunded = state >> REFUNDED_SHIFT;
        uint256 buyerAmount;
        uint256 sellerGross;
        uint256 fee;
        uint256 sellerAmount;
        unchecked {
            // refunded ≤ amount and buyerTotal ≤ amount: no step below can wrap.
            if (buyerTotal > refunded) buyerAmount = buyerTotal - refunded;
            sellerGross = terms.amount - refunded - buyerAmount;
            fee = _feeOf(sellerGross, terms.feeBps);
            sellerAmount = sellerGross - fee;
        }
        // refunded += buyerAmount: the buyer's total stays ≤ amount ≤ uint128 max
        _orders[orderId] = _transition(state, Status.Resolved) + (buyerAmount << REFUNDED_SHIFT);
        _accruedFees[terms.token] += fee;
        _creditResolved(
            terms,
            state,
            sellerGross,
            sellerAmount,
            fee,
            resolution == Resolution.Stale
        );
        delete _settlements[orderId];
        emit DisputeResolved(
            orderId,
            msg.sender,
            resolution,
            buyerAmount,
            sellerAmount,
            fee,
            rulingHash
        );
        _pay(terms.token, terms.buyer, buyerAmount);
        _pay(terms.token, terms.seller, sellerAmount);
    }

    /// @dev Updates both parties' credit records in the order's token for a dispute closed with
    ///      `sellerGross` to the seller, of which `fee` to the platform (`stale`: the even split).
    function _creditResolved(
        OrderTerms calldata terms,
        uint256 state,
        uint256 sellerGross,
        uint256 sellerAmount,
        uint256 fee,
        bool stale
    ) private {
        uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
        uint256 sellerSlot = _creditSlot(terms.token, terms.seller);
        uint256 buyerCredit = _loadCredit(buyerSlot);
        uint256 sellerCredit = _loadCredit(sellerSlot);
        // Volume counts under the same fee rule as a sale.
        if (fee != 0 || terms.feeBps == 0) {
            buyerCredit = _addVolume(buyerCredit, sellerGross);
            sellerCredit = _addVolume(sellerCredit, sellerAmount);
        }
        if (_mostlyRefunded(terms, state)) {
            sellerCredit = _bump(sellerCredit, SELLER_REFUND_SHIFT, COUNT14_MAX);
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
        _storeCredit(buyerSlot, buyerCredit);
        _storeCredit(sellerSlot, sellerCredit);
        if (drawn) {
            _storeCredit(
                buyerSlot + 1,
                _bump(_loadCredit(buyerSlot + 1), DRAWN_SHIFT, COUNT16_MAX)
            );
            _storeCredit(
                sellerSlot + 1,
                _bump(_loadCredit(sellerSlot + 1), DRAWN_SHIFT, COUNT16_MAX)
            );
        }
    }

    /// @dev Adds `amount` handed back by the seller's `refund` to its refunded volume (the
    ///      record's second word), saturating at type(uint96).max.
    function _addRefundedVolume(OrderTerms calldata terms, uint256 amount) private {
        uint256 slot = _creditSlot(terms.token, terms.seller) + 1;
        uint256 extra = _loadCredit(slot);
        uint256 volume;
        unchecked {
            volume = (extra >> REFUNDED_VOLUME_SHIFT) + amount; // both < 2^128
        }
        if (volume > VOLUME_MAX) volume = VOLUME_MAX;
        _storeCredit(
            slot,
            (extra & ((1 << REFUNDED_VOLUME_SHIFT) - 1)) | (volume << REFUNDED_VOLUME_SHIFT)
        );
    }

    /// @dev The global configuration with `allowed` set, as stored for one token.
    function _snapshot(bool allowed) private view returns (Config memory config) {
        config = _config;
        config.allowed = allowed;
        config.listed = true;
    }

    /// @dev Copies the global configuration into every token's snapshot. Tokens are only added by
    ///      the admin (one per currency), so the loop stays short.
    function _syncTokenConfigs() private {
        uint256 count = _tokens.length;
        for (uint256 i = 0; i < count; ++i) {
            address token = _tokens[i];
            _tokenConfigs[token] = _snapshot(_tokenConfigs[token].allowed);
        }
    }

    /// @dev Pays `amount` or, when the token refuses (blacklist, pause, false return), credits it
    ///      as claimable so that closing the order never depends on the recipient.
    function _pay(address token, address to, uint256 amount) private {
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
    function _checkReceived(IERC20 token, uint256 amount, uint256 balanceBefore) private view {
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
    function _expectStatus(bytes32 orderId, uint256 state, Status expected) private pure {
        if (state & STATUS_MASK != uint256(expected))
            revert UnexpectedStatus(orderId, _statusOf(state), uint8(1 << uint8(expected)));
    }

    /// @dev Reverts unless the order exists and is not closed.
    function _expectOpen(bytes32 orderId, uint256 state) private pure {
        Status status = _statusOf(state);
        if (status == Status.None || status > Status.Disputed)
            revert UnexpectedStatus(orderId, status, NEED_OPEN);
    }

    // ------------------------------------------------------------------------------------------
    //                                 INTERNAL: PURE HELPERS
    // ------------------------------------------------------------------------------------------

    /// @dev keccak256(abi.encode(chainid, escrow, terms)): a fork or another escrow gets other ids.
    ///      Hashed straight from calldata: terms with dirty high bits hash to an id that was never
    ///      created (creation reads, and so validates, every field), so they cannot alias an order.
    function _orderId(OrderTerms calldata terms) private view returns (bytes32 orderId) {
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
    function _feeOf(uint256 sellerGross, uint16 feeBps_) private pure returns (uint256) {
        unchecked {
            return (sellerGross * feeBps_) / BPS; // sellerGross < 2^128, feeBps_ < 2^16
        }
    }

    /// @dev What is still escrowed for the order: amount minus what was refunded so far.
    function _remaining(OrderTerms calldata terms, uint256 state) private pure returns (uint256) {
        unchecked {
            return terms.amount - (state >> REFUNDED_SHIFT); // refunded ≤ amount always
        }
    }

    /// @dev Sets status and stamps `since` with the current time, keeping flags and refunded.
    function _transition(uint256 state, Status status) private view returns (uint256) {
        return
            (state & ~(STATUS_MASK | (SINCE_MASK << SINCE_SHIFT))) |
            uint256(status) |
            (block.timestamp << SINCE_SHIFT);
    }

    /// @dev The status field of a packed order state.
    function _statusOf(uint256 state) private pure returns (Status) {
        return Status(uint8(state & STATUS_MASK));
    }

    /// @dev The `since` field of a packed order state.
    function _sinceOf(uint256 state) private pure returns (uint256) {
        return (state >> SINCE_SHIFT) & SINCE_MASK;
    }

    /// @dev Credits the dispute's opener and scores it: the party that received more than half of
    ///      the order amount (refunds included) won, the other lost; an exact half, and every stale
    ///      close (the even split decides nothing), is a draw (`drawn`: the caller counts it).
    function _scoreDispute(
        uint256 state,
        uint256 buyerCredit,
        uint256 sellerCredit,
        uint256 amount,
        uint256 sellerGross,
        bool stale
    ) private pure returns (uint256, uint256, bool drawn) {
        if (state & FLAG_DISPUTED_BY_SELLER != 0) {
            sellerCredit = _bump(sellerCredit, OPENED_SHIFT, COUNT14_MAX);
        } else {
            buyerCredit = _bump(buyerCredit, OPENED_SHIFT, COUNT14_MAX);
        }
        unchecked {
            uint256 buyerTotal = amount - sellerGross; // sellerGross ≤ amount
            if (stale || buyerTotal * 2 == amount) {
                drawn = true;
            } else if (buyerTotal * 2 > amount) {
                buyerCredit = _bump(buyerCredit, WON_SHIFT, COUNT14_MAX);
                sellerCredit = _bump(sellerCredit, LOST_SHIFT, COUNT14_MAX);
            } else {
                sellerCredit = _bump(sellerCredit, WON_SHIFT, COUNT14_MAX);
                buyerCredit = _bump(buyerCredit, LOST_SHIFT, COUNT14_MAX);
            }
        }
        return (buyerCredit, sellerCredit, drawn);
    }

    /// @dev True when the seller's refunds so far exceed half of the order's amount.
    function _mostlyRefunded(OrderTerms calldata terms, uint256 state) private pure returns (bool) {
        unchecked {
            return (state >> REFUNDED_SHIFT) * 2 > terms.amount; // refunded < 2^128
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

    /// @dev The packed credit record at `slot`.
    function _loadCredit(uint256 slot) private view returns (uint256 credit) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            credit := sload(slot)
        }
    }

    /// @dev Writes the packed credit record at `slot`.
    function _storeCredit(uint256 slot, uint256 credit) private {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(slot, credit)
        }
    }

    /// @dev The seller's refund counter for a refund `reason` other than the buyer's cancellation.
    function _refundShift(RefundReason reason) private pure returns (uint256) {
        if (reason == RefundReason.RejectedBySeller) return REJECTED_SHIFT;
        if (reason == RefundReason.Unshipped) return UNSHIPPED_SHIFT;
        if (reason == RefundReason.RejectedAtCustoms) return CUSTOMS_REJECTED_SHIFT;
        return SELLER_REFUND_SHIFT;
    }

    /// @dev The 14-bit counter at `shift` of a packed credit record.
    function _count14(uint256 credit, uint256 shift) private pure returns (uint16) {
        return uint16((credit >> shift) & COUNT14_MAX);
    }

    /// @dev Adds one to the counter at `shift`, saturating at `max` so closing never reverts.
    function _bump(uint256 credit, uint256 shift, uint256 max) private pure returns (uint256) {
        unchecked {
            if ((credit >> shift) & max != max) credit += 1 << shift;
        }
        return credit;
    }

    /// @dev Adds `amount` to the volume field, saturating at type(uint96).max.
    function _addVolume(uint256 credit, uint256 amount) private pure returns (uint256) {
        uint256 volume;
        unchecked {
            volume = (credit >> VOLUME_SHIFT) + amount; // both < 2^128
        }
        if (volume > VOLUME_MAX) volume = VOLUME_MAX;
        return (credit & ((1 << VOLUME_SHIFT) - 1)) | (volume << VOLUME_SHIFT);
    }
}
