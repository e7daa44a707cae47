import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONSENT_FILE, GrantLog, type NewConsentRecord } from '../../electron/peer/consent/grant-log.ts'
import { createLogger, LogLevel, type Logger } from '../../electron/peer/log.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { tempDataDir } from '../helpers/cli-peer.ts'

const SPACE_A = 'spaceAAAA' as SpaceId
const SPACE_B = 'spaceBBBB' as SpaceId

function rec(id: string, spaceId: SpaceId = SPACE_A, kind: NewConsentRecord['kind'] = 'grant'): NewConsentRecord {
  return { id, spaceId, kind, bytes: new TextEncoder().encode(`envelope ${id}`), source: 'test' }
}

describe('GrantLog', () => {
  let root: string
  let dir: string
  const open: GrantLog[] = []
  const openLog = async (log?: Logger): Promise<GrantLog> => {
    const gl = await GrantLog.open(dir, log)
    open.push(gl)
    return gl
  }
  beforeEach(() => {
    root = tempDataDir('cw-grant-log-')
    dir = root
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((gl) => gl.close()))
    rmSync(root, { recursive: true, force: true })
  })

  it('keeps the records, bytes intact, in insertion order and by space', async () => {
    const gl = await openLog()
    expect(await gl.add(rec('g1'))).toBe(true)
    expect(await gl.add(rec('g2', SPACE_B))).toBe(true)
    expect(await gl.add(rec('r1', SPACE_A, 'revocation'))).toBe(true)
    expect(gl.has('g1')).toBe(true)
    expect(gl.has('nope')).toBe(false)
    expect(gl.all().map((r) => r.id)).toEqual(['g1', 'g2', 'r1'])
    expect(gl.all(SPACE_A).map((r) => [r.id, r.kind])).toEqual([['g1', 'grant'], ['r1', 'revocation']])
    expect(gl.all('other' as SpaceId)).toEqual([])
    expect(new TextDecoder().decode(gl.all(SPACE_B)[0]?.bytes)).toBe('envelope g2')
  })

  it('writes an id once: a second add returns false and writes nothing', async () => {
    const gl = await openLog()
    expect(await gl.add(rec('g1'))).toBe(true)
    const size = statSync(join(dir, CONSENT_FILE)).size
    expect(await gl.add({ ...rec('g1'), source: 'elsewhere' })).toBe(false)
    expect(statSync(join(dir, CONSENT_FILE)).size).toBe(size)
    expect(gl.all()).toHaveLength(1)
    expect(gl.all()[0]?.source).toBe('test')
  })

  it('lands every concurrent add, and the same id added concurrently once', async () => {
    const gl = await openLog()
    const results = await Promise.all([
      ...Array.from({ length: 200 }, (_, i) => gl.add(rec(`g${i}`, i % 2 ? SPACE_A : SPACE_B))),
      gl.add(rec('g7')),
    ])
    expect(results.filter((r) => r)).toHaveLength(200)
    expect(gl.all()).toHaveLength(200)
    await gl.close()
    const again = await openLog()
    expect(again.all().map((r) => r.id)).toEqual(Array.from({ length: 200 }, (_, i) => `g${i}`))
    expect(again.all(SPACE_A)).toHaveLength(100)
  })

  it('keeps everything across close and reopen, in a 0600 file', async () => {
    const gl = await openLog()
    const bytes = new Uint8Array(256).map((_, i) => i)
    await gl.add({ id: 'bin', spaceId: SPACE_A, kind: 'revocation', bytes, source: 'peer 12D3Koo' })
    await gl.add(rec('g2', SPACE_B))
    await gl.close()
    await gl.close()
    if (process.platform !== 'win32') expect(statSync(join(dir, CONSENT_FILE)).mode & 0o777).toBe(0o600)

    const again = await openLog()
    expect(again.has('bin')).toBe(true)
    const [first] = again.all(SPACE_A)
    expect(first?.kind).toBe('revocation')
    expect(first?.source).toBe('peer 12D3Koo')
    expect(Buffer.from(first?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true)
    expect(again.all().map((r) => r.id)).toEqual(['bin', 'g2'])
    expect(await again.add(rec('bin'))).toBe(false)
  })

  it('skips a torn last line and damaged lines, says how many, and appends after them', async () => {
    const gl = await openLog()
    await gl.add(rec('g1'))
    await gl.close()
    const path = join(dir, CONSENT_FILE)
    appendFileSync(path, 'not json\n{"id":"x","spaceId":"s","kind":"grant","bytes":"!!","source":"","at":""}\n')
    appendFileSync(path, '{"id":"torn","spaceId":"spaceAAAA","ki')

    const warnings: Array<{ msg: string; damaged?: number }> = []
    const again = await openLog(createLogger(LogLevel.Warn, 'test', (line) => warnings.push(JSON.parse(line) as { msg: string; damaged?: number })))
    expect(again.all().map((r) => r.id)).toEqual(['g1'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.damaged).toBe(3)
    expect(await again.add(rec('g2'))).toBe(true)
    await again.close()

    const third = await openLog()
    expect(third.all().map((r) => r.id)).toEqual(['g1', 'g2'])
  })

  it('loads 10,000 records well under a second', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({
      id: `bafy-grant-${i}`, spaceId: i % 3 ? SPACE_A : SPACE_B, kind: 'grant',
      bytes: Buffer.alloc(300, i % 256).toString('base64'), source: 'peer', at: new Date(0).toISOString(),
    }))
    writeFileSync(join(dir, CONSENT_FILE), lines.join('\n') + '\n', { mode: 0o600 })
    const started = performance.now()
    const gl = await openLog()
    const took = performance.now() - started
    expect(gl.all()).toHaveLength(10_000)
    expect(gl.has('bafy-grant-9999')).toBe(true)
    expect(took).toBeLessThan(1_000)
  })

  it('creates a missing data directory and file', async () => {
    dir = join(dir, 'nested', 'data')
    const gl = await openLog()
    expect(gl.all()).toEqual([])
    await gl.add(rec('g1'))
    expect(readFileSync(join(dir, CONSENT_FILE), 'utf8')).toContain('"id":"g1"')
  })
})
