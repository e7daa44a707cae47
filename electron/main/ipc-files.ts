/**
 * Files the page may name. Export and import take a path on this machine; from the page (which
 * the shell treats as possibly compromised) a path could overwrite or read any file the user
 * can. Over IPC only Commonweave export files are written or read (`.cwexport`), and never
 * inside the peer's data directory (its key, its documents).
 */
import { isAbsolute, relative, resolve } from 'node:path'
import { ErrorCode, type ErrorData } from '../../shared/errors.ts'

export const EXPORT_EXTENSION = '.cwexport'
/** The operations that name a file, and the kind of file each may name from the page. */
const FILE_OPS: ReadonlyMap<string, { field: 'file' | 'dir'; ext: string | null; words: string }> = new Map([
  ['exportSpace', { field: 'file', ext: EXPORT_EXTENSION, words: `a space is exported to and imported from a ${EXPORT_EXTENSION} file only` }],
  ['importSpace', { field: 'file', ext: EXPORT_EXTENSION, words: `a space is exported to and imported from a ${EXPORT_EXTENSION} file only` }],
  ['importDecisions', { field: 'file', ext: '.json', words: 'decisions are imported from a Loomio export (.json) only' }],
  // A folder: only its markdown files are read (see page-import.ts).
  ['importPages', { field: 'dir', ext: null, words: '' }],
])

/** Null when the call names no file or an allowed one; else why it is refused. */
export function refuseFile(op: string, input: unknown, dataDir: string): ErrorData | null {
  const kind = FILE_OPS.get(op)
  if (!kind) return null
  const file = (input as Record<string, unknown> | null)?.[kind.field]
  const what = kind.field === 'dir' ? 'folder' : 'file'
  if (typeof file !== 'string' || !isAbsolute(file)) return { code: ErrorCode.ValidationFailed, message: `Give the ${what} as a full path.` }
  if (kind.ext !== null && !file.toLowerCase().endsWith(kind.ext)) return { code: ErrorCode.ValidationFailed, message: `From the app, ${kind.words}.` }
  const inside = relative(resolve(dataDir), resolve(file))
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    return { code: ErrorCode.Forbidden, message: `Choose a ${what} outside the app’s data directory.` }
  }
  return null
}
