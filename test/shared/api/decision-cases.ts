/** Calls and refusals of the decision operations, as rows of routes.test.ts's tables. */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
export const DECISION = 'd4e5f6a7'

/** Inputs each operation takes, that must come back whole from a request. */
export const DECISION_CALLS = {
  proposeDecision: [
    ['the required fields', { spaceId: SPACE, title: 'Open the hall on Sundays', process: 'consent', closes: '72h' }],
    ['every field', {
      spaceId: SPACE, title: 'Buy a second ladder 園芸', details: 'The tall one.\nFrom the co-op.', process: 'majority', quorum: 50, closes: '2026-12-24T18:00:00.000Z',
    }],
    ['a local time and the whole membership as quorum', { spaceId: SPACE, title: 'T', process: 'consensus', quorum: 100, closes: '2026-12-24T18:00' }],
    ['the advice process, the smallest quorum', { spaceId: SPACE, title: 'T', process: 'advice', quorum: 1, closes: '7d' }],
  ],
  listDecisions: [
    ['a space', { spaceId: SPACE }],
    ['open ones', { spaceId: SPACE, open: true }],
    ['closed ones', { spaceId: SPACE, closed: true }],
    ['both flags false', { spaceId: SPACE, open: false, closed: false }],
  ],
  getDecision: [['an id', { spaceId: SPACE, decisionId: '0b6f3c2e-5d1a-4c8e-9f00-1a2b3c4d5e6f' }], ['a start of an id', { spaceId: SPACE, decisionId: '0b6f' }]],
  castStance: [
    ['a choice', { spaceId: SPACE, decisionId: DECISION, choice: 'agree' }],
    ['an objection with its reason', { spaceId: SPACE, decisionId: DECISION, choice: 'objection', reason: 'Wir haben schon eine. 園芸' }],
    ['a late stance', { spaceId: SPACE, decisionId: DECISION, choice: 'block', reason: 'Too late, but said.', late: true }],
  ],
  closeDecision: [
    ['no outcome', { spaceId: SPACE, decisionId: DECISION }],
    ['an outcome', { spaceId: SPACE, decisionId: DECISION, outcome: 'Carried: the hall opens on Sundays from January.' }],
  ],
  importDecisions: [['a Loomio export', { spaceId: SPACE, file: '/home/ada/Downloads/2026-11-30_tool-library.json' }]],
} satisfies Partial<Record<PeerApiMethod, [string, unknown][]>>

/** Bodies each operation refuses, and the field it names. */
export const DECISION_REJECTIONS: Array<[PeerApiMethod, unknown, string]> = [
  ['proposeDecision', {}, 'title'],
  ['proposeDecision', { title: 'T', closes: '72h' }, 'process'],
  ['proposeDecision', { title: 'T', process: 'vote', closes: '72h' }, 'process'],
  ['proposeDecision', { title: 'T', process: 'consent' }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '' }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: 'next week' }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '72 hours' }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '7 d' }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: 72 }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '1234567h' }, 'closes'],
  ['proposeDecision', { title: 'T', process: 'majority', closes: '72h', quorum: 0 }, 'quorum'],
  ['proposeDecision', { title: 'T', process: 'majority', closes: '72h', quorum: 101 }, 'quorum'],
  ['proposeDecision', { title: 'T', process: 'majority', closes: '72h', quorum: 50.5 }, 'quorum'],
  ['proposeDecision', { title: 'T', process: 'majority', closes: '72h', quorum: '50' }, 'quorum'],
  ['proposeDecision', { title: '   ', process: 'consent', closes: '72h' }, 'title'],
  ['proposeDecision', { title: 't'.repeat(201), process: 'consent', closes: '72h' }, 'title'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '72h', details: 'd'.repeat(10_001) }, 'details'],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '72h', eligible: [DID] }, ''],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '72h', author: DID }, ''],
  ['proposeDecision', { title: 'T', process: 'consent', closes: '72h', spaceId: 'another-space' }, ''],
  ['listDecisions', { open: 'yes' }, 'open'],
  ['listDecisions', { closed: '1' }, 'closed'],
  ['listDecisions', { process: 'consent' }, ''],
  ['castStance', {}, 'choice'],
  ['castStance', { choice: 'yes' }, 'choice'],
  ['castStance', { choice: 'agree', reason: 'r'.repeat(2001) }, 'reason'],
  ['castStance', { choice: 'agree', reason: 42 }, 'reason'],
  ['castStance', { choice: 'agree', late: 'yes' }, 'late'],
  ['castStance', { choice: 'agree', voter: DID }, ''],
  ['castStance', { choice: 'agree', castAt: '2026-12-01T00:00:00.000Z' }, ''],
  ['castStance', { choice: 'agree', decisionId: 'another' }, ''],
  ['castStance', undefined, ''],
  ['closeDecision', { outcome: 'o'.repeat(5001) }, 'outcome'],
  ['closeDecision', { outcome: 42 }, 'outcome'],
  ['closeDecision', { outcome: 'Carried', closedAt: '2026-12-01T00:00:00.000Z' }, ''],
  ['closeDecision', { by: DID }, ''],
  ['importDecisions', {}, 'file'],
  ['importDecisions', { file: 'relative/export.json' }, 'file'],
  ['importDecisions', { file: '/x.json', format: 'kumu' }, ''],
]
