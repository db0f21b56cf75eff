import { describe, expect, it } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { ChatController } from '../../src/chat-controller.js';
import { createTransport, customAttributesOf, isCompleteConfig, LazyGatewayTransport } from '../../src/transports/index.js';
import { WebMessagingTransport } from '../../src/transports/web-messaging.js';
import { memoryStorage } from '../../src/session-store.js';
import { FakeHost } from './support/fake-transport.js';
import { MockWebSocketImpl } from './support/fake-genesys.js';

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
