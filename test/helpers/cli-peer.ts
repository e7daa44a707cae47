/**
 * Real peers for tests: each is `commonweave start` in its own process with its own data
 * directory, driven through the same CLI and local API a user has.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const CLI = join(ROOT, 'electron', 'cli', 'main.ts')

export interface Ready { event: 'ready'; did: string; peerId: string; addrs: string[]; api: string }

export interface CliPeer {
  dataDir: string
  ready: Ready
  process: ChildProcess
  api: PeerApi
  /** stderr lines so far (JSON logs) */
  logs: string[]
  /** SIGTERM, wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>
  kill(): Promise<void>
  exited: Promise<number | null>
}

export function tempDataDir(prefix = 'cw-peer-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

// A failed test must not leave daemons behind: whatever is still running dies with the test worker.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL')
})

/** Starts `commonweave start` with `args`; resolves on its `ready` line. `wrap` prefixes the command (e.g. `ip netns exec NS`). */
export async function startCliPeer(dataDir: string, args: string[] = [], opts: { wrap?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliPeer> {
  const cmd = [...(opts.wrap ?? []), process.execPath, CLI, 'start', '--data', dataDir, '--no-ui', ...args]
  const child = spawn(cmd[0] as string, cmd.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COMMONWEAVE_LOG: 'info', ...opts.env },
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const logs: string[] = []
  createInterface({ input: child.stderr! }).on('line', (l) => logs.push(l))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const ready = await new Promise<Ready>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`peer on ${dataDir} not ready within ${opts.timeoutMs ?? 20_000} ms; logs:\n${logs.join('\n')}`)), opts.timeoutMs ?? 20_000)
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer)
      try {
        res(JSON.parse(line) as Ready)
      } catch {
        rej(new Error(`not a ready line: ${line}`))
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      rej(new Error(`peer exited with ${code} before ready; logs:\n${logs.join('\n')}`))
    })
  })
  const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim()
  return {
    dataDir, ready, process: child, logs, exited,
    api: createHttpClient({ url: ready.api, token }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs one `commonweave` command to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((res) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0
      res({ code, stdout, stderr })
    })
  })
}

/** Loopback-only addresses from a ready line (tests never use the machine's real interfaces). */
export function loopbackAddrs(ready: Ready): string[] {
  return ready.addrs.filter((a) => a.startsWith('/ip4/127.0.0.1/'))
}

/** Whether the Electron binary is installed here (tests of browser mode skip, saying so, where it is). */
export function electronInstalled(): boolean {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as unknown
    return typeof path === 'string' && existsSync(path)
  } catch {
    return false
  }
}
