/**
 * Reads a map file into a space's map (DESIGN.md "Ecosystem map"): a Kumu blueprint, Kumu's CSV
 * sheets, or Murmurations profiles, deduplicated against the map with a report of every merge.
 *
 * Invariants:
 * - all or nothing: the whole file is read and planned before anything is written, and the plan
 *   is written in one `access.write`, which the store refuses whole or makes whole;
 * - a file the map already holds writes nothing (the report adds nothing and updates nothing);
 * - the peer's event loop is handed back every few milliseconds while a large file is read and
 *   planned (a blueprint of 2,000 elements and 5,000 connections).
 */
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { MapImportReport } from '../../../shared/api/map-api.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { MapAccess } from '../../../shared/map/contract.ts'
import { mapFileSteps } from '../../../shared/map/formats/detect.ts'
import { runInSlices } from '../../../shared/map/formats/steps.ts'
import { importPlanSteps } from '../../../shared/map/import-plan.ts'
import { MAX_IMPORT_BYTES, type ImportMapInput } from '../../../shared/schemas/map.ts'

const MB = MAX_IMPORT_BYTES / 1_000_000

/** Hands the event loop back: timers, sockets and other calls run before the next slice. */
export const pauseTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Why a file could not be read, in words that say what to do. */
function unreadable(file: string, err: NodeJS.ErrnoException): CommonweaveError {
  switch (err.code) {
    case 'ENOENT': return new CommonweaveError(ErrorCode.NotFound, `There is no file ${file}: check the path (it is read on the peer's machine).`)
    case 'EISDIR': return new CommonweaveError(ErrorCode.ValidationFailed, `${file} is a folder: give the map file inside it.`)
    case 'EACCES':
    case 'EPERM': return new CommonweaveError(ErrorCode.Forbidden, `${file} cannot be read by the user the peer runs as: check its permissions.`)
    default: return new CommonweaveError(ErrorCode.ValidationFailed, `${file} cannot be read (${err.code ?? err.message}).`)
  }
}

/** A file's text, read only up to the import limit (a larger file is refused, never loaded whole). */
export async function readMapFile(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r')
    try {
      const info = await handle.stat()
      if (info.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' })
      const buf = Buffer.alloc(Math.min(info.size, MAX_IMPORT_BYTES) + 1)
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
      if (bytesRead > MAX_IMPORT_BYTES) throw new CommonweaveError(ErrorCode.ValidationFailed, `${basename(file)} is larger than ${MB} MB, the most an import reads; nothing was imported.`)
      return new TextDecoder('utf-8').decode(buf.subarray(0, bytesRead))
    } finally {
      await handle.close()
    }
  } catch (err) {
    if (err instanceof CommonweaveError) throw err
    throw unreadable(file, err as NodeJS.ErrnoException)
  }
}

function tooLarge(text: string | undefined, name: string): void {
  if (text !== undefined && text.length > MAX_IMPORT_BYTES) throw new CommonweaveError(ErrorCode.ValidationFailed, `${name} is larger than ${MB} MB, the most an import reads; nothing was imported.`)
}

/** Reads `input` into the map `access` gives, unless it is a dry run; answers what it did (or would do). */
export async function importMapData(input: ImportMapInput, access: MapAccess): Promise<MapImportReport> {
  const text = input.text ?? (input.file !== undefined ? await readMapFile(input.file) : undefined)
  if (text === undefined) throw new CommonweaveError(ErrorCode.ValidationFailed, 'give the file to import: its text, or its path on the peer\'s machine')
  const connectionsText = input.connectionsText ?? (input.connectionsFile !== undefined ? await readMapFile(input.connectionsFile) : undefined)
  const fileName = input.fileName ?? (input.file !== undefined ? basename(input.file) : undefined)
  const name = fileName ?? 'the file'
  tooLarge(text, name)
  tooLarge(connectionsText, 'the connections sheet')
  let plan
  try {
    const graph = await runInSlices(mapFileSteps({
      text, ...(connectionsText !== undefined ? { connectionsText } : {}), ...(input.format !== undefined ? { format: input.format } : {}), ...(fileName !== undefined ? { fileName } : {}),
    }), pauseTurn)
    // The map as it is after the file was read: a write made meanwhile is planned against.
    plan = await runInSlices(importPlanSteps(graph, access.snapshot(), access), pauseTurn)
  } catch (err) {
    if (err instanceof CommonweaveError && err.code === ErrorCode.ValidationFailed) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${name} cannot be imported: ${err.message}. Nothing was imported.`, { at: err.message })
    }
    // A file shaped past what the readers check (a stack or a string too deep or too long to
    // hold) still answers with a code and words, never a bare RangeError.
    if (err instanceof RangeError) {
      throw new CommonweaveError(ErrorCode.ValidationFailed, `${name} cannot be imported: it nests too deep or holds a value too large to read (${err.message}). Nothing was imported.`)
    }
    throw err
  }
  const { write, report } = plan
  const nothing = write.nodes.length === 0 && write.edges.length === 0 && write.updates.length === 0
  if (input.dryRun !== true && !nothing) await access.write(write)
  // `dryRun` says a dry run was asked for; a file the map already holds answers all zeros (and writes nothing).
  return { ...report, dryRun: input.dryRun === true }
}
