/**
 * Writes a space's map in one of the three formats: the texts in the answer, or files on the
 * peer's machine when `file` is given. Kumu's CSV is two sheets: FILE holds the elements and
 * `<stem>-connections.csv` beside it the connections. Each file is written whole or not at all
 * (a temporary file renamed over it), so a crash never leaves half a map in it.
 */
import { basename, dirname, extname, join } from 'node:path'
import type { MapExport, MapExportFile } from '../../../shared/api/map-api.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'
import type { MapSnapshot } from '../../../shared/map/contract.ts'
import { kumuCsvWriting } from '../../../shared/map/formats/kumu-csv.ts'
import { kumuJsonWriting } from '../../../shared/map/formats/kumu-json.ts'
import { murmurationsWriting } from '../../../shared/map/formats/murmurations-export.ts'
import { runInSlices } from '../../../shared/map/formats/steps.ts'
import { MapFormat, type ExportMapInput } from '../../../shared/schemas/map.ts'
import { writeFileDurable } from '../storage/durable-file.ts'
import { pauseTurn } from './map-import.ts'

interface Written { name: string; mediaType: string; text: string }

async function texts(format: MapFormat, snapshot: MapSnapshot, file: string | undefined): Promise<Written[]> {
  const name = file !== undefined ? basename(file) : undefined
  switch (format) {
    case MapFormat.Kumu:
      return [{ name: name ?? 'map-kumu.json', mediaType: 'application/json', text: await runInSlices(kumuJsonWriting(snapshot), pauseTurn) }]
    case MapFormat.Murmurations:
      return [{ name: name ?? 'map-murmurations.json', mediaType: 'application/json', text: await runInSlices(murmurationsWriting(snapshot), pauseTurn) }]
    case MapFormat.KumuCsv: {
      const sheets = await runInSlices(kumuCsvWriting(snapshot), pauseTurn)
      const stem = name !== undefined ? basename(name, extname(name)) : 'map'
      return [
        { name: name ?? 'map-elements.csv', mediaType: 'text/csv', text: sheets.elements },
        { name: `${stem}-connections.csv`, mediaType: 'text/csv', text: sheets.connections },
      ]
    }
  }
}

async function writeOut(path: string, text: string): Promise<void> {
  try {
    await writeFileDurable(path, text, 0o644)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CommonweaveError(ErrorCode.Forbidden, `${path} cannot be written by the user the peer runs as (${code}): choose a folder it may write in.`)
    if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') throw new CommonweaveError(ErrorCode.ValidationFailed, `${path} is a folder: give a file name to write the map to.`)
    if (code === 'ENOTDIR') throw new CommonweaveError(ErrorCode.ValidationFailed, `${dirname(path)} is not a folder: give a file name in a folder.`)
    throw err
  }
}

/** The map `snapshot` in `input.format`: as texts, or written to `input.file` (and its connections sheet beside it). */
export async function exportMapData(input: ExportMapInput, snapshot: MapSnapshot): Promise<MapExport> {
  const written = await texts(input.format, snapshot, input.file)
  const files: MapExportFile[] = []
  for (const w of written) {
    if (input.file === undefined) files.push(w)
    else {
      const path = join(dirname(input.file), w.name)
      await writeOut(path, w.text)
      files.push({ name: w.name, mediaType: w.mediaType, path })
    }
  }
  return { format: input.format, nodes: snapshot.nodes.length, edges: snapshot.edges.length, files }
}
