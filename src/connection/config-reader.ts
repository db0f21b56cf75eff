/**
 * One read of a deployment's config.json per page, shared: the direct transport (features, limits, the deployment's
 * verdict) and the Messenger settings (launcher, colours, labels, home screen) ask for the same promise, so a page
 * fetches it once, in parallel with the socket. An answer that is not `ok` is not kept (asked again next time).
 */
import { fetchDeploymentConfig, type ConfigOutcome } from './deployment-config.js';

/** The page's fetch (one function, so answers fetched with it are shared; a test passes its own fetch). */
export const pageFetch: typeof fetch = (input, init) => fetch(input, init);

const configKey = (apiCdnBase: string, deploymentId: string): string => `${apiCdnBase}|${deploymentId}`;

let reads = new WeakMap<typeof fetch, Map<string, Promise<ConfigOutcome>>>();
/** Sockets to a deployment that are opening: its config.json waits for them (see holdDeploymentConfig). */
const holds = new Map<string, Promise<unknown>>();

/**
 * A socket to this deployment is opening: reads of its config.json wait until `until` settles (the direct transport
 * passes the socket's opening or the page's first idle moment, whichever comes first: web-messaging.ts). Fetched in a
 * busy handshake, it slowed the handshake by a few ms; it never gates `online`.
 */
export function holdDeploymentConfig(apiCdnBase: string, deploymentId: string, until: Promise<unknown>): void {
  const key = configKey(apiCdnBase, deploymentId);
  holds.set(key, until);
  const release = () => {
    if (holds.get(key) === until) holds.delete(key);
  };
  until.then(release, release);
}

/** config.json of `deploymentId` at `apiCdnBase`: the page's one read while it is pending or was `ok`. */
export function readDeploymentConfig(fetchImpl: typeof fetch, apiCdnBase: string, deploymentId: string): Promise<ConfigOutcome> {
  let byKey = reads.get(fetchImpl);
  if (!byKey) reads.set(fetchImpl, byKey = new Map());
  const key = configKey(apiCdnBase, deploymentId);
  const known = byKey.get(key);
  if (known) return known;
  const hold = holds.get(key);
  const fetchIt = () => fetchDeploymentConfig(fetchImpl, apiCdnBase, deploymentId);
  const fetched = hold ? hold.then(fetchIt, fetchIt) : fetchIt();
  const read = fetched.then((outcome) => {
    if (outcome.kind !== 'ok') byKey.delete(key);
    return outcome;
  });
  byKey.set(key, read);
  return read;
}

/** Forgets every answer (the deployment was changed in Genesys Admin while the page is open; tests). */
export function forgetDeploymentConfig(): void {
  reads = new WeakMap();
}
