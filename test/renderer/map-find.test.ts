/**
 * Finding a node in the Map view (the node list and the "Link two nodes" picker share it):
 * accents, case, compatibility forms and spacing do not count, and each typed word finds the
 * start of a word of the label or of a tag. The type and tag filters narrow the node list, the
 * counts and the legend as they narrow the drawing.
 */
import { describe, expect, it } from 'vitest'
import { legendEntries } from '../../renderer/features/map/Legend.tsx'
import { findNodes, nodeKeys } from '../../renderer/features/map/node-match.ts'
import { countWords, shownOf } from '../../renderer/features/map/shown.ts'

const nodes = [
  { label: 'Café Zürich', tags: ['food'] },
  { label: 'Community  Kitchen', tags: [] },
  { label: 'Soupkitchen', tags: [] },
  { label: 'Zürich Commons', tags: ['commons-network'] },
  { label: 'ＦＯＯＤ Bank', tags: [] },
]
const find = (query: string): string[] => findNodes(nodes, nodeKeys, query).map((n) => n.label)

describe('finding a node by what a weaver types', () => {
  it('ignores accents, case and runs of spaces', () => {
    expect(find('cafe')).toEqual(['Café Zürich'])
    expect(find('  CAFE   zurich ')).toEqual(['Café Zürich'])
    expect(find('community kitchen')).toEqual(['Community  Kitchen'])
  })

  it('takes each typed word as the start of a word of the label, in any order', () => {
    expect(find('communit kitch')).toEqual(['Community  Kitchen'])
    expect(find('kitch commun')).toEqual(['Community  Kitchen'])
    expect(find('communit soup')).toEqual([])
  })

  it('finds by the start of a tag word, and by compatibility forms', () => {
    expect(find('network')).toEqual(['Zürich Commons'])
    expect(find('food')).toEqual(['ＦＯＯＤ Bank', 'Café Zürich'])
  })

  it('puts the labels that start with the text first, then the rest in the order given', () => {
    expect(find('zur')).toEqual(['Zürich Commons', 'Café Zürich'])
    // Found whole inside a word, as before.
    expect(find('kitchen')).toEqual(['Community  Kitchen', 'Soupkitchen'])
  })

  it('finds everything for an empty query, and nothing for one that matches no node', () => {
    expect(find('   ')).toHaveLength(nodes.length)
    expect(find('bakery')).toEqual([])
  })
})

describe('what the filters leave on the map', () => {
  const value = {
    nodes: [
      { id: 'a', type: 'organisation' as const, label: 'A', tags: ['food'] },
      { id: 'b', type: 'person' as const, label: 'B', tags: [] },
      { id: 'c', type: 'organisation' as const, label: 'C', tags: [] },
    ],
    edges: [
      { id: 'ab', from: 'a', to: 'b', type: 'funds', direction: 'directed' as const },
      { id: 'ac', from: 'a', to: 'c', type: 'funds', direction: 'directed' as const },
    ],
  }

  it('is the whole map when no filter is on, counted plainly', () => {
    const shown = shownOf(value, { hiddenTypes: [], tag: null })
    expect(shown.filtered).toBe(false)
    expect(countWords(shown, value)).toBe('3 nodes and 2 edges')
  })

  it('leaves out a hidden type with its edges, and says how many of how many are shown', () => {
    const shown = shownOf(value, { hiddenTypes: ['person'], tag: null })
    expect(shown.nodes.map((n) => n.id)).toEqual(['a', 'c'])
    expect(shown.edges.map((e) => e.id)).toEqual(['ac'])
    expect(countWords(shown, value)).toBe('2 of 3 nodes and 1 of 2 edges shown')
  })

  it('keeps only the nodes with the chosen tag', () => {
    const shown = shownOf(value, { hiddenTypes: [], tag: 'food' })
    expect(shown.nodes.map((n) => n.id)).toEqual(['a'])
    expect(countWords(shown, value)).toBe('1 of 3 nodes and 0 of 2 edges shown')
    expect(legendEntries(shown.nodes, null, 'type')).toEqual([expect.objectContaining({ key: 'organisation', count: 1 })])
  })
})
