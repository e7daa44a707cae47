/**
 * The app's own command-line flags (Chromium's switches are ignored). They mirror
 * `commonweave start`: --data DIR, --listen MULTIADDR (repeatable), --no-mdns,
 * --bootstrap MULTIADDR (repeatable), and --allow-unprotected-key (see key-storage-policy.ts).
 */
import { parseArgs } from 'node:util'
import type { HostNetConfig } from '../peer-host/protocol.ts'
import { INSECURE_KEY_FLAG } from './key-storage-policy.ts'

export interface ShellArgs {
  dataDir: string | undefined
  net: HostNetConfig
  allowUnprotectedKey: boolean
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const { values } = parseArgs({
    args: [...argv], strict: false, allowPositionals: true,
    options: {
      data: { type: 'string' }, listen: { type: 'string', multiple: true }, 'no-mdns': { type: 'boolean' },
      bootstrap: { type: 'string', multiple: true }, [INSECURE_KEY_FLAG.slice(2)]: { type: 'boolean' },
    },
  })
  const strings = (v: unknown): string[] | undefined => Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined
  const listen = strings(values['listen'])
  const bootstrap = strings(values['bootstrap'])
  return {
    dataDir: typeof values['data'] === 'string' ? values['data'] : undefined,
    net: {
      ...(listen ? { listen } : {}),
      ...(values['no-mdns'] === true ? { mdns: false } : {}),
      ...(bootstrap ? { bootstrap } : {}),
    },
    allowUnprotectedKey: values[INSECURE_KEY_FLAG.slice(2)] === true,
  }
}
