/**
 * S6: grant verification, cold, beside Node's native `crypto.verify` on the same signatures in
 * the same run; and access decisions with the verdict cache warm. In-process: this measures
 * CPU work, not the network.
 */
import { createPublicKey, randomBytes, verify as nodeVerify, type KeyObject } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Did, SpaceId } from '../../shared/ids.ts'
import { didFromPublicKey } from '../../shared/grants/did-key.ts'
import { issueGrant } from '../../shared/grants/grant-issue.ts'
import { verifyChain } from '../../shared/grants/grant-verify.ts'
import { decodeGrant } from '../../shared/grants/grant-codec.ts'
import { nobleCrypto, publicKeyFromSeed, signWithSeed } from '../../shared/grants/signature.ts'
import { nativeCrypto } from '../../electron/peer/consent/native-crypto.ts'
import { Consent } from '../../electron/peer/consent/consent.ts'
import { GrantLog } from '../../electron/peer/consent/grant-log.ts'
import { createLogger, LogLevel } from '../../electron/peer/log.ts'

const SPACE = '2xhYyM9hUKhFcT6DAJ2nGxhWJc8z' as SpaceId
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

export interface S6Result { ours: number; native: number; noble: number; decisions: number; grants: number }

/** Grants from one founder to `n` distinct members: distinct ids, so nothing is cached between them. */
async function makeGrants(n: number): Promise<{ rootSeed: Uint8Array; root: Did; grants: Uint8Array[]; members: Array<{ did: Did; peerId: string }> }> {
  const rootSeed = randomBytes(32)
  const root = didFromPublicKey(publicKeyFromSeed(rootSeed))
  const now = Math.floor(Date.now() / 1000)
  const grants: Uint8Array[] = []
  const members: Array<{ did: Did; peerId: string }> = []
  for (let i = 0; i < n; i++) {
    const seed = randomBytes(32)
    const key = await generateKeyPairFromSeed('Ed25519', seed)
    const did = didFromPublicKey(key.publicKey.raw)
    members.push({ did, peerId: peerIdFromPrivateKey(key).toString() })
    grants.push(await issueGrant({ iss: root, aud: did, sub: SPACE, cmd: '/doc/write', pol: { docs: ['*'], purpose: '*' }, nbf: now, exp: now + 86_400 * 30, nonce: randomBytes(16), dlg: 1 }, (b) => signWithSeed(rootSeed, b)))
  }
  return { rootSeed, root, grants, members }
}

function perSecond(count: number, fn: () => void): number {
  const t0 = performance.now()
  fn()
  return count / ((performance.now() - t0) / 1000)
}

export async function s6(n = 3000): Promise<S6Result> {
  const { root, grants, members } = await makeGrants(n)
  const decoded = grants.map((g) => { const d = decodeGrant(g, nativeCrypto); if (!d.ok) throw new Error(d.error.message); return d.value })
  // The baseline gets its key object made once, as a caller of crypto.verify would (ours caches them too).
  const key: KeyObject = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, decoded[0]!.issuerKey]), format: 'der', type: 'spki' })
  const ctx = (crypto: typeof nativeCrypto) => ({ space: SPACE, root, now: Date.now(), isRevoked: () => false, crypto })
  // Warm both paths on grants that are not measured, then measure on fresh grants, alternating
  // blocks of the two so that machine noise falls on both alike.
  const WARM = Math.floor(n / 3)
  const c = ctx(nativeCrypto)
  let ok = 0
  for (let i = 0; i < WARM; i++) {
    if (nodeVerify(null, decoded[i]!.signedBytes, key, decoded[i]!.signature)) ok++
    if (verifyChain([grants[i]!], c).ok) ok++
  }
  let nativeMs = 0
  let oursMs = 0
  const BLOCK = 100
  for (let from = WARM; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK)
    let t0 = performance.now()
    for (let i = from; i < to; i++) if (nodeVerify(null, decoded[i]!.signedBytes, key, decoded[i]!.signature)) ok++
    nativeMs += performance.now() - t0
    t0 = performance.now()
    for (let i = from; i < to; i++) if (verifyChain([grants[i]!], c).ok) ok++
    oursMs += performance.now() - t0
  }
  const measured = n - WARM
  const native = measured / (nativeMs / 1000)
  const ours = measured / (oursMs / 1000)
  const nobleN = Math.min(measured, 300)
  const noble = perSecond(nobleN, () => { for (const g of grants.slice(WARM, WARM + nobleN)) if (verifyChain([g], ctx(nobleCrypto)).ok) ok++ })
  if (ok !== 2 * n + nobleN) throw new Error(`S6: ${2 * n + nobleN - ok} verifications failed`)

  // Access decisions through the peer's own consent, verdict cache warm.
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-s6-'))
  try {
    const grantLog = await GrantLog.open(dir)
    const membership = new Consent({ shareConfigChanged: () => {}, log: createLogger(LogLevel.Silent), grantLog, crypto: nativeCrypto, now: Date.now })
    const docIds = Array.from({ length: 100 }, () => parseAutomergeUrl(generateAutomergeUrl()).documentId as string)
    membership.setGuestSpace(SPACE, { root, name: 'bench', granter: members[0]!.peerId, collections: { resources: docIds } })
    await membership.addEnvelopes(SPACE, { grants: grants.slice(0, 100) }, 'bench')
    const peers = members.slice(0, 100).map((m) => m.peerId)
    let allowed = 0
    for (const p of peers) for (const d of docIds) if (membership.mayRead(p, d)) allowed++
    if (allowed !== peers.length * docIds.length) throw new Error(`S6: ${peers.length * docIds.length - allowed} decisions denied a member`)
    const rounds = 20
    const decisions = perSecond(rounds * peers.length * docIds.length, () => {
      for (let r = 0; r < rounds; r++) for (const p of peers) for (const d of docIds) membership.mayRead(p, d)
    })
    membership.stop()
    await grantLog.close()
    return { ours, native, noble, decisions, grants: measured }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
