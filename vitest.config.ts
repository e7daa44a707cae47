import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Multi-process peer tests each start several Node processes; two files at a time fit 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
})
