import { appendFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AUDIT_FILE, AUDIT_OLD_FILE, AuditLog, type AuditRecordInput, type AuditLogOptions } from '../../electron/peer/consent/audit-log.ts'
import { createLogger, LogLevel, type Logger } from '../../electron/peer/log.ts'
import type { AuditEntry } from '../../shared/api/peer-api.ts'
import type { DocId, PeerIdString, SpaceId } from '../../shared/ids.ts'
import { tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const SPACE_A = 'spaceAAAA' as SpaceId
const SPACE_B = 'spaceBBBB' as SpaceId
const PEER = '12D3KooWPeerOne' as PeerIdString
const OTHER_PEER = '12D3KooWPeerTwo' as PeerIdString
const doc = (i: number): DocId => `doc${i}` as DocId

/** The lines on disk right now, parsed, without flushing (read() would flush first). */
function linesOnDisk(dir: string, file = AUDIT_FILE): AuditEntry[] {
  const path = join(dir, file)
  if (!existsSync(path)) return []
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as AuditEntry)
}

describe('AuditLog', () => {
  let dir: string
  let clock: number
  const opened: AuditLog[] = []
  const openLog = async (opts: AuditLogOptions = {}, log?: Logger): Promise<AuditLog> => {
    const audit = await AuditLog.open(dir, log, { now: () => clock, ...opts })
    opened.push(audit)
    return audit
  }
  beforeEach(() => {
    dir = tempDataDir('cw-audit-log-')
    clock = Date.parse('2025-06-01T12:00:00Z')
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((a) => a.close()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads back what was recorded, by space, oldest first, without the entries for no space', async () => {
    const audit = await openLog()
    audit.record({ kind: 'grant-issued', spaceId: SPACE_A, grantId: 'g1', did: 'did:key:z6Mk1' as AuditEntry['did'] })
    clock += 1000
    audit.record({ kind: 'grant-received', spaceId: SPACE_B, grantId: 'g2' })
    audit.record({ kind: 'connection-refused', spaceId: null, peer: PEER, detail: 'not a member' })
    audit.record({ kind: 'grant-revoked', spaceId: SPACE_A, grantId: 'g1', at: '2025-06-01T12:00:05.000Z' })

    const a = await audit.read(SPACE_A)
    expect(a.map((e) => [e.kind, e.grantId, e.at])).toEqual([
      ['grant-issued', 'g1', '2025-06-01T12:00:00.000Z'],
      ['grant-revoked', 'g1', '2025-06-01T12:00:05.000Z'],
    ])
    expect(a[0]?.did).toBe('did:key:z6Mk1')
    expect((await audit.read(SPACE_B)).map((e) => e.grantId)).toEqual(['g2'])
    expect(await audit.read('spaceNone' as SpaceId)).toEqual([])
  })

  it('returns the newest entries up to the limit, 1000 by default', async () => {
    const audit = await openLog()
    for (let i = 0; i < 1500; i++) audit.record({ kind: 'grant-received', spaceId: SPACE_A, grantId: `g${i}` })
    audit.record({ kind: 'grant-received', spaceId: SPACE_B, grantId: 'other' })
    const all = await audit.read(SPACE_A)
    expect(all).toHaveLength(1000)
    expect(all[0]?.grantId).toBe('g500')
    expect(all.at(-1)?.grantId).toBe('g1499')
    expect((await audit.read(SPACE_A, { limit: 3 })).map((e) => e.grantId)).toEqual(['g1497', 'g1498', 'g1499'])
    expect(await audit.read(SPACE_A, { limit: 0 })).toEqual([])
  })

  it('writes queued entries in the background, without flush', async () => {
    const audit = await openLog()
    audit.record({ kind: 'grant-issued', spaceId: SPACE_A, grantId: 'g1' })
    expect(linesOnDisk(dir)).toEqual([])
    await waitFor('the entry to reach the file by the batch timer', () => linesOnDisk(dir).length === 1, 5_000)
    for (let i = 0; i < 600; i++) audit.record({ kind: 'grant-received', spaceId: SPACE_A, grantId: `g${i}` })
    await waitFor('a batch of 500+ entries to be written', () => linesOnDisk(dir).length === 601, 5_000)
  })

  it('aggregates 1,000 documents sent into one docs-sent entry per peer and space', async () => {
    const audit = await openLog()
    for (let i = 0; i < 1000; i++) audit.sentDocs(PEER, SPACE_A, doc(i % 250))
    audit.sentDocs(OTHER_PEER, SPACE_A, doc(1))
    await audit.flush()
    const sent = (await audit.read(SPACE_A)).filter((e) => e.kind === 'docs-sent')
    expect(sent).toHaveLength(2)
    const mine = sent.find((e) => e.peer === PEER)
    expect(mine?.count).toBe(1000)
    expect(new Set(mine?.docs)).toEqual(new Set(Array.from({ length: 250 }, (_, i) => doc(i))))
    expect(mine?.docs).toHaveLength(250)
    expect(sent.find((e) => e.peer === OTHER_PEER)?.count).toBe(1)
  })

  it('writes docs-sent at most once a second while sending goes on, and at once when the connection ends', async () => {
    const audit = await openLog()
    for (let i = 0; i < 100; i++) audit.sentDocs(PEER, SPACE_A, doc(i))
    // A batch runs within the second: it carries the marker, not the aggregate.
    audit.record({ kind: 'grant-issued', spaceId: SPACE_B, grantId: 'marker' })
    await waitFor('a batch within the first second', () => linesOnDisk(dir).length === 1, 5_000)
    expect(linesOnDisk(dir)[0]?.grantId).toBe('marker')
    clock += 1000
    await waitFor('the first second of docs-sent to be written', () => linesOnDisk(dir).length === 2, 5_000)
    expect(linesOnDisk(dir)[1]).toMatchObject({ kind: 'docs-sent', count: 100 })

    audit.sentDocs(PEER, SPACE_A, doc(1))
    audit.sentDocs(PEER, SPACE_A, doc(2))
    audit.endConnection(PEER)
    await waitFor('the ended connection\'s docs-sent to be written', () => linesOnDisk(dir).length === 3, 5_000)
    expect(linesOnDisk(dir)[2]).toMatchObject({ kind: 'docs-sent', peer: PEER, count: 2, docs: [doc(1), doc(2)] })
  })

  it('throttles identical refusals to one line per 10 s, with the count of repeats', async () => {
    const audit = await openLog()
    const refusal: AuditRecordInput = { kind: 'request-refused', spaceId: SPACE_A, peer: PEER, docs: [doc(1)], detail: 'no grant' }
    for (let i = 0; i < 1000; i++) audit.record(refusal)
    // A different document or kind is a different line.
    audit.record({ ...refusal, docs: [doc(2)] })
    audit.record({ kind: 'write-dropped', spaceId: SPACE_A, peer: PEER, docs: [doc(1)] })
    await waitFor('the first of each to be written', () => linesOnDisk(dir).length === 3, 5_000)
    // A later batch within the 10 s carries the marker, not the repeats.
    audit.record({ kind: 'grant-issued', spaceId: SPACE_B, grantId: 'marker' })
    await waitFor('a later batch within the window', () => linesOnDisk(dir).length === 4, 5_000)
    expect(linesOnDisk(dir).map((e) => [e.kind, e.docs, e.count])).toEqual([
      ['request-refused', [doc(1)], undefined],
      ['request-refused', [doc(2)], undefined],
      ['write-dropped', [doc(1)], undefined],
      ['grant-issued', undefined, undefined],
    ])

    clock += 10_000
    await waitFor('the repeats to be written as one counted line', () => linesOnDisk(dir).length === 5, 5_000)
    expect(linesOnDisk(dir)[4]).toMatchObject({ kind: 'request-refused', peer: PEER, docs: [doc(1)], count: 999 })

    // The flood goes on: still one line per window.
    for (let i = 0; i < 50; i++) audit.record(refusal)
    clock += 10_000
    await waitFor('the next window\'s repeats', () => linesOnDisk(dir).length === 6, 5_000)
    expect(linesOnDisk(dir)[5]?.count).toBe(50)
    await audit.close()
    expect(linesOnDisk(dir)).toHaveLength(6)
  })

  it('counts an agent\'s calls per operation, outcome and second: a burst of 2,000 is a handful of lines, the grants before it stay', async () => {
    const audit = await openLog({ maxBytes: 16 * 1024 })
    audit.record({ kind: 'grant-issued', spaceId: SPACE_A, grantId: 'consent-of-ana', detail: '/doc/read resources for agent-assist' })
    const call = (op: string, outcome: 'ok' | 'refused'): AuditRecordInput => ({
      kind: 'agent-call', spaceId: SPACE_A, did: 'did:key:z6MkHelper' as AuditEntry['did'], grantId: 'g-helper', name: 'helper', op, outcome,
      detail: outcome === 'refused' ? 'FORBIDDEN: helper\'s grant does not let it read pages in this space.' : undefined,
    })
    audit.record(call('listResources', 'ok'))
    await waitFor('the first call of the second, written at once', () => linesOnDisk(dir).some((e) => e.kind === 'agent-call'), 5_000)
    for (let i = 1; i < 2_000; i++) {
      if (i % 500 === 0) clock += 1_000
      audit.record(i % 4 === 0 ? call('listPages', 'refused') : call('listResources', 'ok'))
    }
    await audit.close()
    const calls = linesOnDisk(dir).filter((e) => e.kind === 'agent-call')
    expect(calls.length).toBeLessThanOrEqual(16)
    expect(calls.reduce((sum, e) => sum + (e.count ?? 1), 0)).toBe(2_000)
    const byOp = (op: string, outcome: string): number => calls.filter((e) => e.op === op && e.outcome === outcome).reduce((sum, e) => sum + (e.count ?? 1), 0)
    expect([byOp('listResources', 'ok'), byOp('listPages', 'refused')]).toEqual([1_501, 499])
    expect(calls.every((e) => e.name === 'helper')).toBe(true)
    expect(linesOnDisk(dir)[0]).toMatchObject({ kind: 'grant-issued', grantId: 'consent-of-ana' })
  })

  it('skips damaged lines and a torn last line, says so once, and appends after them', async () => {
    const audit = await openLog()
    audit.record({ kind: 'grant-issued', spaceId: SPACE_A, grantId: 'g1' })
    await audit.close()
    const path = join(dir, AUDIT_FILE)
    appendFileSync(path, '{"at":"x","kind":"no-such-kind","spaceId":"spaceAAAA"}\n')
    // The crash came mid-line.
    appendFileSync(path, '{"at":"2025-06-01T12:00:00.000Z","kind":"grant-revoked","spaceId":"spaceAAAA","gra')

    const warnings: Array<{ msg: string; damaged?: number }> = []
    const again = await openLog({}, createLogger(LogLevel.Warn, 'test', (line) => warnings.push(JSON.parse(line) as { msg: string; damaged?: number })))
    expect((await again.read(SPACE_A)).map((e) => e.grantId)).toEqual(['g1'])
    expect(warnings.map((w) => w.damaged)).toEqual([2])
    again.record({ kind: 'grant-revoked', spaceId: SPACE_A, grantId: 'g1' })
    expect((await again.read(SPACE_A)).map((e) => e.kind)).toEqual(['grant-issued', 'grant-revoked'])
    expect(warnings).toHaveLength(1)
    await again.close()

    // The torn bytes stayed a line of their own: the append after them is intact.
    expect(readFileSync(path, 'utf8').split('\n').at(-2)).toMatch(/^\{"kind":"grant-revoked".*"grantId":"g1".*\}$/)
    const third = await openLog()
    expect((await third.read(SPACE_A)).map((e) => e.kind)).toEqual(['grant-issued', 'grant-revoked'])
  })

  it('keeps everything across close and reopen, in a 0600 file; close is safe twice and flushes aggregates', async () => {
    const audit = await openLog()
    audit.record({ kind: 'grant-issued', spaceId: SPACE_A, grantId: 'g1' })
    audit.sentDocs(PEER, SPACE_A, doc(1))
    audit.record({ kind: 'write-dropped', spaceId: SPACE_A, peer: PEER, docs: [doc(1)] })
    audit.record({ kind: 'write-dropped', spaceId: SPACE_A, peer: PEER, docs: [doc(1)] })
    await audit.close()
    await audit.close()
    audit.record({ kind: 'grant-issued', spaceId: SPACE_A, grantId: 'after close' })
    if (process.platform !== 'win32') expect(statSync(join(dir, AUDIT_FILE)).mode & 0o777).toBe(0o600)

    const again = await openLog()
    const entries = await again.read(SPACE_A)
    expect(entries.map((e) => [e.kind, e.count])).toEqual([
      ['grant-issued', undefined],
      ['write-dropped', undefined],
      ['docs-sent', 1],
      ['write-dropped', 1],
    ])
  })

  it('rotates a full file to audit.1.jsonl and still reads both generations', async () => {
    const audit = await openLog({ maxBytes: 4096 })
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 40; i++) audit.record({ kind: 'grant-received', spaceId: SPACE_A, grantId: `r${round}-${i}` })
      await audit.flush()
    }
    expect(existsSync(join(dir, AUDIT_OLD_FILE))).toBe(true)
    expect(statSync(join(dir, AUDIT_FILE)).size).toBeLessThanOrEqual(4096)
    if (process.platform !== 'win32') expect(statSync(join(dir, AUDIT_FILE)).mode & 0o777).toBe(0o600)
    const entries = await audit.read(SPACE_A)
    // The oldest generation is gone; what is kept is in order and ends with the newest.
    expect(entries.length).toBeLessThan(120)
    expect(entries.at(-1)?.grantId).toBe('r2-39')
    const order = entries.map((e) => {
      const [round, i] = (e.grantId ?? '').slice(1).split('-').map(Number)
      return (round ?? 0) * 100 + (i ?? 0)
    })
    expect(order).toEqual([...order].sort((x, y) => x - y))
  })
})
