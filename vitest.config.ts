import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/e2e/ runs too: headless Chromium against real peers (it skips, saying why, where
    // /usr/bin/chromium or the Electron binary is missing). Its helper modules are not tests.
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Multi-process peer tests each start several Node processes; two files at a time fit 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
})
