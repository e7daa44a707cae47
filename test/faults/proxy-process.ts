/**
 * The fault proxy (tcp-proxy.ts) in its own process, started inside a namespace: a router's
 * userland "NAT" between a private subnet and the LAN. `send()` cuts, restores or sets faults;
 * `stop()` closes it (closing its stdin ends the process).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ProxyFaults, ProxyOptions, ProxyStats } from './tcp-proxy.ts'

const MAIN = join(import.meta.dirname, 'tcp-proxy-main.ts')

export interface ProxyProcess {
  send(cmd: 'cut' | 'restore' | 'set' | 'stats', faults?: Partial<ProxyFaults>): Promise<ProxyStats>
  stop(): Promise<void>
}

export async function startProxyProcess(wrap: string[], opts: ProxyOptions): Promise<ProxyProcess> {
  const cmd = [...wrap, process.execPath, MAIN, JSON.stringify(opts)]
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000) })
  const answers: Array<(stats: ProxyStats) => void> = []
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the proxy exited (${code}) before it was ready: ${stderr}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as { event?: string; stats?: ProxyStats }
      if (msg.event === 'ready') resolve()
      else answers.shift()?.(msg.stats!)
    })
  })
  await ready
  return {
    send: (c, faults) => new Promise((resolve) => {
      answers.push(resolve)
      child.stdin.write(`${JSON.stringify({ cmd: c, faults })}\n`)
    }),
    stop: async () => {
      child.stdin.end()
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
