/**
 * A real headless peer that serves the web UI: `commonweave start` in its own process with
 * its own data directory, like `startCliPeer` but without `--no-ui`, so its ready line
 * carries the `ui` address; the token is added from the data directory's token file.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createHttpClient } from '../../shared/api/http-client.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { CLI, type Ready } from '../helpers/cli-peer.ts'

export interface UiReady extends Ready { ui: string }

export interface UiPeer {
  dataDir: string
  ready: UiReady
  process: ChildProcess
  api: PeerApi
  /** stderr lines so far (JSON logs), for failure messages */
  logs: string[]
  /** SIGTERM, wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>
}

const LOOPBACK_ONLY = ['--listen', '/ip4/127.0.0.1/tcp/0', '--no-mdns']

export interface UiPeerOptions {
  /** More `commonweave start` flags, e.g. `['--name', 'Ada']` or `['--api-port', '41234']`. */
  args?: string[]
  timeoutMs?: number
  /** Listen on no address (`--no-listen`): reachable only through a community peer's relay. */
  noListen?: boolean
}

// A failed test must not leave daemons behind: whatever is still running dies with the test worker.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL')
})

/** Starts a peer on loopback with the UI; resolves on its ready line, which must carry `ui`. */
export async function startUiPeer(dataDir: string, options: number | UiPeerOptions = {}): Promise<UiPeer> {
  const { args = [], timeoutMs = 20_000, noListen = false } = typeof options === 'number' ? { timeoutMs: options } : options
  const child = spawn(process.execPath, [CLI, 'start', '--data', dataDir, ...(noListen ? ['--no-listen', '--no-mdns'] : LOOPBACK_ONLY), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COMMONWEAVE_LOG: 'info' },
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const logs: string[] = []
  createInterface({ input: child.stderr }).on('line', (l) => logs.push(l))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const ready = await new Promise<UiReady>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`peer on ${dataDir} not ready within ${timeoutMs} ms; logs:\n${logs.join('\n')}`)), timeoutMs)
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      try {
        const parsed = JSON.parse(line) as Partial<UiReady>
        if (typeof parsed.ui !== 'string') throw new Error('no ui link')
        res(parsed as UiReady)
      } catch (err) {
        rej(new Error(`ready line without a UI link (${String(err)}): ${line}`))
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      rej(new Error(`peer exited with ${code} before ready; logs:\n${logs.join('\n')}`))
    })
  }).catch((err: unknown) => {
    child.kill('SIGKILL')
    throw err
  })
  const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim()
  // The daemon never prints its token; like `npm start`, build the link from the 0600 token file.
  ready.ui = `${ready.ui}#token=${token}`
  return {
    dataDir, ready, process: child, logs,
    api: createHttpClient({ url: ready.api, token }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
