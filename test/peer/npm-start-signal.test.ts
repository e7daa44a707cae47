/**
 * `npm start` in browser mode, stopped the ways people stop it: Ctrl+C in the terminal (SIGINT
 * to the whole process group), a process manager stopping npm alone (SIGTERM), and npm killed
 * outright. Each time the peer stops once and cleanly ("everything flushed"), and nothing is
 * left running: the test's pipes close only when npm, the launcher and the peer have all gone.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOT, removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

function electronInstalled(): boolean {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as unknown
    return typeof path === 'string' && existsSync(path)
  } catch {
    return false
  }
}

interface NpmStart {
  npm: ChildProcess
  peerPid: number
  output(): string
  /** npm's own exit, once every process holding its stdout/stderr has exited too. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const started: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  // Whatever a failed test left behind dies with it; the process group outlives a killed npm.
  for (const npm of started.splice(0)) {
    try {
      process.kill(-npm.pid!, 'SIGKILL')
    } catch {
      // the group has gone
    }
  }
  for (const dir of dirs.splice(0)) removeDir(dir)
})

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A failed wait says what npm start had printed by then. */
async function withOutput<T>(output: () => string, waiting: Promise<T>): Promise<T> {
  try {
    return await waiting
  } catch (err) {
    throw new Error(`${(err as Error).message}\nnpm start's output:\n${output()}`, { cause: err })
  }
}

/** `npm start` in its own process group, as a terminal would run it; resolves once the peer is up. */
async function npmStart(): Promise<NpmStart> {
  const dataDir = tempDataDir('cw-npm-start-')
  dirs.push(dataDir)
  const npm = spawn('npm', ['start', '--', '--data', dataDir, '--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0', '--no-ui'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COMMONWEAVE_LOG: 'info' },
  })
  started.push(npm)
  let out = ''
  npm.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  npm.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => npm.on('close', (code, signal) => res({ code, signal })))
  await withOutput(() => out, waitFor('npm start to say the peer is running', () => out.includes('is running') || npm.exitCode !== null, 60_000))
  expect(out, 'npm start ended before the peer was up').toContain('is running')
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'api.json'), 'utf8')) as { pid: number }
  return { npm, peerPid: pid, output: () => out, closed }
}

async function allGone(run: NpmStart): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined
  void run.closed.then((e) => { ended = e })
  return withOutput(run.output, waitFor('npm, the launcher and the peer to have exited', () => ended, 30_000))
}

describe.skipIf(electronInstalled())('npm start stops once, cleanly, and leaves nothing running (browser mode; skipped where the Electron binary is installed)', () => {
  it('Ctrl+C (SIGINT to the process group): the peer flushes and npm exits 0', async () => {
    const run = await npmStart()
    process.kill(-run.npm.pid!, 'SIGINT')
    expect(await allGone(run)).toEqual({ code: 0, signal: null })
    expect(run.output()).toContain('everything flushed')
    expect(run.output()).not.toContain('stopping at once')
    expect(alive(run.peerPid)).toBe(false)
  })

  it('SIGTERM to the npm process alone: the peer flushes and stops, npm exits 0', async () => {
    const run = await npmStart()
    run.npm.kill('SIGTERM')
    expect(await allGone(run)).toEqual({ code: 0, signal: null })
    expect(run.output()).toContain('everything flushed')
    expect(alive(run.peerPid)).toBe(false)
  })

  it('npm killed outright (SIGKILL): the peer still flushes and stops', async () => {
    const run = await npmStart()
    run.npm.kill('SIGKILL')
    expect(await allGone(run)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(run.output()).toContain('everything flushed')
    expect(alive(run.peerPid)).toBe(false)
  })
})
