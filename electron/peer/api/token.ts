/**
 * The local API's bearer token: 256 random bits, hex, in `<dataDir>/api-token`, readable by
 * the owner only. Whoever can read this file can drive the peer, so the mode matters more than
 * the content: it is created 0600 and narrowed back to 0600 whenever it is found wider.
 */
import { randomBytes } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { dataFileError } from '../storage/data-file.ts'

export const TOKEN_FILE = 'api-token'
const TOKEN_RE = /^[0-9a-f]{64}$/
/** A valid file is 64 hex characters and maybe a newline; anything much longer is not ours. */
const MAX_FILE_BYTES = 128
/** POSIX modes mean nothing on Windows, where the data directory's ACL protects the file. */
const POSIX = process.platform !== 'win32'

/**
 * Returns the API token stored in `dataDir`, creating it on first use.
 * Throws DATA_DIR_MISSING when `dataDir` does not exist, DATA_FILE_DAMAGED when the file is
 * malformed, DATA_FILE_UNREADABLE when it cannot be read.
 */
export async function loadOrCreateToken(dataDir: string): Promise<string> {
  const path = join(dataDir, TOKEN_FILE)
  const created = await tryCreate(path, dataDir)
  if (created !== null) return created
  const loaded = await load(path)
  if (loaded !== null) return loaded
  // An empty file is a creation cut short by a crash between open and write: the daemon holds
  // the data directory lock, so nobody else is writing it, and a fresh token is safe.
  return await rewrite(path)
}

/** Creates the file exclusively; `null` when it already exists. */
async function tryCreate(path: string, dataDir: string): Promise<string | null> {
  let fh: FileHandle
  try {
    fh = await open(path, 'wx', 0o600)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return null
    if (code === 'ENOENT') {
      throw new CommonweaveError(ErrorCode.DataDirMissing,
        `The data directory ${dataDir} does not exist; run \`commonweave init\` first.`)
    }
    throw dataFileError(path, err, 'a new token is made')
  }
  try {
    return await writeToken(fh)
  } finally {
    await fh.close()
  }
}

async function rewrite(path: string): Promise<string> {
  const fh = await open(path, 'w', 0o600)
  try {
    if (POSIX) await fh.chmod(0o600)
    return await writeToken(fh)
  } finally {
    await fh.close()
  }
}

async function writeToken(fh: FileHandle): Promise<string> {
  const token = randomBytes(32).toString('hex')
  await fh.writeFile(`${token}\n`, 'utf8')
  // fsync before anyone is told the token: a client must never hold a token the file lost.
  await fh.sync()
  return token
}

/** Reads and checks the token; `null` for an empty file. */
async function load(path: string): Promise<string | null> {
  // Stat and chmod through the open handle, so they apply to the file that is read.
  const fh = await open(path, 'r')
  try {
    const st = await fh.stat()
    if (!st.isFile()) throw malformed(path, 'it is not a regular file')
    // Any group/other bit, or the owner's execute bit, is wider than 0600.
    if (POSIX && (st.mode & 0o177) !== 0) await fh.chmod(0o600)
    if (st.size === 0) return null
    if (st.size > MAX_FILE_BYTES) throw malformed(path, 'it is too long')
    const text = (await fh.readFile('utf8')).replace(/\r?\n$/, '')
    if (!TOKEN_RE.test(text)) throw malformed(path, 'it is not 64 lowercase hex characters')
    return text
  } finally {
    await fh.close()
  }
}

function malformed(path: string, reason: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.DataFileDamaged,
    `The API token file ${path} is malformed (${reason}). Delete it and start again to create a new token.`)
}
