import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diskOps } from './disk-ops.ts'
import { countExternalMemoryInHeapLimit } from '../../electron/peer/heap-policy.ts'
countExternalMemoryInHeapLimit()
const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 's4-'))
if (!process.argv[2]) {
  const r = await diskOps['seedDisk']!({ dir, docs: 10000 }) as { spaceId: string }
  console.log(dir, r.spaceId)
} else {
  const r = process.argv[4] ? await diskOps['coldStartStock']!({ dir, first: process.argv[4] }) : await diskOps['coldStart']!({ dir, spaceId: process.argv[3] })
  console.log(r)
}
process.exit(0)
