/**
 * One daemon per data directory. Two processes on one automerge store would interleave
 * writes and corrupt it, so the second one refuses with DATA_DIR_LOCKED instead.
 * The lock is a file created with O_EXCL holding the owner's pid; a lock whose pid is
 * gone (the owner was killed) is stale and taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import { dataFileError } from '../storage/data-file.ts'

export const LOCK_FILE = 'daemon.lock'

export interface DataDirLock { release(): Promise<void> }

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600)
      await fh.writeFile(`${process.pid}\n`)
      await fh.sync()
      await fh.close()
      let released = false
      return {
        async release() {
          if (released) return
          released = true
          await unlink(path).catch(() => {})
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = pidIn(await readFile(path, 'utf8').catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ''
      throw dataFileError(path, err, 'start again (only when no other Commonweave peer runs on this directory)')
    }))
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new CommonweaveError(ErrorCode.DataDirLocked,
        `Another Commonweave peer (pid ${owner}) is already running on ${dataDir}. Stop it first, or use a different --data directory.`)
    }
    await unlink(path).catch(() => {})
  }
  throw new CommonweaveError(ErrorCode.DataDirLocked, `Could not lock ${dataDir}: another process keeps taking the lock.`)
}

/** The pid of the live process that holds the data directory's lock, or undefined when none does. */
export async function lockHolder(dataDir: string): Promise<number | undefined> {
  const owner = pidIn(await readFile(join(dataDir, LOCK_FILE), 'utf8').catch(() => ''))
  return owner !== undefined && isAlive(owner) ? owner : undefined
}

/**
 * The pid a lock file holds: the whole file is the pid and a line break, as `acquire` writes it.
 * Anything else is damage, never a lock (garbage beginning "4…" would name a kernel thread).
 */
function pidIn(text: string): number | undefined {
  if (!/^\d{1,10}\n?$/.test(text)) return undefined
  const pid = Number(text.trim())
  return pid > 0 ? pid : undefined
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
