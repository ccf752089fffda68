// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockFalseReturnERC20
/// @author TradeChain
/// @notice Test-only ERC-20 in the style of early tokens that report failure by returning `false`
///         instead of reverting: a transfer from or to a refused account moves nothing and returns
///         false. Never deployed to a network.
contract MockFalseReturnERC20 is ERC20 {
    /// @notice Whether transfers from or to an account silently fail.
    mapping(address account => bool refused) public isRefused;

    /// @notice Deploys the mock.
    /// @param name ERC-20 name.
    /// @param symbol ERC-20 symbol.
    constructor(string memory name, string memory symbol) ERC20(name, symbol) {}

    /// @notice Mints `amount` to `to`; anyone may call it (test token).
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Makes transfers from or to `account` fail with `false` (or work again).
    /// @param account The account.
    /// @param refused Whether its transfers fail.
    function setRefused(address account, bool refused) external {
        isRefused[account] = refused;
    }

    /// @notice ERC-20 transfer that returns false, moving nothing, for a refused party.
    /// @param to Recipient.
    /// @param value Amount.
    /// @return Whether the transfer happened.
    function transfer(address to, uint256 value) public override returns (bool) {
        if (isRefused[msg.sender] || isRefused[to]) return false;
        return super.transfer(to, value);
    }

    /// @notice ERC-20 transferFrom that returns false, moving nothing, for a refused party.
    /// @param from Owner.
    /// @param to Recipient.
    /// @param value Amount.
    /// @return Whether the transfer happened.
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (isRefused[from] || isRefused[to]) return false;
        return super.transferFrom(from, to, value);
    }
}
