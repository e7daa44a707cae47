/**
 * Decisions across a partition, over real libp2p: three members take stances apart (one of
 * them changing their mind on each side) and every peer ends with the same tally and outcome;
 * a stance whose reason a member with write access altered in the document is unverified on
 * every peer and not counted; a stance cast offline after the close arrives late and is shown
 * as late. Also: a guest reading decisions sees them and may not take part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentId } from '@automerge/automerge-repo'
import { ErrorCode } from '../../shared/errors.ts'
import type { DecisionView } from '../../shared/api/decisions-api.ts'
import type { CollectionShardDoc } from '../../shared/schemas/space.ts'
import type { Process } from '../../shared/schemas/decision.ts'
import { partition } from '../helpers/partition.ts'
import { Peers, threePeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { waitFor } from '../helpers/wait-for.ts'

/** What a promise rejected with, or a marker when it resolved. */
const rejection = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'resolved without an error', (err: unknown) => err)

describe('decisions merge after a partition', () => {
  const peers = new Peers()
  let a: TestPeer
  let b: TestPeer
  let c: TestPeer
  let space: SharedSpace
  const all = (): TestPeer[] => [a, b, c]
  const show = (p: TestPeer, id: string): Promise<DecisionView> => p.peer.api.getDecision({ spaceId: space.spaceId, decisionId: id })
  /** Each peer's view once every peer holds `n` stances of the proposal. */
  const everyoneHolds = (id: string, n: number, what: string): Promise<DecisionView[]> =>
    waitFor(what, async () => {
      const views = await Promise.all(all().map((p) => show(p, id).catch(() => undefined)))
      return views.every((v) => v !== undefined && v.stances.length === n) ? views as DecisionView[] : undefined
    }, 20_000)
  const propose = async (title: string, process: Process, closes: string, quorum?: number): Promise<DecisionView> => {
    const d = await a.peer.api.proposeDecision({ spaceId: space.spaceId, title, process, closes, ...(quorum !== undefined ? { quorum } : {}) })
    await waitFor(`every peer holds “${title}”`, async () => (await Promise.all(all().map((p) => show(p, d.id).catch(() => undefined)))).every(Boolean), 20_000)
    return d
  }
  const stance = (p: TestPeer, id: string, choice: string, reason?: string, late?: boolean): Promise<DecisionView> =>
    p.peer.api.castStance({ spaceId: space.spaceId, decisionId: id, choice: choice as never, ...(reason !== undefined ? { reason } : {}), ...(late ? { late } : {}) })

  beforeAll(async () => {
    ;({ a, b, c, space } = await threePeers(peers))
  }, 60_000)
  afterAll(() => peers.close())

  it('three members vote apart, one changing their mind on each side: after the heal, one tally and one outcome everywhere', async () => {
    const d = await propose('Buy a shared van', 'consensus', '1h', 60)
    expect(d.tally.eligible).toBe(3)
    await stance(c, d.id, 'agree')
    await stance(b, d.id, 'abstain')
    await everyoneHolds(d.id, 2, 'every peer holds the stances cast before the partition')
    const cut = await partition([a, b], [c])
    // Side one: A agrees; B changes from abstain to agree. Side two: C changes from agree to block.
    await stance(a, d.id, 'agree')
    await stance(b, d.id, 'agree')
    await stance(c, d.id, 'block', 'We cannot insure it')
    expect((await show(a, d.id)).tally.result).toBe('carried')
    expect((await show(c, d.id)).tally.result).toBe('not-carried')
    await cut.heal()
    const views = await everyoneHolds(d.id, 5, 'every peer holds all five stances')
    for (const v of views) {
      expect(v.tally).toEqual({ counts: { agree: 2, abstain: 0, disagree: 0, block: 1 }, voted: 3, eligible: 3, quorum: { pct: 60, needed: 2, reached: true }, result: 'not-carried' })
      expect(v.stances.filter((s) => s.standing === 'superseded').map((s) => s.name).sort()).toEqual(['B', 'C'])
      expect(v.stances.every((s) => s.verified)).toBe(true)
    }
    await a.peer.api.closeDecision({ spaceId: space.spaceId, decisionId: d.id, outcome: 'Not now: C blocked over insurance' })
    const closed = await waitFor('every peer shows the outcome', async () => {
      const vs = await Promise.all(all().map((p) => show(p, d.id)))
      return vs.every((v) => v.status === 'closed' && v.outcome?.statement === 'Not now: C blocked over insurance') ? vs : undefined
    }, 20_000)
    for (const v of closed) {
      expect(v).toMatchObject({ closedEarly: true, tally: { result: 'not-carried', voted: 3 }, outcome: { byName: 'A', verified: true } })
    }
  }, 90_000)

  it('a stance whose reason was altered in the document is unverified on every peer, and not counted', async () => {
    const d = await propose('Paint the hall green', 'consent', '1h')
    const cast = await stance(c, d.id, 'objection', 'Green clashes with the floor')
    const objection = cast.stances.find((s) => s.did === c.peer.identity.did)!
    await everyoneHolds(d.id, 1, 'every peer holds C\'s objection')
    expect((await show(a, d.id)).tally.result).toBe('not-carried')
    // B has write access to decisions and edits C's stance item directly, not through the API.
    // A few items: the collection is one shard document.
    const shard = await b.peer.repo.find<CollectionShardDoc>(await b.peer.collections.openShard(space.spaceId, 'decisions') as unknown as DocumentId)
    expect(shard.doc().items[objection.id]).toBeDefined()
    shard.change((doc) => { (doc.items[objection.id] as { reason: string }).reason = 'Green is fine by me' })
    const views = await waitFor('every peer sees the altered stance as unverified', async () => {
      const vs = await Promise.all(all().map((p) => show(p, d.id)))
      return vs.every((v) => v.stances[0]?.reason === 'Green is fine by me' && !v.stances[0].verified) ? vs : undefined
    }, 20_000)
    for (const v of views) {
      expect(v.stances[0]).toMatchObject({ verified: false, counted: false, standing: 'unverified' })
      expect(v.tally).toMatchObject({ voted: 0, result: 'carried', counts: { consent: 0, objection: 0 } })
    }
  }, 60_000)

  it('a stance cast offline after the close arrives late, and is shown as late everywhere', async () => {
    const closedOnC: string[] = []
    const off = c.peer.events.on('decision:closed', (e) => closedOnC.push(e.decisionId))
    const d = await propose('Open on Sundays', 'majority', '8s')
    await stance(a, d.id, 'agree')
    await everyoneHolds(d.id, 1, 'every peer holds A\'s stance')
    const cut = await partition([a, b], [c])
    await waitFor('C sees it closed', async () => (await show(c, d.id)).status === 'closed', 20_000)
    // The peer told its pages when it closed.
    await waitFor('C raised decision:closed', () => closedOnC.includes(d.id), 5_000)
    off()
    const refused = await rejection(stance(c, d.id, 'disagree', 'Sunday is for rest'))
    expect(refused).toMatchObject({ code: ErrorCode.ValidationFailed, message: expect.stringMatching(/closed on .*--late/) })
    await stance(c, d.id, 'disagree', 'Sunday is for rest', true)
    await cut.heal()
    for (const v of await everyoneHolds(d.id, 2, 'every peer holds C\'s late stance')) {
      const late = v.stances.find((s) => s.name === 'C')!
      expect(late).toMatchObject({ verified: true, late: true, counted: false, choice: 'disagree' })
      expect(v.tally).toMatchObject({ voted: 1, counts: { agree: 1, abstain: 0, disagree: 0 }, result: 'carried' })
    }
  }, 60_000)

  it('a stance cast apart after an early close it had not heard of is late too', async () => {
    const d = await propose('Change the bank', 'consent', '1h')
    const cut = await partition([a, b], [c])
    await a.peer.api.closeDecision({ spaceId: space.spaceId, decisionId: d.id, outcome: 'Closed early: the bank merged' })
    // C has not heard: it is open there, and C objects.
    expect((await stance(c, d.id, 'objection', 'Their fees went up')).status).toBe('open')
    await cut.heal()
    for (const v of await everyoneHolds(d.id, 1, 'every peer holds C\'s objection')) {
      expect(v).toMatchObject({ status: 'closed', closedEarly: true, tally: { result: 'carried', voted: 0 } })
      expect(v.stances[0]).toMatchObject({ late: true, counted: false, verified: true })
    }
  }, 60_000)

  it('a guest with a read grant on decisions sees them, and may not take part', async () => {
    const d = await propose('Hire a bookkeeper', 'advice', '1h')
    const g = await peers.start('G')
    const { code } = await a.peer.api.createGrant({ spaceId: space.spaceId, to: g.peer.identity.did, cmd: 'read', docs: ['decisions'], purpose: 'coordination' })
    await g.peer.api.acceptGrant({ code })
    const seen = await waitFor('G holds the proposal', async () => (await g.peer.api.listDecisions({ spaceId: space.spaceId })).items.find((x) => x.id === d.id), 20_000)
    expect(seen).toMatchObject({ verified: true, mayStance: false, mayClose: false, title: 'Hire a bookkeeper' })
    expect(await rejection(g.peer.api.castStance({ spaceId: space.spaceId, decisionId: d.id, choice: 'agree', reason: 'Yes' }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect(await rejection(g.peer.api.proposeDecision({ spaceId: space.spaceId, title: 'Mine', process: 'consent', closes: '1h' }))).toMatchObject({ code: ErrorCode.Forbidden })
    expect((await g.peer.api.listResources({ spaceId: space.spaceId })).items).toEqual([])
  }, 60_000)
})
