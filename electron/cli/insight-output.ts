/**
 * Coordination intelligence in words for the CLI: matches per need with their reasons and the
 * space a match across comes from; the gap report by kind of gap, each with its rule; suggestions
 * with reasons; health figures with how each moved (↑/↓) since the last snapshot. Names, not keys.
 *
 * Scores and points are printed to the thousandth, as the engine computes them, so a match's
 * points add up to its score as shown. A reason worth no points is a note. A part of the space
 * the caller may not read is said so ("not shown — this caller may not read bookings"), never
 * shown as none.
 */
import type {
  GapsResult, HealthFigures, HealthResult, InsightItem, InsightPart, Match, MatchReason, MatchResult, SuggestResult, Suggestion,
} from '../../shared/api/insight-api.ts'
import { DEFAULT_GAP_RULES } from '../../shared/insight/gaps.ts'
import { unread, unreadWords } from '../../shared/insight/unavailable.ts'
import { when } from './resource-output.ts'

const short = (id: string): string => id.slice(0, 8)
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
/** A score or its points, to the thousandth: the parts add up to the whole as printed. */
const score = (n: number): string => n.toFixed(3)
/** A threshold as given: 0.3, 0.15. */
const threshold = (n: number): string => String(Number(n.toFixed(3)))
const days = (n: number): string => plural(Math.round(n), 'day')
const percent = (n: number | null): string => (n === null ? '—' : `${Math.round(n * 100)}%`)
const notShown = (parts: readonly InsightPart[]): string => `not shown — ${unreadWords(parts)}`

/** `offer “Seeds” (ab12cd34) · Ana`: what it is, its title, its id's start, whose (`someone at Hilltop` where that organisation's roster cannot be read). */
export function itemWords(i: InsightItem, from?: string): string {
  const owner = i.ownerName ?? (from !== undefined ? `someone at ${from}` : null)
  return `${i.kind} “${i.title}” (${short(i.id)})${owner ? ` · ${owner}` : ''}`
}

/** The reasons that scored, with their points; those worth none are notes of their own. */
function reasonLines(rs: MatchReason[]): string[] {
  const scored = rs.filter((r) => r.points !== 0).map((r) => `${r.detail} (${r.points > 0 ? '+' : ''}${score(r.points)})`)
  return [...(scored.length > 0 ? [scored.join('; ')] : []), ...rs.filter((r) => r.points === 0).map((r) => `note: ${r.detail}`)]
}

function matchLines(m: Match, home: string): string[] {
  const across = m.space.spaceId !== home
  return [`  ${score(m.score)}  ${itemWords(m.offer, across ? m.space.name : undefined)}${across ? ` — from ${m.space.name}` : ''}`, ...reasonLines(m.reasons).map((l) => `        ${l}`)]
}

export function matchWords(r: MatchResult): string {
  const home = r.spaces.find((s) => !s.across)
  const others = r.spaces.filter((s) => s.across)
  const where = others.length > 0
    ? ` in ${home?.name ?? 'this space'} and ${plural(others.length, 'space')} shared for matching: ${others.map((s) => s.name).join(', ')}`
    : ` in ${home?.name ?? 'this space'}`
  const out = [
    `${plural(r.needs, 'open need')} against ${plural(r.offers, 'open offer, tool, facility or skill', 'open offers, tools, facilities and skills')}${where}.`,
    `Matches shown score ${threshold(r.minScore)} or more ("commonweave gaps" calls a need unmet below its own threshold, ${threshold(DEFAULT_GAP_RULES.minScore)}).`,
  ]
  const byNeed = new Map<string, Match[]>()
  for (const m of r.matches) byNeed.set(m.need.id, [...(byNeed.get(m.need.id) ?? []), m])
  for (const matches of byNeed.values()) {
    out.push('', `Need ${itemWords(matches[0]!.need).replace(/^need /, '')}:`, ...matches.flatMap((m) => matchLines(m, home?.spaceId ?? '')))
  }
  const without = r.needs - byNeed.size
  if (r.needs === 0) out.push('', 'No open need to match. "commonweave resource add SPACE --kind need --title …" adds one.')
  else if (without > 0) out.push('', `${plural(without, 'need')} ${without === 1 ? 'has' : 'have'} no match scoring ${threshold(r.minScore)} or more (see "commonweave gaps").`)
  return out.join('\n')
}

export function gapsWords(g: GapsResult): string {
  const { rules } = g
  const unavailable = g.unavailable ?? []
  /** A section: its items under its rule, or that there is none by that rule, or why it is not shown. */
  const section = <T>(title: string, rule: string, items: T[], line: (t: T) => string, none: string, needs?: InsightPart): string[] => {
    if (needs !== undefined && unavailable.includes(needs)) return ['', `${title}: ${notShown([needs])}.`]
    return items.length === 0 ? ['', `${none} (${rule}).`] : ['', `${title}, ${rule} (${items.length}):`, ...items.map((t) => `  ${line(t)}`)]
  }
  const bookingsUnread = unread(unavailable, 'bookings')
  const unusedRule = `open for ${days(rules.unusedAfterDays)} or more that no open need matches at ${threshold(rules.minScore)} or more` +
    (bookingsUnread ? `; tools and facilities ${notShown(['bookings'])}` : ', tools and facilities not booked in that time')
  const out = [
    ...section('Unmet needs', `open for ${days(rules.unmetAfterDays)} or more with no match scoring ${threshold(rules.minScore)} or more`, g.unmetNeeds,
      (u) => `${itemWords(u.need)} — ${days(u.ageDays)} old, best match ${score(u.bestScore)}`, 'No unmet needs'),
    ...section('Unused offers', unusedRule, g.unusedOffers, (u) => `${itemWords(u.offer)} — ${days(u.ageDays)} old: ${u.reason}`, 'No unused offers'),
    ...section('Expiring soon', `open offers and needs expiring within ${days(rules.expiringWithinDays)}`, g.expiringSoon,
      (e) => `${itemWords(e.item)} — ${e.inDays < 1 ? 'today' : `in ${days(e.inDays)}`} (${when(e.expiresAt)})`, 'Nothing expires soon'),
    ...section('Booking conflicts', 'a tool or facility booked by more than one for the same time', g.bookingConflicts,
      (c) => `“${c.resource.title}” (${short(c.resource.id)}): ${c.bookings.map((b) => `${b.byName ?? b.by} ${when(b.from)} → ${when(b.to)}`).join(' overlaps ')}`, 'No booking conflicts', 'bookings'),
    ...section('Map nodes with no link', 'a node of the map linked to no other', g.isolatedNodes, (n) => `${n.label} (${n.type})`, 'No isolated map nodes', 'map'),
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

/** `once an hour`, `every 30 minutes`. */
const every = (minutes: number): string => (minutes === 60 ? 'once an hour' : minutes % 60 === 0 ? `every ${minutes / 60} hours` : `every ${plural(minutes, 'minute')}`)

function snapshotWords(h: HealthResult): string {
  if (h.snapshotEveryMinutes === null) return 'Figures of the moment: snapshots are kept, and compared, for this peer\'s owner only.'
  const rule = `a new one is kept ${every(h.snapshotEveryMinutes)}`
  return h.previous
    ? `Compared with the snapshot of ${when(h.previous.at)} (${plural(h.history.length, 'snapshot')} kept on this peer); ${rule}.`
    : `The first snapshot: nothing to compare with yet; ${rule}.`
}

export function healthWords(h: HealthResult): string {
  const f: HealthFigures = h.figures
  const c = h.change
  const un = h.unavailable ?? []
  const fixed = (n: number | null): string => (n === null ? '—' : n.toFixed(3))
  const members = unread(un, 'members')
  const activity = unread(un, 'resources', 'bookings', 'decisions', 'map')
  const resources = unread(un, 'resources')
  const offersUsed = unread(un, 'resources', 'bookings')
  const map = unread(un, 'map')
  const out = [
    members ? `Members: ${notShown([members])}` : `Members: ${f.members ?? '—'}${moved(c.members)}; active in the last 30 days: ${activity ? notShown([activity]) : `${f.activeMembers ?? '—'}${moved(c.activeMembers)}`}`,
    resources ? `Needs: ${notShown([resources])}` : `Needs: ${f.needs ?? '—'}${moved(c.needs)}; met (marked matched or closed): ${percent(f.needsMet)}${moved(c.needsMet, true)}`,
    resources ? `Offers, tools and facilities: ${notShown([resources])}`
      : `Offers, tools and facilities (skills not counted): ${f.offers ?? '—'}${moved(c.offers)}; used (matched, closed or booked): ${offersUsed ? notShown([offersUsed]) : `${percent(f.offersUsed)}${moved(c.offersUsed, true)}`}`,
    map ? `Map: ${notShown([map])}`
      : `Map: ${plural(f.mapNodes ?? 0, 'node')}${moved(c.mapNodes)}, ${plural(f.mapEdges ?? 0, 'edge')}${moved(c.mapEdges)}; density ${fixed(f.density)}${moved(c.density)}; clustering ${fixed(f.clustering)}${moved(c.clustering)}; communities ${f.communities ?? '—'}${moved(c.communities)}`,
    ...(map ? [] : [f.bridges.length > 0 ? `Bridges between communities: ${f.bridges.map((b) => `${b.label} (reaches ${b.communities} communities)`).join(', ')}` : 'No bridges between communities.']),
    '',
    snapshotWords(h),
  ]
  return out.join('\n')
}

const WORDS: Record<string, (r: never) => string> = { match: matchWords, gaps: gapsWords, suggest: suggestWords, health: healthWords }

/** The answer of an insight operation in words; undefined for any other operation. */
export function insightWords(op: string, r: unknown): string | undefined {
  return Object.hasOwn(WORDS, op) ? WORDS[op]!(r as never) : undefined
}
