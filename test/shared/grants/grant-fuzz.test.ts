/**
 * Random mutations of valid grants, chains and revocations: byte damage, CBOR-level field
 * changes (left unsigned, or re-signed by the issuer), chain reorders, duplicates and drops, and
 * links spliced in from other chains. For every one, nothing throws and a refusal names one of
 * the grant codes. Besides:
 * - a mutation that changes any byte without re-signing (bytes, fields, chain order) is refused;
 *   an input left byte-identical is accepted, as its original was;
 * - every verdict on an input that could be accepted (re-signed, spliced, revoked or unchanged)
 *   agrees with an independent reference (grant-oracle.ts), so an accepted input is always a
 *   legitimately signed chain that the rules allow;
 * - a random 5%, and every input signed with a crafted R or by a mixed-order key, are checked
 *   again with @noble/ed25519, which must give the identical verdict (code included).
 *
 * The seed is printed; rerun a failure with COMMONWEAVE_FUZZ_SEED, and set the count with
 * COMMONWEAVE_FUZZ_ITERATIONS (default 10,000).
 */
import { describe, expect, it } from 'vitest'
import * as dagCbor from '@ipld/dag-cbor'
import { nativeCrypto } from '../../../electron/peer/consent/native-crypto.ts'
import { ErrorCode } from '../../../shared/errors.ts'
import type { Did } from '../../../shared/ids.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { envelopeId } from '../../../shared/grants/grant-codec.ts'
import { Cmd } from '../../../shared/grants/grant-format.ts'
import { verifyChain, verifyRevocation } from '../../../shared/grants/grant-verify.ts'
import type { Result } from '../../../shared/grants/result.ts'
import { nobleCrypto } from '../../../shared/grants/signature.ts'
import {
  DAY, NOW_S, SPACE, alice, bob, carol, context, craftSignature, dave, link, mallory, mixedOrderKey, nonce,
  revocationPayload, root, sign, signRevocation, verdictOf, type Party, type Verdict,
} from './grant-fixtures.ts'
import { oracleRefusal } from './grant-oracle.ts'
import { DIDS, randomDocs, randomValue, rng as makeRng, type Rng } from './fuzz-values.ts'

const SEED = envInt('COMMONWEAVE_FUZZ_SEED', 20_240_601)
const ITERATIONS = envInt('COMMONWEAVE_FUZZ_ITERATIONS', 10_000)
const CROSS_CHECK_SHARE = 0.05

function envInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(raw)}`)
  return n
}

/** The codes a grant check may answer with: anything else (INTERNAL, a thrown error) is a bug. */
const GRANT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.GrantMalformed, ErrorCode.GrantTooLarge, ErrorCode.NonCanonical, ErrorCode.UnknownField, ErrorCode.BadKey,
  ErrorCode.SignatureInvalid, ErrorCode.GrantExpired, ErrorCode.GrantNotYetValid, ErrorCode.ExpiryTooLong,
  ErrorCode.PurposeUnknown, ErrorCode.ChainTooLong, ErrorCode.ChainMisaligned, ErrorCode.WrongRoot, ErrorCode.WrongAudience,
  ErrorCode.WrongSpace, ErrorCode.NotDelegable, ErrorCode.CmdEscalated, ErrorCode.DocsEscalated, ErrorCode.PurposeEscalated,
  ErrorCode.ExpiryExtended, ErrorCode.GrantRevoked,
])

interface Base {
  name: string
  chain: Uint8Array[]
  audience: Did
}

const BASES: Base[] = [
  { name: 'one write grant', chain: [link(root, alice, { dlg: 2 })], audience: alice.did },
  {
    name: 'three links narrowing',
    chain: [
      link(root, alice, { cmd: Cmd.All, pol: { docs: ['*'], purpose: '*' }, exp: NOW_S + 300 * DAY, dlg: 3 }),
      link(alice, bob, { nonce: nonce(1), pol: { docs: ['resources', 'decisions'], purpose: 'coordination' }, exp: NOW_S + 60 * DAY, dlg: 2 }),
      link(bob, carol, { nonce: nonce(2), cmd: Cmd.Read, pol: { docs: ['resources'], purpose: 'coordination' }, exp: NOW_S + 20 * DAY, dlg: 0 }),
    ],
    audience: carol.did,
  },
  {
    name: 'an agent delegation',
    chain: [
      link(root, alice, { cmd: Cmd.Agent, pol: { docs: ['resources'], purpose: 'agent-assist' }, nbf: NOW_S - 3600, exp: NOW_S + 7200, dlg: 1 }),
      link(alice, dave, { nonce: nonce(3), cmd: '/api/agent/match', pol: { docs: ['resources'], purpose: 'agent-assist' }, nbf: NOW_S - 60, exp: NOW_S + 3600, dlg: 0 }),
    ],
    audience: dave.did,
  },
  {
    name: 'five links at the cap',
    chain: [root, alice, bob, carol, dave].map((from, i) => link(from, [alice, bob, carol, dave, mallory][i]!, { nonce: nonce(10 + i), dlg: 4 - i })),
    audience: mallory.did,
  },
  {
    name: 'a consent note and a document id',
    chain: [
      link(root, bob, { meta: { note: 'For the tool library — Werkzeug 🌱' }, pol: { docs: ['resources', '4NMNnkrnDcVhBBXrQcUZV2gTjFSh'], purpose: 'matching' }, dlg: 1 }),
      link(bob, carol, { nonce: nonce(4), cmd: Cmd.Read, pol: { docs: ['4NMNnkrnDcVhBBXrQcUZV2gTjFSh'], purpose: 'matching' }, dlg: 0 }),
    ],
    audience: carol.did,
  },
]
const REVOCATION = signRevocation(root, revocationPayload())
const PARTY_BY_DID = new Map<string, Party>([root, alice, bob, carol, dave, mallory].map((p) => [p.did, p]))
/** Mallory's key plus a point of order 8: a key outside the prime-order subgroup whose owner can sign for it. */
const MIXED = (() => {
  const key = mixedOrderKey(mallory.seed)
  return { key, did: didFromPublicKey(key) }
})()

/** What a mutation did, and whether its output may be accepted at all. */
const Kind = {
  /** Bytes damaged, not re-signed: refused unless byte-identical. */
  Bytes: 'bytes',
  /** A CBOR field changed, not re-signed: refused unless byte-identical. */
  Field: 'field',
  /** A CBOR field changed and re-signed: the reference decides. */
  Resigned: 're-signed',
  /** Links reordered, duplicated or dropped: refused unless identical. */
  Chain: 'chain',
  /** A validly signed link from another chain spliced in: the reference decides. */
  Splice: 'splice',
  /** A revocation's bytes damaged: refused unless byte-identical. */
  Revocation: 'revocation',
  /** An unchanged chain with one of its links revoked: refused with GRANT_REVOKED. */
  Revoked: 'revoked',
} as const
type Kind = (typeof Kind)[keyof typeof Kind]

interface Mutation {
  kind: Kind
  op: string
  /** Index of the base chain, -1 for the revocation. */
  base: number
  input: unknown[]
  /** The peer presenting the input: the base chain's audience unless the mutation says otherwise. */
  audience?: Did
  revoked?: ReadonlySet<string>
  /** Signed with a crafted R: always checked on noble too, where cofactored and cofactorless verifiers could part. */
  crafted?: boolean
}

type Fields = Record<string, unknown>

const BYTE_OPS: Record<string, (r: Rng, b: Uint8Array) => Uint8Array> = {
  'flip bits anywhere': (r, b) => flip(r, b, 0, b.length, 1 + r.int(4)),
  'flip a signature bit': (r, b) => flip(r, b, 3, 67, 1),
  'flip a signed-part bit': (r, b) => flip(r, b, 67, b.length, 1),
  'insert a byte': (r, b) => splice(b, r.int(b.length + 1), 0, Uint8Array.of(r.int(256))),
  'delete a byte': (r, b) => splice(b, r.int(b.length), 1),
  'truncate': (r, b) => b.slice(0, r.int(b.length)),
  'overwrite a byte': (r, b) => splice(b, r.int(b.length), 1, Uint8Array.of(r.int(256))),
  'overwrite a run': (r, b) => { const n = 1 + r.int(16); return splice(b, r.int(b.length), n, r.bytes(n)) },
  'duplicate a slice': (r, b) => { const at = r.int(b.length); return splice(b, at, 0, b.slice(at, at + 1 + r.int(32))) },
  'append bytes': (r, b) => splice(b, b.length, 0, r.bytes(1 + r.int(8))),
  'pad past the size cap': (r, b) => splice(b, r.int(b.length + 1), 0, r.bytes(4097 - b.length + r.int(64))),
  'swap two bytes': (r, b) => { const o = b.slice(); const i = r.int(b.length); const j = r.int(b.length); [o[i], o[j]] = [o[j]!, o[i]!]; return o },
}

const CMDS = ['/', '/doc/read', '/doc/write', '/grant/revoke', '/api/agent', '/api/agent/match', '/api/agent/match/x', '/doc', '/doc/write/x', '/api/agentx', '/api/agent/UP', '', 'read']
const PURPOSES = ['*', 'coordination', 'matching', 'research', 'publication', 'agent-assist', 'backup', 'advertising', 'Coordination', '']
const DELTAS = [-400 * DAY, -30 * DAY, -DAY, -3600, -61, -60, -1, 1, 59, 60, 61, 3600, DAY, 30 * DAY, 90 * DAY, 400 * DAY]
const FIELDS = ['iss', 'aud', 'sub', 'cmd', 'pol', 'nbf', 'exp', 'nonce', 'dlg', 'meta']
const METAS: unknown[] = [{}, { note: 'ok' }, { note: 'x'.repeat(1001) }, { note: 5 }, { other: 1 }, 'meta', []]

const isMap = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)
/** Sets a field even when it is named `__proto__`. */
const define = (o: Fields, k: string, v: unknown): void => {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
}

const FIELD_OPS: Record<string, (r: Rng, part: Fields, p: Fields) => void> = {
  'set a payload field to a random value': (r, _part, p) => define(p, r.pick(FIELDS), randomValue(r)),
  'delete a payload field': (r, _part, p) => { delete p[r.pick(FIELDS)] },
  'add an unknown payload field': (r, _part, p) => define(p, r.pick(['prf', 'x', 'Cmd', '__proto__', 'meta2']), randomValue(r)),
  'change cmd': (r, _part, p) => { p['cmd'] = r.pick(CMDS) },
  'change docs': (r, _part, p) => { if (isMap(p['pol'])) p['pol']['docs'] = randomDocs(r) },
  'fill docs with long references': (r, _part, p) => {
    if (isMap(p['pol'])) p['pol']['docs'] = Array.from({ length: 20 + r.int(13) }, (_, i) => `d${i}`.padEnd(100 + r.int(29), 'x'))
  },
  'change purpose': (r, _part, p) => { if (isMap(p['pol'])) p['pol']['purpose'] = r.pick(PURPOSES) },
  'add a policy field': (r, _part, p) => { if (isMap(p['pol'])) define(p['pol'], r.pick(['where', 'until', '__proto__']), randomValue(r)) },
  'shift exp': (r, _part, p) => { if (typeof p['exp'] === 'number') p['exp'] += r.pick(DELTAS) },
  'shift nbf': (r, _part, p) => { if (typeof p['nbf'] === 'number') p['nbf'] += r.pick(DELTAS) },
  'set exp around now': (r, _part, p) => { p['exp'] = NOW_S + r.pick([-1, 0, 1]) },
  'set nbf around the allowed skew': (r, _part, p) => { p['nbf'] = NOW_S + r.pick([59, 60, 61, 3600]) },
  'change dlg': (r, _part, p) => { p['dlg'] = r.pick([-1, 0, 1, 2, 3, 4, 5, 2 ** 53 - 1]) },
  'change iss': (r, _part, p) => { p['iss'] = r.pick(DIDS) },
  'change aud': (r, _part, p) => { p['aud'] = r.pick(DIDS) },
  'change sub': (r, _part, p) => { p['sub'] = r.pick([SPACE, '3y9mR8pN5qWc1UaS2dXgZiK4tMe', 'no space', '']) },
  'change nonce': (r, _part, p) => { p['nonce'] = r.bytes(r.pick([0, 11, 12, 16, 32, 33])) },
  'change meta': (r, _part, p) => { p['meta'] = r.pick(METAS) },
  'change the header': (r, part) => { part['h'] = r.pick([r.bytes(7), Uint8Array.of(0x34, 0xe7, 0x01, 0xe7, 0x01, 0x13, 0x71), new Uint8Array(0)]) },
  'rename the tag': (r, part, p) => { delete part['cw/grant@1']; part[r.pick(['cw/grant@2', 'cw/revoke@1', 'x'])] = p },
  'add a signed-part field': (r, part) => define(part, r.pick(['x', 'prf', 'h2']), randomValue(r)),
}

const CHAIN_OPS: Record<string, (r: Rng, c: Uint8Array[]) => unknown[]> = {
  'swap two links': (r, c) => { const o = [...c]; const [i, j] = twoIndices(r, c.length); [o[i], o[j]] = [o[j]!, o[i]!]; return o },
  'duplicate a link': (r, c) => spliceList(c, r.int(c.length + 1), 0, c[r.int(c.length)]!),
  'drop a link': (r, c) => spliceList(c, r.int(c.length), 1),
  'reverse the chain': (_r, c) => [...c].reverse(),
  'replace a link with another of the chain': (r, c) => { const [i, j] = twoIndices(r, c.length); return spliceList(c, i, 1, c[j]!) },
  'repeat the chain past the cap': (_r, c) => [...c, ...c, ...c, ...c, ...c, ...c].slice(0, 6),
}

function mutate(r: Rng): Mutation {
  const roll = r.float()
  if (roll < 0.05) {
    const op = r.pick(Object.keys(BYTE_OPS))
    return { kind: Kind.Revocation, op, base: -1, input: [BYTE_OPS[op]!(r, REVOCATION)] }
  }
  const base = r.int(BASES.length)
  const chain = BASES[base]!.chain
  const at = r.int(chain.length)
  if (roll < 0.40) {
    const op = r.pick(Object.keys(BYTE_OPS))
    return { kind: Kind.Bytes, op, base, input: replaced(chain, at, BYTE_OPS[op]!(r, chain[at]!)) }
  }
  if (roll < 0.85) {
    const resign = r.chance(0.5)
    const [signature, part] = dagCbor.decode(chain[at]!) as [Uint8Array, Fields]
    const payload = part['cw/grant@1'] as Fields
    const issuer = PARTY_BY_DID.get(payload['iss'] as string)!
    const ops = Array.from({ length: r.chance(0.25) ? 2 : 1 }, () => r.pick(Object.keys(FIELD_OPS)))
    for (const op of ops) FIELD_OPS[op]!(r, part, payload)
    if (!resign) {
      return { kind: Kind.Field, op: ops.join(' + '), base, input: replaced(chain, at, dagCbor.encode([signature, part])) }
    }
    const { signature: resigned, how } = signAgain(r, payload['iss'], issuer, dagCbor.encode(part))
    const input = replaced(chain, at, dagCbor.encode([resigned, part]))
    // Half the time the holder is whoever the last link now names, so a weak audience key can be the one accepted.
    const audience = r.chance(0.5) ? claimedAudience(input) : undefined
    return { kind: Kind.Resigned, op: `${ops.join(' + ')}, ${how}`, base, input, audience, crafted: how !== 'signed' }
  }
  if (roll < 0.93) {
    const op = r.pick(Object.keys(CHAIN_OPS))
    return { kind: Kind.Chain, op, base, input: CHAIN_OPS[op]!(r, chain) }
  }
  if (roll < 0.95) {
    return { kind: Kind.Revoked, op: `revoke link ${at}`, base, input: chain, revoked: new Set([envelopeId(chain[at]!, nativeCrypto.sha256)]) }
  }
  const foreign = BASES[r.int(BASES.length)]!.chain
  const other = foreign[r.int(foreign.length)]!
  const op = r.pick(['replace a link', 'append a link', 'prepend a link'])
  const input = op === 'replace a link' ? replaced(chain, at, other) : op === 'append a link' ? [...chain, other] : [other, ...chain]
  return { kind: Kind.Splice, op: `${op} from another chain`, base, input, audience: r.chance(0.5) ? claimedAudience(input) : undefined }
}

/**
 * A signature over a re-signed payload: by the party the payload now names as issuer when its
 * key is known (the mixed-order key's owner included), else by the original issuer; sometimes
 * with a crafted R of mixed or small order, which only a cofactored verifier would accept.
 */
function signAgain(r: Rng, iss: unknown, issuer: Party, bytes: Uint8Array): { signature: Uint8Array; how: string } {
  const nonceScalar = BigInt(1 + r.int(2 ** 31))
  if (iss === MIXED.did) return { signature: craftSignature(mallory.seed, bytes, { r: nonceScalar, publicKey: MIXED.key }), how: 'signed by the mixed-order key' }
  const signer = PARTY_BY_DID.get(iss as string) ?? issuer
  const roll = r.float()
  if (roll < 0.04) return { signature: craftSignature(signer.seed, bytes, { r: nonceScalar, rTorsion: true }), how: 'signed with a mixed-order R' }
  if (roll < 0.06) return { signature: craftSignature(signer.seed, bytes, { r: 0n }), how: 'signed with the identity as R' }
  return { signature: sign(signer.seed, bytes), how: 'signed' }
}

/** The audience the last link of a (possibly damaged) chain names, if it can be read. */
function claimedAudience(chain: readonly unknown[]): Did | undefined {
  try {
    const [, part] = dagCbor.decode(chain[chain.length - 1] as Uint8Array) as [unknown, Fields]
    const aud = (part['cw/grant@1'] as Fields)['aud']
    return typeof aud === 'string' ? (aud as Did) : undefined
  } catch {
    return undefined
  }
}

describe(`grant fuzz: ${ITERATIONS} random mutations, seed ${SEED}`, () => {
  it('refuses every damaged input with a grant code, never throws, and agrees with the reference and with noble', () => {
    console.info(`grant fuzz: seed ${SEED}, ${ITERATIONS} iterations (COMMONWEAVE_FUZZ_SEED / COMMONWEAVE_FUZZ_ITERATIONS)`)
    for (const base of BASES) expect(verifyChain(base.chain, context(nativeCrypto, { audience: base.audience })).ok, base.name).toBe(true)
    const r = makeRng(SEED)
    const failures: string[] = []
    const seen = new Map<string, number>()
    const count = (key: string): void => { seen.set(key, (seen.get(key) ?? 0) + 1) }
    const started = performance.now()
    let crossChecked = 0
    for (let i = 0; i < ITERATIONS; i++) {
      const m = mutate(r)
      const where = `#${i} ${m.kind} "${m.op}" on ${m.base < 0 ? 'the revocation' : BASES[m.base]!.name}`
      const problem = judge(m, r.float() < CROSS_CHECK_SHARE || m.crafted === true ? () => { crossChecked++ } : undefined, count)
      if (problem) failures.push(`${where}: ${problem}`)
      if (failures.length >= 20) break
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.info(`grant fuzz: ${ITERATIONS} mutations in ${seconds} s, ${crossChecked} cross-checked with noble;`, Object.fromEntries([...seen].sort()))
    expect(failures, `rerun with COMMONWEAVE_FUZZ_SEED=${SEED}`).toEqual([])
    if (ITERATIONS < 5_000) {
      console.info('grant fuzz: under 5,000 iterations, so whether every kind of mutation and every code was reached is not checked')
      return
    }
    for (const kind of Object.values(Kind)) expect(seen.get(`${kind}: refused`) ?? 0, `${kind} mutations refused`).toBeGreaterThan(0)
    expect(seen.get(`${Kind.Resigned}: accepted`) ?? 0, 're-signed mutations that still verify').toBeGreaterThan(0)
    expect([...GRANT_CODES].filter((code) => !seen.has(`code ${code}`)), 'refusal codes never reached').toEqual([])
  }, Math.max(60_000, ITERATIONS * 5))
})

/** Checks one mutation; returns what went wrong, or undefined. */
function judge(m: Mutation, crossCheck: (() => void) | undefined, count: (key: string) => void): string | undefined {
  const base = m.base < 0 ? undefined : BASES[m.base]!
  const revoked = m.revoked ?? new Set<string>()
  const audience = m.audience ?? base?.audience
  const run = (crypto: typeof nativeCrypto): Result<unknown> => base
    ? verifyChain(m.input as Uint8Array[], context(crypto, { audience, isRevoked: (id) => revoked.has(id) }))
    : verifyRevocation(m.input[0] as Uint8Array, SPACE, crypto)
  let result: Result<unknown>
  try {
    result = run(nativeCrypto)
  } catch (err) {
    return `threw ${String(err)}`
  }
  const verdict = verdictOf(result)
  count(`${m.kind}: ${verdict.ok ? 'accepted' : 'refused'}`)
  if (!result.ok) {
    count(`code ${result.error.code}`)
    if (!GRANT_CODES.has(result.error.code)) return `refused with ${result.error.code}, not a grant code`
    if (typeof result.error.message !== 'string' || result.error.message === '') return 'refused without a message'
  }
  const identical = sameList(m.input, base ? base.chain : [REVOCATION])
  const unsigned = m.kind === Kind.Bytes || m.kind === Kind.Field || m.kind === Kind.Chain || m.kind === Kind.Revocation
  if (unsigned && identical && !verdict.ok) return `an unchanged input was refused with ${verdict.code}`
  if (unsigned && !identical && verdict.ok) return 'changed without re-signing, yet accepted'
  if (m.kind === Kind.Revoked && (verdict.ok || verdict.code !== ErrorCode.GrantRevoked)) return `a revoked link gave ${JSON.stringify(verdict)}`
  // Where the input was changed without re-signing, the refusal is already required above; the
  // reference is consulted wherever acceptance is possible.
  if (base && (!unsigned || identical)) {
    const refusal = oracleRefusal(m.input, { space: SPACE, root: root.did, audience: audience ?? base.audience, nowSeconds: NOW_S, revoked })
    if (verdict.ok !== (refusal === undefined)) {
      return `the verifier ${verdict.ok ? 'accepted' : `refused (${verdict.code})`} but the reference ${refusal === undefined ? 'accepts' : `refuses (${refusal})`}`
    }
  }
  if (crossCheck) {
    crossCheck()
    let noble: Verdict
    try {
      noble = verdictOf(run(nobleCrypto))
    } catch (err) {
      return `noble threw ${String(err)}`
    }
    if (JSON.stringify(noble) !== JSON.stringify(verdict)) return `native says ${JSON.stringify(verdict)}, noble ${JSON.stringify(noble)}`
  }
  return undefined
}

/** Two different indices below `n` when there are two; else 0 twice. */
function twoIndices(r: Rng, n: number): [number, number] {
  const i = r.int(n)
  return n < 2 ? [i, i] : [i, (i + 1 + r.int(n - 1)) % n]
}

function flip(r: Rng, b: Uint8Array, from: number, to: number, bits: number): Uint8Array {
  const o = b.slice()
  for (let k = 0; k < bits; k++) {
    const at = from + r.int(Math.max(1, to - from))
    o[at] = o[at]! ^ (1 << r.int(8))
  }
  return o
}

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(Math.max(0, b.length - Math.min(remove, b.length - at)) + insert.length)
  out.set(b.subarray(0, at), 0)
  out.set(insert, at)
  out.set(b.subarray(at + remove), at + insert.length)
  return out
}

function spliceList<T>(list: readonly T[], at: number, remove: number, ...insert: T[]): T[] {
  const out = [...list]
  out.splice(at, remove, ...insert)
  return out
}

function replaced(chain: readonly Uint8Array[], at: number, bytes: Uint8Array): Uint8Array[] {
  return spliceList(chain, at, 1, bytes)
}

function sameList(a: readonly unknown[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((x, i) => x instanceof Uint8Array && x.length === b[i]!.length && x.every((y, j) => y === b[i]![j]))
}
