/** The selected space's grants (given and received) and this peer's audit log of it; granting and revoking. */
import type { AuditEntry, CreateGrantInput, GrantResult, GrantSummary } from '../../../shared/api/peer-api.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, words, type Loadable } from '../../store/loadable.ts'

export interface ConsentSlice {
  grants: Loadable<GrantSummary[]>
  audit: Loadable<AuditEntry[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
  /** Signs a grant in the selected space; null when it failed (the user was told why). */
  grant(input: Omit<CreateGrantInput, 'spaceId'>): Promise<GrantResult | null>
  /** Resolves true once revoked (or found revoked already); `what` names it in the toast ("to Ana"). */
  revoke(grantId: string, what: string): Promise<boolean>
}

export const createConsentSlice: SliceCreator<'consent'> = ({ api, notify }, get, patch) => {
  const grantsOrder = latestWins()
  const auditOrder = latestWins()
  const refresh = async (): Promise<void> => {
    const spaceId = get().spaces.selected
    if (!spaceId) return
    const mine = (): boolean => get().spaces.selected === spaceId
    await Promise.all([
      load(() => get().consent.grants, (grants) => { if (mine()) patch({ grants }) }, grantsOrder, () => api.listGrants({ spaceId })),
      load(() => get().consent.audit, (audit) => { if (mine()) patch({ audit }) }, auditOrder, () => api.audit({ spaceId })),
    ])
  }
  return {
    grants: idle([]),
    audit: idle([]),
    clear: () => patch({ grants: idle([]), audit: idle([]) }),
    refresh,
    grant: async (input) => {
      const spaceId = get().spaces.selected
      if (!spaceId) return null
      try {
        const result = await api.createGrant({ ...input, spaceId })
        void refresh()
        return result
      } catch (err) {
        notify({ kind: 'error', title: 'Could not grant access', message: words(err) })
        return null
      }
    },
    revoke: async (grantId, what) => {
      try {
        const r = await api.revokeGrant({ grantId })
        notify({ kind: 'done', message: r.alreadyRevoked ? `That grant was already revoked${r.revokedByName ? ` by ${r.revokedByName}` : ''}.` : `The grant ${what} is revoked.` })
        void refresh()
        return true
      } catch (err) {
        notify({ kind: 'error', title: 'Could not revoke the grant', message: words(err) })
        return false
      }
    },
  }
}
