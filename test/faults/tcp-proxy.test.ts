/**
 * The fault proxy on loopback: bytes arrive intact and in order however they are delayed,
 * a delay is really added, a cut resets open connections and refuses new ones until restored,
 * and seeded loss shows as stalls and resets.
 */
import { once } from 'node:events'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TcpProxy, type ProxyFaults } from './tcp-proxy.ts'

let echo: Server
let echoPort = 0
const proxies: TcpProxy[] = []

beforeAll(async () => {
  echo = createServer((s) => { s.on('error', () => {}); s.pipe(s) })
  echo.listen(0, '127.0.0.1')
  await once(echo, 'listening')
  echoPort = (echo.address() as { port: number }).port
})
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()))
  echo.close()
})

async function proxy(faults: Partial<ProxyFaults> = {}, seed = 7): Promise<TcpProxy> {
  const p = await TcpProxy.start({ listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: echoPort }, seed, faults })
  proxies.push(p)
  return p
}

function connect(p: TcpProxy): Promise<Socket> {
  const s = createConnection({ host: '127.0.0.1', port: p.port })
  return once(s, 'connect').then(() => s)
}

/** Sends `bytes` through and resolves with what came back and when the first byte did. */
async function roundTrip(s: Socket, bytes: Buffer): Promise<{ back: Buffer; firstMs: number }> {
  const start = Date.now()
  let firstMs = -1
  const parts: Buffer[] = []
  let got = 0
  const done = new Promise<void>((resolve, reject) => {
    s.on('data', (d: Buffer) => {
      if (firstMs < 0) firstMs = Date.now() - start
      parts.push(d)
      got += d.length
      if (got >= bytes.length) resolve()
    })
    s.once('close', () => reject(new Error(`closed after ${got} of ${bytes.length} bytes`)))
  })
  s.write(bytes)
  await done
  return { back: Buffer.concat(parts), firstMs }
}

const pattern = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + (i >> 8)) & 0xff))

describe('TCP fault proxy', () => {
  it('delays every chunk with jitter and still delivers every byte in order', async () => {
    const p = await proxy({ delayMs: 40, jitterMs: 30 })
    const s = await connect(p)
    const bytes = pattern(3 << 20)
    const { back, firstMs } = await roundTrip(s, bytes)
    expect(back.equals(bytes)).toBe(true)
    // There and back: at least two delays.
    expect(firstMs).toBeGreaterThanOrEqual(80)
    s.destroy()
  })

  it('a cut resets open connections and refuses new ones until restored', async () => {
    const p = await proxy()
    const s = await connect(p)
    expect((await roundTrip(s, pattern(100))).back.length).toBe(100)
    const closed = new Promise((r) => s.once('close', r))
    const errored = new Promise<string>((r) => s.once('error', (e: NodeJS.ErrnoException) => r(String(e.code))))
    p.cut()
    await closed
    expect(await errored).toBe('ECONNRESET')
    const refused = createConnection({ host: '127.0.0.1', port: p.port })
    refused.on('error', () => {})
    await new Promise((r) => refused.once('close', r))
    expect(p.stats.refused).toBe(1)
    p.restore()
    const again = await connect(p)
    expect((await roundTrip(again, pattern(100))).back.equals(pattern(100))).toBe(true)
    again.destroy()
  })

  it('seeded loss: stalls hold the stream back, resets cut it', async () => {
    const stalling = await proxy({ stallChance: 1, stallMs: 300 })
    const s = await connect(stalling)
    const { back, firstMs } = await roundTrip(s, pattern(10))
    expect(back.length).toBe(10)
    expect(firstMs).toBeGreaterThanOrEqual(600)
    expect(stalling.stats.stalls).toBeGreaterThanOrEqual(2)
    s.destroy()

    const resetting = await proxy({ resetChance: 1 })
    const r = await connect(resetting)
    r.on('error', () => {})
    await expect(roundTrip(r, pattern(10))).rejects.toThrow(/closed after 0 of 10/)
    expect(resetting.stats.resets).toBe(1)
  })
})
