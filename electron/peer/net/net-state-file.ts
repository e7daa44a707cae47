/**
 * The address memory on disk: `net-state.json`, and a second copy of it in
 * `net-state.backup.json`. Both are written whole and durably, one after the other, so damage to
 * one file (deleted, cut short, overwritten) leaves the other: the ports and the members'
 * addresses are restored from it, and the log says so. Only when both are lost is the memory
 * lost, and the log says what that means. A file that cannot be read refuses the start, as it
 * may well be intact. (To forget the ports on purpose, delete both files.)
 */
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileDurable } from '../storage/durable-file.ts'
import { readDataFile, setAside } from '../storage/data-file.ts'
import type { Logger } from '../log.ts'

export const NET_STATE_FILE = 'net-state.json'
export const NET_STATE_BACKUP = 'net-state.backup.json'
export const MAX_ADDRS = 8

const NetStateSchema = z.object({
  version: z.literal(1),
  /** a configured listen address with port 0 -> the same address with the port it got */
  listen: z.record(z.string(), z.string()),
  peers: z.record(z.string(), z.object({ addrs: z.array(z.string()).max(MAX_ADDRS), seen: z.string() })),
  /** peer ids of the community peers met (their identify listed the relay protocol): dialled first at every start */
  community: z.array(z.string()).max(4).optional(),
})
export type NetState = z.infer<typeof NetStateSchema>

const IF_MOVED = 'this peer will listen on new ports and forget the addresses of the members it met by address'
const empty = (): NetState => ({ version: 1, listen: {}, peers: {} })

type Read = { state: NetState } | { missing: true } | { damaged: string }

async function readOne(path: string): Promise<Read> {
  const bytes = await readDataFile(path, IF_MOVED)
  if (bytes === undefined) return { missing: true }
  try {
    const parsed = NetStateSchema.safeParse(JSON.parse(bytes.toString('utf8')))
    return parsed.success ? { state: parsed.data } : { damaged: parsed.error.issues[0]?.message ?? 'bad shape' }
  } catch (err) {
    return { damaged: `not JSON: ${(err as Error).message}` }
  }
}

const what = (r: Read): string => ('damaged' in r ? `damaged (${r.damaged})` : 'missing')

/** The address memory: from the file, else from its copy (said in the log), else empty. */
export async function readNetState(dataDir: string, log: Logger): Promise<NetState> {
  const path = join(dataDir, NET_STATE_FILE)
  const main = await readOne(path)
  if ('state' in main) return main.state
  const backupPath = join(dataDir, NET_STATE_BACKUP)
  const backup = await readOne(backupPath)
  if ('missing' in main && 'missing' in backup) return empty() // a first start
  const kept = {
    ...('damaged' in main ? { damagedFileKeptAs: await setAside(path) } : {}),
    ...('damaged' in backup ? { damagedBackupKeptAs: await setAside(backupPath) } : {}),
  }
  if ('state' in backup) {
    await writeFileDurable(path, JSON.stringify(backup.state, null, 2) + '\n')
    log.warn(`${path} was ${what(main)}: restored from its copy ${backupPath}; the ports and members' addresses are as of its last save`, { file: path, ...kept })
    return backup.state
  }
  log.warn(`${path} was ${what(main)}, and its copy ${backupPath} ${what(backup)}. Lost: the ports this peer listened on and the addresses of the members it met by address. ` +
    'It listens on new ports; members it cannot find again by mDNS reach it when one of them is given its new address (a new invite or grant code carries it).',
  { file: path, ...kept })
  return empty()
}

/** Writes the memory to its file, then to its copy. */
export async function writeNetState(dataDir: string, state: NetState): Promise<void> {
  const text = JSON.stringify(state, null, 2) + '\n'
  await writeFileDurable(join(dataDir, NET_STATE_FILE), text)
  await writeFileDurable(join(dataDir, NET_STATE_BACKUP), text)
}
