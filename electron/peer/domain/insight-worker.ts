/**
 * The insight worker thread (started by insight-engine.ts): holds the match indexes of the
 * spaces it is fed and answers queries over them (insight-indexes.ts), off the peer's event
 * loop. Feed messages are applied in the order they come, before any later query. A match
 * answer goes back in parts (see `matches` in insight-protocol.ts).
 */
import { parentPort } from 'node:worker_threads'
import type { Match } from '../../../shared/api/insight-api.ts'
import { InsightIndexes } from './insight-indexes.ts'
import type { FactsList, FromInsightWorker, InsightQuery, QueryAnswers, ToInsightWorker } from './insight-protocol.ts'

/** Matches per message back: a few milliseconds of the peer's time to read each. */
const PART = 250

const port = parentPort
if (!port) throw new Error('insight-worker.ts runs only as a worker thread (it has no parentPort here)')

const indexes = new InsightIndexes()
const post = (m: FromInsightWorker): void => port.postMessage(m)

/** The facts lists sent ahead of a query, by job (see `parts` in insight-protocol.ts). */
const factsParts = new Map<number, Record<FactsList, unknown[]>>()

/** The query with the facts lists sent ahead of it put back. */
function whole(m: Extract<ToInsightWorker, { type: 'query' }>): InsightQuery {
  const parts = factsParts.get(m.job)
  factsParts.delete(m.job)
  const q = m.query
  if (!m.parts || !('facts' in q) || !parts) return q
  const { facts } = q
  const graph = facts.graph ? { nodes: parts.nodes as NonNullable<typeof facts.graph>['nodes'], edges: parts.edges as NonNullable<typeof facts.graph>['edges'] } : null
  return { ...q, facts: { ...facts, bookings: parts.bookings as typeof facts.bookings, graph } }
}

/** The parts of match answers not asked for yet, by job. */
const unsent = new Map<number, { parts: Match[][]; rest: Omit<QueryAnswers['match'], 'matches'> }>()

/** The next part of a match answer, or its end. */
function next(job: number): void {
  const held = unsent.get(job)
  if (!held) return
  const part = held.parts.shift()
  if (part) return post({ type: 'matches', job, matches: part })
  unsent.delete(job)
  post({ type: 'done', job, answer: { ...held.rest, matches: [] } })
}

port.on('message', (m: ToInsightWorker) => {
  if (m.type === 'more') return next(m.job)
  if (m.type === 'forget') {
    factsParts.delete(m.job)
    return void unsent.delete(m.job)
  }
  if (m.type === 'facts-part') {
    let parts = factsParts.get(m.job)
    if (!parts) factsParts.set(m.job, (parts = { bookings: [], nodes: [], edges: [] }))
    for (const item of m.items) parts[m.list].push(item)
    return
  }
  if (m.type === 'upsert' || m.type === 'remove' || m.type === 'drop') {
    try {
      indexes.handle(m)
    } catch (err) {
      indexes.handle({ type: 'drop', spaceId: m.spaceId })
      post({ type: 'feed-failed', spaceId: m.spaceId, message: err instanceof Error ? err.message : String(err) })
    }
    return
  }
  try {
    const query = whole(m)
    const answer = indexes.answer(query)
    if (query.type !== 'match') return post({ type: 'done', job: m.job, answer })
    const { matches, ...rest } = answer as QueryAnswers['match']
    const parts: Match[][] = []
    for (let i = 0; i < matches.length; i += PART) parts.push(matches.slice(i, i + PART))
    unsent.set(m.job, { parts, rest })
    next(m.job)
  } catch (err) {
    post({ type: 'failed', job: m.job, message: err instanceof Error ? err.message : String(err) })
  }
})
