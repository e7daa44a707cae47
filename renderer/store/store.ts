/**
 * One zustand store made of slices, one per feature. Each slice owns its part of the state and
 * the actions that change it; the bridge feeds it from outside React (see app/feeds.ts), and
 * components select the smallest value they need with `useApp`.
 *
 * A slice is created by `(deps, get, patch)`: `deps.api` is the one PeerApi, `patch` merges
 * into that slice only, so features never write each other's state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppState, SliceDeps } from './app-state.ts'
import { createConnectionSlice } from '../features/connection/slice.ts'
import { createSpacesSlice } from '../features/spaces/slice.ts'
import { createNavSlice } from '../app/nav-slice.ts'
import { createResourcesSlice } from '../features/resources/slice.ts'
import { createBookingsSlice } from '../features/bookings/slice.ts'
import { createMembersSlice } from '../features/members/slice.ts'
import { createConsentSlice } from '../features/consent/slice.ts'
import { createPeersSlice } from '../features/peers/slice.ts'
import { createSettingsSlice } from '../features/settings/slice.ts'
import { createDecisionsSlice } from '../features/decisions/slice.ts'
import { createPagesSlice } from '../features/pages/slice.ts'
import { createSearchSlice } from '../features/search/slice.ts'
import { createMapSlice } from '../features/map/slice.ts'
import { createInsightsSlice } from '../features/insights/slice.ts'
import { createAgentsSlice } from '../features/consent/agents-slice.ts'

export type AppStore = StoreApi<AppState>

export function createAppStore(deps: SliceDeps): AppStore {
  return createStore<AppState>()((set, get) => {
    const patch = <K extends keyof AppState>(key: K) => (partial: Partial<AppState[K]>): void =>
      set((s) => ({ [key]: { ...s[key], ...partial } }) as unknown as Partial<AppState>)
    return {
      connection: createConnectionSlice(deps, get, patch('connection')),
      spaces: createSpacesSlice(deps, get, patch('spaces')),
      nav: createNavSlice(deps, get, patch('nav')),
      resources: createResourcesSlice(deps, get, patch('resources')),
      bookings: createBookingsSlice(deps, get, patch('bookings')),
      decisions: createDecisionsSlice(deps, get, patch('decisions')),
      pages: createPagesSlice(deps, get, patch('pages')),
      search: createSearchSlice(deps, get, patch('search')),
      map: createMapSlice(deps, get, patch('map')),
      insights: createInsightsSlice(deps, get, patch('insights')),
      members: createMembersSlice(deps, get, patch('members')),
      consent: createConsentSlice(deps, get, patch('consent')),
      agents: createAgentsSlice(deps, get, patch('agents')),
      peers: createPeersSlice(deps, get, patch('peers')),
      settings: createSettingsSlice(deps, get, patch('settings')),
    }
  })
}
