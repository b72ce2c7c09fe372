// RFC 8785 reference canonicalization (npm "canonicalize"), one JSON text per input line, one result per output line.
// Used by tests/Mining.Core.Tests to cross-check Mining.Core's canonicalizer.
import canonicalize from 'canonicalize';
import { readFileSync } from 'node:fs';

const lines = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
for (const line of lines) {
  process.stdout.write(canonicalize(JSON.parse(line)) + '\n');
}
