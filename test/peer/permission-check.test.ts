/**
 * The one permission check every call passes. The owner may make every call (the domain then
 * applies this peer's own grants); an agent only the calls its own grant covers, judged by the
 * same consent the sync layer enforces, and within its grant's purpose; never a call that acts
 * for the peer itself, and none at all once its grant expired or was revoked.
 */
import { describe, expect, it, vi } from 'vitest'
import { permissionCheck } from '../../electron/peer/api/permission.ts'
import type { CallContext } from '../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../shared/api/operation.ts'
import { OPERATIONS } from '../../shared/api/operations.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { ConsentIndex } from '../../shared/grants/consent-index.ts'
import { decodeGrant, decodeRevocation } from '../../shared/grants/grant-codec.ts'
import { Cmd, type Grant } from '../../shared/grants/grant-format.ts'
import { nobleCrypto } from '../../shared/grants/signature.ts'
import { NOW, NOW_S, SPACE as SPACE_ID, alice, bob, carol, dave, link, mallory, nonce, revocationPayload, root, signRevocation, type Party } from '../shared/grants/grant-fixtures.ts'
import { thrownBy } from '../helpers/thrown-by.ts'

const SPACE = SPACE_ID as SpaceId
const grant = (bytes: Uint8Array): Grant => { const d = decodeGrant(bytes, nobleCrypto); if (!d.ok) throw new Error(d.error.message); return d.value }
const toAgent = (from: Party, to: Party, docs: string[], purpose: string, n: number, over: { cmd?: string; exp?: number } = {}): Grant =>
  grant(link(from, to, { cmd: over.cmd ?? Cmd.Read, pol: { docs, purpose }, dlg: 0, nonce: nonce(n), ...(over.exp !== undefined ? { exp: over.exp } : {}) }))

// Two members (alice, bob) of the space; their agents: AGENT (carol) reads resources for
// agent-assist; MATCHER (dave) reads resources and pages for matching; BRIEF (mallory) reads
// resources for a minute. Every chain is real and signed, judged by the space's consent index.
const AGENT = carol.did
const MATCHER = dave.did
const BRIEF = mallory.did
const members = [grant(link(root, alice, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 2, nonce: nonce(1) })),
  grant(link(root, bob, { cmd: Cmd.Write, pol: { docs: ['*'], purpose: '*' }, dlg: 2, nonce: nonce(2) }))]
const agentGrant = toAgent(alice, carol, ['resources'], 'agent-assist', 3)
const agents = [agentGrant, toAgent(alice, dave, ['resources', 'pages'], 'matching', 4), toAgent(alice, mallory, ['resources'], 'agent-assist', 5, { exp: NOW_S + 60 })]
const indexOf = (grants: Grant[], revocations = [] as ReturnType<typeof revoked>[]): ConsentIndex =>
  new ConsentIndex({ space: SPACE, root: root.did, grants: [...members, ...grants], revocations, now: NOW })
const revoked = (target: Grant) => {
  const d = decodeRevocation(signRevocation(alice, revocationPayload({ iss: alice.did, target: target.id, iat: NOW_S - 1, nonce: nonce(50) })), nobleCrypto)
  if (!d.ok) throw new Error(d.error.message)
  return d.value
}
const checkWith = (index: ConsentIndex, at = NOW) => permissionCheck({
  consent: { index: (spaceId: SpaceId) => (spaceId === SPACE ? index : undefined) },
  ended: (did) => (did === GONE ? new CommonweaveError(ErrorCode.GrantRevoked, 'Gone\'s grant was revoked') : null),
  now: () => at,
})
const GONE = 'did:key:z6MkgoneAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' as Did
const check = checkWith(indexOf(agents))
const signal = new AbortController().signal
const owner: CallContext = { principal: { kind: 'owner' }, signal }
const agent: CallContext = { principal: { kind: 'agent', did: AGENT, name: 'Matcher' }, signal }

describe('the permission check', () => {
  it.each(OPERATIONS.map((o) => o.op))('lets the owner make %s', (op) => {
    expect(() => check(owner, op, { spaceId: SPACE, collection: 'anything' })).not.toThrow()
  })

  it.each<[PeerApiMethod, unknown]>([
    ['listResources', { spaceId: SPACE }],
    ['listItems', { spaceId: SPACE, collection: 'resources' }],
    ['getItem', { spaceId: SPACE, collection: 'resources', itemId: 'r1' }],
    ['search', { spaceId: SPACE, query: 'bike' }],
  ])('lets an agent make %s within its grant', (op, input) => {
    expect(() => check(agent, op, input)).not.toThrow()
  })

  it.each<[string, PeerApiMethod, unknown, RegExp]>([
    ['a write its grant does not cover', 'addResource', { spaceId: SPACE, kind: 'offer', title: 'x' }, /grant does not let it write resources/],
    ['another collection', 'listItems', { spaceId: SPACE, collection: 'decisions' }, /read decisions/],
    ['another space', 'listResources', { spaceId: 'space2' }, /read resources/],
    ['a call without a space', 'listItems', { collection: 'resources' }, /grant does not let it/],
    ['a call that acts for the peer (grants)', 'createGrant', { spaceId: SPACE }, /only this peer's owner/],
    ['a call that acts for the peer (status)', 'status', undefined, /may not see this peer's status: only this peer's owner/],
    ['the roster, in words', 'listMembers', { spaceId: SPACE }, /Matcher may not list the members: only this peer's owner can/],
    ['joining a space', 'joinSpace', { code: 'cw1.x' }, /only this peer's owner/],
    ['a search of a space it holds no grant in', 'search', { spaceId: 'space2', query: 'bike' }, /does not let it search in this space/],
    ['a search without a space', 'search', { query: 'bike' }, /does not let it search/],
  ])('refuses an agent %s, in words', (_name, op, input, message) => {
    const err = thrownBy(() => check(agent, op, input)) as { code?: string; message?: string }
    expect(err.code).toBe(ErrorCode.Forbidden)
    expect(err.message).toMatch(message)
    expect(err.message).toContain('Matcher')
  })

  it('lets an agent make only what its grant\'s purpose allows', () => {
    const matcher: CallContext = { principal: { kind: 'agent', did: MATCHER, name: 'Finder' }, signal }
    expect(() => check(matcher, 'match', { spaceId: SPACE })).not.toThrow()
    expect(() => check(matcher, 'listResources', { spaceId: SPACE })).not.toThrow()
    const err = thrownBy(() => check(matcher, 'health', { spaceId: SPACE })) as { code?: string; message?: string }
    expect(err).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringMatching(/Finder may not see the space's health: its grant is for matching/) })
    expect(thrownBy(() => check(matcher, 'listPages', { spaceId: SPACE }))).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringMatching(/which lets it match needs and offers, list gaps/) })
  })

  it('needs one chain that allows the whole call: its collection, command and purpose together', () => {
    // Bob grants the agent resources for research; Alice grants it pages for agent-assist.
    const twoChains = checkWith(indexOf([toAgent(bob, carol, ['resources'], 'research', 6), toAgent(alice, carol, ['pages'], 'agent-assist', 7)]))
    const err = thrownBy(() => twoChains(agent, 'listResources', { spaceId: SPACE })) as { code?: string; message?: string }
    expect(err).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringMatching(/Matcher may not list resources: its grant is for research, which lets it see the space's health and read the map's figures only/) })
    expect(thrownBy(() => twoChains(agent, 'getItem', { spaceId: SPACE, collection: 'resources', itemId: 'r1' }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect(() => twoChains(agent, 'listPages', { spaceId: SPACE })).not.toThrow()
    expect(() => twoChains(agent, 'health', { spaceId: SPACE })).not.toThrow()
  })

  it('judges expiry by the peer\'s clock, and a revoked chain allows nothing', () => {
    const brief: CallContext = { principal: { kind: 'agent', did: BRIEF, name: 'Brief' }, signal }
    // The system's clock is not the peer's: only the one consent judges by counts.
    vi.setSystemTime(NOW + 3_600_000)
    try {
      expect(() => checkWith(indexOf(agents), NOW + 59_000)(brief, 'listResources', { spaceId: SPACE })).not.toThrow()
    } finally {
      vi.useRealTimers()
    }
    expect(thrownBy(() => checkWith(indexOf(agents), NOW + 61_000)(brief, 'listResources', { spaceId: SPACE }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect(thrownBy(() => checkWith(indexOf(agents, [revoked(agentGrant)]))(agent, 'listResources', { spaceId: SPACE }))).toMatchObject({ code: ErrorCode.Forbidden })
  })

  it('refuses every call of an agent whose grant ended, with the words of why', () => {
    const gone: CallContext = { principal: { kind: 'agent', did: GONE, name: 'Gone' }, signal }
    for (const op of ['listResources', 'search', 'status'] as PeerApiMethod[]) {
      expect(thrownBy(() => check(gone, op, { spaceId: SPACE }))).toMatchObject({ code: ErrorCode.GrantRevoked, message: 'Gone\'s grant was revoked' })
    }
  })
})
