/**
 * The widget's side of authenticated Web Messaging (web-messaging.md §2.8; issue 10) against the real emulator:
 * the direct transport redeems the page's code, configures an authenticated session, survives a reload (refresh
 * token), refreshes an expired JWT and sends again, upgrades an anonymous conversation, reports refusals (403,
 * refresh refused, "Try authenticate again") and signs out (revoke, nothing stored).
 */
import { createHash, randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthCode, AuthEventDetail } from '../../src/model.js';
import { AuthFailure, authStorageKey } from '../../src/connection/auth.js';
import { directTokenKey, memoryStorage, type TokenStorage } from '../../src/session-store.js';
import type { TransportEvent } from '../../src/transports/transport.js';
import { WebMessagingTransport, type WebMessagingTransportOptions } from '../../src/transports/web-messaging.js';
import { startEmulator } from '../../emulator/index.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ host: '127.0.0.1' });
const AUTH = 'auth-deployment';
const STRICT = 'auth-strict-deployment';
const REDIRECT = 'http://127.0.0.1:5173/signed-in';

/** The page's sign-in at the emulator's identity provider (PKCE S256 + nonce), as a browser would do it. */
async function pageSignIn(base: string, sub = 'user-ada'): Promise<AuthCode> {
  const codeVerifier = randomBytes(32).toString('base64url');
  const nonce = randomBytes(8).toString('hex');
  const params = new URLSearchParams({
    response_type: 'code', client_id: 'demo-site', redirect_uri: REDIRECT, scope: 'openid profile email', state: 's', nonce,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256', sub,
  });
  const posted = await fetch(`${base}/idp/authorize`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString(),
  });
  const code = new URL(posted.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error('no code from the identity provider');
  return { code, redirectUri: REDIRECT, codeVerifier, nonce };
}

interface Harness { transport: WebMessagingTransport; events: TransportEvent[]; auth: () => AuthEventDetail[]; storage: TokenStorage }

/** A browser's socket: Node's `ws` with the page's Origin (the deployment's allowed domains are checked). */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: 'http://127.0.0.1:5173' });
  }
}

const transports: WebMessagingTransport[] = [];
afterEach(() => {
  for (const t of transports.splice(0)) t.disconnect();
});

function widget(base: string, deploymentId = AUTH, storage: TokenStorage = memoryStorage(), extra: Partial<WebMessagingTransportOptions> = {}): Harness {
  const logged: unknown[] = [];
  const transport = new WebMessagingTransport({
    region: base, deploymentId, storage, WebSocketImpl: PageWebSocket as unknown as typeof globalThis.WebSocket,
    logger: { warn: (...a: unknown[]) => logged.push(a), debug: () => {} }, ...extra,
  });
  transports.push(transport);
  const events: TransportEvent[] = [];
  transport.onEvent((e) => events.push(e));
  const auth = () => events.flatMap((e) => (e.type === 'auth' ? [e.auth] : []));
  return { transport, events, auth, storage };
}

interface ControlConversation { id: string; sessionToken?: string; authenticated?: { sub: string }; messages?: { text?: string; direction?: string }[] }
async function conversationOf(base: string, token: string | null): Promise<ControlConversation | undefined> {
  const list = (await (await fetch(`${base}/emulator/conversations`)).json()) as ControlConversation[] | { conversations: ControlConversation[] };
  const all = Array.isArray(list) ? list : list.conversations;
  return all.find((c) => token !== null && c.sessionToken === token);
}

const waitFor = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('the widget signs in (direct transport, real emulator)', () => {
  it('redeems the code, configures an authenticated session, keeps only the refresh token, and a reload stays signed in', async () => {
    const w = widget(emu.url);
    await w.transport.signIn(await pageSignIn(emu.url));
    const refreshToken = w.storage.getItem(authStorageKey(AUTH));
    expect(refreshToken).toBeTruthy();
    await w.transport.connect();
    expect(w.auth().map((a) => a.state)).toEqual(['signing-in', 'signed-in']);
    w.transport.sendMessage({ id: 'm-1', text: 'hello from Ada' });
    const token = w.storage.getItem(directTokenKey(AUTH));
    await waitFor(() => w.events.some((e) => e.type === 'messages' && e.messages.some((m) => m.text === 'hello from Ada')), 'the echo');
    const conversation = await conversationOf(emu.url, token);
    expect(conversation?.authenticated?.sub).toBe('user-ada');
    // Nothing in storage is the JWT: only the session token and the refresh token.
    for (const key of [directTokenKey(AUTH), authStorageKey(AUTH)]) expect(w.storage.getItem(key)?.split('.').length).toBe(1);
    w.transport.disconnect();

    // A reload: a new transport on the same storage refreshes the JWT and resumes the same conversation.
    const reloaded = widget(emu.url, AUTH, w.storage);
    await reloaded.transport.connect();
    const session = reloaded.events.find((e) => e.type === 'session');
    expect(session?.type === 'session' && session.session.resumed).toBe(true);
    expect(reloaded.auth().map((a) => a.state)).toEqual(['signed-in']);
    expect(reloaded.storage.getItem(directTokenKey(AUTH))).toBe(token);
  });

  it('signs out: revokes the sign-in at Genesys, forgets the stored session and empties the transcript', async () => {
    const w = widget(emu.url);
    await w.transport.signIn(await pageSignIn(emu.url));
    await w.transport.connect();
    const refreshToken = w.storage.getItem(authStorageKey(AUTH));
    await w.transport.signOut();
    expect(w.storage.getItem(authStorageKey(AUTH))).toBeNull();
    expect(w.storage.getItem(directTokenKey(AUTH))).toBeNull();
    expect(w.auth().at(-1)).toEqual({ state: 'signed-out' });
    expect(w.events.map((e) => e.type).slice(-2)).toEqual(['cleared', 'closed']);
    // The refresh token no longer works at Genesys.
    const refresh = await fetch(`${emu.url}/api/v2/webdeployments/token/refresh`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken, deploymentId: AUTH }),
    });
    expect(refresh.status).toBe(401);
  });

  it('upgrades an anonymous conversation in place when the deployment allows it', async () => {
    const w = widget(emu.url);
    await w.transport.connect();
    const token = w.storage.getItem(directTokenKey(AUTH));
    w.transport.sendMessage({ id: 'anon-1', text: 'before signing in' });
    await waitFor(() => w.events.some((e) => e.type === 'messages' && e.messages.some((m) => m.id === 'anon-1')), 'the echo');
    await w.transport.signIn(await pageSignIn(emu.url, 'user-grace'));
    expect(w.auth().at(-1)?.state).toBe('signed-in');
    expect(w.storage.getItem(directTokenKey(AUTH))).toBe(token); // same session, same conversation
    expect(w.events.some((e) => e.type === 'closed' || e.type === 'cleared')).toBe(false);
    expect((await conversationOf(emu.url, token))?.authenticated?.sub).toBe('user-grace');
  });

  it('starts a new authenticated session where the deployment does not allow upgrades', async () => {
    const w = widget(emu.url, STRICT);
    await w.transport.connect();
    const anonymous = w.storage.getItem(directTokenKey(STRICT));
    // An anonymous message is refused until the customer signs in ("Try authenticate again").
    w.transport.sendMessage({ id: 'anon-2', text: 'hi' });
    await waitFor(() => w.auth().some((a) => a.error?.code === 'auth-required'), 'auth-required');
    expect(w.auth().find((a) => a.error)?.state).toBe('signed-out');
    await w.transport.signIn(await pageSignIn(emu.url));
    expect(w.events.at(-1)).toEqual({ type: 'closed', reconnect: true });
    await w.transport.connect();
    const token = w.storage.getItem(directTokenKey(STRICT));
    expect(token).not.toBe(anonymous);
    expect(w.auth().at(-1)?.state).toBe('signed-in');
    expect((await conversationOf(emu.url, token))?.authenticated?.sub).toBe('user-ada');
  });

  it('a refused code fails with a typed error and stores nothing', async () => {
    const w = widget(emu.url);
    const code = await pageSignIn(emu.url);
    const failure = await w.transport.signIn({ ...code, nonce: 'not-the-nonce' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect((failure as AuthFailure).authError).toMatchObject({ code: 'exchange-failed', status: 400 });
    expect(w.auth().at(-1)).toMatchObject({ state: 'failed', error: { code: 'exchange-failed' } });
    expect(w.storage.getItem(authStorageKey(AUTH))).toBeNull();
    // The failure never carries the code itself.
    expect(JSON.stringify(w.auth())).not.toContain(code.code);
  });

  it('a revoked JWT gets 403 "Session authentication failed": state failed, the sign-in forgotten, anonymous again', async () => {
    const w = widget(emu.url);
    await w.transport.signIn(await pageSignIn(emu.url));
    // Another device signs the customer out while this page still holds a JWT.
    const refreshToken = w.storage.getItem(authStorageKey(AUTH));
    const { jwt } = (await (await fetch(`${emu.url}/api/v2/webdeployments/token/refresh`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken, deploymentId: AUTH }),
    })).json()) as { jwt: string };
    const revoked = await fetch(`${emu.url}/api/v2/webdeployments/token/revoke`, { method: 'DELETE', headers: { authorization: `Bearer ${jwt}` } });
    expect(revoked.status).toBe(204);
    const failure = await w.transport.connect().catch((e: unknown) => e);
    expect((failure as AuthFailure).authError).toMatchObject({ code: 'auth-failed', status: 403 });
    expect(w.auth().at(-1)).toMatchObject({ state: 'failed', error: { code: 'auth-failed', message: expect.stringMatching(/Session authentication failed/) } });
    expect(w.storage.getItem(authStorageKey(AUTH))).toBeNull();
    expect(w.events.at(-1)).toMatchObject({ type: 'closed', reconnect: true });
    // The controller reconnects: anonymous now, on a new token.
    await w.transport.connect();
    expect(w.events.filter((e) => e.type === 'session')).toHaveLength(1);
  });

  it('a refresh token refused on reload signs the customer out and continues anonymously', async () => {
    const w = widget(emu.url);
    await w.transport.signIn(await pageSignIn(emu.url));
    await w.transport.connect();
    const oldToken = w.storage.getItem(directTokenKey(AUTH));
    w.transport.disconnect();
    w.storage.setItem(authStorageKey(AUTH), 'a-refresh-token-genesys-does-not-know');
    const reloaded = widget(emu.url, AUTH, w.storage);
    await reloaded.transport.connect();
    expect(reloaded.auth()).toMatchObject([{ state: 'signed-out', error: { code: 'refresh-failed', status: 401 } }]);
    expect(reloaded.storage.getItem(directTokenKey(AUTH))).not.toBe(oldToken);
    expect(reloaded.events.some((e) => e.type === 'session')).toBe(true);
  });

  it('a stored authenticated session without its sign-in (4017 on configureSession) is left for a new anonymous one', async () => {
    const w = widget(emu.url);
    await w.transport.signIn(await pageSignIn(emu.url));
    await w.transport.connect();
    const token = w.storage.getItem(directTokenKey(AUTH));
    w.transport.disconnect();
    w.storage.removeItem(authStorageKey(AUTH)); // e.g. the site cleared its own storage, not ours
    const reloaded = widget(emu.url, AUTH, w.storage);
    const failure = await reloaded.transport.connect().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'unauthorized', detail: { code: 4017 } });
    expect(reloaded.events.at(-1)).toMatchObject({ type: 'closed', reconnect: true });
    await reloaded.transport.connect();
    expect(reloaded.storage.getItem(directTokenKey(AUTH))).not.toBe(token);
    expect(reloaded.events.filter((e) => e.type === 'session')).toHaveLength(1);
  });

  it('a LogoutEvent (signed out on another device) ends the sign-in here too', async () => {
    const w = widget(emu.url);
    await w.transport.signIn(await pageSignIn(emu.url));
    await w.transport.connect();
    const other = widget(emu.url, AUTH, w.storage);
    await other.transport.signOut(); // the same sign-in, revoked from elsewhere
    await waitFor(() => w.auth().at(-1)?.state === 'signed-out', 'the LogoutEvent');
    expect(w.events.map((e) => e.type)).toEqual(expect.arrayContaining(['cleared', 'closed']));
  });
});

describe('an expired JWT', () => {
  it('is refreshed and configureAuthenticatedSession sent once more (401 "Authentication token expired")', async () => {
    const short = await startEmulator({ port: 0, host: '127.0.0.1', authJwtLifetimeSeconds: 1 });
    try {
      // The page's clock runs 60 s behind: it believes the JWT is still good, Genesys says expired.
      const w = widget(short.url, AUTH, memoryStorage(), { authRefreshMarginMs: -60_000 });
      await w.transport.signIn(await pageSignIn(short.url));
      await new Promise((r) => setTimeout(r, 2_100));
      await w.transport.connect();
      expect(w.auth().at(-1)?.state).toBe('signed-in');
      const token = w.storage.getItem(directTokenKey(AUTH));
      await waitFor(() => w.events.some((e) => e.type === 'session'), 'session');
      expect(token).toBeTruthy();
    } finally {
      for (const t of transports.splice(0)) t.disconnect();
      await short.close();
    }
  });
});
