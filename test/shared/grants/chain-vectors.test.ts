/**
 * Proof chains, root first: hostile ones must be refused with the rule they break, valid ones
 * must give the narrowest scope of their links, and @noble/ed25519 and node:crypto must agree on
 * every one. Every link here carries a valid signature by its issuer, so the chain rule under
 * test (not a signature) is what fails.
 */
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../shared/errors.ts'
import { envelopeId } from '../../../shared/grants/grant-codec.ts'
import { Cmd, type GrantPayload } from '../../../shared/grants/grant-format.ts'
import { verifyChain, type ChainContext, type ChainScope } from '../../../shared/grants/grant-verify.ts'
import { nobleCrypto } from '../../../shared/grants/signature.ts'
import {
  BACKENDS, DAY, NOW_S, OTHER_SPACE, alice, bob, carol, context, dave, grantPayload, link, mallory, nonce, root,
  signGrant, verdictOf, type Party, type Verdict,
} from './grant-fixtures.ts'

interface Vector {
  name: string
  chain: readonly unknown[]
  ctx?: Partial<ChainContext>
  /** The rule the chain breaks; absent for a valid chain. */
  code?: ErrorCode
  /** For a valid chain: what it must grant its last audience. */
  scope?: Partial<ChainScope>
}

let n = 0
/** A link with a fresh nonce, so that no two links share an id. */
function grant(from: Party, to: Party, over: Partial<GrantPayload> = {}): Uint8Array {
  return link(from, to, { nonce: nonce(++n), ...over })
}

const read = (docs: string[], purpose = 'coordination'): Partial<GrantPayload> => ({ cmd: Cmd.Read, pol: { docs, purpose } })
const write = (docs: string[], purpose = 'coordination'): Partial<GrantPayload> => ({ cmd: Cmd.Write, pol: { docs, purpose } })
const agent = (cmd: string): Partial<GrantPayload> => ({ cmd, pol: { docs: ['resources'], purpose: 'agent-assist' }, nbf: NOW_S - 3600, exp: NOW_S + 3600 })
const admin: Partial<GrantPayload> = { cmd: Cmd.All, pol: { docs: ['*'], purpose: '*' }, exp: NOW_S + 300 * DAY }
/** The expiry of a default grant, 29 days from now. */
const DEFAULT_EXP = grantPayload().exp
const idOf = (bytes: Uint8Array): string => envelopeId(bytes, nobleCrypto.sha256)

// root → alice (write, dlg 2) → bob (write, dlg 1) → carol (read one collection, dlg 0)
const r2a = grant(root, alice, { dlg: 2 })
const a2b = grant(alice, bob, { dlg: 1 })
const b2c = grant(bob, carol, { dlg: 0, ...read(['resources']) })
const chain3 = [r2a, a2b, b2c]
const toCarol = { audience: carol.did }

const HOSTILE: Vector[] = [
  { name: 'empty chain', chain: [], code: ErrorCode.GrantMalformed },
  { name: 'a chain that is not a list', chain: 'r2a' as unknown as unknown[], code: ErrorCode.GrantMalformed },
  { name: 'a chain entry that is text', chain: [r2a, 'a2b'], ctx: { audience: bob.did }, code: ErrorCode.GrantMalformed },
  {
    name: 'six links: over the chain cap',
    chain: [grant(root, alice, { dlg: 4 }), grant(alice, bob, { dlg: 3 }), grant(bob, carol, { dlg: 2 }), grant(carol, dave, { dlg: 1 }), grant(dave, mallory, { dlg: 0 }), grant(mallory, alice, { dlg: 0 })],
    code: ErrorCode.ChainTooLong,
  },
  { name: 'forged link: signed by mallory, naming alice as issuer', chain: [r2a, signGrant(mallory, grantPayload({ iss: alice.did, aud: bob.did, dlg: 1 }))], ctx: { audience: bob.did }, code: ErrorCode.SignatureInvalid },
  { name: 'misaligned: link 1 issued by mallory, not alice', chain: [r2a, grant(mallory, bob, { dlg: 1 })], ctx: { audience: bob.did }, code: ErrorCode.ChainMisaligned },
  { name: 'misaligned: the middle link dropped', chain: [r2a, b2c], ctx: toCarol, code: ErrorCode.ChainMisaligned },
  { name: 'misaligned: the two delegations swapped', chain: [r2a, b2c, a2b], ctx: { audience: bob.did }, code: ErrorCode.ChainMisaligned },
  { name: 'misaligned: the root link twice', chain: [r2a, r2a, a2b], ctx: { audience: bob.did }, code: ErrorCode.ChainMisaligned },
  { name: 'misaligned: the middle link twice', chain: [r2a, a2b, a2b, b2c], ctx: toCarol, code: ErrorCode.ChainMisaligned },
  { name: 'reordered: leaf first', chain: [b2c, a2b, r2a], ctx: { audience: alice.did }, code: ErrorCode.WrongRoot },
  { name: 'wrong root: self-issued by mallory', chain: [grant(mallory, alice)], ctx: { audience: alice.did }, code: ErrorCode.WrongRoot },
  { name: 'wrong root: a valid chain checked against another founder', chain: chain3, ctx: { ...toCarol, root: mallory.did }, code: ErrorCode.WrongRoot },
  { name: 'wrong root: starting at the second link', chain: [a2b, b2c], ctx: toCarol, code: ErrorCode.WrongRoot },
  { name: 'wrong audience: presented by mallory', chain: chain3, ctx: { audience: mallory.did }, code: ErrorCode.WrongAudience },
  { name: 'wrong audience: the last link dropped', chain: [r2a, a2b], ctx: toCarol, code: ErrorCode.WrongAudience },
  { name: 'wrong space: a grant for another space', chain: [grant(root, alice, { sub: OTHER_SPACE })], ctx: { audience: alice.did }, code: ErrorCode.WrongSpace },
  { name: 'wrong space: the middle link for another space', chain: [r2a, grant(alice, bob, { dlg: 1, sub: OTHER_SPACE }), b2c], ctx: toCarol, code: ErrorCode.WrongSpace },
  { name: 'expired middle link', chain: [r2a, grant(alice, bob, { dlg: 1, exp: NOW_S }), b2c], ctx: toCarol, code: ErrorCode.GrantExpired },
  { name: 'not yet valid leaf', chain: [r2a, a2b, grant(bob, carol, { dlg: 0, nbf: NOW_S + 3600 })], ctx: toCarol, code: ErrorCode.GrantNotYetValid },
  { name: 'depth exceeded: delegating a grant of dlg 0', chain: [grant(root, alice, { dlg: 0 }), grant(alice, bob, { dlg: 0 })], ctx: { audience: bob.did }, code: ErrorCode.NotDelegable },
  { name: 'depth exceeded: a link keeping its parent\'s dlg', chain: [r2a, grant(alice, bob, { dlg: 2 })], ctx: { audience: bob.did }, code: ErrorCode.NotDelegable },
  { name: 'depth exceeded: a link raising dlg', chain: [grant(root, alice, { dlg: 1 }), grant(alice, bob, { dlg: 3 })], ctx: { audience: bob.did }, code: ErrorCode.NotDelegable },
  { name: 'depth exceeded: a fourth link below dlg 2', chain: [r2a, a2b, grant(bob, carol, { dlg: 0 }), grant(carol, dave, { dlg: 0 })], ctx: { audience: dave.did }, code: ErrorCode.NotDelegable },
  { name: 'escalated cmd: read delegating write', chain: [grant(root, alice, read(['resources'])), grant(alice, bob, { dlg: 1, ...write(['resources']) })], ctx: { audience: bob.did }, code: ErrorCode.CmdEscalated },
  { name: 'escalated cmd: write delegating /', chain: [r2a, grant(alice, bob, { dlg: 1, ...admin, exp: DEFAULT_EXP })], ctx: { audience: bob.did }, code: ErrorCode.CmdEscalated },
  { name: 'escalated cmd: write delegating /grant/revoke', chain: [r2a, grant(alice, bob, { dlg: 1, cmd: Cmd.Revoke })], ctx: { audience: bob.did }, code: ErrorCode.CmdEscalated },
  { name: 'escalated cmd: read delegating /api/agent', chain: [grant(root, alice, read(['resources'])), grant(alice, bob, { dlg: 1, ...agent(Cmd.Agent) })], ctx: { audience: bob.did }, code: ErrorCode.CmdEscalated },
  { name: 'escalated cmd: /api/agent/match delegating /api/agent', chain: [grant(root, alice, agent('/api/agent/match')), grant(alice, bob, { dlg: 1, ...agent(Cmd.Agent) })], ctx: { audience: bob.did }, code: ErrorCode.CmdEscalated },
  { name: 'escalated cmd: /api/agent/match delegating /api/agent/matchmaker', chain: [grant(root, alice, agent('/api/agent/match')), grant(alice, bob, { dlg: 1, ...agent('/api/agent/matchmaker') })], ctx: { audience: bob.did }, code: ErrorCode.CmdEscalated },
  { name: 'escalated docs: adding a collection', chain: [grant(root, alice, write(['resources'])), grant(alice, bob, { dlg: 1, ...write(['resources', 'decisions']) })], ctx: { audience: bob.did }, code: ErrorCode.DocsEscalated },
  { name: 'escalated docs: to the whole space', chain: [r2a, grant(alice, bob, { dlg: 1, ...write(['*']) })], ctx: { audience: bob.did }, code: ErrorCode.DocsEscalated },
  { name: 'escalated docs: a document id the parent does not list', chain: [r2a, grant(alice, bob, { dlg: 1, ...read(['4NMNnkrnDcVhBBXrQcUZV2gTjFSh']) })], ctx: { audience: bob.did }, code: ErrorCode.DocsEscalated },
  { name: 'escalated purpose: matching to research', chain: [grant(root, alice, read(['resources'], 'matching')), grant(alice, bob, { dlg: 1, ...read(['resources'], 'research') })], ctx: { audience: bob.did }, code: ErrorCode.PurposeEscalated },
  { name: 'escalated purpose: matching to any purpose', chain: [grant(root, alice, read(['resources'], 'matching')), grant(alice, bob, { dlg: 1, ...read(['resources'], '*') })], ctx: { audience: bob.did }, code: ErrorCode.PurposeEscalated },
  { name: 'extended exp: one second beyond the parent', chain: [r2a, grant(alice, bob, { dlg: 1, exp: DEFAULT_EXP + 1 })], ctx: { audience: bob.did }, code: ErrorCode.ExpiryExtended },
  { name: 'extended exp: the leaf outliving the middle link', chain: [r2a, grant(alice, bob, { dlg: 1, exp: NOW_S + DAY }), grant(bob, carol, { dlg: 0, exp: NOW_S + 2 * DAY })], ctx: toCarol, code: ErrorCode.ExpiryExtended },
  { name: 'revoked root link', chain: chain3, ctx: { ...toCarol, isRevoked: (id) => id === idOf(r2a) }, code: ErrorCode.GrantRevoked },
  { name: 'revoked middle link', chain: chain3, ctx: { ...toCarol, isRevoked: (id) => id === idOf(a2b) }, code: ErrorCode.GrantRevoked },
  { name: 'revoked leaf', chain: chain3, ctx: { ...toCarol, isRevoked: (id) => id === idOf(b2c) }, code: ErrorCode.GrantRevoked },
]

const narrowing = [
  grant(root, alice, { ...admin, dlg: 3, nbf: NOW_S - DAY }),
  grant(alice, bob, { ...write(['resources', 'decisions']), dlg: 2, exp: NOW_S + 60 * DAY }),
  grant(bob, carol, { ...read(['resources']), dlg: 0, exp: NOW_S + 20 * DAY }),
]
const atCap = [4, 3, 2, 1, 0]
const capParties = [root, alice, bob, carol, dave, mallory]

const VALID: Vector[] = [
  {
    name: 'a single grant root → alice',
    chain: [r2a],
    ctx: { audience: alice.did },
    scope: { ids: [idOf(r2a)], audience: alice.did, cmd: Cmd.Write, docs: ['resources', 'decisions'], purpose: 'coordination', exp: DEFAULT_EXP, dlg: 2 },
  },
  {
    name: 'three links narrowing cmd, docs, purpose, exp and dlg',
    chain: narrowing,
    ctx: toCarol,
    scope: { ids: narrowing.map(idOf), audience: carol.did, cmd: Cmd.Read, docs: ['resources'], purpose: 'coordination', exp: NOW_S + 20 * DAY, dlg: 0 },
  },
  { name: '/ (admin) delegating /doc/write', chain: [grant(root, alice, { ...admin, dlg: 1 }), grant(alice, bob, { dlg: 0 })], ctx: { audience: bob.did }, scope: { cmd: Cmd.Write } },
  { name: 'write covering read', chain: [r2a, grant(alice, bob, { dlg: 0, ...read(['decisions']) })], ctx: { audience: bob.did }, scope: { cmd: Cmd.Read, docs: ['decisions'] } },
  { name: '/api/agent delegating /api/agent/match', chain: [grant(root, alice, agent(Cmd.Agent)), grant(alice, bob, { dlg: 0, ...agent('/api/agent/match') })], ctx: { audience: bob.did }, scope: { cmd: '/api/agent/match', exp: NOW_S + 3600 } },
  { name: 'the whole space narrowed to one document id', chain: [grant(root, alice, { ...write(['*'], '*') }), grant(alice, bob, { dlg: 0, ...read(['4NMNnkrnDcVhBBXrQcUZV2gTjFSh'], 'matching') })], ctx: { audience: bob.did }, scope: { docs: ['4NMNnkrnDcVhBBXrQcUZV2gTjFSh'], purpose: 'matching' } },
  { name: 'the same scope passed on with only dlg lower', chain: [r2a, a2b], ctx: { audience: bob.did }, scope: { cmd: Cmd.Write, dlg: 1 } },
  { name: 'five links, at the chain cap, dlg 4 down to 0', chain: atCap.map((dlg, i) => grant(capParties[i]!, capParties[i + 1]!, { dlg })), ctx: { audience: mallory.did }, scope: { audience: mallory.did, dlg: 0 } },
  { name: 'nbf 60 s ahead: within the allowed clock skew', chain: [grant(root, alice, { nbf: NOW_S + 60 })], ctx: { audience: alice.did } },
  { name: 'exp one second from now', chain: [grant(root, alice, { exp: NOW_S + 1 })], ctx: { audience: alice.did } },
  { name: 'a consent note in several scripts', chain: [grant(root, alice, { meta: { note: 'Für die Werkstatt — 工具 🌱' } })], ctx: { audience: alice.did } },
  { name: 'no audience given: the chain is checked up to its holder', chain: chain3, scope: { audience: carol.did } },
]

function verdicts(v: Vector): { verdicts: Record<string, Verdict>; scopes: ChainScope[] } {
  const out: Record<string, Verdict> = {}
  const scopes: ChainScope[] = []
  for (const [name, crypto] of BACKENDS) {
    const result = verifyChain(v.chain as Uint8Array[], context(crypto, v.ctx))
    out[name] = verdictOf(result)
    if (result.ok) scopes.push(result.value)
  }
  return { verdicts: out, scopes }
}

describe('hostile chains are refused with the rule they break, on both backends', () => {
  it.each(HOSTILE.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const expected: Verdict = { ok: false, code: v.code! }
    expect(verdicts(v).verdicts).toEqual({ noble: expected, native: expected })
  })
})

describe('valid chains verify on both backends and grant the narrowest scope', () => {
  it.each(VALID.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const { verdicts: got, scopes } = verdicts(v)
    expect(got).toEqual({ noble: { ok: true }, native: { ok: true } })
    expect(scopes[0]).toEqual(scopes[1])
    expect(scopes[0]).toMatchObject(v.scope ?? {})
  })
})
