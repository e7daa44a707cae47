/**
 * The passphrase that wraps the identity key, kept in userData encrypted by the OS keyring
 * (Electron's safeStorage): the key on disk is useless without this user's keyring. Made once,
 * at random (256 bits), the first time the app starts.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'

export const PASSPHRASE_FILE = 'identity-passphrase.bin'

export interface SafeStorageLike {
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

/** The stored passphrase, or a new one stored now. */
export async function loadOrCreatePassphrase(file: string, safe: SafeStorageLike): Promise<string> {
  const stored = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null
    throw new CommonweaveError(ErrorCode.DataFileUnreadable, `${file} cannot be read: ${err.message}`)
  })
  if (stored) {
    try {
      return safe.decryptString(stored)
    } catch (err) {
      throw new CommonweaveError(ErrorCode.PassphraseWrong,
        `The keyring could not decrypt the secret that unlocks your identity key (${file}): ${(err as Error).message}. ` +
        'Unlock your keyring (or sign in as the same user as before) and start Commonweave again.')
    }
  }
  const passphrase = randomBytes(32).toString('base64url')
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  // Written whole or not at all: a torn file would lock the key away for good.
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, safe.encryptString(passphrase), { mode: 0o600, flush: true })
  await rename(temp, file)
  return passphrase
}
