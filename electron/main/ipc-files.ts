/**
 * Files the page may name. Export and import take a path on this machine; from the page (which
 * the shell treats as possibly compromised) a path could overwrite or read any file the user
 * can. Over IPC only Commonweave export files are written or read (`.cwexport`), and never
 * inside the peer's data directory (its key, its documents).
 */
import { isAbsolute, relative, resolve } from 'node:path'
import { ErrorCode, type ErrorData } from '../../shared/errors.ts'

export const EXPORT_EXTENSION = '.cwexport'
/**
 * The operations that name a file, and the kind of file each may name from the page: the fields
 * holding paths, whether they may be left out (the map's import and export carry the text
 * itself when they are), and the endings allowed.
 */
interface FileOp { fields: readonly string[]; dir?: true; optional?: true; ext: readonly string[] | null; words: string }
const MAP_FILES = { ext: ['.json', '.csv'], words: 'a map is imported from and exported to .json and .csv files only', optional: true } as const
const FILE_OPS: ReadonlyMap<string, FileOp> = new Map<string, FileOp>([
  ['exportSpace', { fields: ['file'], ext: [EXPORT_EXTENSION], words: `a space is exported to and imported from a ${EXPORT_EXTENSION} file only` }],
  ['importSpace', { fields: ['file'], ext: [EXPORT_EXTENSION], words: `a space is exported to and imported from a ${EXPORT_EXTENSION} file only` }],
  ['importDecisions', { fields: ['file'], ext: ['.json'], words: 'decisions are imported from a Loomio export (.json) only' }],
  // A folder: only its markdown files are read (see page-import.ts).
  ['importPages', { fields: ['dir'], dir: true, ext: null, words: '' }],
  ['importMap', { fields: ['file', 'connectionsFile'], ...MAP_FILES }],
  ['exportMap', { fields: ['file'], ...MAP_FILES }],
])

/** Null when the call names no file or only allowed ones; else why it is refused. */
export function refuseFile(op: string, input: unknown, dataDir: string): ErrorData | null {
  const kind = FILE_OPS.get(op)
  if (!kind) return null
  const what = kind.dir ? 'folder' : 'file'
  for (const field of kind.fields) {
    const file = (input as Record<string, unknown> | null)?.[field]
    if (file === undefined && kind.optional) continue
    if (typeof file !== 'string' || !isAbsolute(file)) return { code: ErrorCode.ValidationFailed, message: `Give the ${what} as a full path.` }
    if (kind.ext !== null && !kind.ext.some((e) => file.toLowerCase().endsWith(e))) return { code: ErrorCode.ValidationFailed, message: `From the app, ${kind.words}.` }
    const inside = relative(resolve(dataDir), resolve(file))
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      return { code: ErrorCode.Forbidden, message: `Choose a ${what} outside the app’s data directory.` }
    }
  }
  return null
}
