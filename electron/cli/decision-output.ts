/** Human renderings of decisions for the CLI: lists, a proposal with its stances and tally, and what a stance or close did. */
import type { DecisionSummary, DecisionView, ImportDecisionsResult, StanceView, TallyView } from '../../shared/api/decisions-api.ts'
import { leftWords, resultWords, standingWords } from '../../shared/decisions/words.ts'
import { when } from './resource-output.ts'

const short = (id: string): string => id.slice(0, 8)

/**
 * A neutralised text's line breaks (shown as `\x0a` by safe-text) laid out as indented lines:
 * the break is ours to print, so nothing from a peer can start a line that looks like ours.
 */
const lines = (text: string, indent: string): string => text.split('\\x0a').join(`\n${indent}`)


/** "2 consent, 1 objection" — every choice of the process, zeros too. */
function counts(t: TallyView): string {
  return Object.entries(t.counts).map(([choice, n]) => `${n} ${choice}`).join(', ')
}

function timing(d: DecisionSummary): string {
  return d.status === 'open' ? `closes ${when(d.closesAt)} (in ${leftWords(d.closesAt, Date.now()) ?? 'less than a minute'})` : `closed ${when(d.closesAt)}${d.closedEarly ? ' (early)' : ''}`
}

const result = (d: DecisionSummary): string => resultWords(d.tally.result, d.status === 'open')

function quorum(t: TallyView): string {
  if (!t.quorum) return `${t.voted} of ${t.eligible} members took part`
  return `${t.voted} of ${t.eligible} members took part; quorum ${t.quorum.pct}% = ${t.quorum.needed} (${t.quorum.reached ? 'reached' : 'not reached'})`
}

export function decisionLines(list: { items: DecisionSummary[] }): string {
  if (list.items.length === 0) return 'No proposals. "commonweave decision propose SPACE --title T --process consent --closes 72h" makes one.'
  return list.items.map((d) => `${short(d.id)}  ${d.status.padEnd(6)} ${d.process.padEnd(9)} ${d.title}  [${counts(d.tally)}]  ${timing(d)}  → ${result(d)}` +
    `${d.verified ? '' : '  (UNVERIFIED proposal)'}`).join('\n')
}

function stanceLine(s: StanceView, imported: boolean): string {
  const mark = standingWords(s.standing) ?? (imported ? 'as Loomio recorded it' : 'Verified')
  return `  ${when(s.castAt)}  ${s.name ?? s.did}: ${s.choice}${s.reason ? ` — "${lines(s.reason, '      ')}"` : ''}  (${mark})`
}

export function decisionBlock(d: DecisionView): string {
  const rows = [
    `${d.title}`,
    `  id:        ${d.id}`,
    `  process:   ${d.processLine}`,
    `  by:        ${d.imported ? `${d.imported.authorName}, in Loomio (imported by ${d.authorName ?? d.author})` : d.authorName ?? d.author}, ${when(d.createdAt)}${d.verified ? '' : '  (UNVERIFIED: its signature does not check; its tally cannot be trusted)'}`,
    `  status:    ${d.status}, ${timing(d)}`,
    `  tally:     ${counts(d.tally)}`,
    `             ${quorum(d.tally)}`,
    `  result:    ${result(d)}`,
  ]
  if (d.details) rows.push('', `  ${lines(d.details, '  ')}`)
  if (d.outcome) rows.push('', `Outcome (${d.outcome.byName ?? d.outcome.by}${d.imported && d.outcome.id === `${d.id}:outcome` ? ', in Loomio' : ''}, ${when(d.outcome.closedAt)}): ${lines(d.outcome.statement, '  ') || '(closed without a statement)'}`)
  const earlier = d.outcomes.filter((o) => o.verified && o.id !== d.outcome?.id)
  if (earlier.length) rows.push(...earlier.map((o) => `  replacing: "${lines(o.statement, '    ')}" (${o.byName ?? o.by}, ${when(o.closedAt)})`))
  rows.push('', d.stances.length ? 'Stances:' : 'No stances yet.', ...d.stances.map((s) => stanceLine(s, d.imported !== null)))
  return rows.join('\n')
}

export function proposed(d: DecisionView): string {
  return `Proposed “${d.title}” (${d.id}): ${d.processLine}\n${d.tally.eligible} member${d.tally.eligible === 1 ? '' : 's'} may take part; it closes ${when(d.closesAt)}.`
}

export function stanceTaken(d: DecisionView): string {
  const head = d.myStance && d.status === 'open' ? `Your stance on “${d.title}”: ${d.myStance}.` : `Recorded on “${d.title}”, which has closed: shown as late, not counted.`
  return `${head}\nTally: ${counts(d.tally)}; ${quorum(d.tally)}; ${result(d)}.`
}

export function closedWords(d: DecisionView): string {
  return `“${d.title}” ${timing(d)}: ${result(d)}.${d.outcome?.statement ? `\nOutcome: ${d.outcome.statement}` : ''}`
}

export function importedWords(r: ImportDecisionsResult): string {
  const out = [r.imported.length === 0 ? 'No decisions imported.' : `Imported ${r.imported.length} decision${r.imported.length === 1 ? '' : 's'} from Loomio:`,
    ...r.imported.map((d) => `  ${short(d.id)}  ${d.title}`)]
  if (r.skipped.length) out.push(`Skipped ${r.skipped.length}:`, ...r.skipped.map((s) => `  Loomio poll ${s.id} “${s.title}”: ${s.reason}`))
  return out.join('\n')
}
