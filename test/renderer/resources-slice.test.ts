/**
 * The resources slice against a stand-in peer: the whole space is paged in (the first thousand
 * shown before the rest arrive), a change the peer reports for a few ids refetches only those,
 * and a refusal comes back in words for the form to show.
 */
import { describe, expect, it } from 'vitest'
import type { PeerApi } from '../../shared/api/peer-api.ts'
import type { ListResourcesInput, ResourceRef } from '../../shared/api/resources-api.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import { createAppStore } from '../../renderer/store/store.ts'
import type { Notice } from '../../renderer/store/app-state.ts'

const SPACE = 'space-1' as SpaceId
const resource = (i: number, p: Partial<ResourceView> = {}): ResourceView => ({
  id: `r${i}`, kind: 'tool', title: `Thing ${i}`, description: '', tags: [], owner: 'did:key:a', status: 'open',
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ownerName: 'Ada', poolName: null, expired: false, ...p,
})

function setup(count: number) {
  let items = Array.from({ length: count }, (_, i) => resource(i))
  const calls: string[] = []
  const seenDuringLoad: number[] = []
  const api = {
    listResources: async ({ limit = 1000, offset = 0 }: ListResourcesInput) => {
      calls.push(`list ${offset}`)
      return { items: items.slice(offset, offset + limit), total: items.length, syncing: 0 }
    },
    listPools: async () => ({ items: [] }),
    getResource: async ({ resourceId }: ResourceRef) => {
      calls.push(`get ${resourceId}`)
      const r = items.find((x) => x.id === resourceId)
      if (!r) throw new CommonweaveError(ErrorCode.NotFound, `Item ${resourceId} of this space's resources was deleted.`)
      return r
    },
    addResource: async () => { throw new CommonweaveError(ErrorCode.ValidationFailed, 'title: title is required', [{ path: 'title', message: 'title is required' }]) },
  } as unknown as PeerApi
  const notices: Notice[] = []
  const store = createAppStore({ api, notify: (n) => notices.push(n) })
  store.getState().spaces.select(SPACE)
  store.subscribe((s, was) => { if (s.resources.list.value !== was.resources.list.value && s.resources.list.status === 'ready') seenDuringLoad.push(s.resources.list.value.length) })
  return { store, calls, notices, seenDuringLoad, set: (next: ResourceView[]) => { items = next } }
}

describe('the resources slice', () => {
  it('pages in the whole space, showing pages as they come on the first listing', async () => {
    const { store, calls, seenDuringLoad } = setup(2500)
    await store.getState().resources.refresh()
    expect(store.getState().resources.list.value).toHaveLength(2500)
    expect(store.getState().resources.more).toBe(false)
    expect(calls).toEqual(['list 0', 'list 1000', 'list 2000'])
    expect(seenDuringLoad, 'the first thousand shown before the rest').toEqual([1000, 2000, 2500])
  })

  it('refetches only the few ids a change names; an item gone is taken out', async () => {
    const t = setup(5)
    await t.store.getState().resources.refresh()
    t.calls.length = 0
    t.set([resource(0, { title: 'Renamed', updatedAt: '2026-02-01T00:00:00.000Z' }), resource(1), resource(2), resource(3), resource(5)])
    expect(t.store.getState().resources.refreshIds(['r0', 'r4', 'r5'])).toBe(true)
    await new Promise((r) => setTimeout(r, 0))
    expect(t.calls.sort()).toEqual(['get r0', 'get r4', 'get r5'])
    const titles = t.store.getState().resources.list.value.map((r) => r.title)
    expect(titles).toEqual(['Renamed', 'Thing 1', 'Thing 2', 'Thing 3', 'Thing 5'])
    expect(t.notices).toEqual([])
  })

  it('leaves many ids, or a list not yet loaded, to a full refresh', async () => {
    const t = setup(3)
    expect(t.store.getState().resources.refreshIds(['r0']), 'no list yet').toBe(false)
    await t.store.getState().resources.refresh()
    expect(t.store.getState().resources.refreshIds(Array.from({ length: 100 }, (_, i) => `r${i}`))).toBe(false)
    expect(t.store.getState().resources.refreshIds([])).toBe(false)
  })

  it('a refused add comes back in words, and nothing is added', async () => {
    const t = setup(1)
    await t.store.getState().resources.refresh()
    const out = await t.store.getState().resources.add({ kind: 'tool', title: 'x' })
    expect(out).toMatchObject({ ok: false, error: { code: ErrorCode.ValidationFailed } })
    expect(t.store.getState().resources.list.value).toHaveLength(1)
  })
})
