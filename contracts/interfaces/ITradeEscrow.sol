// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeRegistry} from "./ITradeRegistry.sol";

/// @title ITradeEscrow
/// @author TradeChain
/// @notice Escrowed stablecoin orders for cross-border trade: the buyer's payment is locked until
///         the buyer confirms receipt (or the confirmation window lapses), refunded when the deal
///         fails, and split by a ruling or an agreement when the parties dispute. Customs' product
///         lists in the registry gate every order. Nobody — admin included — can move escrowed
///         money anywhere but to the order's buyer, seller and fee recipient.
/// @dev An order is a commitment: its immutable `OrderTerms` are hashed into the order id and
///      passed with every call; storage keeps one packed `OrderState` slot per order.
interface ITradeEscrow {
    // ------------------------------------------------------------------------------------------
    //                                          TYPES
    // ------------------------------------------------------------------------------------------

    /// @notice The immutable terms of an order; `orderIdOf(terms)` commits to all of them.
    /// @param buyer Pays and receives refunds.
    /// @param seller Ships and is paid on release.
    /// @param token Allowlisted settlement token the order is paid in.
    /// @param amount Escrowed amount in the token's base units (1 ≤ amount ≤ type(uint128).max).
    /// @param productId Registry product id (keccak256 of GTIN / HS code + SKU).
    /// @param destination ISO-3166-1 numeric code of the destination jurisdiction (1-999).
    /// @param shipBy Unix time (seconds) by which the seller must ship.
    /// @param confirmWindow Seconds after customs clearance before anyone may release to the seller.
    /// @param feeBps Platform fee in basis points, must equal the escrow's fee at creation.
    /// @param arbiter Who rules a dispute: a registered arbiter or the escrow's default arbiter.
    /// @param ref Merchant's own order reference / documents hash; also makes equal deals distinct.
    struct OrderTerms {
        address buyer;
        address seller;
        address token;
        uint256 amount;
        bytes32 productId;
        uint16 destination;
        uint64 shipBy;
        uint32 confirmWindow;
        uint16 feeBps;
        address arbiter;
        bytes32 ref;
    }

    /// @notice Where an order is in its lifecycle; Completed, Refunded and Resolved are final.
    enum Status {
        None,
        Funded,
        Shipped,
        Cleared,
        Disputed,
        Completed,
        Refunded,
        Resolved
    }

    /// @notice The mutable state of an order, one storage slot.
    /// @param status Lifecycle position.
    /// @param disputedBySeller True when the seller (not the buyer) opened the dispute.
    /// @param complaintFiled True once the buyer filed a complaint about the closed order.
    /// @param shipped True once the seller shipped (the order reached Shipped or later); only the
    ///        buyer of a shipped order may file a complaint.
    /// @param namedDefaultArbiter True when `terms.arbiter` was the escrow's default arbiter at
    ///        creation: that arbiter keeps the order even after the default changes and needs no
    ///        arbiter role in the registry (it still cannot rule while suspended there).
    /// @param since Unix time of the last status change (shipment, clearance, dispute, close).
    /// @param hsCode The product's HS code in force at the destination when the order was created
    ///        and the destination had tariff listings (zero otherwise): the order's clearance at
    ///        shipment is decided on it, whatever re-classification came later.
    /// @param refunded Amount returned to the buyer so far: seller refunds while open; once closed,
    ///        the buyer's whole part (the full amount when Refunded, the split when Resolved).
    struct OrderState {
        Status status;
        bool disputedBySeller;
        bool complaintFiled;
        bool shipped;
        bool namedDefaultArbiter;
        uint40 since;
        uint32 hsCode;
        uint128 refunded;
    }

    /// @notice A participant's credit record in one settlement token, two storage slots, updated
    ///         when an order paid in that token closes. Amounts of different tokens are never
    ///         added together: read one record per currency.
    /// @dev What a reader should weigh: `volume` (real money that moved, in this token) and the
    ///      fees it paid, not the counts alone. A count is cheap to inflate with small orders, so
    ///      a sale or purchase (and its volume) counts only when the order paid a fee of at least
    ///      one base unit, or its fee rate was zero; wash trading therefore costs the fee rate on
    ///      every unit of volume. Counts cannot prove that goods were delivered as described, that
    ///      buyer and seller are different people, or anything about other currencies. Refunds are
    ///      counted by cause on the record of the party that caused them, never on the other's.
    ///      A seller's refunds count in amount (`refundedVolume`, every unit it handed back with
    ///      `refund`) and, when they exceed half of the order's amount, as a refund instead of a
    ///      sale: refunding 999.99 of 1,000.00 and shipping the rest is no clean sale.
    ///      Every counter saturates at its maximum (2^24 - 1 for sales and purchases, 2^14 - 1 for
    ///      the others, 2^16 - 1 for draws, 2^96 - 1 for volumes) so closing an order never reverts.
    /// @param salesCompleted Orders closed as Completed with this account as seller (fee rule), the
    ///        seller having refunded at most half of the amount.
    /// @param purchasesCompleted Orders closed as Completed with this account as buyer, under the
    ///        same rules as the seller's sale.
    /// @param cancelledAsBuyer Orders this account, as buyer, cancelled before shipment.
    /// @param rejectedAsSeller Orders this account, as seller, rejected before shipment.
    /// @param missedShipBy Orders this account, as seller, did not ship by the ship-by time.
    /// @param rejectedAtCustoms Orders of this account, as seller, that customs rejected.
    /// @param refundedAsSeller Orders this account, as seller, closed by refunding what remained,
    ///        or closed (Completed or Resolved) after it refunded more than half of the amount.
    /// @param disputesOpened Disputes this account opened, counted when the order closes.
    /// @param disputesWon Disputed orders closed with this account receiving more than half the
    ///        amount (refunds included).
    /// @param disputesLost Disputed orders closed with the other party receiving more than half.
    /// @param volume This account's counted closes (Completed under the fee rule, and Resolved
    ///        disputes under the same rule), in this token's base units: as seller, what it was
    ///        actually paid (after refunds and the fee); as buyer, what it paid the seller.
    /// @param disputesDrawn Disputed orders closed with each party receiving exactly half, and
    ///        every stale close (the even split decides nothing about who was right).
    /// @param refundedVolume What this account, as seller, handed back with `refund`, in total.
    struct Credit {
        uint24 salesCompleted;
        uint24 purchasesCompleted;
        uint16 cancelledAsBuyer;
        uint16 rejectedAsSeller;
        uint16 missedShipBy;
        uint16 rejectedAtCustoms;
        uint16 refundedAsSeller;
        uint16 disputesOpened;
        uint16 disputesWon;
        uint16 disputesLost;
        uint96 volume;
        uint16 disputesDrawn;
        uint96 refundedVolume;
    }

    /// @notice Why money went back to the buyer.
    enum RefundReason {
        Cancelled,
        RejectedBySeller,
        Unshipped,
        RejectedAtCustoms,
        SellerRefund
    }

    /// @notice How a dispute ended.
    enum Resolution {
        Ruling,
        Settlement,
        Stale
    }

    // ------------------------------------------------------------------------------------------
    //                                          EVENTS
    // ------------------------------------------------------------------------------------------

    // Amounts, hashes and flags are data, not topics: nobody filters logs by an amount, and a
    // topic costs more than a data word. Order ids and accounts are indexed; OrderCreated indexes
    // both parties, so `eth_getLogs` finds a buyer's or a seller's orders without an indexer.
    // solhint-disable gas-indexed-events

    /// @notice Emitted when an order is funded; carries the full terms so indexers can rebuild it.
    /// @param orderId The order id, `orderIdOf(terms)`.
    /// @param buyer `terms.buyer`, as a topic.
    /// @param seller `terms.seller`, as a topic.
    /// @param terms The order's immutable terms.
    event OrderCreated(
        bytes32 indexed orderId,
        address indexed buyer,
        address indexed seller,
        OrderTerms terms
    );

    /// @notice Emitted when the seller ships.
    /// @param orderId The order.
    /// @param trackingHash Hash of the carrier's tracking document.
    /// @param cleared True when clearance was automatic (positive-listed product or no customs regime).
    event OrderShipped(bytes32 indexed orderId, bytes32 trackingHash, bool cleared);

    /// @notice Emitted when a registered logistics provider records a shipment milestone.
    /// @param orderId The order.
    /// @param logistics The logistics provider.
    /// @param milestoneHash Hash of the milestone record (scan, hand-over, arrival...).
    event MilestoneRecorded(
        bytes32 indexed orderId,
        address indexed logistics,
        bytes32 milestoneHash
    );

    /// @notice Emitted when a customs authority of the destination clears the shipment.
    /// @param orderId The order.
    /// @param authority The customs authority.
    /// @param recordHash Hash of the customs clearance record.
    event CustomsCleared(bytes32 indexed orderId, address indexed authority, bytes32 recordHash);

    /// @notice Emitted when money goes back to the buyer; the order is closed as Refunded when the
    ///         whole amount has been returned.
    /// @param orderId The order.
    /// @param by The caller that caused the refund.
    /// @param reason Which path refunded.
    /// @param amount The amount returned by this call.
    /// @param reasonHash Hash of the reason document (zero where the path has none).
    event OrderRefunded(
        bytes32 indexed orderId,
        address indexed by,
        RefundReason reason,
        uint256 amount,
        bytes32 reasonHash
    );

    /// @notice Emitted when the buyer confirms receipt and the seller is paid.
    /// @param orderId The order.
    /// @param sellerAmount Paid to the seller (what remained minus the fee).
    /// @param fee Accrued to the platform, collected with `collectFees`.
    event ReceiptConfirmed(bytes32 indexed orderId, uint256 sellerAmount, uint256 fee);

    /// @notice Emitted when anyone releases a cleared order after its confirmation window.
    /// @param orderId The order.
    /// @param by Who released it.
    /// @param sellerAmount Paid to the seller (what remained minus the fee).
    /// @param fee Accrued to the platform, collected with `collectFees`.
    event ReleasedAfterTimeout(
        bytes32 indexed orderId,
        address indexed by,
        uint256 sellerAmount,
        uint256 fee
    );

    /// @notice Emitted when the buyer or the seller opens a dispute.
    /// @param orderId The order.
    /// @param by The party that opened it.
    /// @param evidenceHash Hash of the opening evidence.
    event DisputeOpened(bytes32 indexed orderId, address indexed by, bytes32 evidenceHash);

    /// @notice Emitted when a party or the arbiter adds evidence to a dispute.
    /// @param orderId The order.
    /// @param by Who submitted it.
    /// @param evidenceHash Hash of the evidence.
    event EvidenceSubmitted(bytes32 indexed orderId, address indexed by, bytes32 evidenceHash);

    /// @notice Emitted when a party proposes how the order's money is split.
    /// @param orderId The order.
    /// @param by The proposing party.
    /// @param buyerTotal The buyer's total for the whole order, refunds already paid included.
    event SettlementProposed(bytes32 indexed orderId, address indexed by, uint256 buyerTotal);

    /// @notice Emitted when a dispute closes by ruling, settlement or stale timeout.
    /// @param orderId The order.
    /// @param by The arbiter, the accepting party, or whoever closed the stale dispute.
    /// @param resolution How the dispute ended.
    /// @param buyerAmount Paid to the buyer by this close.
    /// @param sellerAmount Paid to the seller (after the fee).
    /// @param fee Accrued to the platform.
    /// @param rulingHash Hash of the arbiter's ruling (zero for settlement and stale close).
    event DisputeResolved(
        bytes32 indexed orderId,
        address indexed by,
        Resolution resolution,
        uint256 buyerAmount,
        uint256 sellerAmount,
        uint256 fee,
        bytes32 rulingHash
    );

    /// @notice Emitted when the buyer of a closed order files a complaint about the product.
    /// @param orderId The order.
    /// @param buyer The complaining buyer.
    /// @param evidenceHash Hash of the complaint's evidence.
    /// @param amount The order's amount: weigh a complaint by what was at stake.
    /// @param fee The platform fee the order paid (zero when it was refunded in full).
    event ComplaintFiled(
        bytes32 indexed orderId,
        address indexed buyer,
        bytes32 evidenceHash,
        uint256 amount,
        uint256 fee
    );

    /// @notice Emitted when the token refused a payout, which is now claimable with `withdraw`.
    /// @param token The token.
    /// @param account The payee.
    /// @param amount The amount added to its claimable balance.
    event PayoutDeferred(address indexed token, address indexed account, uint256 amount);

    /// @notice Emitted when an account withdraws its claimable balance.
    /// @param token The token.
    /// @param account The payee.
    /// @param amount The amount paid.
    event Withdrawn(address indexed token, address indexed account, uint256 amount);

    /// @notice Emitted when accrued fees in `token` are paid to the fee recipient.
    /// @param token The token.
    /// @param recipient The fee recipient paid.
    /// @param amount The amount paid.
    event FeesCollected(address indexed token, address indexed recipient, uint256 amount);

    /// @notice Emitted when the platform fee for new orders changes.
    /// @param previousFeeBps The fee before, in basis points.
    /// @param newFeeBps The fee now, in basis points.
    event FeeUpdated(uint16 previousFeeBps, uint16 newFeeBps);

    /// @notice Emitted when the fee recipient changes.
    /// @param previousRecipient The recipient before.
    /// @param newRecipient The recipient now.
    event FeeRecipientUpdated(address indexed previousRecipient, address indexed newRecipient);

    /// @notice Emitted when a token is added to or removed from the allowlist.
    /// @param token The token.
    /// @param allowed Whether new orders may be paid in it.
    event TokenAllowed(address indexed token, bool allowed);

    /// @notice Emitted when the default arbiter for new orders changes.
    /// @param previousArbiter The default arbiter before.
    /// @param newArbiter The default arbiter now.
    event DefaultArbiterUpdated(address indexed previousArbiter, address indexed newArbiter);

    /// @notice Emitted when the escrow takes note that the registry suspended or reinstated its
    ///         default arbiter (see `syncDefaultArbiter`).
    /// @param arbiter The default arbiter.
    /// @param suspended Whether new orders naming it are now refused.
    event DefaultArbiterStanding(address indexed arbiter, bool suspended);

    /// @notice Emitted when new orders are paused.
    /// @param by The pauser.
    event NewOrdersPaused(address indexed by);

    /// @notice Emitted when new orders are allowed again.
    /// @param by The pauser.
    event NewOrdersUnpaused(address indexed by);

    // solhint-enable gas-indexed-events

    // ------------------------------------------------------------------------------------------
    //                                          ERRORS
    // ------------------------------------------------------------------------------------------

    /// @notice Thrown when the seller is not an active registered seller.
    error SellerNotActive(address seller);

    /// @notice Thrown when the product is negative-listed at the destination.
    error ProductNegativeListed(uint16 destination, bytes32 productId);

    /// @notice Thrown when the token is not on the escrow's allowlist.
    error TokenNotAllowed(address token);

    /// @notice Thrown when the amount is zero or above type(uint128).max.
    error InvalidAmount(uint256 amount);

    /// @notice Thrown when the ship-by time is not in the future at creation.
    error ShipByNotInFuture(uint64 shipBy, uint256 currentTime);

    /// @notice Thrown when the confirmation window is outside [min, max].
    error ConfirmWindowOutOfRange(uint32 confirmWindow, uint32 min, uint32 max);

    /// @notice Thrown when the terms' fee differs from the escrow's current fee.
    error FeeNotCurrent(uint16 feeBps, uint16 currentFeeBps);

    /// @notice Thrown when the arbiter is neither a registered arbiter nor the default arbiter.
    error ArbiterNotRegistered(address arbiter);

    /// @notice Thrown when the arbiter is the buyer or the seller of the order.
    error ArbiterIsParty(address arbiter);

    /// @notice Thrown when buyer and seller are the same account.
    error BuyerIsSeller(address account);

    /// @notice Thrown when an order with these terms already exists (open or closed).
    error OrderAlreadyExists(bytes32 orderId);

    /// @notice Thrown when a new order is submitted while new orders are paused.
    error NewOrdersArePaused();

    /// @notice Thrown when the token delivered to the escrow a different amount than the order's
    ///         (fee-on-transfer, rebasing or otherwise inexact tokens).
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);

    /// @notice Thrown when a permit failed and the allowance does not cover the amount.
    error InsufficientAllowance(address token, address buyer, uint256 allowance, uint256 amount);

    /// @notice Thrown when the order is not in a status that allows the call: `status` is the one
    ///         found, `needed` the statuses the call accepts as a bit mask (bit `1 << s` for each
    ///         accepted `Status` s), so a client can say what was needed without its own table.
    error UnexpectedStatus(bytes32 orderId, Status status, uint8 needed);

    /// @notice Thrown when the caller must be the order's buyer.
    error CallerNotBuyer(bytes32 orderId, address caller);

    /// @notice Thrown when the caller must be the order's seller.
    error CallerNotSeller(bytes32 orderId, address caller);

    /// @notice Thrown when the caller must be the order's buyer or seller.
    error CallerNotParty(bytes32 orderId, address caller);

    /// @notice Thrown when the caller must be the order's buyer, seller or arbiter.
    error CallerNotPartyOrArbiter(bytes32 orderId, address caller);

    /// @notice Thrown when the caller must be the order's arbiter.
    error CallerNotArbiter(bytes32 orderId, address caller);

    /// @notice Thrown when the order's arbiter rules while the registry has it suspended, and when
    ///         a new order names the escrow's default arbiter while it is suspended.
    error ArbiterSuspended(bytes32 orderId, address arbiter);

    /// @notice Thrown when the order's arbiter (not the default arbiter named at creation) rules
    ///         while it is not an active registered arbiter: suspended or stripped of the role.
    error ArbiterNotActive(bytes32 orderId, address arbiter);

    /// @notice Thrown when the destination is not an ISO-3166-1 numeric code (1-999); the same
    ///         error (and selector) as the registry's.
    error InvalidJurisdiction(uint16 jurisdiction);

    /// @notice Thrown when the buyer disputes a cleared order at or after the end of its
    ///         confirmation window (the money is then the seller's: release it instead).
    error DisputeWindowClosed(bytes32 orderId, uint256 closedAt, uint256 currentTime);

    /// @notice Thrown when a party disputes a shipment still awaiting the destination's customs
    ///         within CUSTOMS_PERIOD of shipment.
    error CustomsPeriodNotElapsed(bytes32 orderId, uint256 disputableAt, uint256 currentTime);

    /// @notice Thrown when a complaint is filed about an order that never shipped.
    error OrderNotShipped(bytes32 orderId);

    /// @notice Thrown when a complaint names a product id nobody registered in the registry.
    error ProductNotRegistered(bytes32 productId);

    /// @notice Thrown when the caller is not a customs authority of the destination.
    error CallerNotCustomsAuthority(uint16 destination, address caller);

    /// @notice Thrown when the caller is not an active registered logistics provider.
    error CallerNotLogistics(address caller);

    /// @notice Thrown when the seller ships after the ship-by time.
    error ShipByPassed(bytes32 orderId, uint64 shipBy, uint256 currentTime);

    /// @notice Thrown when an unshipped order is refunded before the ship-by time has passed.
    error ShipByNotPassed(bytes32 orderId, uint64 shipBy, uint256 currentTime);

    /// @notice Thrown when auto-release is attempted before the confirmation window has passed.
    error ConfirmWindowNotElapsed(bytes32 orderId, uint256 releasableAt, uint256 currentTime);

    /// @notice Thrown when a stale dispute is closed before the arbitration period has passed.
    error ArbitrationPeriodNotElapsed(bytes32 orderId, uint256 staleAt, uint256 currentTime);

    /// @notice Thrown when the arbiter rules after the arbitration period has passed.
    error ArbitrationPeriodElapsed(bytes32 orderId, uint256 staleAt, uint256 currentTime);

    /// @notice Thrown when a refund amount is zero or exceeds what remains in escrow.
    error InvalidRefundAmount(bytes32 orderId, uint256 amount, uint256 remaining);

    /// @notice Thrown when a ruling or settlement gives the buyer more than the order's amount.
    error BuyerTotalExceedsAmount(bytes32 orderId, uint256 buyerTotal, uint256 amount);

    /// @notice Thrown when an order is created without the seller's consent signature.
    error SellerSignatureMissing(bytes32 orderId, address seller);

    /// @notice Thrown when the consent signature is not the seller's (nor a current delegate's,
    ///         nor valid for a contract seller under ERC-1271); `signer` is who signed (zero when
    ///         no signer could be recovered).
    error SellerSignatureInvalid(bytes32 orderId, address seller, address signer);

    /// @notice Thrown when the consent was signed by a delegate the seller has revoked.
    error SellerDelegateRevoked(bytes32 orderId, address seller, address delegate);

    /// @notice Thrown when the counterparty has not proposed the settlement being accepted.
    error SettlementNotProposed(bytes32 orderId, address accepter, uint256 buyerAmount);

    /// @notice Thrown when a complaint was already filed for the order.
    error ComplaintAlreadyFiled(bytes32 orderId);

    /// @notice Thrown when the account has no claimable balance in the token.
    error NothingToWithdraw(address token, address account);

    /// @notice Thrown when no fees in the token are waiting to be collected.
    error NoFeesAccrued(address token);

    /// @notice Thrown when the token still refuses to pay out the claimable balance (it stays claimable).
    error WithdrawalFailed(address token, address account, uint256 amount);

    /// @notice Thrown when a fee above the cap is set.
    error FeeTooHigh(uint16 feeBps, uint16 maxFeeBps);

    /// @notice Thrown when the zero address is given where an account is required.
    error ZeroAddress();

    // ------------------------------------------------------------------------------------------
    //                                     ORDER LIFECYCLE
    // ------------------------------------------------------------------------------------------

    /// @notice The seller ships (until `shipBy` inclusive); clearance is automatic when the product
    ///         is positive-listed at the destination or the destination has no customs regime.
    /// @param terms The order's terms.
    /// @param trackingHash Hash of the carrier's tracking document.
    function ship(OrderTerms calldata terms, bytes32 trackingHash) external;

    /// @notice A registered logistics provider records a milestone of a shipped, open order.
    /// @param terms The order's terms.
    /// @param milestoneHash Hash of the milestone record.
    function recordMilestone(OrderTerms calldata terms, bytes32 milestoneHash) external;

    /// @notice A customs authority of the destination clears a shipped order.
    /// @param terms The order's terms.
    /// @param recordHash Hash of the customs clearance record.
    function clearCustoms(OrderTerms calldata terms, bytes32 recordHash) external;

    /// @notice A customs authority of the destination rejects a shipped order: the buyer is
    ///         refunded what remains.
    /// @param terms The order's terms.
    /// @param reasonHash Hash of the rejection decision.
    function rejectAtCustoms(OrderTerms calldata terms, bytes32 reasonHash) external;

    /// @notice The buyer confirms receipt of a cleared order: the seller is paid minus the fee.
    /// @param terms The order's terms.
    function confirmReceipt(OrderTerms calldata terms) external;

    /// @notice Anyone releases a cleared order to the seller once `confirmWindow` seconds have
    ///         passed since clearance.
    /// @param terms The order's terms.
    function releaseAfterTimeout(OrderTerms calldata terms) external;

    /// @notice The buyer cancels an order before shipment: full refund.
    /// @param terms The order's terms.
    function cancel(OrderTerms calldata terms) external;

    /// @notice The seller rejects an order before shipment: full refund.
    /// @param terms The order's terms.
    /// @param reasonHash Hash of the seller's reason.
    function reject(OrderTerms calldata terms, bytes32 reasonHash) external;

    /// @notice Anyone refunds an order that was not shipped by `shipBy`.
    /// @param terms The order's terms.
    function refundUnshipped(OrderTerms calldata terms) external;

    /// @notice The seller refunds part or all of what remains, any time before close; the order
    ///         closes as Refunded when nothing remains.
    /// @param terms The order's terms.
    /// @param amount The amount to return to the buyer (1 ≤ amount ≤ what remains).
    function refund(OrderTerms calldata terms, uint256 amount) external;

    /// @notice The buyer or the seller disputes a shipped order before close; stops auto-release.
    /// @dev Cleared: the buyer only while `now < clearedAt + confirmWindow` (from that second on
    ///      only release closes the order), the seller any time before release (it only delays its
    ///      own money). Shipped, awaiting customs: nobody until `CUSTOMS_PERIOD` after shipment,
    ///      then either party, so an order customs never decides still closes without an admin.
    /// @param terms The order's terms.
    /// @param evidenceHash Hash of the opening evidence.
    function openDispute(OrderTerms calldata terms, bytes32 evidenceHash) external;

    /// @notice A party or the arbiter adds evidence to an open dispute.
    /// @param terms The order's terms.
    /// @param evidenceHash Hash of the evidence.
    function submitEvidence(OrderTerms calldata terms, bytes32 evidenceHash) external;

    /// @notice A party proposes that the buyer's total for the whole order be `buyerTotal`,
    ///         refunds already paid counting toward it; replaces the standing proposal.
    /// @param terms The order's terms.
    /// @param buyerTotal The buyer's total (≤ the order's amount).
    function proposeSettlement(OrderTerms calldata terms, uint256 buyerTotal) external;

    /// @notice The other party accepts the standing proposal of exactly `buyerTotal`. A partial
    ///         refund paid after the proposal counts toward the total: it never voids the offer.
    /// @param terms The order's terms.
    /// @param buyerTotal The proposal's buyer total, repeated so nobody accepts a swapped offer.
    function acceptSettlement(OrderTerms calldata terms, uint256 buyerTotal) external;

    /// @notice The order's arbiter rules, within the arbitration period, that the buyer's total
    ///         for the whole order is `buyerTotal`, refunds already paid counting toward it: the
    ///         buyer receives what is missing to that total (nothing when refunds already exceed
    ///         it) and the seller the rest (minus the fee). Partial refunds before the ruling
    ///         therefore never make it revert nor change what the buyer ends up with.
    /// @dev Needs the arbiter to be active in the registry with the arbiter role, except on an
    ///      order that named the default arbiter at creation (that arbiter only must not be
    ///      suspended). A refused arbiter leaves the dispute to settlement or, once the
    ///      arbitration period is over, to `closeStaleDispute`.
    /// @param terms The order's terms.
    /// @param buyerTotal The buyer's total for the whole order (≤ the order's amount).
    /// @param rulingHash Hash of the written ruling.
    function resolveDispute(
        OrderTerms calldata terms,
        uint256 buyerTotal,
        bytes32 rulingHash
    ) external;

    /// @notice Anyone closes a dispute left without ruling for the arbitration period: even split
    ///         of the whole order (the buyer's total is half the amount, rounded down, refunds
    ///         included), scored as a draw for both parties.
    /// @param terms The order's terms.
    function closeStaleDispute(OrderTerms calldata terms) external;

    /// @notice Pays the caller's claimable balance in `token` (payouts the token refused earlier).
    /// @param token The token to withdraw.
    function withdraw(address token) external;

    /// @notice Pays the fees accrued in `token` to the current fee recipient; anyone may call it.
    /// @param token The token whose fees to collect.
    function collectFees(address token) external;

    /// @notice The buyer of a closed order that shipped records a complaint against the product,
    ///         once; the product must be registered in the registry.
    /// @param terms The order's terms.
    /// @param evidenceHash Hash of the complaint's evidence.
    function fileComplaint(OrderTerms calldata terms, bytes32 evidenceHash) external;

    // ------------------------------------------------------------------------------------------
    //                                          VIEWS
    // ------------------------------------------------------------------------------------------

    /// @notice The digest the seller (or its delegate) signs to consent to order `orderId`: the
    ///         registry's `sellerConsentDigest(escrow, orderId)`, EIP-712 typed data
    ///         `SellerConsent(address escrow,bytes32 orderId)` under the registry's domain.
    /// @param orderId The order id, `orderIdOf(terms)`.
    /// @return The digest.
    function sellerConsentDigest(bytes32 orderId) external view returns (bytes32);

    /// @notice The order id of `terms`: keccak256(abi.encode(block.chainid, escrow, terms)).
    /// @param terms The order's terms.
    /// @return orderId The id.
    function orderIdOf(OrderTerms calldata terms) external view returns (bytes32 orderId);

    /// @notice The mutable state of an order (status None when unknown).
    /// @param orderId The order.
    /// @return state Its state.
    function orderState(bytes32 orderId) external view returns (OrderState memory state);

    /// @notice The credit record of `account` in settlement token `token` (see `Credit` for what
    ///         the counters prove and what they do not).
    /// @param account The participant.
    /// @param token The settlement token (one record per currency).
    /// @return credit Its counters.
    function creditOf(address account, address token) external view returns (Credit memory credit);

    /// @notice The balance `account` can `withdraw` in `token`.
    /// @param token The token.
    /// @param account The payee.
    /// @return amount The claimable amount.
    function claimable(address token, address account) external view returns (uint256 amount);

    /// @notice The standing settlement proposal of an order.
    /// @param orderId The order.
    /// @return proposer Who proposed it (zero when none).
    /// @return buyerAmount The proposed buyer total for the whole order, refunds included.
    function settlementOf(
        bytes32 orderId
    ) external view returns (address proposer, uint256 buyerAmount);

    /// @notice Fees accrued in `token` and not yet collected.
    /// @param token The token.
    /// @return amount The accrued amount.
    function accruedFees(address token) external view returns (uint256 amount);

    /// @notice The registry the escrow consults.
    /// @return The registry.
    function registry() external view returns (ITradeRegistry);
}
