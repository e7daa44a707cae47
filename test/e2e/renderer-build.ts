/**
 * Makes sure `dist/renderer` holds a build of the current renderer before a UI test starts a
 * peer (the daemon serves the UI only when `dist/renderer/index.html` exists).
 *
 * The build goes to a temporary folder that is then swapped in, so a daemon of another test
 * run never serves a half-emptied folder, and two runs building at once both end with a
 * complete build in place.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ROOT } from '../helpers/cli-peer.ts'

export const RENDERER_DIST = join(ROOT, 'dist', 'renderer')
const INDEX = join(RENDERER_DIST, 'index.html')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const top = statSync(path)
  if (!top.isDirectory()) return top.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** True when the built UI is missing or older than a source it is built from. */
export function rendererBuildIsStale(): boolean {
  if (!existsSync(INDEX)) return true
  const sources = ['renderer', 'shared', 'vite.config.ts'].map((p) => newestMtime(join(ROOT, p)))
  return statSync(INDEX).mtimeMs < Math.max(...sources)
}

function viteBuild(outDir: string): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  // NODE_ENV is 'test' inside Vitest; the build must be a production one.
  const env = { ...process.env, NODE_ENV: 'production' }
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d: Buffer) => { output += d.toString() })
    child.stderr.on('data', (d: Buffer) => { output += d.toString() })
    child.once('error', rej)
    child.once('exit', (code) => code === 0 ? res() : rej(new Error(`vite build exited with ${code}:\n${output}`)))
  })
}

const LOCK = `${RENDERER_DIST}.building`
/** A lock older than this is left from a run that died mid-build. */
const STALE_LOCK_MS = 5 * 60_000

/** Holds the build lock (a directory: made atomically) or returns false when another run holds it. */
function takeLock(): boolean {
  // On a fresh clone dist/ does not exist yet.
  mkdirSync(dirname(LOCK), { recursive: true })
  try {
    mkdirSync(LOCK, { recursive: false })
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const held = statSync(LOCK, { throwIfNoEntry: false })
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true })
    return false
  }
}

/**
 * Builds the renderer into dist/renderer when the build there is missing or stale. Test files
 * start at once in parallel workers: one builds while the others wait for its build, rather
 * than every worker building the same thing on the same two cores.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const deadline = Date.now() + STALE_LOCK_MS
  while (rendererBuildIsStale()) {
    if (takeLock()) {
      try {
        if (rendererBuildIsStale()) await buildNow()
      } finally {
        rmSync(LOCK, { recursive: true, force: true })
      }
      return
    }
    if (Date.now() > deadline) throw new Error(`another test run has held ${LOCK} for 5 minutes; remove it if no build is running`)
    // Not a sleep standing in for a condition: the condition (a fresh build, or a free lock) is checked each round.
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function buildNow(): Promise<void> {
  const tag = `${process.pid}-${Date.now()}`
  const fresh = `${RENDERER_DIST}.build-${tag}`
  const old = `${RENDERER_DIST}.old-${tag}`
  try {
    await viteBuild(fresh)
    try {
      renameSync(RENDERER_DIST, old)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    try {
      renameSync(fresh, RENDERER_DIST)
    } catch (err) {
      // another run put its (equally fresh) build in place between our two renames
      if (!['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true })
    rmSync(old, { recursive: true, force: true })
  }
  if (!existsSync(INDEX)) throw new Error(`the renderer build did not produce ${INDEX}`)
}
