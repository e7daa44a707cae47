import { describe, expect, it } from 'vitest'
import { AuditKind, GrantStatus, type AuditEntry, type GrantSummary } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { groupGrants, mayRevoke, nextChange, statusWord, grantLimits } from '../../renderer/features/consent/grant-rules.ts'
import { auditDetail, auditWho, filterAudit, type Names } from '../../renderer/features/consent/audit-rules.ts'

const ME = 'did:key:z6MkMe'
const ANA = 'did:key:z6MkAna'
const BEN = 'did:key:z6MkBen'

function grant(id: string, issuer: string, audience: string, over: Partial<GrantSummary> = {}): GrantSummary {
  return {
    grantId: id, spaceId: 's' as SpaceId, issuer: issuer as GrantSummary['issuer'], issuerName: null, audience: audience as GrantSummary['audience'], audienceName: null,
    cmd: '/doc/read', docs: ['resources'], purpose: 'matching', purposeLabel: 'Matching', notBefore: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-02-01T00:00:00.000Z', delegation: 0, status: GrantStatus.Valid, problem: null, note: null, issuedAt: '2026-01-01T00:00:00.000Z', ...over,
  }
}

describe('groupGrants', () => {
  const grants = [
    grant('given-old', ME, ANA, { issuedAt: '2026-01-01T00:00:00.000Z' }),
    grant('given-new', ME, BEN, { issuedAt: '2026-01-05T00:00:00.000Z' }),
    grant('received', ANA, ME),
    grant('between', ANA, BEN),
  ]
  it('puts what I gave under Given (newest first), what others gave me under Received', () => {
    const g = groupGrants(grants, ME, false)
    expect(g.given.map((x) => x.grantId)).toEqual(['given-new', 'given-old'])
    expect(g.received.map((x) => x.grantId)).toEqual(['received'])
  })
  it('shows grants between others only when asked (to admins)', () => {
    expect(groupGrants(grants, ME, false).others).toEqual([])
    expect(groupGrants(grants, ME, true).others.map((x) => x.grantId)).toEqual(['between'])
  })
  it('before this peer knows its own key, nothing is given or received', () => {
    const g = groupGrants(grants, null, true)
    expect(g.given).toEqual([])
    expect(g.received).toEqual([])
    expect(g.others).toHaveLength(4)
  })
})

describe('mayRevoke', () => {
  it.each<[string, GrantSummary, 'founder' | 'admin' | 'member' | 'guest', boolean]>([
    ['the issuer, a member', grant('a', ME, ANA), 'member', true],
    ['a member, someone else\'s grant', grant('a', ANA, BEN), 'member', false],
    ['an admin, someone else\'s grant', grant('a', ANA, BEN), 'admin', true],
    ['the founder, someone else\'s grant', grant('a', ANA, BEN), 'founder', true],
    ['a guest, even its own received grant', grant('a', ANA, ME), 'guest', false],
    ['an admin, a grant already revoked', grant('a', ANA, BEN, { status: GrantStatus.Revoked }), 'admin', false],
    ['the issuer, an expired grant', grant('a', ME, ANA, { status: GrantStatus.Expired }), 'member', false],
    ['the issuer, a grant not yet valid', grant('a', ME, ANA, { status: GrantStatus.NotYetValid }), 'member', true],
  ])('%s → %s', (_what, g, role, expected) => {
    expect(mayRevoke(g, ME, role)).toBe(expected)
  })
})

describe('nextChange', () => {
  const now = Date.parse('2026-01-10T00:00:00.000Z')
  it('is the earliest expiry of a valid grant, or start of one not yet valid', () => {
    const grants = [
      grant('a', ME, ANA, { expiresAt: '2026-03-01T00:00:00.000Z' }),
      grant('b', ME, ANA, { expiresAt: '2026-02-01T00:00:00.000Z' }),
      grant('c', ME, ANA, { status: GrantStatus.NotYetValid, notBefore: '2026-01-20T00:00:00.000Z', expiresAt: '2026-04-01T00:00:00.000Z' }),
    ]
    expect(nextChange(grants, now)).toBe(Date.parse('2026-01-20T00:00:00.000Z'))
  })
  it('ignores revoked and expired grants, and times already past', () => {
    const grants = [
      grant('a', ME, ANA, { status: GrantStatus.Revoked, expiresAt: '2026-01-11T00:00:00.000Z' }),
      grant('b', ME, ANA, { status: GrantStatus.Expired, expiresAt: '2026-01-09T00:00:00.000Z' }),
      grant('c', ME, ANA, { expiresAt: '2026-01-09T00:00:00.000Z' }),
    ]
    expect(nextChange(grants, now)).toBeNull()
  })
})

describe('statusWord', () => {
  it.each([[GrantStatus.Valid, 'Valid'], [GrantStatus.Revoked, 'Revoked'], [GrantStatus.Expired, 'Expired'], [GrantStatus.NotYetValid, 'Not yet valid'], [GrantStatus.Invalid, 'Invalid']])('%s reads %s', (s, w) => {
    expect(statusWord(s)).toBe(w)
  })
})

describe('the audit log', () => {
  const names: Names = { byDid: new Map([[ANA, 'Ana']]), byPeer: new Map([['12D3KooWBen', 'Ben']]) }
  const entries: AuditEntry[] = [
    { at: '2026-01-01T10:00:00.000Z', kind: AuditKind.GrantIssued, spaceId: null, did: ANA as AuditEntry['did'], detail: '/doc/read resources for matching' },
    { at: '2026-01-01T11:00:00.000Z', kind: AuditKind.DocsSent, spaceId: null, peer: '12D3KooWBen' as AuditEntry['peer'], docs: ['d1', 'd2'] as AuditEntry['docs'], count: 7 },
    { at: '2026-01-01T12:00:00.000Z', kind: AuditKind.ConnectionRefused, spaceId: null, peer: '12D3KooWStranger' as AuditEntry['peer'], detail: 'no grant' },
    { at: '2026-01-01T12:00:00.000Z', kind: AuditKind.RequestRefused, spaceId: null, did: ANA as AuditEntry['did'] },
  ]
  it('shows the newest first, same-instant entries in reverse log order', () => {
    expect(filterAudit(entries, { kind: '', who: '' }, names).map((e) => e.kind))
      .toEqual([AuditKind.RequestRefused, AuditKind.ConnectionRefused, AuditKind.DocsSent, AuditKind.GrantIssued])
  })
  it('filters by kind', () => {
    expect(filterAudit(entries, { kind: AuditKind.DocsSent, who: '' }, names)).toEqual([entries[1]])
  })
  it('filters by who: a name, whatever the case, or part of a key', () => {
    expect(filterAudit(entries, { kind: '', who: 'ana' }, names).map((e) => e.kind)).toEqual([AuditKind.RequestRefused, AuditKind.GrantIssued])
    expect(filterAudit(entries, { kind: '', who: ' BEN ' }, names).map((e) => e.kind)).toEqual([AuditKind.DocsSent])
    expect(filterAudit(entries, { kind: '', who: 'Stranger' }, names).map((e) => e.kind)).toEqual([AuditKind.ConnectionRefused])
    expect(filterAudit(entries, { kind: AuditKind.DocsSent, who: 'ana' }, names)).toEqual([])
  })
  it('names people where it can, and says what was sent', () => {
    expect(entries.map((e) => auditWho(e, names))).toEqual(['Ana', 'Ben', 'a peer (…ranger)', 'Ana'])
    expect(auditWho({ at: '', kind: AuditKind.GrantRevoked, spaceId: null, did: 'did:key:z6MkUnknownXyz' as AuditEntry['did'] }, names)).toBe('someone (…ownXyz)')
    expect(auditDetail(entries[1]!)).toBe('7 messages for 2 documents')
    expect(auditDetail(entries[2]!)).toBe('no grant')
  })
  it('says which operation an agent called, how it ended and how many times', () => {
    const call: AuditEntry = { at: '', kind: AuditKind.AgentCall, spaceId: null, name: 'helper', op: 'listResources', outcome: 'ok' }
    expect(auditDetail(call)).toBe('list resources: done')
    expect(auditDetail({ ...call, op: 'listPages', outcome: 'refused', count: 41, detail: 'FORBIDDEN: not pages' })).toBe('list pages: refused, 41 calls · not pages')
  })
  it('words the terms of a grant given', () => {
    expect(auditDetail(entries[0]!)).toBe('read resources for matching')
    expect(auditDetail({ ...entries[0]!, detail: '/doc/write * for *' })).toBe('write everything for any purpose')
    expect(auditDetail({ ...entries[0]!, detail: '/doc/read resources,bookings for research' })).toBe('read resources, bookings for research')
  })
})

describe('membership grants', () => {
  it('are not revoked from the Consent view, even by the founder (removal does it)', () => {
    expect(mayRevoke(grant('m', ME, ANA, { docs: ['*'], purpose: '*', cmd: '/doc/write' }), ME, 'founder')).toBe(false)
    expect(mayRevoke(grant('g', ME, ANA, { docs: ['*'], purpose: 'backup' }), ME, 'founder')).toBe(true)
  })
})

describe('what the grant form offers, from one’s own access', () => {
  const NOW = Date.parse('2026-11-30T00:00:00Z')
  it('the founder (unending, everything) is offered every choice', () => {
    const l = grantLimits({ cmd: '/', docs: ['*'], purpose: '*', expiresAt: null }, NOW)
    expect(l).toMatchObject({ write: true, docs: null, purposes: null, untilOwnEnd: null })
    expect(l.durations.map((d) => d.label)).toEqual(['1 hour', '1 day', '7 days', '30 days', '90 days'])
  })
  it('a member whose grant ends in 40 days is offered up to 30 days, and "until your own access ends"', () => {
    const l = grantLimits({ cmd: '/doc/write', docs: ['*'], purpose: '*', expiresAt: new Date(NOW + 40 * 86_400_000).toISOString() }, NOW)
    expect(l.durations.map((d) => d.label)).toEqual(['1 hour', '1 day', '7 days', '30 days'])
    expect(l.untilOwnEnd).toBe(40 * 86_400 - 120)
  })
  it('a read-only grant on resources for matching passes on only that', () => {
    const l = grantLimits({ cmd: '/doc/read', docs: ['resources'], purpose: 'matching', expiresAt: new Date(NOW + 2 * 3_600_000).toISOString() }, NOW)
    expect(l).toMatchObject({ write: false, docs: ['resources'], purposes: ['matching'] })
    expect(l.durations.map((d) => d.label)).toEqual(['1 hour'])
  })
})
