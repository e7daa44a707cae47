/**
 * The one composition root: the only place that knows which transport, storage and policy a
 * peer uses. The CLI daemon, the Electron utility process, the tests and the benches all
 * build a peer here.
 */
import { chmod, mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import * as Automerge from '@automerge/automerge'
import { Repo, type DocumentId, type PeerId as RepoPeerId } from '@automerge/automerge-repo'
import type { Connection } from '@libp2p/interface'
import type { Did, PeerIdString, SpaceId } from '../../shared/ids.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { PeerApi, PeerInfo, StatusInfo } from '../../shared/api/peer-api.ts'
import { PeerLink } from '../../shared/api/peer-api.ts'
import { acquireDataDirLock, type DataDirLock } from './identity/data-dir-lock.ts'
import { loadOrCreateIdentity, type Identity } from './identity/identity.ts'
import { createLibp2pNode, DEFAULT_LISTEN, dialAddr, dialDiscoveredPeers, type NetConfig, type PeerNode } from './net/create-libp2p-node.ts'
import { PeerMemory, rememberedListen } from './net/peer-memory.ts'
import { JournaledStorage } from './sync/journaled-storage.ts'
import { Libp2pNetworkAdapter } from './sync/libp2p-network-adapter.ts'
import { KnownRemoteHeads } from './sync/known-remote-heads.ts'
import { LocalState } from './domain/local-state.ts'
import { Membership } from './domain/membership.ts'
import { Spaces } from './domain/spaces.ts'
import { Resources } from './domain/resources.ts'
import { JoinProtocol } from './domain/join-protocol.ts'
import { PeerEventHub } from './events.ts'
import { AuditLog } from './grants/audit-log.ts'
import { GrantLog } from './grants/grant-log.ts'
import { GrantService } from './grants/grant-service.ts'
import { HelloProtocol } from './grants/hello-protocol.ts'
import { platformCrypto } from './grants/native-crypto.ts'
import { Enforcement } from './grants/sync-policy.ts'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Logger } from './log.ts'

export interface PeerConfig extends NetConfig {
  /** Display name used when the identity is first created. */
  name?: string
}

export interface PeerDeps {
  dataDir: string
  log: Logger
  now?: () => number
  /**
   * Turns the sync layer's enforcement machinery off (no connection gate, no hello before sync,
   * no write filter, no audit of what is sent); read decisions still come from the grants, so a
   * join behaves the same. Only for the benchmark that measures what enforcement costs; never
   * reachable from the CLI or UI.
   */
  unenforcedForBenchmark?: boolean
}

export interface Peer {
  readonly identity: Identity
  readonly node: PeerNode
  readonly repo: Repo
  readonly api: PeerApi
  readonly events: PeerEventHub
  addrs(): string[]
  /** Stops networking, flushes every document to disk, releases the data-directory lock. Safe to call twice; runs every step, then rejects if any failed. */
  stop(): Promise<void>
}

export async function createPeer(cfg: PeerConfig, deps: PeerDeps): Promise<Peer> {
  const now = deps.now ?? Date.now
  const log = deps.log
  await mkdir(deps.dataDir, { recursive: true, mode: 0o700 })
  // The data directory holds the identity key and the community's data: this user's only.
  if (process.platform !== 'win32' && ((await stat(deps.dataDir)).mode & 0o077) !== 0) await chmod(deps.dataDir, 0o700)
  const lock = await acquireDataDirLock(deps.dataDir)
  try {
    return await assemble(cfg, deps, lock, now, log)
  } catch (err) {
    await lock.release()
    throw err
  }
}

async function assemble(cfg: PeerConfig, deps: PeerDeps, lock: DataDirLock, now: () => number, log: Logger): Promise<Peer> {
  const { identity } = await loadOrCreateIdentity(deps.dataDir, cfg.name)
  warmUpAutomerge()
  const enforce = deps.unenforcedForBenchmark !== true
  const crypto = platformCrypto()
  const state = await LocalState.open(deps.dataDir)
  const grantLog = await GrantLog.open(deps.dataDir, log.child('consent'))
  const audit = await AuditLog.open(deps.dataDir, log.child('audit'))
  const membership: Membership = new Membership({ shareConfigChanged: () => repo.shareConfigChanged(), log: log.child('membership'), state, grantLog, crypto, now })
  const enforcement = new Enforcement({ membership, state, audit, log: log.child('consent'), now, trusted: bootstrapPeers(cfg.bootstrap) })
  const configuredListen = cfg.listen ?? DEFAULT_LISTEN
  const node = await createLibp2pNode(identity.privateKey, { ...cfg, listen: await rememberedListen(deps.dataDir, configuredListen) }, enforce ? enforcement.gater : undefined)
  const adapter = new Libp2pNetworkAdapter({
    node,
    peerIdMode: 'authenticated',
    log: (event, data) => log.child('sync').warn(event, data),
    ...(enforce ? { policy: enforcement.policy } : {}),
  })
  const storage = new JournaledStorage(join(deps.dataDir, 'automerge'), join(deps.dataDir, 'automerge-journal'),
    (err) => log.error('writing a joined space to its own files failed; it stays safe in the journal and is retried at the next start', { error: String(err) }))
  const recovered = await storage.recover()
  if (recovered.replayed + recovered.dropped + recovered.tempFiles > 0) log.info('recovered from an interrupted run', recovered)
  const knownHeads = new KnownRemoteHeads(() => repo.shareConfigChanged())
  const mayRead = (peer: string, doc: string): boolean => membership.mayRead(peer, doc)
  const repo = new Repo({
    peerId: identity.peerIdString as unknown as RepoPeerId,
    storage,
    network: [adapter],
    isEphemeral: false,
    shareConfig: {
      access: async (peer, doc) => mayRead(peer, doc),
      announce: async (peer, doc) => doc !== undefined && mayRead(peer, doc) && !knownHeads.holds(peer, doc),
    },
  })
  const addrs = (): string[] => node.getMultiaddrs().map((a) => a.toString())
  const memory = new PeerMemory(node, deps.dataDir, (peer) => membership.spacesOf(peer).length > 0, log.child('net'))
  const reach = (peerId: string, at: string[]): void => {
    enforcement.expect(peerId)
    memory.remember(peerId, at)
    for (const a of at) {
      node.dial(dialAddr(a, peerId)).then(() => {}, (err: unknown) => log.child('net').debug('dial failed', { peer: peerId, addr: a, error: String(err) }))
    }
  }
  const grants = new GrantService({ repo, identity, membership, state, audit, crypto, log: log.child('consent'), now, addrs, reach })
  const spaces = new Spaces({ repo, identity, state, membership, now, standing: (id) => grants.standing(id) })
  const resources = new Resources({ repo, identity, spaces, log: log.child('resources'), now })
  const events = new PeerEventHub()
  const hello = new HelloProtocol({ node, membership, state, audit, crypto, myDid: identity.did, log: log.child('hello'), onGuestSpace: (spaceId) => events.emit('space:changed', { spaceId }) })
  if (enforce) enforcement.attach(node, hello, adapter)
  const joins = new JoinProtocol({
    node, repo, storage, knownHeads, identity, state, membership, spaces, grants, log: log.child('join'), now, mdns: cfg.mdns !== false,
    remember: (peer, at) => memory.remember(peer, at),
    expect: (peer) => enforcement.expect(peer),
  })
  const startedAt = new Date(now()).toISOString()

  const onOpen = (evt: CustomEvent<Connection>): void => {
    events.emit('peer:connect', { peerId: evt.detail.remotePeer.toString() as PeerIdString, addr: evt.detail.remoteAddr.toString() })
  }
  const onClose = (evt: CustomEvent<Connection>): void => {
    if (node.getConnections(evt.detail.remotePeer).length > 0) return
    knownHeads.forgetPeer(evt.detail.remotePeer.toString())
    events.emit('peer:disconnect', { peerId: evt.detail.remotePeer.toString() as PeerIdString })
  }
  // What start-up has set running, undone by stop() (which also runs if start-up fails half-way).
  let stopDialling: (() => void) | undefined
  let stopRemembering: (() => void) | undefined
  let stopMembershipEvents: (() => void) | undefined
  let resourceWatch: (() => void) | undefined
  let stopConsentEvents: (() => void) | undefined
  let stopFetchingNew: (() => void) | undefined
  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopped ??= runAll([
      () => grants.stop(),
      () => stopConsentEvents?.(),
      () => enforcement.detach(),
      () => hello.stop(),
      () => joins.stop(),
      () => stopDialling?.(),
      () => stopRemembering?.(),
      () => memory.stop(),
      () => resourceWatch?.(),
      () => stopFetchingNew?.(),
      () => stopMembershipEvents?.(),
      () => node.removeEventListener('connection:open', onOpen),
      () => node.removeEventListener('connection:close', onClose),
      () => repo.flush(),
      () => repo.shutdown(),
      () => storage.drain(),
      () => node.stop(),
      () => membership.stop(),
      () => knownHeads.clear(),
      () => audit.close(),
      () => grantLog.close(),
      () => lock.release(),
    ], log)
    return stopped
  }

  try {
    await spaces.loadAll((msg, data) => log.error(msg, data))
    for (const [id, guest] of Object.entries(state.guests)) membership.trackGuest(id as SpaceId, guest)
    if (enforce) {
      const stopEnforcing = membership.onChange((spaceId) => enforcement.consentChanged(spaceId))
      const stopDiallingGranted = dialNewlyGranted(node, membership, log.child('net'))
      stopConsentEvents = () => { stopEnforcing(); stopDiallingGranted() }
    }
    await joins.start()
    if (enforce) await hello.start()
    try {
      await node.start()
    } catch (err) {
      throw listenError(err, cfg.listen)
    }
    stopDialling = dialDiscoveredPeers(node, (msg, data) => log.child('net').debug(msg, data))
    await memory.start(configuredListen)
    stopRemembering = membership.onChange(() => void memory.refresh())
    node.addEventListener('connection:open', onOpen)
    node.addEventListener('connection:close', onClose)
    stopMembershipEvents = membership.onChange((spaceId) => events.emit('space:changed', { spaceId }))
    resourceWatch = watchResources(repo, membership, spaces, events, log)
    stopFetchingNew = fetchNewlyIndexed(repo, membership, log)
    grants.start()
  } catch (err) {
    await stop().catch(() => {})
    throw err
  }

  const api: PeerApi = {
    async status(): Promise<StatusInfo> {
      return {
        did: identity.did, peerId: identity.peerIdString, name: identity.name, addrs: addrs(), api: null,
        mdns: cfg.mdns !== false, connections: node.getConnections().length, spaces: membership.spaceIds().length,
        documents: Object.keys(repo.handles).length, startedAt,
      }
    },
    async peers(): Promise<PeerInfo[]> {
      return node.getConnections().map((c) => toPeerInfo(c, membership))
    },
    createSpace: async (input) => spaces.create(input?.name),
    listSpaces: async () => spaces.list(),
    createInvite: async (input) => joins.createInvite(input.spaceId, input.expiresInSeconds),
    joinSpace: async (input, signal) => joins.join(String(input?.code ?? ''), input?.timeoutMs, signal),
    addResource: async (input) => {
      const { spaceId, ...rest } = input
      return resources.add(spaceId, rest)
    },
    listResources: async (input) => resources.list(input.spaceId),
    whoami: async () => ({
      did: identity.did, peerId: identity.peerIdString, name: identity.name,
      spaces: spaces.list().map((s) => ({ spaceId: s.spaceId, name: s.name, role: s.role, access: s.access })),
    }),
    createGrant: async (input) => grants.create(input),
    acceptGrant: async (input) => spaces.summary(await grants.accept(input.code)),
    revokeGrant: async (input) => grants.revoke(input.grantId),
    listGrants: async (input) => grants.list(input.spaceId),
    audit: async (input) => {
      spaces.summary(input.spaceId)
      await audit.flush()
      return audit.read(input.spaceId)
    },
  }

  return { identity, node, repo, api, events, addrs, stop }
}

/** Emits `resources:changed` whenever a resources collection document changes, loading each one once. */
function watchResources(repo: Repo, membership: Membership, spaces: Spaces, events: PeerEventHub, log: Logger): () => void {
  const watched = new Map<string, () => void>()
  let stopped = false
  const sync = (): void => {
    for (const spaceId of membership.spaceIds()) {
      // A guest asks for every document its grant covers; a member's arrive with its space.
      const guest = membership.guest(spaceId)
      const wanted = guest ? Object.values(guest.collections).flat() : spaces.collection(spaceId, 'resources')
      for (const docId of wanted) {
        if (watched.has(docId)) continue
        watched.set(docId, () => {})
        repo.find(docId as unknown as DocumentId).then((handle) => {
          if (stopped) return
          const onChange = (): void => events.emit('resources:changed', { spaceId })
          handle.on('change', onChange)
          watched.set(docId, () => handle.off('change', onChange))
        }, (err: unknown) => {
          watched.delete(docId)
          log.debug('resources document not available yet', { spaceId, docId, error: String(err) })
        })
      }
    }
  }
  const unsub = membership.onChange(sync)
  sync()
  return () => {
    stopped = true
    unsub()
    for (const off of watched.values()) off()
  }
}

/**
 * Dials peers that libp2p discovered (mDNS) while the gate still refused them, once they hold a
 * grant here: libp2p reports a discovered peer only once, so without this two members who met
 * on the LAN before their grants reached each other would stay apart.
 */
function dialNewlyGranted(node: PeerNode, membership: Membership, log: Logger): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = async (): Promise<void> => {
    for (const peer of await node.peerStore.all()) {
      if (peer.id.equals(node.peerId) || peer.addresses.length === 0 || node.getConnections(peer.id).length > 0) continue
      if (!membership.knows(peer.id.toString())) continue
      node.dial(peer.id).then(() => {}, (err: unknown) => log.debug('dial of a newly granted peer failed', { peer: peer.id.toString(), error: String(err) }))
    }
  }
  const unsub = membership.onChange(() => {
    clearTimeout(timer)
    timer = setTimeout(() => { void run().catch((err: unknown) => log.debug('redial failed', { error: String(err) })) }, 200)
    timer.unref?.()
  })
  return () => {
    clearTimeout(timer)
    unsub()
  }
}

/**
 * Asks for a document a space newly lists and this peer does not have. A member that hears of a
 * document before the index listing it has arrived refuses it (it is not yet in any space it
 * knows), and nothing offers it again; once the index is here, this asks the peers that may
 * have it. Documents already listed at first sight of a space are left alone: they came with the
 * join, and are loaded only when used.
 */
function fetchNewlyIndexed(repo: Repo, membership: Membership, log: Logger): () => void {
  const seen = new Map<SpaceId, Set<string>>()
  let stopped = false
  const check = (spaceId: SpaceId): void => {
    const docs = membership.docsOf(spaceId)
    const known = seen.get(spaceId)
    seen.set(spaceId, new Set(docs))
    if (!known || membership.guest(spaceId)) return
    for (const docId of docs) {
      if (known.has(docId) || repo.handles[docId as unknown as DocumentId]) continue
      repo.find(docId as unknown as DocumentId, { signal: AbortSignal.timeout(60_000) }).catch((err: unknown) => {
        if (!stopped) log.debug('a newly listed document is not available yet', { spaceId, docId, error: String(err) })
      })
    }
  }
  for (const id of membership.spaceIds()) check(id)
  const unsub = membership.onChange(check)
  return () => {
    stopped = true
    unsub()
  }
}

/** Peer ids named in bootstrap multiaddrs: always let through the gate. */
function bootstrapPeers(list: string[] | undefined): Set<string> {
  const out = new Set<string>()
  for (const a of list ?? []) {
    const id = /\/p2p\/([^/]+)/.exec(a)?.[1]
    if (id) {
      try {
        out.add(peerIdFromString(id).toString())
      } catch { /* not a peer id: the dial will say so */ }
    }
  }
  return out
}

function toPeerInfo(c: Connection, membership: Membership): PeerInfo {
  const addr = c.remoteAddr.toString()
  return {
    peerId: c.remotePeer.toString() as PeerIdString,
    did: (membership.didOf(c.remotePeer.toString()) ?? '') as Did,
    name: membership.nameOf(c.remotePeer.toString()) ?? null,
    addr,
    direction: c.direction,
    link: addr.includes('/p2p-circuit') ? PeerLink.Relay : isLanAddr(addr) ? PeerLink.Lan : PeerLink.Direct,
    since: new Date(c.timeline.open).toISOString(),
    spaces: membership.spacesOf(c.remotePeer.toString()) as SpaceId[],
  }
}

function isLanAddr(addr: string): boolean {
  return /\/ip4\/(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|169\.254\.)/.test(addr) || /\/ip6\/(fe80|fc|fd|::1)/i.test(addr)
}

/**
 * Automerge's WebAssembly and its JS glue compile lazily, on first use of each path: the first
 * load of a document with a long list costs ~80 ms here, the next ~20 ms. Pay that at start-up
 * with a small document of the same shapes, not in the middle of the first sync, where it
 * would stall the event loop.
 */
function warmUpAutomerge(): void {
  const ids = Array.from({ length: 64 }, (_, i) => `warm-up-document-id-${i}`)
  const doc = Automerge.change(Automerge.from<{ m: Record<string, string>; l: string[] }>({ m: { a: 'b' }, l: [] }), (d) => { d.l.push(...ids) })
  const bytes = Automerge.save(doc)
  Automerge.load(bytes)
  Automerge.loadIncremental(Automerge.init(), bytes)
}

/** A listen failure as an error a person can act on. */
function listenError(err: unknown, listen: string[] | undefined): unknown {
  const text = String((err as Error)?.message ?? err)
  if (/EADDRINUSE|address already in use/i.test(text)) {
    return new CommonweaveError(ErrorCode.AddressInUse, `Could not listen on ${listen?.join(', ') ?? 'the default addresses'}: the port is in use. Stop the other program, or pick another --listen port.`)
  }
  if (/EADDRNOTAVAIL|cannot assign/i.test(text)) {
    return new CommonweaveError(ErrorCode.ValidationFailed, `Could not listen on ${listen?.join(', ') ?? 'the default addresses'}: this machine has no such address.`)
  }
  return err
}

/** Runs every step even when one fails, so a failing step never leaves the store unflushed; then reports the failures. */
async function runAll(steps: Array<() => unknown>, log: Logger): Promise<void> {
  const failures: unknown[] = []
  for (const step of steps) {
    try {
      await step()
    } catch (err) {
      failures.push(err)
      log.error('shutdown step failed', { error: String(err) })
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} shutdown step(s) failed`)
}
