/**
 * A peer driven from the test process: a Node child (peer-driver-main.ts) holding a real peer,
 * started inside a host's network namespace (`ip netns exec NS node …`). Pipes cross
 * namespaces, so the test drives every peer from the root namespace with JSON lines. `kill()`
 * is SIGKILL (no flush, no goodbye) and `restart()` starts it again on the same data directory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { DriverArgs } from './peer-driver-main.ts'

const MAIN = join(import.meta.dirname, 'peer-driver-main.ts')
const STDERR_TAIL = 40

export interface Stats { rss: number; fds: number; sockets: number; connections: string[] }

interface Pending { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

export class PeerDriver {
  readonly name: string
  readonly dataDir: string
  readonly #wrap: string[]
  readonly #listen: string[]
  #bootstrap: string[]
  #child: ChildProcessWithoutNullStreams | undefined
  #exited: Promise<void> = Promise.resolve()
  #pending = new Map<number, Pending>()
  #next = 1
  #stderr: string[] = []
  peerId = ''

  readonly #community: boolean

  constructor(opts: { name: string; dataDir: string; wrap: string[]; listen: string[]; bootstrap?: string[]; community?: boolean }) {
    this.name = opts.name
    this.#community = opts.community === true
    this.dataDir = opts.dataDir
    this.#wrap = opts.wrap
    this.#listen = opts.listen
    this.#bootstrap = opts.bootstrap ?? []
  }

  /** Where the others reach this peer (its listen addresses with its id). */
  addrs(): string[] {
    return this.#listen.map((a) => `${a}/p2p/${this.peerId}`)
  }

  get running(): boolean {
    return this.#child !== undefined
  }

  /** Starts the child and resolves once its peer is up; `bootstrap` replaces the list given before. */
  async start(bootstrap?: string[], timeoutMs = 60_000): Promise<void> {
    if (bootstrap) this.#bootstrap = bootstrap
    const args: DriverArgs = { dataDir: this.dataDir, name: this.name, listen: this.#listen, bootstrap: this.#bootstrap, community: this.#community }
    const cmd = [...this.#wrap, process.execPath, MAIN, JSON.stringify(args)]
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] })
    this.#child = child
    this.#exited = new Promise((res) => child.once('exit', () => res()))
    createInterface({ input: child.stderr }).on('line', (l) => {
      this.#stderr.push(l)
      if (this.#stderr.length > STDERR_TAIL) this.#stderr.shift()
    })
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start within ${timeoutMs} ms: ${this.stderrTail()}`)), timeoutMs)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${this.name} exited before it was ready (${code ?? signal}): ${this.stderrTail()}`))
      })
      createInterface({ input: child.stdout }).on('line', (line) => {
        let msg: Record<string, unknown>
        try {
          msg = JSON.parse(line) as Record<string, unknown>
        } catch {
          return
        }
        if (msg['event'] === 'ready') {
          clearTimeout(timer)
          this.peerId = String(msg['peerId'])
          resolve()
          return
        }
        const p = this.#pending.get(Number(msg['id']))
        if (!p) return
        this.#pending.delete(Number(msg['id']))
        clearTimeout(p.timer)
        if (msg['ok'] === true) p.resolve(msg)
        else p.reject(new Error(`${this.name}: ${String(msg['error'])}`))
      })
    })
    child.once('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined
      for (const [id, p] of this.#pending) {
        clearTimeout(p.timer)
        p.reject(new Error(`${this.name} exited (${code ?? signal}) before answering`))
        this.#pending.delete(id)
      }
    })
    await ready
  }

  /** Sends one command and resolves with its answer. */
  call<T = Record<string, unknown>>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    const child = this.#child
    if (!child) return Promise.reject(new Error(`${this.name} is not running`))
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`${this.name} did not answer ${cmd} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.#pending.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject, timer })
      child.stdin.write(`${JSON.stringify({ id, cmd, ...args })}\n`)
    })
  }

  stats(): Promise<Stats> {
    return this.call<Stats>('stats')
  }

  /** SIGKILL: the process ends where it is, writes in flight and all. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL')
    await this.#exited
  }

  /** Stops the peer cleanly (flushes, releases the lock); kills it if it does not stop in time. Never rejects. */
  async stop(): Promise<void> {
    if (!this.#child) return
    await this.call('stop', {}, 20_000).catch(() => this.#child?.kill('SIGKILL'))
    await this.#exited
  }

  stderrTail(): string {
    return this.#stderr.slice(-10).join('\n')
  }
}
