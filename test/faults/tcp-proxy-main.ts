/**
 * The fault proxy as its own process, for running inside a namespace (a router between
 * subnets): `node tcp-proxy-main.ts '<ProxyOptions as JSON>'`. Prints `{ event: 'ready', port }`,
 * then takes JSON lines on stdin, `{ cmd: 'cut' | 'restore' | 'set' | 'stats', faults? }`, each
 * answered `{ ok: true, stats }`. Closing stdin closes the proxy and ends the process.
 */
import { createInterface } from 'node:readline'
import { TcpProxy, type ProxyFaults, type ProxyOptions } from './tcp-proxy.ts'

const proxy = await TcpProxy.start(JSON.parse(process.argv[2] ?? '{}') as ProxyOptions)
const out = (msg: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(msg)}\n`)
out({ event: 'ready', port: proxy.port })
createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line) as { cmd: string; faults?: Partial<ProxyFaults> }
  if (c.cmd === 'cut') proxy.cut()
  else if (c.cmd === 'restore') proxy.restore()
  else if (c.cmd === 'set') proxy.set(c.faults ?? {})
  out({ ok: true, stats: proxy.stats })
}).on('close', () => {
  void proxy.close().finally(() => process.exit(0))
})
