/**
 * Finding each other again without mDNS. A peer remembers its own ports and the addresses its
 * fellow members listen on, in `net-state.json` and its copy (net-state-file.ts), so that
 * after a restart
 * - it listens on the same ports again (invite codes and other members' memories stay valid);
 * - it redials the members it knows, and keeps retrying those it is not connected to: every
 *   15 s, and one lost in the last five minutes every 1–4 s.
 * On a LAN mDNS does this on its own; this is for peers that met by address.
 *
 * Invariants: only peers sharing a space with us are remembered or redialled; an address is
 * remembered only as its owner announced it (identify), never a connection's source port.
 */
import { createServer } from 'node:net'
import type { IdentifyResult, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { RELAY_V2_HOP_CODEC } from '@libp2p/circuit-relay-v2'
import type { Logger } from '../log.ts'
import { dialAddr, type NetConfig, type PeerNode } from './create-libp2p-node.ts'
import { farthestAddrs } from './addr-reach.ts'
import { MAX_ADDRS, readNetState, writeNetState, type NetState } from './net-state-file.ts'

const REDIAL_EVERY_MS = 15_000
/**
 * A fellow member just lost (a partition, a restart, a relay gone) is dialled again soon, then
 * every few seconds for a while: a heal is noticed within seconds, not at the next 15 s round.
 */
const LOST_FIRST_MS = 1_000
const LOST_MAX_PAUSE_MS = 4_000
const LOST_FOR_MS = 5 * 60_000
const QUICK_DIAL_TIMEOUT_MS = 5_000
const MAX_PEERS = 256

/**
 * The network settings a start takes from the memory: the addresses to listen on (each
 * configured address asking for any port, `/tcp/0`, gets the port it had last time, if that
 * port is still free), and the community peers met before as bootstrap entries besides those
 * configured (a member who joined through an invite finds its community peer again at every start).
 */
export async function rememberedNet(cfg: NetConfig, dataDir: string, configured: string[], log: Logger): Promise<NetConfig> {
  const state = await readNetState(dataDir, log)
  const listen = await Promise.all(configured.map(async (c) => {
    const bound = state.listen[c]
    return bound !== undefined && (await portIsFree(bound)) ? bound : c
  }))
  const community = (state.community ?? []).flatMap((id) => farthestAddrs(state.peers[id]?.addrs ?? [], id, 2))
  return { ...cfg, listen, bootstrap: [...new Set([...cfg.bootstrap ?? [], ...community])] }
}

async function portIsFree(addr: string): Promise<boolean> {
  const m = /^\/ip4\/([\d.]+)\/tcp\/(\d+)/.exec(addr)
  if (!m) return false
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(Number(m[2]), m[1], () => server.close(() => resolve(true)))
  })
}

export class PeerMemory {
  readonly #node: PeerNode
  readonly #dataDir: string
  readonly #isFellow: (peerId: string) => boolean
  readonly #log: Logger
  #state: NetState = { version: 1, listen: {}, peers: {} }
  #timer: ReturnType<typeof setInterval> | undefined
  #quickTimer: ReturnType<typeof setInterval> | undefined
  /** Fellows lost lately: when each was lost, when to dial it next, the pause after that, and whether a dial is under way. */
  readonly #lost = new Map<string, { peer: PeerId; since: number; at: number; pause: number; dialling: boolean }>()
  #saving: Promise<void> = Promise.resolve()
  #dirty = false

  /** `isFellow(peerId)`: does this peer share a space with us? Only those are remembered. */
  constructor(node: PeerNode, dataDir: string, isFellow: (peerId: string) => boolean, log: Logger) {
    this.#node = node
    this.#dataDir = dataDir
    this.#isFellow = isFellow
    this.#log = log
  }

  /** Call after the node started on `configured` addresses: records the ports they got and begins redialling. */
  async start(configured: string[]): Promise<void> {
    this.#state = await readNetState(this.#dataDir, this.#log)
    const bound = this.#node.getMultiaddrs().map((a) => a.toString())
    for (const c of configured) {
      const m = /^\/ip4\/([\d.]+)\/tcp\/0(\/ws)?$/.exec(c)
      if (!m) continue
      const ws = m[2] !== undefined
      const port = bound.map((b) => /\/tcp\/(\d+)(\/ws)?(\/p2p\/|$)/.exec(b))
        .find((x) => x !== null && (x[2] !== undefined) === ws)?.[1]
      if (port) this.#state.listen[c] = c.replace('/tcp/0', `/tcp/${port}`)
    }
    this.#save()
    this.#node.addEventListener('peer:identify', this.#onIdentify)
    this.#node.addEventListener('peer:disconnect', this.#onDisconnect)
    this.#timer = setInterval(() => this.redial(), REDIAL_EVERY_MS)
    this.#timer.unref?.()
    this.#quickTimer = setInterval(() => this.#redialLost(), 500)
    this.#quickTimer.unref?.()
    this.redial()
  }

  /** Remembers connected fellows we know no address of yet (a member admitted after identify ran). */
  async refresh(): Promise<void> {
    for (const conn of this.#node.getConnections()) {
      const id = conn.remotePeer.toString()
      if (this.#state.peers[id] || !this.#isFellow(id)) continue
      const peer = await this.#node.peerStore.get(conn.remotePeer).catch(() => undefined)
      if (peer) this.remember(id, peer.addresses.map((a) => a.multiaddr.toString()), peer.protocols.includes(RELAY_V2_HOP_CODEC))
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    clearInterval(this.#quickTimer)
    this.#node.removeEventListener('peer:identify', this.#onIdentify)
    this.#node.removeEventListener('peer:disconnect', this.#onDisconnect)
    await this.#saving
  }

  /**
   * Remembers where a peer can be reached (e.g. the inviter, from the invite's addresses). Relayed
   * addresses are kept, after direct ones: a member behind NAT is found again only through its
   * community peer.
   */
  remember(peerId: string, addrs: string[], community = false): void {
    const relayed = (a: string): number => (a.includes('/p2p-circuit') ? 1 : 0)
    const usable = [...addrs].sort((a, b) => relayed(a) - relayed(b)).slice(0, MAX_ADDRS)
    if (usable.length === 0) return
    if (community && !this.#state.community?.includes(peerId)) this.#state.community = [...(this.#state.community ?? []), peerId].slice(-4)
    this.#state.peers[peerId] = { addrs: usable, seen: new Date().toISOString() }
    const ids = Object.keys(this.#state.peers)
    if (ids.length > MAX_PEERS) {
      ids.sort((a, b) => this.#state.peers[a]!.seen.localeCompare(this.#state.peers[b]!.seen))
      for (const id of ids.slice(0, ids.length - MAX_PEERS).filter((i) => !this.#state.community?.includes(i))) delete this.#state.peers[id]
    }
    this.#save()
  }

  /** Dials every remembered fellow member we are not connected to. */
  redial(): void {
    for (const id of Object.keys(this.#state.peers)) void this.#dial(id, 10_000)
  }

  /** Dials a remembered fellow we are not connected to; true once connected. */
  async #dial(id: string, timeoutMs: number): Promise<boolean> {
    const addrs = this.#state.peers[id]?.addrs
    if (!addrs || !this.#isFellow(id)) return false
    let peer
    try {
      peer = peerIdFromString(id)
    } catch {
      return false
    }
    if (this.#node.getConnections(peer).length > 0) return true
    const targets = addrs.flatMap((a) => {
      try {
        return [dialAddr(a, id)]
      } catch {
        return []
      }
    })
    if (targets.length === 0) return false
    return this.#node.dial(targets, { signal: AbortSignal.timeout(timeoutMs) }).then(() => true, (err: unknown) => {
      this.#log.debug('remembered peer not reachable', { peer: id, error: String(err) })
      return false
    })
  }

  #redialLost(): void {
    const now = Date.now()
    for (const [id, lost] of this.#lost) {
      if (lost.dialling || now < lost.at) continue
      if (now - lost.since > LOST_FOR_MS || !this.#isFellow(id) || this.#node.getConnections(lost.peer).length > 0) this.#lost.delete(id)
      else {
        lost.dialling = true
        void this.#dial(id, QUICK_DIAL_TIMEOUT_MS).then((ok) => {
          lost.dialling = false
          if (ok) return void this.#lost.delete(id)
          lost.at = Date.now() + lost.pause
          lost.pause = Math.min(lost.pause * 2, LOST_MAX_PAUSE_MS)
        })
      }
    }
  }

  readonly #onDisconnect = (evt: CustomEvent<PeerId>): void => {
    const id = evt.detail.toString()
    if (!this.#state.peers[id] || !this.#isFellow(id) || this.#lost.has(id)) return
    this.#lost.set(id, { peer: evt.detail, since: Date.now(), at: Date.now() + LOST_FIRST_MS, pause: LOST_FIRST_MS * 2, dialling: false })
  }

  readonly #onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const id = evt.detail.peerId.toString()
    if (!this.#isFellow(id)) return
    this.remember(id, evt.detail.listenAddrs.map((a) => a.toString()), evt.detail.protocols.includes(RELAY_V2_HOP_CODEC))
  }

  #save(): void {
    if (this.#dirty) return
    this.#dirty = true
    this.#saving = this.#saving.then(async () => {
      this.#dirty = false
      await writeNetState(this.#dataDir, this.#state)
    }).catch((err: unknown) => this.#log.warn('could not save the address memory', { error: String(err) }))
  }
}
