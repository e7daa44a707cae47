/** The OpenAPI components of coordination intelligence's answers (shared/api/insight-api.ts). */
import type { Schema } from './openapi-schema.ts'

export const INSIGHT_COMPONENTS: Record<string, Schema> = {
  MatchResult: { type: 'object' },
  GapsResult: { type: 'object' },
  SuggestResult: { type: 'object' },
  HealthResult: { type: 'object' },
}
