/**
 * Defect 5, in words: access that has ended reads "expired on DATE" or "revoked on DATE by NAME",
 * never "none for". A SpaceAccess keeps its keys (cmd `none`, no docs, no purpose, no expiry) and
 * says how it ended in `ended`.
 */
import { describe, expect, it } from 'vitest'
import { describeAccess } from '../../../shared/api/access-words.ts'
import type { SpaceAccess } from '../../../shared/api/peer-api.ts'

const NONE = { cmd: 'none', docs: [] as string[], purpose: '', expiresAt: null }
const ANA = 'did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH'

describe('access that has ended, in words', () => {
  it.each<[string, SpaceAccess, string]>([
    ['expired', { ...NONE, ended: { reason: 'expired', at: '2026-12-01T00:00:00.000Z' } } as SpaceAccess, 'expired on 2026-12-01'],
    ['expired at a time of day', { ...NONE, ended: { reason: 'expired', at: '2026-12-01T14:30:00.000Z' } } as SpaceAccess, 'expired on 2026-12-01 14:30 UTC'],
    ['revoked by someone named', { ...NONE, ended: { reason: 'revoked', at: '2026-11-15T09:05:00.000Z', by: ANA, byName: 'Ana' } } as SpaceAccess,
      'revoked on 2026-11-15 09:05 UTC by Ana'],
    ['revoked by a key with no name here', { ...NONE, ended: { reason: 'revoked', at: '2026-11-15T00:00:00.000Z', by: ANA, byName: null } } as SpaceAccess,
      'revoked on 2026-11-15 by did:key:z6MkpTH…vktH'],
  ])('%s', (_name, access, words) => {
    expect(describeAccess(access)).toBe(words)
  })

  it('formats the date of the ending with the formatter it is given (the UI\'s)', () => {
    const access = { ...NONE, ended: { reason: 'expired', at: '2026-12-01T00:00:00.000Z' } } as SpaceAccess
    expect(describeAccess(access, (iso) => `[${iso}]`)).toBe('expired on [2026-12-01T00:00:00.000Z]')
  })

  it('no access and no known ending reads "no access", never "none for"', () => {
    const text = describeAccess(NONE)
    expect(text).not.toMatch(/none\s+for/)
    expect(text).toBe('no access')
  })
})
