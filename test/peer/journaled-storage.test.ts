/**
 * The journal that makes a joined space durable with one fsync: automerge-repo's storage
 * suite, replay after a crash, torn journals dropped, and a newer write always winning.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runStorageAdapterTests } from '@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js'
import { afterEach, describe, expect, it } from 'vitest'
import { JournaledStorage, encodeJournal, decodeJournal } from '../../electron/peer/sync/journaled-storage.ts'

const dirs: string[] = []
function fresh(): { base: string; journal: string; storage: JournaledStorage } {
  const root = mkdtempSync(join(tmpdir(), 'cw-journal-'))
  dirs.push(root)
  const base = join(root, 'store')
  const journal = join(root, 'journal')
  return { base, journal, storage: new JournaledStorage(base, journal) }
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs)

runStorageAdapterTests(async () => {
  const { storage } = fresh()
  return { adapter: storage }
}, 'JournaledStorage')

describe('JournaledStorage batches', () => {
  it('serves a batch at once, and from its own files after draining', async () => {
    const { base, journal, storage } = fresh()
    await storage.saveBatch([{ key: ['doc1', 'snapshot', 'a'], data: bytes(1) }, { key: ['doc2', 'snapshot', 'a'], data: bytes(2) }])
    expect(await storage.load(['doc1', 'snapshot', 'a'])).toEqual(bytes(1))
    expect((await storage.loadRange(['doc2'])).map((c) => c.data)).toEqual([bytes(2)])
    await storage.drain()
    expect(readdirSync(journal)).toEqual([])
    const reopened = new JournaledStorage(base, journal)
    expect(await reopened.load(['doc2', 'snapshot', 'a'])).toEqual(bytes(2))
  })

  it('once closed, lets the writes under way finish and writes nothing more (a stopped peer leaves its directory alone)', async () => {
    const { base, storage } = fresh()
    const underWay = storage.save(['doc1', 'sync-state', 'peer'], bytes(7))
    await storage.close()
    await underWay
    await storage.save(['doc2', 'sync-state', 'peer'], bytes(8))
    await storage.remove(['doc1', 'sync-state', 'peer'])
    const reopened = new JournaledStorage(base, join(base, '..', 'journal'))
    expect(await reopened.load(['doc1', 'sync-state', 'peer'])).toEqual(bytes(7))
    expect(await reopened.load(['doc2', 'sync-state', 'peer'])).toBeUndefined()
    expect(readdirSync(base).sort()).toEqual(['do'])
  })

  it('replays a complete journal left by a crash before anything is read', async () => {
    const { base, journal } = fresh()
    mkdirSync(journal, { recursive: true })
    writeFileSync(join(journal, '0001-crash.journal'), encodeJournal([{ key: ['d', 'snapshot', 'x'], data: bytes(7, 7) }]))
    const storage = new JournaledStorage(base, journal)
    expect(await storage.recover()).toMatchObject({ replayed: 1, dropped: 0 })
    expect(await storage.load(['d', 'snapshot', 'x'])).toEqual(bytes(7, 7))
    expect(readdirSync(journal)).toEqual([])
  })

  it.each([
    ['cut short', (b: Uint8Array) => b.subarray(0, b.length - 5)],
    ['a flipped byte', (b: Uint8Array) => { const c = b.slice(); c[10] = c[10]! ^ 0xff; return c }],
    ['empty', () => new Uint8Array(0)],
    ['not a journal', () => new TextEncoder().encode('hello world, this is not a journal at all')],
  ])('drops a journal that is %s: it was never acknowledged', async (_name, damage) => {
    const { base, journal } = fresh()
    mkdirSync(journal, { recursive: true })
    writeFileSync(join(journal, '0001-torn.journal'), damage(encodeJournal([{ key: ['d', 'snapshot', 'x'], data: bytes(1, 2, 3) }])))
    const storage = new JournaledStorage(base, journal)
    expect(await storage.recover()).toMatchObject({ replayed: 0, dropped: 1 })
    expect(await storage.load(['d', 'snapshot', 'x'])).toBeUndefined()
  })

  it('a newer save or a remove of a key wins over a pending batch entry', async () => {
    const { storage } = fresh()
    await storage.saveBatch([{ key: ['a', 'snapshot', '1'], data: bytes(1) }, { key: ['b', 'snapshot', '1'], data: bytes(1) }, { key: ['c', 'snapshot', '1'], data: bytes(1) }])
    await storage.save(['a', 'snapshot', '1'], bytes(2))
    await storage.remove(['b', 'snapshot', '1'])
    await storage.removeRange(['c'])
    await storage.drain()
    expect(await storage.load(['a', 'snapshot', '1'])).toEqual(bytes(2))
    expect(await storage.load(['b', 'snapshot', '1'])).toBeUndefined()
    expect(await storage.loadRange(['c'])).toEqual([])
  })

  it('encodes and decodes keys and data exactly', () => {
    const entries = [{ key: ['x', 'incremental', 'é/..'], data: new Uint8Array(70_000).fill(9) }, { key: ['y'], data: new Uint8Array(0) }]
    expect(decodeJournal(encodeJournal(entries))).toEqual(entries)
  })
})
