/**
 * The server's HTTP guards (server/http-guards.ts): which page origins may call the API, and the per-address
 * rate limit of the token endpoint (fixed window).
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsHook, isOriginAllowed, RateLimiter, rateLimitHook } from '../../server/http-guards.js';

describe('origin check', () => {
  const policy = { origins: ['https://shop.example.com', 'http://localhost:3000'] };

  it('no Origin header (not a browser page) and the same origin are allowed', () => {
    expect(isOriginAllowed(policy, undefined, 'chat.example.com')).toBe(true);
    expect(isOriginAllowed({ origins: [] }, 'https://chat.example.com', 'chat.example.com')).toBe(true);
    expect(isOriginAllowed({ origins: [] }, 'https://chat.example.com:8443', 'chat.example.com:8443')).toBe(true);
  });

  it('listed origins are allowed exactly: scheme, host and port', () => {
    expect(isOriginAllowed(policy, 'https://shop.example.com', 'chat.example.com')).toBe(true);
    expect(isOriginAllowed(policy, 'http://localhost:3000', undefined)).toBe(true);
    for (const other of ['http://shop.example.com', 'https://shop.example.com:444', 'https://evil-shop.example.com', 'https://shop.example.com.evil.net', 'http://localhost:3001', 'null', 'garbage']) {
      expect(isOriginAllowed(policy, other, 'chat.example.com'), other).toBe(false);
    }
    expect(isOriginAllowed(policy, 'https://other.example', undefined)).toBe(false);
  });

  it('loopback pages only when allowed, over http(s) only', () => {
    const loopback = { origins: [], allowLoopback: true };
    for (const origin of ['http://127.0.0.1:5173', 'https://localhost', 'http://[::1]:8080']) {
      expect(isOriginAllowed(loopback, origin, 'chat.example.com'), origin).toBe(true);
      expect(isOriginAllowed({ origins: [] }, origin, 'chat.example.com'), origin).toBe(false);
      expect(isOriginAllowed({ origins: [], allowLoopback: false }, origin, 'chat.example.com'), origin).toBe(false);
    }
    expect(isOriginAllowed(loopback, 'ftp://127.0.0.1', 'chat.example.com')).toBe(false);
    expect(isOriginAllowed(loopback, 'http://127.0.0.2', 'chat.example.com')).toBe(false);
    expect(isOriginAllowed(loopback, 'http://localhost.evil.net', 'chat.example.com')).toBe(false);
  });
});

describe('RateLimiter (fixed window per key)', () => {
  it('allows max hits per window, then says how many seconds to wait; a new window starts over', () => {
    const limiter = new RateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([limiter.hit('a', t0), limiter.hit('a', t0 + 1), limiter.hit('a', t0 + 2)]).toEqual([0, 0, 0]);
    expect(limiter.hit('a', t0 + 3)).toBe(60);
    expect(limiter.hit('a', t0 + 30_000)).toBe(30);
    expect(limiter.hit('a', t0 + 59_999)).toBe(1);
    expect(limiter.hit('b', t0 + 3)).toBe(0); // per key
    expect(limiter.hit('a', t0 + 60_000)).toBe(0);
    expect(limiter.hit('a', t0 + 60_001)).toBe(0);
    expect(limiter.hit('a', t0 + 60_002)).toBe(0);
    expect(limiter.hit('a', t0 + 60_003)).toBeGreaterThan(0);
  });

  it('max 0 disables it', () => {
    const limiter = new RateLimiter(0, 1000);
    for (let i = 0; i < 100; i++) expect(limiter.hit('a', i)).toBe(0);
  });

  it('forgets expired windows when it holds very many keys, and still counts the live ones', () => {
    const limiter = new RateLimiter(1, 1000);
    for (let i = 0; i <= 10_001; i++) limiter.hit(`old-${i}`, 0);
    expect(limiter.hit('live', 500)).toBe(0);
    expect(limiter.hit('live', 600)).toBe(1);
    // Past the window: a new key triggers the prune; old keys start over; the live one too once its window ends.
    expect(limiter.hit('new', 5000)).toBe(0);
    expect(limiter.hit('old-1', 5000)).toBe(0);
    expect(limiter.hit('old-1', 5001)).toBe(1);
  });

  it('pruning forgets only expired windows: a client over the limit stays limited', () => {
    const limiter = new RateLimiter(1, 1000);
    for (let i = 0; i <= 10_001; i++) limiter.hit(`old-${i}`, 0);
    expect(limiter.hit('live', 1500)).toBe(0);
    expect(limiter.hit('live', 1600)).toBe(1);
    // Enough new clients to prune again while the live window still runs.
    for (let i = 0; i <= 10_001; i++) limiter.hit(`new-${i}`, 1700);
    expect(limiter.hit('live', 1800)).toBe(1);
  });
});

describe('CORS and rate-limit hooks on a real Fastify app', () => {
  const app = Fastify();
  beforeAll(async () => {
    app.addHook('onRequest', corsHook({ origins: ['https://shop.example.com'] }));
    app.post('/api/session', { preHandler: rateLimitHook(new RateLimiter(2, 60_000)) }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('an allowed origin gets the CORS headers; a preflight is answered 204 with methods and headers', async () => {
    const call = await app.inject({ method: 'POST', url: '/api/session', headers: { origin: 'https://shop.example.com' }, remoteAddress: '127.0.0.9' });
    expect(call.statusCode).toBe(200);
    expect(call.json()).toEqual({ ok: true });
    expect(call.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const ok = await app.inject({ method: 'GET', url: '/nothing', headers: { origin: 'https://shop.example.com' } });
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    expect(ok.headers.vary).toContain('Origin');
    const preflight = await app.inject({ method: 'OPTIONS', url: '/api/session', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    expect(preflight.headers['access-control-max-age']).toBe('600');
  });

  it('another origin is refused 403 with a JSON reason and no CORS headers; no Origin passes without them', async () => {
    const refused = await app.inject({ method: 'POST', url: '/api/session', headers: { origin: 'https://evil.example' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: 'origin-not-allowed', message: 'This page origin is not allowed to use the chat server.' });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const server = await app.inject({ method: 'GET', url: '/nothing' });
    expect(server.statusCode).toBe(404);
    expect(server.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('over the rate: 429 with Retry-After and a JSON body saying when', async () => {
    const post = () => app.inject({ method: 'POST', url: '/api/session', remoteAddress: '127.0.0.7' });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.json()).toEqual({ error: 'rate-limited', message: 'Too many requests; retry in 60 s.', retryAfterSeconds: 60 });
    expect((await app.inject({ method: 'POST', url: '/api/session', remoteAddress: '127.0.0.6' })).statusCode).toBe(200);
  });
});

describe('CORS allowance for uploads', () => {
  it('a preflight answers with the methods and headers it was given (the bearer token and DELETE for uploads)', async () => {
    const app = Fastify();
    app.addHook('onRequest', corsHook({ origins: ['https://shop.example.com'] }, { methods: ['GET', 'POST', 'DELETE', 'OPTIONS'], headers: ['content-type', 'authorization'] }));
    await app.ready();
    const preflight = await app.inject({ method: 'OPTIONS', url: '/api/uploads', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'DELETE' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, DELETE, OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type, authorization');
    await app.close();
  });
});
