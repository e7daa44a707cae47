/**
 * What the CLI says of an import, an export and the metrics: every merge and why, what was
 * skipped and where, the files written or the text itself, who bridges and which clusters.
 */
import { describe, expect, it } from 'vitest'
import type { MapExport, MapImportReport, MapMetrics, NodeMetrics } from '../../shared/api/map-api.ts'
import { exportWords, importWords, metricsWords } from '../../electron/cli/map-output.ts'
import { safeValue } from '../../electron/cli/safe-text.ts'

const report: MapImportReport = {
  format: 'kumu', added: 4, updated: 1, dryRun: false, edges: { added: 3, existing: 1 },
  merged: [
    { label: 'Seed Coop', at: 'element 3', into: { id: '0f1e2d3c-aaaa-bbbb-cccc-000000000001', label: 'Seed Co-op' }, by: 'url', fields: ['founded', 'tags', "label (kept the map's value)", "Budget (kept the map's value)"] },
    { label: 'commons farm', at: 'element 5', into: { id: null, label: 'Commons Farm' }, by: 'label+type', fields: [] },
  ],
  skipped: [{ at: 'connection 7', reason: 'it links an element to itself' }],
}

const node = (label: string, over: Partial<NodeMetrics>): NodeMetrics => ({
  id: label, label, degree: 1, inDegree: 0, outDegree: 1, betweenness: 0, closeness: 0.5, eigenvector: 0.1, reach: 0.5, community: 0, ...over,
})

describe('the map\'s import, export and metrics in words', () => {
  it('an import: what was added, each merge and why, what was skipped and where', () => {
    const words = importWords(report)
    expect(words).toMatch(/^Imported a Kumu blueprint \(JSON\): added 4 nodes and 3 edges; 2 merged with nodes already there or in the file, 1 updated, 1 edge already in the map\.$/m)
    expect(words).toContain('Merged (2):\n  “Seed Coop” (element 3) into “Seed Co-op” (0f1e2d3c): the same web address; it brought founded, tags; label, Budget: kept the map\'s value')
    expect(words).toContain('  “commons farm” (element 5) into “Commons Farm” (another node of the file): the same label and type; nothing new')
    expect(words).toContain('Skipped (1):\n  connection 7: it links an element to itself')
    const again = importWords({ ...report, added: 0, updated: 0, edges: { added: 0, existing: 4 }, merged: [], skipped: [] })
    expect(again).toMatch(/The map already held everything in this file: nothing changed\./)
    expect(importWords({ ...report, dryRun: true })).toMatch(/^Dry run of a Kumu blueprint \(JSON\), nothing written: it would add 4 nodes/)
  })

  it('an export: the files written, or the text itself (each sheet under its name)', () => {
    const written: MapExport = { format: 'kumu-csv', nodes: 2, edges: 1, files: [{ name: 'map-elements.csv', mediaType: 'text/csv', path: '/home/ada/map.csv' }, { name: 'map-connections.csv', mediaType: 'text/csv', path: '/home/ada/map-connections.csv' }] }
    expect(exportWords(written)).toBe('Wrote 2 nodes and 1 edge as Kumu CSV sheets:\n  /home/ada/map.csv\n  /home/ada/map-connections.csv')
    // The text passes the CLI's neutralising of steering characters first, as printResult does.
    const text: MapExport = safeValue({ format: 'kumu-csv', nodes: 2, edges: 1, files: [
      { name: 'map-elements.csv', mediaType: 'text/csv', text: 'Label,Type\r\nSeed Co-op,Organisation\r\n' },
      { name: 'map-connections.csv', mediaType: 'text/csv', text: 'From,To\r\nSeed Co-op,Farm\r\n' },
    ] })
    expect(exportWords(text)).toBe('== map-elements.csv ==\nLabel,Type\nSeed Co-op,Organisation\n\n== map-connections.csv ==\nFrom,To\nSeed Co-op,Farm')
    expect(exportWords(safeValue({ format: 'kumu', nodes: 0, edges: 0, files: [{ name: 'map.json', mediaType: 'application/json', text: '{\n  "elements": []\n}' }] }))).toBe('{\n  "elements": []\n}')
  })

  it('the metrics: bridges, the most connected, communities with their first labels, the graph\'s figures', () => {
    const m: MapMetrics = {
      computedAt: '2026-03-01T10:00:00Z', cached: true,
      graph: { nodes: 7, edges: 7, density: 1 / 3, reciprocity: 0, diameter: 3, averagePathLength: 1.857142, communities: 2, modularity: 0.357 },
      nodes: [
        node('Bridge', { betweenness: 0.6, degree: 2, community: 0 }),
        node('A1', { degree: 3, community: 0 }), node('A2', { degree: 2, community: 0 }), node('A3', { degree: 2, community: 0 }),
        node('B1', { degree: 3, betweenness: 0.4, community: 1 }), node('B2', { degree: 2, community: 1 }), node('B3', { degree: 2, community: 1 }),
      ],
    }
    const words = metricsWords(m)
    expect(words).toMatch(/^7 nodes, 7 edges; density 0\.333, reciprocity 0, diameter 3, average path length 1\.857\.$/m)
    expect(words).toMatch(/^2 communities \(modularity 0\.357\)\.$/m)
    expect(words).toContain('Bridges (highest betweenness):\n  Bridge  0.600\n  B1  0.400')
    expect(words).toContain('Most connected (degree):\n  A1  3\n  B1  3\n  A2  2')
    expect(words).toContain('Communities:\n  1: 4 nodes: Bridge, A1, A2, A3\n  2: 3 nodes: B1, B2, B3')
    expect(words).toMatch(/the map has not changed since/)
    expect(metricsWords({ ...m, nodes: [], graph: { ...m.graph, nodes: 0, edges: 0 } })).toBe('The map is empty: no figures to compute.')
  })
})
