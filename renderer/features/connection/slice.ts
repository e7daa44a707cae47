/** This page's link to its peer: online or not, and what the peer says about itself. */
import type { StatusInfo } from '../../../shared/api/peer-api.ts'
import type { SliceCreator } from '../../store/app-state.ts'

export interface ConnectionSlice {
  /** The page reaches its peer (its event stream is open). */
  online: boolean
  /** Has been online at least once since the page opened (before that, "connecting", not "offline"). */
  everOnline: boolean
  /** When the link was lost, for the banner. */
  lostAt: number | null
  status: StatusInfo | null
  setOnline(online: boolean): void
  refresh(): Promise<void>
}

export const createConnectionSlice: SliceCreator<'connection'> = ({ api }, get, patch) => ({
  online: false,
  everOnline: false,
  lostAt: null,
  status: null,
  setOnline: (online) => {
    const was = get().connection
    patch(online ? { online, everOnline: true, lostAt: null } : { online, lostAt: was.online ? Date.now() : was.lostAt })
  },
  refresh: async () => {
    patch({ status: await api.status() })
  },
})
