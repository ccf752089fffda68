// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title MockERC1271Wallet
/// @author TradeChain
/// @notice Test-only smart-contract wallet: its owner EOA signs EIP-712 digests and the wallet
///         accepts them through ERC-1271, the way Safe-style wallets approve off-chain messages.
///         The owner can also make the wallet call other contracts (e.g. `approve`).
contract MockERC1271Wallet is IERC1271 {
    /// @notice Thrown when someone other than the owner asks the wallet to make a call.
    /// @param caller The account that called `execute`.
    error NotWalletOwner(address caller);

    /// @notice Thrown when a call made by the wallet reverts; carries its revert data.
    /// @param reason The callee's revert data.
    error CallFailed(bytes reason);

    /// @dev The EOA whose signatures the wallet accepts.
    address private immutable OWNER;

    /// @notice Creates a wallet controlled by `owner_`.
    /// @param owner_ The EOA whose signatures the wallet accepts.
    constructor(address owner_) {
        OWNER = owner_;
    }

    /// @notice Makes the wallet call `target` with `data`, for its owner.
    /// @param target The contract to call.
    /// @param data The calldata.
    /// @return result The callee's return data.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != OWNER) revert NotWalletOwner(msg.sender);
        bool ok;
        // A wallet forwards arbitrary calls by design.
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) revert CallFailed(result);
    }

    /// @notice The EOA whose signatures the wallet accepts.
    /// @return The owner.
    function owner() external view returns (address) {
        return OWNER;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(
        bytes32 hash,
        bytes calldata signature
    ) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == OWNER)
            return IERC1271.isValidSignature.selector;
        return bytes4(0xffffffff);
    }
}
