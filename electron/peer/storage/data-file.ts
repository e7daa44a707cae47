/**
 * Errors about the data directory's own files, in words: each names the file, says what is
 * wrong with it, and what the user can do. A file that exists but cannot be read is never
 * treated as missing (that would rebuild over something that may be intact); one whose content
 * is damaged is set aside, never deleted, so nothing is lost that a person could still rescue.
 */
import { nodeFs, type FsOps } from './fs-ops.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'

const UNREADABLE: Record<string, string> = {
  EISDIR: 'a directory is in its place',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a file is in the place of one of its directories',
  EIO: 'an input/output error (a failing disk?)',
  ELOOP: 'it is a loop of symbolic links',
}

export const errnoOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code

/** True for an error that says the disk (or the user's quota) is full. */
export function isDiskFull(err: unknown): boolean {
  const code = errnoOf(err)
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/** The error to give for a write into `dir` that failed because the disk is full. */
export function diskFullError(dir: string): CommonweaveError {
  return new CommonweaveError(ErrorCode.DiskFull, `The disk is full: nothing was saved. Free space on the disk holding ${dir} and try again.`)
}

/**
 * `err`, from reading or opening `path`, as an error in words when it says the file cannot be
 * read (or the disk is full); any other error unchanged. `ifMoved` says what happens if the
 * user moves the file away instead of repairing it.
 */
export function dataFileError(path: string, err: unknown, ifMoved: string): unknown {
  if (isDiskFull(err)) return diskFullError(path)
  const why = UNREADABLE[errnoOf(err) ?? '']
  if (why === undefined) return err
  return new CommonweaveError(ErrorCode.DataFileUnreadable,
    `Cannot read ${path}: ${why}. Make it a readable file again (check its owner and permissions) or restore it from a backup; or move it away, and ${ifMoved}.`)
}

/** A file's bytes; undefined when it does not exist; an error in words when it cannot be read. */
export async function readDataFile(path: string, ifMoved: string, fs: FsOps = nodeFs): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(path)
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined
    throw dataFileError(path, err, ifMoved)
  }
}

/** Moves a damaged file aside, next to where it was; resolves to its new path. */
export async function setAside(path: string, now = Date.now(), fs: FsOps = nodeFs): Promise<string> {
  const aside = `${path}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
  await fs.rename(path, aside)
  return aside
}
