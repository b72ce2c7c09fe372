// A local IPFS node for development and tests, built on Helia.
//
//   node ipfs-node.mjs --name A --repo <dir> --rpc-port N --gateway-port N --pinning-port N
//                      --swarm-port N --pinning-token <token> [--fetch-timeout-ms N] [--pin-timeout-ms N]
//
// Ports 0 pick a free port. Blocks, the pin set, the node key and the pinning-service requests persist
// under --repo. libp2p listens on 127.0.0.1 only (TCP, noise, yamux, identify, ping, bitswap) with no
// bootstrap, DHT or mDNS: peers are connected explicitly (RPC swarm/connect).
//
// Serves on 127.0.0.1:
//   rpc      the Kubo RPC subset Mining.Ipfs uses (POST /api/v0/...); /api/v0/id doubles as health check;
//            repo/gc deletes unpinned blocks (Helia's gc), so tests can make content disappear for real
//   gateway  the trustless gateway (/ipfs/{cid}, ?format=raw|car or Accept application/vnd.ipld.raw|car,
//            Cache-Control: only-if-cached answered 412 when the block is not local); blocks it lacks are
//            fetched from connected peers over bitswap, bounded by --fetch-timeout-ms (then 504)
//   pinning  the IPFS Pinning Service API v1.0.0 (bearer token), statuses queued → pinning → pinned|failed
//
// Prints one line `READY {json}` on stdout once everything listens, and exits cleanly on SIGTERM/SIGINT.
import { createServer } from 'node:http'
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { createHelia } from 'helia'
import { unixfs } from '@helia/unixfs'
import { FsBlockstore } from 'blockstore-fs'
import { FsDatastore } from 'datastore-fs'
import { tcp } from '@libp2p/tcp'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { CarWriter } from '@ipld/car'
import * as dagPb from '@ipld/dag-pb'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { base32 } from 'multiformats/bases/base32'
import { base36 } from 'multiformats/bases/base36'
import { base58btc } from 'multiformats/bases/base58'
import { base16 } from 'multiformats/bases/base16'

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: 'ipfs' },
    repo: { type: 'string' },
    'rpc-port': { type: 'string', default: '0' },
    'gateway-port': { type: 'string', default: '0' },
    'pinning-port': { type: 'string', default: '0' },
    'swarm-port': { type: 'string', default: '0' },
    'pinning-token': { type: 'string' },
    'fetch-timeout-ms': { type: 'string', default: '20000' },
    'pin-timeout-ms': { type: 'string', default: '60000' }
  }
})
if (args.repo == null || args['pinning-token'] == null) {
  process.stderr.write('usage: ipfs-node.mjs --repo <dir> --pinning-token <token> [--name A] [--rpc-port N] [--gateway-port N] [--pinning-port N] [--swarm-port N]\n')
  process.exit(2)
}
const fetchTimeoutMs = Number(args['fetch-timeout-ms'])
const pinTimeoutMs = Number(args['pin-timeout-ms'])
const log = (message) => process.stderr.write(`${new Date().toISOString()} [${args.name}] ${message}\n`)

await mkdir(args.repo, { recursive: true })
const blockstore = new FsBlockstore(join(args.repo, 'blocks'))
const datastore = new FsDatastore(join(args.repo, 'datastore'))

const helia = await createHelia({
  blockstore,
  datastore,
  http: { delegatedRouters: [], recursiveGateways: [] },
  libp2p: {
    addresses: { listen: [`/ip4/127.0.0.1/tcp/${Number(args['swarm-port'])}`] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: [],
    services: { identify: identify(), ping: ping() }
  }
})
await helia.start()
const fs = unixfs(helia)
const agentVersion = `mining-ipfs-node/1.0.0 helia/${helia.info?.version ?? '7'}`

// ---------- helpers ----------

const cidDecoder = base32.decoder.or(base36.decoder).or(base58btc.decoder).or(base16.decoder)

class HttpError extends Error {
  constructor (status, message, reason) {
    super(message)
    this.status = status
    this.reason = reason
  }
}

function parseCid (text) {
  if (text == null || text === '') throw new HttpError(400, 'argument "cid" is required', 'BAD_REQUEST')
  try {
    return text.startsWith('Qm') ? CID.parse(text) : CID.parse(text, cidDecoder)
  } catch (err) {
    throw new HttpError(400, `invalid CID "${text}": ${err.message}`, 'BAD_REQUEST')
  }
}

async function getBlock (cid, options = {}) {
  const parts = []
  for await (const part of helia.blockstore.get(cid, options)) parts.push(part)
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

async function hasLocal (cid) {
  return await blockstore.has(cid)
}

function fetchSignal (ms = fetchTimeoutMs) {
  return AbortSignal.timeout(ms)
}

async function getBlockOrTimeout (cid) {
  try {
    return await getBlock(cid, { signal: fetchSignal() })
  } catch (err) {
    throw new HttpError(504, `block ${cid} is not local and no connected peer provided it within ${fetchTimeoutMs} ms (${err.name})`)
  }
}

function childLinks (cid, bytes) {
  return cid.code === dagPb.code ? dagPb.decode(bytes).Links.map(link => link.Hash) : []
}

async function readBody (req) {
  const parts = []
  for await (const part of req) parts.push(part)
  return Buffer.concat(parts)
}

/** Parses multipart/form-data as Go's mime/multipart does: quoted or bare boundary and parameters. */
async function readMultipartFiles (req) {
  const type = req.headers['content-type'] ?? ''
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type)
  if (!type.toLowerCase().startsWith('multipart/form-data') || match == null) {
    throw new HttpError(400, 'the request body must be multipart/form-data with a boundary')
  }
  const delimiter = Buffer.from(`--${match[1] ?? match[2].trim()}`)
  const body = await readBody(req)
  const files = []
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    const partStart = start + delimiter.length
    if (body.subarray(partStart, partStart + 2).toString() === '--') break
    const next = body.indexOf(delimiter, partStart)
    if (next < 0) throw new HttpError(400, 'the multipart body is truncated (no closing boundary)')
    const part = body.subarray(partStart + 2, next - 2)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) throw new HttpError(400, 'a multipart part has no header terminator')
    const headers = part.subarray(0, headerEnd).toString('utf8')
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const param = (key) => new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(disposition)
    const name = param('name')
    const filename = param('filename')
    const content = part.subarray(headerEnd + 4)
    files.push({ field: name?.[1] ?? name?.[2] ?? 'file', name: filename?.[1] ?? filename?.[2] ?? name?.[1] ?? name?.[2] ?? 'file', blob: new Blob([content]) })
    start = next
  }
  if (files.length === 0) throw new HttpError(400, 'file argument "path" is required (multipart/form-data)')
  return files
}

function sendJson (res, status, body, headers = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

function listen (server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(Number(port), '127.0.0.1', () => resolve(server.address().port))
  })
}

function serve (handler, onError) {
  return createServer((req, res) => {
    handler(req, res).catch(err => {
      const status = err instanceof HttpError ? err.status : 500
      if (!(err instanceof HttpError)) log(`error on ${req.method} ${req.url}: ${err.stack ?? err}`)
      if (res.headersSent) { res.destroy(err); return }
      onError(res, status, err)
    })
  })
}

// ---------- Kubo RPC subset ----------

const toBool = (value, fallback) => value == null ? fallback : value === '' || value === 'true' || value === '1'

/** Block store wrapper: records each block's cumulative DAG size (Kubo's "Size"), optionally discarding blocks. */
function sizingBlockstore (inner) {
  const sizes = new Map()
  return {
    sizes,
    put: async (cid, bytes, options) => {
      let size = bytes.length
      if (cid.code === dagPb.code) {
        for (const link of dagPb.decode(bytes).Links) size += link.Tsize ?? 0
      }
      sizes.set(cid.toString(), size)
      if (inner != null) await inner.put(cid, bytes, options)
      return cid
    },
    get: (cid, options) => inner.get(cid, options),
    has: async (cid, options) => inner != null ? inner.has(cid, options) : false
  }
}

async function kuboAdd (req, params) {
  const cidVersion = Number(params.get('cid-version') ?? '0')
  const rawLeaves = toBool(params.get('raw-leaves'), cidVersion === 1)
  const pin = toBool(params.get('pin'), true)
  const onlyHash = toBool(params.get('only-hash'), false)
  const chunker = params.get('chunker') ?? 'size-262144'
  const match = /^size-(\d+)$/.exec(chunker)
  if (match == null) throw new HttpError(400, `unsupported chunker "${chunker}": only size-N`)
  const hash = params.get('hash') ?? 'sha2-256'
  if (hash !== 'sha2-256') throw new HttpError(400, `unsupported hash "${hash}": only sha2-256`)
  const files = await readMultipartFiles(req)
  const lines = []
  for (const file of files) {
    const store = sizingBlockstore(onlyHash ? null : blockstore)
    let root
    for await (const entry of importer([{ content: file.blob.stream() }], store, {
      cidVersion,
      rawLeaves,
      chunker: fixedSize({ chunkSize: Number(match[1]) }),
      layout: balanced({ maxChildrenPerNode: 174 }),
      reduceSingleLeafToSelf: true
    })) {
      root = entry.cid
    }
    if (pin && !onlyHash && !(await helia.pins.isPinned(root))) {
      for await (const _ of helia.pins.add(root)) { /* drain */ }
    }
    lines.push({ Name: file.name, Hash: root.toString(), Size: String(store.sizes.get(root.toString())) })
  }
  return lines
}

async function pinAdd (cids) {
  for (const cid of cids) {
    if (!(await helia.pins.isPinned(cid))) {
      for await (const _ of helia.pins.add(cid, { signal: fetchSignal(pinTimeoutMs) })) { /* drain */ }
    }
  }
}

const rpcCommands = {
  async id () {
    return {
      ID: helia.libp2p.peerId.toString(),
      PublicKey: Buffer.from(helia.libp2p.peerId.publicKey?.raw ?? []).toString('base64'),
      Addresses: helia.libp2p.getMultiaddrs().map(String),
      AgentVersion: agentVersion,
      Protocols: helia.libp2p.getProtocols()
    }
  },
  async version () {
    return { Version: '0.0.0-helia', Commit: '', Repo: '1', System: `${process.arch}/${process.platform}`, Golang: '' }
  },
  async add (req, params, res) {
    const lines = await kuboAdd(req, params)
    const text = lines.map(line => JSON.stringify(line)).join('\n') + '\n'
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'X-Chunked-Output': '1' })
    res.end(text)
    return undefined
  },
  async cat (req, params, res) {
    const cid = parseCid(params.get('arg'))
    await getBlockOrTimeout(cid)
    res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Stream-Output': '1' })
    for await (const chunk of fs.cat(cid, { signal: fetchSignal() })) res.write(chunk)
    res.end()
    return undefined
  },
  async 'block/get' (req, params, res) {
    const cid = parseCid(params.get('arg'))
    const bytes = await getBlockOrTimeout(cid)
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': bytes.length })
    res.end(bytes)
    return undefined
  },
  async 'block/stat' (req, params) {
    const cid = parseCid(params.get('arg'))
    const bytes = await getBlockOrTimeout(cid)
    return { Key: cid.toString(), Size: bytes.length }
  },
  async 'block/put' (req, params) {
    const codecs = { raw: 0x55, 'dag-pb': 0x70, 'dag-cbor': 0x71, 'dag-json': 0x0129 }
    const codecName = params.get('cid-codec') ?? 'raw'
    const code = codecs[codecName]
    if (code == null) throw new HttpError(400, `unsupported cid-codec "${codecName}": one of ${Object.keys(codecs).join(', ')}`)
    const mhtype = params.get('mhtype') ?? 'sha2-256'
    if (mhtype !== 'sha2-256') throw new HttpError(400, `unsupported mhtype "${mhtype}": only sha2-256`)
    const [file] = await readMultipartFiles(req)
    const bytes = new Uint8Array(await file.blob.arrayBuffer())
    const cid = CID.createV1(code, await sha256.digest(bytes))
    await blockstore.put(cid, bytes)
    if (toBool(params.get('pin'), false)) await pinAdd([cid])
    return { Key: cid.toString(), Size: bytes.length }
  },
  async 'pin/add' (req, params) {
    const cids = params.getAll('arg').map(parseCid)
    if (cids.length === 0) throw new HttpError(400, 'argument "ipfs-path" is required')
    if (!toBool(params.get('recursive'), true)) throw new HttpError(400, 'only recursive pins are supported')
    await pinAdd(cids)
    return { Pins: cids.map(String) }
  },
  async 'pin/ls' (req, params) {
    const type = params.get('type') ?? 'all'
    const keys = {}
    const wanted = params.getAll('arg').map(parseCid)
    if (wanted.length > 0) {
      for (const cid of wanted) {
        if (!(await helia.pins.isPinned(cid))) throw new HttpError(500, `path '${cid}' is not pinned`)
        keys[cid.toString()] = { Type: 'recursive' }
      }
    } else if (type === 'all' || type === 'recursive') {
      for await (const pin of helia.pins.ls()) keys[pin.cid.toString()] = { Type: 'recursive' }
    }
    return { Keys: keys }
  },
  async 'pin/rm' (req, params) {
    const cids = params.getAll('arg').map(parseCid)
    if (cids.length === 0) throw new HttpError(400, 'argument "ipfs-path" is required')
    for (const cid of cids) {
      if (!(await helia.pins.isPinned(cid))) throw new HttpError(500, `${cid} is not pinned or pinned indirectly`)
      for await (const _ of helia.pins.rm(cid)) { /* drain */ }
    }
    return { Pins: cids.map(String) }
  },
  // Kubo's `repo gc`: deletes every block that no pin (direct, recursive or a pinned DAG's child) holds. Streams
  // {"Key":{"/":cid}} per removed block — CIDv1 raw, as Kubo names blocks its store keys by multihash; errors become
  // {"Error":msg} lines with stream-errors, else a 500 at the end.
  async 'repo/gc' (req, params, res) {
    const lines = []
    const errors = []
    await helia.gc({
      onProgress: (event) => {
        if (event.type === 'helia:gc:deleted') lines.push({ Key: { '/': CID.createV1(0x55, event.detail.multihash).toString() } })
        else if (event.type === 'helia:gc:error') errors.push(event.detail?.message ?? String(event.detail))
      }
    })
    log(`repo/gc removed ${lines.length} block(s)${errors.length > 0 ? `, ${errors.length} error(s)` : ''}`)
    if (errors.length > 0 && !toBool(params.get('stream-errors'), false)) {
      throw new HttpError(500, `encountered errors during gc run: ${errors.join('; ')}`)
    }
    for (const error of errors) lines.push({ Error: error })
    const text = lines.map(line => JSON.stringify(line)).join('\n') + (lines.length > 0 ? '\n' : '')
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'X-Chunked-Output': '1' })
    res.end(text)
    return undefined
  },
  async 'swarm/connect' (req, params) {
    const addrs = params.getAll('arg')
    if (addrs.length === 0) throw new HttpError(400, 'argument "address" is required')
    const strings = []
    for (const text of addrs) {
      let address
      try { address = multiaddr(text) } catch (err) { throw new HttpError(400, `invalid multiaddr "${text}": ${err.message}`) }
      const connection = await helia.libp2p.dial(address, { signal: fetchSignal() })
      strings.push(`connect ${connection.remotePeer} success`)
    }
    return { Strings: strings }
  },
  async 'swarm/peers' () {
    return {
      Peers: helia.libp2p.getConnections().map(connection => ({
        Addr: connection.remoteAddr.decapsulateCode(421).toString(),
        Peer: connection.remotePeer.toString(),
        Direction: connection.direction === 'inbound' ? 2 : 1
      }))
    }
  }
}

const rpcServer = serve(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1')
  const prefix = '/api/v0/'
  if (!url.pathname.startsWith(prefix)) throw new HttpError(404, `no such endpoint ${url.pathname}`)
  const command = rpcCommands[url.pathname.slice(prefix.length)]
  if (command == null) throw new HttpError(404, `unknown command "${url.pathname.slice(prefix.length)}"`)
  if (req.method !== 'POST') throw new HttpError(405, `method ${req.method} not allowed: the RPC API takes POST`)
  const result = await command(req, url.searchParams, res)
  if (result !== undefined) sendJson(res, 200, result)
}, (res, status, err) => sendJson(res, status, { Message: err.message, Code: 0, Type: 'error' }))

// ---------- trustless gateway ----------

const RAW = 'application/vnd.ipld.raw'
const CAR = 'application/vnd.ipld.car'

function gatewayFormat (req, url) {
  const format = url.searchParams.get('format')
  if (format === 'raw') return 'raw'
  if (format === 'car') return 'car'
  if (format != null && format !== '') throw new HttpError(400, `unsupported format "${format}": raw or car`)
  const accept = req.headers.accept ?? ''
  if (accept.includes(RAW)) return 'raw'
  if (accept.includes(CAR)) return 'car'
  return 'file'
}

async function writeCar (res, root, scope) {
  const { writer, out } = CarWriter.create([root])
  const pump = (async () => { for await (const chunk of out) res.write(chunk) })()
  const stack = [root]
  while (stack.length > 0) {
    const cid = stack.pop()
    const bytes = await getBlock(cid, { signal: fetchSignal() })
    await writer.put({ cid, bytes })
    if (scope === 'all') stack.push(...childLinks(cid, bytes).reverse())
  }
  await writer.close()
  await pump
  res.end()
}

const gatewayServer = serve(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1')
  const match = /^\/ipfs\/([^/]+)\/?$/.exec(url.pathname)
  if (match == null) throw new HttpError(404, `not a gateway path: ${url.pathname} (expected /ipfs/{cid})`)
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `method ${req.method} not allowed`)
  const cid = parseCid(match[1])
  const format = gatewayFormat(req, url)
  const onlyIfCached = (req.headers['cache-control'] ?? '').includes('only-if-cached')
  if (onlyIfCached && !(await hasLocal(cid))) throw new HttpError(412, `${cid} is not in this node's local store`)
  const rootBytes = await getBlockOrTimeout(cid)
  const headers = {
    'X-Ipfs-Path': `/ipfs/${cid}`,
    'X-Ipfs-Roots': cid.toString(),
    'Cache-Control': 'public, max-age=29030400, immutable',
    Vary: 'Accept'
  }
  if (format === 'raw') {
    res.writeHead(200, { ...headers, 'Content-Type': RAW, 'Content-Length': rootBytes.length, Etag: `"${cid}.raw"` })
    res.end(req.method === 'HEAD' ? undefined : rootBytes)
    return
  }
  if (format === 'car') {
    const scope = url.searchParams.get('dag-scope') ?? 'all'
    if (scope !== 'all' && scope !== 'block') throw new HttpError(400, `unsupported dag-scope "${scope}": all or block`)
    res.writeHead(200, { ...headers, 'Content-Type': `${CAR}; version=1; order=dfs; dups=y`, Etag: `"${cid}.car.${scope}"` })
    if (req.method === 'HEAD') { res.end(); return }
    await writeCar(res, cid, scope)
    return
  }
  res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', Etag: `"${cid}"` })
  if (req.method === 'HEAD') { res.end(); return }
  for await (const chunk of fs.cat(cid, { signal: fetchSignal() })) res.write(chunk)
  res.end()
}, (res, status, err) => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(`${err.message}\n`)
})

// ---------- Pinning Service API v1.0.0 ----------

// Pin requests live in memory and are journaled to pinning-service.jsonl, one line per change ({"put": request} or
// {"delete": requestid}), appended once per burst of changes: a change costs its own line, not a rewrite of every
// request (which grew with the node's age: 3 ms per change at a thousand requests). At start the journal, after the
// pinning-service.json snapshot of earlier versions if one is left, is read back and compacted to one line per request;
// a torn line (a crash mid-append) is skipped.
const pinsJournal = join(args.repo, 'pinning-service.jsonl')
const legacyPinsFile = join(args.repo, 'pinning-service.json')
const pinRequests = new Map()
try {
  for (const request of JSON.parse(await readFile(legacyPinsFile, 'utf8'))) pinRequests.set(request.requestid, request)
} catch (err) {
  if (err.code !== 'ENOENT') throw err
}
try {
  for (const line of (await readFile(pinsJournal, 'utf8')).split('\n')) {
    if (line === '') continue
    let change
    try {
      change = JSON.parse(line)
    } catch {
      log(`skipping a torn line of ${pinsJournal}`)
      continue
    }
    if (change.put != null) pinRequests.set(change.put.requestid, change.put)
    else if (change.delete != null) pinRequests.delete(change.delete)
  }
} catch (err) {
  if (err.code !== 'ENOENT') throw err
}
await writeFile(`${pinsJournal}.tmp`, [...pinRequests.values()].map(request => JSON.stringify({ put: request }) + '\n').join(''))
await rename(`${pinsJournal}.tmp`, pinsJournal)
await rm(legacyPinsFile, { force: true })

// Callers that arrive before an append starts share it (it takes every line written until then); a caller that arrives
// while one is running gets the next. The change is serialized when it is journaled, not when it is appended.
let unwritten = []
let lastWrite = Promise.resolve()
let nextWrite = null
function journal (change) {
  unwritten.push(JSON.stringify(change) + '\n')
  if (nextWrite == null) {
    const write = lastWrite.then(async () => {
      nextWrite = null
      const lines = unwritten.join('')
      unwritten = []
      await appendFile(pinsJournal, lines)
    })
    nextWrite = write
    lastWrite = write.catch(() => {})
  }
  return nextWrite
}

function delegates () {
  return helia.libp2p.getMultiaddrs().map(String)
}

function validatePin (body) {
  if (body == null || typeof body !== 'object') throw new HttpError(400, 'body must be a Pin object', 'BAD_REQUEST')
  const cid = parseCid(body.cid)
  if (body.name != null && (typeof body.name !== 'string' || body.name.length > 255)) throw new HttpError(400, 'name must be a string of at most 255 characters', 'BAD_REQUEST')
  if (body.origins != null && !Array.isArray(body.origins)) throw new HttpError(400, 'origins must be an array of multiaddrs', 'BAD_REQUEST')
  if (body.meta != null && typeof body.meta !== 'object') throw new HttpError(400, 'meta must be an object of strings', 'BAD_REQUEST')
  const pin = { cid: body.cid, ...(body.name != null ? { name: body.name } : {}), ...(body.origins != null ? { origins: body.origins } : {}), ...(body.meta != null ? { meta: body.meta } : {}) }
  return { cid, pin }
}

// Pin requests run concurrently, at most 8 at a time: a request whose content is slow to
// arrive holds one worker, not the whole queue.
const pinWorkers = 8
const pinRetryMs = 3000
const pinQueue = []
let activePinWorkers = 0
function enqueuePin (requestid) {
  pinQueue.push(requestid)
  if (activePinWorkers < pinWorkers) {
    activePinWorkers++
    setImmediate(runPinWorker)
  }
}

async function runPinWorker () {
  try {
    while (pinQueue.length > 0) {
      const request = pinRequests.get(pinQueue.shift())
      if (request == null || request.status !== 'queued') continue
      request.status = 'pinning'
      try {
        await Promise.all((request.pin.origins ?? []).map(async (origin) => {
          try { await helia.libp2p.dial(multiaddr(origin), { signal: fetchSignal() }) } catch (err) { log(`origin ${origin} not dialable: ${err.message}`) }
        }))
        await pinWithRetries(parseCid(request.pin.cid))
        request.status = 'pinned'
      } catch (err) {
        request.status = 'failed'
        request.info = { status_details: `could not fetch the DAG within ${pinTimeoutMs} ms from connected peers: ${err.message}` }
      }
      if (pinRequests.get(request.requestid) === request) await journal({ put: request }) // not one deleted or replaced meanwhile
    }
  } finally {
    activePinWorkers--
  }
}

// Content that an origin adds after the request arrived is not pushed to us, so a fetch is retried with a fresh want
// every few seconds (until pin-timeout-ms) instead of waiting out one long attempt.
async function pinWithRetries (cid) {
  const deadline = Date.now() + pinTimeoutMs
  for (;;) {
    try {
      if (!(await helia.pins.isPinned(cid))) {
        for await (const _ of helia.pins.add(cid, { signal: fetchSignal(Math.max(1, Math.min(pinRetryMs, deadline - Date.now()))) })) { /* drain */ }
      }
      return
    } catch (err) {
      if (await helia.pins.isPinned(cid)) return // another request for the same CID pinned it meanwhile
      if (Date.now() >= deadline || !['AbortError', 'TimeoutError'].includes(err.name)) throw err
    }
  }
}

async function unpinIfUnused (cidText) {
  const stillWanted = [...pinRequests.values()].some(request => request.pin.cid === cidText)
  const cid = parseCid(cidText)
  if (!stillWanted && await helia.pins.isPinned(cid)) {
    for await (const _ of helia.pins.rm(cid)) { /* drain */ }
  }
}

function matchName (actual, wanted, mode) {
  if (actual == null) return false
  switch (mode ?? 'exact') {
    case 'exact': return actual === wanted
    case 'iexact': return actual.toLowerCase() === wanted.toLowerCase()
    case 'partial': return actual.includes(wanted)
    case 'ipartial': return actual.toLowerCase().includes(wanted.toLowerCase())
    default: throw new HttpError(400, `match must be exact, iexact, partial or ipartial, not "${mode}"`, 'BAD_REQUEST')
  }
}

function listPins (params) {
  const statuses = (params.get('status') ?? 'pinned').split(',')
  for (const status of statuses) {
    if (!['queued', 'pinning', 'pinned', 'failed'].includes(status)) throw new HttpError(400, `unknown status "${status}"`, 'BAD_REQUEST')
  }
  const cids = params.get('cid')?.split(',')
  if (cids != null && cids.length > 10) throw new HttpError(400, 'at most 10 CIDs per cid filter', 'BAD_REQUEST')
  const name = params.get('name')
  const before = params.get('before') != null ? Date.parse(params.get('before')) : null
  const after = params.get('after') != null ? Date.parse(params.get('after')) : null
  const limit = Number(params.get('limit') ?? '10')
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, 'limit must be an integer from 1 to 1000', 'BAD_REQUEST')
  const meta = params.get('meta') != null ? JSON.parse(params.get('meta')) : null
  const matching = [...pinRequests.values()].filter(request =>
    statuses.includes(request.status) &&
    (cids == null || cids.includes(request.pin.cid)) &&
    (name == null || matchName(request.pin.name, name, params.get('match'))) &&
    (before == null || Date.parse(request.created) < before) &&
    (after == null || Date.parse(request.created) > after) &&
    (meta == null || Object.entries(meta).every(([key, value]) => request.pin.meta?.[key] === value))
  ).sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
  return { count: matching.length, results: matching.slice(0, limit).map(publicStatus) }
}

function publicStatus (request) {
  return { requestid: request.requestid, status: request.status, created: request.created, pin: request.pin, delegates: delegates(), info: request.info ?? {} }
}

async function createRequest (body) {
  const { pin } = validatePin(body)
  const request = { requestid: randomUUID(), status: 'queued', created: new Date().toISOString(), pin, info: {} }
  pinRequests.set(request.requestid, request)
  await journal({ put: request })
  enqueuePin(request.requestid)
  return request
}

function requireRequest (requestid) {
  const request = pinRequests.get(requestid)
  if (request == null) throw new HttpError(404, `no pin request ${requestid}`, 'NOT_FOUND')
  return request
}

async function readJson (req) {
  try {
    return JSON.parse((await readBody(req)).toString('utf8'))
  } catch (err) {
    throw new HttpError(400, `body is not JSON: ${err.message}`, 'BAD_REQUEST')
  }
}

const pinningServer = serve(async (req, res) => {
  if (req.headers.authorization !== `Bearer ${args['pinning-token']}`) {
    throw new HttpError(401, 'missing or wrong bearer token in the Authorization header', 'UNAUTHORIZED')
  }
  const url = new URL(req.url, 'http://127.0.0.1')
  if (url.pathname === '/pins' || url.pathname === '/pins/') {
    if (req.method === 'GET') return sendJson(res, 200, listPins(url.searchParams))
    if (req.method === 'POST') return sendJson(res, 202, publicStatus(await createRequest(await readJson(req))))
    throw new HttpError(405, `method ${req.method} not allowed on /pins`, 'BAD_REQUEST')
  }
  const match = /^\/pins\/([^/]+)$/.exec(url.pathname)
  if (match == null) throw new HttpError(404, `no such endpoint ${url.pathname}`, 'NOT_FOUND')
  const requestid = decodeURIComponent(match[1])
  if (req.method === 'GET') return sendJson(res, 200, publicStatus(requireRequest(requestid)))
  if (req.method === 'POST') {
    const old = requireRequest(requestid)
    const body = await readJson(req)
    validatePin(body)
    pinRequests.delete(requestid)
    await journal({ delete: requestid })
    const replacement = await createRequest(body)
    if (old.pin.cid !== replacement.pin.cid) await unpinIfUnused(old.pin.cid)
    return sendJson(res, 202, publicStatus(replacement))
  }
  if (req.method === 'DELETE') {
    const old = requireRequest(requestid)
    pinRequests.delete(requestid)
    await journal({ delete: requestid })
    await unpinIfUnused(old.pin.cid)
    res.writeHead(202)
    res.end()
    return
  }
  throw new HttpError(405, `method ${req.method} not allowed on /pins/{requestid}`, 'BAD_REQUEST')
}, (res, status, err) => sendJson(res, status, { error: { reason: err.reason ?? (status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'), details: err.message } }))

for (const request of pinRequests.values()) {
  if (request.status === 'queued' || request.status === 'pinning') {
    request.status = 'queued'
    enqueuePin(request.requestid)
  }
}

// ---------- start and stop ----------

// The RPC API listens last: once /api/v0/id answers, the gateway and pinning API are up too.
const gatewayPort = await listen(gatewayServer, args['gateway-port'])
const pinningPort = await listen(pinningServer, args['pinning-port'])
const rpcPort = await listen(rpcServer, args['rpc-port'])
const multiaddrs = helia.libp2p.getMultiaddrs().map(String)
const swarmPort = Number(multiaddrs[0]?.split('/')[4] ?? 0)
process.stdout.write(`READY ${JSON.stringify({
  name: args.name,
  peerId: helia.libp2p.peerId.toString(),
  rpcPort,
  gatewayPort,
  pinningPort,
  swarmPort,
  multiaddrs
})}\n`)

let stopping = false
async function stop (signal) {
  if (stopping) return
  stopping = true
  log(`${signal}: stopping`)
  for (const server of [rpcServer, gatewayServer, pinningServer]) {
    server.closeAllConnections()
    server.close()
  }
  await lastWrite
  await helia.stop()
  process.exit(0)
}
process.on('SIGTERM', () => { stop('SIGTERM') })
process.on('SIGINT', () => { stop('SIGINT') })
