/**
 * The CLI as a user meets it: misuse gets a clear error on stderr and a non-zero exit, the
 * daemon prints one ready line and exits 0 on SIGTERM, a second daemon on the same data
 * directory is refused, and the files it keeps have the right permissions.
 */
import { statSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, runCli, startCliPeer, tempDataDir } from '../helpers/cli-peer.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']
const BOB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const GRANT_FLAGS = ['--to', BOB, '--cmd', 'read', '--docs', 'resources', '--purpose', 'matching']
const without = (flag: string): string[] => {
  const i = GRANT_FLAGS.indexOf(flag)
  return [...GRANT_FLAGS.slice(0, i), ...GRANT_FLAGS.slice(i + 2)]
}

describe('CLI misuse', () => {
  const dir = tempDataDir('cw-cli-')
  afterAll(() => removeDir(dir))

  it.each([
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['space'], 2, /needs a subcommand: create, list/],
    [['resource', 'add', 'SPACE', '--title', 'x', '--data', dir], 2, /missing --kind/],
    [['resource', 'add', '--kind', 'offer', '--title', 'x', '--data', dir], 2, /missing SPACE/],
    [['status', '--bogus', '--data', dir], 2, /Unknown option '--bogus'/],
    [['space', 'create', 'a', 'b', '--data', dir], 2, /unexpected argument "b"/],
    [['start', '--api-port', 'eighty', '--data', dir], 2, /--api-port must be a port number/],
    [['start', '--listen', 'garbage', '--data', dir], 2, /--listen "garbage" is not a multiaddr/],
    [['start', '--bootstrap', 'nonsense', '--data', dir], 2, /--bootstrap "nonsense" is not a multiaddr/],
    [['status', '--data', dir], 1, /No Commonweave peer is running on .* commonweave start --data/],
    [['grant', 'SPACE', ...without('--to'), '--data', dir], 2, /missing --to\n/],
    [['grant', 'SPACE', ...without('--cmd'), '--data', dir], 2, /missing --cmd\n/],
    [['grant', 'SPACE', ...without('--docs'), '--data', dir], 2, /missing --docs\n/],
    [['grant', 'SPACE', ...without('--purpose'), '--data', dir], 2, /missing --purpose\n/],
    [['grant', ...GRANT_FLAGS, '--data', dir], 2, /missing SPACE/],
    [['revoke', '--data', dir], 2, /missing GRANT_ID/],
    [['accept', '--data', dir], 2, /missing CODE/],
    [['grants', '--data', dir], 2, /missing SPACE/],
    [['audit', 'SPACE', 'more', '--data', dir], 2, /unexpected argument "more"/],
    [['whoami', '--data', dir], 1, /No Commonweave peer is running/],
  ])('commonweave %j exits %i with a clear error', async (args, code, message) => {
    const r = await runCli(args as string[])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
  })

  it('--json errors are one JSON document with a code', async () => {
    const r = await runCli(['status', '--data', dir, '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'DAEMON_NOT_RUNNING' } })
  })

  it('--help lists the commands', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    for (const c of ['init', 'start', 'status', 'peers', 'space create', 'invite', 'join', 'resource add', 'resource list',
      'whoami', 'grant SPACE', 'accept CODE', 'revoke GRANT_ID', 'grants SPACE', 'audit SPACE']) expect(r.stdout).toContain(c)
  })

  it('a grant usage error lists the purposes, and --json carries them in usage', async () => {
    const r = await runCli(['grant', 'SPACE', ...without('--to'), '--data', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Usage: commonweave grant SPACE --to DID/)
    for (const id of ['coordination', 'matching', 'research', 'backup']) expect(r.stderr).toContain(`  ${id} `)
    const json = await runCli(['grant', 'SPACE', ...without('--to'), '--data', dir, '--json'])
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'BAD_REQUEST', message: 'missing --to', usage: expect.stringContaining('matching') })
  })
})

describe('daemon lifecycle', () => {
  const dir = tempDataDir('cw-daemon-')
  afterAll(() => removeDir(dir))

  it('init, start, a refused second start, bad input through the daemon, clean SIGTERM', async () => {
    const init = await runCli(['init', '--name', 'Ana', '--data', dir, '--json'])
    expect(init.code, init.stderr).toBe(0)
    const ident = JSON.parse(init.stdout) as { did: string; peerId: string }
    expect(ident.did).toMatch(/^did:key:z6Mk/)
    expect(statSync(join(dir, 'identity.json')).mode & 0o777).toBe(0o600)

    const peer = await startCliPeer(dir, LOOPBACK)
    expect(peer.ready).toMatchObject({ event: 'ready', did: ident.did, peerId: ident.peerId })
    expect(peer.ready.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(statSync(join(dir, 'api-token')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)

    await expect(startCliPeer(dir, LOOPBACK, { timeoutMs: 15_000 })).rejects.toThrow(/DATA_DIR_LOCKED|already running/)

    const bad = await runCli(['resource', 'add', 'nope', '--kind', 'spaceship', '--title', 'x', '--data', dir, '--json'])
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(JSON.parse(bad.stderr).error.message).toMatch(/kind must be one of: offer, need, tool, facility, skill/)

    const space = await runCli(['space', 'create', 'Allotment', '--data', dir, '--json'])
    expect(space.code, space.stderr).toBe(0)
    const status = JSON.parse((await runCli(['status', '--data', dir, '--json'])).stdout) as { spaces: number; api: string }
    expect(status).toMatchObject({ spaces: 1, api: peer.ready.api })

    expect(await peer.stop()).toBe(0)
    expect(peer.logs.join('\n')).toContain('everything flushed')
  })
})

describe('what the peer keeps on disk is private to its user', () => {
  const dir = tempDataDir('cw-perms-')
  afterAll(() => removeDir(dir))

  it('the data directory is 0700 and every file in it 0600, however it was created', async () => {
    const nested = join(dir, 'fresh', 'data')
    expect((await runCli(['init', '--data', nested])).code).toBe(0)
    const peer = await startCliPeer(nested, LOOPBACK)
    const { spaceId } = await peer.api.createSpace({ name: 'Private' })
    await peer.api.addResource({ spaceId, kind: 'offer', title: 'Soup' })
    expect(await peer.stop()).toBe(0)
    expect(statSync(nested).mode & 0o777).toBe(0o700)
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? [join(d, e.name), ...walk(join(d, e.name))] : [join(d, e.name)])
    const entries = walk(nested)
    expect(entries.length).toBeGreaterThan(4)
    for (const p of entries) {
      const mode = statSync(p).mode & 0o777
      expect([p, mode.toString(8)]).toEqual([p, statSync(p).isDirectory() ? '700' : '600'])
    }
  })
})
