import { defineConfig } from 'vitest/config';

// Vitest for Stryker: only the test files of the module being mutated (MUTATION_TESTS, set by stryker.config.mjs).
const include = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: include.length ? include : ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
