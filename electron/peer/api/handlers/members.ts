/** Handlers of the member operations (roles, removal, leaving, renaming) and of backup (export, import). */
import type { Members } from '../../domain/members.ts'
import type { SpaceArchive } from '../../domain/space-archive.ts'
import type { Handlers } from '../call.ts'

export function memberHandlers(d: { members: Members }): Pick<Handlers, 'listMembers' | 'setMemberRole' | 'removeMember' | 'leaveSpace' | 'rename'> {
  return {
    listMembers: async (_ctx, input) => d.members.list(input.spaceId),
    setMemberRole: async (_ctx, input) => d.members.setRole(input.spaceId, input.did, input.role),
    removeMember: async (_ctx, input) => d.members.remove(input.spaceId, input.did),
    leaveSpace: async (_ctx, input) => d.members.leave(input.spaceId, input.admin),
    rename: async (_ctx, input) => d.members.rename(input?.name),
  }
}

export function backupHandlers(d: { archive: SpaceArchive }): Pick<Handlers, 'exportSpace' | 'importSpace'> {
  return {
    exportSpace: async (_ctx, input) => d.archive.export(input.spaceId, input.file, input.overwrite),
    importSpace: async (_ctx, input) => d.archive.import(input.file),
  }
}
