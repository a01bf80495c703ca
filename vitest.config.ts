import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@course/sim': fileURLToPath(new URL('./src/sim/index.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'exercises/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
  },
});
