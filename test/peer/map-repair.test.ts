/**
 * The repair of edges to deleted nodes, on its own: a burst of changes is one repair once the
 * map is quiet; a map with nothing dangling, or one this peer may not write, is left alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SpaceId } from '../../shared/ids.ts'
import type { MapEdge } from '../../shared/schemas/map.ts'
import { MapRepair } from '../../electron/peer/domain/map-repair.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'

const SPACE = 'space-1' as SpaceId
const edge = (id: string): MapEdge => ({ id, kind: 'edge', from: 'a', to: 'gone', type: 'knows', direction: 'directed', description: '', tags: [], attributes: {}, createdAt: '', updatedAt: '' })

describe('the repair of edges to deleted nodes', () => {
  let dangling: MapEdge[]
  let writable: boolean
  let written: string[][]
  let repair: MapRepair

  beforeEach(() => {
    vi.useFakeTimers()
    dangling = [edge('e1'), edge('e2')]
    writable = true
    written = []
    repair = new MapRepair({
      state: async () => ({ dangling }),
      mayWrite: () => writable,
      tombstone: async (_space, ids) => {
        written.push([...ids])
        dangling = dangling.filter((e) => !ids.includes(e.id))
      },
      log: createLogger(LogLevel.Error, 'test', () => {}),
      delayMs: 300,
    })
  })
  afterEach(async () => {
    await repair.stop()
    vi.useRealTimers()
  })

  it('waits for the map to be quiet, then tombstones every dangling edge in one batch', async () => {
    for (let i = 0; i < 20; i++) {
      repair.changed(SPACE)
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(written).toEqual([])
    await vi.advanceTimersByTimeAsync(300)
    expect(written).toEqual([['e1', 'e2']])
    // The tombstones' own change finds nothing left to do.
    repair.changed(SPACE)
    await vi.advanceTimersByTimeAsync(400)
    expect(written).toEqual([['e1', 'e2']])
  })

  it('writes nothing on a peer that may not write the map', async () => {
    writable = false
    repair.changed(SPACE)
    await vi.advanceTimersByTimeAsync(1000)
    expect(written).toEqual([])
  })

  it('starts nothing once stopped', async () => {
    repair.changed(SPACE)
    await repair.stop()
    await vi.advanceTimersByTimeAsync(1000)
    expect(written).toEqual([])
  })
})
