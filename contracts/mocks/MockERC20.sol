// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockERC20
/// @author TradeChain
/// @notice Test-only plain OpenZeppelin ERC-20 with EIP-2612 permit and open minting, so escrow
///         gas figures compare with anchors measured on the same token. Never deployed to a network.
contract MockERC20 is ERC20, ERC20Permit {
    /// @dev Decimals fixed at deployment.
    uint8 private immutable DECIMALS;

    /// @notice Deploys the mock.
    /// @param name ERC-20 name, also the EIP-712 domain name.
    /// @param symbol ERC-20 symbol.
    /// @param decimals_ Token decimals.
    constructor(
        string memory name,
        string memory symbol,
        uint8 decimals_
    ) ERC20(name, symbol) ERC20Permit(name) {
        DECIMALS = decimals_;
    }

    /// @notice Mints `amount` to `to`; anyone may call it (test token).
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The token's decimals.
    /// @return The decimals fixed at deployment.
    function decimals() public view override returns (uint8) {
        return DECIMALS;
    }
}
