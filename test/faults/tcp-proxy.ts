/**
 * A userland TCP proxy for faults the kernel here cannot make (no netem, no iptables/nft):
 * it listens on one address and forwards each connection to another, with
 * - delay: every chunk is held `delayMs` plus a seeded jitter, in order per direction;
 * - loss, as TCP sees it: a byte stream cannot lose bytes (the kernel would retransmit them),
 *   so a lossy link shows up as stalls (a chunk, and all behind it, held `stallMs` more, with
 *   probability `stallChance`) and as connections reset (probability `resetChance` a chunk);
 * - cuts: `cut()` resets every connection and refuses new ones until `restore()`.
 * Everything random comes from the seed, so a run can be repeated.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { rng, type Rng } from '../shared/grants/fuzz-values.ts'

export interface ProxyFaults {
  delayMs: number
  jitterMs: number
  stallChance: number
  stallMs: number
  resetChance: number
}

export interface ProxyOptions {
  listen: { host: string; port: number }
  target: { host: string; port: number }
  seed?: number
  faults?: Partial<ProxyFaults>
}

export interface ProxyStats { accepted: number; refused: number; resets: number; stalls: number; chunks: number; open: number }

const NONE: ProxyFaults = { delayMs: 0, jitterMs: 0, stallChance: 0, stallMs: 0, resetChance: 0 }
/** Bytes held in one direction before the sending side is paused (backpressure through the proxy). */
const HIGH_WATER = 1 << 20

export class TcpProxy {
  readonly #server: Server
  readonly #target: ProxyOptions['target']
  readonly #random: Rng
  #faults: ProxyFaults
  #cut = false
  readonly #pairs = new Set<[Socket, Socket]>()
  readonly stats: ProxyStats = { accepted: 0, refused: 0, resets: 0, stalls: 0, chunks: 0, open: 0 }

  private constructor(opts: ProxyOptions) {
    this.#target = opts.target
    this.#random = rng(opts.seed ?? 1)
    this.#faults = { ...NONE, ...opts.faults }
    this.#server = createServer({ pauseOnConnect: true, allowHalfOpen: true }, (client) => this.#accept(client))
  }

  static async start(opts: ProxyOptions): Promise<TcpProxy> {
    const p = new TcpProxy(opts)
    await new Promise<void>((resolve, reject) => {
      p.#server.once('error', reject)
      p.#server.listen(opts.listen.port, opts.listen.host, () => resolve())
    })
    return p
  }

  /** The port listened on (the one asked for, or the one given for port 0). */
  get port(): number {
    const a = this.#server.address()
    return typeof a === 'object' && a !== null ? a.port : 0
  }

  set(faults: Partial<ProxyFaults>): void {
    this.#faults = { ...this.#faults, ...faults }
  }

  /** Resets every open connection and refuses new ones until `restore()`. */
  cut(): void {
    this.#cut = true
    for (const pair of [...this.#pairs]) this.#reset(pair)
  }

  restore(): void {
    this.#cut = false
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise<void>((r) => this.#server.close(() => r()))
  }

  #accept(client: Socket): void {
    if (this.#cut) {
      this.stats.refused++
      client.resetAndDestroy()
      return
    }
    this.stats.accepted++
    const upstream = createConnection({ host: this.#target.host, port: this.#target.port, allowHalfOpen: true })
    const pair: [Socket, Socket] = [client, upstream]
    this.#pairs.add(pair)
    this.stats.open++
    // Each side half-closes on its own (a request's end does not cut its reply); an error ends both.
    let closed = false
    const done = (): void => {
      if (closed) return
      closed = true
      this.#pairs.delete(pair)
      this.stats.open--
      client.destroy()
      upstream.destroy()
    }
    for (const s of pair) {
      s.on('error', () => { this.#reset(pair); done() })
      s.on('close', () => { if (client.destroyed && upstream.destroyed) done() })
    }
    this.#pipe(client, upstream, pair)
    this.#pipe(upstream, client, pair)
    client.resume()
  }

  /** One direction: chunks wait in one queue and leave in order, each no earlier than its delay (and any stall) allows. */
  #pipe(from: Socket, to: Socket, pair: [Socket, Socket]): void {
    const queue: Array<{ chunk: Buffer; due: number }> = []
    let held = 0
    let ended = false
    let timer: NodeJS.Timeout | undefined
    const drain = (): void => {
      timer = undefined
      while (queue.length > 0 && queue[0]!.due <= Date.now()) {
        const { chunk } = queue.shift()!
        held -= chunk.length
        if (!to.destroyed) to.write(chunk)
      }
      if (held <= HIGH_WATER && from.isPaused() && !from.destroyed) from.resume()
      if (queue.length > 0) timer = setTimeout(drain, queue[0]!.due - Date.now())
      else if (ended && !to.destroyed) to.end()
    }
    from.on('data', (chunk: Buffer) => {
      this.stats.chunks++
      const f = this.#faults
      if (f.resetChance > 0 && this.#random.chance(f.resetChance)) return this.#reset(pair)
      let wait = f.delayMs + (f.jitterMs > 0 ? this.#random.int(f.jitterMs + 1) : 0)
      if (f.stallChance > 0 && this.#random.chance(f.stallChance)) {
        this.stats.stalls++
        wait += f.stallMs
      }
      // Never before the chunk ahead of it: a stream keeps its order.
      queue.push({ chunk, due: Math.max(queue.at(-1)?.due ?? 0, Date.now() + wait) })
      held += chunk.length
      if (held > HIGH_WATER) from.pause()
      if (timer === undefined) drain()
    })
    from.on('end', () => {
      ended = true
      if (timer === undefined) drain()
    })
    to.on('close', () => clearTimeout(timer))
  }

  #reset(pair: [Socket, Socket]): void {
    if (!this.#pairs.has(pair)) return
    this.stats.resets++
    for (const s of pair) if (!s.destroyed) s.resetAndDestroy()
  }
}
