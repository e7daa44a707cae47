/**
 * The selected space's resources and pools, the board's filter, and adding, editing, closing
 * and deleting. The whole list lives in the page (the board filters it without asking the
 * peer); a change the peer reports for a few ids refetches only those.
 */
import type { ResourceView } from '../../../shared/schemas/resource.ts'
import type { ResourceEdit, ResourceInput } from '../../../shared/schemas/resource.ts'
import type { PoolView } from '../../../shared/schemas/booking.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import { ErrorCode, toErrorData, type ErrorData } from '../../../shared/errors.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, words, type Loadable } from '../../store/loadable.ts'
import { NO_FILTER, type BoardFilter } from './filter.ts'

const PAGE = 1000
/** Pages asked for at once while listing a big space. */
const PAGE_FETCHES = 3
/** Beyond this many changed ids, one full listing is cheaper than fetching each. */
const FEW_IDS = 25

/** An action's outcome: the item, or the peer's refusal in words (shown next to the form). */
/** How an action went; `spaceId` is the space the call went to (the user may have switched since). */
export type Outcome<T> = { ok: true; value: T; spaceId: SpaceId } | { ok: false; error: ErrorData }

export interface ResourcesSlice {
  list: Loadable<ResourceView[]>
  /** The first listing is still fetching pages beyond those shown (a big space shows its first thousand at once). */
  more: boolean
  pools: Loadable<PoolView[]>
  filter: BoardFilter
  setFilter(patch: Partial<BoardFilter>): void
  refresh(): Promise<void>
  /**
   * Refetches only the items named (a change the peer reported); false when that is not worth
   * it (many ids, no list yet, a full listing under way), and the caller should `refresh`.
   */
  refreshIds(ids: readonly string[]): boolean
  /** One item from the peer (by id or a unique start of it), for a page the list does not hold. */
  fetchOne(id: string): Promise<ResourceView>
  add(input: ResourceInput): Promise<Outcome<ResourceView>>
  edit(id: string, edit: ResourceEdit): Promise<Outcome<ResourceView>>
  remove(id: string): Promise<Outcome<string>>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
}

export const createResourcesSlice: SliceCreator<'resources'> = ({ api, notify }, get, patch) => {
  const order = latestWins()
  const poolOrder = latestWins()
  let listing = 0
  // The API pages at most 1,000 a call; the board filters and scrolls the whole list in the page.
  const allResources = async (spaceId: SpaceId, onPage?: (sofar: ResourceView[]) => void): Promise<ResourceView[]> => {
    const first = await api.listResources({ spaceId, all: true, limit: PAGE, offset: 0 })
    if (first.items.length < PAGE || first.items.length >= first.total) return first.items
    onPage?.(first.items)
    // The rest, a few pages at a time (one after another, ten pages took ten round trips).
    const pages: ResourceView[][] = [first.items]
    const offsets: number[] = []
    for (let at = PAGE; at < first.total; at += PAGE) offsets.push(at)
    let next = 0
    let done = 0
    const worker = async (): Promise<void> => {
      while (next < offsets.length) {
        const i = next++
        const page = await api.listResources({ spaceId, all: true, limit: PAGE, offset: offsets[i]! })
        pages[i + 1] = page.items
        if (++done < offsets.length) onPage?.(pages.flat())
      }
    }
    await Promise.all(Array.from({ length: Math.min(PAGE_FETCHES, offsets.length) }, worker))
    // Items added while paging may push the last ones past the end: a short last page ends it; the next change event catches up.
    return pages.flat()
  }
  let generation = 0
  // Deleted here: a tombstone never comes back, so its change event needs no fetch (which would only answer 404).
  const deleted = new Set<string>()
  const mine = (spaceId: SpaceId) => (list: Loadable<ResourceView[]>): void => {
    if (get().spaces.selected === spaceId) patch({ list })
  }
  /** Puts a fresher copy of one item in the list (or takes a deleted one out). */
  const put = (spaceId: SpaceId, id: string, item: ResourceView | null): void => {
    const s = get()
    if (s.spaces.selected !== spaceId || s.resources.list.status !== 'ready') return
    const value = s.resources.list.value
    const at = value.findIndex((r) => r.id === id)
    if (item === null) {
      if (at >= 0) patch({ list: { ...s.resources.list, value: value.filter((r) => r.id !== id) } })
      return
    }
    if (at >= 0 && value[at]!.updatedAt > item.updatedAt) return
    const next = at >= 0 ? value.map((r, i) => (i === at ? item : r)) : [...value, item]
    patch({ list: { ...s.resources.list, value: next } })
  }
  const act = async <T>(run: (spaceId: SpaceId) => Promise<T>, done: (value: T) => string): Promise<Outcome<T>> => {
    const spaceId = get().spaces.selected
    if (!spaceId) return { ok: false, error: { code: ErrorCode.SpaceNotFound, message: 'Choose a space first.' } }
    try {
      const value = await run(spaceId)
      notify({ kind: 'done', message: done(value) })
      return { ok: true, value, spaceId }
    } catch (err) {
      return { ok: false, error: toErrorData(err) }
    }
  }
  return {
    list: idle([]),
    more: false,
    pools: idle([]),
    filter: NO_FILTER,
    setFilter: (p) => patch({ filter: { ...get().resources.filter, ...p } }),
    clear: () => { generation++; patch({ list: idle([]), more: false, pools: idle([]), filter: NO_FILTER }) },
    refresh: async () => {
      const spaceId = get().spaces.selected
      if (!spaceId) return
      listing++
      const ticket = ++generation
      // The first listing shows each page as it comes; a later one replaces the list when whole.
      const first = get().resources.list.status !== 'ready'
      const onPage = first
        ? (sofar: ResourceView[]) => { if (ticket === generation && get().spaces.selected === spaceId) patch({ list: { status: 'ready', value: sofar, error: null }, more: true }) }
        : undefined
      try {
        await Promise.all([
          load(() => get().resources.list, mine(spaceId), order, () => allResources(spaceId, onPage)),
          load(() => get().resources.pools, (pools) => { if (get().spaces.selected === spaceId) patch({ pools }) }, poolOrder,
            async () => (await api.listPools({ spaceId })).items),
        ])
      } finally {
        listing--
        if (ticket === generation) patch({ more: false })
      }
    },
    refreshIds: (ids) => {
      const spaceId = get().spaces.selected
      if (!spaceId || ids.length === 0 || ids.length > FEW_IDS || listing > 0 || get().resources.list.status !== 'ready') return false
      for (const id of new Set(ids)) {
        if (deleted.has(id)) continue
        api.getResource({ spaceId, resourceId: id }).then(
          (item) => put(spaceId, id, item.deleted ? null : item),
          (err: unknown) => {
            if (toErrorData(err).code === ErrorCode.NotFound) put(spaceId, id, null)
            else notify({ kind: 'error', title: 'Could not refresh a resource', message: words(err) })
          },
        )
      }
      return true
    },
    fetchOne: async (id) => {
      const spaceId = get().spaces.selected
      if (!spaceId) throw new Error('Choose a space first.')
      return api.getResource({ spaceId, resourceId: id })
    },
    add: async (input) => {
      const out = await act((spaceId) => api.addResource({ ...input, spaceId }), (r) => `Added “${r.title}”.`)
      if (out.ok) put(out.spaceId, out.value.id, out.value)
      return out
    },
    edit: async (id, edit) => {
      const out = await act((spaceId) => api.editResource({ ...edit, spaceId, resourceId: id }),
        (r) => (edit.status === 'closed' && Object.keys(edit).length === 1 ? `Closed “${r.title}”.` : `Saved “${r.title}”.`))
      if (out.ok) put(out.spaceId, id, out.value)
      return out
    },
    remove: async (id) => {
      const title = get().resources.list.value.find((r) => r.id === id)?.title
      // Marked before the call: the peer's change event can arrive before its answer.
      deleted.add(id)
      const out = await act(async (spaceId) => (await api.deleteResource({ spaceId, resourceId: id })).id, () => (title ? `Deleted “${title}”.` : 'Deleted.'))
      if (out.ok) put(out.spaceId, id, null)
      else deleted.delete(id)
      return out
    },
  }
}
