/**
 * A peer whose identity.json is missing, cut short, overwritten or not a file refuses to
 * start, says which file and what to do, and leaves the file as it found it: it never makes a
 * new identity in a data directory a peer has used, unless asked to start afresh on purpose.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPeer } from '../../electron/peer/create-peer.ts'
import { loadOrCreateIdentity } from '../../electron/peer/identity/identity.ts'
import { unreadable } from '../../electron/peer/identity/identity-file.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { removeDir, runCli, tempDataDir } from '../helpers/cli-peer.ts'
import { LOOPBACK_ONLY } from '../helpers/peers.ts'

const log = createLogger(LogLevel.Silent)
const start = (dataDir: string, cfg: { newIdentity?: boolean } = {}) =>
  createPeer({ ...LOOPBACK_ONLY, listen: [...LOOPBACK_ONLY.listen], ...cfg }, { dataDir, log })

/** A data directory a peer has used: an identity, a space, its documents and state. */
let used: string
let did: string
const dirs: string[] = []
function copyOfUsed(): string {
  const dir = tempDataDir('cw-id-damage-')
  dirs.push(dir)
  cpSync(used, dir, { recursive: true })
  return dir
}

beforeAll(async () => {
  used = tempDataDir('cw-id-used-')
  const peer = await start(used)
  did = peer.identity.did
  await peer.api.createSpace({ name: 'Allotment' })
  await peer.stop()
})
afterAll(() => {
  removeDir(used)
  for (const d of dirs) removeDir(d)
})

describe('identity.json missing from a used data directory', () => {
  it('the peer refuses to start, names the file, and says how to restore it or start afresh', async () => {
    const dir = copyOfUsed()
    rmSync(join(dir, 'identity.json'))
    const err = await start(dir).then(() => 'started', (e: unknown) => e)
    expect(err).toMatchObject({ code: ErrorCode.IdentityMissing })
    const message = (err as Error).message
    expect(message).toContain(join(dir, 'identity.json'))
    expect(message).toMatch(/Restore identity\.json from your backup/)
    expect(message).toMatch(/commonweave init --new-identity --data /)
    expect(existsSync(join(dir, 'identity.json'))).toBe(false)
    expect(existsSync(join(dir, 'daemon.lock'))).toBe(false)
  })

  it('commonweave start and init refuse it too, exit 1, in words', async () => {
    const dir = copyOfUsed()
    rmSync(join(dir, 'identity.json'))
    for (const cmd of [['start', '--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0', '--no-ui'], ['init']]) {
      const r = await runCli([...cmd, '--data', dir, '--json'])
      expect(r.code, r.stderr).toBe(1)
      expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'IDENTITY_MISSING', message: expect.stringMatching(/identity\.json is missing/) })
      expect(r.stdout).toBe('')
    }
    expect(existsSync(join(dir, 'identity.json'))).toBe(false)
    const afresh = await runCli(['init', '--new-identity', '--data', dir, '--json'])
    expect(afresh.code, afresh.stderr).toBe(0)
    expect(JSON.parse(afresh.stdout)).toMatchObject({ created: true })
    expect(JSON.parse(afresh.stdout).did).not.toBe(did)
  })

  it('--new-identity starts afresh on purpose, keeping the data; it never replaces an identity that is there', async () => {
    const dir = copyOfUsed()
    await expect(start(dir, { newIdentity: true })).rejects.toMatchObject({ code: ErrorCode.BadRequest })
    rmSync(join(dir, 'identity.json'))
    const peer = await start(dir, { newIdentity: true })
    expect(peer.identity.did).not.toBe(did)
    await peer.stop()
    expect(readdirSync(join(dir, 'automerge')).length).toBeGreaterThan(0)
  })

  it('a new, empty or missing data directory still gets an identity with no flag', async () => {
    const empty = tempDataDir('cw-id-fresh-')
    dirs.push(empty)
    const peer = await start(empty)
    await peer.stop()
    expect(statSync(join(empty, 'identity.json')).isFile()).toBe(true)
    expect((await loadOrCreateIdentity(join(empty, 'not', 'yet'))).created).toBe(true)
  })
})

describe('identity.json there but unusable', () => {
  const original = (): Buffer => readFileSync(join(used, 'identity.json'))

  it.each([
    ['cut short', (path: string) => writeFileSync(path, original().subarray(0, 40)), /not JSON: cut short/],
    ['emptied', (path: string) => writeFileSync(path, ''), /it is empty/],
    ['overwritten with garbage', (path: string) => writeFileSync(path, Buffer.from([0x8f, 0x00, 0xff, 0x13, 0x37])), /not JSON/],
    ['JSON, but not an identity', (path: string) => writeFileSync(path, '{"version":1,"type":"ed25519","seed":"c2hvcnQ="}'), /not a Commonweave identity file \(seed\)/],
    ['a directory', (path: string) => { rmSync(path); mkdirSync(join(path, 'inside'), { recursive: true }) }, /it is a directory, not a file/],
  ])('%s: refused in words naming the file, and left as it was', async (_what, damage, why) => {
    const dir = copyOfUsed()
    const path = join(dir, 'identity.json')
    damage(path)
    const before = statSync(path).isFile() ? readFileSync(path) : readdirSync(path)
    const err = await start(dir).then(() => 'started', (e: unknown) => e)
    expect(err).toMatchObject({ code: ErrorCode.IdentityUnreadable })
    expect((err as Error).message).toContain(path)
    expect((err as Error).message).toMatch(why)
    expect((err as Error).message).toMatch(/Restore identity\.json from your backup/)
    expect(statSync(path).isFile() ? readFileSync(path) : readdirSync(path)).toEqual(before)
  })

  it.each([
    ['EACCES', /permission denied/],
    ['EPERM', /permission denied/],
    ['EIO', /reading it failed \(EIO on read\)/],
  ])('a file the system will not let us read (%s) is named, in words', (code, words) => {
    const err = unreadable('/data/identity.json', Object.assign(new Error(`${code}: raw`), { code, syscall: 'read' }))
    expect(err).toMatchObject({ code: ErrorCode.IdentityUnreadable })
    expect(err.message).toContain('/data/identity.json')
    expect(err.message).toMatch(words)
    expect(err.message).not.toContain('raw')
  })
})
