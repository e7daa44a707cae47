/**
 * Builds the Electron shell into dist/electron: main.js, peer-host.js and the worker threads,
 * map-metrics-worker.js and insight-worker.js (ES modules for
 * Electron's Node; packages stay external and are shipped in node_modules) and preload.cjs
 * (one self-contained CommonJS file: a sandboxed preload can load no module but `electron`).
 * Run: node electron/main/build.ts   (the renderer is built separately: npx vite build)
 */
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const ELECTRON_DIST = join(ROOT, 'dist', 'electron')

/** Builds into `outDir` (dist/electron unless a test asks for another folder under the repository, where node_modules resolves). */
export async function buildShell(outDir = ELECTRON_DIST): Promise<void> {
  const common = { configFile: false as const, root: ROOT, logLevel: 'warn' as const, publicDir: false as const }
  await build({
    ...common,
    build: {
      outDir, emptyOutDir: true, target: 'node22', sourcemap: true, minify: false,
      ssr: true,
      rollupOptions: {
        input: {
          main: join(ROOT, 'electron/main/main.ts'),
          'peer-host': join(ROOT, 'electron/peer-host/peer-host.ts'),
          // Worker threads' files of their own (map-metrics-engine.ts, insight-engine.ts find them beside peer-host.js).
          'map-metrics-worker': join(ROOT, 'electron/peer/domain/map-metrics-worker.ts'),
          'insight-worker': join(ROOT, 'electron/peer/domain/insight-worker.ts'),
        },
        external: ['electron'],
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  })
  await build({
    ...common,
    build: {
      outDir, emptyOutDir: false, target: 'chrome130', sourcemap: true, minify: false,
      lib: { entry: join(ROOT, 'electron/preload/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildShell().then(() => console.log(`Built the Electron shell into ${ELECTRON_DIST}`), (err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
