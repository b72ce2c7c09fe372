// What `ipfs add --cid-version 1 --raw-leaves` gives (npm "ipfs-only-hash", the UnixFS importer): one base64 payload per
// input line, one CID per output line. Used by tests/Mining.Core.Tests to show a one-block document's raw CID is its UnixFS CID.
import Hash from 'ipfs-only-hash';
import { readFileSync } from 'node:fs';

const lines = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
for (const line of lines) {
  process.stdout.write(await Hash.of(Buffer.from(line, 'base64'), { cidVersion: 1, rawLeaves: true }) + '\n');
}
