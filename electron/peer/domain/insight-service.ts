/**
 * Coordination intelligence as one part of the peer (DESIGN.md "Coordination intelligence"):
 * matching, gaps, suggestions and health, computed in a worker thread (insight-engine.ts) over
 * indexes it keeps up to date (insight-feed.ts), only over what the caller may read.
 * create-peer.ts builds one and hands it the peer's events.
 *
 * What a call may read is decided at each call from consent as it stands, and again when the
 * answer comes back (insight-access.ts): the space asked about must be readable now (a guest's
 * copy of a space whose grant ended is never answered from), and a space shared for matching
 * counts in `match --across` only while that grant holds, so a revoked or expired grant takes
 * that space's items out of the very next result; its index is dropped from the worker when the
 * space's consent changes. Those grants were given to this peer's member: an agent may not
 * match across.
 */
import { DEFAULT_MIN_SCORE, DEFAULT_PER_NEED } from '../../../shared/insight/match.ts'
import { DEFAULT_GAP_RULES } from '../../../shared/insight/gaps.ts'
import { healthChange } from '../../../shared/insight/health.ts'
import type { InsightMember } from '../../../shared/insight/contract.ts'
import type {
  GapsInput, GapsResult, HealthInput, HealthResult, InsightItem, MatchInput, MatchResult, SpaceRef, SuggestInput, SuggestResult,
} from '../../../shared/api/insight-api.ts'
import { isoDay } from '../../../shared/api/access-words.ts'
import type { Principal, SpaceAccess } from '../../../shared/api/peer-api.ts'
import { resources as resourcesCollection } from '../../../shared/collections/resources.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, SpaceId } from '../../../shared/ids.ts'
import type { Resource } from '../../../shared/schemas/resource.ts'
import type { Consent } from '../consent/consent.ts'
import { agentReadsCollection } from '../agents/agent-reader.ts'
import type { Logger } from '../log.ts'
import type { CollectionStore } from './collection-store.ts'
import { InsightAccess, type InsightNeeds } from './insight-access.ts'
import { nextTurn } from './durable-change.ts'
import { gatherFacts } from './insight-facts.ts'
import { InsightEngine } from './insight-engine.ts'
import { InsightFeed } from './insight-feed.ts'
import type { FactsWithoutResources } from './insight-protocol.ts'
import { HealthSnapshots, SNAPSHOT_EVERY_MS } from './insight-snapshots.ts'
import type { ItemChange } from './live-collection.ts'
import type { MapService } from './map-service.ts'
import type { Membership } from './membership.ts'

const DEFAULT_SUGGESTIONS = 20
/** Answer entries named per turn of the event loop: a millisecond or two. */
const NAME_SLICE = 1000

export interface InsightServiceDeps {
  store: CollectionStore
  consent: Pick<Consent, 'allowsCollection' | 'spaces' | 'index' | 'onChange'>
  membership: Pick<Membership, 'authority'>
  maps: Pick<MapService, 'store'>
  me: Did
  /** This peer's access in a space, with how it ended when it did (grant-service.ts `standing`). */
  access: (spaceId: SpaceId) => SpaceAccess
  now: () => number
  nameOf: (spaceId: SpaceId, did: string) => string | null
  dataDir: string
  log: Logger
  /** Follows `collection:changed`; returns how to stop. */
  follow: (listener: (change: ItemChange) => void) => () => void
  /** The worker's file (tests). */
  workerUrl?: URL
}

export class InsightService {
  readonly #d: InsightServiceDeps
  readonly #engine: InsightEngine
  readonly #feed: InsightFeed
  readonly #snapshots: HealthSnapshots
  readonly #access: InsightAccess
  readonly #off: Array<() => void>

  constructor(deps: InsightServiceDeps) {
    this.#d = deps
    this.#access = new InsightAccess(deps)
    this.#engine = new InsightEngine({
      onLost: () => this.#feed.reset(),
      onFeedFailed: (spaceId, message) => {
        deps.log.warn('the insight engine refused an item; the space\'s index is loaded again at its next query', { spaceId, error: message })
        this.#feed.drop(spaceId)
      },
      ...(deps.workerUrl ? { workerUrl: deps.workerUrl } : {}),
    })
    this.#feed = new InsightFeed({ store: deps.store, engine: this.#engine, nameOf: deps.nameOf, log: deps.log })
    this.#snapshots = new HealthSnapshots(deps.dataDir, deps.log)
    this.#off = [
      deps.follow((change) => this.#feed.changed(change)),
      // A space held through a grant whose consent changed (revoked, expired, narrowed), or one left: its index goes.
      deps.consent.onChange((spaceId) => {
        if (!deps.consent.spaces.has(spaceId) || deps.consent.spaces.guest(spaceId) !== undefined) this.#feed.drop(spaceId)
      }),
    ]
  }

  async stop(): Promise<void> {
    for (const off of this.#off) off()
    await this.#engine.close()
  }

  async match(principal: Principal, input: MatchInput, signal?: AbortSignal): Promise<MatchResult> {
    const { spaceId } = input
    if (input.across === true && principal.kind === 'agent') {
      throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} may not match across organisations: the matching grants of other spaces were given to this peer's member, not to its agents. Ask without "across".`)
    }
    const now = this.#d.now()
    this.#access.check(spaceId, 'match', 'resources')
    const needId = input.needId !== undefined ? await this.#need(spaceId, input.needId, now) : undefined
    const asking = this.#access.ref(spaceId)
    const across = input.across === true ? this.#access.matchingSpaces(spaceId, now) : []
    await this.#feed.ready(spaceId)
    const held = await this.#readyAcross(across)
    const answer = await this.#engine.query({
      type: 'match', asking, offerSpaces: [asking, ...held], opts: { now, perNeed: input.perNeed ?? DEFAULT_PER_NEED, minScore: input.minScore ?? DEFAULT_MIN_SCORE },
      ...(needId !== undefined ? { needId } : {}),
    }, signal)
    // A grant revoked while the worker computed: this space refused, another's items out of this answer.
    this.#access.check(spaceId, 'match', 'resources')
    const still = new Set([spaceId, ...this.#access.matchingSpaces(spaceId, this.#d.now()).map((s) => s.spaceId)])
    const kept = answer.spaces.filter((s) => still.has(s.spaceId))
    const matches = kept.length === answer.spaces.length ? answer.matches : answer.matches.filter((m) => still.has(m.space.spaceId))
    await this.#name(matches, (m) => [m.need, m.offer])
    return {
      ...answer,
      spaces: kept.map((s) => ({ spaceId: s.spaceId, name: s.name, items: s.offers + s.needs, across: s.spaceId !== spaceId })),
      offers: kept.reduce((n, s) => n + s.offers, 0),
      matches,
      computedAt: new Date(now).toISOString(),
    }
  }

  async gaps(principal: Principal, input: GapsInput, signal?: AbortSignal): Promise<GapsResult> {
    const now = this.#d.now()
    const facts = await this.#facts(principal, input.spaceId, now, 'gaps', 'resources')
    const rules = {
      ...DEFAULT_GAP_RULES,
      ...(input.unmetAfterDays !== undefined ? { unmetAfterDays: input.unmetAfterDays } : {}),
      ...(input.unusedAfterDays !== undefined ? { unusedAfterDays: input.unusedAfterDays } : {}),
    }
    const report = await this.#engine.query({ type: 'gaps', facts, rules }, signal)
    this.#access.check(input.spaceId, 'gaps', 'resources')
    await this.#name(report.unmetNeeds, (u) => [u.need])
    await this.#name(report.unusedOffers, (u) => [u.offer])
    await this.#name(report.expiringSoon, (e) => [e.item])
    return { ...report, computedAt: new Date(now).toISOString() }
  }

  async suggest(principal: Principal, input: SuggestInput, signal?: AbortSignal): Promise<SuggestResult> {
    const now = this.#d.now()
    const facts = await this.#facts(principal, input.spaceId, now, 'suggest', 'any')
    const suggestions = await this.#engine.query({ type: 'suggest', facts, limit: input.limit ?? DEFAULT_SUGGESTIONS }, signal)
    this.#access.check(input.spaceId, 'suggest', 'any')
    return { suggestions, computedAt: new Date(now).toISOString() }
  }

  /**
   * The figures, against the newest snapshot kept (insight-snapshots.ts says when one is kept).
   * Only the owner's figures are kept and compared: an agent's view may be narrower, and
   * comparing it with the owner's would show as change what is only a difference of view.
   */
  async health(principal: Principal, input: HealthInput, signal?: AbortSignal): Promise<HealthResult> {
    const now = this.#d.now()
    const facts = await this.#facts(principal, input.spaceId, now, 'health', 'any')
    const figures = await this.#engine.query({ type: 'health', facts }, signal)
    this.#access.check(input.spaceId, 'health', 'any')
    const computedAt = new Date(now).toISOString()
    const { unavailable } = facts
    if (principal.kind === 'agent') return { figures, previous: null, change: {}, history: [], snapshotEveryMinutes: null, unavailable, computedAt }
    const { previous, history } = await this.#snapshots.record(input.spaceId, now, figures)
    return {
      figures, previous, change: previous ? healthChange(figures, previous.figures) : {}, history,
      snapshotEveryMinutes: SNAPSHOT_EVERY_MS / 60_000, unavailable, computedAt,
    }
  }

  /** The other spaces whose index is ready; one that cannot be read now (its documents still syncing away) is left out. */
  async #readyAcross(spaces: SpaceRef[]): Promise<SpaceRef[]> {
    const ready = await Promise.all(spaces.map(async (s) => {
      try {
        await this.#feed.ready(s.spaceId)
        return s
      } catch (err) {
        this.#d.log.debug('a space shared for matching could not be read; left out of this match', { spaceId: s.spaceId, error: String(err) })
        return null
      }
    }))
    return ready.filter((s): s is SpaceRef => s !== null)
  }

  /** The full id of an open need named by id or the start of one; NOT_FOUND, or VALIDATION_FAILED in words (not a need; not open: matched, closed or expired). */
  async #need(spaceId: SpaceId, ref: string, now: number): Promise<string> {
    const item = await this.#d.store.get<Resource>(spaceId, resourcesCollection.name, ref)
    const named = `“${item.title}” (${item.id.slice(0, 8)})`
    if (item.kind !== 'need') {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${named} is ${item.kind === 'offer' ? 'an' : 'a'} ${item.kind}, not a need: matching starts from a need. "commonweave resource list SPACE --kind need" lists them.`)
    }
    const expired = item.expiresAt !== undefined && Date.parse(item.expiresAt) <= now
    if (item.status !== 'open' || expired) {
      const [state, reopen] = item.status !== 'open' ? [`marked ${item.status}`, '--status open'] : [`expired on ${isoDay(item.expiresAt!)}`, '--expires 30d']
      throw new CommonweaveError(ErrorCode.ValidationFailed, `The need ${named} is ${state}, not open, so it is not matched: only open needs are. "commonweave resource edit SPACE ${item.id.slice(0, 8)} ${reopen}" opens it again.`)
    }
    return item.id
  }

  async #facts(principal: Principal, spaceId: SpaceId, now: number, op: 'gaps' | 'suggest' | 'health', needs: InsightNeeds): Promise<FactsWithoutResources> {
    this.#access.check(spaceId, op, needs)
    const { consent, me } = this.#d
    // An agent reads only through its chains whose purpose allows this report, and only what this peer may read itself.
    const agentReads = principal.kind === 'agent' ? agentReadsCollection(consent, principal, spaceId, op, now) : null
    const mayRead = (c: string): boolean => consent.allowsCollection(me, 'read', spaceId, c) && (agentReads === null || agentReads(c))
    const facts = await gatherFacts(
      { store: this.#d.store, mapState: (id) => this.#d.maps.store.state(id), nameOf: this.#d.nameOf },
      // The roster is the owner's to read: an agent's grant names collections, and the roster is none.
      { spaceId, now, mayRead, members: principal.kind === 'owner' ? this.#roster(spaceId) : null },
    )
    if (facts.withResources) await this.#feed.ready(spaceId)
    return facts
  }

  #roster(spaceId: SpaceId): InsightMember[] | null {
    const roster = this.#d.membership.authority(spaceId)?.roster
    if (!roster) return null
    return Object.values(roster).map((e) => ({ did: e.did, name: e.name })).sort((a, b) => (a.did < b.did ? -1 : a.did > b.did ? 1 : 0))
  }

  /**
   * Sets the owner's name of each item as the roster says now, in place (an answer from the
   * worker is this call's own copy), each owner looked up once per answer (thousands of matches
   * name a few hundred people), a slice of entries per turn: an answer of thousands of matches
   * is named without holding the peer's event loop.
   */
  async #name<T>(entries: readonly T[], items: (entry: T) => InsightItem[]): Promise<void> {
    const names = new Map<string, string | null>()
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % NAME_SLICE === 0) await nextTurn()
      for (const item of items(entries[i]!)) {
        const key = `${item.spaceId}\u0000${item.owner}`
        let name = names.get(key)
        if (name === undefined) names.set(key, (name = this.#d.nameOf(item.spaceId, item.owner)))
        item.ownerName = name
      }
    }
  }
}
