/**
 * The insight worker thread (started by insight-engine.ts): holds the match indexes of the
 * spaces it is fed and answers queries over them (insight-indexes.ts), off the peer's event
 * loop. Feed messages are applied in the order they come, before any later query.
 */
import { parentPort } from 'node:worker_threads'
import { InsightIndexes } from './insight-indexes.ts'
import type { FromInsightWorker, ToInsightWorker } from './insight-protocol.ts'

const port = parentPort
if (!port) throw new Error('insight-worker.ts runs only as a worker thread (it has no parentPort here)')

const indexes = new InsightIndexes()
const post = (m: FromInsightWorker): void => port.postMessage(m)

port.on('message', (m: ToInsightWorker) => {
  if (m.type !== 'query') {
    try {
      indexes.handle(m)
    } catch (err) {
      indexes.handle({ type: 'drop', spaceId: m.spaceId })
      post({ type: 'feed-failed', spaceId: m.spaceId, message: err instanceof Error ? err.message : String(err) })
    }
    return
  }
  try {
    post({ type: 'done', job: m.job, answer: indexes.answer(m.query) })
  } catch (err) {
    post({ type: 'failed', job: m.job, message: err instanceof Error ? err.message : String(err) })
  }
})
