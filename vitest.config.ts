import { defineConfig } from 'vitest/config';

// Unit tests (test/unit) and Node-side integration tests over real sockets (test/integration).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
