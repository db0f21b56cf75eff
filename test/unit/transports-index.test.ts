import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { ChatController } from '../../src/chat-controller.js';
import { createTransport, customAttributesOf, isCompleteConfig, LazyGatewayTransport } from '../../src/transports/index.js';
import { WebMessagingTransport } from '../../src/transports/web-messaging.js';
import type { TransportEvent } from '../../src/transports/transport.js';
import { openGuestSocket } from '../../src/transports/web-messaging/early-socket.js';
import { memoryStorage } from '../../src/session-store.js';
import { readDeploymentConfig } from '../../src/connection/config-reader.js';
import { FakeHost } from './support/fake-transport.js';
import { countingSockets, FakeFetch, FakeGenesys, MockWebSocketImpl, REGION, uniqueDeployment } from './support/fake-genesys.js';

describe('createTransport', () => {
  it('picks the direct transport for region + deploymentId and the gateway for tokenEndpoint', () => {
    expect(createTransport({ region: 'usw2.pure.cloud', deploymentId: 'd' }, { storage: memoryStorage() })).toBeInstanceOf(WebMessagingTransport);
    const deps = { storage: memoryStorage(), WebSocketImpl: MockWebSocketImpl };
    expect(createTransport({ tokenEndpoint: '/api/session', region: 'usw2.pure.cloud', deploymentId: 'd' }, deps))
      .toBeInstanceOf(LazyGatewayTransport); // the gateway transport's code loads on first connect
  });

  it('sends skill as the custom attribute `skill`, next to the page\'s attributes', () => {
    expect(customAttributesOf({ skill: 'Billing', customAttributes: { accountId: '42' } })).toEqual({ accountId: '42', skill: 'Billing' });
  });

  it('knows when a config is complete', () => {
    expect(isCompleteConfig(null)).toBe(false);
    expect(isCompleteConfig({ region: 'usw2.pure.cloud' })).toBe(false);
    expect(isCompleteConfig({ region: 'usw2.pure.cloud', deploymentId: 'd' })).toBe(true);
    expect(isCompleteConfig({ tokenEndpoint: '/api/session' })).toBe(true);
  });

  it('an unknown region fails the controller with a bad-region error a person can act on', async () => {
    const host = new FakeHost();
    const controller = new ChatController(host as unknown as ReactiveControllerHost & HTMLElement,
      () => ({ region: 'atlantis.example', deploymentId: 'd' }),
      { window: null, document: null, isOnline: () => true, logger: { warn: () => {}, debug: () => {} }, transportDeps: { storage: memoryStorage() } });
    controller.connect();
    await new Promise((resolve) => setImmediate(resolve));
    expect(controller.status).toBe('failed');
    expect(controller.lastError).toMatchObject({ code: 'bad-region', fatal: true });
    expect(controller.lastError?.message).toMatch(/Unknown Genesys region/);
  });
});

describe('ChatController: the first socket', () => {
  const servers: FakeGenesys[] = [];
  const controllers: ChatController[] = [];
  afterEach(() => {
    for (const c of controllers.splice(0)) c.hostDisconnected();
    for (const g of servers.splice(0)) g.stop();
  });

  function rig(wakeOnAttach?: () => boolean) {
    const deploymentId = uniqueDeployment();
    const genesys = new FakeGenesys(deploymentId);
    servers.push(genesys);
    const { opened, WebSocketImpl: CountingSocket } = countingSockets();
    const win = new EventTarget();
    const net = { online: true };
    const controller = new ChatController(new FakeHost() as unknown as ReactiveControllerHost & HTMLElement,
      () => ({ region: REGION, deploymentId }),
      { window: win, document: null, isOnline: () => net.online, logger: { warn: () => {}, debug: () => {} },
        ...(wakeOnAttach ? { wakeOnAttach } : {}),
        transportDeps: { storage: memoryStorage(), WebSocketImpl: CountingSocket, fetchImpl: new FakeFetch().fetch } });
    controllers.push(controller);
    return { genesys, opened, win, net, controller };
  }

  it('connect() opens one socket and configures the session on it', async () => {
    const r = rig();
    r.controller.connect();
    expect(r.opened).toHaveLength(1);
    await vi.waitFor(() => expect(r.controller.status).toBe('online'));
    expect(r.opened).toHaveLength(1);
    expect(r.genesys.actions().filter((action) => action === 'configureSession')).toHaveLength(1);
  });

  it('attaching connects at once by default', () => {
    const r = rig();
    r.controller.hostConnected();
    expect(r.opened).toHaveLength(1);
  });

  it('attaching waits while the host says so (the element: until its first update); wake() then connects', async () => {
    const started = { now: false };
    const r = rig(() => started.now);
    r.controller.hostConnected();
    expect(r.opened).toHaveLength(0);
    expect(r.controller.status).toBe('idle');
    started.now = true;
    r.controller.wake();
    expect(r.opened).toHaveLength(1);
    await vi.waitFor(() => expect(r.controller.status).toBe('online'));
    // Attached again later (moved on the page): the host lets it wake at once.
    r.controller.hostDisconnected();
    r.controller.hostConnected();
    await vi.waitFor(() => expect(r.controller.status).toBe('online'));
  });

  it('while the browser is offline nothing is opened; back online, one socket', async () => {
    const r = rig();
    r.net.online = false;
    r.controller.hostConnected();
    r.controller.connect();
    expect(r.controller.status).toBe('offline');
    expect(r.opened).toHaveLength(0);
    r.net.online = true;
    r.win.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(r.controller.status).toBe('online'));
    expect(r.opened).toHaveLength(1);
  });
});

describe('createTransport: a socket the element opened on attach', () => {
  const servers: FakeGenesys[] = [];
  const transports: { disconnect(): void }[] = [];
  afterEach(() => {
    for (const t of transports.splice(0)) t.disconnect();
    for (const g of servers.splice(0)) g.stop();
  });

  function rig(config: (deploymentId: string) => Parameters<typeof createTransport>[0], earlyRegion = REGION) {
    const deploymentId = uniqueDeployment();
    servers.push(new FakeGenesys(deploymentId));
    const { opened, WebSocketImpl: CountingSocket } = countingSockets();
    const early = openGuestSocket(earlyRegion, deploymentId, CountingSocket);
    const closeCalls = early ? vi.spyOn(early.socket, 'close') : null;
    const deps = { storage: memoryStorage(), WebSocketImpl: CountingSocket, fetchImpl: new FakeFetch().fetch, takeEarlySocket: () => early };
    const transport = createTransport(config(deploymentId), deps, true);
    transports.push(transport);
    return { opened, transport, closeCalls };
  }

  it('the direct transport for its URL configures the session on it: one socket in all', async () => {
    const { opened, transport } = rig((deploymentId) => ({ region: REGION, deploymentId }));
    await transport.connect();
    expect(opened).toHaveLength(1);
    expect(opened[0]?.readyState).toBe(MockWebSocketImpl.OPEN);
  });

  it('one for another URL (a property the page set before the first update) is closed unused; the transport opens its own', async () => {
    const { opened, transport } = rig((deploymentId) => ({ region: REGION, deploymentId }), 'http://localhost:8787');
    await transport.connect();
    expect(opened).toHaveLength(2);
    expect(opened[0]?.url).toMatch(/^ws:\/\/localhost:8787\//);
    expect(opened[0]?.readyState).toBeGreaterThanOrEqual(MockWebSocketImpl.CLOSING);
    expect(opened[1]?.readyState).toBe(MockWebSocketImpl.OPEN);
  });

  it('a gateway closes it at once', () => {
    const { opened, closeCalls } = rig(() => ({ tokenEndpoint: '/api/session' }));
    expect(opened).toHaveLength(1);
    expect(closeCalls).toHaveBeenCalledTimes(1);
  });

  it('an incomplete config (no deployment, or no region) closes it at once', () => {
    const { closeCalls } = rig(() => ({ region: REGION }));
    expect(closeCalls).toHaveBeenCalledTimes(1);
    servers.splice(0).forEach((g) => g.stop());
    const noRegion = rig((deploymentId) => ({ deploymentId }));
    expect(noRegion.closeCalls).toHaveBeenCalledTimes(1);
  });

  it('a direct config does not close it before the transport decides', () => {
    const { closeCalls } = rig((deploymentId) => ({ region: REGION, deploymentId }));
    expect(closeCalls).not.toHaveBeenCalled();
  });
});

describe('openGuestSocket', () => {
  /** A fetch that records the URLs asked for (config.json answers 404: nothing is kept). */
  function recordingFetch(): { calls: string[]; fetchImpl: typeof fetch } {
    const calls: string[] = [];
    const fetchImpl = ((input: string | URL | Request) => {
      calls.push(String(input));
      return Promise.resolve(new Response('{}', { status: 404 }));
    }) as typeof fetch;
    return { calls, fetchImpl };
  }
  const flushMicrotasks = async (): Promise<void> => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  };
  /** An early socket, and config.json asked for by another reader (the Messenger settings, on attach) right after. */
  function heldRead(): { early: ReturnType<typeof openGuestSocket>; calls: string[]; configUrl: string } {
    const deploymentId = uniqueDeployment();
    const { WebSocketImpl: CountingSocket } = countingSockets();
    const { calls, fetchImpl } = recordingFetch();
    const early = openGuestSocket(REGION, deploymentId, CountingSocket);
    void readDeploymentConfig(fetchImpl, REGION, deploymentId);
    return { early, calls, configUrl: `${REGION}/webdeployments/v1/deployments/${deploymentId}/config.json` };
  }

  it('a browser that refuses the address in the constructor (a blocked port): no early socket; the transport fails with a clear error', async () => {
    const Refusing = class {
      constructor() {
        throw new DOMException('The port 6000 is not allowed.', 'SecurityError');
      }
    } as unknown as typeof WebSocket;
    expect(openGuestSocket('http://127.0.0.1:6000', 'd', Refusing)).toBe(null);
    const events: TransportEvent[] = [];
    // openSocketNow: the constructor does not throw either (open() tries again and says why).
    const transport = new WebMessagingTransport({ region: 'http://127.0.0.1:6000', deploymentId: 'd', WebSocketImpl: Refusing,
      storage: memoryStorage(), fetchImpl: new FakeFetch().fetch, openSocketNow: true });
    transport.onEvent((event) => events.push(event));
    await expect(transport.connect()).rejects.toMatchObject({ code: 'bad-region', fatal: true });
    expect(events).toEqual([expect.objectContaining({ type: 'closed', reconnect: false,
      error: expect.objectContaining({ code: 'bad-region', message: expect.stringContaining('port 6000 is not allowed') }) })]);
  });

  it('holds config.json\'s readers until the transport that took the socket lets them go (its configure request first)', async () => {
    const { early, calls, configUrl } = heldRead();
    await flushMicrotasks();
    expect(calls).toHaveLength(0);
    early?.releaseConfig?.(Promise.resolve()); // the transport's own hold settled
    await flushMicrotasks(); // before any task: the page's idle moment has not come
    expect(calls).toEqual([configUrl]);
    early?.socket.close();
  });

  it('a hold that fails lets them go too', async () => {
    const { early, calls } = heldRead();
    early?.releaseConfig?.(Promise.reject(new Error('the transport went away')));
    await flushMicrotasks();
    expect(calls).toHaveLength(1);
    early?.socket.close();
  });

  it('a socket no transport takes holds them only until the page is idle', async () => {
    const { early, calls } = heldRead();
    await flushMicrotasks();
    expect(calls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 0)); // Node has no requestIdleCallback: the next task
    await flushMicrotasks();
    expect(calls).toHaveLength(1);
    early?.socket.close();
  });

  it('opens the transport\'s URL for a region and deployment; nothing for a region that is not one', () => {
    const { opened, WebSocketImpl: CountingSocket } = countingSockets();
    const early = openGuestSocket('usw2.pure.cloud', 'dep 1', CountingSocket);
    expect(early?.url).toBe('wss://webmessaging.usw2.pure.cloud/v1?deploymentId=dep+1&application=genesys-chat');
    early?.socket.close();
    expect(openGuestSocket('ftp://nowhere.example', 'd', CountingSocket)).toBe(null);
    expect(openGuestSocket('usw2.pure.cloud', '', CountingSocket)).toBe(null);
    expect(opened).toHaveLength(1);
  });
});
