/** The shape of the whole store, and what every slice is made from. */
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { ConnectionSlice } from '../features/connection/slice.ts'
import type { SpacesSlice } from '../features/spaces/slice.ts'
import type { NavSlice } from '../app/nav-slice.ts'
import type { ResourcesSlice } from '../features/resources/slice.ts'
import type { BookingsSlice } from '../features/bookings/slice.ts'
import type { MembersSlice } from '../features/members/slice.ts'
import type { ConsentSlice } from '../features/consent/slice.ts'
import type { PeersSlice } from '../features/peers/slice.ts'
import type { SettingsSlice } from '../features/settings/slice.ts'
import type { DecisionsSlice } from '../features/decisions/slice.ts'
import type { PagesSlice } from '../features/pages/slice.ts'
import type { SearchSlice } from '../features/search/slice.ts'
import type { MapSlice } from '../features/map/slice.ts'
import type { InsightsSlice } from '../features/insights/slice.ts'
import type { AgentsSlice } from '../features/consent/agents-slice.ts'
import type { PageDocSource } from '../features/pages/live-doc.ts'

export interface AppState {
  connection: ConnectionSlice
  spaces: SpacesSlice
  nav: NavSlice
  resources: ResourcesSlice
  bookings: BookingsSlice
  decisions: DecisionsSlice
  pages: PagesSlice
  search: SearchSlice
  map: MapSlice
  insights: InsightsSlice
  members: MembersSlice
  consent: ConsentSlice
  agents: AgentsSlice
  peers: PeersSlice
  settings: SettingsSlice
}

/** A toast: the result of something the user did, and where it can be taken back, the button that does it ("Undo"). */
export interface Notice { kind: 'done' | 'error' | 'info'; title?: string; message: string; action?: { label: string; run(): void } }

/** What every slice gets: the peer, and a way to tell the user how an action went. */
export interface SliceDeps {
  api: PeerApi
  notify(notice: Notice): void
  /** The window's live page documents, opened on first use (absent where the window has no link to them). */
  pageDocs?: () => Promise<PageDocSource>
}

/** Creates one slice: `patch` merges into that slice only. */
export type SliceCreator<K extends keyof AppState> = (
  deps: SliceDeps,
  get: () => AppState,
  patch: (partial: Partial<AppState[K]>) => void,
) => AppState[K]
