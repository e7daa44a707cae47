/**
 * Finding a node in the Map view (the node list and the "Link two nodes" picker share it):
 * accents, case, compatibility forms and spacing do not count, and each typed word finds the
 * start of a word of the label or of a tag.
 */
import { describe, expect, it } from 'vitest'
import { findNodes, nodeKeys } from '../../renderer/features/map/node-match.ts'

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
