/** The words and shapes the Insights view draws from: grouping by need, changes since the last snapshot, trend lines. */
import { describe, expect, it } from 'vitest'
import type { Match } from '../../shared/api/insight-api.ts'
import { ageWords, byNeed, holdsMatchingGrant, inDaysWords, percent, percentPoints, signed, suggestionReason } from '../../renderer/features/insights/match-words.ts'
import { changeWords, figureText, trendOf, trendPoints } from '../../renderer/features/insights/health-figures.ts'
import { farmSpace, health, matchResult, space } from './insight-fixtures.ts'

describe('match words', () => {
  it('groups matches by need, keeping the peer’s order within one', () => {
    const groups = byNeed(matchResult(true))
    expect(groups[0]!.matches.map((m) => m.offer.title)).toEqual(['Forty seed trays', 'Trays from the farm'])
    expect(groups.find((g) => g.need.title === 'A tall ladder')!.matches).toHaveLength(1)
  })
  it('keeps the needs oldest first, never by score: a better match for a newer need moves no card', () => {
    const base = matchResult()
    const older = (m: Match, createdAt: string): Match => ({ ...m, need: { ...m.need, createdAt } })
    // The ladder (best match 41%) was posted before the trays (82%): it stays first.
    const matches = [older(base.matches[0]!, '2026-11-02T10:00:00.000Z'), older(base.matches[1]!, '2026-10-20T10:00:00.000Z')]
    expect(byNeed({ matches }).map((g) => g.need.title)).toEqual(['A tall ladder', 'Seed trays for spring'])
    // A new offer lifts the ladder's best match, or a refresh gives another order: the same order.
    const lifted = [{ ...matches[1]!, score: 0.99 }, matches[0]!]
    expect(byNeed({ matches: lifted }).map((g) => g.need.title)).toEqual(['A tall ladder', 'Seed trays for spring'])
  })
  it('says a suggestion’s match score as a percent, as every other score reads', () => {
    expect(suggestionReason('Ana needs “Trays” and Ben offers “Forty trays” (match 0.715)')).toBe('Ana needs “Trays” and Ben offers “Forty trays” (a 72% match)')
    expect(suggestionReason('share 2 neighbours: River Farm, Old Mill')).toBe('share 2 neighbours: River Farm, Old Mill')
  })
  it('says scores, points, ages and days left in words', () => {
    expect(percent(0.724)).toBe('72%')
    expect(signed(30)).toBe('+30')
    expect(ageWords(0.4)).toBe('opened today')
    expect(ageWords(1.2)).toBe('open for a day')
    expect(ageWords(12.9)).toBe('open for 12 days')
    expect([0, 1, 3].map(inDaysWords)).toEqual(['today', 'tomorrow', 'in 3 days'])
  })
  it('shows a score and its points so that the points add up to the score as shown', () => {
    // 0.605 read from a float is 60.4999…: rounded from its thousandths, 61; its parts 37.5 + 17.5 + 5.5 → 38 + 18 + 5.
    const m = { score: 0.605, reasons: [0.375, 0.175, 0.055].map((points) => ({ kind: 'tags' as const, points, detail: '' })) }
    expect(percent(0.605)).toBe('61%')
    expect(percentPoints(m)).toEqual({ score: 61, points: [38, 18, 5] })
    // A note (no points) takes no share; exact parts stay as they are.
    const exact = { score: 0.82, reasons: [0.72, 0, 0.1].map((points) => ({ kind: 'tags' as const, points, detail: '' })) }
    expect(percentPoints(exact)).toEqual({ score: 82, points: [72, 0, 10] })
    for (const parts of [[0.333, 0.333, 0.334], [0.305, 0.105, 0.045], [0.3, 0.12, 0.05, 0.005]]) {
      const total = parts.reduce((a, b) => a + Math.round(b * 1000), 0) / 1000
      const shown = percentPoints({ score: total, reasons: parts.map((points) => ({ kind: 'tags' as const, points, detail: '' })) })
      expect(shown.points.reduce((a, b) => a + b, 0)).toBe(shown.score)
    }
  })
  it('knows a grant for matching is held only from a live guest access for that purpose', () => {
    const now = Date.parse('2026-11-01T00:00:00.000Z')
    expect(holdsMatchingGrant([space], now)).toBe(false)
    expect(holdsMatchingGrant([space, farmSpace], now)).toBe(true)
    expect(holdsMatchingGrant([{ ...farmSpace, access: { ...farmSpace.access, cmd: 'none' } }], now)).toBe(false)
    expect(holdsMatchingGrant([{ ...farmSpace, access: { ...farmSpace.access, purpose: 'research' } }], now)).toBe(false)
    expect(holdsMatchingGrant([{ ...farmSpace, access: { ...farmSpace.access, expiresAt: '2026-10-31T00:00:00.000Z' } }], now)).toBe(false)
  })
})

describe('health figures', () => {
  it('says a change with an arrow and its size: counts as numbers, shares in points, none as “no change”', () => {
    expect(changeWords(3, 'count')).toEqual({ arrow: '↑', text: 'up 3' })
    expect(changeWords(-0.05, 'share')).toEqual({ arrow: '↓', text: 'down 5 points' })
    expect(changeWords(0.01, 'share')).toEqual({ arrow: '↑', text: 'up 1 point' })
    expect(changeWords(0.0004, 'ratio')).toEqual({ arrow: '→', text: 'no change' })
    expect(changeWords(undefined, 'count')).toBeNull()
  })
  it('shows a figure the space cannot compute as a dash', () => {
    expect(figureText(null, 'share')).toBe('—')
    expect(figureText(0.4, 'share')).toBe('40%')
    expect(figureText(0.0941, 'ratio')).toBe('0.09')
  })
  it('draws a trend from the snapshots, oldest first, low values low, a flat figure flat', () => {
    expect(trendOf(health.history, 'activeMembers')).toEqual([2, 4, 7])
    const pts = trendPoints([2, 4, 7], 100, 20, 0).split(' ').map((p) => p.split(',').map(Number))
    expect(pts.map(([x]) => x)).toEqual([0, 50, 100])
    expect(pts.map(([, y]) => y)).toEqual([20, 12, 0])
    expect(new Set(trendPoints([5, 5, 5], 100, 20).split(' ').map((p) => p.split(',')[1])).size).toBe(1)
    expect(trendPoints([5], 100, 20)).toBe('')
  })
})
