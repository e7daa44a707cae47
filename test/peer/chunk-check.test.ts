/**
 * A stored Automerge chunk that is cut short, overwritten or filled with garbage is known for
 * what it is before Automerge loads it: the checked store sets it aside and says so, the
 * document then loads from what is whole, and an intact copy in the journal is the one read.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import { afterEach, describe, expect, it } from 'vitest'
import { chunkDamage } from '../../electron/peer/sync/chunk-check.ts'
import { JournaledStorage, encodeJournal, type ChunkDamage } from '../../electron/peer/sync/journaled-storage.ts'

const doc = Automerge.change(Automerge.from({ title: 'Ladder' }), (d) => { d.title = 'Long ladder '.repeat(100) })
const snapshot = Automerge.save(doc)
const changes = Automerge.saveSince(doc, [])
const flipped = snapshot.slice()
flipped[snapshot.length - 3] = flipped[snapshot.length - 3]! ^ 0xff

describe('chunkDamage', () => {
  it.each([
    ['a snapshot', snapshot],
    ['several changes in a row', changes],
    ['a snapshot followed by changes', new Uint8Array([...snapshot, ...changes])],
  ])('passes %s', (_, bytes) => {
    expect(chunkDamage(bytes)).toBeUndefined()
  })

  it.each([
    ['an empty file', new Uint8Array(0), /empty/],
    ['a snapshot cut in half', snapshot.subarray(0, snapshot.length >> 1), /cut short/],
    ['changes cut before the last byte', changes.subarray(0, changes.length - 1), /cut short/],
    ['one byte changed', flipped, /checksum/],
    ['garbage', new Uint8Array(64).fill(0x41), /header/],
  ])('finds %s damaged', (_, bytes, why) => {
    expect(chunkDamage(bytes)).toMatch(why)
  })
})

describe('the checked store', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  function fresh(): { base: string; journal: string; storage: JournaledStorage; damaged: ChunkDamage[] } {
    const root = mkdtempSync(join(tmpdir(), 'cw-chunks-'))
    dirs.push(root)
    const damaged: ChunkDamage[] = []
    const base = join(root, 'store')
    const journal = join(root, 'journal')
    return { base, journal, damaged, storage: new JournaledStorage(base, journal, () => {}, (d) => damaged.push(d)) }
  }

  it('sets a damaged chunk aside, names its file, and serves the whole ones', async () => {
    const { base, storage, damaged } = fresh()
    await storage.save(['docA', 'snapshot', 's1'], snapshot)
    await storage.save(['docA', 'incremental', 'c1'], changes)
    const file = join(base, 'do', 'docA', 'snapshot', 's1')
    writeFileSync(file, snapshot.subarray(0, 20))
    expect(await storage.loadRange(['docA', 'snapshot'])).toEqual([])
    expect((await storage.loadRange(['docA', 'incremental'])).map((c) => c.key)).toEqual([['docA', 'incremental', 'c1']])
    expect(damaged).toEqual([expect.objectContaining({ documentId: 'docA', file, reason: expect.stringMatching(/cut short/) })])
    expect(readdirSync(join(base, 'do', 'docA', 'snapshot'))).toEqual([expect.stringMatching(/^s1\.damaged-/)])
  })

  it('reads the intact copy a journal holds over a damaged file', async () => {
    const { base, journal, storage, damaged } = fresh()
    await storage.save(['docA', 'snapshot', 's1'], snapshot)
    writeFileSync(join(base, 'do', 'docA', 'snapshot', 's1'), new Uint8Array(64).fill(7))
    // A journal left by a crash before it was written out holds the intact bytes.
    mkdirSync(journal, { recursive: true })
    writeFileSync(join(journal, '0-crash.journal'), encodeJournal([{ key: ['docA', 'snapshot', 's1'], data: snapshot }]))
    const reopened = new JournaledStorage(base, journal, () => {}, (d) => damaged.push(d))
    await reopened.recover()
    expect((await reopened.loadRange(['docA', 'snapshot'])).map((c) => c.data)).toEqual([snapshot])
    expect(damaged).toEqual([])
  })
})
