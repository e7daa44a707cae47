/** Searching the selected space: whether the search window is open, and asking the peer. */
import type { SearchResult } from '../../../shared/api/pages-api.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { SliceCreator } from '../../store/app-state.ts'

/** How many hits the search window shows. */
export const SEARCH_LIMIT = 20

export interface SearchSlice {
  open: boolean
  /** Bumped when the space's items change: an open search asks again, so what just arrived is found. */
  version: number
  setOpen(open: boolean): void
  changed(): void
  /** Searches the selected space; rejects in words (no space chosen, or the peer's refusal). */
  find(query: string): Promise<SearchResult>
}

export const createSearchSlice: SliceCreator<'search'> = ({ api }, get, patch) => ({
  open: false,
  version: 0,
  setOpen: (open) => patch({ open }),
  changed: () => { if (get().search.open) patch({ version: get().search.version + 1 }) },
  find: async (query) => {
    const spaceId = get().spaces.selected
    if (!spaceId) throw new CommonweaveError(ErrorCode.SpaceNotFound, 'Choose a space first: search looks in one space at a time.')
    // A map node opens in the Map view.
    return api.search({ spaceId, query, limit: SEARCH_LIMIT, kinds: ['resource', 'booking', 'decision', 'page', 'node'] })
  },
})
