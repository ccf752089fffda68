// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITradeEscrow} from "../../contracts/interfaces/ITradeEscrow.sol";
import {ITradeFxEscrow} from "../../contracts/interfaces/ITradeFxEscrow.sol";
import {ROLE_FX_PROVIDER} from "../../contracts/interfaces/ITradeRegistry.sol";
import {ITradeFxDesk} from "../../contracts/interfaces/ITradeFxDesk.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {EscrowSuite} from "./EscrowSuite.sol";

/// @dev The `getCode` cheatcode (not in test/utils/Vm.sol): the creation code of a project artifact.
interface VmArtifacts {
    function getCode(string calldata artifactPath) external returns (bytes memory creationBytecode);
}

/// @title FxSuite
/// @notice EscrowSuite plus issue 19's cross-currency escrow, wired the way the spec deploys it:
///         `new TradeFxEscrow(escrow)` (TradeEscrow is the settings escrow: fee, fee recipient,
///         allowlist, pause), its desk, a second SettlementToken (tCNY) allowlisted in TradeEscrow,
///         one FX provider registered with ROLE_FX_PROVIDER and a cap on both directions of the
///         pair (set as TradeEscrow's default admin, which the deploying contract is).
///         Quotes are signed with vm.sign over `registry.fxQuoteDigest(structHash)`, the seller's
///         consent over `keccak256(abi.encode(orderId, payoutToken, payoutAmount))`.
abstract contract FxSuite is EscrowSuite {
    /// @dev The provider signs quotes, so it is a key.
    uint256 internal constant PROVIDER_KEY = 0xF0F0;
    /// @dev The largest payout leg the desk can admit (caps are uint128).
    uint256 internal constant MAX_LEG = type(uint128).max;

    /// @dev The quote's EIP-712 type, as the spec writes it.
    bytes32 internal constant FX_QUOTE_TYPEHASH = keccak256(
        "FxQuote(address escrow,address provider,address payToken,uint256 payAmount,address payoutToken,uint256 payoutAmount,bytes32 orderId,uint64 expiry)"
    );

    ITradeFxEscrow internal fx;
    ITradeFxDesk internal desk;
    SettlementToken internal token2;
    address internal provider;

    /// @dev Deploys EscrowSuite, the second token, the FX escrow and its desk, and registers the
    ///      provider with `cap` on both directions of the tUSD/tCNY pair.
    function _deployFxSuite(uint128 cap) internal {
        _deploySuite();
        token2 = new SettlementToken("TradeChain CNY", "tCNY", 6, "CNY", address(this));
        token2.grantRole(token2.MASTER_MINTER_ROLE(), address(this));
        token2.grantRole(token2.BLACKLISTER_ROLE(), address(this));
        token2.grantRole(token2.PAUSER_ROLE(), address(this));
        escrow.setTokenAllowed(address(token2), true);

        fx = ITradeFxEscrow(_deployArtifact("TradeFxEscrow.sol:TradeFxEscrow", abi.encode(escrow)));
        desk = ITradeFxDesk(fx.fxDesk());
        registry.setFxEscrow(address(fx));

        provider = vm.addr(PROVIDER_KEY);
        registry.registerParticipant(provider, ROLE_FX_PROVIDER, CN, keccak256("kyc:fx-provider"));
        desk.setFxLimit(provider, address(token), address(token2), cap);
        desk.setFxLimit(provider, address(token2), address(token), cap);
    }

    /// @dev Deploys a contract from its artifact. TradeFxEscrow only compiles via IR (its
    ///      hardhat.config.ts override), while a test file's imports compile with the test's
    ///      legacy settings, so the suite deploys the artifact the project build produced and
    ///      drives it through its interfaces.
    function _deployArtifact(
        string memory artifact,
        bytes memory args
    ) internal returns (address deployed) {
        bytes memory code = abi.encodePacked(VmArtifacts(address(vm)).getCode(artifact), args);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        assertTrue(deployed != address(0), "artifact deployed");
    }

    /// @dev Terms of a LAPTOP order to PK paid in `payToken` on the FX escrow at the current fee.
    function _fxTerms(
        address buyer,
        address seller,
        address payToken,
        uint256 amount,
        bytes32 ref
    ) internal view returns (ITradeEscrow.OrderTerms memory terms) {
        terms = _terms(buyer, seller, amount, ref);
        terms.token = payToken;
    }

    /// @dev The quote of `key`'s address for `terms` paid out as `payoutAmount` of `payoutToken`,
    ///      valid for an hour.
    function _quoteFor(
        ITradeEscrow.OrderTerms memory terms,
        address quoteProvider,
        address payoutToken,
        uint256 payoutAmount
    ) internal view returns (ITradeFxEscrow.FxQuote memory) {
        return
            ITradeFxEscrow.FxQuote({
                provider: quoteProvider,
                payToken: terms.token,
                payAmount: terms.amount,
                payoutToken: payoutToken,
                payoutAmount: payoutAmount,
                orderId: fx.orderIdOf(terms),
                expiry: uint64(block.timestamp + 1 hours)
            });
    }

    /// @dev `key`'s EIP-712 signature (r ‖ s ‖ v) over `quote` on the suite's FX escrow.
    function _signQuote(
        uint256 key,
        ITradeFxEscrow.FxQuote memory quote
    ) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(
            abi.encode(
                FX_QUOTE_TYPEHASH,
                address(fx),
                quote.provider,
                quote.payToken,
                quote.payAmount,
                quote.payoutToken,
                quote.payoutAmount,
                quote.orderId,
                quote.expiry
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.fxQuoteDigest(structHash));
        return abi.encodePacked(r, s, v);
    }

    /// @dev The seller's consent (key `sellerKey`) to an FX order: the id bound to its payout leg.
    function _fxConsentBy(
        uint256 sellerKey,
        bytes32 orderId,
        address payoutToken,
        uint256 payoutAmount
    ) internal view returns (bytes memory) {
        bytes32 bound = keccak256(abi.encode(orderId, payoutToken, payoutAmount));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            sellerKey,
            registry.sellerConsentDigest(address(fx), bound)
        );
        return abi.encodePacked(r, s, v);
    }

    /// @dev The consent of the terms' seller (SELLER_A or SELLER_B) to the FX order `quote` funds.
    function _fxConsent(
        ITradeEscrow.OrderTerms memory terms,
        ITradeFxEscrow.FxQuote memory quote
    ) internal view returns (bytes memory) {
        return
            _fxConsentBy(
                terms.seller == SELLER_B ? SELLER_B_KEY : SELLER_A_KEY,
                quote.orderId,
                quote.payoutToken,
                quote.payoutAmount
            );
    }

    /// @dev The other token of the pair.
    function _other(address payToken) internal view returns (address) {
        return payToken == address(token) ? address(token2) : address(token);
    }

    /// @dev floor(r * p / a) without overflow for a, p, r < 2^128 (as the spec states the rule).
    function _share(uint256 r, uint256 p, uint256 a) internal pure returns (uint256) {
        return (r * p) / a;
    }
}
