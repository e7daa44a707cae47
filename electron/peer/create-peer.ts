/**
 * The one composition root: the only place that knows which transport, storage and policy a
 * peer uses. The CLI daemon, the Electron utility process, the tests and the benches all
 * build a peer here. It wires the parts and starts them; what each part does lives in its
 * folder (net, sync, consent, domain, api).
 */
import { chmod, mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Repo, type PeerId as RepoPeerId } from '@automerge/automerge-repo'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Did, SpaceId } from '../../shared/ids.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { defaultRegistry, type CollectionRegistry } from '../../shared/collections/registry.ts'
import { acquireDataDirLock } from './identity/data-dir-lock.ts'
import { loadOrCreateIdentity, setIdentityName, type Identity, type IdentityOptions } from './identity/identity.ts'
import { createLibp2pNode, DEFAULT_LISTEN, dialAddr, dialDiscoveredPeers, listenError, type NetConfig, type PeerNode } from './net/create-libp2p-node.ts'
import { bootstrapPeers, dialNewlyGranted } from './net/dial-granted.ts'
import { PeerMemory, rememberedNet } from './net/peer-memory.ts'
import { RelayWatchdog, freeRelaySlots, relayStatus } from './net/relay-watchdog.ts'
import { forwardConnectionEvents } from './net/connection-events.ts'
import { JournaledStorage } from './sync/journaled-storage.ts'
import { diskFullError, isDiskFull } from './storage/data-file.ts'
import { Libp2pNetworkAdapter } from './sync/libp2p-network-adapter.ts'
import { WindowSyncAdapter, type WindowSync } from './sync/window-sync-adapter.ts'
import { windowAccess } from './consent/window-access.ts'
import { isWindowPeer } from '../../shared/api/doc-sync-wire.ts'
import { KnownRemoteHeads } from './sync/known-remote-heads.ts'
import { warmUpAutomerge } from './sync/warm-up.ts'
import { AuditLog } from './consent/audit-log.ts'
import { Consent } from './consent/consent.ts'
import { ConsentGate } from './consent/gate.ts'
import { GrantLog } from './consent/grant-log.ts'
import { HelloProtocol } from './consent/hello.ts'
import { platformCrypto } from './consent/native-crypto.ts'
import { KeyVetting } from './consent/key-vetting.ts'
import { publicKeyFromDid } from '../../shared/grants/did-key.ts'
import { isAcceptableKey } from '../../shared/grants/signature.ts'
import { syncGuard } from './consent/sync-guard.ts'
import { CollectionStore } from './domain/collection-store.ts'
import { fetchNewlyIndexed } from './domain/fetch-indexed.ts'
import { GrantService } from './domain/grant-service.ts'
import { IndexWriter } from './domain/index-writer.ts'
import { JoinProtocol } from './domain/join-protocol.ts'
import { CatchUp } from './domain/catch-up.ts'
import { LocalState } from './domain/local-state.ts'
import { rebuildFromDocuments } from './domain/local-state-recovery.ts'
import { Membership } from './domain/membership.ts'
import { Resources } from './domain/resources.ts'
import { Pools } from './domain/pools.ts'
import { Bookings } from './domain/bookings.ts'
import { Decisions } from './domain/decisions.ts'
import { DecisionClock } from './domain/decision-clock.ts'
import { DecisionImport } from './domain/decision-import.ts'
import { SpaceCache } from './domain/space-cache.ts'
import { Spaces } from './domain/spaces.ts'
import { Members } from './domain/members.ts'
import { SpaceArchive } from './domain/space-archive.ts'
import { SearchIndex } from './domain/search-index.ts'
import { PageCatalog } from './domain/page-catalog.ts'
import { Pages } from './domain/pages.ts'
import { MapService } from './domain/map-service.ts'
import { InsightService } from './domain/insight-service.ts'
import { bindApi } from './api/call.ts'
import { collectionHandlers } from './api/handlers/collections.ts'
import { resourceHandlers } from './api/handlers/resources.ts'
import { decisionHandlers } from './api/handlers/decisions.ts'
import { searchHandlers } from './api/handlers/search.ts'
import { pageHandlers } from './api/handlers/pages.ts'
import { mapHandlers } from './api/handlers/map.ts'
import { insightHandlers } from './api/handlers/insight.ts'
import { agentHandlers } from './api/handlers/agents.ts'
import { Agents } from './agents/agents.ts'
import { peerMetrics } from './domain/map-metrics.ts'
import { decisions as decisionsCollection } from '../../shared/collections/decisions.ts'
import { pages as pagesCollection } from '../../shared/collections/pages.ts'
import { agentSpaceResolver, spaceResolver } from './api/space-ref.ts'
import { MemberRole } from '../../shared/schemas/space.ts'
import { consentHandlers } from './api/handlers/consent.ts'
import { peerHandlers } from './api/handlers/peer.ts'
import { spaceHandlers } from './api/handlers/spaces.ts'
import { backupHandlers, memberHandlers } from './api/handlers/members.ts'
import { permissionCheck } from './api/permission.ts'
import { PeerEventHub } from './events.ts'
import { Lifecycle } from './lifecycle.ts'
import { countExternalMemoryInHeapLimit } from './heap-policy.ts'
import type { Logger } from './log.ts'

export interface PeerConfig extends NetConfig {
  /** Display name used when the identity is first created. */
  name?: string
  /**
   * No network at all: nothing listens, nothing is dialled, no grant is renewed. For commands
   * that work on a stopped peer's data directory (export, import).
   */
  offline?: boolean
  /** Make a new identity where identity.json is missing from a used data directory: starting afresh on purpose. */
  newIdentity?: boolean
}

export interface PeerDeps {
  dataDir: string
  log: Logger
  now?: () => number
  /** The kinds of shared data this peer knows; the default registry unless a test adds its own. */
  collections?: CollectionRegistry
  /**
   * Turns the sync layer's enforcement machinery off (no connection gate, no hello before sync,
   * no write filter, no audit of what is sent); read decisions still come from the grants, so a
   * join behaves the same. Only for the benchmark that measures what enforcement costs; never
   * reachable from the CLI or UI.
   */
  unenforcedForBenchmark?: boolean
  /** How to get the passphrase of a wrapped identity key, and whether a new key is wrapped with it. */
  unlock?: Pick<IdentityOptions, 'passphrase' | 'wrapNew'>
}

export interface Peer {
  readonly identity: Identity
  readonly node: PeerNode
  readonly repo: Repo
  /** The owner's API: every call passes the one permission check, as the owner. */
  readonly api: PeerApi
  readonly events: PeerEventHub
  /** The parts tests and benches reach into. */
  readonly consent: Consent
  readonly membership: Membership
  readonly collections: CollectionStore
  readonly index: IndexWriter
  readonly storage: Pick<JournaledStorage, 'holds' | 'loadRange'>
  /** Agents' API tokens: the API bound to each agent, for the local API server. */
  readonly agents: Pick<Agents, 'byToken'>
  /** The app's own windows connect here to hold live page documents (local API `/v1/sync`, Electron IPC). */
  readonly windows: WindowSync
  addrs(): string[]
  /** Stops networking, flushes every document to disk, releases the data-directory lock. Safe to call twice; runs every step, then rejects if any failed. */
  stop(): Promise<void>
}

export async function createPeer(cfg: PeerConfig, deps: PeerDeps): Promise<Peer> {
  // A peer holds thousands of Automerge documents: without this, V8's collector thrashes (see heap-policy.ts).
  countExternalMemoryInHeapLimit()
  await mkdir(deps.dataDir, { recursive: true, mode: 0o700 })
  // The data directory holds the identity key and the community's data: this user's only.
  if (process.platform !== 'win32' && ((await stat(deps.dataDir)).mode & 0o077) !== 0) await chmod(deps.dataDir, 0o700)
  const lock = await acquireDataDirLock(deps.dataDir)
  const life = new Lifecycle(deps.log)
  life.onStop('data-directory lock', () => lock.release())
  try {
    return await assemble(cfg, deps, life)
  } catch (err) {
    await life.stop().catch(() => {})
    throw err
  }
}

async function assemble(cfg: PeerConfig, deps: PeerDeps, life: Lifecycle): Promise<Peer> {
  const now = deps.now ?? Date.now
  const log = deps.log
  const registry = deps.collections ?? defaultRegistry()
  const { identity } = await loadOrCreateIdentity(deps.dataDir, {
    ...deps.unlock, ...(cfg.name !== undefined ? { name: cfg.name } : {}), ...(cfg.newIdentity ? { newIdentity: true } : {}),
  })
  const me = identity.did
  const enforce = deps.unenforcedForBenchmark !== true
  const crypto = platformCrypto()

  // The documents first: what this peer keeps for itself is rebuilt from them when it is lost.
  const automergeDir = join(deps.dataDir, 'automerge')
  const storage = new JournaledStorage(automergeDir, join(deps.dataDir, 'automerge-journal'),
    (err) => log.error('writing a joined space to its own files failed; it stays safe in the journal and is retried at the next start', { error: String(err) }),
    (damage) => log.error('a stored piece of a document is damaged: set aside, not loaded; the document is loaded from its other pieces and asked of peers', { ...damage }))
  const recovered = await storage.recover()
  if (recovered.replayed + recovered.dropped > 0) log.info('recovered from an interrupted run', recovered)
  const newStorageId = await storage.checkStorageId()
  if (newStorageId) log.warn('the store\'s id was damaged: set aside, a new one is made; peers sync this peer\'s documents once from the start', newStorageId)

  // Consent: what this peer knows of grants, and who may connect and sync.
  const state = await LocalState.open(deps.dataDir, rebuildFromDocuments({ storage, automergeDir, me, log: log.child('spaces') }))
  const grantLog = await GrantLog.open(deps.dataDir, log.child('consent'))
  life.onStop('consent log', () => grantLog.close())
  const audit = await AuditLog.open(deps.dataDir, log.child('audit'))
  life.onStop('audit log', () => audit.close())
  let shareConfigChanged = (): void => {}
  const consent = new Consent({ shareConfigChanged: () => shareConfigChanged(), log: log.child('consent'), grantLog, crypto, now })
  life.onStop('consent', () => consent.stop())
  // Network and sync. Community peers met before are bootstrap entries too (a member who joined by an invite finds its own again).
  const offline = cfg.offline === true
  const configuredListen = offline ? [] : cfg.listen ?? DEFAULT_LISTEN
  const netCfg = offline ? { listen: [], mdns: false, bootstrap: [] } : await rememberedNet(cfg, deps.dataDir, configuredListen, log.child('net'))
  // Only configured bootstrap peers are trusted at the gate; community peers remembered from before are dialled, and let in while they hold a grant.
  const [bootstrapIds, trusted] = [netCfg.bootstrap, cfg.bootstrap].map((list) => bootstrapPeers(list, (id) => peerIdFromString(id).toString())) as [Set<string>, Set<string>]
  const gate = new ConsentGate({ consent, openInvites: (sec) => state.openInviteSpaces(sec), audit, log: log.child('consent'), now, trusted, community: cfg.community === true })
  const node = await createLibp2pNode(identity.privateKey, netCfg, enforce ? gate.gater : undefined)
  life.onStop('libp2p', () => node.stop())
  const hello = new HelloProtocol({
    node, consent, guests: state, audit, crypto, myDid: me, log: log.child('hello'),
    onGuestSpace: (spaceId) => events.emit('space:changed', { spaceId }),
  })
  const adapter = new Libp2pNetworkAdapter({
    node,
    peerIdMode: 'authenticated',
    log: (event, data) => log.child('sync').warn(event, data),
    ...(enforce ? { policy: syncGuard({ consent, helloReceived: (peer) => hello.received(peer), audit, log: log.child('consent') }) } : {}),
  })
  // When each peer last sent a sync message here: "last synced" in Peers and sync.
  const lastHeard = new Map<string, number>()
  const onSyncMessage = (m: { senderId: unknown }): void => void lastHeard.set(String(m.senderId), Date.now())
  adapter.on('message', onSyncMessage)
  life.onStop('last-heard', () => adapter.off('message', onSyncMessage))
  const knownHeads = new KnownRemoteHeads(() => repo.shareConfigChanged())
  life.onStop('known heads', () => knownHeads.clear())
  // Last of all: what is under way finishes; nothing is written after the peer has stopped.
  life.onStop('storage', () => storage.close())
  // This peer's own windows: page documents only, as this peer may read and write them; never announced to.
  const windowPolicy = windowAccess({ consent, me, log: log.child('windows'), collection: pagesCollection.name })
  const windows = new WindowSyncAdapter(windowPolicy, (event, data) => log.child('windows').debug(event, data))
  const repo: Repo = new Repo({
    peerId: identity.peerIdString as unknown as RepoPeerId,
    storage,
    network: [adapter, windows],
    isEphemeral: false,
    shareConfig: {
      access: async (peer, doc) => (isWindowPeer(peer) ? windowPolicy.access(doc) !== 'none' : consent.mayRead(peer, doc)),
      announce: async (peer, doc) => !isWindowPeer(peer) && doc !== undefined && consent.mayRead(peer, doc) && !knownHeads.holds(peer, doc) && !catchUp.awaited(peer, doc),
    },
  })
  shareConfigChanged = () => repo.shareConfigChanged()

  // The domain: spaces, their documents, collections, grants as this peer acts on them.
  const cache = new SpaceCache(deps.dataDir, log.child('spaces'))
  const membership = new Membership({ repo, consent, state, cache, me, log: log.child('membership'), now })
  life.onStop('membership', () => membership.stop())
  life.onStop('space cache', () => cache.flush())
  life.onStop('repo', async () => {
    // Documents still loading, or asked of peers that never had them, hold nothing to save (and
    // would make the repo's own shutdown throw): only ready ones are flushed.
    for (const adapter of repo.networkSubsystem.adapters) adapter.disconnect()
    await repo.flush(Object.values(repo.handles).filter((h) => h.isReady()).map((h) => h.documentId))
  })
  const addrs = (): string[] => node.getMultiaddrs().map((a) => a.toString())
  // Peers worth finding again: those sharing a space in which this peer, too, still stands.
  const memory = new PeerMemory(node, deps.dataDir, (peer) => consent.fellow(peer, me), log.child('net'))
  // A member keeps a relay slot on its community peer (re-made after that peer restarts: js-libp2p #3601).
  const watchdog = offline || cfg.community ? undefined : new RelayWatchdog(node, bootstrapIds, log.child('net'), () => memory.redial())
  const reach = (peerId: string, at: string[], afresh: boolean): void => {
    gate.expect(peerId)
    memory.remember(peerId, at)
    const dialAll = (): void => {
      for (const a of at) {
        node.dial(dialAddr(a, peerId)).then(() => {}, (err: unknown) => log.child('net').debug('dial failed', { peer: peerId, addr: a, error: String(err) }))
      }
    }
    // A connection opened while that peer was a stranger carried hellos neither side took; a new
    // one starts with the grant in place (its hello, its catalog, its admission to sync).
    const held = afresh ? node.getConnections().filter((c) => c.remotePeer.toString() === peerId) : []
    if (held.length === 0) return dialAll()
    void Promise.allSettled(held.map((c) => c.close())).then(dialAll)
  }
  const grants = new GrantService({ repo, identity, consent, membership, state, registry, audit, crypto, log: log.child('consent'), now, addrs, reach })
  const spaces = new Spaces({ repo, identity, state, consent, membership, now, standing: (id) => grants.standing(id) })
  const index = new IndexWriter(repo, membership)
  const events = new PeerEventHub()
  const store = new CollectionStore({
    repo, consent, indexRead: (spaceId) => membership.settled(spaceId), index, registry, me, log: log.child('collections'), now,
    onChange: (change) => events.emit('collection:changed', change),
    persist: (documentId, change) => storage.saveChange(documentId, change),
    storageError: (err) => (isDiskFull(err) ? diskFullError(deps.dataDir) : err),
  })
  life.onStop('collections', () => store.stop())
  const pools = new Pools(store, me, now)
  const agents = await Agents.open({ dataDir: deps.dataDir, grants, consent, collections: () => registry.names(), audit, nameOf: (s, did) => membership.rosterEntry(s, did)?.name ?? null, log: log.child('agents'), now })
  life.onStop('agents', () => agents.close())
  const domainDeps = {
    store, me, now,
    isAdmin: (spaceId: SpaceId) => { const role = grants.standing(spaceId).role; return role === MemberRole.Founder || role === MemberRole.Admin },
    nameOf: (spaceId: SpaceId, did: string) => membership.rosterEntry(spaceId, did as Did)?.name ?? agents.nameOf(did as Did),
  }
  const resources = new Resources({ ...domainDeps, pools })
  const bookings = new Bookings(domainDeps)
  const members = new Members({
    repo, node, identity, state, consent, membership, spaces, grants, cache, store, log: log.child('members'), now,
    removeDoc: (docId) => storage.forget(docId),
    online: (peerId) => node.getConnections().some((c) => c.remotePeer.toString() === peerId),
    saveName: (name) => setIdentityName(deps.dataDir, name).then(() => {}),
  })
  life.onStop('members', () => members.stop())
  const decisions = new Decisions({
    store, me, now, crypto,
    sign: (bytes) => identity.sign(bytes),
    members: (spaceId) => (membership.authority(spaceId) !== undefined ? members.list(spaceId) : null),
    mayWrite: (spaceId) => consent.allowsCollection(me, 'write', spaceId, decisionsCollection.name),
  })
  const decisionImport = new DecisionImport({
    store, me, now, crypto, sign: (bytes) => identity.sign(bytes), isMember: (spaceId) => membership.authority(spaceId) !== undefined,
  })
  const decisionClock = new DecisionClock({
    closes: (spaceId) => decisions.closes(spaceId), now,
    closed: (spaceId, decisionId) => events.emit('decision:closed', { spaceId, decisionId }),
    onError: (err) => log.child('decisions').debug('could not read the closes of a space\'s proposals', { error: String(err) }),
  })
  life.onStop('decision clock', () => decisionClock.stop())
  // Members' keys, checked in the background before a decision's first view needs them all at once.
  const vetting = new KeyVetting((did) => { const key = publicKeyFromDid(did); if (key) isAcceptableKey(key) })
  const vetMembers = (spaceId: SpaceId): void => vetting.add(Object.keys(membership.authority(spaceId)?.roster ?? {}))
  life.onStop('key vetting', () => vetting.stop())
  life.onStop('decision clock feed', events.on('collection:changed', (c) => { if (c.collection === decisionsCollection.name) decisionClock.refresh(c.spaceId) }))
  // Knowledge pages: each its own document, read and followed per space.
  const catalog = new PageCatalog({
    repo, log: log.child('pages'), listed: (spaceId) => consent.spaces.docsIn(spaceId, pagesCollection.name), holds: (spaceId) => consent.spaces.has(spaceId),
    lists: (spaceId, docId) => consent.spaces.collectionOf(spaceId, docId) === pagesCollection.name,
    onChange: (spaceId, ids) => events.emit('collection:changed', { spaceId, collection: pagesCollection.name, ids }),
  })
  life.onStop('pages', () => catalog.stop())
  const pages = new Pages({
    repo, catalog, index, consent, me, now, persist: (documentId, change) => storage.saveChange(documentId, change),
    storageError: (err) => (isDiskFull(err) ? diskFullError(deps.dataDir) : err), nameOf: domainDeps.nameOf,
  })
  const maps = new MapService({ store, consent, me, now, nameOf: domainDeps.nameOf, log: log.child('map'), follow: (l) => events.on('collection:changed', l) })
  const mapMetrics = peerMetrics(maps, (p) => events.emit('map:metrics-progress', p))
  life.onStop('map', async () => { await mapMetrics.close(); await maps.stop() })
  const insight = new InsightService({ store, consent, membership, maps, me, access: (id) => grants.standing(id).access, now, nameOf: domainDeps.nameOf, dataDir: deps.dataDir, log: log.child('insight'), follow: (l) => events.on('collection:changed', l) })
  life.onStop('insight', () => insight.stop())
  const archive = new SpaceArchive({
    repo, storage, consent, membership, state, store, identity, log: log.child('backup'), now,
    progress: (p) => events.emit('backup:progress', p),
    standing: (id) => grants.standing(id),
  })
  const joins = new JoinProtocol({
    node, repo, storage, knownHeads, identity, state, consent, membership, spaces, grants, log: log.child('join'), now, mdns: cfg.mdns !== false,
    remember: (peer, at) => memory.remember(peer, at),
    expect: (peer) => gate.expect(peer),
    community: () => watchdog?.communityAddrs() ?? [],
  })
  // Members met again get what they lack in one transfer, not document by document.
  const catchUp = new CatchUp({ node, repo, storage, consent, membership, audit, shareConfigChanged, helloReceived: (peer) => hello.received(peer), log: log.child('sync') })

  // Start, in order; `life` stops what started, last first.
  await spaces.loadAll()
  if (enforce) {
    life.onStop('consent pushes', consent.onChange((spaceId) => gate.consentChanged(spaceId, hello.push(spaceId))))
    life.onStop('redial of granted peers', dialNewlyGranted(node, (l) => consent.onChange(l), (peer) => consent.fellow(peer, me), log.child('net')))
  }
  await life.start('join protocol', joins)
  if (enforce) for (const [name, part] of [['consent hello', hello], ['catch-up', catchUp]] as const) await life.start(name, part)
  await Promise.resolve(node.start()).catch((err: unknown) => { throw listenError(err, netCfg.listen) })
  if (enforce) await life.start('consent gate', { start: () => gate.start({ node, reconsider: (peer) => adapter.reconsider(peer), tell: (peer) => hello.send(peer) }), stop: () => gate.stop() })
  life.onStop('dialling discovered peers', dialDiscoveredPeers(node, (msg, data) => log.child('net').debug(msg, data)))
  if (!offline) await life.start('peer memory', { start: () => memory.start(configuredListen), stop: () => memory.stop() })
  if (watchdog) await life.start('relay watchdog', watchdog)
  life.onStop('relay slots', freeRelaySlots(node, (peer) => consent.knows(peer), (l) => consent.onChange(l)))
  life.onStop('peer memory refresh', consent.onChange(() => void memory.refresh()))
  life.onStop('connection events', forwardConnectionEvents(node, events, (peer) => knownHeads.forgetPeer(peer)))
  life.onStop('window access', consent.onChange(() => windows.accessChanged()))
  life.onStop('space events', consent.onChange((spaceId) => {
    events.emit('space:changed', { spaceId })
    store.spaceChanged(spaceId)
    // Who is an admin may have changed (an early close counts only if signed by one), or the space is gone.
    decisionClock.refresh(spaceId)
    vetMembers(spaceId)
    catalog.follow(spaceId)
  }))
  life.onStop('fetching newly listed documents', fetchNewlyIndexed(repo, consent, membership, log.child('sync'), { pending: (s) => catchUp.pending(s), holds: (id) => storage.holds(id) }))
  if (!offline) {
    await life.start('grant renewal', grants)
    life.onStop('members whose admin left', consent.onChange(() => members.consentChanged()))
    // A name changed while stopped (`init --name`) reaches the rosters.
    void members.syncMyName().catch((err: unknown) => log.warn('could not put this peer\'s name on the rosters', { error: String(err) }))
  }
  // After start-up, in the background: Automerge's code paths are compiled (not in the middle of
  // a first join); what start-up took from the space cache is checked against
  // the index shards; every collection that has documents is opened, so its changes raise events;
  // temp files of interrupted writes are swept.
  const afterStart = setImmediate(() => {
    void warmUpAutomerge()
    membership.followIndexes()
    for (const spaceId of consent.spaces.spaceIds()) {
      store.spaceChanged(spaceId)
      decisionClock.refresh(spaceId)
      vetMembers(spaceId)
      catalog.follow(spaceId)
    }
    void storage.sweepTempFiles().then((n) => { if (n > 0) log.info('removed temp files of writes a crash interrupted', { files: n }) },
      (err: unknown) => log.warn('could not sweep temp files', { error: String(err) }))
  })
  life.onStop('after-start work', () => clearImmediate(afterStart))

  // One search index per space: built in the background, then kept up to date item by item.
  const search = new SearchIndex({ store, spaces: consent.spaces, pages: catalog, log: log.child('search') })
  search.start({ collections: (l) => events.on('collection:changed', l), spaces: (l) => consent.onChange(l) })
  life.onStop('search index', () => search.stop())

  const startedAt = new Date(now()).toISOString()
  const handlers = {
    ...peerHandlers({ identity, node, repo, consent, membership, spaces, store, mdns: cfg.mdns !== false, startedAt, dataDir: deps.dataDir, lastHeard: (peer) => lastHeard.get(peer), quarantinedPages: () => catalog.quarantined(), relay: () => relayStatus(node, watchdog) }),
    ...spaceHandlers({ spaces, joins }),
    ...memberHandlers({ members }),
    ...backupHandlers({ archive }),
    ...collectionHandlers({ store }),
    ...resourceHandlers({ resources, pools, bookings }),
    ...decisionHandlers({ decisions, imports: decisionImport }),
    ...searchHandlers({ index: search, consent, peerId: identity.peerIdString, now }),
    ...pageHandlers({ pages, dataDir: deps.dataDir }),
    ...mapHandlers({ map: maps, metrics: mapMetrics, consent, peerId: identity.peerIdString, now, dataDir: deps.dataDir }),
    ...insightHandlers({ insight }),
    ...consentHandlers({ grants, spaces, audit }),
    ...agentHandlers({ agents }),
  }
  const check = permissionCheck({ consent, ended: (did) => agents.refusal(did), now })
  const api = bindApi(handlers, check, { kind: 'owner' }, spaceResolver(consent.spaces))
  agents.serve((principal, own) => bindApi(handlers, check, principal, agentSpaceResolver(consent.spaces, own, principal.name)))
  return { identity, node, repo, api, events, consent, membership, collections: store, index, storage, windows, agents, addrs, stop: () => life.stop() }
}
