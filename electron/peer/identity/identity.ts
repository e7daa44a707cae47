/**
 * One ed25519 key per data directory. The same key is the member's signing key, their
 * did:key and their libp2p PeerId, so Noise's proof of the PeerId is also proof of the DID.
 * The seed lives in `identity.json`, mode 0600, written durably; it never leaves the machine.
 */
import { readFile, stat, chmod } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Ed25519PrivateKey, PeerId } from '@libp2p/interface'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, PeerIdString } from '../../../shared/ids.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { writeFileDurable } from '../storage/durable-file.ts'

export const IDENTITY_FILE = 'identity.json'

export interface Identity {
  did: Did
  peerId: PeerId
  peerIdString: PeerIdString
  name: string
  privateKey: Ed25519PrivateKey
  /** Signs with the identity key (ed25519). */
  sign(data: Uint8Array): Promise<Uint8Array>
}

interface IdentityFile {
  version: 1
  type: 'ed25519'
  /** 32-byte seed, base64 */
  seed: string
  name: string
  createdAt: string
}

/** Creates the identity if the data directory has none; otherwise loads it. */
export async function loadOrCreateIdentity(dataDir: string, name?: string): Promise<{ identity: Identity; created: boolean }> {
  const path = join(dataDir, IDENTITY_FILE)
  const existing = await readIdentityFile(path)
  if (existing) return { identity: await toIdentity(existing), created: false }
  const file: IdentityFile = {
    version: 1,
    type: 'ed25519',
    seed: randomBytes(32).toString('base64'),
    name: name ?? 'Commonweave member',
    createdAt: new Date().toISOString(),
  }
  await writeFileDurable(path, JSON.stringify(file, null, 2) + '\n', 0o600)
  return { identity: await toIdentity(file), created: true }
}

async function readIdentityFile(path: string): Promise<IdentityFile | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  // Tighten permissions left wide by a copy or a restore from backup.
  const { mode } = await stat(path)
  if ((mode & 0o077) !== 0) await chmod(path, 0o600)
  let parsed: Partial<IdentityFile>
  try {
    parsed = JSON.parse(text) as Partial<IdentityFile>
  } catch {
    throw new CommonweaveError(ErrorCode.Internal, `${path} is damaged (not JSON). Restore it from a backup; without it this peer cannot prove who it is.`)
  }
  const seed = typeof parsed.seed === 'string' ? Buffer.from(parsed.seed, 'base64') : undefined
  if (parsed.version !== 1 || parsed.type !== 'ed25519' || seed?.length !== 32) {
    throw new CommonweaveError(ErrorCode.Internal, `${path} is not a Commonweave identity file (version 1, ed25519).`)
  }
  return parsed as IdentityFile
}

async function toIdentity(file: IdentityFile): Promise<Identity> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', Buffer.from(file.seed, 'base64'))
  const peerId = peerIdFromPrivateKey(privateKey)
  return {
    did: didFromPublicKey(privateKey.publicKey.raw),
    peerId,
    peerIdString: peerId.toString() as PeerIdString,
    name: file.name,
    privateKey,
    sign: async (data) => privateKey.sign(data),
  }
}

/** Sets the display name kept in the identity file (written durably; the key is left as it is). */
export async function setIdentityName(dataDir: string, name: string): Promise<void> {
  const path = join(dataDir, IDENTITY_FILE)
  const file = await readIdentityFile(path)
  if (!file) throw new CommonweaveError(ErrorCode.Internal, `${path} is missing: this peer has no identity to rename.`)
  await writeFileDurable(path, JSON.stringify({ ...file, name }, null, 2) + '\n', 0o600)
}
