/**
 * Keeps a member reachable through its community peers' relays: a member behind NAT, or with no
 * address of its own, is found at `<community peer>/p2p-circuit/p2p/<member>` only while it holds
 * a reservation there.
 *
 * Why a watchdog and not libp2p's own listen address: a reservation given as a listen address
 * is made once (js-libp2p #3601: after the relay restarts it is never made again, and a relay
 * that is down at start makes the whole start fail). So every few seconds, for each community
 * peer (a peer whose identify lists the relay protocol, or a configured one):
 * - not connected: dial it (one dial at a time; a configured peer not yet seen to relay, after a
 *   pause that grows to a minute: it may be a plain member, which peer-memory.ts redials anyway);
 * - connected but no relayed address through it: ask for a reservation over that connection,
 *   again after a growing pause when refused (a new member is refused until the community peer
 *   has heard of its grant).
 *
 * Each reservation asked for leaves one small listener object in libp2p (closing it would cancel
 * every reservation, the new one too): one per relay restart or failed ask, and failures back
 * off to once a minute.
 */
import type { Multiaddr } from '@multiformats/multiaddr'
import type { IdentifyResult, PeerId } from '@libp2p/interface'
import type { CircuitRelayService } from '@libp2p/circuit-relay-v2'
import type { PeerIdString } from '../../../shared/ids.ts'
import type { RelayStatus } from '../../../shared/api/peer-api.ts'
import { peerIdFromString } from '@libp2p/peer-id'
import { RELAY_V2_HOP_CODEC } from '@libp2p/circuit-relay-v2'
import type { Logger } from '../log.ts'
import type { PeerNode } from './create-libp2p-node.ts'
import { farthestAddrs } from './addr-reach.ts'

const CHECK_EVERY_MS = 2_000
const FIRST_RETRY_MS = 5_000
const MAX_RETRY_MS = 60_000
/** Relays a member holds slots on at once: one community peer is the rule, a second one spare. */
const MAX_RELAYS = 2

interface TransportManagerLike { listen(addrs: Multiaddr[]): Promise<void> }

interface RelayState {
  /** Its identify listed the relay protocol (a configured peer may be a plain member: it is only dialled). */
  hop: boolean
  /** The addresses it listens on, as its identify said (none until identified). */
  addrs: string[]
  /** The connection a reservation was last asked over, and when it may be asked again. */
  askedOn?: string
  retryAt: number
  pause: number
  /** A reservation is being asked for now. */
  asking: boolean
  dialling: boolean
  /** When it may be dialled again: a known community peer every pass, a configured peer not yet seen as one less and less often. */
  dialAt: number
  dialPause: number
}

export class RelayWatchdog {
  readonly #node: PeerNode
  readonly #log: Logger
  readonly #now: () => number
  readonly #relays = new Map<string, RelayState>()
  #timer: ReturnType<typeof setInterval> | undefined

  readonly #reserved: () => void

  /**
   * `configured`: peer ids of community peers named in bootstrap entries (they are dialled by
   * libp2p's bootstrap too). `reserved` runs after each slot is made: members reachable only
   * through the relay can be dialled again now, rather than at the next periodic redial.
   */
  constructor(node: PeerNode, configured: Iterable<string>, log: Logger, reserved: () => void, now: () => number = Date.now) {
    this.#node = node
    this.#reserved = reserved
    this.#log = log
    this.#now = now
    for (const id of configured) this.#relays.set(id, fresh(false))
  }

  start(): void {
    this.#node.addEventListener('peer:identify', this.#onIdentify)
    this.#timer = setInterval(() => this.check(), CHECK_EVERY_MS)
    this.#timer.unref?.()
  }

  stop(): void {
    this.#node.removeEventListener('peer:identify', this.#onIdentify)
    clearInterval(this.#timer)
  }

  /** The community peers this peer holds a relay slot on (a relayed address through each). */
  reservedOn(): string[] {
    return [...this.#relays.keys()].filter((id) => this.#relays.get(id)!.hop && this.#hasAddrVia(id))
  }

  /** Full addresses of the community peers known here, for invite codes: at most two of each, the most widely reachable first. */
  communityAddrs(): string[] {
    return [...this.#relays].filter(([, r]) => r.hop).flatMap(([id, r]) => farthestAddrs(r.addrs, id, 2))
  }

  /** One pass: dial what is not connected, ask for a slot where none is held. */
  check(): void {
    for (const [id, state] of this.#relays) {
      if (this.#hasAddrVia(id)) {
        state.pause = FIRST_RETRY_MS
        continue
      }
      const peer = peerIdFromString(id)
      const direct = this.#node.getConnections(peer).find((c) => !c.remoteAddr.toString().includes('/p2p-circuit'))
      if (!direct) {
        this.#dial(peer, state)
        continue
      }
      if (!state.hop) continue
      if (state.asking || (state.askedOn === direct.id && this.#now() < state.retryAt)) continue
      state.askedOn = direct.id
      state.asking = true
      const base = direct.remoteAddr.getComponents().some((c) => c.name === 'p2p') ? direct.remoteAddr : direct.remoteAddr.encapsulate(`/p2p/${id}`)
      const tm = (this.#node as unknown as { components: { transportManager: TransportManagerLike } }).components.transportManager
      tm.listen([base.encapsulate('/p2p-circuit')]).then(() => {
        this.#log.info('holding a relay slot on the community peer', { relay: id })
        this.#reserved()
      }, (err: unknown) => {
        // libp2p's own relay discovery asking at the same moment is asked again at the next pass; any
        // other failure (not heard of our grant yet, the relay full, a timeout) after a growing pause.
        const race = /HadEnoughRelays/.test(String(err))
        state.retryAt = this.#now() + (race ? 0 : state.pause)
        if (!race) state.pause = Math.min(state.pause * 2, MAX_RETRY_MS)
        this.#log.debug('the community peer gave no relay slot (asked again later)', { relay: id, error: String(err).slice(0, 300) })
      }).finally(() => { state.asking = false })
    }
  }

  #dial(peer: PeerId, state: RelayState): void {
    if (state.dialling || this.#now() < state.dialAt) return
    state.dialling = true
    if (!state.hop) {
      state.dialAt = this.#now() + state.dialPause
      state.dialPause = Math.min(state.dialPause * 2, MAX_RETRY_MS)
    }
    this.#node.dial(peer).then(() => {}, (err: unknown) => this.#log.debug('community peer not reachable yet', { relay: peer.toString(), error: String(err) }))
      .finally(() => { state.dialling = false })
  }

  #hasAddrVia(id: string): boolean {
    return this.#node.getMultiaddrs().some((a) => a.toString().includes(`/p2p/${id}/p2p-circuit`))
  }

  readonly #onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const id = evt.detail.peerId.toString()
    if (!evt.detail.protocols.includes(RELAY_V2_HOP_CODEC)) return
    const known = this.#relays.get(id) ?? ([...this.#relays.values()].filter((r) => r.hop).length < MAX_RELAYS ? fresh(true) : undefined)
    if (!known) return
    known.hop = true
    known.dialAt = 0
    known.addrs = evt.detail.listenAddrs.map((a) => a.toString()).filter((a) => !a.includes('/p2p-circuit'))
    this.#relays.set(id, known)
    this.check()
  }
}

/**
 * At the community peer: a member's relay slot is freed when it disconnects or no longer holds
 * a grant here (libp2p keeps a slot for two hours otherwise, counting toward the limit). Returns the unsubscribe.
 */
export function freeRelaySlots(node: PeerNode, member: (peerId: string) => boolean, onConsentChange: (l: () => void) => () => void): () => void {
  const server = node.services['relay'] as CircuitRelayService | undefined
  if (!server) return () => {}
  const onDisconnect = (evt: CustomEvent<PeerId>): void => void server.reservations.delete(evt.detail)
  node.addEventListener('peer:disconnect', onDisconnect)
  const unsub = onConsentChange(() => {
    for (const peer of [...server.reservations.keys()]) if (!member(peer.toString())) server.reservations.delete(peer)
  })
  return () => {
    node.removeEventListener('peer:disconnect', onDisconnect)
    unsub()
  }
}

function fresh(hop: boolean): RelayState {
  return { hop, addrs: [], retryAt: 0, pause: FIRST_RETRY_MS, dialling: false, asking: false, dialAt: 0, dialPause: CHECK_EVERY_MS }
}

/** What `status` says of the relay: the slots a community peer holds for members, or the community peers a member holds one on. */
export function relayStatus(node: PeerNode, watchdog: RelayWatchdog | undefined): RelayStatus {
  const server = node.services['relay'] as CircuitRelayService | undefined
  return { community: server !== undefined, slots: server?.reservations.size ?? 0, via: (watchdog?.reservedOn() ?? []).map((peerId) => ({ peerId: peerId as PeerIdString, name: null })) }
}
