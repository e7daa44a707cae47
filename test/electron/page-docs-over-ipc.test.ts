/**
 * Live page documents the Electron way, without the Electron binary: the renderer's IPC bridge
 * over a `window.commonweave` shaped like the preload's, whose frames pass main's sender and
 * frame checks (ipc-sync.ts) to main's PeerProcess, structured-cloned to a real peer in a peer
 * host, and back. A window opens a page and what it types reaches the peer; a frame from a
 * subframe, or one that is not bytes, never leaves main. What this cannot show (Electron's own
 * IPC and contextBridge) is for test/e2e/electron.test.ts where the binary exists.
 */
import * as Automerge from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_INDEX_URL } from '../../electron/main/app-protocol.ts'
import { carrySyncFrame, openSync } from '../../electron/main/ipc-sync.ts'
import { PeerProcess } from '../../electron/main/peer-process.ts'
import type { SenderFacts } from '../../electron/main/sender-check.ts'
import { createPeer, type Peer } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { runPeerHost } from '../../electron/peer-host/host.ts'
import { createIpcBridge, type CommonweaveWindowApi } from '../../renderer/bridge/ipc-bridge.ts'
import { startPageDocs, type PageDocs } from '../../renderer/bridge/page-docs.ts'
import type { PageDoc } from '../../shared/schemas/page.ts'
import { waitFor } from '../helpers/wait-for.ts'
import { channelPair, TEST_NET } from './host-channel.ts'

const OURS = { contentsId: 1 }
const MAIN_FRAME: SenderFacts = { contentsId: 1, destroyed: false, frame: { url: APP_INDEX_URL, isMainFrame: true } }

describe('live page documents over IPC', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cw-docs-ipc-'))
  let proc: PeerProcess | undefined
  let docs: PageDocs | undefined
  afterAll(async () => {
    docs?.close()
    await proc?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens a page through main\'s checks and the peer host, and what the window types reaches the peer', async () => {
    const pair = channelPair()
    let peer: Peer | undefined
    runPeerHost(pair.host, {
      createPeer: async (cfg, deps) => (peer = await createPeer(cfg, deps)),
      log: createLogger(LogLevel.Silent), exit: pair.exit,
    })
    proc = new PeerProcess(pair.main, { dataDir, passphrase: 'kept by the keyring', net: TEST_NET })
    const running = proc
    expect(await running.started).toMatchObject({ ok: true })
    const { spaceId } = await peer!.api.createSpace({ name: 'Tool Library' })
    const page = (await peer!.api.createPage({ spaceId, title: 'Lending rules', markdown: 'Two weeks at most.' })).id

    // What the preload exposes, each message carrying the facts main reads off its event.
    let sender = MAIN_FRAME
    const carried: boolean[] = []
    const w: CommonweaveWindowApi = {
      shell: 'electron', versions: { electron: 'test', chrome: 'test' },
      invoke: (op, input) => running.call(op, input),
      onEvent: () => () => {},
      onConnection: (l) => running.onExit(() => l(false)),
      syncOpen: () => { openSync(sender, OURS, running) },
      syncSend: (frame) => { carried.push(carrySyncFrame(sender, OURS, frame, running)) },
      onSync: (l) => running.onSync(l),
    }
    const bridge = createIpcBridge(w)
    docs = startPageDocs(bridge.docSync!)
    const handle = await docs.find(page, AbortSignal.timeout(10_000))
    expect(String(handle.doc().title)).toBe('Lending rules')
    expect(docs.writable(page)).toBe(true)
    handle.change((d) => Automerge.splice(d, ['text'], 0, 0, 'Ask first. '))
    const atPeer = peer!.repo.handles[page as unknown as DocumentId]!
    await waitFor('the peer to hold the window\'s words', () => (atPeer.doc() as PageDoc).text === 'Ask first. Two weeks at most.', 10_000)
    expect(carried.length).toBeGreaterThan(0)
    expect(carried.every(Boolean)).toBe(true)

    // A subframe's frame, or anything but bytes, stays in main.
    sender = { ...MAIN_FRAME, frame: { url: APP_INDEX_URL, isMainFrame: false } }
    expect(carrySyncFrame(sender, OURS, new Uint8Array([1]), running)).toBe(false)
    expect(openSync(sender, OURS, running)).toBe(false)
    expect(carrySyncFrame(MAIN_FRAME, OURS, 'text', running)).toBe(false)
    expect(carrySyncFrame(MAIN_FRAME, OURS, new Uint8Array(8 * 1024 * 1024 + 1), running)).toBe(false)
  }, 60_000)
})
