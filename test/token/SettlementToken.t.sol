// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ISettlementToken} from "../../contracts/interfaces/ISettlementToken.sol";
import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {Test} from "../utils/Test.sol";

/// @title SettlementTokenFuzzTest
/// @notice Fuzz tests of SettlementToken's accounting: transfers, mints, burns, allowances and
///         signed transfers conserve supply and move exactly the amounts asked.
contract SettlementTokenFuzzTest is Test {
    SettlementToken internal token;

    address internal constant MINTER = address(0xA11CE);
    address internal constant HOLDER = address(0xB0B);
    address internal constant SPENDER = address(0x5BE4D);
    uint256 internal constant HOLDER_BALANCE = 1_000_000e6;
    uint256 internal constant MAX_SUPPLY = type(uint256).max >> 1;
    /// @dev Order of the secp256k1 group: private keys are 1 .. order - 1.
    uint256 internal constant SECP256K1_ORDER =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public {
        token = new SettlementToken("TradeChain USD", "tcUSD", 6, "USD", address(this));
        token.grantRole(token.MASTER_MINTER_ROLE(), address(this));
        token.grantRole(token.BLACKLISTER_ROLE(), address(this));
        token.grantRole(token.PAUSER_ROLE(), address(this));
        token.configureMinter(MINTER, MAX_SUPPLY);
        vm.prank(MINTER);
        token.mint(HOLDER, HOLDER_BALANCE);
    }

    /// @dev Rules out the zero address and the fixture's own accounts as fuzzed recipients.
    function _fresh(address account) internal view {
        vm.assume(account != address(0) && account != HOLDER && account != MINTER);
        vm.assume(account != SPENDER && account != address(token));
    }

    function testFuzz_transfer_movesExactlyTheAmount(address to, uint256 amount) public {
        _fresh(to);
        amount = bound(amount, 0, HOLDER_BALANCE);
        vm.prank(HOLDER);
        assertTrue(token.transfer(to, amount), "transfer returns true");
        assertEq(token.balanceOf(HOLDER), HOLDER_BALANCE - amount, "sender debited");
        assertEq(token.balanceOf(to), amount, "recipient credited");
        assertEq(token.totalSupply(), HOLDER_BALANCE, "supply unchanged");
    }

    function testFuzz_transfer_revertsOverBalance(address to, uint256 amount) public {
        _fresh(to);
        amount = bound(amount, HOLDER_BALANCE + 1, type(uint256).max);
        vm.prank(HOLDER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                HOLDER,
                HOLDER_BALANCE,
                amount
            )
        );
        token.transfer(to, amount);
    }

    function testFuzz_transfer_keepsBlacklistFlagOfRecipientIntact(uint256 amount) public {
        amount = bound(amount, 1, HOLDER_BALANCE);
        address to = address(0xC0C0A);
        token.blacklist(to);
        token.unBlacklist(to);
        vm.prank(HOLDER);
        token.transfer(to, amount);
        assertFalse(token.isBlacklisted(to), "flag stays clear");
        token.blacklist(to);
        assertEq(token.balanceOf(to), amount, "balance survives blacklisting");
        assertTrue(token.isBlacklisted(to), "flag set");
    }

    function testFuzz_blacklisted_canNeitherSendNorReceive(address account, uint256 amount) public {
        _fresh(account);
        amount = bound(amount, 1, HOLDER_BALANCE / 2);
        vm.prank(HOLDER);
        token.transfer(account, amount);
        token.blacklist(account);
        vm.prank(HOLDER);
        vm.expectRevert(
            abi.encodeWithSelector(ISettlementToken.AccountBlacklisted.selector, account)
        );
        token.transfer(account, amount);
        vm.prank(account);
        vm.expectRevert(
            abi.encodeWithSelector(ISettlementToken.AccountBlacklisted.selector, account)
        );
        token.transfer(HOLDER, amount);
        assertEq(token.balanceOf(account), amount, "frozen balance unchanged");
    }

    function testFuzz_paused_stopsTransfers(address to, uint256 amount) public {
        _fresh(to);
        amount = bound(amount, 0, HOLDER_BALANCE);
        token.pause();
        vm.prank(HOLDER);
        vm.expectRevert(abi.encodeWithSelector(ISettlementToken.TokenPaused.selector));
        token.transfer(to, amount);
        token.unpause();
        vm.prank(HOLDER);
        token.transfer(to, amount);
        assertEq(token.balanceOf(to), amount, "moves again after unpause");
    }

    function testFuzz_mint_consumesAllowanceAndAddsSupply(
        address to,
        uint256 allowance,
        uint256 amount
    ) public {
        _fresh(to);
        allowance = bound(allowance, 0, MAX_SUPPLY - HOLDER_BALANCE);
        amount = bound(amount, 0, allowance);
        address minter = address(0xF00D);
        token.configureMinter(minter, allowance);
        vm.prank(minter);
        token.mint(to, amount);
        assertEq(token.minterAllowance(minter), allowance - amount, "allowance consumed");
        assertTrue(token.isMinter(minter), "still a minter");
        assertEq(token.balanceOf(to), amount, "recipient credited");
        assertEq(token.totalSupply(), HOLDER_BALANCE + amount, "supply grows by the amount");
    }

    function testFuzz_mint_revertsOverAllowance(uint256 allowance, uint256 amount) public {
        allowance = bound(allowance, 0, MAX_SUPPLY - 1);
        amount = bound(amount, allowance + 1, type(uint256).max);
        address minter = address(0xF00D);
        token.configureMinter(minter, allowance);
        vm.prank(minter);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISettlementToken.MinterAllowanceExceeded.selector,
                minter,
                allowance,
                amount
            )
        );
        token.mint(HOLDER, amount);
    }

    function testFuzz_burn_removesFromBalanceAndSupply(uint256 held, uint256 amount) public {
        held = bound(held, 0, HOLDER_BALANCE);
        amount = bound(amount, 0, held);
        vm.prank(HOLDER);
        token.transfer(MINTER, held);
        vm.prank(MINTER);
        token.burn(amount);
        assertEq(token.balanceOf(MINTER), held - amount, "burner debited");
        assertEq(token.totalSupply(), HOLDER_BALANCE - amount, "supply shrinks by the amount");
    }

    function testFuzz_transferFrom_spendsFiniteAllowance(
        address to,
        uint256 allowance,
        uint256 amount
    ) public {
        _fresh(to);
        allowance = bound(allowance, 0, type(uint256).max - 1);
        amount = bound(amount, 0, allowance < HOLDER_BALANCE ? allowance : HOLDER_BALANCE);
        vm.prank(HOLDER);
        token.approve(SPENDER, allowance);
        vm.prank(SPENDER);
        token.transferFrom(HOLDER, to, amount);
        assertEq(token.allowance(HOLDER, SPENDER), allowance - amount, "allowance spent");
        assertEq(token.balanceOf(to), amount, "recipient credited");
        assertEq(token.balanceOf(HOLDER), HOLDER_BALANCE - amount, "holder debited");
    }

    function testFuzz_transferFrom_keepsUnlimitedAllowance(uint256 amount) public {
        amount = bound(amount, 0, HOLDER_BALANCE);
        vm.prank(HOLDER);
        token.approve(SPENDER, type(uint256).max);
        vm.prank(SPENDER);
        token.transferFrom(HOLDER, MINTER, amount);
        assertEq(token.allowance(HOLDER, SPENDER), type(uint256).max, "unlimited stays unlimited");
    }

    function testFuzz_transferFrom_revertsOverAllowance(uint256 allowance, uint256 amount) public {
        allowance = bound(allowance, 0, HOLDER_BALANCE - 1);
        amount = bound(amount, allowance + 1, HOLDER_BALANCE);
        vm.prank(HOLDER);
        token.approve(SPENDER, allowance);
        vm.prank(SPENDER);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                SPENDER,
                allowance,
                amount
            )
        );
        token.transferFrom(HOLDER, MINTER, amount);
    }

    function testFuzz_permit_setsAllowanceFromAnyKey(
        uint256 key,
        uint256 value,
        uint256 deadline
    ) public {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        deadline = bound(deadline, block.timestamp, type(uint256).max);
        address owner = vm.addr(key);
        bytes32 digest = _digest(
            keccak256(
                abi.encode(
                    token.PERMIT_TYPEHASH(),
                    owner,
                    SPENDER,
                    value,
                    token.nonces(owner),
                    deadline
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        token.permit(owner, SPENDER, value, deadline, v, r, s);
        assertEq(token.allowance(owner, SPENDER), value, "allowance set");
        assertEq(token.nonces(owner), 1, "nonce consumed");
    }

    function testFuzz_transferWithAuthorization_movesExactlyTheAmount(
        uint256 key,
        uint256 amount,
        bytes32 nonce
    ) public {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        address from = vm.addr(key);
        _fresh(from);
        amount = bound(amount, 0, HOLDER_BALANCE);
        vm.prank(HOLDER);
        token.transfer(from, HOLDER_BALANCE);
        uint256 validBefore = block.timestamp + 1 hours;
        bytes32 digest = _digest(
            keccak256(
                abi.encode(
                    token.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(),
                    from,
                    MINTER,
                    amount,
                    0,
                    validBefore,
                    nonce
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        token.transferWithAuthorization(
            from,
            MINTER,
            amount,
            0,
            validBefore,
            nonce,
            abi.encodePacked(r, s, v)
        );
        assertEq(token.balanceOf(from), HOLDER_BALANCE - amount, "payer debited");
        assertEq(token.balanceOf(MINTER), amount, "payee credited");
        assertTrue(token.authorizationState(from, nonce), "nonce used");
    }

    function _digest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }
}
