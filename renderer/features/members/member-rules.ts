/**
 * Who may do what to whom on the Members view, mirroring the peer's own rules (see
 * electron/peer/domain/members.ts), so the view never offers what the peer would refuse.
 */
import { MemberStatus, type MemberSummary } from '../../../shared/api/members-api.ts'
import type { SpaceRole } from '../../../shared/api/peer-api.ts'

/** The founder and admins invite, make admins and remove members. */
export function mayAdminister(role: SpaceRole | null | undefined): boolean {
  return role === 'founder' || role === 'admin'
}

/** Those in the space now, and those who left, were removed or whose grant ran out. */
export function splitMembers(list: readonly MemberSummary[]): { current: MemberSummary[]; gone: MemberSummary[] } {
  return {
    current: list.filter((m) => m.status === MemberStatus.Member),
    gone: list.filter((m) => m.status !== MemberStatus.Member),
  }
}

/** Admins (and the founder) in the space now, other than `me`: who would remain to run it. */
export function otherAdmins(list: readonly MemberSummary[], me: string | null): MemberSummary[] {
  return list.filter((m) => m.status === MemberStatus.Member && m.did !== me && (m.role === 'admin' || m.role === 'founder'))
}

export interface MemberActions {
  makeAdmin: boolean
  makeMember: boolean
  remove: boolean
  leave: boolean
}

/** What this peer (`me`, in `myRole`) may do to member `m`. */
export function actionsFor(m: MemberSummary, me: string | null, myRole: SpaceRole | null | undefined, list: readonly MemberSummary[]): MemberActions {
  const none: MemberActions = { makeAdmin: false, makeMember: false, remove: false, leave: false }
  if (m.status !== MemberStatus.Member) return none
  const self = me !== null && m.did === me
  const admin = mayAdminister(myRole)
  const founder = m.role === 'founder'
  return {
    makeAdmin: admin && !founder && m.role === 'member',
    // Stepping down yourself needs another admin to remain (the peer refuses otherwise).
    makeMember: admin && !founder && m.role === 'admin' && (!self || otherAdmins(list, me).length > 0),
    remove: admin && !founder && !self,
    leave: self,
  }
}

/** What leaving asks of this peer: nothing, naming a new admin first, or it cannot (no one else to hand the space to). */
export type LeaveNeed = { kind: 'plain' } | { kind: 'name-admin'; candidates: MemberSummary[] } | { kind: 'alone' }

export function leaveNeed(list: readonly MemberSummary[], me: string | null, myRole: SpaceRole | null | undefined): LeaveNeed {
  if (!mayAdminister(myRole) || otherAdmins(list, me).length > 0) return { kind: 'plain' }
  const candidates = list.filter((m) => m.status === MemberStatus.Member && m.did !== me)
  return candidates.length > 0 ? { kind: 'name-admin', candidates } : { kind: 'alone' }
}

/** How long an invite may stay good (the peer allows 1 minute to 30 days). */
export const INVITE_EXPIRIES: ReadonlyArray<{ label: string; seconds: number }> = [
  { label: '1 hour', seconds: 3_600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
  { label: '30 days', seconds: 30 * 86_400 },
]

/** "Admin" for `admin`: the role as its badge reads. */
export function roleWord(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1)
}
