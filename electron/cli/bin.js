#!/usr/bin/env node
// The `commonweave` command. The CLI is TypeScript run directly by Node's type stripping,
// which needs Node >= 22.18; on an older Node this re-runs the CLI with the Node 24 that
// the project installs as a dependency, so `npx commonweave` works on any machine.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const main = join(here, 'main.ts')
const [major, minor] = process.versions.node.split('.').map(Number)

if (major > 22 || (major === 22 && minor >= 18)) {
  await import(pathToFileURL(main).href)
} else {
  const bundled = join(here, '..', '..', 'node_modules', 'node', 'bin', 'node')
  if (!existsSync(bundled)) {
    process.stderr.write(`commonweave needs Node 22.18 or newer (this is ${process.version}). Run "npm ci" in the project, or install a newer Node.\n`)
    process.exit(2)
  }
  // The child shares this process group, so a Ctrl+C reaches it from the terminal: passing
  // the signal on too would be a second one, "stop at once, unsaved". A stop goes over IPC
  // instead (the message of launcher-ipc.ts), and the channel closing tells the child that
  // this wrapper has gone, even by kill -9.
  const child = spawn(bundled, [main, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  const stop = () => {
    if (child.connected) child.send({ type: 'commonweave-stop' }, () => {})
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, stop)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
