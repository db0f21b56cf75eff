import { defineConfig } from 'vitest/config';

// The gateway cluster tests (test/cluster): real redis-server, server instances in their own processes, HAProxy.
// `make test` installs redis-server and haproxy when missing (Debian packages) and runs these after the unit tests.
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
