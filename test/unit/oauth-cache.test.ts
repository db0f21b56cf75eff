/**
 * The Genesys token cache (server/oauth.ts) on a controlled clock: renewal happens *before* expiry (while the old
 * token is still handed out), concurrent callers share one request, failures never leak the secret.
 * A fake token endpoint stands in for Genesys (edge cases); test/integration/server-oauth.test.ts uses the emulator.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RENEW_AHEAD_MS, errorName, OAuthClient } from '../../server/oauth.js';

type Answer = Response | Error | (() => Promise<Response>);

/** A token endpoint: answers in order, then `tok-N` tokens of `lifetimeSeconds`. Records each request. */
function tokenEndpoint(lifetimeSeconds: number, answers: Answer[] = []) {
  const requests: { url: string; init: RequestInit | undefined; at: number }[] = [];
  let issued = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    requests.push({ url: String(input), init, at: Date.now() });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next();
    if (next) return next;
    issued += 1;
    return new Response(JSON.stringify({ access_token: `tok-${issued}`, token_type: 'bearer', expires_in: lifetimeSeconds }), { status: 200 });
  };
  return { fetchImpl, requests };
}

const T0 = new Date('2030-01-01T00:00:00Z').getTime();
const at = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);
/** Lets a background renewal (a few awaits on an instant fake fetch) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe('OAuth token cache: renewal before expiry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renews renewAheadMs before expiry, handing out the old token meanwhile; never waits for Genesys while it is valid', async () => {
    const login = tokenEndpoint(100);
    const oauth = new OAuthClient({ loginBase: 'http://login.test/', clientId: 'id', clientSecret: 'secret', renewAheadMs: 20_000, fetchImpl: login.fetchImpl });
    expect(await oauth.getToken()).toBe('tok-1');
    at(79.9);
    expect(await oauth.getToken()).toBe('tok-1');
    expect(login.requests).toHaveLength(1);
    at(80.1); // inside the renewal window, 19.9 s before expiry
    expect(await oauth.getToken()).toBe('tok-1');
    expect(login.requests).toHaveLength(2);
    expect(login.requests[1]!.at).toBeLessThan(T0 + 100_000);
    await settle();
    expect(await oauth.getToken()).toBe('tok-2');
    expect(oauth.tokenRequests).toBe(2);
    expect(login.requests[0]!.url).toBe('http://login.test/oauth/token');
  });

  it('caps the renewal lead at half the lifetime, so a short-lived token is still reused', async () => {
    expect(DEFAULT_RENEW_AHEAD_MS).toBe(300_000);
    const login = tokenEndpoint(10);
    const oauth = new OAuthClient({ loginBase: 'http://login.test', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl });
    await oauth.getToken();
    at(4.9);
    expect(await oauth.getToken()).toBe('tok-1');
    expect(login.requests).toHaveLength(1);
    at(5.1);
    expect(await oauth.getToken()).toBe('tok-1');
    expect(login.requests).toHaveLength(2);
    await settle();
    expect(await oauth.getToken()).toBe('tok-2');
  });

  it('callers during a renewal share one request', async () => {
    let release: () => void = () => undefined;
    const answers: Answer[] = [];
    const login = tokenEndpoint(100, answers);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', renewAheadMs: 20_000, fetchImpl: login.fetchImpl });
    await oauth.getToken();
    at(90);
    answers.push(() => new Promise<Response>((resolve) => {
      release = () => resolve(new Response(JSON.stringify({ access_token: 'tok-slow', expires_in: 100 }), { status: 200 }));
    }));
    const during = await Promise.all([oauth.getToken(), oauth.getToken(), oauth.getToken()]);
    expect(during).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(login.requests).toHaveLength(2);
    release();
    await settle();
    expect(await oauth.getToken()).toBe('tok-slow');
    expect(login.requests).toHaveLength(2);
  });

  it('a failed renewal keeps the old token until its last second, then the caller waits for a new one', async () => {
    const answers: Answer[] = [];
    const login = tokenEndpoint(100, answers);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', renewAheadMs: 20_000, fetchImpl: login.fetchImpl, retry: { maxAttempts: 1 } });
    await oauth.getToken();
    answers.push(new Response('{}', { status: 500 }), new Response('{}', { status: 500 }));
    at(85);
    expect(await oauth.getToken()).toBe('tok-1'); // the renewal fails in the background: no unhandled rejection
    await settle();
    at(98.9);
    expect(await oauth.getToken()).toBe('tok-1'); // a second try fails too; the old token is still good
    await settle();
    expect(login.requests).toHaveLength(3);
    at(99.2); // less than a second left: not worth handing out, the caller waits for the new one
    expect(await oauth.getToken()).toBe('tok-2');
    expect(login.requests).toHaveLength(4);
  });
});

describe('OAuth token cache: answers and failures', () => {
  it('an expired token is never handed out: the caller waits for the new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      at(0);
      const login = tokenEndpoint(10);
      const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl });
      await oauth.getToken();
      at(9.5);
      expect(await oauth.getToken()).toBe('tok-2');
      at(30);
      expect(await oauth.getToken()).toBe('tok-3');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends client credentials as HTTP Basic with the form grant', async () => {
    const login = tokenEndpoint(100);
    await new OAuthClient({ loginBase: 'http://l//', clientId: 'cid', clientSecret: 'csecret', fetchImpl: login.fetchImpl }).getToken();
    const init = login.requests[0]!.init!;
    expect(login.requests[0]!.url).toBe('http://l/oauth/token');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).authorization).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/x-www-form-urlencoded');
    expect(init.body).toBe('grant_type=client_credentials');
  });

  it('refuses a token answer without access_token or a positive expires_in', async () => {
    for (const body of [{}, { access_token: '', expires_in: 10 }, { access_token: 'x', expires_in: 0 }, { access_token: 'x', expires_in: '10' }, { access_token: 5, expires_in: 10 }, null]) {
      const login = tokenEndpoint(100, [new Response(JSON.stringify(body), { status: 200 })]);
      const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl });
      await expect(oauth.getToken(), JSON.stringify(body)).rejects.toMatchObject({ name: 'UpstreamError', status: 200 });
    }
    const notJson = tokenEndpoint(100, [new Response('<html>', { status: 200 })]);
    await expect(new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: notJson.fetchImpl }).getToken()).rejects.toMatchObject({ status: 200 });
  });

  it('retries network errors and 5xx with backoff, then fails with the last error; 4xx fails at once', async () => {
    const flaky = tokenEndpoint(100, [new TypeError('fetch failed'), new Response('', { status: 502 })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: flaky.fetchImpl, retry: fast });
    expect(await oauth.getToken()).toBe('tok-1');
    expect(flaky.requests).toHaveLength(3);

    const down = tokenEndpoint(100, [503, 503, 503, 503, 503].map((s) => new Response('', { status: s })));
    const failing = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: down.fetchImpl, retry: { ...fast, maxAttempts: 3 } });
    await expect(failing.getToken()).rejects.toMatchObject({ status: 503 });
    expect(down.requests).toHaveLength(3);

    const unreachable = tokenEndpoint(100, [new TypeError('x'), new TypeError('x')]);
    const offline = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: unreachable.fetchImpl, retry: { ...fast, maxAttempts: 2 } });
    await expect(offline.getToken()).rejects.toMatchObject({ status: 0 });

    for (const status of [400, 401, 403, 404]) {
      const refused = tokenEndpoint(100, [new Response('{"error":"invalid_client"}', { status })]);
      const bad = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: refused.fetchImpl, retry: fast });
      await expect(bad.getToken()).rejects.toMatchObject({ status });
      expect(refused.requests).toHaveLength(1);
    }
  });

  it('a Retry-After longer than the policy allows fails at once; a short one is waited out', async () => {
    const tooLong = tokenEndpoint(100, [new Response('', { status: 429, headers: { 'retry-after': '120' } })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: tooLong.fetchImpl, retry: { maxRetryAfterMs: 60_000 } });
    await expect(oauth.getToken()).rejects.toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(tooLong.requests).toHaveLength(1);
    const short = tokenEndpoint(100, [new Response('', { status: 503, headers: { 'retry-after': '0.03' } })]);
    const started = Date.now();
    expect(await new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: short.fetchImpl, retry: { baseDelayMs: 5000, maxDelayMs: 5000 } }).getToken()).toBe('tok-1');
    // Waited the 30 ms Retry-After, not the 5 s backoff.
    expect(short.requests[1]!.at - started).toBeLessThan(4000);
  });

  it('invalidate drops only the token it names', async () => {
    const login = tokenEndpoint(100);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 's', fetchImpl: login.fetchImpl });
    expect(await oauth.getToken()).toBe('tok-1');
    oauth.invalidate('some-other-token');
    expect(await oauth.getToken()).toBe('tok-1');
    oauth.invalidate('tok-1');
    expect(await oauth.getToken()).toBe('tok-2');
  });

  it('errors and logs never carry the secret; fetch failures are named without their details', async () => {
    const lines: string[] = [];
    const log = { info: (...a: unknown[]) => lines.push(JSON.stringify(a)), warn: (...a: unknown[]) => lines.push(JSON.stringify(a)), error: (...a: unknown[]) => lines.push(JSON.stringify(a)), debug: (...a: unknown[]) => lines.push(JSON.stringify(a)) };
    const cause = Object.assign(new TypeError('fetch failed secret-in-message'), { cause: { code: 'ECONNREFUSED' } });
    const login = tokenEndpoint(100, [cause, new Response('{"error":"invalid_client","secret":"csecret"}', { status: 401 })]);
    const oauth = new OAuthClient({ loginBase: 'http://l', clientId: 'id', clientSecret: 'csecret', fetchImpl: login.fetchImpl, log, retry: fast });
    const error = await oauth.getToken().catch((e: unknown) => e as Error);
    expect(String(error)).not.toContain('csecret');
    expect(lines.join('\n')).not.toContain('csecret');
    expect(lines.join('\n')).not.toContain(Buffer.from('id:csecret').toString('base64'));
    expect(lines.join('\n')).toContain('ECONNREFUSED');
    expect(errorName(cause)).toBe('ECONNREFUSED');
    expect(errorName(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(errorName(Object.assign(new Error('a'), { name: 'AbortError' }))).toBe('timeout');
    expect(errorName(new RangeError('details'))).toBe('RangeError');
    expect(errorName('a string')).toBe('unknown error');
  });
});
