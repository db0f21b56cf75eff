/**
 * Genesys OAuth client credentials (spec platform-api.md §3) and the `platformFetch` helper every Platform API
 * call goes through.
 *
 * - One cached token per process, renewed ahead of expiry (this grant has no refresh token).
 * - Concurrent callers share one in-flight token request.
 * - 429/503 honour `Retry-After`; other failures back off exponentially with jitter, capped.
 * - A 401 from the Platform API drops the token, gets one fresh token and retries once.
 * The client secret and the tokens are never logged and never leave this module except as the Authorization header.
 */
import type { FastifyBaseLogger } from 'fastify';
import { OAUTH_TOKEN_PATH, type OAuthTokenResponse } from '@genesys-chat/protocol/open-messaging.js';
import { QueueDroppedError, RateQueue, type OutboundPriority } from './rate-queue.js';
import type { SharedTokenCache, SlotGate } from './store.js';
import {
  backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, sleep, UpstreamError, type RetryPolicy,
} from './retry.js';

export type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

export interface OAuthClientOptions {
  /** `https://login.<domain>` or the emulator's origin. */
  loginBase: string;
  clientId: string;
  clientSecret: string;
  /** Renew this long before expiry; capped at half the token's lifetime so short-lived tokens still get reused. */
  renewAheadMs?: number;
  retry?: Partial<RetryPolicy>;
  fetchImpl?: typeof fetch;
  log?: Log;
  /** The cluster's shared token and lock (Redis): one token request per lifetime for all instances. */
  shared?: SharedTokenCache;
}

/** Default: renew 5 minutes before `expires_in` runs out (spec §5.4). */
export const DEFAULT_RENEW_AHEAD_MS = 5 * 60_000;

interface CachedToken { value: string; renewAt: number; expiresAt: number }

/** Client-credentials token cache. */
export class OAuthClient {
  private cached: CachedToken | null = null;
  private inFlight: Promise<string> | null = null;
  private requests = 0;
  private readonly policy: RetryPolicy;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: OAuthClientOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  /** Token requests sent so far (for stats and tests). */
  get tokenRequests(): number {
    return this.requests;
  }

  /** A valid access token: the cached one, the one being fetched, or a new one. */
  getToken(): Promise<string> {
    const now = Date.now();
    if (this.cached && now < this.cached.renewAt) return Promise.resolve(this.cached.value);
    if (!this.inFlight) {
      const shared = this.options.shared;
      const request = shared
        ? shared.singleFlight(() => this.fetchToken().then(() => this.cached!)).then((token) => {
          this.cached = token;
          return token.value;
        })
        : this.fetchToken();
      this.inFlight = request.finally(() => {
        this.inFlight = null;
      });
    }
    // While a renewal ahead of expiry is running, the old token is still good.
    if (this.cached && now < this.cached.expiresAt - 1000) {
      this.inFlight.catch(() => undefined);
      return Promise.resolve(this.cached.value);
    }
    return this.inFlight;
  }

  /** Forgets `token` if it is the cached one (the Platform API answered 401 with it). */
  async invalidate(token: string): Promise<void> {
    if (this.cached?.value === token) this.cached = null;
    await this.options.shared?.invalidate(token).catch(() => undefined);
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.options.loginBase.replace(/\/+$/, '')}${OAUTH_TOKEN_PATH}`;
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    let lastError: UpstreamError | null = null;
    for (let attempt = 0; attempt < this.policy.maxAttempts; attempt++) {
      if (attempt > 0) await sleep(this.delayFor(lastError, attempt - 1));
      this.requests++;
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: 'grant_type=client_credentials',
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
      } catch (error) {
        lastError = new UpstreamError(`token request failed: ${errorName(error)}`, 0);
        this.options.log?.warn({ attempt: attempt + 1 }, lastError.message);
        continue;
      }
      if (response.ok) {
        const body: unknown = await response.json().catch(() => null);
        if (!isTokenResponse(body)) throw new UpstreamError('token response without access_token/expires_in', response.status);
        const now = Date.now();
        const lifetimeMs = body.expires_in * 1000;
        const ahead = Math.min(this.options.renewAheadMs ?? DEFAULT_RENEW_AHEAD_MS, lifetimeMs / 2);
        this.cached = { value: body.access_token, renewAt: now + lifetimeMs - ahead, expiresAt: now + lifetimeMs };
        this.options.log?.info({ expiresIn: body.expires_in }, 'Genesys access token obtained');
        return body.access_token;
      }
      await response.body?.cancel().catch(() => undefined);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      lastError = new UpstreamError(`token request answered ${response.status}`, response.status, retryAfterMs);
      this.options.log?.warn({ status: response.status, attempt: attempt + 1 }, 'Genesys token request refused');
      // 400/401/403: wrong client id or secret; retrying cannot help.
      if (!isRetryableStatus(response.status)) throw lastError;
      if (retryAfterMs !== undefined && retryAfterMs > this.policy.maxRetryAfterMs) throw lastError;
    }
    throw lastError ?? new UpstreamError('token request failed', 0);
  }

  private delayFor(error: UpstreamError | null, attempt: number): number {
    if (error?.retryAfterMs !== undefined && (error.status === 429 || error.status === 503)) return error.retryAfterMs;
    return backoffDelay(attempt, this.policy);
  }
}

function isTokenResponse(value: unknown): value is OAuthTokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.access_token === 'string' && v.access_token.length > 0 && typeof v.expires_in === 'number' && v.expires_in > 0;
}

/** A name for a fetch failure that cannot leak a header or a body. */
export function errorName(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const cause = (error as Error & { cause?: { code?: unknown } }).cause;
    return typeof cause?.code === 'string' ? cause.code : error.name;
  }
  return 'unknown error';
}

export interface PlatformClientOptions {
  /** `https://api.<domain>` or the emulator's origin. */
  apiBase: string;
  oauth: OAuthClient;
  /** Calls per second through the one outbound queue, all lanes together (spec §5.4). Default 4. */
  ratePerSecond?: number;
  /** Injected queue (tests drive its clock). Default: a RateQueue at `ratePerSecond`. */
  queue?: RateQueue;
  /** Cluster-wide start slots (Redis): the rate holds for all instances together. */
  slotGate?: SlotGate;
  retry?: Partial<RetryPolicy>;
  fetchImpl?: typeof fetch;
  log?: Log;
  /** Told the HTTP status of every Platform API answer (0: no answer), for metrics. */
  onResponse?: (status: number) => void;
}

export interface PlatformFetchOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON body. */
  body?: unknown;
  /** Retry 429/5xx/timeouts (default true). Typing events pass false: a late typing indicator is worthless. */
  retry?: boolean;
  /**
   * The outbound queue's lane (default `background`). Anything a guest is waiting for (messages, quick replies,
   * receipts) passes `interactive`; typing passes `typing`.
   */
  priority?: OutboundPriority;
  /** A newer call with this key replaces this one while it still waits (typing: the guest id). */
  coalesceKey?: string;
  /** Give up (QueueDroppedError) if the call could not start within this many ms. */
  dropAfterMs?: number;
}

/** The Platform API with the shared token, the outbound queue and the retry policy. */
export class PlatformClient {
  readonly queue: RateQueue;
  private readonly policy: RetryPolicy;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: PlatformClientOptions) {
    this.queue = options.queue ?? new RateQueue({ perSecond: options.ratePerSecond ?? 4, ...(options.slotGate ? { gate: options.slotGate } : {}) });
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  /**
   * Calls `path` on the Platform API and returns the parsed JSON body of a 2xx answer (null when empty).
   * Throws {@link UpstreamError} once retries are exhausted or on a non-retryable status, and
   * {@link QueueDroppedError} when the queue dropped the call before it started (coalesced, stale, shutting down).
   */
  /** Calls started and not yet settled (a draining server waits for them). */
  get inFlight(): number {
    return this.running;
  }

  private running = 0;

  async platformFetch<T = unknown>(path: string, init: PlatformFetchOptions = {}): Promise<T> {
    this.running++;
    try {
      return await this.call<T>(path, init);
    } finally {
      this.running--;
    }
  }

  private async call<T>(path: string, init: PlatformFetchOptions): Promise<T> {
    const attempts = init.retry === false ? 1 : this.policy.maxAttempts;
    let lastError: UpstreamError | null = null;
    let refreshedAfter401 = false;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0 && lastError) {
        // After a 429 with Retry-After the queue itself is paused: requeue at once, so this call keeps its lane's
        // place when the pause ends instead of racing the calls that waited.
        const paused = lastError.status === 429 && lastError.retryAfterMs !== undefined;
        const wait = paused ? 0 : lastError.retryAfterMs ?? backoffDelay(attempt - 1, this.policy);
        if (wait > 0) await sleep(wait);
      }
      const token = await this.options.oauth.getToken();
      let response: Response;
      try {
        response = await this.queue.run(() => this.fetchImpl(`${this.options.apiBase.replace(/\/+$/, '')}${path}`, {
          method: init.method ?? 'GET',
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: init.body !== undefined ? JSON.stringify(init.body) : null,
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        }), {
          priority: init.priority ?? 'background',
          ...(init.coalesceKey !== undefined ? { coalesceKey: init.coalesceKey } : {}),
          ...(init.dropAfterMs !== undefined ? { dropAfterMs: init.dropAfterMs } : {}),
        });
      } catch (error) {
        if (error instanceof QueueDroppedError) throw error;
        this.options.onResponse?.(0);
        lastError = new UpstreamError(`${init.method ?? 'GET'} ${stripQuery(path)} failed: ${errorName(error)}`, 0);
        this.options.log?.warn({ attempt: attempt + 1 }, lastError.message);
        continue;
      }
      this.options.onResponse?.(response.status);
      if (response.ok) {
        const text = await response.text();
        return (text ? JSON.parse(text) : null) as T;
      }
      const body: unknown = await response.json().catch(() => null);
      const code = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string'
        ? (body as { code: string }).code : undefined;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      lastError = new UpstreamError(`${init.method ?? 'GET'} ${stripQuery(path)} answered ${response.status}`, response.status, retryAfterMs, code);
      this.options.log?.warn({ status: response.status, code, attempt: attempt + 1 }, 'Platform API call refused');
      if (response.status === 401 && !refreshedAfter401) {
        // The token expired or was revoked early: one fresh token, one more try (not counted as a retry).
        refreshedAfter401 = true;
        await this.options.oauth.invalidate(token);
        lastError = null;
        attempt--;
        continue;
      }
      if (!isRetryableStatus(response.status)) throw lastError;
      if (retryAfterMs !== undefined) {
        if (retryAfterMs > this.policy.maxRetryAfterMs) throw lastError;
        if (response.status === 429) {
          this.queue.pauseFor(retryAfterMs);
          // The limit is per token, so the pause holds for the whole cluster.
          this.options.slotGate?.pauseFor(retryAfterMs).catch(() => undefined);
        }
      }
    }
    throw lastError ?? new UpstreamError(`${init.method ?? 'GET'} ${stripQuery(path)} failed`, 0);
  }
}

function stripQuery(path: string): string {
  const index = path.indexOf('?');
  return index === -1 ? path : path.slice(0, index);
}
