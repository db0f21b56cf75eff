/**
 * The genesys-chat server: token endpoint, gateway socket, Open Messaging webhook and availability.
 * `buildServer(options)` returns the Fastify app (not listening); `startServer` also listens and, if asked,
 * registers the webhook. See docs/server.md.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FEATURES, type ChatFeatures, type ChatLimits } from '@genesys-chat/protocol/model.js';
import { GATEWAY_AVAILABILITY_PATH } from '@genesys-chat/protocol/gateway.js';
import { DEFAULT_MAX_INBOUND_TEXT_LENGTH } from '@genesys-chat/protocol/open-messaging.js';
import { AvailabilityService } from './availability.js';
import { Delivery } from './delivery.js';
import { attachGuestSockets, type GuestSockets } from './guest-socket.js';
import { corsHook, isOriginAllowed, SharedRateLimiter, type OriginPolicy } from './http-guards.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { OAuthClient, PlatformClient } from './oauth.js';
import { OpenMessagingBridge } from './open-messaging-bridge.js';
import { registerWebhook } from './register-webhook.js';
import type { RetryPolicy } from './retry.js';
import { RedisStore } from './redis-store.js';
import { SessionStore, SessionTokens } from './session.js';
import { MemoryStore, type GatewayStore } from './store.js';
import { sessionRoutes, type Authenticate } from './session-routes.js';
import { logSafeUrl } from './upload-files.js';
import { UPLOAD_CORS, uploadRoutes, uploadSettings, type UploadOptions } from './upload-routes.js';
import { webhookRoutes } from './webhook.js';

/** How long a closing server lets requests in flight finish before it drops every connection. */
const CLOSE_GRACE_MS = 2000;

export type { VerifiedCustomer } from './session.js';
export type { Authenticate } from './session-routes.js';
export type { UploadOptions } from './upload-routes.js';

/** Where Genesys is and who we are there. */
export interface GenesysOptions {
  /** `https://api.<domain>` or the emulator origin. */
  apiBase: string;
  /** `https://login.<domain>` or the emulator origin. */
  loginBase: string;
  clientId: string;
  clientSecret: string;
  integrationId: string;
  /** The integration's outboundNotificationWebhookSignatureSecretToken. */
  webhookSecret: string;
  queueId?: string;
  scheduleGroupId?: string;
}

export interface ServerOptions {
  genesys: GenesysOptions;
  /** HMAC key for the server's session tokens (≥ 32 characters). */
  sessionSecret: string;
  /** Page origins allowed to call the API and open the socket. */
  origins?: OriginPolicy;
  /** Public base URL (behind a proxy); default: derived from each request. */
  publicUrl?: string;
  /** Session token lifetime. Default 900 s. */
  sessionTtlSeconds?: number;
  /** An expired token may resume its session this long. Default 86400 s. */
  resumeWindowSeconds?: number;
  /** Token-endpoint requests per client address per minute. Default 30; 0 disables. */
  sessionRateLimitPerMinute?: number;
  /** Platform API calls per second through the one outbound queue, all lanes together (spec §5.4). Default 4. */
  outboundRatePerSecond?: number;
  /** Availability cache. Default 30,000 ms. */
  availabilityCacheMs?: number;
  /** Messages kept per guest for their return. Default 200. */
  transcriptLimit?: number;
  /** Guest text limit. Default 4000 (spec §6, UNCONFIRMED). */
  maxMessageLength?: number;
  /**
   * Origins a guest's attachment URLs may point to (the site's own file store, e.g. `https://files.example.com`).
   * Open Messaging has no upload API: Genesys fetches each URL itself (spec §4.4), so a URL anywhere else (a guest
   * writing to the socket directly) is refused. Default none: messages with attachments are refused.
   */
  attachmentOrigins?: string[];
  /**
   * The server keeps guests' files and serves them for Genesys to fetch (server/upload-routes.ts): the session answer
   * carries `uploadUrl`, and `ready` says `attachments: true`. Absent or false: off.
   */
  uploads?: UploadOptions | false;
  /** Retry policy for Genesys calls (token and Platform API). */
  retry?: Partial<RetryPolicy>;
  /** Renew the Genesys token this long before expiry. Default 5 min (capped at half its lifetime). */
  tokenRenewAheadMs?: number;
  /** Maps a request (the site's cookie) to a verified customer. */
  authenticate?: Authenticate;
  /** Webhook replay memory. Default 1 h. */
  webhookReplayWindowMs?: number;
  /** Fastify logger: false, true (info to stderr), or pino options such as `{ level, stream }`. Secrets are redacted. */
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  /** Trust X-Forwarded-* (behind a reverse proxy): client address for rate limits, protocol for URLs. */
  trustProxy?: boolean;
  /** Gateway sockets one client address may hold before authenticating. Default 20. */
  maxUnauthenticatedSocketsPerAddress?: number;
  /** How often each guest socket is pinged; one that answered nothing for a whole interval is dropped. Default 30 s. */
  socketHeartbeatMs?: number;
  /** Cluster mode: every instance with the same Redis shares sessions, transcripts, token and pacing. */
  redisUrl?: string;
  /** Key prefix in Redis. Default `gc:`. */
  redisPrefix?: string;
  fetchImpl?: typeof fetch;
  /**
   * A greeting shown to each new guest before they write (a bot-style message kept in their transcript, never sent to
   * Genesys): Open Messaging has no conversation, so no bot, before the guest's first message. Default: none.
   */
  welcomeMessage?: string;
}

/** The parts of a running server that tests, benches and the CLI look at. */
export interface ServerRuntime {
  oauth: OAuthClient;
  platform: PlatformClient;
  store: SessionStore;
  sockets: GuestSockets;
  availability: AvailabilityService;
  metrics: GatewayMetrics;
  /**
   * Graceful stop (SIGTERM): refuse new sockets and report unhealthy, tell guests to reconnect elsewhere (1001),
   * let in-flight Genesys calls finish (at most `timeoutMs`), then close.
   */
  drain(timeoutMs?: number): Promise<void>;
}

const runtimes = new WeakMap<FastifyInstance, ServerRuntime>();

/** The runtime of an app built by {@link buildServer}. */
export function serverRuntime(app: FastifyInstance): ServerRuntime {
  const runtime = runtimes.get(app);
  if (!runtime) throw new Error('not a genesys-chat server app');
  return runtime;
}

/** Log paths that must never be printed, whatever a future log line carries. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
  'authorization', 'token', 'access_token', 'clientSecret', 'client_secret', 'secret', 'webhookSecret',
  '*.token', '*.access_token', '*.clientSecret', '*.secret',
];

/** The widget's defaults, less what Open Messaging cannot carry. */
export const GATEWAY_FEATURES: ChatFeatures = {
  ...DEFAULT_FEATURES,
  // Open Messaging has no upload API (spec §4.4): on only when this server keeps the files (`uploads`).
  attachments: false,
  // No disconnect signal reaches the webhook (spec §4.3).
  conversationDisconnect: false,
  // Agents' and bots' text is the same Markdown as in Web Messaging; the widget renders it safely in both modes.
  markdown: true,
};

/** Fastify's request serializer, but an upload's URL shows only the start of its id (the id is the file's key). */
const LOG_SERIALIZERS = {
  req: (request: FastifyRequest) => ({
    method: request.method, url: logSafeUrl(request.url), host: request.host, remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};

/** Builds the server app (not listening). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const uploads = uploadSettings(options.uploads);
  const safeLogging = { redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' }, serializers: LOG_SERIALIZERS };
  const loggerOption = options.logger === true
    ? { level: 'info', stream: process.stderr, ...safeLogging }
    : options.logger
      ? { level: 'info', ...options.logger, ...safeLogging }
      : false;
  const app = Fastify({
    logger: loggerOption,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  const log = app.log;
  const g = options.genesys;
  const resumeWindowMs = (options.resumeWindowSeconds ?? 86_400) * 1000;
  let backend: GatewayStore;
  if (options.redisUrl) {
    const redis = new RedisStore({
      url: options.redisUrl, transcriptLimit: options.transcriptLimit ?? 200, resumeWindowMs,
      sessionTtlMs: (options.sessionTtlSeconds ?? 900) * 1000,
      ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
    });
    await redis.connect();
    backend = redis;
  } else {
    backend = new MemoryStore({
      transcriptLimit: options.transcriptLimit ?? 200, idleGuestMs: resumeWindowMs,
      ...(uploads ? { uploadBudgetBytes: uploads.memoryBudgetBytes } : {}),
    });
  }
  // Filled in right below; the metrics read them when scraped.
  const holder: { sockets?: GuestSockets; platform?: PlatformClient; store?: SessionStore } = {};
  const metrics = createMetrics({
    sockets: () => holder.sockets?.size ?? 0,
    guests: () => holder.store?.guestCount ?? 0,
    queue: () => holder.platform?.queue,
  });
  const oauth = new OAuthClient({
    loginBase: g.loginBase, clientId: g.clientId, clientSecret: g.clientSecret, log,
    ...(backend.tokenCache ? { shared: backend.tokenCache } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.tokenRenewAheadMs !== undefined ? { renewAheadMs: options.tokenRenewAheadMs } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  const platform = new PlatformClient({
    apiBase: g.apiBase, oauth, log, ratePerSecond: options.outboundRatePerSecond ?? 4,
    onResponse: (status) => metrics.genesysCalls.inc({ status: String(status) }),
    ...(backend.slotGate ? { slotGate: backend.slotGate } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  const bridge = new OpenMessagingBridge(platform, g.integrationId, log);
  // eslint-disable-next-line prefer-const -- assigned right after the store that needs it
  let delivery: Delivery;
  const store = new SessionStore(backend, (guest, event) => delivery.onEvent(guest, event));
  delivery = new Delivery(store, bridge, log, metrics);
  holder.platform = platform;
  holder.store = store;
  const tokens = new SessionTokens(options.sessionSecret);
  const origins: OriginPolicy = options.origins ?? { origins: [] };
  const maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_INBOUND_TEXT_LENGTH;
  const limits: ChatLimits = {
    maxMessageLength, allowedFileTypes: uploads ? [...uploads.types] : [], maxFileSizeKB: uploads?.maxKB ?? 0, blockedExtensions: [],
  };

  const availability = new AvailabilityService({
    platform, log, cacheMs: options.availabilityCacheMs ?? 30_000,
    ...(g.queueId ? { queueId: g.queueId } : {}),
    ...(g.scheduleGroupId ? { scheduleGroupId: g.scheduleGroupId } : {}),
    onChange: (value) => sockets.broadcast({ type: 'availability', availability: value }),
  });

  const sockets = attachGuestSockets(app.server, {
    store, tokens, bridge, delivery, log, limits,
    features: uploads ? { ...GATEWAY_FEATURES, attachments: true } : GATEWAY_FEATURES,
    attachmentOrigins: new Set(options.attachmentOrigins ?? []),
    ...(options.welcomeMessage ? { welcomeMessage: options.welcomeMessage } : {}),
    isOriginAllowed: (origin, host) => isOriginAllowed(origins, origin, host),
    availabilityNow: () => availability.peek(),
    availability: () => availability.get(),
    trustProxy: options.trustProxy ?? false,
    metrics,
    ...(options.maxUnauthenticatedSocketsPerAddress !== undefined ? { maxUnauthenticatedPerAddress: options.maxUnauthenticatedSocketsPerAddress } : {}),
    ...(options.socketHeartbeatMs !== undefined ? { heartbeatMs: options.socketHeartbeatMs } : {}),
  });

  holder.sockets = sockets;
  // Forget idle guests; owed receipts become Failed. Often enough that Redis' sweep (which looks ahead a quarter of
  // the resume window, at most 2 min) sees a guest before their keys expire.
  const sweepEveryMs = Math.min(60_000, Math.max(1000, Math.floor(resumeWindowMs / 8)));
  const sweep = setInterval(() => {
    backend.sweep((guestId) => store.liveGuest(guestId) !== undefined).then((gone) => {
      for (const guest of gone) for (const payloadId of guest.owed) void delivery.undeliverable(guest.guestId, payloadId);
    }, (error: unknown) => log.error({ err: String(error) }, 'sweep failed'));
  }, sweepEveryMs);
  sweep.unref();
  // Push availability changes to open sockets (one refresh per cache period, however many sockets).
  const availabilityRefresh = setInterval(() => {
    if (sockets.size > 0) availability.get().catch(() => undefined);
  }, options.availabilityCacheMs ?? 30_000);
  availabilityRefresh.unref();
  // preClose: open sockets would otherwise keep the HTTP server from closing.
  let forceClose: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    // Requests in flight get a grace period; then every connection goes, including one that never sent a request
    // (a browser's or balancer's preconnect), which Fastify's idle-only close would wait on for Node's 60 s header timeout.
    forceClose = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
    forceClose.unref();
    clearInterval(sweep);
    clearInterval(availabilityRefresh);
    await sockets.close();
    // Calls still waiting for a slot fail now rather than firing after shutdown.
    platform.queue.close();
    await backend.close();
  });
  app.addHook('onClose', async () => clearTimeout(forceClose));

  let draining = false;
  const drain = async (timeoutMs = 10_000) => {
    if (draining) return;
    draining = true;
    log.info('draining: no new sockets, guests sent elsewhere, finishing Genesys calls');
    // Sockets close with 1001 (the widget reconnects, through the balancer, to another instance).
    await sockets.close();
    const deadline = Date.now() + timeoutMs;
    while ((platform.inFlight > 0 || platform.queue.waiting('interactive') > 0 || store.guestCount > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await app.close();
  };

  app.setErrorHandler((error: { statusCode?: number; validation?: unknown; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error.message }, 'request failed');
    const code = error.validation ? 'bad-request' : status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : status >= 500 ? 'server' : 'bad-request';
    return reply.code(status).send({ error: code, message: status >= 500 ? 'Internal error.' : error.message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not-found', message: `No route ${request.method} ${request.url.split('?')[0]}` }));

  app.addHook('onRequest', uploads ? corsHook(origins, UPLOAD_CORS) : corsHook(origins));
  // The webhook is called by Genesys, not pages; CORS does not concern it but it never sends an Origin anyway.
  await app.register(webhookRoutes, {
    secret: g.webhookSecret, delivery, log, integrationId: g.integrationId,
    replayStore: backend, onRefused: () => metrics.webhookRefused.inc(),
    ...(options.webhookReplayWindowMs !== undefined ? { replayWindowMs: options.webhookReplayWindowMs } : {}),
  });
  await app.register(sessionRoutes, {
    store, tokens, log, authenticate: options.authenticate,
    limiter: new SharedRateLimiter(backend, 'session', options.sessionRateLimitPerMinute ?? 30, 60_000),
    tokenTtlSeconds: options.sessionTtlSeconds ?? 900,
    resumeWindowSeconds: options.resumeWindowSeconds ?? 86_400,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    uploads: uploads !== null,
  });
  if (uploads) {
    await app.register(uploadRoutes, {
      store, tokens, log, settings: uploads, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    });
  }

  app.get(GATEWAY_AVAILABILITY_PATH, async (_request, reply) => {
    try {
      const value = await availability.get();
      reply.header('cache-control', `public, max-age=${Math.floor((options.availabilityCacheMs ?? 30_000) / 1000)}`);
      return value;
    } catch {
      return reply.code(503).send({ error: 'unavailable', message: 'Availability is not known right now.' });
    }
  });
  // A draining instance answers 503 so the balancer stops sending it new guests.
  app.get('/api/health', async (_request, reply) => {
    if (draining) return reply.code(503).send({ ok: false, draining: true });
    return { ok: true, sockets: sockets.size, guests: store.guestCount, store: backend.kind };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  runtimes.set(app, { oauth, platform, store, sockets, availability, metrics, drain });
  return app;
}

/** Builds, listens (default 127.0.0.1:8788; port 0 = any) and optionally registers the webhook. */
export async function startServer(options: ServerOptions & { port?: number; host?: string; registerWebhook?: boolean }): Promise<{
  url: string;
  app: FastifyInstance;
  runtime: ServerRuntime;
  webhookUrl?: string;
  close(): Promise<void>;
}> {
  const { port = 8788, host = '127.0.0.1', registerWebhook: register = false, ...rest } = options;
  const app = await buildServer(rest);
  await app.listen({ port, host });
  const address = app.server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${address.port}`;
  const runtime = serverRuntime(app);
  let webhookUrl: string | undefined;
  if (register) {
    try {
      webhookUrl = await registerWebhook(runtime.platform, rest.genesys.integrationId, rest.publicUrl ?? url);
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  return { url, app, runtime, ...(webhookUrl ? { webhookUrl } : {}), close: () => app.close() };
}
