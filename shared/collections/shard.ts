/**
 * Where a new item goes, as a pure function of the shards a collection has and how full each
 * is. Layout `fill`: the fullest shard that still has room, so shards fill one after another
 * and a small collection stays one document; none with room means a new shard.
 */
import type { ShardLayout } from './define.ts'

export interface ShardFill {
  id: string
  /** Items it holds now, deleted ones included (they stay in the document). */
  count: number
}

/** The shard for `n` new items, or `null` for a new one. Ties go to the lower id, so peers agree. */
export function chooseShard(layout: ShardLayout, shards: readonly ShardFill[], n = 1): string | null {
  if (layout.kind !== 'fill') throw new Error('a collection whose items are documents of their own has no shards to choose from')
  let best: ShardFill | null = null
  for (const s of shards) {
    if (s.count + n > layout.cap && !(s.count === 0 && n > layout.cap)) continue
    if (best === null || s.count > best.count || (s.count === best.count && s.id < best.id)) best = s
  }
  return best?.id ?? null
}
