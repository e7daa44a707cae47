import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** Builds the renderer into dist/renderer, which the daemon serves and Electron loads. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: {
    // automerge-repo's CBOR (live page documents): cbor-x probes for `new Function` when loaded,
    // which the CSP refuses and reports; its no-eval build never tries.
    alias: [{ find: /^cbor-x$/, replacement: 'cbor-x/index-no-eval' }],
  },
  build: {
    outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true,
    // Modules run in import order across chunks: zod-jitless.ts must configure zod before any
    // schema is built (a split chunk would otherwise run zod's eval probe first, a CSP violation).
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
})
