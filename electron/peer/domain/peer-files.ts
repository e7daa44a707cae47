/**
 * Files an API call names on the peer's machine (an import to read, an export to write). Only
 * the owner names them, never an agent (it could read the API token or write into ~/.ssh), and
 * never inside the peer's own data directory (an export there could overwrite the identity or a
 * document). Electron's IPC checks the same before a call reaches the peer (ipc-files.ts);
 * this holds for every transport.
 */
import { realpath } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import type { Principal } from '../../../shared/api/peer-api.ts'
import { CommonweaveError, ErrorCode } from '../../../shared/errors.ts'

/** Refuses the call when it names a file and may not: an agent's, or one inside the data directory. */
export async function checkNamedFiles(principal: Principal, dataDir: string, files: ReadonlyArray<string | undefined>): Promise<void> {
  const named = files.filter((f): f is string => f !== undefined)
  if (named.length === 0) return
  if (principal.kind === 'agent') {
    throw new CommonweaveError(ErrorCode.Forbidden, `${principal.name} is an agent: it may not read or write files on this machine; send the file's text instead.`)
  }
  const data = await realpath(dataDir).catch(() => dataDir)
  for (const file of named) {
    // The file itself may not exist yet (an export): its folder is what resolves.
    const real = await realpath(file).catch(async () => join(await realpath(dirname(file)).catch(() => dirname(file)), basename(file)))
    if (real === data || real.startsWith(data + sep)) {
      throw new CommonweaveError(ErrorCode.Forbidden, `${file} is inside the peer's own data directory: choose a file elsewhere.`)
    }
  }
}
