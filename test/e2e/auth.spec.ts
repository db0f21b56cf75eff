/**
 * Authenticated messaging in the widget, end to end in Chromium against the real emulator (issue 10): the page signs
 * the customer in at the emulator's identity provider (its real login page, code + PKCE S256 + nonce), hands the
 * code to `<genesys-chat>` with `signIn()`, chats authenticated, reloads (still signed in, same conversation), signs
 * out (nothing stored), and upgrades a conversation begun anonymously.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, type ChatPage } from './fixtures.js';

const DEPLOYMENT = 'auth-deployment';

interface ElementAuth { authState: string; signIn(code: unknown): Promise<void>; signOut(): Promise<void> }

/** The test page for the auth deployment (inline), with `extra` query parameters (the IdP's answer). */
function pageUrl(chat: ChatPage, extra = ''): string {
  const query = new URLSearchParams({ 'a-region': chat.control.url, 'a-deployment-id': DEPLOYMENT, 'a-mode': 'inline' });
  return `${chat.siteUrl}/?${query}${extra}`;
}

const authState = (page: Page): Promise<string> => page.locator('genesys-chat').evaluate((el) => (el as unknown as ElementAuth).authState);

/** What the page keeps for this deployment: the session token and the refresh token. */
const stored = (page: Page): Promise<{ token: string | null; auth: string | null }> => page.evaluate((d) => ({
  token: localStorage.getItem(`genesys-chat:${d}:token`), auth: localStorage.getItem(`genesys-chat:${d}:auth`),
}), DEPLOYMENT);

/** The emulator's conversation of this page's session token (waits until it exists), with its verified customer. */
async function conversationOf(chat: ChatPage): Promise<{ id: string; authenticated?: { sub: string } }> {
  let found: { id: string; authenticated?: { sub: string } } | undefined;
  await expect.poll(async () => {
    const { token } = await stored(chat.page);
    found = (await chat.control.conversations()).filter((c) => token && c.sessionToken === token).at(-1);
    return found !== undefined;
  }, { message: 'the page should have a conversation in the emulator' }).toBe(true);
  return found as { id: string; authenticated?: { sub: string } };
}

/**
 * The site's sign-in: the browser goes to the identity provider's login page, the customer picks `user`, the
 * provider redirects back to the page with `code` and `state`, and the page hands them to the widget.
 */
async function signInThroughIdp(chat: ChatPage, user: RegExp): Promise<void> {
  const { page } = chat;
  const codeVerifier = randomBytes(32).toString('base64url');
  const nonce = randomBytes(12).toString('hex');
  const redirectUri = pageUrl(chat);
  const params = new URLSearchParams({
    response_type: 'code', client_id: 'demo-site', redirect_uri: redirectUri, scope: 'openid profile email', state: 'e2e-state', nonce,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256',
  });
  await page.goto(`${chat.control.url}/idp/authorize?${params}`);
  await page.getByRole('button', { name: user }).click();
  await page.waitForURL(/[?&]code=/);
  const back = new URL(page.url());
  expect(back.searchParams.get('state')).toBe('e2e-state');
  const code = back.searchParams.get('code');
  await page.locator('genesys-chat').evaluate((el, auth) => (el as unknown as ElementAuth).signIn(auth),
    { code, redirectUri, codeVerifier, nonce });
  await expect.poll(() => authState(page)).toBe('signed-in');
}

test('sign in, chat authenticated, reload still signed in, sign out leaves nothing stored', async ({ chat, page }) => {
  await page.goto(pageUrl(chat));
  expect(await authState(page)).toBe('signed-out');
  await signInThroughIdp(chat, /Ada Lovelace/);
  await chat.waitForStatus('online');
  await chat.send('hello, I am signed in');
  await chat.expectEachOnceInOrder(['hello, I am signed in'], 'guest');
  const before = await stored(page);
  expect(before.token).toBeTruthy();
  expect(before.auth).toBeTruthy();
  // The JWT is never stored; the refresh token is opaque (not a JWT).
  expect(before.auth?.split('.')).toHaveLength(1);
  expect((await conversationOf(chat)).authenticated?.sub).toBe('user-ada');

  // A reload: still signed in, the same conversation and its history.
  await page.goto(pageUrl(chat));
  await chat.waitForStatus('online');
  await expect.poll(() => authState(page)).toBe('signed-in');
  expect((await stored(page)).token).toBe(before.token);
  await chat.expectEachOnceInOrder(['hello, I am signed in'], 'guest');

  // Sign out: revoked, the stored session gone, the transcript empty.
  await page.locator('genesys-chat').evaluate((el) => (el as unknown as ElementAuth).signOut());
  await expect.poll(() => authState(page)).toBe('signed-out');
  const after = await stored(page);
  expect(after.auth).toBeNull();
  expect(after.token).not.toBe(before.token);
  await expect(chat.messages('guest')).toHaveCount(0);
  const refresh = await fetch(`${chat.control.url}/api/v2/webdeployments/token/refresh`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: before.auth, deploymentId: DEPLOYMENT }),
  });
  expect(refresh.status).toBe(401);
  expect(await chat.cspViolations()).toEqual([]);
});

test('a conversation begun anonymously is upgraded on sign-in (same conversation, now verified)', async ({ chat, page }) => {
  await page.goto(pageUrl(chat));
  await chat.waitForStatus('online');
  await chat.send('asked before signing in');
  await chat.expectEachOnceInOrder(['asked before signing in'], 'guest');
  const anonymous = await conversationOf(chat);
  expect(anonymous.authenticated ?? null).toBeNull();
  const token = (await stored(page)).token;

  await signInThroughIdp(chat, /Grace Hopper/);
  await chat.waitForStatus('online');
  expect((await stored(page)).token).toBe(token);
  await chat.send('and now signed in');
  await chat.expectEachOnceInOrder(['asked before signing in', 'and now signed in'], 'guest');
  const upgraded = await conversationOf(chat);
  expect(upgraded.id).toBe(anonymous.id);
  expect(upgraded.authenticated?.sub).toBe('user-grace');
});
