/**
 * Where the shell's parts are. Run from source (`electron electron/main/main.ts`, Node's type
 * stripping) the peer host runs from source too, and the preload and renderer come from dist/;
 * built (dist/electron/main.js, what is packaged) everything sits beside it in dist/.
 */
import { dirname, join } from 'node:path'

export interface ShellPaths {
  preload: string
  peerHost: string
  renderer: string
}

export function shellPaths(mainFile: string): ShellPaths {
  const here = dirname(mainFile)
  if (mainFile.endsWith('.ts')) {
    const root = join(here, '..', '..')
    return {
      preload: join(root, 'dist', 'electron', 'preload.cjs'),
      peerHost: join(root, 'electron', 'peer-host', 'peer-host.ts'),
      renderer: join(root, 'dist', 'renderer'),
    }
  }
  return { preload: join(here, 'preload.cjs'), peerHost: join(here, 'peer-host.js'), renderer: join(here, '..', 'renderer') }
}
