// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockReentrantERC20
/// @author TradeChain
/// @notice Test-only hostile ERC-20 with a transfer hook, the way ERC-777-style tokens call out
///         before moving balances: once armed, its next holder-to-holder transfer first calls a
///         chosen contract (the escrow) with chosen calldata and records the outcome. In `bubble`
///         mode a failed re-entry makes the transfer itself revert with the callee's error, so a
///         test sees the guard's exact error at the top level. Never deployed to a network.
contract MockReentrantERC20 is ERC20 {
    /// @dev Contract the hook calls.
    address private _target;
    /// @dev Calldata the hook sends.
    bytes private _payload;
    /// @dev Whether a failed re-entry reverts the transfer with the callee's revert data.
    bool private _bubble;
    /// @dev Whether the next transfer runs the hook (it disarms itself: one attempt per arming).
    bool private _armed;

    /// @notice How many re-entries the hook attempted.
    uint256 public reentryAttempts;
    /// @notice Whether the last attempted re-entry succeeded.
    bool public lastReentrySucceeded;
    /// @notice Revert data (or return data) of the last attempted re-entry.
    bytes public lastReentryData;

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

    /// @notice Arms the hook for the next holder-to-holder transfer.
    /// @param target Contract to call back.
    /// @param payload Calldata to send it.
    /// @param bubble Revert the transfer with the callee's error when the re-entry fails.
    function arm(address target, bytes calldata payload, bool bubble) external {
        _target = target;
        _payload = payload;
        _bubble = bubble;
        _armed = true;
    }

    /// @notice Disarms the hook: the token behaves like a plain ERC-20 again.
    function disarm() external {
        _armed = false;
    }

    /// @dev Runs the armed hook before the balances move, then moves them.
    function _update(address from, address to, uint256 value) internal override {
        if (_armed && from != address(0) && to != address(0)) {
            _armed = false;
            ++reentryAttempts;
            // The whole point of this mock is an arbitrary call back into the caller.
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory data) = _target.call(_payload);
            lastReentrySucceeded = ok;
            lastReentryData = data;
            if (!ok && _bubble) {
                // Re-raise the callee's custom error unchanged.
                // solhint-disable-next-line no-inline-assembly
                assembly ("memory-safe") {
                    revert(add(data, 0x20), mload(data))
                }
            }
        }
        super._update(from, to, value);
    }
}
