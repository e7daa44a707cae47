/** The selected space's members. */
import type { MemberSummary } from '../../../shared/api/members-api.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'

export interface MembersSlice {
  list: Loadable<MemberSummary[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
}

export const createMembersSlice: SliceCreator<'members'> = ({ api }, get, patch) => {
  const order = latestWins()
  return {
    list: idle([]),
    clear: () => patch({ list: idle([]) }),
    refresh: async () => {
      const spaceId = get().spaces.selected
      if (!spaceId) return
      await load(() => get().members.list, (list) => { if (get().spaces.selected === spaceId) patch({ list }) }, order, () => api.listMembers({ spaceId }))
    },
  }
}
