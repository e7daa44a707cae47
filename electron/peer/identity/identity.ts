/**
 * One ed25519 key per data directory. The same key is the member's signing key, their
 * did:key and their libp2p PeerId, so Noise's proof of the PeerId is also proof of the DID.
 * The seed lives in `identity.json`, mode 0600, written durably, optionally wrapped with a
 * passphrase; it never leaves the machine.
 *
 * Invariants:
 * - a new identity is made only where the data directory holds no peer's data yet, or when
 *   asked to start afresh on purpose (`newIdentity`); a missing, damaged or unreadable file
 *   in a used directory stops the peer with words, and is never replaced;
 * - a file is changed only by a durable whole-file write, and a wrapped key stays wrapped.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Ed25519PrivateKey, PeerId } from '@libp2p/interface'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { Did, PeerIdString } from '../../../shared/ids.ts'
import { didFromPublicKey } from '../../../shared/grants/did-key.ts'
import { unwrapSeed, wrapSeed } from './key-wrap.ts'
import {
  DEFAULT_NAME, IDENTITY_FILE, identityMissing, peerDataIn, readIdentityFile, writeIdentityFile,
  type IdentityFile, type PlainIdentityFile, type WrappedIdentityFile,
} from './identity-file.ts'

export { IDENTITY_FILE } from './identity-file.ts'

export interface Identity {
  did: Did
  peerId: PeerId
  peerIdString: PeerIdString
  name: string
  privateKey: Ed25519PrivateKey
  /** Signs with the identity key (ed25519). */
  sign(data: Uint8Array): Promise<Uint8Array>
}

export interface IdentityOptions {
  /** The display name a new identity gets. */
  name?: string
  /** Make a new identity where identity.json is missing although the directory holds a peer's data: starting afresh on purpose. */
  newIdentity?: boolean
  /** Gives the passphrase; asked only for a wrapped key, or for a new key when `wrapNew` is set. */
  passphrase?: () => Promise<string>
  /** Wrap a newly made key with the passphrase. */
  wrapNew?: boolean
}

/** What anyone may know of an identity, read without its passphrase. */
export interface PublicIdentity { did: Did; peerId: PeerIdString; name: string; wrapped: boolean }

/** Loads the identity of `dataDir`; makes one only in a directory no peer has used yet, or with `newIdentity`. */
export async function loadOrCreateIdentity(dataDir: string, opts: IdentityOptions = {}): Promise<{ identity: Identity; created: boolean }> {
  const file = await readIdentityFile(dataDir)
  if (file) {
    if (opts.newIdentity) {
      throw new CommonweaveError(ErrorCode.BadRequest,
        `${join(dataDir, IDENTITY_FILE)} exists: --new-identity only starts afresh where it is missing. It was left as it is.`)
    }
    return { identity: await unlock(dataDir, file, opts.passphrase), created: false }
  }
  const found = await peerDataIn(dataDir)
  if (found.length > 0 && !opts.newIdentity) throw identityMissing(dataDir, found)
  const seed = randomBytes(32)
  const plain: IdentityFile = { version: 1, type: 'ed25519', seed: seed.toString('base64'), name: checkName(opts.name ?? DEFAULT_NAME), createdAt: new Date().toISOString() }
  const identity = await toIdentity(seed, plain.name)
  await writeIdentityFile(dataDir, opts.wrapNew ? await wrapped(plain, identity, await askFor(dataDir, opts.passphrase)) : plain)
  return { identity, created: true }
}

/** The did, PeerId and name of `dataDir`'s identity, without its passphrase; undefined when there is none. */
export async function readPublicIdentity(dataDir: string): Promise<PublicIdentity | undefined> {
  const file = await readIdentityFile(dataDir)
  if (!file) return undefined
  if (file.type === 'ed25519-passphrase') return { did: file.did as Did, peerId: file.peerId as PeerIdString, name: file.name, wrapped: true }
  const id = await toIdentity(Buffer.from(file.seed, 'base64'), file.name)
  return { did: id.did, peerId: id.peerIdString, name: id.name, wrapped: false }
}

/** Sets the display name kept in identity.json (a wrapped key stays wrapped); `renamed` is false when it already was that name. */
export async function setIdentityName(dataDir: string, name: string): Promise<{ name: string; renamed: boolean }> {
  const file = await readIdentityFile(dataDir)
  if (!file) throw identityMissing(dataDir, await peerDataIn(dataDir))
  const next = checkName(name)
  if (file.name === next) return { name: next, renamed: false }
  await writeIdentityFile(dataDir, { ...file, name: next })
  return { name: next, renamed: true }
}

/**
 * Wraps the key of `dataDir` with a passphrase. `wrapped` is false when it already was, with
 * this same passphrase (another one is refused: changing a passphrase is not supported yet).
 */
export async function protectIdentity(dataDir: string, passphrase: string): Promise<{ wrapped: boolean }> {
  const file = await readIdentityFile(dataDir)
  if (!file) throw identityMissing(dataDir, await peerDataIn(dataDir))
  if (file.type === 'ed25519-passphrase') {
    await unlock(dataDir, file, async () => passphrase)
    return { wrapped: false }
  }
  const identity = await toIdentity(Buffer.from(file.seed, 'base64'), file.name)
  await writeIdentityFile(dataDir, await wrapped(file, identity, passphrase))
  return { wrapped: true }
}

async function wrapped(file: PlainIdentityFile, identity: Identity, passphrase: string): Promise<WrappedIdentityFile> {
  if (passphrase.length < 8) throw new CommonweaveError(ErrorCode.ValidationFailed, 'A passphrase needs at least 8 characters; nothing was changed.')
  return {
    version: 1, type: 'ed25519-passphrase', did: identity.did, peerId: identity.peerIdString, name: file.name,
    ...(file.createdAt ? { createdAt: file.createdAt } : {}),
    key: await wrapSeed(Buffer.from(file.seed, 'base64'), passphrase, identity.did),
  }
}

async function unlock(dataDir: string, file: IdentityFile, passphrase: IdentityOptions['passphrase']): Promise<Identity> {
  if (file.type === 'ed25519') return toIdentity(Buffer.from(file.seed, 'base64'), file.name)
  const seed = await unwrapSeed(file.key, await askFor(dataDir, passphrase), file.did)
  if (!seed) {
    throw new CommonweaveError(ErrorCode.PassphraseWrong,
      `Wrong passphrase for ${join(dataDir, IDENTITY_FILE)} (or the file was altered). Nothing was changed; try again.`)
  }
  const identity = await toIdentity(seed, file.name)
  if (identity.did !== file.did) {
    throw new CommonweaveError(ErrorCode.IdentityUnreadable, `The identity file ${join(dataDir, IDENTITY_FILE)} names ${file.did}, but its key is ${identity.did}. Restore it from your backup.`)
  }
  return identity
}

async function askFor(dataDir: string, passphrase: IdentityOptions['passphrase']): Promise<string> {
  if (!passphrase) {
    throw new CommonweaveError(ErrorCode.PassphraseRequired,
      `The identity key in ${join(dataDir, IDENTITY_FILE)} is protected by a passphrase: set COMMONWEAVE_PASSPHRASE, or start on a terminal to be asked for it.`)
  }
  return passphrase()
}

/** A display name as the roster takes it: 1 to 120 characters, no control characters. */
function checkName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > 120 || /\p{Cc}/u.test(trimmed)) {
    throw new CommonweaveError(ErrorCode.ValidationFailed, `A name must be 1 to 120 characters, without control characters; ${JSON.stringify(trimmed.slice(0, 40))} is not one.`)
  }
  return trimmed
}

async function toIdentity(seed: Uint8Array, name: string): Promise<Identity> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', seed)
  const peerId = peerIdFromPrivateKey(privateKey)
  return {
    did: didFromPublicKey(privateKey.publicKey.raw),
    peerId,
    peerIdString: peerId.toString() as PeerIdString,
    name,
    privateKey,
    sign: async (data) => privateKey.sign(data),
  }
}
