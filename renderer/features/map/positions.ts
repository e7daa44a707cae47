/**
 * Where each node of a space's map was when its layout last settled, kept in this browser
 * (localStorage), so the map opens where it was left: drawn at once, and the same each time.
 * Only positions are kept (no label, no other content of the map).
 */
import type { MapGraph, Place } from './graph-model.ts'
import { seededPlace } from './graph-model.ts'

const KEY = 'commonweave:map-layout:'
/** Beyond this the positions are not kept (a map this large settles again from its seeded places). */
const MAX_KEPT = 20_000

type Kept = Record<string, [number, number]>

function read(spaceId: string): Kept {
  try {
    const raw = localStorage.getItem(KEY + spaceId)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Kept : {}
  } catch {
    return {} // unreadable or not allowed here: every node takes its seeded place
  }
}

/** Where nodes appear: where they were kept, else a seeded place; `fresh` says whether any node had none kept. */
export function keptPlaces(spaceId: string, count: number): { place: Place; fresh: () => boolean } {
  const kept = read(spaceId)
  const seeded = seededPlace(count)
  let fresh = false
  return {
    place: (id) => {
      const at = kept[id]
      if (Array.isArray(at) && Number.isFinite(at[0]) && Number.isFinite(at[1])) return { x: at[0], y: at[1] }
      fresh = true
      return seeded(id)
    },
    fresh: () => fresh,
  }
}

/** Keeps the graph's positions for the space (after the layout stops). */
export function keepPlaces(spaceId: string, graph: MapGraph): void {
  if (graph.order > MAX_KEPT) return
  const kept: Kept = {}
  graph.forEachNode((id, a) => { kept[id] = [Math.round(a.x * 10) / 10, Math.round(a.y * 10) / 10] })
  try {
    localStorage.setItem(KEY + spaceId, JSON.stringify(kept))
  } catch {
    // Storage full or refused: the next opening settles again, nothing is lost.
  }
}
