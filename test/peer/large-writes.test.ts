/**
 * A large write (an import of thousands of items) is written as changes of a few items each,
 * made and applied one per turn of the event loop, so the peer keeps answering meanwhile; it is
 * still all on disk before it is acknowledged, and a change that arrives from a peer while a
 * write is being made is kept beside it.
 * - on a peer: 300 items put at once reach a follower in changes of at most MAX_CHANGE_ITEMS
 *   items (and of few long ones), every one of them, and are all there after a restart;
 * - durable-change on its own: changes staged in pieces are written to disk as one chunk that
 *   loads to the same document, and a change made to the document meanwhile is kept;
 * - a document too large to copy for each piece takes a batch as one change.
 */
import { randomUUID } from 'node:crypto'
import * as Automerge from '@automerge/automerge'
import { Repo, type DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ItemBaseSchema, byFill, defineCollection } from '../../shared/collections/define.ts'
import { COLLECTIONS, CollectionRegistry } from '../../shared/collections/registry.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { changePieces, MAX_CHANGE_BYTES, MAX_CHANGE_ITEMS, WHOLE_ABOVE } from '../../electron/peer/domain/change-pieces.ts'
import { commitChanges, stagePieces } from '../../electron/peer/domain/durable-change.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'

const Memo = ItemBaseSchema.extend({ title: z.string().min(1).max(200), body: z.string().max(5000) })
type Memo = z.infer<typeof Memo>
/** As the map: 128 items a shard, a collaborative text field. */
const memos = defineCollection<Memo>({ name: 'memos', label: 'Memos', version: 1, item: Memo, shard: byFill(128), text: ['body'] })
const registry = (): CollectionRegistry => new CollectionRegistry([...COLLECTIONS, memos as never])

const LONG = 'a long memo, as a description pasted from a report. '.repeat(60)
const memo = (i: number): Memo => {
  const at = new Date().toISOString()
  return { id: randomUUID(), title: `Memo ${i}`, body: i >= 100 && i < 110 ? `${i}: ${LONG}` : `memo ${i}`, createdAt: at, updatedAt: at }
}

describe('a write of hundreds of items at once', () => {
  const peers = new Peers()
  let a: TestPeer
  let spaceId: SpaceId
  const written = Array.from({ length: 300 }, (_, i) => memo(i))
  const changes: string[][] = []

  beforeAll(async () => {
    a = await peers.start('A', { collections: registry() })
    ;({ spaceId } = await a.peer.api.createSpace({ name: 'Memo club' }))
    a.peer.collections.follow(spaceId, 'memos', (c) => changes.push(c.ids))
    await Promise.all(written.map((m) => a.peer.collections.put(spaceId, 'memos', m)))
  }, 60_000)
  afterAll(() => peers.close())

  it('reaches a follower in changes of a few items each, every item once', () => {
    // Two long memos fit in a change, three do not.
    expect([2 * (LONG.length + 300) < MAX_CHANGE_BYTES, 3 * LONG.length > MAX_CHANGE_BYTES]).toEqual([true, true])
    expect(Math.max(...changes.map((ids) => ids.length))).toBeLessThanOrEqual(MAX_CHANGE_ITEMS)
    const long = new Set(written.filter((m) => m.body.length > 1000).map((m) => m.id))
    // Three long ones are more than a change holds: never more than two in one.
    expect(Math.max(...changes.map((ids) => ids.filter((id) => long.has(id)).length))).toBe(2)
    expect(changes.flat().sort()).toEqual(written.map((m) => m.id).sort())
  })

  it('is all on disk: after a restart every item is there as written', async () => {
    await a.stop()
    await a.restart()
    const listed = await a.peer.collections.list<Memo>(spaceId, 'memos')
    const seen = (ms: Memo[]): string[] => ms.map((m) => `${m.id} ${m.title} ${m.body}`).sort()
    expect(seen(listed.items)).toEqual(seen(written))
  }, 60_000)
})

describe('changes staged in pieces (durable-change.ts)', () => {
  interface Doc { items: Record<string, number> }
  const pieces = [(d: Doc) => { d.items['a'] = 1 }, (d: Doc) => { d.items['b'] = 2 }, (d: Doc) => { d.items['c'] = 3 }]

  const setup = () => {
    const repo = new Repo({})
    const handle = repo.create<Doc>({ items: {} })
    const before = Automerge.clone(handle.doc())
    const written: Uint8Array[] = []
    const persist = async (_: DocumentId, chunk: Uint8Array): Promise<void> => void written.push(chunk)
    return { repo, handle, before, written, persist }
  }

  it('writes them to disk as one chunk, which loads to the document they make', async () => {
    const { repo, handle, before, written, persist } = setup()
    const staged = await stagePieces(handle, pieces)
    expect(staged?.steps).toHaveLength(3)
    expect(handle.doc().items).toEqual({})
    await commitChanges({ repo, persist }, [staged!], [])
    expect(handle.doc().items).toEqual({ a: 1, b: 2, c: 3 })
    expect(written).toHaveLength(1)
    expect(Automerge.loadIncremental(before, written[0]!).items).toEqual({ a: 1, b: 2, c: 3 })
    await repo.shutdown()
  })

  it('keeps a change made to the document while they were being written, and applies them over it', async () => {
    const { repo, handle, persist } = setup()
    const staged = await stagePieces(handle, pieces)
    // A peer's change (its own actor) arrives between staging and writing.
    const peer = Automerge.change(Automerge.clone(handle.doc()), (d) => { d.items['from a peer'] = 9 })
    handle.update((d) => Automerge.loadIncremental(d, Automerge.getLastLocalChange(peer)!))
    await commitChanges({ repo, persist }, [staged!], [])
    expect(handle.doc().items).toEqual({ 'from a peer': 9, a: 1, b: 2, c: 3 })
    await repo.shutdown()
  })

  it('stages nothing for pieces that change nothing (not the last change again)', async () => {
    const { repo, handle } = setup()
    handle.change((d) => { d.items['a'] = 1 })
    expect(await stagePieces(handle, [(d: Doc) => { d.items['a'] = 1 }])).toBeUndefined()
    await repo.shutdown()
  })
})

describe('a batch cut into pieces (change-pieces.ts)', () => {
  const writes = Array.from({ length: 40 }, (_, i) => ({ apply: (d: string[]) => void d.push(`item ${i}`), bytes: 100 }))
  const made = (pieces: Array<(d: string[]) => void>): string[][] => pieces.map((p) => {
    const d: string[] = []
    p(d)
    return d
  })

  it('cuts a batch for a shard into pieces of MAX_CHANGE_ITEMS, in order', () => {
    const pieces = made(changePieces(writes, 100))
    expect(pieces.map((p) => p.length)).toEqual([MAX_CHANGE_ITEMS, MAX_CHANGE_ITEMS, 40 - 2 * MAX_CHANGE_ITEMS])
    expect(pieces.flat()).toEqual(writes.map((_, i) => `item ${i}`))
  })

  it('writes a batch to a document larger than WHOLE_ABOVE items as one change', () => {
    expect(made(changePieces(writes, WHOLE_ABOVE + 1)).map((p) => p.length)).toEqual([40])
  })
})
