// Raw-block CIDv1 reference (npm "multiformats"): one base64 payload per input line, one CID per output line.
// Used by tests/Mining.Core.Tests to cross-check Mining.Core's stand-in CID calculator.
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { readFileSync } from 'node:fs';

const lines = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
for (const line of lines) {
  const digest = await sha256.digest(Buffer.from(line, 'base64'));
  process.stdout.write(CID.create(1, raw.code, digest).toString() + '\n');
}
