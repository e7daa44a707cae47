/**
 * The decisions slice against a stand-in peer, fed as the page feeds it (app/feeds.ts): the
 * list and the open proposal refresh when the peer reports a change to decisions, a proposal
 * closing is told to the member with its result, a refusal comes back in words for the form,
 * and another space's selection forgets what was shown.
 */
import { describe, expect, it, vi } from 'vitest'
import type { DecisionSummary, DecisionView } from '../../shared/api/decisions-api.ts'
import type { PeerApi, SpaceSummary } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { Notice } from '../../renderer/store/app-state.ts'
import { standInFrame } from './stand-in-frame.ts'
import { stance, view } from './decisions-fixtures.ts'

const space = (id: string): SpaceSummary => ({
  spaceId: id as SpaceId, name: id, founder: 'did:key:zA' as SpaceSummary['founder'], role: 'founder', members: 2, documents: [],
  access: { cmd: '/', docs: ['*'], purpose: 'membership', expiresAt: null },
})

function setup() {
  let current: DecisionView = view()
  const calls: string[] = []
  const notices: Notice[] = []
  const decisions: Partial<PeerApi> = {
    listSpaces: async () => [space('s1'), space('s2')],
    listDecisions: async ({ spaceId }) => {
      calls.push(`list:${spaceId}`)
      const { details: _d, processLine: _p, stances: _s, outcomes: _o, eligibleVoters: _e, ...s } = current
      return { items: spaceId === 's1' ? [s as DecisionSummary] : [], total: spaceId === 's1' ? 1 : 0 }
    },
    getDecision: async ({ spaceId, decisionId }) => {
      calls.push(`get:${spaceId}:${decisionId}`)
      if (spaceId !== 's1' || !current.id.startsWith(decisionId)) throw new CommonweaveError(ErrorCode.NotFound, `No proposal ${decisionId} in this space.`)
      return current
    },
    castStance: async ({ choice, reason }) => {
      if (choice === 'objection' && !reason) throw new CommonweaveError(ErrorCode.ValidationFailed, 'An objection needs a reason.')
      current = view({ myStance: choice, stances: [stance({ choice, reason: reason ?? '' })] })
      return current
    },
  }
  // Everything else the frame asks for answers empty.
  const { store, stop, emit } = standInFrame(decisions, notices)
  return { store, calls, notices, stop, emit, set: (v: DecisionView) => { current = v } }
}

describe('the decisions slice', () => {
  it('lists the space’s proposals, and a change to decisions refreshes the list and the open proposal', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().decisions.list.value).toHaveLength(1))
    await t.store.getState().decisions.show('d1')
    expect(t.store.getState().decisions.open.value?.tally.voted).toBe(0)

    t.set(view({ tally: { ...view().tally, counts: { consent: 1, objection: 0 }, voted: 1, quorum: { pct: 50, needed: 1, reached: true }, result: 'carried' }, stances: [stance()] }))
    t.emit('collection:changed', { spaceId: 's1', collection: 'decisions', ids: ['s1'] })
    await vi.waitFor(() => expect(t.store.getState().decisions.open.value?.tally.voted).toBe(1))
    expect(t.store.getState().decisions.list.value[0]!.tally.result).toBe('carried')

    t.calls.length = 0
    t.emit('collection:changed', { spaceId: 's2', collection: 'decisions', ids: ['x'] })
    t.emit('collection:changed', { spaceId: 's1', collection: 'resources', ids: ['x'] })
    // A change that does concern it, after them: once its fetches are made, nothing else was fetched.
    t.emit('collection:changed', { spaceId: 's1', collection: 'decisions', ids: ['s2'] })
    await vi.waitFor(() => expect(t.calls).toContain('get:s1:d1'))
    expect(t.calls.every((c) => c.startsWith('list:s1') || c === 'get:s1:d1'), `changes elsewhere fetch no proposal: ${t.calls.join(', ')}`).toBe(true)
    t.stop()
  })

  it('a proposal closing is told to the member with its result, and refreshes it', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().decisions.list.status).toBe('ready'))
    t.set(view({ status: 'closed', tally: { ...view().tally, voted: 2, quorum: { pct: 50, needed: 1, reached: true }, result: 'carried' } }))
    t.emit('decision:closed', { spaceId: 's1', decisionId: 'd1' })
    await vi.waitFor(() => expect(t.notices).toContainEqual({ kind: 'info', title: '“Buy a cargo bike” has closed', message: 'Result: carried.' }))
    await vi.waitFor(() => expect(t.store.getState().decisions.list.value[0]!.status).toBe('closed'))
    t.stop()
  })

  it('a stance taken shows at once; a refusal comes back in words and nothing changes', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().decisions.list.status).toBe('ready'))
    await t.store.getState().decisions.show('d1')
    const refused = await t.store.getState().decisions.cast('d1', { choice: 'objection' })
    expect(refused).toEqual({ ok: false, error: { code: ErrorCode.ValidationFailed, message: 'An objection needs a reason.' } })
    expect(t.store.getState().decisions.open.value?.stances).toEqual([])
    const out = await t.store.getState().decisions.cast('d1', { choice: 'consent', reason: 'Yes' })
    expect(out.ok).toBe(true)
    expect(t.store.getState().decisions.open.value?.myStance).toBe('consent')
    expect(t.notices).toContainEqual({ kind: 'done', message: 'Your stance on “Buy a cargo bike”: Consent.' })
    t.stop()
  })

  it('reminds once of a proposal closing within the hour', async () => {
    const t = setup()
    t.set(view({ closesAt: new Date(Date.now() + 20 * 60_000).toISOString() }))
    await t.store.getState().decisions.refresh()
    await t.store.getState().decisions.refresh()
    const reminders = t.notices.filter((n) => n.title?.includes('closes in'))
    expect(reminders).toEqual([{ kind: 'info', title: '“Buy a cargo bike” closes in 20 min', message: 'You have not taken a stance yet.' }])
    t.stop()
  })

  it('another space’s selection forgets the proposals and the open one', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().decisions.list.value).toHaveLength(1))
    await t.store.getState().decisions.show('d1')
    t.store.getState().spaces.select('s2' as SpaceId)
    expect(t.store.getState().decisions.open.value).toBeNull()
    await vi.waitFor(() => expect(t.store.getState().decisions.list.status).toBe('ready'))
    expect(t.store.getState().decisions.list.value).toEqual([])
    t.stop()
  })

  it('a proposal not in this space is an error in words', async () => {
    const t = setup()
    await vi.waitFor(() => expect(t.store.getState().spaces.selected).toBe('s1'))
    await t.store.getState().decisions.show('nope')
    expect(t.store.getState().decisions.open).toMatchObject({ status: 'error', error: 'No proposal nope in this space.' })
    t.stop()
  })
})
