/**
 * What proposals, stances and outcomes are signed over (shared/decisions/signing.ts): anyone
 * holding the items can tell a genuine one from an altered one, with the portable and the native
 * Ed25519 alike, and a malformed item is refused without throwing.
 */
import { describe, expect, it } from 'vitest'
import { nativeCrypto } from '../../../electron/peer/consent/native-crypto.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { nobleCrypto, publicKeyFromSeed, signWithSeed } from '../../../shared/grants/signature.ts'
import { toBase64Url } from '../../../shared/invite-code.ts'
import {
  outcomeBytes, outcomeVerifies, proposalBytes, proposalId, proposalVerifies, stanceBytes, stanceVerifies,
} from '../../../shared/decisions/signing.ts'
import type { Outcome, Proposal, Stance } from '../../../shared/schemas/decision.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
const seedOf = (n: number): Uint8Array => new Uint8Array(32).fill(n)
const person = (n: number): { seed: Uint8Array; did: string } => ({ seed: seedOf(n), did: didFromPublicKey(publicKeyFromSeed(seedOf(n))) })
const ana = person(1)
const ben = person(2)
const cai = person(3)
const sign = (seed: Uint8Array, bytes: Uint8Array): string => toBase64Url(signWithSeed(seed, bytes))

/** A proposal as its author makes one: its id the hash of its content in SPACE, its content signed. */
const propose = (author: { seed: Uint8Array; did: string }, content: Omit<Proposal, 'id' | 'signature' | 'type' | 'updatedAt' | 'author'>, space = SPACE): Proposal => {
  const c = { ...content, author: author.did }
  return { ...c, id: proposalId(space, c, nobleCrypto.sha256), type: 'proposal', updatedAt: c.createdAt, signature: sign(author.seed, proposalBytes(space, c)) }
}

const proposal: Proposal = propose(ana, {
  nonce: 'q3VxN8bB2s4yWm1kPz7aLw', title: 'Buy a second ladder', details: 'The tall one, from the co-op.', process: 'consent',
  closesAt: '2026-12-24T18:00:00.000Z', quorum: 50, eligible: [ana.did, ben.did].sort(), createdAt: '2026-12-20T09:00:00.000Z',
})

const stance: Stance = (() => {
  const s: Omit<Stance, 'signature'> = {
    id: 's-1', type: 'stance', decision: proposal.id, voter: ben.did, choice: 'objection', reason: 'We have one already.',
    castAt: '2026-12-21T10:00:00.000Z', createdAt: '2026-12-21T10:00:00.000Z', updatedAt: '2026-12-21T10:00:00.000Z',
  }
  return { ...s, signature: sign(ben.seed, stanceBytes(s)) }
})()

const outcome: Outcome = (() => {
  const o: Omit<Outcome, 'signature'> = {
    id: 'o-1', type: 'outcome', decision: proposal.id, by: ana.did, statement: 'Not bought; we share the one we have.',
    closedAt: '2026-12-24T18:00:00.000Z', held: ['s-1'], createdAt: '2026-12-24T18:00:00.000Z', updatedAt: '2026-12-24T18:00:00.000Z',
  }
  return { ...o, signature: sign(ana.seed, outcomeBytes(o)) }
})()

const BACKENDS = [['noble', nobleCrypto], ['native', nativeCrypto]] as const

/** Signatures that are not a 64-byte base64url value, and dids that are not an Ed25519 did:key. */
const BAD_SIGNATURES: [string, (sig: string) => string][] = [
  ['empty', () => ''],
  ['not base64url (+ and /)', (sig) => sig.replaceAll('-', '+').replaceAll('_', '/').replace(/^./, '+')],
  ['with padding', (sig) => `${sig}==`],
  ['with a space', (sig) => ` ${sig}`],
  ['one byte short', () => toBase64Url(new Uint8Array(63).fill(7))],
  ['one byte long', (sig) => `${sig}AA`],
  ['a single character', () => 'A'],
  ['non-ASCII', (sig) => `${sig.slice(1)}é`],
  ['all zeros', () => toBase64Url(new Uint8Array(64))],
]
const BAD_DIDS: [string, string][] = [
  ['empty', ''],
  ['not a did', 'Ana Souza'],
  ['did:web', 'did:web:example.com'],
  ['did:key that is not base58', 'did:key:z0OIl'],
  ['did:key too short', 'did:key:z6Mk'],
  ['did:key of a secp256k1 key', 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'],
  ['did:key, very long', `did:key:z${'1'.repeat(10_000)}`],
]

describe.each(BACKENDS)('with %s Ed25519', (_name, crypto) => {
  it('genuine items verify', () => {
    expect(proposalVerifies(SPACE, proposal, crypto)).toBe(true)
    expect(stanceVerifies(stance, crypto)).toBe(true)
    expect(outcomeVerifies(outcome, crypto)).toBe(true)
  })

  it.each<[string, Partial<Stance>]>([
    ['reason', { reason: 'We have one already' }],
    ['choice', { choice: 'consent' }],
    ['castAt', { castAt: '2026-12-21T10:00:00.001Z' }],
    ['decision', { decision: 'd-0b6f3c2f' }],
  ])('a stance with its %s altered does not verify', (_field, change) => {
    expect(stanceVerifies({ ...stance, ...change }, crypto)).toBe(false)
  })

  it.each<[string, Partial<Proposal>]>([
    ['a voter added', { eligible: [ana.did, ben.did, cai.did].sort() }],
    ['a voter removed', { eligible: [ana.did] }],
    ['closesAt moved later', { closesAt: '2026-12-31T18:00:00.000Z' }],
    ['quorum dropped', { quorum: undefined }],
    ['process', { process: 'majority' }],
    ['title', { title: 'Buy a third ladder' }],
    ['details', { details: '' }],
    ['createdAt', { createdAt: '2026-12-20T09:00:01.000Z' }],
    ['id', { id: 'd-0b6f3c2f' }],
    ['nonce', { nonce: 'q3VxN8bB2s4yWm1kPz7aLx' }],
    ['author', { author: ben.did }],
  ])('a proposal with %s does not verify', (_name, change) => {
    expect(proposalVerifies(SPACE, { ...proposal, ...change }, crypto)).toBe(false)
  })

  it('a proposal swapped under an id its stances name does not verify, even signed by its new writer', () => {
    // Ben, who may write the document, signs a proposal of his own and files it under Ana's id.
    const swapped = propose(ben, { nonce: 'zzVxN8bB2s4yWm1kPz7aLw', title: 'Expel Cai', details: '', process: 'consent', closesAt: proposal.closesAt, eligible: proposal.eligible, createdAt: proposal.createdAt })
    expect(proposalVerifies(SPACE, swapped, crypto)).toBe(true)
    expect(swapped.id).not.toBe(proposal.id)
    expect(proposalVerifies(SPACE, { ...swapped, id: proposal.id }, crypto)).toBe(false)
  })

  it('a proposal presented in another space does not verify', () => {
    expect(proposalVerifies('2x8kQ7nM4pVb9TzR1cWfYhJ3sLe', proposal, crypto)).toBe(false)
  })

  it.each<[string, Partial<Outcome>]>([
    ['statement', { statement: 'Bought.' }],
    ['closedAt', { closedAt: '2026-12-22T18:00:00.000Z' }],
    ['decision', { decision: 'd-other' }],
    ['stances held at the close', { held: [] }],
  ])('an outcome with its %s altered does not verify', (_field, change) => {
    expect(outcomeVerifies({ ...outcome, ...change }, crypto)).toBe(false)
  })

  it('fields outside the signed ones may change: id, createdAt and updatedAt of a stance', () => {
    expect(stanceVerifies({ ...stance, id: 's-2', updatedAt: '2027-01-01T00:00:00.000Z' }, crypto)).toBe(true)
  })

  it('a signature over one kind of item never passes as another (domain tags)', () => {
    // The same fields signed under the stance tag, presented as an outcome and as a proposal.
    const asStance = sign(ana.seed, stanceBytes({ decision: outcome.decision, choice: 'agree', reason: outcome.statement, castAt: outcome.closedAt }))
    expect(outcomeVerifies({ ...outcome, signature: asStance }, crypto)).toBe(false)
    expect(stanceVerifies({ ...stance, voter: ana.did, signature: outcome.signature }, crypto)).toBe(false)
    expect(proposalVerifies(SPACE, { ...proposal, signature: outcome.signature }, crypto)).toBe(false)
    expect(outcomeVerifies({ ...outcome, signature: proposal.signature }, crypto)).toBe(false)
  })

  it('a stance claimed by another voter does not verify', () => {
    expect(stanceVerifies({ ...stance, voter: cai.did }, crypto)).toBe(false)
    expect(stanceVerifies({ ...stance, voter: ana.did }, crypto)).toBe(false)
    expect(outcomeVerifies({ ...outcome, by: ben.did }, crypto)).toBe(false)
  })

  it.each(BAD_DIDS)('a malformed voter (%s) is refused without throwing', (_name, did) => {
    expect(stanceVerifies({ ...stance, voter: did }, crypto)).toBe(false)
    expect(outcomeVerifies({ ...outcome, by: did }, crypto)).toBe(false)
    expect(proposalVerifies(SPACE, { ...proposal, author: did }, crypto)).toBe(false)
  })

  it.each(BAD_SIGNATURES)('a signature that is %s is refused without throwing', (_name, bad) => {
    expect(stanceVerifies({ ...stance, signature: bad(stance.signature) }, crypto)).toBe(false)
    expect(outcomeVerifies({ ...outcome, signature: bad(outcome.signature) }, crypto)).toBe(false)
    expect(proposalVerifies(SPACE, { ...proposal, signature: bad(proposal.signature) }, crypto)).toBe(false)
  })

  it('a signature with one bit flipped does not verify', () => {
    const sig = signWithSeed(ben.seed, stanceBytes(stance))
    sig[10]! ^= 0x01
    expect(stanceVerifies({ ...stance, signature: toBase64Url(sig) }, crypto)).toBe(false)
  })
})
