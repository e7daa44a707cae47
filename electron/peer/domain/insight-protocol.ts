/**
 * The messages between the insight service and its worker thread (insight-worker.ts). Feed
 * messages (upsert, remove, drop) keep the worker's indexes up to date and get no answer;
 * queries carry a job number and get one `done` or `failed` back. One port carries both, in
 * order: a query sent after an upsert is answered over the index with that item in it.
 */
import type { GapsResult, HealthFigures, Match, MatchResult, SpaceRef, Suggestion } from '../../../shared/api/insight-api.ts'
import type { GapRules, InsightResource, MatchOptions, SpaceFacts } from '../../../shared/insight/contract.ts'
import type { SpaceId } from '../../../shared/ids.ts'

/** A space's facts without its resources: the worker adds them from its own copy when the caller may read them. */
export type FactsWithoutResources = Omit<SpaceFacts, 'resources'> & { withResources: boolean }

export type InsightQuery =
  | { type: 'match'; asking: SpaceRef; needId?: string; offerSpaces: SpaceRef[]; opts: MatchOptions }
  | { type: 'gaps'; facts: FactsWithoutResources; rules: GapRules }
  | { type: 'suggest'; facts: FactsWithoutResources; limit: number }
  | { type: 'health'; facts: FactsWithoutResources }

/** Per space considered, its open offers and (the asking space) open needs. */
export type MatchAnswer = Omit<MatchResult, 'computedAt' | 'spaces' | 'offers'> & { spaces: Array<SpaceRef & { offers: number; needs: number }> }

export interface QueryAnswers {
  match: MatchAnswer
  gaps: Omit<GapsResult, 'computedAt'>
  suggest: Suggestion[]
  health: HealthFigures
}

/** What keeps the worker's index of a space up to date. */
export type FeedMessage =
  | { type: 'upsert'; spaceId: SpaceId; items: InsightResource[] }
  | { type: 'remove'; spaceId: SpaceId; ids: string[] }
  | { type: 'drop'; spaceId: SpaceId }

/** The long lists of a query's facts, sent ahead of it in parts (`facts-part`). */
export type FactsList = 'bookings' | 'nodes' | 'edges'

export type ToInsightWorker =
  | FeedMessage
  /**
   * With `parts`, the query's facts came ahead in `facts-part` messages (their lists empty here):
   * copying thousands of bookings or map nodes to the worker in one message would hold the
   * peer's event loop for as long as the copy takes.
   */
  | { type: 'query'; job: number; query: InsightQuery; parts?: true }
  | { type: 'facts-part'; job: number; list: FactsList; items: unknown[] }
  /** The next part of a match answer; `forget` when it is no longer wanted. */
  | { type: 'more'; job: number }
  | { type: 'forget'; job: number }

export type FromInsightWorker =
  /**
   * A part of a match answer's matches, ahead of its `done`; the next part comes when asked
   * for (`more`). Thousands of matches read as one message would hold the peer's event loop
   * for a tenth of a second; asked for part by part, each is read in a turn of its own.
   */
  | { type: 'matches'; job: number; matches: Match[] }
  | { type: 'done'; job: number; answer: QueryAnswers[InsightQuery['type']] }
  | { type: 'failed'; job: number; message: string }
  /** A feed message the engine refused: the space's index is dropped, to be loaded afresh at its next query. */
  | { type: 'feed-failed'; spaceId: SpaceId; message: string }
