/**
 * What this peer may do with a space's decisions, judged as the peer judges it (the
 * operations' `needs`: write on the `decisions` collection), so no control is offered that
 * the peer would refuse. Taking a stance and closing are the peer's own answers
 * (`mayStance`, `mayClose` on each proposal): eligibility and authorship are known there.
 */
import type { SpaceSummary } from '../../../shared/api/peer-api.ts'
import { ALL_DOCS, Cmd } from '../../../shared/grants/grant-format.ts'

/** The decisions collection's name, as grants list it. */
export const DECISIONS = 'decisions'

type Space = Pick<SpaceSummary, 'role' | 'access'>

/** Whether a guest's grant names the collection (or the whole space); members see every section. */
export function covers(space: Space | null, collection: string): boolean {
  if (!space) return false
  if (space.role !== 'guest') return true
  const { docs } = space.access
  return docs.includes(ALL_DOCS) || docs.includes(collection)
}

/** Whether this peer may make a proposal in the space: members only (a guest's grant lets it read or write, not vote). */
export function mayPropose(space: Space | null): boolean {
  if (!space || space.role === 'guest') return false
  const { cmd, docs } = space.access
  if (cmd === Cmd.All) return true
  if (cmd !== Cmd.Write) return false
  return docs.includes(ALL_DOCS) || docs.includes(DECISIONS)
}
