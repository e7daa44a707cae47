/** Repairing an authority document from its last valid state: only what is broken, entry by entry in records. */
import { describe, expect, it } from 'vitest'
import { brokenFields, restoreFields } from '../../electron/peer/domain/authority-repair.ts'
import { AuthorityDocSchema } from '../../shared/schemas/space.ts'
import type { AuthorityState } from '../../electron/peer/domain/membership.ts'

const entry = (did: string, name: string) => ({ did, peerId: `p-${did}`, name, role: 'member' as const, joinedAt: '2026-01-01' })
const valid: AuthorityState = {
  name: 'Tool Library', founder: 'a', createdAt: '2026-01-01',
  roster: { a: { ...entry('a', 'Ana'), role: 'founder' }, b: entry('b', 'Ben') }, collections: {}, indexShards: ['s1'],
}

function repair(damaged: Record<string, unknown>): Record<string, unknown> {
  const parsed = AuthorityDocSchema.safeParse(damaged)
  if (parsed.success) return damaged
  const doc = structuredClone(damaged)
  restoreFields(doc, valid, brokenFields(parsed.error.issues))
  return doc
}
const base = { schemaVersion: 1, type: 'space-authority', ...structuredClone(valid) } as Record<string, unknown>

describe('authority repair', () => {
  it.each<[string, (d: Record<string, unknown>) => void, (d: Record<string, unknown>) => void]>([
    ['a name that is a number', (d) => { d['name'] = 42 }, (d) => expect(d['name']).toBe('Tool Library')],
    ['a missing name', (d) => { delete d['name'] }, (d) => expect(d['name']).toBe('Tool Library')],
    ['a broken roster entry, beside a new valid one that stays', (d) => {
      (d['roster'] as Record<string, unknown>)['b'] = { name: 7 }
      ;(d['roster'] as Record<string, unknown>)['c'] = entry('c', 'Cleo')
    }, (d) => expect(d['roster']).toEqual({ ...valid.roster, c: entry('c', 'Cleo') })],
    ['a junk roster entry the last valid state never had', (d) => { (d['roster'] as Record<string, unknown>)['x'] = 'junk' }, (d) => expect(d['roster']).toEqual(valid.roster)],
    ['a roster that is not a record', (d) => { d['roster'] = 'gone' }, (d) => expect(d['roster']).toEqual(valid.roster)],
    ['a junk envelope among the grants', (d) => { d['grants'] = { g1: 'not bytes' } }, (d) => expect(d['grants']).toEqual({})],
    ['an index-shard list of numbers', (d) => { d['indexShards'] = [1, 2] }, (d) => expect(d['indexShards']).toEqual(['s1'])],
  ])('undoes %s and leaves a valid document', (_name, damage, check) => {
    const damaged = structuredClone(base)
    damage(damaged)
    expect(AuthorityDocSchema.safeParse(damaged).success).toBe(false)
    const repaired = repair(damaged)
    check(repaired)
    expect(AuthorityDocSchema.safeParse(repaired).success).toBe(true)
  })
})
