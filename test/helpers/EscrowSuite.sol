// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {
    ITradeRegistry,
    ROLE_ARBITER,
    ROLE_BUYER,
    ROLE_SELLER
} from "../../contracts/interfaces/ITradeRegistry.sol";
import {TradeEscrow} from "../../contracts/escrow/TradeEscrow.sol";
import {TradeRegistry} from "../../contracts/registry/TradeRegistry.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {Test} from "../utils/Test.sol";

/// @title EscrowSuite
/// @notice The whole suite wired for Solidity tests, the same way the mocha fixture wires it:
///         a registry with two sellers, three buyers and a registered arbiter; PK customs with
///         LAPTOP positive-listed and TEA unlisted (so TEA waits for customs in PK); DE without
///         customs (clearance automatic); a SettlementToken allowlisted in the escrow at a 1% fee.
///         The deploying contract is admin of everything and the token's minter.
abstract contract EscrowSuite is Test {
    uint16 internal constant PK = 586;
    uint16 internal constant CN = 156;
    uint16 internal constant DE = 276;
    uint16 internal constant INITIAL_FEE_BPS = 100;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant START_TIME = 1_750_000_000;

    bytes32 internal constant LAPTOP = keccak256("HS:847130|SKU:LAPTOP-15-SILVER");
    bytes32 internal constant TEA = keccak256("GTIN:04006381333931");
    /// @dev The products' 8-digit HS codes as numbers ("0902.30.00" is 9023000).
    uint32 internal constant LAPTOP_HS = 84713000;
    uint32 internal constant TEA_HS = 9023000;

    /// @dev Sellers sign consents, so they are keys: SELLER_A = vm.addr(SELLER_A_KEY), etc.
    uint256 internal constant SELLER_A_KEY = 0x5E11A;
    uint256 internal constant SELLER_B_KEY = 0x5E11B;
    address internal constant SELLER_A = 0xaf9ea1482eB19CBDE1c3F36e9fA61E08CEe0B78D;
    address internal constant SELLER_B = 0x4CC66624c29BB6820D24985de2e34c5C0c37805B;
    address internal constant BUYER_A = address(0xB0A);
    address internal constant BUYER_B = address(0xB0B);
    address internal constant BUYER_C = address(0xB0C);
    address internal constant ARBITER = address(0xA4B);
    address internal constant DEFAULT_ARBITER = address(0xDEFA);
    address internal constant CUSTOMS_PK = address(0xC05);
    address internal constant FEE_RECIPIENT = address(0xFEE);

    TradeRegistry internal registry;
    TradeEscrow internal escrow;
    SettlementToken internal token;

    /// @dev Deploys and wires the suite; call from setUp after warping to START_TIME.
    function _deploySuite() internal {
        registry = new TradeRegistry(address(this));
        registry.grantRole(registry.REGISTRAR_ROLE(), address(this));
        registry.registerParticipant(SELLER_A, ROLE_SELLER, CN, keccak256("kyc:seller-a"));
        registry.registerParticipant(SELLER_B, ROLE_SELLER, CN, keccak256("kyc:seller-b"));
        registry.registerParticipant(BUYER_A, ROLE_BUYER, PK, keccak256("kyc:buyer-a"));
        registry.registerParticipant(BUYER_B, ROLE_BUYER, PK, keccak256("kyc:buyer-b"));
        registry.registerParticipant(BUYER_C, ROLE_BUYER, DE, keccak256("kyc:buyer-c"));
        registry.registerParticipant(ARBITER, ROLE_ARBITER, DE, keccak256("kyc:arbiter"));
        registry.setCustomsAuthority(PK, CUSTOMS_PK, true);
        vm.prank(SELLER_A);
        registry.registerProduct(LAPTOP, LAPTOP_HS, keccak256("laptop docs"));
        vm.prank(SELLER_A);
        registry.registerProduct(TEA, TEA_HS, keccak256("tea docs"));
        vm.prank(CUSTOMS_PK);
        registry.setListing(
            PK,
            LAPTOP,
            ITradeRegistry.ListingStatus.Positive,
            0,
            keccak256("laptop ok")
        );

        escrow = new TradeEscrow(
            address(this),
            registry,
            FEE_RECIPIENT,
            INITIAL_FEE_BPS,
            DEFAULT_ARBITER
        );
        registry.setEscrow(address(escrow));

        token = new SettlementToken("TradeChain USD", "tUSD", 6, "USD", address(this));
        token.grantRole(token.MASTER_MINTER_ROLE(), address(this));
        token.grantRole(token.BLACKLISTER_ROLE(), address(this));
        token.grantRole(token.PAUSER_ROLE(), address(this));
        escrow.setTokenAllowed(address(token), true);
    }

    /// @dev Terms of a LAPTOP order to PK in the suite's token at the escrow's current fee.
    function _terms(
        address buyer,
        address seller,
        uint256 amount,
        bytes32 ref
    ) internal view returns (ITradeEscrow.OrderTerms memory) {
        return
            ITradeEscrow.OrderTerms({
                buyer: buyer,
                seller: seller,
                token: address(token),
                amount: amount,
                productId: LAPTOP,
                destination: PK,
                shipBy: uint64(block.timestamp + 30 days),
                confirmWindow: 14 days,
                feeBps: escrow.feeBps(),
                arbiter: ARBITER,
                ref: ref
            });
    }

    /// @dev `key`'s consent signature to `terms` on the suite's escrow (r ‖ s ‖ v).
    function _consentBy(
        uint256 key,
        ITradeEscrow.OrderTerms memory terms
    ) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            key,
            escrow.sellerConsentDigest(escrow.orderIdOf(terms))
        );
        return abi.encodePacked(r, s, v);
    }

    /// @dev The consent of the terms' seller (SELLER_A or SELLER_B) to `terms`.
    function _consent(ITradeEscrow.OrderTerms memory terms) internal view returns (bytes memory) {
        return _consentBy(terms.seller == SELLER_B ? SELLER_B_KEY : SELLER_A_KEY, terms);
    }
}
