/**
 * `npm start` in browser mode, stopped the ways people stop it: Ctrl+C in the terminal (SIGINT
 * to the whole process group), a process manager stopping npm alone (SIGTERM), and npm killed
 * outright. Each time the peer stops once and cleanly ("everything flushed"), and nothing is
 * left running: the test's pipes close only when npm, the launcher and the peer have all gone.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOT, electronInstalled, removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'

interface Started {
  /** the process a terminal would have started: npm, or the bin.js wrapper */
  top: ChildProcess
  peerPid: number
  output(): string
  /** The top process's exit, once every process holding its stdout/stderr has exited too. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const started: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  // Whatever a failed test left behind dies with it; the process group outlives a killed top process.
  for (const top of started.splice(0)) {
    try {
      process.kill(-top.pid!, 'SIGKILL')
    } catch {
      // the group has gone
    }
  }
  for (const dir of dirs.splice(0)) removeDir(dir)
})

/** Whether `pid` still runs. An exited process whose parent has gone may wait as a zombie for init to reap it: that is not running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

/**
 * The peer's process has gone. Its pipes close while the kernel is still tearing it down, a moment
 * before it is a zombie or reaped, so this waits a few seconds rather than asking once.
 */
async function peerGone(pid: number): Promise<void> {
  await waitFor(`the peer process ${pid} to have exited`, () => !alive(pid), 5_000)
}

/** A failed wait says what had been printed by then. */
async function withOutput<T>(output: () => string, waiting: Promise<T>): Promise<T> {
  try {
    return await waiting
  } catch (err) {
    throw new Error(`${(err as Error).message}\noutput:\n${output()}`, { cause: err })
  }
}

const PEER_FLAGS = ['--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0', '--no-ui']

/** `cmd` in its own process group, as a terminal would run it; resolves once the peer is up (`upText` printed). */
async function startInGroup(cmd: string, args: (dataDir: string) => string[], upText: string): Promise<Started> {
  const dataDir = tempDataDir('cw-stop-')
  dirs.push(dataDir)
  const top = spawn(cmd, args(dataDir), {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COMMONWEAVE_LOG: 'info' },
  })
  started.push(top)
  let out = ''
  top.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  top.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => top.on('close', (code, signal) => res({ code, signal })))
  await withOutput(() => out, waitFor(`${cmd} to say the peer is up`, () => out.includes(upText) || top.exitCode !== null, 60_000))
  expect(out, `${cmd} ended before the peer was up`).toContain(upText)
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'api.json'), 'utf8')) as { pid: number }
  return { top, peerPid: pid, output: () => out, closed }
}

const npmStart = (): Promise<Started> => startInGroup('npm', (dir) => ['start', '--', '--data', dir, ...PEER_FLAGS], 'is running')

async function allGone(run: Started): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined
  void run.closed.then((e) => { ended = e })
  return withOutput(run.output, waitFor('every process started to have exited', () => ended, 30_000))
}

/** A system Node too old to run the TypeScript CLI, so that bin.js re-runs it on the project's Node 24. */
function oldNode(): string | undefined {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    try {
      const [major, minor] = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number)
      if (major! < 22 || (major === 22 && minor! < 18)) return path
    } catch {
      // not there
    }
  }
  return undefined
}

describe.skipIf(electronInstalled())('npm start stops once, cleanly, and leaves nothing running (browser mode; skipped where the Electron binary is installed)', () => {
  it('Ctrl+C (SIGINT to the process group): the peer flushes and npm exits 0', async () => {
    const run = await npmStart()
    process.kill(-run.top.pid!, 'SIGINT')
    expect(await allGone(run)).toEqual({ code: 0, signal: null })
    expect(run.output()).toContain('everything flushed')
    expect(run.output()).not.toContain('stopping at once')
    await peerGone(run.peerPid)
  })

  it('SIGTERM to the npm process alone: the peer flushes and stops, npm exits 0', async () => {
    const run = await npmStart()
    run.top.kill('SIGTERM')
    expect(await allGone(run)).toEqual({ code: 0, signal: null })
    expect(run.output()).toContain('everything flushed')
    await peerGone(run.peerPid)
  })

  it('npm killed outright (SIGKILL): the peer still flushes and stops', async () => {
    const run = await npmStart()
    run.top.kill('SIGKILL')
    expect(await allGone(run)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(run.output()).toContain('everything flushed')
    await peerGone(run.peerPid)
  })
})

const old = oldNode()
describe.skipIf(!old)('the bin.js wrapper on an old system Node stops once too (skipped: no system Node older than 22.18 here)', () => {
  it('Ctrl+C (SIGINT to the process group): the peer flushes and the wrapper exits 0', async () => {
    const run = await startInGroup(old!, (dir) => [join(ROOT, 'electron', 'cli', 'bin.js'), 'start', '--data', dir, ...PEER_FLAGS], '"event":"ready"')
    process.kill(-run.top.pid!, 'SIGINT')
    expect(await allGone(run)).toEqual({ code: 0, signal: null })
    expect(run.output()).toContain('everything flushed')
    expect(run.output()).not.toContain('stopping at once')
  })

  it('the wrapper killed outright (SIGKILL): the peer still flushes and stops', async () => {
    const run = await startInGroup(old!, (dir) => [join(ROOT, 'electron', 'cli', 'bin.js'), 'start', '--data', dir, ...PEER_FLAGS], '"event":"ready"')
    run.top.kill('SIGKILL')
    expect(await allGone(run)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(run.output()).toContain('everything flushed')
    await peerGone(run.peerPid)
  })
})
