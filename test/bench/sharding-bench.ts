/**
 * How to shard a collection and an index, measured: the candidates side by side, each built the
 * way a community builds it (one change per add), in plain Automerge in this process.
 *
 * Items (resources-like: id, kind, title, description, tags, owner, status, times, quantity):
 * - one map holding every item (the stock layout, and S8's baseline);
 * - by id prefix over 16 and over 256 shards;
 * - by fill: new items go to the fullest shard with room, capped at 128 (chosen), 256 or 512;
 * - the chosen layout again with every string as collaborative text (Automerge 3's default),
 *   against scalar strings except title and description (what the store writes).
 * For each: one more add (the change and the incremental save a repo writes), the load of the
 * largest shard (the longest stall opening the collection costs), the load of every shard,
 * reading every item, and the bytes kept.
 *
 * Index shards: loading a shard of 64 to 1,024 entries (document id -> collection name).
 */
import { randomUUID } from 'node:crypto'
import * as Automerge from '@automerge/automerge'

type Doc = { items: Record<string, unknown> }
type Strings = 'mixed' | 'text'

const I = (s: string): Automerge.ImmutableString => new Automerge.ImmutableString(s)
const OWNER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'

function item(i: number, strings: Strings): Record<string, unknown> {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
  const s = strings === 'text' ? (x: string): unknown => x : I
  return {
    id: s(randomUUID()), kind: s(['offer', 'need', 'tool'][i % 3]!), title: `Item ${i}: a ladder, four metres`,
    description: `Item ${i}, kept in the shed behind the hall; ask before taking it out for a weekend.`,
    tags: [s('garden'), s(`tag${i % 50}`)], owner: s(OWNER), status: s('open'), createdAt: s(at), updatedAt: s(at), quantity: 1,
  }
}

interface Layout { name: string; route: (id: string, fills: Map<string, number>) => string; strings: Strings; items?: number }

function fill(cap: number): Layout['route'] {
  let current = 0
  return (_id, fills) => {
    if ((fills.get(`f${current}`) ?? 0) >= cap) current++
    return `f${current}`
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now()
  const r = fn()
  return [r, performance.now() - t0]
}

export interface ItemRow { layout: string; shards: number; add: number; addSave: number; loadMax: number; loadAll: number; readAll: number; bytes: number }

/** One layout: `n` items added one change at a time, then measured. */
function measureItems(layout: Layout, n: number): ItemRow {
  const shards = new Map<string, Automerge.Doc<Doc>>()
  const fills = new Map<string, number>()
  const add = (i: number): { key: string; ms: number; saveMs: number } => {
    const it = item(i, layout.strings)
    const key = layout.route(String(it['id']), fills)
    const doc = shards.get(key) ?? Automerge.from<Doc>({ items: {} })
    const [next, ms] = time(() => Automerge.change(doc, (d) => { d.items[String(it['id'])] = it }))
    const [, saveMs] = time(() => Automerge.saveIncremental(next))
    shards.set(key, next)
    fills.set(key, (fills.get(key) ?? 0) + 1)
    return { key, ms, saveMs }
  }
  for (let i = 0; i < n; i++) add(i)
  const adds = Array.from({ length: 30 }, (_, j) => add(n + j))
  const saved = [...shards.values()].map((d) => Automerge.save(d))
  const loads = saved.map((bytes) => time(() => Automerge.load<Doc>(bytes)))
  const [, readAll] = time(() => { let k = 0; for (const [d] of loads) for (const v of Object.values(d.items)) k += JSON.stringify(v).length; return k })
  return {
    layout: layout.name, shards: shards.size, add: median(adds.map((a) => a.ms)), addSave: median(adds.map((a) => a.saveMs)),
    loadMax: Math.max(...loads.map(([, ms]) => ms)), loadAll: loads.reduce((t, [, ms]) => t + ms, 0), readAll,
    bytes: saved.reduce((t, b) => t + b.byteLength, 0),
  }
}

export function itemCandidates(n: number): ItemRow[] {
  const layouts: Layout[] = [
    // Growing one map key by key is quadratic (80 s for 10,000 here): BENCH_ONE_MAP_ITEMS can shorten it.
    { name: 'one map (stock)', route: () => 'all', strings: 'mixed', items: Number(process.env['BENCH_ONE_MAP_ITEMS'] ?? n) },
    { name: 'id prefix, 16 shards', route: (id) => id.slice(0, 1), strings: 'mixed' },
    { name: 'id prefix, 256 shards', route: (id) => id.slice(0, 2), strings: 'mixed' },
    { name: 'fill, 128 a shard (chosen)', route: fill(128), strings: 'mixed' },
    { name: 'fill, 256 a shard', route: fill(256), strings: 'mixed' },
    { name: 'fill, 512 a shard', route: fill(512), strings: 'mixed' },
    { name: 'fill, 128, every string as text', route: fill(128), strings: 'text' },
  ]
  return layouts.map((l) => measureItems(l, l.items ?? n))
}

export interface IndexRow { entries: number; load: number; bytes: number }

/** An index shard of `entries` documents, listed one change at a time, loaded (median of 7). */
export function indexCandidates(sizes: number[]): IndexRow[] {
  return sizes.map((entries) => {
    let doc = Automerge.from<{ entries: Record<string, unknown> }>({ entries: {} })
    for (let i = 0; i < entries; i++) doc = Automerge.change(doc, (d) => { d.entries[`${randomUUID().replaceAll('-', '').slice(0, 28)}`] = I('resources') })
    const bytes = Automerge.save(doc)
    return { entries, load: median(Array.from({ length: 7 }, () => time(() => Automerge.load(bytes))[1])), bytes: bytes.byteLength }
  })
}
