// Prints the CIDs two independent JavaScript implementations compute for a file, one JSON line:
//   node hash.mjs <file> [--cid-version 0|1] [--raw-leaves] [--chunk-size N] [--max-links N]
// "helia" is ipfs-unixfs-importer as Helia uses it; "onlyHash" is the npm ipfs-only-hash package.
// Both use Kubo's `ipfs add` defaults (256 KiB fixed chunks, balanced layout, 174 links) unless told otherwise.
import { createReadStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'cid-version': { type: 'string', default: '0' },
    'raw-leaves': { type: 'boolean', default: false },
    'chunk-size': { type: 'string', default: '262144' },
    'max-links': { type: 'string', default: '174' },
    'skip-only-hash': { type: 'boolean', default: false }
  }
})
const file = positionals[0]
const cidVersion = Number(values['cid-version'])
const rawLeaves = values['raw-leaves']
const chunkSize = Number(values['chunk-size'])
const maxChildrenPerNode = Number(values['max-links'])

const discard = { put: async (cid) => cid, get: async () => { throw new Error('only hashing') }, has: async () => false }

let helia
for await (const entry of importer([{ content: createReadStream(file) }], discard, {
  cidVersion,
  rawLeaves,
  chunker: fixedSize({ chunkSize }),
  layout: balanced({ maxChildrenPerNode }),
  reduceSingleLeafToSelf: true
})) {
  helia = entry.cid.toString()
}

let onlyHash = null
if (!values['skip-only-hash']) {
  // ipfs-only-hash 4 bundles its own (older) importer; it takes the whole content in memory.
  const { readFile } = await import('node:fs/promises')
  const Hash = require('ipfs-only-hash')
  const { importer: legacyImporter } = require('ipfs-only-hash/node_modules/ipfs-unixfs-importer')
  const content = await readFile(file)
  if (chunkSize === 262144 && maxChildrenPerNode === 174) {
    onlyHash = await Hash.of(content, { cidVersion, rawLeaves })
  } else {
    const block = { put: async () => { throw new Error('only hashing') }, get: async () => { throw new Error('only hashing') } }
    for await (const entry of legacyImporter([{ content }], block, {
      onlyHash: true, cidVersion, rawLeaves, maxChunkSize: chunkSize, maxChildrenPerNode
    })) {
      onlyHash = entry.cid.toString()
    }
  }
}

process.stdout.write(JSON.stringify({ helia, onlyHash }) + '\n')
