/**
 * The one permission check every call passes. The owner may make every call (the domain then
 * applies this peer's own grants); an agent only the calls its own grant covers, judged by the
 * same consent the sync layer enforces, and within its grant's purpose; never a call that acts
 * for the peer itself, and none at all once its grant expired or was revoked.
 */
import { describe, expect, it } from 'vitest'
import { permissionCheck } from '../../electron/peer/api/permission.ts'
import type { CallContext } from '../../shared/api/peer-api.ts'
import type { PeerApiMethod } from '../../shared/api/operation.ts'
import { OPERATIONS } from '../../shared/api/operations.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { thrownBy } from '../helpers/thrown-by.ts'

const AGENT = 'did:key:z6MkagentAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' as Did
const SPACE = 'space1' as SpaceId
const MATCHER = 'did:key:z6MkmatcherAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' as Did
const GONE = 'did:key:z6MkgoneAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' as Did
/** The agents' grants: read `resources` in space1, for agent-assist (AGENT) or matching (MATCHER). */
const consent = {
  allowsCollection: (did: Did, mode: 'read' | 'write', spaceId: SpaceId, collection: string): boolean =>
    (did === AGENT || did === MATCHER) && mode === 'read' && spaceId === SPACE && collection === 'resources',
  index: (spaceId: SpaceId) => (spaceId === SPACE
    ? { knows: (did: Did) => did === AGENT || did === MATCHER, chainsOf: (did: Did) => [{ purpose: did === MATCHER ? 'matching' : 'agent-assist' }] }
    : undefined),
}
const check = permissionCheck(consent as never, (did) => (did === GONE ? new CommonweaveError(ErrorCode.GrantRevoked, 'Gone\'s grant was revoked') : null))
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
    ['a call that acts for the peer (status)', 'status', undefined, /only this peer's owner/],
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
    expect(err).toMatchObject({ code: ErrorCode.Forbidden, message: expect.stringMatching(/Finder may not health: its grant is for matching/) })
  })

  it('refuses every call of an agent whose grant ended, with the words of why', () => {
    const gone: CallContext = { principal: { kind: 'agent', did: GONE, name: 'Gone' }, signal }
    for (const op of ['listResources', 'search', 'status'] as PeerApiMethod[]) {
      expect(thrownBy(() => check(gone, op, { spaceId: SPACE }))).toMatchObject({ code: ErrorCode.GrantRevoked, message: 'Gone\'s grant was revoked' })
    }
  })
})
