// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {LearningToken} from "./LearningToken.sol";

/// @title LearningRegistry
/// @notice Anchors Merkle roots of batches of published learnings (IPFS CIDs) and pays contributor rewards
///         through a cumulative Merkle distributor.
/// @dev Trees follow OpenZeppelin's StandardMerkleTree: sorted-pair hashing (MerkleProof) and double-hashed leaves.
///      Learning leaf: keccak256(bytes.concat(keccak256(abi.encode(bytes cid)))).
///      Reward leaf:   keccak256(bytes.concat(keccak256(abi.encode(address account, uint256 cumulativeAmount)))).
contract LearningRegistry is AccessControl {
    /// @notice Accounts with this role may anchor batches and publish rewards roots.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice What is recorded for an anchored root; packed into one storage slot.
    struct Batch {
        uint64 id;
        uint32 leafCount;
        uint64 blockNumber;
        uint64 timestamp;
    }

    /// @notice The reward token; this registry is its only minter.
    LearningToken public immutable token;

    /// @notice The number of batches anchored; batch ids run from 1 to batchCount.
    uint64 public batchCount;

    /// @notice The latest rewards root: every account's cumulative reward, as a Merkle tree.
    bytes32 public rewardsRoot;

    mapping(bytes32 root => Batch) private _batches;

    /// @notice The cumulative amount each account has claimed so far.
    mapping(address account => uint256) public claimed;

    /// @notice A batch was anchored. `rewardsRoot` is the rewards root published with it (zero: unchanged).
    event BatchAnchored(uint256 indexed batchId, bytes32 indexed root, uint32 leafCount, bytes32 manifestDigest, bytes32 rewardsRoot);

    /// @notice `account` received `amount`, bringing its claimed total to `cumulativeAmount`.
    event Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount);

    /// @notice The root is zero.
    error ZeroRoot();

    /// @notice A batch must hold at least one leaf.
    error EmptyBatch();

    /// @notice `root` was already anchored as batch `batchId`.
    error AlreadyAnchored(bytes32 root, uint256 batchId);

    /// @notice No rewards root has been published yet.
    error NoRewardsRoot();

    /// @notice The proof does not show (`account`, `cumulativeAmount`) in the rewards root `rewardsRoot`.
    error InvalidProof(address account, uint256 cumulativeAmount, bytes32 rewardsRoot);

    /// @notice `account` already claimed `alreadyClaimed`, which is not less than `cumulativeAmount`.
    error NothingToClaim(address account, uint256 cumulativeAmount, uint256 alreadyClaimed);

    /// @param admin Holds DEFAULT_ADMIN_ROLE: grants and revokes operators.
    /// @param operator Receives OPERATOR_ROLE (zero: none yet).
    constructor(address admin, address operator, string memory tokenName, string memory tokenSymbol) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (operator != address(0)) {
            _grantRole(OPERATOR_ROLE, operator);
        }
        token = new LearningToken(tokenName, tokenSymbol);
    }

    /// @notice Anchors the Merkle root of a batch of `leafCount` learnings and, when `newRewardsRoot` is not zero,
    ///         publishes it as the rewards root that claims are checked against.
    /// @param manifestDigest Digest of the batch manifest (all leaves) pinned to IPFS; emitted, not stored.
    /// @return batchId The new batch's id (1, 2, ...).
    function anchor(bytes32 root, uint32 leafCount, bytes32 manifestDigest, bytes32 newRewardsRoot)
        external
        onlyRole(OPERATOR_ROLE)
        returns (uint256 batchId)
    {
        if (root == bytes32(0)) revert ZeroRoot();
        if (leafCount == 0) revert EmptyBatch();
        uint64 existing = _batches[root].id;
        if (existing != 0) revert AlreadyAnchored(root, existing);
        uint64 id = batchCount + 1;
        batchCount = id;
        _batches[root] = Batch(id, leafCount, uint64(block.number), uint64(block.timestamp));
        if (newRewardsRoot != bytes32(0)) {
            rewardsRoot = newRewardsRoot;
        }
        emit BatchAnchored(id, root, leafCount, manifestDigest, newRewardsRoot);
        return id;
    }

    /// @notice True when `root` has been anchored.
    function isAnchored(bytes32 root) external view returns (bool) {
        return _batches[root].id != 0;
    }

    /// @notice The record of an anchored root (all zero when it was not anchored).
    function batchOf(bytes32 root) external view returns (Batch memory) {
        return _batches[root];
    }

    /// @notice True when `root` is anchored and `proof` shows `leaf` in it.
    function verify(bytes32 leaf, bytes32[] calldata proof, bytes32 root) external view returns (bool) {
        return _batches[root].id != 0 && MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @notice The leaf of a learning with binary CID `cid`.
    function learningLeaf(bytes calldata cid) external pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(cid))));
    }

    /// @notice The leaf of `account`'s cumulative reward `cumulativeAmount`.
    function rewardLeaf(address account, uint256 cumulativeAmount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
    }

    /// @notice Mints to `account` the difference between `cumulativeAmount` (proven against the latest rewards
    ///         root) and what it already claimed. Anyone may submit the claim; tokens always go to `account`.
    /// @return amount The amount minted.
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external returns (uint256 amount) {
        bytes32 root = rewardsRoot;
        if (root == bytes32(0)) revert NoRewardsRoot();
        if (!MerkleProof.verifyCalldata(proof, root, rewardLeaf(account, cumulativeAmount))) {
            revert InvalidProof(account, cumulativeAmount, root);
        }
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert NothingToClaim(account, cumulativeAmount, already);
        claimed[account] = cumulativeAmount;
        amount = cumulativeAmount - already;
        emit Claimed(account, amount, cumulativeAmount);
        token.mint(account, amount);
    }
}
