/** Operations on members: the roster with roles, making admins, removing members, leaving, and this peer's name. */
import { z } from 'zod'
import { MemberNameSchema } from '../../schemas/space.ts'
import { arrayOf, bodyOnly, defineOperation, inSpace, onlyParams, schemaRef, type RouteParams } from '../operation.ts'

const MemberRef = z.string().trim().min(1, 'name a member: their did, a unique start of it, or their name').max(200, 'a member reference is at most 200 characters')
const RoleBody = z.strictObject({
  role: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['admin', 'member'], { error: 'the role is admin or member' })),
})
const LeaveBody = z.strictObject({ admin: MemberRef.optional() })
const RenameBody = z.strictObject({ name: MemberNameSchema })
const withMember = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), spaceId: p['spaceId'], did: p['did'] })

const MEMBER_REF_NOTE = 'DID may be a member\'s did, a unique start of it, or their name where it is unique in the space.'

export const listMembers = defineOperation({
  op: 'listMembers', summary: 'Members of a space with their roles (from their grants), and those who left or were removed',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/members', status: 200 }, body: null, input: onlyParams,
  response: arrayOf(schemaRef('MemberSummary')), needs: { scope: 'peer' },
  cli: { path: ['members'], args: [['SPACE', 'spaceId']], usage: 'commonweave members SPACE', summary: 'who is in a space, in which role, and who is online' },
})

export const setMemberRole = defineOperation({
  op: 'setMemberRole', summary: 'Make a member an admin (may invite, make admins and remove members), or an admin a member again',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/members/:did/role', status: 200 }, body: RoleBody, input: withMember,
  response: schemaRef('MemberSummary'), needs: { scope: 'peer' },
  cli: {
    path: ['member', 'role'], args: [['SPACE', 'spaceId'], ['DID', 'did'], ['ROLE', 'role']],
    usage: 'commonweave member role SPACE DID admin|member', summary: 'make someone an admin, or a member again', notes: MEMBER_REF_NOTE,
  },
})

export const removeMember = defineOperation({
  op: 'removeMember', summary: 'Remove a member: every grant they hold in the space is revoked, and they are cut off',
  http: { method: 'DELETE', path: '/v1/spaces/:spaceId/members/:did', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('MemberSummary'), needs: { scope: 'peer' },
  cli: {
    path: ['member', 'remove'], args: [['SPACE', 'spaceId'], ['DID', 'did']],
    usage: 'commonweave member remove SPACE DID', summary: 'remove someone from a space (revokes their grants)', notes: MEMBER_REF_NOTE,
  },
})

export const leaveSpace = defineOperation({
  op: 'leaveSpace', summary: 'Leave a space: give up this peer\'s grants there, revoke those it gave, and forget the space\'s documents',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/leave', status: 200 }, body: LeaveBody, input: inSpace,
  response: schemaRef('LeaveResult'), needs: { scope: 'peer' },
  cli: {
    path: ['leave'], args: [['SPACE', 'spaceId']], flags: { admin: { parse: 'trim' } },
    usage: 'commonweave leave SPACE [--admin DID]', summary: 'leave a space; its documents are removed from this machine',
    notes: 'The last admin of a space names another with --admin (a member, made admin first).',
  },
})

export const rename = defineOperation({
  op: 'rename', summary: 'Set this peer\'s display name, in every space it is in',
  http: { method: 'POST', path: '/v1/rename', status: 200 }, body: RenameBody, input: bodyOnly,
  response: schemaRef('RenameResult'), needs: { scope: 'peer' },
  cli: { path: ['rename'], args: [['NAME', 'name']], usage: 'commonweave rename NAME', summary: 'your display name, everywhere' },
})
