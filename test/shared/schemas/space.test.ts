import { describe, expect, it } from 'vitest'
import { AuthorityDocSchema, SPACE_SCHEMA_VERSION } from '../../../shared/schemas/space.ts'

const ENTRY = {
  did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  peerId: '12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK',
  name: 'Ada',
  role: 'founder',
  joinedAt: '2025-04-01T10:00:00.000Z',
}

const VALID = {
  schemaVersion: SPACE_SCHEMA_VERSION,
  type: 'space-authority',
  name: 'Allotment Group',
  founder: ENTRY.did,
  createdAt: '2025-04-01T10:00:00.000Z',
  roster: { [ENTRY.did]: ENTRY },
  collections: { resources: ['2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'] },
}

describe('AuthorityDocSchema', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a valid document', {}],
    ['an empty roster and no collections', { roster: {}, collections: {} }],
    ['every role', { roster: {
      a: { ...ENTRY, did: 'a', role: 'founder' },
      b: { ...ENTRY, did: 'b', role: 'admin' },
      c: { ...ENTRY, did: 'c', role: 'member' },
    } }],
    ['a collection sharded over two documents', { collections: { resources: ['d1', 'd2'] } }],
  ])('accepts %s', (_name, change) => {
    const doc = { ...VALID, ...change }
    expect(AuthorityDocSchema.parse(doc)).toEqual(doc)
  })

  it('trims the space name', () => {
    expect(AuthorityDocSchema.parse({ ...VALID, name: '  Allotment Group ' }).name).toBe('Allotment Group')
  })

  const missing = (key: keyof typeof VALID): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...VALID }
    delete copy[key]
    return copy
  }

  it.each<[string, unknown, string]>([
    ['schemaVersion 2', { ...VALID, schemaVersion: 2 }, 'schemaVersion'],
    ['schemaVersion "1"', { ...VALID, schemaVersion: '1' }, 'schemaVersion'],
    ['a missing schemaVersion', missing('schemaVersion'), 'schemaVersion'],
    ['the type of another document', { ...VALID, type: 'resources' }, 'type'],
    ['a missing type', missing('type'), 'type'],
    ['a missing roster', missing('roster'), 'roster'],
    ['a roster that is an array', { ...VALID, roster: [ENTRY] }, 'roster'],
    ['a roster entry with an unknown role', { ...VALID, roster: { x: { ...ENTRY, role: 'owner' } } }, 'roster.x.role'],
    ['a roster entry with an upper-case role', { ...VALID, roster: { x: { ...ENTRY, role: 'Admin' } } }, 'roster.x.role'],
    ['a roster entry without a did', { ...VALID, roster: { x: { ...ENTRY, did: undefined } } }, 'roster.x.did'],
    ['a roster entry with an empty peer id', { ...VALID, roster: { x: { ...ENTRY, peerId: '' } } }, 'roster.x.peerId'],
    ['a roster entry that is a string', { ...VALID, roster: { x: 'founder' } }, 'roster.x'],
    ['a whitespace name', { ...VALID, name: '   ' }, 'name'],
    ['a 121-character name', { ...VALID, name: 'n'.repeat(121) }, 'name'],
    ['an empty founder', { ...VALID, founder: '' }, 'founder'],
    ['missing collections', missing('collections'), 'collections'],
    ['a collection that is not a list', { ...VALID, collections: { resources: 'd1' } }, 'collections.resources'],
    ['null', null, ''],
  ])('rejects %s', (_name, doc, path) => {
    const result = AuthorityDocSchema.safeParse(doc)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path)
  })
})
