/** Calls and refusals of the map operations, as rows of routes.test.ts's tables. */
import type { PeerApiMethod } from '../../../shared/api/operation.ts'

const SPACE = '2x8kQ7nM4pVb9TzR1cWfYhJ3sLd'
const NODE = 'n8kQ7nM4pVb9TzR1cW'

/** Inputs each operation takes, that must come back whole from a request. */
export const MAP_CALLS = {
  getMap: [['a space', { spaceId: SPACE }]],
  getMapGraph: [['a space', { spaceId: SPACE }], ['since a version', { spaceId: SPACE, since: 'k3j9.42' }]],
  getMapNode: [['an id', { spaceId: SPACE, nodeId: NODE }], ['a label', { spaceId: SPACE, nodeId: 'Seed Library 園芸' }]],
  addMapNode: [
    ['a type and label', { spaceId: SPACE, type: 'organisation', label: 'Seed Library' }],
    ['every field', {
      spaceId: SPACE, type: 'person', label: 'Ana Souza', description: 'Weaver', tags: ['food', 'seeds'], url: 'https://ana.example.org/',
      attributes: { Role: 'coordinator', Members: 12, Active: true, Skills: ['facilitation', 'mapping'] }, resources: ['r1'],
    }],
  ],
  editMapNode: [
    ['a new label', { spaceId: SPACE, nodeId: NODE, label: 'Seed Bank' }],
    ['an attribute removed', { spaceId: SPACE, nodeId: NODE, attributes: { Role: null, Members: 13 } }],
    ['the url cleared', { spaceId: SPACE, nodeId: NODE, url: null }],
  ],
  deleteMapNode: [['an id', { spaceId: SPACE, nodeId: NODE }]],
  addMapEdge: [
    ['by labels', { spaceId: SPACE, from: 'Ana Souza', to: 'Seed Library', type: 'member of' }],
    ['every field', { spaceId: SPACE, from: NODE, to: 'Seed Library', type: 'funds', direction: 'mutual', label: 'grant 2026', description: 'yearly', tags: ['money'], attributes: { Amount: 5000 } }],
  ],
  deleteMapEdge: [['an id', { spaceId: SPACE, edgeId: 'e4pVb9TzR1cW' }]],
  importMap: [
    ['a file', { spaceId: SPACE, file: '/home/ana/kumu.json' }],
    ['text', { spaceId: SPACE, text: '{"elements":[]}', fileName: 'blueprint.json', format: 'kumu' }],
    ['two sheets', { spaceId: SPACE, file: '/home/ana/elements.csv', connectionsFile: '/home/ana/connections.csv', format: 'kumu-csv', dryRun: true }],
  ],
  exportMap: [['a format', { spaceId: SPACE, format: 'murmurations' }], ['to a file', { spaceId: SPACE, format: 'kumu-csv', file: '/tmp/map.csv' }]],
  mapMetrics: [['a space', { spaceId: SPACE }]],
} satisfies Partial<Record<PeerApiMethod, [string, unknown][]>>

/** Bodies each operation refuses, and the field it names. */
export const MAP_REJECTIONS: Array<[PeerApiMethod, unknown, string]> = [
  ['addMapNode', { label: 'X' }, 'type'],
  ['addMapNode', { type: 'company', label: 'X' }, 'type'],
  ['addMapNode', { type: 'person' }, 'label'],
  ['addMapNode', { type: 'person', label: ' ' }, 'label'],
  ['addMapNode', { type: 'person', label: 'X', url: 'javascript:alert(1)' }, 'url'],
  ['addMapNode', { type: 'person', label: 'X', attributes: { Bad: { nested: 1 } } }, 'attributes.Bad'],
  ['addMapNode', { type: 'person', label: 'X', createdBy: 'did:key:z6Mk' }, ''],
  ['addMapNode', JSON.parse('{"type":"person","label":"X","attributes":{"__proto__":{"polluted":true}}}'), 'attributes'],
  ['editMapNode', JSON.parse('{"attributes":{"__proto__":null}}'), 'attributes'],
  ['addMapEdge', { from: 'A', type: 'knows' }, 'to'],
  ['addMapEdge', { from: 'A', to: 'B' }, 'type'],
  ['addMapEdge', { from: 'A', to: 'B', type: 'knows', direction: 'sideways' }, 'direction'],
  ['importMap', {}, 'file'],
  ['importMap', { text: '{}', file: '/tmp/a.json' }, 'file'],
  ['importMap', { file: 'relative/kumu.json' }, 'file'],
  ['importMap', { text: '{}', format: 'gexf' }, 'format'],
  ['exportMap', {}, 'format'],
  ['exportMap', { format: 'kumu', file: 'map.json' }, 'file'],
]
