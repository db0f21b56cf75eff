/**
 * Authenticated Web Messaging against the emulator (web-messaging.md §2.8; issue 10), every step and error:
 * the site's OpenID Connect sign-in (authorization code + PKCE S256 + nonce) at the emulator's identity provider,
 * Genesys' `oauthcodegrantjwtexchange` / `refresh` / `revoke`, `configureAuthenticatedSession` with `data.code`
 * (the deployment JWT, as the Messenger transport sends it), the 401/403 answers, upgrade of an anonymous session,
 * no downgrade (4017), sign-out (LogoutEvent), and one conversation across a customer's devices.
 */
import { randomBytes, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { startEmulator } from '../../emulator/index.js';
import type { GuestClient } from '../../emulator/testing/guest-client.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ host: '127.0.0.1' });
const AUTH = 'auth-deployment';
const STRICT = 'auth-strict-deployment';
const REDIRECT = 'http://127.0.0.1:5173/signed-in';
const TOKEN_BASE = '/api/v2/webdeployments/token';

interface Pkce { verifier: string; challenge: string }
const pkce = (): Pkce => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeParams(p: Pkce, nonce: string, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code', client_id: 'demo-site', redirect_uri: REDIRECT, scope: 'openid profile email', state: 'st-1', nonce,
    code_challenge: p.challenge, code_challenge_method: 'S256', ...extra,
  });
}

/** Signs `sub` in at the identity provider the way a browser would (login page, then the form post); returns the code. */
async function signInAtIdp(base: string, p: Pkce, nonce: string, sub = 'user-ada'): Promise<string> {
  const params = authorizeParams(p, nonce);
  const loginPage = await fetch(`${base}/idp/authorize?${params}`);
  expect(loginPage.status).toBe(200);
  expect(await loginPage.text()).toContain('Ada Lovelace');
  params.set('sub', sub);
  const posted = await fetch(`${base}/idp/authorize`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString(),
  });
  expect(posted.status).toBe(302);
  const location = new URL(posted.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('st-1');
  return location.searchParams.get('code') ?? '';
}

async function exchange(base: string, body: unknown): Promise<Response> {
  return fetch(`${base}${TOKEN_BASE}/oauthcodegrantjwtexchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A full sign-in: the JWT and refresh token Genesys hands the site. */
async function signIn(base = emu.url, sub = 'user-ada', deploymentId = AUTH): Promise<{ jwt: string; refreshToken: string }> {
  const p = pkce();
  const nonce = randomBytes(8).toString('hex');
  const code = await signInAtIdp(base, p, nonce, sub);
  const response = await exchange(base, { deploymentId, oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier, nonce } });
  expect(response.status).toBe(200);
  return (await response.json()) as { jwt: string; refreshToken: string };
}

function configureAuthenticated(guest: GuestClient, jwt: string, deploymentId = AUTH, extra: Record<string, unknown> = {}) {
  return guest.request({ action: 'configureAuthenticatedSession', deploymentId, data: { code: jwt }, ...extra });
}

const isOutboundText = (text: string) => (f: { class: string; body: unknown }) => f.class === 'StructuredMessage'
  && (f.body as StructuredMessageBody).direction === 'Outbound' && (f.body as StructuredMessageBody).text === text;

describe('the identity provider (OpenID Connect, code + PKCE + nonce)', () => {
  it('publishes its configuration and refuses unknown clients or redirect URIs on the page, never by redirect', async () => {
    const discovery = (await (await fetch(`${emu.url}/idp/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: `${emu.url}/idp`, code_challenge_methods_supported: ['S256'], response_types_supported: ['code'] });
    const p = pkce();
    const unknownClient = await fetch(`${emu.url}/idp/authorize?${authorizeParams(p, 'n', { client_id: 'nobody' })}`, { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
    expect(await unknownClient.text()).toContain('Unknown client_id');
    const foreign = await fetch(`${emu.url}/idp/authorize?${authorizeParams(p, 'n', { redirect_uri: 'https://evil.example/cb' })}`, { redirect: 'manual' });
    expect(foreign.status).toBe(400);
    const badType = await fetch(`${emu.url}/idp/authorize?${authorizeParams(p, 'n', { response_type: 'token' })}`, { redirect: 'manual' });
    expect(badType.status).toBe(302);
    expect(new URL(badType.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('serves the login page under a strict CSP with every value escaped', async () => {
    const page = await fetch(`${emu.url}/idp/authorize?${authorizeParams(pkce(), 'n', { state: '"><script>alert(1)</script>' })}`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('the token endpoint gives an ID token carrying the nonce, once per code, only with the right verifier', async () => {
    const p = pkce();
    const code = await signInAtIdp(emu.url, p, 'nonce-42');
    const token = (body: Record<string, string>) => fetch(`${emu.url}/idp/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'demo-site', redirect_uri: REDIRECT, code, ...body }).toString(),
    });
    const wrong = await token({ code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    // A failed redemption used the code up (a code is single use whatever happens).
    const again = await token({ code_verifier: p.verifier });
    expect(again.status).toBe(400);

    const p2 = pkce();
    const code2 = await signInAtIdp(emu.url, p2, 'nonce-43');
    const ok = await fetch(`${emu.url}/idp/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'demo-site', redirect_uri: REDIRECT, code: code2, code_verifier: p2.verifier }).toString(),
    });
    expect(ok.status).toBe(200);
    const { id_token: idToken } = (await ok.json()) as { id_token: string };
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: 'user-ada', nonce: 'nonce-43', aud: 'demo-site', email: 'ada@example.com' });
  });
});

describe('Genesys: oauthcodegrantjwtexchange, refresh, revoke', () => {
  it('exchanges a code for a JWT and a refresh token, checking redirect URI, verifier, nonce and deployment', async () => {
    const cases: [string, (code: string, p: Pkce) => Record<string, unknown>, number, RegExp][] = [
      ['another redirect URI', (code, p) => ({ deploymentId: AUTH, oauth: { code, redirectUri: 'http://127.0.0.1:5173/other', codeVerifier: p.verifier, nonce: 'n1' } }), 400, /redirect_uri/],
      ['a wrong verifier', (code) => ({ deploymentId: AUTH, oauth: { code, redirectUri: REDIRECT, codeVerifier: pkce().verifier, nonce: 'n1' } }), 400, /code_verifier/],
      ['a wrong nonce', (code, p) => ({ deploymentId: AUTH, oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier, nonce: 'other' } }), 400, /nonce/],
      ['no nonce', (code, p) => ({ deploymentId: AUTH, oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier } }), 400, /nonce/],
      ['a deployment without authentication', (code, p) => ({ deploymentId: 'demo-deployment', oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier, nonce: 'n1' } }), 400, /authentication enabled/],
      ['an unknown deployment', (code, p) => ({ deploymentId: 'nope', oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier, nonce: 'n1' } }), 404, /not found/],
      ['no oauth', () => ({ deploymentId: AUTH }), 400, /oauth is required/],
    ];
    for (const [what, body, status, message] of cases) {
      const p = pkce();
      const code = await signInAtIdp(emu.url, p, 'n1');
      const response = await exchange(emu.url, body(code, p));
      expect(response.status, what).toBe(status);
      expect(((await response.json()) as { message: string }).message, what).toMatch(message);
    }
    const p = pkce();
    const code = await signInAtIdp(emu.url, p, 'n1');
    const first = await exchange(emu.url, { deploymentId: AUTH, oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier, nonce: 'n1' } });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), refreshToken: expect.any(String) });
    const replay = await exchange(emu.url, { deploymentId: AUTH, oauth: { code, redirectUri: REDIRECT, codeVerifier: p.verifier, nonce: 'n1' } });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { message: string }).message).toMatch(/already used/);
  });

  it('refreshes with the refresh token of the same deployment only', async () => {
    const { refreshToken } = await signIn();
    const refresh = (body: unknown) => fetch(`${emu.url}${TOKEN_BASE}/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await refresh({ refreshToken, deploymentId: AUTH });
    expect(ok.status).toBe(200);
    const { jwt } = (await ok.json()) as { jwt: string };
    const guest = await emu.guest({ deploymentId: AUTH });
    expect((await configureAuthenticated(guest, jwt)).class).toBe('SessionResponse');
    expect((await refresh({ refreshToken: 'forged', deploymentId: AUTH })).status).toBe(401);
    expect((await refresh({ refreshToken, deploymentId: STRICT })).status).toBe(400);
    expect((await refresh({})).status).toBe(400);
  });

  it('revoke signs out: every session of that sign-in gets LogoutEvent; the JWT and refresh token stop working', async () => {
    const { jwt, refreshToken } = await signIn();
    const guest = await emu.guest({ deploymentId: AUTH });
    await configureAuthenticated(guest, jwt);
    expect((await fetch(`${emu.url}${TOKEN_BASE}/revoke`, { method: 'DELETE' })).status).toBe(401);
    const revoked = await fetch(`${emu.url}${TOKEN_BASE}/revoke`, { method: 'DELETE', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' } });
    expect(revoked.status).toBe(204);
    await guest.next((f) => f.class === 'LogoutEvent');
    const after = await configureAuthenticated(guest, jwt);
    expect(after).toMatchObject({ class: 'string', code: 403, body: 'Session authentication failed' });
    const refresh = await fetch(`${emu.url}${TOKEN_BASE}/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken, deploymentId: AUTH }) });
    expect(refresh.status).toBe(401);
  });
});

describe('configureAuthenticatedSession', () => {
  it('starts an authenticated session; messages reach a conversation marked with the verified customer', async () => {
    const { jwt } = await signIn();
    const guest = await emu.guest({ deploymentId: AUTH });
    const response = await configureAuthenticated(guest, jwt);
    expect(response).toMatchObject({ class: 'SessionResponse', code: 200, body: { connected: true } });
    await guest.say('signed-in hello');
    const conversation = emu.ctx.world.conversations().find((c) => c.messages.some((m) => m.text === 'signed-in hello'));
    expect(conversation?.authenticated).toMatchObject({ sub: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' });
    const control = (await (await fetch(`${emu.url}/emulator/conversations/${conversation?.id}`)).json()) as { authenticated: { sub: string } };
    expect(control.authenticated.sub).toBe('user-ada');
    const config = (await (await fetch(`${emu.url}/webdeployments/v1/deployments/${AUTH}/config.json`)).json()) as { auth: unknown };
    expect(config.auth).toEqual({ enabled: true, allowSessionUpgrade: true });
  });

  it('answers 403 "Session authentication failed" for a forged JWT or another deployment\'s, 4020 without data.code, 4000 where auth is off', async () => {
    const guest = await emu.guest({ deploymentId: AUTH });
    expect(await configureAuthenticated(guest, 'a.b.c')).toMatchObject({ class: 'string', code: 403, body: 'Session authentication failed' });
    const { jwt: strictJwt } = await signIn(emu.url, 'user-ada', STRICT);
    expect(await configureAuthenticated(guest, strictJwt)).toMatchObject({ code: 403, body: 'Session authentication failed' });
    expect(await guest.request({ action: 'configureAuthenticatedSession', deploymentId: AUTH, data: {} })).toMatchObject({ code: 4020 });
    const plain = await emu.guest({ deploymentId: 'demo-deployment' });
    const { jwt } = await signIn();
    expect(await configureAuthenticated(plain, jwt, 'demo-deployment')).toMatchObject({ class: 'string', code: 4000 });
  });

  it('answers 401 for an expired JWT, so the client refreshes and retries', async () => {
    const shortLived = await startEmulator({ port: 0, host: '127.0.0.1', authJwtLifetimeSeconds: 0 });
    try {
      const { jwt, refreshToken } = await signIn(shortLived.url);
      const { GuestClient: Client } = await import('../../emulator/testing/guest-client.js');
      const guest = await Client.connect(shortLived.url, { deploymentId: AUTH });
      try {
        expect(await configureAuthenticated(guest, jwt)).toMatchObject({ class: 'string', code: 401 });
        const refreshed = await fetch(`${shortLived.url}${TOKEN_BASE}/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken, deploymentId: AUTH }) });
        expect(refreshed.status).toBe(200);
      } finally {
        guest.close();
      }
    } finally {
      await shortLived.close();
    }
  });

  it('upgrades an anonymous session when the deployment allows it (same conversation), and never downgrades (4017)', async () => {
    const guest = await emu.guest({ deploymentId: AUTH });
    await guest.request({ action: 'configureSession', deploymentId: AUTH });
    await guest.say('anonymous first');
    const before = emu.conversationOf(guest);
    expect(before?.authenticated).toBeUndefined();
    const { jwt } = await signIn(emu.url, 'user-grace');
    const upgraded = await configureAuthenticated(guest, jwt);
    expect(upgraded).toMatchObject({ class: 'SessionResponse', body: { connected: true, newSession: false } });
    const after = emu.conversationOf(guest);
    expect(after?.id).toBe(before?.id);
    expect(after?.authenticated).toMatchObject({ sub: 'user-grace' });
    expect(after?.messages.map((m) => m.text)).toContain('anonymous first');
    const downgrade = await guest.request({ action: 'configureSession', deploymentId: AUTH });
    expect(downgrade).toMatchObject({ class: 'string', code: 4017 });
  });

  it('where sign-in is required without upgrade: anonymous messages get 403 "Try authenticate again" and the upgrade 403', async () => {
    const guest = await emu.guest({ deploymentId: STRICT });
    expect((await guest.request({ action: 'configureSession', deploymentId: STRICT })).class).toBe('SessionResponse');
    const refused = await guest.request({ action: 'onMessage', message: { type: 'Text', text: 'let me in' } });
    expect(refused).toMatchObject({ class: 'string', code: 403, body: 'Try authenticate again' });
    const { jwt } = await signIn(emu.url, 'user-ada', STRICT);
    const upgrade = await configureAuthenticated(guest, jwt, STRICT);
    expect(upgrade).toMatchObject({ class: 'string', code: 403 });
    expect(String(upgrade.body)).toMatch(/^Session authentication failed/);
    const fresh = await emu.guest({ deploymentId: STRICT });
    expect((await configureAuthenticated(fresh, jwt, STRICT)).class).toBe('SessionResponse');
    expect((await fresh.say('now signed in')).class).toBe('StructuredMessage');
  });

  it('one customer on two devices: the same conversation, both see agent replies, history has both devices\' messages', async () => {
    const first = await signIn(emu.url, 'user-ada', STRICT);
    const phone = await emu.guest({ deploymentId: STRICT });
    await configureAuthenticated(phone, first.jwt, STRICT);
    await phone.say('from my phone');
    const second = await signIn(emu.url, 'user-ada', STRICT);
    const laptop = await emu.guest({ deploymentId: STRICT });
    const joined = await configureAuthenticated(laptop, second.jwt, STRICT);
    expect(joined).toMatchObject({ class: 'SessionResponse', body: { newSession: false } });
    // The laptop's token joined the conversation the customer already has: no conversation of its own.
    expect(emu.conversationOf(laptop)).toBeUndefined();
    const conversation = emu.ctx.world.conversations().find((c) => c.messages.some((m) => m.text === 'from my phone'));
    if (!conversation) throw new Error('no conversation');
    await laptop.say('from my laptop');
    await phone.next((f) => f.class === 'StructuredMessage' && (f.body as StructuredMessageBody).text === 'from my laptop');
    await fetch(`${emu.url}/emulator/conversations/${conversation.id}/agent/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hello on both' }),
    });
    await phone.next(isOutboundText('hello on both'));
    await laptop.next(isOutboundText('hello on both'));
    const jwtFrame = await laptop.request({ action: 'getJwt' });
    const history = await fetch(`${emu.url}/api/v2/webmessaging/messages?pageSize=25&pageNumber=1`, {
      headers: { authorization: `Bearer ${(jwtFrame.body as { jwt: string }).jwt}`, origin: 'http://127.0.0.1:5173' },
    });
    const texts = ((await history.json()) as { entities: { text?: string }[] }).entities.map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['from my phone', 'from my laptop', 'hello on both']));
  });
});
