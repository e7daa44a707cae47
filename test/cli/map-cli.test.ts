/**
 * The map as a weaver keeps it with the CLI: one real daemon on 127.0.0.1, driven only through
 * `commonweave map …`: nodes added and named by label or the start of their id, edges shown as
 * arrows by their direction, a node shown in full, edits, deletes, and each refusal in words.
 */
import { describe, expect, it } from 'vitest'
import type { MapNodeView, MapView } from '../../shared/api/map-api.ts'
import { cliSpace } from '../helpers/cli-space.ts'

const SPACE = 'River Commons'

describe('the map through the CLI', () => {
  const { run, json, fails } = cliSpace(SPACE)

  it('adds nodes and edges, lists them by type with arrows, shows one, edits and deletes', async () => {
    const added = await run('map', 'add-node', SPACE, '--type', 'organisation', '--label', 'Seed Co-op', '--tags', 'seeds,food', '--url', 'https://seed.example')
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toMatch(/^Added organisation “Seed Co-op” \([0-9a-f]{8}\)\.$/m)
    const farm = await json<MapNodeView>('map', 'add-node', SPACE, '--type', 'Initiative', '--label', 'Commons Farm')
    expect(farm).toMatchObject({ type: 'initiative', label: 'Commons Farm', createdByName: 'Ana' })
    await json('map', 'add-node', SPACE, '--type', 'person', '--label', 'Ada')

    expect((await run('map', 'add-edge', SPACE, '--from', 'seed co-op', '--to', farm.id.slice(0, 6), '--type', 'supplies')).stdout)
      .toMatch(/^Linked Seed Co-op → Commons Farm \(supplies\) \([0-9a-f]{8}\)\.$/m)
    expect((await run('map', 'add-edge', SPACE, '--from', 'Ada', '--to', 'Commons Farm', '--type', 'volunteers', '--direction', 'mutual')).stdout).toMatch(/Ada ↔ Commons Farm \(volunteers\)/)
    expect((await run('map', 'add-edge', SPACE, '--from', 'Ada', '--to', 'Seed Co-op', '--type', 'knows', '--direction', 'undirected')).stdout).toMatch(/Ada — Seed Co-op \(knows\)/)

    const list = await run('map', 'list', SPACE)
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^3 nodes, 3 edges\.$/m)
    expect(list.stdout).toMatch(/Organisations \(1\):\n {2}[0-9a-f]{8} {2}Seed Co-op {2}#seeds #food {2}https:\/\/seed\.example/)
    expect(list.stdout).toMatch(/People \(1\):\n {2}[0-9a-f]{8} {2}Ada/)
    expect(list.stdout).toMatch(/Edges \(3\):\n {2}[0-9a-f]{8} {2}Ada ↔ Commons Farm \(volunteers\)\n {2}[0-9a-f]{8} {2}Ada — Seed Co-op \(knows\)\n {2}[0-9a-f]{8} {2}Seed Co-op → Commons Farm \(supplies\)/)

    const shown = await run('map', 'show', SPACE, 'commons farm')
    expect(shown.stdout).toMatch(/^Commons Farm {2}\(initiative\)$/m)
    expect(shown.stdout).toMatch(/added by Ana/)
    expect(shown.stdout).toMatch(/Edges \(2\):/)
    expect(shown.stdout).toMatch(/Figures: not computed for the map as it is now/)

    expect((await run('map', 'edit-node', SPACE, 'Ada', '--description', 'Network weaver', '--label', 'Ada L.')).stdout).toMatch(/^Saved person “Ada L\.” \([0-9a-f]{8}\)\.$/m)
    expect((await run('map', 'delete-node', SPACE, 'Commons Farm')).stdout).toMatch(/^Deleted node [0-9a-f]{8} and its 2 edges\.$/m)
    const after = await json<MapView>('map', 'list', SPACE)
    expect(after.nodes.map((n) => n.label).sort()).toEqual(['Ada L.', 'Seed Co-op'])
    expect(after.edges.map((e) => `${e.fromLabel} ${e.type} ${e.toLabel}`)).toEqual(['Ada L. knows Seed Co-op'])
  }, 60_000)

  it('says in words why a call is refused', async () => {
    await fails(1, /to: no node "Nobody" in this space's map/, 'map', 'add-edge', SPACE, '--from', 'Ada L.', '--to', 'Nobody', '--type', 'knows')
    await fails(2, /An edge links two different nodes: from and to both name "Seed Co-op"/, 'map', 'add-edge', SPACE, '--from', 'Seed Co-op', '--to', 'seed co-op', '--type', 'self')
    await json('map', 'add-node', SPACE, '--type', 'place', '--label', 'Seed Co-op')
    await fails(2, /"Seed Co-op" is the label of 2 nodes: "Seed Co-op" \(organisation, [0-9a-f]{8}\), "Seed Co-op" \(place, [0-9a-f]{8}\)\. Name one by its id/, 'map', 'show', SPACE, 'Seed Co-op')
    await fails(2, /type must be one of: organisation, person, initiative, place, resource/, 'map', 'add-node', SPACE, '--type', 'company', '--label', 'Acme')
    await fails(1, /was deleted/, 'map', 'show', SPACE, 'Commons Farm')
  }, 60_000)
})
