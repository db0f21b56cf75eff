/**
 * The Genesys token request's retry rules (server/oauth.ts OAuthClient) on fake timers: Retry-After honoured for
 * 429/503 only, backoff otherwise, boundaries of the renewal window, and what is logged. Found by mutation testing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OAuthClient } from '../../server/oauth.js';

type Answer = Response | Error;

function endpoint(answers: Answer[], lifetimeSeconds = 100) {
  const requests: { at: number; headers: Record<string, string> }[] = [];
  let issued = 0;
  const fetchImpl: typeof fetch = async (_input, init) => {
    requests.push({ at: Date.now(), headers: init?.headers as Record<string, string> });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    if (next) return next;
    issued += 1;
    return new Response(JSON.stringify({ access_token: `tok-${issued}`, expires_in: lifetimeSeconds }), { status: 200 });
  };
  return { fetchImpl, requests };
}

function recordingLog() {
  const lines: { level: string; fields: unknown; message: unknown }[] = [];
  const at = (level: string) => (fields: unknown, message?: unknown) => { lines.push({ level, fields, message }); };
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } };
}

const T0 = new Date('2030-01-01T00:00:00Z').getTime();

describe('OAuth retries on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0);
    vi.spyOn(Math, 'random').mockReturnValue(1); // backoff = its ceiling
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  for (const status of [429, 503]) {
    it(`a ${status} with Retry-After waits exactly that long, not the backoff`, async () => {
      const login = endpoint([new Response(null, { status, headers: { 'retry-after': '30' } })]);
      const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
      const token = oauth.getToken();
      await vi.advanceTimersByTimeAsync(29_999);
      expect(login.requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(await token).toBe('tok-1');
      expect(login.requests.map((r) => r.at - T0)).toEqual([0, 30_000]);
    });
  }

  it('a 500 with Retry-After backs off instead (only 429 and 503 carry a meaningful Retry-After)', async () => {
    const login = endpoint([new Response(null, { status: 500, headers: { 'retry-after': '30' } })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const token = oauth.getToken();
    await vi.advanceTimersByTimeAsync(100);
    expect(await token).toBe('tok-1');
    expect(login.requests.map((r) => r.at - T0)).toEqual([0, 100]);
  });

  it('a 429 or 503 without Retry-After backs off', async () => {
    const login = endpoint([new Response(null, { status: 503 }), new Response(null, { status: 429 })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const token = oauth.getToken();
    await vi.advanceTimersByTimeAsync(300);
    expect(await token).toBe('tok-1');
    expect(login.requests.map((r) => r.at - T0)).toEqual([0, 100, 300]);
  });

  it('backoff doubles per attempt from the base: 100, 200, 400 ms', async () => {
    const login = endpoint([new TypeError('fetch failed'), new Response('', { status: 502 }), new Response('', { status: 504 })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const token = oauth.getToken();
    await vi.advanceTimersByTimeAsync(700);
    expect(await token).toBe('tok-1');
    expect(login.requests.map((r) => r.at - T0)).toEqual([0, 100, 300, 700]);
  });

  it('a Retry-After equal to the policy maximum is still waited out; one over it fails at once', async () => {
    const login = endpoint([new Response(null, { status: 429, headers: { 'retry-after': '60' } })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { maxRetryAfterMs: 60_000 } });
    const token = oauth.getToken();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await token).toBe('tok-1');
    const over = endpoint([new Response(null, { status: 429, headers: { 'retry-after': '61' } })]);
    const refused = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: over.fetchImpl, retry: { maxRetryAfterMs: 60_000 } });
    await expect(refused.getToken()).rejects.toMatchObject({ status: 429, message: 'token request answered 429' });
  });

  it('the renewal window is half-open: at renewAt exactly it renews; at expiry minus 1 s exactly the caller waits', async () => {
    const login = endpoint([]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', renewAheadMs: 20_000, fetchImpl: login.fetchImpl });
    await oauth.getToken();
    vi.setSystemTime(T0 + 80_000);
    expect(await oauth.getToken()).toBe('tok-1');
    expect(login.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(0);

    const later = endpoint([]);
    const other = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', renewAheadMs: 20_000, fetchImpl: later.fetchImpl });
    vi.setSystemTime(T0);
    await other.getToken();
    vi.setSystemTime(T0 + 99_000);
    expect(await other.getToken()).toBe('tok-2');
  });

  it('logs each failed attempt with its number and status, and the token obtained, never the token', async () => {
    const { lines, log } = recordingLog();
    const login = endpoint([new TypeError('fetch failed'), new Response(null, { status: 503 })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, log, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const token = oauth.getToken();
    await vi.advanceTimersByTimeAsync(50);
    await token;
    expect(lines).toEqual([
      { level: 'warn', fields: { attempt: 1 }, message: 'token request failed: TypeError' },
      { level: 'warn', fields: { status: 503, attempt: 2 }, message: 'Genesys token request refused' },
      { level: 'info', fields: { expiresIn: 100 }, message: 'Genesys access token obtained' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('tok-1');
  });
});

describe('OAuth request details', () => {
  it('asks for JSON', async () => {
    const login = endpoint([]);
    await new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl }).getToken();
    expect(login.requests[0]!.headers.accept).toBe('application/json');
  });

  it('a refused answer without a body is retried like any other', async () => {
    const login = endpoint([new Response(null, { status: 502 })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    expect(await oauth.getToken()).toBe('tok-1');
  });

  it('a token answer that is not one names what is missing', async () => {
    const login = endpoint([new Response('{"token":"x"}', { status: 200 })]);
    await expect(new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl }).getToken())
      .rejects.toThrow('token response without access_token/expires_in');
  });

  it('invalidate before any token is harmless; with no attempts allowed the request fails plainly', async () => {
    const login = endpoint([]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl, retry: { maxAttempts: 0 } });
    expect(() => oauth.invalidate('anything')).not.toThrow();
    await expect(oauth.getToken()).rejects.toMatchObject({ name: 'UpstreamError', status: 0, message: 'token request failed' });
    expect(login.requests).toHaveLength(0);
  });
});
