/**
 * The local API keeps its port across restarts, so an open page (and a bookmark, and a
 * script) reaches the peer again at the same address. The port of the last run is
 * remembered in the data directory; a start without --api-port takes it again if it is
 * free, else a free one (and says the address changed).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CommonweaveError, ErrorCode } from '../../shared/errors.ts'
import { writeFileDurable } from '../peer/storage/durable-file.ts'
import type { Logger } from '../peer/log.ts'

/** `{ "port": N }`: the API port of the last run on this data directory. */
export const API_PORT_FILE = 'api-port.json'

/** The port remembered in `dataDir`, or undefined when there is none (or it is not one). */
export async function rememberedApiPort(dataDir: string): Promise<number | undefined> {
  try {
    const { port } = JSON.parse(await readFile(join(dataDir, API_PORT_FILE), 'utf8')) as { port?: unknown }
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined
  } catch {
    // never written, or damaged: a free port will do, and is remembered anew
    return undefined
  }
}

export async function rememberApiPort(dataDir: string, port: number): Promise<void> {
  await writeFileDurable(join(dataDir, API_PORT_FILE), JSON.stringify({ port }) + '\n')
}

/**
 * Listens with `listen(port)`: on `asked` when given (a port taken is then an error, as the
 * user chose it), else on the remembered port, falling back to a free one when it is taken.
 */
export async function listenOnApiPort<T extends { port: number }>(
  dataDir: string, asked: number | undefined, listen: (port: number) => Promise<T>, log: Logger,
): Promise<T> {
  if (asked !== undefined) return listen(asked)
  const last = await rememberedApiPort(dataDir)
  if (last === undefined) return listen(0)
  try {
    return await listen(last)
  } catch (err) {
    if (!(err instanceof CommonweaveError && err.code === ErrorCode.AddressInUse)) throw err
    const server = await listen(0)
    log.warn('the API port of the last run is taken by another program: the API (and the UI link) moved to a new port', { was: last, now: server.port })
    return server
  }
}
