/** The selected space's grants (given and received) and this peer's audit log of it. */
import type { AuditEntry, GrantSummary } from '../../../shared/api/peer-api.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, type Loadable } from '../../store/loadable.ts'

export interface ConsentSlice {
  grants: Loadable<GrantSummary[]>
  audit: Loadable<AuditEntry[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
}

export const createConsentSlice: SliceCreator<'consent'> = ({ api }, get, patch) => {
  const grantsOrder = latestWins()
  const auditOrder = latestWins()
  return {
    grants: idle([]),
    audit: idle([]),
    clear: () => patch({ grants: idle([]), audit: idle([]) }),
    refresh: async () => {
      const spaceId = get().spaces.selected
      if (!spaceId) return
      const mine = (): boolean => get().spaces.selected === spaceId
      await Promise.all([
        load(() => get().consent.grants, (grants) => { if (mine()) patch({ grants }) }, grantsOrder, () => api.listGrants({ spaceId })),
        load(() => get().consent.audit, (audit) => { if (mine()) patch({ audit }) }, auditOrder, () => api.audit({ spaceId })),
      ])
    },
  }
}
