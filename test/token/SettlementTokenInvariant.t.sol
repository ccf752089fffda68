// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SettlementToken} from "../../contracts/token/SettlementToken.sol";
import {Test} from "../utils/Test.sol";
import {Vm} from "../utils/Vm.sol";

/// @title SettlementTokenHandler
/// @notice Drives SettlementToken at random for the invariant fuzzer: mints, burns, transfers,
///         approvals, spends, blacklisting and pausing, each made by the right role holder through
///         `vm.prank`. Inputs are bounded so most calls are meaningful; calls the token refuses
///         (paused, blacklisted, over balance) simply revert and change nothing.
contract SettlementTokenHandler {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    uint256 internal constant ACTOR_COUNT = 5;
    uint256 internal constant MAX_MINT = 1e15;

    SettlementToken public immutable token;
    address public immutable minter;
    address public immutable blacklister;
    address public immutable pauser;

    address[] internal _actors;

    /// @notice Ghost: total minted minus total burned through the handler.
    uint256 public netMinted;
    /// @notice Ghost: total minted through the handler.
    uint256 public totalMinted;
    /// @notice Ghost: the balance each account had when it was blacklisted.
    mapping(address account => uint256 balance) public frozenBalance;
    /// @notice Ghost: set if any call ever raised a blacklisted account's balance.
    bool public blacklistedBalanceRose;

    constructor(SettlementToken token_, address minter_, address blacklister_, address pauser_) {
        token = token_;
        minter = minter_;
        blacklister = blacklister_;
        pauser = pauser_;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            _actors.push(address(uint160(0x1000 + i)));
        }
        _actors.push(minter_);
    }

    /// @notice Every account the handler can move tokens between (the minter included).
    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function mint(uint256 toSeed, uint256 amount) external {
        address to = _actor(toSeed);
        amount = _bound(amount, 0, MAX_MINT);
        vm.prank(minter);
        try token.mint(to, amount) {
            netMinted += amount;
            totalMinted += amount;
        } catch {}
        _checkFrozen();
    }

    function burn(uint256 amount) external {
        amount = _bound(amount, 0, token.balanceOf(minter));
        vm.prank(minter);
        try token.burn(amount) {
            netMinted -= amount;
        } catch {}
        _checkFrozen();
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = _bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        try token.transfer(_actor(toSeed), amount) {} catch {}
        _checkFrozen();
    }

    function approve(uint256 ownerSeed, uint256 spenderSeed, uint256 amount) external {
        vm.prank(_actor(ownerSeed));
        try token.approve(_actor(spenderSeed), amount) {} catch {}
        _checkFrozen();
    }

    function transferFrom(
        uint256 spenderSeed,
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amount
    ) external {
        address spender = _actor(spenderSeed);
        address from = _actor(fromSeed);
        uint256 cap = token.allowance(from, spender);
        uint256 balance = token.balanceOf(from);
        amount = _bound(amount, 0, cap < balance ? cap : balance);
        vm.prank(spender);
        try token.transferFrom(from, _actor(toSeed), amount) {} catch {}
        _checkFrozen();
    }

    function blacklist(uint256 seed) external {
        address account = _actor(seed);
        vm.prank(blacklister);
        token.blacklist(account);
        frozenBalance[account] = token.balanceOf(account);
    }

    function unBlacklist(uint256 seed) external {
        address account = _actor(seed);
        vm.prank(blacklister);
        token.unBlacklist(account);
        delete frozenBalance[account];
    }

    function pause() external {
        vm.prank(pauser);
        token.pause();
    }

    function unpause() external {
        vm.prank(pauser);
        token.unpause();
    }

    function _checkFrozen() internal {
        for (uint256 i = 0; i < _actors.length; ++i) {
            address account = _actors[i];
            if (token.isBlacklisted(account) && token.balanceOf(account) > frozenBalance[account]) {
                blacklistedBalanceRose = true;
            }
        }
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        return min + (x % (max - min + 1));
    }
}

/// @title SettlementTokenInvariantTest
/// @notice Invariants of SettlementToken under random minting, burning, transfers, approvals,
///         spends, blacklisting and pausing.
contract SettlementTokenInvariantTest is Test {
    SettlementToken internal token;
    SettlementTokenHandler internal handler;

    address internal constant MINTER = address(0xA11CE);
    address internal constant BLACKLISTER = address(0xB1AC);
    address internal constant PAUSER = address(0x9A05E);
    uint256 internal constant MINTER_ALLOWANCE = type(uint128).max;

    function setUp() public {
        token = new SettlementToken("TradeChain USD", "tcUSD", 6, "USD", address(this));
        token.grantRole(token.MASTER_MINTER_ROLE(), address(this));
        token.grantRole(token.BLACKLISTER_ROLE(), BLACKLISTER);
        token.grantRole(token.PAUSER_ROLE(), PAUSER);
        token.configureMinter(MINTER, MINTER_ALLOWANCE);
        handler = new SettlementTokenHandler(token, MINTER, BLACKLISTER, PAUSER);

        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = SettlementTokenHandler.mint.selector;
        selectors[1] = SettlementTokenHandler.burn.selector;
        selectors[2] = SettlementTokenHandler.transfer.selector;
        selectors[3] = SettlementTokenHandler.approve.selector;
        selectors[4] = SettlementTokenHandler.transferFrom.selector;
        selectors[5] = SettlementTokenHandler.blacklist.selector;
        selectors[6] = SettlementTokenHandler.unBlacklist.selector;
        selectors[7] = SettlementTokenHandler.pause.selector;
        selectors[8] = SettlementTokenHandler.unpause.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice Nothing but the tracked actors ever holds the token, so they hold all of it.
    function invariant_totalSupplyEqualsSumOfBalances() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i = 0; i < actors.length; ++i) {
            sum += token.balanceOf(actors[i]);
        }
        sum += token.balanceOf(address(token)) + token.balanceOf(address(handler));
        assertEq(token.totalSupply(), sum, "supply == sum of balances");
    }

    /// @notice Supply changes only by successful mints and burns.
    function invariant_totalSupplyEqualsNetMinted() public view {
        assertEq(token.totalSupply(), handler.netMinted(), "supply == minted - burned");
    }

    /// @notice No blacklisted account's balance ever rises while it is blacklisted.
    function invariant_blacklistedBalancesNeverRise() public view {
        assertFalse(handler.blacklistedBalanceRose(), "a frozen balance rose");
        address[] memory actors = handler.actors();
        for (uint256 i = 0; i < actors.length; ++i) {
            if (token.isBlacklisted(actors[i])) {
                assertLe(
                    token.balanceOf(actors[i]),
                    handler.frozenBalance(actors[i]),
                    "frozen balance"
                );
            }
        }
    }

    /// @notice The minter's allowance falls by exactly what it minted, and burns never refill it.
    function invariant_minterAllowanceAccountsForMints() public view {
        uint256 used = MINTER_ALLOWANCE - token.minterAllowance(MINTER);
        assertEq(used, handler.totalMinted(), "allowance used == minted");
    }
}
