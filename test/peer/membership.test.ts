/**
 * Who may receive which document, decided from the spaces' rosters and indexes. Hostile
 * indexes (another space's documents or authority, junk ids) and forged roster entries
 * must never open a document to someone outside its space.
 */
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { describe, expect, it } from 'vitest'
import { Membership } from '../../electron/peer/domain/membership.ts'
import { didFromPublicKey } from '../../electron/peer/identity/identity.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'
import type { AuthorityDoc } from '../../shared/schemas/space.ts'
import type { SpaceId } from '../../shared/ids.ts'

async function person(): Promise<{ did: string; peerId: string }> {
  const key = await generateKeyPair('Ed25519')
  return { did: didFromPublicKey(key.publicKey.raw), peerId: peerIdFromPrivateKey(key).toString() }
}

function authority(repo: Repo, members: Array<{ did: string; peerId: string }>, collections: Record<string, string[]> = {}): DocHandle<AuthorityDoc> {
  const roster = Object.fromEntries(members.map((m) => [m.did, { ...m, name: 'x', role: 'member' as const, joinedAt: '2026-01-01' }]))
  return repo.create<AuthorityDoc>({ schemaVersion: 1, type: 'space-authority', name: 'S', founder: members[0]!.did, createdAt: '2026-01-01', roster, collections })
}

describe('Membership', () => {
  it('shares a space\'s documents with its members only, and with nobody when unindexed', async () => {
    const repo = new Repo()
    const [alice, bob, mallory] = await Promise.all([person(), person(), person()])
    const doc = repo.create({})
    const a = authority(repo, [alice, bob], { resources: [doc.documentId] })
    const m = new Membership(() => {}, createLogger(LogLevel.Silent))
    m.track(a.documentId as unknown as SpaceId, a)
    expect(m.mayRead(bob.peerId, doc.documentId)).toBe(true)
    expect(m.mayRead(bob.peerId, a.documentId)).toBe(true)
    expect(m.mayRead(mallory.peerId, doc.documentId)).toBe(false)
    expect(m.mayRead(bob.peerId, repo.create({}).documentId)).toBe(false)
    await repo.shutdown()
  })

  it('another space listing our documents or our authority opens nothing to its members', async () => {
    const repo = new Repo()
    const [alice, mallory] = await Promise.all([person(), person()])
    const secret = repo.create({ secret: true })
    const a = authority(repo, [alice], { resources: [secret.documentId] })
    const b = authority(repo, [mallory, alice], { resources: [secret.documentId, a.documentId] })
    for (const order of [[a, b], [b, a]]) {
      const m = new Membership(() => {}, createLogger(LogLevel.Silent))
      for (const h of order) m.track(h.documentId as unknown as SpaceId, h)
      expect(m.mayRead(mallory.peerId, secret.documentId)).toBe(false)
      expect(m.mayRead(mallory.peerId, a.documentId)).toBe(false)
      expect(m.mayRead(alice.peerId, a.documentId)).toBe(true)
      expect(m.ownerOf(secret.documentId)).toBeUndefined() // contested: written by neither
      expect(m.ownerOf(a.documentId)).toBe(a.documentId)
    }
    await repo.shutdown()
  })

  it('ignores a roster entry whose peer id is not the one its did derives, and junk index ids', async () => {
    const repo = new Repo()
    const [alice, mallory] = await Promise.all([person(), person()])
    const forged = { did: alice.did, peerId: mallory.peerId }
    const doc = repo.create({})
    const a = authority(repo, [alice], { resources: [doc.documentId, '../../etc/passwd', 'not-an-id'] })
    a.change((d) => { d.roster['did:key:zForged'] = { ...forged, did: 'did:key:zForged', name: 'm', role: 'admin', joinedAt: 'x' } })
    const m = new Membership(() => {}, createLogger(LogLevel.Silent))
    m.track(a.documentId as unknown as SpaceId, a)
    expect(m.mayRead(mallory.peerId, doc.documentId)).toBe(false)
    expect(m.mayRead(alice.peerId, doc.documentId)).toBe(true)
    expect(m.docsOf(a.documentId as unknown as SpaceId).sort()).toEqual([a.documentId, doc.documentId].sort())
    await repo.shutdown()
  })
})
