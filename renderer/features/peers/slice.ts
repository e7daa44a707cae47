/** The peers this one is connected to. */
import type { PeerInfo } from '../../../shared/api/peer-api.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'

export interface PeersSlice {
  list: Loadable<PeerInfo[]>
  refresh(): Promise<void>
}

export const createPeersSlice: SliceCreator<'peers'> = ({ api }, get, patch) => {
  const order = latestWins()
  return {
    list: idle([]),
    refresh: () => load(() => get().peers.list, (list) => patch({ list }), order, () => api.peers()),
  }
}
