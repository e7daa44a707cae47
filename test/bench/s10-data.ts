/**
 * S10's data, from a seed: resources with titles, descriptions and tags as a community writes
 * them, pages of a few kilobytes, and the queries people type (prefixes, typos, several words,
 * whole words), all drawn from the words the data holds.
 *
 * The vocabulary has a long tail, as real text does: a few hundred common and domain words
 * and several thousand rarer ones (made of syllables, some with accents), drawn by a Zipf law,
 * so the index holds tens of thousands of terms, most of them rare.
 */
import type { ResourceInput } from '../../shared/schemas/resource.ts'
import { rng } from '../shared/grants/fuzz-values.ts'

const NOUNS = ('ladder drill trailer bike van hammer saw tent projector kettle mower strimmer wheelbarrow spade rake hoe ' +
  'chainsaw generator compressor sander jigsaw router clamp workbench scaffold gazebo marquee urn oven mixer blender ' +
  'sewing-machine loom spinning-wheel kayak canoe paddleboard surfboard snowboard skis sledge pram cot highchair ' +
  'keyboard guitar amplifier microphone speaker camera tripod telescope microscope printer laminator shredder ' +
  'bookcase sofa wardrobe desk chair table bench fridge freezer dehumidifier heater fan ladder-rack roof-box ' +
  'tow-bar jump-starter pressure-washer carpet-cleaner steam-cleaner wallpaper-stripper tile-cutter plasterboard').split(' ')
const ADJECTIVES = ('cordless folding electric heavy small large red blue green wooden aluminium portable vintage sturdy ' +
  'spare second-hand brand-new industrial compact extendable adjustable rechargeable waterproof inflatable').split(' ')
const PLACES = 'shed hall garage allotment café kitchen workshop barn library school church depot yard loft cellar'.split(' ')
const PHRASES = [
  'ask before taking it out', 'good for weekend projects', 'needs a new battery soon', 'comes with a case and spare blades',
  'bring it back clean please', 'collect from the back door', 'available most evenings', 'only for members of the co-op',
  'the key hangs by the door', 'book it a day ahead', 'fits in a small car', 'two people needed to carry it',
  'instructions are taped inside the lid', 'check the fuel before you go', 'ideal for the community garden',
]
export const TAGS = ('garden tools kitchen transport outdoor events music sport children repair sewing woodwork ' +
  'electronics cleaning camping water winter summer books furniture lighting sound video crafts baking preserving ' +
  'bees chickens compost seeds energy bikes cars moving storage safety firstaid accessibility elders youth café').split(' ')
const COMMON = ('the and of to a in is it that for on with as was at by be this from or have an they which one you ' +
  'had not but what all were when we there can more if out so up said about into than them could time would some her ' +
  'other only then their these may first new our well also after use two how most where over through back much before ' +
  'right too any same tell very still just those people meeting group members week month year place work need offer ' +
  'share help together community neighbourhood volunteer plan budget rota minutes agenda decision proposal garden ' +
  'harvest market stall repair café workshop schedule contact phone email notes question answer kitchen cleaning').split(' ')
const TOPICS = 'Handbook Rota Minutes Guide Recipe Notes Plan Policy Checklist Diary Report FAQ'.split(' ')
const SYLLABLES = 'ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu dra tre pli glo fru sto quin zel mor wen thal brin cor dun fel gar hel'.split(' ')
const ACCENTED = ['é', 'è', 'ü', 'ö', 'å', 'ñ', 'ç', 'í']

/** The long tail: `n` distinct made-up words (a few accented), in a fixed order. */
export function rareWords(n: number, rnd: () => number): string[] {
  const out = new Set<string>()
  while (out.size < n) {
    const parts = 2 + Math.floor(rnd() * 3)
    let w = ''
    for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]
    if (rnd() < 0.08) {
      const at = 1 + Math.floor(rnd() * (w.length - 1))
      w = w.slice(0, at) + ACCENTED[Math.floor(rnd() * ACCENTED.length)] + w.slice(at + 1)
    }
    out.add(w)
  }
  return [...out]
}

/** Draws index i of n with probability ∝ 1/(i+1) (Zipf, s = 1), by inverting a precomputed CDF. */
export function zipf(n: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n)
  let sum = 0
  for (let i = 0; i < n; i++) cdf[i] = (sum += 1 / (i + 1))
  return () => {
    const x = rnd() * sum
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cdf[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

export interface S10Page { title: string; tags: string[]; markdown: string }
export type QueryKind = 'prefix' | 'typo' | 'multiword' | 'word'
export interface S10Query { kind: QueryKind; text: string }
export interface S10Data { resources: ResourceInput[]; pages: S10Page[]; queries: S10Query[]; vocabulary: number }

export function s10Data(opts: { items: number; pages: number; queries: number; seed?: number }): S10Data {
  // The same data every run.
  const { float: rnd, pick } = rng(opts.seed ?? 10)
  const vocab = [...COMMON, ...NOUNS, ...PLACES, ...rareWords(12_000, rnd)]
  const draw = zipf(vocab.length, rnd)
  const words = (n: number): string => Array.from({ length: n }, () => vocab[draw()]!).join(' ')
  const sentence = (): string => {
    const s = words(8 + Math.floor(rnd() * 9))
    return s[0]!.toUpperCase() + s.slice(1) + '.'
  }

  const resources: ResourceInput[] = []
  for (let i = 0; i < opts.items; i++) {
    const noun = pick(NOUNS).replace(/-/g, ' ')
    const title = `${pick(ADJECTIVES).replace(/-/g, ' ')} ${noun}${rnd() < 0.4 ? ` (${vocab[COMMON.length + NOUNS.length + PLACES.length + Math.floor(rnd() * 12_000)]})` : ''}`
    const description = `${title[0]!.toUpperCase()}${title.slice(1)}, kept in the ${pick(PLACES)}; ${pick(PHRASES)}. ${rnd() < 0.7 ? sentence() : ''} ${rnd() < 0.3 ? sentence() : ''}`.trim()
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(TAGS)))]
    resources.push({ kind: pick(['tool', 'offer', 'need', 'facility', 'skill'] as const), title: title[0]!.toUpperCase() + title.slice(1), description, tags })
  }

  const pages: S10Page[] = []
  const titles = new Set<string>()
  for (let i = 0; i < opts.pages; i++) {
    let title = `${pick(TOPICS)}: ${vocab[draw()]} ${vocab[draw()]}`
    while (titles.has(title)) title += ` ${i}`
    titles.add(title)
    const size = 2000 + Math.floor(rnd() * 3000)
    const blocks: string[] = []
    let length = 0
    while (length < size) {
      const block = rnd() < 0.15 ? `## ${words(3)}` : Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' ')
      blocks.push(block)
      length += block.length + 2
    }
    pages.push({ title, tags: [pick(TAGS)], markdown: blocks.join('\n\n') })
  }

  // Queries: words taken from the items (so most have hits), typed as people type them.
  const texts = [...resources.map((r) => `${r.title} ${r.description}`), ...pages.map((p) => `${p.title} ${p.markdown}`)]
  const wordsOf = (t: string): string[] => t.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 5)
  const queries: S10Query[] = []
  const kinds: QueryKind[] = ['prefix', 'typo', 'multiword', 'word']
  while (queries.length < opts.queries) {
    const kind = kinds[queries.length % kinds.length]!
    const ws = wordsOf(pick(texts))
    if (ws.length < 3) continue
    const w = pick(ws)
    if (kind === 'prefix') queries.push({ kind, text: w.slice(0, 3 + Math.floor(rnd() * 2)) })
    else if (kind === 'word') queries.push({ kind, text: w })
    else if (kind === 'typo') queries.push({ kind, text: typo(w, rnd) })
    else queries.push({ kind, text: Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(ws)).join(' ') })
  }
  return { resources, pages, queries, vocabulary: vocab.length }
}

/** One slip of the finger: a letter replaced, dropped or doubled (one edit). */
function typo(w: string, rnd: () => number): string {
  const at = 1 + Math.floor(rnd() * (w.length - 2))
  const r = rnd()
  if (r < 0.4) return w.slice(0, at) + String.fromCharCode(97 + Math.floor(rnd() * 26)) + w.slice(at + 1)
  if (r < 0.7) return w.slice(0, at) + w.slice(at + 1)
  return w.slice(0, at) + w[at] + w.slice(at)
}
