/**
 * What `npm run dist` does on this machine: package with the Electron binary that is
 * installed here, or stop at once and say why. electron-builder would otherwise try to
 * download Electron from GitHub, which on a machine without that access hangs for minutes.
 */
export type DistPlan =
  | { kind: 'refuse'; message: string }
  | { kind: 'package'; builderArgs: string[]; note?: string }

export interface DistFacts {
  /** What require('electron') gave: the binary's path, or the error it threw. */
  electron: { path: string; exists: boolean } | { error: string }
  /** The folder holding the unpacked Electron (node_modules/electron/dist). */
  electronDist: string
  platform: NodeJS.Platform
  /** Arguments given to `npm run dist -- …`, passed on to electron-builder. */
  args: readonly string[]
}

/** electron-builder's platform flags, by the platform each one names. */
const PLATFORM_OF_FLAG: Record<string, NodeJS.Platform> = {
  '--linux': 'linux', '-l': 'linux', '--mac': 'darwin', '--macos': 'darwin', '-m': 'darwin', '-o': 'darwin',
  '--win': 'win32', '--windows': 'win32', '-w': 'win32',
}

export function distPlan(f: DistFacts): DistPlan {
  if ('error' in f.electron || !f.electron.exists) {
    const why = 'error' in f.electron ? f.electron.error.split('\n')[0] : `${f.electron.path} does not exist`
    return {
      kind: 'refuse',
      message: `npm run dist needs the Electron binary, and it is not installed here (${why}). ` +
        'Packaging uses the installed binary rather than downloading one. Fetch it with `npm run get-electron` ' +
        '(needs access to GitHub or ELECTRON_MIRROR), then run `npm run dist` again. Nothing was built.',
    }
  }
  const otherPlatform = f.args.some((a) => PLATFORM_OF_FLAG[a] !== undefined && PLATFORM_OF_FLAG[a] !== f.platform)
  if (otherPlatform) {
    // The installed binary is this platform's; for another one electron-builder downloads its own.
    return { kind: 'package', builderArgs: [...f.args], note: 'Packaging for another platform: electron-builder downloads that platform\'s Electron.' }
  }
  return { kind: 'package', builderArgs: [...f.args, `--config.electronDist=${f.electronDist}`] }
}
