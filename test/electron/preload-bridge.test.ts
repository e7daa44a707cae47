/**
 * The preload hands the page one object and nothing of Electron; the renderer's IPC bridge
 * turns it into the same PeerBridge the browser bridge gives. Electron is faked: its
 * contextBridge and ipcRenderer are the only parts the preload touches.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '../../electron/main/ipc-channels.ts'
import { createIpcBridge, type CommonweaveWindowApi } from '../../renderer/bridge/ipc-bridge.ts'
import { CommonweaveError } from '../../shared/errors.ts'

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const invoked: unknown[][] = []
  const sent: unknown[][] = []
  return {
    exposed, listeners, invoked, sent,
    electron: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => { invoked.push(args); return { ok: true, value: 'answer' } },
        send: (...args: unknown[]) => { sent.push(args) },
        on: (channel: string, l: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set())
          listeners.get(channel)!.add(l)
        },
        removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
      },
    },
  }
})
vi.mock('electron', () => fake.electron)

describe('preload', () => {
  it('exposes only window.commonweave: invoke, onEvent, onConnection, the live-documents frames, and what shell this is', async () => {
    await import('../../electron/preload/preload.ts')
    expect([...fake.exposed.keys()]).toEqual(['commonweave'])
    const api = fake.exposed.get('commonweave') as CommonweaveWindowApi
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onConnection', 'onEvent', 'onSync', 'shell', 'syncOpen', 'syncSend', 'versions'])
    expect(api.shell).toBe('electron')

    expect(await api.invoke('status', { a: 1 })).toEqual({ ok: true, value: 'answer' })
    expect(fake.invoked).toEqual([[IPC_CHANNELS.call, 'status', { a: 1 }]])

    // The IPC event (it names the sender and reaches ipcRenderer) never reaches the page.
    const heard: unknown[][] = []
    const off = api.onEvent((...args) => heard.push(args))
    for (const l of fake.listeners.get(IPC_CHANNELS.event)!) l({ sender: 'ipcRenderer' }, 'space:changed', { spaceId: 's' })
    expect(heard).toEqual([['space:changed', { spaceId: 's' }]])
    off()
    expect(fake.listeners.get(IPC_CHANNELS.event)!.size).toBe(0)

    // Live documents: bytes go out, bytes come in (null when the peer ended the session), nothing else crosses.
    api.syncOpen!()
    api.syncSend!(Uint8Array.of(1, 2))
    api.syncSend!({ not: 'bytes' } as unknown as Uint8Array)
    expect(fake.sent).toEqual([[IPC_CHANNELS.syncOpen], [IPC_CHANNELS.syncSend, Uint8Array.of(1, 2)]])
    const frames: unknown[][] = []
    const offSync = api.onSync!((...args) => frames.push(args))
    for (const l of fake.listeners.get(IPC_CHANNELS.syncFrame)!) {
      l({ sender: 'ipcRenderer' }, Uint8Array.of(3))
      l({ sender: 'ipcRenderer' }, null)
    }
    expect(frames).toEqual([[Uint8Array.of(3)], [null]])
    offSync()
    expect(fake.listeners.get(IPC_CHANNELS.syncFrame)!.size).toBe(0)
  })
})

describe('renderer IPC bridge', () => {
  afterEach(() => vi.restoreAllMocks())
  const windowApi = (invoke: CommonweaveWindowApi['invoke']): CommonweaveWindowApi & { fire(online: boolean): void } => {
    const conn = new Set<(online: boolean) => void>()
    return {
      shell: 'electron', versions: { electron: '41', chrome: '140' }, invoke,
      onEvent: () => () => {},
      onConnection: (l) => { conn.add(l); return () => conn.delete(l) },
      fire: (online) => { for (const l of conn) l(online) },
    }
  }

  it('gives the value of a call, and throws its error again with the same code', async () => {
    const bridge = createIpcBridge(windowApi(async (op, input) => op === 'createSpace'
      ? { ok: false, error: { code: 'VALIDATION_FAILED', message: 'name: too short', details: [{ path: 'name' }] } }
      : { ok: true, value: { op, input } }))
    expect(await bridge.api.listSpaces()).toEqual({ op: 'listSpaces', input: undefined })
    const err = await bridge.api.createSpace({ name: '' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CommonweaveError)
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', message: 'name: too short', details: [{ path: 'name' }] })
  })

  it('reports the peer online at once (calls wait for it in main), and offline when main says it went', async () => {
    const w = windowApi(async () => ({ ok: true, value: null }))
    const bridge = createIpcBridge(w)
    const heard: boolean[] = []
    const off = bridge.onConnection((online) => heard.push(online))
    await Promise.resolve()
    w.fire(false)
    expect(heard).toEqual([true, false])
    off()
    w.fire(true)
    expect(heard).toEqual([true, false])
  })
})
