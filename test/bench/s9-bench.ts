/**
 * S9: a decision with 1,000 signed stances, verified and tallied as a peer does when it shows a
 * proposal. Stance verification goes through `stanceVerifies` with the platform's crypto, beside
 * Node's native `crypto.verify` on the very same signatures and bytes in the same run; the tally
 * is the pure `tally` over the 1,000 (and a few changed stances). In-process: CPU work only.
 *
 * "Cold" is the first sight of each voter: 1,000 keys this process has never seen, so the
 * did→key, key-verdict and key-object caches hold none of them. Code paths are warmed first on
 * other voters, as S6 does, so JIT compilation is not what is measured.
 */
import { createPublicKey, randomBytes, verify as nodeVerify, type KeyObject } from 'node:crypto'
import { base58btc } from 'multiformats/bases/base58'
import { platformCrypto } from '../../electron/peer/consent/native-crypto.ts'
import { publicKeyFromDid, didFromPublicKey } from '../../shared/grants/did-key.ts'
import { isAcceptableKey, nobleCrypto, publicKeyFromSeed, signWithSeed, strictVerify } from '../../shared/grants/signature.ts'
import { fromBase64Url, toBase64Url } from '../../shared/invite-code.ts'
import { proposalBytes, proposalId, proposalVerifies, stanceBytes, stanceVerifies } from '../../shared/decisions/signing.ts'
import { tally, type TalliedStance } from '../../shared/decisions/tally.ts'
import type { Proposal, Stance } from '../../shared/schemas/decision.ts'

const SPACE = '2xhYyM9hUKhFcT6DAJ2nGxhWJc8z'
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const CLOSES = '2030-01-01T00:00:00.000Z'
const CHOICES = ['agree', 'agree', 'abstain', 'disagree'] as const
const EMPTY = new Uint8Array(0)

interface Voter { seed: Uint8Array; did: string; key: KeyObject }
interface Signed { stance: Stance; bytes: Uint8Array; sig: Buffer; key: KeyObject }

export interface S9Result {
  stances: number
  changed: number
  cold: { ours: number; native: number; nativeWithKeys: number }
  warm: { ours: number; native: number }
  tallyMedianMs: number
  tallyMaxMs: number
  /** The first tally, before the JIT has seen `tally`: what a peer's first view of a proposal pays. */
  tallyFirstMs: number
  tallyMaxAfterFirstMs: number
  tallyRuns: number
  proposalMs: number
  /** Microseconds per stance for each step of `stanceVerifies`, warm, and the whole. */
  steps: Array<[string, number]>
}

function voters(n: number): Voter[] {
  return Array.from({ length: n }, () => {
    const seed = randomBytes(32)
    const raw = publicKeyFromSeed(seed)
    return { seed, did: didFromPublicKey(raw), key: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }) }
  })
}

function signStance(v: Voter, decision: string, i: number, minute: number): Signed {
  const fields = {
    decision, choice: CHOICES[i % CHOICES.length]!, reason: i % 4 === 3 ? `Reason ${i}: the hall is booked that week.` : '',
    castAt: new Date(Date.UTC(2029, 11, 1, 0, minute)).toISOString(),
  }
  const bytes = stanceBytes(fields)
  const sig = Buffer.from(signWithSeed(v.seed, bytes))
  const stance: Stance = {
    id: `s-${i}-${minute}`, type: 'stance', voter: v.did, ...fields, signature: toBase64Url(sig), createdAt: fields.castAt, updatedAt: fields.castAt,
  }
  return { stance, bytes, sig, key: v.key }
}

function proposalOf(author: Voter, eligible: string[]): Proposal {
  const content = {
    nonce: 's9-nonce-0123456789', title: 'Open the hall on Sundays', details: '', process: 'majority' as const, closesAt: CLOSES,
    eligible: [...eligible].sort(), author: author.did, createdAt: '2029-11-30T00:00:00.000Z',
  }
  return {
    ...content, id: proposalId(SPACE, content, nobleCrypto.sha256), type: 'proposal', updatedAt: content.createdAt,
    signature: toBase64Url(signWithSeed(author.seed, proposalBytes(SPACE, content))),
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/** Our path and the baseline over the same stances, in alternating blocks so machine noise falls on both alike. */
function race(items: Signed[], ours: (s: Signed) => boolean, native: (s: Signed) => boolean): { ours: number; native: number } {
  let oursMs = 0
  let nativeMs = 0
  let ok = 0
  const BLOCK = 100
  for (let from = 0; from < items.length; from += BLOCK) {
    const block = items.slice(from, from + BLOCK)
    let t0 = performance.now()
    for (const s of block) if (native(s)) ok++
    nativeMs += performance.now() - t0
    t0 = performance.now()
    for (const s of block) if (ours(s)) ok++
    oursMs += performance.now() - t0
  }
  if (ok !== 2 * items.length) throw new Error(`S9: ${2 * items.length - ok} stance verifications failed`)
  return { ours: items.length / (oursMs / 1000), native: items.length / (nativeMs / 1000) }
}

/** Microseconds per item for `fn` over `items`: best of `passes` passes (1 for a first sight, which caches). */
function perItem<T>(items: T[], fn: (x: T) => unknown, passes = 5): number {
  let best = Infinity
  for (let pass = 0; pass < passes; pass++) {
    const t0 = performance.now()
    for (const x of items) fn(x)
    best = Math.min(best, performance.now() - t0)
  }
  return (best * 1000) / items.length
}


/**
 * Where the time of one `stanceVerifies` goes, step by step in its order: warm over `items`
 * (keys seen), and the steps a first sight adds over `unseen` (keys never seen by this process).
 */
function steps(items: Signed[], unseen: Signed[]): Array<[string, number]> {
  const raws = items.map((s) => publicKeyFromDid(s.stance.voter)!)
  const sigs = items.map((s) => fromBase64Url(s.stance.signature))
  const crypto = platformCrypto()
  const strictOnly = strictVerify(() => true)
  const unseenDids = unseen.map((s) => s.stance.voter)
  const unseenRaws = unseen.map((s) => base58btc.decode(s.stance.voter.slice('did:key:'.length)).slice(2))
  return [
    ['stanceBytes (DAG-CBOR encode)', perItem(items, (s) => stanceBytes(s.stance))],
    ['publicKeyFromDid, cached', perItem(items, (s) => publicKeyFromDid(s.stance.voter))],
    ['fromBase64Url of the signature', perItem(items, (s) => fromBase64Url(s.stance.signature))],
    ['strict checks, key verdict cached (S < L, R not small order, key)', perItem(items.map((_, i) => i), (i) => strictOnly(sigs[i]!, EMPTY, raws[i]!))],
    ['key object lookup (base64 of the key, Map get)', perItem(raws, (raw) => Buffer.from(raw).toString('base64'))],
    ['node:crypto verify alone', perItem(items, (s) => nodeVerify(null, s.bytes, s.key, s.sig))],
    ['the whole stanceVerifies, warm', perItem(items, (s) => stanceVerifies(s.stance, crypto))],
    ['first sight: publicKeyFromDid (base58 decode)', perItem(unseenDids, (d) => publicKeyFromDid(d), 1)],
    ['first sight: key verdict (isAcceptableKey: point decode, order checks)', perItem(unseenRaws, (k) => isAcceptableKey(k), 1)],
    ['first sight: key object (createPublicKey)', perItem(unseenRaws, (k) => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, k]), format: 'der', type: 'spki' }), 1)],
  ]
}

export function s9(n = 1000, changedN = 20, tallyRuns = 50): S9Result {
  const crypto = platformCrypto()
  // Warm the code paths on voters that are not measured.
  const warmup = voters(200)
  const warmItems = warmup.map((v, i) => signStance(v, 'd-warm', i, 1))
  race(warmItems, (s) => stanceVerifies(s.stance, crypto), (s) => nodeVerify(null, s.bytes, s.key, s.sig))

  const people = voters(n)
  const proposal = proposalOf(people[0]!, people.map((v) => v.did))
  // Each voter's stance; the first `changedN` changed their minds: their first stance is superseded.
  const first = people.slice(0, changedN).map((v, i) => signStance(v, proposal.id, i + 1, 0))
  const items = [...first, ...people.map((v, i) => signStance(v, proposal.id, i, 10))]

  // Cold: the first sight of each of these keys. The baseline has its key objects made already;
  // a cold native caller would also make them, shown beside it.
  const cold = race(items, (s) => stanceVerifies(s.stance, crypto), (s) => nodeVerify(null, s.bytes, s.key, s.sig))
  const fresh = voters(n).map((v, i) => signStance(v, proposal.id, i, 10))
  const t0 = performance.now()
  for (const s of fresh) {
    const raw = publicKeyFromDid(s.stance.voter)!
    nodeVerify(null, s.bytes, createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }), s.sig)
  }
  const nativeWithKeys = fresh.length / ((performance.now() - t0) / 1000)

  // Warm: the same stances again (as a peer showing the proposal a second time would, without a
  // verdict cache of its own). The best pass of each: on a shared machine the slower passes
  // measure the neighbours.
  const warmRuns = Array.from({ length: 7 }, () => race(items, (s) => stanceVerifies(s.stance, crypto), (s) => nodeVerify(null, s.bytes, s.key, s.sig)))
  const warm = { ours: Math.max(...warmRuns.map((r) => r.ours)), native: Math.max(...warmRuns.map((r) => r.native)) }

  const p0 = performance.now()
  if (!proposalVerifies(SPACE, proposal, crypto)) throw new Error('S9: the proposal does not verify')
  const proposalMs = performance.now() - p0

  const tallied: TalliedStance[] = items.map((s) => ({
    id: s.stance.id, voter: s.stance.voter, choice: s.stance.choice, castAt: s.stance.castAt, verified: stanceVerifies(s.stance, crypto),
  }))
  const input = { process: proposal.process, eligible: proposal.eligible, closesAt: proposal.closesAt, stances: tallied }
  const times: number[] = []
  for (let r = 0; r < tallyRuns; r++) {
    const t = performance.now()
    const result = tally(input)
    times.push(performance.now() - t)
    if (result.voted !== n) throw new Error(`S9: ${result.voted} voters counted of ${n}`)
  }
  const superseded = Object.values(tally(input).standings).filter((s) => s === 'superseded').length
  if (superseded !== changedN) throw new Error(`S9: ${superseded} superseded stances, expected ${changedN}`)

  return {
    stances: items.length, changed: changedN, cold: { ...cold, nativeWithKeys }, warm,
    tallyMedianMs: median(times), tallyMaxMs: Math.max(...times), tallyFirstMs: times[0]!, tallyMaxAfterFirstMs: Math.max(...times.slice(1)), tallyRuns, proposalMs, steps: steps(items, voters(200).map((v, i) => signStance(v, proposal.id, i, 10))),
  }
}
