/** What the gateway's Redis store accepts, from a Redis' INFO answer (server/redis-compat.ts). */
import { describe, expect, it } from 'vitest';
import { redisIncompatibility } from '../../server/redis-compat.js';

const info = (fields: Record<string, string>): string =>
  `# Server\r\n${Object.entries(fields).map(([k, v]) => `${k}:${v}`).join('\r\n')}\r\n# Keyspace\r\n`;

describe('redisIncompatibility', () => {
  it('accepts Redis 6.2 and later, standalone', () => {
    expect(redisIncompatibility(info({ redis_version: '6.2.0', cluster_enabled: '0' }))).toBeNull();
    expect(redisIncompatibility(info({ redis_version: '7.0.15', cluster_enabled: '0' }))).toBeNull();
    expect(redisIncompatibility(info({ redis_version: '10.0.1' }))).toBeNull(); // numbers, not text, are compared
  });

  it('refuses a Redis older than 6.2, naming the version found', () => {
    expect(redisIncompatibility(info({ redis_version: '6.0.16', cluster_enabled: '0' }))).toMatch(/Redis 6\.0\.16: .*6\.2 or later/);
    expect(redisIncompatibility(info({ redis_version: '5.0.14' }))).toMatch(/Redis 5\.0\.14/);
  });

  it('refuses a Redis Cluster node, whatever its version', () => {
    expect(redisIncompatibility(info({ redis_version: '7.2.4', cluster_enabled: '1' }))).toMatch(/Redis Cluster/);
  });

  it('lets pass what it cannot read (no INFO rights, another server speaking RESP)', () => {
    expect(redisIncompatibility('')).toBeNull();
    expect(redisIncompatibility(info({ redis_version: 'unknown' }))).toBeNull();
    expect(redisIncompatibility(info({ cluster_enabled: '0' }))).toBeNull();
  });
});
