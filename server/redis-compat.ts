/**
 * Whether the Redis behind `REDIS_URL` can hold the gateway's store, from its `INFO` answer. The store needs Redis
 * 6.2 or later (exclusive `XRANGE` bounds) and one keyspace: its scripts read and write a guest's keys and the
 * cluster-wide indexes in one step, which a sharded Redis Cluster refuses when the keys live in different hash slots
 * (`CROSSSLOT`, on the first message rather than at start). A primary with replicas behind one address is fine.
 */

/** The oldest Redis the store works with. */
export const MIN_REDIS_VERSION = [6, 2] as const;

/** Why the Redis that answered `info` (the text of `INFO`) cannot hold the store, or null when it can (or cannot tell). */
export function redisIncompatibility(info: string): string | null {
  const field = (name: string): string | undefined => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  if (field('cluster_enabled') === '1') {
    return 'REDIS_URL points at a Redis Cluster node: the gateway needs one Redis (a primary, with replicas if you like), ' +
      'not a sharded cluster; its scripts update a guest\'s keys and the shared indexes together, which Redis Cluster ' +
      'refuses across hash slots.';
  }
  const version = field('redis_version');
  const [major, minor] = (version ?? '').split('.').map(Number);
  if (version !== undefined && Number.isInteger(major) && Number.isInteger(minor)) {
    const [needMajor, needMinor] = MIN_REDIS_VERSION;
    if (major! < needMajor || (major === needMajor && minor! < needMinor)) {
      return `REDIS_URL points at Redis ${version}: the gateway needs Redis ${needMajor}.${needMinor} or later.`;
    }
  }
  return null;
}
