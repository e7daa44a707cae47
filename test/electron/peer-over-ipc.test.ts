/**
 * The path a call takes in the app, minus Electron's own transport: main's check of the
 * sender and the call, PeerProcess, the message protocol (every message structured-cloned, as
 * Electron does), the peer host, and a real peer made by createPeer. Calls round-trip as
 * ApiResult data, events come back, the identity key ends up wrapped under the passphrase,
 * and stopping flushes and ends the host.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PeerProcess } from '../../electron/main/peer-process.ts'
import { answerCall } from '../../electron/main/ipc-handlers.ts'
import type { SenderFacts } from '../../electron/main/sender-check.ts'
import type { PeerEventName } from '../../shared/api/peer-api.ts'
import { channelPair, startHost, TEST_NET } from './host-channel.ts'

const net = TEST_NET
const page: SenderFacts = { contentsId: 1, destroyed: false, frame: { url: 'app://commonweave/index.html', isMainFrame: true } }
const ours = { contentsId: 1 }

describe('the peer over the IPC path', () => {
  const dirs: string[] = []
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'cw-ipc-'))
    dirs.push(d)
    return d
  }
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

  it('answers calls as data, sends events, keeps the key wrapped, and stops cleanly', async () => {
    const dataDir = tempDir()
    const { peer, exited } = startHost({ dataDir, passphrase: 'a keyring-held passphrase', net })
    const events: Array<[PeerEventName, unknown]> = []
    peer.onEvent((event, payload) => events.push([event, payload]))

    // A call made before the peer is up waits for it.
    const status = await answerCall(page, ours, 'status', undefined, peer, dataDir)
    expect(status).toMatchObject({ ok: true, value: { spaces: 0, api: null } })
    const start = await peer.started
    expect(start).toMatchObject({ ok: true })
    expect((status as { value: { did: string } }).value.did).toBe(start.ok ? start.did : '')

    const created = await answerCall(page, ours, 'createSpace', { name: 'Allotment' }, peer, dataDir)
    expect(created).toMatchObject({ ok: true, value: { name: 'Allotment', role: 'founder' } })
    const spaceId = (created as { value: { spaceId: string } }).value.spaceId
    const added = await answerCall(page, ours, 'addResource', { spaceId, kind: 'offer', title: 'Wheelbarrow' }, peer, dataDir)
    expect(added).toMatchObject({ ok: true, value: { title: 'Wheelbarrow' } })
    const listed = await answerCall(page, ours, 'listResources', { spaceId, kind: 'offer' }, peer, dataDir)
    expect(listed).toMatchObject({ ok: true, value: { items: [{ title: 'Wheelbarrow' }] } })
    expect(events.some(([e, p]) => e === 'collection:changed' && (p as { spaceId: string }).spaceId === spaceId)).toBe(true)

    // Refusals come back as data with their codes, from main's check and from the peer alike.
    expect(await answerCall(page, ours, 'formatDisk', {}, peer, dataDir)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await answerCall(page, ours, 'createSpace', { name: '' }, peer, dataDir)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await answerCall(page, ours, 'listMembers', { spaceId: 'No such space' }, peer, dataDir)).toMatchObject({ ok: false, error: { code: 'SPACE_NOT_FOUND' } })
    // The host checks the op name itself too, should anything reach it unchecked.
    expect(await peer.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })

    const identity = JSON.parse(readFileSync(join(dataDir, 'identity.json'), 'utf8')) as { type: string }
    expect(identity.type).toBe('ed25519-passphrase')

    expect(await peer.stop()).toBe(true)
    expect(await exited).toBe(0)
    expect(await peer.call('status', undefined)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })

  it('wraps an identity that was made unprotected, and then needs the passphrase', async () => {
    const dataDir = tempDir()
    const first = startHost({ dataDir, net })
    expect(await first.peer.started).toMatchObject({ ok: true })
    expect(JSON.parse(readFileSync(join(dataDir, 'identity.json'), 'utf8'))).toMatchObject({ type: 'ed25519' })
    await first.peer.stop()

    const second = startHost({ dataDir, passphrase: 'the keyring passphrase', net })
    const did = (await second.peer.started)
    expect(did).toMatchObject({ ok: true })
    expect(JSON.parse(readFileSync(join(dataDir, 'identity.json'), 'utf8'))).toMatchObject({ type: 'ed25519-passphrase' })
    await second.peer.stop()

    // Without the keyring's passphrase the peer does not start, and says why.
    const third = startHost({ dataDir, net })
    expect(await third.peer.started).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } })
    expect(await third.peer.call('status', undefined)).toMatchObject({ ok: false, error: { code: 'PASSPHRASE_REQUIRED' } })
    await third.peer.stop()
  })

  it('answers pending and later calls as UNAVAILABLE when the peer process ends', async () => {
    const pair = channelPair()
    const peer = new PeerProcess(pair.main, { dataDir: tempDir(), net })
    pair.exit(9)
    expect(await peer.started).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
    expect(await peer.call('status', undefined)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/exit code 9/) } })
    expect(await peer.stop()).toBe(false)
  })
})
