/**
 * Who may receive and change which document, decided from signed grants and the spaces'
 * indexes. A roster entry alone opens nothing; hostile indexes (another space's documents or
 * authority, junk ids) never open a document to someone outside its space; a revocation bites;
 * editing the `founder` field does not move the root.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { afterEach, describe, expect, it } from 'vitest'
import { Membership } from '../../electron/peer/domain/membership.ts'
import { LocalState } from '../../electron/peer/domain/local-state.ts'
import { SpaceCache } from '../../electron/peer/domain/space-cache.ts'
import { Consent } from '../../electron/peer/consent/consent.ts'
import { GrantLog } from '../../electron/peer/consent/grant-log.ts'
import { nativeCrypto } from '../../electron/peer/consent/native-crypto.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import { issueGrant, issueRevocation } from '../../shared/grants/grant-issue.ts'
import { signWithSeed } from '../../shared/grants/signature.ts'
import type { AuthorityDoc } from '../../shared/schemas/space.ts'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { waitFor } from '../helpers/wait-for.ts'

interface Person { seed: Uint8Array; did: Did; peerId: string }

async function person(): Promise<Person> {
  const seed = randomBytes(32)
  const key = await generateKeyPairFromSeed('Ed25519', seed)
  return { seed, did: didFromPublicKey(key.publicKey.raw), peerId: peerIdFromPrivateKey(key).toString() }
}

const dirs: string[] = []
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }) })

/** Consent fed by the tracker of authority documents, as the peer wires them, asked as the sync layer asks. */
async function membership(repo: Repo) {
  const dir = mkdtempSync(join(tmpdir(), 'cw-membership-'))
  dirs.push(dir)
  const state = await LocalState.open(dir)
  const log = await GrantLog.open(dir)
  const silent = createLogger(LogLevel.Silent)
  const consent = new Consent({ shareConfigChanged: () => {}, log: silent, grantLog: log, crypto: nativeCrypto, now: Date.now })
  const tracker = new Membership({ repo, consent, state, cache: new SpaceCache(dir, silent), me: 'did:key:z6Mkobserver' as Did, log: silent, now: Date.now })
  const m = {
    track: (spaceId: SpaceId, handle: DocHandle<AuthorityDoc>) => tracker.track(spaceId, handle),
    addEnvelopes: consent.addEnvelopes.bind(consent),
    mayRead: consent.mayRead.bind(consent),
    mayWrite: consent.mayWrite.bind(consent),
    knows: consent.knows.bind(consent),
    ownerOf: (docId: string) => consent.spaces.ownerOf(docId),
    docsOf: (spaceId: SpaceId) => consent.spaces.docsOf(spaceId),
    root: (spaceId: SpaceId) => consent.spaces.root(spaceId),
  }
  return { m, state, log }
}

function authority(repo: Repo, founder: Person, collections: Record<string, string[]> = {}): DocHandle<AuthorityDoc> {
  const roster = { [founder.did]: { did: founder.did, peerId: founder.peerId, name: 'f', role: 'founder' as const, joinedAt: '2026-01-01' } }
  return repo.create<AuthorityDoc>({ schemaVersion: 1, type: 'space-authority', name: 'S', founder: founder.did, createdAt: '2026-01-01', roster, collections })
}

async function grant(from: Person, to: Person, space: string, cmd: string, docs: string[], seconds = 3600): Promise<Uint8Array> {
  const now = Math.floor(Date.now() / 1000)
  return issueGrant({ iss: from.did, aud: to.did, sub: space, cmd, pol: { docs, purpose: docs.includes('*') ? '*' : 'matching' }, nbf: now, exp: now + seconds, nonce: randomBytes(16), dlg: docs.includes('*') ? 1 : 0 }, (b) => signWithSeed(from.seed, b))
}

const sid = (h: DocHandle<unknown>): SpaceId => h.documentId as unknown as SpaceId

describe('Membership decided by grants', () => {
  it('a member grant opens the space; a roster entry alone, a stranger, an unindexed document: nothing', async () => {
    const repo = new Repo()
    const [alice, bob, carol, mallory] = await Promise.all([person(), person(), person(), person()])
    const doc = repo.create({})
    const a = authority(repo, alice, { resources: [doc.documentId] })
    a.change((d) => { d.roster[carol.did] = { did: carol.did, peerId: carol.peerId, name: 'c', role: 'admin', joinedAt: 'x' } })
    const { m } = await membership(repo)
    m.track(sid(a), a)
    await m.addEnvelopes(sid(a), { grants: [await grant(alice, bob, sid(a), '/doc/write', ['*'])] }, 'test')
    expect(m.mayRead(bob.peerId, doc.documentId)).toBe(true)
    expect(m.mayWrite(bob.peerId, a.documentId)).toBe(true)
    expect(m.mayRead(alice.peerId, doc.documentId)).toBe(true) // the founder is the root
    expect(m.mayRead(carol.peerId, doc.documentId)).toBe(false) // on the roster, but holds no grant
    expect(m.mayRead(mallory.peerId, doc.documentId)).toBe(false)
    expect(m.mayRead(bob.peerId, repo.create({}).documentId)).toBe(false)
    expect(m.knows(bob.peerId)).toBe(true)
    expect(m.knows(carol.peerId)).toBe(false)
    await repo.shutdown()
  })

  it('a read grant on one collection opens that collection only, and never for writing', async () => {
    const repo = new Repo()
    const [alice, guest] = await Promise.all([person(), person()])
    const resources = repo.create({})
    const decisions = repo.create({})
    const a = authority(repo, alice, { resources: [resources.documentId], decisions: [decisions.documentId] })
    const { m } = await membership(repo)
    m.track(sid(a), a)
    await m.addEnvelopes(sid(a), { grants: [await grant(alice, guest, sid(a), '/doc/read', ['resources'])] }, 'test')
    expect(m.mayRead(guest.peerId, resources.documentId)).toBe(true)
    expect(m.mayWrite(guest.peerId, resources.documentId)).toBe(false)
    expect(m.mayRead(guest.peerId, decisions.documentId)).toBe(false)
    expect(m.mayRead(guest.peerId, a.documentId)).toBe(false)
    await repo.shutdown()
  })

  it('another space listing our documents or our authority opens nothing to its members', async () => {
    const repo = new Repo()
    const [alice, mallory] = await Promise.all([person(), person()])
    const secret = repo.create({ secret: true })
    const a = authority(repo, alice, { resources: [secret.documentId] })
    const b = authority(repo, mallory, { resources: [secret.documentId, a.documentId] })
    for (const order of [[a, b], [b, a]]) {
      const { m } = await membership(repo)
      for (const h of order) m.track(sid(h), h)
      await m.addEnvelopes(sid(b), { grants: [await grant(mallory, alice, sid(b), '/doc/write', ['*'])] }, 'test')
      expect(m.mayRead(mallory.peerId, secret.documentId)).toBe(false)
      expect(m.mayRead(mallory.peerId, a.documentId)).toBe(false)
      expect(m.mayRead(alice.peerId, a.documentId)).toBe(true)
      expect(m.ownerOf(secret.documentId)).toBeUndefined() // contested: written by neither
      expect(m.ownerOf(a.documentId)).toBe(a.documentId)
    }
    await repo.shutdown()
  })

  it('a revocation bites, survives its removal from the document, and a forged founder field moves nothing', async () => {
    const repo = new Repo()
    const [alice, bob, mallory] = await Promise.all([person(), person(), person()])
    const doc = repo.create({})
    const a = authority(repo, alice, { resources: [doc.documentId, '../../etc/passwd', 'not-an-id'] })
    const { m, log } = await membership(repo)
    m.track(sid(a), a)
    const g = await grant(alice, bob, sid(a), '/doc/write', ['*'])
    const { added } = await m.addEnvelopes(sid(a), { grants: [g] }, 'test')
    expect(m.docsOf(sid(a)).sort()).toEqual([a.documentId, doc.documentId].sort())
    const revocation = await issueRevocation({ iss: alice.did, sub: sid(a), target: added[0]!, afterHeads: [], iat: Math.floor(Date.now() / 1000), nonce: randomBytes(16) }, (b) => signWithSeed(alice.seed, b))
    a.change((d) => { d.revocations = { x: revocation as Uint8Array<ArrayBuffer> } })
    expect(m.mayRead(bob.peerId, doc.documentId)).toBe(false)
    a.change((d) => { delete d.revocations; d.founder = mallory.did })
    expect(m.mayRead(bob.peerId, doc.documentId)).toBe(false) // kept in the local log
    await waitFor('the revocation written to the local log', () => log.all(sid(a)).length === 2, 5_000)
    expect(log.all(sid(a)).map((r) => r.kind).sort()).toEqual(['grant', 'revocation'])
    expect(m.root(sid(a))).toBe(alice.did)
    expect(m.mayRead(mallory.peerId, doc.documentId)).toBe(false)
    await repo.shutdown()
  })
})
