/**
 * S1's operations inside one bench worker process (worker.ts registers them). Ours is a real
 * Commonweave peer whose life S1 drives: it opens, founds or joins the space, then is reopened
 * alone (its memory of where the others listen removed, so it redials nobody) to write its third
 * of the documents, and meets the others again only when run.ts dials. The stock contender is
 * the worker's own stock repo (`init` in stock mode); the dial and the wait for every head are
 * the same code for both.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import type { DocumentId, PeerId as RepoPeerId, Repo } from '@automerge/automerge-repo'
import { multiaddr } from '@multiformats/multiaddr'
import { createPeer, type Peer, type PeerConfig } from '../../electron/peer/create-peer.ts'
import type { PeerNode } from '../../electron/peer/net/create-libp2p-node.ts'
import { NET_STATE_BACKUP, NET_STATE_FILE } from '../../electron/peer/net/net-state-file.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { seedRepo } from './stock-baselines.ts'
import { storedHeads } from '../helpers/stored-heads.ts'

type Heads = Record<string, string[]>
type Ops = Record<string, (a: Record<string, unknown>) => Promise<unknown>>

const now = (): number => performance.timeOrigin + performance.now()
const LISTEN = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false }

/** `fallback` is the worker's own repo and node (the stock contender) for when no S1 peer is open. */
export function s1Ops(fallback: { repo: () => Repo; node: () => PeerNode }): Ops {
  let peer: Peer | undefined
  let dir: string | undefined
  const repo = (): Repo => peer?.repo ?? fallback.repo()
  const node = (): PeerNode => peer?.node ?? fallback.node()
  const log = createLogger(process.env['BENCH_LOG'] === 'info' ? LogLevel.Info : LogLevel.Error)
  let config: PeerConfig = LISTEN
  const open = async (): Promise<{ peerId: string; addrs: string[] }> => {
    dir ??= mkdtempSync(join(tmpdir(), 'cw-bench-s1-'))
    peer = await createPeer(config, { dataDir: dir, log })
    return { peerId: peer.node.peerId.toString(), addrs: peer.addrs() }
  }
  return {
    /** Opens a Commonweave peer: on 127.0.0.1 unless `config` says otherwise (S14's community peer and members). */
    async s1Open(a) {
      config = { ...LISTEN, ...(a['config'] as PeerConfig | undefined) }
      return open()
    },
    async s1Found() {
      const space = await peer!.api.createSpace({ name: 'S1' })
      const invite = await peer!.api.createInvite({ spaceId: space.spaceId, uses: 2 })
      return { spaceId: space.spaceId, code: invite.code }
    },
    /** An invite made now, naming the addresses this peer has now. */
    async s1Invite(a) {
      return (await peer!.api.createInvite({ spaceId: a['spaceId'] as SpaceId })).code
    },
    /** Joins by invite; answers how long the join took (it returns once every document is on disk). */
    async s1Join(a) {
      const t0 = now()
      const space = await peer!.api.joinSpace({ code: String(a['code']), timeoutMs: 120_000 })
      return { spaceId: space.spaceId, ms: now() - t0 }
    },
    /** This peer's addresses once one of them contains `part` (a relay reservation's /p2p-circuit). */
    async s1AddrWith(a) {
      const part = String(a['part'])
      const end = Date.now() + Number(a['timeoutMs'] ?? 30_000)
      while (!node().getMultiaddrs().some((m) => m.toString().includes(part))) {
        if (Date.now() > end) throw new Error(`no address with ${part} after ${a['timeoutMs'] ?? 30_000} ms: ${node().getMultiaddrs().join(', ') || 'none'}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return node().getMultiaddrs().map(String)
    },
    /** Waits until this peer's consent knows every one of `peerIds` but itself (each holds a grant in a space here). */
    async s1AwaitKnown(a) {
      const others = (a['peerIds'] as string[]).filter((id) => id !== peer!.identity.peerIdString)
      const end = Date.now() + 30_000
      while (!others.every((id) => peer!.consent.knows(id))) {
        if (Date.now() > end) throw new Error(`still does not know ${others.filter((id) => !peer!.consent.knows(id)).join(', ')} after 30 s`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return true
    },
    /** Stops the peer, removes its memory of where the others listen, and opens it again, connected to no one. */
    async s1Alone() {
      await peer!.stop()
      for (const f of [NET_STATE_FILE, NET_STATE_BACKUP]) rmSync(join(dir!, f), { force: true })
      return open()
    },
    /** This peer's share of the corpus, written into the space and listed in its index, on disk before it answers. */
    async s1Write(a) {
      const ids = seedRepo(repo(), Number(a['docs']), Number(a['changes']), Number(a['from'] ?? 0))
      if (peer) await repo().flush(peer.index.register(a['spaceId'] as SpaceId, 'bench', ids))
      await repo().flush()
      return Object.fromEntries(ids.map((id) => [id, Automerge.getHeads(repo().handles[id as DocumentId]!.doc() as Automerge.Doc<unknown>)]))
    },
    async s1Connections() {
      return node().getConnections().length
    },
    /** Every open connection: to whom, and by what address (a relayed one contains /p2p-circuit). */
    async s1Routes() {
      return node().getConnections().map((c) => ({ peer: c.remotePeer.toString(), addr: c.remoteAddr.toString() }))
    },
    async s1Dial(a) {
      const conn = await node().dial(multiaddr(String(a['addr'])))
      return conn.remotePeer.toString() as RepoPeerId
    },
    /**
     * Answers the time at which this peer held every document of `heads` with exactly those heads.
     * Nothing is asked for by id: each system gets the documents its own way (ours by its index,
     * stock by announcing everything to every peer). A document once equal stays equal (nobody
     * writes during S1), so each is checked until it is, then no more.
     */
    async s1Converged(a) {
      // After a join the documents are on disk, not in memory: `find` loads them (S14's check).
      if (a['find']) await Promise.all(Object.keys(a['heads'] as Heads).map((id) => repo().find(id as DocumentId)))
      const want = new Map(Object.entries(a['heads'] as Heads).map(([id, h]) => [id, [...h].sort().join()]))
      // Ours only: when the space's index first listed every document (the rest is fetching them).
      const spaceId = a['spaceId'] as SpaceId | undefined
      let listedAt: number | null = null
      const end = Date.now() + Number(a['timeoutMs'] ?? 120_000)
      while (want.size > 0) {
        if (peer && spaceId && listedAt === null) {
          const listed = new Set<string>(peer.consent.spaces.docsOf(spaceId))
          if (Object.keys(a['heads'] as Heads).every((id) => listed.has(id))) listedAt = now()
        }
        const onDisk: string[] = []
        for (const [id, h] of want) {
          const handle = repo().handles[id as DocumentId]
          if (handle?.isReady() && Automerge.getHeads(handle.doc() as Automerge.Doc<unknown>).sort().join() === h) want.delete(id)
          else if (!handle && peer && spaceId) onDisk.push(id)
        }
        // Ours stores what a catch-up brings without loading it (loading would start its sync): its heads are read from disk.
        const stored = await Promise.all(onDisk.map(async (id) => [id, await storedHeads(peer!, id)] as const))
        for (const [id, h] of stored) if (want.get(id) === h) want.delete(id)
        if (want.size === 0) break
        if (Date.now() > end) throw new Error(`${want.size} documents still missing or behind after ${a['timeoutMs'] ?? 120_000} ms`)
        await new Promise((r) => setTimeout(r, 10))
      }
      return { at: now(), listedAt: listedAt ?? now() }
    },
    async s1Close() {
      await peer?.stop()
      peer = undefined
      if (dir) rmSync(dir, { recursive: true, force: true })
      return true
    },
  }
}
