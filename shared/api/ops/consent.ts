/** Operations on consent: grant, accept, revoke, and who can see what; the audit log. */
import { z } from 'zod'
import { ErrorCode } from '../../errors.ts'
import { MAX_DOCS, MAX_DOC_REF_LENGTH, MAX_NOTE_BYTES } from '../../grants/grant-format.ts'
import { ANY_PURPOSE, PURPOSES } from '../../grants/purposes.ts'
import { COLLECTIONS } from '../../collections/registry.ts'
import { lineText } from '../../schemas/text.ts'
import { arrayOf, bodyOnly, defineOperation, inSpace, onlyParams, schemaRef } from '../operation.ts'

/** The longest grant a person can sign here: one year. The peer narrows it by what the grant allows. */
const MAX_GRANT_SECONDS = 365 * 86_400
const utf8Length = (s: string): number => new TextEncoder().encode(s).length

const CreateGrantBody = z.strictObject({
  to: z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]{40,60}$/,
    'to must be a did:key, like the one `commonweave whoami` prints (did:key:z6Mk…)'),
  cmd: z.enum(['read', 'write'], { error: 'cmd must be read or write' }),
  docs: z.array(
    z.string().min(1, 'a document reference cannot be empty')
      .max(MAX_DOC_REF_LENGTH, `a document reference is at most ${MAX_DOC_REF_LENGTH} characters`)
      .regex(/^[A-Za-z0-9_*-]+$/, 'a document reference is a collection name (resources), a document id or *'),
  ).min(1, 'docs needs at least one collection name, document id or *').max(MAX_DOCS, `docs holds at most ${MAX_DOCS} references`),
  // Checked by the peer (PURPOSE_UNKNOWN), which knows which purposes a grant of this kind may name.
  purpose: z.string().min(1, 'purpose is required').max(64, 'purpose is at most 64 characters')
    .describe(`An id from the purpose list: ${PURPOSES.map((p) => p.id).join(', ')}`),
  expiresInSeconds: z.number().int('expiresInSeconds must be whole seconds')
    .min(1, 'expiresInSeconds must be at least 1').max(MAX_GRANT_SECONDS, `expiresInSeconds is at most ${MAX_GRANT_SECONDS} (a year)`).optional(),
  note: lineText('note', MAX_NOTE_BYTES)
    .refine((s) => utf8Length(s) <= MAX_NOTE_BYTES, `note is at most ${MAX_NOTE_BYTES} bytes of UTF-8`).optional(),
})
const AcceptGrantBody = z.strictObject({
  code: z.string().trim().min(1, 'code is required').max(16_384, 'code is too long'),
})
const EmptyBody = z.strictObject({})

/** Everything that can be wrong with a grant or its proof chain, as a verifier finds it. */
const GRANT_PROBLEMS: ErrorCode[] = [
  ErrorCode.GrantMalformed, ErrorCode.GrantTooLarge, ErrorCode.NonCanonical, ErrorCode.UnknownField, ErrorCode.BadKey,
  ErrorCode.SignatureInvalid, ErrorCode.ChainTooLong, ErrorCode.ChainMisaligned, ErrorCode.WrongRoot,
  ErrorCode.WrongAudience, ErrorCode.WrongSpace, ErrorCode.ExpiryTooLong, ErrorCode.PurposeUnknown,
  ErrorCode.CmdEscalated, ErrorCode.DocsEscalated, ErrorCode.PurposeEscalated, ErrorCode.ExpiryExtended,
  ErrorCode.NotDelegable, ErrorCode.GrantNotYetValid, ErrorCode.GrantExpired, ErrorCode.GrantRevoked,
]

/** The collections and purposes a grant to someone outside the space may name (`*` is for members' grants). */
const PURPOSE_NOTES = [
  `Collections for --docs: ${COLLECTIONS.map((c) => c.name).join(', ')} (or a document id, or * for the whole space)`,
  'Purposes for --purpose:', ...PURPOSES.filter((p) => p.id !== ANY_PURPOSE).map((p) => `  ${p.id.padEnd(13)} ${p.label}`),
].join('\n')

export const listGrants = defineOperation({
  op: 'listGrants', summary: 'Who can see what in a space, why, and until when',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/grants', status: 200 }, body: null, input: onlyParams,
  response: arrayOf(schemaRef('GrantSummary')), needs: { scope: 'peer' },
  cli: { path: ['grants'], args: [['SPACE', 'spaceId']], usage: 'commonweave grants SPACE', summary: 'who can see what in a space, why, and until when' },
})

export const createGrant = defineOperation({
  op: 'createGrant', summary: 'Sign a grant: read or write on some documents of a space, for a purpose, until a date; answers with a code for its audience',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/grants', status: 201 }, body: CreateGrantBody, input: inSpace,
  response: schemaRef('GrantResult'), needs: { scope: 'peer' },
  errors: [
    ErrorCode.PurposeUnknown, ErrorCode.ExpiryTooLong, ErrorCode.NotDelegable, ErrorCode.CmdEscalated,
    ErrorCode.DocsEscalated, ErrorCode.PurposeEscalated, ErrorCode.ExpiryExtended, ErrorCode.GrantExpired, ErrorCode.GrantRevoked,
  ],
  cli: {
    path: ['grant'], args: [['SPACE', 'spaceId']],
    flags: {
      to: { parse: 'trim' }, cmd: {}, docs: { parse: 'list' }, purpose: { parse: 'trim' },
      expires: { field: 'expiresInSeconds', parse: 'duration' }, note: {},
    },
    required: ['to', 'cmd', 'docs', 'purpose'],
    usage: 'commonweave grant SPACE --to DID --cmd read|write --docs COLLECTION[,COLLECTION|DOCID...] --purpose P [--expires 30d] [--note TEXT]',
    summary: 'let someone read or write some of a space, for a purpose, until a date; prints a code for them',
    notes: PURPOSE_NOTES,
  },
})

export const acceptGrant = defineOperation({
  op: 'acceptGrant', summary: 'Store a grant received as a code and dial its granter',
  http: { method: 'POST', path: '/v1/grants/accept', status: 200 }, body: AcceptGrantBody, input: bodyOnly,
  response: schemaRef('SpaceSummary'), needs: { scope: 'peer' }, errors: GRANT_PROBLEMS,
  cli: { path: ['accept'], args: [['CODE', 'code']], usage: 'commonweave accept CODE', summary: 'accept a grant code someone made for you' },
})

export const revokeGrant = defineOperation({
  op: 'revokeGrant', summary: 'Revoke a grant; it takes effect here at once and reaches connected peers first of all',
  http: { method: 'POST', path: '/v1/grants/:grantId/revoke', status: 200 }, body: EmptyBody, input: (p) => ({ grantId: p['grantId'] }),
  response: schemaRef('RevocationResult'), needs: { scope: 'peer' }, errors: [ErrorCode.GrantNotFound],
  cli: { path: ['revoke'], args: [['GRANT_ID', 'grantId']], usage: 'commonweave revoke GRANT_ID', summary: 'revoke a grant (the id is in "commonweave grants SPACE")' },
})

export const audit = defineOperation({
  op: 'audit', summary: "This peer's audit log for a space, oldest first",
  http: { method: 'GET', path: '/v1/spaces/:spaceId/audit', status: 200 }, body: null, input: onlyParams,
  response: arrayOf(schemaRef('AuditEntry')), needs: { scope: 'peer' },
  cli: { path: ['audit'], args: [['SPACE', 'spaceId']], usage: 'commonweave audit SPACE', summary: 'what this peer sent, received, refused and revoked in a space' },
})
