/**
 * Authenticated messaging, emulator side, in real Chromium: a person signs in at the emulator's identity provider
 * (login page of test users), the site exchanges the code, a guest socket configures an authenticated session, and
 * the desk shows the verified customer with a shield. Screenshots (360 and 1280 px, light and dark) go to
 * test-results/screens/; axe-core finds no serious or critical violation on either page.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { startEmulator } from '../../emulator/index.js';
import { GuestClient } from '../../emulator/testing/guest-client.js';
import { seriousViolations } from './axe.js';
import { shootSchemes } from './screens.js';

const REDIRECT = 'http://127.0.0.1:5173/signed-in';

// The pages under test send a strict CSP; bypass it only so axe-core can be injected.
test.use({ bypassCSP: true });


test('sign in at the emulator\'s identity provider, chat authenticated, and the desk shows the verified customer', async ({ page }) => {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
  try {
    const verifier = randomBytes(32).toString('base64url');
    const nonce = randomUUID();
    const params = new URLSearchParams({
      response_type: 'code', client_id: 'demo-site', redirect_uri: REDIRECT, scope: 'openid profile email', state: 'e2e', nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    });
    // The site's callback page: only its URL matters here.
    await page.route(`${REDIRECT}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Signed in</title>' }));
    await page.goto(`${emulator.url}/idp/authorize?${params}`);
    await expect(page.getByRole('heading', { name: 'Sign in to the demo website' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shootSchemes(page, 'idp-login', { fullPage: true });
    await page.getByRole('button', { name: /Ada Lovelace/ }).click();
    await page.waitForURL(`${REDIRECT}**`);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('state')).toBe('e2e');
    const code = callback.searchParams.get('code') ?? '';

    const exchange = await fetch(`${emulator.url}/api/v2/webdeployments/token/oauthcodegrantjwtexchange`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deploymentId: 'auth-deployment', oauth: { code, redirectUri: REDIRECT, codeVerifier: verifier, nonce } }),
    });
    expect(exchange.status).toBe(200);
    const { jwt } = (await exchange.json()) as { jwt: string };

    const guest = await GuestClient.connect(emulator.url, { deploymentId: 'auth-deployment' });
    try {
      await guest.request({ action: 'configureSession', deploymentId: 'auth-deployment' });
      await guest.say('asked before signing in');
      const upgraded = await guest.request({ action: 'configureAuthenticatedSession', deploymentId: 'auth-deployment', data: { code: jwt } });
      expect(upgraded.class).toBe('SessionResponse');
      await guest.say('asked after signing in');

      await page.goto(`${emulator.url}/desk`);
      const item = page.locator('button.conversation', { hasText: 'asked after signing in' });
      await expect(item).toContainText('Verified');
      await item.click();
      await expect(page.getByTestId('verified-customer')).toContainText('Ada Lovelace <ada@example.com> (sub user-ada)');
      const transcript = page.locator('desk-transcript');
      await expect(transcript.locator('[data-verified="true"]', { hasText: 'asked after signing in' })).toBeVisible();
      await expect(transcript.locator('[data-verified="false"]', { hasText: 'asked before signing in' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await shootSchemes(page, 'desk-verified', { fullPage: true });
    } finally {
      guest.close();
    }
  } finally {
    await emulator.close();
  }
});
