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
import {CreditWord, CreditWordLib} from "./CreditWord.sol";
import {OrderWord, OrderWordLib} from "./OrderWord.sol";

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
    mapping(bytes32 orderId => OrderWord state) private _orders;
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
        OrderWord state = _orders[orderId];
        Status status = state.status();
        if (status < Status.Completed) revert UnexpectedStatus(orderId, status, NEED_CLOSED);
        if (!state.has(FLAG_SHIPPED)) revert OrderNotShipped(orderId);
        if (state.has(FLAG_COMPLAINT_FILED)) revert ComplaintAlreadyFiled(orderId);
        if (_REGISTRY.productOf(terms.productId).owner == address(0)) {
            revert ProductNotRegistered(terms.productId);
        }
        _orders[orderId] = state.withFlag(FLAG_COMPLAINT_FILED);
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
        if (!_orders[orderId].isEmpty()) revert OrderAlreadyExists(orderId);
        // The registry's suspension of the default arbiter, as last synced (no registry read).
        if (namedDefault && config.arbiterSuspended) revert ArbiterSuspended(orderId, arbiter);
        _orders[orderId] = _newOrderWord(terms, orderId, namedDefault, sellerSignature);
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
    ///      with this contract's errors. Returns the new order's word, Funded now.
    function _newOrderWord(
        OrderTerms calldata terms,
        bytes32 orderId,
        bool namedDefault,
        bytes calldata sellerSignature
    ) private view returns (OrderWord) {
        uint256 hsCode = _REGISTRY.checkNewOrder(
            terms.seller,
            terms.arbiter,
            namedDefault,
            terms.destination,
            terms.productId,
            orderId,
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
        uint256 sellerGross = _remaining(terms, state);
        uint256 fee = _feeOf(sellerGross, terms.feeBps);
        uint256 sellerAmount;
        unchecked {
            sellerAmount = sellerGross - fee; // fee ≤ sellerGross * 5%
        }
        _orders[orderId] = state.moveTo(Status.Completed);
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
        _pay(terms.token, terms.seller, sellerAmount);
    }

    /// @dev Returns everything still escrowed to the buyer; the order closes as Refunded.
    function _refundAll(
        bytes32 orderId,
        OrderTerms calldata terms,
        OrderWord state,
        RefundReason reason,
        bytes32 reasonHash
    ) private {
        uint256 amount = _remaining(terms, state);
        // refunded := the full order amount (≤ uint128 max)
        OrderWord closed = state.moveTo(Status.Refunded).withRefunded(terms.amount);
        _orders[orderId] = closed;
        if (reason == RefundReason.Cancelled) {
            // Only the buyer's own cancellation goes on the buyer's record.
            uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
            CreditWordLib.load(buyerSlot).bump(CANCELLED_SHIFT, COUNT14_MAX).store(buyerSlot);
        } else {
            if (reason == RefundReason.SellerRefund) _addRefundedVolume(terms, amount);
            uint256 sellerSlot = _creditSlot(terms.token, terms.seller);
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
        _pay(terms.token, terms.buyer, amount);
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
        _orders[orderId] = state.moveTo(Status.Resolved).addRefunded(buyerAmount);
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
        OrderWord state,
        uint256 sellerGross,
        uint256 sellerAmount,
        uint256 fee,
        bool stale
    ) private {
        uint256 buyerSlot = _creditSlot(terms.token, terms.buyer);
        uint256 sellerSlot = _creditSlot(terms.token, terms.seller);
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

    /// @dev Adds `amount` handed back by the seller's `refund` to its refunded volume (the
    ///      record's second word), saturating at type(uint96).max.
    function _addRefundedVolume(OrderTerms calldata terms, uint256 amount) private {
        uint256 slot = _creditSlot(terms.token, terms.seller) + 1;
        CreditWordLib.load(slot).addRefundedVolume(amount).store(slot);
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
