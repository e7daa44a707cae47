/**
 * Coordination intelligence through the CLI, on one real daemon on 127.0.0.1: `match` (all
 * needs, or one by the start of its id), `gaps`, `suggest` and `health` in words, with names
 * and reasons; `--json` prints the answer itself; a bad flag value is refused in words (exit 2).
 * Ana drives her daemon with the CLI; Ben, a second member (an in-process peer that joins with
 * her invite), offers what her needs could use: a member's own offer never matches their need.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GapsResult, HealthResult, MatchResult, SuggestResult } from '../../shared/api/insight-api.ts'
import type { MapNodeView } from '../../shared/api/map-api.ts'
import type { ResourceView } from '../../shared/schemas/resource.ts'
import { cliSpace } from '../helpers/cli-space.ts'
import { Peers, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

const SPACE = 'River Commons'

describe('insights through the CLI', () => {
  const { run, json, fails } = cliSpace(SPACE)
  const peers = new Peers()
  let ben: TestPeer

  beforeAll(async () => {
    ben = await peers.start('Ben')
    const code = (await run('invite', SPACE)).stdout.split('\n')[0]!
    const { spaceId } = await ben.peer.api.joinSpace({ code })
    await ben.peer.api.addResource({ spaceId, kind: 'offer', title: 'Heirloom seed packets', tags: ['seeds', 'garden'], description: 'Tomato and bean seeds saved last year' })
    await waitFor('Ana\'s daemon to hold Ben\'s offer', async () =>
      (await json<{ items: ResourceView[] }>('resource', 'list', SPACE)).items.some((r) => r.title === 'Heirloom seed packets'), 20_000)
  }, 60_000)
  afterAll(() => peers.close())

  it('matches needs with offers in words, one need or all, and as JSON', async () => {
    const seeds = await json<ResourceView>('resource', 'add', SPACE, '--kind', 'need', '--title', 'Seeds for the garden', '--tags', 'seeds,garden', '--description', 'Tomato and bean seeds')
    await json('resource', 'add', SPACE, '--kind', 'need', '--title', 'Piano tuning', '--tags', 'music')

    const words = await run('match', SPACE)
    expect(words.code, words.stderr).toBe(0)
    expect(words.stdout).toMatch(/^2 open needs against 1 open offer, tool, facility or skill in River Commons\.$/m)
    expect(words.stdout).toMatch(/^Matches shown score 0\.15 or more \("commonweave gaps" calls a need unmet below its own threshold, 0\.3\)\.$/m)
    const line = /^Need “Seeds for the garden” \([0-9a-f]{8}\) · Ana:\n {2}(\d\.\d{3}) {2}offer “Heirloom seed packets” \([0-9a-f]{8}\) · Ben\n {8}(.+)$/m.exec(words.stdout)
    expect(line, words.stdout).not.toBeNull()
    // The points add up to the score as printed.
    const points = [...line![2]!.matchAll(/\(\+(\d\.\d{3})\)/g)].map((p) => Math.round(Number(p[1]) * 1000))
    expect(points.length).toBeGreaterThan(0)
    expect(points.reduce((a, b) => a + b, 0)).toBe(Math.round(Number(line![1]) * 1000))
    expect(words.stdout).toMatch(/^1 need has no match scoring 0\.15 or more/m)
    expect(words.stdout).not.toMatch(/did:key/)

    const one = await json<MatchResult>('match', SPACE, '--need', seeds.id.slice(0, 8), '--per-need', '3')
    expect(one.needs).toBe(1)
    expect(one.matches.map((m) => [m.need.title, m.offer.title, m.space.name])).toEqual([['Seeds for the garden', 'Heirloom seed packets', SPACE]])
    expect(one.matches[0]!.reasons.reduce((n, r) => n + r.points, 0)).toBeCloseTo(one.matches[0]!.score, 2)
  }, 60_000)

  it('reports gaps and suggestions in words', async () => {
    const node = (type: string, label: string): Promise<MapNodeView> => json<MapNodeView>('map', 'add-node', SPACE, '--type', type, '--label', label, '--tags', 'food')
    await node('initiative', 'Commons Farm')
    await node('organisation', 'Seed Co-op')
    await node('organisation', 'Village Bakery')
    await node('place', 'Old Mill')
    await json('map', 'add-edge', SPACE, '--from', 'Seed Co-op', '--to', 'Commons Farm', '--type', 'supplies')
    await json('map', 'add-edge', SPACE, '--from', 'Village Bakery', '--to', 'Commons Farm', '--type', 'buys from')

    const gaps = await run('gaps', SPACE, '--unmet-after', '0')
    expect(gaps.code, gaps.stderr).toBe(0)
    expect(gaps.stdout).toMatch(/^Unmet needs, open for 0 days or more with no match scoring 0\.3 or more \(1\):\n {2}need “Piano tuning” \([0-9a-f]{8}\) · Ana — 0 days old, best match 0\.000$/m)
    expect(gaps.stdout).toMatch(/^Map nodes with no link, a node of the map linked to no other \(1\):\n {2}Old Mill \(place\)$/m)
    // An empty section still says the rule it was drawn by.
    expect(gaps.stdout).toMatch(/^No booking conflicts \(a tool or facility booked by more than one for the same time\)\.$/m)
    expect(gaps.stdout).toMatch(/^No unused offers \(open for 14 days or more that no open need matches at 0\.3 or more, tools and facilities not booked in that time\)\.$/m)
    const asJson = await json<GapsResult>('gaps', SPACE)
    expect(asJson.rules.unmetAfterDays).toBe(7)
    expect(asJson.unmetNeeds).toEqual([])
    expect(asJson.unavailable).toEqual([])
    expect(await run('gaps', SPACE)).toMatchObject({ stdout: expect.stringMatching(/^No unmet needs \(open for 7 days or more with no match scoring 0\.3 or more\)\.$/m) })
    const unused = await run('gaps', SPACE, '--unused-after', '0')
    expect(unused.stdout).toMatch(/^No unused offers \(open for 0 days or more /m)
    expect((await json<GapsResult>('gaps', SPACE, '--unused-after', '3')).rules.unusedAfterDays).toBe(3)

    const suggest = await run('suggest', SPACE, '--limit', '5')
    expect(suggest.code, suggest.stderr).toBe(0)
    expect(suggest.stdout).toMatch(/^\d+ suggestions?, best first:$/m)
    expect(suggest.stdout).toMatch(/^ {2}\d\.\d{3} {2}(Seed Co-op ↔ Village Bakery|Village Bakery ↔ Seed Co-op)\n {8}\S/m)
    const sug = await json<SuggestResult>('suggest', SPACE, '--limit', '1')
    expect(sug.suggestions).toHaveLength(1)
  }, 60_000)

  it('shows health with how each figure moved since the last snapshot', async () => {
    const first = await run('health', SPACE)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^Members: 2; active in the last 30 days: 2$/m)
    expect(first.stdout).toMatch(/^Map: 4 nodes, 2 edges; density /m)
    expect(first.stdout).toMatch(/^Needs: 2; met \(marked matched or closed\): 0%$/m)
    expect(first.stdout).toMatch(/^The first snapshot: nothing to compare with yet; a new one is kept once an hour\.$/m)
    await json('resource', 'add', SPACE, '--kind', 'offer', '--title', 'Ladder to lend', '--tags', 'tools')
    const second = await run('health', SPACE)
    expect(second.stdout).toMatch(/^Offers, tools and facilities \(skills not counted\): 2 ↑1; used \(matched, closed or booked\): /m)
    expect(second.stdout).toMatch(/^Compared with the snapshot of \d{4}-\d\d-\d\d \d\d:\d\d \(1 snapshot kept on this peer\); a new one is kept once an hour\.$/m)
    const h = await json<HealthResult>('health', SPACE)
    expect(h.figures.offers).toBe(2)
    expect(h.change.offers).toBe(1)
    expect(h.previous?.figures.offers).toBe(1)
  }, 60_000)

  it('refuses a bad flag value in words', async () => {
    await fails(2, /--per-need is at least 1/, 'match', SPACE, '--per-need', '0')
    await fails(2, /--unmet-after must be a whole number, not "soon"/, 'gaps', SPACE, '--unmet-after', 'soon')
    await fails(2, /--min-score is between 0 and 1/, 'match', SPACE, '--min-score', '3')
    await fails(2, /“Heirloom seed packets” \([0-9a-f]{8}\) is an offer, not a need: matching starts from a need/, 'match', SPACE, '--need', (await json<{ items: ResourceView[] }>('resource', 'list', SPACE, '--kind', 'offer')).items[0]!.id.slice(0, 8))
    // A need already met is not "without a match": it is not open.
    const met = await json<ResourceView>('resource', 'add', SPACE, '--kind', 'need', '--title', 'Bean seeds', '--tags', 'seeds')
    await json('resource', 'edit', SPACE, met.id, '--status', 'matched')
    await fails(2, /The need “Bean seeds” \([0-9a-f]{8}\) is marked matched, not open, so it is not matched: only open needs are\./, 'match', SPACE, '--need', met.id.slice(0, 8))
  }, 60_000)

  it('prints a reason worth no points as a note, without points', async () => {
    await json('resource', 'add', SPACE, '--kind', 'offer', '--title', 'Garden seeds, last of the season', '--tags', 'seeds,garden', '--expires', '3d')
    const words = await run('match', SPACE)
    expect(words.stdout).toMatch(/^ {2}\d\.\d{3} {2}offer “Garden seeds, last of the season” \([0-9a-f]{8}\) · Ana\n {8}.+\(\+\d\.\d{3}\)\n {8}note: the offer expires in 3 days$/m)
    expect(words.stdout).not.toMatch(/\(\+0\.000\)/)
  }, 60_000)
})
