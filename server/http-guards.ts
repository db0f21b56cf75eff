/**
 * CORS for the configured page origins and a per-client-address rate limit (no extra packages: both are small).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Which page origins may call the API and open the socket. */
export interface OriginPolicy {
  /** Exact origins, e.g. `https://www.example.com`. */
  origins: string[];
  /** Also allow any http(s) origin on 127.0.0.1/localhost (the emulator default for local demos). */
  allowLoopback?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a request from `origin` (header) to `host` (header) is allowed. No Origin header = not a browser page. */
export function isOriginAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (host && url.host === host) return true; // same origin
  if (policy.origins.includes(url.origin)) return true;
  return Boolean(policy.allowLoopback) && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
}

/** What a preflight allows. */
export interface CorsAllowance {
  methods: readonly string[];
  headers: readonly string[];
}

/** The JSON API's: no credentials headers, no other methods (uploads add theirs, server/upload-routes.ts). */
export const JSON_API_CORS: CorsAllowance = { methods: ['GET', 'POST', 'OPTIONS'], headers: ['content-type'] };

/** Adds CORS headers for allowed origins and answers preflights; refuses other origins with 403. */
export function corsHook(policy: OriginPolicy, allowance: CorsAllowance = JSON_API_CORS) {
  const methods = allowance.methods.join(', ');
  const headers = allowance.headers.join(', ');
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    if (!isOriginAllowed(policy, origin, request.headers.host)) {
      return reply.code(403).send({ error: 'origin-not-allowed', message: 'This page origin is not allowed to use the chat server.' });
    }
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', methods);
      reply.header('access-control-allow-headers', headers);
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
    return;
  };
}

/** Fixed-window counter per key (the client address). */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Counts one request; returns the seconds to wait when over the limit, or 0. */
  hit(key: string, now = Date.now()): number {
    if (this.max <= 0) return 0;
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > this.max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now >= window.resetAt) this.windows.delete(key);
  }
}

/** Anything that counts hits per key and says how long to wait (in memory, or shared through the store). */
export interface HitLimiter {
  hit(key: string): number | Promise<number>;
}

/** A fixed-window limit shared by every instance through the store (`rateHit`). */
export class SharedRateLimiter implements HitLimiter {
  constructor(
    private readonly store: { rateHit(key: string, max: number, windowMs: number): Promise<number> },
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string): Promise<number> {
    return this.store.rateHit(`${this.name}:${key}`, this.max, this.windowMs);
  }
}

/**
 * A hook that answers 429 with Retry-After when the request's key (by default the client address) is over the limit;
 * `what` names what was counted, for the message.
 */
export function rateLimitHook(limiter: HitLimiter, keyOf: (request: FastifyRequest) => string = (request) => request.ip, what = 'requests') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = await limiter.hit(keyOf(request));
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return reply.code(429).send({ error: 'rate-limited', message: `Too many ${what}; retry in ${wait} s.`, retryAfterSeconds: wait });
    }
    return;
  };
}
