/** Calls and refusals of the insight and agent operations, as rows of routes.test.ts's tables. */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'

/** Inputs each operation takes, that must come back whole from a request. */
export const INSIGHT_CALLS = {
  match: [
    ['a space', { spaceId: SPACE }],
    ['one need, across, tuned', { spaceId: SPACE, needId: '0b6f3c2e', across: true, perNeed: 3, minScore: 0.25 }],
  ],
  gaps: [['a space', { spaceId: SPACE }], ['a chosen age', { spaceId: SPACE, unmetAfterDays: 14 }]],
  suggest: [['a space', { spaceId: SPACE }], ['a limit', { spaceId: SPACE, limit: 10 }]],
  health: [['a space', { spaceId: SPACE }]],
  addAgent: [
    ['read', { spaceId: SPACE, name: 'helper', docs: ['resources'], purpose: 'agent-assist' }],
    ['write, an hour', { spaceId: SPACE, name: 'Claude desk 2', docs: ['resources', 'decisions'], write: true, purpose: 'agent-assist', expiresInSeconds: 3600 }],
  ],
  listAgents: [['a space', { spaceId: SPACE }]],
  renewAgent: [['by name', { spaceId: SPACE, agent: 'helper' }], ['a name with a space, 2 h', { spaceId: SPACE, agent: 'Claude desk 2', expiresInSeconds: 7200 }]],
  revokeAgent: [['by name', { spaceId: SPACE, agent: 'helper' }]],
} satisfies Partial<Record<PeerApiMethod, [string, unknown][]>>

/** Bodies (or queries) each operation refuses, and the field it names. */
export const INSIGHT_REJECTIONS: Array<[PeerApiMethod, unknown, string]> = [
  ['match', { across: 'yes' }, 'across'],
  ['match', { perNeed: '0' }, 'perNeed'],
  ['match', { minScore: '2' }, 'minScore'],
  ['gaps', { unmetAfterDays: '-1' }, 'unmetAfterDays'],
  ['suggest', { limit: 'many' }, 'limit'],
  ['addAgent', { docs: ['resources'], purpose: 'agent-assist' }, 'name'],
  ['addAgent', { name: 'a/b', docs: ['resources'], purpose: 'agent-assist' }, 'name'],
  ['addAgent', { name: 'x', docs: [], purpose: 'agent-assist' }, 'docs'],
  ['addAgent', { name: 'x', docs: ['resources'] }, 'purpose'],
  ['addAgent', { name: 'x', docs: ['resources'], purpose: 'agent-assist', expiresInSeconds: 90_000 }, 'expiresInSeconds'],
  ['addAgent', { name: 'x', docs: ['resources'], purpose: 'agent-assist', token: 'mine' }, ''],
  ['renewAgent', { expiresInSeconds: 86_401 }, 'expiresInSeconds'],
]
