// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title LearningToken
/// @notice The ERC-20 reward token of the learning network. Only the registry that deployed it can mint;
///         nobody can burn other holders' tokens, pause transfers or change the minter.
contract LearningToken is ERC20 {
    /// @notice The registry that created this token, the only account allowed to mint.
    address public immutable minter;

    /// @notice `caller` tried to mint but is not the registry.
    error NotMinter(address caller);

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {
        minter = msg.sender;
    }

    /// @notice Mints `amount` to `to`. Callable only by the registry.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _mint(to, amount);
    }
}
