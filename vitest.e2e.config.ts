import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Browser tests: Chromium against the built site (`npm run build` first). */
export default defineConfig({
  resolve: {
    alias: { '@course/sim': fileURLToPath(new URL('./src/sim/index.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
