import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ItemBaseSchema, byFill, defineCollection, parseItem } from '../../shared/collections/define.ts'
import { chooseShard } from '../../shared/collections/shard.ts'
import { CollectionRegistry, defaultRegistry } from '../../shared/collections/registry.ts'

const Note = ItemBaseSchema.extend({ text: z.string(), pinned: z.boolean() })
type Note = z.infer<typeof Note>
const notes = defineCollection<Note>({
  name: 'notes', label: 'Notes', version: 3, item: Note, shard: byFill(4),
  migrate: {
    1: (v1) => ({ ...v1, text: String(v1['body'] ?? '') }),
    2: (v2) => ({ ...v2, pinned: false }),
  },
})
const base = { id: 'n1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }

describe('parseItem', () => {
  it.each<[string, unknown, unknown]>([
    ['a current item', { ...base, schemaVersion: 3, text: 'hi', pinned: true }, { ...base, schemaVersion: 3, text: 'hi', pinned: true }],
    ['a version-1 item without a version field, migrated twice', { ...base, body: 'old' }, { ...base, schemaVersion: 3, text: 'old', pinned: false }],
    ['a version-2 item, migrated once', { ...base, schemaVersion: 2, text: 'mid' }, { ...base, schemaVersion: 3, text: 'mid', pinned: false }],
    ['a tombstone', { ...base, schemaVersion: 3, text: '', pinned: false, deleted: true }, { ...base, schemaVersion: 3, text: '', pinned: false, deleted: true }],
  ])('reads %s', (_name, raw, item) => {
    expect(parseItem(notes, raw)).toEqual({ ok: true, item })
  })

  it.each<[string, unknown, RegExp]>([
    ['a string', 'x', /not an object/],
    ['null', null, /not an object/],
    ['an array', [], /not an object/],
    ['an item from a newer version', { ...base, schemaVersion: 4, text: 'x', pinned: false }, /newer version/],
    ['a bad version', { ...base, schemaVersion: 'two', text: 'x', pinned: false }, /schemaVersion/],
    ['a missing field', { ...base, schemaVersion: 3, pinned: false }, /^text: /],
    ['a wrong type', { ...base, schemaVersion: 3, text: 'x', pinned: 'yes' }, /^pinned: /],
    ['an id too long', { ...base, id: 'x'.repeat(65), schemaVersion: 3, text: 'x', pinned: false }, /^id: /],
  ])('quarantines %s, saying why', (_name, raw, reason) => {
    const r = parseItem(notes, raw)
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.reason).toMatch(reason)
  })

  it('quarantines an item whose migration throws', () => {
    const fragile = defineCollection({ name: 'fragile', label: 'F', version: 2, item: ItemBaseSchema, shard: byFill(8), migrate: { 1: () => { throw new Error('no') } } })
    expect(parseItem(fragile, base)).toEqual({ ok: false, reason: expect.stringMatching(/migration from version 1 failed/) })
  })
})

describe('defineCollection refuses what cannot work', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['an upper-case name', () => defineCollection({ name: 'Notes', label: '', version: 1, item: ItemBaseSchema, shard: byFill(4) }), /lower case/],
    ['a missing migration', () => defineCollection({ name: 'n', label: '', version: 2, item: ItemBaseSchema, shard: byFill(4) }), /no migration from version 1/],
    ['version 0', () => defineCollection({ name: 'n', label: '', version: 0, item: ItemBaseSchema, shard: byFill(4) }), /version/],
    ['a zero cap', () => byFill(0), /positive/],
    ['a name registered twice', () => new CollectionRegistry([notes, notes]), /twice/],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(message)
  })

  it('the default registry holds every collection of this version once', () => {
    expect(defaultRegistry().names()).toContain('resources')
  })
})

describe('chooseShard (fill)', () => {
  const layout = byFill(4)
  it.each<[string, Array<{ id: string; count: number }>, number, string | null]>([
    ['no shard yet', [], 1, null],
    ['the only shard, with room', [{ id: 'a', count: 1 }], 1, 'a'],
    ['the fullest with room', [{ id: 'a', count: 1 }, { id: 'b', count: 3 }], 1, 'b'],
    ['not a full one', [{ id: 'a', count: 4 }, { id: 'b', count: 2 }], 1, 'b'],
    ['a new one when all are full', [{ id: 'a', count: 4 }, { id: 'b', count: 5 }], 1, null],
    ['a tie, by the lower id', [{ id: 'b', count: 2 }, { id: 'a', count: 2 }], 1, 'a'],
    ['a batch that does not fit', [{ id: 'a', count: 2 }], 3, null],
    ['a batch larger than a shard, into an empty one', [{ id: 'a', count: 0 }], 9, 'a'],
  ])('%s', (_name, shards, n, expected) => {
    expect(chooseShard(layout, shards, n)).toBe(expected)
  })
})
