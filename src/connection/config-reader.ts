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

/** config.json of `deploymentId` at `apiCdnBase`: the page's one read while it is pending or was `ok`. */
export function readDeploymentConfig(fetchImpl: typeof fetch, apiCdnBase: string, deploymentId: string): Promise<ConfigOutcome> {
  let byKey = reads.get(fetchImpl);
  if (!byKey) reads.set(fetchImpl, byKey = new Map());
  const key = configKey(apiCdnBase, deploymentId);
  const known = byKey.get(key);
  if (known) return known;
  const read = fetchDeploymentConfig(fetchImpl, apiCdnBase, deploymentId).then((outcome) => {
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
