/** The selected space's members, and what admins and members do to them: invite, roles, removal, leaving. */
import type { LeaveResult, MemberSummary } from '../../../shared/api/members-api.ts'
import type { InviteResult } from '../../../shared/api/peer-api.ts'
import type { SliceCreator } from '../../store/app-state.ts'
import { idle, latestWins, load, words, type Loadable } from '../../store/loadable.ts'

export interface MembersSlice {
  list: Loadable<MemberSummary[]>
  refresh(): Promise<void>
  /** Forgets the last space's data (another space was selected). */
  clear(): void
  /** An invite code for the selected space, or null when it failed (the user was told why). */
  invite(uses: number, expiresInSeconds: number): Promise<InviteResult | null>
  /** Each resolves true when done; on failure the user is told why. */
  setRole(did: string, name: string, role: 'admin' | 'member'): Promise<boolean>
  remove(did: string, name: string): Promise<boolean>
  leave(admin?: string): Promise<LeaveResult | null>
}

export const createMembersSlice: SliceCreator<'members'> = ({ api, notify }, get, patch) => {
  const order = latestWins()
  const refresh = async (): Promise<void> => {
    const spaceId = get().spaces.selected
    if (!spaceId) return
    // A guest holds no roster: the peer would refuse, and the Members view is not shown to it.
    if (get().spaces.list.value.find((s) => s.spaceId === spaceId)?.role === 'guest') {
      patch({ list: { status: 'ready', value: [], error: null } })
      return
    }
    await load(() => get().members.list, (list) => { if (get().spaces.selected === spaceId) patch({ list }) }, order, () => api.listMembers({ spaceId }))
  }
  /** Runs an action on the selected space; tells the user how it went. */
  const act = async <T>(title: string, run: (spaceId: NonNullable<ReturnType<typeof get>['spaces']['selected']>) => Promise<T>, done: (v: T) => string, after = refresh): Promise<T | null> => {
    const spaceId = get().spaces.selected
    if (!spaceId) return null
    try {
      const v = await run(spaceId)
      notify({ kind: 'done', message: done(v) })
      void after()
      return v
    } catch (err) {
      notify({ kind: 'error', title, message: words(err) })
      return null
    }
  }
  return {
    list: idle([]),
    clear: () => patch({ list: idle([]) }),
    refresh,
    invite: async (uses, expiresInSeconds) => {
      const spaceId = get().spaces.selected
      if (!spaceId) return null
      try {
        return await api.createInvite({ spaceId, uses, expiresInSeconds })
      } catch (err) {
        notify({ kind: 'error', title: 'Could not make the invite', message: words(err) })
        return null
      }
    },
    setRole: async (did, name, role) => (await act('Could not change the role', (spaceId) => api.setMemberRole({ spaceId, did, role }),
      () => (role === 'admin' ? `${name} is now an admin.` : `${name} is now a member.`))) !== null,
    remove: async (did, name) => (await act('Could not remove them', (spaceId) => api.removeMember({ spaceId, did }), (m) => {
      const kept = m.kept?.length ?? 0
      return `${name} was removed from the space.${kept > 0 ? ` The ${kept === 1 ? 'member' : `${kept} members`} they invited stay${kept === 1 ? 's' : ''}.` : ''}`
    })) !== null,
    leave: async (admin) => {
      const left = await act('Could not leave the space', (spaceId) => api.leaveSpace(admin ? { spaceId, admin } : { spaceId }),
        (r) => `You left “${r.name}”; its documents were removed from this machine.`,
        // The space is gone from this peer: the spaces list moves on to another one (and its members come with it).
        () => get().spaces.refresh())
      return left
    },
  }
}
