/** The OpenAPI components of the agents' answers (shared/api/agents-api.ts). */
import { date, enumOf, int, nullable, obj, str, strings, type Schema } from './openapi-schema.ts'

const SUMMARY: Record<string, Schema> = {
  name: { ...str, description: 'Unique among this peer\'s agents: `commonweave mcp --agent NAME` finds it by this' },
  did: { ...str, description: 'The did:key of the agent\'s own key, made on this peer (the key never leaves it)' },
  spaceId: str, spaceName: str,
  grantId: { ...str, description: 'Its grant in force (a renewal replaces it)' },
  cmd: enumOf(['read', 'write']),
  docs: { ...strings, description: 'The collections it may read (or write)' },
  purpose: { ...str, description: 'agent-assist, coordination, matching or research' },
  createdAt: date,
  expires: { ...date, description: 'When its grant in force ends' },
  status: enumOf(['active', 'expired', 'revoked']),
  calls: { ...int, description: 'Calls made with its token (allowed, refused or failed)' },
  lastCallAt: nullable('string', { format: 'date-time' }),
}

export const AGENT_COMPONENTS: Record<string, Schema> = {
  AgentSummary: obj(SUMMARY),
  AgentResult: obj({
    ...SUMMARY,
    token: { ...str, description: 'Its API token, shown this once (256 bits, hex); `commonweave mcp --agent NAME` reads it from the data directory' },
    agent: { ...str, description: 'The same as name' },
  }),
}
