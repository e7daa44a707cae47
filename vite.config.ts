import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** Builds the renderer into dist/renderer, which the daemon serves and Electron loads. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
})
