/**
 * Finding each other again without mDNS. A peer remembers its own ports and the addresses its
 * fellow members listen on, in `net-state.json`, so that after a restart
 * - it listens on the same ports again (invite codes and other members' memories stay valid);
 * - it redials the members it knows, and keeps retrying those it is not connected to.
 * On a LAN mDNS does this on its own; this is for peers that met by address.
 *
 * Invariants: only peers sharing a space with us are remembered or redialled; an address is
 * remembered only as its owner announced it (identify), never a connection's source port.
 */
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { IdentifyResult } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { z } from 'zod'
import { writeFileDurable } from '../storage/durable-file.ts'
import { readDataFile, setAside } from '../storage/data-file.ts'
import type { Logger } from '../log.ts'
import { dialAddr, type PeerNode } from './create-libp2p-node.ts'

export const NET_STATE_FILE = 'net-state.json'
const REDIAL_EVERY_MS = 15_000
const MAX_PEERS = 256
const MAX_ADDRS = 8

const NetStateSchema = z.object({
  version: z.literal(1),
  /** a configured listen address with port 0 -> the same address with the port it got */
  listen: z.record(z.string(), z.string()),
  peers: z.record(z.string(), z.object({ addrs: z.array(z.string()).max(MAX_ADDRS), seen: z.string() })),
})
type NetState = z.infer<typeof NetStateSchema>

/**
 * The addresses to listen on: each configured address asking for any port (`/tcp/0`) gets
 * the port it had last time, if that port is still free.
 */
export async function rememberedListen(dataDir: string, configured: string[], log: Logger): Promise<string[]> {
  const state = await readNetState(dataDir, log)
  return Promise.all(configured.map(async (c) => {
    const bound = state.listen[c]
    return bound !== undefined && (await portIsFree(bound)) ? bound : c
  }))
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

/**
 * The address memory. A missing file is a first start; a damaged one is set aside and what it
 * held is logged as lost (it is only a memory: nothing else on disk holds those addresses); one
 * that cannot be read refuses the start, as it may well be intact.
 */
export async function readNetState(dataDir: string, log: Logger): Promise<NetState> {
  const path = join(dataDir, NET_STATE_FILE)
  const bytes = await readDataFile(path, 'this peer will listen on new ports and forget the addresses of the members it met by address')
  if (bytes === undefined) return { version: 1, listen: {}, peers: {} }
  let reason: string
  try {
    const parsed = NetStateSchema.safeParse(JSON.parse(bytes.toString('utf8')))
    if (parsed.success) return parsed.data
    reason = parsed.error.issues[0]?.message ?? 'bad shape'
  } catch (err) {
    reason = `not JSON: ${(err as Error).message}`
  }
  const keptAs = await setAside(path)
  log.warn(`${path} was damaged (${reason}): set aside. Lost: the ports this peer listened on and the addresses of the members it met by address. ` +
    'It listens on new ports; members it cannot find again by mDNS reach it when one of them is given its new address (a new invite or grant code carries it).',
  { file: path, damagedFileKeptAs: keptAs })
  return { version: 1, listen: {}, peers: {} }
}

export class PeerMemory {
  readonly #node: PeerNode
  readonly #dataDir: string
  readonly #isFellow: (peerId: string) => boolean
  readonly #log: Logger
  #state: NetState = { version: 1, listen: {}, peers: {} }
  #timer: ReturnType<typeof setInterval> | undefined
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
    this.#timer = setInterval(() => this.redial(), REDIAL_EVERY_MS)
    this.#timer.unref?.()
    this.redial()
  }

  /** Remembers connected fellows we know no address of yet (a member admitted after identify ran). */
  async refresh(): Promise<void> {
    for (const conn of this.#node.getConnections()) {
      const id = conn.remotePeer.toString()
      if (this.#state.peers[id] || !this.#isFellow(id)) continue
      const peer = await this.#node.peerStore.get(conn.remotePeer).catch(() => undefined)
      if (peer) this.remember(id, peer.addresses.map((a) => a.multiaddr.toString()))
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#node.removeEventListener('peer:identify', this.#onIdentify)
    await this.#saving
  }

  /** Remembers where a peer can be reached (e.g. the inviter, from the invite's addresses). */
  remember(peerId: string, addrs: string[]): void {
    const usable = addrs.filter((a) => !a.includes('/p2p-circuit')).slice(0, MAX_ADDRS)
    if (usable.length === 0) return
    this.#state.peers[peerId] = { addrs: usable, seen: new Date().toISOString() }
    const ids = Object.keys(this.#state.peers)
    if (ids.length > MAX_PEERS) {
      ids.sort((a, b) => this.#state.peers[a]!.seen.localeCompare(this.#state.peers[b]!.seen))
      for (const id of ids.slice(0, ids.length - MAX_PEERS)) delete this.#state.peers[id]
    }
    this.#save()
  }

  /** Dials every remembered fellow member we are not connected to. */
  redial(): void {
    for (const [id, { addrs }] of Object.entries(this.#state.peers)) {
      if (!this.#isFellow(id)) continue
      let peer
      try {
        peer = peerIdFromString(id)
      } catch {
        continue
      }
      if (this.#node.getConnections(peer).length > 0) continue
      const targets = addrs.flatMap((a) => {
        try {
          return [dialAddr(a, id)]
        } catch {
          return []
        }
      })
      if (targets.length === 0) continue
      this.#node.dial(targets, { signal: AbortSignal.timeout(10_000) }).catch((err: unknown) => {
        this.#log.debug('remembered peer not reachable', { peer: id, error: String(err) })
      })
    }
  }

  readonly #onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const id = evt.detail.peerId.toString()
    if (!this.#isFellow(id)) return
    this.remember(id, evt.detail.listenAddrs.map((a) => a.toString()))
  }

  #save(): void {
    if (this.#dirty) return
    this.#dirty = true
    this.#saving = this.#saving.then(async () => {
      this.#dirty = false
      await writeFileDurable(join(this.#dataDir, NET_STATE_FILE), JSON.stringify(this.#state, null, 2) + '\n')
    }).catch((err: unknown) => this.#log.warn('could not save the address memory', { error: String(err) }))
  }
}
