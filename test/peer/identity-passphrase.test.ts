/**
 * The identity key wrapped with a passphrase (scrypt, AES-256-GCM): the file holds no seed,
 * says how it is wrapped, unlocks with the right passphrase only, and a wrong or absent one
 * stops the peer in words with nothing changed. `init --passphrase` and `start` read it from
 * COMMONWEAVE_PASSPHRASE when there is no terminal.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadOrCreateIdentity, setIdentityName } from '../../electron/peer/identity/identity.ts'
import { unwrapSeed, wrapSeed } from '../../electron/peer/identity/key-wrap.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { removeDir, runCli, startCliPeer, tempDataDir } from '../helpers/cli-peer.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']
const dirs: string[] = []
const newDir = (): string => {
  const d = tempDataDir('cw-id-pass-')
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) removeDir(d)
})
const fileOf = (dir: string): string => readFileSync(join(dir, 'identity.json'), 'utf8')
const asked = (passphrase: string) => ({ passphrase: async () => passphrase })

describe('a wrapped identity key', () => {
  it('round-trips: the file holds no seed and names its KDF and cipher; the right passphrase gives the same identity', async () => {
    const dir = newDir()
    const { identity } = await loadOrCreateIdentity(dir, { name: 'Ana', wrapNew: true, ...asked('correct horse') })
    const file = JSON.parse(fileOf(dir)) as Record<string, unknown> & { key: Record<string, unknown> }
    expect(file).toMatchObject({ version: 1, type: 'ed25519-passphrase', did: identity.did, peerId: identity.peerIdString, name: 'Ana' })
    expect(file.key).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1, cipher: 'aes-256-gcm' })
    expect(file).not.toHaveProperty('seed')
    const again = await loadOrCreateIdentity(dir, asked('correct horse'))
    expect(again.created).toBe(false)
    expect(again.identity.did).toBe(identity.did)
  })

  it('a wrong passphrase, or none, is refused in words and changes nothing', async () => {
    const dir = newDir()
    await loadOrCreateIdentity(dir, { wrapNew: true, ...asked('correct horse') })
    const before = fileOf(dir)
    await expect(loadOrCreateIdentity(dir, asked('wrong horse'))).rejects.toMatchObject({ code: ErrorCode.PassphraseWrong, message: expect.stringMatching(/Wrong passphrase for .*identity\.json/) })
    await expect(loadOrCreateIdentity(dir)).rejects.toMatchObject({ code: ErrorCode.PassphraseRequired, message: expect.stringMatching(/COMMONWEAVE_PASSPHRASE/) })
    expect(fileOf(dir)).toBe(before)
  })

  it('is bound to the did it names: swapping the did in the file makes it unopenable', async () => {
    const seed = new Uint8Array(32).fill(7)
    const wrapped = await wrapSeed(seed, 'correct horse', 'did:key:z6MkA')
    expect(await unwrapSeed(wrapped, 'correct horse', 'did:key:z6MkA')).toEqual(Buffer.from(seed))
    expect(await unwrapSeed(wrapped, 'correct horse', 'did:key:z6MkB')).toBeNull()
  })

  it('renaming keeps it wrapped', async () => {
    const dir = newDir()
    const { identity } = await loadOrCreateIdentity(dir, { name: 'Ana', wrapNew: true, ...asked('correct horse') })
    expect(await setIdentityName(dir, '  Ana Lopes ')).toEqual({ name: 'Ana Lopes', renamed: true })
    expect(JSON.parse(fileOf(dir))).toMatchObject({ type: 'ed25519-passphrase', name: 'Ana Lopes' })
    const again = await loadOrCreateIdentity(dir, asked('correct horse'))
    expect(again.identity).toMatchObject({ did: identity.did, name: 'Ana Lopes' })
  })
})

describe('the CLI with a passphrase', () => {
  it('init --passphrase wraps an existing key; start reads COMMONWEAVE_PASSPHRASE; a wrong or absent one exits 1', async () => {
    const dir = newDir()
    const init = await runCli(['init', '--name', 'Ana', '--data', dir, '--json'])
    expect(JSON.parse(init.stdout)).toMatchObject({ created: true, wrapped: false })
    const wrap = await runCli(['init', '--passphrase', '--data', dir, '--json'], { COMMONWEAVE_PASSPHRASE: 'correct horse' })
    expect(wrap.code, wrap.stderr).toBe(0)
    const did = (JSON.parse(init.stdout) as { did: string }).did
    expect(JSON.parse(wrap.stdout)).toMatchObject({ did, created: false, wrapped: true })
    expect(JSON.parse(fileOf(dir))).toMatchObject({ type: 'ed25519-passphrase', did })
    const before = fileOf(dir)

    const wrong = await runCli(['start', ...LOOPBACK, '--no-ui', '--data', dir, '--json'], { COMMONWEAVE_PASSPHRASE: 'wrong horse' })
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stderr).error).toMatchObject({ code: 'PASSPHRASE_WRONG' })
    // No terminal (stdin is not a TTY here) and no variable: told to set it.
    const none = await runCli(['start', ...LOOPBACK, '--no-ui', '--data', dir, '--json'], { COMMONWEAVE_PASSPHRASE: '' })
    expect(none.code).toBe(1)
    expect(JSON.parse(none.stderr).error).toMatchObject({ code: 'PASSPHRASE_REQUIRED', message: expect.stringMatching(/set COMMONWEAVE_PASSPHRASE/) })
    expect(fileOf(dir)).toBe(before)

    const peer = await startCliPeer(dir, LOOPBACK, { env: { COMMONWEAVE_PASSPHRASE: 'correct horse' } })
    expect(peer.ready.did).toBe(did)
    expect(await peer.stop()).toBe(0)
  })

  it('a new data directory with COMMONWEAVE_PASSPHRASE set gets a wrapped key; too short a passphrase is refused', async () => {
    const dir = newDir()
    const short = await runCli(['init', '--passphrase', '--data', dir, '--json'], { COMMONWEAVE_PASSPHRASE: 'short' })
    expect(short.code).toBe(2)
    expect(JSON.parse(short.stderr).error.message).toMatch(/at least 8 characters/)
    const r = await runCli(['init', '--data', dir, '--json'], { COMMONWEAVE_PASSPHRASE: 'correct horse' })
    expect(JSON.parse(r.stdout)).toMatchObject({ created: true, wrapped: true })
    expect(JSON.parse(fileOf(dir))).toMatchObject({ type: 'ed25519-passphrase' })
  })
})
