/**
 * A second, independent statement of when a proof chain must be accepted, written from
 * DESIGN.md's rules rather than from shared/grants: plain DAG-CBOR, node:crypto for signatures
 * and SHA-256, noble only for the subgroup test. The fuzz test holds every verdict of
 * `verifyChain` against it, so a verifier that accepts what the rules forbid is caught even when
 * the input was legitimately re-signed.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto'
import * as dagCbor from '@ipld/dag-cbor'
import * as ed from '@noble/ed25519'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

const HEADER = [0x34, 0xed, 0x01, 0xed, 0x01, 0x13, 0x71]
const TAG = 'cw/grant@1'
const FIELDS = ['iss', 'aud', 'sub', 'cmd', 'pol', 'nbf', 'exp', 'nonce', 'dlg']
const PURPOSES = ['*', 'coordination', 'matching', 'research', 'publication', 'agent-assist', 'backup']
const COMMAND = /^(\/|\/doc\/read|\/doc\/write|\/grant\/revoke|\/api\/agent(\/[a-z0-9-]{1,32}){0,4})$/
const DOC = /^[A-Za-z0-9_*-]{1,128}$/
const DAY = 86_400
const SMALL_ORDER_R = new Set([
  '0100000000000000000000000000000000000000000000000000000000000000', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000', '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
])

export interface OracleContext {
  space: string
  root: string
  audience: string
  nowSeconds: number
  revoked: ReadonlySet<string>
}

interface Link {
  iss: string
  aud: string
  cmd: string
  docs: string[]
  purpose: string
  exp: number
  dlg: number
}

type Map_ = Record<string, unknown>

/** Why the chain must be refused, or undefined when every rule holds and it must be accepted. */
export function oracleRefusal(chain: readonly unknown[], ctx: OracleContext): string | undefined {
  if (!Array.isArray(chain) || chain.length < 1 || chain.length > 5) return 'chain length'
  const links: Link[] = []
  for (const bytes of chain) {
    const link = checkEnvelope(bytes, ctx)
    if (typeof link === 'string') return link
    links.push(link)
  }
  if (links[0]!.iss !== ctx.root) return 'root'
  for (let i = 1; i < links.length; i++) {
    const p = links[i - 1]!
    const c = links[i]!
    if (p.aud !== c.iss) return 'alignment'
    if (!(c.dlg < p.dlg)) return 'delegation depth'
    const cmdOk = p.cmd === '/' || p.cmd === c.cmd || (p.cmd === '/doc/write' && c.cmd === '/doc/read') || c.cmd.startsWith(p.cmd + '/')
    if (!cmdOk) return 'cmd'
    if (!p.docs.includes('*') && !c.docs.every((d) => p.docs.includes(d))) return 'docs'
    if (!(p.purpose === '*' || p.purpose === c.purpose)) return 'purpose'
    if (c.exp > p.exp) return 'exp'
  }
  if (links[links.length - 1]!.aud !== ctx.audience) return 'audience'
  return undefined
}

function checkEnvelope(bytes: unknown, ctx: OracleContext): Link | string {
  if (!(bytes instanceof Uint8Array)) return 'not bytes'
  if (bytes.length > 4096) return 'size'
  let env: unknown
  try {
    env = dagCbor.decode(bytes)
    if (!same(dagCbor.encode(env), bytes)) return 'canonical'
  } catch {
    return 'encoding'
  }
  if (!Array.isArray(env) || env.length !== 2) return 'envelope shape'
  const [sig, part] = env as unknown[]
  if (!(sig instanceof Uint8Array) || sig.length !== 64 || !isMap(part)) return 'envelope shape'
  if (Object.keys(part).sort().join() !== ['cw/grant@1', 'h'].join()) return 'signed part keys'
  if (!(part['h'] instanceof Uint8Array) || !same(part['h'], Uint8Array.from(HEADER))) return 'header'
  const p = part[TAG]
  if (!isMap(p)) return 'payload shape'
  const keys = Object.keys(p)
  if (!keys.every((k) => FIELDS.includes(k) || k === 'meta') || !FIELDS.every((k) => k in p)) return 'payload fields'
  const issKey = keyOf(p['iss'])
  if (!issKey || !keyOf(p['aud'])) return 'key'
  if (p['sub'] !== ctx.space) return 'space'
  const cmd = p['cmd']
  if (typeof cmd !== 'string' || !COMMAND.test(cmd)) return 'cmd unknown'
  const pol = p['pol']
  if (!isMap(pol) || Object.keys(pol).some((k) => k !== 'docs' && k !== 'purpose')) return 'pol shape'
  const docs = pol['docs']
  if (!Array.isArray(docs) || docs.length < 1 || docs.length > 32 || new Set(docs).size !== docs.length) return 'docs shape'
  if (!docs.every((d) => typeof d === 'string' && DOC.test(d))) return 'doc ref'
  const purpose = pol['purpose']
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) return 'purpose unknown'
  const { nbf, exp, dlg, nonce } = p
  if (!isSeconds(nbf) || !isSeconds(exp) || exp <= nbf) return 'times'
  const cap = cmd === '/' ? 365 * DAY : cmd.startsWith('/api/agent') ? DAY : 90 * DAY
  if (exp - nbf > cap) return 'lifetime'
  if (!(nonce instanceof Uint8Array) || nonce.length < 12 || nonce.length > 32) return 'nonce'
  if (typeof dlg !== 'number' || !Number.isInteger(dlg) || dlg < 0 || dlg > 4) return 'dlg'
  if ('meta' in p) {
    const meta = p['meta']
    if (!isMap(meta) || Object.keys(meta).some((k) => k !== 'note')) return 'meta'
    const note = meta['note']
    if (note !== undefined && (typeof note !== 'string' || Buffer.byteLength(note) > 1000)) return 'note'
  }
  if (SMALL_ORDER_R.has(Buffer.from(sig.subarray(0, 32)).toString('hex'))) return 'small-order R'
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), issKey])
  if (!nodeVerify(null, dagCbor.encode(part), createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig)) return 'signature'
  if (ctx.nowSeconds >= exp || nbf > ctx.nowSeconds + 60) return 'time'
  const id = CID.createV1(0x71, Digest.create(0x12, createHash('sha256').update(bytes).digest())).toString()
  if (ctx.revoked.has(id)) return 'revoked'
  return { iss: p['iss'] as string, aud: p['aud'] as string, cmd, docs: docs as string[], purpose, exp, dlg }
}

const keyVerdicts = new Map<string, Uint8Array | undefined>()

/** The raw key of an Ed25519 did:key spelled canonically, whose point has prime order; else undefined. */
function keyOf(did: unknown): Uint8Array | undefined {
  if (typeof did !== 'string' || !did.startsWith('did:key:z') || did.length > 64) return undefined
  if (keyVerdicts.has(did)) return keyVerdicts.get(did)
  let key: Uint8Array | undefined
  try {
    const raw = base58btc.decode(did.slice('did:key:'.length))
    if (raw.length === 34 && raw[0] === 0xed && raw[1] === 0x01 && `did:key:${base58btc.encode(raw)}` === did) {
      const point = ed.Point.fromBytes(raw.subarray(2), false)
      if (!point.is0() && point.isTorsionFree() && !point.isSmallOrder()) key = raw.slice(2)
    }
  } catch {
    key = undefined
  }
  keyVerdicts.set(did, key)
  return key
}

function isMap(v: unknown): v is Map_ {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof CID)
}

function isSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
