import { EventEmitter } from 'node:events';

/** Body of `POST /emulator/faults` (every field optional). See docs/emulator.md. */
export interface FaultsBody {
  /** Drop guest sockets now: all of them, or a fraction 0..1. */
  dropSockets?: 'all' | number;
  /** Delay every outbound frame by this many ms. */
  delayMs?: number;
  /** Deliver outbound frames in reverse pairs (each frame is held until the next one, then both go out swapped). With `duplicate`, distinct frames are swapped first, then copied. */
  reorder?: boolean;
  /** Send every outbound frame twice. */
  duplicate?: boolean;
  /** The next `count` (default 1) guest requests get 429 TooManyRequestsErrorMessage. */
  rateLimit?: { retryAfter: number; count?: number };
  /** Every session gets SessionExpiredEvent (4006) now. */
  expireSessions?: boolean;
  /** Platform API faults (read by the Genesys-side surfaces). */
  platform?: { status: 429 | 500 | 503; retryAfter?: number; count?: number; path?: string };
  platformDelayMs?: number;
  /**
   * Webhook faults. `json: "noncanonical"` sends valid JSON that differs from `JSON.stringify` (key order, spaces,
   * `\u` escapes), signed over those exact bytes.
   */
  webhook?: WebhookFault;
}

export interface WebhookFault { signature?: 'bad' | 'missing'; duplicate?: boolean; status?: number; json?: 'noncanonical' }

/** The lasting part of the faults (one-shot actions like dropSockets are not kept). */
export interface ActiveFaults {
  delayMs: number;
  reorder: boolean;
  duplicate: boolean;
  rateLimit: { retryAfter: number; remaining: number } | null;
  platform: { status: 429 | 500 | 503; retryAfter?: number; remaining: number; path?: string } | null;
  platformDelayMs: number;
  webhook: WebhookFault | null;
}

export interface FaultsEvents {
  'drop-sockets': [fraction: number];
  'expire-sessions': [];
}

function emptyFaults(): ActiveFaults {
  return { delayMs: 0, reorder: false, duplicate: false, rateLimit: null, platform: null, platformDelayMs: 0, webhook: null };
}

/** Thrown by {@link Faults.apply} for a body that does not fit {@link FaultsBody}. */
export class FaultsValidationError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FaultsValidationError(`${name} must be a non-negative number`);
  }
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new FaultsValidationError(`${name} must be a boolean`);
  return value;
}

/** Parses an unknown JSON body into a {@link FaultsBody}, throwing {@link FaultsValidationError} with a clear message. */
export function parseFaultsBody(input: unknown): FaultsBody {
  if (!isRecord(input)) throw new FaultsValidationError('faults body must be a JSON object');
  const known = ['dropSockets', 'delayMs', 'reorder', 'duplicate', 'rateLimit', 'expireSessions', 'platform', 'platformDelayMs', 'webhook'];
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) throw new FaultsValidationError(`unknown fault "${key}" (known: ${known.join(', ')})`);
  }
  const body: FaultsBody = {};
  if (input.dropSockets !== undefined) {
    if (input.dropSockets === 'all') body.dropSockets = 'all';
    else {
      const f = nonNegative(input.dropSockets, 'dropSockets');
      if (f > 1) throw new FaultsValidationError('dropSockets must be "all" or a fraction 0..1');
      body.dropSockets = f;
    }
  }
  if (input.delayMs !== undefined) body.delayMs = nonNegative(input.delayMs, 'delayMs');
  const reorder = optionalBoolean(input.reorder, 'reorder');
  if (reorder !== undefined) body.reorder = reorder;
  const duplicate = optionalBoolean(input.duplicate, 'duplicate');
  if (duplicate !== undefined) body.duplicate = duplicate;
  const expire = optionalBoolean(input.expireSessions, 'expireSessions');
  if (expire !== undefined) body.expireSessions = expire;
  if (input.rateLimit !== undefined) {
    if (!isRecord(input.rateLimit)) throw new FaultsValidationError('rateLimit must be {retryAfter, count?}');
    body.rateLimit = { retryAfter: nonNegative(input.rateLimit.retryAfter, 'rateLimit.retryAfter') };
    if (input.rateLimit.count !== undefined) body.rateLimit.count = nonNegative(input.rateLimit.count, 'rateLimit.count');
  }
  if (input.platform !== undefined) {
    const p = input.platform;
    if (!isRecord(p) || (p.status !== 429 && p.status !== 500 && p.status !== 503)) {
      throw new FaultsValidationError('platform must be {status: 429|500|503, retryAfter?, count?, path?}');
    }
    body.platform = { status: p.status };
    if (p.retryAfter !== undefined) body.platform.retryAfter = nonNegative(p.retryAfter, 'platform.retryAfter');
    if (p.count !== undefined) body.platform.count = nonNegative(p.count, 'platform.count');
    if (p.path !== undefined) {
      if (typeof p.path !== 'string') throw new FaultsValidationError('platform.path must be a string');
      body.platform.path = p.path;
    }
  }
  if (input.platformDelayMs !== undefined) body.platformDelayMs = nonNegative(input.platformDelayMs, 'platformDelayMs');
  if (input.webhook !== undefined) {
    const w = input.webhook;
    if (!isRecord(w)) throw new FaultsValidationError('webhook must be {signature?, duplicate?, status?, json?}');
    body.webhook = {};
    if (w.signature !== undefined) {
      if (w.signature !== 'bad' && w.signature !== 'missing') throw new FaultsValidationError('webhook.signature must be "bad" or "missing"');
      body.webhook.signature = w.signature;
    }
    const dup = optionalBoolean(w.duplicate, 'webhook.duplicate');
    if (dup !== undefined) body.webhook.duplicate = dup;
    if (w.status !== undefined) body.webhook.status = nonNegative(w.status, 'webhook.status');
    if (w.json !== undefined) {
      if (w.json !== 'noncanonical') throw new FaultsValidationError('webhook.json must be "noncanonical"');
      body.webhook.json = w.json;
    }
  }
  return body;
}

/**
 * Injected failures for tests and demos. Lasting faults are read by the surfaces (`active`, `takeRateLimit`,
 * `takePlatformFault`); one-shot actions (`dropSockets`, `expireSessions`) are emitted as events.
 */
export class Faults extends EventEmitter<FaultsEvents> {
  private state: ActiveFaults = emptyFaults();

  /** The lasting faults now in force. */
  get active(): Readonly<ActiveFaults> {
    return this.state;
  }

  /** Adds the given faults to those in force and fires the one-shot ones. */
  apply(body: FaultsBody): void {
    if (body.delayMs !== undefined) this.state.delayMs = body.delayMs;
    if (body.reorder !== undefined) this.state.reorder = body.reorder;
    if (body.duplicate !== undefined) this.state.duplicate = body.duplicate;
    if (body.rateLimit) this.state.rateLimit = { retryAfter: body.rateLimit.retryAfter, remaining: body.rateLimit.count ?? 1 };
    if (body.platform) {
      const { status, retryAfter, path } = body.platform;
      this.state.platform = { status, remaining: body.platform.count ?? 1 };
      if (retryAfter !== undefined) this.state.platform.retryAfter = retryAfter;
      if (path !== undefined) this.state.platform.path = path;
    }
    if (body.platformDelayMs !== undefined) this.state.platformDelayMs = body.platformDelayMs;
    if (body.webhook) this.state.webhook = { ...body.webhook };
    if (body.dropSockets !== undefined) this.emit('drop-sockets', body.dropSockets === 'all' ? 1 : body.dropSockets);
    if (body.expireSessions) this.emit('expire-sessions');
  }

  /** Removes every fault. */
  clear(): void {
    this.state = emptyFaults();
  }

  /** If a forced 429 is pending, consumes one and returns its retryAfter (seconds). */
  takeRateLimit(): number | null {
    const limit = this.state.rateLimit;
    if (!limit || limit.remaining <= 0) return null;
    limit.remaining -= 1;
    if (limit.remaining <= 0) this.state.rateLimit = null;
    return limit.retryAfter;
  }

  /** If a Platform API fault applies to `path`, consumes one and returns it. */
  takePlatformFault(path: string): { status: 429 | 500 | 503; retryAfter?: number } | null {
    const fault = this.state.platform;
    if (!fault || fault.remaining <= 0) return null;
    if (fault.path !== undefined && !path.includes(fault.path)) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.state.platform = null;
    return fault.retryAfter === undefined ? { status: fault.status } : { status: fault.status, retryAfter: fault.retryAfter };
  }
}
