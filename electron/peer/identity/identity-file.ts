/**
 * `identity.json` on disk: its two forms (the seed in the clear, or wrapped with a
 * passphrase), and every way reading it can fail, each in words that say what to do. A file
 * that cannot be read as an identity is never replaced: it may be the only copy of the key.
 */
import { open, readdir } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import { WrappedKeySchema } from './key-wrap.ts'
import { LOCK_FILE } from './data-dir-lock.ts'

export const IDENTITY_FILE = 'identity.json'
export const DEFAULT_NAME = 'Commonweave member'
/** A real identity file is a few hundred bytes. */
const MAX_FILE_BYTES = 64 * 1024

const Seed = z.string().refine((s) => Buffer.from(s, 'base64').length === 32, 'a 32-byte seed, base64')

/** The seed in the clear, protected by the file's mode (0600) and the disk. */
const PlainIdentitySchema = z.object({
  version: z.literal(1),
  type: z.literal('ed25519'),
  seed: Seed,
  name: z.string().default(DEFAULT_NAME),
  createdAt: z.string().optional(),
})

/** The seed wrapped with a passphrase; the public did and PeerId stay readable, so `whoami` needs no passphrase. */
const WrappedIdentitySchema = z.object({
  version: z.literal(1),
  type: z.literal('ed25519-passphrase'),
  did: z.string().startsWith('did:key:'),
  peerId: z.string().min(1),
  name: z.string().default(DEFAULT_NAME),
  createdAt: z.string().optional(),
  key: WrappedKeySchema,
})

const IdentityFileSchema = z.discriminatedUnion('type', [PlainIdentitySchema, WrappedIdentitySchema])
export type PlainIdentityFile = z.infer<typeof PlainIdentitySchema>
export type WrappedIdentityFile = z.infer<typeof WrappedIdentitySchema>
export type IdentityFile = z.infer<typeof IdentityFileSchema>

/** The identity file of `dataDir`, or undefined when there is none. Throws IDENTITY_UNREADABLE when it is there but unusable. */
export async function readIdentityFile(dataDir: string): Promise<IdentityFile | undefined> {
  const path = join(dataDir, IDENTITY_FILE)
  let fh: FileHandle
  try {
    fh = await open(path, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw unreadable(path, err)
  }
  let text: string
  try {
    const st = await fh.stat()
    if (!st.isFile()) throw damaged(path, `it is a ${st.isDirectory() ? 'directory' : 'special file'}, not a file`)
    if (st.size > MAX_FILE_BYTES) throw damaged(path, `it is ${st.size} bytes long, far more than an identity file`)
    text = await fh.readFile('utf8')
    // Tighten permissions left wide by a copy or a restore from backup (only once the file is known to be ours).
    const parsed = parseIdentityFile(path, text)
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) await fh.chmod(0o600)
    return parsed
  } catch (err) {
    throw err instanceof CommonweaveError ? err : unreadable(path, err)
  } finally {
    await fh.close()
  }
}

function parseIdentityFile(path: string, text: string): IdentityFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw damaged(path, text.trim() === '' ? 'it is empty' : 'it is not JSON: cut short, or overwritten')
  }
  const parsed = IdentityFileSchema.safeParse(json)
  if (!parsed.success) {
    const type = (json as { type?: unknown } | null)?.type
    throw damaged(path, typeof type === 'string' && type !== 'ed25519' && type !== 'ed25519-passphrase'
      ? `its type "${type}" is not one this version of Commonweave knows`
      : `it is not a Commonweave identity file (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})`)
  }
  return parsed.data
}

/** Writes the identity file durably, mode 0600: after a crash it holds the old content or the new, never a mix. */
export async function writeIdentityFile(dataDir: string, file: IdentityFile): Promise<void> {
  await writeFileDurable(join(dataDir, IDENTITY_FILE), JSON.stringify(file, null, 2) + '\n', 0o600)
}

/**
 * What in `dataDir` shows that a peer has run there: every entry but the lock and hidden
 * temporary files. Empty for a new or missing directory, where a new identity is expected.
 */
export async function peerDataIn(dataDir: string): Promise<string[]> {
  let entries: string[]
  try {
    entries = await readdir(dataDir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new CommonweaveError(ErrorCode.IdentityUnreadable, `The data directory ${dataDir} cannot be read (${reason(err)}).`)
  }
  return entries.filter((e) => e !== IDENTITY_FILE && e !== LOCK_FILE && !e.startsWith('.')).sort()
}

/** identity.json is gone from a directory where a peer has kept data: never replaced silently. */
export function identityMissing(dataDir: string, found: string[]): CommonweaveError {
  const shown = found.length > 4 ? [...found.slice(0, 4), '…'] : found
  return new CommonweaveError(ErrorCode.IdentityMissing, [
    `${join(dataDir, IDENTITY_FILE)} is missing, but ${dataDir} holds a peer's data (${shown.join(', ')}).`,
    'Without that file this peer is no longer the member its spaces know, so it will not start with a new one.',
    `Restore identity.json from your backup into ${dataDir} (the same file, mode 0600), then start again.`,
    `To start afresh on purpose, as a new member who must be invited again: commonweave init --new-identity --data ${dataDir}`,
  ].join(' '), { file: join(dataDir, IDENTITY_FILE) })
}

function damaged(path: string, why: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.IdentityUnreadable, [
    `The identity file ${path} cannot be used: ${why}.`,
    'It was left as it is. Restore identity.json from your backup, then start again;',
    'to start afresh on purpose as a new member, move the file aside and run commonweave init --new-identity.',
  ].join(' '), { file: path })
}

/** An error from the file system, in words. */
export function unreadable(path: string, err: unknown): CommonweaveError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EACCES' || code === 'EPERM') {
    return new CommonweaveError(ErrorCode.IdentityUnreadable,
      `The identity file ${path} cannot be read: permission denied. Run Commonweave as the user who owns it, or give that user the file back (chown, then chmod 600).`,
      { file: path })
  }
  if (code === 'EISDIR') return damaged(path, 'it is a directory, not a file')
  return damaged(path, `reading it failed (${reason(err)})`)
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined
  return e?.code ? `${e.code}${e.syscall ? ` on ${e.syscall}` : ''}` : String(err)
}
