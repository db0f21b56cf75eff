/**
 * Edge cases of the sign-in client (src/connection/auth.ts) that the emulator does not produce: malformed input from
 * the page, server errors, answers that are not JSON, blocked storage, and the refresh timer. The happy path and
 * Genesys' refusals are tested against the real emulator (test/integration/widget-auth.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthFailure, DeploymentAuth, authStorageKey, jwtExpiry, validAuthCode } from '../../src/connection/auth.js';
import { memoryStorage, type TokenStorage } from '../../src/session-store.js';

const jwtWith = (claims: Record<string, unknown>): string =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

function fakeFetch(answers: (url: string, init: RequestInit) => Response): { fetchImpl: typeof fetch; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answers(String(input), init ?? {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function auth(fetchImpl: typeof fetch, storage: TokenStorage = memoryStorage(), extra: Partial<ConstructorParameters<typeof DeploymentAuth>[0]> = {}) {
  return new DeploymentAuth({ deploymentId: 'd1', apiBase: () => 'http://api.test', fetchImpl, storage, ...extra });
}

const CODE = { code: 'the-code', redirectUri: 'http://127.0.0.1/cb', codeVerifier: 'v', nonce: 'n' };

afterEach(() => {
  vi.useRealTimers();
});

describe('validAuthCode', () => {
  it('refuses what is not an authorization code, with a sentence a developer can act on', () => {
    for (const bad of [null, 'code', {}, { code: 'c' }, { code: 42, redirectUri: 'x' }, { code: 'c', redirectUri: 'x', nonce: {} }]) {
      expect(() => validAuthCode(bad)).toThrow(AuthFailure);
    }
    expect(() => validAuthCode({ code: 'c' })).toThrow(/redirectUri/);
    expect(validAuthCode({ ...CODE, extra: 'dropped', maxAge: 'x' })).toEqual(CODE);
  });
});

describe('jwtExpiry', () => {
  it('reads exp (seconds) as epoch ms, and null for anything else', () => {
    expect(jwtExpiry(jwtWith({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(jwtExpiry(jwtWith({ exp: 'soon' }))).toBeNull();
    expect(jwtExpiry('not-a-jwt')).toBeNull();
    expect(jwtExpiry('a.%%%.b')).toBeNull();
  });
});

describe('DeploymentAuth', () => {
  it('sends the exchange as the spec names it and stores only the refresh token', async () => {
    const jwt = jwtWith({ exp: Math.floor(Date.now() / 1000) + 900 });
    const { fetchImpl, calls } = fakeFetch(() => json(200, { jwt, refreshToken: 'rt-1' }));
    const storage = memoryStorage();
    const a = auth(fetchImpl, storage);
    await a.exchange(CODE);
    expect(calls[0]?.url).toBe('http://api.test/api/v2/webdeployments/token/oauthcodegrantjwtexchange');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ deploymentId: 'd1', oauth: CODE });
    expect(storage.getItem(authStorageKey('d1'))).toBe('rt-1');
    expect(await a.currentJwt()).toBe(jwt); // fresh: no refresh call
    expect(calls).toHaveLength(1);
  });

  it('an answer without tokens, or not JSON, is a typed failure that stores nothing', async () => {
    for (const response of [json(200, { jwt: 'x' }), new Response('<html>', { status: 200 })]) {
      const storage = memoryStorage();
      const failure = await auth(fakeFetch(() => response).fetchImpl, storage).exchange(CODE).catch((e: unknown) => e);
      expect((failure as AuthFailure).authError.code).toBe('exchange-failed');
      expect(storage.getItem(authStorageKey('d1'))).toBeNull();
    }
  });

  it('a server error during refresh keeps the sign-in (network); a refusal ends it (refresh-failed)', async () => {
    const storage = memoryStorage();
    storage.setItem(authStorageKey('d1'), 'rt-1');
    const down = await auth(fakeFetch(() => json(503, { message: 'busy' })).fetchImpl, storage).refresh().catch((e: unknown) => e);
    expect((down as AuthFailure).authError).toEqual({ code: 'network', message: 'busy', status: 503 });
    expect(storage.getItem(authStorageKey('d1'))).toBe('rt-1');
    const refused = await auth(fakeFetch(() => json(401, { message: 'revoked' })).fetchImpl, storage).refresh().catch((e: unknown) => e);
    expect((refused as AuthFailure).authError.code).toBe('refresh-failed');
    expect(storage.getItem(authStorageKey('d1'))).toBeNull();
  });

  it('never puts a token in an error, even when the server echoes it', async () => {
    const storage = memoryStorage();
    storage.setItem(authStorageKey('d1'), 'secret-refresh-token');
    const failure = await auth(fakeFetch(() => json(400, { error: 'secret-refresh-token' })).fetchImpl, storage).refresh().catch((e: unknown) => e);
    expect(JSON.stringify((failure as AuthFailure).authError)).not.toContain('secret-refresh-token');
    expect((failure as AuthFailure).message).not.toContain('secret-refresh-token');
  });

  it('lives in memory when storage is blocked', async () => {
    const blocked: TokenStorage = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('SecurityError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    const jwt = jwtWith({ exp: Math.floor(Date.now() / 1000) + 900 });
    const a = auth(fakeFetch(() => json(200, { jwt, refreshToken: 'rt' })).fetchImpl, blocked);
    await a.exchange(CODE);
    expect(a.signedIn).toBe(true);
    expect(await a.currentJwt()).toBe(jwt);
    a.forget();
    expect(a.signedIn).toBe(false);
  });

  it('the timer refreshes before expiry, and tells when the refresh token stopped working', async () => {
    vi.useFakeTimers();
    const now = Date.now();
    const first = jwtWith({ exp: Math.floor(now / 1000) + 120 });
    const second = jwtWith({ exp: Math.floor(now / 1000) + 240 });
    let refreshes = 0;
    const { fetchImpl } = fakeFetch((url) => {
      if (url.endsWith('/oauthcodegrantjwtexchange')) return json(200, { jwt: first, refreshToken: 'rt' });
      refreshes++;
      return refreshes === 1 ? json(200, { jwt: second }) : json(401, { message: 'revoked' });
    });
    const onExpired = vi.fn();
    const a = auth(fetchImpl, memoryStorage(), { onExpired });
    await a.exchange(CODE);
    a.startTimer();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(refreshes).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000); // 60 s before exp
    expect(refreshes).toBe(1);
    expect(await a.currentJwt()).toBe(second);
    await vi.advanceTimersByTimeAsync(121_000);
    expect(refreshes).toBe(2);
    expect(onExpired).toHaveBeenCalledWith(expect.any(AuthFailure));
    expect(a.signedIn).toBe(false);
    a.stopTimer();
  });

  it('revoke sends the JWT as a Bearer and forgets the sign-in even when the server is unreachable', async () => {
    const jwt = jwtWith({ exp: Math.floor(Date.now() / 1000) + 900 });
    const storage = memoryStorage();
    let offline = false;
    const { fetchImpl, calls } = fakeFetch((url) => {
      if (offline) throw new TypeError('Failed to fetch');
      return url.endsWith('/revoke') ? new Response(null, { status: 204 }) : json(200, { jwt, refreshToken: 'rt' });
    });
    const a = auth(fetchImpl, storage);
    await a.exchange(CODE);
    await a.revoke();
    expect(calls[1]?.init).toMatchObject({ method: 'DELETE', headers: { authorization: `Bearer ${jwt}` } });
    expect(a.signedIn).toBe(false);
    await a.exchange(CODE);
    offline = true;
    await expect(a.revoke()).rejects.toBeInstanceOf(AuthFailure);
    expect(a.signedIn).toBe(false);
    expect(storage.getItem(authStorageKey('d1'))).toBeNull();
  });
});
