import { z } from 'zod'
import { fromBase64Url, toBase64Url } from './base64url.ts'
import { CommonweaveError, ErrorCode } from './errors.ts'
import { looksLikeDocumentId, type PeerIdString, type SpaceId } from './ids.ts'
import { addrProblem, peerAddrProblem, peerIdProblem } from './schemas/peer-address.ts'
import { hasSteeringChar, STEERING_CHARS } from './schemas/text.ts'

/**
 * An invite code carries everything a joiner needs to reach the inviter and prove it was
 * invited: the space id, the inviter's peer id and addresses, a one-time secret, an expiry, and
 * the community peers the inviter knows (so a joiner off the LAN reaches the inviter through
 * one, and keeps it as its own).
 * Format: `cw1.` + base64url(JSON). The secret is the only confidential part; it is good
 * once, until `exp`. Nothing in it is signed: every field is checked before any is acted on,
 * and its `name` is only shown in messages about the join (the space's name comes from its
 * authority document once joined).
 */
export interface Invite {
  v: 1
  space: SpaceId
  name: string
  inviter: PeerIdString
  addrs: string[]
  secret: string
  /** expiry, unix seconds */
  exp: number
  /** Full addresses (ending in /p2p/<id>) of the community peers the inviter knows. */
  community?: string[]
}

/** How long an invite may be good for. */
export const INVITE_SECONDS = {
  min: 60,
  max: 30 * 86_400,
  message: 'an invite expires after 1 minute at the least and 30 days at the most (e.g. --expires 24h)',
} as const

const PREFIX = 'cw1.'
const MAX_CODE_LENGTH = 4096

const InviteSchema = z.strictObject({
  v: z.literal(1),
  space: z.string().min(1).max(100).refine(looksLikeDocumentId, 'its space is not a space id'),
  name: z.string().max(120).refine((s) => !hasSteeringChar(s), 'the space name in it holds control characters'),
  inviter: z.string().min(1).max(200).refine((s) => peerIdProblem(s) === null, 'its inviter is not a libp2p peer id (12D3KooW…)'),
  addrs: z.array(z.string().min(1).max(300)).max(8),
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'secret must be 32 bytes base64url'),
  exp: z.number().int().positive(),
  community: z.array(z.string().min(1).max(300)).max(4).optional(),
}).superRefine((invite, ctx) => {
  invite.community?.forEach((addr, i) => {
    const problem = peerAddrProblem(addr)
    if (problem) ctx.addIssue({ code: 'custom', path: ['community', i], message: `a community peer's address in it is wrong: ${problem}` })
  })
  invite.addrs.forEach((addr, i) => {
    const problem = addrProblem(addr, invite.inviter)
    if (problem) ctx.addIssue({ code: 'custom', path: ['addrs', i], message: `an address in it is wrong: ${problem}` })
  })
})

/** The invite as a code; control characters are left out of the space's name, which a joiner would refuse. */
export function encodeInvite(invite: Invite): string {
  return PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify({ ...invite, name: invite.name.replace(STEERING_CHARS, '') })))
}

/** Parses and validates an invite code; throws INVITE_INVALID with a reason a person can act on. */
export function decodeInvite(code: string): Invite {
  const text = code.trim()
  if (text.length > MAX_CODE_LENGTH) throw invalid('the code is too long')
  if (!text.startsWith(PREFIX)) throw invalid('it does not start with "cw1." — copy the whole code')
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(text.slice(PREFIX.length))))
  } catch {
    throw invalid('it is damaged or cut short — copy the whole code again')
  }
  const parsed = InviteSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.')
    throw invalid(issue?.code === 'unrecognized_keys' ? `it has unknown fields (${where})`
      : issue?.code === 'custom' ? issue.message : `it has a malformed field (${where || '?'})`)
  }
  return parsed.data as Invite
}

function invalid(reason: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.InviteInvalid, `This is not a valid Commonweave invite code: ${reason}.`)
}

/** Kept here too: grant codes and tests import them from the invite code's module. */
export { fromBase64Url, toBase64Url } from './base64url.ts'
