/**
 * The commands that work on the data directory itself, with no daemon: `init` (make the
 * identity, rename it, wrap its key with a passphrase) and `whoami` of a stopped peer.
 */
import { mkdir } from 'node:fs/promises'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import type { Did, PeerIdString, SpaceId } from '../../shared/ids.ts'
import { acquireDataDirLock, lockHolder } from '../peer/identity/data-dir-lock.ts'
import { loadOrCreateIdentity, protectIdentity, readPublicIdentity, setIdentityName } from '../peer/identity/identity.ts'
import { identityMissing, peerDataIn } from '../peer/identity/identity-file.ts'
import { LocalState } from '../peer/domain/local-state.ts'
import { SpaceCache } from '../peer/domain/space-cache.ts'
import { createLogger, LogLevel } from '../peer/log.ts'
import { askPassphrase, envPassphrase, newPassphrase } from './passphrase.ts'

export interface InitFlags { name?: string; passphrase?: boolean; newIdentity?: boolean }

export interface InitResult {
  did: Did
  peerId: PeerIdString
  name: string
  dataDir: string
  created: boolean
  /** True when `--name` changed the name of an identity that was already there. */
  renamed: boolean
  /** True when the key on disk is wrapped with a passphrase. */
  wrapped: boolean
}

/** `commonweave init`: makes the identity where there is none, else shows it, renamed or wrapped as asked. */
export async function init(dataDir: string, flags: InitFlags): Promise<InitResult> {
  const existing = await readPublicIdentity(dataDir)
  if (!existing) return create(dataDir, flags)
  if (flags.newIdentity) {
    throw new CommonweaveError(ErrorCode.BadRequest, `${dataDir} already has an identity (${existing.did}): --new-identity only starts afresh where identity.json is missing. Nothing was changed.`)
  }
  let { name } = existing
  let renamed = false
  // The running peer rewrites the identity file when renamed: a change made beside it could be undone (a key wrapped here written back unwrapped).
  if (flags.name !== undefined || flags.passphrase) {
    const running = await lockHolder(dataDir)
    if (running !== undefined) {
      throw new CommonweaveError(ErrorCode.DataDirLocked, flags.name !== undefined
        ? `A Commonweave peer (pid ${running}) is running on ${dataDir}: rename through it with "commonweave rename NAME", or stop it first. Nothing was changed.`
        : `A Commonweave peer (pid ${running}) is running on ${dataDir}: stop it first, then protect the key with a passphrase. Nothing was changed.`)
    }
  }
  if (flags.name !== undefined) ({ name, renamed } = await setIdentityName(dataDir, flags.name))
  let wrapped = existing.wrapped
  if (flags.passphrase) {
    await protectIdentity(dataDir, wrapped ? await askPassphrase(dataDir) : await newPassphrase(dataDir))
    wrapped = true
  }
  return { did: existing.did, peerId: existing.peerId, name, dataDir, created: false, renamed, wrapped }
}

async function create(dataDir: string, flags: InitFlags): Promise<InitResult> {
  // Under the data directory's lock, so that a peer starting at the same moment cannot make a second key.
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const lock = await acquireDataDirLock(dataDir)
  try {
    const wrap = flags.passphrase === true || envPassphrase() !== undefined
    // Refused before a passphrase is asked for, when the directory is a used one.
    const found = await peerDataIn(dataDir)
    if (found.length > 0 && !flags.newIdentity) throw identityMissing(dataDir, found)
    const passphrase = wrap ? await newPassphrase(dataDir) : undefined
    const { identity, created } = await loadOrCreateIdentity(dataDir, {
      ...(flags.name !== undefined ? { name: flags.name } : {}),
      ...(flags.newIdentity ? { newIdentity: true } : {}),
      ...(passphrase !== undefined ? { wrapNew: true, passphrase: async () => passphrase } : {}),
    })
    return { did: identity.did, peerId: identity.peerIdString, name: identity.name, dataDir, created, renamed: false, wrapped: wrap }
  } finally {
    await lock.release()
  }
}

export interface OfflineWhoAmI {
  did: Did
  peerId: PeerIdString
  name: string
  /** The spaces this peer is in or a guest of; a name is null when this peer kept none. */
  spaces: Array<{ spaceId: SpaceId; name: string | null }>
  /** Always false: answered from the data directory, with no peer running. */
  running: false
}

/** `commonweave whoami` where no peer runs: who this data directory's peer is, and its spaces. */
export async function offlineWhoami(dataDir: string): Promise<OfflineWhoAmI> {
  const id = await readPublicIdentity(dataDir)
  if (!id) {
    const found = await peerDataIn(dataDir)
    if (found.length > 0) throw identityMissing(dataDir, found)
    throw new CommonweaveError(ErrorCode.DaemonNotRunning,
      `No Commonweave peer is running on ${dataDir}, and it holds no identity yet. Create one with: commonweave init --data ${dataDir}`)
  }
  const state = await LocalState.open(dataDir)
  const cache = new SpaceCache(dataDir, createLogger(LogLevel.Silent))
  const members = await Promise.all(state.spaces.map(async (spaceId) => ({ spaceId, name: (await cache.readAuthority(spaceId))?.name ?? null })))
  const guests = Object.entries(state.guests)
    .filter(([spaceId]) => !state.spaces.includes(spaceId as SpaceId))
    .map(([spaceId, g]) => ({ spaceId: spaceId as SpaceId, name: g.name }))
  return { did: id.did, peerId: id.peerId, name: id.name, spaces: [...members, ...guests], running: false }
}
