/**
 * Coordination intelligence in words for the CLI: matches per need with their reasons and the
 * space a match across comes from; the gap report by kind of gap; suggestions with reasons;
 * health figures with how each moved (↑/↓) since the last snapshot. Names, not keys.
 */
import type {
  GapsResult, HealthFigures, HealthResult, InsightItem, Match, MatchReason, MatchResult, SuggestResult, Suggestion,
} from '../../shared/api/insight-api.ts'
import { when } from './resource-output.ts'

const short = (id: string): string => id.slice(0, 8)
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
const score = (n: number): string => n.toFixed(2)
const days = (n: number): string => plural(Math.round(n), 'day')
const percent = (n: number | null): string => (n === null ? '—' : `${Math.round(n * 100)}%`)

/** `offer “Seeds” (ab12cd34) · Ana`: what it is, its title, its id's start, whose. */
export function itemWords(i: InsightItem): string {
  return `${i.kind} “${i.title}” (${short(i.id)})${i.ownerName ? ` · ${i.ownerName}` : ''}`
}

const reasonWords = (rs: MatchReason[]): string => rs.map((r) => `${r.detail} (+${score(r.points)})`).join('; ')

function matchLine(m: Match, home: string): string[] {
  const from = m.space.spaceId !== home ? ` — from ${m.space.name}` : ''
  return [`  ${score(m.score)}  ${itemWords(m.offer)}${from}`, `        ${reasonWords(m.reasons)}`]
}

export function matchWords(r: MatchResult): string {
  const home = r.spaces.find((s) => !s.across)
  const others = r.spaces.filter((s) => s.across)
  const where = others.length > 0
    ? ` in ${home?.name ?? 'this space'} and ${plural(others.length, 'space')} shared for matching: ${others.map((s) => s.name).join(', ')}`
    : ` in ${home?.name ?? 'this space'}`
  const out = [`${plural(r.needs, 'need')} against ${plural(r.offers, 'offer')} (tools, facilities and skills included)${where}; matches scoring at least ${score(r.minScore)}.`]
  const byNeed = new Map<string, Match[]>()
  for (const m of r.matches) byNeed.set(m.need.id, [...(byNeed.get(m.need.id) ?? []), m])
  for (const matches of byNeed.values()) {
    out.push('', `Need ${itemWords(matches[0]!.need).replace(/^need /, '')}:`, ...matches.flatMap((m) => matchLine(m, home?.spaceId ?? '')))
  }
  const without = r.needs - byNeed.size
  if (r.needs === 0) out.push('', 'No open need to match. "commonweave resource add SPACE --kind need --title …" adds one.')
  else if (without > 0) out.push('', `${plural(without, 'need')} ${without === 1 ? 'has' : 'have'} no match at this threshold (see "commonweave gaps").`)
  return out.join('\n')
}

export function gapsWords(g: GapsResult): string {
  const { rules } = g
  const section = <T>(title: string, items: T[], line: (t: T) => string, none: string): string[] =>
    (items.length === 0 ? ['', none] : ['', `${title} (${items.length}):`, ...items.map((t) => `  ${line(t)}`)])
  const out = [
    ...section(`Unmet needs (open ${days(rules.unmetAfterDays)} or more, no match of ${score(rules.minScore)} or more)`, g.unmetNeeds,
      (u) => `${itemWords(u.need)} — ${days(u.ageDays)} old, best match ${score(u.bestScore)}`, 'No unmet needs.'),
    ...section(`Unused offers (open ${days(rules.unusedAfterDays)} or more)`, g.unusedOffers,
      (u) => `${itemWords(u.offer)} — ${days(u.ageDays)} old: ${u.reason}`, 'No unused offers.'),
    ...section(`Expiring within ${days(rules.expiringWithinDays)}`, g.expiringSoon,
      (e) => `${itemWords(e.item)} — ${e.inDays < 1 ? 'today' : `in ${days(e.inDays)}`} (${when(e.expiresAt)})`, 'Nothing expires soon.'),
    ...section('Booking conflicts', g.bookingConflicts,
      (c) => `“${c.resource.title}” (${short(c.resource.id)}): ${c.bookings.map((b) => `${b.byName ?? b.by} ${when(b.from)} → ${when(b.to)}`).join(' overlaps ')}`, 'No booking conflicts.'),
    ...section('Map nodes with no link', g.isolatedNodes, (n) => `${n.label} (${n.type})`, 'No isolated map nodes.'),
  ]
  return out.slice(1).join('\n')
}

const endWords = (e: Suggestion['a']): string => `${e.label}${e.kind === 'member' ? ' (member)' : ''}`

export function suggestWords(r: SuggestResult): string {
  if (r.suggestions.length === 0) return 'No suggestions: no unlinked pair shares neighbours, tags or a matching need and offer.'
  return [`${plural(r.suggestions.length, 'suggestion')}, best first:`, ...r.suggestions.flatMap((s) => [
    `  ${score(s.score)}  ${endWords(s.a)} ↔ ${endWords(s.b)}`, `        ${s.reasons.join('; ')}`,
  ])].join('\n')
}

/** `↑2`, `↓0.05`, `↑10 pts` for a share; nothing when there is no change to show. */
function moved(change: number | undefined, asShare = false): string {
  if (change === undefined || change === 0) return ''
  const size = asShare ? `${Math.round(Math.abs(change) * 100)} pts` : Number.isInteger(change) ? String(Math.abs(change)) : Math.abs(change).toFixed(3)
  return ` ${change > 0 ? '↑' : '↓'}${size}`
}

export function healthWords(h: HealthResult): string {
  const f: HealthFigures = h.figures
  const c = h.change
  const fixed = (n: number | null): string => (n === null ? '—' : n.toFixed(3))
  const out = [
    `Members: ${f.members}${moved(c.members)}; active in the last 30 days: ${f.activeMembers}${moved(c.activeMembers)}`,
    `Needs: ${f.needs}${moved(c.needs)}; met: ${percent(f.needsMet)}${moved(c.needsMet, true)}`,
    `Offers: ${f.offers}${moved(c.offers)}; used: ${percent(f.offersUsed)}${moved(c.offersUsed, true)}`,
    `Map: ${plural(f.mapNodes, 'node')}${moved(c.mapNodes)}, ${plural(f.mapEdges, 'edge')}${moved(c.mapEdges)}; density ${fixed(f.density)}${moved(c.density)}; clustering ${fixed(f.clustering)}${moved(c.clustering)}; communities ${f.communities ?? '—'}${moved(c.communities)}`,
    f.bridges.length > 0 ? `Bridges between communities: ${f.bridges.map((b) => `${b.label} (${b.communities})`).join(', ')}` : 'No bridges between communities.',
    '',
    h.previous ? `Change since the snapshot of ${when(h.previous.at)} (${plural(h.history.length, 'snapshot')} kept on this peer).` : 'The first snapshot: nothing to compare with yet.',
  ]
  return out.join('\n')
}

const WORDS: Record<string, (r: never) => string> = { match: matchWords, gaps: gapsWords, suggest: suggestWords, health: healthWords }

/** The answer of an insight operation in words; undefined for any other operation. */
export function insightWords(op: string, r: unknown): string | undefined {
  return Object.hasOwn(WORDS, op) ? WORDS[op]!(r as never) : undefined
}
