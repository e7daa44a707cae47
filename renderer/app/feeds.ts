/**
 * Feeds the store from outside React: when the page reaches its peer, everything is fetched;
 * then each peer event refreshes only the slices it concerns, and selecting another space
 * refreshes that space's slices. Refreshes of one slice never pile up: while one is in flight,
 * further triggers fold into a single follow-up.
 */
import type { PeerEventName, PeerEvents } from '../../shared/api/peer-api.ts'
import type { PeerBridge } from '../bridge/peer-bridge.ts'
import type { AppState } from '../store/app-state.ts'
import type { AppStore } from '../store/store.ts'

type SpaceSliceKey = 'resources' | 'bookings' | 'decisions' | 'pages' | 'map' | 'insights' | 'members' | 'consent' | 'agents'
// The map's and the insights' slices fetch only while their views show (their refreshes say so).
const SPACE_SLICES: readonly SpaceSliceKey[] = ['resources', 'bookings', 'decisions', 'pages', 'map', 'insights', 'members', 'consent', 'agents']
/** What the insights are computed from: a change to one makes them stale. */
const INSIGHT_INPUTS: ReadonlySet<unknown> = new Set(['resources', 'bookings', 'pools', 'map'])
/** How often proposals about to close are looked for (their reminders say minutes). */
const REMIND_EVERY_MS = 60_000

/** Which slices an event makes stale (those of the selected space only, where it names a space). */
function staleAfter<E extends PeerEventName>(event: E, payload: PeerEvents[E], s: AppState): Array<keyof AppState> {
  const forSelected = (spaceId: string): boolean => spaceId === s.spaces.selected
  switch (event) {
    case 'peer:connect':
    case 'peer:disconnect':
      return ['peers', 'connection', 'members']
    case 'space:changed':
      return forSelected((payload as PeerEvents['space:changed']).spaceId) ? ['spaces', 'members', 'consent'] : ['spaces']
    case 'collection:changed': {
      const p = payload as PeerEvents['collection:changed']
      if (!forSelected(p.spaceId)) return []
      // A few changed ids are refetched one by one; many, or none named (or not a list of names), refetch the list.
      const ids = Array.isArray(p.ids) && p.ids.every((id) => typeof id === 'string') ? p.ids : []
      if (p.collection === 'resources') return s.resources.refreshIds(ids) ? [] : ['resources']
      if (p.collection === 'bookings') return ['bookings']
      if (p.collection === 'decisions') return ['decisions']
      // the list, and the open page's links and backlinks (its text is live in the editor)
      if (p.collection === 'pages') return ['pages']
      // the whole map, the open node and the metrics (an import or a sync lands as many changes: throttled below)
      if (p.collection === 'map') return ['map']
      // pools are listed by the resources slice (its pool filter)
      if (p.collection === 'pools') return ['resources']
      return []
    }
    case 'decision:closed':
      return forSelected((payload as PeerEvents['decision:closed']).spaceId) ? ['decisions'] : []
    default:
      return []
  }
}

function isClosed(p: unknown): p is PeerEvents['decision:closed'] {
  const x = p as Partial<PeerEvents['decision:closed']> | null
  return typeof x?.spaceId === 'string' && typeof x.decisionId === 'string'
}

function isMetricsProgress(p: unknown): p is PeerEvents['map:metrics-progress'] {
  const x = p as Partial<PeerEvents['map:metrics-progress']> | null
  return typeof x?.spaceId === 'string' && Number.isFinite(x.done) && Number.isFinite(x.total) && typeof x.step === 'string'
}

function isProgress(p: unknown): p is PeerEvents['backup:progress'] {
  const x = p as Partial<PeerEvents['backup:progress']> | null
  return typeof x?.spaceId === 'string' && (x.op === 'export' || x.op === 'import') && Number.isFinite(x.done) && Number.isFinite(x.total)
}

/** Runs `fn`; a call while it runs schedules exactly one more run after it. */
export function coalesce(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let again = false
  const run = (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await fn().catch(() => {})
        } while (again)
      } finally {
        running = null
      }
    })()
    return running
  }
  return run
}

/** Starts feeding `store` from `bridge`; returns the stop. */
export function startFeeds(bridge: PeerBridge, store: AppStore): () => void {
  const refreshers = new Map<keyof AppState, () => Promise<void>>()
  const refresh = (key: keyof AppState): Promise<void> => {
    let r = refreshers.get(key)
    if (!r) {
      r = coalesce(async () => {
        const slice = store.getState()[key] as { refresh?: () => Promise<void> }
        await slice.refresh?.()
      })
      refreshers.set(key, r)
    }
    return r()
  }
  const refreshSpace = (): void => {
    for (const key of SPACE_SLICES) void refresh(key)
  }
  const refreshAll = (): void => {
    void refresh('connection')
    void refresh('peers')
    void refresh('spaces').then(refreshSpace)
  }
  // The first fetches go out at once, beside the event stream's opening (and the remembered
  // space's slices with them), not after it: the board paints sooner. Once the stream is open
  // everything is asked again, so a change made in between is not missed (each refresh folds
  // into the one in flight).
  // (A space selected by the list's answer is fetched by the selection's own subscription below.)
  void refresh('connection')
  void refresh('peers')
  void refresh('spaces')
  if (store.getState().spaces.selected) refreshSpace()
  const pagesChanged = throttle(() => void refresh('pages'), BUSY_REFRESH_MS)
  const mapChanged = throttle(() => void refresh('map'), BUSY_REFRESH_MS)
  const searchChanged = throttle(() => store.getState().search.changed(), BUSY_REFRESH_MS)
  const insightsChanged = settle(() => void refresh('insights'), INSIGHT_SETTLE_MS, INSIGHT_SETTLE_MAX_MS)
  const offConnection = bridge.onConnection((online) => {
    store.getState().connection.setOnline(online)
    if (online) refreshAll()
  })
  const offEvent = bridge.onEvent((event, payload) => {
    if (event === 'backup:progress' && isProgress(payload)) store.getState().settings.backupProgress(payload)
    if (event === 'map:metrics-progress' && isMetricsProgress(payload)) store.getState().map.metricsProgress(payload)
    if (event === 'decision:closed' && isClosed(payload) && payload.spaceId === store.getState().spaces.selected) void store.getState().decisions.closed(payload.decisionId)
    if (event === 'collection:changed' && (payload as PeerEvents['collection:changed'] | null)?.spaceId === store.getState().spaces.selected) {
      searchChanged()
      // The peer computes insights over the whole space: once a burst of changes settles, not at each.
      if (INSIGHT_INPUTS.has((payload as PeerEvents['collection:changed']).collection)) insightsChanged()
    }
    // Matching across organisations draws on other spaces: a grant to one given, revoked or run out changes the answer.
    if (event === 'space:changed' && store.getState().insights.across) insightsChanged()
    for (const key of staleAfter(event, payload, store.getState())) {
      // Pages change at every few keys while anyone types: their list and an open search follow at most once a second.
      if (key === 'pages') pagesChanged()
      // A burst of changes to the map (an import, a sync) refetches it at most once a second.
      else if (key === 'map') mapChanged()
      else void refresh(key)
    }
  })
  const offSelect = store.subscribe((s, before) => {
    // Opening the Map fetches the map beside loading the view's code, not after it; going back to
    // it refetches what changed while another view showed.
    if (s.nav.section === 'map' && before.nav.section !== 'map' && (s.map.view.status === 'idle' || s.map.stale)) void refresh('map')
    if (s.spaces.selected === before.spaces.selected) return
    for (const key of SPACE_SLICES) s[key].clear()
    refreshSpace()
  })
  const reminders = setInterval(() => store.getState().decisions.remind(Date.now()), REMIND_EVERY_MS)
  return () => {
    pagesChanged.cancel()
    mapChanged.cancel()
    searchChanged.cancel()
    insightsChanged.cancel()
    clearInterval(reminders)
    offConnection()
    offEvent()
    offSelect()
  }
}

/** How often a busy stream of changes (someone typing in a page) refreshes what follows it. */
const BUSY_REFRESH_MS = 1_000

/** Runs `fn` at once, then at most once every `ms` while calls keep coming (the last call is never dropped). */
function throttle(fn: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let again = false
  const run = (): void => {
    if (timer !== undefined) { again = true; return }
    fn()
    timer = setTimeout(() => {
      timer = undefined
      if (again) { again = false; run() }
    }, ms)
  }
  return Object.assign(run, { cancel: () => { clearTimeout(timer); timer = undefined; again = false } })
}

/** How long the insights wait for changes to settle before asking the peer again, and at most while they keep coming. */
const INSIGHT_SETTLE_MS = 1_500
const INSIGHT_SETTLE_MAX_MS = 6_000

/** Runs `fn` once calls have paused for `ms`, and at least every `maxMs` while they keep coming. */
function settle(fn: () => void, ms: number, maxMs: number): (() => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let first = 0
  const fire = (): void => { timer = undefined; first = 0; fn() }
  const run = (): void => {
    const now = Date.now()
    if (!first) first = now
    clearTimeout(timer)
    timer = setTimeout(fire, Math.max(0, Math.min(ms, first + maxMs - now)))
  }
  return Object.assign(run, { cancel: () => { clearTimeout(timer); timer = undefined; first = 0 } })
}
