/**
 * Backup and restore of a whole space: a space of 1,000 resources and 200 bookings exported by
 * a running peer and imported by the CLI into a fresh data directory (no daemon) holds every
 * document with identical heads; a file cut short, one with a byte flipped and one of another
 * format are each refused in words, and the data directory is byte-for-byte as it was.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'
import { removeDir, runCli, tempDataDir } from '../helpers/cli-peer.ts'
import { findWithin } from '../../electron/peer/sync/find-within.ts'

const RESOURCES = 1_000
const BOOKINGS = 200

/** path -> sha256 of every file under `dir`. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out[path.slice(dir.length)] = createHash('sha256').update(await readFile(path)).digest('hex')
  }
  return out
}

async function inBatches<T>(n: number, size: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < n; i += size) out.push(...await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => fn(i + k))))
  return out
}

describe('export and import of a space', () => {
  const peers = new Peers()
  let a: TestPeer
  let spaceId: SpaceId
  let file = ''
  const restoredDir = tempDataDir('cw-restored-')
  const heads = new Map<string, string[]>()

  beforeAll(async () => {
    a = await peers.start('A')
    spaceId = (await a.peer.api.createSpace({ name: 'Tool library' })).spaceId
    const ids = await inBatches(RESOURCES, 50, (i) => a.peer.api.addResource({ spaceId, kind: i < BOOKINGS || i % 2 ? 'tool' : 'offer', title: `Item ${i}`, tags: ['backup'] }).then((r) => r.id))
    await inBatches(BOOKINGS, 25, (i) => a.peer.api.book({
      spaceId, resource: ids[i]!, from: new Date(Date.UTC(2027, 0, 1 + i)).toISOString(), to: new Date(Date.UTC(2027, 0, 2 + i)).toISOString(), note: `booking ${i}`,
    }))
    file = join(a.dataDir, '..', `export-${process.pid}-${Date.now()}.cwexport`)
  }, 180_000)
  afterAll(async () => {
    await peers.close()
    removeDir(restoredDir)
    if (file) removeDir(file)
  })

  it('imported into a fresh data directory by a stopped peer, every document has identical heads', async () => {
    const result = await a.peer.api.exportSpace({ spaceId, file })
    expect(result).toMatchObject({ file, items: RESOURCES + BOOKINGS })
    for (const id of [spaceId, ...a.peer.consent.spaces.docsOf(spaceId)]) {
      const h = await findWithin<unknown>(a.peer.repo, id, 5_000)
      heads.set(id, Automerge.getHeads(h.doc() as Automerge.Doc<unknown>))
    }
    expect(result.documents).toBe(heads.size)

    const run = await runCli(['import', file, '--data', restoredDir, '--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ spaceId, documents: heads.size, merged: 0, member: false })

    const restored = await createPeer({ offline: true }, { dataDir: restoredDir, log: createLogger(LogLevel.Error) })
    try {
      for (const [id, want] of heads) {
        const h = await findWithin<unknown>(restored.repo, id as DocumentId, 5_000)
        expect(Automerge.getHeads(h.doc() as Automerge.Doc<unknown>), id).toEqual(want)
      }
      // Under another identity, the space is a local copy: the grants inside decide, and there are none for it.
      const listed = await restored.api.listSpaces()
      expect(listed.map((s) => s.spaceId)).toEqual([spaceId])
      expect(listed[0]).toMatchObject({ access: { cmd: 'none' }, localCopy: true })
    } finally {
      await restored.stop()
    }
  }, 120_000)

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 200), 'cut short'],
    ['one byte flipped', (b: Buffer) => { const c = Buffer.from(b); c[Math.floor(c.length / 2)]! ^= 0x01; return c }, 'altered or damaged'],
    ['another format', () => Buffer.from('PK\u0003\u0004 this is a zip file, not an export'), 'not a Commonweave space export'],
    ['JSON of another kind', () => Buffer.from('{"kind":"kumu","elements":[]}\n'), 'not a Commonweave space export'],
  ])('a file %s is refused in words, and the data directory is unchanged', async (_what, damage, words) => {
    const bad = `${file}.bad`
    await writeFile(bad, damage(await readFile(file)))
    const before = await fingerprint(restoredDir)
    const run = await runCli(['import', bad, '--data', restoredDir, '--json'])
    expect(run.code).toBe(1)
    const error = (JSON.parse(run.stderr) as { error: { code: string; message: string } }).error
    expect(error.code).toBe(ErrorCode.ArchiveInvalid)
    expect(error.message).toContain(words)
    expect(error.message).toContain('Nothing was changed')
    expect(await fingerprint(restoredDir)).toEqual(before)
    // The running peer refuses it the same way.
    await expect(a.peer.api.importSpace({ file: bad })).rejects.toMatchObject({ code: ErrorCode.ArchiveInvalid })
    removeDir(bad)
  })
})
