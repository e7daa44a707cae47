import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** `--data DIR`, else `COMMONWEAVE_DATA`, else the platform's per-user data directory. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag)
  if (env['COMMONWEAVE_DATA']) return resolve(env['COMMONWEAVE_DATA'])
  switch (process.platform) {
    case 'darwin': return join(homedir(), 'Library', 'Application Support', 'Commonweave')
    case 'win32': return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Commonweave')
    default: return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'commonweave')
  }
}

/** Where a running daemon says how to reach its API: `{ url, pid }`. */
export const API_ENDPOINT_FILE = 'api.json'
