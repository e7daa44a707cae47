/** Relationship suggestions: unlinked pairs of map nodes or members who share neighbours, tags, or a matching need and offer. */
import type { Suggestion } from '../api/insight-api.ts'
import type { ScoredMatch, SpaceFacts } from './contract.ts'

/** `matches`: per need id, its matches within the space. */
export function suggestions(_facts: SpaceFacts, _matches: ReadonlyMap<string, readonly ScoredMatch[]>, _limit: number): Suggestion[] {
  throw new Error('not built yet')
}
