/**
 * The selected space's insights: its matches (with `across`, also against the offers other
 * organisations shared with this peer for matching), gaps, suggestions and health, each fetched
 * when its tab shows; and the top matches of the need whose page is open. The peer computes
 * them all; a change to resources, bookings, pools or the map (app/feeds.ts, debounced) marks
 * every tab stale and refetches only what is on the screen, so a busy space costs one
 * computation per pause, not one per change.
 */
import type { GapsResult, HealthResult, InsightItem, MatchResult, SuggestResult } from '../../../shared/api/insight-api.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, words, type Loadable } from '../../store/loadable.ts'
import { Section } from '../../app/nav-slice.ts'

export const InsightTab = { Matches: 'matches', Gaps: 'gaps', Suggestions: 'suggestions', Health: 'health' } as const
export type InsightTab = (typeof InsightTab)[keyof typeof InsightTab]
const INSIGHT_TABS = Object.values(InsightTab)

/** The tab a place names (`#/insights/gaps`); the matches when it names none or something else. */
export function tabOf(item: string | null): InsightTab {
  return (INSIGHT_TABS as string[]).includes(item ?? '') ? (item as InsightTab) : InsightTab.Matches
}

/** Matches shown per need in the Insights view, and on a need's own page. */
export const PER_NEED = 5
export const ON_NEED_PAGE = 3
/** Suggestions asked for at once. */
const SUGGESTIONS = 30

interface TabData {
  matches: Loadable<MatchResult | null>
  gaps: Loadable<GapsResult | null>
  suggestions: Loadable<SuggestResult | null>
  health: Loadable<HealthResult | null>
}

export interface InsightsSlice extends TabData {
  /** Matches also against other organisations' shared offers (offered only where such a grant is held). */
  across: boolean
  /** Tabs whose inputs changed on the peer since they were fetched: fetched again when they show. */
  stale: InsightTab[]
  /** The need whose page is open, and its top matches. */
  need: { id: string | null; data: Loadable<MatchResult | null> }
  /** Marks every tab stale; refetches the tab on the screen, and the open need's matches. */
  refresh(): Promise<void>
  /** Fetches a tab unless it holds a fresh answer. */
  load(tab: InsightTab): Promise<void>
  setAcross(on: boolean): Promise<void>
  /** Fetches the top matches of a need whose page opened (null: it closed). */
  showNeed(id: string | null): Promise<void>
  /**
   * Marks a need matched by one of its matches (the need's status: the offer is named in the
   * toast, which offers Undo: the need open again). The problem in words where the peer refused.
   */
  markMatched(need: InsightItem, offer: InsightItem): Promise<string | null>
  clear(): void
}

const EMPTY: TabData = { matches: idle(null), gaps: idle(null), suggestions: idle(null), health: idle(null) }

export const createInsightsSlice: SliceCreator<'insights'> = ({ api, notify }, get, patch) => {
  const orders = { matches: latestWins(), gaps: latestWins(), suggestions: latestWins(), health: latestWins() }
  const needOrder = latestWins()
  const selected = (): SpaceId | null => get().spaces.selected
  const ask = (tab: InsightTab, spaceId: SpaceId): Promise<TabData[InsightTab]['value']> => {
    switch (tab) {
      case InsightTab.Matches: return api.match({ spaceId, perNeed: PER_NEED, ...(get().insights.across ? { across: true } : {}) })
      case InsightTab.Gaps: return api.gaps({ spaceId })
      case InsightTab.Suggestions: return api.suggest({ spaceId, limit: SUGGESTIONS })
      case InsightTab.Health: return api.health({ spaceId })
    }
  }
  const fetchTab = async (tab: InsightTab, spaceId: SpaceId): Promise<void> => {
    patch({ stale: get().insights.stale.filter((t) => t !== tab) })
    await load(() => get().insights[tab] as Loadable<unknown>, (v) => { if (selected() === spaceId) patch({ [tab]: v } as Partial<InsightsSlice>) },
      orders[tab], () => ask(tab, spaceId))
  }
  const fetchNeed = async (spaceId: SpaceId, id: string): Promise<void> => {
    await load(() => get().insights.need.data, (data) => { if (selected() === spaceId && get().insights.need.id === id) patch({ need: { id, data } }) },
      needOrder, () => api.match({ spaceId, needId: id, perNeed: ON_NEED_PAGE }))
  }
  /** Sets a need's status; the board and the matches follow (the peer's change event refreshes them too). */
  const setStatus = async (need: InsightItem, status: 'matched' | 'open'): Promise<void> => {
    await api.editResource({ spaceId: need.spaceId, resourceId: need.id, status })
    get().resources.refreshIds([need.id])
    void get().insights.refresh()
  }
  const reopen = (need: InsightItem): void => {
    setStatus(need, 'open').then(
      () => notify({ kind: 'done', message: `“${need.title}” is open again.` }),
      (err: unknown) => notify({ kind: 'error', title: `Could not open “${need.title}” again`, message: words(err) }),
    )
  }
  const shownTab = (): InsightTab | null => (get().nav.section === Section.Insights ? tabOf(get().nav.item) : null)
  return {
    ...EMPTY,
    across: false,
    stale: [],
    need: { id: null, data: idle(null) },
    clear: () => patch({ ...EMPTY, across: false, stale: [], need: { id: null, data: idle(null) } }),
    refresh: async () => {
      const spaceId = selected()
      if (!spaceId) return
      patch({ stale: [...INSIGHT_TABS] })
      const tab = shownTab()
      const needId = get().insights.need.id
      await Promise.all([
        tab ? fetchTab(tab, spaceId) : undefined,
        needId && get().nav.section === Section.Resources ? fetchNeed(spaceId, needId) : undefined,
      ])
    },
    load: async (tab) => {
      const spaceId = selected()
      const s = get().insights
      if (!spaceId || (s[tab].status !== 'idle' && s[tab].status !== 'error' && !s.stale.includes(tab))) return
      await fetchTab(tab, spaceId)
    },
    setAcross: async (on) => {
      const spaceId = selected()
      if (on === get().insights.across) return
      // The other answer is a different list: say it is loading rather than show the last one meanwhile.
      patch({ across: on, matches: idle(null) })
      if (spaceId) await fetchTab(InsightTab.Matches, spaceId)
    },
    markMatched: async (need, offer) => {
      try {
        await setStatus(need, 'matched')
      } catch (err) {
        return words(err)
      }
      notify({ kind: 'done', message: `Marked “${need.title}” matched by “${offer.title}”.`, action: { label: 'Undo', run: () => reopen(need) } })
      return null
    },
    showNeed: async (id) => {
      const was = get().insights.need
      if (id !== was.id) patch({ need: { id, data: idle(null) } })
      const spaceId = selected()
      if (id && spaceId && (id !== was.id || was.data.status === 'idle' || was.data.status === 'error')) await fetchNeed(spaceId, id)
    },
  }
}
