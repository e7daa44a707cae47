/** The members feature of `PeerApi`: who is in a space and in which role, roles, removal, leaving, and this peer's name. */
import type { Did, SpaceId } from '../ids.ts'
import type { MemberRole } from '../schemas/space.ts'
import type { InSpace } from './resources-api.ts'

/** Whether someone is a member now, or how they stopped being one. */
export const MemberStatus = { Member: 'member', Left: 'left', Removed: 'removed', Expired: 'expired' } as const
export type MemberStatus = (typeof MemberStatus)[keyof typeof MemberStatus]

export interface MemberSummary {
  did: Did
  /** The name on the space's roster (null when no roster entry names them). */
  name: string | null
  /** From their grants: the founder, an admin (may invite, make admins, remove members), or a member; for one gone, the role they held. */
  role: MemberRole
  status: MemberStatus
  /** When their membership grant runs out (renewed by an admin before it does); null for the founder and for those gone. */
  grantExpires: string | null
  /** Whether their peer is connected to this one now. */
  online: boolean
  peerId: string | null
  joinedAt: string | null
  /** For those gone: when, and who removed them (removals only). */
  gone?: { at: string | null; by?: Did | null; byName?: string | null }
  /** After a removal: the members they had invited, who stay members on grants signed anew. */
  kept?: Array<{ did: Did; name: string | null }>
}

/** `did` may be a member's did, a unique start of it, or their name where it is unique in the space. */
export interface MemberRef extends InSpace { did: string }
export interface SetMemberRoleInput extends MemberRef { role: 'admin' | 'member' }
export interface LeaveSpaceInput extends InSpace {
  /** A member to make admin first, when this peer is the space's last admin. */
  admin?: string
}
export interface LeaveResult {
  spaceId: SpaceId
  name: string
  leftAt: string
  /** Whether a member's peer took the news before this one forgot the space (otherwise the others see it when they next meet a peer that has it). */
  announced: boolean
  /** Grants this peer gave up or revoked on leaving. */
  revoked: number
  /** Documents removed from this machine. */
  forgotten: number
}
export interface RenameInput { name: string }
export interface RenameResult { name: string; spaces: number }

export interface MembersApi {
  /** Members of a space with their roles, and those who left or were removed. */
  listMembers(input: InSpace): Promise<MemberSummary[]>
  /** Makes a member an admin, or an admin a member again (founder and admins only). */
  setMemberRole(input: SetMemberRoleInput): Promise<MemberSummary>
  /** Removes a member: revokes their grants; they are cut off like any revoked peer (founder and admins only). */
  removeMember(input: MemberRef): Promise<MemberSummary>
  /** Leaves a space: gives up this peer's grants there, revokes what it issued, and forgets the space's documents. */
  leaveSpace(input: LeaveSpaceInput): Promise<LeaveResult>
  /** This peer's display name, in every space it is in. */
  rename(input: RenameInput): Promise<RenameResult>
}
