// Component tests: real Debian Chromium, no browser download.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './test/chromium.mjs';

export default {
  files: ['test/component/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS } })],
  testFramework: { config: { timeout: 10000 } },
  // Lit's dev-mode notice appears once per test file; it says nothing about the code under test.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
};
