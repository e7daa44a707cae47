/** Ecosystem health: the figures a network weaver reads, and how each moved since a snapshot. */
import type { HealthFigures, HealthResult } from '../api/insight-api.ts'
import type { SpaceFacts } from './contract.ts'

export function healthFigures(_facts: SpaceFacts): HealthFigures {
  throw new Error('not built yet')
}

/** Each numeric figure's change from `previous` to `now`. */
export function healthChange(_now: HealthFigures, _previous: HealthFigures): HealthResult['change'] {
  throw new Error('not built yet')
}
