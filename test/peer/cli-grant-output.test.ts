/**
 * What a person reads after `commonweave grant`, `grants`, `audit`, `whoami` and `space list`:
 * who can see what, why and until when, in words, with the code and ids they need to act.
 */
import { describe, expect, it } from 'vitest'
import type { AuditEntry, GrantSummary, SpaceSummary } from '../../shared/api/peer-api.ts'
import type { Did, DocId, PeerIdString, SpaceId } from '../../shared/ids.ts'
import { auditLines, grantCreated, grantTable, spaceBlock, spaceList, whoAmI } from '../../electron/cli/grant-output.ts'

const ANA = 'did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH' as Did
const BOB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' as Did
const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd' as SpaceId
const GRANT_ID = 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'

const grant: GrantSummary = {
  grantId: GRANT_ID, spaceId: SPACE, issuer: ANA, issuerName: 'Ana', audience: BOB, audienceName: null,
  cmd: '/doc/read', docs: ['resources', 'decisions'], purpose: 'matching',
  purposeLabel: 'Matching offers and needs, within or across communities', notBefore: null,
  expiresAt: '2026-12-01T00:00:00.000Z', delegation: 0, status: 'valid', problem: null, note: 'For the seed swap',
  issuedAt: '2026-11-01T10:00:00.000Z',
}
const founder: SpaceSummary = {
  spaceId: SPACE, name: 'Allotment', founder: ANA, role: 'founder', members: 3, documents: [],
  access: { cmd: '/', docs: ['*'], purpose: '*', expiresAt: null },
}
const guest: SpaceSummary = {
  spaceId: 'G7kQ7nM4pVb9TzR1cWfYhJ3sLd' as SpaceId, name: 'Seed Library', founder: BOB, role: 'guest', members: 0, documents: [],
  access: { cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: '2026-12-01T00:00:00.000Z' },
}

describe('grant output', () => {
  it('a new grant in words, then the code on its own line and what the audience runs', () => {
    const lines = grantCreated({ grant, code: 'cwg1.CODE' }).split('\n')
    expect(lines[0]).toBe(`${BOB} may now read resources, decisions`)
    expect(lines).toContain('  for:    matching (Matching offers and needs, within or across communities)')
    expect(lines).toContain('  until:  2026-12-01')
    expect(lines).toContain(`  grant:  ${GRANT_ID}`)
    expect(lines).toContain('  note:   For the seed swap')
    expect(lines).toContain('cwg1.CODE')
    expect(lines.at(-1)).toBe('They run: commonweave accept <code>')
  })

  it('the grants of a space as a table, with the problem of one that is not valid', () => {
    const expired: GrantSummary = {
      ...grant, grantId: GRANT_ID.replace(/y$/, 'a'), audienceName: 'Cleo', cmd: '/doc/write', docs: ['*'],
      status: 'expired', problem: { code: 'GRANT_EXPIRED', message: 'expired' },
    }
    const [header, first, second] = grantTable([grant, expired]).split('\n') as [string, string, string]
    expect(header.split(/\s{2,}/)).toEqual(['WHO', 'CAN', 'WHAT', 'WHY', 'UNTIL', 'STATUS', 'GRANT'])
    expect(first.split(/\s{2,}/)).toEqual(['did:key:z6MkhaX…2doK', 'read', 'resources, decisions', grant.purposeLabel, '2026-12-01', 'valid', GRANT_ID])
    expect(second.split(/\s{2,}/)).toEqual(['Cleo', 'write', 'everything', grant.purposeLabel, '2026-12-01', 'expired (GRANT_EXPIRED)', expired.grantId])
    expect(grantTable([])).toMatch(/No grants in this space yet/)
  })

  it('the audit log, one line per entry', () => {
    const entries: AuditEntry[] = [
      { at: '2026-11-01T10:00:00.000Z', kind: 'grant-issued', spaceId: SPACE, did: BOB, grantId: GRANT_ID },
      { at: '2026-11-01T10:05:00.000Z', kind: 'docs-sent', spaceId: SPACE, peer: '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo' as PeerIdString,
        docs: ['d1', 'd2'] as DocId[], count: 14 },
      { at: '2026-11-01T10:06:00.000Z', kind: 'request-refused', spaceId: SPACE, did: BOB, docs: ['d3'] as DocId[], detail: 'DOCS_ESCALATED' },
      { at: '2026-11-01T10:07:00.000Z', kind: 'agent-call', spaceId: SPACE, did: BOB, name: 'helper', op: 'listResources', outcome: 'ok', count: 120 },
    ]
    const lines = auditLines(entries).split('\n').map((l) => l.split(/\s{2,}/))
    expect(lines).toEqual([
      ['2026-11-01T10:00:00.000Z', 'grant-issued', 'did:key:z6MkhaX…2doK', 'grant bafyreigh2akisc…52zy'],
      ['2026-11-01T10:05:00.000Z', 'docs-sent', '12D3KooWQYhTNQd…e2Xo', '2 docs, 14 messages'],
      ['2026-11-01T10:06:00.000Z', 'request-refused', 'did:key:z6MkhaX…2doK', '1 doc', 'DOCS_ESCALATED'],
      ['2026-11-01T10:07:00.000Z', 'agent-call', 'did:key:z6MkhaX…2doK', '120 calls', 'agent helper: list resources ok'],
    ])
    expect(auditLines([])).toMatch(/Nothing in the audit log/)
  })

  it('spaces show the role and what this peer may do; a guest has no member count', () => {
    const [own, visiting] = spaceList([founder, guest]).split('\n') as [string, string]
    expect(own.split(/\s{2,}/)).toEqual([SPACE, 'Allotment', '(founder, 3 members)', 'admin everything for any purpose'])
    expect(visiting.split(/\s{2,}/)).toEqual([guest.spaceId, 'Seed Library', '(guest)', 'read resources for matching until 2026-12-01'])
    expect(spaceBlock(guest)).toBe(`Seed Library\n  space:   ${guest.spaceId}\n  role:    guest\n  access:  read resources for matching until 2026-12-01`)
    expect(spaceBlock(founder)).toContain('  members: 3\n  access:  admin everything for any purpose')
  })

  it('a name only the granter vouches for is marked so, and a space with no visible name shows its id', () => {
    const hinted: SpaceSummary = { ...guest, nameUnsigned: true }
    expect(spaceBlock(hinted).split('\n')[0]).toBe('Seed Library (as the granter named it)')
    expect(spaceList([hinted]).split(/\s{2,}/)[1]).toBe('Seed Library (as the granter named it)')
    expect(whoAmI({ did: BOB, peerId: '12D3KooWbob' as PeerIdString, name: 'Bob', spaces: [hinted] })).toContain('Seed Library (as the granter named it)')
    expect(spaceBlock({ ...guest, name: '\u200b' }).split('\n')[0]).toBe(`(unnamed) ${guest.spaceId}`)
  })

  it('whoami leads with the did a granter needs', () => {
    const text = whoAmI({ did: BOB, peerId: '12D3KooWbob' as PeerIdString, name: 'Bob', spaces: [guest] })
    expect(text).toContain(`  did:    ${BOB}`)
    expect(text).toMatch(/Seed Library\s+guest\s+read resources for matching until 2026-12-01$/)
    expect(whoAmI({ did: BOB, peerId: '12D3KooWbob' as PeerIdString, name: 'Bob', spaces: [] })).toMatch(/no spaces yet/)
  })
})
