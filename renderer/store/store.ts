/** One zustand store made of slices; the bridge feeds it from outside React. */
import { create } from 'zustand'
import type { PeerInfo, SpaceSummary, StatusInfo } from '../../shared/api/peer-api.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import type { SpaceId } from '../../shared/ids.ts'

interface PeerSlice {
  online: boolean
  status: StatusInfo | null
  peers: PeerInfo[]
}
interface SpacesSlice {
  spaces: SpaceSummary[]
  selected: SpaceId | null
  /** The first page of the selected space's current resources (open and matched, not expired) */
  resources: ResourceView[]
  /** How many there are in all */
  resourcesTotal: number
  /** false until the selected space's resources have been fetched once */
  resourcesLoaded: boolean
}
interface UiSlice {
  error: string | null
  busy: string | null
}

export type AppState = PeerSlice & SpacesSlice & UiSlice & {
  select(spaceId: SpaceId | null): void
  set(partial: Partial<PeerSlice & SpacesSlice & UiSlice>): void
}

export const useApp = create<AppState>()((set) => ({
  online: false, status: null, peers: [],
  spaces: [], selected: null, resources: [], resourcesTotal: 0, resourcesLoaded: false,
  error: null, busy: null,
  select: (selected) => set({ selected, resources: [], resourcesTotal: 0, resourcesLoaded: false }),
  set: (partial) => set(partial),
}))
