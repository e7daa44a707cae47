/**
 * Relationship suggestions: unlinked pairs of map nodes or members who share neighbours, tags,
 * or a matching need and offer, each with its reasons. The candidates come from the structure,
 * never from all pairs: pairs of one node's neighbours (neighbours of neighbours), pairs under
 * one tag, pairs of a need's owner and a matching offer's owner.
 *
 * Scores, 0..1:
 * - shared neighbours: Adamic–Adar (each shared neighbour w adds 1/ln(degree of w): a neighbour
 *   linked to few says more than a hub), as 1 − e^(−sum);
 * - shared tags: 0.3 a tag, at most 0.6;
 * - a node pair with both: 1 − (1 − neighbours)(1 − tags);
 * - a member pair: its matches taken together, 1 − Π(1 − score) over them (each match is one more
 *   reason the two should meet: five good ones say more than one), at most MEMBERS_MAX.
 * A node linked to more than HUB_LIMIT others is not counted as a shared neighbour, and a tag on
 * more than TAG_LIMIT nodes is not counted as shared: both say little about a pair, and would
 * make the candidates the square of the map.
 */
import type { Suggestion, SuggestionEnd } from '../api/insight-api.ts'
import type { ScoredMatch, SpaceFacts } from './contract.ts'
import { linked, neighbourhoods, type Neighbourhoods } from './graph.ts'
import { best } from './rank.ts'
import { andList } from '../and-list.ts'
import { foldTag } from './text.ts'

export const HUB_LIMIT = 150
export const TAG_LIMIT = 50
const TAG_SCORE = 0.3
const TAGS_MAX = 0.6
/** A member pair's score at most: however many matches, a suggestion is never a certainty. */
export const MEMBERS_MAX = 0.95

const round3 = (x: number): number => Math.round(x * 1000) / 1000
const quoted = (s: string): string => `"${s}"`

/** `matches`: per need id, its matches within the space. */
export function suggestions(facts: SpaceFacts, matches: ReadonlyMap<string, readonly ScoredMatch[]>, limit: number): Suggestion[] {
  const out = [...(facts.graph ? nodePairs(neighbourhoods(facts.graph)) : []), ...memberPairs(facts, matches)]
  const kept = best(out, limit, (x, y) => y.score - x.score || compareEnd(x.a, y.a) || compareEnd(x.b, y.b))
  // Reasons are written for the ones kept only.
  return kept.map(({ a, b, score, reasons }) => ({ a, b, score, reasons: reasons() }))
}

/** A suggestion before its reasons are written. */
interface Candidate { a: SuggestionEnd; b: SuggestionEnd; score: number; reasons: () => string[] }

const candidate = (a: SuggestionEnd, b: SuggestionEnd, score: number, reasons: () => string[]): Candidate => ({ a, b, score, reasons })

/** Equal scores: map nodes before members, then by id. */
const compareEnd = (x: SuggestionEnd, y: SuggestionEnd): number =>
  x.kind !== y.kind ? (x.kind === 'node' ? -1 : 1) : x.id < y.id ? -1 : x.id > y.id ? 1 : 0

interface PairFacts { adamicAdar: number; via: number[]; tags: string[] }

function nodePairs(h: Neighbourhoods): Candidate[] {
  const n = h.nodes.length
  const pairs = new Map<number, PairFacts>()
  const at = (a: number, b: number): PairFacts => {
    const k = a * n + b
    let p = pairs.get(k)
    if (!p) pairs.set(k, (p = { adamicAdar: 0, via: [], tags: [] }))
    return p
  }
  h.neighbours.forEach((list, w) => {
    if (list.length < 2 || list.length > HUB_LIMIT) return
    const weight = 1 / Math.log(list.length)
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!]
        if (linked(h, a, b)) continue
        const p = at(a, b)
        p.adamicAdar += weight
        p.via.push(w)
      }
    }
  })
  const byTag = new Map<string, { written: string; nodes: number[] }>()
  h.nodes.forEach((node, i) => {
    for (const t of new Set(node.tags.map(foldTag))) {
      let entry = byTag.get(t)
      if (!entry) byTag.set(t, (entry = { written: node.tags.find((x) => foldTag(x) === t)!, nodes: [] }))
      entry.nodes.push(i)
    }
  })
  for (const { written, nodes } of [...byTag.values()].sort((x, y) => (x.written < y.written ? -1 : 1))) {
    if (nodes.length < 2 || nodes.length > TAG_LIMIT) continue
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) if (!linked(h, nodes[i]!, nodes[j]!)) at(nodes[i]!, nodes[j]!).tags.push(written)
    }
  }
  const ends = h.nodes.map((node): SuggestionEnd => ({ kind: 'node', id: node.id, label: node.label }))
  const out: Candidate[] = []
  for (const [k, p] of pairs) {
    const [a, b] = [Math.floor(k / n), k % n]
    const byNeighbours = 1 - Math.exp(-p.adamicAdar)
    const byTags = Math.min(TAGS_MAX, TAG_SCORE * p.tags.length)
    out.push(candidate(ends[a]!, ends[b]!, round3(1 - (1 - byNeighbours) * (1 - byTags)), () => [
      ...(p.via.length > 0 ? [sharedNeighbours(h, p.via)] : []),
      ...(p.tags.length > 0 ? [`both tagged ${andList(p.tags.map(quoted))}`] : []),
    ]))
  }
  return out
}

/** e.g. `both linked to "Seed library", "Food bank" and "Town hall", and 2 more`: the least linked of them named first, as they say the most. */
function sharedNeighbours(h: Neighbourhoods, via: number[]): string {
  const named = [...via].sort((x, y) => h.neighbours[x]!.length - h.neighbours[y]!.length || x - y).slice(0, 3).map((i) => quoted(h.nodes[i]!.label))
  const more = via.length - named.length
  return `both linked to ${andList(named)}${more > 0 ? `, and ${more} more` : ''} (${via.length} shared neighbour${via.length > 1 ? 's' : ''})`
}

function memberPairs(facts: SpaceFacts, matches: ReadonlyMap<string, readonly ScoredMatch[]>): Candidate[] {
  const names = new Map<string, string>()
  for (const r of facts.resources) if (r.ownerName) names.set(r.owner, r.ownerName)
  for (const m of facts.members ?? []) if (m.name) names.set(m.did, m.name)
  const nameOf = (did: string): string => names.get(did) ?? did
  const needs = new Map(facts.resources.filter((r) => r.kind === 'need').map((r) => [r.id, r]))
  const pairs = new Map<string, { a: string; b: string; lines: Array<{ score: number; text: string }> }>()
  for (const needId of [...matches.keys()].sort()) {
    const need = needs.get(needId)
    if (!need) continue
    for (const m of matches.get(needId)!) {
      if (m.offer.spaceId !== facts.spaceId || m.offer.owner === need.owner) continue
      const [a, b] = need.owner < m.offer.owner ? [need.owner, m.offer.owner] : [m.offer.owner, need.owner]
      const k = `${a}\n${b}`
      let p = pairs.get(k)
      if (!p) pairs.set(k, (p = { a, b, lines: [] }))
      p.lines.push({ score: m.score, text: `${nameOf(need.owner)} needs ${quoted(need.title)} and ${nameOf(m.offer.owner)} offers ${quoted(m.offer.title)} (match ${m.score})` })
    }
  }
  const end = (did: string): SuggestionEnd => ({ kind: 'member', id: did, label: nameOf(did) })
  return [...pairs.values()].map((p) => {
    // In a fixed order (the needs by id, then best first), so the product is the same float on every peer.
    const lines = p.lines.sort((x, y) => y.score - x.score)
    const together = 1 - lines.reduce((left, l) => left * (1 - l.score), 1)
    return candidate(end(p.a), end(p.b), Math.min(MEMBERS_MAX, round3(together)), () => [
      ...lines.slice(0, 3).map((l) => l.text),
      ...(lines.length > 3 ? [`and ${lines.length - 3} more matching need${lines.length - 3 > 1 ? 's' : ''} and offers`] : []),
    ])
  })
}
