/**
 * `npm run dist`: builds the renderer and the shell, then packages the app with electron-builder
 * (electron-builder.yml) for this platform — or, where the Electron binary is not installed,
 * says so at once and builds nothing (see dist-plan.ts).
 * Extra arguments go to electron-builder: `npm run dist -- --linux deb`.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildShell, ROOT } from './build.ts'
import { distPlan, type DistFacts } from './dist-plan.ts'

function electronFacts(): DistFacts['electron'] {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as unknown
    return typeof path === 'string' ? { path, exists: existsSync(path) } : { error: 'the electron package gave no path' }
  } catch (err) {
    return { error: (err as Error).message }
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => spawn(cmd, args, { stdio: 'inherit', cwd: ROOT })
    .once('error', rej)
    .once('exit', (code) => code === 0 ? res() : rej(new Error(`${args[0] ?? cmd} exited with ${code}`))))
}

async function main(): Promise<void> {
  const plan = distPlan({
    electron: electronFacts(), electronDist: join(ROOT, 'node_modules', 'electron', 'dist'),
    platform: process.platform, args: process.argv.slice(2),
  })
  if (plan.kind === 'refuse') {
    console.error(plan.message)
    process.exit(1)
  }
  if (plan.note) console.log(plan.note)
  console.log('Building the UI…')
  await run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'])
  console.log('Building the shell…')
  await buildShell()
  console.log('Packaging…')
  await run(process.execPath, [join(ROOT, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.yml', ...plan.builderArgs])
}

main().catch((err: unknown) => {
  console.error(`npm run dist failed: ${(err as Error).message}`)
  process.exit(1)
})
