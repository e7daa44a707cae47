/**
 * The consent commands as a person uses them: two real daemons on 127.0.0.1, each driven only
 * through the `commonweave` CLI. Ana shares her space's resources with Oda, of another
 * organisation, for matching, by a code; Oda sees the space as a guest and its resources, and
 * is told it may not add to them;
 * `grants` tells who can see what; a bad purpose names the rule; `revoke` cuts Oda off and
 * both audits tell the story.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, runCli, startCliPeer, tempDataDir, type CliPeer } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']

describe('consent through the CLI', () => {
  const peers: CliPeer[] = []
  afterAll(async () => {
    for (const p of peers) { await p.stop(); removeDir(p.dataDir) }
  })

  it('grant, accept, grants, revoke and audit, as a new user would run them', async () => {
    const ana = await startCliPeer(tempDataDir(), LOOPBACK)
    const oda = await startCliPeer(tempDataDir(), LOOPBACK)
    peers.push(ana, oda)
    const cli = async (p: CliPeer, ...args: string[]): Promise<unknown> => {
      const r = await runCli([...args, '--data', p.dataDir, '--json'])
      if (r.code !== 0) throw new Error(`commonweave ${args.join(' ')} failed (${r.code}): ${r.stderr}`)
      return JSON.parse(r.stdout)
    }
    const { spaceId } = await cli(ana, 'space', 'create', 'Tool Library') as { spaceId: string }
    await cli(ana, 'resource', 'add', spaceId, '--kind', 'tool', '--title', 'Ladder')
    const { did: odaDid } = await cli(oda, 'whoami') as { did: string }

    const bad = await runCli(['grant', spaceId, '--to', odaDid, '--cmd', 'read', '--docs', 'resources', '--purpose', 'surveillance', '--data', ana.dataDir])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/PURPOSE_UNKNOWN/)

    const human = await runCli(['grant', spaceId, '--to', odaDid, '--cmd', 'read', '--docs', 'resources', '--purpose', 'matching', '--expires', '30d', '--data', ana.dataDir])
    expect(human.code).toBe(0)
    const code = /cwg1\.[A-Za-z0-9_-]+/.exec(human.stdout)?.[0]
    expect(code, human.stdout).toBeDefined()

    const guestSpace = await cli(oda, 'accept', code!) as { spaceId: string; role: string; access: { cmd: string; docs: string[]; purpose: string } }
    expect(guestSpace).toMatchObject({ spaceId, role: 'guest', access: { cmd: '/doc/read', docs: ['resources'], purpose: 'matching' } })
    await waitFor('Oda lists the Ladder', async () => ((await cli(oda, 'resource', 'list', spaceId)) as { items: Array<{ title: string }> }).items.some((r) => r.title === 'Ladder'), 20_000)

    // A reader cannot add: it is told so, rather than keeping a change its members would drop.
    const refused = await runCli(['resource', 'add', spaceId, '--kind', 'need', '--title', 'Ours now', '--data', oda.dataDir])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/FORBIDDEN/)
    expect(((await cli(oda, 'resource', 'list', spaceId)) as { items: Array<{ title: string }> }).items.map((r) => r.title)).toEqual(['Ladder'])

    const grants = await cli(ana, 'grants', spaceId) as Array<{ grantId: string; audience: string; status: string; purpose: string }>
    const odaGrant = grants.find((g) => g.audience === odaDid)
    expect(odaGrant).toMatchObject({ status: 'valid', purpose: 'matching' })
    const table = await runCli(['grants', spaceId, '--data', ana.dataDir])
    expect(table.stdout).toMatch(/matching/i)

    await cli(ana, 'revoke', odaGrant!.grantId)
    expect((await cli(ana, 'grants', spaceId) as Array<{ grantId: string; status: string }>).find((g) => g.grantId === odaGrant!.grantId)?.status).toBe('revoked')
    await waitFor('Oda disconnected from Ana', async () => ((await cli(oda, 'peers')) as unknown[]).length === 0, 5_000)

    const audit = await cli(ana, 'audit', spaceId) as Array<{ kind: string; peer?: string }>
    const kinds = new Set(audit.map((e) => e.kind))
    for (const k of ['grant-issued', 'docs-sent', 'grant-revoked']) expect(kinds, `audit kinds: ${[...kinds].join(', ')}`).toContain(k)
    const odaAudit = await cli(oda, 'audit', spaceId) as Array<{ kind: string }>
    expect(odaAudit.map((e) => e.kind)).toContain('grant-received')
  }, 90_000)
})
