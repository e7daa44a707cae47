/**
 * The thin Electron shell. It starts the peer core in a utility process (never on the UI
 * thread: syncing a space blocks an event loop for a while), waits for its `ready` line,
 * and opens one locked-down window on the peer's UI. It holds no application logic.
 */
import { app, BrowserWindow, session, shell, utilityProcess } from 'electron'
import { readFile } from 'node:fs/promises'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { parseReadyLine, type ReadyLine } from './ready-line.ts'

const here = dirname(fileURLToPath(import.meta.url))
const CLI_MAIN = join(here, '..', 'cli', 'main.ts')

const dataDir = (): string => join(app.getPath('userData'), 'peer')

async function startPeer(): Promise<ReadyLine> {
  const child = utilityProcess.fork(CLI_MAIN, ['start', '--data', dataDir()], { stdio: 'pipe', serviceName: 'Commonweave peer' })
  app.on('before-quit', () => child.kill())
  if (!child.stdout) throw new Error('the peer process has no stdout')
  child.stderr?.pipe(process.stderr)
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the peer exited with code ${code} before it was ready`)))
    createInterface({ input: child.stdout! }).once('line', (line) => {
      try {
        resolve(parseReadyLine(line))
      } catch (err) {
        reject(err as Error)
      }
    })
  })
}

function lockDown(): void {
  // Deny every permission request (camera, geolocation, notifications…): the UI needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false))
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event) => event.preventDefault())
  })
}

async function main(): Promise<void> {
  await app.whenReady()
  lockDown()
  const ready = await startPeer()
  const win = new BrowserWindow({
    width: 1200, height: 800, title: 'Commonweave',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(here, '..', 'preload', 'preload.cjs') },
  })
  // The peer never prints its token; it is in the data directory, readable by this user only.
  const token = (await readFile(join(dataDir(), 'api-token'), 'utf8')).trim()
  await win.loadURL(`${ready.ui ?? `${ready.api}/`}#token=${token}`)
}

app.on('window-all-closed', () => app.quit())
main().catch((err: unknown) => {
  console.error('Commonweave could not start:', err)
  app.exit(1)
})
