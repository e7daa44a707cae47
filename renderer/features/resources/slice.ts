/** The selected space's resources. */
import type { ResourceView } from '../../../shared/schemas/resource.ts'
import type { SpaceId } from '../../../shared/ids.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'

const PAGE = 1000

export interface ResourcesSlice {
  list: Loadable<ResourceView[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
}

export const createResourcesSlice: SliceCreator<'resources'> = ({ api }, get, patch) => {
  const order = latestWins()
  // The API pages at most 1,000 a call; the board filters and scrolls the whole list in the page.
  const allResources = async (spaceId: SpaceId): Promise<ResourceView[]> => {
    const out: ResourceView[] = []
    for (;;) {
      const page = await api.listResources({ spaceId, all: true, limit: PAGE, offset: out.length })
      out.push(...page.items)
      if (page.items.length < PAGE || out.length >= page.total) return out
    }
  }
  return {
    list: idle([]),
    clear: () => patch({ list: idle([]) }),
    refresh: async () => {
      const spaceId = get().spaces.selected
      if (!spaceId) return
      await load(() => get().resources.list, (list) => { if (get().spaces.selected === spaceId) patch({ list }) }, order, () => allResources(spaceId))
    },
  }
}
