/**
 * Where a worker thread's module is: beside the calling module when it runs from source (Node's
 * type stripping, vitest), beside the bundle (dist/electron/<name>.js, an entry of
 * electron/main/build.ts) when it runs built, from peer-host.js or one of its chunks.
 */
import { existsSync } from 'node:fs'

/** `name` without extension (`map-metrics-worker`); `here` the calling module's `import.meta.url`. */
export function workerUrl(name: string, here: string): URL {
  if (here.endsWith('.ts')) return new URL(`./${name}.ts`, here)
  const built = [`./${name}.js`, `../${name}.js`].map((p) => new URL(p, here))
  return built.find((u) => existsSync(u)) ?? built[0]!
}
