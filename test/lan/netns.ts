/**
 * A throwaway LAN made of Linux network namespaces: one namespace holding a bridge, and one
 * namespace per host joined to it by a veth pair. Multicast (mDNS) stays on that bridge:
 * nothing is sent on the machine's real interfaces. Needs root and iproute2.
 */
import { execFile, execFileSync } from 'node:child_process'
import { CLI, removeDir, type CliPeer } from '../helpers/cli-peer.ts'

export interface TestLan {
  hosts: Array<{ ns: string; ip: string }>
  /** the namespace holding the bridge, and in it host i's end of its veth pair (`link(i)`) */
  bridgeNs: string
  link(i: number): string
  /** the hosts' subnet, e.g. `10.231.42` (hosts are .10, .11, …) */
  subnet: string
  /** prefix for running a command inside host i's namespace */
  exec(i: number): string[]
  destroy(): void
}

/** Why this machine cannot build a namespace LAN, or undefined if it can. */
export function lanUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces need Linux'
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root'
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' })
  } catch {
    return 'the `ip` command (iproute2) is not installed'
  }
  const probe = `cwprobe${process.pid}`
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: 'pipe' })
    execFileSync('ip', ['netns', 'del', probe], { stdio: 'pipe' })
  } catch (err) {
    return `this sandbox does not allow network namespaces (${String((err as Error).message).split('\n')[0]})`
  }
  return undefined
}

export function createTestLan(count: number): TestLan {
  const tag = (process.pid % 10000).toString(36) + Math.floor(Math.random() * 1296).toString(36)
  const bridgeNs = `cwbr${tag}`
  const subnet = `10.231.${(process.pid % 200) + 20}`
  const created: string[] = []
  const ip = (...args: string[]): void => {
    execFileSync('ip', args, { stdio: 'pipe' })
  }
  const hosts: TestLan['hosts'] = []
  try {
    ip('netns', 'add', bridgeNs)
    created.push(bridgeNs)
    ip('-n', bridgeNs, 'link', 'add', 'br0', 'type', 'bridge')
    ip('-n', bridgeNs, 'link', 'set', 'br0', 'up')
    ip('-n', bridgeNs, 'link', 'set', 'lo', 'up')
    for (let i = 0; i < count; i++) {
      const ns = `cwh${tag}${i}`
      const addr = `${subnet}.${i + 10}`
      ip('netns', 'add', ns)
      created.push(ns)
      // veth pair created inside the bridge namespace, then one end moved into the host namespace
      ip('-n', bridgeNs, 'link', 'add', `p${i}`, 'type', 'veth', 'peer', 'name', 'eth0')
      ip('-n', bridgeNs, 'link', 'set', 'eth0', 'netns', ns)
      ip('-n', bridgeNs, 'link', 'set', `p${i}`, 'master', 'br0')
      ip('-n', bridgeNs, 'link', 'set', `p${i}`, 'up')
      ip('-n', ns, 'link', 'set', 'lo', 'up')
      ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', 'eth0')
      ip('-n', ns, 'link', 'set', 'eth0', 'up', 'multicast', 'on')
      ip('-n', ns, 'route', 'add', 'default', 'dev', 'eth0')
      hosts.push({ ns, ip: addr })
    }
  } catch (err) {
    for (const ns of created.reverse()) {
      try { ip('netns', 'del', ns) } catch { /* best effort */ }
    }
    throw err
  }
  return {
    hosts,
    bridgeNs,
    link: (i) => `p${i}`,
    subnet,
    exec: (i) => ['ip', 'netns', 'exec', hosts[i]!.ns],
    destroy() {
      for (const ns of [...created].reverse()) {
        try { ip('netns', 'del', ns) } catch { /* already gone */ }
      }
    },
  }
}

/**
 * Runs `commonweave ARGS --data DIR --json` inside host i's namespace (a peer's local API there
 * listens on that namespace's loopback) and answers its JSON; a failure is thrown in words.
 */
export function jsonIn<T>(lan: TestLan, host: number, dataDir: string, args: string[]): Promise<T> {
  const cmd = [...lan.exec(host), process.execPath, CLI, ...args, '--data', dataDir, '--json']
  return new Promise((resolve, reject) => {
    execFile(cmd[0]!, cmd.slice(1), { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`commonweave ${args.join(' ')} on host ${host} failed (${String((err as { code?: number }).code ?? 1)}): ${stderr}`))
      else resolve(JSON.parse(stdout) as T)
    })
  })
}

/** After a LAN test: stops its peers, removes their data directories, then the namespaces. */
export async function tearDownLan(lan: TestLan | undefined, peers: CliPeer[]): Promise<void> {
  for (const p of peers) {
    await p.stop()
    removeDir(p.dataDir)
  }
  lan?.destroy()
}
