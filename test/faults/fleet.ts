/**
 * Peers on a namespace cluster, in one space, writing: the common ground of the partition and
 * soak runs. Each host runs one PeerDriver listening on its own address (fixed port: every
 * namespace has its own ports); the first founds the space and invites the rest, and then each
 * dials the others once, as members of one LAN would meet by mDNS. No bootstrap entries: those
 * name community peers, which members keep redialling (relay-watchdog.ts); these peers find
 * each other again after a partition or a restart by their own address memory (peer-memory.ts). Writers add one item every few hundred milliseconds per peer and record
 * each acknowledgement in the History; `settle()` stops them and takes every peer's final read.
 */
import { removeDir, tempDataDir } from '../helpers/cli-peer.ts'
import { waitFor } from '../helpers/wait-for.ts'
import type { Rng } from '../shared/grants/fuzz-values.ts'
import { createCluster, type Cluster } from './cluster.ts'
import { canonicalHeads, History } from './history.ts'
import { PeerDriver } from './peer-driver.ts'
import { startProxyProcess, type ProxyProcess } from './proxy-process.ts'

const PORT = 4001
type Heads = Record<string, string[] | null>

export class Fleet {
  readonly cluster: Cluster
  readonly drivers: PeerDriver[]
  readonly history = new History()
  spaceId = ''
  #writing = false
  #writers: Array<Promise<void>> = []

  /** The community peer K, when a member lives behind a NAT; not a writer, and never killed. */
  community: PeerDriver | undefined
  proxy: ProxyProcess | undefined

  private constructor(cluster: Cluster, drivers: PeerDriver[]) {
    this.cluster = cluster
    this.drivers = drivers
  }

  /**
   * Builds the cluster, starts one peer per name, founds a space on the first and joins the rest
   * to it. With `behindNat`, that peer lives behind a router namespace (cluster.ts, addNatHost)
   * whose only way out is a proxy to a community peer K on the bridge: every member names K as
   * its bootstrap entry, and the NAT member is reached by the others only through K's relay.
   */
  static async start(names: string[], opts: { behindNat?: string } = {}): Promise<Fleet> {
    const lanNames = names.filter((n) => n !== opts.behindNat)
    const cluster = createCluster(lanNames.length + (opts.behindNat ? 1 : 0))
    const fleet = new Fleet(cluster, [])
    try {
      let bootstrap: string[] = []
      if (opts.behindNat) {
        const kHost = lanNames.length
        const k = new PeerDriver({ name: 'K', dataDir: tempDataDir('cw-faults-k-'), wrap: cluster.exec(kHost), listen: [`/ip4/${cluster.hosts[kHost]!.ip}/tcp/${PORT}`], community: true })
        fleet.community = k
        await k.start()
        bootstrap = k.addrs()
      }
      const lan = lanNames.map((name, i) => new PeerDriver({
        name, dataDir: tempDataDir(`cw-faults-${name.toLowerCase()}-`), wrap: cluster.exec(i), listen: [`/ip4/${cluster.hosts[i]!.ip}/tcp/${PORT}`], bootstrap,
      }))
      fleet.drivers.push(...lan)
      for (const d of lan) await d.start()
      const founder = lan[0]!
      fleet.spaceId = (await founder.call<{ spaceId: string }>('create', { name: 'Fault line' })).spaceId
      const join = async (d: PeerDriver): Promise<void> => {
        const { code } = await founder.call<{ code: string }>('invite', { spaceId: fleet.spaceId })
        await d.call('join', { code }, 90_000)
      }
      for (const d of [...(fleet.community ? [fleet.community] : []), ...lan.slice(1)]) await join(d)
      for (const [i, d] of lan.entries()) {
        for (const other of lan.slice(i + 1)) await d.call('dial', { addr: other.addrs()[0] })
      }
      await waitFor('every peer on the bridge to be connected to every other', async () => {
        const all = await Promise.all(lan.map((d) => d.stats()))
        return all.every((st) => new Set(st.connections).size >= lan.length - 1)
      }, 30_000, 100)
      if (opts.behindNat) {
        const k = fleet.community!
        const nat = cluster.addNatHost()
        fleet.proxy = await startProxyProcess(nat.router.exec, { listen: { host: nat.router.privateIp, port: PORT }, target: { host: cluster.hosts[lanNames.length]!.ip, port: PORT } })
        const d = new PeerDriver({ name: opts.behindNat, dataDir: tempDataDir(`cw-faults-${opts.behindNat.toLowerCase()}-`), wrap: nat.host.exec, listen: [], bootstrap: [`/ip4/${nat.router.privateIp}/tcp/${PORT}/p2p/${k.peerId}`] })
        fleet.drivers.push(d)
        await d.start()
        // D reaches the founder only at a relayed address, which an invite carries once the founder holds a slot on K.
        await waitFor('the founder holds a relay slot on the community peer', async () =>
          (await founder.call<{ relay: { via: Array<{ peerId: string }> } }>('relay')).relay.via.some((v) => v.peerId === k.peerId), 60_000, 250)
        await join(d)
      }
    } catch (err) {
      await fleet.destroy()
      throw err
    }
    return fleet
  }

  byName(name: string): PeerDriver {
    const d = this.drivers.find((x) => x.name === name)
    if (!d) throw new Error(`no peer named ${name}`)
    return d
  }

  /** Restarts a (killed) peer on its data directory; it finds the others by its address memory, they it by theirs. */
  async restart(d: PeerDriver): Promise<void> {
    await d.start()
  }

  /**
   * Every peer writes one item, waits for its acknowledgement, pauses `pauseMs` and writes
   * again, until `stopWriting()` or until it has had `limit` writes acknowledged.
   */
  startWriting(random: Rng, pauseMs: [number, number] = [100, 200], limit = Infinity): void {
    this.#writing = true
    this.#writers = this.drivers.map(async (d) => {
      let n = 0
      while (this.#writing && this.history.acksBy(d.name) < limit) {
        if (d.running) {
          const title = `${d.name} item ${++n}`
          try {
            const { itemId } = await d.call<{ itemId: string }>('write', { spaceId: this.spaceId, title }, 30_000)
            this.history.ack(d.name, itemId)
          } catch {
            this.history.unacknowledged++
          }
        }
        await pause(pauseMs[0] + random.int(pauseMs[1] - pauseMs[0] + 1))
      }
    })
  }

  async stopWriting(): Promise<void> {
    this.#writing = false
    await Promise.all(this.#writers)
  }

  /** Every running peer's heads of every document of the space. */
  async heads(): Promise<Map<PeerDriver, Heads>> {
    const running = this.drivers.filter((d) => d.running)
    const all = await Promise.all(running.map((d) => d.call<{ heads: Heads }>('heads', { spaceId: this.spaceId })))
    return new Map(running.map((d, i) => [d, all[i]!.heads]))
  }

  /** True when every running peer holds every change of every heads in `snapshot` (what each side had before a heal). */
  async holdAll(snapshot: Map<PeerDriver, Heads>): Promise<boolean> {
    const running = this.drivers.filter((d) => d.running)
    const answers = await Promise.all(running.flatMap((d) => [...snapshot.values()].map((heads) => d.call<{ holds: boolean }>('holds', { spaceId: this.spaceId, heads }))))
    return answers.every((a) => a.holds)
  }

  /** Waits until every peer holds identical heads (writers stopped); resolves with when, or throws after `timeoutMs`. */
  async waitIdentical(timeoutMs: number): Promise<number> {
    await waitFor('every peer to hold identical heads of every document of the space', async () => {
      const all = [...(await this.heads()).values()].map(canonicalHeads)
      return all.length === this.drivers.length && all.every((h) => h === all[0] && !h.includes('null'))
    }, timeoutMs, 200)
    return Date.now()
  }

  /** Stops the writers, waits for identical heads and records every peer's final read. */
  async settle(timeoutMs = 60_000): Promise<void> {
    await this.stopWriting()
    await this.waitIdentical(timeoutMs).catch(() => {})
    for (const d of this.drivers) {
      const [{ ids }, { heads }] = await Promise.all([
        d.call<{ ids: string[] }>('items', { spaceId: this.spaceId }), d.call<{ heads: Heads }>('heads', { spaceId: this.spaceId }),
      ])
      this.history.finalRead(d.name, ids, heads)
    }
  }

  /** Stops every peer, removes their data and the namespaces; never rejects. */
  async destroy(): Promise<void> {
    this.#writing = false
    const all = [...this.drivers, ...(this.community ? [this.community] : [])]
    await Promise.allSettled(all.map((d) => d.stop()))
    for (const d of all) removeDir(d.dataDir)
    await this.proxy?.stop().catch(() => {})
    this.cluster.destroy()
  }
}

/** A writer's pace between writes (not a wait for a condition: the load is paced on purpose). */
function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
