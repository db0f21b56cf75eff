/**
 * `POST /webhooks/genesys`: the Open Messaging outbound webhook (spec open-messaging.md §3).
 *
 * - Verifies `X-Hub-Signature-256` = `sha256=` + base64(HMAC-SHA256(secret, raw body)) in constant time; falls back
 *   to `JSON.stringify(parsed)` only when the raw bytes do not match (what Genesys' own samples hash).
 * - Unsigned or badly signed: 401. A replay (a payload whose key `type:id:status` was already accepted within the
 *   replay window) gets 200 and is not delivered again: Genesys retries deliveries it thinks failed, so a
 *   repeat is normal and must never reach the guest twice.
 * - An agent's Text/Structured message is stored (with its replay check, in one step) before the 200; the instance
 *   holding the guest's socket sends it. Other payloads get 200 at once and are routed afterwards: typing events
 *   live, receipts about the guest's own messages logged and otherwise ignored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { SIGNATURE_HEADER, type OpenOutboundPayload } from '@genesys-chat/protocol/open-messaging.js';
import type { Delivery } from './delivery.js';
import { outboundToChatMessage } from './normalize.js';
import type { Log } from './oauth.js';

export const WEBHOOK_PATH = '/webhooks/genesys';

export interface WebhookOptions {
  secret: string;
  delivery: Delivery;
  log: Log;
  /** Our integration id: payloads for another integration are acknowledged and ignored. */
  integrationId: string;
  /** How long an accepted payload key is remembered for replay detection. Default 1 h (Genesys retries span 85 s). */
  replayWindowMs?: number;
  /** How many keys are remembered at most (oldest forgotten first). Default 50,000. */
  replayCapacity?: number;
  /** Agent typing shown for this long when the payload has no duration. Default 5000 ms. */
  defaultTypingMs?: number;
  /** Replay memory shared by the cluster (the store's `SET NX`); default: this process's own {@link ReplayGuard}. */
  replayStore?: { firstSeen(key: string, windowMs: number): Promise<boolean> };
  /** Called for each call refused for a missing or bad signature (metrics). */
  onRefused?: () => void;
}

/** Constant-time check of an `X-Hub-Signature-256` value against `body`. */
export function signatureMatches(secret: string, body: Buffer | string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('base64')}`);
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Remembers accepted payload keys for a while (bounded; insertion-ordered Map as an LRU of sorts). */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number, private readonly capacity: number) {}

  /** true the first time `key` is seen within the window; false for a replay. */
  firstSeen(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    while (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}

/**
 * The fallback signature check over `JSON.stringify(parsed)`. Never throws: a body nested thousands of levels deep
 * overflows the stack there, and such a body is simply not signed.
 */
function fallbackMatches(secret: string, parsed: unknown, header: string): boolean {
  let text: string;
  try {
    text = JSON.stringify(parsed);
  } catch {
    return false;
  }
  return signatureMatches(secret, text, header);
}

function isPayload(value: unknown): value is OpenOutboundPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.type === 'string' && typeof v.channel === 'object' && v.channel !== null;
}

function refuse(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ error, message });
}

export const webhookRoutes: FastifyPluginAsync<WebhookOptions> = async (app, options) => {
  const windowMs = options.replayWindowMs ?? 3600_000;
  const local = new ReplayGuard(windowMs, options.replayCapacity ?? 50_000);
  // Genesys retries may land on another instance: with a shared store, a payload key is taken once cluster-wide.
  const firstSeen = options.replayStore
    ? (key: string) => options.replayStore!.firstSeen(key, windowMs)
    : (key: string) => Promise.resolve(local.firstSeen(key));
  // Keep the raw bytes: the signature is over them.
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));

  const handler = async (request: import('fastify').FastifyRequest, reply: FastifyReply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : null;
    if (!raw) return refuse(reply, 415, 'unsupported-media-type', 'Send application/json.');
    const header = request.headers[SIGNATURE_HEADER];
    if (typeof header !== 'string' || header.length === 0) {
      options.onRefused?.();
      options.log.warn('webhook call without X-Hub-Signature-256 refused');
      return refuse(reply, 401, 'signature-missing', 'X-Hub-Signature-256 is required.');
    }
    let parsed: unknown;
    let parseFailed = false;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      parseFailed = true;
    }
    const valid = signatureMatches(options.secret, raw, header) ||
      (!parseFailed && fallbackMatches(options.secret, parsed, header));
    if (!valid) {
      options.onRefused?.();
      options.log.warn('webhook call with a bad signature refused');
      return refuse(reply, 401, 'signature-invalid', 'X-Hub-Signature-256 does not match.');
    }
    if (parseFailed || !isPayload(parsed)) return refuse(reply, 400, 'bad-request', 'The body is not an Open Messaging payload.');
    const payload = parsed;
    const key = `${payload.type}:${payload.id}:${payload.status ?? ''}`;
    const guestId = agentMessageGuest(payload, options.integrationId);
    if (guestId) {
      // An agent message is taken before the answer, with its replay check, in one step (one Redis round trip): a
      // store failure answers 500 and Genesys retries, instead of a 200 for a message that was then lost.
      const outcome = await options.delivery.acceptAgentMessage(key, windowMs, guestId, payload.id, outboundToChatMessage(payload));
      if (outcome === 'replay') {
        options.log.info({ payloadId: payload.id, type: payload.type }, 'webhook replay ignored');
        return reply.code(200).send({ ok: true, replay: true });
      }
      return reply.code(200).send({ ok: true });
    }
    if (!(await firstSeen(key))) {
      options.log.info({ payloadId: payload.id, type: payload.type }, 'webhook replay ignored');
      return reply.code(200).send({ ok: true, replay: true });
    }
    // Answer first (Genesys waits at most 10 s); route afterwards.
    setImmediate(() => {
      route(payload, options).catch((error: unknown) =>
        options.log.error({ err: error instanceof Error ? error.message : String(error) }, 'webhook routing failed'));
    });
    return reply.code(200).send({ ok: true });
  };
  app.post(WEBHOOK_PATH, handler);
};

/** The guest an agent's Text/Structured message for our integration goes to, or undefined for anything else. */
function agentMessageGuest(payload: OpenOutboundPayload, integrationId: string): string | undefined {
  if (payload.type !== 'Text' && payload.type !== 'Structured') return undefined;
  if (payload.direction === 'Inbound') return undefined;
  if (payload.channel.id && payload.channel.id !== integrationId) return undefined;
  const to: unknown = payload.channel.to;
  const id = typeof to === 'object' && to !== null ? (to as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id ? id : undefined;
}

async function route(payload: OpenOutboundPayload, options: WebhookOptions): Promise<void> {
  if (payload.channel.id && payload.channel.id !== options.integrationId) {
    options.log.info({ integration: payload.channel.id }, 'webhook payload for another integration ignored');
    return;
  }
  if (payload.direction === 'Inbound') return; // echoes of the guest's own messages: the guest already has them
  const guestId = payload.channel.to?.id;
  if (!guestId) {
    options.log.warn({ payloadId: payload.id }, 'webhook payload without channel.to.id');
    return;
  }
  switch (payload.type) {
    case 'Event': {
      const typing = payload.events?.find((e) => e.eventType === 'Typing');
      if (typing) await options.delivery.typing(guestId, typing.typing?.duration ?? options.defaultTypingMs ?? 5_000);
      return;
    }
    case 'Receipt':
      options.log.debug({ payloadId: payload.id, status: payload.status }, 'receipt from Genesys');
      return;
    default:
      options.log.info({ type: payload.type }, 'webhook payload type not handled');
  }
}
