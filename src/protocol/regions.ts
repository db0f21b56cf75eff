/**
 * Genesys Cloud regions and the hosts derived from them (spec: web-messaging.md §2.1, platform-api.md §3.5).
 * Shared by the widget (direct transport), the server (OAuth, Platform API) and the tests.
 */

/** Region domains from the official SDKs' region host lists. */
export const GENESYS_REGION_DOMAINS = [
  'mypurecloud.com',
  'use2.us-gov-pure.cloud',
  'usw2.pure.cloud',
  'cac1.pure.cloud',
  'sae1.pure.cloud',
  'mxc1.pure.cloud',
  'mypurecloud.ie',
  'euw2.pure.cloud',
  'mypurecloud.de',
  'euc2.pure.cloud',
  'mec1.pure.cloud',
  'aps1.pure.cloud',
  'apse1.pure.cloud',
  'mypurecloud.com.au',
  'mypurecloud.jp',
  'apne2.pure.cloud',
  'apne3.pure.cloud',
  'edee1.eusc-pure.cloud',
] as const;

export type GenesysRegionDomain = (typeof GENESYS_REGION_DOMAINS)[number];

/** The base URLs of every Genesys surface for one region (or one emulator origin). */
export interface GenesysEndpoints {
  /** Guest WebSocket, without the query: `wss://webmessaging.<domain>/v1`. */
  webMessagingUrl: string;
  /** Platform API and history REST: `https://api.<domain>`. */
  apiBase: string;
  /** Public deployment config host: `https://api-cdn.<domain>`. */
  apiCdnBase: string;
  /** OAuth host: `https://login.<domain>`. */
  loginBase: string;
}

export class RegionError extends Error {
  override name = 'RegionError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');
}

/**
 * Resolves a `region` attribute value into endpoints.
 * - a Genesys domain (`usw2.pure.cloud`) maps to its `webmessaging.`, `api.`, `api-cdn.` and `login.` hosts;
 * - an origin URL (`http://127.0.0.1:8787`, the emulator) means every surface at that origin. Plain http/ws is
 *   accepted only for loopback hosts, so a typo can never send a guest's messages over an unencrypted link.
 */
export function resolveRegion(region: string): GenesysEndpoints {
  const value = region.trim();
  if (!value) throw new RegionError('The region is empty.');
  return /^[a-z]+:\/\//i.test(value) ? originEndpoints(value) : domainEndpoints(value);
}

/** Every surface at the origin of `value`, a URL (the emulator): https/wss anywhere, plain http/ws on loopback only. */
function originEndpoints(value: string): GenesysEndpoints {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RegionError(`The region "${value}" is not a valid URL.`);
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  if (!secure && !(url.protocol === 'http:' || url.protocol === 'ws:')) {
    throw new RegionError(`The region URL must be http(s) or ws(s), not ${url.protocol}`);
  }
  if (!secure && !isLoopback(url.hostname)) {
    throw new RegionError(`Plain ${url.protocol} is allowed only for loopback hosts; use https for ${url.hostname}.`);
  }
  const origin = `${secure ? 'https' : 'http'}://${url.host}`;
  const wsOrigin = `${secure ? 'wss' : 'ws'}://${url.host}`;
  return { webMessagingUrl: `${wsOrigin}/v1`, apiBase: origin, apiCdnBase: origin, loginBase: origin };
}

/** The hosts of a Genesys region domain (`usw2.pure.cloud`, or one of its hosts' names). */
function domainEndpoints(value: string): GenesysEndpoints {
  const domain = value.toLowerCase().replace(/^(webmessaging|api|api-cdn|login|apps)\./, '');
  if (!(GENESYS_REGION_DOMAINS as readonly string[]).includes(domain)) {
    throw new RegionError(
      `Unknown Genesys region "${value}". Use a domain such as ${GENESYS_REGION_DOMAINS.slice(0, 3).join(', ')}.`,
    );
  }
  return {
    webMessagingUrl: `wss://webmessaging.${domain}/v1`,
    apiBase: `https://api.${domain}`,
    apiCdnBase: `https://api-cdn.${domain}`,
    loginBase: `https://login.${domain}`,
  };
}
