/**
 * The gateway store in Redis (`REDIS_URL`: one Redis 6.2+, not a Redis Cluster, see redis-compat.ts): what lets
 * several instances behind a load balancer act as one gateway, and any one of them die without losing a message.
 *
 * - One Redis Stream per guest is the source of truth for their transcript: entry id `0-<seq>`, trimmed with
 *   `XADD MAXLEN ~ <transcriptLimit>`, expiring with the resume window. A reconnecting socket replays with
 *   `XRANGE` after its `lastSeq`, on whichever instance it lands.
 * - Routing is pub/sub on a per-guest channel that only instances holding one of the guest's sockets subscribe to.
 *   Pub/sub is at most once; a socket that sees a gap in `seq` reads it back from the stream (server/delivery.ts).
 * - Typing goes over pub/sub only. Webhook payload keys are de-duplicated with `SET NX` (Genesys retries may land
 *   on another instance). Receipts owed are a hash per guest; `HDEL` decides which instance sends one.
 * - The OAuth token is shared with a `SET NX` lock (one token request per lifetime for the whole cluster), and the
 *   outbound pacing to Genesys is a sliding window in a sorted set, so the limit holds for the cluster.
 * - A guest's upload is one hash (`meta` JSON, `bytes` binary) with its own expiry: one key, so Redis Cluster-safe,
 *   and any instance serves the file Genesys fetches.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import type {
  AcceptResult, AppendResult, BufferedMessage, GatewayStore, GuestListener, GuestProfile, SessionRecord, SharedToken,
  SharedTokenCache, SlotGate,
} from './store.js';
import { UploadStoreFullError, type UploadRecord } from './upload-store.js';
import { redisIncompatibility } from './redis-compat.js';

export interface RedisStoreOptions {
  url: string;
  /** Key prefix (several deployments may share one Redis). Default `gc:`. */
  prefix?: string;
  /** Messages kept per guest. Default 200. */
  transcriptLimit?: number;
  /** A guest's data lives this long after their last activity. Default 24 h. */
  resumeWindowMs?: number;
  /** Sessions live this much longer than the resume window (their token lifetime). Default 15 min. */
  sessionTtlMs?: number;
}

/**
 * Appends once per message id to a guest's stream (keys k: seq counter, stream, id -> seq, owed receipts, channel,
 * owed index: a guest owing a receipt is scored there by when their keys expire, for the sweep);
 * returns {seq, duplicate, dropped payload ids...} and publishes the entry to the guest's channel.
 */
const APPEND_FUNCTION = `
local function append(k, messageId, json, payloadId, limit, ttl, guestId)
  local existing = redis.call('HGET', k[3], messageId)
  if existing then return {tonumber(existing), 1} end
  local seq = redis.call('INCR', k[1])
  redis.call('XADD', k[2], 'MAXLEN', '~', limit, '0-' .. seq, 'm', json, 'p', payloadId)
  redis.call('HSET', k[3], messageId, seq)
  if payloadId ~= '' then redis.call('HSET', k[4], seq, payloadId) end
  local result = {seq, 0}
  local cutoff = seq - limit
  if cutoff > 0 then
    local owed = redis.call('HGETALL', k[4])
    for i = 1, #owed, 2 do
      if tonumber(owed[i]) <= cutoff then
        table.insert(result, owed[i + 1])
        redis.call('HDEL', k[4], owed[i])
      end
    end
    if seq % 50 == 0 then
      local ids = redis.call('HGETALL', k[3])
      for i = 1, #ids, 2 do
        if tonumber(ids[i + 1]) <= cutoff then redis.call('HDEL', k[3], ids[i]) end
      end
    end
  end
  for i = 1, 4 do redis.call('PEXPIRE', k[i], ttl) end
  if payloadId ~= '' then
    local t = redis.call('TIME')
    redis.call('ZADD', k[6], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ttl), guestId)
  end
  redis.call('PUBLISH', k[5], 'e\\n' .. seq .. '\\n' .. payloadId .. '\\n' .. json)
  return result
end
`;

const APPEND = `${APPEND_FUNCTION}
return append({KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]}, ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6])
`;

/**
 * An agent message from the webhook in one round trip: the replay check (`SET NX`, KEYS[1]), the guest's existence
 * (KEYS[2]), then the append (KEYS[3..8]). {-1}: a replay; {-2}: unknown guest; else as APPEND.
 */
const ACCEPT = `${APPEND_FUNCTION}
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[6], 'NX') then return {-1} end
if redis.call('EXISTS', KEYS[2]) == 0 then return {-2} end
return append({KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]}, ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[7])
`;

const CLAIM_RECEIPT = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then redis.call('HDEL', KEYS[1], ARGV[1]) end
return v
`;

/**
 * Forgets a guest whose data is about to expire with receipts still owed (KEYS: seq, stream, ids, owed, profile,
 * owed index; ARGV: guest id, how close to expiry counts). Atomic, so one instance of the cluster sends the Failed
 * receipts. Returns the owed payload ids; false when the guest was active since (its keys live on).
 */
const FORGET_IF_EXPIRING = `
local ttl = redis.call('PTTL', KEYS[4])
if ttl > tonumber(ARGV[2]) then return false end
redis.call('ZREM', KEYS[6], ARGV[1])
local owed = redis.call('HVALS', KEYS[4])
if #owed > 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]) end
return owed
`;

const RATE_HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return redis.call('PTTL', KEYS[1]) end
return 0
`;

/** Sliding-window start slots on Redis' own clock (instances' clocks may differ). */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local limit = tonumber(ARGV[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[1]) end
return 0
`;

const DELETE_IF = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class RedisStore implements GatewayStore {
  readonly kind = 'redis' as const;
  readonly tokenCache: SharedTokenCache;
  readonly slotGate: SlotGate;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly transcriptLimit: number;
  private readonly resumeWindowMs: number;
  private readonly sessionTtlMs: number;
  private readonly listeners = new Map<string, Set<GuestListener>>();

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix ?? 'gc:';
    this.transcriptLimit = options.transcriptLimit ?? 200;
    this.resumeWindowMs = Math.max(60_000, options.resumeWindowMs ?? 86_400_000);
    this.sessionTtlMs = this.resumeWindowMs + (options.sessionTtlMs ?? 900_000);
    // Commands wait through a short outage (reconnect with backoff) instead of failing at once.
    const redisOptions = { lazyConnect: true, maxRetriesPerRequest: 20, retryStrategy: (times: number) => Math.min(50 * times, 1000) };
    // Auto-pipelining: commands issued in the same tick leave in one write (one syscall), which is most of the cost
    // per agent message under load.
    this.redis = new Redis(options.url, { ...redisOptions, enableAutoPipelining: true });
    this.subscriber = new Redis(options.url, redisOptions);
    // Scripts by SHA (EVALSHA; ioredis loads them on first use).
    this.redis.defineCommand('gcAppend', { numberOfKeys: 6, lua: APPEND });
    this.redis.defineCommand('gcAccept', { numberOfKeys: 8, lua: ACCEPT });
    this.redis.defineCommand('gcClaimReceipt', { numberOfKeys: 1, lua: CLAIM_RECEIPT });
    this.redis.defineCommand('gcRateHit', { numberOfKeys: 1, lua: RATE_HIT });
    this.redis.defineCommand('gcTakeSlot', { numberOfKeys: 2, lua: TAKE_SLOT });
    this.redis.defineCommand('gcPause', { numberOfKeys: 1, lua: PAUSE });
    this.redis.defineCommand('gcDeleteIf', { numberOfKeys: 1, lua: DELETE_IF });
    this.redis.defineCommand('gcForgetIfExpiring', { numberOfKeys: 6, lua: FORGET_IF_EXPIRING });
    this.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.onMessage(channel.toString('utf8'), payload.toString('utf8')));
    // Errors surface through the commands that fail; an unhandled 'error' event must not crash the process.
    this.redis.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.tokenCache = new RedisTokenCache(this.redis, `${this.prefix}oauth:`, (...args) => this.script('gcDeleteIf', ...args));
    this.slotGate = {
      take: async (limit, windowMs) => Number(await this.script('gcTakeSlot', this.key('pace'), this.key('pace:pause'), limit, Math.ceil(windowMs), randomUUID())),
      pauseFor: async (ms) => {
        await this.script('gcPause', this.key('pace:pause'), Math.max(1, Math.ceil(ms)));
      },
    };
  }

  /**
   * Connects both clients; throws a clear error when Redis cannot be reached or cannot hold the store (too old, or a
   * Redis Cluster: redis-compat.ts), at start instead of on the first message.
   */
  async connect(): Promise<void> {
    let problem: string | null;
    try {
      await Promise.all([this.redis.connect(), this.subscriber.connect()]);
      await this.redis.ping();
      // A user whose ACL forbids INFO is not refused for it: nothing can be told then, and most Redis are fine.
      problem = redisIncompatibility(await this.redis.info().catch(() => ''));
    } catch (error) {
      this.disconnect();
      throw new Error(`Redis at REDIS_URL cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (problem) {
      this.disconnect();
      throw new Error(problem);
    }
  }

  private disconnect(): void {
    this.redis.disconnect();
    this.subscriber.disconnect();
  }

  /** Runs a script defined in the constructor. */
  private script(name: string, ...args: (string | number)[]): Promise<unknown> {
    return (this.redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)[name]!(...args);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  async putSession(session: SessionRecord): Promise<void> {
    await this.redis.set(this.key(`s:${session.sessionId}`), JSON.stringify(session), 'PX', this.sessionTtlMs);
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const raw = await this.redis.get(this.key(`s:${sessionId}`));
    return raw ? JSON.parse(raw) as SessionRecord : undefined;
  }

  async getGuest(guestId: string): Promise<GuestProfile | undefined> {
    const raw = await this.redis.get(this.key(`g:${guestId}`));
    return raw ? JSON.parse(raw) as GuestProfile : undefined;
  }

  async putGuest(guestId: string, profile: GuestProfile): Promise<void> {
    await this.redis.set(this.key(`g:${guestId}`), JSON.stringify(profile), 'PX', this.resumeWindowMs);
  }

  async touchGuest(guestId: string): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const k of this.guestKeys(guestId)) pipeline.pexpire(k, this.resumeWindowMs);
    pipeline.pexpire(this.key(`g:${guestId}`), this.resumeWindowMs);
    await pipeline.exec();
  }

  /** seq counter, stream, message id -> seq, owed receipts. */
  private guestKeys(guestId: string): [string, string, string, string] {
    return [this.key(`q:${guestId}`), this.key(`x:${guestId}`), this.key(`i:${guestId}`), this.key(`o:${guestId}`)];
  }

  async append(guestId: string, message: ChatMessage, undeliveredPayloadId?: string): Promise<AppendResult> {
    const json = JSON.stringify(message);
    const result = await this.script(
      'gcAppend', ...this.guestKeys(guestId), this.key(`c:${guestId}`), this.key('owed-by'),
      message.id, json, undeliveredPayloadId ?? '', this.transcriptLimit, this.resumeWindowMs, guestId,
    ) as (number | string)[];
    const seq = Number(result[0]);
    const duplicate = Number(result[1]) === 1;
    const entry: BufferedMessage = { seq, message, ...(undeliveredPayloadId && !duplicate ? { undeliveredPayloadId } : {}) };
    return { entry, duplicate, dropped: result.slice(2).map(String) };
  }

  async acceptAgentMessage(replayKey: string, replayWindowMs: number, guestId: string, message: ChatMessage, payloadId: string): Promise<AcceptResult> {
    const result = await this.script(
      'gcAccept', this.key(`w:${replayKey}`), this.key(`g:${guestId}`), ...this.guestKeys(guestId), this.key(`c:${guestId}`),
      this.key('owed-by'), message.id, JSON.stringify(message), payloadId, this.transcriptLimit, this.resumeWindowMs,
      Math.max(1, replayWindowMs), guestId,
    ) as (number | string)[];
    const first = Number(result[0]);
    if (first === -1) return { outcome: 'replay', dropped: [] };
    if (first === -2) return { outcome: 'unknown', dropped: [] };
    return { outcome: Number(result[1]) === 1 ? 'duplicate' : 'appended', dropped: result.slice(2).map(String) };
  }

  async since(guestId: string, afterSeq?: number): Promise<{ entries: BufferedMessage[]; head: number }> {
    const [seqKey, streamKey, , owedKey] = this.guestKeys(guestId);
    // One transaction: an append between reading the head and the range would put an entry in the range above the
    // head, and the socket (which continues from the head) would be sent that entry a second time.
    const read = async (start: string) => {
      const replies = await this.redis.multi().get(seqKey).xrange(streamKey, start, '+').hgetall(owedKey).exec();
      if (!replies || replies.some(([error]) => error)) throw new Error(`reading the transcript of ${guestId} failed`);
      return {
        head: Number(replies[0]![1] ?? 0), range: replies[1]![1] as [string, string[]][], owed: replies[2]![1] as Record<string, string>,
      };
    };
    let { head, range, owed } = await read(afterSeq === undefined ? '-' : `(0-${afterSeq}`);
    // Beyond the head: the buffer was reset (the guest's keys expired and came back); send all of it.
    if (afterSeq !== undefined && afterSeq > head) ({ head, range, owed } = await read('-'));
    // Approximate trimming keeps a few more than the limit: show exactly the last `transcriptLimit`.
    const floor = head - this.transcriptLimit;
    const entries: BufferedMessage[] = [];
    for (const [id, fields] of range) {
      const seq = Number(id.slice(2));
      if (seq <= floor) continue;
      const entry = entryOf(seq, fields, owed[String(seq)]);
      if (entry) entries.push(entry);
    }
    return { entries, head };
  }

  async findMessage(guestId: string, messageId: string): Promise<BufferedMessage | undefined> {
    const [, streamKey, idsKey, owedKey] = this.guestKeys(guestId);
    const seq = await this.redis.hget(idsKey, messageId);
    if (!seq) return undefined;
    const [range, owed] = await Promise.all([this.redis.xrange(streamKey, `0-${seq}`, `0-${seq}`), this.redis.hget(owedKey, seq)]);
    const first = range[0];
    return first ? entryOf(Number(seq), first[1], owed ?? undefined) : undefined;
  }

  async claimReceipt(guestId: string, seq: number): Promise<string | undefined> {
    const value = await this.script('gcClaimReceipt', this.guestKeys(guestId)[3], seq) as string | null;
    return value ?? undefined;
  }

  async publishTyping(guestId: string, durationMs: number): Promise<void> {
    await this.redis.publish(this.key(`c:${guestId}`), `t\n${Math.round(durationMs)}`);
  }

  async subscribe(guestId: string, listener: GuestListener): Promise<void> {
    let set = this.listeners.get(guestId);
    if (!set) {
      this.listeners.set(guestId, (set = new Set()));
      set.add(listener);
      await this.subscriber.subscribe(this.key(`c:${guestId}`));
      return;
    }
    set.add(listener);
  }

  async unsubscribe(guestId: string, listener: GuestListener): Promise<void> {
    const set = this.listeners.get(guestId);
    if (!set) return;
    set.delete(listener);
    if (set.size > 0) return;
    this.listeners.delete(guestId);
    await this.subscriber.unsubscribe(this.key(`c:${guestId}`));
  }

  private onMessage(channel: string, payload: string): void {
    const guestId = channel.slice(this.prefix.length + 2);
    const set = this.listeners.get(guestId);
    if (!set) return;
    try {
      if (payload.startsWith('t\n')) {
        const durationMs = Number(payload.slice(2));
        for (const listener of [...set]) listener({ kind: 'typing', durationMs });
        return;
      }
      // e\n<seq>\n<payloadId or empty>\n<message JSON>
      const first = payload.indexOf('\n', 2);
      const second = payload.indexOf('\n', first + 1);
      const seq = Number(payload.slice(2, first));
      const payloadId = payload.slice(first + 1, second);
      const message = JSON.parse(payload.slice(second + 1)) as ChatMessage;
      const entry: BufferedMessage = { seq, message, ...(payloadId ? { undeliveredPayloadId: payloadId } : {}) };
      for (const listener of [...set]) listener({ kind: 'entry', entry });
    } catch {
      // A malformed notice: the next entry's gap check reads the stream instead.
    }
  }

  async firstSeen(key: string, windowMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(`w:${key}`), '1', 'PX', Math.max(1, windowMs), 'NX')) === 'OK';
  }

  async rateHit(key: string, max: number, windowMs: number): Promise<number> {
    if (max <= 0) return 0;
    const ttl = Number(await this.script('gcRateHit', this.key(`r:${key}`), max, windowMs));
    return ttl > 0 ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(`k:${key}`), '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.key(`k:${key}`));
  }

  async putUpload(id: string, record: UploadRecord, ttlMs: number): Promise<void> {
    const { bytes, ...meta } = record;
    const key = this.key(`upload:${id}`);
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await this.redis.multi().hset(key, 'meta', JSON.stringify(meta), 'bytes', bytes).pexpire(key, Math.max(1, ttlMs)).exec();
    } catch (error) {
      throw outOfMemory(error) ? new UploadStoreFullError('Redis has no room for the file; try again later.') : error;
    }
    const failed = replies?.find(([error]) => error)?.[0];
    if (failed && outOfMemory(failed)) throw new UploadStoreFullError('Redis has no room for the file; try again later.');
    if (!replies || failed) throw new Error(`storing upload ${id.slice(0, 6)}… failed: ${failed?.message ?? 'transaction aborted'}`);
  }

  async getUpload(id: string): Promise<UploadRecord | undefined> {
    const fields = await this.redis.hgetallBuffer(this.key(`upload:${id}`));
    if (!fields.meta || !fields.bytes) return undefined;
    return { ...JSON.parse(fields.meta.toString('utf8')) as Omit<UploadRecord, 'bytes'>, bytes: fields.bytes };
  }

  async deleteUpload(id: string): Promise<void> {
    await this.redis.del(this.key(`upload:${id}`));
  }

  /**
   * Guest keys expire on their own after the resume window, and with them the receipts still owed. So guests that
   * owe receipts are indexed by when their keys expire; a guest within `sweepAheadMs` of it (and not connected here)
   * is forgotten a little early, once in the cluster, and their owed receipts come back to be sent as Failed.
   */
  async sweep(isConnected: (guestId: string) => boolean): Promise<{ guestId: string; owed: string[] }[]> {
    const index = this.key('owed-by');
    const now = await this.redisNow(); // the index is scored on Redis' clock (instances' clocks may differ)
    const due = await this.redis.zrangebyscore(index, '-inf', now + this.sweepAheadMs, 'LIMIT', 0, SWEEP_BATCH);
    const gone: { guestId: string; owed: string[] }[] = [];
    for (const guestId of due) {
      if (isConnected(guestId)) {
        await this.touchGuest(guestId);
        continue;
      }
      const owed = await this.script('gcForgetIfExpiring', ...this.guestKeys(guestId), this.key(`g:${guestId}`), index,
        guestId, this.sweepAheadMs) as string[] | null;
      if (owed === null) {
        // Active since it was indexed: look again when its keys would expire now.
        const ttl = await this.redis.pttl(this.guestKeys(guestId)[3]);
        await this.redis.zadd(index, now + Math.max(0, ttl), guestId);
      } else if (owed.length) {
        gone.push({ guestId, owed });
      }
    }
    return gone;
  }

  /** How close to its keys' expiry a guest owing receipts is forgotten (the sweep runs at half this period). */
  get sweepAheadMs(): number {
    return Math.min(120_000, Math.floor(this.resumeWindowMs / 4));
  }

  private async redisNow(): Promise<number> {
    const [seconds, micros] = await this.redis.time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.subscriber.quit(), this.redis.quit()]);
  }
}

/** Redis' answer when `maxmemory` is reached (`OOM command not allowed…`, or a MULTI aborted by it). */
function outOfMemory(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const previous = (error as { previousErrors?: unknown[] }).previousErrors ?? [];
  return /\bOOM\b/.test(error.message) || previous.some((e) => e instanceof Error && /\bOOM\b/.test(e.message));
}

/** Guests looked at per sweep (the rest wait for the next one). */
const SWEEP_BATCH = 500;

function entryOf(seq: number, fields: string[], owedPayloadId: string | undefined): BufferedMessage | undefined {
  let json: string | undefined;
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === 'm') json = fields[i + 1];
  if (json === undefined) return undefined;
  return { seq, message: JSON.parse(json) as ChatMessage, ...(owedPayloadId ? { undeliveredPayloadId: owedPayloadId } : {}) };
}

/** The cluster's one OAuth token: read from Redis; fetched by whichever instance takes the lock. */
class RedisTokenCache implements SharedTokenCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly deleteIf: (key: string, value: string) => Promise<unknown>,
  ) {}

  async get(): Promise<SharedToken | null> {
    const raw = await this.redis.get(`${this.prefix}token`);
    return raw ? JSON.parse(raw) as SharedToken : null;
  }

  async singleFlight(fetch: () => Promise<SharedToken>): Promise<SharedToken> {
    const lockKey = `${this.prefix}lock`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const stored = await this.get();
      if (stored && Date.now() < stored.renewAt) return stored;
      const owner = randomUUID();
      if ((await this.redis.set(lockKey, owner, 'PX', 30_000, 'NX')) === 'OK') {
        try {
          // Someone may have stored one between our read and the lock.
          const again = await this.get();
          if (again && Date.now() < again.renewAt) return again;
          const token = await fetch();
          await this.redis.set(`${this.prefix}token`, JSON.stringify(token), 'PX', Math.max(1, token.expiresAt - Date.now()));
          return token;
        } finally {
          await this.deleteIf(lockKey, owner).catch(() => undefined);
        }
      }
      // Another instance is fetching: a still-valid old token is good meanwhile.
      if (stored && Date.now() < stored.expiresAt - 1000) return stored;
      if (Date.now() > deadline) throw new Error('timed out waiting for the cluster OAuth token');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async invalidate(value: string): Promise<void> {
    const stored = await this.get();
    if (stored?.value === value) await this.deleteIf(`${this.prefix}token`, JSON.stringify(stored));
  }
}
