/**
 * The Redis store's sweep against a real redis-server: a guest whose keys are about to expire with agent messages
 * never delivered is forgotten once (for the whole cluster) and their owed receipts come back to be sent as Failed;
 * a guest active since, or connected here, is kept. And uploads: one expiring hash per file, binary-safe.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/protocol/model.js';
import { startRedis, type ClusterProcess } from '../../server/cluster.js';
import { RedisStore } from '../../server/redis-store.js';
import { UploadStoreFullError, type UploadRecord } from '../../server/store.js';

const agentMessage = (id: string): ChatMessage => ({
  id, direction: 'outbound', role: 'agent', text: `agent ${id}`, content: [], time: new Date().toISOString(), state: 'sent',
});

describe('RedisStore sweep: Failed receipts before the keys expire', () => {
  let redis: ClusterProcess;
  let raw: Redis;
  const stores: RedisStore[] = [];
  const store = async () => {
    const created = new RedisStore({ url: redis.url, resumeWindowMs: 60_000, prefix: 'sweep:' });
    await created.connect();
    stores.push(created);
    return created;
  };
  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    raw.disconnect();
    await redis.stop('SIGTERM');
  });

  /** A guest whose data now expires in `ms` (what the passing of time does), also in the sweep's index. */
  async function ageGuest(guestId: string, ms: number): Promise<void> {
    for (const kind of ['q', 'x', 'i', 'o', 'g']) await raw.pexpire(`sweep:${kind}:${guestId}`, ms);
    const [seconds, micros] = await raw.time();
    await raw.zadd('sweep:owed-by', Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) + ms, guestId);
  }

  it('forgets an idle guest near expiry once, with the receipts still owed; keeps active and connected guests', async () => {
    const [a, b] = [await store(), await store()];
    for (const guestId of ['idle', 'active', 'here']) {
      await a.putGuest(guestId, { customAttributes: {}, displayName: guestId, hasSentMessage: true });
      await a.acceptAgentMessage(`w-${guestId}-1`, 60_000, guestId, agentMessage(`${guestId}-1`), `payload-${guestId}-1`);
      await a.append(guestId, agentMessage(`${guestId}-2`), `payload-${guestId}-2`);
    }
    // Delivered: its receipt is no longer owed.
    expect(await a.claimReceipt('idle', 2)).toBe('payload-idle-2');
    await ageGuest('idle', 2_000);
    await ageGuest('here', 2_000);
    // 'active' is indexed as if due, but its keys were refreshed since (an append or a socket): it stays.
    await ageGuest('active', 2_000);
    await a.touchGuest('active');

    const [first, second] = await Promise.all([a.sweep((id) => id === 'here'), b.sweep((id) => id === 'here')]);
    const gone = [...first, ...second];
    expect(gone).toEqual([{ guestId: 'idle', owed: ['payload-idle-1'] }]);
    // The idle guest is forgotten (a resume starts anew); the others keep their transcript and owed receipts.
    expect(await a.getGuest('idle')).toBeUndefined();
    expect((await a.since('idle')).entries).toHaveLength(0);
    expect((await a.since('active')).entries).toHaveLength(2);
    expect(await a.claimReceipt('here', 1)).toBe('payload-here-1');
    expect(await raw.pttl('sweep:o:here')).toBeGreaterThan(30_000);
    // Nothing is sent twice: the next sweep finds nothing.
    expect(await a.sweep(() => false)).toEqual([]);
  });

  it('a transcript read never returns an entry above the head it reports, while appends land from another instance', async () => {
    const [reader, writer] = [await store(), await store()];
    await writer.putGuest('busy', { customAttributes: {}, hasSentMessage: true });
    let above = 0;
    for (let i = 0; i < 300; i++) {
      const [read] = await Promise.all([reader.since('busy', Math.max(0, i - 3)), writer.append('busy', agentMessage(`busy-${i}`))]);
      // An entry above the head would be sent twice: once from this read, once live (the socket continues at head).
      above += read.entries.filter((e) => e.seq > read.head).length;
    }
    expect(above).toBe(0);
  });
});

describe('RedisStore uploads: one key per file, binary bytes, expiry', () => {
  let redis: ClusterProcess;
  let raw: Redis;
  let a: RedisStore;
  let b: RedisStore;
  const every = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
  const record = (bytes: Buffer): UploadRecord => ({
    guestId: 'g-1', sessionId: 's-1', mime: 'image/png', filename: 'ré.png', size: bytes.length,
    url: 'https://chat.example.com/api/uploads/id', createdAt: 1_700_000_000_000, bytes,
  });
  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
    [a, b] = [new RedisStore({ url: redis.url, prefix: 'up:' }), new RedisStore({ url: redis.url, prefix: 'up:' })];
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    raw?.disconnect();
    await redis?.stop('SIGTERM');
  });

  it('put on one instance, read on another, byte for byte; a hash with meta and bytes that expires; delete', async () => {
    await a.putUpload('file-1', record(every), 60_000);
    expect(await b.getUpload('file-1')).toEqual(record(every));
    expect(await raw.type('up:upload:file-1')).toBe('hash');
    expect((await raw.hkeys('up:upload:file-1')).sort()).toEqual(['bytes', 'meta']);
    expect(JSON.parse((await raw.hget('up:upload:file-1', 'meta'))!)).not.toHaveProperty('bytes');
    const ttl = await raw.pttl('up:upload:file-1');
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await b.deleteUpload('file-1');
    expect(await a.getUpload('file-1')).toBeUndefined();
    expect(await raw.exists('up:upload:file-1')).toBe(0);
    expect(await a.getUpload('never')).toBeUndefined();
  });

  it('an expired file is gone', async () => {
    await a.putUpload('short', record(every), 150);
    expect(await b.getUpload('short')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.getUpload('short')).toBeUndefined();
  });

  it("Redis' maxmemory reached: UploadStoreFullError (the route answers 503), and nothing half-written", async () => {
    const used = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))![1]);
    await raw.config('SET', 'maxmemory-policy', 'noeviction');
    await raw.config('SET', 'maxmemory', String(used + 64 * 1024));
    try {
      await expect(a.putUpload('too-big', record(Buffer.alloc(1024 * 1024)), 60_000)).rejects.toBeInstanceOf(UploadStoreFullError);
    } finally {
      await raw.config('SET', 'maxmemory', '0');
    }
    expect(await raw.exists('up:upload:too-big')).toBe(0);
  });
});

describe('RedisStore refuses at start a Redis it cannot keep its store in', () => {
  let node: ClusterProcess | undefined;
  afterAll(async () => {
    await node?.stop('SIGTERM');
  });

  it('a Redis Cluster node: a clear error from connect(), not CROSSSLOT on the first message', async () => {
    node = await startRedis({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${process.pid}.conf`] });
    const store = new RedisStore({ url: node.url, prefix: 'refused:' });
    await expect(store.connect()).rejects.toThrow(/REDIS_URL points at a Redis Cluster node/);
  });
});
