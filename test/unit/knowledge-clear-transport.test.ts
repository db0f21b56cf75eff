/**
 * The widget's own direct transport against the real emulator for Presence Clear: the emulator now follows the
 * transport SDK's sequence (SessionClearedEvent, then ConnectionClosedEvent to every connection). Every tab must see
 * `cleared`, none may report "closed from another window", and the next session starts with a fresh token.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startEmulator } from '../../emulator/index.js';
import { memoryStorage } from '../../src/session-store.js';
import type { TransportEvent } from '../../src/transports/transport.js';
import { WebMessagingTransport } from '../../src/transports/web-messaging.js';

const ORIGIN = 'http://localhost:5173';
let emulator: Awaited<ReturnType<typeof startEmulator>>;

/** A browser sets Origin on the upgrade; `ws` needs to be told. */
class BrowserLikeWebSocket extends NodeWebSocket {
  constructor(url: string | URL) {
    super(url, { origin: ORIGIN });
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimitPerMinute: 0 });
});
afterAll(async () => {
  await emulator.close();
});

describe('Presence Clear through the widget\'s direct transport', () => {
  it('both tabs hear cleared, nobody reports an error, the next session has a new token', async () => {
    const storage = memoryStorage();
    const make = (events: TransportEvent[]): WebMessagingTransport => {
      const transport = new WebMessagingTransport({
        region: emulator.url, deploymentId: 'knowledge-deployment', storage,
        WebSocketImpl: BrowserLikeWebSocket as unknown as typeof WebSocket,
        logger: { warn: () => {}, debug: () => {} },
      });
      transport.onEvent((event) => events.push(event));
      return transport;
    };
    const eventsA: TransportEvent[] = [];
    const eventsB: TransportEvent[] = [];
    const tabA = make(eventsA);
    const tabB = make(eventsB);
    try {
      await tabA.connect();
      await tabB.connect();
      const tokenBefore = emulator.ctx.world.conversations().find((c) => c.deploymentId === 'knowledge-deployment')?.sessionToken;
      tabA.sendMessage({ id: crypto.randomUUID(), text: 'please forget this' });
      await vi.waitFor(() => expect(eventsA.some((e) => e.type === 'messages')).toBe(true));

      await tabA.clearConversation();
      await vi.waitFor(() => {
        expect(eventsA.some((e) => e.type === 'cleared')).toBe(true);
        expect(eventsB.some((e) => e.type === 'cleared')).toBe(true);
      });
      expect([...eventsA, ...eventsB].filter((e) => e.type === 'error')).toEqual([]);
      expect([...eventsA, ...eventsB].filter((e) => e.type === 'closed' && 'error' in e && e.error)).toEqual([]);

      await tabA.connect();
      tabA.sendMessage({ id: crypto.randomUUID(), text: 'hello again' });
      const mine = () => emulator.ctx.world.conversations().find((c) => c.messages.some((m) => m.text === 'hello again'));
      await vi.waitFor(() => expect(mine()).toBeDefined());
      expect(mine()?.sessionToken).not.toBe(tokenBefore);
      expect(mine()?.messages.map((m) => m.text)).toEqual(['hello again']);
    } finally {
      tabA.disconnect();
      tabB.disconnect();
    }
  });
});
