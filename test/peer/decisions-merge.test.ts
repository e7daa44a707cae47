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
import { holdsFor, Peers, threePeers, type SharedSpace, type TestPeer } from '../helpers/peers.ts'
import { proposalBytes, proposalId, stanceBytes } from '../../shared/decisions/signing.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import { nobleCrypto, publicKeyFromSeed, signWithSeed } from '../../shared/grants/signature.ts'
import { toBase64Url } from '../../shared/base64url.ts'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loomioExport } from '../helpers/loomio-export.ts'
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
    const d = await propose('Open on Sundays', 'majority', '15s')
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

  /** Writes an item straight into the decisions document, as a modified client with write access could. */
  const plant = async (p: TestPeer, item: Record<string, unknown>, edit?: (doc: CollectionShardDoc) => void): Promise<void> => {
    const shard = await p.peer.repo.find<CollectionShardDoc>(await p.peer.collections.openShard(space.spaceId, 'decisions') as unknown as DocumentId)
    shard.change((doc) => {
      if (edit) edit(doc)
      else doc.items[item['id'] as string] = item
    })
  }
  const puppet = (n: number): { seed: Uint8Array; did: string } => {
    const seed = new Uint8Array(32).fill(100 + n)
    return { seed, did: didFromPublicKey(publicKeyFromSeed(seed)) }
  }

  it('a proposal a writer swaps under the id its stances name is unverified everywhere, and counts none of them', async () => {
    const d = await propose('Buy a van', 'consent', '1h')
    await stance(c, d.id, 'consent')
    await everyoneHolds(d.id, 1, 'every peer holds C\'s consent')
    // B signs a proposal of its own and files it under A's id.
    const content = { nonce: 'swapped-nonce-0123456', title: 'Expel C', details: '', process: 'consent' as const, closesAt: d.closesAt, eligible: d.eligibleVoters, author: b.peer.identity.did, createdAt: d.createdAt }
    const signature = toBase64Url(await b.peer.identity.sign(proposalBytes(space.spaceId, content)))
    await plant(b, { ...content, id: d.id, type: 'proposal', signature, updatedAt: d.createdAt })
    for (const v of await waitFor('every peer shows the swapped proposal, unverified', async () => {
      const vs = await Promise.all(all().map((p) => show(p, d.id)))
      return vs.every((x) => x.title === 'Expel C' && !x.verified) ? vs : undefined
    }, 20_000)) {
      expect(v).toMatchObject({ verified: false, mayStance: false, tally: { result: 'unverified', voted: 0 } })
    }
  }, 60_000)

  it('a writer\'s own proposal whose voters are keys it made up is unverified, and so are their stances', async () => {
    const puppets = [puppet(1), puppet(2)]
    const content = {
      nonce: 'puppet-nonce-0123456', title: 'Sell the hall', details: '', process: 'majority' as const, closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      eligible: [b.peer.identity.did, ...puppets.map((x) => x.did)].sort(), author: b.peer.identity.did as string, createdAt: new Date().toISOString(),
    }
    const id = proposalId(space.spaceId, content, nobleCrypto.sha256)
    await plant(b, { ...content, id, type: 'proposal', signature: toBase64Url(await b.peer.identity.sign(proposalBytes(space.spaceId, content))), updatedAt: content.createdAt })
    for (const [i, x] of puppets.entries()) {
      const fields = { decision: id, choice: 'agree' as const, reason: '', castAt: new Date().toISOString() }
      await plant(b, { ...fields, id: `puppet-stance-${i}`, type: 'stance', voter: x.did, signature: toBase64Url(signWithSeed(x.seed, stanceBytes(fields))), createdAt: fields.castAt, updatedAt: fields.castAt })
    }
    const v = await waitFor('A holds the puppets\' stances', async () => (await show(a, id).catch(() => undefined))?.stances.length === 2 ? show(a, id) : undefined, 20_000)
    expect(v).toMatchObject({ verified: false, tally: { result: 'unverified', voted: 0 } })
    expect(v.stances.map((s) => s.standing)).toEqual(['unverified', 'unverified'])
  }, 60_000)

  it('a stance a writer plants under a member\'s did, dated far ahead, neither counts nor stops the member\'s own', async () => {
    const d = await propose('Fix the gate', 'majority', '1h')
    const castAt = '9999-12-31T00:00:00.000Z'
    await plant(b, { id: 'planted', type: 'stance', decision: d.id, voter: c.peer.identity.did, choice: 'disagree', reason: 'no', castAt, signature: 'A'.repeat(86), createdAt: castAt, updatedAt: castAt })
    await waitFor('C holds the planted stance', async () => (await show(c, d.id)).stances.length === 1, 20_000)
    const after = await stance(c, d.id, 'agree')
    const mine = after.stances.find((s) => s.id !== 'planted')!
    expect(Math.abs(Date.parse(mine.castAt) - Date.now())).toBeLessThan(60_000)
    expect(after.stances.find((s) => s.id === 'planted')).toMatchObject({ verified: false, counted: false })
    expect(after).toMatchObject({ myStance: 'agree', tally: { voted: 1, counts: { agree: 1 } } })
  }, 60_000)

  it('a block a writer marks deleted still counts on every peer: decisions are append-only', async () => {
    const d = await propose('Cut the hedge', 'consensus', '1h')
    const blocked = await stance(c, d.id, 'block', 'Birds are nesting')
    const block = blocked.stances[0]!
    await everyoneHolds(d.id, 1, 'every peer holds C\'s block')
    await plant(b, {}, (doc) => { (doc.items[block.id] as { deleted?: boolean }).deleted = true })
    await holdsFor('the block stands on every peer', 1_500, async () =>
      (await Promise.all(all().map((p) => show(p, d.id)))).every((v) => v.tally.result === 'not-carried' && v.stances[0]?.counted === true))
  }, 60_000)

  it('decisions imported from Loomio on one peer show on the others, verified, with the same tally', async () => {
    const file = join(a.dataDir, 'loomio.json')
    writeFileSync(file, loomioExport())
    const { imported } = await a.peer.api.importDecisions({ spaceId: space.spaceId, file })
    expect(imported.map((d) => d.title)).toEqual(['Paint the hall green', 'Sell the piano', 'Buy a second ladder'])
    for (const v of await waitFor('C holds the imported decisions', async () => {
      const vs = await Promise.all(imported.map((d) => show(c, d.id).catch(() => undefined)))
      return vs.every(Boolean) ? vs as DecisionView[] : undefined
    }, 20_000)) {
      const onA = await show(a, v.id)
      expect(v).toMatchObject({ verified: true, status: 'closed', mayStance: false, imported: { from: 'loomio' }, authorName: 'A' })
      expect(v.tally).toEqual(onA.tally)
      expect(v.stances.map((x) => x.name)).toEqual(onA.stances.map((x) => x.name))
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
