/**
 * Members and backup as a secretary runs them, only through the `commonweave` CLI: two real
 * daemons on 127.0.0.1; roles by name, a meeting invite, a rename, leaving; and export and
 * import of a space on a stopped peer.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loopbackAddrs, removeDir, runCli, startCliPeer, tempDataDir, type CliPeer, type CliResult } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']
const SPACE = 'Bakery co-op'

describe('members and backup through the CLI', () => {
  let ana: CliPeer
  let ben: CliPeer
  const run = (p: CliPeer, ...args: string[]): Promise<CliResult> => runCli([...args, '--data', p.dataDir])
  const json = async <T>(p: CliPeer, ...args: string[]): Promise<T> => {
    const r = await run(p, ...args, '--json')
    if (r.code !== 0) throw new Error(`commonweave ${args.join(' ')} failed (${r.code}): ${r.stderr}`)
    return JSON.parse(r.stdout) as T
  }

  beforeAll(async () => {
    const [a, b] = [tempDataDir(), tempDataDir()]
    expect((await runCli(['init', '--name', 'Ana', '--data', a])).code).toBe(0)
    expect((await runCli(['init', '--name', 'Ben', '--data', b])).code).toBe(0)
    ;[ana, ben] = await Promise.all([startCliPeer(a, LOOPBACK), startCliPeer(b, LOOPBACK)])
    await json(ana, 'space', 'create', SPACE)
  }, 60_000)
  afterAll(async () => {
    for (const p of [ana, ben]) {
      await p?.stop()
      if (p) removeDir(p.dataDir)
    }
  })

  it('a meeting invite, roles by name, the roster in words, a rename', async () => {
    const invite = await run(ana, 'invite', SPACE, '--uses', '5', '--expires', '2h')
    expect(invite.stdout).toContain('up to 5 people')
    const code = invite.stdout.split('\n')[0]!
    expect(loopbackAddrs(ana.ready).length).toBeGreaterThan(0)
    expect((await run(ben, 'join', code)).code).toBe(0)
    const made = await run(ana, 'member', 'role', SPACE, 'ben', 'admin')
    expect(made.stdout).toContain('Ben is an admin')
    await waitFor('Ben to be admin on his own peer', async () => (await json<Array<{ role: string }>>(ben, 'space', 'list'))[0]?.role === 'admin')
    const table = await run(ana, 'members', SPACE)
    expect(table.stdout).toMatch(/Ana\s+founder/)
    expect(table.stdout).toMatch(/Ben\s+admin/)
    expect(table.stdout).toContain('2 members')
    const bad = await run(ana, 'member', 'role', SPACE, 'Nobody', 'admin')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('No member "Nobody"')
    expect((await run(ana, 'member', 'role', SPACE, 'Ben', 'boss')).code).toBe(2)
    expect((await run(ben, 'rename', 'Benedikt')).stdout).toContain('You are now "Benedikt" in 1 space')
    await waitFor('Ana to see the new name', async () => (await json<Array<{ name: string }>>(ana, 'members', SPACE)).some((m) => m.name === 'Benedikt'))
  })

  it('leaving: the space is gone from the leaver, and listed as gone by the founder', async () => {
    const left = await run(ben, 'leave', SPACE)
    expect(left.code, left.stderr).toBe(0)
    expect(left.stdout).toContain(`You left "${SPACE}"`)
    expect((await json<unknown[]>(ben, 'space', 'list'))).toEqual([])
    await waitFor('Ana to list Ben as gone', async () => (await run(ana, 'members', SPACE)).stdout.includes('Gone:'))
    expect((await run(ana, 'members', SPACE)).stdout).toMatch(/Benedikt\s+left/)
    const last = await run(ana, 'leave', SPACE)
    expect(last.code).toBe(1)
    expect(last.stderr).toContain('last admin')
  })

  it('export on a running peer, import on a stopped one', async () => {
    await json(ana, 'resource', 'add', SPACE, '--kind', 'tool', '--title', 'Bread oven')
    const file = join(ana.dataDir, '..', `bakery-${process.pid}.cwexport`)
    const out = await json<{ file: string; documents: number }>(ana, 'export', SPACE, '--out', file)
    expect(out.file).toBe(file)
    const again = await run(ana, 'export', SPACE, '--out', file)
    expect(again.stderr).toContain('already exists')
    const fresh = tempDataDir()
    try {
      const imported = await runCli(['import', file, '--data', fresh])
      expect(imported.code, imported.stderr).toBe(0)
      expect(imported.stdout).toContain(`Imported "${SPACE}"`)
      expect(imported.stdout).toContain('local copy')
    } finally {
      removeDir(fresh)
      removeDir(file)
    }
  })
})
