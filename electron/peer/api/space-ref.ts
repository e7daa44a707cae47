/**
 * SPACE, wherever a call takes one, is a space's id or its name where that name is unique
 * among this peer's spaces (DESIGN.md, "Local API and CLI"), or a unique start of its id. Every call's `spaceId` is
 * resolved here, before the permission check, so everything after it sees an id. An agent's
 * calls resolve its own space only (`agentSpaceResolver`).
 */
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { looksLikeDocumentId, type SpaceId } from '../../../shared/ids.ts'

export interface KnownSpaces {
  spaceIds(): SpaceId[]
  has(spaceId: SpaceId): boolean
  name(spaceId: SpaceId): string | undefined
}

/** Maps a call's input to one whose `spaceId` is an id: a known id stays, a unique name becomes its id. */
export function spaceResolver(spaces: KnownSpaces): (input: unknown) => unknown {
  return (input) => {
    if (typeof input !== 'object' || input === null) return input
    const ref = (input as { spaceId?: unknown }).spaceId
    if (typeof ref !== 'string' || spaces.has(ref as SpaceId)) return input
    const spaceId = byName(spaces, ref) ?? byIdStart(spaces, ref)
    if (spaceId !== undefined) return { ...input, spaceId }
    // Something shaped like an id goes on, for the call to answer as it does for a space it does
    // not hold (a guest space gone, say); anything else names no space, and stops here.
    if (looksLikeDocumentId(ref)) return input
    const mine = spaces.spaceIds().map((id) => spaces.name(id)).filter((n): n is string => n !== undefined)
    throw new CommonweaveError(ErrorCode.SpaceNotFound, `No space named "${ref.slice(0, 120)}" here. ${mine.length > 0
      ? `Your spaces: ${mine.slice(0, 10).map((n) => `"${n}"`).join(', ')}${mine.length > 10 ? ', …' : ''}.` : 'You are in no spaces yet.'} "commonweave space list" shows them with their ids.`)
  }
}

/**
 * An agent's resolver: it acts in its own space only, named by id or by its name. Any other
 * reference is refused before anything looks it up, in words that are the same whether such a
 * space exists here or not and name none of this peer's other spaces: an agent must not learn
 * what else its peer holds.
 */
export function agentSpaceResolver(spaces: Pick<KnownSpaces, 'name'>, own: SpaceId, agentName: string): (input: unknown) => unknown {
  return (input) => {
    if (typeof input !== 'object' || input === null) return input
    const ref = (input as { spaceId?: unknown }).spaceId
    if (ref === undefined || ref === own) return input
    const name = spaces.name(own)
    if (typeof ref === 'string' && name !== undefined && fold(ref) === fold(name)) return { ...input, spaceId: own }
    throw new CommonweaveError(ErrorCode.Forbidden, `${agentName} acts only in its own space${name === undefined ? '' : ` ("${name}")`}: its grant reaches no other. Name its own space, by id or name.`)
  }
}

/** A name as people type it: case, spacing and Unicode form aside. */
function fold(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** The one space whose id starts with `ref` (at least 4 characters), as item ids may be shortened. */
function byIdStart(spaces: KnownSpaces, ref: string): SpaceId | undefined {
  if (ref.length < 4) return undefined
  const hits = spaces.spaceIds().filter((id) => id.startsWith(ref))
  return hits.length === 1 ? hits[0] : undefined
}

/** The space a name names: exactly first, then ignoring case and spacing; undefined when none (the call then answers SPACE_NOT_FOUND). */
function byName(spaces: KnownSpaces, ref: string): SpaceId | undefined {
  const all = spaces.spaceIds().map((id) => ({ id, name: spaces.name(id) ?? '' }))
  for (const same of [(n: string) => n === ref, (n: string) => fold(n) === fold(ref)]) {
    const hits = all.filter((s) => same(s.name))
    if (hits.length === 1) return hits[0]!.id
    if (hits.length > 1) {
      throw new CommonweaveError(ErrorCode.ValidationFailed,
        `"${ref}" is the name of ${hits.length} of your spaces: ${hits.map((s) => `${s.name} (${s.id})`).join(', ')}. Give the space's id instead.`,
        { candidates: hits.map((s) => ({ spaceId: s.id, name: s.name })) })
    }
  }
  return undefined
}
