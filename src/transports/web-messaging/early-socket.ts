/**
 * A guest socket opened before the transport's first connect(): by the element the moment it is attached, before its
 * first update (a microtask later, where the connection starts, once Lit has put back the properties the page set),
 * and by a transport that is connected right after it is created (`openSocketNow`). The handshake then overlaps the
 * rest of the start (docs/bench.md, seventh and twelfth passes). The transport takes it when it is for the same URL
 * (web-messaging.ts `takePreopened`); otherwise it is closed unused.
 */
import { resolveRegion } from '../../protocol/regions.js';
import { webMessagingSocketUrl } from '../../protocol/web-messaging.js';
import { holdDeploymentConfig } from '../../connection/config-reader.js';
import { whenIdle } from '../../idle.js';

/** The longest config.json waits for an idle moment while the socket opens (then it is asked for anyway). */
export const CONFIG_IDLE_WAIT_MS = 50;

/** A socket and the URL it was opened for. */
export interface OpenedSocket {
  url: string;
  socket: WebSocket;
  /**
   * config.json's readers held for this socket (openGuestSocket) go when `until` settles: the hold of the transport
   * that took the socket, which lets its configure request out first.
   */
  releaseConfig?: (until: Promise<unknown>) => void;
}

/**
 * Opens the guest socket of `region` and `deploymentId` (and `application`: the element leaves the transport's
 * default), or returns null when the region is not one (the transport then says why) or the browser has no WebSocket. Readers of the deployment's
 * config.json (the Messenger settings) wait as the transport makes them wait: until it opened or the page is idle.
 */
export function openGuestSocket(region: string, deploymentId: string,
  WebSocketImpl: typeof WebSocket | undefined = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket,
  application?: string): OpenedSocket | null {
  if (!WebSocketImpl || !deploymentId) return null;
  let apiCdnBase: string;
  let url: string;
  try {
    const endpoints = resolveRegion(region);
    apiCdnBase = endpoints.apiCdnBase;
    url = webMessagingSocketUrl(endpoints.webMessagingUrl, deploymentId, application);
  } catch {
    return null;
  }
  let socket: WebSocket;
  try {
    socket = new WebSocketImpl(url);
  } catch {
    return null; // refused by the browser (a blocked port): the transport tries again and says why
  }
  let releaseConfig: (until: Promise<unknown>) => void = () => {};
  // Until a transport takes the socket, or the page's first idle moment (a socket never taken).
  holdDeploymentConfig(apiCdnBase, deploymentId, new Promise<void>((resolve) => {
    whenIdle(resolve, CONFIG_IDLE_WAIT_MS);
    releaseConfig = (until) => until.then(() => resolve(), () => resolve());
  }));
  return { url, socket, releaseConfig };
}
