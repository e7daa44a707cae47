/**
 * Grant verification: a pure function of the envelopes, the space's root, the audience, the
 * time and the revocations. It returns the scope a chain grants, or the first rule it breaks.
 *
 * A chain is a list of grants from the space's root to the audience. It is valid only when:
 * - its length and every envelope's size are within their caps, and every envelope is canonical;
 * - every signature is valid (strict Ed25519) and every grant is for this space;
 * - now lies within every grant's nbf (less the allowed clock skew) and exp;
 * - it aligns: the first issuer is the root, aud[i] == iss[i+1], and the last aud is the
 *   Noise-authenticated remote peer;
 * - each link only narrows: cmd, docs and purpose are covered by the parent, exp is no later,
 *   and dlg decreases (a parent with dlg 0 cannot delegate at all);
 * - nothing in it is revoked.
 */
import type { Did } from '../ids.ts'
import { decodeGrant, decodeRevocation } from './grant-codec.ts'
import {
  CLOCK_SKEW_SECONDS, MAX_CHAIN_LENGTH, cmdCovers, docsCover, type Grant, type Revocation,
} from './grant-format.ts'
import { purposeCovers } from './purposes.ts'
import type { GrantCrypto } from './signature.ts'
import { ErrorCode, fail, ok, type Result } from './result.ts'

export interface ChainContext {
  /** The space the chain must be for. */
  space: string
  /** The space's root authority: its founder. */
  root: Did
  /** The peer the chain must end at; omit to check a chain without knowing its holder yet. */
  audience?: Did
  /** Milliseconds since the epoch. */
  now: number
  isRevoked: (grantId: string) => boolean
  crypto: GrantCrypto
}

/** What a valid chain allows its last audience: the narrowest of every link. */
export interface ChainScope {
  ids: string[]
  grants: Grant[]
  audience: Did
  cmd: string
  docs: string[]
  purpose: string
  /** The earliest expiry along the chain, in seconds. */
  exp: number
  dlg: number
}

/** Decodes one envelope and checks everything about it that needs no chain: signature, space, time, revocation. */
export function verifyGrant(bytes: Uint8Array, ctx: Omit<ChainContext, 'root' | 'audience'>): Result<Grant> {
  const decoded = decodeGrant(bytes, ctx.crypto)
  if (!decoded.ok) return decoded
  const g = decoded.value
  if (!ctx.crypto.verify(g.signature, g.signedBytes, g.issuerKey)) return fail(ErrorCode.SignatureInvalid, `the signature of grant ${short(g.id)} is not valid for its issuer`)
  return checkStanding(g, ctx)
}

/** Checks a grant already decoded and signature-checked against the space, the time and the revocations. */
export function checkStanding(g: Grant, ctx: Omit<ChainContext, 'root' | 'audience' | 'crypto'>): Result<Grant> {
  if (g.payload.sub !== ctx.space) return fail(ErrorCode.WrongSpace, `grant ${short(g.id)} is for another space`)
  const now = Math.floor(ctx.now / 1000)
  if (now >= g.payload.exp) return fail(ErrorCode.GrantExpired, `grant ${short(g.id)} expired at ${iso(g.payload.exp)}`)
  if (g.payload.nbf > now + CLOCK_SKEW_SECONDS) return fail(ErrorCode.GrantNotYetValid, `grant ${short(g.id)} is not valid before ${iso(g.payload.nbf)}`)
  if (ctx.isRevoked(g.id)) return fail(ErrorCode.GrantRevoked, `grant ${short(g.id)} has been revoked`)
  return ok(g)
}

/** Verifies a whole chain of envelopes, root first. */
export function verifyChain(chain: readonly Uint8Array[], ctx: ChainContext): Result<ChainScope> {
  if (!Array.isArray(chain) || chain.length === 0) return fail(ErrorCode.GrantMalformed, 'a proof chain holds at least one grant')
  if (chain.length > MAX_CHAIN_LENGTH) return fail(ErrorCode.ChainTooLong, `a proof chain holds at most ${MAX_CHAIN_LENGTH} grants`)
  const grants: Grant[] = []
  for (const bytes of chain) {
    const g = verifyGrant(bytes, ctx)
    if (!g.ok) return g
    grants.push(g.value)
  }
  return checkChain(grants, ctx)
}

/** Checks the links of a chain whose grants each passed `verifyGrant` (or `checkStanding` after a cached signature check). */
export function checkChain(grants: readonly Grant[], ctx: Pick<ChainContext, 'root' | 'audience'>): Result<ChainScope> {
  if (grants.length === 0) return fail(ErrorCode.GrantMalformed, 'a proof chain holds at least one grant')
  if (grants.length > MAX_CHAIN_LENGTH) return fail(ErrorCode.ChainTooLong, `a proof chain holds at most ${MAX_CHAIN_LENGTH} grants`)
  const first = grants[0]!.payload
  if (first.iss !== ctx.root) return fail(ErrorCode.WrongRoot, 'the chain does not start at the space\'s founder')
  for (let i = 1; i < grants.length; i++) {
    const parent = grants[i - 1]!.payload
    const child = grants[i]!.payload
    if (parent.aud !== child.iss) return fail(ErrorCode.ChainMisaligned, `link ${i} is issued by someone the link before did not grant to`)
    if (child.sub !== parent.sub) return fail(ErrorCode.WrongSpace, `link ${i} is for another space`)
    if (parent.dlg === 0) return fail(ErrorCode.NotDelegable, `link ${i - 1} may not be delegated further`)
    if (child.dlg >= parent.dlg) return fail(ErrorCode.NotDelegable, `link ${i} does not lower the delegation depth`)
    if (!cmdCovers(parent.cmd, child.cmd)) return fail(ErrorCode.CmdEscalated, `link ${i} asks for ${child.cmd}, beyond ${parent.cmd}`)
    if (!docsCover(parent.pol.docs, child.pol.docs)) return fail(ErrorCode.DocsEscalated, `link ${i} covers documents the link before does not`)
    if (!purposeCovers(parent.pol.purpose, child.pol.purpose)) return fail(ErrorCode.PurposeEscalated, `link ${i} names purpose ${child.pol.purpose}, beyond ${parent.pol.purpose}`)
    if (child.exp > parent.exp) return fail(ErrorCode.ExpiryExtended, `link ${i} outlives the link before`)
  }
  const last = grants[grants.length - 1]!.payload
  if (ctx.audience !== undefined && last.aud !== ctx.audience) return fail(ErrorCode.WrongAudience, 'the chain ends at another peer')
  let exp = Infinity
  for (const g of grants) exp = Math.min(exp, g.payload.exp)
  return ok({
    ids: grants.map((g) => g.id),
    grants: [...grants],
    audience: last.aud,
    cmd: last.cmd,
    docs: last.pol.docs,
    purpose: last.pol.purpose,
    exp,
    dlg: last.dlg,
  })
}

/** Decodes a revocation and checks its signature. Whether its issuer may revoke its target is the index's call. */
export function verifyRevocation(bytes: Uint8Array, space: string, crypto: GrantCrypto): Result<Revocation> {
  const decoded = decodeRevocation(bytes, crypto)
  if (!decoded.ok) return decoded
  const r = decoded.value
  if (!crypto.verify(r.signature, r.signedBytes, r.issuerKey)) return fail(ErrorCode.SignatureInvalid, 'the signature of the revocation is not valid for its issuer')
  if (r.payload.sub !== space) return fail(ErrorCode.WrongSpace, 'the revocation is for another space')
  return ok(r)
}

function short(id: string): string {
  return id.slice(-10)
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}
