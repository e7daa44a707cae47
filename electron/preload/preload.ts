/**
 * The preload (bundled to dist/electron/preload.cjs: a sandboxed preload cannot load modules).
 * It runs in its own world beside the page (contextIsolation) and hands the page exactly one
 * object, `window.commonweave`: call an operation, hear events, hear whether the peer runs.
 * No Electron or Node object crosses: not ipcRenderer, not the IPC event (it names the sender).
 * Main checks every call again; nothing here is trusted for safety.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiResult } from '../../shared/api/peer-api.ts'
import type { CommonweaveWindowApi } from '../../renderer/bridge/ipc-bridge.ts'
import { IPC_CHANNELS } from '../main/ipc-channels.ts'

function subscribe<A extends unknown[]>(channel: string, listener: (...args: A) => void): () => void {
  const onMessage = (_event: IpcRendererEvent, ...args: unknown[]): void => listener(...(args as A))
  ipcRenderer.on(channel, onMessage)
  return () => {
    ipcRenderer.removeListener(channel, onMessage)
  }
}

const bridge = {
  shell: 'electron',
  versions: Object.freeze({ electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' }),
  invoke: (op: string, input?: unknown): Promise<ApiResult<unknown>> => ipcRenderer.invoke(IPC_CHANNELS.call, String(op), input),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => subscribe(IPC_CHANNELS.event, listener),
  onConnection: (listener: (online: boolean) => void): (() => void) => subscribe(IPC_CHANNELS.connection, listener),
  // Live page documents: bytes only cross (a Uint8Array is copied, never an Electron object).
  syncOpen: (): void => ipcRenderer.send(IPC_CHANNELS.syncOpen),
  syncSend: (frame: Uint8Array): void => { if (frame instanceof Uint8Array) ipcRenderer.send(IPC_CHANNELS.syncSend, frame) },
  onSync: (listener: (frame: Uint8Array | null) => void): (() => void) =>
    subscribe(IPC_CHANNELS.syncFrame, (frame: unknown) => listener(frame instanceof Uint8Array ? frame : null)),
} as const satisfies CommonweaveWindowApi

contextBridge.exposeInMainWorld('commonweave', bridge)
