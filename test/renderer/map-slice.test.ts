/**
 * The map's slice against a stand-in peer, fed as the page feeds it (app/feeds.ts): it asks for
 * the map as the canvas draws it, and every refetch names the version it holds, so an
 * unchanged map changes nothing on the page; a change while another view shows fetches nothing
 * until the Map shows again; an edge the peer refuses to delete is said in words; an export's
 * files are named after the space and the day.
 */
import { describe, expect, it, vi } from 'vitest'
import type { MapGraphView } from '../../shared/api/map-api.ts'
import type { PeerApi, SpaceSummary } from '../../shared/api/peer-api.ts'
import type { SpaceId } from '../../shared/ids.ts'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import { Section } from '../../renderer/app/nav-slice.ts'
import { noFirstFrame } from '../../renderer/features/map/render-marks.ts'
import type { Notice } from '../../renderer/store/app-state.ts'
import { standInFrame } from './stand-in-frame.ts'

const space: SpaceSummary = {
  spaceId: 's1' as SpaceId, name: 'Food network', founder: 'did:key:zA' as SpaceSummary['founder'], role: 'founder', members: 2, documents: [],
  access: { cmd: '/', docs: ['*'], purpose: 'membership', expiresAt: null },
}

function setup() {
  let version = 1
  let nodes: MapGraphView['nodes'] = [{ id: 'a', type: 'organisation', label: 'Food Hub', tags: [] }]
  const asked: Array<string | undefined> = []
  const notices: Notice[] = []
  const map: Partial<PeerApi> = {
    listSpaces: async () => [space],
    getMapGraph: async ({ since }) => {
      asked.push(since)
      const v = `e.${version}`
      if (since === v) return { version: v, unchanged: true, nodes: [], edges: [], syncing: 0, may: { write: true } }
      return { version: v, nodes, edges: [], syncing: 0, may: { write: true } }
    },
    deleteMapEdge: async () => { throw new CommonweaveError(ErrorCode.Forbidden, 'Only members may change the map.') },
    exportMap: async () => ({ format: 'kumu-csv', nodes: 1, edges: 0, files: [{ name: 'map-elements.csv', mediaType: 'text/csv', text: 'Label\n' }, { name: 'map-connections.csv', mediaType: 'text/csv', text: 'From,To\n' }] }),
  }
  const { store, emit } = standInFrame(map, notices)
  return {
    store, asked, notices,
    changed: () => emit('collection:changed', { spaceId: 's1', collection: 'map', ids: ['a'] }),
    /** Another weaver's node reaches the peer: a new version. */
    add: (label: string) => { nodes = [...nodes, { id: label, type: 'person', label, tags: [] }]; version++ },
  }
}

// A page that shows no canvas (as here) has no first frame to wait for.
noFirstFrame()

describe('the map slice', () => {
  it('asks for the map as drawn, then names the version it holds: an unchanged map keeps the very same value', async () => {
    const t = setup()
    t.store.getState().nav.go(Section.Map)
    await vi.waitFor(() => expect(t.store.getState().map.view.status).toBe('ready'))
    const first = t.store.getState().map.view.value
    expect(first.nodes.map((n) => n.label)).toEqual(['Food Hub'])
    t.asked.length = 0
    await t.store.getState().map.refresh()
    expect(t.asked).toEqual(['e.1'])
    expect(t.store.getState().map.view.value).toBe(first)
    t.add('Bea')
    await t.store.getState().map.refresh()
    expect(t.store.getState().map.view.value.nodes.map((n) => n.label)).toEqual(['Food Hub', 'Bea'])
  })

  it('a change while another view shows fetches nothing, and the Map refetches it when it shows again', async () => {
    const t = setup()
    t.store.getState().nav.go(Section.Map)
    await vi.waitFor(() => expect(t.store.getState().map.view.status).toBe('ready'))
    t.store.getState().nav.go(Section.Resources)
    t.asked.length = 0
    t.add('Cleo')
    t.changed()
    await vi.waitFor(() => expect(t.store.getState().map.stale).toBe(true), { timeout: 3000 })
    expect(t.asked).toEqual([])
    t.store.getState().nav.go(Section.Map)
    await vi.waitFor(() => expect(t.store.getState().map.view.value.nodes.map((n) => n.label)).toContain('Cleo'))
    expect(t.asked).toEqual(['e.1'])
    expect(t.store.getState().map.stale).toBe(false)
  })

  it('an edge the peer refuses to delete is said in words; an export’s files are named after the space and the day', async () => {
    const t = setup()
    t.store.getState().nav.go(Section.Map)
    await vi.waitFor(() => expect(t.store.getState().map.view.status).toBe('ready'))
    const out = await t.store.getState().map.deleteEdge('e1')
    expect(out.ok).toBe(false)
    expect(t.notices).toContainEqual({ kind: 'error', title: 'The edge was not deleted', message: 'Only members may change the map.' })
    const exp = await t.store.getState().map.exportAs('kumu-csv')
    expect(exp?.files.map((f) => f.name)).toEqual([expect.stringMatching(/^food-network-map-\d{4}-\d\d-\d\d-elements\.csv$/), expect.stringMatching(/^food-network-map-\d{4}-\d\d-\d\d-connections\.csv$/)])
  })
})
