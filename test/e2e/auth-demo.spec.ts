/**
 * The demo site's "Sign in" (demo/site/sign-in.js), end to end: `npm run demo` on free ports, the page's own
 * OpenID Connect flow at the emulator's identity provider (PKCE S256 + nonce, state checked), the redirect back
 * handled by the page, which hands the code to the widget; then sign out. Screenshots (360 / 1280 px, light / dark)
 * go to test-results/screens/; axe-core finds no serious or critical violation on the signed-in page.
 */
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.js';
import { shootSchemes } from './screens.js';

/**
 * Starts `demo/launch.ts` (node with tsx, one process: npx would not pass SIGTERM on, and the demo outlived CI) on
 * free ports; resolves with the website's URL once it prints it.
 */
function startDemo(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/launch.ts'], {
    env: { ...process.env, EMULATOR_PORT: '0', SERVER_PORT: '0', DEMO_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /website, direct mode\s+(\S+)\//.exec(out);
      if (match?.[1]) resolve({ url: match[1], stop });
    });
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}): ${out}`)));
  });
}

test('the demo site signs the customer in at the identity provider and hands the code to the widget', async ({ page }) => {
  test.setTimeout(90_000);
  const demo = await startDemo();
  try {
    await page.goto(`${demo.url}/?auth=1&mode=inline`);
    const chat = page.locator('genesys-chat');
    await expect.poll(() => chat.evaluate((el) => (el as HTMLElement & { status: string }).status)).toBe('online');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /Ada Lovelace/ }).click();
    await expect(page.getByText('Signed in: the agent sees who you are.')).toBeVisible({ timeout: 15_000 });
    // The page cleaned the code out of the address bar.
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    expect(await chat.evaluate((el) => (el as HTMLElement & { authState: string }).authState)).toBe('signed-in');
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
    await shootSchemes(page, 'demo-signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('genesys-chat:auth-deployment:auth'))).toBeNull();
  } finally {
    await demo.stop();
  }
});
