/**
 * The health figures as cards show them: what each means in one line, its value in words (a
 * count, a share, a ratio), how it moved since the previous snapshot (an arrow and the amount,
 * never colour alone), and its trend over the snapshots kept on this peer.
 */
import type { HealthFigures, HealthSnapshot, InsightPart } from '../../../shared/api/insight-api.ts'

export type FigureKey = Exclude<keyof HealthFigures, 'bridges'>
export type FigureFormat = 'count' | 'share' | 'ratio'

export interface FigureDef {
  key: FigureKey
  label: string
  /** One line on what it means. */
  means: string
  format: FigureFormat
  /** Shown beside the value: "of 12 members" (empty when that is not known). */
  of?: (f: HealthFigures) => string
}

export const FIGURES: readonly FigureDef[] = [
  { key: 'activeMembers', label: 'Active members', format: 'count', of: (f) => (f.members === null ? '' : `of ${f.members}`),
    means: 'Members who added, changed, booked, proposed, took a stance or edited a page in the last 30 days.' },
  { key: 'needsMet', label: 'Needs met', format: 'share', of: (f) => (f.needs === null ? '' : `of ${f.needs} needs`),
    means: 'The share of needs marked matched or closed.' },
  { key: 'offersUsed', label: 'Offers used', format: 'share', of: (f) => (f.offers === null ? '' : `of ${f.offers} offers, tools and facilities`),
    means: 'The share of offers, tools and facilities matched, closed or booked (skills are not counted: they are not used up).' },
  { key: 'mapNodes', label: 'Map nodes', format: 'count', of: (f) => (f.mapEdges === null ? '' : `${f.mapEdges} edges`),
    means: 'Who and what the ecosystem map holds, and the links between them.' },
  { key: 'density', label: 'Map density', format: 'ratio',
    means: 'The links the map has, out of all it could have (0 to 1): how knit together the ecosystem is.' },
  { key: 'clustering', label: 'Clustering', format: 'ratio',
    means: 'How often two neighbours of a node are linked too (0 to 1): tight circles rather than chains.' },
  { key: 'communities', label: 'Communities', format: 'count',
    means: 'Groups on the map more linked within than between; bridges below join them.' },
]

/** The value in words: "12", "62%", "0.25"; a dash where there is nothing to compute it from (or it could not be read). */
export function figureText(value: number | null, format: FigureFormat): string {
  if (value === null) return '—'
  if (format === 'share') return `${Math.round(value * 100)}%`
  if (format === 'ratio') return value.toFixed(2)
  return String(value)
}

export interface ChangeWords {
  arrow: '↑' | '↓' | '→'
  /** "3 more", "5 points fewer", "no change": what a screen reader says too. */
  text: string
}

/** How a figure moved since the previous snapshot, or null when there is none to compare with. */
export function changeWords(change: number | undefined, format: FigureFormat): ChangeWords | null {
  if (change === undefined || !Number.isFinite(change)) return null
  const size = format === 'share' ? Math.round(Math.abs(change) * 100) : format === 'ratio' ? Number(Math.abs(change).toFixed(2)) : Math.abs(change)
  if (size === 0) return { arrow: '→', text: 'no change' }
  const unit = format === 'share' ? (size === 1 ? ' point' : ' points') : ''
  const up = change > 0
  return { arrow: up ? '↑' : '↓', text: `${up ? 'up' : 'down'} ${size}${unit}` }
}

/** The parts each figure depends on: a figure whose part the answer could not read says so. */
export const FIGURE_PARTS: Record<FigureKey, readonly InsightPart[]> = {
  members: ['members'], activeMembers: ['members', 'resources', 'bookings', 'decisions', 'map'],
  needs: ['resources'], needsMet: ['resources'], offers: ['resources'], offersUsed: ['resources', 'bookings'],
  mapNodes: ['map'], mapEdges: ['map'], density: ['map'], clustering: ['map'], communities: ['map'],
}

/** The health rule in words: `a new snapshot is kept once an hour`, or that none is kept for this caller. */
export function snapshotRule(everyMinutes: number | null | undefined): string {
  if (everyMinutes === null) return 'Snapshots are kept, and compared, for this device\'s owner only.'
  const m = everyMinutes ?? 60
  return `A new snapshot is kept ${m === 60 ? 'once an hour' : m % 60 === 0 ? `every ${m / 60} hours` : `every ${m} minutes`}.`
}

/** A figure's values over the snapshots, oldest first (snapshots without it left out). */
export function trendOf(history: readonly HealthSnapshot[], key: FigureKey): number[] {
  return history.map((h) => h.figures[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
}

/** The trend as an SVG polyline's points in a box of `w` × `h` (a flat line for a figure that never moved). */
export function trendPoints(values: readonly number[], w: number, h: number, pad = 2): string {
  if (values.length < 2) return ''
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const y = (v: number): number => (hi === lo ? h / 2 : pad + (1 - (v - lo) / (hi - lo)) * (h - 2 * pad))
  const step = (w - 2 * pad) / (values.length - 1)
  return values.map((v, i) => `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
}
