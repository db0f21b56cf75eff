// Mutation testing (issue 14): `make mutation` runs every module; `make mutation MODULE=markdown` one of them.
// Modules and their test files: test/mutation/modules.mjs. Scores: README "Mutation testing"; survivors: docs/mutation.md.
import { MUTATION_MODULES } from './test/mutation/modules.mjs';

const name = process.env.MUTATION_MODULE;
const module = name ? MUTATION_MODULES[name] : undefined;
if (name && !module) throw new Error(`Unknown MUTATION_MODULE "${name}": one of ${Object.keys(MUTATION_MODULES).join(', ')}`);
const modules = module ? [module] : Object.values(MUTATION_MODULES);
// Read by test/mutation/vitest.config.ts in Stryker's workers (they inherit the environment).
process.env.MUTATION_TESTS = [...new Set(modules.flatMap((m) => m.tests))].join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  mutate: modules.flatMap((m) => m.mutate),
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name ?? 'all'}.json` },
  htmlReporter: { fileName: `reports/mutation/${name ?? 'all'}.html` },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['.stryker-tmp', 'dist', 'coverage', 'reports', 'test-results', 'playwright-report', 'demo', 'bench', 'test/e2e', 'test/component'],
  // One sandbox folder per module, so two modules can run at once.
  tempDirName: `.stryker-tmp/${name ?? 'all'}`,
  cleanTempDir: true,
};
