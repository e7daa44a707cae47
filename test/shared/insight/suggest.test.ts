/** Suggestions on a small hand-made map and space: who is suggested to whom, with which score and reasons; linked pairs never. */
import { describe, expect, it } from 'vitest'
import type { InsightGraph } from '../../../shared/insight/contract.ts'
import { createMatchIndex } from '../../../shared/insight/match.ts'
import { MEMBERS_MAX, suggestions } from '../../../shared/insight/suggest.ts'
import { facts, item, need, NOW } from './space.ts'

const node = (id: string, tags: string[] = []): InsightGraph['nodes'][number] => ({ id, label: `Node ${id}`, type: 'organisation', tags })
const edge = (from: string, to: string, direction: 'directed' | 'undirected' = 'undirected'): InsightGraph['edges'][number] => ({ id: `${from}-${to}`, from, to, direction })

//   A ─ W ─ C        A and B share W and X; A and C share W; W and X share A and B;
//   │ ╲   ╱ │        C and X share B; B and C are linked, so never suggested.
//   X ─ B ──┘
const graph: InsightGraph = {
  nodes: [node('W'), node('A', ['food']), node('B'), node('C', ['Food']), node('X')],
  edges: [edge('A', 'W'), edge('W', 'B', 'directed'), edge('C', 'W'), edge('A', 'X'), edge('X', 'B'), edge('B', 'C')],
}
const aa = (...degrees: number[]): number => Math.round((1 - Math.exp(-degrees.reduce((s, d) => s + 1 / Math.log(d), 0))) * 1000) / 1000

describe('suggestions between map nodes', () => {
  it('pairs sharing neighbours are suggested with the shared neighbours named, the least linked first; shared tags add', () => {
    const got = suggestions(facts({ graph }), new Map(), 10).map((s) => [s.a.id, s.b.id, s.score, s.reasons])
    expect(got).toEqual([
      ['A', 'B', aa(2, 3), ['both linked to "Node X" and "Node W" (2 shared neighbours)']],
      ['W', 'X', aa(2, 3), ['both linked to "Node A" and "Node B" (2 shared neighbours)']],
      ['A', 'C', Math.round((1 - (1 - (1 - Math.exp(-1 / Math.log(3)))) * 0.7) * 1000) / 1000, ['both linked to "Node W" (1 shared neighbour)', 'both tagged "food"']],
      ['C', 'X', aa(3), ['both linked to "Node B" (1 shared neighbour)']],
    ])
    expect(got[2]![2]).toBe(0.718) // 1 − e^(−1/ln 3) = 0.598 by neighbours, 0.3 by one tag: 1 − 0.402 × 0.7
  })

  it('a linked pair is never suggested, whichever way the link runs', () => {
    const pairs = suggestions(facts({ graph }), new Map(), 100).map((s) => `${s.a.id}${s.b.id}`)
    for (const e of graph.edges) expect(pairs).not.toContain([e.from, e.to].sort().join(''))
  })

  it('a peer holding the nodes and edges in another order suggests the same', () => {
    const shuffled = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() }
    expect(suggestions(facts({ graph: shuffled }), new Map(), 10)).toEqual(suggestions(facts({ graph }), new Map(), 10))
  })

  it('the limit keeps the best', () => {
    expect(suggestions(facts({ graph }), new Map(), 1).map((s) => [s.a.id, s.b.id])).toEqual([['A', 'B']])
  })
})

describe('suggestions between members', () => {
  it('a need\'s owner and a matching offer\'s owner, with the matched titles', () => {
    const resources = [
      need({ id: 'n1', title: 'Ladder for the roof', owner: 'did:key:ana' }),
      need({ id: 'n2', title: 'Drill', owner: 'did:key:ana' }),
      item({ id: 'o1', title: 'Long ladder', owner: 'did:key:ben' }),
      item({ id: 'o2', kind: 'tool', title: 'Cordless drill', owner: 'did:key:ben' }),
      item({ id: 'o3', title: 'Roof tiles', owner: 'did:key:cai' }),
    ]
    const index = createMatchIndex()
    for (const r of resources) index.upsert(r)
    const matches = new Map(index.openNeeds(NOW).map((n) => [n.id, index.matchesFor(n, { now: NOW, perNeed: 5, minScore: 0 })]))
    const members = [{ did: 'did:key:ana', name: 'Ana' }, { did: 'did:key:ben', name: 'Ben' }, { did: 'did:key:cai', name: null }]
    expect(suggestions(facts({ resources, members }), matches, 10)).toEqual([
      {
        // Two matches of 0.12 together: 1 − 0.88².
        a: { kind: 'member', id: 'did:key:ana', label: 'Ana' }, b: { kind: 'member', id: 'did:key:ben', label: 'Ben' }, score: 0.226,
        reasons: ['Ana needs "Ladder for the roof" and Ben offers "Long ladder" (match 0.12)', 'Ana needs "Drill" and Ben offers "Cordless drill" (match 0.12)'],
      },
      {
        a: { kind: 'member', id: 'did:key:ana', label: 'Ana' }, b: { kind: 'member', id: 'did:key:cai', label: 'did:key:cai' }, score: 0.12,
        reasons: ['Ana needs "Ladder for the roof" and did:key:cai offers "Roof tiles" (match 0.12)'],
      },
    ])
  })

  it('adds up a pair\'s matches: five good ones rank above a node pair sharing one neighbour, and never reach certainty', () => {
    const tools = ['ladder', 'drill', 'saw', 'spade', 'trailer']
    const resources = tools.flatMap((t, i) => [
      need({ id: `n${i}`, title: `A ${t}`, tags: [t], owner: 'did:key:ana' }),
      item({ id: `o${i}`, title: `Spare ${t}`, tags: [t], owner: 'did:key:ben' }),
    ])
    const index = createMatchIndex()
    for (const r of resources) index.upsert(r)
    const matches = new Map(index.openNeeds(NOW).map((n) => [n.id, index.matchesFor(n, { now: NOW, perNeed: 5, minScore: 0 })]))
    const single = [...matches.values()].map((m) => m[0]!.score)
    expect(new Set(single)).toEqual(new Set([0.42]))
    const oneNeighbour = { nodes: ['A', 'B', 'W'].map((id) => ({ id, label: id, type: 'organisation' as const, tags: [] })), edges: [{ id: 'e1', from: 'A', to: 'W', direction: 'undirected' as const }, { id: 'e2', from: 'W', to: 'B', direction: 'undirected' as const }] }
    const members = [{ did: 'did:key:ana', name: 'Ana' }, { did: 'did:key:ben', name: 'Ben' }]
    const got = suggestions(facts({ resources, members, graph: oneNeighbour }), matches, 10)
    expect(got.map((x) => [x.a.label, x.b.label, x.score])).toEqual([['Ana', 'Ben', 0.934], ['A', 'B', 0.764]])
    // The same on every call (and every peer): the matches are taken in a fixed order.
    expect(suggestions(facts({ resources, members, graph: oneNeighbour }), new Map([...matches].reverse()), 10)).toEqual(got)

    const many = Array.from({ length: 30 }, (_, i) => [
      need({ id: `m${i}`, title: `Wanted ${tools[i % 5]!}`, tags: [tools[i % 5]!, 'tools', 'garden'], owner: 'did:key:ana' }),
      item({ id: `p${i}`, title: `Spare ${tools[i % 5]!}`, tags: [tools[i % 5]!, 'tools', 'garden'], owner: 'did:key:ben' }),
    ]).flat()
    const big = createMatchIndex()
    for (const r of many) big.upsert(r)
    const strong = new Map(big.openNeeds(NOW).map((n) => [n.id, big.matchesFor(n, { now: NOW, perNeed: 5, minScore: 0 })]))
    expect(suggestions(facts({ resources: many, members }), strong, 1)[0]!.score).toBe(MEMBERS_MAX)
  })
})
