/**
 * The insights slice against a stand-in peer, fed as the page feeds it (app/feeds.ts): it asks
 * only for the tab on the screen; a burst of changes to the space's resources asks again once,
 * after the burst settles, and only for what shows (the other tabs are fetched when they show);
 * "Across organisations" asks the peer to match across; a need's page asks for that need's top
 * matches, and follows changes while it is open.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MatchInput } from '../../shared/api/insight-api.ts'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import { Section } from '../../renderer/app/nav-slice.ts'
import type { Notice } from '../../renderer/store/app-state.ts'
import { anasTrays, gaps, health, matchResult, ME, space, suggestions, trays } from './insight-fixtures.ts'
import { standInFrame } from './stand-in-frame.ts'

function setup() {
  const asked = { match: [] as MatchInput[], gaps: 0, suggest: 0, health: 0, edits: [] as Array<{ resourceId: string; status?: string }> }
  const notices: Notice[] = []
  const answers: Partial<PeerApi> = {
    listSpaces: async () => [space],
    status: async () => ({ did: ME }) as never,
    match: async (input) => { asked.match.push(input); return matchResult(input.across === true) },
    gaps: async () => { asked.gaps++; return gaps },
    suggest: async () => { asked.suggest++; return suggestions },
    health: async () => { asked.health++; return health },
    editResource: async (input) => { asked.edits.push({ resourceId: input.resourceId, status: input.status }); return {} as never },
  }
  const { store, emit } = standInFrame(answers, notices)
  return {
    store, asked, notices, emit,
    changed: (collection = 'resources') => emit('collection:changed', { spaceId: space.spaceId, collection, ids: ['x'] }),
  }
}

beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }) })
afterEach(() => { vi.useRealTimers() })

describe('the insights slice', () => {
  it('asks only for the tab on the screen; another tab is asked for when it shows', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().spaces.selected).toBe(space.spaceId))
    t.store.getState().nav.go(Section.Insights)
    await t.store.getState().insights.load('matches')
    expect(t.store.getState().insights.matches.value?.matches[0]?.offer.title).toBe('Forty seed trays')
    expect(t.asked).toMatchObject({ gaps: 0, suggest: 0, health: 0 })
    expect(t.asked.match).toEqual([{ spaceId: space.spaceId, perNeed: 5 }])
    t.store.getState().nav.go(Section.Insights, 'gaps')
    await t.store.getState().insights.load('gaps')
    expect(t.store.getState().insights.gaps.value?.unmetNeeds[0]?.need.title).toBe('A van for Saturday')
    // Held and fresh: showing it again asks nothing.
    await t.store.getState().insights.load('gaps')
    expect(t.asked.gaps).toBe(1)
  })

  it('a burst of changes asks again once, after it settles, and only for the tab that shows', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().spaces.selected).toBe(space.spaceId))
    t.store.getState().nav.go(Section.Insights, 'health')
    await t.store.getState().insights.load('health')
    expect(t.asked.health).toBe(1)
    for (let i = 0; i < 5; i++) t.changed(i % 2 ? 'resources' : 'bookings')
    await vi.advanceTimersByTimeAsync(1_000)
    t.changed('map')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(t.asked.health, 'nothing asked while the changes keep coming').toBe(1)
    await vi.advanceTimersByTimeAsync(600)
    expect(t.asked.health).toBe(2)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(t.asked.health).toBe(2)
    expect(t.asked.match).toEqual([])
    expect(t.store.getState().insights.stale).toEqual(expect.arrayContaining(['matches', 'gaps', 'suggestions']))
    // A change to pages is no input of the insights.
    t.changed('pages')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(t.asked.health).toBe(2)
    // The matches tab, stale, is asked for when it shows.
    t.store.getState().nav.go(Section.Insights)
    await t.store.getState().insights.load('matches')
    expect(t.asked.match).toHaveLength(1)
  })

  it('"Across organisations" asks the peer to match across, names the other organisation’s match, and asks again when a grant changes', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().spaces.selected).toBe(space.spaceId))
    t.store.getState().nav.go(Section.Insights)
    await t.store.getState().insights.load('matches')
    await t.store.getState().insights.setAcross(true)
    expect(t.asked.match.at(-1)).toEqual({ spaceId: space.spaceId, perNeed: 5, across: true })
    const m = t.store.getState().insights.matches.value!.matches
    expect(m.map((x) => x.space.name)).toContain('River Farm co-op')
    // The farm's grant changes (revoked, say): matching across asks again.
    t.emit('space:changed', { spaceId: 's-farm' })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(t.asked.match).toHaveLength(3)
  })

  it('a need’s page asks for its top three, and a change while it is open asks again', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().spaces.selected).toBe(space.spaceId))
    t.store.getState().nav.go(Section.Resources, 'need-trays')
    await t.store.getState().insights.showNeed('need-trays')
    expect(t.asked.match).toEqual([{ spaceId: space.spaceId, needId: 'need-trays', perNeed: 3 }])
    expect(t.store.getState().insights.need.data.status).toBe('ready')
    t.changed()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(t.asked.match).toHaveLength(2)
    await t.store.getState().insights.showNeed(null)
    t.changed()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(t.asked.match, 'closed: nothing asked').toHaveLength(2)
  })

  it('marks a need matched by an offer, names the offer in the toast, and its Undo opens the need again', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().spaces.selected).toBe(space.spaceId))
    expect(await t.store.getState().insights.markMatched(trays, anasTrays)).toBeNull()
    expect(t.asked.edits).toEqual([{ resourceId: trays.id, status: 'matched' }])
    const done = t.notices.find((n) => n.action)!
    expect(done.message).toBe('Marked “Seed trays for spring” matched by “Forty seed trays”.')
    expect(done.action!.label).toBe('Undo')
    done.action!.run()
    await vi.waitFor(() => expect(t.asked.edits.at(-1)).toEqual({ resourceId: trays.id, status: 'open' }))
    await vi.waitFor(() => expect(t.notices.at(-1)?.message).toBe('“Seed trays for spring” is open again.'))
  })
})
