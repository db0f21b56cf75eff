import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, CHROMIUM_ARGS } from './test/chromium.mjs';

// End-to-end: each spec starts the real emulator (and server) in-process on port 0; see test/e2e/fixtures.ts.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
  },
});
