/**
 * The thin Electron shell. It runs the peer in a utility process (never on the UI thread:
 * syncing a space keeps an event loop busy), opens one locked-down window on the built UI
 * served from the app's own `app://` origin, and carries the page's calls to the peer over
 * IPC, checking each. It holds no application logic; every policy is a pure function in its
 * own module beside this one.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, nativeTheme, protocol, safeStorage, session, shell, utilityProcess, type UtilityProcess } from 'electron'
import { toErrorData } from '../../shared/errors.ts'
import type { FromHost } from '../peer-host/protocol.ts'
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, contentTypeOf, resolveAppFile } from './app-protocol.ts'
import { SECURITY_HEADERS } from './csp.ts'
import { IPC_CHANNELS } from './ipc-channels.ts'
import { answerCall, senderFacts } from './ipc-handlers.ts'
import { carrySyncFrame, openSync } from './ipc-sync.ts'
import { insecureOptIn, keyStorageDecision, type StorageBackend } from './key-storage-policy.ts'
import { lockDownContents, lockDownSession } from './lock-down.ts'
import { loadOrCreatePassphrase, PASSPHRASE_FILE } from './passphrase-store.ts'
import { PeerProcess, type HostChannel } from './peer-process.ts'
import { parseShellArgs } from './shell-args.ts'
import { shellPaths } from './shell-paths.ts'
import { windowOptions } from './window-options.ts'

const args = parseShellArgs(process.argv.slice(1))
const paths = shellPaths(fileURLToPath(import.meta.url))

// Before `ready`: the app's origin behaves like https (standard, secure).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
// Every renderer in Chromium's sandbox, whatever a window's options say.
app.enableSandbox()

/** How long quitting waits for the peer to flush and stop (a clean stop takes well under a second). */
const STOP_WAIT_MS = 20_000
let win: BrowserWindow | null = null
let peer: PeerProcess | null = null
let peerStopped = false
let quitting = false

/** Thrown to end main() once fatal() has said why; not reported again. */
class Fatal extends Error {}

/** Says why the app cannot run, in a dialog and on stderr, and exits. */
function fatal(title: string, message: string, detail = ''): Fatal {
  console.error(`Commonweave: ${title}. ${message}${detail ? `\n${detail}` : ''}`)
  if (app.isReady()) dialog.showMessageBoxSync({ type: 'error', title, message, detail, buttons: ['Quit'] })
  peerStopped = true
  app.exit(1)
  return new Fatal(title)
}

function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(rendererDir, request.url) : null
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS })
    try {
      return new Response(await readFile(file), { headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } })
    } catch {
      return new Response('Not found', { status: 404, headers: SECURITY_HEADERS })
    }
  })
}

async function keyPassphrase(): Promise<string | undefined> {
  const decision = keyStorageDecision({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() as StorageBackend : undefined,
    allowInsecure: insecureOptIn(args.allowUnprotectedKey, process.env),
  })
  if (decision.kind === 'refuse') throw fatal(decision.title, decision.message, decision.detail)
  if (decision.kind === 'plain') {
    console.warn(`Commonweave: ${decision.warning}`)
    return undefined
  }
  try {
    return await loadOrCreatePassphrase(join(app.getPath('userData'), PASSPHRASE_FILE), safeStorage)
  } catch (err) {
    throw fatal('Your identity key cannot be unlocked', toErrorData(err).message)
  }
}

function forkPeer(): HostChannel & { child: UtilityProcess } {
  const child = utilityProcess.fork(paths.peerHost, [], { serviceName: 'Commonweave peer', stdio: 'inherit' })
  return {
    child,
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromHost) => listener(message)),
    onExit: (listener) => child.once('exit', listener),
  }
}

function sendToPage(channel: string, ...payload: unknown[]): void {
  if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(channel, ...payload)
}

async function main(): Promise<void> {
  await app.whenReady()
  lockDownSession(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, { openExternal: (url) => shell.openExternal(url) }))
  if (!existsSync(paths.preload)) throw fatal('The app is not built', `${paths.preload} is missing.`, 'Build it with: node electron/main/build.ts')
  if (!existsSync(join(paths.renderer, 'index.html'))) throw fatal('The UI is not built', `${join(paths.renderer, 'index.html')} is missing.`, 'Build it with: npx vite build')
  serveApp(paths.renderer)

  const passphrase = await keyPassphrase()
  const dataDir = args.dataDir ?? join(app.getPath('userData'), 'peer')
  peer = new PeerProcess(forkPeer(), { dataDir, net: args.net, ...(passphrase !== undefined ? { passphrase } : {}) })
  const running = peer
  running.onEvent((event, payload) => sendToPage(IPC_CHANNELS.event, event, payload))
  running.onExit((code) => {
    peerStopped = true
    sendToPage(IPC_CHANNELS.connection, false)
    if (code !== 0 && !quitting) fatal('The peer stopped', `Commonweave's peer process ended unexpectedly (exit code ${code}).`, 'Your data is safe up to the last saved change. Start Commonweave again.')
  })
  void running.started.then((start) => {
    if (!start.ok) fatal('Commonweave could not start', start.error.message, `(${start.error.code}) Data directory: ${dataDir}`)
  })

  win = new BrowserWindow(windowOptions(paths.preload, nativeTheme.shouldUseDarkColors))
  const ours = win
  ipcMain.handle(IPC_CHANNELS.call, (event, op: unknown, input: unknown) =>
    answerCall(senderFacts(event), { contentsId: ours.isDestroyed() ? null : ours.webContents.id }, op, input, running, dataDir))
  // Live page documents: frames both ways, checked like calls (ipc-sync.ts); the peer checks their content.
  ipcMain.on(IPC_CHANNELS.syncOpen, (event) => openSync(senderFacts(event), { contentsId: ours.isDestroyed() ? null : ours.webContents.id }, running))
  ipcMain.on(IPC_CHANNELS.syncSend, (event, frame: unknown) =>
    carrySyncFrame(senderFacts(event), { contentsId: ours.isDestroyed() ? null : ours.webContents.id }, frame, running))
  running.onSync((frame) => sendToPage(IPC_CHANNELS.syncFrame, frame))
  ours.once('ready-to-show', () => ours.show())
  ours.on('closed', () => { win = null })
  await ours.loadURL(APP_INDEX_URL)
}

if (!app.requestSingleInstanceLock()) {
  // One peer per data directory: a second start brings the first window forward instead.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  app.on('window-all-closed', () => app.quit())
  // A terminal's Ctrl+C, a hang-up, a TERM from `npm start` or the OS: quit the same careful way.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => app.quit())
  // Quitting waits for the peer to stop cleanly: every document flushed to disk. Asked to
  // quit again while it does (a second Cmd+Q), the app quits at once, as a second Ctrl+C stops the daemon.
  app.on('before-quit', (event) => {
    const again = quitting
    quitting = true
    if (!peer || peerStopped || again) return
    event.preventDefault()
    // A peer that does not stop within STOP_WAIT_MS (stuck mid-start, say) is not waited for
    // forever: the window is gone, and a process left behind would hold the single-instance lock.
    const stopping = peer.stop()
    const waited = new Promise<void>((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())
    void Promise.race([stopping.then(() => true, () => true), waited.then(() => false)]).then((clean) => {
      peerStopped = true
      if (clean) app.quit()
      else {
        // Electron ends its utility processes when the app exits.
        console.error(`Commonweave: the peer did not stop within ${STOP_WAIT_MS / 1000} s; quitting without it`)
        app.exit(1)
      }
    })
  })
  main().catch((err: unknown) => {
    if (err instanceof Fatal) return
    console.error('Commonweave could not start:', err)
    app.exit(1)
  })
}
