/**
 * `npm start`. Where the Electron binary is installed it opens the desktop app; elsewhere
 * (a server, or a machine where the Electron download was skipped) it starts the headless
 * peer on the default data directory with the web UI, and prints the link to open.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs'
import { resolveDataDir } from './cli/data-dir.ts'
import { createRequire } from 'node:module'
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

async function buildUiIfStale(): Promise<void> {
  const index = join(root, 'dist', 'renderer', 'index.html')
  const fresh = existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')))
  if (fresh) return
  console.log('Building the UI…')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  if (await run(process.execPath, [vite, 'build', '--logLevel', 'warn']) !== 0) throw new Error('the UI build failed (see above)')
}

async function main(): Promise<void> {
  await buildUiIfStale()
  const electron = electronBinary()
  if (electron) {
    process.exitCode = await run(electron, [join(root, 'electron', 'main', 'main.ts')])
    return
  }
  console.log('The Electron binary is not installed here, so Commonweave starts as a headless peer with its web UI.')
  const passed = process.argv.slice(2)
  const dataFlag = passed.findIndex((a) => a === '--data' || a.startsWith('--data='))
  const dataArg = dataFlag < 0 ? undefined : passed[dataFlag]!.startsWith('--data=') ? passed[dataFlag]!.slice('--data='.length) : passed[dataFlag + 1]
  const dataDir = resolveDataDir(dataArg)
  const args = [join(root, 'electron', 'cli', 'main.ts'), 'start', ...passed]
  const child = spawn(process.execPath, args, { stdio: ['inherit', 'pipe', 'inherit'], cwd: root })
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig))
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const ready = JSON.parse(line) as { event?: string; ui?: string; api?: string; peerId?: string; did?: string }
      if (ready.event === 'ready') {
        const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim()
        console.log(`\nCommonweave peer ${ready.peerId} is running.`)
        console.log(`  Open the app:  ${ready.ui ? `${ready.ui}#token=${token}` : '(UI not built)'}`)
        console.log(`  Local API:     ${ready.api}  (bearer token in ${join(dataDir, 'api-token')})`)
        console.log(`  Data:          ${dataDir}`)
        console.log('  Stop it with Ctrl+C.\n')
        return
      }
    } catch {
      // not JSON: pass it through
    }
    console.log(line)
  })
  child.on('exit', (code) => process.exit(code ?? 0))
}

main().catch((err: unknown) => {
  console.error(`Commonweave could not start: ${(err as Error).message}`)
  process.exit(1)
})
