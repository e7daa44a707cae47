/**
 * In-process peers for multi-peer tests: each is `createPeer` with its own temporary data
 * directory, listening on 127.0.0.1 only with mDNS off, so peers meet only through invite and
 * grant codes and never touch the real network. Tests reach `peer.repo` and `peer.node`
 * directly. `twoPeers()` and `threePeers()` build a space the usual way: the first peer
 * founds it, the others join with invite codes.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import type { DocumentId } from '@automerge/automerge-repo'
import { createPeer, type Peer, type PeerConfig } from '../../electron/peer/create-peer.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { AUDIT_FILE } from '../../electron/peer/consent/audit-log.ts'
import type { AuditEntry } from '../../shared/api/peer-api.ts'
import type { DocId, SpaceId } from '../../shared/ids.ts'
import type { CollectionRegistry } from '../../shared/collections/registry.ts'
import { removeDir, tempDataDir } from './cli-peer.ts'

export const LOOPBACK_ONLY = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false } as const

/** One structured log line a peer wrote (`t`, `level`, `component`, `msg` and the line's data). */
export type LogLine = Record<string, unknown> & { t: string; msg: string }

export interface TestPeer {
  readonly name: string
  readonly dataDir: string
  /** The running peer; replaced by `restart()`. */
  readonly peer: Peer
  readonly peerId: string
  /** Warnings and errors logged since the peer was first started (the sync adapter logs its link events as warnings). */
  readonly logs: LogLine[]
  stop(): Promise<void>
  /** Starts the peer again on the same data directory. */
  restart(): Promise<Peer>
}

export interface StartOptions {
  /**
   * A modified client, for playing a hostile peer: no connection gate, no consent hello, no
   * sync policy, and a repo that asks for and accepts every document, whatever its grants say.
   */
  hostile?: boolean
  /** The collections the peer knows, when a test registers its own. */
  collections?: CollectionRegistry
  /** The peer's clock, when a test moves time on (health snapshots) or holds it still. */
  now?: () => number
  /** Network settings over the loopback defaults: a community peer, a member with no address of its own (`listen: []`), bootstrap entries. */
  net?: Pick<PeerConfig, 'listen' | 'community' | 'bootstrap' | 'announce'>
}

/** Starts peers and, in `close()`, stops all of them and removes their data directories. */
export class Peers {
  readonly #all: TestPeer[] = []

  async start(name: string, opts: StartOptions = {}): Promise<TestPeer> {
    const dataDir = tempDataDir(`cw-${name.toLowerCase()}-`)
    const logs: LogLine[] = []
    const log = createLogger(LogLevel.Warn, name, (line) => { logs.push(JSON.parse(line) as LogLine) })
    const launch = async (): Promise<Peer> => {
      const p = await createPeer({ ...LOOPBACK_ONLY, listen: [...LOOPBACK_ONLY.listen], name, ...opts.net }, {
        dataDir, log, ...(opts.hostile === true ? { unenforcedForBenchmark: true } : {}),
        ...(opts.collections ? { collections: opts.collections } : {}), ...(opts.now ? { now: opts.now } : {}),
      })
      if (opts.hostile === true) {
        p.repo.shareConfig = { access: async () => true, announce: async () => true }
        p.repo.shareConfigChanged()
      }
      return p
    }
    let peer: Peer
    try {
      peer = await launch()
    } catch (err) {
      removeDir(dataDir)
      throw err
    }
    const tp: TestPeer = {
      name, dataDir, logs,
      get peer() { return peer },
      get peerId() { return peer.identity.peerIdString },
      stop: () => peer.stop(),
      restart: async () => (peer = await launch()),
    }
    this.#all.push(tp)
    return tp
  }

  /** Stops every peer (each even if another fails) and removes every data directory; never rejects. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#all.map((p) => p.stop()))
    for (const p of this.#all.splice(0)) removeDir(p.dataDir)
  }
}

export interface SharedSpace {
  spaceId: SpaceId
  /** The space's resources shard document (a small collection is one). */
  resourcesDoc: DocId
}

/** The founder creates a space; each member joins it with its own invite code. */
export async function foundSpace(founder: TestPeer, members: TestPeer[], name = 'Consent test space'): Promise<SharedSpace> {
  const { spaceId } = await founder.peer.api.createSpace({ name })
  // Collections are made when first used; the tests follow the resources document from the start.
  const resourcesDoc = await founder.peer.collections.openShard(spaceId, 'resources')
  for (const m of members) {
    const { code } = await founder.peer.api.createInvite({ spaceId })
    await m.peer.api.joinSpace({ code })
  }
  return { spaceId, resourcesDoc }
}

/** A founder and one member of a fresh space. */
export async function twoPeers(peers: Peers): Promise<{ a: TestPeer; b: TestPeer; space: SharedSpace }> {
  const a = await peers.start('A')
  const b = await peers.start('B')
  return { a, b, space: await foundSpace(a, [b]) }
}

/** A founder and two members of a fresh space. */
export async function threePeers(peers: Peers): Promise<{ a: TestPeer; b: TestPeer; c: TestPeer; space: SharedSpace }> {
  const a = await peers.start('A')
  const b = await peers.start('B')
  const c = await peers.start('C')
  return { a, b, c, space: await foundSpace(a, [b, c]) }
}

/** A peer's Automerge heads of a document, sorted; undefined when it holds no ready handle for it. */
export function headsOf(p: TestPeer, docId: DocId): string[] | undefined {
  const handle = p.peer.repo.handles[docId as unknown as DocumentId]
  return handle?.isReady() === true ? [...Automerge.getHeads(handle.doc())].sort() : undefined
}

/** True when the peer's copy of the document contains the change with this hash. */
export function holdsChange(p: TestPeer, docId: DocId, hash: string): boolean {
  const handle = p.peer.repo.handles[docId as unknown as DocumentId]
  return handle?.isReady() === true && Automerge.hasHeads(handle.doc(), [hash])
}

/**
 * True when `holder` has a connection to `other`. A dial that `other`'s connection gate refuses
 * can look open on the dialler's side for a moment (it finishes its half of the handshake
 * before the refusal closes the socket), so "who is cut off" is asked of the side that refuses.
 */
export function holdsConnection(holder: TestPeer, other: TestPeer): boolean {
  return holder.peer.node.getConnections(other.peer.node.peerId).length > 0
}

/** True when either peer has a connection to the other. */
export function connected(x: TestPeer, y: TestPeer): boolean {
  return holdsConnection(x, y) || holdsConnection(y, x)
}

/**
 * Every byte a peer has stored of a document: what its repo's storage returns (including
 * writes not yet in their own files) and the files on disk under the document's id.
 */
export async function storedBytes(p: TestPeer, docId: DocId): Promise<number> {
  const loaded = await p.peer.repo.storageSubsystem?.loadDocData(docId as unknown as DocumentId)
  let onDisk = 0
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else onDisk += (await readFile(path)).byteLength
    }
  }
  await walk(join(p.dataDir, 'automerge', docId.slice(0, 2), docId))
  return (loaded?.byteLength ?? 0) + onDisk
}

/** Every line of a peer's audit log file, all spaces included (the API shows one space's lines). */
export async function auditFile(p: TestPeer): Promise<AuditEntry[]> {
  const text = await readFile(join(p.dataDir, AUDIT_FILE), 'utf8').catch(() => '')
  return text.split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
    try {
      return [JSON.parse(l) as AuditEntry]
    } catch {
      return []
    }
  })
}

/**
 * A fixed observation window, the one kind of wait that is not a condition: checks `holds`
 * every 100 ms for `ms` and fails at the first moment it does not hold, saying what changed.
 */
export async function holdsFor(what: string, ms: number, holds: () => boolean | Promise<boolean>): Promise<void> {
  const start = Date.now()
  for (;;) {
    if (!(await holds())) throw new Error(`${what}: no longer true ${Date.now() - start} ms into a ${ms} ms observation window`)
    if (Date.now() - start >= ms) return
    await new Promise((r) => setTimeout(r, 100))
  }
}
