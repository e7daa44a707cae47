/** Operations on spaces: create, list, invite, join. */
import { z } from 'zod'
import { ErrorCode } from '../../errors.ts'
import { INVITE_SECONDS } from '../../invite-code.ts'
import { INVITE_USES, SpaceNameSchema } from '../../schemas/space.ts'
import { arrayOf, bodyOnly, defineOperation, inSpace, noInput, schemaRef } from '../operation.ts'

const CreateSpaceBody = z.strictObject({ name: SpaceNameSchema })
const CreateInviteBody = z.strictObject({
  expiresInSeconds: z.number().int().min(INVITE_SECONDS.min, INVITE_SECONDS.message).max(INVITE_SECONDS.max, INVITE_SECONDS.message).optional(),
  uses: z.number().int().min(1, INVITE_USES.message).max(INVITE_USES.max, INVITE_USES.message).optional(),
})
const JoinBody = z.strictObject({
  code: z.string().trim().min(1, 'code is required').max(4096, 'code is too long'),
  timeoutMs: z.number().int().positive().max(3_600_000, 'timeoutMs is at most one hour').optional(),
})

export const listSpaces = defineOperation({
  op: 'listSpaces', summary: 'Spaces this peer is a member of, or holds a grant to',
  http: { method: 'GET', path: '/v1/spaces', status: 200 }, body: null, input: noInput,
  response: arrayOf(schemaRef('SpaceSummary')), needs: { scope: 'peer' },
  cli: { path: ['space', 'list'], args: [], usage: 'commonweave space list', summary: 'the spaces you are in' },
})

export const createSpace = defineOperation({
  op: 'createSpace', summary: 'Create a space, with this peer as its founder',
  http: { method: 'POST', path: '/v1/spaces', status: 201 }, body: CreateSpaceBody, input: bodyOnly,
  response: schemaRef('SpaceSummary'), needs: { scope: 'peer' },
  cli: { path: ['space', 'create'], args: [['NAME', 'name']], usage: 'commonweave space create NAME', summary: 'create a space (you are its founder)' },
})

export const createInvite = defineOperation({
  op: 'createInvite', summary: 'Create an invite code for a space: it admits one person, or up to `uses` people (a meeting), until it expires',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/invites', status: 201 }, body: CreateInviteBody, input: inSpace,
  response: schemaRef('InviteResult'), needs: { scope: 'peer' },
  cli: {
    path: ['invite'], args: [['SPACE', 'spaceId']], flags: { expires: { field: 'expiresInSeconds', parse: 'duration' }, uses: { parse: 'int' } },
    usage: 'commonweave invite SPACE [--expires 24h] [--uses N]', summary: 'make an invite code (one person, or N people at a meeting)',
    notes: 'Each person admitted gets a member grant of their own. The code is refused after N people used it, or once it expires.',
  },
})

export const joinSpace = defineOperation({
  op: 'joinSpace', summary: "Join a space with an invite code; answers once the space's documents are synced",
  http: { method: 'POST', path: '/v1/join', status: 200 }, body: JoinBody, input: bodyOnly,
  response: schemaRef('SpaceSummary'), needs: { scope: 'peer' },
  errors: [ErrorCode.InviteInvalid, ErrorCode.InviteExpired, ErrorCode.InviteUsed, ErrorCode.Timeout, ErrorCode.InviterUnreachable],
  cli: {
    path: ['join'], args: [['CODE', 'code']], flags: { timeout: { field: 'timeoutMs', parse: 'durationMs' } },
    usage: 'commonweave join CODE [--timeout 60s]', summary: 'join a space with an invite code; returns once it has synced',
  },
})
