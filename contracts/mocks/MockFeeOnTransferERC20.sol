// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockFeeOnTransferERC20
/// @author TradeChain
/// @notice Test-only ERC-20 that burns a fixed share of every transfer between holders, so the
///         recipient receives less than was sent. Never deployed to a network.
contract MockFeeOnTransferERC20 is ERC20 {
    /// @notice Share of each transfer that is burnt, in basis points.
    uint256 public constant BURN_BPS = 100;
    /// @dev Basis-point denominator.
    uint256 private constant BPS = 10_000;

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

    /// @dev Burns BURN_BPS of every holder-to-holder transfer on the way.
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 burnt = (value * BURN_BPS) / BPS;
        super._update(from, address(0), burnt);
        super._update(from, to, value - burnt);
    }
}
