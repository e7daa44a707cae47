import { open, rename, mkdir, unlink } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { nodeFs, type FsOps } from './fs-ops.ts'

/**
 * Writes a whole file so that after a crash at any moment the path holds either the old
 * content or the new one, never a torn mix: temp file, fsync, rename, fsync the directory.
 */
export async function writeFileDurable(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(path)
  // A new directory is private, and its own entry is made durable before anything goes in it.
  const created = await mkdir(dir, { recursive: true, mode: 0o700 })
  if (created !== undefined) await fsyncDir(dirname(created))
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const fh = await open(tmp, 'wx', mode)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  try {
    await rename(tmp, path)
  } catch (err) {
    await unlink(tmp).catch(() => {})
    throw err
  }
  await fsyncDir(dir)
}

/** Makes a rename or unlink in `dir` durable. (Windows cannot open a directory; NTFS journals its metadata.) */
export async function fsyncDir(dir: string, fs: FsOps = nodeFs): Promise<void> {
  if (process.platform === 'win32') return
  const fh = await fs.open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
