/** Operations on a space's decisions (DESIGN.md "Decisions (Loomio-compatible)"): propose, list, show, take a stance, close. */
import { z } from 'zod'
import { decisions } from '../../collections/decisions.ts'
import { CloseInputSchema, ImportDecisionsInputSchema, ProposeInputSchema, StanceInputSchema } from '../../schemas/decision.ts'
import { defineOperation, inSpace, onlyParams, schemaRef, type RouteParams } from '../operation.ts'

const flag = (name: string) => z.enum(['true', 'false'], { error: `${name} is true or false` }).transform((v) => v === 'true').optional()
const ListDecisionsQuery = z.strictObject({ open: flag('open'), closed: flag('closed') })
const withBody = (p: RouteParams, body: unknown): unknown => ({ ...(body as object), ...p })

export const proposeDecision = defineOperation({
  op: 'proposeDecision', summary: 'Make a proposal, signed by this peer; the members now are its voters',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/decisions', status: 201 }, body: ProposeInputSchema, input: inSpace,
  response: schemaRef('Decision'), needs: { scope: 'space', cmd: 'write', collection: decisions.name },
  cli: {
    path: ['decision', 'propose'], args: [['SPACE', 'spaceId']],
    flags: { title: {}, details: {}, process: {}, quorum: { parse: 'int' }, closes: { parse: 'timeOrDuration' } },
    required: ['title', 'process', 'closes'],
    usage: 'commonweave decision propose SPACE --title T [--details D] --process consent|consensus|majority|advice [--quorum PCT] --closes TIME|DURATION',
    summary: 'make a proposal',
    notes: 'consent: carried unless someone objects; consensus: unless someone blocks; majority: when more than half agree; advice: the author decides. --quorum: the percentage of members who must take part. --closes: 72h, 7d, or a time such as 2026-12-24T18:00 (local).',
  },
  mcp: {
    tool: 'propose',
    description: 'Draft a proposal for the community to decide on. The member who added you is its author and signs it; it is marked as drafted by you, and members take their stances themselves. Give a short `title`, `details` (the reasons and what would change), a `process` (consent: carried unless someone objects; consensus: unless someone blocks; majority: more than half agree; advice: the author decides after hearing advice), and `closes` as a duration such as "72h" or "7d" or an ISO time. Only propose what the person you assist asked for.',
  },
})

export const listDecisions = defineOperation({
  op: 'listDecisions', summary: 'Proposals of a space with their tallies: open ones first, closing soonest first, then closed ones',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/decisions', status: 200 }, body: null, query: ListDecisionsQuery, input: withBody,
  response: schemaRef('DecisionList'), needs: { scope: 'space', cmd: 'read', collection: decisions.name },
  cli: {
    path: ['decision', 'list'], args: [['SPACE', 'spaceId']], flags: { open: { boolean: true }, closed: { boolean: true } },
    usage: 'commonweave decision list SPACE [--open|--closed]', summary: 'the proposals of a space',
  },
  mcp: {
    tool: 'list_decisions',
    description: 'List the community\'s proposals with their tallies: open ones first (closing soonest first), then closed ones. `open: true` or `closed: true` narrows the list. Each has its id, title, process (consent, consensus, majority, advice), closing time, status and outcome.',
  },
})

export const getDecision = defineOperation({
  op: 'getDecision', summary: 'One proposal: its stances with reasons, names and verified marks, the tally and the outcome',
  http: { method: 'GET', path: '/v1/spaces/:spaceId/decisions/:decisionId', status: 200 }, body: null, input: onlyParams,
  response: schemaRef('Decision'), needs: { scope: 'space', cmd: 'read', collection: decisions.name },
  cli: { path: ['decision', 'show'], args: [['SPACE', 'spaceId'], ['ID', 'decisionId']], usage: 'commonweave decision show SPACE ID', summary: 'a proposal, its stances and its tally' },
  mcp: {
    tool: 'get_decision',
    description: 'One proposal in full: its details, process and quorum, every stance with its reason and voter\'s name, the tally, whether each signature verifies, and the outcome once it closed. `decisionId` is its id or a unique start of it, as list_decisions gives them.',
  },
})

export const castStance = defineOperation({
  op: 'castStance', summary: 'Take a stance on an open proposal, signed by this peer; a later stance replaces an earlier one in the tally',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/decisions/:decisionId/stances', status: 201 }, body: StanceInputSchema, input: withBody,
  response: schemaRef('Decision'), needs: { scope: 'space', cmd: 'write', collection: decisions.name },
  cli: {
    path: ['decision', 'stance'], args: [['SPACE', 'spaceId'], ['ID', 'decisionId']],
    flags: { choice: {}, reason: {}, late: { boolean: true } }, required: ['choice'],
    usage: 'commonweave decision stance SPACE ID --choice agree|abstain|disagree|block|consent|objection [--reason R] [--late]',
    summary: 'take a stance on a proposal',
    notes: 'The choices are those of its process. Disagree, block and objection need --reason, and so does every stance under the advice process. --late records a stance on a closed proposal: shown as late, never counted.',
  },
})

export const closeDecision = defineOperation({
  op: 'closeDecision', summary: 'Close a proposal early, or state its outcome: its author or an admin; the outcome is signed',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/decisions/:decisionId/close', status: 200 }, body: CloseInputSchema, input: withBody,
  response: schemaRef('Decision'), needs: { scope: 'space', cmd: 'write', collection: decisions.name },
  cli: {
    path: ['decision', 'close'], args: [['SPACE', 'spaceId'], ['ID', 'decisionId']], flags: { outcome: {} },
    usage: 'commonweave decision close SPACE ID [--outcome TEXT]', summary: 'close a proposal, with its outcome',
  },
})

export const importDecisions = defineOperation({
  op: 'importDecisions', summary: 'Bring the closed proposals of a Loomio group export (JSON) over, as imported decisions; nothing is written unless the whole file reads',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/decisions/import', status: 200 }, body: ImportDecisionsInputSchema, input: inSpace,
  response: schemaRef('DecisionImport'), needs: { scope: 'space', cmd: 'write', collection: decisions.name },
  cli: {
    path: ['decision', 'import'], args: [['SPACE', 'spaceId'], ['FILE', 'file']], paths: ['file'],
    usage: 'commonweave decision import SPACE FILE', summary: 'bring decisions over from a Loomio export',
    notes: 'FILE is the JSON file of Loomio\'s "Export group data". Its closed proposals (consent, consensus, advice, proposal) come over with every latest stance, reason and outcome, named as in Loomio; other polls, open ones and ones imported before are listed as skipped.',
  },
})
