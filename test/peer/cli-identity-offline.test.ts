/**
 * The identity commands of a stopped peer: `init --name` renames the identity that is there
 * (and says so), and `whoami` answers from the data directory when no peer runs on it, with
 * the spaces the peer is in; with a peer running it asks the peer, as before.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, runCli, startCliPeer, tempDataDir } from '../helpers/cli-peer.ts'

const LOOPBACK = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']

describe('identity commands without a daemon', () => {
  const dir = tempDataDir('cw-offline-')
  afterAll(() => removeDir(dir))

  it('init --name renames an existing identity durably and says so; a blank name is refused', async () => {
    const first = JSON.parse((await runCli(['init', '--name', 'Ana', '--data', dir, '--json'])).stdout) as { did: string }
    const again = await runCli(['init', '--name', 'Ana Lopes', '--data', dir, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ did: first.did, name: 'Ana Lopes', created: false, renamed: true })
    expect(JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8'))).toMatchObject({ name: 'Ana Lopes' })
    const human = await runCli(['init', '--name', 'Ana L.', '--data', dir])
    expect(human.stdout).toMatch(/Found the existing identity "Ana L\." in .* \(renamed\)/)
    const same = await runCli(['init', '--name', 'Ana L.', '--data', dir, '--json'])
    expect(JSON.parse(same.stdout)).toMatchObject({ renamed: false })
    const blank = await runCli(['init', '--name', '  ', '--data', dir, '--json'])
    expect(blank.code).toBe(2)
    expect(JSON.parse(blank.stderr).error).toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('whoami asks the running peer, and answers from the data directory once it has stopped', async () => {
    const peer = await startCliPeer(dir, LOOPBACK)
    const { spaceId } = await peer.api.createSpace({ name: 'Allotment' })
    const running = await runCli(['whoami', '--data', dir, '--json'])
    expect(running.code, running.stderr).toBe(0)
    expect(JSON.parse(running.stdout)).not.toHaveProperty('running')
    expect(await peer.stop()).toBe(0)

    const stopped = await runCli(['whoami', '--data', dir, '--json'])
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(JSON.parse(stopped.stdout)).toEqual({
      did: peer.ready.did, peerId: peer.ready.peerId, name: 'Ana L.', running: false,
      spaces: [{ spaceId, name: 'Allotment' }],
    })
    const human = await runCli(['whoami', '--data', dir])
    expect(human.stdout).toContain(peer.ready.did)
    expect(human.stdout).toMatch(new RegExp(`${spaceId}\\s+Allotment`))
  })

  it('whoami on a directory with no identity says so and how to make one', async () => {
    const empty = tempDataDir('cw-offline-empty-')
    const r = await runCli(['whoami', '--data', empty])
    removeDir(empty)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/No Commonweave peer is running on .*holds no identity yet.*commonweave init --data/)
  })
})
