/** Operations for backup: a whole space to one file, and back. */
import { z } from 'zod'
import { ErrorCode } from '../../errors.ts'
import { absolutePath } from '../../schemas/file-path.ts'
import { bodyOnly, defineOperation, inSpace, schemaRef } from '../operation.ts'

const FilePath = absolutePath('file')
const ExportBody = z.strictObject({ file: FilePath, overwrite: z.boolean().optional() })
const ImportBody = z.strictObject({ file: FilePath })

export const exportSpace = defineOperation({
  op: 'exportSpace', summary: 'Write a whole space to one file: a manifest, every document\'s Automerge binary and a readable JSON view of every item',
  http: { method: 'POST', path: '/v1/spaces/:spaceId/export', status: 200 }, body: ExportBody, input: inSpace,
  response: schemaRef('ExportResult'), needs: { scope: 'peer' },
  cli: {
    path: ['export'], args: [['SPACE', 'spaceId']], flags: { out: { field: 'file' }, overwrite: { boolean: true } }, required: ['out'], paths: ['file'],
    usage: 'commonweave export SPACE --out FILE [--overwrite]', summary: 'back a space up to one file (works on a stopped peer too)',
  },
})

export const importSpace = defineOperation({
  op: 'importSpace', summary: 'Restore a space from an export file; the whole file is checked before anything is written',
  http: { method: 'POST', path: '/v1/import', status: 200 }, body: ImportBody, input: bodyOnly,
  response: schemaRef('ImportResult'), needs: { scope: 'peer' }, errors: [ErrorCode.ArchiveInvalid],
  cli: {
    path: ['import'], args: [['FILE', 'file']], paths: ['file'],
    usage: 'commonweave import FILE', summary: 'restore a space from an export file (works on a stopped peer too)',
    notes: 'A file that is cut short, altered or not a Commonweave export is refused, and nothing changes.',
  },
})
