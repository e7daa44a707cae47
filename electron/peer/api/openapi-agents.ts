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
  revoked: {
    ...obj({ at: date, by: nullable('string'), byName: nullable('string') }),
    description: 'Once its grant was revoked: when, and by whom (none where the space was left)',
  },
  alreadyRevoked: { type: 'boolean', description: 'On a revoke: it had been revoked before, and nothing changed' },
}
/** Every field but those present only in some answers. */
const SUMMARY_REQUIRED = Object.keys(SUMMARY).filter((k) => k !== 'revoked' && k !== 'alreadyRevoked')

export const AGENT_COMPONENTS: Record<string, Schema> = {
  AgentSummary: obj(SUMMARY, SUMMARY_REQUIRED),
  AgentResult: obj({
    ...SUMMARY,
    token: { ...str, description: 'Its API token, shown this once (256 bits, hex); `commonweave mcp --agent NAME` reads it from the data directory' },
    agent: { ...str, description: 'The same as name' },
  }, [...SUMMARY_REQUIRED, 'token', 'agent']),
}
