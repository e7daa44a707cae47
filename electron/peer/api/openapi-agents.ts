/** The OpenAPI components of the agents' answers (shared/api/agents-api.ts). */
import type { Schema } from './openapi-schema.ts'

export const AGENT_COMPONENTS: Record<string, Schema> = {
  AgentSummary: { type: 'object' },
  AgentResult: { type: 'object' },
}
