/**
 * The Insights view as the server-side renderer draws it (no browser), from hand-written
 * answers: each need with its matches, scores and reasons in words; another organisation's
 * match marked with its name; "Mark need matched" only on a need this member may change;
 * "Across organisations" only where a grant for matching is held; gaps with their rules and
 * empty states; health figures with their change in words and a trend; "Link on the map" only
 * where the map may be written; and a need's page with its matches.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { MantineProvider } from '@mantine/core'
import { describe, expect, it } from 'vitest'
import type { PeerApi, SpaceSummary } from '../../shared/api/peer-api.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import { InsightsView } from '../../renderer/features/insights/InsightsView.tsx'
import { ResourcesView } from '../../renderer/features/resources/ResourcesView.tsx'
import type { InsightsSlice } from '../../renderer/features/insights/slice.ts'
import type { Loadable } from '../../renderer/store/loadable.ts'
import { createAppStore } from '../../renderer/store/store.ts'
import { StoreProvider } from '../../renderer/store/use-app.tsx'
import { sectionLabels, spaceAs } from './space-fixture.ts'
import { farmSpace, gaps, health, matchResult, ME, space, suggestions } from './insight-fixtures.ts'

const ready = <T>(value: T): Loadable<T> => ({ status: 'ready', value, error: null })
const member: SpaceSummary = { ...space, role: 'member' }

interface Page { spaces?: SpaceSummary[]; section?: 'insights' | 'resources'; item?: string | null; insights?: Partial<InsightsSlice>; resources?: ResourceView[] }

function render({ spaces = [member], section = 'insights', item = null, insights = {}, resources = [] }: Page): string {
  const store = createAppStore({ api: {} as PeerApi, notify: () => {} })
  store.setState((s) => ({
    spaces: { ...s.spaces, selected: spaces[0]!.spaceId, list: ready(spaces) },
    nav: { ...s.nav, section, item },
    connection: { ...s.connection, status: { did: ME } as never },
    insights: { ...s.insights, ...insights },
    resources: { ...s.resources, list: ready(resources) },
  }))
  // The server renderer reads a store's initial state (zustand's server snapshot): make it this one.
  store.getInitialState = store.getState
  const view = section === 'insights' ? InsightsView : ResourcesView
  return renderToStaticMarkup(createElement(StoreProvider, { store, children: createElement(MantineProvider, null, createElement(view)) }))
}

/** The text of the page, tags dropped. */
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ')
const count = (html: string, s: string): number => text(html).split(s).length - 1

describe('the Insights view', () => {
  it('shows each need with its matches best first, each with its score and reasons in words', () => {
    const t = text(render({ insights: { matches: ready(matchResult()) } }))
    expect(t).toContain('3 open needs against 2 offers')
    expect(t).toMatch(/Seed trays for spring .*Forty seed trays .*by Ana · Lisbon .*Score 82%/)
    expect(t).toContain('Tags: shares the tags "seeds", "garden" (+72 points)')
    expect(t).toContain('Place: both in Lisbon (+10 points)')
    expect(t.indexOf('Seed trays for spring')).toBeLessThan(t.indexOf('A tall ladder'))
    expect(t).toContain('Open offer')
  })

  it('offers “Mark matched by this offer” on each match of a need the member may change, and "Across" only with a grant for matching', () => {
    const html = render({ insights: { matches: ready(matchResult()) } })
    expect(count(html, 'Mark matched by this')).toBe(1)
    const card = text(html).slice(text(html).indexOf('Seed trays for spring'), text(html).indexOf('A tall ladder'))
    expect(card).toMatch(/Forty seed trays .*Mark matched by this offer/)
    expect(text(html)).not.toContain('Across organisations')
    // A founder may change anyone's need: on each match of each need, across organisations too.
    expect(count(render({ spaces: [space], insights: { matches: ready(matchResult()) } }), 'Mark matched by this')).toBe(2)
    expect(count(render({ spaces: [space, farmSpace], insights: { across: true, matches: ready(matchResult(true)) } }), 'Mark matched by this')).toBe(3)
    expect(text(render({ spaces: [member, farmSpace], insights: { matches: ready(matchResult()) } }))).toContain('Across organisations')
    // Its grant expired: nothing to add across.
    const expired = { ...farmSpace, access: { ...farmSpace.access, expiresAt: '2020-01-01T00:00:00.000Z' } }
    expect(text(render({ spaces: [member, expired], insights: { matches: ready(matchResult()) } }))).not.toContain('Across organisations')
  })

  it('names each button by its item, for a screen reader', () => {
    const html = render({ spaces: [space], insights: { matches: ready(matchResult()) } })
    expect(html).toContain('aria-label="Open need Seed trays for spring"')
    expect(html).toContain('aria-label="Open offer Forty seed trays"')
    expect(html).toContain('aria-label="Mark matched by this offer: “Forty seed trays” for “Seed trays for spring”"')
    expect(html).toContain('aria-label="Mark matched by this tool: “Aluminium ladder” for “A tall ladder”"')
  })

  it('shows a reason worth no points as a note, and the points of the others adding up to the score', () => {
    const base = matchResult()
    const m = { ...base.matches[0]!, score: 0.605, reasons: [
      { kind: 'tags' as const, points: 0.375, detail: 'shares the tags "seeds", "garden"' },
      { kind: 'words' as const, points: 0.175, detail: '"trays" in both titles' },
      { kind: 'location' as const, points: 0.055, detail: 'both in Lisbon' },
      { kind: 'expiry' as const, points: 0, detail: 'the offer expires in 3 days' },
    ] }
    const t = text(render({ insights: { matches: ready({ ...base, matches: [m] }) } }))
    expect(t).toContain('Score 61%')
    expect(t).toMatch(/\(\+38 points\) .*\(\+18 points\) .*\(\+5 points\)/)
    expect(t).toContain('Note: the offer expires in 3 days')
    expect(t).not.toContain('+0 points')
  })

  it('names someone at another organisation where its roster cannot be read', () => {
    const base = matchResult(true)
    const matches = base.matches.map((m) => (m.space.spaceId === farmSpace.spaceId ? { ...m, offer: { ...m.offer, ownerName: null } } : m))
    const t = text(render({ spaces: [member, farmSpace], insights: { across: true, matches: ready({ ...base, matches }) } }))
    expect(t).toMatch(/Trays from the farm .*by someone at River Farm co-op/)
  })

  it('marks a match from another organisation with that organisation’s name, and offers no “Open” for it', () => {
    const t = text(render({ spaces: [member, farmSpace], insights: { across: true, matches: ready(matchResult(true)) } }))
    expect(t).toMatch(/Trays from the farm .*Another organisation: River Farm co-op .*by Rui .*Score 64%/)
    expect(t).toContain(', with River Farm co-op;')
    const farm = t.slice(t.indexOf('Trays from the farm'), t.indexOf('A tall ladder'))
    expect(farm).not.toContain('Open offer')
  })

  it('says when the space has no open need, and when the matches could not be computed', () => {
    expect(text(render({ insights: { matches: ready({ ...matchResult(), matches: [], needs: 0 }) } }))).toContain('No open needs')
    const failed = text(render({ insights: { matches: { status: 'error', value: null, error: 'The peer could not read this space.' } } }))
    expect(failed).toContain('Could not load the matches')
    expect(failed).toContain('The peer could not read this space.')
  })

  it('lists the gaps with the rule each was drawn by, who booked a conflict, and an empty state per list', () => {
    const t = text(render({ item: 'gaps', insights: { gaps: ready(gaps) } }))
    expect(t).toContain('Open for more than 7 days with no match above 30%.')
    expect(t).toContain('A van for Saturday · open for 12 days · best match 12%')
    expect(t).toMatch(/Expiring soon .*Forty seed trays expires in 3 days/)
    expect(t).toMatch(/Cordless drill Ana : .* Me : /)
    expect(t).toContain('Every offer older than that was matched or booked.')
    expect(t).toMatch(/Old Mill · place/)
  })

  it('says a gap list is not shown where its part could not be read, rather than that there is none', () => {
    const t = text(render({ item: 'gaps', insights: { gaps: ready({ ...gaps, bookingConflicts: [], isolatedNodes: [], unavailable: ['bookings', 'map'] }) } }))
    expect(t).toContain('Not shown — this caller may not read bookings.')
    expect(t).toContain('Not shown — this caller may not read the map.')
    expect(t).not.toContain('No booking overlaps another.')
  })

  it('shows each health figure with its change as an arrow and in words, a trend, and the bridges', () => {
    const html = render({ item: 'health', insights: { health: ready(health) } })
    const t = text(html)
    expect(t).toMatch(/Active members 7 of 12 ↑ up 3/)
    expect(t).toMatch(/Needs met 40% of 10 needs ↓ down 5 points/)
    expect(t).toMatch(/Map nodes 30 41 edges → no change/)
    expect(t).toMatch(/Clustering 0\.31 no earlier snapshot/)
    expect(html).toContain('aria-label="Active members over the last 3 snapshots: from 2 to 7"')
    expect(t).toContain('Food Hub · reaches 3 communities')
    expect(t).toContain('A new snapshot is kept once an hour.')
    const narrow = text(render({ item: 'health', insights: { health: ready({ ...health, figures: { ...health.figures, offersUsed: null, mapNodes: null, mapEdges: null }, unavailable: ['bookings', 'map'] }) } }))
    expect(narrow).toMatch(/Offers used — of 20 offers, tools and facilities .*Not shown — this caller may not read bookings\./)
    expect(narrow).toMatch(/Map nodes — .*Not shown — this caller may not read the map\./)
  })

  it('offers "Link on the map" for two map nodes only where the map may be written', () => {
    const writer = text(render({ item: 'suggestions', insights: { suggestions: ready(suggestions) } }))
    expect(writer).toMatch(/Food Hub on the map .*Seed Library on the map .*58%.*share 2 neighbours/)
    expect(count(writer, 'Link on the map')).toBe(1)
    // Two members: "(you)" as in Matches, the score in percent, and what to do about it.
    expect(writer).toMatch(/Ana member .*Me \(you\) member .*40%/)
    expect(writer).toContain('“Forty seed trays” for “Seed trays for spring” (a 72% match)')
    expect(writer).toContain('Get in touch with Ana: your need and offer are under Matches.')
    expect(writer).not.toContain('match 0.715')
    const reader: SpaceSummary = { ...member, role: 'guest', access: { cmd: '/doc/read', docs: ['resources', 'map'], purpose: 'coordination', expiresAt: null } }
    expect(text(render({ spaces: [reader], item: 'suggestions', insights: { suggestions: ready(suggestions) } }))).not.toContain('Link on the map')
  })
})

describe('a need’s page', () => {
  const need: ResourceView = {
    id: 'need-trays', kind: 'need', title: 'Seed trays for spring', description: '', tags: ['seeds'], owner: ME, status: 'open',
    createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', ownerName: 'Me', poolName: null, expired: false,
  }
  it('shows its matches with their reasons, and the way to Insights', () => {
    const one = { ...matchResult(), matches: matchResult().matches.slice(0, 1) }
    const t = text(render({ section: 'resources', item: need.id, resources: [need], insights: { need: { id: need.id, data: ready(one) } } }))
    expect(t).toMatch(/Matches offer Forty seed trays by Ana · Lisbon Score 82% .*both in Lisbon/)
    expect(t).toContain('All matches, gaps and suggestions in Insights')
  })
  it('shows no matches on a closed need', () => {
    const t = text(render({ section: 'resources', item: need.id, resources: [{ ...need, status: 'closed' }] }))
    expect(t).not.toContain('All matches, gaps and suggestions')
  })
})

describe('who sees Insights', () => {
  it('a member, and a guest whose grant covers the resources it is computed from', () => {
    expect(sectionLabels(spaceAs('member', '/doc/write', ['*']))).toContain('Insights')
    expect(sectionLabels(spaceAs('guest', '/doc/read', ['resources']))).toContain('Insights')
    expect(sectionLabels(spaceAs('guest', '/doc/read', ['map']))).not.toContain('Insights')
  })
})
