/**
 * The renderer frame's pure parts: the address fragment of a place, the order of overlapping
 * answers, folding refreshes, and which slices a peer event makes stale. A store fed by a
 * scripted bridge shows the page refreshing on reconnect and on events for its own space only.
 */
import { describe, expect, it, vi } from 'vitest'
import { hashToPlace, placeToHash, Section } from '../../renderer/app/nav-slice.ts'
import { coalesce, startFeeds } from '../../renderer/app/feeds.ts'
import { idle, latestWins, load, type Loadable } from '../../renderer/store/loadable.ts'
import { createAppStore } from '../../renderer/store/store.ts'
import type { PeerBridge } from '../../renderer/bridge/peer-bridge.ts'
import type { PeerApi, PeerEventName, SpaceSummary } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'

describe('the address fragment of a place', () => {
  it.each([
    [Section.Resources, null, '#/resources'],
    [Section.Resources, 'abc 1/2', '#/resources/abc%201%2F2'],
    [Section.Settings, null, '#/settings'],
  ] as const)('%s %s ⇄ %s', (section, item, hash) => {
    expect(placeToHash(section, item)).toBe(hash)
    expect(hashToPlace(hash)).toEqual({ section, item })
  })
  it.each(['', '#', '#token=abc', '#/nowhere', '#/resources/a/b', 'resources', '#/resources/%E0'])('%j is no place', (hash) => {
    expect(hashToPlace(hash)).toBeNull()
  })
})

describe('overlapping answers', () => {
  it('an answer older than one already accepted is dropped', () => {
    const order = latestWins()
    const first = order.issue()
    const second = order.issue()
    expect(order.accept(second)).toBe(true)
    expect(order.accept(first)).toBe(false)
  })

  it('load keeps the last value on a failed refresh and says why', async () => {
    let state: Loadable<number[]> = idle([])
    const put = (v: Loadable<number[]>): void => { state = v }
    const order = latestWins()
    await load(() => state, put, order, async () => [1, 2])
    expect(state).toEqual({ status: 'ready', value: [1, 2], error: null })
    await load(() => state, put, order, async () => { throw new CommonweaveError(ErrorCode.Unavailable, 'the peer is stopping') })
    expect(state).toEqual({ status: 'ready', value: [1, 2], error: 'the peer is stopping' })
  })

  it('a first fetch that fails is an error state', async () => {
    let state: Loadable<number[]> = idle([])
    await load(() => state, (v) => { state = v }, latestWins(), async () => { throw new Error('boom') })
    expect(state.status).toBe('error')
  })
})

describe('coalesce', () => {
  it('calls during a run fold into one more run', async () => {
    let runs = 0
    let release: () => void = () => {}
    const run = coalesce(async () => {
      runs++
      if (runs === 1) await new Promise<void>((r) => { release = r })
    })
    const first = run()
    void run()
    void run()
    release()
    await first
    expect(runs).toBe(2)
  })
})

/** A bridge whose connection and events the test drives, over an API that counts calls. */
function scriptedBridge(spaces: SpaceSummary[]): { bridge: PeerBridge; calls: string[]; emit: (e: PeerEventName, p: unknown) => void; connect: (on: boolean) => void } {
  const calls: string[] = []
  let onEvent: (e: PeerEventName, p: unknown) => void = () => {}
  let onConn: (on: boolean) => void = () => {}
  const answer: Record<string, unknown> = {
    status: { did: 'did:key:zA', name: 'Ada' }, peers: [], listSpaces: spaces,
    listResources: { items: [], total: 0, syncing: 0 }, listBookings: { items: [], total: 0 },
    listMembers: [], listGrants: [], audit: [],
    getResource: { id: 'x', kind: 'tool', title: 'Ladder', tags: [], status: 'open', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
  }
  const api = new Proxy({}, {
    get: (_t, op: string) => async (input: { spaceId?: string } | undefined) => {
      calls.push(input?.spaceId ? `${op}:${input.spaceId}` : op)
      return answer[op]
    },
  }) as PeerApi
  const bridge: PeerBridge = {
    api,
    onEvent: (l) => { onEvent = l as typeof onEvent; return () => {} },
    onConnection: (l) => { onConn = l; return () => {} },
  }
  return { bridge, calls, emit: (e, p) => onEvent(e, p), connect: (on) => onConn(on) }
}

const space = (id: string, name: string): SpaceSummary => ({
  spaceId: id as SpaceId, name, founder: 'did:key:zA' as SpaceSummary['founder'], role: 'founder', members: 1, documents: [],
  access: { cmd: '/', docs: ['*'], purpose: 'membership', expiresAt: null },
})

/** Lets pending refreshes run (used only to show that nothing was fetched). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20))

describe('feeding the store', () => {
  it('on connecting, fetches everything and selects a space; events refresh only what they concern', async () => {
    const { bridge, calls, emit, connect } = scriptedBridge([space('s1', 'Tool Library'), space('s2', 'Garden')])
    const store = createAppStore({ api: bridge.api, notify: () => {} })
    startFeeds(bridge, store)
    connect(true)
    expect(store.getState().connection.online).toBe(true)
    await vi.waitFor(() => expect(store.getState().spaces.selected).toBe('s1'))
    await vi.waitFor(() => expect(calls).toEqual(expect.arrayContaining(['status', 'peers', 'listSpaces', 'listResources:s1', 'listMembers:s1', 'listGrants:s1', 'listBookings:s1'])))

    calls.length = 0
    emit('collection:changed', { spaceId: 's2', collection: 'resources', ids: ['x'] })
    await settle()
    expect(calls, 'a change in a space not shown fetches nothing').toEqual([])
    emit('collection:changed', { spaceId: 's1', collection: 'resources', ids: ['x'] })
    // a few changed ids are fetched one by one, not the whole list again
    await vi.waitFor(() => expect(calls.filter((c) => c.startsWith('getResource') || c.startsWith('listResources'))).not.toHaveLength(0))
    await settle()
    expect(calls.some((c) => c.startsWith('listMembers'))).toBe(false)

    calls.length = 0
    connect(false)
    expect(store.getState().connection).toMatchObject({ online: false, everOnline: true })
    connect(true)
    await vi.waitFor(() => expect(calls, 'reconnecting refreshes everything').toEqual(expect.arrayContaining(['status', 'listSpaces', 'listResources:s1'])))
  })

  it('selecting another space forgets the last one’s data and fetches the new one’s', async () => {
    const { bridge, calls, connect } = scriptedBridge([space('s1', 'Tool Library'), space('s2', 'Garden')])
    const store = createAppStore({ api: bridge.api, notify: () => {} })
    startFeeds(bridge, store)
    connect(true)
    await vi.waitFor(() => expect(store.getState().members.list.status).toBe('ready'))
    calls.length = 0
    store.getState().spaces.select('s2' as SpaceId)
    expect(store.getState().members.list.status).not.toBe('ready')
    await vi.waitFor(() => expect(calls).toEqual(expect.arrayContaining(['listResources:s2', 'listMembers:s2'])))
    await vi.waitFor(() => expect(store.getState().members.list.status).toBe('ready'))
  })
})
