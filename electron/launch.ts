/**
 * `npm start`. Where the Electron binary is installed it opens the desktop app; elsewhere
 * (a server, or a machine where the Electron download failed or was skipped) it runs in
 * browser mode: the headless peer on the default data directory with its web UI, and it
 * prints the link to open.
 *
 * Stopping: the child runs in this launcher's process group, so the terminal's Ctrl+C (and
 * hang-up) reaches it directly. The launcher never passes on a second copy of a signal the
 * child already got — the peer and Chromium both take a second signal as "stop at once,
 * unsaved". It stops the child itself when it is asked to stop and when its parent goes:
 * npm runs it under `sh -c`, and sh dies of a SIGTERM without passing it on. It exits with
 * the child's exit code, so a clean stop is exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs'
import { resolveDataDir } from './cli/data-dir.ts'
import { STOP_MESSAGE } from './cli/launcher-ipc.ts'
import { LINK_SHOWN_BY_LAUNCHER_ENV, readyText } from './cli/ready-text.ts'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

function electronBinary(): string | undefined {
  try {
    const path = require('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((res) => spawn(cmd, args, { stdio: 'inherit', cwd: root }).on('exit', (code) => res(code ?? 1)))
}

/** The exit code a shell reports for a child that ended with `code`, or by `signal`. */
function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? 128 + (signal ? constants.signals[signal] : 0)
}

/**
 * Calls `stop` when this launcher gets SIGINT, SIGTERM or SIGHUP, or its parent goes away;
 * resolves with the child's exit code once it has exited and its output has all been read.
 */
function supervise(child: ChildProcess, stop: (why: string) => void): Promise<number> {
  const parent = process.ppid
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop('parent-gone')
  }, 500)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => stop(sig))
  return new Promise((res) => child.on('close', (code, signal) => {
    clearInterval(watch)
    res(exitCodeOf(code, signal))
  }))
}

async function buildUiIfStale(): Promise<void> {
  const index = join(root, 'dist', 'renderer', 'index.html')
  const fresh = existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')))
  if (fresh) return
  console.log('Building the UI…')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  if (await run(process.execPath, [vite, 'build', '--logLevel', 'warn']) !== 0) throw new Error('the UI build failed (see above)')
}

async function main(): Promise<void> {
  const passed = process.argv.slice(2)
  if (!passed.includes('--no-ui')) await buildUiIfStale()
  const electron = electronBinary()
  if (electron) {
    // A sandboxed preload loads no module, so the shell runs from its bundle (a few seconds to build).
    console.log('Building the desktop shell…')
    await (await import('./main/build.ts')).buildShell()
    const app = spawn(electron, [join(root, 'dist', 'electron', 'main.js'), ...passed.filter((a) => a !== '--no-ui')], { stdio: 'inherit', cwd: root })
    let asked = false
    process.exitCode = await supervise(app, (why) => {
      // Ctrl+C and a hang-up came from the terminal, which gave Electron its own copy.
      if (asked || why === 'SIGINT' || why === 'SIGHUP') return
      asked = true
      app.kill('SIGTERM')
    })
    return
  }
  console.log('The Electron binary is not installed here (npm run get-electron fetches it), so Commonweave runs in browser mode: the peer with its web UI.')
  const dataFlag = passed.findIndex((a) => a === '--data' || a.startsWith('--data='))
  const dataArg = dataFlag < 0 ? undefined : passed[dataFlag]!.startsWith('--data=') ? passed[dataFlag]!.slice('--data='.length) : passed[dataFlag + 1]
  const dataDir = resolveDataDir(dataArg)
  const args = [join(root, 'electron', 'cli', 'main.ts'), 'start', ...passed]
  // This launcher prints the link itself (below), so the peer does not print it too.
  const env = { ...process.env, [LINK_SHOWN_BY_LAUNCHER_ENV]: '1' }
  const child = spawn(process.execPath, args, { stdio: ['inherit', 'pipe', 'inherit', 'ipc'], cwd: root, env })
  // A stop message is idempotent in the peer, so it can go on every request to stop.
  const exited = supervise(child, () => {
    if (child.connected) child.send(STOP_MESSAGE, () => {})
  })
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const ready = JSON.parse(line) as { event?: string; ui?: string; api?: string; peerId?: string; did?: string }
      if (ready.event === 'ready') {
        // The token only to a terminal: redirected output is a log, and the token is a key to the peer.
        const token = process.stdout.isTTY ? readFileSync(join(dataDir, 'api-token'), 'utf8').trim() : null
        process.stdout.write(readyText({ peerId: ready.peerId ?? '', api: ready.api ?? '', dataDir, token, ...(ready.ui ? { ui: ready.ui } : {}) }))
        return
      }
    } catch {
      // not JSON: pass it through
    }
    console.log(line)
  })
  process.exit(await exited)
}

main().catch((err: unknown) => {
  console.error(`Commonweave could not start: ${(err as Error).message}`)
  process.exit(1)
})
