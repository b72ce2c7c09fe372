// OpenZeppelin StandardMerkleTree reference: reads {"encoding": [...], "values": [[...], ...]} on stdin and prints
// {"root", "leaves" (leaf hash per value, input order), "proofs" (proof per value, input order)}.
// Used by tests/Mining.Core.Tests to cross-check Mining.Core's Merkle code.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const tree = StandardMerkleTree.of(input.values, input.encoding);
const result = {
  root: tree.root,
  leaves: input.values.map((value) => tree.leafHash(value)),
  proofs: input.values.map((_, index) => tree.getProof(index)),
};
process.stdout.write(JSON.stringify(result));
